<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

use Horde\ActiveSync\Native\WbxmlEncoder;

/**
 * Encodes the WBXML sent to devices. The encoding runs in the
 * horde_activesync extension; this class keeps Horde's API.
 *
 * A start tag is only written once content or a child element follows it,
 * unless it is forced empty. Output is buffered and reaches the stream when
 * the outermost element closes, on flushOutput()/keepAlive(), when the
 * stream is swapped or handed out by getStream(), and when the buffer fills.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Wbxml_Encoder extends Horde_ActiveSync_Wbxml
{
    /**
     * Whether this response is multipart (MS-ASCMD 2.2.1.10.1).
     *
     * @var boolean
     */
    public $multipart;

    /**
     * @var WbxmlEncoder
     */
    protected $_native;

    /**
     * @param resource $output     The output stream.
     * @param integer $log_level
     */
    public function __construct($output, $log_level = self::LOG_PROTOCOL)
    {
        parent::__construct($output, $log_level);
        $this->_native = new WbxmlEncoder($output);
    }

    /**
     * What a caller's per-message loop writes tags through: the native
     * encoder itself, whose startTag(), content() and endTag() take the
     * same arguments as this class's, without the forwarding call. A
     * subclass gets itself, so that its overrides still run.
     *
     * @internal
     * @return WbxmlEncoder|Horde_ActiveSync_Wbxml_Encoder
     */
    public function writer()
    {
        return static::class === self::class ? $this->_native : $this;
    }

    /**
     * Starts the document.
     *
     * @param boolean $multipart  Send the response as multipart: binary
     *                            parts (addPart()) follow the WBXML.
     */
    public function startWBXML($multipart = false)
    {
        $this->multipart = $multipart;
        $this->_native->startWbxml((bool)$multipart);
    }

    /**
     * Writes the WBXML header; only the first call writes.
     */
    public function outputWbxmlHeader()
    {
        $this->_native->outputHeader();
    }

    /**
     * Opens an element.
     *
     * @param string $tag            'POOMCONTACTS:FirstName', 'Synchronize', ...
     * @param mixed $attributes      Unused: EAS WBXML has no attributes.
     * @param boolean $output_empty  Write the tag now, as an empty element.
     *
     * @throws Horde_ActiveSync_Exception for unknown tags and attributes.
     */
    public function startTag($tag, $attributes = false, $output_empty = false)
    {
        $this->_native->startTag($tag, $attributes, $output_empty);
    }

    /**
     * Closes the innermost element.
     */
    public function endTag()
    {
        $this->_native->endTag();
    }

    /**
     * How many elements are open (started, not yet ended): a handler that
     * must abandon a half-written element ends tags back to a depth it saw.
     *
     * @return integer
     */
    public function getDepth()
    {
        return $this->_native->getDepth();
    }

    /**
     * Writes content. NUL bytes are dropped from text; empty text writes
     * nothing. Stream resources are read from their start and closed.
     *
     * @param string|resource $content
     * @param boolean $opaque           Write as OPAQUE instead of STR_I.
     */
    public function content($content, $opaque = false)
    {
        $this->_native->content($content, $opaque);
    }

    /**
     * Writes element arrays (the decoder's format) in one native call:
     * start tags without EN_FLAGS_CONTENT are forced empty, content with
     * EN_FLAGS_OPAQUE in EN_FLAGS is written as OPAQUE.
     *
     * @param array $elements
     */
    public function writeElements(array $elements)
    {
        $this->_native->writeElements($elements);
    }

    /**
     * Adds a binary part to a multipart response.
     *
     * @param string|resource $data
     */
    public function addPart($data)
    {
        $this->_native->addPart($data);
    }

    /**
     * @return array  The parts added so far.
     */
    public function getParts()
    {
        return $this->_native->getParts();
    }

    /**
     * Sends output to another stream, and returns the previous one.
     *
     * @param Horde_Stream|resource $stream
     *
     * @return Horde_Stream
     * @throws InvalidArgumentException
     */
    public function swapOutputStream($stream)
    {
        if ($stream instanceof Horde_Stream) {
            $object = $stream;
            $stream = $stream->stream;
        } elseif (is_resource($stream)) {
            $object = null;
        } else {
            throw new InvalidArgumentException('swapOutputStream() expects a Horde_Stream or stream resource.');
        }
        $previous = $this->getStream();
        $this->_native->swapOutputStream($stream);
        $this->_resource = $stream;
        $this->_stream = $object;
        return $previous;
    }

    /**
     * Appends a stream's whole content to the output.
     *
     * @param Horde_Stream|resource $stream
     *
     * @throws InvalidArgumentException
     */
    public function appendOutputStream($stream)
    {
        if ($stream instanceof Horde_Stream) {
            $stream = $stream->stream;
        } elseif (!is_resource($stream)) {
            throw new InvalidArgumentException('appendOutputStream() expects a Horde_Stream or stream resource.');
        }
        $this->_native->appendOutputStream($stream);
    }

    /**
     * Sends buffered output to the stream and on to the client, so
     * streamed Sync responses reach clients with read timeouts.
     */
    public function flushOutput()
    {
        $this->_native->flush(true);
    }

    /**
     * Writes a keep-alive (SWITCH_PAGE to the active code page, a no-op
     * for the client's parser) and flushes it to the client.
     */
    public function keepAlive()
    {
        $this->_native->keepAlive();
    }

    /**
     * The output stream, with all buffered output written to it.
     *
     * @return Horde_Stream
     */
    public function getStream()
    {
        $this->_native->flush();
        return parent::getStream();
    }

    public function setLogger(Horde_Log_Logger $logger)
    {
        parent::setLogger($logger);
        $this->_native->setLogger($this->_logger, (int)$this->_logLevel);
    }
}
