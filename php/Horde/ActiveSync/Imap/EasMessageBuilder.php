<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

/**
 * Builds the Horde_ActiveSync_Message_Mail an EAS client receives for one
 * IMAP message: envelope, flags, message class (S/MIME, reports, meeting
 * requests and replies), importance, and, in the subclass create() picks
 * for the body type, the body and attachments.
 *
 * Beside Horde's behaviour: Preview (EAS 14.0+) and BodyPart (14.1+) are
 * sent when the client asks for them (Horde never reads its options, so
 * it never does), a flagged message builds for EAS 2.5 (Horde fails on
 * the property 2.5 lacks), and previews are cut on character boundaries.
 */
class Horde_ActiveSync_Imap_EasMessageBuilder
{
    /** @var Horde_ActiveSync_Imap_MessageBodyData */
    protected $_mbd;

    /** @var Horde_ActiveSync_Imap_Message */
    protected $_imapMessage;

    /** @var Horde_ActiveSync_Message_Mail */
    protected $_easMessage;

    /** @var Horde_ActiveSync_Message_AirSyncBaseBody */
    protected $_airsyncBody;

    /** @var array */
    protected $_options;

    /** @var string */
    protected $_version;

    /** @var Horde_ActiveSync_Log_Logger|Horde_ActiveSync_Log_Logger_Deprecated */
    protected $_logger;

    /** @var int */
    protected $_procid;

    /**
     * @param Horde_ActiveSync_Imap_Message $imap_message
     * @param array $options  bodyprefs, bodypartprefs, mimesupport,
     *                        protocolversion, truncation (2.5).
     * @param Horde_Log_Logger $logger
     */
    public function __construct(Horde_ActiveSync_Imap_Message $imap_message, array $options, $logger)
    {
        $this->_imapMessage = $imap_message;
        $this->_options = $options;
        $this->_mbd = $imap_message->getMessageBodyDataObject($options);
        $this->_easMessage = Horde_ActiveSync::messageFactory('Mail');
        $this->_version = empty($options['protocolversion'])
            ? Horde_ActiveSync::VERSION_TWOFIVE
            : $options['protocolversion'];
        $this->_airsyncBody = Horde_ActiveSync::messageFactory('AirSyncBaseBody');
        $this->_logger = Horde_ActiveSync::_wrapLogger($logger);
        $this->_procid = getmypid();
        if ($this->_version > Horde_ActiveSync::VERSION_TWOFIVE) {
            $this->_easMessage->airsyncbasenativebodytype = $this->_mbd->nativeBodyType;
        }
    }

    /**
     * The message object, filled.
     *
     * @param array $params  flags: IMAP flag (lowercase) => EAS category,
     *                       for EAS 14.0+.
     *
     * @return Horde_ActiveSync_Message_Mail
     */
    public function getMessageObject($params = array())
    {
        $this->_populateObject();
        if ($this->_version > Horde_ActiveSync::VERSION_TWELVEONE && !empty($params['flags'])) {
            $this->_setFlags($params['flags']);
        }
        $this->_buildBody();

        if ($this->_version >= Horde_ActiveSync::VERSION_FOURTEENONE && !empty($this->_options['bodypartprefs'])
            && $this->_mbd->bodyPart) {
            $this->_easMessage->airsyncbasebodypart = $this->_buildBodyPart();
        }
        if ($this->_version >= Horde_ActiveSync::VERSION_FOURTEEN && ($chars = $this->_previewLength()) &&
            $this->_easMessage->airsyncbasebody && ($plain = $this->_mbd->plain)) {
            $preview = $this->_preview($plain['body'], $chars);
            if ($preview !== '') {
                $this->_easMessage->airsyncbasebody->preview = $preview;
            }
        }
        return $this->_easMessage;
    }

    /** Characters of Preview the client asked for with the body type sent. */
    protected function _previewLength()
    {
        $type = $this->_airsyncBody->type;
        return (int)($this->_options['bodyprefs'][$type]['preview'] ?? 0);
    }

