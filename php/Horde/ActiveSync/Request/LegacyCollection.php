<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * CreateCollection, DeleteCollection and MoveCollection: the EAS 1.0
 * folder commands, kept by 2.5 clients. They do what FolderCreate,
 * FolderDelete and FolderUpdate do; the body is either one of those or the
 * older Folder envelope (FolderHierarchy:Folder or AirSync:Folder) with
 * SyncKey, ServerId, ParentId, DisplayName and Type.
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_LegacyCollection extends Horde_ActiveSync_Request_FolderCreate
{
    const LEGACY_CREATE = 'CreateCollection';
    const LEGACY_DELETE = 'DeleteCollection';
    const LEGACY_MOVE   = 'MoveCollection';

    /**
     * @return boolean
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _handle()
    {
        $next = $this->_decoder->peek();
        $tag = is_array($next) && $next[Horde_ActiveSync_Wbxml::EN_TYPE] == Horde_ActiveSync_Wbxml::EN_TYPE_STARTTAG
            ? $next[Horde_ActiveSync_Wbxml::EN_TAG] : null;
        if (in_array($tag, [self::FOLDERCREATE, self::FOLDERUPDATE, self::FOLDERDELETE], true)) {
            return parent::_handle();
        }
        if ($tag !== Horde_ActiveSync::FOLDERHIERARCHY_FOLDER && $tag !== Horde_ActiveSync::SYNC_FOLDER) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('No folder in a legacy collection command.');
        }
        $get = $this->_activeSync->getGetVars();
        $kinds = [self::LEGACY_CREATE => self::FOLDERCREATE, self::LEGACY_DELETE => self::FOLDERDELETE,
                  self::LEGACY_MOVE => self::FOLDERUPDATE];
        $cmd = isset($get['Cmd']) ? $get['Cmd'] : '';
        if (!isset($kinds[$cmd])) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('Unknown legacy collection command ' . $cmd);
        }
        if (!$this->checkPolicyKey($this->_activeSync->getPolicyKey(), $tag)) {
            return true;
        }
        $this->_logger->meta(sprintf('Handling legacy collection command %s.', $cmd));
        $this->_decoder->getElementStartTag($tag);
        $fields = $this->_parse($kinds[$cmd]);
        [$status, $newsynckey, $folder] = $fields === null
            ? [self::STATUS_MALFORMED, null, null]
            : $this->_process($kinds[$cmd], $fields);

        $this->_encoder->startWBXML();
        $this->_encoder->startTag(Horde_ActiveSync::FOLDERHIERARCHY_FOLDER);
        $this->_element(Horde_ActiveSync::FOLDERHIERARCHY_STATUS, $status);
        if ($newsynckey !== null) {
            $this->_element(Horde_ActiveSync::FOLDERHIERARCHY_SYNCKEY, $newsynckey);
            if ($folder && $cmd == self::LEGACY_CREATE) {
                $this->_element(Horde_ActiveSync::FOLDERHIERARCHY_SERVERENTRYID, $folder->serverid);
            }
        }
        $this->_encoder->endTag();
        return true;
    }
}
