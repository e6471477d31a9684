<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

/**
 * One IMAP message (Horde_Imap_Client FETCH data with at least uid,
 * structure and flags) as the EAS mail code needs it: envelope addresses,
 * headers, flags, body data, attachments, MIME parts fetched on demand.
 *
 * Headers are parsed once and handed out as copies.
 *
 * @property-read Horde_Imap_Client_Data_Envelope $envelope
 * @property-read array $flags
 * @property-read int $uid
 * @property-read Horde_ActiveSync_Mime $basePart
 */
class Horde_ActiveSync_Imap_Message
{
    /**
     * "Display Name <local@domain>" or "local@domain" with nothing to
     * quote, escape or fold: what Horde_Mail_Rfc822 writes back unchanged.
     */
    const PLAIN_ADDRESS = '/^([\pL\pN]+(?: [\pL\pN]+)* <)?[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@[a-z0-9-]+(?:\.[a-z0-9-]+)*(?(1)>)$/u';

    /** Option: decode TNEF (winmail.dat) attachments into their files. */
    const OPTIONS_DECODE_TNEF = 'decode_tnef';

    /** @var Horde_Imap_Client_Data_Fetch */
    protected $_data;

    /** @var Horde_ActiveSync_Mime */
    protected $_basePart;

    /** @var Horde_Imap_Client_Base */
    protected $_imap;

    /** @var Horde_Imap_Client_Mailbox */
    protected $_mbox;

    /** @var string|null transfer encoding the last getBodyPart() left in place */
    protected $_lastBodyPartDecode;

    /** @var bool */
    protected $_hasAttachments;

    /** @var Horde_ActiveSync_Imap_MessageBodyData */
    protected $_mbd;

    /** @var array */
    protected $_options;

    /** @var bool */
    protected $_tnefPrepared = false;

    /** @var Horde_Mime_Headers|null */
    protected $_headers;

    /** @var array|null body parts fetched with other messages' (prefetchBodyData()) */
    protected $_prefetched;

    /** @var string|null the header text as fetched */
    protected $_headerText;

    /**
     * @param Horde_Imap_Client_Base $imap
     * @param Horde_Imap_Client_Mailbox $mbox
     * @param Horde_Imap_Client_Data_Fetch $data  With uid, structure, flags.
     * @param array $options  OPTIONS_DECODE_TNEF (default true).
     */
    public function __construct(
        Horde_Imap_Client_Base $imap,
        Horde_Imap_Client_Mailbox $mbox,
        Horde_Imap_Client_Data_Fetch $data,
        array $options = array())
    {
        $this->_imap = $imap;
        $this->_mbox = $mbox;
        $this->_data = $data;
        $this->_options = array_merge(array(self::OPTIONS_DECODE_TNEF => true), $options);
        $this->_prepareTnef();
    }

    public function __destruct()
    {
        $this->_data = null;
        $this->_basePart = null;
    }

    public function &__get($property)
    {
        switch ($property) {
        case 'envelope':
            $value = $this->_data->getEnvelope();
            return $value;
        case 'flags':
            $value = $this->_data->getFlags();
            return $value;
        case 'uid':
            $value = $this->_data->getUid();
            return $value;
        case 'basePart':
            if (empty($this->_basePart)) {
                $this->_basePart = new Horde_ActiveSync_Mime($this->_data->getStructure());
            }
            return $this->_basePart;
        }
        throw new InvalidArgumentException(sprintf('The property %s of Horde_ActiveSync_Imap_Message does not exist', $property));
    }

    /**
     * The message headers: a copy the caller may change.
     *
     * @return Horde_Mime_Headers
     */
    public function getHeaders()
    {
        if (!isset($this->_headers)) {
            $this->_headers = $this->_data->getHeaderText(0, Horde_Imap_Client_Data_Fetch::HEADER_PARSE);
        }
        return clone $this->_headers;
    }

