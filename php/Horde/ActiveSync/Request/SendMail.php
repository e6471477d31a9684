<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * SendMail (MS-ASCMD 2.2.1.16): a raw MIME message (up to 12.1) or the
 * ComposeMail WBXML of 14.0 and later (also for SmartReply and
 * SmartForward).
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_SendMail extends Horde_ActiveSync_Request_Base
{
    const COMPOSEMAIL_SENDMAIL     = 'ComposeMail:SendMail';
    const COMPOSEMAIL_SMARTREPLY   = 'ComposeMail:SmartReply';
    const COMPOSEMAIL_SMARTFORWARD = 'ComposeMail:SmartForward';
    const COMPOSEMAIL_STATUS       = 'ComposeMail:Status';

    /**
     * @return boolean
     */
    protected function _handle()
    {
        if (!$this->checkPolicyKey($this->_activeSync->getPolicyKey(), self::COMPOSEMAIL_SENDMAIL)) {
            return true;
        }
        if ($this->_decoder->isWbxml()) {
            return $this->_handleWbxmlRequest();
        }
        $this->_logger->meta('Handling SENDMAIL command with no Wbxml.');
        $get = $this->_activeSync->getGetVars();
        $stream = $this->_decoder->getFullInputStream();
        try {
            return $this->_driver->sendMail($stream, false, false, false, $this->_saveInSent($get));
        } catch (Horde_ActiveSync_Exception $e) {
            $this->_logger->err($e->getMessage());
            return $this->_mimeFailure($e, self::COMPOSEMAIL_SENDMAIL, Horde_ActiveSync_Status::MAIL_SUBMISSION_FAILED);
        }
    }

    /**
     * SendMail, SmartReply or SmartForward as ComposeMail WBXML.
     *
     * @return boolean
     */
    protected function _handleWbxmlRequest()
    {
        $this->_logger->meta('Handling SENDMAIL command with Wbxml.');
        $e = $this->_decoder->getElement();
        $tag = is_array($e) && $e[Horde_ActiveSync_Wbxml::EN_TYPE] == Horde_ActiveSync_Wbxml::EN_TYPE_STARTTAG
            ? $e[Horde_ActiveSync_Wbxml::EN_TAG] : null;
        if (!in_array($tag, [self::COMPOSEMAIL_SENDMAIL, self::COMPOSEMAIL_SMARTREPLY, self::COMPOSEMAIL_SMARTFORWARD], true)) {
            $this->_handleError(Horde_ActiveSync_Status::INVALID_CONTENT, self::COMPOSEMAIL_SENDMAIL);
            return true;
        }
        $mail = Horde_ActiveSync::messageFactory('SendMail');
        $mail->decodeStream($this->_decoder);
        try {
            if ($tag != self::COMPOSEMAIL_SENDMAIL) {
                $mail->source->folderid = $this->_activeSync->getCollectionsObject()
                    ->getBackendIdForFolderUid($mail->source->folderid);
            }
            return $this->_driver->sendMail(null, $tag == self::COMPOSEMAIL_SMARTFORWARD,
                $tag == self::COMPOSEMAIL_SMARTREPLY, null, null, $mail);
        } catch (Horde_Exception_NotFound $ex) {
            $this->_logger->err($ex->getMessage());
            $this->_handleError(Horde_ActiveSync_Status::ITEM_NOT_FOUND, $tag);
        } catch (Horde_ActiveSync_Exception_FolderGone $ex) {
            $this->_handleError(Horde_ActiveSync_Status::ITEM_NOT_FOUND, $tag);
        } catch (Horde_ActiveSync_Exception_EmailFatalFailure $ex) {
            $this->_logger->err($ex->getMessage());
            $this->_handleError(Horde_ActiveSync_Status::SERVER_ERROR, $tag);
        } catch (Horde_ActiveSync_Exception $ex) {
            $this->_logger->err($ex->getMessage());
            $this->_handleError(Horde_ActiveSync_Status::MAIL_SUBMISSION_FAILED, $tag);
        }
        return true;
    }

    /**
     * A failure of a MIME request: before 14.0 clients know only HTTP 500,
     * later ones read the ComposeMail status.
     */
    protected function _mimeFailure(Exception $e, $tag, $status)
    {
        if ($this->_device->version < Horde_ActiveSync::VERSION_FOURTEEN) {
            return false;
        }
        $this->_handleError($status, $tag);
        return true;
    }

    /**
     * @return boolean  Whether to keep a copy (SaveInSent=T or the option bit).
     */
    protected function _saveInSent(array $get)
    {
        return !empty($get['SaveInSent']) && ($get['SaveInSent'] === true || strtoupper($get['SaveInSent']) == 'T');
    }

    /**
     * Writes "<tag><ComposeMail:Status>status</...></tag>".
     */
    protected function _handleError($status, $type)
    {
        $this->_encoder->startWBXML();
        $this->_encoder->startTag($type);
        $this->_encoder->startTag(self::COMPOSEMAIL_STATUS);
        $this->_encoder->content($status);
        $this->_encoder->endTag();
        $this->_encoder->endTag();
    }
}
