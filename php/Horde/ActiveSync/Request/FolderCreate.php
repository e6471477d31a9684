<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * FolderCreate, FolderUpdate and FolderDelete (MS-ASCMD 2.2.1.3, 2.2.1.7,
 * 2.2.1.4).
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_FolderCreate extends Horde_ActiveSync_Request_Base
{
    const FOLDERCREATE  = 'FolderHierarchy:FolderCreate';
    const FOLDERDELETE  = 'FolderHierarchy:FolderDelete';
    const FOLDERUPDATE  = 'FolderHierarchy:FolderUpdate';

    const STATUS_SUCCESS                = 1;
    const STATUS_FOLDER_EXISTS          = 2;
    const STATUS_DELETION_NOT_SUPPORTED = 3;
    const STATUS_FOLDER_DOES_NOT_EXIST  = 4;
    const STATUS_ERROR                  = 6;
    const STATUS_KEYMISM                = 9;
    const STATUS_MALFORMED              = 10;

    /**
     * @return boolean
     * @throws Horde_ActiveSync_Exception_InvalidRequest  for a body that is
     *         none of the three commands.
     */
    protected function _handle()
    {
        $this->_logger->meta('Handling FOLDER[CREATE|DELETE|CHANGE] command.');
        $el = $this->_decoder->getElement();
        $root = is_array($el) && $el[Horde_ActiveSync_Wbxml::EN_TYPE] == Horde_ActiveSync_Wbxml::EN_TYPE_STARTTAG
            ? $el[Horde_ActiveSync_Wbxml::EN_TAG] : null;
        if (!in_array($root, [self::FOLDERCREATE, self::FOLDERUPDATE, self::FOLDERDELETE], true)) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('No FolderCreate, FolderUpdate or FolderDelete.');
        }
        // MS-ASPROV: every command but Provision needs a current policy key
        // (Horde does not check it here).
        if (!$this->checkPolicyKey($this->_activeSync->getPolicyKey(), $root)) {
            return true;
        }

        $fields = $this->_parse($root);
        if ($fields === null) {
            return $this->_respond($root, self::STATUS_MALFORMED, null, null);
        }

        [$status, $newsynckey, $folder] = $this->_process($root, $fields);
        return $this->_respond($root, $status, $newsynckey, $folder);
    }

    /**
     * Performs a creation, change or deletion.
     *
     * @param string $root    FOLDERCREATE, FOLDERUPDATE or FOLDERDELETE.
     * @param array $fields   synckey, serverid, parentid, displayname, type.
     *
     * @return array  [status, new hierarchy key or null, folder or null].
     */
    protected function _process($root, array $fields)
    {
        $collections = $this->_activeSync->getCollectionsObject();
        try {
            $collections->initHierarchySync($fields['synckey']);
            $newsynckey = $this->_state->getNewSyncKey($fields['synckey']);
        } catch (Horde_ActiveSync_Exception $e) {
            $this->_logger->err($e->getMessage());
            return [self::STATUS_KEYMISM, null, null];
        }

        $importer = $this->_activeSync->getImporter();
        $importer->init($this->_state);
        $folder = null;
        $status = self::STATUS_SUCCESS;
        try {
            if ($root == self::FOLDERDELETE) {
                $importer->importFolderDeletion($fields['serverid']);
                $collections->deleteFolderFromHierarchy($fields['serverid']);
            } else {
                $folder = $importer->importFolderChange($fields['serverid'], $fields['displayname'],
                    $fields['parentid'], $fields['type']);
                $collections->updateFolderInHierarchy($folder, true);
                $collections->save();
            }
        } catch (Horde_ActiveSync_Exception_FolderExists $e) {
            $status = self::STATUS_FOLDER_EXISTS;
        } catch (Horde_ActiveSync_Exception_DeletionNotSupported $e) {
            $status = self::STATUS_DELETION_NOT_SUPPORTED;
        } catch (Horde_ActiveSync_Exception_FolderGone $e) {
            $status = self::STATUS_FOLDER_DOES_NOT_EXIST;
        } catch (Horde_ActiveSync_Exception $e) {
            $this->_logger->err($e->getMessage());
            $status = $e->getCode() == Horde_ActiveSync_Exception::UNSUPPORTED
                ? Horde_ActiveSync_Status::UNEXPECTED_ITEM_CLASS
                : self::STATUS_ERROR;
        }
        if ($status != self::STATUS_SUCCESS) {
            return [$status, null, null];
        }
        $this->_state->setNewSyncKey($newsynckey);
        $this->_state->save();
        return [$status, $newsynckey, $folder];
    }

    /**
     * The request's fields, null when malformed.
     */
    protected function _parse($root)
    {
        $fields = ['synckey' => null, 'serverid' => false, 'parentid' => false, 'displayname' => null, 'type' => false];
        if (!$this->_decoder->getElementStartTag(Horde_ActiveSync::FOLDERHIERARCHY_SYNCKEY)) {
            return null;
        }
        $fields['synckey'] = $this->_decoder->getElementContent();
        if ($fields['synckey'] === false || !$this->_decoder->getElementEndTag()) {
            return null;
        }
        // Some BlackBerry clients send an empty ServerId.
        if ($this->_decoder->getElementStartTag(Horde_ActiveSync::FOLDERHIERARCHY_SERVERENTRYID)) {
            $fields['serverid'] = $this->_decoder->getElementContent();
            if ($fields['serverid'] !== false && !$this->_decoder->getElementEndTag()) {
                return null;
            }
        }
        if ($root != self::FOLDERDELETE) {
            if ($this->_decoder->getElementStartTag(Horde_ActiveSync::FOLDERHIERARCHY_PARENTID)) {
                $fields['parentid'] = $this->_decoder->getElementContent();
                if (!$this->_decoder->getElementEndTag()) {
                    return null;
                }
            }
            if (!$this->_decoder->getElementStartTag(Horde_ActiveSync::FOLDERHIERARCHY_DISPLAYNAME)) {
                return null;
            }
            $fields['displayname'] = $this->_decoder->getElementContent();
            if ($fields['displayname'] === false || $fields['displayname'] === ''
                || !$this->_decoder->getElementEndTag()) {
                return null;
            }
            if ($this->_decoder->getElementStartTag(Horde_ActiveSync::FOLDERHIERARCHY_TYPE)) {
                $fields['type'] = $this->_decoder->getElementContent();
                if (!$this->_decoder->getElementEndTag()) {
                    return null;
                }
            }
        }
        if (($root != self::FOLDERCREATE && $fields['serverid'] === false) || !$this->_decoder->getElementEndTag()) {
            return null;
        }
        return $fields;
    }

    /**
     * @return boolean  true.
     */
    protected function _respond($root, $status, $newsynckey, $folder)
    {
        $this->_encoder->startWBXML();
        $this->_encoder->startTag($root);
        $this->_element(Horde_ActiveSync::FOLDERHIERARCHY_STATUS, $status);
        if ($newsynckey !== null) {
            $this->_element(Horde_ActiveSync::FOLDERHIERARCHY_SYNCKEY, $newsynckey);
            if ($root == self::FOLDERCREATE) {
                $this->_element(Horde_ActiveSync::FOLDERHIERARCHY_SERVERENTRYID, $folder->serverid);
            }
        }
        $this->_encoder->endTag();
        return true;
    }

    protected function _element($tag, $content)
    {
        $this->_encoder->startTag($tag);
        $this->_encoder->content($content);
        $this->_encoder->endTag();
    }
}
