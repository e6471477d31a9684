<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * A mail message (MS-ASEMAIL): the Email and Email2 code pages, bodies and
 * attachments in AirSyncBase from EAS 12.0, drafts from EAS 16.0.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_Mail extends Horde_ActiveSync_Message_Base
{
    /* Email code page */
    const POOMMAIL_ATTACHMENT              = 'POOMMAIL:Attachment';
    const POOMMAIL_ATTACHMENTS             = 'POOMMAIL:Attachments';
    const POOMMAIL_BODY                    = 'POOMMAIL:Body';
    const POOMMAIL_BODYSIZE                = 'POOMMAIL:BodySize';
    const POOMMAIL_BODYTRUNCATED           = 'POOMMAIL:BodyTruncated';
    const POOMMAIL_DATERECEIVED            = 'POOMMAIL:DateReceived';
    const POOMMAIL_DISPLAYTO               = 'POOMMAIL:DisplayTo';
    const POOMMAIL_IMPORTANCE              = 'POOMMAIL:Importance';
    const POOMMAIL_MESSAGECLASS            = 'POOMMAIL:MessageClass';
    const POOMMAIL_SUBJECT                 = 'POOMMAIL:Subject';
    const POOMMAIL_READ                    = 'POOMMAIL:Read';
    const POOMMAIL_TO                      = 'POOMMAIL:To';
    const POOMMAIL_CC                      = 'POOMMAIL:Cc';
    const POOMMAIL_FROM                    = 'POOMMAIL:From';
    const POOMMAIL_REPLY_TO                = 'POOMMAIL:Reply-To';
    const POOMMAIL_ALLDAYEVENT             = 'POOMMAIL:AllDayEvent';
    const POOMMAIL_CATEGORIES              = 'POOMMAIL:Categories';
    const POOMMAIL_CATEGORY                = 'POOMMAIL:Category';
    const POOMMAIL_DTSTAMP                 = 'POOMMAIL:DtStamp';
    const POOMMAIL_ENDTIME                 = 'POOMMAIL:EndTime';
    const POOMMAIL_INSTANCETYPE            = 'POOMMAIL:InstanceType';
    const POOMMAIL_BUSYSTATUS              = 'POOMMAIL:BusyStatus';
    const POOMMAIL_LOCATION                = 'POOMMAIL:Location';
    const POOMMAIL_MEETINGREQUEST          = 'POOMMAIL:MeetingRequest';
    const POOMMAIL_ORGANIZER               = 'POOMMAIL:Organizer';
    const POOMMAIL_RECURRENCEID            = 'POOMMAIL:RecurrenceId';
    const POOMMAIL_REMINDER                = 'POOMMAIL:Reminder';
    const POOMMAIL_RESPONSEREQUESTED       = 'POOMMAIL:ResponseRequested';
    const POOMMAIL_RECURRENCES             = 'POOMMAIL:Recurrences';
    const POOMMAIL_RECURRENCE              = 'POOMMAIL:Recurrence';
    const POOMMAIL_TYPE                    = 'POOMMAIL:Type';
    const POOMMAIL_UNTIL                   = 'POOMMAIL:Until';
    const POOMMAIL_OCCURRENCES             = 'POOMMAIL:Occurrences';
    const POOMMAIL_INTERVAL                = 'POOMMAIL:Interval';
    const POOMMAIL_DAYOFWEEK               = 'POOMMAIL:DayOfWeek';
    const POOMMAIL_DAYOFMONTH              = 'POOMMAIL:DayOfMonth';
    const POOMMAIL_WEEKOFMONTH             = 'POOMMAIL:WeekOfMonth';
    const POOMMAIL_MONTHOFYEAR             = 'POOMMAIL:MonthOfYear';
    const POOMMAIL_STARTTIME               = 'POOMMAIL:StartTime';
    const POOMMAIL_SENSITIVITY             = 'POOMMAIL:Sensitivity';
    const POOMMAIL_TIMEZONE                = 'POOMMAIL:TimeZone';
    const POOMMAIL_GLOBALOBJID             = 'POOMMAIL:GlobalObjId';
    const POOMMAIL_THREADTOPIC             = 'POOMMAIL:ThreadTopic';
    const POOMMAIL_MIMEDATA                = 'POOMMAIL:MIMEData';
    const POOMMAIL_MIMETRUNCATED           = 'POOMMAIL:MIMETruncated';
    const POOMMAIL_MIMESIZE                = 'POOMMAIL:MIMESize';
    const POOMMAIL_INTERNETCPID            = 'POOMMAIL:InternetCPID';
    const POOMMAIL_CONTENTCLASS            = 'POOMMAIL:ContentClass';
    const POOMMAIL_FLAG                    = 'POOMMAIL:Flag';
    const POOMMAIL_COMPLETETIME            = 'POOMMAIL:CompleteTime';
    const POOMMAIL_DISALLOWNEWTIMEPROPOSAL = 'POOMMAIL:DisallowNewTimeProposal';

    /* Email2 code page */
    const POOMMAIL2_UMCALLERID             = 'POOMMAIL2:UmCallerId';
    const POOMMAIL2_UMUSERNOTES            = 'POOMMAIL2:UmUserNotes';
    const POOMMAIL2_UMATTDURATION          = 'POOMMAIL2:UmAttDuration';
    const POOMMAIL2_UMATTORDER             = 'POOMMAIL2:UmAttOrder';
    const POOMMAIL2_CONVERSATIONID         = 'POOMMAIL2:ConversationId';
    const POOMMAIL2_CONVERSATIONINDEX      = 'POOMMAIL2:ConversationIndex';
    const POOMMAIL2_LASTVERBEXECUTED       = 'POOMMAIL2:LastVerbExecuted';
    const POOMMAIL2_LASTVERBEXECUTIONTIME  = 'POOMMAIL2:LastVerbExecutionTime';
    const POOMMAIL2_RECEIVEDASBCC          = 'POOMMAIL2:ReceivedAsBcc';
    const POOMMAIL2_SENDER                 = 'POOMMAIL2:Sender';
    const POOMMAIL2_CALENDARTYPE           = 'POOMMAIL2:CalendarType';
    const POOMMAIL2_ISLEAPMONTH            = 'POOMMAIL2:IsLeapMonth';
    const POOMMAIL2_ACCOUNTID              = 'POOMMAIL2:AccountId';
    const POOMMAIL2_FIRSTDAYOFWEEK         = 'POOMMAIL2:FirstDayOfWeek';
    const POOMMAIL2_MEETINGMESSAGETYPE     = 'POOMMAIL2:MeetingMessageType';
    const POOMMAIL2_ISDRAFT                = 'POOMMAIL2:IsDraft';
    const POOMMAIL2_BCC                    = 'POOMMAIL2:Bcc';
    const POOMMAIL2_SEND                   = 'POOMMAIL2:Send';

    /* Message classes */
    const CLASS_NOTE                       = 'IPM.Note';
    const CLASS_MEETING_REQUEST            = 'IPM.Schedule.Meeting.Request';
    const CLASS_MEETING_NOTICE             = 'IPM.Notification.Meeting';

    /* Read flag */
    const FLAG_READ_UNSEEN   = 0;
    const FLAG_READ_SEEN     = 1;

    /* UTF-8's code page id */
    const INTERNET_CPID_UTF8 = 65001;

    /* Importance */
    const IMPORTANCE_LOW     = 0;
    const IMPORTANCE_NORM    = 1;
    const IMPORTANCE_HIGH    = 2;

    /* LastVerbExecuted */
    const VERB_NONE          = 0;
    const VERB_REPLY_SENDER  = 1;
    const VERB_REPLY_ALL     = 2;
    const VERB_FORWARD       = 3;

    protected $_mapping = array(
        self::POOMMAIL_TO             => array(self::KEY_ATTRIBUTE => 'to'),
        self::POOMMAIL_CC             => array(self::KEY_ATTRIBUTE => 'cc'),
        self::POOMMAIL_FROM           => array(self::KEY_ATTRIBUTE => 'from'),
        self::POOMMAIL_SUBJECT        => array(self::KEY_ATTRIBUTE => 'subject'),
        self::POOMMAIL_REPLY_TO       => array(self::KEY_ATTRIBUTE => 'reply_to'),
        self::POOMMAIL_DATERECEIVED   => array(self::KEY_ATTRIBUTE => 'datereceived', self::KEY_TYPE => self::TYPE_DATE_DASHES),
        self::POOMMAIL_DISPLAYTO      => array(self::KEY_ATTRIBUTE => 'displayto'),
        self::POOMMAIL_THREADTOPIC    => array(self::KEY_ATTRIBUTE => 'threadtopic'),
        self::POOMMAIL_IMPORTANCE     => array(self::KEY_ATTRIBUTE => 'importance'),
        self::POOMMAIL_READ           => array(self::KEY_ATTRIBUTE => 'read'),
        self::POOMMAIL_MIMETRUNCATED  => array(self::KEY_ATTRIBUTE => 'mimetruncated'),
        // (a string, not the TYPE_MAPI_STREAM constant, as in Horde: the
        // data goes through _checkEncoding())
        self::POOMMAIL_MIMEDATA       => array(self::KEY_ATTRIBUTE => 'mimedata', self::KEY_TYPE => 'KEY_TYPE_MAPI_STREAM'),
        self::POOMMAIL_MIMESIZE       => array(self::KEY_ATTRIBUTE => 'mimesize'),
        self::POOMMAIL_MESSAGECLASS   => array(self::KEY_ATTRIBUTE => 'messageclass'),
        self::POOMMAIL_MEETINGREQUEST => array(self::KEY_ATTRIBUTE => 'meetingrequest', self::KEY_TYPE => 'Horde_ActiveSync_Message_MeetingRequest'),
        self::POOMMAIL_INTERNETCPID   => array(self::KEY_ATTRIBUTE => 'cpid'),
    );

    protected $_properties = array(
        'to'             => false,
        'cc'             => false,
        'from'           => false,
        'subject'        => false,
        'threadtopic'    => false,
        'datereceived'   => false,
        'displayto'      => false,
        'importance'     => false,
        'mimetruncated'  => false,
        'mimedata'       => false,
        'mimesize'       => false,
        'messageclass'   => false,
        'meetingrequest' => false,
        'reply_to'       => false,
        'read'           => false,
        'cpid'           => false,
    );

    public function __construct(array $options = array())
    {
        parent::__construct($options);
        if (!$this->_shaped()) {
            $this->_mapVersion();
            $this->_keepShape(__CLASS__);
        }
    }

    /**
     * Adds the tags and properties of the protocol version.
     */
    private function _mapVersion()
    {
        if ($this->_version == Horde_ActiveSync::VERSION_TWOFIVE) {
            $this->_mapping += array(
                self::POOMMAIL_ATTACHMENTS   => array(self::KEY_ATTRIBUTE => 'attachments', self::KEY_TYPE => 'Horde_ActiveSync_Message_Attachment', self::KEY_VALUES => self::POOMMAIL_ATTACHMENT),
                self::POOMMAIL_BODYTRUNCATED => array(self::KEY_ATTRIBUTE => 'bodytruncated'),
                self::POOMMAIL_BODYSIZE      => array(self::KEY_ATTRIBUTE => 'bodysize'),
                self::POOMMAIL_BODY          => array(self::KEY_ATTRIBUTE => 'body'),
            );
            $this->_properties += array(
                'attachments'   => false,
                'bodytruncated' => false,
                'bodysize'      => false,
                'body'          => false,
            );
        }
        if ($this->_version < Horde_ActiveSync::VERSION_TWELVE) {
            return;
        }

        $this->_mapping += array(
            Horde_ActiveSync::AIRSYNCBASE_NATIVEBODYTYPE => array(self::KEY_ATTRIBUTE => 'airsyncbasenativebodytype'),
            Horde_ActiveSync::AIRSYNCBASE_BODY           => array(self::KEY_ATTRIBUTE => 'airsyncbasebody', self::KEY_TYPE => 'Horde_ActiveSync_Message_AirSyncBaseBody'),
            Horde_ActiveSync::AIRSYNCBASE_ATTACHMENTS    => array(
                self::KEY_ATTRIBUTE => 'airsyncbaseattachments',
                self::KEY_TYPE      => array('Horde_ActiveSync_Message_AirSyncBaseAttachment', 'Horde_ActiveSync_Message_AirSyncBaseAdd', 'Horde_ActiveSync_Message_AirSyncBaseDelete'),
                self::KEY_VALUES    => array(Horde_ActiveSync::AIRSYNCBASE_ATTACHMENT, Horde_ActiveSync::AIRSYNCBASE_ADD, Horde_ActiveSync::AIRSYNCBASE_DELETE),
            ),
            self::POOMMAIL_FLAG                          => array(self::KEY_ATTRIBUTE => 'flag', self::KEY_TYPE => 'Horde_ActiveSync_Message_Flag'),
            self::POOMMAIL_CONTENTCLASS                  => array(self::KEY_ATTRIBUTE => 'contentclass'),
        );
        $this->_properties += array(
            'airsyncbasenativebodytype' => false,
            'airsyncbasebody'           => false,
            'airsyncbaseattachments'    => array(),
            'contentclass'              => false,
            'flag'                      => false,
        );

        if ($this->_version <= Horde_ActiveSync::VERSION_FOURTEENONE) {
            $this->_mapping += array(
                self::POOMMAIL_LOCATION    => array(self::KEY_ATTRIBUTE => 'location'),
                self::POOMMAIL_GLOBALOBJID => array(self::KEY_ATTRIBUTE => 'globalobjid'),
            );
            $this->_properties += array(
                'location'    => false,
                'globalobjid' => false,
            );
        }

        if ($this->_version >= Horde_ActiveSync::VERSION_FOURTEEN) {
            $this->_mapping += array(
                self::POOMMAIL_CATEGORIES             => array(self::KEY_ATTRIBUTE => 'categories', self::KEY_VALUES => self::POOMMAIL_CATEGORY),
                // a Category outside Categories; no such property (as in Horde)
                self::POOMMAIL_CATEGORY               => array(self::KEY_ATTRIBUTE => 'category'),
                self::POOMMAIL2_UMCALLERID            => array(self::KEY_ATTRIBUTE => 'umcallerid'),
                self::POOMMAIL2_UMUSERNOTES           => array(self::KEY_ATTRIBUTE => 'umusernotes'),
                self::POOMMAIL2_UMATTDURATION         => array(self::KEY_ATTRIBUTE => 'umattduration'),
                self::POOMMAIL2_UMATTORDER            => array(self::KEY_ATTRIBUTE => 'umattorder'),
                self::POOMMAIL2_CONVERSATIONID        => array(self::KEY_ATTRIBUTE => 'conversationid'),
                self::POOMMAIL2_CONVERSATIONINDEX     => array(self::KEY_ATTRIBUTE => 'conversationindex'),
                self::POOMMAIL2_LASTVERBEXECUTED      => array(self::KEY_ATTRIBUTE => 'lastverbexecuted'),
                self::POOMMAIL2_LASTVERBEXECUTIONTIME => array(self::KEY_ATTRIBUTE => 'lastverbexecutiontime', self::KEY_TYPE => self::TYPE_DATE_DASHES),
                self::POOMMAIL2_RECEIVEDASBCC         => array(self::KEY_ATTRIBUTE => 'receivedasbcc'),
                self::POOMMAIL2_SENDER                => array(self::KEY_ATTRIBUTE => 'sender'),
                self::POOMMAIL2_CALENDARTYPE          => array(self::KEY_ATTRIBUTE => 'calendartype'),
                self::POOMMAIL2_ISLEAPMONTH           => array(self::KEY_ATTRIBUTE => 'isleapmonth'),
                self::POOMMAIL2_ACCOUNTID             => array(self::KEY_ATTRIBUTE => 'accountid'),
                self::POOMMAIL2_FIRSTDAYOFWEEK        => array(self::KEY_ATTRIBUTE => 'firstdayofweek'),
            );
            $this->_properties += array(
                'umcallerid'            => false,
                'umusernotes'           => false,
                'umattduration'         => false,
                'umattorder'            => false,
                'conversationid'        => false,
                'conversationindex'     => false,
                'lastverbexecuted'      => false,
                'lastverbexecutiontime' => false,
                'receivedasbcc'         => false,
                'sender'                => false,
                'calendartype'          => false,
                'isleapmonth'           => false,
                'accountid'             => false,
                'firstdayofweek'        => false,
                'categories'            => array(),
                // not on the wire; for the backend
                'messageid'             => false,
                'answered'              => false,
                'forwarded'             => false,
            );
        }

        if ($this->_version > Horde_ActiveSync::VERSION_FOURTEEN) {
            $this->_mapping += array(
                Horde_ActiveSync::AIRSYNCBASE_BODYPART => array(self::KEY_ATTRIBUTE => 'airsyncbasebodypart', self::KEY_TYPE => 'Horde_ActiveSync_Message_AirSyncBaseBodypart'),
            );
            $this->_properties += array('airsyncbasebodypart' => false);
        }

        if ($this->_version >= Horde_ActiveSync::VERSION_SIXTEEN) {
            // Horde 5 nests the UID entry inside the location's and maps the
            // location as text; a location is an AirSyncBase:Location object
            // and the UID (Calendar:UID) is an entry of its own
            $this->_mapping += array(
                self::POOMMAIL2_ISDRAFT                           => array(self::KEY_ATTRIBUTE => 'isdraft'),
                self::POOMMAIL2_BCC                               => array(self::KEY_ATTRIBUTE => 'bcc'),
                self::POOMMAIL2_SEND                              => array(self::KEY_ATTRIBUTE => 'send'),
                Horde_ActiveSync::AIRSYNCBASE_LOCATION            => array(self::KEY_ATTRIBUTE => 'location', self::KEY_TYPE => 'Horde_ActiveSync_Message_AirSyncBaseLocation'),
                Horde_ActiveSync_Message_Appointment::POOMCAL_UID => array(self::KEY_ATTRIBUTE => 'uid'),
            );
            $this->_properties += array(
                'isdraft'  => false,
                'bcc'      => false,
                'send'     => false,
                'location' => false,
                'uid'      => false,
            );
        }
    }

    /**
     * A draft as a MIME part and headers (EAS 16.0 drafts).
     *
     * @return array  'part' (Horde_Mime_Part) and 'headers'
     *                (Horde_Mime_Headers).
     */
    public function draftToMime()
    {
        $body = $this->airsyncbasebody;
        $part = new Horde_Mime_Part();
        $part->setContents($body->data);
        $part->setType($body->type == Horde_ActiveSync::BODYPREF_TYPE_HTML ? 'text/html' : 'text/plain');

        $headers = new Horde_Mime_Headers();
        foreach (array('To' => 'to', 'Cc' => 'cc', 'Subject' => 'subject', 'Bcc' => 'bcc',
                       'reply-to' => 'reply_to', 'importance' => 'importance') as $header => $property) {
            if ($this->$property) {
                $headers->addHeader($header, $this->$property);
            }
        }

        return array('part' => $part, 'headers' => $headers);
    }

    /**
     * @param Horde_ActiveSync_Message_AirSyncBaseAttachment $atc
     *
     * @throws Horde_ActiveSync_Exception before EAS 12.0.
     */
    public function addAttachment(Horde_ActiveSync_Message_AirSyncBaseAttachment $atc)
    {
        if (!isset($this->_properties['airsyncbaseattachments'])) {
            throw new Horde_ActiveSync_Exception('Property unavailable');
        }
        $this->_properties['airsyncbaseattachments'][] = $atc;
    }

    /**
     * @return string  The collection class: 'Email'.
     */
    public function getClass()
    {
        return 'Email';
    }

    /**
     * Flag and Categories are written empty when unset, so clients clear
     * what they had.
     */
    protected function _checkSendEmpty($tag)
    {
        return $tag == self::POOMMAIL_FLAG || $tag == self::POOMMAIL_CATEGORIES;
    }
}
