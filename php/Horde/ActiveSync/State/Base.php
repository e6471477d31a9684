<?php
/**
 * Horde_ActiveSync_State_Base: what every state backend shares. It holds
 * the loaded collection state (the folder object or, for FolderSync, the
 * folder list), computes the changes to send from it and the driver, and
 * owns the sync-key rules (through the native SyncKey engine).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

use Horde\ActiveSync\Native\ChangeSet;
use Horde\ActiveSync\Native\SyncKey;

abstract class Horde_ActiveSync_State_Base
{
    /** Seconds of history each FILTERTYPE asks for. */
    protected const FILTER_SECONDS = [
        Horde_ActiveSync::FILTERTYPE_1DAY => 86400,
        Horde_ActiveSync::FILTERTYPE_3DAYS => 259200,
        Horde_ActiveSync::FILTERTYPE_1WEEK => 604800,
        Horde_ActiveSync::FILTERTYPE_2WEEKS => 1209600,
        Horde_ActiveSync::FILTERTYPE_1MONTH => 2419200,
        Horde_ActiveSync::FILTERTYPE_3MONTHS => 7257600,
        Horde_ActiveSync::FILTERTYPE_6MONTHS => 14515200,
    ];

    protected $_params;
    /** Horde_ActiveSync_Folder_Base for a Sync, the folder stat list for a FolderSync. */
    protected $_folder;
    protected $_syncKey;
    protected $_backend;
    protected $_procid;
    protected $_lastSyncStamp = 0;
    protected $_thisSyncStamp = 0;
    protected $_collection;
    protected $_logger;
    /** @var Horde_ActiveSync_Device */
    protected $_deviceInfo;
    protected $_changes;
    protected $_type;
    protected $_folderUidMap;
    /**
     * Whether a Sync's diff advanced the folder object without finding
     * anything to send: its state is worth storing under the same key
     * (see updateSyncStamp()), or the next Ping would report the same
     * server change again and again.
     */
    protected $_folderAdvanced = false;

    public function __construct(array $params = [])
    {
        $this->_params = $params;
        $this->_logger = empty($params['logger'])
            ? new Horde_ActiveSync_Log_Logger(new Horde_Log_Handler_Null())
            : Horde_ActiveSync::_wrapLogger($params['logger']);
        $this->_procid = getmypid();
    }

    public function setNewSyncKey($newKey)
    {
        $this->_syncKey = $newKey;
    }

    public function getCurrentSyncKey()
    {
        return $this->_syncKey;
    }

    public function generatePolicyKey()
    {
        return random_int(1000000000, mt_getrandmax());
    }

    public function getPolicyKey($devId)
    {
        $this->_requireDevice($devId);
        return $this->_deviceInfo->policykey;
    }

    public function getDeviceRWStatus($devId, $refresh = false)
    {
        $this->_requireDevice($devId);
        if ($refresh) {
            $this->loadDeviceInfo($this->_deviceInfo->id, $this->_deviceInfo->user, ['force' => true]);
        }
        return $this->_deviceInfo->rwstatus;
    }

    public function setBackend(Horde_ActiveSync_Driver_Base $backend)
    {
        $this->_backend = $backend;
    }

    public function setLogger($logger)
    {
        $this->_logger = Horde_ActiveSync::_wrapLogger($logger);
    }

    public function getChangeCount()
    {
        if (!isset($this->_changes)) {
            $this->getChanges();
        }
        return count($this->_changes);
    }

    /** A client change conflicts when the server changed the item since the last sync. */
    public function isConflict($stat, $type)
    {
        return $stat['mod'] > $this->_lastSyncStamp
            && ($type == Horde_ActiveSync::CHANGE_TYPE_DELETE || $type == Horde_ActiveSync::CHANGE_TYPE_CHANGE);
    }

    public function getKnownFolders()
    {
        if (!isset($this->_folder)) {
            throw new Horde_ActiveSync_Exception('Sync state not loaded');
        }
        return array_map(fn($folder) => $folder['id'], array_values($this->_folder));
    }

    /** Folder uid => backend id, from the persistent map the sync cache keeps. */
    public function getFolderUidToBackendIdMap()
    {
        if (!isset($this->_folderUidMap)) {
            $cache = $this->getSyncCache($this->_deviceInfo->id, $this->_deviceInfo->user, ['folders', 'foldermap']);
            $map = [];
            foreach ((array)$cache['folders'] as $uid => $folder) {
                if (isset($folder['serverid'])) {
                    $map[$folder['serverid']] = (string)$uid;
                }
            }
            foreach ((array)($cache['foldermap'] ?? []) as $uid => $backendId) {
                $map[$backendId] = (string)$uid;
            }
            $this->_folderUidMap = $map;
        }
        return $this->_folderUidMap;
    }

    public function getFolderUidForBackendId($serverid)
    {
        $this->_folderUidMap = null;
        $map = $this->getFolderUidToBackendIdMap();
        if (isset($map[$serverid])) {
            $this->_logger->meta(sprintf('STATE: Found folder uid %s for %s.', $map[$serverid], $serverid));
            return $map[$serverid];
        }
        $this->_logger->meta(sprintf('STATE: No folder uid for %s.', $serverid));
        return false;
    }

    /**
     * The changes to send: for a collection, the driver's changes since the
     * last sync minus those the device made itself; for FolderSync, the
     * difference between the stored and the current folder list.
     *
     * Options: ping (only find out whether anything changed), maxitems.
     */
    public function getChanges(array $options = [])
    {
        if (empty($this->_collection['id'])) {
            $this->_getFolderChanges();
            return $this->_changes;
        }
        if (!empty($this->_changes)) {
            $this->_logger->meta('STATE: Returning previously found changes.');
            return $this->_changes;
        }
        $cutoff = self::_getCutOffDate($this->_collection['filtertype'] ?? 0);
        $this->_thisSyncStamp = $this->_backend->getSyncStamp($this->_folder->serverid(), $this->_lastSyncStamp);
        if ($this->_thisSyncStamp === false) {
            throw new Horde_ActiveSync_Exception_StaleState(
                'Detecting a change in timestamp or modification sequence. Reseting state.');
        }
        try {
            $changes = $this->_backend->getServerChanges(
                $this->_folder,
                (int)$this->_lastSyncStamp,
                (int)$this->_thisSyncStamp,
                $cutoff,
                !empty($options['ping']),
                $this->_folder->haveInitialSync,
                !empty($options['maxitems']) ? $options['maxitems'] : 100,
                !empty($this->_collection['forcerefresh'])
            );
        } catch (Horde_Exception_AuthenticationFailure $e) {
            throw new Horde_ActiveSync_Exception_FolderGone($e->getMessage());
        }
        if (empty($options['ping'])) {
            $this->_folder->updateState();
            $this->_folderAdvanced = !count($changes);
        }
        $this->_logger->meta(sprintf('STATE: Found %d message changes in %s.', count($changes), $this->_collection['id']));
        $this->_changes = [];
        if (!count($changes)) {
            return $this->_changes;
        }
        if (is_array(reset($changes)) && $this->_collection['class'] != Horde_ActiveSync::CLASS_EMAIL) {
            $changes = self::_normalizePimChanges($changes);
        }
        if (!is_array(reset($changes)) || !$this->_havePIMChanges()) {
            $this->_changes = array_values($changes);
            return $this->_changes;
        }
        $this->_changes = $this->_collection['class'] == Horde_ActiveSync::CLASS_EMAIL
            ? $this->_markClientMailChanges(array_values($changes))
            : $this->_dropClientPimChanges(array_values($changes));
        return $this->_changes;
    }

    /** Mail changes the device made itself stay in the list, marked 'ignore'. */
    protected function _markClientMailChanges(array $changes)
    {
        $mailmap = $this->_getMailMapChanges($changes);
        foreach ($changes as $i => $change) {
            if (empty($mailmap[$change['id']][$change['type']])) {
                continue;
            }
            // A message the client moved here arrives as new: Outlook 2013 alone wants it suppressed.
            if ($change['type'] == Horde_ActiveSync::CHANGE_TYPE_CHANGE
                && ($change['flags'] ?? null) == Horde_ActiveSync::FLAG_NEWMESSAGE
                && $this->_deviceInfo->deviceType != 'WindowsOutlook15') {
                continue;
            }
            $changes[$i]['ignore'] = true;
            $this->_logger->meta(sprintf('STATE: Ignoring client initiated %s for %s', $change['type'], $change['id']));
        }
        return $changes;
    }

    /** PIM changes the device made (and nobody changed since) are dropped. */
    protected function _dropClientPimChanges(array $changes)
    {
        $clientTimes = $this->_getPIMChangeTS($changes);
        $keep = [];
        foreach ($changes as $change) {
            if (empty($clientTimes[$change['id']])) {
                $keep[] = $change;
                continue;
            }
            $mod = $change['type'] == Horde_ActiveSync::CHANGE_TYPE_DELETE
                ? 0
                : $this->_backend->statMessage($this->_folder->serverid(), $change['id'])['mod'];
            if ($clientTimes[$change['id']] >= $mod) {
                $this->_logger->meta(sprintf('STATE: Ignoring client initiated change for %s', $change['id']));
            } else {
                $keep[] = $change;
            }
        }
        return $keep;
    }

    /**
     * One entry per item of a PIM change list: added then changed is an
     * add, added then deleted (or out of the window) nothing, changed then
     * deleted a delete, repeats once (Native\ChangeSet::normalizePim()).
     */
    protected static function _normalizePimChanges(array $changes)
    {
        $kept = [];
        foreach (ChangeSet::normalizePim($changes) as $key) {
            $kept[] = $changes[$key];
        }
        return $kept;
    }

    protected function _getFolderChanges()
    {
        $folderlist = $this->_backend->getFolderList();
        if ($folderlist === false) {
            return false;
        }
        foreach ($folderlist as &$folder) {
            if (empty($folder['serverid'])) {
                $folder['serverid'] = $folder['id'];
            }
        }
        unset($folder);
        $this->_changes = $this->_getDiff(empty($this->_folder) ? [] : $this->_folder, $folderlist);
        $this->_logger->meta(sprintf('STATE: Found %d folder changes.', count($this->_changes)));
    }

    /** A new sync key following $syncKey (a new uid for "0"), avoiding uid collisions. */
    public function getNewSyncKeyWrapper($syncKey)
    {
        for ($attempt = 0; $attempt < 10; $attempt++) {
            $newKey = self::getNewSyncKey($syncKey);
            if (!$this->checkCollision($newKey)) {
                return $newKey;
            }
            $this->_logger->err(sprintf('STATE: Sync key %s collides; generating another.', $newKey));
        }
        throw new Horde_ActiveSync_Exception('Could not generate a unique sync key.');
    }

    /** True when a fresh key's uid is already used by another collection of this device. */
    public function checkCollision($syncKey)
    {
        $parsed = SyncKey::isValid($syncKey) ? SyncKey::parse($syncKey) : null;
        if (!$parsed || $parsed['counter'] != 1) {
            return false;
        }
        return $this->_checkCollision($parsed['uid']);
    }

    public static function getNewSyncKey($syncKey)
    {
        if (empty($syncKey)) {
            return SyncKey::generate();
        }
        $parsed = SyncKey::isValid((string)$syncKey) ? SyncKey::parse((string)$syncKey) : null;
        if (!$parsed || !$parsed['hex']) {
            throw new Horde_ActiveSync_Exception('Invalid SyncKey format passed to getNewSyncKey()');
        }
        try {
            return SyncKey::next((string)$syncKey);
        } catch (Horde_ActiveSync_Exception $e) {
            throw new Horde_ActiveSync_Exception('Invalid SyncKey format passed to getNewSyncKey()');
        }
    }

    /** The counter part as written, or false. */
    public static function getSyncKeyCounter($syncKey)
    {
        $parsed = self::_parseHexKey($syncKey);
        return $parsed ? $parsed['digits'] : false;
    }

    /** The "{uid}" part, braces included, or null. */
    public static function getSyncKeyUid($syncKey)
    {
        $parsed = self::_parseHexKey($syncKey);
        return $parsed ? '{' . $parsed['uid'] . '}' : null;
    }

    protected static function _parseHexKey($syncKey)
    {
        if (!is_string($syncKey) || !SyncKey::isValid($syncKey)) {
            return null;
        }
        $parsed = SyncKey::parse($syncKey);
        return $parsed && $parsed['hex'] ? $parsed : null;
    }

    protected static function _getCutOffDate($restrict)
    {
        if ($restrict == Horde_ActiveSync::FILTERTYPE_INCOMPLETETASKS) {
            return $restrict;
        }
        return isset(self::FILTER_SECONDS[$restrict]) ? time() - self::FILTER_SECONDS[$restrict] : 0;
    }

    /**
     * Folder list differences (Native\ChangeSet::hierarchy()): deletions
     * for folders gone, deepest first; changes for new folders (flagged
     * NewMessage) and for renamed, moved or retyped ones, parents before
     * children.
     */
    protected function _getDiff($old, $new)
    {
        // Entries that are not folder stats (a damaged row, a broken backend) are skipped.
        $old = array_values(array_filter((array)$old, 'is_array'));
        $new = array_values(array_filter((array)$new, 'is_array'));
        $changes = [];
        foreach (ChangeSet::hierarchy($old, $new) as [$kind, $index]) {
            if ($kind == 'delete') {
                $changes[] = ['type' => Horde_ActiveSync::CHANGE_TYPE_DELETE, 'id' => $old[$index]['id'],
                              // Folders the client created are stored with 'folderid'.
                              'serverid' => $old[$index]['serverid'] ?? $old[$index]['folderid'] ?? $old[$index]['id']];
            } elseif ($kind == 'add') {
                $changes[] = ['type' => Horde_ActiveSync::CHANGE_TYPE_CHANGE, 'flags' => Horde_ActiveSync::FLAG_NEWMESSAGE,
                              'id' => $new[$index]['id'], 'serverid' => $new[$index]['serverid'] ?? $new[$index]['id']];
            } else {
                $changes[] = ['type' => Horde_ActiveSync::CHANGE_TYPE_CHANGE, 'id' => $new[$index]['id'],
                              'serverid' => $new[$index]['serverid'] ?? $new[$index]['id']];
            }
        }
        return $changes;
    }

    /** Kept for callers of Horde's API: orders folder stats by id, highest first. */
    public static function RowCmp($a, $b)
    {
        return $a['id'] < $b['id'] ? 1 : -1;
    }

    public function getLatestSynckeyForCollection($collection_id)
    {
        $data = $this->getSyncCache($this->_deviceInfo->id, $this->_deviceInfo->user, ['collections']);
        return empty($data['collections'][$collection_id]['lastsynckey'])
            ? 0
            : $data['collections'][$collection_id]['lastsynckey'];
    }

    protected function _requireDevice($devId)
    {
        if (empty($this->_deviceInfo) || $this->_deviceInfo->id != $devId) {
            throw new Horde_ActiveSync_Exception('Device not loaded.');
        }
    }

    protected function _loadState()
    {
        throw new Horde_ActiveSync_Exception('Must be implemented in concrete class.');
    }

    protected function _havePIMChanges()
    {
        throw new Horde_ActiveSync_Exception('Must be implemented in concrete class.');
    }

    protected function _getMailMapChanges(array $changes)
    {
        throw new Horde_ActiveSync_Exception('Must be implemented in concrete class.');
    }

    protected function _getPIMChangeTS(array $changes)
    {
        throw new Horde_ActiveSync_Exception('Must be implemented in concrete class.');
    }

    public function updateSyncStamp()
    {
        throw new Horde_ActiveSync_Exception('Not supported in this state driver.');
    }

    abstract public function loadState(array $collection, $syncKey, $type = null, $id = null, array $options = []);
    /** @param array $options  preservePending: keep the stored pending changes (a Ping checkpoint). */
    abstract public function save(array $options = []);
    abstract public function updateState($type, array $change, $origin = Horde_ActiveSync::CHANGE_ORIGIN_NA,
                                         $user = null, $clientid = '');
    abstract public function setPolicyKey($devId, $key);
    abstract public function resetAllPolicyKeys();
    abstract public function setDeviceRWStatus($devId, $status);
    abstract public function loadDeviceInfo($device, $user = null, $params = []);
    abstract public function deviceExists($devId, $user = null);
    abstract public function setDeviceInfo(Horde_ActiveSync_Device $data, array $dirty = []);
    abstract public function setDeviceProperties(array $data, $deviceId);
    abstract public function removeState(array $options);
    abstract public function listDevices();
    abstract public function getLastSyncTimestamp();
    abstract public function getSyncCache($devid, $user, array $fields = null);
    abstract public function saveSyncCache(array $cache, $devid, $user, array $dirty = []);
    abstract public function deleteSyncCache($devid, $user);
    abstract public function isDuplicatePIMAddition($id);
    abstract public function disconnect();
    abstract public function connect();
}
