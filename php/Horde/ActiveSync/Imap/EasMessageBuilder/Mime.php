<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

/**
 * The body as a whole MIME message (BodyPreference type 4): rebuilt from
 * the UTF-8 texts and the attachments, or the original message when it is
 * signed or encrypted and must not change.
 */
class Horde_ActiveSync_Imap_EasMessageBuilder_Mime extends Horde_ActiveSync_Imap_EasMessageBuilder
{
    public function __construct(Horde_ActiveSync_Imap_Message $imap_message, array $options, $logger)
    {
        parent::__construct($imap_message, $options, $logger);
        $this->_airsyncBody->type = Horde_ActiveSync::BODYPREF_TYPE_MIME;
    }

    protected function _buildBody()
    {
        $this->_buildMessage();
        $this->_doTruncation();
        $this->_easMessage->airsyncbasebody = $this->_airsyncBody;
    }

    protected function _buildMessage()
    {
        $this->_logger->meta('Building MIME Message.');
        if (!$this->_canModify()) {
            $this->_buildEncrypted();
            return;
        }
        $plain = $this->_mbd->plain ? $this->_buildPlainMime() : null;
        $html = $this->_mbd->html ? $this->_buildHtmlMime() : null;
        if ($plain && $html) {
            $mime = new Horde_Mime_Part();
            $mime->setType('multipart/alternative');
            $mime->addPart($plain);
            $mime->addPart($html);
        } else {
            $mime = $plain ?: ($html ?: new Horde_Mime_Part());
        }
        if ($this->_imapMessage->hasAttachments()) {
            $base = $this->_buildMultipartWrapper($mime);
            $this->_easMessage->airsyncbaseattachments = $this->_imapMessage->getAttachments($this->_version);
        } else {
            $base = $mime;
        }
        // An address Horde_Idna cannot encode would leave the device a blank
        // message: write the addresses unencoded instead.
        $headers = $this->_getHeaders();
        try {
            $this->_airsyncBody->data = $base->toString(array('headers' => $headers, 'stream' => true));
        } catch (Horde_Idna_Exception $e) {
            $this->_logger->err($e->getMessage());
            $this->_handleIdnaErrors($headers);
            $this->_airsyncBody->data = $base->toString(array('headers' => $headers, 'stream' => true));
        }
        $this->_airsyncBody->estimateddatasize = $base->getBytes();
    }

    /** Replaces the address headers by ones that skip IDNA encoding. */
    protected function _handleIdnaErrors(Horde_Mime_Headers $headers)
    {
        foreach (array('from', 'to', 'cc') as $name) {
            if ($ob = $headers->getHeader($name)) {
                $headers->removeHeader($name);
                $headers->addHeaderOb(new Horde_ActiveSync_Mime_Headers_Addresses($name, $ob->full_value));
            }
        }
    }

    /**
     * Cuts the MIME data to the MIME TruncationSize (or the 2.5-style
     * truncation option). Sizes under 10 are ignored: old sync caches hold
     * a constant there instead of a size.
     */
    protected function _doTruncation()
    {
        $ts = $this->_options['bodyprefs'][Horde_ActiveSync::BODYPREF_TYPE_MIME]['truncationsize'] ?? 0;
        $fallback = $this->_options['truncation'] ?? 0;
        $truncation = $ts > 9 ? $ts : ($fallback > 9 ? $fallback : false);
        $this->_logger->meta(sprintf('Checking MIMETRUNCATION: %d, ServerData: %d',
            $truncation, $this->_airsyncBody->estimateddatasize));
        if ($truncation && $this->_airsyncBody->estimateddatasize > $truncation) {
            ftruncate($this->_airsyncBody->data, $truncation);
            $this->_airsyncBody->truncated = '1';
        } else {
            $this->_airsyncBody->truncated = '0';
        }
    }

    protected function _buildPlainMime()
    {
        return $this->_textPart('text/plain', $this->_mbd->plain['body']);
    }

    protected function _buildHtmlMime()
    {
        return $this->_textPart('text/html', $this->_mbd->html['body']);
    }

    protected function _textPart($type, Horde_Stream $body)
    {
        $part = new Horde_Mime_Part();
        $part->setType($type);
        $part->setContents($body->stream, array('usestream' => true));
        $part->setCharset('UTF-8');
        return $part;
    }

    /** A multipart/mixed of the body and the attachments. */
    protected function _buildMultipartWrapper(Horde_Mime_Part $mime)
    {
        $part = new Horde_Mime_Part();
        $part->setType('multipart/mixed');
        $part->addPart($mime);
        foreach ($this->_imapMessage->getAttachmentsMimeParts() as $attachment) {
            $part->addPart($attachment);
        }
        return $part;
    }

    /** The message's headers without Content-Type and Content-Transfer-Encoding. */
    protected function _getHeaders()
    {
        $headers = $this->_imapMessage->getHeaders();
        $headers->removeHeader('Content-Type');
        $headers->removeHeader('Content-Transfer-Encoding');
        return $headers;
    }

    /** The original message, for signed or encrypted mail. */
    protected function _buildEncrypted()
    {
        $raw = new Horde_ActiveSync_Rfc822($this->_imapMessage->getFullMsg(true), false);
        $this->_airsyncBody->estimateddatasize = $raw->getBytes();
        $this->_airsyncBody->data = $raw->getString();
        $this->_easMessage->airsyncbaseattachments = $this->_imapMessage->getAttachments($this->_version);
    }

    protected function _canModify()
    {
        return !$this->_imapMessage->isSigned() && !$this->_imapMessage->isEncrypted();
    }
}
