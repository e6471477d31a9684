<?php
/**
 * One side of the state benchmark: saves and loads, through
 * Horde_ActiveSync_State_Sql on a SQLite file, a state of N entries shaped
 * like message UIDs with their flags, and prints JSON timings and the
 * stored size. bench/state.php runs it with Debian's engine and with ours.
 *
 *   php state_side.php horde|native SQLITE_FILE N ROUNDS
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

[, $side, $file, $n, $rounds] = $argv;
if ($side === 'horde') {
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

// The folder list kind of state (what a FolderSync keeps): one entry per
// UID with its flags, as a mail collection's state carries them.
$entries = [];
for ($uid = 1, $i = 0; $i < $n; $i++, $uid += 1 + ($i % 7 == 0)) {
    $entries[] = ['id' => $uid, 'mod' => 9000000 + $i, 'serverid' => 'INBOX', 'parent' => '0',
                  'flags' => ['read' => $i % 3 != 0, 'flagged' => $i % 50 == 0]];
}
$prop = new ReflectionProperty($state, '_folder');
$prop->setAccessible(true);

$key = 0;
$best = ['save' => INF, 'load' => INF];
for ($r = 0; $r < $rounds; $r++) {
    $state->loadState([], $key, Horde_ActiveSync::REQUEST_TYPE_FOLDERSYNC);
    $prop->setValue($state, $entries);
    $next = $state->getNewSyncKeyWrapper($key);
    $state->setNewSyncKey($next);
    $t = microtime(true);
    $state->save();
    $best['save'] = min($best['save'], microtime(true) - $t);
    $key = $next;

    $t = microtime(true);
    $state->loadState([], $key, Horde_ActiveSync::REQUEST_TYPE_FOLDERSYNC);
    $best['load'] = min($best['load'], microtime(true) - $t);
    if (count($state->getKnownFolders()) != $n) {
        fwrite(STDERR, "state lost entries\n");
        exit(1);
    }
    if (method_exists($state, 'releaseLocks')) {
        $state->releaseLocks();
    }
}
$columns = $db->columns('horde_activesync_state');
$bytes = strlen($columns['sync_data']->binaryToString(
    $db->selectValue('SELECT sync_data FROM horde_activesync_state WHERE sync_key = ?', [$key])));
echo json_encode($best + ['bytes' => $bytes]), "\n";
