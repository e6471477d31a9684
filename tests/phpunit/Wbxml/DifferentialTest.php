<?php
/**
 * Our codec against Debian's pure-PHP Horde_ActiveSync on the same inputs:
 * byte-identical encoding, identical element streams, identical protocol
 * logs.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Wbxml;

use Horde\ActiveSync\Test\Support\Calls;
use Horde\ActiveSync\Test\Support\Decode;
use Horde\ActiveSync\Test\Support\Documents;
use Horde\ActiveSync\Test\Support\Oracle;
use PHPUnit\Framework\TestCase;

class DifferentialTest extends TestCase
{
    /** Requests Debian's Horde 5 table cannot encode (EAS 16.1 tags). */
    const NEWER_THAN_DEBIAN = ['find', 'find-gal', 'provision-ack', 'meetingresponse'];

    /**
     * Requests with OPAQUE content of 128 bytes or more: Horde writes the
     * length's 7-bit groups least significant first, against WBXML 1.3
     * (its own decoder reads them the other way). We write the standard
     * form; testHordeWritesLongOpaqueLengthsBackwards pins the difference.
     */
    const LONG_OPAQUE = ['sendmail', 'smartreply'];

    protected function setUp(): void
    {
        $this->assertTrue(Oracle::available(), 'php-horde-activesync (the oracle) is not installed');
    }

    /** @return array<string, Calls> documents both implementations can write */
    private function corpus(): array
    {
        $docs = [
            'contacts-50' => Documents::contactsSync(50),
            'mails-20' => Documents::mailsSync(20),
        ];
        foreach (Documents::clientRequests() as $name => $calls) {
            if (!in_array($name, self::NEWER_THAN_DEBIAN, true)) {
                $docs[$name] = $calls;
            }
        }
        for ($seed = 1; $seed <= 60; $seed++) {
            $docs["random-$seed"] = Documents::random($seed, 150, true);
        }
        return $docs;
    }

    public function testEncodingIsByteIdenticalToHorde(): void
    {
        $docs = array_diff_key($this->corpus(), array_flip(self::LONG_OPAQUE));
        $theirs = Oracle::encode(array_map(function (Calls $c) {
            return $c->calls;
        }, array_values($docs)));
        $i = 0;
        foreach ($docs as $name => $calls) {
            $this->assertSame(bin2hex($theirs[$i++]), bin2hex($calls->replay()), $name);
        }
        $this->assertCount(count($docs), $theirs);
    }

    public function testElementStreamsMatchHorde(): void
    {
        $docs = $this->corpus();
        $bytes = array_map(function (Calls $c) {
            return $c->replay();
        }, array_values($docs));
        $theirs = Oracle::decode($bytes, true);
        $names = array_keys($docs);
        foreach ($bytes as $i => $doc) {
            $ours = Decode::elements($doc, true);
            $this->assertGreaterThan(3, count($ours), $names[$i]);
            $this->assertSame($theirs[$i][0], $ours, $names[$i]);
        }
    }

    public function testHordeWritesLongOpaqueLengthsBackwards(): void
    {
        $calls = (new Calls())->header()->start('ComposeMail:MIME')->content(str_repeat('m', 148), true)->end();
        $theirs = Oracle::encode([$calls->calls])[0];
        $ours = $calls->replay();
        // 148 = 1 * 128 + 20: WBXML writes 0x81 0x14, Horde 0x94 0x01.
        $this->assertSame('03016a00001550c38114', bin2hex(substr($ours, 0, 10)));
        $this->assertSame('03016a00001550c39401', bin2hex(substr($theirs, 0, 10)));
        // Horde's own decoder reads the standard form and fails on its own.
        $decoded = Oracle::decode([$ours, $theirs], true);
        $this->assertSame(base64_encode(str_repeat('m', 148)), $decoded[0][0][2][3]);
        $this->assertArrayHasKey('error', end($decoded[1][0]));
    }

    public function testHordeMessageFragmentsDecodeAlike(): void
    {
        $fragments = [];
        foreach (['contact', 'mail', 'task', 'note', 'allday'] as $type) {
            foreach (['2.5', '12.1', '14.1', '16.0', '16.1'] as $version) {
                $fragments["$type $version"] = Oracle::message($type, $version);
            }
        }
        foreach (['2.5', '12.1', '14.1'] as $version) {
            // Debian's Exception class breaks at 16.0, so appointments stop at 14.1
            $fragments["appointment $version"] = Oracle::message('appointment', $version);
        }
        $theirs = Oracle::decode(array_values($fragments), false);
        $i = 0;
        foreach ($fragments as $name => $bytes) {
            // Horde 5 writes Email2:ConversationId as binary STR_I; only a
            // decoder that skips the UTF-8 check reads that.
            $ours = Decode::elements($bytes, false, null, ['validateUtf8' => false]);
            $this->assertGreaterThan(5, count($ours), $name);
            $this->assertArrayNotHasKey('error', end($ours), $name);
            $this->assertSame($theirs[$i++][0], $ours, $name);
        }
        $strict = Decode::elements($fragments['mail 14.1'], false);
        $this->assertStringContainsString('invalid UTF-8 in a string at byte', end($strict)['error']);
    }

    public function testDecoderProtocolLogMatchesHorde(): void
    {
        $docs = [
            Documents::contactsSync(3)->replay(),
            Documents::mailsSync(2)->replay(),
            Documents::clientRequests()['sync-request']->replay(),
        ];
        $theirs = Oracle::decode($docs, true, true);
        foreach ($docs as $i => $doc) {
            Decode::elements($doc, true, Decode::logger($log));
            $ours = Decode::logged($log);
            $this->assertNotSame('', $ours);
            $this->assertSame($theirs[$i][1], $ours);
        }
    }

    public function testEncoderProtocolLogMatchesHorde(): void
    {
        $docs = [Documents::contactsSync(3), Documents::mailsSync(2), Documents::random(7, 150, true)];
        $theirs = Oracle::encode(array_map(function (Calls $c) {
            return $c->calls;
        }, $docs), true, $logs);
        foreach ($docs as $i => $calls) {
            $bytes = $calls->replay($encoder, function ($encoder) use (&$log) {
                $encoder->setLogger(Decode::logger($log));
            });
            $this->assertSame(bin2hex($theirs[$i]), bin2hex($bytes));
            $this->assertSame($logs[$i], Decode::logged($log));
        }
    }
}
