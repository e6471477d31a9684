<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * The meeting request inside a mail (MS-ASEMAIL MeetingRequest), built
 * from the invitation's iCalendar data.
 *
 * @property integer    $alldayevent
 * @property Horde_Date $starttime
 * @property Horde_Date $dtstamp
 * @property Horde_Date $endtime
 * @property integer    $instancetype  0 single, 1 recurring master, 2 an
 *                                     occurrence, 3 an exception.
 * @property string     $location
 * @property string     $organizer
 * @property Horde_Date $recurrenceid
 * @property integer    $reminder
 * @property integer    $responserequested
 * @property array      $recurrences   Horde_ActiveSync_Message_MeetingRequestRecurrence
 * @property integer    $sensitivity
 * @property integer    $busystatus
 * @property string     $timezone      A time zone blob.
 * @property string     $globalobjid
 * @property boolean    $disallownewtimeproposal  (EAS 14.0+)
 * @property integer    $meetingmessagetype       (EAS 14.1+)
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_MeetingRequest extends Horde_ActiveSync_Message_Base
{
    /* MeetingMessageType (MS-ASEMAIL 2.2.2.48) */
    const MEETING_MESSAGE_UNSPECIFIED    = 0;
    const MEETING_MESSAGE_REQUEST        = 1;
    const MEETING_MESSAGE_FULL_UPDATE    = 2;
    const MEETING_MESSAGE_INFO_UPDATE    = 3;
    const MEETING_MESSAGE_OUTDATED       = 4;
    const MEETING_MESSAGE_DELEGATOR_COPY = 5;
    const MEETING_MESSAGE_DELEGATED      = 6;
    /* A cancellation has no value of its own in the specification; it is
     * sent as "not specified". */
    const MEETING_MESSAGE_CANCEL         = 0;

    protected $_mapping = array(
        Horde_ActiveSync_Message_Mail::POOMMAIL_ALLDAYEVENT       => array(self::KEY_ATTRIBUTE => 'alldayevent'),
        Horde_ActiveSync_Message_Mail::POOMMAIL_STARTTIME         => array(self::KEY_ATTRIBUTE => 'starttime', self::KEY_TYPE => self::TYPE_DATE_DASHES),
        Horde_ActiveSync_Message_Mail::POOMMAIL_DTSTAMP           => array(self::KEY_ATTRIBUTE => 'dtstamp', self::KEY_TYPE => self::TYPE_DATE_DASHES),
        Horde_ActiveSync_Message_Mail::POOMMAIL_ENDTIME           => array(self::KEY_ATTRIBUTE => 'endtime', self::KEY_TYPE => self::TYPE_DATE_DASHES),
        Horde_ActiveSync_Message_Mail::POOMMAIL_INSTANCETYPE      => array(self::KEY_ATTRIBUTE => 'instancetype'),
        Horde_ActiveSync_Message_Mail::POOMMAIL_LOCATION          => array(self::KEY_ATTRIBUTE => 'location'),
        Horde_ActiveSync_Message_Mail::POOMMAIL_ORGANIZER         => array(self::KEY_ATTRIBUTE => 'organizer'),
        Horde_ActiveSync_Message_Mail::POOMMAIL_RECURRENCEID      => array(self::KEY_ATTRIBUTE => 'recurrenceid', self::KEY_TYPE => self::TYPE_DATE_DASHES),
        Horde_ActiveSync_Message_Mail::POOMMAIL_REMINDER          => array(self::KEY_ATTRIBUTE => 'reminder'),
        Horde_ActiveSync_Message_Mail::POOMMAIL_RESPONSEREQUESTED => array(self::KEY_ATTRIBUTE => 'responserequested'),
        Horde_ActiveSync_Message_Mail::POOMMAIL_RECURRENCES       => array(self::KEY_ATTRIBUTE => 'recurrences', self::KEY_TYPE => 'Horde_ActiveSync_Message_MeetingRequestRecurrence', self::KEY_VALUES => Horde_ActiveSync_Message_Mail::POOMMAIL_RECURRENCE),
        Horde_ActiveSync_Message_Mail::POOMMAIL_SENSITIVITY       => array(self::KEY_ATTRIBUTE => 'sensitivity'),
        Horde_ActiveSync_Message_Mail::POOMMAIL_BUSYSTATUS        => array(self::KEY_ATTRIBUTE => 'busystatus'),
        Horde_ActiveSync_Message_Mail::POOMMAIL_TIMEZONE          => array(self::KEY_ATTRIBUTE => 'timezone'),
        Horde_ActiveSync_Message_Mail::POOMMAIL_GLOBALOBJID       => array(self::KEY_ATTRIBUTE => 'globalobjid'),
    );

    protected $_properties = array(
        'alldayevent'       => '0',
        'starttime'         => false,
        'dtstamp'           => false,
        'endtime'           => false,
        'instancetype'      => '0',
        'location'          => false,
        'organizer'         => false,
        'recurrenceid'      => false,
        'reminder'          => false,
        'responserequested' => false,
        'recurrences'       => array(),
        'sensitivity'       => false,
        'busystatus'        => false,
        'timezone'          => false,
        'globalobjid'       => false,
    );

    /**
     * The invitation's event.
     *
     * @var Horde_Icalendar_Vevent
     */
    protected $_vEvent;

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
        if ($this->_version >= Horde_ActiveSync::VERSION_FOURTEEN) {
            $this->_mapping += array(
                Horde_ActiveSync_Message_Mail::POOMMAIL_DISALLOWNEWTIMEPROPOSAL => array(self::KEY_ATTRIBUTE => 'disallownewtimeproposal'),
            );
            $this->_properties += array('disallownewtimeproposal' => false);
        }
        if ($this->_version > Horde_ActiveSync::VERSION_FOURTEEN) {
            $this->_mapping += array(
                Horde_ActiveSync_Message_Mail::POOMMAIL2_MEETINGMESSAGETYPE => array(self::KEY_ATTRIBUTE => 'meetingmessagetype'),
            );
            $this->_properties += array('meetingmessagetype' => false);
        }
    }

    /**
     * Fills the request from an iCalendar object's event.
     *
     * @param Horde_Icalendar $vCal
     *
     * @throws Horde_ActiveSync_Exception
     */
    public function fromvEvent($vCal)
    {
        try {
            $method = $vCal->getAttribute('METHOD');
        } catch (Horde_Icalendar_Exception $e) {
            throw new Horde_ActiveSync_Exception('Unable to parse vEvent');
        }
        foreach ($vCal->getComponents() as $component) {
            // VTIMEZONE is not read: times without a zone are the server's
            if ($component->getType() == 'vEvent') {
                $this->_vEvent = $component;
                $this->_parsevEvent($component, $method);
            }
        }
        if (empty($this->_vEvent)) {
            return;
        }

        try {
            $this->timezone = Horde_ActiveSync_Timezone::getSyncTZFromOffsets(
                Horde_ActiveSync_Timezone::getOffsetsFromDate(new Horde_Date($this->_vEvent->getAttribute('DTSTART'))));
        } catch (Horde_Icalendar_Exception $e) {
        }
        $this->alldayevent = (int)$this->_isAllDay();
    }

    /**
     * @return Horde_Icalendar_Vevent
     */
    public function getvEvent()
    {
        return $this->_vEvent;
    }

    /**
     * Reads an event's properties.
     *
     * @param Horde_Icalendar_Vevent $vevent
     * @param string $method  REQUEST, CANCEL, ...
     *
     * @throws Horde_ActiveSync_Exception
     */
    protected function _parsevEvent($vevent, $method = 'REQUEST')
    {
        $this->responserequested = $method == 'REQUEST' ? '1' : '0';
        if ($method == 'CANCEL' && $this->propertyExists('meetingmessagetype')) {
            $this->meetingmessagetype = self::MEETING_MESSAGE_CANCEL;
        }
        try {
            $organizer = parse_url($vevent->getAttribute('ORGANIZER'));
            $this->organizer = isset($organizer['path']) ? $organizer['path'] : '';
        } catch (Horde_Icalendar_Exception $e) {
        }

        try {
            $this->globalobjid = Horde_ActiveSync_Utils::createGoid($vevent->getAttributeDefault('UID', 'nouid'));
            $this->starttime = new Horde_Date($vevent->getAttribute('DTSTART'));
        } catch (Horde_Exception $e) {
            throw new Horde_ActiveSync_Exception($e);
        }
        try {
            $this->dtstamp = new Horde_Date($vevent->getAttribute('DTSTAMP'));
        } catch (Horde_Exception $e) {
        }
        try {
            $this->endtime = new Horde_Date($vevent->getAttribute('DTEND'));
            $this->location = Horde_String::truncate($vevent->getAttribute('LOCATION'), 255);
        } catch (Horde_Icalendar_Exception $e) {
        }

        $this->instancetype = Horde_ActiveSync_Utils_Recurrence::detectInstanceType($vevent);
        try {
            $recurrenceId = $vevent->getAttribute('RECURRENCE-ID');
            if (!is_array($recurrenceId) && strlen((string)$recurrenceId)) {
                $this->recurrenceid = new Horde_Date($recurrenceId);
            }
        } catch (Horde_Exception $e) {
        }
        if ($this->instancetype == '1' && ($rule = Horde_ActiveSync_Utils_Recurrence::recurrenceFromVevent($vevent))) {
            $this->recurrences = array(Horde_ActiveSync_Utils_Recurrence::toMeetingRequestRecurrence($rule, array(
                'protocolversion' => $this->_version,
                'logger' => $this->_logger)));
        }
        if ($this->propertyExists('disallownewtimeproposal')) {
            foreach (array('DISALLOW-COUNTER', 'X-MS-DISALLOW-COUNTER', 'X-MICROSOFT-DISALLOW-COUNTER') as $name) {
                try {
                    $value = $vevent->getAttribute($name);
                } catch (Horde_Icalendar_Exception $e) {
                    continue;
                }
                if (!is_array($value) && strtoupper(trim((string)$value)) == 'TRUE') {
                    $this->disallownewtimeproposal = true;
                }
            }
        }

        try {
            $class = $vevent->getAttribute('CLASS');
            if (!is_array($class)) {
                switch ($class) {
                case 'PRIVATE':
                    $this->sensitivity = Horde_ActiveSync_Message_Appointment::SENSITIVITY_PRIVATE;
                    break;
                case 'CONFIDENTIAL':
                    $this->sensitivity = Horde_ActiveSync_Message_Appointment::SENSITIVITY_CONFIDENTIAL;
                    break;
                case 'PERSONAL':
                    $this->sensitivity = Horde_ActiveSync_Message_Appointment::SENSITIVITY_PERSONAL;
                    break;
                default:
                    $this->sensitivity = Horde_ActiveSync_Message_Appointment::SENSITIVITY_NORMAL;
                }
            }
        } catch (Horde_Icalendar_Exception $e) {
        }

        try {
            $status = $vevent->getAttribute('STATUS');
            if (!is_array($status)) {
                $status = Horde_String::upper($status);
                $this->busystatus = $status == 'TENTATIVE'
                    ? Horde_ActiveSync_Message_Appointment::BUSYSTATUS_TENTATIVE
                    : ($status == 'CONFIRMED'
                       ? Horde_ActiveSync_Message_Appointment::BUSYSTATUS_BUSY
                       : Horde_ActiveSync_Message_Appointment::BUSYSTATUS_FREE);
            }
        } catch (Horde_Icalendar_Exception $e) {
        }

        // vCalendar 1.0 alarm: a date
        try {
            $alarm = $vevent->getAttribute('AALARM');
            if (!is_array($alarm) && intval($alarm)) {
                $this->reminder = intval($this->starttime->timestamp() - $alarm);
            }
        } catch (Horde_Icalendar_Exception $e) {
        }

        // iCalendar 2.0 alarms: a date, or an offset
        foreach ($vevent->getComponents() as $alarm) {
            if (!($alarm instanceof Horde_Icalendar_Valarm)) {
                continue;
            }
            try {
                $trigger = $alarm->getAttribute('TRIGGER');
                $params = $alarm->getAttribute('TRIGGER', true);
            } catch (Horde_Icalendar_Exception $e) {
                continue;
            }
            if (isset($params['VALUE']) && $params['VALUE'] == 'DATE-TIME') {
                $base = isset($params['RELATED']) && $params['RELATED'] == 'END' ? $this->endtime : $this->starttime;
                $this->reminder = intval($base->timestamp() - $trigger);
            } else {
                $this->reminder = -intval($trigger);
            }
        }
    }

    /**
     * @return boolean  Whether the meeting spans whole days.
     */
    protected function _isAllDay()
    {
        $start = $this->starttime;
        $end = $this->endtime;
        if (!($start instanceof Horde_Date) || !($end instanceof Horde_Date)) {
            return false;
        }
        if ($start->hour != 0 || $start->min != 0 || $start->sec != 0) {
            return false;
        }
        return ($end->hour == 23 && $end->min == 59) ||
            ($end->hour == 0 && $end->min == 0 && $end->sec == 0 &&
             ($end->mday > $start->mday || $end->month > $start->month || $end->year > $start->year));
    }
}
