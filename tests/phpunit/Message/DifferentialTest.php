<?php
/**
 * Our message classes against Debian's php-horde-activesync on the same
 * objects: the same WBXML at every protocol version (less the tags a
 * version does not have, which Horde 5 writes anyway), the same objects
 * after encoding, and the same objects decoded from the same bytes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Message;

use Horde\ActiveSync\Test\Support\MessageOracle;
use Horde\ActiveSync\Test\Support\Oracle;
use Horde\ActiveSync\Test\Support\VersionFilter;
use PHPUnit\Framework\TestCase;

require_once EAS_TEST_ROOT . '/tests/oracle/message_lib.php';

class DifferentialTest extends TestCase
{
    /**
     * Where we differ from Horde 5 on purpose, case@version => why. The
     * tests check that Horde 5 does what the reason says.
     */
    const ENCODE_DIFFERENCES = [
        'allday@16.1' => 'keeps the zone and times of an all-day item at 16.1 (it knows only 16.0)',
    ];

    /** Cases Horde 5 cannot build at all (an Error from its constructor). */
    const HORDE_CANNOT_BUILD = [
        'Exception' => ['16.0', '16.1'],   // an unquoted class name as a constant
        'Forwardee' => \ML_VERSIONS,        // constants SendMail does not have
    ];

    /** Properties this package adds to Horde 5's classes. */
    const ADDITIONS = [
        'Horde_ActiveSync_Message_Attendee' => ['proposedstarttime', 'proposedendtime', 'clearProposedTimes'],
        'Horde_ActiveSync_Message_MeetingRequest' => ['disallownewtimeproposal'],
    ];

    /**
     * Decoding where Horde 5 fails with an error and we decode, case@version
     * => Horde's error (a prefix).
     */
    const DECODE_DIFFERENCES = [
        // Horde 5 refuses the whole item for a UID, DtStamp or organizer;
        // MS-ASCAL says a 16.0 server ignores them, and so do we
        'allday@16.0' => 'Horde_ActiveSync_Exception: Invalid values detected in Horde_ActiveSync_Message_Appointment.',
        'appointment-noexceptions@16.0' => 'Horde_ActiveSync_Exception: Invalid values detected in Horde_ActiveSync_Message_Appointment.',
        // 'opaque' is taken for a class name
        'picture@*' => 'Error: Class "opaque" not found',
        'all:ResolveRecipientsPicture@*' => 'Error: Class "opaque" not found',
        // 'KEY_TYPE_MAPI_STREAM' is taken for a class name; at 2.5
        // attachments start as false, which takes no []
        'all:Mail@*' => 'Error: ',
        'mail@2.5' => 'Error: [] operator not supported for strings',
        // Horde 5 cannot read the AirSyncBase:Annotation it writes (token 0)
        'all:Appointment@16.1' => 'Horde_ActiveSync_Exception: Unexpected tag',
    ];

    /**
     * Properties of a client's item that Horde 5 keeps and we drop,
     * case@version => properties: at 16.1 (Horde 5 applies the EAS 16.0
     * rule only at exactly 16.0).
     */
    const DECODE_DROPPED = [
        'appointment-noexceptions@16.1' => ['dtstamp'],
        'allday@16.1' => ['dtstamp'],
    ];

    /**
     * Where the object after encoding differs, case@version => why.
     */
    const AFTER_DIFFERENCES = [
        'body-stream@2.5' => 'Horde writes (and closes) the AirSyncBase body at 2.5; we leave it and its stream alone',
    ];

    private static $encoded;

    protected function setUp(): void
    {
        $this->assertTrue(Oracle::available(), 'php-horde-activesync (the oracle) is not installed');
    }

    public static function cases(): array
    {
        $names = array_merge(
            array_map(function ($c) {
                return "all:$c";
            }, ML_CLASSES),
            array_map(function ($c) {
                return "empty:$c";
            }, ML_CLASSES),
            array_keys(ML_CASES)
        );
        $cases = [];
        foreach ($names as $name) {
            foreach (ML_VERSIONS as $version) {
                $cases["$name@$version"] = [$name, $version];
            }
        }
        return $cases;
    }

    /** Both engines' encodings of every case, computed once. */
    private static function encoded(): array
    {
        if (self::$encoded === null) {
            $jobs = [];
            foreach (self::cases() as $key => [$case, $version]) {
                $jobs[$key] = ['op' => 'encode', 'case' => $case, 'version' => $version];
            }
            $keys = array_keys($jobs);
            $theirs = MessageOracle::theirs(array_values($jobs));
            $ours = MessageOracle::ours(array_values($jobs));
            // and both decodings of what Horde wrote
            $decodes = [];
            foreach ($keys as $i => $key) {
                if (isset($theirs[$i]['bytes'])) {
                    [$case, $version] = self::cases()[$key];
                    $decodes[$key] = ['op' => 'decode', 'class' => ml_case_class($case), 'version' => $version,
                                      'bytes' => $theirs[$i]['bytes'], 'command' => 'Add'];
                }
            }
            $decodeKeys = array_keys($decodes);
            $theirsDecoded = MessageOracle::theirs(array_values($decodes));
            $oursDecoded = MessageOracle::ours(array_values($decodes));
            self::$encoded = [];
            foreach ($keys as $i => $key) {
                self::$encoded[$key] = ['theirs' => $theirs[$i], 'ours' => $ours[$i]];
            }
            foreach ($decodeKeys as $i => $key) {
                self::$encoded[$key]['theirs_decoded'] = $theirsDecoded[$i];
                self::$encoded[$key]['ours_decoded'] = $oursDecoded[$i];
            }
        }
        return self::$encoded;
    }

    /**
     * @dataProvider cases
     */
    public function testEncodesAsHorde(string $case, string $version): void
    {
        $r = self::encoded()["$case@$version"];
        $class = ml_case_class($case);
        $this->assertArrayHasKey('bytes', $r['ours'], $r['ours']['error'] ?? '');
        if (in_array($version, self::HORDE_CANNOT_BUILD[$class] ?? [], true) ||
            ($class === 'Appointment' && $case === 'appointment' && $version >= 16)) {
            $this->assertStringStartsWith('Error: Undefined constant', $r['theirs']['error'] ?? '');
            $this->assertNotFalse(base64_decode($r['ours']['bytes']));
            return;
        }
        $this->assertArrayHasKey('bytes', $r['theirs'], $r['theirs']['error'] ?? '');
        $theirs = VersionFilter::strip(base64_decode($r['theirs']['bytes']), $version);
        $ours = base64_decode($r['ours']['bytes']);
        if (isset(self::ENCODE_DIFFERENCES["$case@$version"])) {
            $this->assertNotSame(bin2hex($theirs), bin2hex($ours), self::ENCODE_DIFFERENCES["$case@$version"]);
            return;
        }
        $this->assertSame(bin2hex($theirs), bin2hex($ours));
        $this->assertSame($r['theirs']['parts'], $r['ours']['parts']);
        if (isset(self::AFTER_DIFFERENCES["$case@$version"])) {
            $this->assertNotEquals($r['theirs']['after'], $r['ours']['after']);
            return;
        }
        // the objects afterwards: Horde converts dates to UTC in place
        $this->assertEquals(
            MessageOracle::instants($r['theirs']['after']),
            MessageOracle::instants(MessageOracle::withoutAdditions($r['ours']['after'], self::ADDITIONS)));
    }

    /**
     * @dataProvider cases
     */
    public function testDecodesAsHorde(string $case, string $version): void
    {
        $r = self::encoded()["$case@$version"];
        if (!isset($r['theirs_decoded'])) {
            $this->assertArrayHasKey('error', $r['theirs']);
            return;
        }
        $ours = $r['ours_decoded'];
        $theirs = $r['theirs_decoded'];
        if (($theirs['error'] ?? '') === 'no Data element') {
            // nothing was written to decode
            $this->assertSame($theirs, $ours);
            return;
        }
        $expected = self::DECODE_DIFFERENCES["$case@$version"] ?? self::DECODE_DIFFERENCES["$case@*"] ?? null;
        if ($expected !== null) {
            $this->assertStringStartsWith($expected, $theirs['error'] ?? '(Horde decoded it)');
            $this->assertArrayHasKey('dump', $ours, $ours['error'] ?? '');
            return;
        }
        if (isset($theirs['error'])) {
            // refused alike
            $this->assertSame($theirs['error'], $ours['error'] ?? '(we decoded it)');
            return;
        }
        $this->assertArrayHasKey('dump', $ours, $ours['error'] ?? '');
        $this->assertArrayHasKey('dump', $theirs, $theirs['error'] ?? '');
        $this->assertSame($theirs['end'], $ours['end'], 'the end tag is left for the caller');
        $theirs = $theirs['dump'];
        $ours = MessageOracle::withoutAdditions($ours['dump'], self::ADDITIONS);
        foreach (self::DECODE_DROPPED["$case@$version"] ?? [] as $dropped) {
            $this->assertNotFalse($theirs['properties'][$dropped]);
            $this->assertFalse($ours['properties'][$dropped]);
            unset($theirs['properties'][$dropped], $theirs['exists'][$dropped],
                  $ours['properties'][$dropped], $ours['exists'][$dropped]);
        }
        $this->assertEquals($theirs, $ours);
    }
}