    /**
     * One header's value, as getHeaders()->getValue() gives it, without
     * making an object of every header: a header that occurs once as
     * printable ASCII (no encoded words) is read from the header text;
     * anything else is left to Horde_Mime_Headers.
     *
     * @internal for the EasMessageBuilder classes
     *
     * @param string $name  The header name.
     *
     * @return string|null  Null when the message has no such header.
     */
    public function headerValue($name)
    {
        if (isset($this->_headers)) {
            return $this->_headers->getValue($name);
        }
        if (!isset($this->_headerText)) {
            $this->_headerText = (string)$this->_data->getHeaderText(0);
        }
        $text = $this->_headerText;
        // Horde_Mime_Headers stops at the first empty line (or a line "0")
        if (preg_match('/^(?:\r*|0\r*)$/m', $text, $end, PREG_OFFSET_CAPTURE)) {
            $text = substr($text, 0, $end[0][1]);
        }
        // Horde trims the name before the colon
        $count = preg_match_all('/^' . preg_quote($name, '/') . '[ \t\r\0\x0B]*:(.*(?:\n[ \t].*)*)/mi', $text, $found);
        if ($count === 0) {
            return null;
        }
        if ($count === 1) {
            $lines = explode("\n", $found[1][0]);
            $value = ltrim(rtrim(array_shift($lines), "\r"));
            foreach ($lines as $line) {
                $value .= ' ' . ltrim(rtrim($line, "\r"));
            }
            $value = rtrim($value);
            if (preg_match('/^[\x20-\x7e]*$/', $value) && strpos($value, '=?') === false &&
                (strcasecmp($name, 'Message-ID') !== 0 || preg_match('/^<[^\s<>()",;\\\\\[\]]+>$/', $value))) {
                return $value;
            }
        }
        $this->_headers = $this->_data->getHeaderText(0, Horde_Imap_Client_Data_Fetch::HEADER_PARSE);
        return $this->_headers->getValue($name);
    }

    /**
     * Date, From, Reply-To, Subject, To and Cc as lines for a message
     * forwarded inline, labels right-aligned.
     */
    public function getForwardHeaders()
    {
        $h = $this->getHeaders();
        $lines = array();
        if ($value = $h->getValue('date')) {
            $lines[Horde_ActiveSync_Translation::t('Date')] = $value;
        }
        if ($value = strval($h->getOb('from'))) {
            $lines[Horde_ActiveSync_Translation::t('From')] = $value;
        }
        if ($value = strval($h->getOb('reply-to'))) {
            $lines[Horde_ActiveSync_Translation::t('Reply-To')] = $value;
        }
        if ($value = $h->getValue('subject')) {
            $lines[Horde_ActiveSync_Translation::t('Subject')] = $value;
        }
        if ($value = strval($h->getOb('to'))) {
            $lines[Horde_ActiveSync_Translation::t('To')] = $value;
        }
        if ($value = strval($h->getOb('cc'))) {
            $lines[Horde_ActiveSync_Translation::t('Cc')] = $value;
        }
        if (!$lines) {
            return '';
        }
        $width = max(array_map(array('Horde_String', 'length'), array_keys($lines))) + 2;
        $text = '';
        foreach ($lines as $label => $value) {
            $text .= Horde_String::pad($label . ': ', $width, ' ', STR_PAD_LEFT) . $value . "\n";
        }
        return $text;
    }

    /**
     * The whole message, from the FETCH data when it holds it, else from
     * the server.
     *
     * @param bool $stream  A stream resource rather than a string.
     *
     * @return string|resource
     * @throws Horde_ActiveSync_Exception
     */
    public function getFullMsg($stream = false)
    {
        if ($stream) {
            $full = new Horde_Stream_Existing(array('stream' => $this->_data->getFullMsg(true)));
            $length = $full->length();
            if (!$length) {
                $full->close();
            }
        } else {
            $full = $this->_data->getFullMsg(false);
            $length = strlen($full);
        }
        if ($length) {
            return $full;
        }
        $query = new Horde_Imap_Client_Fetch_Query();
        $query->fullText(array('peek' => true));
        try {
            $result = $this->_imap->fetch($this->_mbox, $query, array(
                'ids' => new Horde_Imap_Client_Ids(array($this->uid))
            ));
        } catch (Horde_Imap_Client_Exception $e) {
            throw new Horde_ActiveSync_Exception($e);
        }
        if (!($data = $result[$this->uid])) {
            throw new Horde_ActiveSync_Exception('Message not found!');
        }
        return $data->getFullMsg($stream);
    }

    /** @return Horde_Mime_Part  The message's base part. */
    public function getStructure()
    {
        return $this->basePart->base;
    }

    /**
     * @deprecated Use getMessageBodyDataObject().
     * @return array  'plain' and/or 'html' body data.
     */
    public function getMessageBodyData(array $options = array())
    {
        return $this->getMessageBodyDataObject($options)->toArray();
    }