    /** The first characters of a UTF-8 body stream, cut on a character boundary. */
    protected function _preview(Horde_Stream $body, $chars)
    {
        $body->rewind();
        $head = $body->substring(0, $chars * 4);
        $body->rewind();
        return Horde\ActiveSync\Native\MailText::truncateUtf8($head, $chars);
    }

    protected function _populateObject()
    {
        $this->_setHeaderProperties();
        $this->_easMessage->read = $this->_imapMessage->getFlag(Horde_Imap_Client::FLAG_SEEN);
        $this->_easMessage->messageclass = 'IPM.Note';
        // MS recommends UTF-8's code page whenever possible
        $this->_easMessage->cpid = Horde_ActiveSync_Message_Mail::INTERNET_CPID_UTF8;
        $this->_messageImportance();
        $this->_specialTypes();
        if ($this->_version >= Horde_ActiveSync::VERSION_FOURTEEN) {
            $this->_easMessage->messageid = $this->_imapMessage->headerValue('Message-ID');
            $this->_easMessage->forwarded = $this->_imapMessage->getFlag(Horde_Imap_Client::FLAG_FORWARDED);
            $this->_easMessage->answered = $this->_imapMessage->getFlag(Horde_Imap_Client::FLAG_ANSWERED);
        }
    }

    /** To, DisplayTo, From, Cc, Reply-To, Subject, ThreadTopic, DateReceived. */
    protected function _setHeaderProperties()
    {
        // To holds at most 32768 bytes
        $to = $this->_imapMessage->getToAddresses();
        $this->_easMessage->to = array_pop($to['to']);
        foreach ($to['to'] as $address) {
            if (strlen($this->_easMessage->to) + strlen($address) > 32768) {
                break;
            }
            $this->_easMessage->to .= ',' . $address;
        }
        $this->_easMessage->displayto = implode(';', $to['displayto']);
        if (empty($this->_easMessage->displayto)) {
            $this->_easMessage->displayto = $this->_easMessage->to;
        }
        foreach (array('from' => 'getFromAddress', 'cc' => 'getCc', 'reply_to' => 'getReplyTo') as $property => $getter) {
            try {
                $this->_easMessage->$property = Horde_ActiveSync_Imap_BodyText::toUtf8($this->_imapMessage->$getter(), 'UTF-8');
            } catch (Horde_ActiveSync_Exception $e) {
                $this->_logger->err($e->getMessage());
            }
        }
        $this->_easMessage->subject = Horde_ActiveSync_Imap_BodyText::toUtf8($this->_imapMessage->getSubject(), 'UTF-8');
        $this->_easMessage->threadtopic = $this->_easMessage->subject;
        $this->_easMessage->datereceived = $this->_imapMessage->getDate();
    }

    /** IMAP keywords the user mapped to categories. */
    protected function _setFlags($msgFlags)
    {
        $categories = array();
        foreach ($this->_imapMessage->getFlags() as $flag) {
            $key = Horde_String::lower($flag);
            if (!empty($msgFlags[$key])) {
                $categories[] = $msgFlags[$key];
            }
        }
        $this->_easMessage->categories = $categories;
    }

    /** Delivery and read reports (multipart/report) get their REPORT.* class. */
    protected function _deliveryNotification()
    {
        $part = $this->_imapMessage->getStructure();
        if ($part->getType() != 'multipart/report') {
            return;
        }
        $ids = array_keys($this->_imapMessage->contentTypeMap());
        $second = Horde_Mime::mimeIdArithmetic($ids[1] ?? '1', 'next');
        try {
            $lines = explode(chr(13), (string)$this->_imapMessage->getBodyPart($second, array('decode' => true)));
        } catch (Horde_ActiveSync_Exception $e) {
            return;
        }
        switch ($part->getContentTypeParameter('report-type')) {
        case 'delivery-status':
            $classes = array('failed' => 'REPORT.IPM.NOTE.NDR', 'delayed' => 'REPORT.IPM.NOTE.DELAYED',
                             'delivered' => 'REPORT.IPM.NOTE.DR');
            foreach ($lines as $line) {
                $line = trim($line);
                if (strpos($line, 'Action:') === 0 && isset($classes[$action = trim(substr($line, 7))])) {
                    $this->_easMessage->messageclass = $classes[$action];
                    break;
                }
            }
            break;
        case 'disposition-notification':
            foreach ($lines as $line) {
                if (strpos(trim($line), 'Disposition:') === 0) {
                    if (strpos($line, 'displayed') !== false) {
                        $this->_easMessage->messageclass = 'REPORT.IPM.NOTE.IPNRN';
                    } elseif (strpos($line, 'deleted') !== false) {
                        $this->_easMessage->messageclass = 'REPORT.IPM.NOTE.IPNNRN';
                    }
                    break;
                }
            }
        }
    }

