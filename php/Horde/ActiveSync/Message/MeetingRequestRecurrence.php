<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * The recurrence of a meeting request in a mail (MS-ASEMAIL Recurrence,
 * Email code page; CalendarType, IsLeapMonth and FirstDayOfWeek in Email2).
 *
 * @property integer    $type
 * @property Horde_Date $until
 * @property integer    $occurrences
 * @property integer    $interval
 * @property integer    $dayofweek
 * @property integer    $dayofmonth
 * @property integer    $weekofmonth
 * @property integer    $monthofyear
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_MeetingRequestRecurrence extends Horde_ActiveSync_Message_Base
{
    protected $_mapping = array(
        Horde_ActiveSync_Message_Mail::POOMMAIL_TYPE        => array(self::KEY_ATTRIBUTE => 'type'),
        Horde_ActiveSync_Message_Mail::POOMMAIL_UNTIL       => array(self::KEY_ATTRIBUTE => 'until', self::KEY_TYPE => self::TYPE_DATE),
        Horde_ActiveSync_Message_Mail::POOMMAIL_OCCURRENCES => array(self::KEY_ATTRIBUTE => 'occurrences'),
        Horde_ActiveSync_Message_Mail::POOMMAIL_INTERVAL    => array(self::KEY_ATTRIBUTE => 'interval'),
        Horde_ActiveSync_Message_Mail::POOMMAIL_DAYOFWEEK   => array(self::KEY_ATTRIBUTE => 'dayofweek'),
        Horde_ActiveSync_Message_Mail::POOMMAIL_DAYOFMONTH  => array(self::KEY_ATTRIBUTE => 'dayofmonth'),
        Horde_ActiveSync_Message_Mail::POOMMAIL_WEEKOFMONTH => array(self::KEY_ATTRIBUTE => 'weekofmonth'),
        Horde_ActiveSync_Message_Mail::POOMMAIL_MONTHOFYEAR => array(self::KEY_ATTRIBUTE => 'monthofyear'),
    );

    protected $_properties = array(
        'type'        => false,
        'until'       => false,
        'occurrences' => false,
        'interval'    => false,
        'dayofweek'   => false,
        'dayofmonth'  => false,
        'weekofmonth' => false,
        'monthofyear' => false,
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
        if ($this->_version >= Horde_ActiveSync::VERSION_FOURTEEN) {
            $this->_mapping += array(
                Horde_ActiveSync_Message_Mail::POOMMAIL2_CALENDARTYPE => array(self::KEY_ATTRIBUTE => 'calendartype'),
                Horde_ActiveSync_Message_Mail::POOMMAIL2_ISLEAPMONTH  => array(self::KEY_ATTRIBUTE => 'isleapmonth'),
            );
            $this->_properties += array(
                'calendartype' => false,
                'isleapmonth'  => false,
            );
        }
        if ($this->_version >= Horde_ActiveSync::VERSION_FOURTEENONE) {
            $this->_mapping += array(
                Horde_ActiveSync_Message_Mail::POOMMAIL2_FIRSTDAYOFWEEK => array(self::KEY_ATTRIBUTE => 'firstdayofweek'),
            );
            $this->_properties += array('firstdayofweek' => false);
        }
    }

    /**
     * The same pattern as a calendar item's recurrence.
     *
     * @param Horde_ActiveSync_Message_Recurrence $recurrence
     * @param array $options  Message options (protocolversion, logger, ...).
     *
     * @return Horde_ActiveSync_Message_MeetingRequestRecurrence
     */
    public static function fromCalendarRecurrence(Horde_ActiveSync_Message_Recurrence $recurrence, array $options = array())
    {
        $message = new self($options);
        foreach (array_keys($message->_properties) as $property) {
            if (!$recurrence->propertyExists($property)) {
                continue;
            }
            $value = $recurrence->getProperty($property);
            if ($value !== false && $value !== '') {
                $message->setProperty($property, $value);
            }
        }
        return $message;
    }

    /**
     * A weekly recurrence needs days of the week.
     *
     * @return boolean
     */
    protected function _validateDecodedValues()
    {
        return !($this->_properties['type'] == Horde_ActiveSync_Message_Recurrence::TYPE_WEEKLY &&
                 $this->_properties['dayofweek'] < 1);
    }

    protected function _preEncodeValidation()
    {
        return $this->_validateDecodedValues();
    }
}
