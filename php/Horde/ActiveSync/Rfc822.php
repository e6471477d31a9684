<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

use Horde\ActiveSync\Native\MimeScanner;

/**
 * A raw RFC 822 message as a device sends it (SendMail, SmartReply,
 * SmartForward): its headers, its body, and its MIME structure.
 *
 * The MIME structure is read by the native scanner (Native\MimeScanner):
 * Horde_Mime_Part objects with the same types, parameters, encodings,
 * dispositions and contents as Horde_Mime_Part::parseMessage() builds,
 * without its defects on broken input (see docs/ARCHITECTURE.md), and
 * bounded in nesting and number of parts.
 */
class Horde_ActiveSync_Rfc822
{
    /** Memory the temporary streams use before they go to disk. */
    public static $memoryLimit = 2097152;

    /** Parts a message may have before getMimeObject() refuses it. */
    public static $maxParts = 10000;

    /** @var int offset of the line break that ends the header block */
    protected $_hdr_pos;

    /** @var int length of the line breaks between headers and body */
    protected $_eol;

    /** @var Horde_Stream */
    protected $_stream;

    /** @var string headers rewritten by addStandardHeaders() */
    protected $_header_text;

    /** @var int|null */
    protected $_bytes;

    /** @var Horde_Mime_Headers|null the parsed headers, handed out as copies */
    protected $_headers;

    /**
     * @param string|resource $rfc822  The message.
     * @param bool $auto_add_headers   Add Message-ID, User-Agent and Date
     *                                 headers when missing.
     */
    public function __construct($rfc822, $auto_add_headers = true)
    {
        if (is_resource($rfc822)) {
            $stream = new Horde_Stream_Existing(array('stream' => $rfc822));
            $stream->rewind();
        } else {
            $stream = new Horde_Stream_Temp(array('max_memory' => self::$memoryLimit));
            $stream->add((string)$rfc822, true);
        }
        $this->_parseStream($stream);
        if ($auto_add_headers) {
            $this->addStandardHeaders();
        }
    }

    protected function _parseStream(Horde_Stream $stream)
    {
        $this->_stream = $stream;
        $this->_bytes = null;
        $this->_headers = null;
        list($this->_hdr_pos, $this->_eol) = $this->_findHeader();
    }

    /**
     * The message body, without the headers.
     *
     * @return Horde_Stream  At its start.
     */
    public function getMessage()
    {
        $body = new Horde_Stream_Temp(array('max_memory' => self::$memoryLimit));
        fseek($this->_stream->stream, $this->_hdr_pos + $this->_eol);
        stream_copy_to_stream($this->_stream->stream, $body->stream);
        $body->rewind();
        return $body;
    }

    /**
     * Replaces the body with a MIME part's (headers stay those the device
     * sent).
     */
    public function replaceMime(Horde_Mime_Part $part)
    {
        // Horde loses the headers here (its header block becomes empty);
        // keep the ones the device sent.
        if (!isset($this->_headers)) {
            $this->_headers = Horde_Mime_Headers::parseHeaders($this->_headerText());
        }
        $mime = new Horde_Stream_Existing(array(
            'stream' => $part->toString(array('stream' => true, 'headers' => false))
        ));
        $mime->rewind();
        $this->_stream = $mime;
        $this->_hdr_pos = 0;
        $this->_eol = 0;
        $this->_bytes = null;
    }

    /**
     * The whole message, with the headers addStandardHeaders() completed.
     *
     * @return resource  A stream at its start.
     */
    public function getString()
    {
        if (!empty($this->_header_text)) {
            return Horde_Stream_Wrapper_Combine::getStream(array($this->_header_text, $this->getMessage()->stream));
        }
        $this->_stream->rewind();
        return $this->_stream->stream;
    }

    /**
     * The message headers: a new object on each call, which the caller may
     * change.
     *
     * @return Horde_Mime_Headers
     */
    public function getHeaders()
    {
        if (!isset($this->_headers)) {
            $this->_headers = Horde_Mime_Headers::parseHeaders($this->_headerText());
        }
        return clone $this->_headers;
    }

    /** Adds Message-ID, User-Agent and Date headers when missing. */
    public function addStandardHeaders()
    {
        $headers = $this->getHeaders();
        $updated = false;
        if (!$headers->getValue('Message-ID')) {
            $headers->addMessageIdHeader();
            $updated = true;
        }
        if (!$headers->getValue('User-Agent')) {
            $headers->addUserAgentHeader();
            $updated = true;
        }
        if (!$headers->getValue('Date')) {
            $headers->addHeaderOb(Horde_Mime_Headers_Date::create());
            $updated = true;
        }
        if ($updated) {
            $this->_header_text = $headers->toString(array('charset' => 'UTF-8'));
            // the completed headers are what parsing their text gives back
            $this->_headers = $headers;
        }
    }

    /**
     * The MIME structure of the message as the device sent it.
     *
     * @return Horde_Mime_Part  The base part.
     * @throws Horde_ActiveSync_Exception when the structure is beyond the
     *                                    limits (nesting, number of parts)
     */
    public function getMimeObject()
    {
        $this->_stream->rewind();
        $builder = new Horde_ActiveSync_Rfc822_MimeBuilder(self::$maxParts);
        $part = $builder->parse($this->_stream->getString());
        $part->isBasePart(true);
        return $part;
    }

    /** The length of the message in bytes. */
    public function getBytes()
    {
        if (!isset($this->_bytes)) {
            $this->_bytes = $this->_stream->length();
        }
        return $this->_bytes;
    }

    /**
     * Where the header block ends: the first empty line, after a line end
     * of either kind. Horde looks only for the kind of the first line end,
     * which misreads devices that mix them; a message without an empty line
     * is all headers here.
     *
     * @return array  Offset of the line end before the empty line, length
     *                of the line ends up to the body.
     */
    protected function _findHeader()
    {
        $stream = $this->_stream->stream;
        $head = '';
        $from = 0;
        rewind($stream);
        while (!feof($stream)) {
            $chunk = fread($stream, 65536);
            if ($chunk === false || $chunk === '') {
                break;
            }
            $head .= $chunk;
            if (($found = $this->_blankLine($head, $from)) !== null) {
                rewind($stream);
                return $found;
            }
            // a line end may be split between reads
            $from = max(0, strlen($head) - 3);
        }
        rewind($stream);
        $len = strlen($head);
        return array($len, 0);
    }

    /** @return array|null [offset of the line end, length of the line ends] */
    protected function _blankLine($text, $from)
    {
        if (($from === 0) && ($text[0] ?? '') === "\n") {
            return array(0, 1);
        }
        if ($from === 0 && strncmp($text, "\r\n", 2) === 0) {
            return array(0, 2);
        }
        $lf = strpos($text, "\n\n", $from);
        $crlf = strpos($text, "\n\r\n", $from);
        if ($lf === false && $crlf === false) {
            return null;
        }
        $at = ($crlf === false || ($lf !== false && $lf < $crlf)) ? $lf : $crlf;
        $sep = $at === $lf ? 2 : 3;
        if ($at > 0 && $text[$at - 1] === "\r") {
            --$at;
            ++$sep;
        }
        return array($at, $sep);
    }

    /** The header text (without the line end that closes it). */
    protected function _headerText()
    {
        if (!empty($this->_header_text)) {
            return $this->_header_text;
        }
        $this->_stream->rewind();
        return $this->_hdr_pos ? $this->_stream->substring(0, $this->_hdr_pos) : '';
    }
}
