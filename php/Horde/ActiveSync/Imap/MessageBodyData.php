<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

/**
 * The body text of one IMAP message in the forms an EAS client asked for
 * (BodyPreference / BodyPartPreference): its text/plain and text/html parts
 * fetched, converted into each other when the message lacks the wanted
 * one, truncated, and handed out as UTF-8 with CRLF line ends.
 *
 * @property-read array|false $plain     text/plain: charset, body
 *                                       (Horde_Stream), truncated, size.
 * @property array|false      $html      text/html: charset, body,
 *                                       truncated, estimated_size.
 * @property-read array|false $bodyPart  The BodyPart text (EAS 14.1+).
 * @property-read int|false $nativeBodyType  BODYPREF_TYPE_* of the message
 *                                           as stored, when known.
 */
class Horde_ActiveSync_Imap_MessageBodyData
{
    /** @var Horde_Imap_Client_Base */
    protected $_imap;

    /** @var Horde_ActiveSync_Mime */
    protected $_basePart;

    /** @var array */
    protected $_options;

    /** @var string */
    protected $_version;

    /** @var Horde_Imap_Client_Mailbox */
    protected $_mbox;

    /** @var int */
    protected $_uid;

    /** @var array|null */
    protected $_plain;

    /** @var array|null */
    protected $_html;

    /** @var array|null */
    protected $_bodyPart;

    /** @var bool */
    protected $_validatedPlain = false;

    /** @var bool */
    protected $_validatedHtml = false;

    /** @var int|false */
    protected $_nativeType = false;

    /** @var array|null ids and FETCH data prefetched for this message */
    protected $_prefetched;

    /** @var array|null the part ids to fetch, when only planning */
    protected $_planned;

    /**
     * @param array $params   imap (Horde_Imap_Client_Base), mbox
     *                        (Horde_Imap_Client_Mailbox), uid (int), mime
     *                        (Horde_ActiveSync_Mime); prefetched
     *                        (optional): 'ids' and 'data' of a FETCH
     *                        done for several messages at once.
     * @param array $options  bodyprefs, bodypartprefs, mimesupport,
     *                        protocolversion (default 2.5).
     */
    public function __construct(array $params, array $options)
    {
        $this->_prefetched = $params['prefetched'] ?? null;
        $this->_imap = $params['imap'];
        $this->_basePart = $params['mime'];
        $this->_mbox = $params['mbox'];
        $this->_uid = $params['uid'];
        $this->_options = $options;
        $this->_version = empty($options['protocolversion'])
            ? Horde_ActiveSync::VERSION_TWOFIVE
            : $options['protocolversion'];
        $this->_getParts();
    }

    public function __destruct()
    {
        $this->_basePart = null;
        $this->_imap = null;
        $this->_plain = $this->_html = $this->_bodyPart = null;
    }

    public function &__get($property)
    {
        switch ($property) {
        case 'plain':
            $value = $this->plainBody();
            return $value;
        case 'html':
            $value = $this->htmlBody();
            return $value;
        case 'bodyPart':
            $value = $this->bodyPartBody();
            return $value;
        case 'nativeBodyType':
            $value = $this->_nativeType;
            return $value;
        }
        throw new InvalidArgumentException("Unknown property: $property");
    }

    public function __set($property, $value)
    {
        if ($property !== 'html') {
            throw new InvalidArgumentException("$property can not be set.");
        }
        $this->_html = $value;
    }

    /**
     * The body type to send: MIME when the client asks for it (even without
     * MIMESupport, which some clients forget), else HTML when asked for and
     * present, else plain text. With $save_bandwidth, HTML is preferred to
     * MIME.
     *
     * @return int  A Horde_ActiveSync::BODYPREF_TYPE_* constant.
     */
    public function getBodyTypePreference($save_bandwidth = false)
    {
        $prefs = $this->_options['bodyprefs'] ?? array();
        $html = !empty($prefs[Horde_ActiveSync::BODYPREF_TYPE_HTML]) && !empty($this->_html);
        $mime = !empty($prefs[Horde_ActiveSync::BODYPREF_TYPE_MIME]);
        if ($save_bandwidth) {
            return $html
                ? Horde_ActiveSync::BODYPREF_TYPE_HTML
                : ($mime ? Horde_ActiveSync::BODYPREF_TYPE_MIME : Horde_ActiveSync::BODYPREF_TYPE_PLAIN);
        }
        return $mime
            ? Horde_ActiveSync::BODYPREF_TYPE_MIME
            : ($html ? Horde_ActiveSync::BODYPREF_TYPE_HTML : Horde_ActiveSync::BODYPREF_TYPE_PLAIN);
    }

