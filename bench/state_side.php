<?php
/**
 * One side of the state benchmark: saves and loads, through
 * Horde_ActiveSync_State_Sql on a SQLite file, the state of a mail
 * collection holding a real Horde_ActiveSync_Folder_Imap of N messages,
 * with CONDSTORE (a UID list) and without (a UID list with flags), and
 * prints JSON timings (best of ROUNDS) and the stored sizes.
 * bench/state.php runs it with Debian's engine and with ours.
 *
 *   php state_side.php horde|native SQLITE_FILE N ROUNDS
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

[, $side, $file, $n, $rounds] = $argv;
$n = (int)$n;
if ($side === 'horde') {
    error_reporting(E_ALL & ~E_DEPRECATED);
    require_once 'Horde/Autoloader/Default.php';
} else {
    require dirname(__DIR__) . '/tests/phpunit/bootstrap.php';
}

$db = new Horde_Db_Adapter_Pdo_Sqlite(['dbname' => $file, 'charset' => 'utf-8']);
$state = new Horde_ActiveSync_State_Sql(['db' => $db]);
$device = new Horde_ActiveSync_Device($state);
foreach (['id' => "bench-$side", 'user' => 'bench', 'deviceType' => 'iPhone', 'userAgent' => 'bench',
          'rwstatus' => Horde_ActiveSync::RWSTATUS_OK, 'policykey' => 1] as $k => $v) {
    $device->$k = $v;
}
$device->save();
$state->loadDeviceInfo("bench-$side", 'bench');
$folderProp = new ReflectionProperty($state, '_folder');
$folderProp->setAccessible(true);

// A folder of N messages with a few holes, as a real folder has.
mt_srand(7);
$uids = $flags = [];
for ($uid = 1; count($uids) < $n; $uid++) {
    if (mt_rand(0, 49)) {
        $uids[] = $uid;
        $flags[$uid] = ['read' => mt_rand(0, 2) ? 1 : 0, 'flagged' => (int)(mt_rand(0, 40) == 0)];
    }
}

$result = [];
foreach (['condstore' => 5000, 'plain' => 0] as $mode => $modseq) {
    $collection = ['id' => "F-$mode", 'class' => Horde_ActiveSync::CLASS_EMAIL, 'serverid' => "INBOX.$mode"];
    $folder = new Horde_ActiveSync_Folder_Imap($collection['serverid'], Horde_ActiveSync::CLASS_EMAIL);
    if ($modseq) {
        $folder->primeFolder($uids);
    } else {
        $folder->setChanges($uids, $flags);
    }
    $folder->setStatus(['uidvalidity' => 9, 'uidnext' => $uid, 'highestmodseq' => $modseq, 'messages' => $n]);
    $folder->updateState();

    $key = 0;
    $best = ['save' => INF, 'load' => INF];
    for ($r = 0; $r < $rounds; $r++) {
        $state->loadState($collection, $key, Horde_ActiveSync::REQUEST_TYPE_SYNC, $collection['id']);
        $folderProp->setValue($state, $folder);
        $next = $state->getNewSyncKeyWrapper($key);
        $state->setNewSyncKey($next);
        $t = microtime(true);
        $state->save();
        $best['save'] = min($best['save'], microtime(true) - $t);
        $key = $next;

        $t = microtime(true);
        $state->loadState($collection, $key, Horde_ActiveSync::REQUEST_TYPE_SYNC, $collection['id']);
        $best['load'] = min($best['load'], microtime(true) - $t);
        if (count($folderProp->getValue($state)->messages()) != $n) {
            fwrite(STDERR, "state lost messages\n");
            exit(1);
        }
        if (method_exists($state, 'releaseLocks')) {
            $state->releaseLocks();
        }
    }
    $columns = $db->columns('horde_activesync_state');
    $bytes = strlen($columns['sync_data']->binaryToString(
        $db->selectValue('SELECT sync_data FROM horde_activesync_state WHERE sync_key = ?', [$key])));
    $result[$mode] = $best + ['bytes' => $bytes];
}
echo json_encode($result), "\n";