    /** Meeting requests and replies (iTip in a text/calendar part), EAS 12.0+. */
    protected function _meetingRequest()
    {
        if ($this->_version < Horde_ActiveSync::VERSION_TWELVE ||
            !($mime_part = $this->_imapMessage->hasiCalendar())) {
            return;
        }
        $charset = $mime_part->getCharset();
        $data = Horde_ActiveSync_Imap_BodyText::toUtf8($mime_part->getContents(), $charset ?: 'UTF-8');
        $vCal = new Horde_Icalendar();
        try {
            $classes = $vCal->parsevCalendar($data, 'VCALENDAR', $charset) ? $vCal->getComponentClasses() : array();
        } catch (Horde_Icalendar_Exception $e) {
            $this->_logger->err($e->getMessage());
            return;
        }
        if (empty($classes['horde_icalendar_vevent'])) {
            return;
        }
        $method = null;
        try {
            $method = $vCal->getAttribute('METHOD');
            $this->_easMessage->contentclass = 'urn:content-classes:calendarmessage';
        } catch (Horde_Icalendar_Exception $e) {
        }
        switch ($method) {
        case 'REQUEST':
        case 'PUBLISH':
            $this->_easMessage->messageclass = 'IPM.Schedule.Meeting.Request';
            $mtg = Horde_ActiveSync::messageFactory('MeetingRequest');
            $mtg->fromvEvent($vCal);
            $this->_easMessage->meetingrequest = $mtg;
            break;
        case 'REPLY':
            try {
                $classes = array('ACCEPTED' => 'IPM.Schedule.Meeting.Resp.Pos', 'DECLINED' => 'IPM.Schedule.Meeting.Resp.Neg',
                                 'TENTATIVE' => 'IPM.Schedule.Meeting.Resp.Tent');
                $status = $this->_getiTipStatus($vCal);
                if (isset($classes[$status])) {
                    $this->_easMessage->messageclass = $classes[$status];
                }
                $mtg = Horde_ActiveSync::messageFactory('MeetingRequest');
                $mtg->fromvEvent($vCal);
                $this->_easMessage->meetingrequest = $mtg;
            } catch (Horde_ActiveSync_Exception $e) {
                $this->_logger->err($e->getMessage());
            } catch (Horde_Icalendar_Exception $e) {
                $this->_logger->err($e->getMessage());
            }
        }
    }

    /** A \Flagged message carries an active follow-up flag (EAS 12.0+). */
    protected function _poomMailFlagged()
    {
        if ($this->_version < Horde_ActiveSync::VERSION_TWELVE ||
            !$this->_imapMessage->getFlag(Horde_Imap_Client::FLAG_FLAGGED)) {
            return;
        }
        $flag = Horde_ActiveSync::messageFactory('Flag');
        $flag->subject = $this->_imapMessage->getSubject();
        $flag->flagstatus = Horde_ActiveSync_Message_Flag::FLAG_STATUS_ACTIVE;
        $flag->flagtype = Horde_Imap_Client::FLAG_FLAGGED;
        $this->_easMessage->flag = $flag;
    }

    protected function _specialTypes()
    {
        if ($this->_version >= Horde_ActiveSync::VERSION_TWELVE) {
            $this->_easMessage->contentclass = 'urn:content-classes:message';
        }
        $this->_signedEncrypted();
        $this->_deliveryNotification();
        $this->_meetingRequest();
        $this->_poomMailFlagged();
    }

