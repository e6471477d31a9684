<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Applies what a client changed to the backend (items, folders, moves),
 * detecting conflicts, and records each change as client-made so that it
 * is not sent back.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Connector_Importer
{
    /**
     * @var Horde_ActiveSync_State_Base
     */
    protected $_state;

    /**
     * @var Horde_ActiveSync
     */
    protected $_as;

    /**
     * Conflict resolution (Horde_ActiveSync::CONFLICT_*).
     *
     * @var integer
     */
    protected $_flags;

    /**
     * The backend folder id.
     *
     * @var string
     */
    protected $_folderId;

    /**
     * The EAS folder uid.
     *
     * @var string
     */
    protected $_folderUid;

    /**
     * @var Horde_ActiveSync_Log_Logger
     */
    protected $_logger;

    /**
     * @var integer
     */
    protected $_procid;

    /**
     * @param Horde_ActiveSync $as
     */
    public function __construct(Horde_ActiveSync $as)
    {
        $this->_as = $as;
        $this->_procid = getmypid();
        $this->_logger = $as->logger ?: new Horde_ActiveSync_Log_Logger(new Horde_Log_Handler_Null());
    }

    /**
     * @param Horde_ActiveSync_State_Base $state
     * @param string $folderId  The collection's EAS uid.
     * @param integer $flags    Conflict resolution.
     */
    public function init(Horde_ActiveSync_State_Base $state, $folderId = null, $flags = 0)
    {
        $this->_state = $state;
        $this->_flags = $flags;
        if (!empty($folderId)) {
            $this->_folderId = $this->_as->getCollectionsObject()->getBackendIdForFolderUid($folderId);
            $this->_folderUid = $folderId;
        }
    }

    /**
     * @param Horde_Log_Logger $logger
     */
    public function setLogger($logger)
    {
        $this->_logger = Horde_ActiveSync::_wrapLogger($logger);
    }

    /**
     * Imports an added or changed item.
     *
     * @param string|boolean $id       The server id, false for an addition.
     * @param Horde_ActiveSync_Message_Base $message
     * @param Horde_ActiveSync_Device $device
     * @param string $clientid        The client's id of an addition.
     * @param string $class           The collection class.
     * @param string $synckey         The key of the Sync carrying a change.
     *
     * @return array|string|boolean  A stat array; [id, 'error' => status] on
     *                               failure; the server id of an addition
     *                               seen before (the client lost the reply).
     */
    public function importMessageChange(
        $id, Horde_ActiveSync_Message_Base $message,
        Horde_ActiveSync_Device $device, $clientid, $class = false,
        $synckey = false)
    {
        // SMS are not kept; the client gets an id it will never hear of again.
        if ($class == Horde_ActiveSync::CLASS_SMS || strpos((string)$id, 'IGNORESMS_') === 0) {
            return 'IGNORESMS_' . $clientid;
        }

        if ($id && $this->_flags == Horde_ActiveSync::CONFLICT_OVERWRITE_PIM) {
            // EAS 16 clients send a change of the whole appointment next to
            // each exception change; those must not conflict with each other.
            if (!($message instanceof Horde_ActiveSync_Message_Appointment)
                && $this->_state->isDuplicatePIMChange($id, $synckey)
                && $this->_isConflict(Horde_ActiveSync::CHANGE_TYPE_CHANGE, $this->_folderId, $id)) {
                $this->_logger->notice(sprintf(
                    'Conflict when updating %s, will overwrite client version on next sync.', $id));
                return [$id, 'error' => [Horde_ActiveSync_Request_Sync::STATUS_CONFLICT]];
            }
        } elseif (!$id && ($uid = $this->_state->isDuplicatePIMAddition($clientid))) {
            $this->_logger->notice(sprintf('Duplicate addition for %s', $uid));
            return $uid;
        }

        if ($id && !empty($device->supported[$class])) {
            $message->setSupported($device->supported[$class]);
        }

        $stat = $this->_as->driver->changeMessage($this->_folderId, $id, $message, $device);
        if (!$stat) {
            $this->_logger->err(sprintf('Change message failed when updating %s', $id));
            return [0 => $id ?: false, 'error' => Horde_ActiveSync_Request_Sync::STATUS_SERVERERROR];
        }
        $stat['serverid'] = $this->_folderId;

        if ($message instanceof Horde_ActiveSync_Message_Mail) {
            // A changed draft is a new IMAP message: the poll must see it.
            if (!empty($message->airsyncbasebody) && !empty($id)) {
                return $stat;
            }
            $changeType = !empty($message->airsyncbasebody)
                ? Horde_ActiveSync::CHANGE_TYPE_DRAFT
                : Horde_ActiveSync::CHANGE_TYPE_FLAGS;
        } else {
            $changeType = Horde_ActiveSync::CHANGE_TYPE_CHANGE;
        }
        $this->_state->updateState($changeType, $stat, Horde_ActiveSync::CHANGE_ORIGIN_PIM,
            $this->_as->driver->getUser(), $clientid);
        return $stat;
    }

    /**
     * Imports deletions.
     *
     * @param array $ids            Server ids (or, with $instanceids,
     *                              uid => instance id of EAS 16 exceptions).
     * @param string $class
     * @param boolean $instanceids
     *
     * @return array  The ids deleted.
     */
    public function importMessageDeletion(array $ids, $class, $instanceids = false)
    {
        if ($class == Horde_ActiveSync::CLASS_SMS) {
            return [];
        }
        $driver = $this->_as->driver;
        if ($instanceids) {
            foreach ($ids as $uid => $iid) {
                $mod = $driver->getSyncStamp($this->_folderId);
                $driver->deleteMessage($this->_folderId, [$uid => $iid], true);
                // An instance of a series: a change of the series.
                $this->_state->updateState(Horde_ActiveSync::CHANGE_TYPE_CHANGE,
                    ['id' => $uid, 'mod' => $mod, 'serverid' => $this->_folderId],
                    Horde_ActiveSync::CHANGE_ORIGIN_PIM, $driver->getUser());
            }
            return $ids;
        }
        $mod = $driver->getSyncStamp($this->_folderId);
        $deleted = (array)$driver->deleteMessage($this->_folderId, $ids);
        foreach ($deleted as $id) {
            if (strpos((string)$id, 'IGNORESMS_') === 0) {
                continue;
            }
            $this->_state->updateState(Horde_ActiveSync::CHANGE_TYPE_DELETE,
                ['id' => $id, 'mod' => $mod, 'serverid' => $this->_folderId],
                Horde_ActiveSync::CHANGE_ORIGIN_PIM, $driver->getUser());
        }
        return $deleted;
    }

    /**
     * A change of the read flag (never a conflict).
     *
     * @deprecated  Changes come through importMessageChange().
     */
    public function importMessageReadFlag($id, $flag)
    {
        $this->_state->updateState(Horde_ActiveSync::CHANGE_TYPE_FLAGS,
            ['id' => $id, 'flags' => ['read' => $flag], 'parent' => $this->_folderId],
            Horde_ActiveSync::CHANGE_ORIGIN_PIM, $this->_as->driver->getUser());
        $this->_as->driver->setReadFlag($this->_folderId, $id, $flag);
    }

    /**
     * Moves items (MoveItems, deletes as moves).
     *
     * @param array $uids    Source ids.
     * @param string $dst    The destination folder uid.
     * @param string $class  The collection class.
     *
     * @return array  results (old id => new id), missing (ids not found).
     */
    public function importMessageMove(array $uids, $dst, $class = null)
    {
        if ($class == Horde_ActiveSync::CLASS_SMS) {
            return $uids;
        }
        $uids = array_values(array_filter($uids, function ($uid) {
            return strpos((string)$uid, 'IGNORESMS_') === false;
        }));
        $collections = $this->_as->getCollectionsObject();
        $dstId = $collections->getBackendIdForFolderUid($dst);
        $results = (array)$this->_as->driver->moveMessage($this->_folderId, $uids, $dstId);
        $missing = count($results) != count($uids) ? array_values(array_diff($uids, array_keys($results))) : [];

        // Remembered so that the moved item is not sent as new by clients
        // that do not expect it.
        $mod = $this->_as->driver->getSyncStamp($this->_folderId);
        foreach ($uids as $uid) {
            if (empty($results[$uid])) {
                continue;
            }
            $this->_state->updateState(Horde_ActiveSync::CHANGE_TYPE_CHANGE, [
                'id' => $results[$uid], 'mod' => $mod, 'serverid' => $dstId,
                'class' => Horde_ActiveSync::CLASS_EMAIL, 'folderuid' => $this->_folderUid,
            ], Horde_ActiveSync::CHANGE_ORIGIN_PIM, $this->_as->driver->getUser());
        }
        return ['results' => $results, 'missing' => $missing];
    }

    /**
     * Creates or changes a folder.
     *
     * @param string $uid          The folder uid (empty for a new folder).
     * @param string $displayname
     * @param string $parent       The parent's uid.
     * @param integer $type        Its FOLDER_TYPE_*.
     *
     * @return Horde_ActiveSync_Message_Folder
     * @throws Horde_ActiveSync_Exception
     */
    public function importFolderChange($uid, $displayname, $parent = Horde_ActiveSync::FOLDER_ROOT, $type = null)
    {
        $this->_logger->meta(sprintf('Horde_ActiveSync_Connector_Importer::importFolderChange(%s, %s, %s, %s)',
            $uid, $displayname, $parent, $type));
        $collections = $this->_as->getCollectionsObject();
        $parentSid = !empty($parent) ? $collections->getBackendIdForFolderUid($parent) : $parent;
        $folderid = !empty($uid) ? $collections->getBackendIdForFolderUid($uid) : false;
        try {
            $result = $this->_as->driver->changeFolder($folderid, $displayname, $parentSid, $uid, $type);
        } catch (Horde_ActiveSync_Exception $e) {
            $this->_logger->err($e->getMessage());
            throw $e;
        }
        if ($result instanceof Horde_ActiveSync_Message_Folder) {
            $folderid = $result->_serverid;
            $uid = $result->serverid;
        } else {
            // Older drivers return the new uid.
            $serverid = $result;
            $result = Horde_ActiveSync::messageFactory('Folder');
            $result->serverid = $serverid;
            $result->_serverid = $folderid;
            $uid = $serverid;
        }
        $this->_state->updateState(Horde_ActiveSync::CHANGE_TYPE_CHANGE, [
            'id' => $uid, 'folderid' => $folderid, 'mod' => $displayname, 'parent' => $parent,
        ], Horde_ActiveSync::CHANGE_ORIGIN_PIM);
        return $result;
    }

    /**
     * Deletes a folder.
     *
     * @param string $uid     The folder uid.
     * @param string $parent  The parent's uid.
     */
    public function importFolderDeletion($uid, $parent = Horde_ActiveSync::FOLDER_ROOT)
    {
        $collections = $this->_as->getCollectionsObject();
        $parentSid = !empty($parent) ? $collections->getBackendIdForFolderUid($parent) : $parent;
        $folderid = $collections->getBackendIdForFolderUid($uid);
        $this->_as->driver->deleteFolder($folderid, $parentSid);
        // A change from the device (Horde passes CHANGE_ORIGIN_NA, which
        // leaves the folder in the hierarchy state: the next FolderSync
        // sends the device its own deletion back).
        $this->_state->updateState(Horde_ActiveSync::CHANGE_TYPE_DELETE, ['id' => $uid],
            Horde_ActiveSync::CHANGE_ORIGIN_PIM);
    }

    /**
     * Whether the item changed on the server since the client last saw it.
     */
    protected function _isConflict($type, $folderid, $id)
    {
        $stat = $this->_as->driver->statMessage($folderid, $id);
        if (!$stat) {
            // Gone on the server: a change of it conflicts.
            return $type == Horde_ActiveSync::CHANGE_TYPE_CHANGE;
        }
        return $this->_state->isConflict($stat, $type);
    }
}
