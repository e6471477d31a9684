<?php
/**
 * Horde_ActiveSync_State_Sql: state in the horde_activesync_* tables
 * through Horde_Db (SQLite, PostgreSQL, MySQL/MariaDB).
 *
 * Parameters: db (Horde_Db_Adapter, required), logger, and
 *  - serializer: 'native' (default) stores state in the compact native
 *    format; 'php' writes PHP serialize() as Horde's pure-PHP engine does,
 *    for a deployment moving back to it. Both forms are always readable.
 *  - lock_wait: seconds a request waits for another request of the same
 *    device to release a collection (default 20), then fails temporarily.
 *  - lock_ttl: seconds after which a lock left by a dead process is taken
 *    over (default 300).
 *  - lock_dir: a directory for lock files: collection locks are then
 *    flock()ed files there (Horde\ActiveSync\State\FileLocks) instead of
 *    rows of the lock table, for state that only one host uses (the
 *    embedded server's SQLite): one database write less per Sync, and no
 *    lock outlives its process. Every process using the state must then
 *    use the same directory.
 *
 * A request that will change a collection's state loads it with a lock on
 * (user, device, collection), released when the state is saved or the
 * request ends; a read-only load (Ping, heartbeat checks) takes no lock,
 * writes nothing and is memoized for the request.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

use Horde\ActiveSync\Native\SqliteStatements;
use Horde\ActiveSync\Native\StateCodec;
use Horde\ActiveSync\Native\SyncKey;
use Horde\ActiveSync\State\FileLocks;

class Horde_ActiveSync_State_Sql extends Horde_ActiveSync_State_Base
{
    const SYNCSTAMP_UPDATE_THRESHOLD = 30000;

    /** Kind bytes of native frames: what a blob holds. */
    const KIND_FOLDER = 1;
    const KIND_PENDING = 2;
    const KIND_CACHE = 3;
    const KIND_DEVICE = 4;

    /** Classes Horde's own serialized state may contain. */
    const PHP_STATE_CLASSES = [
        'Horde_ActiveSync_Folder_Imap', 'Horde_ActiveSync_Folder_Collection',
        'Horde_ActiveSync_Folder_RI', 'Horde_ActiveSync_Folder_Base', 'Horde_ActiveSync_Message_Folder',
    ];

    protected $_db;
    protected $_syncStateTable = 'horde_activesync_state';
    protected $_syncMapTable = 'horde_activesync_map';
    protected $_syncMailMapTable = 'horde_activesync_mailmap';
    protected $_syncDeviceTable = 'horde_activesync_device';
    protected $_syncUsersTable = 'horde_activesync_device_users';
    protected $_syncCacheTable = 'horde_activesync_cache';
    protected $_collectionLockTable = 'horde_activesync_collection_lock';

    /**
     * folderid => token of the collection locks this request holds (a
     * row's lock_token, or with lock_dir the lock file's key).
     */
    protected $_collectionLocks = [];
    /** The lock files of lock_dir, when set (made on the first lock). */
    protected $_fileLocks;
    /** Whether the lock table exists (null: not checked yet; assumed until a lock fails). */
    protected $_haveLockTable;
    /** "folderid\0synckey" => state row, for read-only loads. */
    protected $_readonlyRows = [];
    /**
     * folderid => the obsolete state keys loadState() found, deleted in
     * save()'s transaction: one commit less per request.
     */
    protected $_obsoleteKeys = [];
    protected $_columns = [];
    /** "device\0user" => the joined device row deviceExists() read, until a device write. */
    protected $_deviceRows = [];
    /** [device, "id\0user"] as stored: loaded with its user row, or last written. */
    protected $_storedDevice;
    /** SQL => PDOStatement prepared by this request (PDO adapters). */
    protected $_statements = [];
    /**
     * The persistent SQLite connection whose statements the extension keeps
     * for the worker (see _prepared()); false for none, null until known.
     */
    protected $_keptStatements;
    /** Change id => its key in $_changes (see _sentChangeKey()). */
    protected $_changeKeys = [];
    /** [raw cache_data, decoded] of the last cache read. */
    protected $_cacheMemo;
    /** A column object of the adapter, for decoding binary values. */
    protected $_binaryColumn;

    public function __construct(array $params = [])
    {
        parent::__construct($params);
        if (empty($params['db']) || !($params['db'] instanceof Horde_Db_Adapter)) {
            throw new InvalidArgumentException('Missing or invalid Horde_Db parameter.');
        }
        $this->_db = $params['db'];
        $this->_params += ['serializer' => 'native', 'lock_wait' => 20, 'lock_ttl' => 300];
    }

    public function __destruct()
    {
        try {
            $this->releaseLocks();
        } catch (Throwable $e) {
            // At shutdown the connection may be gone; stale locks expire after lock_ttl.
        }
    }

    /* ---- collection state ------------------------------------------------ */

    /**
     * Options: readonly (no lock, no garbage collection, memoized; for
     * requests that only look for changes).
     *
     * @throws Horde_ActiveSync_Exception_StateGone  malformed, unknown, foreign or corrupt key
     * @throws Horde_ActiveSync_Exception_TemporaryFailure  another request holds the collection
     */
    public function loadState(array $collection, $syncKey, $type = null, $id = null, array $options = [])
    {
        $this->_collection = $collection;
        $this->_changes = null;
        $this->_type = $type;
        $this->_folderAdvanced = false;
        if ($type == Horde_ActiveSync::REQUEST_TYPE_FOLDERSYNC && empty($id)) {
            $id = Horde_ActiveSync::REQUEST_TYPE_FOLDERSYNC;
        }
        $readonly = !empty($options['readonly']);
        $folderId = $this->_stateFolderId();

        if (empty($syncKey)) {
            if (!$readonly) {
                $this->_lockCollection($folderId);
            }
            $this->_folder = $type == Horde_ActiveSync::REQUEST_TYPE_FOLDERSYNC ? [] : $this->_newFolderObject();
            $this->_syncKey = '0';
            if (!$readonly) {
                $this->_resetDeviceState($id);
            }
            return;
        }
        if (!SyncKey::isValid((string)$syncKey)) {
            $this->_logger->warn(sprintf('STATE: Malformed sync key %s.', substr((string)$syncKey, 0, 80)));
            throw new Horde_ActiveSync_Exception_StateGone('Invalid synckey');
        }
        $this->_syncKey = $syncKey;
        if ($readonly) {
            $memo = $folderId . "\0" . $syncKey;
            if (!isset($this->_readonlyRows[$memo])) {
                $this->_readonlyRows[$memo] = $this->_selectStateRow();
            }
            $this->_loadStateFromResults($this->_readonlyRows[$memo]);
            return;
        }
        $this->_lockCollection($folderId);
        try {
            $this->_gc($syncKey);
            $this->_loadState();
        } catch (Throwable $e) {
            // Nothing will be saved: let the collection go at once, and
            // keep the rows a refused key would have made obsolete.
            unset($this->_obsoleteKeys[$folderId]);
            $this->_unlockCollection($folderId);
            throw $e;
        }
    }

    protected function _loadState()
    {
        $this->_loadStateFromResults($this->_selectStateRow());
    }

    protected function _selectStateRow()
    {
        $sql = 'SELECT sync_data, sync_devid, sync_user, sync_mod, sync_pending FROM '
            . $this->_syncStateTable . ' WHERE sync_key = ?';
        $values = [$this->_syncKey];
        if (!empty($this->_collection['id'])) {
            $sql .= ' AND sync_folderid = ?';
            $values[] = $this->_collection['id'];
        }
        $row = $this->_query('selectOne', $sql, $values);
        if (empty($row)) {
            $this->_logger->warn(sprintf('STATE: No state for sync key %s.', $this->_syncKey));
            throw new Horde_ActiveSync_Exception_StateGone();
        }
        if (!empty($this->_deviceInfo)
            && ($row['sync_devid'] != $this->_deviceInfo->id
                || (isset($row['sync_user']) && $row['sync_user'] != $this->_deviceInfo->user))) {
            $this->_logger->err(sprintf('STATE: Sync key %s belongs to another device or user.', $this->_syncKey));
            throw new Horde_ActiveSync_Exception_StateGone('Sync key belongs to another device');
        }
        $row['sync_data'] = $this->_binary($row['sync_data']);
        return $row;
    }

    protected function _loadStateFromResults($results)
    {
        $this->_lastSyncStamp = empty($results['sync_mod']) ? 0 : $results['sync_mod'];
        $this->_thisSyncStamp = $this->_lastSyncStamp;
        $data = $this->_decodeState($results['sync_data'], 'sync_data');
        $pending = $this->_decodeState($results['sync_pending'], 'sync_pending');
        if ($this->_type == Horde_ActiveSync::REQUEST_TYPE_FOLDERSYNC) {
            if ($data !== null && !is_array($data)) {
                $this->_corrupt('sync_data', 'folder list is not an array');
            }
            $this->_folder = $data ?? [];
            $this->_logger->meta(sprintf('STATE: Loaded FOLDERSYNC state with %d folders.', count($this->_folder)));
        } elseif ($this->_type == Horde_ActiveSync::REQUEST_TYPE_SYNC) {
            if ($data !== null && !($data instanceof Horde_ActiveSync_Folder_Base)) {
                $this->_corrupt('sync_data', 'collection state is not a folder object');
            }
            if ($pending !== null && !is_array($pending)) {
                $this->_corrupt('sync_pending', 'pending changes are not a list');
            }
            $this->_folder = $data ?? $this->_newFolderObject();
            $this->_changes = $pending ?: null;
            if ($this->_changes) {
                $this->_logger->meta(sprintf('STATE: %d changes remain from the previous Sync.', count($this->_changes)));
            }
        }
    }

    protected function _newFolderObject()
    {
        if (($this->_collection['class'] ?? null) == Horde_ActiveSync::CLASS_EMAIL) {
            return new Horde_ActiveSync_Folder_Imap($this->_collection['serverid'], Horde_ActiveSync::CLASS_EMAIL);
        }
        if (($this->_collection['serverid'] ?? null) == 'RI') {
            return new Horde_ActiveSync_Folder_RI('RI', 'RI');
        }
        return new Horde_ActiveSync_Folder_Collection($this->_collection['serverid'], $this->_collection['class']);
    }

    /**
     * A Sync that found nothing to send (no new key): advances sync_mod
     * when the backend's stamp moved far, and stores a mail folder that the
     * diff advanced (its STATUS and Ping watermark) under the same key, so
     * that the next Ping does not report the same server change again.
     */
    public function updateSyncStamp()
    {
        if ($this->_folderAdvanced && $this->_folder instanceof Horde_ActiveSync_Folder_Imap
            && $this->_type == Horde_ActiveSync::REQUEST_TYPE_SYNC && !empty($this->_deviceInfo)) {
            $this->_checkpointFolder();
        }
        if (($this->_thisSyncStamp - $this->_lastSyncStamp) < self::SYNCSTAMP_UPDATE_THRESHOLD) {
            return;
        }
        // Conditional on the old value: a concurrent save wins.
        $this->_query('update',
            'UPDATE ' . $this->_syncStateTable . ' SET sync_mod = ?'
            . ' WHERE sync_mod = ? AND sync_key = ? AND sync_user = ? AND sync_folderid = ?',
            [$this->_thisSyncStamp, $this->_lastSyncStamp, $this->_syncKey,
             $this->_deviceInfo->user, $this->_collection['id']]);
    }

    /** Rewrites the folder of the current key's row (pending changes and stamp untouched). */
    protected function _checkpointFolder()
    {
        $this->_logger->meta(sprintf('STATE: Storing the advanced state of %s under %s.',
            $this->_collection['id'], $this->_syncKey));
        try {
            $this->_db->updateBlob($this->_syncStateTable, [
                'sync_data' => new Horde_Db_Value_Binary($this->_encode($this->_folder, self::KIND_FOLDER, true)),
                'sync_timestamp' => time(),
            ], ['sync_key = ? AND sync_folderid = ? AND sync_user = ?',
                [$this->_syncKey, $this->_collection['id'], $this->_deviceInfo->user]]);
        } catch (Horde_Db_Exception $e) {
            $this->_logger->err($e->getMessage());
            throw new Horde_ActiveSync_Exception($e);
        }
        unset($this->_readonlyRows[$this->_collection['id'] . "\0" . $this->_syncKey]);
        $this->_folderAdvanced = false;
    }

    /**
     * Stores the state under the current sync key, replacing a row a
     * repeated key left behind, then releases the collection's lock.
     *
     * Options: preservePending: the pending changes stored with the key
     * stay as they are (Horde 6's Ping checkpoint, which stores a folder's
     * Ping watermark without touching a MoreAvailable backlog).
     */
    public function save(array $options = [])
    {
        $data = $pending = '';
        if ($this->_type == Horde_ActiveSync::REQUEST_TYPE_FOLDERSYNC) {
            $data = isset($this->_folder) ? $this->_encode($this->_folder, self::KIND_FOLDER, true) : '';
        } elseif ($this->_type == Horde_ActiveSync::REQUEST_TYPE_SYNC) {
            if (isset($this->_folder) && !($this->_folder instanceof Horde_ActiveSync_Folder_Base)) {
                throw new Horde_ActiveSync_Exception_StaleState('Invalid folder state: not a folder object.');
            }
            $pending = isset($this->_changes) ? $this->_encode(array_values($this->_changes), self::KIND_PENDING, false) : '';
            $data = isset($this->_folder) ? $this->_encode($this->_folder, self::KIND_FOLDER, true) : '';
        }
        $preserve = !empty($options['preservePending']) && $this->_type == Horde_ActiveSync::REQUEST_TYPE_SYNC;
        $folderId = $this->_stateFolderId();
        $row = [
            'sync_key' => $this->_syncKey,
            'sync_data' => new Horde_Db_Value_Binary($data),
            'sync_devid' => $this->_deviceInfo->id,
            'sync_mod' => SyncKey::isValid((string)$this->_syncKey) && (SyncKey::parse((string)$this->_syncKey)['counter'] ?? 0) == 1
                ? 0 : $this->_thisSyncStamp,
            'sync_folderid' => $folderId,
            'sync_user' => $this->_deviceInfo->user,
            'sync_pending' => $pending,
            'sync_timestamp' => time(),
        ];
        $this->_logger->meta(sprintf('STATE: Saving state %s for %s (%d bytes, %d pending).',
            $this->_syncKey, $folderId, strlen($data), $this->_changes ? count($this->_changes) : 0));
        $this->_transaction(function () use (&$row, $preserve, $folderId) {
            if ($preserve) {
                $stored = $this->_db->selectValue('SELECT sync_pending FROM ' . $this->_syncStateTable
                    . ' WHERE sync_key = ?', [$row['sync_key']]);
                $row['sync_pending'] = $stored === false || $stored === null ? '' : $stored;
            }
            $this->_deleteKeys($this->_syncStateTable, $this->_obsoleteKeys[$folderId] ?? []);
            $this->_query('delete', 'DELETE FROM ' . $this->_syncStateTable . ' WHERE sync_key = ?', [$row['sync_key']]);
            $this->_insert($this->_syncStateTable, $row);
            if (!$this->_fileLocks) {
                // In the same commit: one write transaction less per request.
                $this->_unlockCollection($folderId);
            }
        });
        // A lock file only after the commit: the next request must find
        // the new state.
        $this->_unlockCollection($folderId);
        unset($this->_readonlyRows[$folderId . "\0" . $this->_syncKey], $this->_obsoleteKeys[$folderId]);
    }

    public function updateState($type, array $change, $origin = Horde_ActiveSync::CHANGE_ORIGIN_NA,
                                $user = null, $clientid = '')
    {
        if ($origin != Horde_ActiveSync::CHANGE_ORIGIN_PIM) {
            $this->_removeSentChange($type, $change);
            return;
        }
        if ($this->_type == Horde_ActiveSync::REQUEST_TYPE_FOLDERSYNC) {
            $this->_replaceFolderStat($change['id'], $type == Horde_ActiveSync::CHANGE_TYPE_DELETE ? null : $change);
            return;
        }
        if (empty($this->_collection)) {
            $this->_collection = ['class' => $change['class'], 'id' => $change['folderuid']];
        }
        $syncKey = empty($this->_syncKey)
            ? $this->getLatestSynckeyForCollection($this->_collection['id'])
            : $this->_syncKey;
        if ($this->_collection['class'] != Horde_ActiveSync::CLASS_EMAIL) {
            $this->_query('execute',
                'INSERT INTO ' . $this->_syncMapTable . ' (message_uid, sync_modtime, sync_key, sync_devid,'
                . ' sync_folderid, sync_user, sync_clientid, sync_deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                [$change['id'], $change['mod'], $syncKey, $this->_deviceInfo->id, $change['serverid'], $user,
                 $clientid, $type == Horde_ActiveSync::CHANGE_TYPE_DELETE]);
            return;
        }
        if ($type == Horde_ActiveSync::CHANGE_TYPE_CHANGE && !empty($change['flags']) && is_array($change['flags'])) {
            $type = Horde_ActiveSync::CHANGE_TYPE_FLAGS;
        }
        [$column, $value] = $this->_mailMapColumn($type, $change);
        if ($column === null) {
            return;
        }
        $this->_query('execute',
            'INSERT INTO ' . $this->_syncMailMapTable . ' (message_uid, sync_key, sync_devid, sync_folderid,'
            . ' sync_user, ' . $column . ') VALUES (?, ?, ?, ?, ?, ?)',
            [$change['id'], $syncKey, $this->_deviceInfo->id, $change['serverid'], $user, $value]);
    }

    /** The mailmap column (and value) that records a client's mail change. */
    protected function _mailMapColumn($type, array $change)
    {
        switch ($type) {
        case Horde_ActiveSync::CHANGE_TYPE_FLAGS:
            if (!empty($change['categories'])) {
                return ['sync_category', md5(implode('', $change['categories']))];
            }
            if (isset($change['flags']['read'])) {
                return ['sync_read', !empty($change['flags']['read'])];
            }
            if (isset($change['flags']['flagged'])) {
                return ['sync_flagged', !empty($change['flags']['flagged'])];
            }
            return [null, null];
        case Horde_ActiveSync::CHANGE_TYPE_DELETE:
            return ['sync_deleted', true];
        case Horde_ActiveSync::CHANGE_TYPE_CHANGE:
            return ['sync_changed', true];
        case Horde_ActiveSync::CHANGE_TYPE_DRAFT:
            return ['sync_draft', true];
        }
        return [null, null];
    }

    /** A server change reached the client: drop it from the pending list. */
    protected function _removeSentChange($type, array $change)
    {
        $key = $this->_sentChangeKey($change['id']);
        if ($key === null) {
            return;
        }
        $value = $this->_changes[$key];
        if ($this->_type == Horde_ActiveSync::REQUEST_TYPE_FOLDERSYNC) {
            $stat = null;
            if ($type != Horde_ActiveSync::CHANGE_TYPE_DELETE) {
                $folder = $this->_backend->getFolder($value['serverid']);
                $stat = $this->_backend->statFolder($value['id'], empty($value['parent']) ? '0' : $value['parent'],
                    $folder->displayname, $folder->_serverid, $folder->type);
            }
            $this->_replaceFolderStat($value['id'], $stat);
        }
        unset($this->_changes[$key]);
    }

    /**
     * The key of the first pending change with this id, or null.
     *
     * Changes are sent in order, one call per change, and each sent one is
     * removed: the change is usually the list's first, which is looked at
     * before anything else. Otherwise a scan per call would make a window
     * of a large initial Sync quadratic, so the keys are indexed by id once
     * and the index checked against the list (which getChanges() and
     * loadState() replace) before it is trusted.
     */
    protected function _sentChangeKey($id)
    {
        $first = is_array($this->_changes) ? array_key_first($this->_changes) : null;
        if ($first !== null && self::_isChange($this->_changes[$first], $id)) {
            return $first;
        }
        if (is_scalar($id) && isset($this->_changeKeys[$id])) {
            $key = $this->_changeKeys[$id];
            if (isset($this->_changes[$key]) && self::_isChange($this->_changes[$key], $id)) {
                return $key;
            }
        }
        $this->_changeKeys = [];
        $found = null;
        foreach ((array)$this->_changes as $key => $value) {
            $valueId = is_array($value) ? ($value['id'] ?? null) : $value;
            if (is_scalar($valueId) && !isset($this->_changeKeys[$valueId])) {
                $this->_changeKeys[$valueId] = $key;
            }
            if ($found === null && self::_isChange($value, $id)) {
                $found = $key;
            }
        }
        return $found;
    }

    /** Whether a pending change (an id, or an array with one) is the change of that id. */
    private static function _isChange($change, $id)
    {
        return (is_array($change) && $change['id'] == $id) || $change == $id;
    }

    protected function _replaceFolderStat($id, $stat)
    {
        $this->_folder = array_values(array_filter((array)$this->_folder, fn($s) => $s['id'] != $id));
        if ($stat !== null) {
            $this->_folder[] = $stat;
        }
    }

    /* ---- devices --------------------------------------------------------- */

    public function loadDeviceInfo($devId, $user = null, $params = [])
    {
        if (empty($params['force']) && !empty($this->_deviceInfo)
            && $this->_deviceInfo->id == $devId && $this->_deviceInfo->user == $user) {
            return $this->_deviceInfo;
        }
        $memo = $devId . "\0" . $user;
        if (empty($params['force']) && !empty($user) && isset($this->_deviceRows[$memo])) {
            // deviceExists() of this request read the row already.
            $device = $deviceUser = $this->_deviceRows[$memo];
        } else {
            $device = $this->_query('selectOne',
                'SELECT device_type, device_agent, device_rwstatus, device_supported, device_properties FROM '
                . $this->_syncDeviceTable . ' WHERE device_id = ?', [$devId]);
            if (!$device) {
                throw new Horde_ActiveSync_Exception('Device not found.');
            }
            $deviceUser = empty($user) ? null : $this->_query('selectOne',
                'SELECT * FROM ' . $this->_syncUsersTable . ' WHERE device_id = ? AND device_user = ?', [$devId, $user]);
        }

        // Built from the row, not through __set(): a device just loaded has
        // nothing to write back.
        $info = new Horde_ActiveSync_Device($this, [
            'rwstatus' => $device['device_rwstatus'],
            'deviceType' => $device['device_type'],
            'userAgent' => $device['device_agent'],
            'id' => $devId,
            'user' => $user,
            'supported' => $this->_decodeArray(
                $this->_binary($device['device_supported'])),
            'policykey' => empty($deviceUser['device_policykey']) ? 0 : $deviceUser['device_policykey'],
            'accountOnlyRwstatus' => (int)($deviceUser['device_accountonly_rwstatus'] ?? Horde_ActiveSync::RWSTATUS_NA),
            'properties' => $this->_decodeArray(
                $this->_binary($device['device_properties'])),
        ]);
        $this->_deviceInfo = $info;
        $this->_storedDevice = $deviceUser ? [$info, $devId . "\0" . $user] : null;
        return $info;
    }

    /**
     * Writes the device and its user row. From Horde_ActiveSync_Device::save()
     * (with its $dirty fields), a device loaded by this request that nothing
     * changed in is not written again; every other call writes.
     */
    public function setDeviceInfo(Horde_ActiveSync_Device $data, array $dirty = [])
    {
        if (func_num_args() > 1 && !$dirty && $this->_isStored($data)) {
            $this->_deviceInfo = $data;
            return;
        }
        $this->_deviceRows = [];
        if (!$this->deviceExists($data->id)) {
            $this->_query('execute',
                'INSERT INTO ' . $this->_syncDeviceTable . ' (device_type, device_agent, device_rwstatus, device_id,'
                . ' device_supported, device_properties) VALUES (?, ?, ?, ?, ?, ?)',
                [$data->deviceType, (string)$data->userAgent, $data->rwstatus, $data->id,
                 empty($data->supported) ? '' : serialize($data->supported), serialize($data->properties)]);
        } else {
            $sql = 'UPDATE ' . $this->_syncDeviceTable . ' SET device_agent = ?, device_properties = ?';
            $values = [(string)$data->userAgent, serialize($data->properties)];
            if (!empty($data->supported)) {
                $sql .= ', device_supported = ?';
                $values[] = serialize($data->supported);
            }
            $values[] = $data->id;
            $this->_query('update', $sql . ' WHERE device_id = ?', $values);
        }
        $this->_deviceInfo = $data;
        if (!$this->_isStored($data)) {
            $count = $this->_query('selectValue',
                'SELECT COUNT(*) FROM ' . $this->_syncUsersTable . ' WHERE device_id = ? AND device_user = ?',
                [$data->id, $data->user]);
            if (!$count) {
                $this->_query('execute',
                    'INSERT INTO ' . $this->_syncUsersTable . ' (device_id, device_user, device_policykey) VALUES (?, ?, ?)',
                    [$data->id, $data->user, (int)$data->policykey]);
            }
        }
        $this->_storedDevice = [$data, $data->id . "\0" . $data->user];
    }

    /** Whether this device, for its current user, is as the database has it. */
    protected function _isStored(Horde_ActiveSync_Device $data)
    {
        return $this->_storedDevice && $this->_storedDevice[0] === $data
            && $this->_storedDevice[1] === $data->id . "\0" . $data->user;
    }

    public function setDeviceProperties(array $data, $deviceId)
    {
        $this->_deviceRows = [];
        // Device rows stay PHP-serialized arrays: administrators' tools read them.
        $this->_query('update', 'UPDATE ' . $this->_syncDeviceTable . ' SET device_properties = ? WHERE device_id = ?',
            [serialize($data), $deviceId]);
    }

    /**
     * With a user: the device row joined with that user's, kept for a
     * loadDeviceInfo() of the same device and user that follows (what
     * every request does first).
     */
    public function deviceExists($devId, $user = null)
    {
        if (empty($user)) {
            return $this->_query('selectValue',
                'SELECT COUNT(*) FROM ' . $this->_syncDeviceTable . ' WHERE device_id = ?', [$devId]);
        }
        $row = $this->_query('selectOne',
            'SELECT d.device_type, d.device_agent, d.device_rwstatus, d.device_supported, d.device_properties, u.*'
            . ' FROM ' . $this->_syncDeviceTable . ' d INNER JOIN ' . $this->_syncUsersTable
            . ' u ON d.device_id = u.device_id WHERE u.device_id = ? AND u.device_user = ?', [$devId, $user]);
        if (!$row) {
            unset($this->_deviceRows[$devId . "\0" . $user]);
            return 0;
        }
        $this->_deviceRows = [$devId . "\0" . $user => $row];
        return 1;
    }

    /** Filter keys: device_id, device_type, device_agent, device_user (prefix match). */
    public function listDevices($user = null, $filter = [])
    {
        $accountOnly = $this->_hasColumn($this->_syncUsersTable, 'device_accountonly_rwstatus')
            ? ', device_accountonly_rwstatus' : '';
        $sql = 'SELECT d.device_id AS device_id, device_type, device_agent, device_policykey, device_rwstatus,'
            . ' device_user, device_properties' . $accountOnly . ' FROM ' . $this->_syncDeviceTable
            . ' d INNER JOIN ' . $this->_syncUsersTable . ' u ON d.device_id = u.device_id';
        $where = [];
        $values = [];
        if (!empty($user)) {
            $where[] = 'u.device_user = ?';
            $values[] = $user;
        }
        foreach ($filter as $key => $value) {
            if (in_array($key, ['device_id', 'device_type', 'device_agent'], true)) {
                $where[] = 'd.' . $key . ' LIKE ?';
                $values[] = $value . '%';
            } elseif ($key === 'device_user') {
                $where[] = 'u.device_user LIKE ?';
                $values[] = $value . '%';
            }
        }
        if ($where) {
            $sql .= ' WHERE ' . implode(' AND ', $where);
        }
        return $this->_query('selectAll', $sql, $values);
    }

    public function getLastSyncTimestamp($id = null, $user = null)
    {
        if (empty($id) && empty($this->_deviceInfo)) {
            throw new Horde_ActiveSync_Exception('Device not loaded.');
        }
        $id = empty($id) ? $this->_deviceInfo->id : $id;
        $user = empty($user) ? $this->_deviceInfo->user : $user;
        $sql = 'SELECT MAX(sync_timestamp) FROM ' . $this->_syncStateTable . ' WHERE sync_devid = ?';
        $values = [$id];
        if (!empty($user)) {
            $sql .= ' AND sync_user = ?';
            $values[] = $user;
        }
        return $this->_query('selectValue', $sql, $values);
    }

    public function setPolicyKey($devId, $key)
    {
        $this->_deviceRows = [];
        if (empty($this->_deviceInfo) || $devId != $this->_deviceInfo->id) {
            throw new Horde_ActiveSync_Exception('Device not loaded');
        }
        $user = $this->_backend ? $this->_backend->getUser() : $this->_deviceInfo->user;
        $this->_query('update', 'UPDATE ' . $this->_syncUsersTable
            . ' SET device_policykey = ? WHERE device_id = ? AND device_user = ?', [$key, $devId, $user]);
        $this->_deviceInfo->policykey = $key;
    }

    public function resetAllPolicyKeys()
    {
        $this->_deviceRows = [];
        $this->_query('update', 'UPDATE ' . $this->_syncUsersTable . ' SET device_policykey = 0');
    }

    public function setDeviceRWStatus($devId, $status)
    {
        $this->_deviceRows = [];
        if ($status == Horde_ActiveSync::RWSTATUS_ACCOUNTONLY_PENDING
            || $status == Horde_ActiveSync::RWSTATUS_ACCOUNTONLY_WIPED) {
            throw new Horde_ActiveSync_Exception(
                'Account-only wipe status is per user: use setAccountOnlyRWStatus().');
        }
        $this->_query('update', 'UPDATE ' . $this->_syncDeviceTable . ' SET device_rwstatus = ? WHERE device_id = ?',
            [$status, $devId]);
        if ($status == Horde_ActiveSync::RWSTATUS_PENDING) {
            // Forces the device to provision again, where it learns of the wipe.
            $this->_query('update', 'UPDATE ' . $this->_syncUsersTable . ' SET device_policykey = 0 WHERE device_id = ?',
                [$devId]);
        }
        if (!empty($this->_deviceInfo) && $this->_deviceInfo->id == $devId) {
            $this->_deviceInfo->rwstatus = $status;
        }
    }

    /** EAS 16.1 account-only wipe of one user's account on a device. */
    public function setAccountOnlyRWStatus($devId, $user, $status)
    {
        $this->_deviceRows = [];
        $sql = 'UPDATE ' . $this->_syncUsersTable . ' SET device_accountonly_rwstatus = ?';
        if ($status == Horde_ActiveSync::RWSTATUS_ACCOUNTONLY_PENDING) {
            $sql .= ', device_policykey = 0';
        }
        $this->_query('update', $sql . ' WHERE device_id = ? AND device_user = ?', [$status, $devId, $user]);
        if (!empty($this->_deviceInfo) && $this->_deviceInfo->id == $devId && $this->_deviceInfo->user == $user) {
            $this->_deviceInfo->accountOnlyRwstatus = $status;
            if ($status == Horde_ActiveSync::RWSTATUS_ACCOUNTONLY_PENDING) {
                $this->_deviceInfo->policykey = 0;
            }
        }
    }

    public function getAccountOnlyRWStatus($devId, $refresh = false)
    {
        $this->_requireDevice($devId);
        if ($refresh) {
            $this->loadDeviceInfo($devId, $this->_deviceInfo->user, ['force' => true]);
        }
        return (int)($this->_deviceInfo->accountOnlyRwstatus ?? Horde_ActiveSync::RWSTATUS_NA);
    }

    /**
     * Options: devId and user (that user on that device; all of the device
     * while a wipe is pending), id (one collection), devId alone, user
     * alone, or synckey.
     */
    public function removeState(array $options)
    {
        $this->_deviceRows = [];
        $where = null;
        $values = [];
        $userQuery = $deviceQuery = null;
        if (!empty($options['devId']) && !empty($options['user'])) {
            $rwstatus = $this->_query('selectValue',
                'SELECT device_rwstatus FROM ' . $this->_syncDeviceTable . ' WHERE device_id = ?', [$options['devId']]);
            if ($rwstatus != Horde_ActiveSync::RWSTATUS_NA && $rwstatus != Horde_ActiveSync::RWSTATUS_OK) {
                return $this->removeState(['devId' => $options['devId']]);
            }
            $where = 'sync_devid = ? AND sync_user = ?';
            $values = [$options['devId'], $options['user']];
            if (!empty($options['id'])) {
                $where .= ' AND sync_folderid = ?';
                $values[] = $options['id'];
            } else {
                $userQuery = ['DELETE FROM ' . $this->_syncUsersTable . ' WHERE device_id = ? AND device_user = ?',
                              [$options['devId'], $options['user']]];
                $this->deleteSyncCache($options['devId'], $options['user']);
            }
        } elseif (!empty($options['devId'])) {
            $where = 'sync_devid = ?';
            $values = [$options['devId']];
            $userQuery = ['DELETE FROM ' . $this->_syncUsersTable . ' WHERE device_id = ?', $values];
            $deviceQuery = ['DELETE FROM ' . $this->_syncDeviceTable . ' WHERE device_id = ?', $values];
            $this->deleteSyncCache($options['devId']);
        } elseif (!empty($options['user'])) {
            $where = 'sync_user = ?';
            $values = [$options['user']];
            $userQuery = ['DELETE FROM ' . $this->_syncUsersTable . ' WHERE device_user = ?', $values];
            $this->deleteSyncCache(null, $options['user']);
        } elseif (!empty($options['synckey'])) {
            $where = 'sync_key = ?';
            $values = [$options['synckey']];
        } else {
            return;
        }
        $this->_logger->meta(sprintf('STATE: Removing state where %s: %s', $where, implode(', ', $values)));
        $this->_transaction(function () use ($where, $values, $userQuery, $deviceQuery) {
            foreach ([$this->_syncStateTable, $this->_syncMapTable, $this->_syncMailMapTable] as $table) {
                $this->_db->delete('DELETE FROM ' . $table . ' WHERE ' . $where, $values);
            }
            if ($userQuery) {
                $this->_db->delete($userQuery[0], $userQuery[1]);
            }
            if ($deviceQuery) {
                $this->_db->delete($deviceQuery[0], $deviceQuery[1]);
            } elseif ($userQuery) {
                // Devices nobody uses any more.
                $this->_db->delete('DELETE FROM ' . $this->_syncDeviceTable . ' WHERE device_id NOT IN'
                    . ' (SELECT device_id FROM ' . $this->_syncUsersTable . ')');
            }
        });
    }

    public function isDuplicatePIMAddition($id)
    {
        return $this->_query('selectValue',
            'SELECT message_uid FROM ' . $this->_syncMapTable . ' WHERE sync_clientid = ? AND sync_user = ?',
            [$id, $this->_deviceInfo->user]);
    }

    public function isDuplicatePIMChange($uid, $synckey)
    {
        return $this->_query('selectValue',
            'SELECT COUNT(*) FROM ' . $this->_syncMapTable . ' WHERE message_uid = ? AND sync_user = ? AND sync_key = ?',
            [$uid, $this->_deviceInfo->user, $synckey]);
    }

    /* ---- sync cache -------------------------------------------------------- */

    public function getSyncCache($devid, $user, array $fields = null)
    {
        $raw = $this->_query('selectValue', 'SELECT cache_data FROM ' . $this->_syncCacheTable
            . ' WHERE cache_devid = ? AND cache_user = ?', [$devid, $user]);
        $data = $this->_cacheFromRaw($raw, $devid, $user);
        return $fields === null ? $data : array_intersect_key($data, array_flip($fields));
    }

    /**
     * A stored cache_data value as the cache array. The cache is read
     * several times per request (other requests of the device may have
     * written it); the same bytes are decoded once.
     */
    protected function _cacheFromRaw($raw, $devid, $user, &$dropped = false)
    {
        $data = null;
        $dropped = false;
        if ($raw !== null && $raw !== false && $raw !== '') {
            if ($this->_cacheMemo !== null && $this->_cacheMemo[0] === $raw) {
                return $this->_cacheMemo[1];
            }
            try {
                $data = $this->_decodeState($this->_binary($raw), 'cache_data');
            } catch (Horde_ActiveSync_Exception_StateGone $e) {
                // A broken cache only costs the device a fresh start; drop it.
                $this->deleteSyncCache($devid, $user);
                $dropped = true;
            }
        }
        $data = (is_array($data) ? $data : []) + self::emptySyncCache();
        $this->_cacheMemo = is_string($raw) && $raw !== '' ? [$raw, $data] : null;
        return $data;
    }

    /** What a device without a stored cache starts with. */
    public static function emptySyncCache()
    {
        return [
            'confirmed_synckeys' => [], 'lasthbsyncstarted' => false, 'lastsyncendnormal' => false,
            'timestamp' => false, 'wait' => false, 'hbinterval' => false, 'folders' => [],
            'hierarchy' => false, 'collections' => [], 'pingheartbeat' => false, 'synckeycounter' => [],
            'foldermap' => [],
        ];
    }

    /**
     * With $dirty (as Horde_ActiveSync_SyncCache tracks it), only those
     * fields, and only the listed collections, are written over what is
     * stored, so parallel requests of one device do not undo each other.
     * A dirty field the cache no longer has is removed from the stored one.
     */
    public function saveSyncCache(array $cache, $devid, $user, array $dirty = [])
    {
        $this->reconcileSyncCache($devid, $user, function () use ($cache, $dirty) {
            return [$cache, $dirty];
        });
    }

    /**
     * Reads the stored cache and saves what $reconcile makes of it, in one
     * transaction: a decision taken on the stored cache (is a newer
     * request of the device running, did a FolderSync change the folders)
     * holds for the write, and costs no read of its own before it.
     *
     * @param string $devid
     * @param string $user
     * @param callable $reconcile  function (array $stored): the cache and
     *                             its dirty fields to save, merged into
     *                             the stored one as saveSyncCache() does
     *                             ([array, array]), or null to write
     *                             nothing. $stored is as getSyncCache()
     *                             returns it.
     *
     * @return boolean  Whether the cache was written.
     */
    public function reconcileSyncCache($devid, $user, callable $reconcile)
    {
        $written = false;
        $this->_transaction(function () use ($devid, $user, $reconcile, &$written) {
            $lock = $this->_db->adapterName() == 'PDO_SQLite' ? '' : ' FOR UPDATE';
            $raw = $this->_query('selectValue', 'SELECT cache_data FROM ' . $this->_syncCacheTable
                . ' WHERE cache_devid = ? AND cache_user = ?' . $lock, [$devid, $user]);
            $stored = $this->_cacheFromRaw($raw, $devid, $user, $dropped);
            // A broken one was dropped: written anew.
            $exists = $raw !== null && $raw !== false && !$dropped;
            $result = $reconcile($stored);
            if ($result === null) {
                return;
            }
            [$cache, $dirty] = $result;
            $cache['timestamp'] = strval($cache['timestamp']);
            if ($exists && $dirty) {
                $cache = $this->_mergeDirty($stored, $cache, $dirty);
            }
            $blob = $this->_encode($cache, self::KIND_CACHE, false);
            if ($exists) {
                $this->_query('update', 'UPDATE ' . $this->_syncCacheTable
                    . ' SET cache_data = ? WHERE cache_devid = ? AND cache_user = ?', [$blob, $devid, $user]);
            } else {
                $this->_query('execute', 'INSERT INTO ' . $this->_syncCacheTable
                    . ' (cache_data, cache_devid, cache_user) VALUES (?, ?, ?)', [$blob, $devid, $user]);
            }
            $written = true;
        });
        return $written;
    }

    protected function _mergeDirty(array $stored, array $cache, array $dirty)
    {
        foreach ($dirty as $field => $how) {
            if ($field !== 'collections' || $how === true) {
                if (array_key_exists($field, $cache)) {
                    $stored[$field] = $cache[$field];
                } else {
                    unset($stored[$field]);
                }
                continue;
            }
            foreach ((array)$how as $id => $ignored) {
                if (isset($cache['collections'][$id])) {
                    $stored['collections'][$id] = $cache['collections'][$id];
                } else {
                    unset($stored['collections'][$id]);
                }
            }
        }
        $stored['timestamp'] = $cache['timestamp'];
        return $stored;
    }

    public function deleteSyncCache($devid, $user = null)
    {
        $where = [];
        $values = [];
        if (!empty($devid)) {
            $where[] = 'cache_devid = ?';
            $values[] = $devid;
        }
        if (!empty($user)) {
            $where[] = 'cache_user = ?';
            $values[] = $user;
        }
        if ($where) {
            $this->_query('delete', 'DELETE FROM ' . $this->_syncCacheTable . ' WHERE ' . implode(' AND ', $where), $values);
        }
    }

    /* ---- change filtering ---------------------------------------------------- */

    protected function _getPIMChangeTS(array $changes)
    {
        if (!$changes || !is_array(reset($changes))) {
            return null;
        }
        $key = SyncKey::parse((string)$this->_syncKey);
        $previous = $key && $key['counter'] > 1 ? '{' . $key['uid'] . '}' . ($key['counter'] - 1) : $this->_syncKey;
        $values = [$this->_deviceInfo->id, $this->_deviceInfo->user, $this->_collection['serverid'],
                   $this->_syncKey, $previous];
        $conditions = [];
        foreach ($changes as $change) {
            if ($change['type'] == Horde_ActiveSync::CHANGE_TYPE_DELETE) {
                $conditions[] = '(message_uid = ? AND sync_deleted = ?)';
                array_push($values, $change['id'], true);
            } else {
                $conditions[] = 'message_uid = ?';
                $values[] = $change['id'];
            }
        }
        return $this->_query('selectAssoc',
            'SELECT message_uid, MAX(sync_modtime) FROM ' . $this->_syncMapTable
            . ' WHERE sync_devid = ? AND sync_user = ? AND sync_folderid = ? AND sync_key IN (?, ?)'
            . ' AND (' . implode(' OR ', $conditions) . ') GROUP BY message_uid', $values);
    }

    protected function _havePIMChanges()
    {
        if ($this->_collection['class'] == Horde_ActiveSync::CLASS_EMAIL) {
            return true;
        }
        return (bool)$this->_query('selectValue',
            'SELECT COUNT(*) FROM ' . $this->_syncMapTable . ' WHERE sync_devid = ? AND sync_user = ? AND sync_folderid = ?',
            [$this->_deviceInfo->id, $this->_deviceInfo->user, $this->_collection['serverid']]);
    }

    /** uid => [change type => whether the device itself made that change]. */
    protected function _getMailMapChanges(array $changes)
    {
        $byId = [];
        foreach ($changes as $change) {
            $byId[$change['id']][] = $change;
        }
        $results = [];
        foreach (array_chunk(array_keys($byId), 500) as $ids) {
            $rows = $this->_query('select',
                'SELECT message_uid, sync_read, sync_flagged, sync_deleted, sync_changed, sync_category, sync_draft FROM '
                . $this->_syncMailMapTable . ' WHERE sync_folderid = ? AND sync_devid = ? AND sync_user = ?'
                . ' AND message_uid IN (' . implode(',', array_fill(0, count($ids), '?')) . ')',
                array_merge([$this->_collection['serverid'], $this->_deviceInfo->id, $this->_deviceInfo->user], $ids));
            foreach ($rows as $row) {
                foreach ($byId[$row['message_uid']] ?? [] as $change) {
                    $made = $this->_rowRecordsChange($row, $change);
                    $results[$row['message_uid']][$change['type']] =
                        !empty($results[$row['message_uid']][$change['type']]) || $made;
                }
            }
        }
        return $results;
    }

    protected function _rowRecordsChange(array $row, array $change)
    {
        switch ($change['type']) {
        case Horde_ActiveSync::CHANGE_TYPE_FLAGS:
            return (!is_null($row['sync_read']) && isset($change['flags']['read'])
                    && $row['sync_read'] == $change['flags']['read'])
                || (!is_null($row['sync_flagged']) && isset($change['flags']['flagged'])
                    && $row['sync_flagged'] == $change['flags']['flagged'])
                || (!is_null($row['sync_category']) && !empty($change['categories'])
                    && $row['sync_category'] == md5(implode('', $change['categories'])));
        case Horde_ActiveSync::CHANGE_TYPE_DELETE:
            return !empty($row['sync_deleted']);
        case Horde_ActiveSync::CHANGE_TYPE_CHANGE:
            return !empty($row['sync_changed']);
        case Horde_ActiveSync::CHANGE_TYPE_DRAFT:
            return !empty($row['sync_draft']);
        }
        return false;
    }

    protected function _checkCollision($guid)
    {
        return (bool)$this->_query('selectValue',
            'SELECT COUNT(sync_key) FROM ' . $this->_syncStateTable
            . ' WHERE sync_devid = ? AND sync_folderid != ? AND sync_key LIKE ?',
            [$this->_deviceInfo->id, $this->_stateFolderId(), '{' . $guid . '}%']);
    }

    /**
     * Keeps the rows of the presented key and the one before it (the key a
     * client repeats after a lost response); older rows of its uid and rows
     * with unreadable keys go at the collection's next save(), client-change
     * maps of older keys at once.
     */
    protected function _gc($syncKey)
    {
        $key = SyncKey::parse($syncKey);
        if (!$key) {
            return;
        }
        $folderId = $this->_stateFolderId();
        $device = [$this->_deviceInfo->id, $this->_deviceInfo->user];
        // One query for the three tables: a Sync pays this on every load.
        $tables = [$this->_syncStateTable, $this->_syncMapTable, $this->_syncMailMapTable];
        $rows = $this->_query('selectAll',
            'SELECT 0 AS t, sync_key FROM ' . $tables[0] . ' WHERE sync_devid = ? AND sync_user = ? AND sync_folderid = ?'
            . ' UNION ALL SELECT DISTINCT 1 AS t, sync_key FROM ' . $tables[1] . ' WHERE sync_devid = ? AND sync_user = ?'
            . ' UNION ALL SELECT DISTINCT 2 AS t, sync_key FROM ' . $tables[2] . ' WHERE sync_devid = ? AND sync_user = ?',
            array_merge($device, [$folderId], $device, $device));
        $remove = [[], [], []];
        foreach ($rows as $row) {
            $old = (string)$row['sync_key'];
            $parsed = SyncKey::isValid($old) ? SyncKey::parse($old) : null;
            if ((int)$row['t'] === 0) {
                // State rows: all but the presented key and the one before it.
                if (!$parsed || ($parsed['uid'] === $key['uid'] && $parsed['counter'] + 1 < $key['counter'])) {
                    $remove[0][] = $old;
                }
            } elseif ($parsed && $parsed['uid'] === $key['uid'] && $parsed['counter'] < $key['counter']) {
                // Client-change maps of keys before the presented one.
                $remove[(int)$row['t']][] = $old;
            }
        }
        // State rows go with the next save of the collection, in its
        // transaction; nothing reads them before (loadState() reads the
        // presented key only). Without a save they wait for the next load.
        $this->_obsoleteKeys[$folderId] = $remove[0];
        // Client-change maps go now: the echo checks of this request read
        // them across keys.
        $this->_deleteKeys($tables[1], $remove[1]);
        $this->_deleteKeys($tables[2], $remove[2]);
    }

    /** Deletes the rows of these sync keys from a table, 500 keys a statement. */
    protected function _deleteKeys($table, array $keys)
    {
        foreach (array_chunk($keys, 500) as $chunk) {
            $this->_query('delete', 'DELETE FROM ' . $table . ' WHERE sync_key IN ('
                . implode(',', array_fill(0, count($chunk), '?')) . ')', $chunk);
        }
    }

    protected function _resetDeviceState($id)
    {
        $this->_logger->meta(sprintf('STATE: Resetting state of device %s, user %s, collection %s.',
            $this->_deviceInfo->id, $this->_deviceInfo->user, $id));
        $values = [$this->_deviceInfo->id, $id, $this->_deviceInfo->user];
        $this->_transaction(function () use ($values) {
            // Prepared (_query), not Horde_Db's delete(): on SQLite that
            // quotes the values into new SQL and loads its schema class to
            // watch for schema changes, in every initial Sync.
            foreach ([$this->_syncStateTable, $this->_syncMapTable, $this->_syncMailMapTable] as $table) {
                $this->_query('delete', 'DELETE FROM ' . $table
                    . ' WHERE sync_devid = ? AND sync_folderid = ? AND sync_user = ?', $values);
            }
        });
        $cache = new Horde_ActiveSync_SyncCache($this, $this->_deviceInfo->id, $this->_deviceInfo->user, $this->_logger);
        if ($id != Horde_ActiveSync::REQUEST_TYPE_FOLDERSYNC) {
            $cache->removeCollection($id, false);
        } else {
            // The folder uid map survives: the device gets the same uids back.
            $cache->clearFolders();
            $cache->clearCollections();
            $cache->hierarchy = '0';
        }
        $cache->save();
    }

    public function disconnect()
    {
        $this->_db->disconnect();
    }

    public function connect()
    {
        $this->_db->connect();
    }

    /* ---- collection locks ------------------------------------------------------ */

    /**
     * Takes (user, device, collection) for this request, waiting up to
     * lock_wait seconds for another request to finish with it; a lock older
     * than lock_ttl belonged to a dead process and is taken over.
     *
     * @throws Horde_ActiveSync_Exception_TemporaryFailure
     */
    protected function _lockCollection($folderId)
    {
        if (isset($this->_collectionLocks[$folderId]) || $this->_haveLockTable === false || empty($this->_deviceInfo)) {
            return;
        }
        $key = [$this->_deviceInfo->user, $this->_deviceInfo->id, $folderId];
        if (!empty($this->_params['lock_dir']) && !$this->_fileLocks) {
            $this->_fileLocks = new FileLocks($this->_params['lock_dir']);
        }
        // A lock row carries a random token, so that only its holder
        // deletes it; a lock file is named by the key.
        $token = $this->_fileLocks ? implode("\0", $key) : random_int(1, PHP_INT_MAX);
        $deadline = microtime(true) + (float)$this->_params['lock_wait'];
        $pause = 10000;
        do {
            if ($this->_fileLocks ? $this->_fileLocks->tryLock($token) : $this->_tryLock($key, $token)) {
                $this->_collectionLocks[$folderId] = $token;
                return;
            }
            // The table is looked for only when a lock fails: a schema
            // before migration 24 has none, and then nothing is locked.
            if (!$this->_fileLocks && !$this->_lockTableExists()) {
                return;
            }
            usleep($pause + random_int(0, $pause));
            $pause = min($pause * 2, 200000);
        } while (microtime(true) < $deadline);
        $this->_logger->err(sprintf('STATE: Collection %s of device %s is busy.', $folderId, $this->_deviceInfo->id));
        throw new Horde_ActiveSync_Exception_TemporaryFailure(
            sprintf('Collection %s is being synchronized by another request.', $folderId));
    }

    protected function _tryLock(array $key, $token)
    {
        $now = time();
        try {
            $this->_query('execute', 'INSERT INTO ' . $this->_collectionLockTable
                . ' (sync_user, sync_devid, sync_folderid, lock_token, lock_time) VALUES (?, ?, ?, ?, ?)',
                array_merge($key, [$token, $now]), false);
            return true;
        } catch (Horde_ActiveSync_Exception $e) {
            // Held by someone: take it over only if it is stale.
        }
        try {
            return $this->_query('update', 'UPDATE ' . $this->_collectionLockTable
                . ' SET lock_token = ?, lock_time = ? WHERE sync_user = ? AND sync_devid = ? AND sync_folderid = ?'
                . ' AND lock_time < ?', array_merge([$token, $now], $key, [$now - (int)$this->_params['lock_ttl']]),
                false) == 1;
        } catch (Horde_ActiveSync_Exception $e) {
            return false;
        }
    }

    protected function _unlockCollection($folderId)
    {
        if (!isset($this->_collectionLocks[$folderId])) {
            return;
        }
        $token = $this->_collectionLocks[$folderId];
        unset($this->_collectionLocks[$folderId]);
        if ($this->_fileLocks) {
            $this->_fileLocks->unlock($token);
            return;
        }
        try {
            $this->_query('delete', 'DELETE FROM ' . $this->_collectionLockTable
                . ' WHERE sync_user = ? AND sync_devid = ? AND sync_folderid = ? AND lock_token = ?',
                [$this->_deviceInfo->user, $this->_deviceInfo->id, $folderId, $token], false);
        } catch (Horde_ActiveSync_Exception $e) {
            $this->_logger->err('STATE: Could not release a collection lock: ' . $e->getMessage());
        }
    }

    /** Releases every lock this request holds (also done when the object goes away). */
    public function releaseLocks()
    {
        foreach (array_keys($this->_collectionLocks) as $folderId) {
            $this->_unlockCollection((string)$folderId);
        }
    }

    protected function _lockTableExists()
    {
        if ($this->_haveLockTable === null) {
            $this->_haveLockTable = in_array($this->_collectionLockTable, $this->_db->tables());
        }
        return $this->_haveLockTable;
    }

    /* ---- encoding ---------------------------------------------------------------- */

    /** State as the configured serializer writes it; $binary for binary columns. */
    protected function _encode($value, $kind, $binary)
    {
        if ($this->_params['serializer'] == 'php') {
            return self::_hordeSerialize($value);
        }
        return $binary ? StateCodec::pack($value, $kind) : StateCodec::packText($value, $kind);
    }

    /**
     * PHP serialize() as Horde's engine writes state: a folder object in
     * its Serializable form (C:...{json}), which Horde's classes read; our
     * classes also have __serialize(), which serialize() would prefer.
     */
    protected static function _hordeSerialize($value)
    {
        if ($value instanceof Horde_ActiveSync_Folder_Base && $value instanceof Serializable) {
            $class = get_class($value);
            $payload = $value->serialize();
            return 'C:' . strlen($class) . ':"' . $class . '":' . strlen($payload) . ':{' . $payload . '}';
        }
        return serialize($value);
    }

    /**
     * Reads native or PHP-serialized state; null for an empty column.
     *
     * @throws Horde_ActiveSync_Exception_StateGone  when the data is damaged
     */
    protected function _decodeState($raw, $column)
    {
        if ($raw === null || $raw === '' || $raw === false) {
            return null;
        }
        if (StateCodec::isNative($raw)) {
            try {
                return StateCodec::unpack($raw);
            } catch (Horde_ActiveSync_Exception $e) {
                $this->_corrupt($column, $e->getMessage());
            }
        }
        try {
            // A folder's own reader refuses damaged contents by throwing.
            $value = @unserialize($raw, ['allowed_classes' => self::PHP_STATE_CLASSES]);
        } catch (Throwable $e) {
            $this->_corrupt($column, $e->getMessage());
        }
        if ($value === false && $raw !== serialize(false)) {
            $this->_corrupt($column, 'not readable as native or PHP-serialized state');
        }
        if (self::_hasIncompleteClass($value, 0)) {
            $this->_corrupt($column, 'names a class that state may not contain');
        }
        return $value;
    }

    /** Whether unserialize() met a class it was not allowed to create. */
    protected static function _hasIncompleteClass($value, $depth)
    {
        if ($value instanceof __PHP_Incomplete_Class) {
            return true;
        }
        if (!is_array($value) || $depth > 16) {
            return false;
        }
        foreach ($value as $item) {
            if ((is_array($item) || is_object($item)) && self::_hasIncompleteClass($item, $depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Device columns: PHP-serialized arrays; damage yields an empty array. */
    protected function _decodeArray($raw)
    {
        if (!is_string($raw) || $raw === '') {
            return [];
        }
        $value = StateCodec::isNative($raw) ? null : @unserialize($raw, ['allowed_classes' => false]);
        return is_array($value) ? $value : [];
    }

    /**
     * Damaged state: logged, the row removed so the next attempt starts
     * clean, and the client sent to a fresh sync.
     */
    protected function _corrupt($column, $why)
    {
        $this->_logger->err(sprintf('STATE: Corrupt %s for sync key %s: %s. Forcing a fresh sync.',
            $column, $this->_syncKey, $why));
        if ($column != 'cache_data' && !empty($this->_syncKey)) {
            try {
                $this->_db->delete('DELETE FROM ' . $this->_syncStateTable . ' WHERE sync_key = ?', [$this->_syncKey]);
            } catch (Horde_Db_Exception $e) {
                $this->_logger->err($e->getMessage());
            }
        }
        throw new Horde_ActiveSync_Exception_StateGone('Corrupt state: ' . $why);
    }

    /* ---- database helpers ---------------------------------------------------------- */

    protected function _stateFolderId()
    {
        return !empty($this->_collection['id']) ? $this->_collection['id'] : Horde_ActiveSync::REQUEST_TYPE_FOLDERSYNC;
    }

    /**
     * Runs a statement through Horde_Db's method of that name. On PDO
     * adapters the statement is prepared once per request and its values
     * bound instead: Horde_Db quotes every value into new SQL text, which
     * the database parses again each time, and a request repeats several
     * statements (the sync cache is read four or five times).
     */
    protected function _query($method, $sql, array $values = [], $logErrors = true)
    {
        if ($this->_db instanceof Horde_Db_Adapter_Pdo_Base) {
            return $this->_prepared($method, $sql, $values, $logErrors);
        }
        try {
            return $this->_db->$method($sql, $values);
        } catch (Horde_Db_Exception $e) {
            if ($logErrors) {
                $this->_logger->err($e->getMessage());
            }
            throw new Horde_ActiveSync_Exception($e);
        }
    }

    /**
     * Inserts a row; Horde_Db_Value_Binary values are bound as LOBs (on
     * PDO one prepared statement, without Horde_Db's temporary streams).
     */
    protected function _insert($table, array $row)
    {
        if (!($this->_db instanceof Horde_Db_Adapter_Pdo_Base)) {
            try {
                $this->_db->insertBlob($table, $row);
            } catch (Horde_Db_Exception $e) {
                $this->_logger->err($e->getMessage());
                throw new Horde_ActiveSync_Exception($e);
            }
            return;
        }
        $this->_prepared('insert', 'INSERT INTO ' . $table . ' (' . implode(', ', array_keys($row)) . ') VALUES ('
            . implode(', ', array_fill(0, count($row), '?')) . ')', array_values($row), true);
    }

    /** Fetch mode of SqliteStatements::run() for each Horde_Db method _query() takes. */
    const KEPT_FETCH = [
        'selectValue' => SqliteStatements::VALUE, 'selectOne' => SqliteStatements::ROW,
        'select' => SqliteStatements::ALL, 'selectAll' => SqliteStatements::ALL,
        'selectValues' => SqliteStatements::COLUMN, 'selectAssoc' => SqliteStatements::PAIRS,
    ];

    /**
     * The PDO connection to run kept statements on, or false: the
     * extension keeps them when built with libsqlite3, for a persistent
     * SQLite connection.
     *
     * @return PDO|false
     */
    protected function _keptConnection()
    {
        if ($this->_keptStatements === null) {
            $pdo = $this->_db->rawConnection();
            $this->_keptStatements = $pdo instanceof PDO && class_exists(SqliteStatements::class, false)
                && SqliteStatements::supports($pdo) ? $pdo : false;
        }
        return $this->_keptStatements;
    }

    /**
     * _query() on the PDO connection, with Horde_Db's result shapes.
     *
     * On a persistent SQLite connection (the embedded server's) the
     * extension keeps each statement prepared for the worker's later
     * requests; elsewhere a statement is prepared once per request.
     */
    protected function _prepared($method, $sql, array $values, $logErrors)
    {
        // As Horde_Db quotes them: booleans as '1'/'0' (every backend reads
        // that into a boolean column), numbers bare, binary data as a LOB
        // (its position in $lobs).
        $params = [];
        $lobs = [];
        foreach ($values as $value) {
            if ($value instanceof Horde_Db_Value_Binary) {
                $lobs[count($params)] = true;
                $params[] = $value->value;
            } elseif (is_bool($value)) {
                $params[] = $value ? '1' : '0';
            } elseif (is_int($value) || $value === null) {
                $params[] = $value;
            } else {
                $params[] = (string)$value;
            }
        }
        try {
            if ($kept = $this->_keptConnection()) {
                $blobs = 0;
                foreach ($lobs as $i => $lob) {
                    $blobs |= 1 << $i;
                }
                return SqliteStatements::run($kept, $sql, $params,
                    self::KEPT_FETCH[$method] ?? SqliteStatements::CHANGES, $blobs);
            }
            if (!isset($this->_statements[$sql])) {
                $this->_statements[$sql] = $this->_db->rawConnection()->prepare($sql);
            }
            $stmt = $this->_statements[$sql];
            foreach ($params as $i => $param) {
                if (isset($lobs[$i])) {
                    $type = PDO::PARAM_LOB;
                } elseif (is_int($param)) {
                    $type = PDO::PARAM_INT;
                } elseif ($param === null) {
                    $type = PDO::PARAM_NULL;
                } else {
                    $type = PDO::PARAM_STR;
                }
                $stmt->bindValue($i + 1, $param, $type);
            }
            $stmt->execute();
            switch ($method) {
            case 'selectValue':
                $result = $stmt->fetchColumn(0);
                break;
            case 'selectOne':
                $result = $stmt->fetch(PDO::FETCH_ASSOC);
                break;
            case 'select':
            case 'selectAll':
                $result = $stmt->fetchAll(PDO::FETCH_ASSOC);
                break;
            case 'selectValues':
                $result = $stmt->fetchAll(PDO::FETCH_COLUMN, 0);
                break;
            case 'selectAssoc':
                $result = $stmt->fetchAll(PDO::FETCH_KEY_PAIR);
                break;
            default:
                $result = $stmt->rowCount();
            }
            return $result;
        } catch (PDOException $e) {
            if ($logErrors) {
                $this->_logger->err($e->getMessage());
            }
            throw new Horde_ActiveSync_Exception(new Horde_Db_Exception($e));
        } finally {
            // Reset also after a failure: a statement left active keeps
            // its transaction (and SQLite's write lock) open.
            if (isset($stmt)) {
                $stmt->closeCursor();
            }
        }
    }

    /** Runs $work in one transaction (an immediate one on SQLite, so writers queue instead of deadlocking). */
    protected function _transaction(callable $work)
    {
        $sqlite = $this->_db->adapterName() == 'PDO_SQLite' ? $this->_db->rawConnection() : null;
        $kept = $sqlite ? $this->_keptConnection() : false;
        // SQLite's statement (a kept one where it can be: PDO::exec()
        // compiles its SQL each time, four transactions a Sync), else
        // Horde_Db's method.
        $step = function ($sql, $method) use ($sqlite, $kept) {
            if ($kept) {
                SqliteStatements::run($kept, $sql, [], SqliteStatements::CHANGES);
            } elseif ($sqlite) {
                $sqlite->exec($sql);
            } else {
                $this->_db->$method();
            }
        };
        try {
            $step('BEGIN IMMEDIATE', 'beginDbTransaction');
            $work();
            $step('COMMIT', 'commitDbTransaction');
        } catch (Throwable $e) {
            try {
                $step('ROLLBACK', 'rollbackDbTransaction');
            } catch (Horde_Db_Exception | PDOException $ignored) {
            }
            $this->_logger->err('STATE: ' . $e->getMessage());
            throw $e instanceof Horde_ActiveSync_Exception ? $e : new Horde_ActiveSync_Exception($e);
        }
    }

    /**
     * A value read from a column as Horde_Db's column objects return it
     * (SQLite unescapes what quoteBinary() escaped, PostgreSQL decodes
     * bytea). The conversion depends on the adapter only, so no column
     * list is asked of the database: a column object made locally decodes.
     */
    protected function _binary($value)
    {
        switch ($this->_db->adapterName()) {
        case 'PDO_SQLite':
            return self::_sqliteBinary((string)$value);
        case 'PDO_MySQL':
        case 'MySQLi':
        case 'MySQL':
            return (string)$value;
        }
        if (!isset($this->_binaryColumn)) {
            $this->_binaryColumn = $this->_db->makeColumn('value', null, 'binary');
        }
        return $this->_binaryColumn->binaryToString($value);
    }

    /**
     * Horde_Db's SQLite column unescapes %00 and %25, which its quoting
     * once wrote for binary values; its insertBlob() and updateBlob() bind
     * them unescaped today, so a value holding those three bytes comes back
     * damaged through the column object. A native frame is always as
     * written; PHP-serialized data is taken as stored when it reads so,
     * else unescaped (rows of older Horde_Db versions).
     */
    protected static function _sqliteBinary($value)
    {
        if (strpos($value, '%') === false || StateCodec::isNative($value)) {
            return $value;
        }
        $unescaped = str_replace(['%00', '%25'], ["\0", '%'], $value);
        if ($unescaped === $value) {
            return $value;
        }
        return @unserialize($value, ['allowed_classes' => false]) !== false || $value === serialize(false)
            ? $value
            : $unescaped;
    }

    protected function _hasColumn($table, $column)
    {
        return isset($this->_columnsOf($table)[$column]);
    }

    protected function _columnsOf($table)
    {
        if (!isset($this->_columns[$table])) {
            try {
                $this->_columns[$table] = $this->_db->columns($table);
            } catch (Horde_Db_Exception $e) {
                throw new Horde_ActiveSync_Exception($e);
            }
        }
        return $this->_columns[$table];
    }
}
