<?php
/**
 * Horde_ActiveSync_Rfc822 on the native MIME scanner, against Debian's
 * Horde_ActiveSync_Rfc822 (Horde_Mime_Part::parseMessage()).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Mail;

use Horde\ActiveSync\Test\Support\MailCorpus;
use Horde\ActiveSync\Test\Support\MailOracle;
use Horde\ActiveSync\Test\Support\MimeDump;
use Horde_ActiveSync_Exception;
use Horde_ActiveSync_Rfc822;
use Horde_Mime_Part;
use PHPUnit\Framework\TestCase;

class Rfc822Test extends TestCase
{
    /** @var string[] Horde_Mime's default charsets before the test. */
    private $charsets;

    /**
     * The oracle parses in a fresh process, with Horde_Mime's default
     * charset; Horde_ActiveSync_Imap_Adapter (as Horde's) makes it UTF-8 for
     * the rest of the process once constructed, so pin it here.
     */
    protected function setUp(): void
    {
        $this->charsets = [Horde_Mime_Part::$defaultCharset, \Horde_Mime_Headers::$defaultCharset];
        Horde_Mime_Part::$defaultCharset = \Horde_Mime_Headers::$defaultCharset = 'us-ascii';
    }

    protected function tearDown(): void
    {
        [Horde_Mime_Part::$defaultCharset, \Horde_Mime_Headers::$defaultCharset] = $this->charsets;
    }

    /** Edge cases Horde reads without trouble, beside the corpus. */
    private static function extraDocuments(): array
    {
        return [
            'encoded-params' => "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"=?utf-8?q?b?=\"\n\n--b\nContent-Type: text/plain\n\nx\n--b--\n",
            'rfc2231-name' => "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: application/pdf;\n name*0*=utf-8''R%C3%A9; name*1=sum.pdf\nContent-Disposition: attachment; filename*=utf-8''R%C3%A9sum.pdf\nContent-Transfer-Encoding: base64\n\nAAAA\n--b--\n",
            'rfc2231-boundary' => "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary*=us-ascii''b%2Dx\n\n--b-x\nContent-Type: text/plain\n\nin\n--b-x--\n",
            'comments' => "MIME-Version: 1.0\nContent-Type: multipart/alternative (two) ; boundary=\"a b\" (x)\n\n--a b\nContent-Type: text/plain\n\nplain\n--a b\nContent-Type: text/html\n\n<p>h</p>\n--a b--\n",
            'duplicate-ctype' => "MIME-Version: 1.0\nContent-Type: text/html\nContent-Type: text/plain\nContent-Description: first\nContent-Description: second\nContent-Duration: 10\nContent-ID: abc@x\n\nbody\n",
            'digest' => "MIME-Version: 1.0\nContent-Type: multipart/digest; boundary=d\n\n--d\nContent-Description: first\n\nSubject: one\n\nbody one\n--d\nContent-Type: text/plain\n\ntext\n--d--\n",
            'bogus-delimiter' => "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\none\n--bXX\ntwo\n--b\nContent-Type: text/plain\n\nthree\n--b--\n",
            'unknown-cte' => "MIME-Version: 1.0\nContent-Type: text/plain\nContent-Transfer-Encoding: x-token\n\nb\n",
            'nested-rfc822' => "MIME-Version: 1.0\nContent-Type: message/rfc822\n\nContent-Type: multipart/mixed; boundary=i\n\n--i\nContent-Type: text/plain\n\ninner\n--i--\n",
            'empty-mime-version' => "MIME-Version:\nContent-Type: text/html\n\n<b>x</b>\n",
            'type-without-slash' => "MIME-Version: 1.0\nContent-Type: text\n\nbody\n",
        ];
    }

    private static function corpus(): array
    {
        return (new MailCorpus(5))->all() + self::extraDocuments();
    }

    public function testSameAsHordeOnTheCorpus(): void
    {
        if (!MailOracle::available()) {
            $this->markTestSkipped('Debian php-horde-activesync is not installed');
        }
        $docs = self::corpus();
        // Horde gets LF text: its EOL filter works in 8 KB chunks and turns
        // a CRLF split between two chunks into two line ends.
        $lf = array_map(function ($d) {
            return str_replace("\r\n", "\n", $d);
        }, $docs);
        $theirs = MailOracle::run('rfc822', array_values($lf));
        foreach (array_keys($docs) as $i => $name) {
            $ours = json_decode(json_encode(MimeDump::rfc822($lf[$name], false)), true);
            $this->assertEquals($theirs[$i], $ours, "$name (LF)");
            // CRLF documents give the same structure and contents
            $crlf = json_decode(json_encode(MimeDump::rfc822(str_replace("\n", "\r\n", $lf[$name]), false)), true);
            $this->assertEquals($theirs[$i]['mime'], $crlf['mime'], "$name (CRLF)");
            $this->assertEquals($theirs[$i]['headers'], $crlf['headers'], "$name (CRLF headers)");
        }
    }

    public function testStandardHeadersAsHorde(): void
    {
        if (!MailOracle::available()) {
            $this->markTestSkipped('Debian php-horde-activesync is not installed');
        }
        $docs = [
            "To: a@example.com\r\nSubject: no id\r\n\r\nbody\r\n",
            "To: a@example.com\r\nMessage-ID: <x@y>\r\nUser-Agent: Phone\r\nDate: Mon, 2 Mar 2026 10:00:00 +0100\r\n\r\nbody\r\n",
        ];
        $theirs = MailOracle::run('rfc822-std', $docs);
        foreach ($docs as $i => $doc) {
            $ours = json_decode(json_encode(MimeDump::rfc822($doc, true)), true);
            $this->assertEquals($theirs[$i]['headers'], $ours['headers']);
            $this->assertEquals($theirs[$i]['message'], $ours['message']);
        }
        $r = new Horde_ActiveSync_Rfc822($docs[0]);
        $full = stream_get_contents($r->getString());
        $this->assertMatchesRegularExpression('/^Message-ID: <.+>\r?$/m', $full);
        $this->assertStringEndsWith("\nbody\r\n", $full);
    }

    public function testBoundaryInsideALineIsText(): void
    {
        // Horde_Mime_Part::_findBoundary() never returns on this message.
        $doc = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\nsee --b and x--b\n--b\n\nsecond\n--b--\n";
        $part = (new Horde_ActiveSync_Rfc822($doc, false))->getMimeObject();
        $this->assertSame(['0' => 'multipart/mixed', '1' => 'text/plain', '2' => 'text/plain'], $part->contentTypeMap());
        $this->assertSame('see --b and x--b', $part[1]->getContents());
        $this->assertSame('second', $part[2]->getContents());
    }

    public function testEmptyPartsStayEmpty(): void
    {
        // Horde gives the first part the rest of the message (substr with -1).
        $doc = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n--b\nContent-Type: text/html\n\n<p>x</p>\n--b--\n";
        $part = (new Horde_ActiveSync_Rfc822($doc, false))->getMimeObject();
        $this->assertSame(['0' => 'multipart/mixed', '1' => 'text/plain', '2' => 'text/html'], $part->contentTypeMap());
        $this->assertFalse($part[1]->getContents(['stream' => false]) ?: false);
        $this->assertSame('<p>x</p>', $part[2]->getContents());
    }

    public function testPartWithoutHeaders(): void
    {
        // Horde reads "first paragraph" as the headers of the part.
        $doc = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\nfirst paragraph\n\nsecond\n--b--\n";
        $part = (new Horde_ActiveSync_Rfc822($doc, false))->getMimeObject();
        $this->assertSame("first paragraph\n\nsecond", $part[1]->getContents());
    }

    public function testMixedLineEndsBeforeTheBody(): void
    {
        // CRLF headers closed by a bare LF, as some clients send S/MIME mail
        $r = new Horde_ActiveSync_Rfc822("Subject: mixed\r\nTo: a@example.com\r\n\nbody line\r\n\r\nmore\r\n", false);
        $this->assertSame('mixed', $r->getHeaders()->getValue('Subject'));
        $this->assertSame("body line\r\n\r\nmore\r\n", stream_get_contents($r->getMessage()->stream));
        $r = new Horde_ActiveSync_Rfc822("Subject: no body", false);
        $this->assertSame('no body', $r->getHeaders()->getValue('Subject'));
        $this->assertSame('', stream_get_contents($r->getMessage()->stream));
    }

    public function testStreamInput(): void
    {
        $doc = (new MailCorpus(2))->message('mixed-attachments', 1);
        $fp = fopen('php://temp', 'w+');
        fwrite($fp, $doc);
        $r = new Horde_ActiveSync_Rfc822($fp, false);
        $this->assertSame(strlen($doc), $r->getBytes());
        $this->assertSame($doc, stream_get_contents($r->getString()));
        $body = substr($doc, strpos($doc, "\r\n\r\n") + 4);
        $this->assertSame($body, stream_get_contents($r->getMessage()->stream));
        $this->assertCount(7, $r->getMimeObject()->contentTypeMap());
    }

    public function testHeadersAreCopies(): void
    {
        $r = new Horde_ActiveSync_Rfc822("From: a@example.com\r\nSubject: s\r\n\r\nb", false);
        $h = $r->getHeaders();
        $h->removeHeader('From');
        $this->assertSame('a@example.com', $r->getHeaders()->getValue('From'));
    }

    public function testReplaceMime(): void
    {
        $r = new Horde_ActiveSync_Rfc822("From: a@example.com\r\nContent-Type: text/plain\r\n\r\nold body", false);
        $part = new Horde_Mime_Part();
        $part->setType('text/plain');
        $part->setContents("new body\n");
        $r->replaceMime($part);
        $this->assertStringContainsString('new body', stream_get_contents($r->getMessage()->stream));
        $this->assertSame('a@example.com', $r->getHeaders()->getValue('From'));
    }

    public function testHostileStructuresFailClearly(): void
    {
        $many = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n" . str_repeat("--b\n\nx\n", 20001) . "--b--\n";
        try {
            (new Horde_ActiveSync_Rfc822($many, false))->getMimeObject();
            $this->fail('no exception');
        } catch (Horde_ActiveSync_Exception $e) {
            $this->assertStringContainsString('more than 10000 parts', $e->getMessage());
        }
        // deep nesting is read to Horde's nesting limit, no further
        $deep = "MIME-Version: 1.0\n" . str_repeat("Content-Type: message/rfc822\n\n", 5000) . "bottom";
        $part = (new Horde_ActiveSync_Rfc822($deep, false))->getMimeObject();
        $this->assertLessThanOrEqual(Horde_Mime_Part::NESTING_LIMIT + 1, count($part->contentTypeMap()));
        // an unterminated comment drops that field, not the message
        $doc = "MIME-Version: 1.0\nContent-Type: text/html; (open\n\n<b>x</b>";
        $part = (new Horde_ActiveSync_Rfc822($doc, false))->getMimeObject();
        $this->assertSame('text/plain', $part->getType());
        $this->assertSame('<b>x</b>', $part->getContents());
    }
}