    /**
     * The body data for the options of the first call (bodyprefs,
     * bodypartprefs, mimesupport, protocolversion).
     *
     * @return Horde_ActiveSync_Imap_MessageBodyData
     * @throws Horde_ActiveSync_Exception, Horde_Exception_NotFound
     */
    public function getMessageBodyDataObject(array $options = array())
    {
        if (empty($this->_mbd)) {
            $this->_mbd = new Horde_ActiveSync_Imap_MessageBodyData(array(
                'imap' => $this->_imap,
                'mbox' => $this->_mbox,
                'uid' => $this->uid,
                'mime' => $this->basePart,
                'prefetched' => $this->_prefetched
            ), $options);
            $this->_prefetched = null;
        }
        return $this->_mbd;
    }

    /**
     * Fetches the body parts that the body data of several messages will
     * need, one FETCH command for all messages that need the same part
     * ids (most need 1, or 1.1 and 1.2) instead of one per message, and
     * hands each its data. getMessageBodyDataObject() with the same
     * options then asks the server nothing. Messages whose FETCH fails
     * fetch their own, as without this call.
     *
     * @param Horde_ActiveSync_Imap_Message[] $messages
     * @param array $options  As for getMessageBodyDataObject().
     */
    public static function prefetchBodyData(array $messages, array $options)
    {
        $groups = array();
        foreach ($messages as $message) {
            if (!empty($message->_mbd)) {
                continue;
            }
            $ids = Horde_ActiveSync_Imap_MessageBodyData::partsToFetch($message->basePart, $options);
            if ($ids) {
                $key = spl_object_id($message->_imap) . "\0" . $message->_mbox . "\0" . implode(' ', $ids);
                $groups[$key][] = $message;
            }
        }
        foreach ($groups as $group) {
            $ids = Horde_ActiveSync_Imap_MessageBodyData::partsToFetch($group[0]->basePart, $options);
            self::_prefetchGroup($group, $ids);
        }
    }

    /**
     * One FETCH for messages needing the same parts. A message the server
     * cannot decode (a broken base64 part, say) makes Horde_Imap_Client
     * fetch the whole command again undecoded, without part sizes: such a
     * group is halved until the message is alone, and a message without
     * sizes fetches its own data later, as without prefetching.
     */
    protected static function _prefetchGroup(array $group, array $ids)
    {
        $first = $group[0];
        if (!$first->_imap->capability->query('BINARY')) {
            return;
        }
        $query = new Horde_Imap_Client_Fetch_Query();
        foreach ($ids as $id) {
            $query->bodyPart($id, array('decode' => true, 'peek' => true));
            $query->bodyPartSize($id);
        }
        $uids = array();
        foreach ($group as $message) {
            $uids[] = $message->uid;
        }
        try {
            $result = $first->_imap->fetch($first->_mbox, $query, array(
                'ids' => new Horde_Imap_Client_Ids($uids)
            ));
        } catch (Horde_Imap_Client_Exception $e) {
            return;
        }
        $complete = 0;
        foreach ($group as $message) {
            if (!($data = $result[$message->uid])) {
                continue;
            }
            foreach ($ids as $id) {
                if (is_null($data->getBodyPartSize($id))) {
                    continue 2;
                }
            }
            $message->_prefetched = array('ids' => $ids, 'data' => $data);
            ++$complete;
        }
        if (!$complete && count($group) > 1) {
            $half = intdiv(count($group), 2);
            self::_prefetchGroup(array_slice($group, 0, $half), $ids);
            self::_prefetchGroup(array_slice($group, $half), $ids);
        }
    }

    /**
     * The attachments as EAS objects: AirSyncBaseAttachment from EAS 12.0
     * on, Attachment for 2.5.
     *
     * @param string $version  The EAS version.
     *
     * @return array
     */
    public function getAttachments($version)
    {
        $ret = array();
        foreach (new Horde_ActiveSync_Mime_Iterator($this->basePart->base) as $part) {
            $id = $part->getMimeId();
            if ($this->isAttachment($id, $part->getType())) {
                $ret[] = $this->_buildEasAttachmentFromMime($id, $this->getMimePart($id, array('nocontents' => true)), $version);
            }
        }
        return $ret;
    }

