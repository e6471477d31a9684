<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * SmartForward (MS-ASCMD): a forward: the server attaches or appends the original message. Before 14.0 the
 * client sends MIME and names the original in the query (ItemId,
 * CollectionId); later it sends ComposeMail WBXML.
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_SmartForward extends Horde_ActiveSync_Request_SendMail
{
    /**
     * @return boolean
     */
    protected function _handle()
    {
        if (!$this->checkPolicyKey($this->_activeSync->getPolicyKey(), self::COMPOSEMAIL_SMARTFORWARD)) {
            return true;
        }
        if ($this->_decoder->isWbxml()) {
            return $this->_handleWbxmlRequest();
        }
        $get = $this->_activeSync->getGetVars();
        $item = empty($get['ItemId']) ? false : $get['ItemId'];
        $stream = $this->_decoder->getFullInputStream();
        try {
            $parent = empty($get['CollectionId']) ? false
                : $this->_activeSync->getCollectionsObject()->getBackendIdForFolderUid($get['CollectionId']);
            return $this->_driver->sendMail($stream, $item, false, $parent, $this->_saveInSent($get));
        } catch (Horde_Exception_NotFound $e) {
            $this->_logger->err($e->getMessage());
            return $this->_mimeFailure($e, self::COMPOSEMAIL_SMARTFORWARD, Horde_ActiveSync_Status::ITEM_NOT_FOUND);
        } catch (Horde_ActiveSync_Exception $e) {
            $this->_logger->err($e->getMessage());
            return $this->_mimeFailure($e, self::COMPOSEMAIL_SMARTFORWARD, Horde_ActiveSync_Status::MAIL_SUBMISSION_FAILED);
        }
    }
}
