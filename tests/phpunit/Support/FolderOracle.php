<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Support;

use RuntimeException;

/**
 * Runs folder scripts (tests/oracle/folder_runner.php) through Debian's
 * Horde_ActiveSync_Folder_Imap in a child process, and through ours here.
 */
class FolderOracle
{
    public static function available(): bool
    {
        return is_file('/usr/share/php/Horde/ActiveSync/Folder/Imap.php');
    }

    /** Observations of Debian's class, one list per script. */
    public static function horde(array $scripts, bool $patched = true): array
    {
        $file = tempnam(sys_get_temp_dir(), 'eas-folder');
        file_put_contents($file, json_encode($scripts));
        $cmd = 'php -d include_path=.:/usr/share/php -d memory_limit=1G '
            . escapeshellarg(EAS_TEST_ROOT . '/tests/oracle/folder.php') . ' ' . escapeshellarg($file)
            . ($patched ? '' : ' --unpatched');
        $proc = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        proc_close($proc);
        unlink($file);
        $results = json_decode($out, true);
        if (!is_array($results) || count($results) != count($scripts)) {
            throw new RuntimeException('folder oracle failed: ' . $err . substr($out, 0, 500));
        }
        return $results;
    }

    /** Observations of our class, through JSON as the oracle's are. */
    public static function ours(array $scripts): array
    {
        require_once EAS_TEST_ROOT . '/tests/oracle/folder_runner.php';
        $results = [];
        foreach ($scripts as $script) {
            $results[] = json_decode(json_encode(folder_run_script('Horde_ActiveSync_Folder_Imap', $script)), true);
        }
        return $results;
    }
}
