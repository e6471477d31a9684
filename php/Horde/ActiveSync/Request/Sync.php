<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Sync (MS-ASCMD 2.2.1.21): the client's changes in, the server's changes
 * out, per collection and in windows (MoreAvailable); from EAS 12.1 empty,
 * partial and hanging (Wait, HeartbeatInterval) requests.
 *
 * Streamed delivery (Horde 6, on unless the driver's 'streaming' setting
 * is off): the client's Add/Change/Delete commands are queued while the
 * request is read and imported once the response has started, with
 * WBXML keep-alives between them; the output is flushed after the
 * preamble, between messages at most every FLUSH_INTERVAL (Horde 6: after
 * every message) and at every folder's end (the last one's with the
 * response's end), so a client that gives up
 * after ~30 s without bytes keeps reading. The count cap
 * (maxmessagesperresponse) is folded into the window before Commands, so
 * MoreAvailable still precedes Commands. Errors after the first byte are
 * reported in the protocol (statuses, an early end of the batch), never
 * as an HTTP error. Buffered delivery imports while reading, as Horde 5
 * does, with the maxresponsetime budget (Commands buffered so that
 * MoreAvailable can precede them).
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_Sync extends Horde_ActiveSync_Request_SyncBase
{
    const STATUS_SUCCESS                = 1;
    const STATUS_VERSIONMISM            = 2;
    const STATUS_KEYMISM                = 3;
    const STATUS_PROTERROR              = 4;
    const STATUS_SERVERERROR            = 5;
    const STATUS_INVALID                = 6;
    const STATUS_CONFLICT               = 7;
    const STATUS_NOTFOUND               = 8;
    const STATUS_FOLDERSYNC_REQUIRED    = 12;
    const STATUS_REQUEST_INCOMPLETE     = 13;
    const STATUS_INVALID_WAIT_HEARTBEAT = 14;

    /** The largest window a client may ask for (12.1 and later). */
    const MAX_WINDOW_SIZE    = Horde_ActiveSync_SyncCache::MAX_WINDOW_SIZE;

    /** Seconds between flushes of a streamed response's messages. */
    const FLUSH_INTERVAL = 0.25;

    /** The longest heartbeat, in seconds (12.1 and later). */
    const MAX_HEARTBEAT      = 3540;

    /**
     * @var Horde_ActiveSync_Collections
     */
    protected $_collections;

    protected $_reportsGlobalErrors = true;

    /**
     * Streamed delivery for this request.
     *
     * @var boolean
     */
    protected $_streaming = false;

    /**
     * The driver's sync settings.
     *
     * @var array
     */
    protected $_syncSettings = [];

    /**
     * Client commands queued while streaming: collection id => commands.
     *
     * @var array
     */
    protected $_deferred = [];

    /**
     * When the request started (microtime).
     *
     * @var float
     */
    protected $_requestStart;

    /**
     * When the last keep-alive went out.
     *
     * @var float
     */
    protected $_lastKeepAlive = 0;

    /**
     * @return boolean
     */
    protected function _handle()
    {
        $this->_logger->meta('Handling SYNC command.');
        $server = $this->_request->getServerVars();
        $this->_requestStart = !empty($server['REQUEST_TIME_FLOAT']) ? (float)$server['REQUEST_TIME_FLOAT'] : microtime(true);

        if (!$this->checkPolicyKey($this->_activeSync->getPolicyKey(), Horde_ActiveSync::SYNC_SYNCHRONIZE)) {
            return true;
        }
        if ($error = $this->_activeSync->checkGlobalError()) {
            $this->_statusCode = $error;
            $this->_handleGlobalSyncError();
            return true;
        }
        $this->_statusCode = self::STATUS_SUCCESS;
        $this->_syncSettings = method_exists($this->_driver, 'getSyncConfig') ? $this->_driver->getSyncConfig() : [];
        $this->_streaming = !empty($this->_syncSettings['streaming']);

        try {
            $this->_collections = $this->_activeSync->getCollectionsObject();
        } catch (Horde_ActiveSync_Exception $e) {
            $this->_statusCode = self::STATUS_SERVERERROR;
            $this->_handleGlobalSyncError();
            return true;
        }
        if ($this->_device->version >= Horde_ActiveSync::VERSION_TWELVEONE && !$this->_collections->haveHierarchy()) {
            $this->_logger->info('No HIERARCHY SYNCKEY in sync_cache, invalidating.');
            $this->_collections->folderSyncRequired();
            $this->_statusCode = self::STATUS_FOLDERSYNC_REQUIRED;
            $this->_handleGlobalSyncError();
            return true;
        }

        try {
            if (!$this->_readRequest()) {
                return true;
            }
        } catch (Horde_ActiveSync_Exception_InvalidRequest $e) {
            $this->_logger->err('SYNC: protocol error: ' . $e->getMessage());
            $this->_statusCode = self::STATUS_PROTERROR;
            $this->_handleGlobalSyncError();
            return true;
        }

        $pingSettings = $this->_driver->getHeartbeatConfig();
        if (!empty($pingSettings['maximumrequestwindowsize'])) {
            $this->_collections->setDefaultWindowSize($pingSettings['maximumrequestwindowsize'], true);
        }

        if ($this->_collections->canDoLoopingSync() && $this->_device->version >= Horde_ActiveSync::VERSION_TWELVEONE) {
            if (!($heartbeat = $this->_collections->getHeartbeat())) {
                $heartbeat = !empty($pingSettings['heartbeatdefault']) ? $pingSettings['heartbeatdefault'] : 10;
            }
            $changes = $this->_collections->pollForChanges($heartbeat,
                !empty($pingSettings['waitinterval']) ? $pingSettings['waitinterval'] : 10);
            if ($changes !== true && $changes !== false) {
                switch ($changes) {
                case Horde_ActiveSync_Collections::COLLECTION_ERR_STALE:
                    $this->_logger->info('Changes in cache detected during looping SYNC exiting here.');
                    return true;
                case Horde_ActiveSync_Collections::COLLECTION_ERR_FOLDERSYNC_REQUIRED:
                    $this->_collections->folderSyncRequired();
                    $this->_statusCode = self::STATUS_FOLDERSYNC_REQUIRED;
                    break;
                case Horde_ActiveSync_Collections::COLLECTION_ERR_SYNC_REQUIRED:
                    $this->_statusCode = self::STATUS_REQUEST_INCOMPLETE;
                    break;
                default:
                    $this->_statusCode = self::STATUS_SERVERERROR;
                }
                $this->_handleGlobalSyncError();
                return true;
            }
        }

        if ($this->_device->version >= Horde_ActiveSync::VERSION_TWELVEONE && empty($changes)
            && $this->_collections->canSendEmptyResponse()) {
            $this->_logger->info('Sending an empty SYNC response.');
            $this->_collections->lastsyncendnormal = time();
            $this->_collections->save(true);
            return true;
        }

        $this->_respond($pingSettings, isset($changes));
        return true;
    }

    /**
     * Reads the request, or takes it from the cache (empty request).
     *
     * @return boolean  false when a response was written already.
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _readRequest()
    {
        if (!$this->_decoder->getElementStartTag(Horde_ActiveSync::SYNC_SYNCHRONIZE)) {
            if ($this->_device->version < Horde_ActiveSync::VERSION_TWELVEONE) {
                $this->_logger->err('Empty Sync request and protocolversion < 12.1');
                $this->_statusCode = self::STATUS_REQUEST_INCOMPLETE;
                $this->_handleGlobalSyncError();
                return false;
            }
            $this->_logger->meta('Empty Sync request, taking info from SyncCache.');
            if ($this->_collections->cachedCollectionCount() == 0 || !$this->_collections->initEmptySync()) {
                $this->_statusCode = self::STATUS_REQUEST_INCOMPLETE;
                $this->_handleGlobalSyncError();
                return false;
            }
            return true;
        }

        $partial = false;
        $this->_collections->hangingSync = false;
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case Horde_ActiveSync::SYNC_HEARTBEATINTERVAL:
                $hbinterval = $this->_content();
                if ($hbinterval !== '' && !ctype_digit($hbinterval)) {
                    throw new Horde_ActiveSync_Exception_InvalidRequest('Malformed HeartbeatInterval');
                }
                if ($hbinterval) {
                    if ($hbinterval > self::MAX_HEARTBEAT || $hbinterval < 60) {
                        $this->_logger->err('HeartbeatInterval outside of allowed range.');
                        $this->_statusCode = self::STATUS_INVALID_WAIT_HEARTBEAT;
                        $this->_handleGlobalSyncError($hbinterval > self::MAX_HEARTBEAT ? self::MAX_HEARTBEAT : 60);
                        return false;
                    }
                    $this->_collections->setHeartbeat(['hbinterval' => (int)$hbinterval]);
                    $this->_collections->hangingSync = true;
                }
                break;
            case Horde_ActiveSync::SYNC_WAIT:
                $wait = $this->_content();
                if ($wait !== '' && !ctype_digit($wait)) {
                    throw new Horde_ActiveSync_Exception_InvalidRequest('Malformed Wait');
                }
                if ($wait) {
                    // Horde answers this with an undefined constant: a fatal error.
                    if ($wait > self::MAX_HEARTBEAT / 60) {
                        $this->_logger->err('Wait value outside of allowed range.');
                        $this->_statusCode = self::STATUS_INVALID_WAIT_HEARTBEAT;
                        $this->_handleGlobalSyncError((int)(self::MAX_HEARTBEAT / 60));
                        return false;
                    }
                    $this->_collections->setHeartbeat(['wait' => (int)$wait]);
                    $this->_collections->hangingSync = true;
                }
                break;
            case Horde_ActiveSync::SYNC_PARTIAL:
                $this->_content();
                $partial = true;
                break;
            case Horde_ActiveSync::SYNC_WINDOWSIZE:
                $window = $this->_content();
                if (!ctype_digit((string)$window)) {
                    throw new Horde_ActiveSync_Exception_InvalidRequest('Malformed WindowSize');
                }
                $window = (int)$window;
                $this->_collections->setDefaultWindowSize($window < 1 || $window > self::MAX_WINDOW_SIZE
                    ? self::MAX_WINDOW_SIZE : $window);
                break;
            case Horde_ActiveSync::SYNC_FOLDERS:
                if (!$this->_parseSyncFolders()) {
                    return false;
                }
                break;
            default:
                $this->_skipElement();
            }
        }

        if ($this->_device->version >= Horde_ActiveSync::VERSION_TWELVEONE) {
            if ($this->_collections->hbinterval !== false && $this->_collections->wait !== false) {
                $this->_logger->err('Received both HBINTERVAL and WAIT interval in same request.');
                $this->_statusCode = Horde_ActiveSync_Status::INVALID_XML;
                $this->_handleGlobalSyncError();
                return false;
            }
            $this->_collections->validateFromCache();
        }
        $this->_collections->ensureOptions();
        if ($partial) {
            $this->_logger->info('Executing a PARTIAL SYNC.');
            if (!$this->_collections->initPartialSync()) {
                $this->_statusCode = self::STATUS_REQUEST_INCOMPLETE;
                $this->_handleGlobalSyncError();
                return false;
            }
        } else {
            $this->_collections->initFullSync();
        }
        if (!$this->_collections->haveSyncableCollections($this->_device->version)) {
            $this->_statusCode = self::STATUS_KEYMISM;
            $this->_handleGlobalSyncError();
            return false;
        }
        $this->_collections->updateCache();
        $this->_collections->save(true);
        return true;
    }

    /**
     * The Folders (Collections) element.
     *
     * @return boolean  false when a response was written already.
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _parseSyncFolders()
    {
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            if ($tag != Horde_ActiveSync::SYNC_FOLDER) {
                $this->_skipElement();
                continue;
            }
            $collection = $this->_collections->getNewCollection();
            $commands = false;
            $folderOpen = $this->_enter();
            while ($folderOpen && ($tag = $this->_nextChild()) !== null) {
                switch ($tag) {
                case Horde_ActiveSync::SYNC_FOLDERTYPE:
                    $collection['class'] = $this->_content();
                    break;
                case Horde_ActiveSync::SYNC_SYNCKEY:
                    $collection['synckey'] = $this->_content();
                    break;
                case Horde_ActiveSync::SYNC_FOLDERID:
                    $collection['id'] = $this->_content();
                    if ($collection['id'] === '') {
                        throw new Horde_ActiveSync_Exception_InvalidRequest('Empty CollectionId.');
                    }
                    break;
                case Horde_ActiveSync::SYNC_WINDOWSIZE:
                    $window = $this->_content();
                    if (!ctype_digit((string)$window) || $window < 1 || $window > self::MAX_WINDOW_SIZE) {
                        $this->_logger->err('Bad windowsize sent, defaulting to 512');
                        $window = self::MAX_WINDOW_SIZE;
                    }
                    $collection['windowsize'] = (int)$window;
                    break;
                case Horde_ActiveSync::SYNC_CONVERSATIONMODE:
                    // Present and empty means true.
                    $collection['conversationmode'] = $this->_content() !== '0';
                    break;
                case Horde_ActiveSync::SYNC_DELETESASMOVES:
                    $collection['deletesasmoves'] = $this->_content() !== '0';
                    break;
                case Horde_ActiveSync::SYNC_GETCHANGES:
                    $collection['getchanges'] = $this->_content() !== '0';
                    break;
                case Horde_ActiveSync::SYNC_SUPPORTED:
                    if (!isset($collection['synckey']) || $collection['synckey'] != '0') {
                        // Only allowed with key 0.
                        $this->_statusCode = self::STATUS_PROTERROR;
                        $this->_handleError($collection);
                        return false;
                    }
                    $this->_parseSupported($collection);
                    break;
                case Horde_ActiveSync::SYNC_OPTIONS:
                    $this->_parseSyncOptions($collection);
                    break;
                case Horde_ActiveSync::SYNC_COMMANDS:
                    if (empty($collection['id'])) {
                        throw new Horde_ActiveSync_Exception_InvalidRequest('Commands before CollectionId.');
                    }
                    if (!$this->_parseSyncCommands($collection)) {
                        return false;
                    }
                    $commands = true;
                    break;
                default:
                    $this->_skipElement();
                }
            }
            if (empty($collection['id'])) {
                throw new Horde_ActiveSync_Exception_InvalidRequest('A collection without CollectionId.');
            }
            if (!isset($collection['synckey'])) {
                throw new Horde_ActiveSync_Exception_InvalidRequest('A collection without SyncKey.');
            }
            if (isset($collection['filtertype'])
                && !$this->_collections->checkFilterType($collection['id'], $collection['filtertype'])) {
                $collection['forcerefresh'] = true;
            }
            // GetChanges defaults to true with a key, false for key 0.
            if (!isset($collection['getchanges'])) {
                $collection['getchanges'] = !empty($collection['synckey']);
            }
            try {
                $this->_collections->addCollection($collection);
            } catch (Horde_ActiveSync_Exception_StateGone $e) {
                $this->_statusCode = self::STATUS_NOTFOUND;
                $this->_handleError($collection);
                return false;
            }
            if (!empty($collection['importedchanges']) || ($commands && !empty($this->_deferred[$collection['id']]))) {
                $this->_collections->importedChanges = true;
            }
            if ($this->_collections->collectionExists($collection['id']) && !empty($collection['windowsize'])) {
                $this->_collections->updateWindowSize($collection['id'], $collection['windowsize']);
            }
        }
        return true;
    }

    /**
     * Supported (MS-ASCMD 2.2.3.168): the properties the client keeps
     * (ghosting); empty means all of them.
     */
    protected function _parseSupported(array &$collection)
    {
        if (!$this->_enter()) {
            $collection['supported'] = [Horde_ActiveSync::ALL_GHOSTED];
        } else {
            $collection['supported'] = [];
            while (($tag = $this->_nextChild()) !== null) {
                $collection['supported'][] = $tag;
                $this->_skipElement();
            }
        }
        if (empty($collection['class'])) {
            $collection['class'] = $this->_collections->getCollectionClass($collection['id']);
        }
        if ($collection['class']) {
            $supported = $this->_device->supported ?: [];
            $supported[$collection['class']] = $collection['supported'];
            $this->_device->supported = $supported;
            $this->_device->save();
        }
    }

    /**
     * The Commands of a collection: imported now (buffered), or queued for
     * the response (streaming). Fetches are recorded either way.
     *
     * @return boolean  false when a response was written already.
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _parseSyncCommands(array &$collection)
    {
        $importer = null;
        if (empty($collection['synckey'])) {
            // Commands with key 0 are a client bug; they are read and dropped.
            $this->_logger->warn('Attempting a SYNC_COMMANDS, but device failed to send synckey. Ignoring.');
        } elseif (!$this->_streaming) {
            try {
                $this->_collections->initCollectionState($collection);
            } catch (Horde_ActiveSync_Exception_StateGone $e) {
                $this->_logger->warn('State not found sending STATUS_KEYMISM');
                $this->_statusCode = self::STATUS_KEYMISM;
                $this->_handleError($collection);
                return false;
            } catch (Horde_ActiveSync_Exception_FolderGone $e) {
                $this->_statusCode = self::STATUS_FOLDERSYNC_REQUIRED;
                $this->_handleError($collection);
                return false;
            } catch (Horde_ActiveSync_Exception $e) {
                $this->_logger->err($e->getMessage());
                $this->_statusCode = self::STATUS_SERVERERROR;
                $this->_handleGlobalSyncError();
                return false;
            }
            $importer = $this->_activeSync->getImporter();
            $importer->init($this->_state, $collection['id'], $collection['conflict']);
        }

        $queue = [];
        $count = 0;
        $open = $this->_enter();
        while ($open && ($type = $this->_nextChild()) !== null) {
            $count++;
            $command = $this->_parseCommand($type, $collection);
            if ($command === null || empty($collection['synckey'])) {
                continue;
            }
            if ($type == Horde_ActiveSync::SYNC_FETCH) {
                $collection['fetchids'][] = $command['serverid'];
            } elseif ($importer) {
                $this->_importCommand($importer, $collection, $command);
            } else {
                $queue[] = $command;
            }
        }
        if ($importer) {
            $this->_importRemoves($importer, $collection);
        } elseif ($queue) {
            $this->_deferred[$collection['id']] = $queue;
            $this->_logger->info(sprintf('Queued %d incoming changes for deferred import (streaming).', count($queue)));
        }
        $this->_logger->info(sprintf('Processed %d incoming changes', $count));
        return true;
    }

    /**
     * One command (Add, Change, Delete, Fetch), its start tag read.
     *
     * @return array|null  type, serverid, clientid, instanceid, appdata;
     *                     null for commands that carry nothing to do.
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _parseCommand($type, array &$collection)
    {
        $known = [Horde_ActiveSync::SYNC_ADD, Horde_ActiveSync::SYNC_MODIFY,
                  Horde_ActiveSync::SYNC_REMOVE, Horde_ActiveSync::SYNC_FETCH];
        if (!in_array($type, $known, true)) {
            $this->_skipElement();
            return null;
        }
        $command = ['type' => $type, 'serverid' => false, 'clientid' => false, 'instanceid' => false, 'appdata' => null];
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case Horde_ActiveSync::SYNC_SERVERENTRYID:
                $command['serverid'] = $this->_content();
                break;
            case Horde_ActiveSync::AIRSYNCBASE_INSTANCEID:
                $command['instanceid'] = $this->_content();
                break;
            case Horde_ActiveSync::SYNC_CLIENTENTRYID:
                $command['clientid'] = $this->_content();
                break;
            case Horde_ActiveSync::SYNC_FOLDERTYPE:
                $collection['class'] = $this->_content();
                break;
            case Horde_ActiveSync::SYNC_DATA:
                $empty = $this->_pending && $this->_decoder->isEmptyElement($this->_pending);
                $this->_pending = false;
                if ($empty || ($type != Horde_ActiveSync::SYNC_ADD && $type != Horde_ActiveSync::SYNC_MODIFY)) {
                    if (!$empty) {
                        $this->_skipElement();
                    }
                    break;
                }
                $command['appdata'] = $this->_decodeMessage($collection, $command);
                break;
            default:
                $this->_skipElement();
            }
        }
        if ($command['serverid'] === '' && $type != Horde_ActiveSync::SYNC_ADD) {
            // Broken clients (BlackBerry) send an empty ServerId.
            return null;
        }
        if (($type == Horde_ActiveSync::SYNC_ADD || $type == Horde_ActiveSync::SYNC_MODIFY) && !$command['appdata']) {
            if ($type == Horde_ActiveSync::SYNC_ADD && $command['clientid'] !== false) {
                $collection['clientids'][$command['clientid']] = false;
            }
            return null;
        }
        return $command;
    }

    /**
     * The ApplicationData of an Add or Change as its class's message.
     */
    protected function _decodeMessage(array $collection, array $command)
    {
        $class = !empty($collection['class']) ? $collection['class'] : $this->_collections->getCollectionClass($collection['id']);
        $types = [
            Horde_ActiveSync::CLASS_EMAIL => 'Mail', Horde_ActiveSync::CLASS_CONTACTS => 'Contact',
            Horde_ActiveSync::CLASS_CALENDAR => 'Appointment', Horde_ActiveSync::CLASS_TASKS => 'Task',
            Horde_ActiveSync::CLASS_NOTES => 'Note', Horde_ActiveSync::CLASS_SMS => 'Mail',
        ];
        if (!isset($types[$class])) {
            $this->_skipElement();
            return null;
        }
        $message = Horde_ActiveSync::messageFactory($types[$class]);
        $message->decodeStream($this->_decoder);
        if (!$this->_decoder->getElementEndTag()) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('ApplicationData not closed.');
        }
        if ($class == Horde_ActiveSync::CLASS_CALENDAR && !empty($command['instanceid'])
            && $command['type'] == Horde_ActiveSync::SYNC_MODIFY) {
            $message->instanceid = $command['instanceid'];
        }
        $message->commandType = $command['type'];
        return $message;
    }

    /**
     * Imports an Add or Change, or records a Delete for _importRemoves().
     */
    protected function _importCommand(Horde_ActiveSync_Connector_Importer $importer, array &$collection, array $command)
    {
        switch ($command['type']) {
        case Horde_ActiveSync::SYNC_MODIFY:
            $result = $importer->importMessageChange($command['serverid'], $command['appdata'], $this->_device,
                false, $collection['class'], $collection['synckey']);
            if (is_array($result) && !empty($result['error'])) {
                $collection['importfailures'][$result[0]] = $result['error'];
            } elseif (is_array($result)) {
                $collection['importedchanges'] = true;
                $collection['modifiedids'][] = $result['id'];
                $collection['atchash'][$result['id']] = !empty($result['atchash']) ? $result['atchash'] : [];
            }
            break;
        case Horde_ActiveSync::SYNC_ADD:
            $result = $importer->importMessageChange(false, $command['appdata'], $this->_device,
                $command['clientid'], $collection['class']);
            if (is_string($result) && $result !== '') {
                // An addition seen before: its reply was lost.
                $collection['clientids'][$command['clientid']] = $result;
            } elseif (!$result || !is_array($result) || !empty($result['error'])) {
                $collection['clientids'][$command['clientid']] = false;
            } else {
                $collection['clientids'][$command['clientid']] = $result['id'];
                $collection['atchash'][$result['id']] = !empty($result['atchash']) ? $result['atchash'] : [];
                if (!empty($result['conversationid'])) {
                    $collection['conversations'][$result['id']] = [$result['conversationid'], $result['conversationindex']];
                }
                $collection['importedchanges'] = true;
            }
            break;
        case Horde_ActiveSync::SYNC_REMOVE:
            if ($command['instanceid']) {
                $collection['instanceid_removes'][$command['serverid']] = $command['instanceid'];
            } elseif ($command['serverid']) {
                $collection['removes'][] = $command['serverid'];
            }
            break;
        }
    }

    /**
     * The Deletes of a collection, at once (or moved to the trash).
     */
    protected function _importRemoves(Horde_ActiveSync_Connector_Importer $importer, array &$collection)
    {
        if (!empty($collection['removes'])) {
            if (!empty($collection['deletesasmoves'])
                && ($trash = $this->_driver->getWasteBasket($collection['class']))) {
                $results = $importer->importMessageMove($collection['removes'], $trash);
            } else {
                $deleted = $importer->importMessageDeletion($collection['removes'], $collection['class']);
                $results = ['missing' => array_values(array_diff($collection['removes'], (array)$deleted))];
            }
            if (!empty($results['missing'])) {
                $collection['missing'] = $results['missing'];
            }
            unset($collection['removes']);
            $collection['importedchanges'] = true;
        }
        if (!empty($collection['instanceid_removes'])) {
            foreach ($collection['instanceid_removes'] as $uid => $instanceid) {
                $importer->importMessageDeletion([$uid => $instanceid], $collection['class'], true);
            }
            unset($collection['instanceid_removes']);
            $collection['importedchanges'] = true;
        }
    }

    /**
     * Imports the commands queued while streaming, with keep-alives.
     */
    protected function _runDeferredSyncCommands(array &$collection)
    {
        $id = $collection['id'];
        if (empty($this->_deferred[$id])) {
            return;
        }
        $commands = $this->_deferred[$id];
        unset($this->_deferred[$id]);
        $importer = $this->_activeSync->getImporter();
        $importer->init($this->_state, $id, $collection['conflict']);
        $interval = isset($this->_syncSettings['keepaliveinterval']) ? (int)$this->_syncSettings['keepaliveinterval'] : 15;
        $started = microtime(true);
        $keepAlives = 0;
        foreach ($commands as $command) {
            try {
                $this->_importCommand($importer, $collection, $command);
            } catch (Horde_ActiveSync_Exception $e) {
                // After the first byte errors are statuses, never HTTP errors.
                $this->_logger->err(sprintf('Deferred import of a %s in %s failed: %s',
                    $command['type'], $id, $e->getMessage()));
                if ($command['type'] == Horde_ActiveSync::SYNC_ADD) {
                    $collection['clientids'][$command['clientid']] = false;
                } elseif ($command['type'] == Horde_ActiveSync::SYNC_MODIFY) {
                    $collection['importfailures'][$command['serverid']] = self::STATUS_SERVERERROR;
                }
            }
            if ($interval == 0 || microtime(true) - $this->_lastKeepAlive >= $interval) {
                $this->_encoder->keepAlive();
                $this->_lastKeepAlive = microtime(true);
                $keepAlives++;
            }
        }
        try {
            $this->_importRemoves($importer, $collection);
        } catch (Horde_ActiveSync_Exception $e) {
            $this->_logger->err(sprintf('Deferred deletions in %s failed: %s', $id, $e->getMessage()));
        }
        $this->_logger->info(sprintf(
            'SYNC: imported %d deferred incoming change(s) for collection %s in %.1fs, %d keep-alive(s) emitted',
            count($commands), $id, microtime(true) - $started, $keepAlives));
    }

    /**
     * Options (MS-ASCMD 2.2.3.115.5), its start tag read.
     *
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    public function _parseSyncOptions(&$collection)
    {
        if (!$this->_enter()) {
            return;
        }
        $options = [];
        while (($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case Horde_ActiveSync::SYNC_FILTERTYPE:
                $options['filtertype'] = $this->_content();
                if (!preg_match('/^[0-8]$/', $options['filtertype'])) {
                    throw new Horde_ActiveSync_Exception_InvalidRequest('FilterType out of range.');
                }
                break;
            case Horde_ActiveSync::SYNC_FOLDERTYPE:
                $options['class'] = $this->_content();
                break;
            case Horde_ActiveSync::AIRSYNCBASE_BODYPREFERENCE:
                $this->_bodyPrefs($options);
                break;
            case Horde_ActiveSync::SYNC_CONFLICT:
                $options['conflict'] = $this->_content();
                break;
            case Horde_ActiveSync::SYNC_MIMESUPPORT:
                $options['mimesupport'] = $this->_content();
                break;
            case Horde_ActiveSync::SYNC_MIMETRUNCATION:
                $options['mimetruncation'] = Horde_ActiveSync::getMIMETruncSize($this->_content());
                break;
            case Horde_ActiveSync::SYNC_TRUNCATION:
                $options['truncation'] = Horde_ActiveSync::getTruncSize($this->_content());
                break;
            case Horde_ActiveSync::SYNC_RTFTRUNCATION:
                $options['rtftruncation'] = $this->_content();
                break;
            case Horde_ActiveSync::SYNC_MAXITEMS:
                $options['maxitems'] = $this->_content();
                break;
            case Horde_ActiveSync::RM_SUPPORT:
                $options['rightsmanagement'] = $this->_content();
                break;
            case Horde_ActiveSync::AIRSYNCBASE_BODYPARTPREFERENCE:
                $this->_bodyPartPrefs($options);
                break;
            default:
                $this->_skipElement();
            }
        }
        if (!isset($options['filtertype'])) {
            $options['filtertype'] = '0';
        }
        // The SMS options of a mail collection are not kept.
        if (!empty($options['class']) && $options['class'] == 'SMS') {
            return;
        }
        $collection = array_merge($collection, $options);
    }

    /**
     * The response: every collection, its changes, its replies.
     *
     * @param array $pingSettings
     * @param boolean $looped  A hanging Sync polled (its stamps are updated).
     */
    protected function _respond(array $pingSettings, $looped)
    {
        $streaming = $this->_streaming;
        $maxPerResponse = $streaming && isset($this->_syncSettings['maxmessagesperresponse'])
            ? (int)$this->_syncSettings['maxmessagesperresponse'] : 0;
        $maxMessageTime = $streaming && isset($this->_syncSettings['maxmessagetime'])
            ? (int)$this->_syncSettings['maxmessagetime'] : 0;
        $maxRequestDuration = $streaming && isset($this->_syncSettings['maxrequestduration'])
            ? (int)$this->_syncSettings['maxrequestduration'] : 0;
        $timeBudget = !$streaming && isset($this->_syncSettings['maxresponsetime'])
            ? (int)$this->_syncSettings['maxresponsetime'] : 0;

        $outputStart = microtime(true);
        $this->_logger->info(sprintf('SYNC: starting response output %.1fs after request start (streaming %s).',
            $outputStart - $this->_requestStart, $streaming ? 'on' : 'off'));
        $this->_encoder->startWBXML();
        $this->_encoder->startTag(Horde_ActiveSync::SYNC_SYNCHRONIZE);
        $this->_element(Horde_ActiveSync::SYNC_STATUS, self::STATUS_SUCCESS);
        if ($streaming) {
            $this->_flush();
        }
        $this->_encoder->startTag(Horde_ActiveSync::SYNC_FOLDERS);

        $exporter = new Horde_ActiveSync_Connector_Exporter_Sync($this->_activeSync, $this->_encoder);
        $globalWindow = $this->_collections->getDefaultWindowSize();
        $cntGlobal = 0;
        $overWindow = false;
        $folderSyncRequired = false;
        $foldersLeft = $this->_collections->collectionCount();
        foreach ($this->_collections as $id => $collection) {
            $foldersLeft--;
            $statusCode = self::STATUS_SUCCESS;
            $changecount = 0;
            $forceChanges = false;

            if ($overWindow || $cntGlobal > $globalWindow) {
                // The client's commands still go in; the client repeats the
                // request for the replies.
                if (!empty($this->_deferred[$id])) {
                    try {
                        $this->_collections->initCollectionState($collection);
                        $this->_runDeferredSyncCommands($collection);
                    } catch (Horde_ActiveSync_Exception $e) {
                        $this->_logger->err(sprintf('Unable to import deferred commands for %s: %s', $id, $e->getMessage()));
                    }
                }
                $this->_sendOverWindowResponse($collection);
                continue;
            }

            try {
                $this->_collections->initCollectionState($collection);
            } catch (Horde_ActiveSync_Exception_StaleState $e) {
                $this->_logger->err(sprintf('Force resetting state for %s: %s', $id, $e->getMessage()));
                $this->_state->loadState([], null, Horde_ActiveSync::REQUEST_TYPE_SYNC, $id);
                $statusCode = self::STATUS_KEYMISM;
            } catch (Horde_ActiveSync_Exception_StateGone $e) {
                $this->_logger->warn('SYNC terminating, state not found');
                $statusCode = self::STATUS_KEYMISM;
            } catch (Horde_ActiveSync_Exception_FolderGone $e) {
                $this->_logger->err($e->getMessage());
                $statusCode = self::STATUS_FOLDERSYNC_REQUIRED;
            } catch (Horde_ActiveSync_Exception $e) {
                $this->_logger->err($e->getMessage());
                $statusCode = self::STATUS_SERVERERROR;
            }

            if ($statusCode == self::STATUS_SUCCESS) {
                $this->_runDeferredSyncCommands($collection);
            }

            // Changes must be polled even when the client asks for none,
            // else conflict detection breaks; they are sent next time.
            if (!empty($collection['importedchanges']) && empty($collection['getchanges'])) {
                $forceChanges = true;
                $collection['getchanges'] = true;
                $this->_logger->notice('Forcing a GETCHANGES due to incoming changes.');
            }

            if ($statusCode == self::STATUS_SUCCESS && !empty($collection['getchanges'])) {
                try {
                    $changecount = $this->_collections->getCollectionChangeCount();
                } catch (Horde_ActiveSync_Exception_StaleState $e) {
                    $this->_logger->err(sprintf('Force resetting of state for %s: %s', $id, $e->getMessage()));
                    $this->_state->loadState([], null, Horde_ActiveSync::REQUEST_TYPE_SYNC, $id);
                    $statusCode = self::STATUS_KEYMISM;
                } catch (Horde_ActiveSync_Exception_StateGone $e) {
                    $this->_logger->warn('SYNCKEY not found. Reset required.');
                    $statusCode = self::STATUS_KEYMISM;
                } catch (Horde_ActiveSync_Exception_FolderGone $e) {
                    $this->_logger->warn('FOLDERSYNC required, collection gone.');
                    $statusCode = self::STATUS_FOLDERSYNC_REQUIRED;
                } catch (Horde_ActiveSync_Exception_TemporaryFailure $e) {
                    $this->_logger->err(sprintf('Failure in polling for changes: "%s".', $e->getMessage()));
                    $statusCode = Horde_ActiveSync_Status::SERVER_ERROR_RETRY;
                } catch (Horde_Exception_AuthenticationFailure $e) {
                    $this->_logger->err('Lost authentication during SYNC!!');
                    $statusCode = self::STATUS_SERVERERROR;
                }
            }

            // A new key for any change in or out, a first sync, a fetch, or
            // a Sync that follows a Ping which saw changes.
            if ($statusCode == self::STATUS_SUCCESS
                && (!empty($collection['importedchanges']) || !empty($changecount) || $collection['synckey'] == '0'
                    || $this->_state->getSyncKeyCounter($collection['synckey']) == 1
                    || !empty($collection['fetchids']) || $this->_collections->hasPingChangeFlag($id))) {
                try {
                    $collection['newsynckey'] = $this->_state->getNewSyncKeyWrapper($collection['synckey']);
                } catch (Horde_ActiveSync_Exception $e) {
                    $statusCode = self::STATUS_KEYMISM;
                }
            }
            if ($statusCode == self::STATUS_FOLDERSYNC_REQUIRED) {
                $folderSyncRequired = true;
                $this->_collections->markFolderGone($id);
            }

            $this->_encoder->startTag(Horde_ActiveSync::SYNC_FOLDER);
            $exporter->syncFolderType($collection);
            $exporter->syncKey($collection);
            $exporter->syncFolderId($collection);
            $exporter->syncStatus($statusCode);

            if ($statusCode == self::STATUS_SUCCESS) {
                if (!$forceChanges && !empty($collection['getchanges'])) {
                    $window = !empty($pingSettings['maximumwindowsize'])
                        ? min($collection['windowsize'], $pingSettings['maximumwindowsize'])
                        : $collection['windowsize'];
                    if ($maxPerResponse > 0) {
                        $window = min($window, $maxPerResponse);
                    }
                    $exceeds = !empty($changecount)
                        && ($changecount > $window || $cntGlobal + $changecount > $globalWindow);
                    $buffer = !$streaming && $timeBudget > 0 && !empty($changecount) && !$exceeds;
                    $moreAvailable = $exceeds;
                    if ($exceeds) {
                        $this->_logger->meta(sprintf(
                            'Sending MOREAVAILABLE. WINDOWSIZE = %d, $changecount = %d, MAX_REQUEST_WINDOWSIZE = %d, $cnt_global = %d',
                            $window, $changecount, $globalWindow, $cntGlobal));
                        $this->_encoder->startTag(Horde_ActiveSync::SYNC_MOREAVAILABLE, false, true);
                        $overWindow = $cntGlobal + $changecount > $globalWindow;
                    }
                    if (!empty($changecount)) {
                        $exporter->setChanges($this->_collections->getCollectionChanges(false), $collection);
                        $moreAvailable = $this->_exportChanges($exporter, $collection, $window, $globalWindow,
                            $cntGlobal, $buffer, $timeBudget, $outputStart, $maxMessageTime, $maxRequestDuration)
                            || $moreAvailable;
                    }
                    // The backlog the operations monitor and the poll's
                    // recovery watch: dated by each MoreAvailable, gone once
                    // a window carries the rest.
                    if ($moreAvailable) {
                        $this->_collections->setBacklogFlag($id);
                    } else {
                        $this->_collections->resetBacklogFlag($id);
                    }
                }
                $this->_sendReplies($exporter, $collection);

                if (!empty($collection['newsynckey'])) {
                    $this->_state->setNewSyncKey($collection['newsynckey']);
                    $this->_state->save();
                    $this->_collections->addConfirmedKey($collection['newsynckey']);
                    $this->_collections->updateCollection($collection,
                        ['newsynckey' => true, 'unsetChanges' => true, 'unsetPingChangeFlag' => true]);
                } elseif (!$looped) {
                    // Nothing changed: move the stamp on anyway (a hanging
                    // Sync did so while polling).
                    try {
                        $this->_state->updateSyncStamp();
                    } catch (Horde_ActiveSync_Exception $e) {
                        $this->_logger->err($e->getMessage());
                    }
                }
            }
            $this->_encoder->endTag(); // Folder
            // The last folder's bytes go out with the closing tags, just
            // below: one write to the client instead of two.
            if ($streaming && $foldersLeft > 0) {
                $this->_flush();
            }
        }
        $this->_encoder->endTag(); // Folders
        $this->_encoder->endTag(); // Sync
        if ($streaming) {
            $this->_flush();
        }

        // The loop guard: "FolderSync required" the client may ignore.
        if ($folderSyncRequired) {
            if ($this->_collections->folderSyncRequired() >= Horde_ActiveSync_Collections::FSR_LOOP_LIMIT) {
                $this->_collections->healGhostCollections();
            }
        } else {
            $this->_collections->resetFolderSyncRequired();
        }

        if ($this->_device->version < Horde_ActiveSync::VERSION_TWELVEONE) {
            $this->_collections->save(true);
            return;
        }
        $this->_collections->lastsyncendnormal = time();
        if (!$this->_collections->saveUnlessStale()) {
            $this->_logger->info('Changes detected in sync_cache during wait interval, exiting without updating cache.');
        }
    }

    /**
     * The Commands of a collection.
     *
     * @return boolean  Whether it ended with MoreAvailable of its own (a
     *                  buffered batch cut by the time budget).
     */
    protected function _exportChanges(Horde_ActiveSync_Connector_Exporter_Sync $exporter, array $collection, $window,
        $globalWindow, &$cntGlobal, $buffer, $timeBudget, $outputStart, $maxMessageTime, $maxRequestDuration)
    {
        $main = null;
        if ($buffer) {
            // Buffered with a time budget: Commands are held back so that
            // MoreAvailable can still precede them.
            $main = $this->_encoder->swapOutputStream(new Horde_Stream_Temp());
        }
        $this->_encoder->startTag(Horde_ActiveSync::SYNC_COMMANDS);
        $sent = 0;
        $stoppedEarly = false;
        $exporter->setPrefetchLimit(min($window, $globalWindow - $cntGlobal));
        // Every message closes what it opens: the loop runs at one depth.
        $depth = $this->_streaming ? $this->_encoder->getDepth() : 0;
        while ($sent < $window && $cntGlobal < $globalWindow) {
            if ($buffer && $sent > 0 && microtime(true) - $outputStart >= $timeBudget) {
                $this->_logger->info(sprintf('Sync time budget (%ds) reached after %d change(s) in %s; MOREAVAILABLE.',
                    $timeBudget, $sent, $collection['id']));
                $stoppedEarly = true;
                break;
            }
            // Asked only when used: this loop runs once per message.
            $messageStart = $maxMessageTime > 0 ? microtime(true) : 0;
            try {
                $progress = $exporter->sendNextChange();
            } catch (Throwable $e) {
                if (!$this->_streaming) {
                    throw $e;
                }
                // Bytes are out: close what the message left open and end
                // the envelope properly; what was not sent stays pending.
                $this->_logger->err(sprintf('Streaming SYNC: aborting export for collection %s after error: %s',
                    $collection['id'], $e->getMessage()));
                while ($this->_encoder->getDepth() > $depth) {
                    $this->_encoder->endTag();
                }
                break;
            }
            if ($progress === false) {
                break;
            }
            if ($this->_streaming) {
                $this->_flushSoon();
            }
            if ($progress !== true) {
                // Skipped (gone, unreadable): it takes no room in the window.
                continue;
            }
            $sent++;
            $cntGlobal++;
            if ($maxMessageTime > 0 && microtime(true) - $messageStart >= $maxMessageTime) {
                $this->_logger->warn(sprintf('SYNC: a message took %.1fs (cap %ds) in %s; stopping the batch.',
                    microtime(true) - $messageStart, $maxMessageTime, $collection['id']));
                break;
            }
            if ($maxRequestDuration > 0 && microtime(true) - $this->_requestStart >= $maxRequestDuration) {
                $this->_logger->warn(sprintf('SYNC: request duration cap (%ds) reached in %s; stopping the batch.',
                    $maxRequestDuration, $collection['id']));
                break;
            }
        }
        $this->_encoder->endTag();
        if ($buffer) {
            $commands = $this->_encoder->swapOutputStream($main);
            if ($stoppedEarly) {
                $this->_encoder->startTag(Horde_ActiveSync::SYNC_MOREAVAILABLE, false, true);
            }
            $this->_encoder->appendOutputStream($commands);
        }
        return $stoppedEarly;
    }

    /**
     * The Responses (Replies) of a collection.
     */
    protected function _sendReplies(Horde_ActiveSync_Connector_Exporter_Sync $exporter, array $collection)
    {
        if (empty($collection['clientids']) && empty($collection['fetchids']) && empty($collection['missing'])
            && empty($collection['importfailures']) && empty($collection['modifiedids'])) {
            return;
        }
        $this->_encoder->startTag(Horde_ActiveSync::SYNC_REPLIES);
        if (!empty($collection['importfailures'])) {
            $exporter->modifyFailures($collection);
        }
        if ($this->_device->version >= Horde_ActiveSync::VERSION_SIXTEEN && !empty($collection['modifiedids'])) {
            $exporter->syncModifiedResponse($collection);
        }
        if (!empty($collection['clientids'])) {
            $exporter->syncAddResponse($collection);
        }
        if (!empty($collection['missing'])) {
            $exporter->missingRemove($collection);
        }
        if (!empty($collection['fetchids'])) {
            $exporter->fetchIds($this->_driver, $collection);
        }
        $this->_encoder->endTag();
    }

    /**
     * A collection past the response's window: MoreAvailable alone.
     */
    protected function _sendOverWindowResponse($collection)
    {
        $this->_logger->meta('Over window maximum, skip polling for this request.');
        $this->_encoder->startTag(Horde_ActiveSync::SYNC_FOLDER);
        if ($this->_device->version <= Horde_ActiveSync::VERSION_TWELVE) {
            $this->_element(Horde_ActiveSync::SYNC_FOLDERTYPE, $collection['class']);
        }
        $this->_element(Horde_ActiveSync::SYNC_SYNCKEY, $collection['synckey']);
        $this->_element(Horde_ActiveSync::SYNC_FOLDERID, $collection['id']);
        $this->_element(Horde_ActiveSync::SYNC_STATUS, self::STATUS_SUCCESS);
        $this->_encoder->startTag(Horde_ActiveSync::SYNC_MOREAVAILABLE, false, true);
        $this->_encoder->endTag();
        $this->_collections->setBacklogFlag($collection['id']);
    }

    protected function _flush()
    {
        $this->_encoder->flushOutput();
        $this->_lastKeepAlive = microtime(true);
    }

    /**
     * Flushes between messages, at most every FLUSH_INTERVAL seconds: the
     * client's read timeout only needs bytes now and then, and a write to
     * the socket per message costs more than a small message's encoding.
     */
    protected function _flushSoon()
    {
        if (microtime(true) - $this->_lastKeepAlive >= self::FLUSH_INTERVAL) {
            $this->_flush();
        }
    }

    protected function _element($tag, $content)
    {
        $this->_encoder->startTag($tag);
        $this->_encoder->content($content);
        $this->_encoder->endTag();
    }

    /**
     * Sync with only a status (and the limit for status 14).
     *
     * @param integer|boolean $limit
     */
    protected function _handleGlobalSyncError($limit = false)
    {
        $this->_encoder->startWBXML();
        $this->_encoder->startTag(Horde_ActiveSync::SYNC_SYNCHRONIZE);
        $this->_element(Horde_ActiveSync::SYNC_STATUS, $this->_statusCode);
        if ($limit !== false) {
            $this->_element(Horde_ActiveSync::SYNC_LIMIT, $limit);
        }
        $this->_encoder->endTag();
    }

    /**
     * Sync with one collection's error status (and a new key when the key
     * was bad, so the client starts over).
     */
    protected function _handleError(array $collection)
    {
        $synckey = isset($collection['synckey']) ? $collection['synckey'] : '0';
        if ($this->_statusCode == self::STATUS_KEYMISM || !empty($collection['importedchanges'])
            || !empty($collection['getchanges']) || $synckey == '0') {
            $collection['newsynckey'] = Horde_ActiveSync_State_Base::getNewSyncKey(
                $this->_statusCode == self::STATUS_KEYMISM ? 0 : $synckey);
            if ($synckey != '0') {
                $this->_state->removeState(['synckey' => $synckey]);
            }
        }
        $this->_encoder->startWBXML();
        $this->_encoder->startTag(Horde_ActiveSync::SYNC_SYNCHRONIZE);
        $this->_encoder->startTag(Horde_ActiveSync::SYNC_FOLDERS);
        $this->_encoder->startTag(Horde_ActiveSync::SYNC_FOLDER);
        if (!empty($collection['class'])) {
            $this->_element(Horde_ActiveSync::SYNC_FOLDERTYPE, $collection['class']);
        }
        $this->_element(Horde_ActiveSync::SYNC_SYNCKEY, !empty($collection['newsynckey']) ? $collection['newsynckey'] : $synckey);
        $this->_element(Horde_ActiveSync::SYNC_FOLDERID, isset($collection['id']) ? $collection['id'] : '');
        $this->_element(Horde_ActiveSync::SYNC_STATUS, $this->_statusCode);
        $this->_encoder->endTag();
        $this->_encoder->endTag();
        $this->_encoder->endTag();
    }
}
