<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

/**
 * Walks a Horde_Mime_Part tree depth first, the part itself first. It does
 * not enter message/rfc822 parts (their parts belong to the attached
 * message), and with $ignoreAttachments it leaves out what an EAS client
 * treats as an attachment, with what is below it.
 *
 * Keys are MIME ids, values Horde_Mime_Part objects.
 */
class Horde_ActiveSync_Mime_Iterator implements Countable, Iterator
{
    /** @var bool */
    protected $_ignoreAttachments;

    /** @var Horde_Mime_Part */
    protected $_part;

    /** @var stdClass|null current part, index of its next child, stack of parents */
    protected $_state;

    /** @var array<string, string|null> body ids of the base for this walk */
    protected $_bodies;

    public function __construct(Horde_Mime_Part $part, $ignoreAttachments = false)
    {
        $this->_ignoreAttachments = $ignoreAttachments;
        $this->_part = $part;
    }

    #[ReturnTypeWillChange]
    public function count()
    {
        return count(iterator_to_array($this));
    }

    /**
     * Whether the walk leaves a part out: the same rules as
     * Horde_ActiveSync_Mime::isAttachment(), but an attachment disposition
     * decides first.
     */
    protected function _isAttachment($part)
    {
        if ($part->getDisposition() == 'attachment') {
            return true;
        }
        $type = $part->getType();
        switch ($type) {
        case 'text/plain':
        case 'text/html':
            $subtype = $type == 'text/plain' ? 'plain' : 'html';
            if (!isset($this->_bodies) || !array_key_exists($subtype, $this->_bodies)) {
                $this->_bodies[$subtype] = $this->_part->findBody($subtype);
            }
            return $this->_bodies[$subtype] != $part->getMimeId();
        case 'application/pkcs7-signature':
        case 'application/x-pkcs7-signature':
            return false;
        }
        return Horde_ActiveSync_Mime::attachmentByType($type);
    }

    /** Whether the walk enters the parts of $part: not for message/rfc822. */
    protected function _allowRecursion($part)
    {
        return $part->getType() != 'message/rfc822';
    }

    #[ReturnTypeWillChange]
    public function current()
    {
        return $this->valid() ? $this->_state->current : null;
    }

    #[ReturnTypeWillChange]
    public function key()
    {
        return ($current = $this->current()) ? $current->getMimeId() : null;
    }

    #[ReturnTypeWillChange]
    public function next()
    {
        // A loop, not recursion: thousands of skipped parts in a row must
        // not grow the stack.
        while (isset($this->_state)) {
            $child = $this->_state->current->getPartByIndex($this->_state->index++);
            if ($child) {
                if (!$this->_allowRecursion($this->_state->current) ||
                    ($this->_ignoreAttachments && $this->_isAttachment($child))) {
                    continue;
                }
                $this->_state->recurse[] = array($this->_state->current, $this->_state->index);
                $this->_state->current = $child;
                $this->_state->index = 0;
                return;
            }
            if (!($parent = array_pop($this->_state->recurse))) {
                $this->_state = null;
                return;
            }
            list($this->_state->current, $this->_state->index) = $parent;
        }
    }

    #[ReturnTypeWillChange]
    public function rewind()
    {
        $this->_bodies = null;
        $this->_state = new stdClass();
        $this->_state->current = $this->_part;
        $this->_state->index = 0;
        $this->_state->recurse = array();
    }

    #[ReturnTypeWillChange]
    public function valid()
    {
        return !empty($this->_state);
    }
}
