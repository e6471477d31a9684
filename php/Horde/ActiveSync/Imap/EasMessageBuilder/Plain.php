<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

/** The body as plain text (BodyPreference type 1). */
class Horde_ActiveSync_Imap_EasMessageBuilder_Plain extends Horde_ActiveSync_Imap_EasMessageBuilder
{
    public function __construct(Horde_ActiveSync_Imap_Message $imap_message, array $options, $logger)
    {
        parent::__construct($imap_message, $options, $logger);
        $this->_airsyncBody->type = Horde_ActiveSync::BODYPREF_TYPE_PLAIN;
    }

    protected function _buildBody()
    {
        $this->_logger->meta('Building PLAINTEXT Message.');
        if (!empty($this->_mbd->plain['size'])) {
            $this->_buildPlainPart();
        }
        $this->_easMessage->airsyncbasebody = $this->_airsyncBody;
        $this->_easMessage->airsyncbaseattachments = $this->_imapMessage->getAttachments($this->_version);
    }

    protected function _buildPlainPart()
    {
        $plain = $this->_mbd->plain;
        $this->_airsyncBody->estimateddatasize = $plain['size'];
        $this->_airsyncBody->truncated = $plain['truncated'];
        $this->_airsyncBody->data = $plain['body']->stream;
    }
}
