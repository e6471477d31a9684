<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Embedded;

/**
 * A decoded WBXML element: its tag (Horde's name, 'FolderHierarchy:Status'
 * or 'Status' for AirSync), children and text. What the device client
 * reads responses with.
 *
 * @package ActiveSync
 */
class Element
{
    /**
     * @var string
     */
    public $tag;

    /**
     * @var Element[]
     */
    public $children = [];

    /**
     * @var string|null
     */
    public $text;

    public function __construct($tag)
    {
        $this->tag = $tag;
    }

    /**
     * The document element of a WBXML body (null when empty).
     *
     * @param string $wbxml
     *
     * @return Element|null
     * @throws \Exception  when the body is not WBXML
     */
    public static function fromWbxml($wbxml)
    {
        if ($wbxml === '') {
            return null;
        }
        $decoder = new \Horde\ActiveSync\Native\WbxmlDecoder($wbxml);
        if (!$decoder->readHeader()) {
            throw new \RuntimeException('The response body is not WBXML.');
        }
        $root = new self('#document');
        $stack = [$root];
        foreach ($decoder->decodeAll() as $token) {
            switch ($token[1]) {
            case 1: // start
                $element = new self($token[2]);
                end($stack)->children[] = $element;
                if (!empty($token[4])) {
                    $stack[] = $element;
                }
                break;
            case 2: // end
                array_pop($stack);
                break;
            case 3: // content
                $top = end($stack);
                $top->text = ($top->text ?? '') . (is_resource($token[3]) ? stream_get_contents($token[3]) : $token[3]);
                break;
            }
        }
        return $root->children ? $root->children[0] : null;
    }

    /**
     * The first child of that tag, or null.
     */
    public function child($tag)
    {
        foreach ($this->children as $child) {
            if ($child->tag === $tag) {
                return $child;
            }
        }
        return null;
    }

    /**
     * Every child of that tag.
     *
     * @return Element[]
     */
    public function children($tag)
    {
        return array_values(array_filter($this->children, function ($c) use ($tag) {
            return $c->tag === $tag;
        }));
    }

    /**
     * The element at a path of tags separated by '/', or null.
     */
    public function find($path)
    {
        $node = $this;
        foreach (explode('/', $path) as $tag) {
            if (!$node || !($node = $node->child($tag))) {
                return null;
            }
        }
        return $node;
    }

    /**
     * The text of the element at $path ('' for this one), or null.
     */
    public function value($path = '')
    {
        $node = $path === '' ? $this : $this->find($path);
        return $node ? $node->text : null;
    }
}
