<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * GetAttachment (MS-ASCMD 2.2.1.8, up to 12.1): the raw attachment, named
 * by the AttachmentName query parameter.
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_GetAttachment extends Horde_ActiveSync_Request_Base
{
    /**
     * @return string|boolean  The attachment's content type.
     * @throws Horde_ActiveSync_Exception_InvalidRequest  without a name.
     */
    protected function _handle()
    {
        $this->_logger->meta('Handling GETATTACHMENT command.');
        $get = $this->_activeSync->getGetVars();
        if (empty($get['AttachmentName'])) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('GetAttachment without AttachmentName.');
        }
        if (!$this->checkPolicyKey($this->_activeSync->getPolicyKey())) {
            return true;
        }
        try {
            $attachment = $this->_driver->getAttachment($get['AttachmentName'], ['stream' => true]);
        } catch (Horde_Exception_NotFound $e) {
            // MS-ASCMD: an attachment that does not exist is HTTP 500.
            $this->_logger->err($e->getMessage());
            return false;
        }
        // Sent before the data: a large attachment flushes the buffer.
        $this->_activeSync->contentTypeHeader($attachment['content-type']);
        if (is_resource($attachment['data'])) {
            rewind($attachment['data']);
        }
        $this->_encoder->getStream()->add($attachment['data']);
        return $attachment['content-type'];
    }
}
