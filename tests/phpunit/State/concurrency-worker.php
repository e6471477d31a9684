<?php
/**
 * One of many processes hammering one device's FolderSync state and sync
 * cache (see ConcurrencyTest): each round takes the newest key, adds one
 * folder named after itself, and saves under the next key; a round that
 * finds someone else advanced the key meanwhile starts over.
 *
 *   php concurrency-worker.php BACKEND SQLITE_FILE WORKER ROUNDS [LOCK_DIR]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

require __DIR__ . '/../bootstrap.php';

use Horde\ActiveSync\Test\Support\Databases;
use Horde_ActiveSync as AS_;

[, $backend, $file, $worker, $rounds] = $argv;
$lockDir = $argv[5] ?? '';
$class = Databases::adapterClass($backend);
$db = new $class(Databases::params($backend, $file));
$state = new Horde_ActiveSync_State_Sql(['db' => $db, 'lock_wait' => 60] + ($lockDir !== '' ? ['lock_dir' => $lockDir] : []));
$state->loadDeviceInfo('dev1', 'alice');

$done = 0;
$retries = 0;
while ($done < $rounds) {
    $newest = function () use ($db) {
        $keys = $db->selectValues("SELECT sync_key FROM horde_activesync_state WHERE sync_folderid = 'foldersync'");
        usort($keys, fn($a, $b) => Horde_ActiveSync_State_Base::getSyncKeyCounter($b)
                                   <=> Horde_ActiveSync_State_Base::getSyncKeyCounter($a));
        return $keys[0];
    };
    $key = $newest();
    try {
        $state->loadState([], $key, AS_::REQUEST_TYPE_FOLDERSYNC);
    } catch (Horde_ActiveSync_Exception_StateGone $e) {
        // Two or more steps behind by now: that key is gone, as for a client.
        $retries++;
        continue;
    }
    if ($newest() !== $key) {
        // Advanced between our read and our lock: a real client would be replaying.
        $state->releaseLocks();
        $retries++;
        continue;
    }
    $id = "W{$worker}R{$done}";
    $state->updateState(AS_::CHANGE_TYPE_CHANGE, ['id' => $id, 'mod' => $id, 'parent' => '0', 'serverid' => $id],
        AS_::CHANGE_ORIGIN_PIM);
    $state->setNewSyncKey($state->getNewSyncKeyWrapper($key));
    $state->save();

    $cache = new Horde_ActiveSync_SyncCache($state, 'dev1', 'alice');
    $cache->addCollection(['id' => $id, 'class' => 'Email']);
    $cache->save();
    $done++;
}
echo "$retries\n";
