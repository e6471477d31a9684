<?php
/**
 * Horde_ActiveSync_Folder_Base: the state of one collection as the device
 * knows it (the server's id for it, its class, its status, whether the
 * first sync happened, the last SOFTDELETE run). Subclasses add what their
 * kind of collection needs to find changes: Folder_Imap the message list,
 * Folder_RI the recipient list, Folder_Collection nothing (PIM backends
 * report changes from their history).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
abstract class Horde_ActiveSync_Folder_Base
{
    /** Backend status values (Folder_Imap: IMAP STATUS). */
    protected $_status = [];

    /** The backend's id for this folder. */
    protected $_serverid;

    /** The collection class (Email, Calendar, ...). */
    protected $_class;

    /** Whether the device completed its first sync of this collection. */
    public $haveInitialSync = false;

    /** The cutoff date used by the last SOFTDELETE run. */
    protected $_lastSinceDate = 0;

    /** When the last SOFTDELETE run happened. */
    protected $_softDelete = 0;

    /**
     * @param string $serverid  The backend's id of the folder.
     * @param string $class     The collection class.
     * @param array $status     Backend status values.
     */
    public function __construct($serverid, $class, array $status = [])
    {
        $this->_serverid = $serverid;
        $this->_status = $status;
        $this->_class = $class;
    }

    /** @return string  The backend's id of the folder. */
    public function serverid()
    {
        return $this->_serverid;
    }

    /** @param string $id  The folder's new backend id (after a rename). */
    public function setServerId($id)
    {
        $this->_serverid = $id;
    }

    /** @return string  The collection class. */
    public function collectionClass()
    {
        return $this->_class;
    }

    public function setStatus(array $status)
    {
        $this->_status = $status;
    }

    /**
     * @param integer $sincedate  The cutoff date of this SOFTDELETE run.
     * @param integer $ts         When it ran.
     */
    public function setSoftDeleteTimes($sincedate, $ts)
    {
        $this->_lastSinceDate = $sincedate;
        $this->_softDelete = $ts;
    }

    /** @return array  [last cutoff date, time of the last run] */
    public function getSoftDeleteTimes()
    {
        return [$this->_lastSinceDate, $this->_softDelete];
    }

    /** Applies the changes the client now has and clears them. */
    abstract public function updateState();

    /** The fields every folder stores, keyed as Horde's JSON form keys them. */
    protected function _baseFields()
    {
        return [
            'f' => $this->_serverid,
            'c' => $this->_class,
            'lsd' => $this->_lastSinceDate,
            'sd' => $this->_softDelete,
        ];
    }

    /**
     * Reads the common fields of a stored form.
     *
     * @throws Horde_ActiveSync_Exception_StaleState  when they are not what a folder stores
     */
    protected function _loadBaseFields(array $data)
    {
        foreach (['f', 'c'] as $key) {
            if (isset($data[$key]) && !is_scalar($data[$key])) {
                throw new Horde_ActiveSync_Exception_StaleState('Corrupt folder state: ' . $key);
            }
        }
        foreach (['lsd', 'sd'] as $key) {
            if (isset($data[$key]) && !is_numeric($data[$key])) {
                throw new Horde_ActiveSync_Exception_StaleState('Corrupt folder state: ' . $key);
            }
        }
        $this->_serverid = $data['f'] ?? null;
        $this->_class = $data['c'] ?? null;
        $this->_lastSinceDate = empty($data['lsd']) ? 0 : $data['lsd'];
        $this->_softDelete = empty($data['sd']) ? 0 : $data['sd'];
    }

    /** The status array of a stored form. */
    protected static function _statusOf(array $data)
    {
        if (!isset($data['s'])) {
            return [];
        }
        if (!is_array($data['s'])) {
            throw new Horde_ActiveSync_Exception_StaleState('Corrupt folder state: status');
        }
        return $data['s'];
    }

    /** Horde's JSON form, or its PHP-serialized version 1 array, decoded. */
    protected static function _decodeHordeForm($data, $version, $legacyVersion = null)
    {
        $decoded = is_string($data) ? json_decode($data, true) : null;
        if (is_array($decoded) && !empty($decoded['v']) && $decoded['v'] == $version) {
            return $decoded;
        }
        if ($legacyVersion !== null && is_string($data)) {
            $decoded = @unserialize($data, ['allowed_classes' => false]);
            if (is_array($decoded) && !empty($decoded['v']) && $decoded['v'] == $legacyVersion) {
                return $decoded;
            }
        }
        throw new Horde_ActiveSync_Exception_StaleState('Cache version change');
    }
}
