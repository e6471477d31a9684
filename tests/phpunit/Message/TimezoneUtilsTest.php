<?php
/**
 * Horde_ActiveSync_Timezone and Horde_ActiveSync_Utils against Debian's:
 * the same blobs for the same zones and years, the same zones found for a
 * blob, the same request parameters and meeting ids. Broken blobs give
 * offsets, not warnings.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Message;

use Horde\ActiveSync\Native\MessageCodec;
use Horde\ActiveSync\Test\Support\MessageOracle;
use Horde\ActiveSync\Test\Support\Oracle;
use Horde_ActiveSync_Timezone;
use PHPUnit\Framework\TestCase;

require_once EAS_TEST_ROOT . '/tests/oracle/message_lib.php';

class TimezoneUtilsTest extends TestCase
{
    const ZONES = [
        'UTC', 'Europe/Berlin', 'Europe/London', 'Europe/Moscow', 'America/New_York', 'America/Chicago',
        'America/Los_Angeles', 'America/Sao_Paulo', 'America/Santiago', 'America/St_Johns', 'Asia/Kolkata',
        'Asia/Tokyo', 'Asia/Tehran', 'Australia/Sydney', 'Australia/Adelaide', 'Australia/Lord_Howe',
        'Pacific/Auckland', 'Pacific/Chatham', 'Africa/Casablanca', 'Asia/Kathmandu', 'Pacific/Apia',
        'America/Havana', 'Europe/Dublin', 'Antarctica/Troll',
    ];

    protected function setUp(): void
    {
        $this->assertTrue(Oracle::available(), 'php-horde-activesync (the oracle) is not installed');
    }

    public function testBlobsAndZonesAsHorde(): void
    {
        $jobs = [];
        foreach (self::ZONES as $i => $zone) {
            foreach ([2010, 2026] as $year) {
                // naming a zone scans them all: a few are enough
                $jobs[] = ['op' => 'tz', 'zone' => $zone, 'year' => $year, 'name' => $i % 4 === 0,
                           'expected' => $i % 8 === 0 ? $zone : null];
            }
        }
        $theirs = MessageOracle::theirs($jobs);
        $ours = MessageOracle::ours($jobs);
        foreach ($jobs as $i => $job) {
            $this->assertArrayNotHasKey('error', $ours[$i], $job['zone']);
            $this->assertSame($theirs[$i]['blob'], $ours[$i]['blob'], "{$job['zone']} {$job['year']}");
            // (Debian's offsets keep PHP's int/float/string types of its
            // arithmetic; the blob is what reaches the wire)
            $this->assertEquals($theirs[$i]['offsets'], $ours[$i]['offsets'], "{$job['zone']} {$job['year']}");
            $this->assertSame($theirs[$i]['back'], $ours[$i]['back'], "{$job['zone']} {$job['year']}");
            if ($job['name']) {
                $this->assertSame($theirs[$i]['name'], $ours[$i]['name'], "{$job['zone']} {$job['year']}");
            }
        }
    }

    public function testBrokenBlobsReadAsPaddedOffsets(): void
    {
        $full = Horde_ActiveSync_Timezone::getSyncTZFromOffsets(
            Horde_ActiveSync_Timezone::getOffsetsFromDate(new \Horde_Date('2026-06-15 12:00:00', 'Europe/Berlin')));
        $raw = base64_decode($full);

        $offsets = MessageCodec::timezoneOffsets(base64_encode(substr($raw, 0, 4)), $problem);
        $this->assertSame(1, $problem);
        $this->assertSame(-60, $offsets['bias']);
        $this->assertSame(0, $offsets['dstbias']);

        $offsets = MessageCodec::timezoneOffsets(base64_encode($raw . 'xyz'), $problem);
        $this->assertSame(2, $problem);
        $this->assertSame(-60, $offsets['dstbias']);

        $offsets = MessageCodec::timezoneOffsets('%%%% ', $problem);
        $this->assertSame(3, $problem);
        $this->assertSame(0, $offsets['bias']);

        $this->assertSame(Horde_ActiveSync_Timezone::getOffsetsFromSyncTZ($full),
                          MessageCodec::timezoneOffsets($full, $problem));
        $this->assertSame(0, $problem);

        // an appointment with a blob no zone fits falls back to the
        // server's zone, logged, instead of Horde's exception
        $appointment = new \Horde_ActiveSync_Message_Appointment(['protocolversion' => '14.1']);
        $appointment->timezone = base64_encode(str_repeat("\x7f", 172));
        $this->assertSame(date_default_timezone_get(), $appointment->getTimezone());
        $appointment->timezone = 'garbage';
        $this->assertSame(date_default_timezone_get(), $appointment->getTimezone());
    }

    public function testUtilsAsHorde(): void
    {
        // EAS 12.1 base64 query: version 14.1, Sync, locale 0x0409, device
        // id, policy key, device type, then CollectionId, ItemId, options
        $line = chr(141) . chr(0) . "\x09\x04" . chr(4) . "\x01\x02\x03\x04" . chr(4) . pack('V', 3141592653)
            . chr(6) . "iPhone" . chr(1) . chr(3) . "abc" . chr(3) . chr(2) . "42" . chr(7) . chr(1) . chr(3)
            . chr(8) . chr(4) . "joe ";
        $inputs = [
            ['decodeBase64', base64_encode($line)],
            ['decodeBase64', base64_encode(chr(25) . chr(9) . "\x00\x00" . chr(0) . chr(0) . chr(0))],
            ['createGoid', 'uid-1234@example.com'],
            ['createGoid', ''],
            ['getUidFromGoid', base64_encode(hex2bin('040000008200E00074C5B7101A82E00800000000') . str_repeat("\x11", 20))],
            ['ensureUtf8', base64_encode("Gr\xfc\xdfe"), 'iso-8859-1'],
            ['ensureUtf8', base64_encode("Gr\xc3\xbc\xc3\x9fe"), 'UTF-8'],
            ['ensureUtf8', base64_encode("bad \xc3\x28 utf8"), 'UTF-8'],
        ];
        $jobs = array_map(function ($input) {
            return ['op' => 'utils', 'input' => $input];
        }, $inputs);
        $theirs = MessageOracle::theirs($jobs);
        $ours = MessageOracle::ours($jobs);
        foreach ($inputs as $i => $input) {
            $this->assertSame($theirs[$i], $ours[$i], $input[0]);
        }
        // a line cut short gives what it has, without warnings
        $this->assertSame(['ProtVer' => '14.1', 'Cmd' => 'Sync', 'Locale' => 1033],
                          \Horde_ActiveSync_Utils::decodeBase64(base64_encode(substr($line, 0, 4))));
        $this->assertSame([], \Horde_ActiveSync_Utils::decodeBase64('AA=='));
    }
}