    /** Decides which parts are needed, fetches them and builds the texts. */
    protected function _getParts()
    {
        $text_id = $html_id = null;
        switch ($this->_basePart->getType()) {
        case 'message/disposition-notification':
            // sent bare (without multipart/report) by some clients: no text
            break;
        case 'multipart/report':
            // the human-readable part comes first, whatever its type says
            $iterator = $this->_basePart->partIterator(false);
            $iterator->rewind();
            if ($first = $iterator->current()) {
                $text_id = $first->getMimeId();
            }
            break;
        default:
            $text_id = $this->_basePart->findBody('plain');
            $html_id = $this->_basePart->findBody('html');
        }

        $prefs = &$this->_options['bodyprefs'];
        // EAS 2.5 has no AirSyncBase: its body is text whatever the prefs
        $no_mime = empty($prefs[Horde_ActiveSync::BODYPREF_TYPE_MIME]) || $this->_version == Horde_ActiveSync::VERSION_TWOFIVE;
        $want_html = $this->_wantHtml();
        $want_plain = $this->_wantPlainText($html_id, $want_html);
        $html_as_plain = $plain_as_html = false;

        if (empty($text_id) && $want_plain && !empty($html_id) && $no_mime) {
            $want_html = $html_as_plain = true;
        }
        if (empty($html_id) && $want_html && $no_mime) {
            $plain_as_html = true;
        }
        // HTML truncation applies to plain text standing in for it
        if (empty($prefs[Horde_ActiveSync::BODYPREF_TYPE_PLAIN]) &&
            !empty($prefs[Horde_ActiveSync::BODYPREF_TYPE_HTML]) && $want_plain && $want_html) {
            $prefs[Horde_ActiveSync::BODYPREF_TYPE_PLAIN] = $prefs[Horde_ActiveSync::BODYPREF_TYPE_HTML];
        }
        unset($prefs);

        $ids = array();
        if (!empty($text_id) && ($want_plain || !empty($this->_options['bodypartprefs']))) {
            $ids[] = $text_id;
        }
        if (!empty($html_id) && ($want_html || !empty($this->_options['bodypartprefs']))) {
            $ids[] = $html_id;
        }
        if (isset($this->_planned)) {
            $this->_planned = $ids;
            return;
        }
        if (!$ids) {
            // no text to fetch (Horde asks the server for the UID anyway)
            return;
        }
        $data = ($this->_prefetched && $this->_prefetched['ids'] === $ids)
            ? $this->_prefetched['data']
            : $this->_fetchData($ids);
        $this->_prefetched = null;

        if (!empty($text_id) && $want_plain) {
            $text_part = $this->_basePart->getPart($text_id);
            $this->_plain = $this->_getPlainPart($data, $text_part);
            if ($plain_as_html) {
                $this->_html = $this->_getPlainPart2Html($data, $text_part);
            }
            $this->_nativeType = Horde_ActiveSync::BODYPREF_TYPE_PLAIN;
        }
        if (!empty($html_id) && $want_html) {
            $html_part = $this->_basePart->getPart($html_id);
            $this->_html = $this->_getHtmlPart($data, $html_part);
            if ($html_as_plain) {
                $this->_plain = $this->_getHtmlPart2Plain($data, $html_part);
            }
            $this->_nativeType = Horde_ActiveSync::BODYPREF_TYPE_HTML;
        }
        if (!empty($this->_options['bodypartprefs']) && ($html_id || $text_id)) {
            $this->_bodyPart = $this->_getBodyPart(
                $data,
                $this->_basePart->getPart($html_id ?: $text_id),
                empty($html_id)
            );
        }
    }

    /**
     * The MIME ids of the parts a message's body data needs with these
     * options (what the constructor fetches), without fetching anything.
     *
     * @internal for Horde_ActiveSync_Imap_Message::prefetchBodyData()
     *
     * @return string[]
     */
    public static function partsToFetch(Horde_ActiveSync_Mime $mime, array $options)
    {
        $plan = (new ReflectionClass(self::class))->newInstanceWithoutConstructor();
        $plan->_basePart = $mime;
        $plan->_options = $options;
        $plan->_version = empty($options['protocolversion'])
            ? Horde_ActiveSync::VERSION_TWOFIVE
            : $options['protocolversion'];
        $plan->_planned = array();
        $plan->_getParts();
        return $plan->_planned;
    }

    /** HTML is wanted from EAS 12.0 on when HTML, MIME or a BodyPart is asked for. */
    protected function _wantHtml()
    {
        $prefs = $this->_options['bodyprefs'] ?? array();
        return $this->_version >= Horde_ActiveSync::VERSION_TWELVE &&
            (!empty($prefs[Horde_ActiveSync::BODYPREF_TYPE_HTML]) ||
             !empty($prefs[Horde_ActiveSync::BODYPREF_TYPE_MIME]) ||
             !empty($this->_options['bodypartprefs']));
    }

