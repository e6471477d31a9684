<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * FolderSync (MS-ASCMD 2.2.1.5): the folder hierarchy and its changes since
 * the client's key.
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_FolderSync extends Horde_ActiveSync_Request_Base
{
    const ADD     = 'FolderHierarchy:Add';
    const REMOVE  = 'FolderHierarchy:Remove';
    const UPDATE  = 'FolderHierarchy:Update';

    const STATUS_SUCCESS     = 1;
    const STATUS_SERVERERROR = 6;
    const STATUS_TIMEOUT     = 8;
    const STATUS_KEYMISM     = 9;
    const STATUS_PROTOERR    = 10;

    protected $_reportsGlobalErrors = true;

    /**
     * @return boolean
     */
    protected function _handle()
    {
        $this->_statusCode = self::STATUS_SUCCESS;
        $this->_logger->meta('Handling FOLDERSYNC command.');

        if (!$this->checkPolicyKey($this->_activeSync->getPolicyKey(), Horde_ActiveSync::FOLDERHIERARCHY_FOLDERSYNC)) {
            return true;
        }
        if ($error = $this->_activeSync->checkGlobalError()) {
            $this->_statusCode = $error;
            $this->_handleError();
            return true;
        }
        if (!$this->_decoder->getElementStartTag(Horde_ActiveSync::FOLDERHIERARCHY_FOLDERSYNC)
            || !$this->_decoder->getElementStartTag(Horde_ActiveSync::FOLDERHIERARCHY_SYNCKEY)) {
            return $this->_protocolError('No input to parse');
        }
        $synckey = $this->_decoder->getElementContent();
        if ($synckey === false || !$this->_decoder->getElementEndTag()) {
            return $this->_protocolError('Malformed SyncKey');
        }

        $collections = $this->_activeSync->getCollectionsObject();
        try {
            $seenfolders = $collections->initHierarchySync($synckey);
        } catch (Horde_ActiveSync_Exception $e) {
            $this->_statusCode = self::STATUS_KEYMISM;
            $this->_handleError($e);
            return true;
        }

        // Folder changes from the client (EAS 2.5 era clients).
        $changes = false;
        if ($this->_decoder->getElementStartTag(Horde_ActiveSync::FOLDERHIERARCHY_CHANGES)) {
            try {
                $changes = $this->_importChanges($collections, $seenfolders);
            } catch (Horde_ActiveSync_Exception_InvalidRequest $e) {
                return $this->_protocolError($e->getMessage());
            }
        }
        if (!$this->_decoder->getElementEndTag()) {
            return $this->_protocolError('FolderSync not closed');
        }

        $newsynckey = $this->_state->getNewSyncKey($synckey);
        $exporter = new Horde_ActiveSync_Connector_Exporter_FolderSync($this->_activeSync);
        $exporter->setChanges($collections->getHierarchyChanges());
        while ($exporter->sendNextChange()) {
        }
        $collections->validateHierarchyChanges($exporter, $seenfolders);
        $advance = $changes || $exporter->count > 0;

        $this->_encoder->startWBXML();
        $this->_encoder->startTag(Horde_ActiveSync::FOLDERHIERARCHY_FOLDERSYNC);
        $this->_element(Horde_ActiveSync::FOLDERHIERARCHY_STATUS, $this->_statusCode);
        $this->_element(Horde_ActiveSync::FOLDERHIERARCHY_SYNCKEY, $advance ? $newsynckey : $synckey);
        $collections->updateHierarchyKey($advance ? $newsynckey : $synckey);
        $this->_encoder->startTag(Horde_ActiveSync::FOLDERHIERARCHY_CHANGES);
        $this->_element(Horde_ActiveSync::FOLDERHIERARCHY_COUNT, $exporter->count);
        foreach ($exporter->changed as $folder) {
            if (isset($folder->serverid) && in_array($folder->serverid, $seenfolders)) {
                $this->_encoder->startTag(self::UPDATE);
            } else {
                $seenfolders[] = $folder->serverid;
                $this->_encoder->startTag(self::ADD);
            }
            $folder->encodeStream($this->_encoder);
            $this->_encoder->endTag();
            $collections->updateFolderInHierarchy($folder);
        }
        foreach ($exporter->deleted as $uid) {
            $this->_encoder->startTag(self::REMOVE);
            $this->_element(Horde_ActiveSync::FOLDERHIERARCHY_SERVERENTRYID, $uid);
            $this->_encoder->endTag();
            $collections->deleteFolderFromHierarchy($uid);
        }
        $this->_encoder->endTag(); // Changes
        $this->_encoder->endTag(); // FolderSync

        // Horde saves only for server changes and so loses the key it
        // answered for client changes.
        if ($advance) {
            $this->_state->setNewSyncKey($newsynckey);
            $this->_state->save();
        }
        $this->_cleanUpAfterPairing();
        $collections->save();
        return true;
    }

    /**
     * The client's folder changes (Add, Update, Remove).
     *
     * @return boolean  Whether there were any.
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _importChanges(Horde_ActiveSync_Collections $collections, array &$seenfolders)
    {
        if ($this->_decoder->getElementStartTag(Horde_ActiveSync::FOLDERHIERARCHY_COUNT)) {
            $this->_decoder->getElementContent();
            if (!$this->_decoder->getElementEndTag()) {
                throw new Horde_ActiveSync_Exception_InvalidRequest('Count not closed');
            }
        }
        $importer = $this->_activeSync->getImporter();
        $importer->init($this->_state, false);
        $changes = false;
        while (true) {
            $element = $this->_decoder->getElement();
            if ($element === false) {
                throw new Horde_ActiveSync_Exception_InvalidRequest('Unexpected end of the request');
            }
            if ($element[Horde_ActiveSync_Wbxml::EN_TYPE] == Horde_ActiveSync_Wbxml::EN_TYPE_ENDTAG) {
                break;
            }
            if ($element[Horde_ActiveSync_Wbxml::EN_TYPE] != Horde_ActiveSync_Wbxml::EN_TYPE_STARTTAG) {
                throw new Horde_ActiveSync_Exception_InvalidRequest('Unexpected content in Changes');
            }
            $folder = Horde_ActiveSync::messageFactory('Folder');
            // (Horde stops here: decodeStream() returns nothing on success.)
            if ($folder->decodeStream($this->_decoder) === false) {
                throw new Horde_ActiveSync_Exception_InvalidRequest('Malformed folder');
            }
            switch ($element[Horde_ActiveSync_Wbxml::EN_TAG]) {
            case self::ADD:
            case self::UPDATE:
                $new = $importer->importFolderChange($folder->serverid, $folder->displayname,
                    $folder->parentid, $folder->type);
                $collections->updateFolderInHierarchy($new, in_array($new->serverid, $seenfolders));
                if (!in_array($new->serverid, $seenfolders)) {
                    $seenfolders[] = $new->serverid;
                }
                $changes = true;
                break;
            case self::REMOVE:
                $importer->importFolderDeletion($folder->serverid);
                $seenfolders = array_values(array_diff($seenfolders, [$folder->serverid]));
                $collections->deleteFolderFromHierarchy($folder->serverid);
                $changes = true;
                break;
            default:
                throw new Horde_ActiveSync_Exception_InvalidRequest('Unknown folder change');
            }
            if (!$this->_decoder->getElementEndTag()) {
                throw new Horde_ActiveSync_Exception_InvalidRequest('Folder change not closed');
            }
        }
        return $changes;
    }

    protected function _element($tag, $content)
    {
        $this->_encoder->startTag($tag);
        $this->_encoder->content($content);
        $this->_encoder->endTag();
    }

    protected function _protocolError($message)
    {
        $this->_logger->err('FolderSync: ' . $message);
        $this->_statusCode = self::STATUS_PROTOERR;
        $this->_handleError();
        return true;
    }

    /**
     * Writes FolderSync with only the status.
     *
     * @param Exception $e  What failed, for the log.
     */
    protected function _handleError($e = null)
    {
        if ($e !== null) {
            $this->_logger->err($e->getMessage());
        }
        $this->_encoder->startWBXML();
        $this->_encoder->startTag(Horde_ActiveSync::FOLDERHIERARCHY_FOLDERSYNC);
        $this->_element(Horde_ActiveSync::FOLDERHIERARCHY_STATUS, $this->_statusCode);
        $this->_encoder->endTag();
    }
}
