<?php
/**
 * Imap_Message::headerValue() reads single headers from the fetched header
 * text without Horde_Mime_Headers: it must give what
 * Horde_Mime_Headers::parseHeaders()->getValue() gives, for the corpus and
 * for generated header blocks with folding, duplicates, encoded words,
 * 8-bit bytes, odd line ends and the lines that end Horde's parse.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Mail;

use Horde\ActiveSync\Test\Support\Imap;
use Horde\ActiveSync\Test\Support\MailCorpus;
use Horde_ActiveSync_Imap_Message;
use Horde_Imap_Client_Data_Fetch;
use Horde_Imap_Client_Mailbox;
use Horde_Mime_Headers;
use Horde_Mime_Part;
use PHPUnit\Framework\TestCase;

class HeaderValueTest extends TestCase
{
    const NAMES = ['Message-ID', 'X-Priority', 'x-priority', 'Importance', 'Subject', 'In-Reply-To', 'X-Missing'];

    protected function setUp(): void
    {
        Imap::quietAutoload();
    }

    private static function message(string $headers): Horde_ActiveSync_Imap_Message
    {
        $data = new Horde_Imap_Client_Data_Fetch();
        $data->setHeaderText(0, $headers);
        $data->setStructure(new Horde_Mime_Part());
        $data->setUid(1);
        $imap = (new \ReflectionClass(\Horde_Imap_Client_Socket::class))->newInstanceWithoutConstructor();
        return new Horde_ActiveSync_Imap_Message($imap, new Horde_Imap_Client_Mailbox('INBOX'), $data);
    }

    private function assertLikeHorde(string $headers, string $what): void
    {
        foreach (self::NAMES as $name) {
            $expected = Horde_Mime_Headers::parseHeaders($headers)->getValue($name);
            $this->assertSame($expected, self::message($headers)->headerValue($name), "$what, $name: " . json_encode($headers));
        }
    }

    public function testCorpusHeaders(): void
    {
        $corpus = new MailCorpus(5);
        foreach ($corpus->mailbox(70) as $i => $doc) {
            $end = strpos($doc, "\r\n\r\n");
            $this->assertLikeHorde($end === false ? $doc : substr($doc, 0, $end + 4), "message $i");
        }
    }

    public function testGeneratedHeaderBlocks(): void
    {
        $fields = [
            "Message-ID: <a.b@example.com>", "Message-Id:   <spaced@example.com>   ", "message-id: <x@y>\r\n (comment)",
            "Message-ID: <one@x> <two@x>", "Message-ID: no-brackets@example.com", "Message-ID: <\"quoted\"@x>",
            "Message-ID:\r\n\t<folded@example.com>", "X-Priority: 1 (Highest)", "X-Priority: 5", "x-PRIORITY:3",
            "X-Priority: =?UTF-8?B?MQ==?=", "X-Priority:", "X-Priority : 1", "Importance: High", "Importance: low\r\n  and more",
            "Importance: h\xE9", "Importance: \x00nul", "Subject: Gr\xC3\xBC\xC3\x9Fe", "Subject: =?ISO-8859-1?Q?Gr=FC=DFe?=",
            "Subject: plain", "In-Reply-To: <r@x>", "Received: from a\r\n\tby b", "no colon here", "0", "", "\t leading fold",
            "X-Priority: 2\r\r", "Message-ID: <cr@x>\r",
        ];
        $seed = 7;
        for ($n = 0; $n < 1500; $n++) {
            $lines = [];
            $count = 1 + $n % 9;
            for ($i = 0; $i < $count; $i++) {
                $seed = ($seed * 1103515245 + 12345) & 0x7fffffff;
                $lines[] = $fields[($seed >> 8) % count($fields)];
            }
            $eol = $n % 3 === 0 ? "\n" : "\r\n";
            $this->assertLikeHorde(implode($eol, $lines) . $eol . ($n % 2 ? $eol . "X-Priority: 1$eol" : ''), "block $n");
        }
    }

    /** The addresses the builders take as they are must be what Horde writes after parsing them again. */
    public function testPlainAddressesReadBackUnchanged(): void
    {
        $names = ['', 'Dana Example', 'Fran\u{E7}ois Dupr\u{E9}', 'A  B', 'Smith. J', 'O\'Neil', 'x', '\u{65E5}\u{672C}', 'a,b', 'Q 1', 'Anna Berg', 'Mary Ann Smith', 'Zo\u{EB} 3'];
        $boxes = ['dana@example.com', 'a.b+c@x-y.example', 'UPPER@EXAMPLE.ORG', '.dot@x', 'a..b@x', 'a@b', 'a@-x.', 'a@[1.2.3.4]',
                  'user@b\u{FC}cher.example', 'tab\t@x', 'first.last@sub.example.co.uk', 'x_y-z@h-1.example'];
        $checked = 0;
        foreach ($names as $name) {
            foreach ($boxes as $box) {
                foreach ([$name === '' ? $box : "$name <$box>", "\"$name\" <$box>", " $box", "$name <$box> "] as $written) {
                    if (!preg_match(Horde_ActiveSync_Imap_Message::PLAIN_ADDRESS, $written)) {
                        continue;
                    }
                    $this->assertSame((new \Horde_Mail_Rfc822_Address($written))->writeAddress(false), $written);
                    $checked++;
                }
            }
        }
        $this->assertGreaterThan(20, $checked);
    }
}