    /** Plain text is wanted by 2.5, by default, and when HTML is wanted but missing. */
    protected function _wantPlainText($html_id, $want_html)
    {
        $prefs = $this->_options['bodyprefs'] ?? array();
        return $this->_version == Horde_ActiveSync::VERSION_TWOFIVE ||
            empty($prefs) ||
            !empty($prefs[Horde_ActiveSync::BODYPREF_TYPE_PLAIN]) ||
            !empty($prefs[Horde_ActiveSync::BODYPREF_TYPE_RTF]) ||
            !empty($prefs[Horde_ActiveSync::BODYPREF_TYPE_MIME]) ||
            ($want_html && empty($html_id));
    }

    /**
     * Fetches the decoded parts and their sizes in one command. Horde
     * fetches only the text part for EAS 2.5, so a 2.5 client got an empty
     * body for HTML-only mail; here the parts needed are fetched whatever
     * the version.
     *
     * @param string[] $ids  MIME ids.
     *
     * @return Horde_Imap_Client_Data_Fetch
     * @throws Horde_ActiveSync_Exception, Horde_ActiveSync_Exception_TemporaryFailure,
     *         Horde_Exception_NotFound
     */
    protected function _fetchData(array $ids)
    {
        $query = new Horde_Imap_Client_Fetch_Query();
        foreach ($ids as $id) {
            $query->bodyPart($id, array('decode' => true, 'peek' => true));
            $query->bodyPartSize($id);
        }
        if (!$ids) {
            $query->uid();
        }
        try {
            $result = $this->_imap->fetch($this->_mbox, $query, array(
                'ids' => new Horde_Imap_Client_Ids(array($this->_uid))
            ));
        } catch (Horde_Imap_Client_Exception $e) {
            if ($e->getCode() == Horde_Imap_Client_Exception::DISCONNECT) {
                throw new Horde_ActiveSync_Exception_TemporaryFailure($e->getMessage());
            }
            throw new Horde_ActiveSync_Exception($e);
        }
        if (!($data = $result->first())) {
            throw new Horde_Exception_NotFound(sprintf('Could not load message %s from server.', $this->_uid));
        }
        return $data;
    }

    /** The decoded text of a fetched part (decoded here when the server did not). */
    protected function _text(Horde_Imap_Client_Data_Fetch $data, Horde_Mime_Part $part)
    {
        $id = $part->getMimeId();
        $text = $data->getBodyPart($id);
        if (!$data->getBodyPartDecode($id)) {
            $part->setContents($text);
            $text = $part->getContents();
        }
        return (string)$text;
    }

    /** The part's size on the server, or the text's. */
    protected function _size(Horde_Imap_Client_Data_Fetch $data, $id, $text)
    {
        $size = $data->getBodyPartSize($id);
        return is_null($size) ? strlen($text) : $size;
    }

    /**
     * Truncates for a body type's TruncationSize; AllOrNone (12.0+) empties
     * a text that would be cut.
     *
     * @return array  The text and whether it was cut.
     */
    protected function _truncate($text, $size, $type, $charset)
    {
        $pref = $this->_options['bodyprefs'][$type] ?? array();
        if (!empty($pref['truncationsize'])) {
            $text = Horde_ActiveSync_Imap_BodyText::truncate($text, $pref['truncationsize'], $charset);
        }
        $truncated = $size > strlen($text);
        if ($truncated && !empty($pref['allornone']) && $this->_version >= Horde_ActiveSync::VERSION_TWELVE) {
            $text = '';
        }
        return array($text, $truncated);
    }

    /** @return array  charset, body (string), truncated, size */
    protected function _getPlainPart(Horde_Imap_Client_Data_Fetch $data, Horde_Mime_Part $part)
    {
        $text = $this->_text($data, $part);
        $size = $this->_size($data, $part->getMimeId(), $text);
        $charset = $part->getCharset();
        list($text, $truncated) = $this->_truncate($text, $size, Horde_ActiveSync::BODYPREF_TYPE_PLAIN, $charset);
        return array('charset' => $charset, 'body' => $text, 'truncated' => $truncated, 'size' => $size);
    }

    /** The plain part converted to HTML (for a client that wants HTML). */
    protected function _getPlainPart2Html(Horde_Imap_Client_Data_Fetch $data, Horde_Mime_Part $part)
    {
        return $this->_plain2Html($this->_text($data, $part), $part->getCharset());
    }

    /** @return array  charset, body, estimated_size, truncated */
    protected function _plain2Html($plain_text, $charset)
    {
        $html = self::_filter($plain_text, 'Text2html', array(
            'charset' => $charset,
            'parselevel' => Horde_Text_Filter_Text2html::MICRO
        ));
        $size = strlen($html);
        list($html, $truncated) = $this->_truncate($html, $size, Horde_ActiveSync::BODYPREF_TYPE_HTML, $charset);
        return array('charset' => $charset, 'body' => $html, 'estimated_size' => $size, 'truncated' => $truncated);
    }

