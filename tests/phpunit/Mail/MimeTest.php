<?php
/**
 * Horde_ActiveSync_Mime and Horde_ActiveSync_Mime_Iterator against Debian's.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Mail;

use Horde\ActiveSync\Test\Support\MailCorpus;
use Horde\ActiveSync\Test\Support\MailOracle;
use Horde\ActiveSync\Test\Support\MimeDump;
use Horde_ActiveSync_Mime;
use Horde_ActiveSync_Mime_Headers_Addresses;
use Horde_Mime_Part;
use InvalidArgumentException;
use PHPUnit\Framework\TestCase;

class MimeTest extends TestCase
{
    public function testSameAsHorde(): void
    {
        if (!MailOracle::available()) {
            $this->markTestSkipped('Debian php-horde-activesync is not installed');
        }
        $docs = array_map(function ($d) {
            return str_replace("\r\n", "\n", $d);
        }, (new MailCorpus(8))->all());
        $theirs = MailOracle::run('mime', array_values($docs));
        foreach (array_keys($docs) as $i => $name) {
            $ours = json_decode(json_encode(MimeDump::mime(Horde_Mime_Part::parseMessage($docs[$name]))), true);
            $this->assertEquals($theirs[$i], $ours, $name);
        }
    }

    public function testBodiesAndAttachments(): void
    {
        $doc = (new MailCorpus(1))->message('mixed-attachments', 0);
        $mime = new Horde_ActiveSync_Mime(Horde_Mime_Part::parseMessage($doc));
        $this->assertSame('1.1', $mime->findBody('plain'));
        $this->assertSame('1.2', $mime->findBody('html'));
        $this->assertTrue($mime->hasAttachments());
        $this->assertFalse($mime->isAttachment('1.1', 'text/plain'));
        $this->assertTrue($mime->isAttachment('4', 'text/plain'));
        $this->assertTrue($mime->isAttachment('2', 'application/pdf'));
        $this->assertFalse($mime->isAttachment('1', 'multipart/alternative'));
        $this->assertFalse($mime->hasiCalendar());
        $this->assertSame('multipart/mixed', $mime->getType());
        $this->assertInstanceOf(Horde_Mime_Part::class, $mime->base);

        $ical = new Horde_ActiveSync_Mime(Horde_Mime_Part::parseMessage((new MailCorpus(1))->message('ical-request', 0)));
        $this->assertEquals('2', $ical->hasiCalendar());
        $signed = new Horde_ActiveSync_Mime(Horde_Mime_Part::parseMessage((new MailCorpus(1))->message('smime-signed', 0)));
        $this->assertTrue($signed->isSigned());
        $this->assertFalse($signed->isEncrypted());
        $pgp = new Horde_ActiveSync_Mime(Horde_Mime_Part::parseMessage((new MailCorpus(1))->message('pgp-signed', 0)));
        $this->assertFalse($pgp->isSigned());
    }

    public function testAlterPartForgetsTheBodies(): void
    {
        $mime = new Horde_ActiveSync_Mime(Horde_Mime_Part::parseMessage((new MailCorpus(1))->message('alternative', 0)));
        $this->assertSame('2', $mime->findBody('html'));
        $this->assertFalse($mime->hasAttachments());
        $pdf = new Horde_Mime_Part();
        $pdf->setType('application/pdf');
        $mime->alterPart('2', $pdf);
        $mime->buildMimeIds();
        $this->assertNull($mime->findBody('html'));
        $this->assertTrue($mime->hasAttachments());
    }

    public function testUnknownMethod(): void
    {
        $this->expectException(InvalidArgumentException::class);
        (new Horde_ActiveSync_Mime(new Horde_Mime_Part()))->noSuchMethod();
    }

    public function testManyAttachmentsIterate(): void
    {
        $doc = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nbody\n"
            . str_repeat("--b\nContent-Type: application/octet-stream\n\nx\n", 3000) . "--b--\n";
        $mime = new Horde_ActiveSync_Mime(Horde_Mime_Part::parseMessage($doc));
        $this->assertSame('1', $mime->findBody());
        $it = new \Horde_ActiveSync_Mime_Iterator($mime->base, true);
        $this->assertCount(2, $it);
    }

    public function testAddressesWithoutIdna(): void
    {
        $value = "J\u{F6}rg <j@b\u{FC}cher.example>";
        $h = new Horde_ActiveSync_Mime_Headers_Addresses('To', $value);
        $this->assertSame("=?utf-8?b?SsO2cmc=?= <j@b\u{FC}cher.example>", $h->sendEncode()[0]);
        $idna = new \Horde_Mime_Headers_Addresses('To', $value);
        $this->assertStringContainsString('xn--bcher-kva.example', $idna->sendEncode()[0]);
    }
}
