<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * The collections of one request (Sync, Ping, GetItemEstimate, FolderSync)
 * over the device's SyncCache: what the client sent, completed from the
 * cache (empty and partial Sync requests, EAS 12.1 and later), the
 * heartbeat of hanging requests, the poll loop, and the folder hierarchy.
 *
 * Horde 6 behaviour: read-only state loads in the poll loop (no locks, no
 * garbage collection, no SQL once memoized), the folder status prefetch
 * hint, orphan collections dropped during Ping, collections without a
 * folder answered with "FolderSync required". Beyond Horde: a client that
 * keeps ignoring "FolderSync required" (the loop guard) has its ghost
 * collections removed after FSR_LOOP_LIMIT answers so it can sync again.
 *
 * Horde 6's backlog recovery: a collection answered with MoreAvailable
 * whose client never came back for the rest is reported as changed by a
 * later Ping or hanging Sync, once it is BACKLOG_GRACE_PERIOD seconds old,
 * at most BACKLOG_TRIGGER_MAX times per backlog. (Changes this engine kept
 * pending from the last window are found by the poll itself and reported
 * at once, as any change.)
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Collections implements IteratorAggregate
{
    const COLLECTION_ERR_FOLDERSYNC_REQUIRED = -1;
    const COLLECTION_ERR_SERVER              = -2;
    const COLLECTION_ERR_STALE               = -3;
    const COLLECTION_ERR_SYNC_REQUIRED       = -4;
    const COLLECTION_ERR_AUTHENTICATION      = -6;

    /** "FolderSync required" answers before ghost collections are healed. */
    const FSR_LOOP_LIMIT = 3;

    /** Seconds a MoreAvailable backlog is left to the client before a poll reports it (Horde 6). */
    const BACKLOG_GRACE_PERIOD = 60;

    /** Poll reports of one backlog; after that the poll stops reporting it (Horde 6). */
    const BACKLOG_TRIGGER_MAX = 3;

    /**
     * id => collection array.
     *
     * @var array
     */
    protected $_collections = [];

    /**
     * The cache as it was before a partial Sync changed it.
     *
     * @var Horde_ActiveSync_SyncCache
     */
    protected $_tempSyncCache;

    /**
     * @var Horde_ActiveSync_SyncCache
     */
    protected $_cache;

    /**
     * @var Horde_ActiveSync_Log_Logger
     */
    protected $_logger;

    /**
     * Collections of a partial Sync unchanged since the cache.
     *
     * @var integer
     */
    protected $_unchangedCount = 0;

    /**
     * @var integer
     */
    protected $_synckeyCount = 0;

    /**
     * Ceiling on the items of a whole response (MS-ASCMD 2.2.3.188: 100).
     *
     * @var integer
     */
    protected $_globalWindowSize = 100;

    /**
     * @var boolean
     */
    protected $_windowsizeOverride = false;

    /**
     * @var boolean
     */
    protected $_importedChanges = false;

    /**
     * @var boolean
     */
    protected $_shortSyncRequest = false;

    /**
     * @var Horde_ActiveSync
     */
    protected $_as;

    /**
     * @var integer
     */
    protected $_procid;

    /**
     * Changes of the collection whose state is loaded.
     *
     * @var array|null
     */
    protected $_changes;

    /**
     * @var boolean
     */
    protected $_hangingSync = false;

    /**
     * Collections whose folder turned out to be gone: id => true.
     *
     * @var array
     */
    protected $_goneCollections = [];

    /**
     * @param Horde_ActiveSync_SyncCache $cache
     * @param Horde_ActiveSync $as
     */
    public function __construct(Horde_ActiveSync_SyncCache $cache, Horde_ActiveSync $as)
    {
        $this->_cache = $cache;
        $this->_as = $as;
        $this->_logger = $as->logger;
        $this->_procid = getmypid();
    }

    /**
     * Loads every collection the cache knows.
     */
    public function loadCollectionsFromCache()
    {
        foreach ($this->_cache->getCollections(false) as $collection) {
            if (empty($collection['synckey']) && !empty($collection['lastsynckey'])) {
                $collection['synckey'] = $collection['lastsynckey'];
            }
            if (empty($collection['class'])) {
                $collection['class'] = $this->getCollectionClass($collection['id']);
            }
            if (empty($collection['serverid'])) {
                try {
                    $collection['serverid'] = $this->getBackendIdForFolderUid($collection['id']);
                } catch (Horde_ActiveSync_Exception $e) {
                    $this->_logger->err($e->getMessage());
                    continue;
                }
            }
            $this->_collections[$collection['id']] = $collection;
            $this->_logger->meta(sprintf('COLLECTIONS: Loaded %s from the cache.', $collection['serverid']));
        }
    }

    public function __call($method, $parameters)
    {
        switch ($method) {
        case 'hasPingChangeFlag':
        case 'addConfirmedKey':
        case 'updateCollection':
        case 'collectionExists':
        case 'updateWindowSize':
        case 'setBacklogFlag':
        case 'resetBacklogFlag':
            return call_user_func_array([$this->_cache, $method], $parameters);
        }
        throw new BadMethodCallException('Unknown method: ' . $method);
    }

    public function __get($property)
    {
        switch ($property) {
        case 'hbinterval':
        case 'wait':
        case 'confirmed_synckeys':
        case 'lasthbsyncstarted':
        case 'lastsyncendnormal':
            return $this->_cache->$property;
        case 'importedChanges':
        case 'shortSyncRequest':
        case 'hangingSync':
            $p = '_' . $property;
            return $this->$p;
        }
        throw new InvalidArgumentException('Unknown property: ' . $property);
    }

    public function __set($property, $value)
    {
        switch ($property) {
        case 'importedChanges':
        case 'shortSyncRequest':
        case 'hangingSync':
            $p = '_' . $property;
            $this->$p = $value;
            return;
        case 'lasthbsyncstarted':
        case 'lastsyncendnormal':
        case 'hbinterval':
        case 'wait':
            $this->_cache->$property = $value;
            return;
        case 'confirmed_synckeys':
            throw new InvalidArgumentException($property . ' is READONLY.');
        }
        throw new InvalidArgumentException('Unknown property: ' . $property);
    }

    /**
     * @return array  A collection with the defaults.
     */
    public function getNewCollection()
    {
        return [
            'clientids' => [],
            'fetchids' => [],
            'windowsize' => 100,
            'soft' => false,
            'conflict' => Horde_ActiveSync::CONFLICT_OVERWRITE_PIM,
        ];
    }

    /**
     * Fills in the MIME support and body preferences the client left out.
     */
    public function ensureOptions()
    {
        foreach ($this->_collections as &$collection) {
            if (!isset($collection['mimesupport'])) {
                $collection['mimesupport'] = Horde_ActiveSync::MIME_SUPPORT_NONE;
            }
            if (!isset($collection['bodyprefs'])) {
                $collection['bodyprefs'] = [];
            }
        }
    }

    /**
     * Adds a collection of this request.
     *
     * @param array $collection
     * @param boolean $requireSyncKey  Take a missing key from the cache, and
     *                                 refuse the collection when there is none.
     * @throws Horde_ActiveSync_Exception_StateGone
     */
    public function addCollection(array $collection, $requireSyncKey = false)
    {
        if ($requireSyncKey && empty($collection['synckey'])) {
            $cached = $this->_cache->getCollections(false);
            $collection['synckey'] = !empty($cached[$collection['id']]['lastsynckey'])
                ? $cached[$collection['id']]['lastsynckey']
                : 0;
            if ($collection['synckey'] === 0) {
                $this->_logger->err('COLLECTIONS: A collection without a sync key (pinged before it was synced?).');
                throw new Horde_ActiveSync_Exception_StateGone('Synckey required but none was found.');
            }
        }
        if (empty($collection['class'])) {
            $collection['class'] = $this->getCollectionClass($collection['id']);
        }
        try {
            $collection['serverid'] = $this->getBackendIdForFolderUid($collection['id']);
        } catch (Horde_ActiveSync_Exception $e) {
            throw new Horde_ActiveSync_Exception_StateGone($e->getMessage());
        }
        $this->_collections[$collection['id']] = $collection;
        $this->_logger->meta(sprintf('COLLECTIONS: Collection added: %s, synckey: %s.',
            $collection['serverid'], !empty($collection['synckey']) ? $collection['synckey'] : 'NONE'));
    }

    /**
     * @param string $folderid  An EAS folder uid.
     *
     * @return string  The backend folder id.
     * @throws Horde_ActiveSync_Exception_FolderGone
     */
    public function getBackendIdForFolderUid($folderid)
    {
        if ($folderid == 'RI') {
            return $folderid;
        }
        $folder = $this->_cache->getFolder($folderid);
        if ($folder) {
            return $folder['serverid'];
        }
        $this->_logger->err(sprintf('COLLECTIONS: Folder %s is not in the folder cache.', $folderid));
        throw new Horde_ActiveSync_Exception_FolderGone('Folder not found in cache.');
    }

    /**
     * @param string $folderid  A backend folder id.
     *
     * @return string|boolean  Its EAS uid, false when unknown.
     */
    public function getFolderUidForBackendId($folderid)
    {
        if ($folderid == 'RI') {
            return $folderid;
        }
        $map = $this->_as->state->getFolderUidToBackendIdMap();
        return empty($map[$folderid]) ? false : $map[$folderid];
    }

    public function collectionCount()
    {
        return count($this->_collections);
    }

    public function cachedCollectionCount()
    {
        return $this->_cache->countCollections();
    }

    public function setGetChangesFlag($collection_id)
    {
        if (empty($this->_collections[$collection_id])) {
            throw new Horde_ActiveSync_Exception('Missing collection data');
        }
        $this->_collections[$collection_id]['getchanges'] = true;
    }

    public function getChangesFlag($collection_id)
    {
        if (empty($this->_collections[$collection_id])) {
            throw new Horde_ActiveSync_Exception('Missing collection data');
        }
        return !empty($this->_collections[$collection_id]['getchanges']);
    }

    /**
     * The ceiling on the items of the whole response.
     *
     * @param integer $window
     * @param boolean $override  Wins over the client's value.
     */
    public function setDefaultWindowSize($window, $override = false)
    {
        if ($override) {
            $this->_windowsizeOverride = true;
        }
        if ($override || empty($this->_windowsizeOverride)) {
            $this->_globalWindowSize = (int)$window;
        }
    }

    public function getDefaultWindowSize()
    {
        return $this->_globalWindowSize;
    }

    /**
     * Completes the collections from the cache (class, options, window).
     */
    public function validateFromCache()
    {
        $this->_cache->validateCollectionsFromCache($this->_collections);
    }

    /**
     * Refreshes loaded collections from the cache (hanging requests must see
     * the keys a parallel Sync advanced).
     */
    public function updateCollectionsFromCache()
    {
        $this->_cache->refreshCollections();
        $collections = $this->_cache->getCollections();
        foreach (array_keys($this->_collections) as $id) {
            if (!empty($collections[$id])) {
                $this->_collections[$id] = $collections[$id];
            }
        }
    }

    /**
     * @return string|boolean  The class of a collection, false when unknown.
     */
    public function getCollectionClass($id)
    {
        if ($id == 'RI') {
            return $id;
        }
        if (!empty($this->_collections[$id]['class'])) {
            return $this->_collections[$id]['class'];
        }
        $folders = $this->_cache->folders;
        return isset($folders[$id]['class']) ? $folders[$id]['class'] : false;
    }

    /**
     * @return integer|string|boolean  The folder type of a collection.
     */
    public function getCollectionType($id)
    {
        if ($id == 'RI') {
            return $id;
        }
        if (!empty($this->_collections[$id]['type'])) {
            return $this->_collections[$id]['type'];
        }
        $folders = $this->_cache->folders;
        return isset($folders[$id]['type']) ? $folders[$id]['type'] : false;
    }

    /**
     * Whether the request has collections to sync; from 12.1 on an empty
     * request syncs the cached ones.
     */
    public function haveSyncableCollections($version)
    {
        if ($version >= Horde_ActiveSync::VERSION_TWELVEONE && empty($this->_collections)) {
            $found = false;
            foreach ($this->_cache->getCollections() as $value) {
                if (isset($value['synckey'])) {
                    $this->_collections[$value['id']] = $value;
                    $found = true;
                }
            }
            return $found;
        }
        return !empty($this->_collections);
    }

    /**
     * @param array $hb  hbinterval (seconds) and/or wait (minutes).
     */
    public function setHeartbeat(array $hb)
    {
        if (isset($hb['wait'])) {
            $this->_cache->wait = $hb['wait'];
        }
        if (isset($hb['hbinterval'])) {
            $this->_cache->hbinterval = $hb['hbinterval'];
        }
    }

    /**
     * @return integer|boolean  The heartbeat in seconds, false when none.
     */
    public function getHeartbeat()
    {
        if (!empty($this->_cache->hbinterval)) {
            return $this->_cache->hbinterval;
        }
        return !empty($this->_cache->wait) ? $this->_cache->wait * 60 : false;
    }

    /**
     * A hanging Sync without imported changes, with a heartbeat or a short
     * request.
     */
    public function canDoLoopingSync()
    {
        return $this->_hangingSync && !$this->_importedChanges
            && ($this->_shortSyncRequest || $this->_cache->hbinterval !== false || $this->_cache->wait !== false);
    }

    /**
     * Whether a newer hanging request of the device took over.
     */
    public function checkStaleRequest()
    {
        return !$this->_cache->validateCache(true);
    }

    public function haveHierarchy()
    {
        return isset($this->_cache->hierarchy);
    }

    /**
     * Loads the hierarchy state of a FolderSync.
     *
     * @param string $synckey
     *
     * @return array  The folders the device knows.
     */
    public function initHierarchySync($synckey)
    {
        $this->_as->state->loadState([], $synckey, Horde_ActiveSync::REQUEST_TYPE_FOLDERSYNC);
        // Loading key 0 may have reset the cache.
        $this->_cache->loadCacheFromStorage();
        $this->resetFolderSyncRequired();
        return $this->_as->state->getKnownFolders();
    }

    /**
     * @param Horde_ActiveSync_Message_Folder $folder
     * @param boolean $update  Also rename the folder in the stored states.
     */
    public function updateFolderinHierarchy(Horde_ActiveSync_Message_Folder $folder, $update = false)
    {
        $this->_cache->updateFolder($folder);
        // A synced collection follows its folder's backend id (a rename).
        $cols = $this->_cache->getCollections(false);
        if (isset($cols[$folder->serverid])) {
            $collection = $cols[$folder->serverid];
            $collection['serverid'] = $folder->_serverid;
            $this->_cache->updateCollection($collection);
        }
        if ($update && method_exists($this->_as->state, 'updateServerIdInState')) {
            $this->_as->state->updateServerIdInState($folder->serverid, $folder->_serverid);
        }
    }

    /**
     * @param string $uid  The folder uid.
     */
    public function deleteFolderFromHierarchy($uid)
    {
        $this->_cache->deleteFolder($uid);
        $this->_as->state->removeState([
            'id' => $uid,
            'devId' => $this->_as->device->id,
            'user' => $this->_as->device->user,
        ]);
    }

    /**
     * @return array  The hierarchy changes of the loaded FolderSync state.
     */
    public function getHierarchyChanges()
    {
        return $this->_as->state->getChanges();
    }

    /**
     * Drops changes the device already has (12.1 and later). Horde's
     * version of this check never runs (it returns when there are changes)
     * and fails on a misspelled variable; this one removes deletions of
     * folders the device never saw.
     *
     * @param Horde_ActiveSync_Connector_Exporter_FolderSync $exporter
     * @param array $seenFolders  Folder uids the device knows.
     */
    public function validateHierarchyChanges(Horde_ActiveSync_Connector_Exporter_FolderSync $exporter, array $seenFolders)
    {
        if ($this->_as->device->version < Horde_ActiveSync::VERSION_TWELVEONE) {
            return;
        }
        foreach ($exporter->deleted as $key => $uid) {
            if (!in_array($uid, $seenFolders)) {
                $this->_logger->meta(sprintf('COLLECTIONS: Ignoring deletion of %s, which the device does not know.', $uid));
                unset($exporter->deleted[$key]);
                $exporter->count--;
            }
        }
        $exporter->deleted = array_values($exporter->deleted);
    }

    public function updateHierarchyKey($key)
    {
        $this->_cache->hierarchy = $key;
    }

    /**
     * A full Sync: every key must be confirmed again.
     */
    public function initFullSync()
    {
        $this->_cache->confirmed_synckeys = [];
        $this->_cache->clearCollectionKeys();
    }

    /**
     * An empty Sync (12.1+): the cached collections, all keys confirmed.
     *
     * @return boolean  false when it cannot be served (the client must send
     *                  a full request).
     */
    public function initEmptySync()
    {
        $this->loadCollectionsFromCache();
        $this->_countConfirmedKeys();
        if (!$this->_checkConfirmedKeys()) {
            $this->_logger->err('COLLECTIONS: Unconfirmed sync keys in an empty request: a full Sync is needed.');
            $this->save();
            return false;
        }
        $this->shortSyncRequest = true;
        $this->hangingSync = true;
        $this->save(true);
        return true;
    }

    /**
     * A partial Sync (MS-ASCMD 2.2.3.124): the collections sent, the rest
     * from the cache.
     *
     * @return boolean  false when it cannot be served.
     */
    public function initPartialSync()
    {
        $this->_tempSyncCache = clone $this->_cache;
        if (empty($this->_collections)) {
            $emptyCollections = true;
            $this->loadCollectionsFromCache();
        } else {
            $emptyCollections = false;
            $cached = $this->_tempSyncCache->getCollections();
            foreach ($this->_collections as $key => $value) {
                if (empty($cached[$key])) {
                    continue;
                }
                if ($this->_options($value) == $this->_options($cached[$key])) {
                    $this->_unchangedCount++;
                }
                $this->_tempSyncCache->removeCollection($key);
            }
            $this->_getMissingCollectionsFromCache();
        }
        $this->_countConfirmedKeys();
        if (!$this->_checkConfirmedKeys()) {
            $this->_logger->warn('COLLECTIONS: Some synckeys were not confirmed. Requesting full SYNC');
            $this->save();
            return false;
        }
        if (!$emptyCollections && $this->_haveNoChangesInPartialSync()) {
            $this->_logger->warn('COLLECTIONS: Partial Request with completely unchanged collections. Request a full SYNC');
            return false;
        }
        return true;
    }

    /**
     * The options of a collection, comparable between request and cache.
     */
    protected function _options(array $collection)
    {
        foreach (['id', 'serverid', 'clientids', 'fetchids', 'getchanges', 'changeids', 'pingable', 'class',
                  'synckey', 'lastsynckey', 'type'] as $key) {
            unset($collection[$key]);
        }
        $collection = array_filter($collection, function ($v) {
            return $v !== null;
        });
        ksort($collection);
        if (isset($collection['bodyprefs']) && is_array($collection['bodyprefs'])) {
            ksort($collection['bodyprefs']);
            foreach ($collection['bodyprefs'] as &$pref) {
                if (is_array($pref)) {
                    ksort($pref);
                }
            }
        }
        return $collection;
    }

    /**
     * Takes the request's keys out of the confirmed list and counts them.
     */
    protected function _countConfirmedKeys()
    {
        foreach ($this->_collections as $value) {
            if (isset($value['synckey'])) {
                if (isset($this->_cache->confirmed_synckeys[$value['synckey']])) {
                    $this->_cache->removeConfirmedKey($value['synckey']);
                }
                $this->_synckeyCount++;
            }
        }
    }

    protected function _checkConfirmedKeys()
    {
        $keys = $this->_cache->confirmed_synckeys;
        if ($keys) {
            $this->_logger->meta(sprintf('COLLECTIONS: Unconfirmed synckeys: %s', implode(', ', array_keys($keys))));
            return false;
        }
        return true;
    }

    /**
     * An empty response is allowed: a hanging Sync without imported changes.
     */
    public function canSendEmptyResponse()
    {
        return !$this->_importedChanges
            && ($this->_hangingSync && ($this->_cache->wait !== false || $this->_cache->hbinterval !== false));
    }

    protected function _haveNoChangesInPartialSync()
    {
        return $this->_synckeyCount > 0 && $this->_unchangedCount == $this->_synckeyCount
            && $this->_cache->wait == false && $this->_cache->hbinterval == false;
    }

    protected function _getMissingCollectionsFromCache()
    {
        if (empty($this->_tempSyncCache)) {
            throw new Horde_ActiveSync_Exception('Did not initialize the PARTIAL sync.');
        }
        foreach ($this->_tempSyncCache->getCollections() as $value) {
            if (!empty($this->_collections[$value['id']])) {
                continue;
            }
            if (empty($value['synckey'])) {
                $value['synckey'] = $value['lastsynckey'];
            }
            $this->_collections[$value['id']] = $value;
        }
    }

    /**
     * @return boolean  false when the filter changed (the collection must be
     *                  refreshed).
     */
    public function checkFilterType($id, $filter)
    {
        $cached = $this->_cache->getCollections();
        if (!empty($cached[$id]['filtertype']) && !is_null($filter) && $cached[$id]['filtertype'] != $filter) {
            $this->_logger->meta(sprintf('COLLECTIONS: Filtertype change from: %d to %d',
                $cached[$id]['filtertype'], $filter));
            $this->_cache->updateFiltertype($id, $filter);
            return false;
        }
        return true;
    }

    public function updateCache()
    {
        foreach ($this->_collections as $value) {
            $this->_cache->updateCollection($value);
        }
    }

    /**
     * @param boolean $preserve_folders  Reload the folders first when another
     *                                   process changed them.
     */
    public function save($preserve_folders = false)
    {
        if ($preserve_folders) {
            $this->_cache->saveKeepingFolders();
        } else {
            $this->_cache->save();
        }
    }

    /**
     * save(true), unless a newer heartbeat sync of the device has started
     * (checkStaleRequest()): then nothing is saved. One step, so that the
     * newer request's cache cannot be overwritten in between.
     *
     * @return boolean  false when stale.
     */
    public function saveUnlessStale()
    {
        return $this->_cache->saveKeepingFolders(true);
    }

    /**
     * Loads the state of a collection.
     *
     * @param array $collection
     * @param boolean $requireSyncKey
     * @param boolean $readonly  A peek (polling): no lock, no garbage collection.
     *
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     * @throws Horde_ActiveSync_Exception_FolderGone
     * @throws Horde_ActiveSync_Exception_StateGone
     */
    public function initCollectionState(array &$collection, $requireSyncKey = false, $readonly = false)
    {
        $this->_changes = null;
        if (empty($collection['class'])
            && !($collection['class'] = $this->getCollectionClass($collection['id']))) {
            throw new Horde_ActiveSync_Exception_FolderGone('Could not load collection class for ' . $collection['id']);
        }
        if (empty($collection['type'])) {
            $collection['type'] = $this->getCollectionType($collection['id']);
        }
        if (empty($collection['serverid'])) {
            $collection['serverid'] = $this->getBackendIdForFolderUid($collection['id']);
        }
        if ($requireSyncKey && empty($collection['synckey'])) {
            throw new Horde_ActiveSync_Exception_InvalidRequest(sprintf('Empty synckey for %s.', $collection['id']));
        }
        $this->_logger->info(sprintf('COLLECTIONS: Initializing state for collection: %s, synckey: %s',
            $collection['serverid'], $collection['synckey']));
        $this->_as->state->loadState($collection, $collection['synckey'], Horde_ActiveSync::REQUEST_TYPE_SYNC,
            $collection['id'], $readonly ? ['readonly' => true] : []);
    }

    /**
     * Waits for changes in the collections (Ping, hanging Sync).
     *
     * @param integer $heartbeat  Seconds to wait at most.
     * @param integer $interval   Seconds between polls.
     * @param array $options      pingable: only collections marked pingable.
     *
     * @return boolean|integer  Whether changes were found, or a
     *                          COLLECTION_ERR_* code.
     */
    public function pollForChanges($heartbeat, $interval, array $options = [])
    {
        $dataavailable = false;
        $started = time();
        $until = $started + $heartbeat;
        $interval = max(1, (int)$interval);
        $pinging = !empty($options['pingable']);
        $this->_logger->info(sprintf('COLLECTIONS: Waiting for changes for %s seconds', $heartbeat));

        if ($pinging) {
            if ($this->collectionsNeedFolderResync()) {
                return self::COLLECTION_ERR_FOLDERSYNC_REQUIRED;
            }
            $this->restorePingableCollectionsFromCache();
            if (!$this->havePingableCollections()) {
                $this->_logger->err('COLLECTIONS: No pingable collections.');
                return $this->_as->device->version >= Horde_ActiveSync::VERSION_TWELVEONE && !$this->haveHierarchy()
                    ? self::COLLECTION_ERR_FOLDERSYNC_REQUIRED
                    : self::COLLECTION_ERR_SERVER;
            }
        }
        if ($this->_as->device->version >= Horde_ActiveSync::VERSION_TWELVEONE && !$this->haveHierarchy()) {
            return self::COLLECTION_ERR_FOLDERSYNC_REQUIRED;
        }

        // Saved now so that a newer request of the device can see it runs;
        // strictly after the one before, so that a newer request in the
        // same second still ends the older (seconds alone cannot tell them
        // apart, and Horde lets the older wait out its heartbeat).
        $this->lasthbsyncstarted = max($started, (int)$this->_cache->lasthbsyncstarted + 1);
        $this->save();

        $wipeCheck = 5;
        $first = true;
        while (($now = time()) < $until) {
            if ($until - $now < $interval) {
                $interval = $until - $now;
            }
            // Not right after the save above: a newer request would have
            // had to save in between (the check after the loop sees it).
            if (!$first && $this->checkStaleRequest()) {
                return self::COLLECTION_ERR_STALE;
            }
            $first = false;
            if (!count($this->_collections)) {
                $this->_logger->err('COLLECTIONS: No collections left to poll.');
                return self::COLLECTION_ERR_SERVER;
            }
            // A wipe is checked every few rounds: it reloads the device.
            if ($wipeCheck-- == 0) {
                $wipeCheck = 5;
                if ($this->_as->provisioning !== Horde_ActiveSync::PROVISIONING_NONE && $this->_wipePending()) {
                    return self::COLLECTION_ERR_FOLDERSYNC_REQUIRED;
                }
            }
            $this->_prefetch();

            foreach ($this->_collections as $id => $collection) {
                try {
                    $this->initCollectionState($collection, true, true);
                } catch (Horde_ActiveSync_Exception_StaleState $e) {
                    $this->_logger->notice(sprintf('COLLECTIONS: Corrupt state for %s; forcing a resync: %s',
                        $id, $e->getMessage()));
                    $this->_as->state->loadState([], null, Horde_ActiveSync::REQUEST_TYPE_SYNC, $id);
                    $this->setGetChangesFlag($id);
                    $dataavailable = true;
                    continue;
                } catch (Horde_ActiveSync_Exception_StateGone $e) {
                    if ($pinging) {
                        // An orphan: its state is gone, the device will
                        // sync it again when it wants it.
                        $this->_logger->notice(sprintf('COLLECTIONS: No state for %s during PING; dropping it.', $id));
                        $this->_cache->removePingableCollection($id);
                        $this->_cache->removeCollection($id, true);
                        unset($this->_collections[$id]);
                        $this->save();
                        continue;
                    }
                    $this->_logger->notice(sprintf('COLLECTIONS: No state for %s: requesting a SYNC.', $id));
                    $this->setGetChangesFlag($id);
                    $dataavailable = true;
                    continue;
                } catch (Horde_ActiveSync_Exception_InvalidRequest $e) {
                    $this->_logger->err(sprintf('COLLECTIONS: Ignoring %s while polling: %s.', $id, $e->getMessage()));
                    continue;
                } catch (Horde_ActiveSync_Exception_FolderGone $e) {
                    $this->_logger->warn('COLLECTIONS: Folder gone for collection ' . $id);
                    $this->_goneCollections[$id] = true;
                    return self::COLLECTION_ERR_FOLDERSYNC_REQUIRED;
                } catch (Horde_ActiveSync_Exception $e) {
                    $this->_logger->err('COLLECTIONS: Error loading state: ' . $e->getMessage());
                    $this->_as->state->loadState([], null, Horde_ActiveSync::REQUEST_TYPE_SYNC, $id);
                    $this->setGetChangesFlag($id);
                    $dataavailable = true;
                    continue;
                }
                if ($pinging && !$this->_cache->collectionIsPingable($id)) {
                    continue;
                }
                try {
                    if ($this->getCollectionChangeCount(true)) {
                        $dataavailable = true;
                        $this->setGetChangesFlag($id);
                        if ($pinging) {
                            $this->_cache->setPingChangeFlag($id);
                        }
                    } else {
                        try {
                            $this->_as->state->updateSyncStamp();
                        } catch (Horde_ActiveSync_Exception $e) {
                            $this->_logger->err($e->getMessage());
                        }
                        if ($this->_recoverBacklog($id, $pinging)) {
                            $dataavailable = true;
                        }
                    }
                } catch (Horde_ActiveSync_Exception_StaleState $e) {
                    $this->_logger->notice(sprintf('COLLECTIONS: Resetting the state of %s: %s', $id, $e->getMessage()));
                    $this->_as->state->loadState([], null, Horde_ActiveSync::REQUEST_TYPE_SYNC, $id);
                    $this->setGetChangesFlag($id);
                    $dataavailable = true;
                } catch (Horde_ActiveSync_Exception_FolderGone $e) {
                    $this->_logger->notice('COLLECTIONS: ' . $e->getMessage());
                    $this->_goneCollections[$id] = true;
                    // Clients rarely notice a vanished folder by themselves.
                    $this->resetPingCache();
                    return self::COLLECTION_ERR_FOLDERSYNC_REQUIRED;
                } catch (Horde_Exception_AuthenticationFailure $e) {
                    $this->_logger->err('COLLECTIONS: Authentication lost while polling.');
                    return self::COLLECTION_ERR_AUTHENTICATION;
                } catch (Horde_ActiveSync_Exception $e) {
                    $this->_logger->err(sprintf('COLLECTIONS: Cannot poll %s, backing off: %s', $id, $e->getMessage()));
                    $this->_sleep(min(30, max(1, $until - time())));
                    continue;
                }
            }
            if ($dataavailable) {
                $this->_logger->info('COLLECTIONS: Found changes!');
                break;
            }
            $this->_sleep($interval);
            $this->updateCollectionsFromCache();
        }

        if ($this->checkStaleRequest()) {
            return self::COLLECTION_ERR_STALE;
        }
        return $dataavailable;
    }

    /**
     * A collection without new changes whose MoreAvailable backlog the
     * client left alone past the grace period is reported as changed, so
     * the client resumes its Sync; BACKLOG_TRIGGER_MAX times at most, then
     * the backlog stays quiet until a Sync dates it again.
     *
     * @param string $id
     * @param boolean $pinging
     *
     * @return boolean  Whether it was reported.
     */
    protected function _recoverBacklog($id, $pinging)
    {
        if (!$this->_cache->hasStaleBacklog($id, self::BACKLOG_GRACE_PERIOD)) {
            return false;
        }
        $reported = $this->_cache->getBacklogPingCount($id);
        if ($reported >= self::BACKLOG_TRIGGER_MAX) {
            return false;
        }
        $this->_logger->notice(sprintf(
            'COLLECTIONS: %s still has a MoreAvailable backlog; reporting it to the client (%d of %d).',
            $id, $reported + 1, self::BACKLOG_TRIGGER_MAX));
        $this->_cache->incrementBacklogPingCount($id);
        $this->setGetChangesFlag($id);
        if ($pinging) {
            $this->_cache->setPingChangeFlag($id);
        }
        return true;
    }

    /**
     * Hands the mail folders about to be polled to the driver (Horde 6):
     * one status round trip instead of one per folder.
     */
    protected function _prefetch()
    {
        $folders = [];
        foreach ($this->_collections as $collection) {
            if (isset($collection['class']) && $collection['class'] == Horde_ActiveSync::CLASS_EMAIL
                && !empty($collection['serverid'])) {
                $folders[] = $collection['serverid'];
            }
        }
        if ($folders && method_exists($this->_as->driver, 'prefetchFolderStatus')) {
            try {
                $this->_as->driver->prefetchFolderStatus($folders);
            } catch (Exception $e) {
                $this->_logger->notice('Unable to prefetch mailbox status: ' . $e->getMessage());
            }
        }
    }

    /**
     * Whether a full or account-only wipe waits for the device.
     */
    protected function _wipePending()
    {
        $state = $this->_as->state;
        $rwstatus = $state->getDeviceRWStatus($this->_as->device->id, true);
        if ($rwstatus == Horde_ActiveSync::RWSTATUS_PENDING || $rwstatus == Horde_ActiveSync::RWSTATUS_WIPED) {
            return true;
        }
        if ($this->_as->device->version >= Horde_ActiveSync::VERSION_SIXTEENONE
            && method_exists($state, 'getAccountOnlyRWStatus')) {
            $accountOnly = $state->getAccountOnlyRWStatus($this->_as->device->id, true);
            return $accountOnly == Horde_ActiveSync::RWSTATUS_ACCOUNTONLY_PENDING
                || $accountOnly == Horde_ActiveSync::RWSTATUS_ACCOUNTONLY_WIPED;
        }
        return false;
    }

    /**
     * Sleeps, closing backend connections meanwhile.
     *
     * @param integer $interval  Seconds.
     */
    protected function _sleep($interval)
    {
        $this->_logger->info(sprintf('%sCOLLECTIONS: Sleeping for %s seconds.', str_repeat('-', 10), $interval));
        $this->_cache->state->disconnect();
        sleep(max(0, (int)$interval));
        $this->_cache->state->connect();
    }

    public function havePingableCollections()
    {
        foreach (array_keys($this->_collections) as $id) {
            if ($this->_cache->collectionIsPingable($id)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a collection with sync state has no folder any more: the
     * client must FolderSync to learn the new ids.
     */
    public function collectionsNeedFolderResync()
    {
        foreach ($this->_cache->getCollections(false) as $id => $collection) {
            if ($this->_hasKey($collection) && !$this->_cache->getFolder($id)) {
                $this->_logger->info(sprintf('COLLECTIONS: %s has sync state but no folder; FolderSync required.', $id));
                return true;
            }
        }
        return false;
    }

    /**
     * Marks collections with keys pingable again, and loads them (clients
     * that pinged before syncing must not stay without pingable folders).
     *
     * @return boolean  Whether the cache changed.
     */
    public function restorePingableCollectionsFromCache()
    {
        $updated = false;
        foreach ($this->_cache->getCollections(false) as $id => $collection) {
            if (!$this->_hasKey($collection) || !$this->_cache->getFolder($id)) {
                continue;
            }
            if (!$this->_cache->collectionIsPingable($id)) {
                $this->_cache->setPingableCollection($id);
                $updated = true;
            }
            if (!isset($this->_collections[$id])) {
                if (empty($collection['class'])) {
                    $collection['class'] = $this->getCollectionClass($id);
                }
                if (empty($collection['serverid'])) {
                    try {
                        $collection['serverid'] = $this->getBackendIdForFolderUid($id);
                    } catch (Horde_ActiveSync_Exception $e) {
                        continue;
                    }
                }
                if (empty($collection['synckey'])) {
                    $collection['synckey'] = $collection['lastsynckey'];
                }
                $this->_collections[$id] = $collection;
            }
        }
        if ($updated) {
            $this->save();
        }
        return $updated;
    }

    protected function _hasKey(array $collection)
    {
        $key = isset($collection['synckey']) ? (string)$collection['synckey'] : '';
        if ($key === '' && !empty($collection['lastsynckey'])) {
            $key = (string)$collection['lastsynckey'];
        }
        return $key !== '' && $key !== '0';
    }

    /**
     * The loop guard: counts the "FolderSync required" answers the device
     * ignored.
     *
     * @return integer  How many in a row.
     */
    public function folderSyncRequired()
    {
        $count = $this->_cache->incrementFolderSyncRequiredIgnored();
        $this->save();
        return $count;
    }

    /**
     * After FolderSync or a request that needed none.
     */
    public function resetFolderSyncRequired()
    {
        if ($this->_cache->getFolderSyncRequiredIgnoredCount()) {
            $this->_cache->resetFolderSyncRequiredIgnored();
            $this->save();
        }
    }

    /**
     * Whether the device ignored "FolderSync required" too often.
     */
    public function inFolderSyncLoop()
    {
        return $this->_cache->getFolderSyncRequiredIgnoredCount() >= self::FSR_LOOP_LIMIT;
    }

    /**
     * Removes collections whose folder is gone (from the folder cache, or
     * found gone in the backend by this request) from the cache and from
     * this request, so a device stuck in the loop syncs the rest again.
     *
     * @return integer  Collections removed.
     */
    public function markFolderGone($id)
    {
        $this->_goneCollections[$id] = true;
    }

    public function healGhostCollections()
    {
        $removed = 0;
        foreach ($this->_cache->getCollections(false) as $id => $collection) {
            if ($id !== 'RI' && (!$this->_cache->getFolder($id) || isset($this->_goneCollections[$id]))) {
                $this->_logger->notice(sprintf('COLLECTIONS: Removing ghost collection %s.', $id));
                $this->_cache->removePingableCollection($id);
                $this->_cache->removeCollection($id, true);
                unset($this->_collections[$id]);
                $removed++;
            }
        }
        if ($removed) {
            $this->save();
        }
        return $removed;
    }

    /**
     * Marks the loaded collections with keys pingable, the others not.
     */
    public function updatePingableFlag()
    {
        if (!count($this->_collections)) {
            return;
        }
        foreach ($this->_cache->getCollections(false) as $id => $collection) {
            if (!isset($this->_collections[$id])) {
                continue;
            }
            if (!empty($this->_collections[$id]['synckey'])) {
                $this->_cache->setPingableCollection($id);
            } else {
                $this->_cache->removePingableCollection($id);
            }
        }
    }

    /**
     * Unmarks every collection: the client must send a full Ping.
     */
    public function resetPingCache()
    {
        foreach (array_keys($this->_cache->getCollections(false)) as $id) {
            $this->_cache->removePingableCollection($id);
        }
    }

    /**
     * @param boolean $ping  Only whether something changed matters.
     *
     * @return array  The loaded collection's changes.
     */
    public function getCollectionChanges($ping = false, array $ensure = [])
    {
        if (empty($this->_changes)) {
            $this->_changes = $this->_as->state->getChanges(['ping' => $ping]);
        }
        return $this->_changes;
    }

    public function getCollectionChangeCount($ping = false)
    {
        if (empty($this->_changes)) {
            $this->getCollectionChanges($ping);
        }
        return count($this->_changes);
    }

    /**
     * @return ArrayIterator
     */
    #[\ReturnTypeWillChange]
    public function getIterator()
    {
        return new ArrayIterator($this->_collections);
    }
}
