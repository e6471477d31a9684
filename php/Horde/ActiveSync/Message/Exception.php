<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * An exception to a recurring calendar item (MS-ASCAL Exception): the
 * occurrence it replaces (ExceptionStartTime; InstanceId from EAS 16.0),
 * the properties that differ, or Deleted.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_Exception extends Horde_ActiveSync_Message_Appointment
{
    protected $_mapping = array(
        Horde_ActiveSync_Message_Appointment::POOMCAL_TIMEZONE       => array(self::KEY_ATTRIBUTE => 'timezone'),
        Horde_ActiveSync_Message_Appointment::POOMCAL_DTSTAMP        => array(self::KEY_ATTRIBUTE => 'dtstamp', self::KEY_TYPE => self::TYPE_DATE),
        Horde_ActiveSync_Message_Appointment::POOMCAL_STARTTIME      => array(self::KEY_ATTRIBUTE => 'starttime', self::KEY_TYPE => self::TYPE_DATE),
        Horde_ActiveSync_Message_Appointment::POOMCAL_SUBJECT        => array(self::KEY_ATTRIBUTE => 'subject'),
        Horde_ActiveSync_Message_Appointment::POOMCAL_ORGANIZERNAME  => array(self::KEY_ATTRIBUTE => 'organizername'),
        Horde_ActiveSync_Message_Appointment::POOMCAL_ORGANIZEREMAIL => array(self::KEY_ATTRIBUTE => 'organizeremail'),
        Horde_ActiveSync_Message_Appointment::POOMCAL_ENDTIME        => array(self::KEY_ATTRIBUTE => 'endtime', self::KEY_TYPE => self::TYPE_DATE),
        Horde_ActiveSync_Message_Appointment::POOMCAL_SENSITIVITY    => array(self::KEY_ATTRIBUTE => 'sensitivity'),
        Horde_ActiveSync_Message_Appointment::POOMCAL_BUSYSTATUS     => array(self::KEY_ATTRIBUTE => 'busystatus'),
        Horde_ActiveSync_Message_Appointment::POOMCAL_ALLDAYEVENT    => array(self::KEY_ATTRIBUTE => 'alldayevent'),
        Horde_ActiveSync_Message_Appointment::POOMCAL_REMINDER       => array(self::KEY_ATTRIBUTE => 'reminder'),
        Horde_ActiveSync_Message_Appointment::POOMCAL_MEETINGSTATUS  => array(self::KEY_ATTRIBUTE => 'meetingstatus'),
        Horde_ActiveSync_Message_Appointment::POOMCAL_ATTENDEES      => array(self::KEY_ATTRIBUTE => 'attendees', self::KEY_TYPE => 'Horde_ActiveSync_Message_Attendee', self::KEY_VALUES => Horde_ActiveSync_Message_Appointment::POOMCAL_ATTENDEE),
        Horde_ActiveSync_Message_Appointment::POOMCAL_CATEGORIES     => array(self::KEY_ATTRIBUTE => 'categories', self::KEY_VALUES => Horde_ActiveSync_Message_Appointment::POOMCAL_CATEGORY),
        Horde_ActiveSync_Message_Appointment::POOMCAL_DELETED        => array(self::KEY_ATTRIBUTE => 'deleted'),
    );

    protected $_properties = array(
        'timezone'       => false,
        'dtstamp'        => false,
        'starttime'      => false,
        'subject'        => false,
        'organizeremail' => false,
        'organizername'  => false,
        'endtime'        => false,
        'sensitivity'    => false,
        'busystatus'     => false,
        'alldayevent'    => false,
        'reminder'       => false,
        'meetingstatus'  => false,
        'deleted'        => false,
        'attendees'      => array(),
        'categories'     => array(),
    );

    /**
     * The recurring item this is an exception of.
     *
     * @var Horde_ActiveSync_Message_Appointment
     */
    private $_parentAppointment = null;

    public function __construct(array $options = array())
    {
        // the appointment's version-dependent tags apply to exceptions too
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
        if ($this->_version <= Horde_ActiveSync::VERSION_FOURTEENONE) {
            $this->_mapping += array(
                Horde_ActiveSync_Message_Appointment::POOMCAL_EXCEPTIONSTARTTIME => array(self::KEY_ATTRIBUTE => 'exceptionstarttime', self::KEY_TYPE => self::TYPE_DATE),
                Horde_ActiveSync_Message_Appointment::POOMCAL_LOCATION           => array(self::KEY_ATTRIBUTE => 'location'),
            );
            $this->_properties += array(
                'exceptionstarttime' => false,
                'location'           => false,
            );
        }
        if ($this->_version >= Horde_ActiveSync::VERSION_SIXTEEN) {
            // (Horde 5 names the class without quotes here and cannot build
            // an exception at 16.0)
            $this->_mapping += array(
                Horde_ActiveSync::AIRSYNCBASE_LOCATION   => array(self::KEY_ATTRIBUTE => 'location', self::KEY_TYPE => 'Horde_ActiveSync_Message_AirSyncBaseLocation'),
                Horde_ActiveSync::AIRSYNCBASE_INSTANCEID => array(self::KEY_ATTRIBUTE => 'instanceid', self::KEY_TYPE => self::TYPE_DATE),
            );
            $this->_properties += array(
                'location'   => false,
                'instanceid' => false,
            );
        }
    }

    /**
     * Marks the occurrence deleted.
     *
     * @param boolean $flag
     */
    public function setDeletedFlag($flag)
    {
        $this->_properties['deleted'] = $flag;
    }

    /**
     * @return Horde_Date  The start of the occurrence this replaces.
     */
    public function getExceptionStartTime()
    {
        return $this->_getAttribute('exceptionstarttime');
    }

    /**
     * @param Horde_Date $date  The start of the occurrence this replaces.
     */
    public function setExceptionStartTime($date)
    {
        $this->exceptionstarttime = $date;
    }

    /**
     * @param Horde_ActiveSync_Message_Appointment $parent
     */
    public function setParentAppointment(Horde_ActiveSync_Message_Appointment $parent)
    {
        $this->_parentAppointment = $parent;
    }

    /**
     * @return array  start, end and allday; missing times are the parent's.
     */
    public function getDatetime()
    {
        return array(
            'start'  => $this->getStarttime(),
            'end'    => $this->getEndtime(),
            'allday' => !empty($this->_properties['alldayevent']),
        );
    }

    /**
     * @return Horde_Date  The start, or the parent's.
     */
    public function getStarttime()
    {
        if (empty($this->_properties['starttime'])) {
            return $this->_parentAppointment->getStarttime();
        }
        return $this->_properties['starttime'];
    }

    /**
     * @return Horde_Date  The end, or the parent's.
     */
    public function getEndtime()
    {
        if (empty($this->_properties['endtime'])) {
            return $this->_parentAppointment->getEndtime();
        }
        return $this->_properties['endtime'];
    }

    /**
     * An all-day exception's times are set to midnight (in place, as
     * Horde does); from EAS 16.0 they are UTC dates and the zone is left
     * out.
     *
     * @return boolean
     */
    protected function _preEncodeValidation()
    {
        if (!$this->_properties['alldayevent']) {
            return true;
        }
        foreach (array('starttime', 'endtime') as $field) {
            if ($this->_properties[$field] instanceof Horde_Date) {
                $this->_properties[$field]->hour = 0;
                $this->_properties[$field]->min = 0;
                $this->_properties[$field]->sec = 0;
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
}
