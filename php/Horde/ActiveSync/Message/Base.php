<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

use Horde\ActiveSync\Native\MessageCodec;

/**
 * The base of every ActiveSync message (contact, appointment, mail, ...).
 *
 * A message class describes itself with $_mapping: WBXML tag name =>
 * [KEY_ATTRIBUTE => property, KEY_TYPE => type or class, KEY_VALUES =>
 * the tag of array items, KEY_PROPERTY => PROPERTY_NO_CONTAINER]. Property
 * values live in $_properties and are read and written as $message->name.
 *
 * encodeStream() and decodeStream() walk the mapping in the
 * horde_activesync extension (Horde\ActiveSync\Native\MessageCodec); the
 * overridable methods below (_checkSendEmpty(), _checkEncoding(),
 * _formatDate(), _parseDate(), _preEncodeValidation(),
 * _validateDecodedValues()) keep their meaning: the extension replays this
 * package's own overrides and calls any other override in PHP.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_Base
{
    /* Keys of a mapping entry. */
    const KEY_ATTRIBUTE         = 1;
    const KEY_VALUES            = 2;
    const KEY_TYPE              = 3;
    const KEY_PROPERTY          = 4;

    /* Value types (KEY_TYPE) and the no-container flag (KEY_PROPERTY). */
    const TYPE_DATE             = 1;
    const TYPE_HEX              = 2;
    const TYPE_DATE_DASHES      = 3;
    const TYPE_MAPI_STREAM      = 4;
    const TYPE_MAPI_GOID        = 5;
    const TYPE_DATE_LOCAL       = 6;
    const PROPERTY_NO_CONTAINER = 7;

    /**
     * Tag name => mapping entry, in the order properties are encoded.
     *
     * @var array
     */
    protected $_mapping;

    /**
     * Property values; false means "not set".
     *
     * @var array
     */
    protected $_properties = array();

    /**
     * Message flags (a Horde_ActiveSync::FLAG_* constant).
     *
     * @var mixed
     */
    public $flags = false;

    /**
     * The command this message belongs to: Horde_ActiveSync::SYNC_ADD,
     * SYNC_MODIFY, SYNC_REMOVE or SYNC_FETCH. Protocol rules differ by
     * command.
     *
     * @var string
     */
    public $commandType;

    /**
     * @var Horde_ActiveSync_Log_Logger
     */
    protected $_logger;

    /**
     * Properties the client said it supports (non-ghosted), or
     * [Horde_ActiveSync::ALL_GHOSTED].
     *
     * @var array
     */
    protected $_supported = array();

    /**
     * Properties set since construction (property => true).
     *
     * @var array
     */
    protected $_exists = array();

    /**
     * The negotiated protocol version.
     *
     * @var string
     */
    protected $_version = Horde_ActiveSync::VERSION_TWOFIVE;

    /**
     * @var Horde_ActiveSync_Device
     */
    protected $_device;

    /**
     * Stream filters attached by _checkEncoding(), removed when the message
     * goes (an array until the first one, then _filterList()).
     *
     * @var array|ArrayObject
     */
    protected $_streamFilters = array();

    /**
     * One logger for every message created without one.
     *
     * @var Horde_ActiveSync_Log_Logger
     */
    private static $_nullLogger;

    /**
     * The mapping and property list of each class and version, as the
     * first message of the kind built them: later messages share the
     * arrays (until they change them) and skip building them again.
     *
     * @var array
     */
    private static $_shapes = array();

    /**
     * @param array $options  Options:
     *   - logger: (Horde_Log_Logger) Where to log. Default: nowhere.
     *   - protocolversion: (string) The EAS version. Default: 2.5.
     *   - device: (Horde_ActiveSync_Device) The device.
     */
    public function __construct(array $options = array())
    {
        if (!empty($options['logger'])) {
            $this->_logger = Horde_ActiveSync::_wrapLogger($options['logger']);
        } else {
            if (!self::$_nullLogger) {
                self::$_nullLogger = new Horde_ActiveSync_Log_Logger(new Horde_Log_Handler_Null());
            }
            $this->_logger = self::$_nullLogger;
        }
        if (!empty($options['protocolversion'])) {
            $this->_version = $options['protocolversion'];
        }
        if (!empty($options['device'])) {
            $this->_device = $options['device'];
        }
        if (isset(self::$_shapes[static::class][$this->_version])) {
            list($this->_mapping, $this->_properties) = self::$_shapes[static::class][$this->_version];
        }
    }

    /**
     * Whether this message's mapping and properties came ready-made, so a
     * constructor skips adding its version's tags.
     *
     * @return boolean
     */
    protected function _shaped()
    {
        return isset(self::$_shapes[static::class][$this->_version]);
    }

    /**
     * Keeps the mapping and properties for later messages of the class;
     * only the constructor of the class itself may (a parent's runs before
     * the subclass has added its tags).
     *
     * @param string $class  The class whose constructor calls.
     */
    protected function _keepShape($class)
    {
        if (static::class === $class) {
            self::$_shapes[$class][$this->_version] = array($this->_mapping, $this->_properties);
        }
    }

    /**
     * @return string  The EAS version this message is for.
     */
    public function getProtocolVersion()
    {
        return $this->_version;
    }

    /**
     * Whether the message has a property of that name.
     *
     * @param string $property
     *
     * @return boolean
     */
    public function propertyExists($property)
    {
        return array_key_exists($property, $this->_properties);
    }

    /**
     * A property's value; an unset (false) property reads as ''.
     *
     * @param string $property
     *
     * @return mixed
     */
    public function &__get($property)
    {
        if (array_key_exists($property, $this->_properties)) {
            if ($this->_properties[$property] !== false) {
                return $this->_properties[$property];
            }
            $empty = '';
            return $empty;
        }
        $missing = null;
        return $missing;
    }

    /**
     * Sets a property the message has.
     *
     * @param string $property
     * @param mixed $value
     *
     * @throws InvalidArgumentException for a property the message lacks.
     */
    public function __set($property, $value)
    {
        if (!array_key_exists($property, $this->_properties)) {
            $this->_logger->err('Unknown property: ' . $property);
            throw new InvalidArgumentException(get_class($this) . ' Unknown property: ' . $property);
        }
        $this->_properties[$property] = $value;
        $this->_exists[$property] = true;
    }

    /**
     * @param string $property
     *
     * @return boolean  Whether the property is set and not null.
     */
    public function __isset($property)
    {
        return isset($this->_properties[$property]);
    }

    /**
     * A property's raw value (false when unset), null for a property the
     * message lacks.
     *
     * @param string $property
     *
     * @return mixed
     */
    public function getProperty($property)
    {
        return array_key_exists($property, $this->_properties)
            ? $this->_properties[$property]
            : null;
    }

    /**
     * Sets a property, as $message->$property = $value does.
     *
     * @param string $property
     * @param mixed $value
     *
     * @throws InvalidArgumentException for a property the message lacks.
     */
    public function setProperty($property, $value)
    {
        $this->__set($property, $value);
    }

    /**
     * Sets several properties at once, as one assignment each would (not
     * in horde/activesync: a driver that builds many messages saves a
     * magic __set() call per property).
     *
     * @param array $values  Property => value.
     *
     * @throws InvalidArgumentException for a property the message lacks;
     *         then nothing is set.
     */
    public function setProperties(array $values)
    {
        // Declared public properties (a contact's categories, a message's
        // flags) take the value themselves, as an assignment from outside.
        $unknown = MessageCodec::assign($this, $values);
        if ($unknown !== null) {
            $this->__set($unknown, $values[$unknown]);
        }
    }

    /**
     * Checks decoded values; false makes decodeStream() throw.
     *
     * @return boolean
     */
    protected function _validateDecodedValues()
    {
        return true;
    }

    /**
     * Checks (and may fix) values before encoding; false makes
     * encodeStream() throw.
     *
     * @return boolean
     */
    protected function _preEncodeValidation()
    {
        return true;
    }

    /**
     * get<Property>() reads a property, as Horde's messages allow;
     * set<Property>() stores its argument list and, as in Horde, still
     * throws.
     *
     * @param string $method
     * @param array $arg
     *
     * @return mixed
     * @throws BadMethodCallException
     */
    public function __call($method, $arg)
    {
        if (strpos($method, 'set') === 0) {
            $this->_properties[Horde_String::lower(substr($method, 3))] = $arg;
        } elseif (strpos($method, 'get') === 0) {
            return $this->_getAttribute(Horde_String::lower(substr($method, 3)));
        }

        throw new BadMethodCallException('Unknown method: ' . $method . ' in class: ' . __CLASS__);
    }

    /**
     * The client's list of supported (non-ghosted) properties.
     *
     * @param array $fields  Tag names (POOMCONTACTS:Anniversary, ...), or
     *                       [Horde_ActiveSync::ALL_GHOSTED] for an empty
     *                       Supported element.
     */
    public function setSupported(array $fields)
    {
        $this->_supported = array();
        if (current($fields) == Horde_ActiveSync::ALL_GHOSTED) {
            $this->_supported = $fields;
            return;
        }
        foreach ($fields as $field) {
            // A tag this message does not map still counts: the list is
            // then not empty, which isGhosted() cares about.
            $this->_supported[] = isset($this->_mapping[$field][self::KEY_ATTRIBUTE])
                ? $this->_mapping[$field][self::KEY_ATTRIBUTE]
                : null;
        }
    }

    /**
     * @return array  The supported (non-ghosted) properties.
     */
    public function getSupported()
    {
        return $this->_supported;
    }

    /**
     * Whether the client ghosted a property: it is neither in the
     * Supported list nor in the data the client sent. Without a Supported
     * list nothing is ghosted; an empty one ghosts everything not sent
     * (MS-ASCMD 2.2.3.168).
     *
     * @param string $property
     *
     * @return boolean
     */
    public function isGhosted($property)
    {
        if (empty($this->_supported)) {
            return false;
        }
        if (current($this->_supported) == Horde_ActiveSync::ALL_GHOSTED &&
            empty($this->_exists[$property])) {
            return true;
        }

        return array_search($property, $this->_supported) === false &&
            empty($this->_exists[$property]);
    }

    /**
     * Reads the message's properties (and sub-messages) from the decoder,
     * up to the end tag of the enclosing element, which stays unread.
     *
     * @param Horde_ActiveSync_Wbxml_Decoder $decoder
     *
     * @throws Horde_ActiveSync_Exception
     */
    public function decodeStream(Horde_ActiveSync_Wbxml_Decoder &$decoder)
    {
        MessageCodec::decode($this, $decoder);
    }

    /**
     * Writes the message's properties (and sub-messages) in mapping order.
     *
     * @param Horde_ActiveSync_Wbxml_Encoder $encoder
     *
     * @throws Horde_ActiveSync_Exception
     */
    public function encodeStream(Horde_ActiveSync_Wbxml_Encoder &$encoder)
    {
        MessageCodec::encode($this, $encoder);
    }

    /**
     * Prepares content for the wire. Streams are read through Horde's NUL
     * and line-ending filters (every line ends in CRLF).
     *
     * @param mixed $data   A string or a stream resource.
     * @param string $tag   The tag being written.
     *
     * @return mixed  The data to write.
     */
    protected function _checkEncoding($data, $tag)
    {
        if (is_resource($data)) {
            stream_filter_register('horde_null', 'Horde_Stream_Filter_Null');
            stream_filter_register('horde_eol', 'Horde_Stream_Filter_Eol');
            if (!$this->_streamFilters instanceof ArrayObject) {
                $this->_streamFilters = self::_filterList();
            }
            $this->_streamFilters[] = stream_filter_prepend($data, 'horde_null', STREAM_FILTER_READ);
            $this->_streamFilters[] = stream_filter_prepend($data, 'horde_eol', STREAM_FILTER_READ);
        }
        return $data;
    }

    /**
     * A list of stream filters that removes them when it goes, with the
     * message that holds it. Messages have no destructor of their own:
     * a Sync creates hundreds, and only those that attached filters to a
     * stream need anything done when they go.
     *
     * @return ArrayObject
     */
    protected static function _filterList()
    {
        return new class extends ArrayObject {
            public function __destruct()
            {
                foreach ($this as $filter) {
                    if (is_resource($filter)) {
                        stream_filter_remove($filter);
                    }
                }
            }
        };
    }

    /**
     * Whether an empty value of this tag is still written, as an empty
     * element.
     *
     * @param string $tag
     *
     * @return boolean
     */
    protected function _checkSendEmpty($tag)
    {
        return false;
    }

    /**
     * A property's value, or $default when it is unset (false).
     *
     * @param string $name
     * @param mixed $default
     *
     * @return mixed
     */
    protected function _getAttribute($name, $default = null)
    {
        $value = isset($this->_properties[$name]) || array_key_exists($name, $this->_properties)
            ? $this->_properties[$name]
            : null;
        return $value === false ? $default : $value;
    }

    /**
     * @return boolean  Whether no property holds data.
     */
    public function isEmpty()
    {
        foreach ($this->_properties as $value) {
            if (!empty($value)) {
                return false;
            }
        }

        return true;
    }

    /**
     * A date as the wire wants it. TYPE_DATE and TYPE_DATE_DASHES are UTC
     * (the date is converted in place); TYPE_DATE_LOCAL is the wall clock.
     * Calendar items and mail differ in format, and some clients depend on
     * the difference.
     *
     * @param Horde_Date $dt
     * @param integer $type  TYPE_DATE, TYPE_DATE_DASHES or TYPE_DATE_LOCAL.
     *
     * @return string
     * @throws InvalidArgumentException
     */
    protected function _formatDate(Horde_Date $dt, $type)
    {
        return MessageCodec::formatDate($dt, (int)$type);
    }

    /**
     * A date the client sent, or false when it is not one.
     *
     * @param string $ts
     *
     * @return Horde_Date|boolean
     */
    protected function _parseDate($ts)
    {
        if (is_string($ts) &&
            preg_match('/(\d{4})\D*(\d{1,2})\D*(\d{1,2})(T(\d{1,2})\D*(\d{1,2})\D*(\d{1,2})(.\d+)?Z)?$/', $ts)) {
            try {
                return new Horde_Date($ts);
            } catch (Horde_Date_Exception $e) {
            }
        }

        return false;
    }

    /**
     * Hexadecimal to binary: each two-character group gives a byte, other
     * characters in a group are ignored.
     *
     * @param string $data
     *
     * @return string
     */
    private static function _hex2bin($data)
    {
        $out = '';
        $len = strlen($data);
        for ($i = 0; $i < $len; $i += 2) {
            $digits = preg_replace('/[^0-9a-fA-F]/', '', substr($data, $i, 2));
            $out .= chr(strlen($digits) ? hexdec($digits) & 0xff : 0);
        }
        return $out;
    }
}
