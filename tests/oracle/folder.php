<?php
/**
 * Debian's Horde_ActiveSync_Folder_Imap playing folder scripts (see
 * folder_runner.php), for comparison with ours. Runs in its own process:
 * both define the same class names.
 *
 *   php folder.php SCRIPTS.json [--unpatched]
 *       one JSON array with the observations of each script
 *
 * By default one Horde bug is patched out (see Oracle_Folder_Imap); with
 * --unpatched Horde's class runs exactly as shipped.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

// Horde's class reads flags of messages it only knows by list position
// (warnings) and implements the deprecated Serializable alone.
error_reporting(E_ALL & ~E_WARNING & ~E_NOTICE & ~E_DEPRECATED);
require_once 'Horde/Autoloader/Default.php';
require __DIR__ . '/folder_runner.php';

/**
 * Without CONDSTORE, Horde's updateState() keeps, for a known message the
 * last listing did not report, its position in the old list instead of
 * flags. The message at position 0 then counts as unknown (empty(0)), so
 * when it comes back into the filter window its flag changes are never
 * reported. This subclass stores a non-zero marker instead, which is what
 * every other such message gets; our engine behaves so.
 */
class Oracle_Folder_Imap extends Horde_ActiveSync_Folder_Imap
{
    public function updateState()
    {
        parent::updateState();
        if (empty($this->_status[self::HIGHESTMODSEQ])) {
            foreach ($this->_messages as $uid => $value) {
                if (!is_array($value)) {
                    $this->_messages[$uid] = 1;
                }
            }
        }
    }
}

$class = in_array('--unpatched', $argv, true) ? 'Horde_ActiveSync_Folder_Imap' : 'Oracle_Folder_Imap';
$scripts = json_decode(file_get_contents($argv[1]), true);
$results = [];
foreach ($scripts as $script) {
    $results[] = folder_run_script($class, $script);
}
echo json_encode($results);