    /**
     * @return Horde_ActiveSync_Message_AirSyncBaseAttachment|Horde_ActiveSync_Message_Attachment
     */
    protected function _buildEasAttachmentFromMime($id, Horde_Mime_Part $mime_part, $version)
    {
        if ($version > Horde_ActiveSync::VERSION_TWOFIVE) {
            $atc = Horde_ActiveSync::messageFactory('AirSyncBaseAttachment');
            $atc->contentid = $mime_part->getContentId();
            $atc->isinline = $mime_part->getDisposition() == 'inline';
        } else {
            $atc = Horde_ActiveSync::messageFactory('Attachment');
            $atc->attoid = $mime_part->getContentId();
        }
        $atc->attsize = intval($mime_part->getBytes(true));
        $atc->attname = $this->_mbox . ':' . $this->uid . ':' . $id;
        $atc->displayname = $this->getPartName($mime_part, true);
        // the constants are the same in both classes
        $atc->attmethod = $mime_part->getType() == 'message/disposition-notification'
            ? Horde_ActiveSync_Message_AirSyncBaseAttachment::ATT_TYPE_EMBEDDED
            : Horde_ActiveSync_Message_AirSyncBaseAttachment::ATT_TYPE_NORMAL;
        if ($mime_part->getType() == 'message/rfc822') {
            $atc->displayname .= '.eml';
        }
        return $atc;
    }

    /**
     * A TNEF attachment as a multipart/mixed part holding its files.
     *
     * @param string|Horde_Mime_Part $data  The part or its MIME id.
     *
     * @return Horde_Mime_Part|false  False when nothing could be decoded.
     */
    protected function _decodeTnefData($data)
    {
        $mime_part = $data instanceof Horde_Mime_Part ? $data : $this->getMimePart($data);
        $wrapper = new Horde_Mime_Part();
        $wrapper->setType('multipart/mixed');
        $wrapper->setName($mime_part->getName());
        $wrapper->setMimeId($mime_part->getMimeId());
        try {
            $files = Horde_Compress::factory('Tnef')->decompress($mime_part->getContents());
        } catch (Horde_Compress_Exception $e) {
            return false;
        }
        if (!count($files)) {
            return false;
        }
        foreach ($files as $file) {
            $part = new Horde_Mime_Part();
            $part->setName($file['name']);
            $part->setDescription($file['name']);
            $part->setContents($file['stream']);
            $type = $file['type'] . '/' . $file['subtype'];
            if ($type == 'application/octet-stream' || $type == 'application/base64') {
                $type = Horde_Mime_Magic::filenameToMIME($file['name']);
            }
            $part->setType($type);
            $wrapper->addPart($part);
        }
        $wrapper->buildMimeIds();
        return $wrapper;
    }

    /**
     * The attachments as Horde_Mime_Part objects with their contents
     * (iCalendar parts marked inline).
     *
     * @return Horde_Mime_Part[]
     */
    public function getAttachmentsMimeParts()
    {
        $ids = array();
        foreach ($this->basePart->contentTypeMap() as $id => $type) {
            if ($this->isAttachment($id, $type)) {
                $ids[] = $id;
            }
        }
        // one FETCH for the contents of all of them (Horde: one each)
        $this->_fetchContents($ids);
        $parts = array();
        foreach ($ids as $id) {
            $part = $this->getMimePart($id);
            if ($part->getType() == 'text/calendar') {
                $part->setDisposition('inline');
            }
            $parts[] = $part;
        }
        return $parts;
    }

    /**
     * Gives the parts with these ids that have no contents yet their
     * decoded contents from the server, in one command.
     */
    protected function _fetchContents(array $ids)
    {
        $query = new Horde_Imap_Client_Fetch_Query();
        $wanted = array();
        foreach ($ids as $id) {
            $part = $this->basePart->getPart($id);
            if (!empty($id) && $part && substr($id, -2) != '.0' && !$part->getContents(array('stream' => true))) {
                $query->bodyPart($id, array('decode' => true, 'peek' => true));
                $wanted[$id] = $part;
            }
        }
        if (count($wanted) < 2) {
            return;
        }
        try {
            $result = $this->_imap->fetch($this->_mbox, $query, array(
                'ids' => new Horde_Imap_Client_Ids(array($this->uid))
            ));
        } catch (Horde_Imap_Client_Exception $e) {
            return;
        }
        if (!($data = $result[$this->uid])) {
            return;
        }
        foreach ($wanted as $id => $part) {
            $body = $data->getBodyPart($id, true);
            if ($body) {
                $part->setContents($body, array('encoding' => $data->getBodyPartDecode($id), 'usestream' => true));
            }
        }
    }

