<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Recurrence conversions shared by the message classes: iCalendar events
 * to EAS instance types and recurrence messages.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Utils_Recurrence
{
    /**
     * Horde_Date weekday numbers to Horde_Date day masks.
     *
     * @var array
     */
    protected static $_dayOfWeekMap = array(
        Horde_Date::DATE_SUNDAY    => Horde_Date::MASK_SUNDAY,
        Horde_Date::DATE_MONDAY    => Horde_Date::MASK_MONDAY,
        Horde_Date::DATE_TUESDAY   => Horde_Date::MASK_TUESDAY,
        Horde_Date::DATE_WEDNESDAY => Horde_Date::MASK_WEDNESDAY,
        Horde_Date::DATE_THURSDAY  => Horde_Date::MASK_THURSDAY,
        Horde_Date::DATE_FRIDAY    => Horde_Date::MASK_FRIDAY,
        Horde_Date::DATE_SATURDAY  => Horde_Date::MASK_SATURDAY,
    );

    /**
     * The MS-ASEMAIL InstanceType of an event: '0' single, '1' recurring
     * master, '2' an occurrence (RECURRENCE-ID and RRULE), '3' an
     * exception (RECURRENCE-ID alone).
     *
     * @param Horde_Icalendar_Vevent $vevent
     *
     * @return string
     */
    public static function detectInstanceType(Horde_Icalendar_Vevent $vevent)
    {
        $hasRecurrenceId = self::_hasAttribute($vevent, 'RECURRENCE-ID');
        $hasRrule = self::_hasAttribute($vevent, 'RRULE');
        if ($hasRecurrenceId) {
            return $hasRrule ? '2' : '3';
        }
        return $hasRrule ? '1' : '0';
    }

    /**
     * @param Horde_Icalendar_Vevent $vevent
     * @param string $name
     *
     * @return boolean  Whether the event has one non-empty such attribute.
     */
    protected static function _hasAttribute(Horde_Icalendar_Vevent $vevent, $name)
    {
        try {
            $value = $vevent->getAttribute($name);
        } catch (Horde_Icalendar_Exception $e) {
            return false;
        }
        return !is_array($value) && strlen((string)$value) > 0;
    }

    /**
     * The event's RRULE as a Horde_Date_Recurrence from its DTSTART, or
     * null.
     *
     * @param Horde_Icalendar_Vevent $vevent
     *
     * @return Horde_Date_Recurrence|null
     */
    public static function recurrenceFromVevent(Horde_Icalendar_Vevent $vevent)
    {
        if (!self::_hasAttribute($vevent, 'RRULE')) {
            return null;
        }
        try {
            $rrule = $vevent->getAttribute('RRULE');
            $start = new Horde_Date($vevent->getAttribute('DTSTART'));
        } catch (Horde_Exception $e) {
            return null;
        }
        $recurrence = new Horde_Date_Recurrence($start);
        if (strpos($rrule, '=') !== false) {
            $recurrence->fromRRule20($rrule);
        } else {
            $recurrence->fromRRule10($rrule);
        }
        return $recurrence;
    }

    /**
     * A calendar (Calendar page) recurrence message.
     *
     * @param Horde_Date_Recurrence $recurrence
     * @param array $options  Message options, and firstdayofweek (EAS 14.1).
     *
     * @return Horde_ActiveSync_Message_Recurrence
     */
    public static function toCalendarRecurrence(Horde_Date_Recurrence $recurrence, array $options = array())
    {
        $version = isset($options['protocolversion']) ? $options['protocolversion'] : '';
        $r = new Horde_ActiveSync_Message_Recurrence($options);
        if (!empty($options['firstdayofweek']) && $version >= Horde_ActiveSync::VERSION_FOURTEENONE) {
            $r->firstdayofweek = $options['firstdayofweek'];
        }
        self::_mapHordeRecurrence($recurrence, $r);
        if ($version >= Horde_ActiveSync::VERSION_FOURTEEN) {
            $r->calendartype = Horde_ActiveSync_Message_Recurrence::CALENDAR_TYPE_GREGORIAN;
        }
        return $r;
    }

    /**
     * A meeting request (Email page) recurrence message.
     *
     * @param Horde_Date_Recurrence $recurrence
     * @param array $options  As toCalendarRecurrence().
     *
     * @return Horde_ActiveSync_Message_MeetingRequestRecurrence
     */
    public static function toMeetingRequestRecurrence(Horde_Date_Recurrence $recurrence, array $options = array())
    {
        return Horde_ActiveSync_Message_MeetingRequestRecurrence::fromCalendarRecurrence(
            self::toCalendarRecurrence($recurrence, $options), $options);
    }

    /**
     * Copies type, days, interval and count or end onto a recurrence
     * message.
     *
     * @param Horde_Date_Recurrence $recurrence
     * @param Horde_ActiveSync_Message_Base $target
     */
    protected static function _mapHordeRecurrence(Horde_Date_Recurrence $recurrence, $target)
    {
        $start = $recurrence->start;
        switch ($recurrence->recurType) {
        case Horde_Date_Recurrence::RECUR_DAILY:
            $target->type = Horde_ActiveSync_Message_Recurrence::TYPE_DAILY;
            break;
        case Horde_Date_Recurrence::RECUR_WEEKLY:
            $target->type = Horde_ActiveSync_Message_Recurrence::TYPE_WEEKLY;
            $target->dayofweek = $recurrence->getRecurOnDays();
            break;
        case Horde_Date_Recurrence::RECUR_MONTHLY_DATE:
            $target->type = Horde_ActiveSync_Message_Recurrence::TYPE_MONTHLY;
            break;
        case Horde_Date_Recurrence::RECUR_MONTHLY_WEEKDAY:
            $target->type = Horde_ActiveSync_Message_Recurrence::TYPE_MONTHLY_NTH;
            $target->weekofmonth = ceil($start->mday / 7);
            $target->dayofweek = self::$_dayOfWeekMap[$start->dayOfWeek()];
            break;
        case Horde_Date_Recurrence::RECUR_YEARLY_DATE:
            $target->type = Horde_ActiveSync_Message_Recurrence::TYPE_YEARLY;
            $target->monthofyear = $start->month;
            $target->dayofmonth = $start->mday;
            break;
        case Horde_Date_Recurrence::RECUR_YEARLY_DAY:
            $target->type = Horde_ActiveSync_Message_Recurrence::TYPE_YEARLYNTH;
            $target->weekofmonth = ceil($start->mday / 7);
            $target->monthofyear = $start->month;
            break;
        case Horde_Date_Recurrence::RECUR_YEARLY_WEEKDAY:
            $target->type = Horde_ActiveSync_Message_Recurrence::TYPE_YEARLYNTH;
            $target->dayofweek = self::$_dayOfWeekMap[$start->dayOfWeek()];
            $target->weekofmonth = ceil($start->mday / 7);
            $target->monthofyear = $start->month;
            break;
        }
        if (!empty($recurrence->recurInterval)) {
            $target->interval = $recurrence->recurInterval;
        }
        if ($recurrence->hasRecurCount()) {
            $target->occurrences = $recurrence->getRecurCount();
        } elseif ($recurrence->hasRecurEnd()) {
            $target->until = $recurrence->getRecurEnd();
        }
    }
}
