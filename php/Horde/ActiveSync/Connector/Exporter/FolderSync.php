<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Collects the hierarchy changes of a FolderSync (the handler writes them:
 * the Count element precedes them).
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Connector_Exporter_FolderSync extends Horde_ActiveSync_Connector_Exporter_Base
{
    /**
     * Folders added or changed.
     *
     * @var Horde_ActiveSync_Message_Folder[]
     */
    public $changed = [];

    /**
     * Uids of folders deleted.
     *
     * @var string[]
     */
    public $deleted = [];

    /**
     * @var integer
     */
    public $count = 0;

    public function sendNextChange()
    {
        if ($this->_step >= count($this->_changes)) {
            return false;
        }
        $change = $this->_changes[$this->_step];
        switch ($change['type']) {
        case Horde_ActiveSync::CHANGE_TYPE_CHANGE:
            try {
                $folder = $this->_as->driver->getFolder($change['serverid']);
            } catch (Horde_ActiveSync_Exception $e) {
                $folder = null;
            }
            if ($folder) {
                if (empty($folder->_serverid)) {
                    $folder->_serverid = $folder->serverid;
                }
                $stat = $this->_as->driver->statFolder(
                    $change['id'], $folder->parentid, $folder->displayname, $folder->_serverid, $folder->type);
                $this->folderChange($folder);
            } else {
                $this->_logger->err(sprintf('Error stating %s: ignoring.', $change['id']));
                $stat = ['id' => $change['id'], 'mod' => $change['id'], 0];
            }
            $this->_as->state->updateState(Horde_ActiveSync::CHANGE_TYPE_FOLDERSYNC, $stat);
            break;
        case Horde_ActiveSync::CHANGE_TYPE_DELETE:
            $this->folderDeletion($change['id']);
            $this->_as->state->updateState(Horde_ActiveSync::CHANGE_TYPE_DELETE, $change);
            break;
        }
        $this->_step++;
        return true;
    }

    /**
     * @param Horde_ActiveSync_Message_Folder $folder
     */
    public function folderChange(Horde_ActiveSync_Message_Folder $folder)
    {
        $this->changed[] = $folder;
        $this->count++;
    }

    /**
     * @param string $id  The folder uid.
     */
    public function folderDeletion($id)
    {
        $this->deleted[] = $id;
        $this->count++;
    }
}
