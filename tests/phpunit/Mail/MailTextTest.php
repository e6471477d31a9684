<?php
/**
 * The native body text helpers against what Horde does with the same text:
 * Horde_ActiveSync_Utils::ensureUtf8(), Horde_String::substr() and
 * Horde_Stream_Filter_Eol.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Mail;

use Horde\ActiveSync\Native\MailText;
use Horde\ActiveSync\Test\Support\MailOracle;
use Horde_ActiveSync_Imap_BodyText;
use PHPUnit\Framework\TestCase;

class MailTextTest extends TestCase
{
    public function testSameAsHorde(): void
    {
        if (!MailOracle::available()) {
            $this->markTestSkipped('Debian php-horde-activesync is not installed');
        }
        $texts = [
            "plain ascii\nwith lines\r\nand CR\rend",
            "caf\u{E9} na\u{EF}ve \u{201C}quoted\u{201D} \u{1F600} \u{3053}\u{3093}\u{306B}\u{3061}\u{306F}\r\nline two\n",
            str_repeat("\u{65E5}\u{672C}\u{8A9E} text ", 300),
            "ends with CR\r",
            '',
        ];
        $cases = [];
        foreach ($texts as $t) {
            foreach ([0 => 'UTF-8', 1 => 'utf-8'] as $cs) {
                $cases[] = [$t, $cs, 7];
                $cases[] = [$t, $cs, 1000];
            }
            $latin = mb_convert_encoding($t, 'ISO-8859-1', 'UTF-8');
            foreach (['iso-8859-1', 'ISO-8859-1', 'windows-1252', 'us-ascii', 'utf-8'] as $cs) {
                $cases[] = [$latin, $cs, 5];
            }
            $cases[] = [mb_convert_encoding($t, 'Windows-1252', 'UTF-8') . "\x80\x81\x8d\x9f", 'windows-1252', 20];
            $cases[] = [mb_convert_encoding($t, 'SJIS', 'UTF-8'), 'Shift_JIS', 9];
            $cases[] = [mb_convert_encoding($t, 'KOI8-R', 'UTF-8'), 'koi8-r', 9];
        }
        // broken text: cut where mbstring cuts
        mt_srand(7);
        for ($i = 0; $i < 40; $i++) {
            $bytes = '';
            for ($j = 0; $j < 64; $j++) {
                $bytes .= chr(mt_rand(0, 255));
            }
            $cases[] = [$bytes, 'utf-8', mt_rand(1, 60)];
        }
        $input = json_encode(array_map(function ($c) {
            return [base64_encode($c[0]), $c[1], $c[2]];
        }, $cases));
        $theirs = MailOracle::run('text', [$input])[0];
        foreach ($cases as $i => [$text, $charset, $chars]) {
            [$utf8, $cut, $crlf] = array_map('base64_decode', $theirs[$i]);
            $this->assertSame($cut, Horde_ActiveSync_Imap_BodyText::truncate($text, $chars, $charset), "substr #$i $charset");
            $this->assertSame($crlf, MailText::crlf($text), "eol #$i");
            if (mb_check_encoding($utf8, 'UTF-8')) {
                // where Horde's result is valid UTF-8 ours is the same
                $this->assertSame($utf8, Horde_ActiveSync_Imap_BodyText::toUtf8($text, $charset), "ensureUtf8 #$i $charset");
            } else {
                // Horde's check lets broken UTF-8 through; ours never does
                $this->assertTrue(mb_check_encoding(Horde_ActiveSync_Imap_BodyText::toUtf8($text, $charset), 'UTF-8'), "#$i");
            }
        }
    }

    public function testEveryByteOfTheSingleByteCharsets(): void
    {
        $all = implode('', array_map('chr', range(0, 255)));
        $this->assertSame(mb_convert_encoding($all, 'UTF-8', 'ISO-8859-1'), MailText::toUtf8($all, 'iso-8859-1'));
        $this->assertSame(mb_convert_encoding($all, 'UTF-8', 'Windows-1252'), MailText::toUtf8($all, 'windows-1252'));
    }

    public function testUnknownCharsetsAreCutByBytes(): void
    {
        $this->assertSame('abc', Horde_ActiveSync_Imap_BodyText::truncate('abcdef', 3, 'x-no-such-charset'));
        $this->assertSame("caf\u{E9}", Horde_ActiveSync_Imap_BodyText::toUtf8("caf\xE9", 'x-no-such-charset'));
    }
}
