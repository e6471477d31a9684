<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

use Horde\ActiveSync\Native\WbxmlDecoder;

/**
 * Decodes the WBXML a device sends, one element at a time. The decoding
 * runs in the horde_activesync extension; this class keeps Horde's API.
 *
 * Elements are arrays keyed by Horde_ActiveSync_Wbxml::EN_*:
 *  - start tag: [EN_TYPE => EN_TYPE_STARTTAG, EN_TAG => 'POOMMAIL:Subject',
 *               EN_FLAGS => EN_FLAGS_CONTENT or 0]
 *  - end tag:   [EN_TYPE => EN_TYPE_ENDTAG]
 *  - content:   [EN_TYPE => EN_TYPE_CONTENT, EN_CONTENT => 'text']
 *
 * Malformed input raises Horde_ActiveSync_Exception naming the problem and
 * its byte offset. Unlike Horde's PHP decoder, peek() after a content
 * element keeps the element that follows (ungets stack up).
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Wbxml_Decoder extends Horde_ActiveSync_Wbxml
{
    /**
     * The header fields, set by readWbxmlHeader().
     *
     * @var integer|null
     */
    public $version;
    public $publicid;
    public $publicstringid;
    public $charsetid;
    public $stringtable;

    /**
     * @var WbxmlDecoder
     */
    protected $_native;

    /**
     * @var boolean
     */
    protected $_isWbxml;

    /**
     * @var boolean
     */
    protected $_readHeader = false;

    /**
     * @param resource|string $input  The request body.
     * @param integer $log_level
     * @param array $options          Limits for the native decoder
     *                                (maxStringLength, maxOpaqueLength,
     *                                maxDepth, opaqueStreamThreshold).
     */
    public function __construct($input, $log_level = self::LOG_PROTOCOL, array $options = [])
    {
        parent::__construct($input, $log_level);
        $this->_native = new WbxmlDecoder($input, $options);
    }

    /**
     * Reads the WBXML header. If the input is not WBXML (a raw MIME
     * SendMail from an EAS 12.1 client) nothing is consumed and
     * getFullInputStream() returns all of it.
     */
    public function readWbxmlHeader()
    {
        $this->_readHeader = true;
        $this->_isWbxml = $this->_native->readHeader();
        $header = $this->_native->getHeader();
        $this->version = $header['version'];
        if ($this->_isWbxml) {
            $this->publicid = $header['publicid'];
            $this->publicstringid = $header['publicstringid'];
            $this->charsetid = $header['charsetid'];
            $this->stringtable = $header['stringtable'];
        }
    }

    /**
     * Whether the input has a WBXML 1.3 header. readWbxmlHeader() must have
     * been called.
     *
     * @return boolean
     * @throws Horde_ActiveSync_Exception
     */
    public function isWbxml()
    {
        if (!$this->_readHeader) {
            throw new Horde_ActiveSync_Exception('Failed to read WBXML header prior to calling isWbxml()');
        }
        return $this->_isWbxml;
    }

    /**
     * The input not decoded yet, as a rewound php://temp stream the caller
     * closes.
     *
     * @return resource
     */
    public function getFullInputStream()
    {
        return $this->_native->remainingInput();
    }

    /**
     * The raw input. Once decoding has read from it, the remaining input.
     *
     * @return Horde_Stream
     */
    public function getStream()
    {
        if ($this->_native->hasReadInput() || !is_resource($this->_resource)) {
            $this->_stream = new Horde_Stream_Existing(['stream' => $this->_native->remainingInput()]);
        }
        return parent::getStream();
    }

    public function setLogger(Horde_Log_Logger $logger)
    {
        parent::setLogger($logger);
        $this->_native->setLogger($this->_logger, (int)$this->_logLevel);
    }

    /**
     * The next start tag, end tag or content; consecutive content is merged.
     *
     * @return array|boolean  The element, or false at the end of the input.
     * @throws Horde_ActiveSync_Exception
     */
    public function getElement()
    {
        return $this->_native->getElement();
    }

    /**
     * Whether $el is a start tag without content.
     *
     * @param array $el
     *
     * @return boolean
     */
    public function isEmptyElement($el)
    {
        return is_array($el)
            && $el[self::EN_TYPE] === self::EN_TYPE_STARTTAG
            && !($el[self::EN_FLAGS] & self::EN_FLAGS_CONTENT);
    }

    /**
     * The element the last successful getElementStartTag() returned.
     *
     * @return array|boolean
     */
    public function getLastStartElement()
    {
        return $this->_native->getLastStartElement();
    }

    /**
     * The next element, left in the stream.
     *
     * @return array|boolean
     */
    public function peek()
    {
        return $this->_native->peek();
    }

    /**
     * The next token if it is the start tag $tag, else false (the token
     * stays in the stream).
     *
     * @param string $tag
     *
     * @return array|boolean
     */
    public function getElementStartTag($tag)
    {
        return $this->_native->getElementStartTag((string)$tag);
    }

    /**
     * The next token if it is an end tag, else false (logged; the token
     * stays in the stream).
     *
     * @return array|boolean
     */
    public function getElementEndTag()
    {
        return $this->_native->getElementEndTag();
    }

    /**
     * The next token's content if it is content, else false.
     *
     * @return string|resource|boolean
     */
    public function getElementContent()
    {
        return $this->_native->getElementContent();
    }

    /**
     * The next token, content not merged.
     *
     * @return array|boolean
     */
    public function getToken()
    {
        return $this->_native->getToken();
    }

    /**
     * Puts an element back; the next getToken() returns it.
     *
     * @param array|boolean $element
     */
    public function _ungetElement($element)
    {
        $this->_native->unget($element);
    }

    /**
     * Every remaining token at once (native, no PHP call per element).
     *
     * @return array
     */
    public function getAllTokens()
    {
        return $this->_native->decodeAll();
    }
}