    protected function _signedEncrypted()
    {
        if ($this->_imapMessage->isEncrypted()) {
            $this->_easMessage->messageclass = 'IPM.Note.SMIME';
        } elseif ($this->_imapMessage->isSigned()) {
            $this->_easMessage->messageclass = 'IPM.Note.SMIME.MultipartSigned';
        }
    }

    /** X-Priority (digits only) or, failing that, Importance (Outlook's). */
    protected function _messageImportance()
    {
        if ($priority = $this->_imapMessage->headerValue('X-priority')) {
            $priority = preg_replace('/\D+/', '', $priority);
        } else {
            $priority = $this->_imapMessage->headerValue('Importance');
        }
        $this->_easMessage->importance = $this->_getEASImportance($priority);
    }

    /** @return int  0 low, 1 normal, 2 high. */
    protected function _getEASImportance($importance)
    {
        switch (Horde_String::lower((string)$importance)) {
        case '1':
        case 'high':
            return 2;
        case '5':
        case 'low':
            return 0;
        default:
            return 1;
        }
    }

    /**
     * The first attendee's PARTSTAT in the first VEVENT.
     *
     * @throws Horde_ActiveSync_Exception
     */
    protected function _getiTipStatus($vCal)
    {
        foreach ($vCal->getComponents() as $component) {
            if ($component->getType() != 'vEvent') {
                continue;
            }
            try {
                $params = $component->getAttribute('ATTENDEE', true);
            } catch (Horde_Icalendar_Exception $e) {
                throw new Horde_ActiveSync_Exception($e);
            }
            if (!is_array($params) || !isset($params[0]['PARTSTAT'])) {
                throw new Horde_ActiveSync_Exception('No attendee status in the iTip reply');
            }
            return $params[0]['PARTSTAT'];
        }
        return null;
    }

    /** @return Horde_ActiveSync_Message_AirSyncBaseBodypart */
    protected function _buildBodyPart()
    {
        $this->_logger->meta('Preparing BODYPART data.');
        $message = Horde_ActiveSync::messageFactory('AirSyncBaseBodypart');
        $message->status = Horde_ActiveSync_Message_AirSyncBaseBodypart::STATUS_SUCCESS;
        if (!empty($this->_options['bodypartprefs']['preview']) && ($plain = $this->_mbd->plain) &&
            ($preview = $this->_preview($plain['body'], (int)$this->_options['bodypartprefs']['preview'])) !== '') {
            $message->preview = $preview;
        }
        $part = $this->_mbd->bodyPart;
        $message->data = $part['body']->stream;
        $message->truncated = $part['truncated'];
        return $message;
    }

    /**
     * The builder for the body type to send: TwoFive for EAS 2.5, else
     * Mime, Html or Plain by the client's BodyPreference.
     *
     * @return Horde_ActiveSync_Imap_EasMessageBuilder
     */
    public static function create(Horde_ActiveSync_Imap_Message $imap_message, array $options, $logger)
    {
        $mbd = $imap_message->getMessageBodyDataObject($options);
        if (($options['protocolversion'] ?? Horde_ActiveSync::VERSION_TWOFIVE) == Horde_ActiveSync::VERSION_TWOFIVE) {
            return new Horde_ActiveSync_Imap_EasMessageBuilder_TwoFive($imap_message, $options, $logger);
        }
        switch ($mbd->getBodyTypePreference()) {
        case Horde_ActiveSync::BODYPREF_TYPE_MIME:
            return new Horde_ActiveSync_Imap_EasMessageBuilder_Mime($imap_message, $options, $logger);
        case Horde_ActiveSync::BODYPREF_TYPE_HTML:
            return new Horde_ActiveSync_Imap_EasMessageBuilder_Html($imap_message, $options, $logger);
        default:
            return new Horde_ActiveSync_Imap_EasMessageBuilder_Plain($imap_message, $options, $logger);
        }
    }

    /** Fills the body properties; each body type's builder does its own. */
    protected function _buildBody()
    {
    }
}