    /** Replaces TNEF attachments by their files, when the option says so. */
    protected function _prepareTnef()
    {
        if ($this->_tnefPrepared) {
            return;
        }
        if (!empty($this->_options[self::OPTIONS_DECODE_TNEF])) {
            foreach ($this->basePart->contentTypeMap() as $id => $type) {
                if ($type == 'application/ms-tnef' && ($tnef = $this->_decodeTnefData($this->getMimePart($id)))) {
                    $this->basePart->alterPart($id, $tnef);
                }
            }
        }
        $this->basePart->buildMimeIds(null, false);
        $this->_tnefPrepared = true;
    }

    /**
     * A MIME part, its contents fetched from the server unless 'nocontents'.
     * ISO-8859-1 parts are read as windows-1252, which mailers mean.
     *
     * @param string $id      The MIME id.
     * @param array $options  length (int): fetch at most this many bytes;
     *                        nocontents (bool).
     *
     * @return Horde_Mime_Part|null
     */
    public function getMimePart($id, array $options = array())
    {
        $part = $this->basePart->getPart($id);
        if ($part && strcasecmp((string)$part->getCharset(), 'ISO-8859-1') === 0) {
            $part->setCharset('windows-1252');
        }
        if (!empty($id) && !is_null($part) && substr($id, -2) != '.0' &&
            empty($options['nocontents']) && !$part->getContents(array('stream' => true))) {
            try {
                $body = $this->getBodyPart($id, array(
                    'decode' => true,
                    'length' => empty($options['length']) ? null : $options['length'],
                    'stream' => true
                ));
                $part->setContents($body, array('encoding' => $this->_lastBodyPartDecode, 'usestream' => true));
            } catch (Horde_ActiveSync_Exception $e) {
            }
        }
        return $part;
    }

    /**
     * A non-empty label for a part: its description (or name), else a
     * translated "<type> part".
     */
    public function getPartName(Horde_Mime_Part $part, $use_descrip = false)
    {
        $name = $use_descrip ? $part->getDescription(true) : $part->getName(true);
        if ($name) {
            return $name;
        }
        $ptype = $part->getPrimaryType();
        switch ($ptype) {
        case 'multipart':
            if ($part->getSubType() == 'related' &&
                ($view_id = $part->getMetaData('viewable_part')) &&
                ($viewable = $this->getMimePart($view_id, array('nocontents' => true)))) {
                return $this->getPartName($viewable, $use_descrip);
            }
            $ptype = $part->getSubType();
            break;
        case 'application':
        case 'model':
            $ptype = $part->getSubType();
            break;
        }
        switch ($ptype) {
        case 'audio':
            return Horde_ActiveSync_Translation::t('Audio part');
        case 'image':
            return Horde_ActiveSync_Translation::t('Image part');
        case 'message':
        case Horde_Mime_Part::UNKNOWN:
            return Horde_ActiveSync_Translation::t('Message part');
        case 'multipart':
            return Horde_ActiveSync_Translation::t('Multipart part');
        case 'text':
            return Horde_ActiveSync_Translation::t('Text part');
        case 'video':
            return Horde_ActiveSync_Translation::t('Video part');
        default:
            return sprintf(Horde_ActiveSync_Translation::t('%s part'), _(Horde_String::ucfirst($ptype)));
        }
    }

    /**
     * The text of one MIME part from the server.
     *
     * @param string $id      The MIME id.
     * @param array $options  decode (bool, sets the encoding left in place
     *                        for getMimePart()), length (int), mimeheaders
     *                        (bool), stream (bool).
     *
     * @return string|resource
     * @throws Horde_ActiveSync_Exception when the message is gone.
     */
    public function getBodyPart($id, $options)
    {
        $options = array_merge(array('decode' => false, 'mimeheaders' => false, 'stream' => false), $options);
        $this->_lastBodyPartDecode = null;
        $query = new Horde_Imap_Client_Fetch_Query();
        if (!isset($options['length']) || !empty($options['length'])) {
            $params = array('decode' => true, 'peek' => true);
            if (isset($options['length'])) {
                $params['start'] = 0;
                $params['length'] = $options['length'];
            }
            $query->bodyPart($id, $params);
        }
        if (!empty($options['mimeheaders'])) {
            $query->mimeHeader($id, array('peek' => true));
        }
        try {
            $result = $this->_imap->fetch($this->_mbox, $query, array(
                'ids' => new Horde_Imap_Client_Ids(array($this->uid))
            ));
        } catch (Horde_Imap_Client_Exception $e) {
            throw new Horde_ActiveSync_Exception($e);
        }
        if (empty($result[$this->uid])) {
            throw new Horde_ActiveSync_Exception('Message not found!');
        }
        $data = $result[$this->uid];
        if (empty($options['mimeheaders'])) {
            $this->_lastBodyPartDecode = $data->getBodyPartDecode($id);
            return $data->getBodyPart($id, $options['stream']);
        }
        if (empty($options['stream'])) {
            return $data->getMimeHeader($id) . $data->getBodyPart($id);
        }
        $combined = new Horde_Support_CombineStream(array(
            $data->getMimeHeader($id, Horde_Imap_Client_Data_Fetch::HEADER_STREAM),
            $data->getBodyPart($id, true)
        ));
        return $combined->fopen();
    }

