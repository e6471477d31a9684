<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

/**
 * The body as HTML (BodyPreference type 2); a message without HTML goes as
 * its plain text, typed as such.
 */
class Horde_ActiveSync_Imap_EasMessageBuilder_Html extends Horde_ActiveSync_Imap_EasMessageBuilder
{
    public function __construct(Horde_ActiveSync_Imap_Message $imap_message, array $options, $logger)
    {
        parent::__construct($imap_message, $options, $logger);
        if ($this->_mbd->html) {
            $this->_airsyncBody->type = Horde_ActiveSync::BODYPREF_TYPE_HTML;
            return;
        }
        $this->_airsyncBody->type = Horde_ActiveSync::BODYPREF_TYPE_PLAIN;
        if ($plain = $this->_mbd->plain) {
            $this->_mbd->html = array(
                'body' => $plain['body'],
                'estimated_size' => $plain['size'],
                'truncated' => $plain['truncated']
            );
        }
    }

    protected function _buildBody()
    {
        $this->_logger->meta('Building HTML Message.');
        $this->_buildHtmlPart();
        $this->_easMessage->airsyncbasebody = $this->_airsyncBody;
        $this->_easMessage->airsyncbaseattachments = $this->_imapMessage->getAttachments($this->_version);
    }

    protected function _buildHtmlPart()
    {
        $html = $this->_mbd->html;
        if (!empty($html['estimated_size'])) {
            $this->_airsyncBody->estimateddatasize = $html['estimated_size'];
            $this->_airsyncBody->truncated = $html['truncated'];
            $this->_airsyncBody->data = $html['body']->stream;
        }
    }
}
