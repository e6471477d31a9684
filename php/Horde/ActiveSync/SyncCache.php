<?php
/**
 * Horde_ActiveSync_SyncCache: per user and device, what the client last
 * told us (collections, window sizes, heartbeat) and what we last told it
 * (folder list, sync keys), kept between requests.
 *
 * Every change is tracked: save() hands the state backend only the fields
 * (and, for collections, only the collection ids) that changed, so a Ping
 * that changed nothing writes nothing.
 *
 * The 'foldermap' field (folder uid => backend id) outlives clearFolders():
 * a FolderSync with key 0 must hand a device the same uids for the same
 * folders, or its collections would be resynced under new ids.
 *
 * Two things the operations monitor (Horde\ActiveSync\Ops) reads are kept
 * under Horde 6's names:
 *  - 'foldersyncrequired': how many "FolderSync required" answers in a row
 *    the device ignored (the loop guard's count). This engine stored it as
 *    'fsrcount' before; caches written then are read under the new name.
 *  - per collection, 'backlog' (when the last Sync response with
 *    MoreAvailable went out) and 'backlogpings' (how often a Ping or a
 *    hanging Sync has since reported the collection to wake the client
 *    up); both go when a Sync answers the collection without MoreAvailable.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
class Horde_ActiveSync_SyncCache
{
    /**
     * The largest window a client may ask for (12.1 and later), which
     * Horde_ActiveSync_Request_Sync::MAX_WINDOW_SIZE is too. Kept here, not
     * there, so that a Ping, which validates the cached collections as
     * well, does not load the Sync handler's classes.
     */
    const MAX_WINDOW_SIZE = 512;

    /** Fields reachable through __get and __set. */
    protected const PROPERTIES = [
        'hbinterval', 'wait', 'hierarchy', 'confirmed_synckeys', 'timestamp',
        'lasthbsyncstarted', 'lastsyncendnormal', 'folders', 'pingheartbeat',
        'foldermap',
        // Find's SearchIds (lowercase) => when started, for its paging rule
        'findsearches',
    ];

    /** Collection settings a Sync request may carry and the cache keeps. */
    protected const COLLECTION_SETTINGS = [
        'class', 'windowsize', 'deletesasmoves', 'filtertype', 'truncation',
        'rtftruncation', 'mimesupport', 'mimetruncation', 'conflict',
        'bodyprefs', 'bodypartprefs', 'pingable', 'serverid',
    ];

    /** Where the count of ignored "FolderSync required" answers is kept (Horde 6). */
    const FSR_FIELD = 'foldersyncrequired';

    /** The name this engine stored that count under before. */
    const FSR_LEGACY_FIELD = 'fsrcount';

    /** Folder type => collection class (other types are mail folders). */
    protected const TYPE_CLASSES = [
        7 => 'Tasks', 15 => 'Tasks', 8 => 'Calendar', 13 => 'Calendar',
        9 => 'Contacts', 14 => 'Contacts', 10 => 'Notes', 17 => 'Notes',
    ];

    protected $_data = [];
    protected $_state;
    protected $_user;
    protected $_devid;
    protected $_logger;
    /** field => true, or for 'collections' true or [id => true]. */
    protected $_dirty = [];
    protected $_procid;

    public function __construct(Horde_ActiveSync_State_Base $state, $devid, $user, $logger = null)
    {
        $this->_state = $state;
        $this->_devid = $devid;
        $this->_user = $user;
        $this->_procid = getmypid();
        $this->_logger = empty($logger)
            ? new Horde_ActiveSync_Log_Logger(new Horde_Log_Handler_Null())
            : Horde_ActiveSync::_wrapLogger($logger);
        $this->loadCacheFromStorage();
    }

    public function __get($property)
    {
        if ($property == 'state') {
            return $this->_state;
        }
        $this->_checkProperty($property);
        return empty($this->_data[$property]) ? false : $this->_data[$property];
    }

    public function __set($property, $value)
    {
        $this->_checkProperty($property);
        $this->_data[$property] = $value;
        $this->_dirty[$property] = true;
    }

    public function __isset($property)
    {
        $this->_checkProperty($property);
        return !empty($this->_data[$property]);
    }

    protected function _checkProperty($property)
    {
        if (!in_array($property, self::PROPERTIES, true)) {
            throw new InvalidArgumentException($property . ' is not a valid property');
        }
    }

    /**
     * False when another process saved a newer cache (or started a newer
     * heartbeat sync) since this one was loaded.
     */
    public function validateCache($hb_only = false)
    {
        return $this->_isCurrent($this->_state->getSyncCache(
            $this->_devid, $this->_user, ['lasthbsyncstarted', 'timestamp']), $hb_only);
    }

    /** validateCache() against a stored cache already read. */
    protected function _isCurrent(array $stored, $hbOnly)
    {
        if (!$hbOnly && $stored['timestamp'] > $this->_data['timestamp']) {
            return false;
        }
        return empty($stored['lasthbsyncstarted'])
            || $stored['lasthbsyncstarted'] <= $this->_data['lasthbsyncstarted'];
    }

    public function loadCacheFromStorage()
    {
        $this->_data = $this->_state->getSyncCache($this->_devid, $this->_user);
        if (!isset($this->_data['foldermap'])) {
            $this->_data['foldermap'] = [];
        }
        $this->_seedFolderMap();
        $this->_dirty = [];
        $this->_renameLegacyFields();
    }

    /** False while a heartbeat sync started after the last one that ended normally. */
    public function validateTimestamps()
    {
        $started = $this->_data['lasthbsyncstarted'];
        $ended = $this->_data['lastsyncendnormal'];
        return empty($started) || (!empty($ended) && $started <= $ended);
    }

    public function updateTimestamp()
    {
        $this->timestamp = time();
    }

    public function getCollections($requireKey = true)
    {
        $collections = [];
        foreach ($this->_data['collections'] as $id => $collection) {
            if (!$requireKey || !empty($collection['lastsynckey'])) {
                $collection['id'] = $id;
                $collections[$id] = $collection;
            }
        }
        return $collections;
    }

    public function countCollections()
    {
        return empty($this->_data['collections']) ? 0 : count($this->_data['collections']);
    }

    public function clearCollections()
    {
        $this->_logger->meta('SYNCCACHE: Clearing collections.');
        $this->_data['collections'] = [];
        $this->_dirty['collections'] = true;
    }

    public function collectionExists($collectionid)
    {
        return !empty($this->_data['collections'][$collectionid]);
    }

    public function setPingableCollection($id)
    {
        $this->_requireCollection($id);
        $this->_setCollectionValue($id, 'pingable', true);
    }

    public function removePingableCollection($id)
    {
        if (empty($this->_data['collections'][$id])) {
            $this->_logger->warn(sprintf(
                'SYNCCACHE: Collection %s is not in the cache; cannot make it unpingable.', $id));
            return;
        }
        $this->_setCollectionValue($id, 'pingable', false);
    }

    public function collectionIsPingable($id)
    {
        return !empty($this->_data['collections'][$id]['pingable']);
    }

    public function setPingChangeFlag($id)
    {
        $this->_requireCollection($id);
        $this->_setCollectionValue($id, 'pingchange', true);
    }

    public function hasPingChangeFlag($collectionid)
    {
        return !empty($this->_data['collections'][$collectionid]['pingchange']);
    }

    public function resetPingChangeFlag($id)
    {
        $this->_setCollectionValue($id, 'pingchange', false);
    }

    /** Re-reads the stored collections that have a key, as the current keys. */
    public function refreshCollections()
    {
        $stored = $this->_state->getSyncCache($this->_devid, $this->_user, ['collections']);
        foreach ((array)$stored['collections'] as $id => $collection) {
            if (!isset($collection['lastsynckey'])) {
                continue;
            }
            $collection['id'] = $id;
            $collection['synckey'] = $collection['lastsynckey'];
            $this->_data['collections'][$id] = $collection;
            $this->_markCollectionsDirty($id);
        }
    }

    /** Writes the changed fields; a cache nothing changed in is not written. */
    public function save()
    {
        if (!$this->_settleSyncKeys()) {
            return;
        }
        $this->_stamp();
        $this->_state->saveSyncCache($this->_data, $this->_devid, $this->_user, $this->_dirty);
        $this->_dirty = [];
    }

    /**
     * save() at the end of a request that read the cache at its start:
     * when another request of the device saved it since, that one's
     * folder list is kept (it may come from a FolderSync this request
     * knows nothing of); with $unlessStale, nothing is saved when a newer
     * heartbeat sync of the device has started (the newer request's cache
     * wins). That is validateCache(), refreshFolderCache() and save() in
     * one; on the SQL backend in one transaction, so the decision holds
     * for the write and costs no read of its own.
     *
     * @param boolean $unlessStale
     *
     * @return boolean  false when stale (with $unlessStale): nothing saved.
     */
    public function saveKeepingFolders($unlessStale = false)
    {
        if (!$this->_settleSyncKeys()) {
            // Nothing to write: only the question asked, as before a save.
            return $this->_adopt($this->_state->getSyncCache($this->_devid, $this->_user), $unlessStale);
        }
        $fresh = true;
        $reconcile = function (array $stored) use ($unlessStale, &$fresh) {
            if (!($fresh = $this->_adopt($stored, $unlessStale))) {
                return null;
            }
            $this->_stamp();
            return [$this->_data, $this->_dirty];
        };
        if ($this->_state instanceof Horde_ActiveSync_State_Sql) {
            if ($this->_state->reconcileSyncCache($this->_devid, $this->_user, $reconcile)) {
                $this->_dirty = [];
            }
            return $fresh;
        }
        // Other backends: read, then write (two steps, as Horde does).
        $result = $reconcile($this->_state->getSyncCache($this->_devid, $this->_user));
        if ($result !== null) {
            $this->_state->saveSyncCache($result[0], $this->_devid, $this->_user, $result[1]);
            $this->_dirty = [];
        }
        return $fresh;
    }

    /**
     * What saveKeepingFolders() decides on the stored cache: false when
     * stale (with $unlessStale); else the stored folder list replaces this
     * one's if the stored cache is the newer.
     */
    protected function _adopt(array $stored, $unlessStale)
    {
        if ($unlessStale && !$this->_isCurrent($stored, true)) {
            return false;
        }
        if (!$this->_isCurrent($stored, false)) {
            $this->_takeFolders($stored);
        }
        return true;
    }

    /**
     * Moves the sync keys of this request to where the next finds them
     * (lastsynckey).
     *
     * @return boolean  Whether anything is left to save.
     */
    protected function _settleSyncKeys()
    {
        foreach ($this->_data['collections'] as $id => $collection) {
            if (!empty($collection['synckey'])) {
                $this->_data['collections'][$id]['lastsynckey'] = $collection['synckey'];
                unset($this->_data['collections'][$id]['synckey']);
                $this->_markCollectionsDirty($id);
            }
        }
        return !empty($this->_dirty);
    }

    /** Dates a save (what validateCache() of other requests compares). */
    protected function _stamp()
    {
        $this->_data['timestamp'] = time();
        $this->_dirty['timestamp'] = true;
    }

    public function addCollection(array $collection)
    {
        $entry = [];
        foreach (self::COLLECTION_SETTINGS as $setting) {
            if ($setting == 'pingable' || $setting == 'bodypartprefs') {
                continue;
            }
            $entry[$setting] = $collection[$setting] ?? null;
        }
        $entry['serverid'] = $collection['serverid'] ?? $collection['id'];
        $this->_data['collections'][$collection['id']] = $entry;
        $this->_markCollectionsDirty($collection['id']);
    }

    /** Forgets a collection, or with $purge false only its sync key. */
    public function removeCollection($id, $purge = true)
    {
        if ($purge) {
            unset($this->_data['collections'][$id]);
            $this->_markCollectionsDirty($id);
        } elseif (!empty($this->_data['collections'][$id])) {
            $this->_setCollectionValue($id, 'synckey', '0');
        }
    }

    public function updateWindowSize($id, $windowsize)
    {
        $this->_setCollectionValue($id, 'windowsize', $windowsize);
    }

    public function updateFiltertype($id, $filtertype)
    {
        $this->_setCollectionValue($id, 'filtertype', $filtertype);
    }

    public function clearCollectionKeys()
    {
        foreach (array_keys($this->_data['collections']) as $id) {
            unset($this->_data['collections'][$id]['synckey']);
        }
        $this->_dirty['collections'] = true;
    }

    public function addConfirmedKey($key)
    {
        $this->_data['confirmed_synckeys'][$key] = true;
        $this->_dirty['confirmed_synckeys'] = true;
    }

    public function removeConfirmedKey($key)
    {
        unset($this->_data['confirmed_synckeys'][$key]);
        $this->_dirty['confirmed_synckeys'] = true;
    }

    /**
     * Options: newsynckey (store $collection['newsynckey'] as the key),
     * unsetChanges, unsetPingChangeFlag.
     */
    public function updateCollection(array $collection, array $options = [])
    {
        if (empty($collection['id'])) {
            $this->_logger->meta('SYNCCACHE: Ignoring a collection without id.');
            return;
        }
        $id = $collection['id'];
        if (!empty($options['newsynckey'])) {
            $this->_setCollectionValue($id, 'synckey', $collection['newsynckey']);
        } elseif (isset($collection['synckey'])) {
            $this->_setCollectionValue($id, 'synckey', $collection['synckey']);
        }
        foreach (self::COLLECTION_SETTINGS as $setting) {
            if (isset($collection[$setting])) {
                $this->_setCollectionValue($id, $setting, $collection[$setting]);
            }
        }
        foreach (['unsetChanges' => 'getchanges', 'unsetPingChangeFlag' => 'pingchange'] as $option => $field) {
            if (!empty($options[$option]) && isset($this->_data['collections'][$id][$field])) {
                unset($this->_data['collections'][$id][$field]);
                $this->_markCollectionsDirty($id);
            }
        }
    }

    /** Completes the collections of a request with what the cache remembers. */
    public function validateCollectionsFromCache(&$collections)
    {
        foreach ($collections as $key => $values) {
            $id = $values['id'];
            $cached = $this->_data['collections'][$id] ?? [];
            $folder = $this->_data['folders'][$id] ?? [];
            foreach (['class', 'type'] as $field) {
                if (!isset($values[$field]) && isset($folder[$field])) {
                    $collections[$key][$field] = $folder[$field];
                }
            }
            foreach (['filtertype', 'mimesupport', 'pingable'] as $field) {
                if (!isset($values[$field]) && isset($cached[$field])) {
                    $collections[$key][$field] = $cached[$field];
                }
            }
            foreach (['bodyprefs', 'truncation', 'mimetruncation', 'serverid'] as $field) {
                if (empty($values[$field]) && isset($cached[$field])) {
                    $collections[$key][$field] = $cached[$field];
                }
            }
            if (!isset($values['windowsize'])) {
                $collections[$key]['windowsize'] = $cached['windowsize'] ?? 100;
            }
            if ($collections[$key]['windowsize'] > self::MAX_WINDOW_SIZE || $collections[$key]['windowsize'] == 0) {
                $collections[$key]['windowsize'] = self::MAX_WINDOW_SIZE;
            }
            // A client restarting a collection must not be answered with the old key.
            if (isset($values['synckey']) && $values['synckey'] == '0'
                && isset($cached['synckey']) && $cached['synckey'] != '0') {
                unset($this->_data['collections'][$id]['synckey']);
                $this->_markCollectionsDirty($id);
            }
        }
    }

    public function getFolders()
    {
        return empty($this->_data['folders']) ? [] : $this->_data['folders'];
    }

    /** Forgets the folder list; the persistent folder uid map stays. */
    public function clearFolders()
    {
        $this->_data['folders'] = [];
        $this->_dirty['folders'] = true;
    }

    public function refreshFolderCache()
    {
        $this->_takeFolders($this->_state->getSyncCache($this->_devid, $this->_user, ['folders', 'foldermap']));
    }

    /** The folder list of a stored cache in place of this one's (its uid map merged in). */
    protected function _takeFolders(array $stored)
    {
        $this->_data['folders'] = $stored['folders'];
        if (!empty($stored['foldermap'])) {
            $this->_data['foldermap'] = $stored['foldermap'] + $this->_data['foldermap'];
        }
        unset($this->_dirty['folders']);
    }

    public function updateFolder(Horde_ActiveSync_Message_Folder $folder)
    {
        $this->_data['folders'][$folder->serverid] = [
            'class' => self::TYPE_CLASSES[(int)$folder->type] ?? 'Email',
            'serverid' => $folder->_serverid,
            'type' => $folder->type,
        ];
        $this->_dirty['folders'] = true;
        $this->_mapFolder($folder->serverid, $folder->_serverid);
    }

    public function deleteFolder($folder)
    {
        unset($this->_data['folders'][$folder], $this->_data['collections'][$folder]);
        $this->_dirty['folders'] = true;
        $this->_markCollectionsDirty($folder);
        if (isset($this->_data['foldermap'][$folder])) {
            unset($this->_data['foldermap'][$folder]);
            $this->_dirty['foldermap'] = true;
        }
    }

    public function getFolder($folder)
    {
        return empty($this->_data['folders'][$folder]) ? false : $this->_data['folders'][$folder];
    }

    /** The uid this device knows a backend folder id by, or false. */
    public function getFolderUidForBackendId($backendId)
    {
        $uid = array_search($backendId, $this->_data['foldermap'], true);
        return $uid === false ? false : (string)$uid;
    }

    /**
     * Drops map entries for folders the backend no longer has.
     *
     * @param array $backendIds  The backend ids that exist now.
     */
    public function reconcileFolders(array $backendIds)
    {
        $keep = array_flip(array_map('strval', $backendIds));
        foreach ($this->_data['foldermap'] as $uid => $backendId) {
            if (!isset($keep[(string)$backendId])) {
                unset($this->_data['foldermap'][$uid]);
                $this->_dirty['foldermap'] = true;
            }
        }
    }

    /* ---- "FolderSync required" answers the device ignored (Horde 6) ---- */

    /**
     * @return integer  "FolderSync required" answers in a row since the
     *                  device last did what they asked.
     */
    public function getFolderSyncRequiredIgnoredCount()
    {
        return (int)($this->_data[self::FSR_FIELD] ?? 0);
    }

    /**
     * Counts one more "FolderSync required" answer.
     *
     * @return integer  The count now.
     */
    public function incrementFolderSyncRequiredIgnored()
    {
        $count = $this->getFolderSyncRequiredIgnoredCount() + 1;
        $this->_data[self::FSR_FIELD] = $count;
        $this->_dirty[self::FSR_FIELD] = true;
        return $count;
    }

    /** The device made a FolderSync, or a request that needed none went through. */
    public function resetFolderSyncRequiredIgnored()
    {
        if ($this->getFolderSyncRequiredIgnoredCount() !== 0) {
            $this->_data[self::FSR_FIELD] = 0;
            $this->_dirty[self::FSR_FIELD] = true;
        }
    }

    /* ---- MoreAvailable backlog of a collection (Horde 6) ---------------- */

    /**
     * A Sync response told the client MoreAvailable for this collection:
     * the backlog is dated now and its wake-up count starts again. Unknown
     * collections are left alone.
     *
     * @param string $id  The collection id.
     */
    public function setBacklogFlag($id)
    {
        if (!$this->collectionExists($id)) {
            return;
        }
        $this->_setCollectionValue($id, 'backlog', time());
        $this->_setCollectionValue($id, 'backlogpings', 0);
    }

    /**
     * Whether the collection has a backlog at least $grace seconds old.
     *
     * @param string $id
     * @param integer $grace  Seconds.
     *
     * @return boolean
     */
    public function hasStaleBacklog($id, $grace)
    {
        $since = $this->_data['collections'][$id]['backlog'] ?? null;
        return !empty($since) && time() - (int)$since >= (int)$grace;
    }

    /**
     * @return integer  How often a poll reported the backlog since it was
     *                  last dated.
     */
    public function getBacklogPingCount($id)
    {
        return (int)($this->_data['collections'][$id]['backlogpings'] ?? 0);
    }

    /** A poll reported the backlog to the client once more. */
    public function incrementBacklogPingCount($id)
    {
        if (empty($this->_data['collections'][$id]['backlog'])) {
            return;
        }
        $this->_setCollectionValue($id, 'backlogpings', $this->getBacklogPingCount($id) + 1);
    }

    /** A Sync answered the collection without MoreAvailable: no backlog. */
    public function resetBacklogFlag($id)
    {
        $changed = false;
        foreach (['backlog', 'backlogpings'] as $field) {
            if (isset($this->_data['collections'][$id]) && array_key_exists($field, $this->_data['collections'][$id])) {
                unset($this->_data['collections'][$id][$field]);
                $changed = true;
            }
        }
        if ($changed) {
            $this->_markCollectionsDirty($id);
        }
    }

    public function delete()
    {
        $this->_state->deleteSyncCache($this->_devid, $this->_user);
        $this->_data = [];
        $this->_dirty = [];
    }

    /** Caches written before the map existed: derive it from the folder list. */
    protected function _seedFolderMap()
    {
        foreach ((array)($this->_data['folders'] ?? []) as $uid => $folder) {
            if (isset($folder['serverid']) && !isset($this->_data['foldermap'][$uid])) {
                $this->_mapFolder($uid, $folder['serverid']);
            }
        }
    }

    /**
     * Fields this engine once stored under names of its own: taken over
     * under Horde 6's name (which wins when both are there) and marked
     * for writing, so that the next save drops the old name.
     */
    protected function _renameLegacyFields()
    {
        if (!array_key_exists(self::FSR_LEGACY_FIELD, $this->_data)) {
            return;
        }
        if (!isset($this->_data[self::FSR_FIELD])) {
            $this->_data[self::FSR_FIELD] = (int)$this->_data[self::FSR_LEGACY_FIELD];
            $this->_dirty[self::FSR_FIELD] = true;
        }
        unset($this->_data[self::FSR_LEGACY_FIELD]);
        $this->_dirty[self::FSR_LEGACY_FIELD] = true;
    }

    protected function _mapFolder($uid, $backendId)
    {
        if (($this->_data['foldermap'][$uid] ?? null) !== $backendId) {
            $this->_data['foldermap'][$uid] = $backendId;
            $this->_dirty['foldermap'] = true;
        }
    }

    protected function _requireCollection($id)
    {
        if (empty($this->_data['collections'][$id])) {
            throw new InvalidArgumentException('Collection does not exist.');
        }
    }

    protected function _setCollectionValue($id, $field, $value)
    {
        if (!array_key_exists($field, $this->_data['collections'][$id] ?? [])
            || $this->_data['collections'][$id][$field] !== $value) {
            $this->_data['collections'][$id][$field] = $value;
            $this->_markCollectionsDirty($id);
        }
    }

    protected function _markCollectionsDirty($id)
    {
        if (($this->_dirty['collections'] ?? null) === true) {
            return;
        }
        $this->_dirty['collections'][$id] = true;
    }
}
