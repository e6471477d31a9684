<?php

/**
 * MIME structure and body text for the mail classes
 * (Horde_ActiveSync_Rfc822, Horde_ActiveSync_Imap_MessageBodyData).
 *
 * @generate-class-entries
 */

namespace Horde\ActiveSync\Native;

/** The structure of RFC 822 documents. */
final class MimeScanner
{
    /**
     * Scans a document as one entity, after converting its line endings to
     * LF. Parts are listed parent first; offsets point into "text".
     *
     * @return array{text: string, parts: list<array{parent: int, depth: int, kind: int, mime: bool,
     *         body: int, length: int, type: string, boundary: ?string, fields: list<array{0: string, 1: string}>}>}
     * @throws \Horde_ActiveSync_Exception when the structure exceeds the limits
     */
    public static function scan(string $document, bool $forceMime = false, int $maxDepth = 100, int $maxParts = 10000): array {}

    /**
     * The body parts of a multipart body (LF line endings) for a boundary.
     *
     * @return list<array{0: int, 1: int}> offset and length of each part
     */
    public static function split(string $body, string $boundary): array {}

    /** CRLF and lone CR become LF. */
    public static function toLf(string $text): string {}
}

/** Body text: line endings, truncation, charsets. */
final class MailText
{
    /** Every line ending becomes CRLF (Horde_Stream_Filter_Eol's default). */
    public static function crlf(string $text): string {}

    /** The first $chars characters of UTF-8 text, as mb_substr() counts them. */
    public static function truncateUtf8(string $text, int $chars): string {}

    /** Whether the text is valid UTF-8 (RFC 3629). */
    public static function isUtf8(string $text): bool {}

    /**
     * Text in utf-8, us-ascii, iso-8859-1 or windows-1252 as UTF-8 (null for
     * other charsets, and for utf-8 text that is not valid UTF-8).
     */
    public static function toUtf8(string $text, string $charset): ?string {}
}
