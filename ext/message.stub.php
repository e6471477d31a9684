<?php

/**
 * The message layer's native part: Horde_ActiveSync_Message_* objects
 * walked against their mapping tables, the EAS time zone blob, dates.
 *
 * @generate-class-entries
 */

namespace Horde\ActiveSync\Native;

/**
 * Encodes and decodes Horde_ActiveSync_Message_Base objects. The PHP
 * classes call these from encodeStream()/decodeStream(); each class's
 * mapping is compiled once per request and protocol version.
 */
final class MessageCodec
{
    /**
     * Writes the message's properties, in mapping order, through a
     * Horde_ActiveSync_Wbxml_Encoder.
     */
    public static function encode(object $message, object $encoder): void {}

    /**
     * Reads the message's properties from a Horde_ActiveSync_Wbxml_Decoder
     * positioned after the start tag of its container (ApplicationData, ...)
     * and stops before that container's end tag.
     */
    public static function decode(object $message, object $decoder): void {}

    /**
     * Sets message properties as one assignment each would
     * (Horde_ActiveSync_Message_Base::setProperties()): declared public
     * properties as an assignment from outside, the others in $_properties
     * and $_exists. Returns the first name the message lacks, and then sets
     * nothing; null when all are set. A class with its own __set() gets
     * one assignment a value, in order, from outside.
     */
    public static function assign(object $message, array $values): ?string {}

    /**
     * A Horde_Date as the wire wants it: TYPE_DATE and TYPE_DATE_DASHES
     * convert the date to UTC first (in place, as Horde_Date::setTimezone()
     * does), TYPE_DATE_LOCAL writes its wall-clock time.
     */
    public static function formatDate(object $date, int $type): string {}

    /**
     * The fields of a TIME_ZONE_INFORMATION blob (base64) as Horde's
     * getOffsetsFromSyncTZ() returns them. $problem is 0 for a well-formed
     * blob, 1 when it is shorter than 172 bytes (read as zero-padded), 2
     * when longer (cut), 3 when it is not base64 at all.
     */
    public static function timezoneOffsets(string $blob, mixed &$problem = null): array {}

    /** The base64 blob for an offsets array (getSyncTZFromOffsets()). */
    public static function timezoneBlob(array $offsets): string {}
}
