<?php
/**
 * A deterministic corpus of RFC 822 messages for the mail tests and
 * bench/mail.php: plain, HTML, alternative, mixed with attachments, related
 * with inline images, S/MIME signed and encrypted, iCalendar requests and
 * replies, delivery reports, odd charsets and broken MIME. Plain PHP with no
 * dependency, so Debian's engine (tests/oracle) and ours load the same file.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Support;

final class MailCorpus
{
    /** @var int state of the generator (a 32-bit LCG: same text everywhere) */
    private $seed;

    public function __construct(int $seed = 1)
    {
        $this->seed = $seed;
    }

    /**
     * Every kind of message once, keyed by a name that says what it is.
     *
     * @return array<string, string>
     */
    public function all(): array
    {
        $out = [];
        foreach (self::kinds() as $kind) {
            $out[$kind] = $this->message($kind, 0);
        }
        return $out;
    }

    /** @return string[] */
    public static function kinds(): array
    {
        return [
            'plain-ascii', 'plain-utf8-qp', 'plain-latin1', 'plain-flowed', 'plain-long-utf8',
            'html-only', 'html-large', 'alternative', 'alternative-base64',
            'mixed-attachments', 'mixed-many-parts', 'related-inline', 'forwarded-rfc822',
            'smime-signed', 'smime-encrypted', 'pgp-signed',
            'ical-request', 'ical-reply', 'report-dsn', 'report-mdn',
            'charset-shift-jis', 'charset-iso-2022-jp', 'charset-koi8r', 'charset-gb2312',
            'charset-mislabeled', 'charset-unknown', 'charset-cp1252',
            'broken-no-mime-version', 'broken-no-boundary', 'broken-unterminated',
            'broken-bad-base64', 'broken-8bit-headers', 'lf-only', 'priority-high', 'empty-body',
        ];
    }

    /**
     * A mix of sizes like a real mailbox: mostly small, some large.
     *
     * @return string[]
     */
    public function mailbox(int $count): array
    {
        $kinds = self::kinds();
        $out = [];
        for ($i = 0; $i < $count; $i++) {
            $out[] = $this->message($kinds[$i % count($kinds)], $i);
        }
        return $out;
    }

    public function message(string $kind, int $n): string
    {
        $h = $this->headers($kind, $n);
        switch ($kind) {
        case 'plain-ascii':
            return $h . $this->textHeaders('text/plain; charset=us-ascii', '7bit') . "\r\n" . $this->words(60 + $n % 200) . "\r\n";
        case 'plain-utf8-qp':
            return $h . $this->textHeaders('text/plain; charset=UTF-8', 'quoted-printable') . "\r\n"
                . quoted_printable_encode($this->utf8Text(400 + $n % 900)) . "\r\n";
        case 'plain-latin1':
            return $h . $this->textHeaders('text/plain; charset=ISO-8859-1', '8bit') . "\r\n"
                . mb_convert_encoding($this->latinText(300), 'ISO-8859-1', 'UTF-8') . "\r\n";
        case 'plain-flowed':
            return $h . $this->textHeaders('text/plain; charset=UTF-8; format=flowed; delsp=yes', '8bit') . "\r\n"
                . "> quoted line that goes on \r\n> and on\r\n\r\n" . $this->utf8Text(200) . "\r\n";
        case 'plain-long-utf8':
            return $h . $this->textHeaders('text/plain; charset=utf-8', 'base64') . "\r\n"
                . chunk_split(base64_encode($this->utf8Text(20000 + 100 * $n % 30000))) ;
        case 'html-only':
            return $h . $this->textHeaders('text/html; charset=UTF-8', 'quoted-printable') . "\r\n"
                . quoted_printable_encode($this->html(3 + $n % 10)) . "\r\n";
        case 'html-large':
            return $h . $this->textHeaders('text/html; charset="utf-8"', 'base64') . "\r\n"
                . chunk_split(base64_encode($this->html(150 + $n % 100)));
        case 'alternative':
            return $h . $this->alternative($this->utf8Text(300), $this->html(8), 'quoted-printable');
        case 'alternative-base64':
            return $h . $this->alternative($this->utf8Text(2000), $this->html(40), 'base64');
        case 'mixed-attachments':
            return $h . $this->mixed([
                $this->alternativePart($this->utf8Text(250), $this->html(5)),
                $this->attachment('application/pdf', 'report.pdf', 30000 + $n * 7 % 60000),
                $this->attachment('image/png', 'photo.png', 12000),
                $this->attachment('text/plain', 'notes.txt', 0, "attached notes\r\n"),
            ]);
        case 'mixed-many-parts':
            $parts = [$this->textPart('text/plain; charset=UTF-8', $this->utf8Text(100))];
            for ($i = 0; $i < 30; $i++) {
                $parts[] = $this->attachment('application/octet-stream', "file-$i.bin", 500 + 37 * $i);
            }
            return $h . $this->mixed($parts);
        case 'related-inline':
            $b = $this->boundary('rel');
            $rel = "Content-Type: multipart/related; boundary=\"$b\"; type=\"text/html\"\r\n\r\n"
                . "--$b\r\n" . $this->textPart('text/html; charset=UTF-8', $this->html(4) . '<img src="cid:logo@example.com">')
                . "--$b\r\nContent-Type: image/gif; name=\"logo.gif\"\r\nContent-Transfer-Encoding: base64\r\n"
                . "Content-ID: <logo@example.com>\r\nContent-Disposition: inline; filename=\"logo.gif\"\r\n\r\n"
                . chunk_split(base64_encode($this->bytes(2000))) . "--$b--\r\n";
            return $h . $this->mixed([$rel, $this->attachment('application/zip', 'archive.zip', 5000)]);
        case 'forwarded-rfc822':
            $inner = $this->headers('plain-ascii', $n + 1000) . $this->textHeaders('text/plain; charset=UTF-8', '8bit')
                . "\r\n" . $this->utf8Text(200) . "\r\n";
            return $h . $this->mixed([
                $this->textPart('text/plain; charset=UTF-8', "See the forwarded message.\r\n"),
                "Content-Type: message/rfc822; name=\"forwarded.eml\"\r\nContent-Disposition: attachment\r\n\r\n" . $inner,
            ]);
        case 'smime-signed':
            $b = $this->boundary('sig');
            return $h . "MIME-Version: 1.0\r\nContent-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; "
                . "micalg=sha-256; boundary=\"$b\"\r\n\r\nThis is an S/MIME signed message\r\n\r\n--$b\r\n"
                . $this->textPart('text/plain; charset=UTF-8', $this->utf8Text(150))
                . "--$b\r\nContent-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\nContent-Transfer-Encoding: base64\r\n"
                . "Content-Disposition: attachment; filename=\"smime.p7s\"\r\n\r\n" . chunk_split(base64_encode($this->bytes(1800)))
                . "\r\n--$b--\r\n";
        case 'smime-encrypted':
            return $h . "MIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data; name=\"smime.p7m\"\r\n"
                . "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"smime.p7m\"\r\n\r\n"
                . chunk_split(base64_encode($this->bytes(4000)));
        case 'pgp-signed':
            $b = $this->boundary('pgp');
            return $h . "MIME-Version: 1.0\r\nContent-Type: multipart/signed; micalg=pgp-sha256; "
                . "protocol=\"application/pgp-signature\"; boundary=\"$b\"\r\n\r\n--$b\r\n"
                . $this->textPart('text/plain; charset=UTF-8', $this->words(80))
                . "--$b\r\nContent-Type: application/pgp-signature; name=\"signature.asc\"\r\n\r\n"
                . "-----BEGIN PGP SIGNATURE-----\r\n" . chunk_split(base64_encode($this->bytes(300)), 64, "\r\n")
                . "-----END PGP SIGNATURE-----\r\n--$b--\r\n";
        case 'ical-request':
        case 'ical-reply':
            $method = $kind === 'ical-request' ? 'REQUEST' : 'REPLY';
            $ics = $this->ical($method, $n);
            $b = $this->boundary('cal');
            return $h . "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"$b\"\r\n\r\n--$b\r\n"
                . $this->textPart('text/plain; charset=UTF-8', "You are invited: planning meeting.\r\n")
                . "--$b\r\nContent-Type: text/calendar; charset=UTF-8; method=$method\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                . $ics . "--$b--\r\n";
        case 'report-dsn':
            $b = $this->boundary('dsn');
            return $h . "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"$b\"\r\n\r\n"
                . "--$b\r\nContent-Description: Notification\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                . "This is the mail system at host mx.example.com.\r\nI'm sorry to have to inform you that your message could not\r\nbe delivered.\r\n\r\n"
                . "--$b\r\nContent-Description: Delivery report\r\nContent-Type: message/delivery-status\r\n\r\n"
                . "Reporting-MTA: dns; mx.example.com\r\n\r\nFinal-Recipient: rfc822; nobody@example.org\r\nOriginal-Recipient: rfc822;nobody@example.org\r\n"
                . "Action: failed\r\nStatus: 5.1.1\r\n\r\n"
                . "--$b\r\nContent-Description: Undelivered Message Headers\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                . "From: someone@example.com\r\nSubject: lost\r\n\r\n--$b--\r\n";
        case 'report-mdn':
            $b = $this->boundary('mdn');
            return $h . "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=disposition-notification; boundary=\"$b\"\r\n\r\n"
                . "--$b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nThe message was displayed.\r\n"
                . "--$b\r\nContent-Type: message/disposition-notification\r\n\r\n"
                . "Reporting-UA: client.example.com; Mailer\r\nFinal-Recipient: rfc822; me@example.com\r\n"
                . "Original-Message-ID: <orig@example.com>\r\nDisposition: manual-action/MDN-sent-manually; displayed\r\n\r\n"
                . "--$b--\r\n";
        case 'charset-shift-jis':
            return $h . $this->textHeaders('text/plain; charset=Shift_JIS', '8bit') . "\r\n"
                . mb_convert_encoding($this->japanese(120 + $n % 50), 'SJIS', 'UTF-8') . "\r\n";
        case 'charset-iso-2022-jp':
            return $h . $this->textHeaders('text/plain; charset=ISO-2022-JP', '7bit') . "\r\n"
                . mb_convert_encoding($this->japanese(80), 'ISO-2022-JP', 'UTF-8') . "\r\n";
        case 'charset-koi8r':
            return $h . $this->textHeaders('text/html; charset=koi8-r', '8bit') . "\r\n"
                . mb_convert_encoding('<html><body><p>' . $this->russian(150) . '</p></body></html>', 'KOI8-R', 'UTF-8') . "\r\n";
        case 'charset-gb2312':
            return $h . $this->textHeaders('text/plain; charset=gb2312', 'base64') . "\r\n"
                . chunk_split(base64_encode(mb_convert_encoding($this->chinese(300), 'GB2312', 'UTF-8')));
        case 'charset-mislabeled':
            // says UTF-8, holds Latin-1
            return $h . $this->textHeaders('text/plain; charset=utf-8', '8bit') . "\r\n"
                . mb_convert_encoding($this->latinText(120), 'ISO-8859-1', 'UTF-8') . "\r\n";
        case 'charset-unknown':
            return $h . $this->textHeaders('text/plain; charset=x-unknown-charset', '8bit') . "\r\n" . $this->utf8Text(80) . "\r\n";
        case 'charset-cp1252':
            return $h . $this->textHeaders('text/html; charset=windows-1252', 'quoted-printable') . "\r\n"
                . quoted_printable_encode(mb_convert_encoding("<p>\u{201C}Quotes\u{201D} \u{2013} and \u{20AC} signs: " . $this->latinText(100) . '</p>', 'Windows-1252', 'UTF-8')) . "\r\n";
        case 'broken-no-mime-version':
            return $h . "Content-Type: text/html\r\n\r\n" . $this->html(2) . "\r\n";
        case 'broken-no-boundary':
            return $h . "MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\n--zzz\r\nContent-Type: text/plain\r\n\r\nlost\r\n--zzz--\r\n";
        case 'broken-unterminated':
            $b = $this->boundary('open');
            return $h . "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"$b\"\r\n\r\n--$b\r\n"
                . $this->textPart('text/plain; charset=UTF-8', $this->utf8Text(60))
                . "--$b\r\nContent-Type: application/octet-stream; name=cut.bin\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                . substr(chunk_split(base64_encode($this->bytes(900))), 0, 700);
        case 'broken-bad-base64':
            return $h . $this->textHeaders('text/plain; charset=UTF-8', 'base64') . "\r\n"
                . "SGVsbG8gd29y!!bGQ*\r\nnot base64 at all %%%\r\n";
        case 'broken-8bit-headers':
            return "From: J\xF6rg M\xFCller <joerg@example.com>\r\nTo: \"R\xE9mi\" <remi@example.org>\r\n"
                . "Subject: Gr\xFC\xDFe aus K\xF6ln\r\nDate: Mon, 2 Mar 2026 10:00:00 +0100\r\nMessage-ID: <broken8bit.$n@example.com>\r\n"
                . $this->textHeaders('text/plain', '8bit') . "\r\nK\xF6ln\r\n";
        case 'lf-only':
            return str_replace("\r\n", "\n", $this->message('alternative', $n));
        case 'priority-high':
            return str_replace("Subject:", "X-Priority: 1 (Highest)\r\nImportance: High\r\nSubject:", $this->message('plain-ascii', $n));
        case 'empty-body':
            return $h . $this->textHeaders('text/plain; charset=UTF-8', '7bit') . "\r\n";
        }
        throw new \InvalidArgumentException("unknown kind $kind");
    }

    private function headers(string $kind, int $n): string
    {
        $subjects = ['Quarterly report', "R\u{E9}union d\u{2019}\u{E9}quipe", 'Re: lunch?', "\u{65E5}\u{672C}\u{8A9E}\u{306E}\u{4EF6}\u{540D}", 'Invoice 2026-0' . $n];
        $subject = $subjects[$n % count($subjects)] . " ($kind)";
        $to = 'Anna Berg <anna@example.com>, "Smith, Bob" <bob@example.org>';
        if ($n % 4 == 1) {
            $to .= ', =?UTF-8?B?' . base64_encode("J\u{F6}rg M\u{FC}ller") . '?= <joerg@example.de>, carol@example.net';
        }
        return "Return-Path: <sender@example.com>\r\n"
            . "Received: from mx.example.com (mx.example.com [192.0.2.1])\r\n\tby imap.example.com with ESMTPS id $n\r\n\tfor <anna@example.com>; Mon, 2 Mar 2026 10:00:00 +0100\r\n"
            . 'From: ' . ($n % 3 ? '"Dana Example" <dana@example.com>' : '=?ISO-8859-1?Q?Fran=E7ois_Dupr=E9?= <francois@example.fr>') . "\r\n"
            . "To: $to\r\n"
            . ($n % 2 ? "Cc: team@example.com, \"Eve\" <eve@example.com>\r\n" : '')
            . ($n % 5 == 2 ? "Reply-To: replies@example.com\r\n" : '')
            . 'Subject: ' . (preg_match('/^[\x20-\x7e]*$/', $subject) ? $subject : mb_encode_mimeheader($subject, 'UTF-8', 'B', "\r\n")) . "\r\n"
            . sprintf("Date: %s, %d Mar 2026 %02d:%02d:00 +0100\r\n", ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'][$n % 5], 2 + $n % 20, 8 + $n % 10, $n % 60)
            . "Message-ID: <$kind.$n@example.com>\r\n"
            . ($n % 7 == 3 ? "In-Reply-To: <earlier.$n@example.com>\r\nReferences: <earlier.$n@example.com>\r\n" : '')
            . "X-Mailer: Corpus 1.0\r\n";
    }

    private function textHeaders(string $ctype, string $cte): string
    {
        return "MIME-Version: 1.0\r\nContent-Type: $ctype\r\nContent-Transfer-Encoding: $cte\r\n";
    }

    private function textPart(string $ctype, string $text): string
    {
        return "Content-Type: $ctype\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            . quoted_printable_encode($text) . "\r\n";
    }

    private function alternativePart(string $plain, string $html, string $cte = 'quoted-printable'): string
    {
        $b = $this->boundary('alt');
        $enc = $cte === 'base64'
            ? function ($t) { return chunk_split(base64_encode($t)); }
            : function ($t) { return quoted_printable_encode($t) . "\r\n"; };
        return "Content-Type: multipart/alternative; boundary=\"$b\"\r\n\r\n"
            . "--$b\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: $cte\r\n\r\n" . $enc($plain)
            . "--$b\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: $cte\r\n\r\n" . $enc($html)
            . "--$b--\r\n";
    }

    private function alternative(string $plain, string $html, string $cte): string
    {
        return "MIME-Version: 1.0\r\n" . $this->alternativePart($plain, $html, $cte);
    }

    private function mixed(array $parts): string
    {
        $b = $this->boundary('mix');
        $out = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"$b\"\r\n\r\nThis is a multi-part message in MIME format.\r\n";
        foreach ($parts as $part) {
            $out .= "--$b\r\n" . $part;
        }
        return $out . "--$b--\r\n";
    }

    private function attachment(string $type, string $name, int $size, ?string $text = null): string
    {
        if ($text !== null) {
            return "Content-Type: $type; charset=UTF-8; name=\"$name\"\r\nContent-Disposition: attachment; filename=\"$name\"\r\n\r\n$text";
        }
        return "Content-Type: $type; name=\"$name\"\r\nContent-Transfer-Encoding: base64\r\n"
            . "Content-Disposition: attachment; filename=\"$name\"\r\n\r\n" . chunk_split(base64_encode($this->bytes($size)));
    }

    private function ical(string $method, int $n): string
    {
        $attendee = $method === 'REPLY'
            ? "ATTENDEE;PARTSTAT=" . ['ACCEPTED', 'DECLINED', 'TENTATIVE'][$n % 3] . ";CN=Anna Berg:mailto:anna@example.com\r\n"
            : "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Anna Berg:mailto:anna@example.com\r\n";
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Corpus//EN\r\nMETHOD:$method\r\nBEGIN:VEVENT\r\n"
            . "UID:event-$n@example.com\r\nDTSTAMP:20260301T090000Z\r\nDTSTART:20260310T130000Z\r\nDTEND:20260310T140000Z\r\n"
            . "SUMMARY:Planning meeting\r\nLOCATION:Room 4\r\nORGANIZER;CN=Dana Example:mailto:dana@example.com\r\n"
            . $attendee . "SEQUENCE:0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    }

    private function html(int $paragraphs): string
    {
        $out = "<!DOCTYPE html>\r\n<html><head><meta charset=\"utf-8\"><style>p { margin: 0 } .x { color: #333 }</style>"
            . "<title>Newsletter</title></head>\r\n<body>\r\n<h1>Weekly &amp; news</h1>\r\n";
        for ($i = 0; $i < $paragraphs; $i++) {
            switch ($i % 5) {
            case 0:
                $out .= '<p class="x">' . htmlspecialchars($this->utf8Text(40)) . " <a href=\"https://example.com/a/$i?x=1&amp;y=2\">link $i</a></p>\r\n";
                break;
            case 1:
                $out .= "<table border=\"1\"><tr><th>Item</th><th>Price</th></tr><tr><td>Widget $i</td><td>&euro;&nbsp;12.50</td></tr></table>\r\n";
                break;
            case 2:
                $out .= "<ul><li>First &lt;point&gt;</li><li><b>bold</b> and <i>italic</i></li></ul>\r\n";
                break;
            case 3:
                $out .= "<blockquote>" . htmlspecialchars($this->words(30)) . "<br>\r\n<br/>second line</blockquote>\r\n";
                break;
            default:
                $out .= "<div style=\"font-family: Arial\"><span>" . htmlspecialchars($this->latinText(25)) . "</span><img src=\"https://example.com/p$i.gif\" alt=\"pic\"></div>\r\n";
            }
        }
        return $out . "</body></html>\r\n";
    }

    private function next(int $mod): int
    {
        $this->seed = ($this->seed * 1103515245 + 12345) & 0x7fffffff;
        return ($this->seed >> 8) % $mod;
    }

    private function bytes(int $n): string
    {
        $out = '';
        while (strlen($out) < $n) {
            $out .= pack('N', $this->seed = ($this->seed * 1103515245 + 12345) & 0x7fffffff);
        }
        return substr($out, 0, $n);
    }

    private const WORDS = ['the', 'meeting', 'report', 'is', 'attached', 'please', 'review', 'before', 'Friday',
        'budget', 'numbers', 'and', 'let', 'me', 'know', 'thanks', 'regards', 'project', 'deadline', 'update'];

    private function words(int $n): string
    {
        $out = [];
        for ($i = 0; $i < $n; $i++) {
            $out[] = self::WORDS[$this->next(count(self::WORDS))] . ($i % 12 == 11 ? ".\r\n" : '');
        }
        return implode(' ', $out);
    }

    private function utf8Text(int $words): string
    {
        $extra = ["na\u{EF}ve", "caf\u{E9}", "\u{201C}quoted\u{201D}", "\u{20AC}42", "\u{1F600}", "Stra\u{DF}e", "\u{3053}\u{3093}\u{306B}\u{3061}\u{306F}"];
        $out = [];
        for ($i = 0; $i < $words; $i++) {
            $out[] = $this->next(5) == 0 ? $extra[$this->next(count($extra))] : self::WORDS[$this->next(count(self::WORDS))];
            if ($i % 14 == 13) {
                $out[] = "\r\n";
            }
        }
        return implode(' ', $out);
    }

    private function latinText(int $words): string
    {
        $extra = ["caf\u{E9}", "na\u{EF}ve", "\u{FC}ber", "Gr\u{FC}\u{DF}e", "se\u{F1}or", "\u{C5}ngstr\u{F6}m"];
        $out = [];
        for ($i = 0; $i < $words; $i++) {
            $out[] = $this->next(4) == 0 ? $extra[$this->next(count($extra))] : self::WORDS[$this->next(count(self::WORDS))];
        }
        return implode(' ', $out);
    }

    private function japanese(int $n): string
    {
        $chars = ["\u{65E5}", "\u{672C}", "\u{8A9E}", "\u{306E}", "\u{30C6}", "\u{30B9}", "\u{30C8}", "\u{3002}", "\u{4F1A}", "\u{8B70}"];
        $out = '';
        for ($i = 0; $i < $n; $i++) {
            $out .= $chars[$this->next(count($chars))] . ($i % 30 == 29 ? "\r\n" : '');
        }
        return $out;
    }

    private function russian(int $n): string
    {
        $w = ["\u{043F}\u{0440}\u{0438}\u{0432}\u{0435}\u{0442}", "\u{043C}\u{0438}\u{0440}", "\u{043E}\u{0442}\u{0447}\u{0451}\u{0442}", "\u{0438}"];
        $out = [];
        for ($i = 0; $i < $n; $i++) {
            $out[] = $w[$this->next(count($w))];
        }
        return implode(' ', $out);
    }

    private function chinese(int $n): string
    {
        $chars = ["\u{4E2D}", "\u{6587}", "\u{6D4B}", "\u{8BD5}", "\u{90AE}", "\u{4EF6}", "\u{3002}"];
        $out = '';
        for ($i = 0; $i < $n; $i++) {
            $out .= $chars[$this->next(count($chars))] . ($i % 40 == 39 ? "\r\n" : '');
        }
        return $out;
    }

    private function boundary(string $tag): string
    {
        return sprintf('=_%s_%08x', $tag, $this->next(0x7fffffff));
    }
}
