<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

/**
 * A Horde_Mime_Part seen the way an EAS client sees a message: which text
 * part is the body, which parts are attachments, whether it is S/MIME
 * signed or encrypted, whether it carries an iCalendar invitation.
 *
 * Calls of Horde_Mime_Part's own methods are forwarded to the wrapped part.
 * The bodies found by findBody() are remembered until the structure may
 * have changed (alterPart(), or any forwarded call), so that deciding
 * whether each of many parts is an attachment does not walk the whole tree
 * again for every part, as Horde does.
 *
 * @property-read Horde_Mime_Part $base  The wrapped part.
 */
class Horde_ActiveSync_Mime
{
    /** @var Horde_Mime_Part|null */
    protected $_base;

    /** @var bool|null */
    protected $_hasAttachments;

    /** @var array<string, string|null> Horde_Mime_Part::findBody() of the base by subtype */
    protected $_bodyIds = array();

    public function __construct(Horde_Mime_Part $mime)
    {
        $this->_base = $mime;
    }

    public function __destruct()
    {
        $this->_base = null;
    }

    public function __get($property)
    {
        if ($property === 'base') {
            return $this->_base;
        }
        return $this->_base->$property;
    }

    /**
     * Forwards to the wrapped Horde_Mime_Part.
     *
     * @throws InvalidArgumentException for a method the part does not have
     */
    public function __call($method, array $params)
    {
        if (!is_callable(array($this->_base, $method))) {
            throw new InvalidArgumentException(sprintf('Horde_Mime_Part has no method %s', $method));
        }
        // the call may change the structure
        $this->_bodyIds = array();
        $this->_hasAttachments = null;
        return call_user_func_array(array($this->_base, $method), $params);
    }

    /** Whether any part is an attachment (see isAttachment()). */
    public function hasAttachments()
    {
        if (!isset($this->_hasAttachments)) {
            $this->_hasAttachments = false;
            foreach ($this->_base->contentTypeMap() as $id => $type) {
                if ($this->isAttachment($id, $type)) {
                    $this->_hasAttachments = true;
                    break;
                }
            }
        }
        return $this->_hasAttachments;
    }

    /**
     * Whether a part is an attachment to an EAS client: anything a client
     * can download and show on its own. Text parts are, unless they are the
     * message's body; S/MIME signatures and multipart containers are not;
     * message/* parts only when they are whole messages or disposition
     * notifications.
     *
     * @param string $id         The MIME id of the part.
     * @param string $mime_type  Its MIME type.
     *
     * @return bool
     */
    public function isAttachment($id, $mime_type)
    {
        switch ($mime_type) {
        case 'text/plain':
            return $this->_baseBody('plain') != $id;
        case 'text/html':
            return $this->_baseBody('html') != $id;
        case 'application/pkcs7-signature':
        case 'application/x-pkcs7-signature':
            return false;
        }
        if ($this->_base->getPart($id)->getDisposition() == 'attachment') {
            return true;
        }
        return self::attachmentByType($mime_type);
    }

    /**
     * The rule for types that are neither body text nor signatures.
     *
     * @internal shared with Horde_ActiveSync_Mime_Iterator
     */
    public static function attachmentByType($mime_type)
    {
        $primary = strstr($mime_type, '/', true);
        if ($primary === false) {
            $primary = $mime_type;
        }
        switch ($primary) {
        case 'message':
            return $mime_type == 'message/rfc822' || $mime_type == 'message/disposition-notification';
        case 'multipart':
            return false;
        default:
            return true;
        }
    }

    /**
     * The MIME id of the iCalendar part (text/calendar or application/ics),
     * or false when there is none. Only messages with attachments are
     * searched, as in Horde.
     *
     * @return string|false
     */
    public function hasiCalendar()
    {
        if (!$this->hasAttachments()) {
            return false;
        }
        foreach ($this->_base->contentTypeMap() as $id => $type) {
            if ($type == 'text/calendar' || $type == 'application/ics') {
                return $id;
            }
        }
        return false;
    }

    /**
     * Whether the message, or a part below it, is S/MIME signed (a
     * multipart/signed that is not PGP's).
     */
    public function isSigned(Horde_Mime_Part $mime = null)
    {
        $mime = $mime ?: $this->_base;
        if ($mime->getPrimaryType() != 'multipart') {
            return false;
        }
        if ($mime->getSubType() == 'signed' &&
            $mime->getContentTypeParameter('protocol') != 'application/pgp-signature') {
            return true;
        }
        foreach ($mime->getParts() as $part) {
            if ($this->isSigned($part)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the message, or a part below it, is S/MIME encrypted. */
    public function isEncrypted(Horde_Mime_Part $mime = null)
    {
        $mime = $mime ?: $this->_base;
        $type = $mime->getType();
        if ($type == 'application/pkcs7-mime' || $type == 'application/x-pkcs7-mime') {
            return true;
        }
        foreach ($mime->getParts() as $part) {
            if ($this->isEncrypted($part)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The MIME id of the message body: the first text part (of the subtype,
     * when given) that an EAS client shows as the body, leaving out text
     * inside attachments such as forwarded messages.
     *
     * @param string $subtype  'plain', 'html', or null for any.
     *
     * @return string|null
     */
    public function findBody($subtype = null)
    {
        $this->_base->buildMimeIds();
        $base_id = $this->_base->getMimeId();
        $iterator = new Horde_ActiveSync_Mime_Iterator($this->_base, true);
        foreach ($iterator as $part) {
            $id = $part->getMimeId();
            if ($part->getPrimaryType() == 'text' &&
                (intval($id) === 1 || !$base_id) &&
                (is_null($subtype) || $part->getSubType() == $subtype) &&
                !$this->isAttachment($id, $part->getType())) {
                return $id;
            }
        }
        return null;
    }

    /** Replaces the part with MIME id $id. */
    public function alterPart($id, $newPart)
    {
        $this->_base[$id] = $newPart;
        $this->_bodyIds = array();
        $this->_hasAttachments = null;
    }

    /** Horde_Mime_Part::findBody() of the base, computed once per structure. */
    protected function _baseBody($subtype)
    {
        if (!array_key_exists($subtype, $this->_bodyIds)) {
            $this->_bodyIds[$subtype] = $this->_base->findBody($subtype);
        }
        return $this->_bodyIds[$subtype];
    }
}