    /** @return array  charset, body, estimated_size, truncated */
    protected function _getHtmlPart(Horde_Imap_Client_Data_Fetch $data, Horde_Mime_Part $part)
    {
        $html = $this->_text($data, $part);
        $charset = $part->getCharset();
        $size = $this->_size($data, $part->getMimeId(), $html);
        list($html, $truncated) = $this->_truncate($html, $size, Horde_ActiveSync::BODYPREF_TYPE_HTML, $charset);
        return array('charset' => $charset, 'body' => $html, 'estimated_size' => $size, 'truncated' => $truncated);
    }

    /** The HTML part as plain text (for a client that wants plain text). */
    protected function _getHtmlPart2Plain(Horde_Imap_Client_Data_Fetch $data, Horde_Mime_Part $part)
    {
        $charset = $part->getCharset();
        $plain = self::_filter($this->_text($data, $part), 'Html2text',
            array('charset' => $charset, 'nestingLimit' => 1000));
        $size = strlen($plain);
        list($plain, $truncated) = $this->_truncate($plain, $size, Horde_ActiveSync::BODYPREF_TYPE_PLAIN, $charset);
        return array('charset' => $charset, 'body' => $plain, 'truncated' => $truncated, 'size' => $size);
    }

    /**
     * The BodyPart text: the HTML part, or the plain part as HTML. It is
     * truncated when the cut shortened it (the size the server reports
     * for a part is not always that of its decoded text).
     */
    protected function _getBodyPart(Horde_Imap_Client_Data_Fetch $data, Horde_Mime_Part $part, $to_html)
    {
        $charset = $part->getCharset();
        $text = $this->_text($data, $part);
        if ($to_html) {
            $text = self::_filter($text, 'Text2html', array(
                'parselevel' => Horde_Text_Filter_Text2html::MICRO, 'charset' => $charset));
        }
        $size = strlen($text);
        if (!empty($this->_options['bodypartprefs']['truncationsize'])) {
            $text = Horde_ActiveSync_Imap_BodyText::truncate($text, $this->_options['bodypartprefs']['truncationsize'], $charset);
        }
        return array('charset' => $charset, 'body' => $text, 'truncated' => $size > strlen($text), 'size' => $size);
    }

    /**
     * Horde_Text_Filter; its filters create dynamic properties, which PHP
     * 8.2 reports as deprecated on every call: that is Horde's, not an
     * error of the message.
     */
    protected static function _filter($text, $filter, array $params)
    {
        $level = error_reporting(error_reporting() & ~E_DEPRECATED);
        try {
            return Horde_Text_Filter::filter($text, $filter, $params);
        } finally {
            error_reporting($level);
        }
    }

    /** The text/plain data, its body as a UTF-8 CRLF Horde_Stream; false without one. */
    public function plainBody()
    {
        if (empty($this->_plain)) {
            return false;
        }
        if (!$this->_validatedPlain) {
            $this->_validateBodyData($this->_plain);
            $this->_validatedPlain = true;
        }
        return $this->_plain['body'] instanceof Horde_Stream ? $this->_plain : false;
    }

    /** The text/html data, as plainBody(); false without one. */
    public function htmlBody()
    {
        if (empty($this->_html)) {
            return false;
        }
        if (!$this->_validatedHtml && !($this->_html['body'] instanceof Horde_Stream)) {
            $this->_validateBodyData($this->_html);
        }
        $this->_validatedHtml = true;
        return !empty($this->_html['body']) && $this->_html['body'] instanceof Horde_Stream ? $this->_html : false;
    }

    /** The BodyPart data, as plainBody(); false without one. */
    public function bodyPartBody()
    {
        if (empty($this->_bodyPart)) {
            return false;
        }
        if (!($this->_bodyPart['body'] instanceof Horde_Stream)) {
            $this->_validateBodyData($this->_bodyPart);
        }
        return $this->_bodyPart;
    }

    /** Body text to UTF-8 with CRLF line ends, in a stream. */
    protected function _validateBodyData(&$data)
    {
        $data['body'] = Horde_ActiveSync_Imap_BodyText::stream(
            Horde_ActiveSync_Imap_BodyText::toUtf8($data['body'], $data['charset'] ?? 'UTF-8')
        );
    }

    /**
     * The texts as arrays ('plain', 'html'), for callers of the deprecated
     * Horde_ActiveSync_Imap_Message::getMessageBodyData().
     */
    public function toArray()
    {
        $result = array();
        if ($this->plain) {
            $result['plain'] = $this->_plain;
        }
        if ($this->html) {
            $result['html'] = $this->_html;
        }
        return $result;
    }
}
