<?php
/**
 * Horde_ActiveSync_Wbxml_Encoder keeps Horde 6's contract: the streamed
 * Sync behaviour of SyncStreamingTest, content rules, multipart responses,
 * errors and logs.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Wbxml;

use Horde\ActiveSync\Test\Support\Documents;
use Horde_ActiveSync_Exception;
use Horde_ActiveSync_Wbxml;
use Horde_ActiveSync_Wbxml_Decoder;
use Horde_ActiveSync_Wbxml_Encoder;
use Horde_Stream_Temp;
use Horde_String;
use PHPUnit\Framework\TestCase;

class EncoderTest extends TestCase
{
    private $out;

    private function encoder(): Horde_ActiveSync_Wbxml_Encoder
    {
        $this->out = fopen('php://memory', 'w+');
        return new Horde_ActiveSync_Wbxml_Encoder($this->out, Horde_ActiveSync_Wbxml::LOG_PROTOCOL);
    }

    private function bytes(): string
    {
        rewind($this->out);
        return stream_get_contents($this->out);
    }

    public function testMoreAvailablePrecedesCommands(): void
    {
        $e = $this->encoder();
        $e->startWBXML();
        $e->startTag('Synchronize');
        $e->startTag('Folders');
        $e->startTag('Folder');
        $e->startTag('MoreAvailable', false, true);
        $e->startTag('Commands');
        $e->startTag('Add');
        $e->startTag('ServerEntryId');
        $e->content('1');
        for ($i = 0; $i < 6; $i++) {
            $e->endTag();
        }
        $bytes = $this->bytes();
        $this->assertNotFalse(strpos($bytes, chr(0x14)));
        $this->assertLessThan(strpos($bytes, chr(0x56)), strpos($bytes, chr(0x14)));
    }

    public function testFlushOutputKeepsStreamIntact(): void
    {
        $e = $this->encoder();
        $e->startWBXML();
        $e->flushOutput();
        $e->startTag('Synchronize');
        $e->startTag('Status');
        $e->content('1');
        $e->flushOutput();
        $this->assertSame("\x03\x01\x6a\x00\x45\x4e\x03" . "1\x00", $this->bytes());
        $e->endTag();
        $e->endTag();
        $e->flushOutput();
        $this->assertSame("\x03\x01\x6a\x00\x45\x4e\x03" . "1\x00\x01\x01", $this->bytes());
    }

    public function testSwappedBufferStreamCollectsOutput(): void
    {
        $e = $this->encoder();
        $e->startWBXML();
        $e->startTag('Synchronize');
        $e->startTag('Status');
        $e->content('1');
        $e->endTag();
        $buffer = new Horde_Stream_Temp();
        $saved = $e->swapOutputStream($buffer);
        $this->assertInstanceOf('Horde_Stream', $saved);
        $e->startTag('Commands');
        $e->startTag('Add', false, true);
        $e->flushOutput();
        $this->assertSame("\x56\x07", $buffer->getString(0));
        $e->endTag();
        // buffered output reaches the stream before a swap
        $this->assertSame($buffer, $e->swapOutputStream($saved));
        $this->assertSame("\x56\x07\x01", $buffer->getString(0));
        $e->appendOutputStream($buffer);
        $e->endTag();
        $this->assertSame("\x03\x01\x6a\x00\x45\x4e\x03" . "1\x00\x01\x56\x07\x01\x01", $this->bytes());
        $this->expectException(\InvalidArgumentException::class);
        $e->swapOutputStream('not a stream');
    }

    public function testKeepAliveTokensAreTransparentToTheDecoder(): void
    {
        $e = $this->encoder();
        $e->startWBXML();
        $e->keepAlive();
        $e->startTag('Synchronize');
        $e->startTag('Status');
        $e->keepAlive();
        $e->content('1');
        $e->endTag();
        $e->keepAlive();
        $e->endTag();
        $bytes = $this->bytes();
        $this->assertSame(3, substr_count($bytes, "\x00\x00"));
        rewind($this->out);
        $d = new Horde_ActiveSync_Wbxml_Decoder($this->out);
        $d->readWbxmlHeader();
        $this->assertNotFalse($d->getElementStartTag('Synchronize'));
        $this->assertNotFalse($d->getElementStartTag('Status'));
        $this->assertSame('1', $d->getElementContent());
        $this->assertNotFalse($d->getElementEndTag());
        $this->assertNotFalse($d->getElementEndTag());
    }

    public function testHeaderIsWrittenExactlyOnce(): void
    {
        $e = $this->encoder();
        $e->keepAlive();
        $e->startWBXML();
        $e->outputWbxmlHeader();
        $e->startTag('Synchronize');
        $e->startTag('Status');
        $e->content('1');
        $e->endTag();
        $e->endTag();
        $bytes = $this->bytes();
        $this->assertSame(0, strpos($bytes, "\x03\x01\x6a\x00"));
        $this->assertSame(1, substr_count($bytes, "\x03\x01\x6a\x00"));
    }

    public function testContentRules(): void
    {
        $e = $this->encoder();
        $e->startTag('POOMCONTACTS:FirstName');
        $e->content('');            // nothing: the element stays unwritten
        $e->content("\0");
        $e->endTag();
        $this->assertSame('', $this->bytes());
        $e->startTag('POOMCONTACTS:FirstName');
        $e->content("A\0nn");
        $e->endTag();
        $stream = fopen('php://temp', 'w+');
        fwrite($stream, str_repeat('x', 300));
        $e->startTag('AirSyncBase:Data');
        $e->content($stream, true);
        $e->endTag();
        $this->assertFalse(is_resource($stream));
        // OPAQUE from a stream carries its real length (Horde 6 writes 0)
        $this->assertSame("\x00\x01\x5f\x03" . "Ann\x00\x01\x00\x11\x4b\xc3\x82\x2c" . str_repeat('x', 300) . "\x01",
                          $this->bytes());
    }

    public function testUnknownTagsAndAttributesRaiseHordeExceptions(): void
    {
        $e = $this->encoder();
        try {
            $e->startTag('POOMCONTACTS:NoSuchTag');
            $this->fail('no exception');
        } catch (Horde_ActiveSync_Exception $ex) {
            $this->assertSame('WBXML: unknown tag "POOMCONTACTS:NoSuchTag"', $ex->getMessage());
        }
        $this->expectException(Horde_ActiveSync_Exception::class);
        $e->startTag('Status', ['attr' => 'x']);
    }

    public function testMultipartResponse(): void
    {
        $e = $this->encoder();
        $e->startWBXML(true);
        $this->assertTrue($e->multipart);
        $e->startTag('ItemOperations:ItemOperations');
        $e->startTag('ItemOperations:Status');
        $e->content('1');
        $e->endTag();
        $e->addPart('attachment bytes');
        $e->startTag('ItemOperations:Part');
        $e->content((string)(count($e->getParts()) - 1));
        $e->endTag();
        $e->endTag();
        $bytes = $this->bytes();
        $head = unpack('V5', $bytes);
        $this->assertSame(2, $head[1]);
        $this->assertSame(20, $head[2]);
        $this->assertSame('attachment bytes', substr($bytes, $head[4], $head[5]));
        $this->assertSame(strlen($bytes), $head[4] + $head[5]);
    }

    public function testGetStreamHandsOutTheFlushedOutput(): void
    {
        $e = $this->encoder();
        $e->startWBXML();
        $e->startTag('Synchronize');
        $e->startTag('Status');
        $e->content('1');
        $stream = $e->getStream();
        $this->assertInstanceOf('Horde_Stream', $stream);
        $stream->add('raw');
        $this->assertSame("\x03\x01\x6a\x00\x45\x4e\x03" . "1\x00raw", $this->bytes());
    }

    public function testWriteElementsReplaysDecodedDocuments(): void
    {
        $bytes = Documents::contactsSync(20)->replay();
        $d = new Horde_ActiveSync_Wbxml_Decoder($bytes);
        $d->readWbxmlHeader();
        $e = $this->encoder();
        $e->startWBXML();
        $e->writeElements($d->getAllTokens());
        $this->assertSame(bin2hex($bytes), bin2hex($this->bytes()));
    }

    public function testLoggedContentSizesCountAsHordeStringDoes(): void
    {
        // Horde logs content longer than 50 characters as its size,
        // counted by Horde_String::length(): we must count alike.
        mt_srand(11);
        $samples = [str_repeat('é', 50), str_repeat('é', 51), str_repeat('a', 51)];
        for ($i = 0; $i < 300; $i++) {
            $samples[] = Documents::bytes(mt_rand(45, 120));
        }
        $e = $this->encoder();
        $handler = new \Horde_Log_Handler_Mock();
        $e->setLogger(new \Horde_ActiveSync_Log_Logger($handler));
        $e->startTag('Status');
        foreach ($samples as $s) {
            $e->content($s, true);
        }
        $e->endTag();
        $contents = array_values(array_filter($handler->events, fn($ev) => $ev['indent'] === 1));
        $this->assertCount(count($samples), $contents);
        $checked = 0;
        foreach ($samples as $i => $s) {
            $length = Horde_String::length($s);
            if ($length > Horde_ActiveSync_Wbxml::LOG_MAXCONTENT) {
                $this->assertSame("[$length bytes of content]", $contents[$i]['message']);
                $checked++;
            } else {
                $this->assertSame($s, $contents[$i]['message']);
            }
        }
        $this->assertGreaterThan(100, $checked);
    }
}