    /** @return array  'to' (bare addresses) and 'displayto' (labels), UTF-8. */
    public function getToAddresses()
    {
        $tos = $labels = array();
        foreach ($this->envelope->to->raw_addresses as $address) {
            $tos[] = Horde_ActiveSync_Imap_BodyText::toUtf8($address->bare_address, 'UTF-8');
            $labels[] = Horde_ActiveSync_Imap_BodyText::toUtf8($address->label, 'UTF-8');
        }
        return array('to' => $tos, 'displayto' => $labels);
    }

    /**
     * @return string  The Cc addresses.
     * @throws Horde_ActiveSync_Exception
     */
    public function getCc()
    {
        try {
            $cc = new Horde_Mail_Rfc822_List($this->envelope->cc->addresses);
        } catch (Horde_Mail_Exception $e) {
            throw new Horde_ActiveSync_Exception($e);
        }
        return $cc->writeAddress();
    }

    /**
     * @return string  The first Reply-To address.
     * @throws Horde_ActiveSync_Exception
     */
    public function getReplyTo()
    {
        return $this->_firstAddress($this->envelope->reply_to->addresses);
    }

    /**
     * @return string  The From address.
     * @throws Horde_ActiveSync_Exception  (Horde lets Horde_Mail_Exception out)
     */
    public function getFromAddress()
    {
        return $this->_firstAddress($this->envelope->from->addresses);
    }

    protected function _firstAddress(array $addresses)
    {
        $first = current($addresses);
        // An address written without quotes, escapes or comments reads
        // back as itself: Horde parses it again, which costs more than the
        // rest of the header properties together.
        if (is_string($first) && preg_match(self::PLAIN_ADDRESS, $first)) {
            return $first;
        }
        try {
            $address = new Horde_Mail_Rfc822_Address($first);
        } catch (Horde_Mail_Exception $e) {
            throw new Horde_ActiveSync_Exception($e);
        }
        return $address->writeAddress(false);
    }

    public function getSubject()
    {
        return $this->envelope->subject;
    }

    /** @return Horde_Date */
    public function getDate()
    {
        return new Horde_Date((string)$this->envelope->date);
    }

    /** @return int  1 when the message has the flag, else 0. */
    public function getFlag($flag)
    {
        return in_array($flag, $this->flags) ? 1 : 0;
    }

    public function getFlags()
    {
        return $this->flags;
    }

    /** @return array  MIME id => content type. */
    public function contentTypeMap()
    {
        return $this->basePart->contentTypeMap();
    }

    /** @see Horde_ActiveSync_Mime::isAttachment() */
    public function isAttachment($id, $mime_type)
    {
        return $this->basePart->isAttachment($id, $mime_type);
    }

    /**
     * The iCalendar part with its contents, or false.
     *
     * @return Horde_Mime_Part|false
     */
    public function hasiCalendar()
    {
        if (!($id = $this->basePart->hasiCalendar())) {
            return false;
        }
        $part = $this->basePart->base->getPart($id);
        return $part->getContents(array('stream' => true)) ? $part : $this->getMimePart($id);
    }

    public function hasAttachments()
    {
        return $this->basePart->hasAttachments();
    }

    public function isSigned(Horde_Mime_Part $message = null)
    {
        return $message
            ? (new Horde_ActiveSync_Mime($message))->isSigned()
            : $this->basePart->isSigned();
    }

    public function isEncrypted(Horde_Mime_Part $message = null)
    {
        return $message
            ? (new Horde_ActiveSync_Mime($message))->isEncrypted()
            : $this->basePart->isEncrypted();
    }
}
