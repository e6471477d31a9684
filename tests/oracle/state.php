<?php
/**
 * Debian's Horde_ActiveSync_State_Sql storing and loading the state of a
 * mail collection (a real Horde_ActiveSync_Folder_Imap) in the database our
 * tests use, so that rows can be exchanged with our engine both ways. Runs
 * in its own process: both define the same class names.
 *
 *   php state.php save DB.json DEVID USER KEY COLLECTION SPEC.json
 *       builds a folder from SPEC (serverid, status, uids, flags) as a Sync
 *       would, and saves it under KEY
 *   php state.php load DB.json DEVID USER KEY COLLECTION SERVERID
 *       loads KEY and prints the folder as JSON
 *
 * DB.json: {"class": Horde_Db adapter class, "params": its parameters}.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

error_reporting(E_ALL & ~E_DEPRECATED & ~E_WARNING & ~E_NOTICE);
require_once 'Horde/Autoloader/Default.php';

[, $command, $dbSpec, $devId, $user, $key, $collectionId] = $argv;
$spec = json_decode(file_get_contents($dbSpec), true);
$db = new $spec['class']($spec['params']);
$state = new Horde_ActiveSync_State_Sql(['db' => $db]);
$state->loadDeviceInfo($devId, $user);
$folderProp = new ReflectionProperty($state, '_folder');
$folderProp->setAccessible(true);

if ($command === 'save') {
    $in = json_decode(file_get_contents($argv[7]), true);
    $collection = ['id' => $collectionId, 'class' => Horde_ActiveSync::CLASS_EMAIL, 'serverid' => $in['serverid']];
    $state->loadState($collection, 0, Horde_ActiveSync::REQUEST_TYPE_SYNC, $collectionId);
    $folder = new Horde_ActiveSync_Folder_Imap($in['serverid'], Horde_ActiveSync::CLASS_EMAIL);
    if (!empty($in['status']['highestmodseq'])) {
        $folder->primeFolder($in['uids']);
    } else {
        $folder->setChanges($in['uids'], $in['flags']);
    }
    $folder->setStatus($in['status']);
    $folder->updateState();
    $folderProp->setValue($state, $folder);
    $state->setNewSyncKey($key);
    $state->save();
    echo json_encode(['saved' => $key]);
} else {
    $collection = ['id' => $collectionId, 'class' => Horde_ActiveSync::CLASS_EMAIL, 'serverid' => $argv[7]];
    $state->loadState($collection, $key, Horde_ActiveSync::REQUEST_TYPE_SYNC, $collectionId);
    $folder = $folderProp->getValue($state);
    $messages = array_map('intval', array_values($folder->messages()));
    sort($messages);
    echo json_encode(['messages' => $messages, 'uidnext' => (int)$folder->uidnext(), 'modseq' => (int)$folder->modseq(),
                      'uidvalidity' => $folder->uidvalidity(), 'hi' => $folder->haveInitialSync,
                      'serverid' => $folder->serverid()]);
}
