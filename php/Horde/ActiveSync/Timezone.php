<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

use Horde\ActiveSync\Native\MessageCodec;

/**
 * The EAS time zone blob (MS-ASDTYPE 2.6.4, a base64 Windows
 * TIME_ZONE_INFORMATION) to and from offset arrays and Olson zone names.
 *
 * The offsets array has Horde's keys: bias, stdname, stdyear, stdmonth,
 * stdday (day of the week), stdweek (week of the month, 5 = last),
 * stdhour, stdminute, stdsecond, stdmillis, stdbias, the same with dst,
 * and timezone/timezonedst (copies of bias and dstbias).
 *
 * A blob names no zone, only offsets and transition rules, so finding the
 * zone means testing every zone PHP knows; results are kept for the rest of
 * the request, since a sync carries the same few zones again and again.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Timezone
{
    /**
     * The date whose year the transitions are compared for.
     *
     * @var Horde_Date
     */
    protected $_startDate;

    /**
     * getOffsetsFromDate() results by zone and year.
     *
     * @var array
     */
    protected static $_offsetCache = array();

    /**
     * getListOfTimezones() results by offsets, expected zone and year.
     *
     * @var array
     */
    protected static $_listCache = array();

    /**
     * The offsets of a blob. A blob too short reads as if padded with
     * zeros (Horde's unpack() fails on it), one too long is cut.
     *
     * @param string $data  The base64 blob.
     *
     * @return array
     */
    public static function getOffsetsFromSyncTZ($data)
    {
        return MessageCodec::timezoneOffsets((string)$data);
    }

    /**
     * The base64 blob for offsets. The year fields are always 0 (the rules
     * recur every year) and the names empty.
     *
     * @param array $offsets
     *
     * @return string
     */
    public static function getSyncTZFromOffsets(array $offsets)
    {
        return MessageCodec::timezoneBlob($offsets);
    }

    /**
     * The offsets of a date's zone in the date's year.
     *
     * @param Horde_Date $date
     *
     * @return array
     */
    public static function getOffsetsFromDate(Horde_Date $date)
    {
        $key = $date->timezone . '|' . $date->year;
        if (!isset(self::$_offsetCache[$key])) {
            self::$_offsetCache[$key] = self::_computeOffsetsFromDate($date);
        }
        return self::$_offsetCache[$key];
    }

    /**
     * The Olson name of offsets, preferring $expectedTimezone when it fits.
     *
     * @param array|string $offsets    Offsets, or a blob.
     * @param string $expectedTimezone
     *
     * @return string
     * @throws Horde_ActiveSync_Exception when no zone fits.
     */
    public function getTimezone($offsets, $expectedTimezone = null)
    {
        $timezones = $this->getListOfTimezones($offsets, $expectedTimezone);
        return isset($timezones[$expectedTimezone])
            ? $expectedTimezone
            : current($timezones);
    }

    /**
     * Every zone whose offsets and transitions fit, name => abbreviation;
     * only $expectedTimezone when it is among them.
     *
     * @param array|string $offsets    Offsets, or a blob.
     * @param string $expectedTimezone
     *
     * @return array
     * @throws Horde_ActiveSync_Exception when no zone fits.
     */
    public function getListOfTimezones($offsets, $expectedTimezone = null)
    {
        if (is_string($offsets)) {
            $offsets = self::getOffsetsFromSyncTZ($offsets);
        }
        $this->_setDefaultStartDate($offsets);
        $key = md5(serialize(array($offsets, $expectedTimezone, $this->_startDate->year,
                                   $this->_startDate->month, $this->_startDate->mday)));
        if (!isset(self::$_listCache[$key])) {
            $timezones = array();
            foreach (DateTimeZone::listIdentifiers() as $identifier) {
                $match = $this->_checkTimezone(new DateTimeZone($identifier), $offsets);
                if ($match === false) {
                    continue;
                }
                if ($identifier == $expectedTimezone) {
                    $timezones = array($identifier => $match['abbr']);
                    break;
                }
                $timezones[$identifier] = $match['abbr'];
            }
            self::$_listCache[$key] = $timezones;
        }
        if (empty(self::$_listCache[$key])) {
            throw new Horde_ActiveSync_Exception('No timezone found for the given offsets');
        }
        return self::$_listCache[$key];
    }

    /**
     * The offsets computation behind getOffsetsFromDate().
     *
     * @param Horde_Date $date
     *
     * @return array
     */
    protected static function _computeOffsetsFromDate(Horde_Date $date)
    {
        $offsets = array('bias' => 0, 'stdname' => '');
        foreach (array('std', 'dst') as $type) {
            foreach (array('year', 'month', 'day', 'week', 'hour', 'minute', 'second', 'millis') as $field) {
                $offsets[$type . $field] = 0;
            }
            $offsets[$type . 'bias'] = 0;
            if ($type == 'std') {
                $offsets['dstname'] = '';
            }
        }

        $transitions = self::_getTransitions($date->toDateTime()->getTimezone(), $date);
        if (empty($transitions)) {
            return $offsets;
        }
        list($std, $dst) = $transitions;
        if (empty($std)) {
            return $offsets;
        }
        $offsets['bias'] = $std['offset'] / 60 * -1;
        if ($dst) {
            $offsets = self::_generateOffsetsForTransition($offsets, $std, 'std');
            $offsets = self::_generateOffsetsForTransition($offsets, $dst, 'dst');
            // a transition happens at the wall-clock time of the period it ends
            $offsets['stdhour'] += $dst['offset'] / 3600;
            $offsets['dsthour'] += $std['offset'] / 3600;
            $offsets['dstbias'] = ($dst['offset'] - $std['offset']) / 60 * -1;
        }
        return $offsets;
    }

    /**
     * The standard and daylight transitions of a zone in a date's year
     * (either may be empty), or false when PHP has none.
     *
     * @param DateTimeZone $timezone
     * @param Horde_Date $date
     *
     * @return array|boolean  [std, dst]
     */
    protected static function _getTransitions(DateTimeZone $timezone, Horde_Date $date)
    {
        $std = $dst = array();
        $transitions = $timezone->getTransitions(
            mktime(0, 0, 0, 12, 1, $date->year - 1),
            mktime(24, 0, 0, 12, 31, $date->year)
        );
        if ($transitions === false) {
            return false;
        }
        $count = count($transitions);
        $year = $date->format('Y');
        foreach ($transitions as $i => $transition) {
            try {
                $when = new Horde_Date($transition['time']);
                $when->setTimezone('UTC');
            } catch (Exception $e) {
                continue;
            }
            if ($when->format('Y') == $year && isset($transitions[$i + 1])) {
                $next = new Horde_Date($transitions[$i + 1]['ts']);
                if ($when->format('Y') == $next->format('Y')) {
                    // both changes of the year
                    $dst = $transition['isdst'] ? $transition : $transitions[$i + 1];
                    $std = $transition['isdst'] ? $transitions[$i + 1] : $transition;
                } else {
                    // the year's only change
                    $dst = $transition['isdst'] ? $transition : null;
                    $std = $transition['isdst'] ? null : $transition;
                }
                break;
            }
            if ($i == $count - 1) {
                $std = $transition;
            }
        }

        return array($std, $dst);
    }

    /**
     * Fills the month, weekday, week of the month, hour and minute of a
     * transition (UTC) into the offsets.
     *
     * @param array $offsets
     * @param array $transition
     * @param string $type  'std' or 'dst'.
     *
     * @return array
     */
    protected static function _generateOffsetsForTransition(array $offsets, array $transition, $type)
    {
        // DateTime, not Horde_Date: Horde_Date cannot convert the exact
        // hour of a spring-forward transition to UTC
        $utc = new DateTime($transition['time']);
        $utc->setTimezone(new DateTimeZone('UTC'));
        $when = new Horde_Date($utc);
        $offsets[$type . 'month'] = $when->format('n');
        $offsets[$type . 'day'] = $when->format('w');
        $offsets[$type . 'minute'] = (int)$when->format('i');
        $offsets[$type . 'hour'] = (int)$when->format('H');
        for ($week = 5; $week > 0; $week--) {
            if (self::_isNthOcurrenceOfWeekdayInMonth($transition['ts'], $week)) {
                $offsets[$type . 'week'] = $week;
                break;
            }
        }

        return $offsets;
    }

    /**
     * The date whose year zones are compared for: the blob's standard-time
     * year when given, else a year ago.
     *
     * @param array $offsets
     */
    protected function _setDefaultStartDate(array $offsets = null)
    {
        if (!empty($this->_startDate)) {
            return;
        }
        if (!empty($offsets['stdyear'])) {
            $this->_startDate = new Horde_Date($offsets['stdyear'] . '-01-01');
        } else {
            $start = new Horde_Date(time());
            $start->year--;
            $this->_startDate = $start;
        }
    }

    /**
     * The zone's standard transition if the zone fits the offsets, else
     * false.
     *
     * @param DateTimeZone $timezone
     * @param array $offsets
     *
     * @return array|boolean
     */
    protected function _checkTimezone(DateTimeZone $timezone, array $offsets)
    {
        $transitions = self::_getTransitions($timezone, $this->_startDate);
        if (!$transitions) {
            return false;
        }
        list($std, $dst) = $transitions;
        if ($this->_checkTransition((array)$std, (array)$dst, $offsets)) {
            return $std;
        }

        return false;
    }

    /**
     * Whether a zone's transitions fit the offsets: the standard offset,
     * and for zones with daylight saving the daylight offset and the
     * month, weekday and week of both changes.
     *
     * @param array $std
     * @param array $dst
     * @param array $offsets
     *
     * @return boolean
     */
    protected function _checkTransition(array $std, array $dst, array $offsets)
    {
        if (empty($std) || empty($offsets)) {
            return false;
        }
        $standard = ($offsets['bias'] + $offsets['stdbias']) * 60 * -1;
        if ($standard != $std['offset']) {
            return false;
        }
        if ((empty($offsets['dstmonth']) && (empty($dst) || empty($dst['isdst']))) ||
            (empty($dst) && !empty($offsets['dstmonth']))) {
            // no daylight saving on either side, or none to compare with
            return true;
        }
        $daylight = ($offsets['bias'] + $offsets['dstbias']) * 60 * -1;
        // a BlackBerry Milestone sends a positive daylight bias
        $milestone = ($offsets['dstbias'] + ($offsets['dstbias'] * -1)) * 60 * -1;
        if ($daylight != $dst['offset'] && $milestone != $dst['offset']) {
            return false;
        }
        $stdChange = new DateTime($std['time']);
        $dstChange = new DateTime($dst['time']);
        if ($stdChange->format('n') != $offsets['stdmonth'] ||
            $dstChange->format('n') != $offsets['dstmonth'] ||
            $stdChange->format('w') != $offsets['stdday'] ||
            $dstChange->format('w') != $offsets['dstday']) {
            return false;
        }

        return self::_isNthOcurrenceOfWeekdayInMonth($dst['ts'], $offsets['dstweek']) &&
            self::_isNthOcurrenceOfWeekdayInMonth($std['ts'], $offsets['stdweek']);
    }

    /**
     * Whether the weekday of a timestamp (UTC) is its month's nth such
     * weekday; 5 means the last one.
     *
     * @param integer $timestamp
     * @param integer $occurence  1 to 5.
     *
     * @return boolean
     */
    protected static function _isNthOcurrenceOfWeekdayInMonth($timestamp, $occurence)
    {
        $original = new Horde_Date($timestamp);
        $original->setTimezone('UTC');
        if ($occurence == 5) {
            return $original->add(array('mday' => 7))->month > $original->month;
        }
        $before = $original->sub(array('mday' => 7 * $occurence));
        $within = $original->sub(array('mday' => 7 * ($occurence - 1)));

        return $before->month < $original->month && $within->month == $original->month;
    }

    /**
     * A 32-bit number with its bytes reversed (for big-endian hosts; the
     * native unpacking reads little-endian everywhere).
     *
     * @param integer $num
     *
     * @return integer
     */
    protected static function _chbo($num)
    {
        $u = unpack('l', strrev(pack('l', $num)));
        return $u[1];
    }
}
