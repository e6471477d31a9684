<?php

/**
 * HTTP request parsing for the protocol layer (MS-ASHTTP).
 *
 * @generate-class-entries
 */

namespace Horde\ActiveSync\Native;

/** The request URI's query value, plain text or base64-encoded. */
final class Query
{
    /**
     * Longest query value accepted, in bytes.
     * @var int
     * @cvalue EAS_QUERY_MAX_INPUT
     */
    public const MAX_LENGTH = UNKNOWN;

    /**
     * The parameters as Horde's getGetVars() returns them: for the base64
     * form ProtVer, Cmd, Locale, DeviceId (hex), PolicyKey, DeviceType,
     * AttachmentName, CollectionId, ItemId, LongId, ParentId, Occurrence,
     * User and the booleans SaveInSent and AcceptMultiPart.
     *
     * @param string $query the query value, still percent-encoded
     * @return array<string, string|bool>
     * @throws \Horde_ActiveSync_Exception_InvalidRequest when malformed
     */
    public static function parse(string $query): array {}

    /** "plain", "base64" or "empty": the form parse() would read. */
    public static function form(string $query): string {}
}
