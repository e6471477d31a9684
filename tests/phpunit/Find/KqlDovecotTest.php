<?php
/**
 * The IMAP searches Horde_ActiveSync_Find_Kql builds, run by Dovecot (the
 * throwaway server tools/test.sh starts, EAS_TEST_IMAP) over a mailbox
 * seeded through IMAP APPEND with varied senders, recipients, subjects,
 * bodies, dates, sizes, flags, keywords and attachments: every query must
 * return exactly the messages it means.
 *
 * What a query means is worked out here, independently of the extension,
 * by evaluating its tree (Horde_ActiveSync_Find_Kql::parse()) over the
 * description of each seeded message, with the semantics docs/kql.md
 * gives (IMAP matches substrings without regard to case; a date is a
 * calendar day; an attachment is a named part of a multipart/mixed mail).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Find;

use DateTime;
use DateTimeZone;
use Horde\ActiveSync\Test\Support\HordeLegacy;
use Horde_ActiveSync_Find_Kql;
use Horde_Imap_Client_Socket;
use PHPUnit\Framework\TestCase;

class KqlDovecotTest extends TestCase
{
    /** Friday 2024-03-15 12:00 UTC. */
    private const NOW = 1710504000;

    /** @var Horde_Imap_Client_Socket|null */
    private static $imap;
    /** @var string */
    private static $mailbox;
    /** @var array<string, int> message name => UID */
    private static $uids = [];
    /** @var array<string, array> message name => description */
    private static $messages = [];

    public static function setUpBeforeClass(): void
    {
        $spec = getenv('EAS_TEST_IMAP');
        if (!$spec) {
            return;
        }
        HordeLegacy::use();
        try {
            $params = [];
            foreach (preg_split('/\s+/', trim($spec)) as $pair) {
                [$key, $value] = explode('=', $pair, 2) + [1 => ''];
                $params[$key] = $value;
            }
            self::$imap = new Horde_Imap_Client_Socket([
                'hostspec' => $params['host'], 'port' => (int)$params['port'], 'username' => $params['username'],
                'password' => $params['password'], 'secure' => false,
            ]);
            self::$mailbox = 'KqlTest' . getmypid();
            self::$imap->createMailbox(self::$mailbox);
            self::$messages = self::messages();
            foreach (self::$messages as $name => $m) {
                $ids = self::$imap->append(self::$mailbox, [[
                    'data' => $m['raw'],
                    'flags' => $m['flags'],
                    'internaldate' => new DateTime($m['received'] . ' 12:00:00', new DateTimeZone('UTC')),
                ]]);
                self::$uids[$name] = (int)$ids->ids[0];
            }
        } finally {
            HordeLegacy::restore();
        }
    }

    public static function tearDownAfterClass(): void
    {
        if (self::$imap) {
            HordeLegacy::use();
            try {
                self::$imap->deleteMailbox(self::$mailbox);
                self::$imap->logout();
            } finally {
                HordeLegacy::restore();
                self::$imap = null;
            }
        }
    }

    protected function setUp(): void
    {
        if (!self::$imap) {
            if (getenv('EAS_REQUIRE_DB')) {
                $this->fail('Dovecot required (EAS_REQUIRE_DB) but EAS_TEST_IMAP is not set');
            }
            $this->markTestSkipped('no IMAP server (tools/test.sh starts Dovecot)');
        }
        HordeLegacy::use();
    }

    protected function tearDown(): void
    {
        HordeLegacy::restore();
    }

    /* --- the seeded mailbox ----------------------------------------------- */

    private static function messages(): array
    {
        $list = [
            'report' => [
                'from' => 'Alice Able <alice@example.com>', 'to' => 'bob@example.org', 'subject' => 'Quarterly report',
                'body' => 'Please find the figures attached.', 'attachment' => 'q3-results.pdf',
                'received' => '2024-03-14', 'flags' => ['\\seen', 'red_category'],
            ],
            'lunch' => [
                'from' => 'Bob Brown <bob@example.org>', 'to' => 'Alice Able <alice@example.com>', 'cc' => 'carol@example.net',
                'subject' => 'Lunch on Friday?', 'body' => 'Shall we try the new place near the station?',
                'received' => '2024-03-15', 'flags' => ['\\flagged'],
            ],
            'greetings' => [
                'from' => 'Jürgen Weiß <juergen@example.de>', 'to' => 'alice@example.com', 'subject' => 'Grüße aus Köln',
                'body' => 'Schöne Grüße vom Rhein', 'received' => '2024-03-11', 'flags' => ['\\seen', 'grune_kategorie'],
            ],
            'digest' => [
                'from' => 'Newsletter <news@lists.example.com>', 'to' => 'alice@example.com', 'subject' => 'Weekly digest',
                'body' => str_repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\r\n", 1100),
                'headers' => ['X-Priority' => '5 (Lowest)'], 'received' => '2024-02-20', 'flags' => ['\\seen'],
            ],
            'budget' => [
                'from' => 'carol@example.net', 'to' => 'alice@example.com', 'bcc' => 'dave@example.com',
                'subject' => 'Budget forecast 2024', 'body' => 'The spreadsheet is in the mail.',
                'attachment' => 'budget-forecast.xlsx', 'headers' => ['Importance' => 'High'], 'received' => '2024-03-04',
            ],
            'invitation' => [
                'from' => 'Dave Doe <dave@example.com>', 'to' => 'team@example.com', 'subject' => 'Invitation: planning meeting',
                'body' => 'Planning for the second quarter.', 'calendar' => true,
                'headers' => ['X-Priority' => '1 (Highest)'], 'received' => '2024-03-13',
            ],
            'reply' => [
                'from' => 'alice@example.com', 'to' => 'Bob Brown <bob@example.org>', 'subject' => 'Re: Lunch on Friday?',
                'body' => 'Sounds good to me.', 'received' => '2023-12-24', 'flags' => ['\\seen', 'follow_up'],
            ],
            'draft' => [
                'from' => 'bob@example.org', 'to' => 'bob@example.org', 'subject' => 'draft notes', 'body' => 'remember the milk',
                'headers' => ['Importance' => 'low'], 'received' => '2024-01-15', 'flags' => ['\\draft', '\\seen'],
            ],
            'unicode' => [
                'from' => 'Eve <eve@example.com>', 'to' => 'alice@example.com', 'subject' => 'Ünïcödé 日本語',
                'body' => '検索のテスト', 'received' => '2024-03-15',
            ],
            'invoice' => [
                'from' => 'Mallory <mallory@example.com>', 'to' => 'alice@example.com', 'subject' => 'invoice 4711',
                'body' => 'Payment is due in 30 days.', 'attachment' => 'invoice-4711.pdf', 'received' => '2024-03-01',
                'flags' => ['\\flagged', 'paid'],
            ],
            'ping' => [
                'from' => 'x@example.com', 'to' => 'y@example.com', 'subject' => 'ping', 'body' => '.',
                'headers' => ['X-Priority' => '3 (Normal)', 'Importance' => 'high'], 'received' => '2022-06-01',
            ],
            'late' => [
                'from' => 'alice@example.com', 'to' => 'carol@example.net', 'subject' => 'report draft v2',
                'body' => 'The numbers of the second quarter are inside.', 'sent' => '2024-03-10', 'received' => '2024-03-15',
            ],
        ];
        foreach ($list as $name => &$m) {
            $m += ['cc' => '', 'bcc' => '', 'headers' => [], 'flags' => [], 'attachment' => null, 'calendar' => false];
            $m['sent'] = $m['sent'] ?? $m['received'];
            $m['raw'] = self::rfc822($name, $m);
        }
        return $list;
    }

    private static function encodeWord(string $s): string
    {
        return preg_match('/[\x80-\xff]/', $s) ? '=?UTF-8?B?' . base64_encode($s) . '?=' : $s;
    }

    private static function encodeAddress(string $s): string
    {
        return preg_match('/^(.*) (<.*>)$/', $s, $m) ? self::encodeWord($m[1]) . ' ' . $m[2] : $s;
    }

    private static function rfc822(string $name, array $m): string
    {
        $date = (new DateTime($m['sent'] . ' 12:00:00', new DateTimeZone('UTC')))->format('D, d M Y H:i:s O');
        $head = ['From: ' . self::encodeAddress($m['from']), 'To: ' . self::encodeAddress($m['to'])];
        foreach (['cc' => 'Cc', 'bcc' => 'Bcc'] as $key => $header) {
            if ($m[$key] !== '') {
                $head[] = "$header: " . $m[$key];
            }
        }
        $head[] = 'Subject: ' . self::encodeWord($m['subject']);
        $head[] = "Date: $date";
        $head[] = "Message-ID: <$name@kql.test>";
        foreach ($m['headers'] as $k => $v) {
            $head[] = "$k: $v";
        }
        $head[] = 'MIME-Version: 1.0';
        $text = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            . quoted_printable_encode($m['body']) . "\r\n";
        if ($m['attachment']) {
            $head[] = 'Content-Type: multipart/mixed; boundary="b1"';
            $body = "--b1\r\n$text--b1\r\nContent-Type: application/octet-stream; name=\"{$m['attachment']}\"\r\n"
                . "Content-Disposition: attachment; filename=\"{$m['attachment']}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                . chunk_split(base64_encode(str_repeat("\x00\x01binary\xff", 40))) . "--b1--\r\n";
        } elseif ($m['calendar']) {
            $head[] = 'Content-Type: multipart/alternative; boundary="b2"';
            $body = "--b2\r\n$text--b2\r\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\n"
                . "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:$name\r\nSUMMARY:Planning\r\n"
                . "DTSTART:20240320T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n--b2--\r\n";
        } else {
            $head[] = 'Content-Type: text/plain; charset=utf-8';
            $head[] = 'Content-Transfer-Encoding: quoted-printable';
            $body = quoted_printable_encode($m['body']) . "\r\n";
        }
        return implode("\r\n", $head) . "\r\n\r\n" . $body;
    }

    /* --- what a query means ------------------------------------------------ */

    private static function contains(string $haystack, string $needle): bool
    {
        return mb_stripos($haystack, $needle, 0, 'UTF-8') !== false;
    }

    private static function inRange(string $day, ?string $since, ?string $before): bool
    {
        return ($since === null || $day >= $since) && ($before === null || $day < $before);
    }

    /** Horde's reading of a mail's importance (EAS 0 low, 1 normal, 2 high). */
    private static function importance(array $m): string
    {
        $h = array_change_key_case($m['headers']);
        if (isset($h['x-priority'])) {
            $digits = preg_replace('/\D+/', '', $h['x-priority']);
            return $digits === '1' ? 'high' : ($digits === '5' ? 'low' : 'normal');
        }
        $i = strtolower($h['importance'] ?? '');
        return $i === 'high' ? 'high' : ($i === 'low' ? 'low' : 'normal');
    }

    private static function means(array $node, array $m): bool
    {
        switch ($node['op']) {
        case 'and':
            foreach ($node['nodes'] as $n) {
                if (!self::means($n, $m)) {
                    return false;
                }
            }
            return true;
        case 'or':
            foreach ($node['nodes'] as $n) {
                if (self::means($n, $m)) {
                    return true;
                }
            }
            return false;
        case 'not':
            return !self::means($node['node'], $m);
        case 'text':
            // TEXT: header fields, the body and the MIME part headers (file names)
            $all = implode("\n", [$m['from'], $m['to'], $m['cc'], $m['bcc'], $m['subject'], $m['body'],
                                  (string)$m['attachment'], implode("\n", $m['headers'])]);
            return self::contains($all, $node['value']);
        }
        $v = $node['value'] ?? null;
        switch ($node['property']) {
        case 'from':
        case 'to':
        case 'cc':
        case 'bcc':
        case 'subject':
        case 'body':
            return self::contains($m[$node['property']], $v);
        case 'participants':
            return self::contains(implode("\n", [$m['from'], $m['to'], $m['cc'], $m['bcc']]), $v);
        case 'attachment':
            return $m['attachment'] !== null && self::contains($m['attachment'], $v);
        case 'hasattachment':
            return ($m['attachment'] !== null) === $v;
        case 'received':
            return self::inRange($m['received'], $node['since'], $node['before']);
        case 'sent':
            return self::inRange($m['sent'], $node['since'], $node['before']);
        case 'size':
            $size = strlen($m['raw']);
            return ($node['min'] === null || $size >= $node['min']) && ($node['max'] === null || $size <= $node['max']);
        case 'category':
            return in_array(Horde_ActiveSync_Find_Kql::categoryKeyword($v), $m['flags'], true);
        case 'importance':
            return self::importance($m) === $v;
        case 'isread':
            return in_array('\\seen', $m['flags'], true) === $v;
        case 'isflagged':
            return in_array('\\flagged', $m['flags'], true) === $v;
        case 'kind':
            return $v === 'email' || ($v === 'meeting' && $m['calendar']);
        }
        throw new \LogicException('no meaning for ' . json_encode($node));
    }

    /* --- the test ----------------------------------------------------------- */

    public static function queries(): array
    {
        $queries = [
            // free text, phrases, prefixes, Unicode
            'report', '"quarterly report"', 'quarter*', 'QUARTERLY', 'station', 'Grüße', 'grüße köln', '日本語', '検索',
            'milk OR station', 'report -draft', 'NOT report', 'q3-results', 'budget-forecast.xlsx',
            // addresses and subjects
            'from:alice', 'from:"Alice Able"', 'from:alice@example.com', 'from:jürgen', 'from:Weiß', 'to:bob@example.org',
            'cc:carol', 'bcc:dave', 'participants:carol@example.net', 'participants:dave', 'subject:report',
            'subject:"Lunch on Friday"', 'subject:lunch -subject:re', 'subject:Grüße', 'subject:Ünïcödé', 'body:station',
            'body:"second quarter"', 'from:alice from:bob', 'from:alice OR from:bob subject:lunch',
            '(from:alice OR from:bob) NOT lunch', 'from:(mallory OR eve)', 'from<>alice', 'to:(alice AND NOT bob)',
            // dates (now: Friday 2024-03-15)
            'received:today', 'received:yesterday', 'received:this week', 'received:last week', 'received:this month',
            'received:last month', 'received:this year', 'received:last year', 'received>=2024-03-10',
            'received>2024-03-14', 'received<2024-01-01', 'received<=2024-01-15', 'received:2024-03-01..2024-03-13',
            'received:3/15/2024', 'received:"March 2024"', 'received<>today', 'sent:2024-03-10', 'sent:this week',
            'received:today sent<2024-03-11', 'NOT received:this year',
            // sizes
            'size>50KB', 'size<1000', 'size:1KB..2KB', 'size>=1K -size>2K', 'size<0', 'size>=0',
            // flags, categories, importance
            'isread:true', 'isread:false', 'isflagged:true', 'NOT isread:true AND NOT isflagged:true',
            'category:"Red Category"', 'category:"Grüne Kategorie"', 'category:"Follow up" OR category:paid',
            '-category:paid', 'category:Unused', 'importance:high', 'importance:low', 'importance:normal',
            'importance<>normal',
            // attachments and kinds
            'hasattachment:true', 'hasattachment:false', 'attachment:budget', 'attachmentnames:"invoice-4711"',
            'attachment:results.pdf', 'kind:meeting', 'kind:email', 'kind:contacts', 'NOT kind:meetings',
            // mixtures as clients send them
            'invoice* isflagged:true', 'to:"alice" OR cc:"alice" OR from:"alice" OR subject:"alice"',
            'from:alice received:this week hasattachment:true', '(subject:digest OR body:spreadsheet) -from:carol',
            'participants:example.org importance:normal isread:true',
        ];
        return array_combine($queries, array_map(function ($q) {
            return [$q];
        }, $queries));
    }

    /** @dataProvider queries */
    public function testDovecotFindsWhatTheQueryMeans(string $kql): void
    {
        $options = ['now' => self::NOW, 'timezone' => 'UTC'];
        $tree = Horde_ActiveSync_Find_Kql::parse($kql, $options);
        $expected = [];
        foreach (self::$messages as $name => $m) {
            if (self::means($tree, $m)) {
                $expected[] = $name;
            }
        }

        $result = self::$imap->search(self::$mailbox, Horde_ActiveSync_Find_Kql::toImapQuery($kql, $options));
        $byUid = array_flip(self::$uids);
        $found = array_map(function ($uid) use ($byUid) {
            return $byUid[$uid] ?? "uid $uid";
        }, $result['match']->ids);
        sort($expected);
        sort($found);
        $this->assertSame($expected, $found, $kql);

    }

    public function testTheMailboxHasWhatTheQueriesNeed(): void
    {
        // each message is found by some query and missed by another
        $hits = array_fill_keys(array_keys(self::$messages), 0);
        $queries = self::queries();
        foreach ($queries as [$kql]) {
            $tree = Horde_ActiveSync_Find_Kql::parse($kql, ['now' => self::NOW, 'timezone' => 'UTC']);
            foreach (self::$messages as $name => $m) {
                $hits[$name] += self::means($tree, $m) ? 1 : 0;
            }
        }
        foreach ($hits as $name => $n) {
            $this->assertGreaterThan(0, $n, "$name is never found");
            $this->assertLessThan(count($queries), $n, "$name is always found");
        }
        $this->assertCount(count(self::$messages), self::$uids);
    }
}
