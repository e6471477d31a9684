<?php
/**
 * What clients and callers get wrong: unknown or misplaced tags inside
 * ApplicationData, text where elements belong and elements where text
 * belongs, empty items, broken dates and timezone blobs, truncated and
 * oversized input, properties holding the wrong PHP types. Horde 5 gives
 * up on most of these ("Unexpected tag") or drops the rest of the item;
 * we keep what can be kept and log what was skipped. Either way nothing
 * may surface as a PHP error: only Horde_ActiveSync_Exception.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Message;

use Horde\ActiveSync\Test\Support\Decode;
use Horde\ActiveSync\Test\Support\MessageOracle;
use Horde\ActiveSync\Test\Support\Oracle;
use Horde_ActiveSync_Exception;
use Horde_ActiveSync_Wbxml;
use Horde_ActiveSync_Wbxml_Decoder;
use Horde_ActiveSync_Wbxml_Encoder;
use Horde_Date;
use PHPUnit\Framework\TestCase;
use Throwable;

require_once EAS_TEST_ROOT . '/tests/oracle/message_lib.php';

class BadInputTest extends TestCase
{
    /**
     * An ApplicationData fragment: nodes are text, [tag] (an empty
     * element), [tag, text] or [tag, [nodes]].
     */
    public static function fragment(array $nodes): string
    {
        $out = fopen('php://memory', 'w+');
        $e = new Horde_ActiveSync_Wbxml_Encoder($out);
        $e->startTag('AirSync:ApplicationData');
        self::write($e, $nodes);
        $e->endTag();
        rewind($out);
        return stream_get_contents($out);
    }

    private static function write(Horde_ActiveSync_Wbxml_Encoder $e, array $nodes): void
    {
        foreach ($nodes as $n) {
            if (is_string($n)) {
                $e->content($n);
                continue;
            }
            $body = $n[1] ?? null;
            $e->startTag($n[0], false, $body === null);
            if ($body !== null) {
                is_string($body) ? $e->content($body) : self::write($e, $body);
                $e->endTag();
            }
        }
    }

    /**
     * Our decode of a fragment into a new $class: the dump, or the
     * exception's class and message; what was logged in 'log'.
     */
    private static function decode(string $class, string $version, string $bytes, array $options = []): array
    {
        $logger = Decode::logger($log);
        ml_set_request_version($version);
        $stream = fopen('php://memory', 'w+');
        fwrite($stream, $bytes);
        rewind($stream);
        try {
            $decoder = new Horde_ActiveSync_Wbxml_Decoder($stream, Horde_ActiveSync_Wbxml::LOG_PROTOCOL,
                $options + ['validateUtf8' => false]);
            $decoder->setLogger($logger);
            if (!$decoder->getElementStartTag(\Horde_ActiveSync::SYNC_DATA)) {
                return ['error' => 'no Data element', 'log' => Decode::logged($log)];
            }
            $name = 'Horde_ActiveSync_Message_' . $class;
            $m = new $name(['protocolversion' => $version, 'logger' => $logger]);
            $m->commandType = 'Add';
            $m->decodeStream($decoder);
            $end = $decoder->getElementEndTag() !== false;
            return ['dump' => ml_dump($m), 'end' => $end, 'log' => Decode::logged($log), 'message' => $m];
        } catch (Throwable $e) {
            return ['error' => get_class($e) . ': ' . $e->getMessage(), 'log' => Decode::logged($log)];
        }
    }

    /** The properties of a dump that hold something, recursively (commandType aside). */
    private static function filled(array $dump): array
    {
        $out = [];
        $public = $dump['public'];
        unset($public['commandType']);
        foreach (array_merge($dump['properties'], $public) as $k => $v) {
            if ($v === false || $v === [] || $v === null) {
                continue;
            }
            if (is_array($v) && isset($v['class'])) {
                $v = self::filled($v);
            } elseif (is_array($v) && !isset($v['@date'])) {
                $v = array_map(function ($item) {
                    return is_array($item) && isset($item['class']) ? self::filled($item) : $item;
                }, $v);
            }
            $out[$k] = $v;
        }
        return $out;
    }

    /**
     * name => [class, nodes, expected]: 'horde' when we decode as Horde
     * does; else what we keep (filled properties) and a line of the log.
     */
    public static function malformed(): array
    {
        $long = str_repeat('x', 70000);
        return [
            'unknown empty tag' => ['Contact',
                [['POOMCONTACTS:FileAs', 'x'], ['POOMMAIL:Subject'], ['POOMCONTACTS:LastName', 'y']],
                [['fileas' => 'x', 'lastname' => 'y'], 'Tag POOMMAIL:Subject unexpected']],
            'unknown tag with text' => ['Contact',
                [['POOMCONTACTS:FileAs', 'x'], ['POOMMAIL:Subject', 's'], ['POOMCONTACTS:LastName', 'y']],
                [['fileas' => 'x', 'lastname' => 'y'], 'Tag POOMMAIL:Subject unexpected']],
            'unknown tag with elements' => ['Contact',
                [['POOMCONTACTS:FileAs', 'x'],
                 ['POOMMAIL:Attachments', [['POOMMAIL:Attachment', [['POOMMAIL:DisplayName', 'd']]]]],
                 ['POOMCONTACTS:LastName', 'y']],
                [['fileas' => 'x', 'lastname' => 'y'], 'Tag POOMMAIL:Attachments unexpected']],
            'text in ApplicationData' => ['Contact', ['junk', ['POOMCONTACTS:LastName', 'y']], 'horde'],
            'text where Categories expects elements' => ['Contact',
                [['POOMCONTACTS:Categories', 'abc'], ['POOMCONTACTS:LastName', 'y']],
                [['lastname' => 'y'], 'content where POOMCONTACTS:Categories expects elements']],
            'element where FileAs expects text' => ['Contact',
                [['POOMCONTACTS:FileAs', [['POOMCONTACTS:LastName', 'z']]], ['POOMCONTACTS:LastName', 'y']],
                [['fileas' => '', 'lastname' => 'y'], 'unexpected element in POOMCONTACTS:FileAs']],
            'empty Categories' => ['Contact', [['POOMCONTACTS:Categories'], ['POOMCONTACTS:LastName', 'y']], 'horde'],
            'empty Category' => ['Contact',
                [['POOMCONTACTS:Categories', [['POOMCONTACTS:Category'], ['POOMCONTACTS:Category', 'b']]]],
                [['categories' => ['b']], 'empty item in POOMCONTACTS:Categories ignored']],
            'wrong tag among Categories' => ['Contact',
                [['POOMCONTACTS:Categories', [['POOMCONTACTS:LastName', 'q'], ['POOMCONTACTS:Category', 'b']]],
                 ['POOMCONTACTS:LastName', 'y']],
                [['lastname' => 'y', 'categories' => ['b']], 'unexpected POOMCONTACTS:LastName in POOMCONTACTS:Categories; skipped']],
            'birthday not a date' => ['Contact',
                [['POOMCONTACTS:Birthday', 'garbage'], ['POOMCONTACTS:LastName', 'y']], 'horde'],
            'birthday out of range' => ['Contact',
                [['POOMCONTACTS:Birthday', '2024-13-45T99:99:99.000Z'], ['POOMCONTACTS:LastName', 'y']], 'horde'],
            'empty birthday' => ['Contact',
                [['POOMCONTACTS:Birthday'], ['POOMCONTACTS:LastName', 'y']], 'horde'],
            'long text' => ['Contact', [['POOMCONTACTS:FileAs', $long]], 'horde'],
            'short timezone blob' => ['Appointment',
                [['POOMCAL:Timezone', base64_encode('abc')], ['POOMCAL:Subject', 's']], 'horde'],
            'timezone not base64' => ['Appointment',
                [['POOMCAL:Timezone', '!!!***'], ['POOMCAL:Subject', 's']], 'horde'],
            'timezone of random bytes' => ['Appointment',
                [['POOMCAL:Timezone', base64_encode(str_repeat("\xff\x7f\x80\x00", 43))], ['POOMCAL:Subject', 's']],
                'horde'],
            'start time not a date' => ['Appointment',
                [['POOMCAL:StartTime', '20241301T256161Z'], ['POOMCAL:Subject', 's']], 'horde'],
            'text in number fields' => ['Appointment',
                [['POOMCAL:AllDayEvent', 'yes'], ['POOMCAL:Sensitivity', 'abc'],
                 ['POOMCAL:BusyStatus', '9999999999999999999'], ['POOMCAL:Subject', 's']], 'horde'],
            'recurrence of nonsense' => ['Appointment',
                [['POOMCAL:Recurrence', [['POOMCAL:Type', '9'], ['POOMCAL:Interval', 'x'], ['POOMCAL:Until', 'bad']]],
                 ['POOMCAL:Subject', 's']], 'horde'],
            'recurrence as text' => ['Appointment',
                [['POOMCAL:Recurrence', 'text'], ['POOMCAL:Subject', 's']], 'horde'],
            'unknown tag in an exception' => ['Appointment',
                [['POOMCAL:Exceptions', [['POOMCAL:Exception', [['POOMCAL:Deleted', '1'], ['POOMMAIL:Subject', 'q'],
                    ['POOMCAL:ExceptionStartTime', '20240101T100000Z']]]]], ['POOMCAL:Subject', 's']],
                [['exceptions' => [['deleted' => '1',
                    'exceptionstarttime' => ['@date' => '2024-01-01 10:00:00', 'tz' => 'UTC']]], 'subject' => 's'],
                 'Tag POOMMAIL:Subject unexpected']],
            'empty attendee' => ['Appointment',
                [['POOMCAL:Attendees', [['POOMCAL:Attendee'], ['POOMCAL:Attendee', [['POOMCAL:Email', 'a@b']]]]],
                 ['POOMCAL:Subject', 's']],
                [['attendees' => [['email' => 'a@b']], 'subject' => 's'], 'empty item in POOMCAL:Attendees ignored']],
            'unknown tag in a body' => ['Mail',
                [['POOMMAIL:Subject', 's'],
                 ['AirSyncBase:Body', [['AirSyncBase:Type', 'x'], ['POOMMAIL:To', 'q'], ['AirSyncBase:Data', 'd']]],
                 ['POOMMAIL:Read', '1']],
                [['subject' => 's', 'read' => '1', 'airsyncbasebody' => ['type' => 'x', 'data' => 'd']],
                 'Tag POOMMAIL:To unexpected']],
            'task with a broken recurrence' => ['Task',
                [['Tasks:Subject', 's'], ['Tasks:Recurrence', [['Tasks:Type', 'q'], ['Tasks:Start', 'x']]]], 'horde'],
            'note with unknown tags' => ['Note',
                [['Notes:Subject', 's'], ['POOMCAL:Subject', 'q'], ['Notes:Categories', [['Notes:Category', 'c']]]],
                [['subject' => 's', 'categories' => ['c']], 'Tag POOMCAL:Subject unexpected']],
        ];
    }

    public function testMalformedItems(): void
    {
        $this->assertTrue(Oracle::available(), 'php-horde-activesync (the oracle) is not installed');
        $cases = self::malformed();
        $jobs = [];
        foreach ($cases as $name => [$class, $nodes]) {
            $jobs[] = ['op' => 'decode', 'class' => $class, 'version' => '14.1',
                'bytes' => base64_encode(self::fragment($nodes)), 'command' => 'Add'];
        }
        $theirs = MessageOracle::theirs($jobs);
        $i = 0;
        foreach ($cases as $name => [$class, $nodes, $expected]) {
            $t = $theirs[$i++];
            $o = self::decode($class, '14.1', self::fragment($nodes));
            $this->assertArrayHasKey('dump', $o, "$name: " . ($o['error'] ?? ''));
            if ($expected === 'horde') {
                $this->assertArrayHasKey('dump', $t, "$name: " . ($t['error'] ?? ''));
                $this->assertSame($t['dump'], $o['dump'], $name);
                $this->assertSame($t['end'], $o['end'], "$name: the item's end tag");
                continue;
            }
            $this->assertTrue($o['end'], "$name: the item's end tag");
            [$kept, $logged] = $expected;
            // Horde throws or loses the rest of the item
            $this->assertTrue(isset($t['error']) || $t['dump'] !== $o['dump'], "$name: Horde decodes it");
            $this->assertSame($kept, self::filled($o['dump']), $name);
            $this->assertStringContainsString($logged, $o['log'], $name);
        }
    }

    /** Every version's mapping on the same broken items. */
    public function testMalformedItemsAtEveryVersion(): void
    {
        foreach (self::malformed() as $name => [$class, $nodes]) {
            foreach (ML_VERSIONS as $version) {
                $o = self::decode($class, $version, self::fragment($nodes));
                $this->assertArrayHasKey('dump', $o, "$name@$version: " . ($o['error'] ?? ''));
                // and the item encodes again
                $this->assertIsString(self::encode($o['message']), "$name@$version");
            }
        }
    }

    /** Our encoding of a message in <Data>, or the exception's text. */
    private static function encode($m, &$log = null): string
    {
        $logger = Decode::logger($stream);
        (function () use ($logger) {
            $this->_logger = $logger;
        })->call($m);
        $out = fopen('php://memory', 'w+');
        $encoder = new Horde_ActiveSync_Wbxml_Encoder($out);
        try {
            $encoder->startTag(\Horde_ActiveSync::SYNC_DATA);
            $m->encodeStream($encoder);
            $encoder->endTag();
        } catch (Horde_ActiveSync_Exception $e) {
            $log = Decode::logged($stream);
            return 'exception: ' . $e->getMessage();
        }
        $log = Decode::logged($stream);
        rewind($out);
        return stream_get_contents($out);
    }

    /**
     * Items cut anywhere: the WBXML layer's exception, or what was read
     * before the cut; never a PHP error.
     */
    public function testTruncatedItems(): void
    {
        foreach (['all:Contact', 'all:Appointment', 'all:Mail', 'all:Task', 'all:MeetingRequest'] as $case) {
            foreach (['2.5', '12.1', '14.1', '16.1'] as $version) {
                $r = MessageOracle::ours([['op' => 'encode', 'case' => $case, 'version' => $version]])[0];
                $this->assertArrayHasKey('bytes', $r, $r['error'] ?? '');
                $bytes = base64_decode($r['bytes']);
                $class = substr($case, 4);
                $step = max(1, intdiv(strlen($bytes), 300));
                for ($cut = 0; $cut < strlen($bytes); $cut += $step) {
                    $o = self::decode($class, $version, substr($bytes, 0, $cut));
                    if (isset($o['error'])) {
                        $this->assertMatchesRegularExpression('/^(Horde_ActiveSync_Exception: |no Data element$)/',
                            $o['error'], "$case@$version cut at $cut");
                    } else {
                        $this->assertFalse($o['end'], "$case@$version cut at $cut");
                    }
                }
            }
        }
    }

    /** The decoder's limits hold inside messages too. */
    public function testOversizedInput(): void
    {
        $bytes = self::fragment([['POOMCONTACTS:FileAs', str_repeat('x', 5000)], ['POOMCONTACTS:LastName', 'y']]);
        $o = self::decode('Contact', '14.1', $bytes, ['maxStringLength' => 1024]);
        $this->assertStringStartsWith('Horde_ActiveSync_Exception: ', $o['error'] ?? '(decoded)');
        $o = self::decode('Contact', '14.1', $bytes, ['maxStringLength' => 8192]);
        $this->assertSame(['fileas' => str_repeat('x', 5000), 'lastname' => 'y'], self::filled($o['dump']));

        // nesting deeper than the decoder allows, inside an unknown tag
        $nodes = [['POOMCONTACTS:LastName', 'y']];
        for ($i = 0; $i < 200; $i++) {
            $nodes = [['POOMMAIL:Attachments', $nodes]];
        }
        $o = self::decode('Contact', '14.1', self::fragment($nodes), ['maxDepth' => 64]);
        $this->assertStringStartsWith('Horde_ActiveSync_Exception: ', $o['error'] ?? '(decoded)');
        $o = self::decode('Contact', '14.1', self::fragment($nodes), ['maxDepth' => 512]);
        $this->assertSame([], self::filled($o['dump']));
        $this->assertTrue($o['end']);

        // a large body comes through whole
        $body = str_repeat("line of text\r\n", 100000);
        $o = self::decode('Mail', '14.1', self::fragment([['AirSyncBase:Body',
            [['AirSyncBase:Type', '1'], ['AirSyncBase:Data', $body]]]]));
        $data = $o['message']->airsyncbasebody->data;
        $this->assertSame($body, is_resource($data) ? stream_get_contents($data, -1, 0) : $data);
    }

    /**
     * Properties holding what they should not: logged and left out, or
     * Horde's exception, never a PHP error.
     */
    public function testWrongTypesOnEncode(): void
    {
        $closed = fopen('php://memory', 'r');
        fclose($closed);
        $cases = [
            // what Horde_Date makes a date of is taken as one
            ['Contact', 'birthday', 'yesterday', null],
            ['Contact', 'birthday', 'garbage', 'is not a date'],
            ['Contact', 'birthday', new \stdClass(), 'is not a date'],
            ['Contact', 'fileas', ['a', 'b'], 'holds an array'],
            ['Contact', 'categories', 'one', null],
            ['Contact', 'children', [['x']], null],
            ['Appointment', 'starttime', 17, null],
            ['Appointment', 'starttime', [17], 'holds an array'],
            ['Appointment', 'attendees', ['someone'], null],
            ['Appointment', 'recurrence', 'daily', null],
            ['Appointment', 'airsyncbasebody', 'text', null],
            ['Appointment', 'subject', new \stdClass(), 'an object that is not text'],
            ['Mail', 'airsyncbasebody', 42, null],
            ['Mail', 'to', $closed, 'no open stream'],
            ['Mail', 'subject', stream_context_create(), 'no open stream'],
            ['Task', 'duedate', 'soon', 'is not a date'],
        ];
        foreach ($cases as [$class, $property, $value, $logged]) {
            foreach (['2.5', '14.1', '16.1'] as $version) {
                $m = ml_new($class, $version);
                try {
                    $m->$property = $value;
                } catch (\InvalidArgumentException $e) {
                    continue;
                }
                $bytes = self::encode($m, $log);
                $label = "$class->$property = " . (is_object($value) ? get_class($value) : json_encode($value)) . "@$version";
                $this->assertIsString($bytes, $label);
                if ($logged !== null && strncmp($bytes, 'exception', 9) !== 0) {
                    $this->assertStringContainsString($logged, $log, $label);
                }
            }
        }
    }

    /**
     * Random fragments over every class's tags, foreign tags, text and
     * elements in the wrong places, and bytes flipped in good items:
     * each decodes, or fails with Horde_ActiveSync_Exception, and what
     * decodes encodes again.
     */
    public function testRandomFragments(): void
    {
        mt_srand((int)(getenv('EAS_FUZZ_SEED') ?: 20260612));
        $foreign = ['POOMMAIL:Subject', 'POOMCAL:Attendee', 'AirSyncBase:Body', 'AirSyncBase:Data',
            'POOMCONTACTS:Category', 'Tasks:Recurrence', 'AirSync:ApplicationData', 'Notes:Subject'];
        $texts = ['', '0', '1', '-1', '99999999999999999999', 'text', "\x00\xff\xfe", '20240101T000000Z',
            '2024-02-30T25:61:61.000Z', base64_encode(str_repeat("\x00", 172)), str_repeat('é', 300)];
        $runs = 0;
        foreach (ML_CLASSES as $class) {
            foreach (['2.5', '12.1', '14.1', '16.0', '16.1'] as $version) {
                $m = ml_new($class, $version);
                $tags = array_merge(array_keys(ml_prop($m, '_mapping')), $foreign);
                foreach (ml_prop($m, '_mapping') as $map) {
                    if (isset($map[\Horde_ActiveSync_Message_Base::KEY_VALUES])) {
                        $tags[] = $map[\Horde_ActiveSync_Message_Base::KEY_VALUES];
                    }
                }
                $tags = array_values(array_filter($tags, 'is_string'));
                $gen = function (int $depth) use (&$gen, $tags, $texts) {
                    $nodes = [];
                    for ($n = mt_rand(0, 6); $n > 0; $n--) {
                        $r = mt_rand(0, 9);
                        $tag = $tags[mt_rand(0, count($tags) - 1)];
                        if ($r === 0) {
                            $nodes[] = $texts[mt_rand(1, count($texts) - 1)];
                        } elseif ($r === 1) {
                            $nodes[] = [$tag];
                        } elseif ($r < 6 || $depth > 3) {
                            $nodes[] = [$tag, $texts[mt_rand(1, count($texts) - 1)]];
                        } else {
                            $nodes[] = [$tag, $gen($depth + 1)];
                        }
                    }
                    return $nodes;
                };
                for ($k = 0; $k < 40; $k++) {
                    try {
                        $bytes = self::fragment($gen(0));
                    } catch (Horde_ActiveSync_Exception $e) {
                        continue;
                    }
                    $this->assertFuzzed($class, $version, $bytes);
                    // and some damage to the bytes
                    $damaged = $bytes;
                    for ($f = mt_rand(1, 3); $f > 0; $f--) {
                        $at = mt_rand(2, max(2, strlen($damaged) - 1));
                        $damaged[$at] = chr(mt_rand(0, 255));
                    }
                    $this->assertFuzzed($class, $version, $damaged);
                    $runs += 2;
                }
            }
        }
        $this->assertGreaterThan(1000, $runs);
    }

    private function assertFuzzed(string $class, string $version, string $bytes): void
    {
        $o = self::decode($class, $version, $bytes);
        $label = "$class@$version " . bin2hex($bytes);
        if (isset($o['error'])) {
            $this->assertMatchesRegularExpression('/^(Horde_ActiveSync_Exception: |no Data element$)/',
                $o['error'], $label);
            return;
        }
        $this->assertIsString(self::encode($o['message']), $label);
    }
}
