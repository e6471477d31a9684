<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

use Horde\ActiveSync\Native\MailText;

/**
 * Body text as EAS needs it: UTF-8 with CRLF line ends, truncated by
 * characters. UTF-8, US-ASCII, ISO-8859-1 and windows-1252 text (most mail)
 * is handled natively (Native\MailText); other charsets go through
 * Horde_String as in Horde.
 *
 * @internal
 */
class Horde_ActiveSync_Imap_BodyText
{
    /**
     * Text in a charset as valid UTF-8: Horde_ActiveSync_Utils::ensureUtf8()'s
     * rules (the declared charset, then windows-1252, then the text's 7-bit
     * characters), with a strict UTF-8 check where Horde lets some invalid
     * sequences through.
     */
    public static function toUtf8($text, $charset)
    {
        $text = (string)$text;
        $charset = (string)$charset;
        if (($out = MailText::toUtf8($text, $charset)) !== null) {
            return $out;
        }
        $out = Horde_String::convertCharset($text, $charset, 'UTF-8');
        if (MailText::isUtf8($out)) {
            return $out;
        }
        if ($charset != 'windows-1252') {
            // always valid: every byte has a meaning or becomes '?'
            return MailText::toUtf8($text, 'windows-1252');
        }
        return preg_replace('/[^\x09\x0A\x0D\x20-\x7E]/', '', $text);
    }

    /** The text with CRLF line ends, in a temporary stream. */
    public static function stream($utf8)
    {
        $stream = new Horde_Stream_Temp(array('max_memory' => 1048576));
        $stream->add(MailText::crlf($utf8), true);
        return $stream;
    }

    /**
     * The first $chars characters of text in a charset, as
     * Horde_String::substr() counts them; charsets mbstring and iconv do
     * not know are cut by bytes (Horde stops with a ValueError there).
     */
    public static function truncate($text, $chars, $charset)
    {
        $text = (string)$text;
        $chars = (int)$chars;
        if ($chars <= 0 || strlen($text) <= $chars) {
            return $chars === 0 ? '' : $text;
        }
        $lower = strtolower((string)$charset);
        if ($lower === 'utf-8' || $lower === 'utf8') {
            return MailText::truncateUtf8($text, $chars);
        }
        if (in_array($lower, array('ks_c_5601-1987', 'ks_c_5601-1989'), true)) {
            $charset = 'UHC';
        }
        try {
            $out = mb_substr($text, 0, $chars, $charset);
            if (strlen($out)) {
                return $out;
            }
        } catch (ValueError $e) {
        }
        $out = @iconv_substr($text, 0, $chars, $charset);
        return $out === false ? substr($text, 0, $chars) : $out;
    }
}
