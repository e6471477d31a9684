<?php
/**
 * Horde_ActiveSync_Wbxml_Decoder keeps Horde's contract and rejects bad
 * input with Horde_ActiveSync_Exception, never a PHP error.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Wbxml;

use Horde\ActiveSync\Test\Support\Oracle;
use Horde_ActiveSync_Exception;
use Horde_ActiveSync_Wbxml;
use Horde_ActiveSync_Wbxml_Decoder;
use PHPUnit\Framework\TestCase;

class DecoderTest extends TestCase
{
    private function decoder(string $bytes, array $options = []): Horde_ActiveSync_Wbxml_Decoder
    {
        $s = fopen('php://memory', 'w+');
        fwrite($s, $bytes);
        rewind($s);
        return new Horde_ActiveSync_Wbxml_Decoder($s, Horde_ActiveSync_Wbxml::LOG_PROTOCOL, $options);
    }

    public function testIsWbxmlNeedsTheHeaderFirst(): void
    {
        $d = $this->decoder("\x03\x01\x6a\x00");
        try {
            $d->isWbxml();
            $this->fail('no exception');
        } catch (Horde_ActiveSync_Exception $e) {
            $this->assertSame('Failed to read WBXML header prior to calling isWbxml()', $e->getMessage());
        }
        $d->readWbxmlHeader();
        $this->assertTrue($d->isWbxml());
        $this->assertSame([3, 1, null, 106, ''], [$d->version, $d->publicid, $d->publicstringid, $d->charsetid, $d->stringtable]);
    }

    public function testRawMimeIsHandedOverWhole(): void
    {
        // EAS 12.1 SendMail posts message/rfc822, not WBXML
        $mime = "From: a@example.com\r\nTo: b@example.com\r\n\r\nhi\r\n";
        $d = $this->decoder($mime);
        $d->readWbxmlHeader();
        $this->assertFalse($d->isWbxml());
        $this->assertSame(ord('F'), $d->version);
        $this->assertSame($mime, stream_get_contents($d->getFullInputStream()));
    }

    public function testGetStreamReadsTheRawBody(): void
    {
        // Autodiscover reads the XML body through getStream()
        $xml = '<?xml version="1.0"?><Autodiscover/>';
        $d = $this->decoder($xml);
        $this->assertSame($xml, $d->getStream()->getString());
        $d = $this->decoder($xml);
        $d->readWbxmlHeader();
        $this->assertSame($xml, $d->getStream()->getString());
    }

    public function testNavigation(): void
    {
        $d = $this->decoder("\x00\x01\x5f\x03" . "Ann\x00\x01\x29\x01");
        $this->assertFalse($d->getElementStartTag('POOMCONTACTS:LastName'));
        $this->assertFalse($d->getLastStartElement());
        $el = $d->getElementStartTag('POOMCONTACTS:FirstName');
        $this->assertSame([1 => 1, 2 => 'POOMCONTACTS:FirstName', 4 => 1], $el);
        $this->assertSame($el, $d->getLastStartElement());
        $this->assertFalse($d->isEmptyElement($el));
        $this->assertSame([1 => 3, 3 => 'Ann'], $d->peek());
        $this->assertSame('Ann', $d->getElementContent());
        $this->assertSame([1 => 2], $d->getElementEndTag());
        $empty = $d->getToken();
        $this->assertTrue($d->isEmptyElement($empty));
        $d->_ungetElement($empty);
        $this->assertSame($empty, $d->getElement());
        $this->assertSame([1 => 2], $d->getElementEndTag());
        $this->assertFalse($d->getElement());
    }

    public function testPeekAfterContentKeepsTheNextToken(): void
    {
        // Horde's single unget slot drops the END here ("Double unget!").
        $d = $this->decoder("\x45\x03a\x00\x03b\x00\x01");
        $d->getToken();
        $this->assertSame([1 => 3, 3 => 'ab'], $d->peek());
        $this->assertSame('ab', $d->getElementContent());
        $this->assertSame([1 => 2], $d->getElementEndTag());
    }

    /** @return array<string, array{string, string}> */
    public function malformed(): array
    {
        $h = "\x03\x01\x6a\x00";
        return [
            'truncated stream' => [$h . "\x45\x4e\x03" . 'abc', 'input ends at byte 10 inside a string that started at byte 6'],
            'unclosed elements' => [$h . "\x45\x5c", 'input ends at byte 6 with 2 element(s) still open: Synchronize > Folders'],
            'unknown code page' => [$h . "\x00\x1a\x45", 'SWITCH_PAGE at byte 4 selects code page 26'],
            'unknown tag' => [$h . "\x45\x6a", 'unknown tag 0x2a on code page 0 (AirSync) at byte 5'],
            'runaway mb_u_int32' => [$h . "\x45\xc3\x8f\xff\xff\xff\xff\x7f", 'at byte 6 is not a valid mb_u_int32'],
            'gigabyte length prefix' => [$h . "\x45\xc3\x84\x80\x80\x80\x00", 'declares 1073741824 bytes'],
            'invalid UTF-8' => [$h . "\x45\x03\xc3\x28\x00\x01", 'invalid UTF-8 in a string at byte 6'],
            'attribute bit' => [$h . "\x85\x01", 'has the attribute flag'],
            'LITERAL' => [$h . "\x45\x04\x00\x01", 'LITERAL tag (0x04) at byte 5'],
            'STR_T' => [$h . "\x45\x83\x00\x01", 'STR_T at byte 5'],
            'unbalanced END' => [$h . "\x01", 'END at byte 4 closes no open element'],
        ];
    }

    /** @dataProvider malformed */
    public function testMalformedInputRaisesHordeException(string $bytes, string $message): void
    {
        $d = $this->decoder($bytes);
        try {
            $d->readWbxmlHeader();
            while ($d->getElement() !== false) {
            }
            $this->fail('no exception');
        } catch (Horde_ActiveSync_Exception $e) {
            $this->assertStringStartsWith('WBXML: ', $e->getMessage());
            $this->assertStringContainsString($message, $e->getMessage());
        }
    }

    public function testDeepNestingAndLongPrefixesStayBounded(): void
    {
        // the peak of tests that ran before must not count (PHP 8.2+)
        if (function_exists('memory_reset_peak_usage')) {
            memory_reset_peak_usage();
        }
        $before = memory_get_usage();
        $d = $this->decoder("\x03\x01\x6a\x00" . str_repeat("\x4f", 100000));
        try {
            $d->readWbxmlHeader();
            while ($d->getToken() !== false) {
            }
            $this->fail('no exception');
        } catch (Horde_ActiveSync_Exception $e) {
            $this->assertStringContainsString('deeper than the limit of 256', $e->getMessage());
        }
        // 200 MB declared, a few bytes sent: no 200 MB allocation
        $d = $this->decoder("\x03\x01\x6a\x00\x45\xc3\xdf\xaf\xc2\x00" . 'few bytes', ['maxOpaqueLength' => 300 << 20]);
        try {
            $d->readWbxmlHeader();
            while ($d->getToken() !== false) {
            }
            $this->fail('no exception');
        } catch (Horde_ActiveSync_Exception $e) {
            $this->assertStringContainsString('inside an OPAQUE block', $e->getMessage());
        }
        $this->assertLessThan(8 << 20, memory_get_peak_usage() - $before);
    }

    public function testCodePagesAgreeWithHorde(): void
    {
        $ours = (new Horde_ActiveSync_Wbxml_Decoder(''))->_dtd;
        $theirs = Oracle::dtd();
        foreach ($theirs['codes'] as $page => $tags) {
            foreach ($tags as $token => $name) {
                $this->assertSame($name, $ours['codes'][$page][$token] ?? null, "page $page token $token");
            }
        }
        $this->assertSame($theirs['namespaces'], array_diff_key($ours['namespaces'], [3 => 1, 25 => 1]));
        // What Horde 5 lacks: AirNotify, Find, and three 16.1 tokens.
        $extra = [];
        foreach ($ours['codes'] as $page => $tags) {
            foreach ($tags as $token => $name) {
                if (!isset($theirs['codes'][$page][$token])) {
                    $extra[] = sprintf('%d:%02x', $page, $token);
                }
            }
        }
        $this->assertSame(['3:05', '8:10', '8:11', '14:3b', '25:05'], array_values(array_filter($extra,
            fn($k) => !preg_match('/^(3|25):(0[6-9a-f]|[1-3])/', $k))));
    }
}
