<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * ItemOperations (MS-ASCMD 2.2.1.10): Fetch (an item by collection and
 * server id, a search result by LongId, an attachment by FileReference, a
 * document library item), EmptyFolderContent, and (14.0) Move. Multipart
 * responses when the client accepts them.
 *
 * Each operation gets its own status (Horde carries one failure on to the
 * following operations and then uses an undefined message).
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_ItemOperations extends Horde_ActiveSync_Request_SyncBase
{
    const ITEMOPERATIONS_ITEMOPERATIONS     = 'ItemOperations:ItemOperations';
    const ITEMOPERATIONS_FETCH              = 'ItemOperations:Fetch';
    const ITEMOPERATIONS_STORE              = 'ItemOperations:Store';
    const ITEMOPERATIONS_OPTIONS            = 'ItemOperations:Options';
    const ITEMOPERATIONS_RANGE              = 'ItemOperations:Range';
    const ITEMOPERATIONS_TOTAL              = 'ItemOperations:Total';
    const ITEMOPERATIONS_PROPERTIES         = 'ItemOperations:Properties';
    const ITEMOPERATIONS_DATA               = 'ItemOperations:Data';
    const ITEMOPERATIONS_STATUS             = 'ItemOperations:Status';
    const ITEMOPERATIONS_RESPONSE           = 'ItemOperations:Response';
    const ITEMOPERATIONS_VERSION            = 'ItemOperations:Version';
    const ITEMOPERATIONS_SCHEMA             = 'ItemOperations:Schema';
    const ITEMOPERATIONS_PART               = 'ItemOperations:Part';
    const ITEMOPERATIONS_EMPTYFOLDERCONTENT = 'ItemOperations:EmptyFolderContent';
    const ITEMOPERATIONS_DELETESUBFOLDERS   = 'ItemOperations:DeleteSubFolders';
    const ITEMOPERATIONS_USERNAME           = 'ItemOperations:UserName';
    const ITEMOPERATIONS_PASSWORD           = 'ItemOperations:Password';
    const ITEMOPERATIONS_MOVE               = 'ItemOperations:Move';
    const ITEMOPERATIONS_DSTFLDID           = 'ItemOperations:DstFldId';
    const ITEMOPERATIONS_CONVERSATIONID     = 'ItemOperations:ConversationId';
    const ITEMOPERATIONS_MOVEALWAYS         = 'ItemOperations:MoveAlways';

    const STATUS_SUCCESS         = 1;
    const STATUS_PROTERR         = 2;
    const STATUS_SERVERERR       = 3;
    const STATUS_ATTINVALID      = 15;
    const STATUS_POLICYERR       = 16;
    const STATUS_PARTSUCCESS     = 17;
    const STATUS_CREDENTIALS     = 18;
    const STATUS_PROTERR_OPTIONS = 155;
    const STATUS_NOT_SUPPORTED   = 156;

    /** MS-ASCMD: the object was not found. */
    const STATUS_NOT_FOUND       = 6;

    /**
     * @return string  The content type (WBXML or multipart).
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _handle()
    {
        $this->_logger->meta('Handling ITEMOPERATIONS command.');
        if (!$this->checkPolicyKey($this->_activeSync->getPolicyKey(), self::ITEMOPERATIONS_ITEMOPERATIONS)) {
            return true;
        }
        if (!$this->_decoder->getElementStartTag(self::ITEMOPERATIONS_ITEMOPERATIONS)) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('No ItemOperations.');
        }
        $operations = [];
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case self::ITEMOPERATIONS_FETCH:
                $operations[] = $this->_parseFetch();
                break;
            case self::ITEMOPERATIONS_EMPTYFOLDERCONTENT:
                $operations[] = $this->_parseEmpty();
                break;
            case self::ITEMOPERATIONS_MOVE:
                $operations[] = $this->_parseMove();
                break;
            default:
                $this->_skipElement();
            }
        }

        $multipart = (bool)$this->_activeSync->multipart;
        $this->_encoder->startWBXML($multipart);
        $this->_encoder->startTag(self::ITEMOPERATIONS_ITEMOPERATIONS);
        $this->_element(self::ITEMOPERATIONS_STATUS, self::STATUS_SUCCESS);
        $this->_encoder->startTag(self::ITEMOPERATIONS_RESPONSE);
        foreach ($operations as $operation) {
            switch ($operation['type']) {
            case 'fetch':
                $this->_fetch($operation, $multipart);
                break;
            case 'empty':
                $this->_empty($operation);
                break;
            case 'move':
                $this->_move($operation);
                break;
            }
        }
        $this->_encoder->endTag(); // Response
        $this->_encoder->endTag(); // ItemOperations
        return $multipart ? 'application/vnd.ms-sync.multipart' : 'application/vnd.ms-sync.wbxml';
    }

    protected function _parseFetch()
    {
        $op = ['type' => 'fetch', 'store' => '', 'bodyprefs' => [], 'mimesupport' => 0];
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case self::ITEMOPERATIONS_STORE:
                $op['store'] = $this->_content();
                break;
            case Horde_ActiveSync_Request_Search::SEARCH_LONGID:
                $op['searchlongid'] = $this->_content();
                break;
            case Horde_ActiveSync::AIRSYNCBASE_FILEREFERENCE:
                $op['airsyncbasefilereference'] = $this->_content();
                break;
            case Horde_ActiveSync::SYNC_SERVERENTRYID:
                $op['serverentryid'] = $this->_content();
                break;
            case Horde_ActiveSync::SYNC_FOLDERID:
                $op['folderid'] = $this->_content();
                break;
            case Horde_ActiveSync::SYNC_DOCUMENTLIBRARY_LINKID:
                $op['documentlibrarylinkid'] = $this->_content();
                break;
            case self::ITEMOPERATIONS_OPTIONS:
                $this->_parseOptions($op);
                break;
            default:
                $this->_skipElement();
            }
        }
        return $op;
    }

    protected function _parseOptions(array &$op)
    {
        if (!$this->_enter()) {
            return;
        }
        while (($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case Horde_ActiveSync::SYNC_MIMESUPPORT:
                $op['mimesupport'] = (int)$this->_content();
                break;
            case Horde_ActiveSync::AIRSYNCBASE_BODYPREFERENCE:
                $this->_bodyPrefs($op);
                break;
            case Horde_ActiveSync::AIRSYNCBASE_BODYPARTPREFERENCE:
                $this->_bodyPartPrefs($op);
                break;
            case Horde_ActiveSync::RM_SUPPORT:
                $op['rightsmanagement'] = $this->_content();
                break;
            case self::ITEMOPERATIONS_USERNAME:
                $op['username'] = $this->_content();
                break;
            case self::ITEMOPERATIONS_PASSWORD:
                $op['password'] = $this->_content();
                break;
            case self::ITEMOPERATIONS_RANGE:
                $op['range'] = $this->_content();
                break;
            default:
                // Schema and anything newer.
                $this->_skipElement();
            }
        }
    }

    protected function _parseEmpty()
    {
        $op = ['type' => 'empty', 'folderid' => '', 'delete_subfolders' => false];
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            if ($tag == Horde_ActiveSync::SYNC_FOLDERID) {
                $op['folderid'] = $this->_content();
            } elseif ($tag == self::ITEMOPERATIONS_OPTIONS) {
                $optionsOpen = $this->_enter();
                while ($optionsOpen && ($option = $this->_nextChild()) !== null) {
                    if ($option == self::ITEMOPERATIONS_DELETESUBFOLDERS) {
                        $op['delete_subfolders'] = true;
                        $this->_content();
                    } else {
                        $this->_skipElement();
                    }
                }
            } else {
                $this->_skipElement();
            }
        }
        return $op;
    }

    protected function _parseMove()
    {
        $op = ['type' => 'move', 'conversationid' => '', 'dstfldid' => '', 'movealways' => false];
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            if ($tag == self::ITEMOPERATIONS_CONVERSATIONID) {
                $op['conversationid'] = $this->_content();
            } elseif ($tag == self::ITEMOPERATIONS_DSTFLDID) {
                $op['dstfldid'] = $this->_content();
            } elseif ($tag == self::ITEMOPERATIONS_OPTIONS) {
                $optionsOpen = $this->_enter();
                while ($optionsOpen && ($option = $this->_nextChild()) !== null) {
                    if ($option == self::ITEMOPERATIONS_MOVEALWAYS) {
                        $op['movealways'] = true;
                        $this->_content();
                    } else {
                        $this->_skipElement();
                    }
                }
            } else {
                $this->_skipElement();
            }
        }
        return $op;
    }

    /**
     * One Fetch in the response.
     */
    protected function _fetch(array $op, $multipart)
    {
        $this->_encoder->startTag(self::ITEMOPERATIONS_FETCH);
        $store = strtolower((string)$op['store']);
        if ($store === 'documentlibrary') {
            try {
                $link = $this->_driver->itemOperationsGetDocumentLibraryLink(
                    isset($op['documentlibrarylinkid']) ? $op['documentlibrarylinkid'] : '',
                    ['username' => isset($op['username']) ? $op['username'] : '',
                     'password' => isset($op['password']) ? $op['password'] : '']);
                $doc = Horde_ActiveSync::messageFactory('Document');
                $doc->range = '0-' . ($link['content-length'] - 1);
                $doc->total = $link['content-length'];
                $doc->data = is_object($link['data']) ? $link['data']->stream : $link['data'];
                $doc->version = $link['modified'];
                $this->_element(self::ITEMOPERATIONS_STATUS, self::STATUS_SUCCESS);
                $this->_element(Horde_ActiveSync::SYNC_DOCUMENTLIBRARY_LINKID, $link['linkid']);
                $this->_encoder->startTag(self::ITEMOPERATIONS_PROPERTIES);
                $doc->encodeStream($this->_encoder);
                $this->_encoder->endTag();
            } catch (Horde_ActiveSync_Exception $e) {
                $this->_logger->err($e->getMessage());
                $this->_element(self::ITEMOPERATIONS_STATUS, self::STATUS_NOT_SUPPORTED);
            }
            $this->_encoder->endTag();
            return;
        }
        if ($store !== 'mailbox') {
            $this->_element(self::ITEMOPERATIONS_STATUS, self::STATUS_PROTERR);
            $this->_encoder->endTag();
            return;
        }

        $status = self::STATUS_SUCCESS;
        $message = null;
        $ids = [];
        try {
            if (isset($op['airsyncbasefilereference'])) {
                $ids[] = [Horde_ActiveSync::AIRSYNCBASE_FILEREFERENCE, $op['airsyncbasefilereference']];
                try {
                    $message = $this->_driver->itemOperationsGetAttachmentData($op['airsyncbasefilereference']);
                } catch (Horde_ActiveSync_Exception $e) {
                    $status = self::STATUS_ATTINVALID;
                }
                if ($message && !$multipart) {
                    $message->total = $this->_getDataSize($message->data);
                    $message->range = '0-' . ($message->total - 1);
                }
            } elseif (isset($op['searchlongid'])) {
                $ids[] = [Horde_ActiveSync_Request_Search::SEARCH_LONGID, $op['searchlongid']];
                $ids[] = [Horde_ActiveSync::SYNC_FOLDERTYPE, Horde_ActiveSync::CLASS_EMAIL];
                $message = $this->_driver->itemOperationsFetchMailbox($op['searchlongid'], $op['bodyprefs'], $op['mimesupport']);
            } elseif (isset($op['folderid']) && isset($op['serverentryid'])) {
                $collections = $this->_activeSync->getCollectionsObject();
                $ids[] = [Horde_ActiveSync::SYNC_FOLDERID, $op['folderid']];
                $ids[] = [Horde_ActiveSync::SYNC_SERVERENTRYID, $op['serverentryid']];
                $class = $collections->getCollectionClass($op['folderid']) ?: Horde_ActiveSync::CLASS_EMAIL;
                $ids[] = [Horde_ActiveSync::SYNC_FOLDERTYPE, $class];
                $message = $this->_driver->fetch(
                    $collections->getBackendIdForFolderUid($op['folderid']),
                    $op['serverentryid'],
                    ['bodyprefs' => $op['bodyprefs'], 'mimesupport' => $op['mimesupport'], 'class' => $class]);
            } else {
                $status = self::STATUS_PROTERR;
            }
        } catch (Horde_Exception_NotFound $e) {
            $status = self::STATUS_NOT_FOUND;
        } catch (Horde_ActiveSync_Exception_FolderGone $e) {
            $status = self::STATUS_NOT_FOUND;
        } catch (Horde_ActiveSync_Exception $e) {
            $this->_logger->err($e->getMessage());
            $status = self::STATUS_SERVERERR;
        }
        if ($status == self::STATUS_SUCCESS && !$message) {
            $status = self::STATUS_SERVERERR;
        }
        $this->_element(self::ITEMOPERATIONS_STATUS, $status);
        foreach ($ids as [$tag, $value]) {
            $this->_element($tag, $value);
        }
        if ($status == self::STATUS_SUCCESS) {
            $this->_encoder->startTag(self::ITEMOPERATIONS_PROPERTIES);
            $message->encodeStream($this->_encoder);
            $this->_encoder->endTag();
        }
        $this->_encoder->endTag();
    }

    /**
     * EmptyFolderContent (drivers that offer itemOperationsEmptyFolder()).
     */
    protected function _empty(array $op)
    {
        $status = self::STATUS_SUCCESS;
        if (!method_exists($this->_driver, 'itemOperationsEmptyFolder')) {
            $status = self::STATUS_NOT_SUPPORTED;
        } else {
            try {
                $op['folderid'] = $this->_activeSync->getCollectionsObject()->getBackendIdForFolderUid($op['folderid']);
                $this->_driver->itemOperationsEmptyFolder($op);
            } catch (Horde_ActiveSync_Exception $e) {
                $this->_logger->err($e->getMessage());
                $status = self::STATUS_SERVERERR;
            }
        }
        $this->_encoder->startTag(self::ITEMOPERATIONS_EMPTYFOLDERCONTENT);
        $this->_element(self::ITEMOPERATIONS_STATUS, $status);
        $this->_element(Horde_ActiveSync::SYNC_FOLDERID, $op['folderid']);
        $this->_encoder->endTag();
    }

    /**
     * Move of a conversation: no backend offers conversations.
     */
    protected function _move(array $op)
    {
        $this->_encoder->startTag(self::ITEMOPERATIONS_MOVE);
        $this->_element(self::ITEMOPERATIONS_STATUS, self::STATUS_NOT_SUPPORTED);
        $this->_element(self::ITEMOPERATIONS_CONVERSATIONID, $op['conversationid']);
        $this->_encoder->endTag();
    }

    /**
     * @param string|resource $data
     *
     * @return integer  Its size in bytes.
     */
    protected function _getDataSize($data)
    {
        if (is_resource($data)) {
            fseek($data, 0, SEEK_END);
            $size = ftell($data);
            rewind($data);
            return $size;
        }
        if (is_object($data) && isset($data->stream)) {
            return $data->length();
        }
        return strlen((string)$data);
    }

    protected function _element($tag, $content)
    {
        $this->_encoder->startTag($tag);
        $this->_encoder->content($content);
        $this->_encoder->endTag();
    }
}
