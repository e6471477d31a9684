<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Embedded;

/**
 * An HTTP response the device client received.
 *
 * @package ActiveSync
 */
class Response
{
    /**
     * @var integer
     */
    public $status;

    /**
     * Lower-case name => value (the last of repeated headers).
     *
     * @var array
     */
    public $headers = [];

    /**
     * @var string
     */
    public $body = '';

    /**
     * Seconds from sending to the first body byte.
     *
     * @var float|null
     */
    public $firstByte;

    /**
     * Seconds from connecting to the last byte of the response: the
     * exchange as the server and the network made it, without the
     * client's own work before and after.
     *
     * @var float|null
     */
    public $elapsed;

    /**
     * @var Element|null|false  false until decoded
     */
    protected $_tree = false;

    public function header($name)
    {
        $name = strtolower($name);
        return isset($this->headers[$name]) ? $this->headers[$name] : null;
    }

    public function isWbxml()
    {
        return strpos((string)$this->header('content-type'), 'application/vnd.ms-sync.wbxml') === 0
            && $this->body !== '';
    }

    /**
     * The decoded body (null when there is none).
     *
     * @return Element|null
     */
    public function tree()
    {
        if ($this->_tree === false) {
            $this->_tree = $this->isWbxml() ? Element::fromWbxml($this->body) : null;
        }
        return $this->_tree;
    }

    /**
     * The body as indented XML with MS-ASWBXML's names ('' when none).
     */
    public function xml()
    {
        return $this->isWbxml() ? \Horde\ActiveSync\Native\wbxml_to_xml($this->body) : '';
    }

    /**
     * A value at a path below the root, e.g. value('Status').
     */
    public function value($path)
    {
        $tree = $this->tree();
        return $tree ? $tree->value($path) : null;
    }
}
