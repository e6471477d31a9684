<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

/** The EAS 2.5 body: Body, BodySize, BodyTruncated and Attachments. */
class Horde_ActiveSync_Imap_EasMessageBuilder_TwoFive extends Horde_ActiveSync_Imap_EasMessageBuilder
{
    protected function _buildBody()
    {
        $this->_logger->meta('Building EAS 2.5 style Message.');
        if ($plain = $this->_mbd->plain) {
            $this->_easMessage->body = $plain['body']->stream;
            $this->_easMessage->bodysize = $plain['body']->length(true);
            $this->_easMessage->bodytruncated = $plain['truncated'];
        }
        $this->_easMessage->attachments = $this->_imapMessage->getAttachments($this->_version);
    }
}
