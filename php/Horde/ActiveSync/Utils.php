<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Helpers: the base64 query string of EAS 12.1+ requests (MS-ASHTTP
 * 2.2.1.1.1.1), meeting GOIDs (MS-OXOCAL PidLidGlobalObjectId) and UTF-8
 * clean-up.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Utils
{
    /**
     * Command codes of the base64 query string.
     *
     * @var array
     */
    protected static $_commands = array(
        0  => 'Sync',
        1  => 'SendMail',
        2  => 'SmartForward',
        3  => 'SmartReply',
        4  => 'GetAttachment',
        9  => 'FolderSync',
        10 => 'FolderCreate',
        11 => 'FolderDelete',
        12 => 'FolderUpdate',
        13 => 'MoveItems',
        14 => 'GetItemEstimate',
        15 => 'MeetingResponse',
        16 => 'Search',
        17 => 'Settings',
        18 => 'Ping',
        19 => 'ItemOperations',
        20 => 'Provision',
        21 => 'ResolveRecipients',
        22 => 'ValidateCert',
    );

    /**
     * Parameters of a base64-encoded request line: ProtVer, Cmd, Locale,
     * DeviceId (hex), PolicyKey, DeviceType, and what follows
     * (AttachmentName, CollectionId, ItemId, LongId, ParentId, Occurrence,
     * SaveInSent, AcceptMultiPart, User). A line cut short gives what it
     * holds.
     *
     * @param string $uri
     *
     * @return array
     */
    public static function decodeBase64($uri)
    {
        $data = (string)base64_decode($uri);
        $len = strlen($data);
        $results = array();
        if ($len < 4) {
            return $results;
        }
        $version = (string)ord($data[0]);
        $results['ProtVer'] = substr($version, 0, -1) . '.' . substr($version, -1);
        $command = ord($data[1]);
        $results['Cmd'] = isset(self::$_commands[$command]) ? self::$_commands[$command] : null;
        $results['Locale'] = ord($data[2]) | (ord($data[3]) << 8);
        $pos = 4;

        // device id, policy key, device type: length-prefixed
        $field = self::_lengthPrefixed($data, $pos);
        if ($field !== null && strlen($field)) {
            $results['DeviceId'] = bin2hex($field);
        }
        $field = self::_lengthPrefixed($data, $pos);
        if ($field !== null && strlen($field)) {
            $results['PolicyKey'] = unpack('V', str_pad(substr($field, 0, 4), 4, "\0"))[1];
        }
        $field = self::_lengthPrefixed($data, $pos);
        if ($field !== null && strlen($field)) {
            $results['DeviceType'] = rtrim($field, "\0 \t\r\n");
        }

        // tagged parameters
        $names = array(0 => 'AttachmentName', 1 => 'CollectionId', 3 => 'ItemId', 4 => 'LongId',
                       5 => 'ParentId', 6 => 'Occurrence', 8 => 'User');
        while ($pos + 1 < $len) {
            $tag = ord($data[$pos++]);
            if ($tag == 7) {
                // options: one byte after a length byte
                $pos++;
                if ($pos < $len) {
                    $options = ord($data[$pos++]);
                    $results['SaveInSent'] = (bool)($options & 0x01);
                    $results['AcceptMultiPart'] = (bool)($options & 0x02);
                }
                continue;
            }
            $field = self::_lengthPrefixed($data, $pos);
            if ($field === null) {
                break;
            }
            if (strlen($field) && isset($names[$tag])) {
                $results[$names[$tag]] = rtrim($field, "\0 \t\r\n");
            }
        }

        return $results;
    }

    /**
     * The bytes of a length-prefixed field at $pos, moving $pos past it;
     * null at the end of the data.
     *
     * @param string $data
     * @param integer $pos
     *
     * @return string|null
     */
    protected static function _lengthPrefixed($data, &$pos)
    {
        if ($pos >= strlen($data)) {
            return null;
        }
        $length = ord($data[$pos++]);
        $field = (string)substr($data, $pos, $length);
        $pos += $length;
        return $field;
    }

    /**
     * The iCalendar UID of a meeting's global object id: the text after
     * "vCal-Uid" for ids made from a UID, else the whole id in upper-case
     * hex with the instance date bytes zeroed (Outlook's form).
     *
     * @param string $goid  base64.
     *
     * @return string
     */
    public static function getUidFromGoid($goid)
    {
        $goid = base64_decode($goid);
        if (substr($goid, 40, 8) == 'vCal-Uid') {
            return trim(substr($goid, 52, strlen($goid) - 1));
        }
        $hex = str_split(strtoupper(bin2hex($goid)), 2);
        array_splice($hex, 16, 4, array('00', '00', '00', '00'));
        return implode('', $hex);
    }

    /**
     * A global object id (base64) made from an iCalendar UID: the fixed
     * array id, zero instance date, creation time and reserved bytes, the
     * length, "vCal-Uid" with its version, the UID and a NUL.
     *
     * @param string $uid
     * @param array $options  Unused.
     *
     * @return string
     */
    public static function createGoid($uid, $options = array())
    {
        $uid = (string)$uid;
        $goid = hex2bin('040000008200E00074C5B7101A82E008')
            . str_repeat("\0", 4 + 8 + 8)
            . pack('V', strlen($uid))
            . 'vCal-Uid' . pack('V', 1)
            . $uid . "\0";
        return base64_encode($goid);
    }

    /**
     * Text in UTF-8: converted from its charset, or from Windows-1252 when
     * that fails; what still is not UTF-8 is stripped to 7-bit text.
     *
     * @param string $data
     * @param string $from_charset
     *
     * @return string
     */
    public static function ensureUtf8($data, $from_charset)
    {
        $text = Horde_String::convertCharset($data, $from_charset, 'UTF-8');
        if (Horde_String::validUtf8($text)) {
            return $text;
        }
        foreach (array('windows-1252', 'UTF-8') as $charset) {
            if ($charset != $from_charset) {
                $text = Horde_String::convertCharset($data, $charset, 'UTF-8');
                if (Horde_String::validUtf8($text)) {
                    return $text;
                }
            }
        }
        // in pieces: PCRE fails on long invalid input
        $text = '';
        foreach (str_split((string)$data, 4000) as $chunk) {
            $stripped = self::_stripNon7BitChars($chunk);
            if ($stripped === null || $stripped === false) {
                return Horde_String::convertCharset($data, $from_charset, 'UTF-8', true);
            }
            $text .= $stripped;
        }
        return $text;
    }

    /**
     * @param string $text
     *
     * @return string|null
     */
    protected static function _stripNon7BitChars($text)
    {
        return preg_replace('/[^\x09\x0A\x0D\x20-\x7E]/', '', $text);
    }
}
