<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * WBXML constants and what the encoder and decoder share. The codec itself
 * is native: see Horde\ActiveSync\Native\WbxmlDecoder and WbxmlEncoder in the
 * horde_activesync extension, whose code page table replaces $_dtd.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Wbxml
{
    const SWITCH_PAGE         = 0x00;
    const END                 = 0x01;
    const ENTITY              = 0x02;
    const STR_I               = 0x03;
    const LITERAL             = 0x04;
    const EXT_I_0             = 0x40;
    const EXT_I_1             = 0x41;
    const EXT_I_2             = 0x42;
    const PI                  = 0x43;
    const LITERAL_C           = 0x44;
    const EXT_T_0             = 0x80;
    const EXT_T_1             = 0x81;
    const EXT_T_2             = 0x82;
    const STR_T               = 0x83;
    const LITERAL_A           = 0x84;
    const EXT_0               = 0xC0;
    const EXT_1               = 0xC1;
    const EXT_2               = 0xC2;
    const OPAQUE              = 0xC3;
    const LITERAL_AC          = 0xC4;

    /* Keys of the element arrays the decoder returns. */
    const EN_TYPE             = 1;
    const EN_TAG              = 2;
    const EN_CONTENT          = 3;
    const EN_FLAGS            = 4;
    const EN_ATTRIBUTES       = 5;

    const EN_TYPE_STARTTAG    = 1;
    const EN_TYPE_ENDTAG      = 2;
    const EN_TYPE_CONTENT     = 3;

    const EN_FLAGS_CONTENT    = 1;
    const EN_FLAGS_ATTRIBUTES = 2;
    /* Content element written as OPAQUE by Encoder::writeElements(). */
    const EN_FLAGS_OPAQUE     = 4;

    /* The only WBXML version EAS uses. */
    const WBXML_VERSION       = 0x03;

    /* LOG_DETAILED logs all content; LOG_PROTOCOL logs the size of content
     * longer than LOG_MAXCONTENT characters instead of the content. */
    const LOG_DETAILED        = 1;
    const LOG_PROTOCOL        = 2;
    const LOG_MAXCONTENT      = 50;

    /**
     * The code page active for output (kept for subclasses; the native
     * encoder tracks its own).
     *
     * @var integer
     */
    protected $_tagcp = 0;

    /**
     * @var array
     */
    protected $_logStack = [];

    /**
     * @var Horde_Log_Logger
     */
    protected $_logger;

    /**
     * The stream as Horde_Stream, created on first use by getStream().
     *
     * @var Horde_Stream|null
     */
    protected $_stream;

    /**
     * The input or output stream resource (or string, for the decoder).
     *
     * @var resource|string
     */
    protected $_resource;

    /**
     * @var integer
     */
    protected $_procid;

    /**
     * @var integer
     */
    protected $_logLevel;

    /**
     * @param resource $stream     The input or output stream.
     * @param integer $log_level   LOG_PROTOCOL or LOG_DETAILED.
     */
    public function __construct($stream, $log_level = self::LOG_PROTOCOL)
    {
        $this->_resource = $stream;
        $this->_procid = getmypid();
        $this->_logLevel = $log_level;
    }

    /**
     * The stream wrapped in a Horde_Stream.
     *
     * @return Horde_Stream
     */
    public function getStream()
    {
        if (!$this->_stream) {
            $this->_stream = new Horde_Stream_Existing(['stream' => $this->_resource]);
        }
        return $this->_stream;
    }

    /**
     * Sets the logger; plain Horde_Log_Loggers are adapted to the
     * ActiveSync levels.
     *
     * @param Horde_Log_Logger $logger
     */
    public function setLogger(Horde_Log_Logger $logger)
    {
        $this->_logger = $logger instanceof Horde_ActiveSync_Log_Logger
            ? $logger
            : new Horde_ActiveSync_Log_Logger_Deprecated(null, $logger);
    }

    /**
     * The logger; a null logger until setLogger() is called.
     *
     * @return Horde_Log_Logger
     */
    protected function _getLogger()
    {
        if (!$this->_logger) {
            $this->_logger = new Horde_ActiveSync_Log_Logger(new Horde_Log_Handler_Null());
        }
        return $this->_logger;
    }

    /**
     * Horde's $_dtd, built from the native code page table on first read:
     * ['codes' => [page => [token => name]], 'namespaces' => [page => ns]].
     */
    public function __get($name)
    {
        if ($name !== '_dtd') {
            trigger_error('Undefined property: ' . static::class . '::$' . $name, E_USER_WARNING);
            return null;
        }
        static $dtd;
        if (!$dtd) {
            $dtd = ['codes' => [], 'namespaces' => []];
            foreach (Horde\ActiveSync\Native\wbxml_code_pages() as $page => $info) {
                $dtd['codes'][$page] = [];
                foreach ($info['tags'] as $token => $name) {
                    $pos = strpos($name, ':');
                    $dtd['codes'][$page][$token] = $pos === false ? $name : substr($name, $pos + 1);
                }
                if ($info['horde'] !== '') {
                    $dtd['namespaces'][$page] = $info['horde'];
                }
            }
        }
        return $dtd;
    }
}
