<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * A calendar item (MS-ASCAL).
 *
 * Times are UTC on the wire with the item's zone as a separate blob
 * (setTimezone()). EAS 16.0 changed the model: Location became an
 * AirSyncBase:Location object, items gained ClientUid, InstanceId and
 * attachments, all-day items carry no zone and no time of day, and
 * top-level properties a client leaves out are ghosted.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_Appointment extends Horde_ActiveSync_Message_Base
{
    /* Calendar code page */
    const POOMCAL_TIMEZONE           = 'POOMCAL:Timezone';
    const POOMCAL_ALLDAYEVENT        = 'POOMCAL:AllDayEvent';
    const POOMCAL_ATTENDEES          = 'POOMCAL:Attendees';
    const POOMCAL_ATTENDEE           = 'POOMCAL:Attendee';
    const POOMCAL_ATTENDEESTATUS     = 'POOMCAL:AttendeeStatus';
    const POOMCAL_ATTENDEETYPE       = 'POOMCAL:AttendeeType';
    const POOMCAL_EMAIL              = 'POOMCAL:Email';
    const POOMCAL_NAME               = 'POOMCAL:Name';
    const POOMCAL_BODY               = 'POOMCAL:Body';
    const POOMCAL_BODYTRUNCATED      = 'POOMCAL:BodyTruncated';
    const POOMCAL_BUSYSTATUS         = 'POOMCAL:BusyStatus';
    const POOMCAL_CATEGORIES         = 'POOMCAL:Categories';
    const POOMCAL_CATEGORY           = 'POOMCAL:Category';
    const POOMCAL_RTF                = 'POOMCAL:Rtf';
    const POOMCAL_DTSTAMP            = 'POOMCAL:DtStamp';
    const POOMCAL_ENDTIME            = 'POOMCAL:EndTime';
    const POOMCAL_EXCEPTION          = 'POOMCAL:Exception';
    const POOMCAL_EXCEPTIONS         = 'POOMCAL:Exceptions';
    const POOMCAL_DELETED            = 'POOMCAL:Deleted';
    const POOMCAL_EXCEPTIONSTARTTIME = 'POOMCAL:ExceptionStartTime';
    const POOMCAL_LOCATION           = 'POOMCAL:Location';
    const POOMCAL_MEETINGSTATUS      = 'POOMCAL:MeetingStatus';
    const POOMCAL_ORGANIZEREMAIL     = 'POOMCAL:OrganizerEmail';
    const POOMCAL_ORGANIZERNAME      = 'POOMCAL:OrganizerName';
    const POOMCAL_RECURRENCE         = 'POOMCAL:Recurrence';
    const POOMCAL_TYPE               = 'POOMCAL:Type';
    const POOMCAL_UNTIL              = 'POOMCAL:Until';
    const POOMCAL_OCCURRENCES        = 'POOMCAL:Occurrences';
    const POOMCAL_INTERVAL           = 'POOMCAL:Interval';
    const POOMCAL_DAYOFWEEK          = 'POOMCAL:DayOfWeek';
    const POOMCAL_DAYOFMONTH         = 'POOMCAL:DayOfMonth';
    const POOMCAL_WEEKOFMONTH        = 'POOMCAL:WeekOfMonth';
    const POOMCAL_MONTHOFYEAR        = 'POOMCAL:MonthOfYear';
    const POOMCAL_REMINDER           = 'POOMCAL:Reminder';
    const POOMCAL_SENSITIVITY        = 'POOMCAL:Sensitivity';
    const POOMCAL_SUBJECT            = 'POOMCAL:Subject';
    const POOMCAL_STARTTIME          = 'POOMCAL:StartTime';
    const POOMCAL_UID                = 'POOMCAL:UID';

    /* EAS 14.0 */
    const POOMCAL_DISALLOWNEWTIMEPROPOSAL = 'POOMCAL:DisallowNewTimeProposal';
    const POOMCAL_RESPONSEREQUESTED       = 'POOMCAL:ResponseRequested';
    const POOMCAL_APPOINTMENTREPLYTIME    = 'POOMCAL:AppointmentReplyTime';
    const POOMCAL_CALENDARTYPE            = 'POOMCAL:CalendarType';
    const POOMCAL_ISLEAPMONTH             = 'POOMCAL:IsLeapMonth';
    const POOMCAL_RESPONSETYPE            = 'POOMCAL:ResponseType';

    /* EAS 14.1 */
    const POOMCAL_FIRSTDAYOFWEEK          = 'POOMCAL:FirstDayOfWeek';
    const POOMCAL_ONLINECONFLINK          = 'POOMCAL:OnlineMeetingConfLink';
    const POOMCAL_ONLINEEXTLINK           = 'POOMCAL:OnlineMeetingExternalLink';

    /* EAS 16.0 */
    const POOMCAL_CLIENTUID               = 'POOMCAL:ClientUid';

    /* Sensitivity */
    const SENSITIVITY_NORMAL         = 0;
    const SENSITIVITY_PERSONAL       = 1;
    const SENSITIVITY_PRIVATE        = 2;
    const SENSITIVITY_CONFIDENTIAL   = 3;

    /* Busy status; ELSEWHERE from EAS 16.0 */
    const BUSYSTATUS_FREE            = 0;
    const BUSYSTATUS_TENTATIVE       = 1;
    const BUSYSTATUS_BUSY            = 2;
    const BUSYSTATUS_OUT             = 3;
    const BUSYSTATUS_ELSEWHERE       = 4;

    const IS_ALL_DAY                 = 1;

    /* Meeting status */
    const MEETING_NOT_MEETING        = 0;
    const MEETING_IS_MEETING         = 1;
    const MEETING_RECEIVED           = 3;
    const MEETING_CANCELLED          = 5;
    const MEETING_CANCELLED_RECEIVED = 7;

    /* Response status */
    const RESPONSE_NONE              = 0;
    const RESPONSE_ORGANIZER         = 1;
    const RESPONSE_TENTATIVE         = 2;
    const RESPONSE_ACCEPTED          = 3;
    const RESPONSE_DECLINED          = 4;
    const RESPONSE_NORESPONSE        = 5;

    /**
     * Horde_Date weekday numbers to Horde_Date day masks.
     *
     * @var array
     */
    protected $_dayOfWeekMap = array(
        Horde_Date::DATE_SUNDAY    => Horde_Date::MASK_SUNDAY,
        Horde_Date::DATE_MONDAY    => Horde_Date::MASK_MONDAY,
        Horde_Date::DATE_TUESDAY   => Horde_Date::MASK_TUESDAY,
        Horde_Date::DATE_WEDNESDAY => Horde_Date::MASK_WEDNESDAY,
        Horde_Date::DATE_THURSDAY  => Horde_Date::MASK_THURSDAY,
        Horde_Date::DATE_FRIDAY    => Horde_Date::MASK_FRIDAY,
        Horde_Date::DATE_SATURDAY  => Horde_Date::MASK_SATURDAY,
    );

    protected $_mapping = array(
        self::POOMCAL_TIMEZONE       => array(self::KEY_ATTRIBUTE => 'timezone'),
        self::POOMCAL_ALLDAYEVENT    => array(self::KEY_ATTRIBUTE => 'alldayevent'),
        self::POOMCAL_BUSYSTATUS     => array(self::KEY_ATTRIBUTE => 'busystatus'),
        self::POOMCAL_ORGANIZERNAME  => array(self::KEY_ATTRIBUTE => 'organizername'),
        self::POOMCAL_ORGANIZEREMAIL => array(self::KEY_ATTRIBUTE => 'organizeremail'),
        self::POOMCAL_DTSTAMP        => array(self::KEY_ATTRIBUTE => 'dtstamp', self::KEY_TYPE => self::TYPE_DATE),
        self::POOMCAL_ENDTIME        => array(self::KEY_ATTRIBUTE => 'endtime', self::KEY_TYPE => self::TYPE_DATE),
        self::POOMCAL_REMINDER       => array(self::KEY_ATTRIBUTE => 'reminder'),
        self::POOMCAL_SENSITIVITY    => array(self::KEY_ATTRIBUTE => 'sensitivity'),
        self::POOMCAL_SUBJECT        => array(self::KEY_ATTRIBUTE => 'subject'),
        self::POOMCAL_STARTTIME      => array(self::KEY_ATTRIBUTE => 'starttime', self::KEY_TYPE => self::TYPE_DATE),
        self::POOMCAL_UID            => array(self::KEY_ATTRIBUTE => 'uid'),
        self::POOMCAL_MEETINGSTATUS  => array(self::KEY_ATTRIBUTE => 'meetingstatus'),
        self::POOMCAL_ATTENDEES      => array(self::KEY_ATTRIBUTE => 'attendees', self::KEY_TYPE => 'Horde_ActiveSync_Message_Attendee', self::KEY_VALUES => self::POOMCAL_ATTENDEE),
        self::POOMCAL_CATEGORIES     => array(self::KEY_ATTRIBUTE => 'categories', self::KEY_VALUES => self::POOMCAL_CATEGORY),
        self::POOMCAL_RECURRENCE     => array(self::KEY_ATTRIBUTE => 'recurrence', self::KEY_TYPE => 'Horde_ActiveSync_Message_Recurrence'),
        self::POOMCAL_EXCEPTIONS     => array(self::KEY_ATTRIBUTE => 'exceptions', self::KEY_TYPE => 'Horde_ActiveSync_Message_Exception', self::KEY_VALUES => self::POOMCAL_EXCEPTION),
    );

    protected $_properties = array(
        'alldayevent'    => false,
        'attendees'      => array(),
        'busystatus'     => false,
        'categories'     => array(),
        'dtstamp'        => false,
        'endtime'        => false,
        'exceptions'     => array(),
        'organizeremail' => false,
        'organizername'  => false,
        'meetingstatus'  => false,
        'recurrence'     => false,
        'reminder'       => false,
        'sensitivity'    => false,
        'starttime'      => false,
        'subject'        => false,
        'timezone'       => false,
        'uid'            => false,
        // the server's own uid; never on the wire
        'serveruid'      => false,
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
        // a plain-text location until EAS 16.0
        if ($this->_version <= Horde_ActiveSync::VERSION_FOURTEENONE) {
            $this->_mapping += array(
                self::POOMCAL_LOCATION => array(self::KEY_ATTRIBUTE => 'location'),
            );
            $this->_properties += array('location' => false);
        }

        if ($this->_version < Horde_ActiveSync::VERSION_TWELVE) {
            $this->_mapping += array(
                self::POOMCAL_BODY          => array(self::KEY_ATTRIBUTE => 'body'),
                self::POOMCAL_BODYTRUNCATED => array(self::KEY_ATTRIBUTE => 'bodytruncated'),
                self::POOMCAL_RTF           => array(self::KEY_ATTRIBUTE => 'rtf'),
            );
            $this->_properties += array(
                'body'          => false,
                'bodytruncated' => 0,
                'rtf'           => false,
            );
            return;
        }

        $this->_mapping += array(
            Horde_ActiveSync::AIRSYNCBASE_BODY => array(self::KEY_ATTRIBUTE => 'airsyncbasebody', self::KEY_TYPE => 'Horde_ActiveSync_Message_AirSyncBaseBody'),
        );
        $this->_properties += array('airsyncbasebody' => false);

        if ($this->_version >= Horde_ActiveSync::VERSION_FOURTEEN) {
            $this->_mapping += array(
                self::POOMCAL_RESPONSEREQUESTED       => array(self::KEY_ATTRIBUTE => 'responserequested'),
                self::POOMCAL_APPOINTMENTREPLYTIME    => array(self::KEY_ATTRIBUTE => 'appointmentreplytime', self::KEY_TYPE => self::TYPE_DATE_DASHES),
                self::POOMCAL_RESPONSETYPE            => array(self::KEY_ATTRIBUTE => 'responsetype'),
                self::POOMCAL_DISALLOWNEWTIMEPROPOSAL => array(self::KEY_ATTRIBUTE => 'disallownewtimeproposal'),
            );
            $this->_properties += array(
                'disallownewtimeproposal' => false,
                'responserequested'       => false,
                'appointmentreplytime'    => false,
                'responsetype'            => false,
            );
        }
        if ($this->_version >= Horde_ActiveSync::VERSION_FOURTEENONE) {
            $this->_mapping += array(
                self::POOMCAL_ONLINECONFLINK => array(self::KEY_ATTRIBUTE => 'onlinemeetingconflink'),
                self::POOMCAL_ONLINEEXTLINK  => array(self::KEY_ATTRIBUTE => 'onlinemeetingexternallink'),
            );
            $this->_properties += array(
                'onlinemeetingconflink'     => false,
                'onlinemeetingexternallink' => false,
            );
        }
        if ($this->_version >= Horde_ActiveSync::VERSION_SIXTEEN) {
            $this->_mapping += array(
                Horde_ActiveSync::AIRSYNCBASE_LOCATION    => array(self::KEY_ATTRIBUTE => 'location', self::KEY_TYPE => 'Horde_ActiveSync_Message_AirSyncBaseLocation'),
                self::POOMCAL_CLIENTUID                   => array(self::KEY_ATTRIBUTE => 'clientuid'),
                Horde_ActiveSync::AIRSYNCBASE_INSTANCEID  => array(self::KEY_ATTRIBUTE => 'instanceid', self::KEY_TYPE => self::TYPE_DATE),
                Horde_ActiveSync::AIRSYNCBASE_ATTACHMENTS => array(
                    self::KEY_ATTRIBUTE => 'airsyncbaseattachments',
                    self::KEY_TYPE      => array('Horde_ActiveSync_Message_AirSyncBaseAttachment', 'Horde_ActiveSync_Message_AirSyncBaseAdd', 'Horde_ActiveSync_Message_AirSyncBaseDelete'),
                    self::KEY_VALUES    => array(Horde_ActiveSync::AIRSYNCBASE_ATTACHMENT, Horde_ActiveSync::AIRSYNCBASE_ADD, Horde_ActiveSync::AIRSYNCBASE_DELETE),
                ),
            );
            $this->_properties += array(
                'location'               => false,
                'clientuid'              => false,
                'instanceid'             => false,
                'airsyncbaseattachments' => array(),
            );
        }
    }

    /**
     * Rules for what a client sends. From EAS 16.0 (MS-ASCAL 2.2.2): UID,
     * DtStamp and the organizer are the server's business and are dropped
     * (Horde 5 refused the whole item); a changed all-day item has no zone
     * and no time of day, and its exceptions are all-day as well.
     *
     * @return boolean
     */
    protected function _validateDecodedValues()
    {
        if ($this->_version < Horde_ActiveSync::VERSION_SIXTEEN) {
            return true;
        }
        foreach (array('uid', 'dtstamp', 'organizername', 'organizeremail') as $forbidden) {
            if (!empty($this->_properties[$forbidden])) {
                $this->_logger->notice(sprintf(
                    'Dropping %s, which an EAS %s client must not send.', $forbidden, $this->_version));
                $this->_properties[$forbidden] = false;
                unset($this->_exists[$forbidden]);
            }
        }
        if ($this->commandType != Horde_ActiveSync::SYNC_MODIFY) {
            return true;
        }
        if ($this->_properties['alldayevent']) {
            if (!empty($this->_properties['timezone'])) {
                return false;
            }
            foreach (array('starttime', 'endtime') as $field) {
                if ($this->_properties[$field] && $this->_hasTimeOfDay($this->_properties[$field])) {
                    return false;
                }
            }
            $recurrence = isset($this->_properties['recurrence']) ? $this->_properties['recurrence'] : false;
            if ($recurrence && ($until = $recurrence->until) instanceof Horde_Date &&
                $this->_hasTimeOfDay($until)) {
                return false;
            }
        }
        // (an exception is validated with these rules too, and has none)
        $exceptions = isset($this->_properties['exceptions']) ? $this->_properties['exceptions'] : array();
        foreach ($exceptions as $exception) {
            if ($exception->alldayevent != $this->_properties['alldayevent']) {
                return false;
            }
        }

        return true;
    }

    /**
     * All-day items start and end at midnight; from EAS 16.0 they are sent
     * without a zone, their dates as UTC dates.
     *
     * @return boolean
     */
    protected function _preEncodeValidation()
    {
        if (!$this->_properties['alldayevent']) {
            return true;
        }
        foreach (array('starttime', 'endtime') as $field) {
            if ($this->_properties[$field] && $this->_hasTimeOfDay($this->_properties[$field])) {
                return false;
            }
        }
        if ($this->_version >= Horde_ActiveSync::VERSION_SIXTEEN) {
            $this->_properties['timezone'] = false;
            foreach (array('starttime', 'endtime') as $field) {
                if ($this->_properties[$field] instanceof Horde_Date) {
                    $this->_properties[$field] = self::_sameDateInUtc($this->_properties[$field]);
                }
            }
        }

        return true;
    }

    /**
     * @param Horde_Date $date
     *
     * @return boolean  Whether the time of day is not midnight.
     */
    protected function _hasTimeOfDay($date)
    {
        return $date instanceof Horde_Date && ($date->hour != 0 || $date->min != 0 || $date->sec != 0);
    }

    /**
     * The calendar date of a date as midnight UTC. (Horde converts to UTC
     * and puts the day back, which lands in the wrong month for the first
     * of a month east of UTC.)
     *
     * @param Horde_Date $date
     *
     * @return Horde_Date
     */
    protected static function _sameDateInUtc(Horde_Date $date)
    {
        return new Horde_Date(
            array('year' => (int)$date->year, 'month' => (int)$date->month, 'mday' => (int)$date->mday),
            'UTC');
    }

    /**
     * Sets the zone from a date in it, or from a zone name (for the
     * current year).
     *
     * @param Horde_Date|string $date
     *
     * @throws InvalidArgumentException
     */
    public function setTimezone($date)
    {
        if (!($date instanceof Horde_Date)) {
            if (!is_string($date)) {
                throw new InvalidArgumentException(
                    '$date must be an instance of Horde_Date or a valid timezone descriptor');
            }
            $date = new Horde_Date(time(), $date);
        }
        $this->_properties['timezone'] = Horde_ActiveSync_Timezone::getSyncTZFromOffsets(
            Horde_ActiveSync_Timezone::getOffsetsFromDate($date));
    }

    /**
     * The item's zone as an Olson name, preferring the server's default
     * zone when it fits. A zone no PHP zone fits gives the default zone
     * (Horde throws).
     *
     * @return string
     */
    public function getTimezone()
    {
        $default = date_default_timezone_get();
        try {
            $parser = new Horde_ActiveSync_Timezone();
            $zone = $parser->getTimezone($this->timezone, $default);
        } catch (Horde_ActiveSync_Exception $e) {
            $this->_logger->err('No time zone fits the item\'s time zone data; using ' . $default);
            return $default;
        }
        return $zone == $default ? $zone : Horde_Date::getTimezoneAlias($zone);
    }

    /**
     * @param Horde_Date|integer $date
     * @deprecated  Set $message->dtstamp.
     */
    public function setDTStamp($date)
    {
        if (!($date instanceof Horde_Date)) {
            $date = new Horde_Date($date);
        }
        $this->_properties['dtstamp'] = $date;
    }

    /**
     * @return Horde_Date
     * @deprecated
     */
    public function getDTStamp()
    {
        return $this->_getAttribute('dtstamp');
    }

    /**
     * Sets start, end and the all-day flag. An item from midnight to 23:59
     * or from midnight to a later midnight is all-day; so is one flagged
     * 'allday', whose times are then moved to midnights.
     *
     * @param array $datetime  start (Horde_Date, required), end
     *                         (Horde_Date), duration (seconds), allday.
     *
     * @throws InvalidArgumentException
     * @deprecated  Set the properties.
     */
    public function setDatetime(array $datetime = array())
    {
        if (empty($datetime['start'])) {
            throw new InvalidArgumentException('Missing the required start parameter');
        }
        $start = clone $datetime['start'];
        if (!empty($datetime['end'])) {
            $end = clone $datetime['end'];
        } elseif (!empty($datetime['duration'])) {
            $end = clone $start;
            $end->sec += $datetime['duration'];
        } else {
            $end = clone $start;
        }

        $startsAtMidnight = $start->hour == 0 && $start->min == 0 && $start->sec == 0;
        if ($startsAtMidnight && $end->hour == 23 && $end->min == 59) {
            $end = self::_nextMidnight($end);
            $this->_properties['alldayevent'] = self::IS_ALL_DAY;
        } elseif ($startsAtMidnight && $end->hour == 0 && $end->min == 0 && $end->sec == 0 &&
                  ($end->mday > $start->mday || $end->month > $start->month || $end->year > $start->year)) {
            $this->_properties['alldayevent'] = self::IS_ALL_DAY;
        } elseif (!empty($datetime['allday'])) {
            $start->hour = $start->min = $start->sec = 0;
            $end = self::_nextMidnight($end);
            $this->_properties['alldayevent'] = self::IS_ALL_DAY;
        }
        $this->_properties['starttime'] = $start;
        $this->_properties['endtime'] = $end;
    }

    /**
     * Midnight after a date's day, in its zone.
     *
     * @param Horde_Date $date
     *
     * @return Horde_Date
     */
    protected static function _nextMidnight(Horde_Date $date)
    {
        return new Horde_Date(
            array('year' => (int)$date->year, 'month' => (int)$date->month, 'mday' => (int)$date->mday + 1),
            $date->timezone);
    }

    /**
     * @return array  start, end (Horde_Date) and allday (boolean).
     * @deprecated
     */
    public function getDatetime()
    {
        $this->_checkDatetime();
        return array(
            'start'  => $this->_properties['starttime'],
            'end'    => $this->_properties['endtime'],
            'allday' => !empty($this->_properties['alldayevent']),
        );
    }

    /**
     * @return Horde_Date
     */
    public function getStarttime()
    {
        $this->_checkDatetime();
        return $this->_properties['starttime'];
    }

    /**
     * @return Horde_Date
     */
    public function getEndtime()
    {
        $this->_checkDatetime();
        return $this->_properties['endtime'];
    }

    /**
     * Fills missing times as MS-ASCAL 3.2.4.4 says: no start and no end
     * is the next half hour, lasting 30 minutes; a past start without an
     * end lasts 30 minutes.
     *
     * @throws Horde_ActiveSync_Exception for an end without a start, or a
     *         future start without an end.
     */
    protected function _checkDatetime()
    {
        if (empty($this->_properties['starttime'])) {
            if (!empty($this->_properties['endtime'])) {
                throw new Horde_ActiveSync_Exception('Invalid dates');
            }
            $now = new Horde_Date(time());
            $now->min = ($now->min > 0 && $now->min < 30) ? 30 : 60;
            $this->_properties['starttime'] = clone $now;
            $now->add(array('min' => 30));
            $this->_properties['endtime'] = clone $now;
        } elseif (empty($this->_properties['endtime'])) {
            if ($this->_properties['starttime']->timestamp() > time()) {
                throw new Horde_ActiveSync_Exception('Invalid dates');
            }
            $end = clone $this->_properties['starttime'];
            $end->add(array('min' => 30));
            $this->_properties['endtime'] = $end;
        }
    }

    /**
     * @param string $subject
     * @deprecated  Set $message->subject.
     */
    public function setSubject($subject)
    {
        $this->_properties['subject'] = $subject;
    }

    /**
     * @return string
     * @deprecated
     */
    public function getSubject()
    {
        return $this->_getAttribute('subject');
    }

    /**
     * The item's UID as clients know it. Clients invite by it, so the
     * server uses it as its UID too.
     *
     * @param string $uid
     */
    public function setUid($uid)
    {
        $this->_properties['uid'] = $uid;
    }

    /**
     * @return string
     */
    public function getUid()
    {
        return $this->_getAttribute('uid');
    }

    /**
     * The server's UID of the item, which the client never sends back.
     *
     * @param string $uid
     */
    public function setServerUID($uid)
    {
        $this->_properties['serveruid'] = $uid;
    }

    /**
     * @return string
     */
    public function getServerUID()
    {
        return $this->_getAttribute('serveruid');
    }

    /**
     * @param array $organizer  'name' and 'email'.
     */
    public function setOrganizer(array $organizer)
    {
        $this->_properties['organizername'] = !empty($organizer['name']) ? $organizer['name'] : '';
        $this->_properties['organizeremail'] = !empty($organizer['email']) ? $organizer['email'] : '';
    }

    /**
     * @return array  'name' and 'email'.
     */
    public function getOrganizer()
    {
        return array(
            'name'  => $this->_getAttribute('organizername'),
            'email' => $this->_getAttribute('organizeremail'),
        );
    }

    /**
     * The location. From EAS 16.0 a location is an AirSyncBase:Location;
     * text given then becomes its display name.
     *
     * @param string|Horde_ActiveSync_Message_AirSyncBaseLocation $location
     * @deprecated  Set $message->location.
     */
    public function setLocation($location)
    {
        if ($this->_version >= Horde_ActiveSync::VERSION_SIXTEEN && !is_object($location) &&
            $location !== false && $location !== null && strlen($location)) {
            $object = new Horde_ActiveSync_Message_AirSyncBaseLocation(array(
                'protocolversion' => $this->_version,
                'logger' => $this->_logger));
            $object->displayname = $location;
            $location = $object;
        }
        $this->_properties['location'] = $location;
    }

    /**
     * @return string|Horde_ActiveSync_Message_AirSyncBaseLocation
     * @deprecated
     */
    public function getLocation()
    {
        return $this->_getAttribute('location');
    }

    /**
     * Sets the recurrence from a Horde_Date_Recurrence.
     *
     * @param Horde_Date_Recurrence $recurrence
     * @param integer $fdow  The first day of the week (EAS 14.1), a
     *                       Horde_ActiveSync_Message_Recurrence::FIRSTDAY_*.
     */
    public function setRecurrence(Horde_Date_Recurrence $recurrence, $fdow = null)
    {
        // (Horde asks messageFactory(), which takes the request's version)
        $r = new Horde_ActiveSync_Message_Recurrence(array(
            'protocolversion' => $this->_version,
            'logger' => $this->_logger,
            'device' => $this->_device));
        if ($this->_version >= Horde_ActiveSync::VERSION_FOURTEENONE) {
            $r->firstdayofweek = $fdow;
        }

        switch ($recurrence->recurType) {
        case Horde_Date_Recurrence::RECUR_DAILY:
            $r->type = Horde_ActiveSync_Message_Recurrence::TYPE_DAILY;
            break;
        case Horde_Date_Recurrence::RECUR_WEEKLY:
            $r->type = Horde_ActiveSync_Message_Recurrence::TYPE_WEEKLY;
            $r->dayofweek = $recurrence->getRecurOnDays();
            break;
        case Horde_Date_Recurrence::RECUR_MONTHLY_DATE:
            $r->type = Horde_ActiveSync_Message_Recurrence::TYPE_MONTHLY;
            break;
        case Horde_Date_Recurrence::RECUR_MONTHLY_WEEKDAY:
            $r->type = Horde_ActiveSync_Message_Recurrence::TYPE_MONTHLY_NTH;
            $r->weekofmonth = ceil($recurrence->start->mday / 7);
            $r->dayofweek = $this->_dayOfWeekMap[$recurrence->start->dayOfWeek()];
            break;
        case Horde_Date_Recurrence::RECUR_YEARLY_DATE:
            $r->type = Horde_ActiveSync_Message_Recurrence::TYPE_YEARLY;
            $r->monthofyear = $recurrence->start->month;
            $r->dayofmonth = $recurrence->start->mday;
            break;
        case Horde_Date_Recurrence::RECUR_YEARLY_DAY:
            $r->type = Horde_ActiveSync_Message_Recurrence::TYPE_YEARLYNTH;
            $r->weekofmonth = ceil($recurrence->start->mday / 7);
            $r->monthofyear = $recurrence->start->month;
            break;
        case Horde_Date_Recurrence::RECUR_YEARLY_WEEKDAY:
            $r->type = Horde_ActiveSync_Message_Recurrence::TYPE_YEARLYNTH;
            $r->dayofweek = $this->_dayOfWeekMap[$recurrence->start->dayOfWeek()];
            $r->weekofmonth = ceil($recurrence->start->mday / 7);
            $r->monthofyear = $recurrence->start->month;
            break;
        }
        if (!empty($recurrence->recurInterval)) {
            $r->interval = $recurrence->recurInterval;
        }
        // a count or an end date, never both
        if ($recurrence->hasRecurCount()) {
            $r->occurrences = $recurrence->getRecurCount();
        } elseif ($recurrence->hasRecurEnd()) {
            $r->until = $recurrence->getRecurEnd();
        }
        // only the Gregorian calendar
        if ($this->_version >= Horde_ActiveSync::VERSION_FOURTEEN) {
            $r->calendartype = Horde_ActiveSync_Message_Recurrence::CALENDAR_TYPE_GREGORIAN;
        }

        $this->_properties['recurrence'] = $r;
    }

    /**
     * The recurrence as a Horde_Date_Recurrence starting at the item's
     * start in the item's zone, or false.
     *
     * @return Horde_Date_Recurrence|boolean
     */
    public function getRecurrence()
    {
        if (!$recurrence = $this->_getAttribute('recurrence')) {
            return false;
        }
        $start = clone $this->_getAttribute('starttime');
        $start->setTimezone($this->getTimezone());
        $rrule = new Horde_Date_Recurrence($start);

        switch ($recurrence->type) {
        case Horde_ActiveSync_Message_Recurrence::TYPE_DAILY:
            $rrule->setRecurType(Horde_Date_Recurrence::RECUR_DAILY);
            break;
        case Horde_ActiveSync_Message_Recurrence::TYPE_WEEKLY:
            $rrule->setRecurType(Horde_Date_Recurrence::RECUR_WEEKLY);
            $rrule->setRecurOnDay($recurrence->dayofweek);
            break;
        case Horde_ActiveSync_Message_Recurrence::TYPE_MONTHLY:
            $rrule->setRecurType(Horde_Date_Recurrence::RECUR_MONTHLY_DATE);
            break;
        case Horde_ActiveSync_Message_Recurrence::TYPE_MONTHLY_NTH:
            $rrule->setRecurType(Horde_Date_Recurrence::RECUR_MONTHLY_WEEKDAY);
            $rrule->setRecurOnDay($recurrence->dayofweek);
            break;
        case Horde_ActiveSync_Message_Recurrence::TYPE_YEARLY:
            $rrule->setRecurType(Horde_Date_Recurrence::RECUR_YEARLY_DATE);
            break;
        case Horde_ActiveSync_Message_Recurrence::TYPE_YEARLYNTH:
            $rrule->setRecurType(Horde_Date_Recurrence::RECUR_YEARLY_WEEKDAY);
            $rrule->setRecurOnDay($recurrence->dayofweek);
            break;
        }
        if ($count = $recurrence->occurrences) {
            $rrule->setRecurCount($count);
        }
        if ($until = $recurrence->until) {
            $rrule->setRecurEnd(new Horde_Date($until));
        }
        if ($interval = $recurrence->interval) {
            $rrule->setRecurInterval($interval);
        }

        return $rrule;
    }

    /**
     * @param Horde_ActiveSync_Message_Exception $exception
     */
    public function addException(Horde_ActiveSync_Message_Exception $exception)
    {
        $this->_properties['exceptions'][] = $exception;
    }

    /**
     * The exceptions, each knowing this item as its parent.
     *
     * @return array  Horde_ActiveSync_Message_Exception objects.
     */
    public function getExceptions()
    {
        foreach ($this->_properties['exceptions'] as $exception) {
            $exception->setParentAppointment($this);
        }
        return $this->_properties['exceptions'];
    }

    /**
     * @param integer $sensitivity  A SENSITIVITY_* constant.
     * @deprecated
     */
    public function setSensitivity($sensitivity)
    {
        $this->_properties['sensitivity'] = $sensitivity;
    }

    /**
     * @return integer
     * @deprecated
     */
    public function getSensitivity()
    {
        return $this->_getAttribute('sensitivity');
    }

    /**
     * @param integer $busy  A BUSYSTATUS_* constant.
     * @deprecated
     */
    public function setBusyStatus($busy)
    {
        $this->_properties['busystatus'] = $busy;
    }

    /**
     * @return integer
     * @deprecated
     */
    public function getBusyStatus()
    {
        return $this->_getAttribute('busystatus');
    }

    /**
     * @param integer $response  A RESPONSE_* constant.
     * @deprecated
     */
    public function setResponseType($response)
    {
        $this->_properties['responsetype'] = $response;
    }

    /**
     * @return integer
     * @deprecated
     */
    public function getResponseType()
    {
        return $this->_getAttribute('responsetype');
    }

    /**
     * @param integer $minutes  Minutes before the start.
     * @deprecated
     */
    public function setReminder($minutes)
    {
        $this->_properties['reminder'] = (int)$minutes;
    }

    /**
     * @return integer|boolean  Minutes before the start, or false.
     * @deprecated
     */
    public function getReminder()
    {
        $reminder = $this->_getAttribute('reminder');
        return $reminder < 0 ? false : $reminder;
    }

    /**
     * @param integer $status  A MEETING_* constant.
     */
    public function setMeetingStatus($status)
    {
        $this->_properties['meetingstatus'] = $status;
    }

    /**
     * @return integer
     */
    public function getMeetingStatus()
    {
        return $this->_getAttribute('meetingstatus');
    }

    /**
     * @param Horde_ActiveSync_Message_Attendee $attendee
     */
    public function addAttendee($attendee)
    {
        $this->_properties['attendees'][] = $attendee;
    }

    /**
     * @return array
     */
    public function getAttendees()
    {
        return $this->_properties['attendees'];
    }

    /**
     * The EAS 2.5 body.
     *
     * @param string $body
     * @deprecated
     */
    public function setBody($body)
    {
        $this->_properties['body'] = $body;
    }

    /**
     * @return string
     * @deprecated
     */
    public function getBody()
    {
        return $this->_getAttribute('body');
    }

    /**
     * @param string $category
     */
    public function addCategory($category)
    {
        $this->_properties['categories'][] = $category;
    }

    /**
     * @return array
     */
    public function getCategories()
    {
        return $this->_properties['categories'];
    }

    /**
     * Attaches a file (EAS 16.0).
     *
     * @param Horde_ActiveSync_Message_AirSyncBaseAttachment $atc
     *
     * @throws Horde_ActiveSync_Exception before EAS 16.0.
     */
    public function addAttachment(Horde_ActiveSync_Message_AirSyncBaseAttachment $atc)
    {
        if ($this->_version < Horde_ActiveSync::VERSION_SIXTEEN) {
            throw new Horde_ActiveSync_Exception('Property unavailable');
        }
        $this->_properties['airsyncbaseattachments'][] = $atc;
    }

    /**
     * From EAS 16.0 every top-level property the client did not send is
     * ghosted.
     *
     * @param string $property
     *
     * @return boolean
     */
    public function isGhosted($property)
    {
        if ($this->_version >= Horde_ActiveSync::VERSION_SIXTEEN && empty($this->_exists[$property])) {
            return true;
        }
        return parent::isGhosted($property);
    }

    /**
     * @return string  The collection class: 'Calendar'.
     */
    public function getClass()
    {
        return 'Calendar';
    }
}
