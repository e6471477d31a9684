<?php
/**
 * Horde_ActiveSync_Find_Kql: the contract Horde 6's tests describe for
 * toImapQuery(), time zones and "now", categories as Horde stores them,
 * errors, and the tree for non-IMAP drivers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Find;

use DateTimeImmutable;
use DateTimeZone;
use Horde\ActiveSync\Native\KqlException;
use Horde\ActiveSync\Test\Support\HordeLegacy;
use Horde_ActiveSync_Exception;
use Horde_ActiveSync_Find_Kql;
use Horde_Imap_Client_Search_Query;
use PHPUnit\Framework\TestCase;

class KqlTest extends TestCase
{
    protected function setUp(): void
    {
        HordeLegacy::use();
    }

    protected function tearDown(): void
    {
        HordeLegacy::restore();
    }

    private static function imap(string $kql, array $options = []): string
    {
        return (string)Horde_ActiveSync_Find_Kql::toImapQuery($kql, $options + ['now' => 1710504000, 'timezone' => 'UTC']);
    }

    /** What Horde 6's FindKqlTest asks of the IMAP search, query by query. */
    public static function hordeSixExpectations(): array
    {
        $term = 'Example Contact';
        return [
            'plain text' => ['meeting notes', ['TEXT', 'meeting', 'notes']],
            'from' => ['from:john@example.com', ['FROM', 'john@example.com']],
            'subject phrase' => ['subject:"quarterly report"', ['SUBJECT', 'quarterly report']],
            'OR expansion of phones' => ["to:\"$term\" OR cc:\"$term\" OR from:\"$term\" OR subject:\"$term\" OR \"$term\" OR \"$term\"",
                                         ['OR', $term]],
            'implicit AND' => ['from:john@example.com subject:meeting', ['FROM', 'SUBJECT', 'meeting']],
            'explicit AND' => ['from:john@example.com AND hasattachment:true', ['FROM', 'HEADER', 'CONTENT-TYPE']],
            'NOT' => ['NOT from:newsletter@example.com', ['NOT', 'FROM', 'newsletter@example.com']],
            'parentheses' => ['subject:meeting AND (from:a@example.com OR from:b@example.com)',
                              ['SUBJECT', 'OR', 'a@example.com', 'b@example.com']],
            'participants' => ['participants:alice@example.com', ['OR', 'alice@example.com']],
            'body' => ['body:"sales figures"', ['BODY', 'sales figures']],
            'hasattachment:false' => ['hasattachment:false', ['NOT', 'CONTENT-TYPE']],
            'isread:false' => ['isread:false', ['UNSEEN']],
            'isflagged:true' => ['isflagged:true', ['FLAGGED']],
            'received>=' => ['received>=2026-01-01', ['SINCE', '2026']],
            'size>' => ['size>5000', ['LARGER', '5000']],
            'category' => ['category:"Red Category"', ['KEYWORD', 'RED_CATEGORY']],
            'importance:high' => ['importance:high', ['OR', 'IMPORTANCE']],
        ];
    }

    /** @dataProvider hordeSixExpectations */
    public function testWhatHordeSixExpects(string $kql, array $needles): void
    {
        $imap = self::imap($kql);
        foreach ($needles as $needle) {
            $this->assertStringContainsString($needle, $imap);
        }
    }

    public function testTheQueryIsInUtf8(): void
    {
        $query = Horde_ActiveSync_Find_Kql::toImapQuery('Grüße from:jürgen', ['now' => 0]);
        $built = $query->build(null);
        // every part shares the charset (Horde refuses AND/OR parts of different ones)
        $this->assertSame('UTF-8', $built['charset']);
    }

    public function testAnEmptyQueryMatchesEverything(): void
    {
        $this->assertSame('ALL', self::imap(''));
        $this->assertSame('ALL', self::imap("  \t "));
        $this->assertSame('ALL', self::imap('kind:email'));
        $this->assertSame('SMALLER 0', self::imap('kind:contacts'));
    }

    public function testMalformedQueriesThrowWithThePosition(): void
    {
        try {
            Horde_ActiveSync_Find_Kql::toImapQuery('Grüße (from:alice');
            $this->fail('no exception');
        } catch (Horde_ActiveSync_Exception $e) {
            $native = $e->getPrevious();
            $this->assertInstanceOf(KqlException::class, $native);
            $this->assertSame(KqlException::UNCLOSED_PARENTHESIS, $e->getCode());
            $this->assertSame('unclosed-parenthesis', $native->getReason());
            $this->assertSame(8, $native->getOffset());
            $this->assertSame(6, $native->getCharOffset());
            $this->assertStringContainsString('at character 6', $e->getMessage());
        }
        $this->expectException(Horde_ActiveSync_Exception::class);
        Horde_ActiveSync_Find_Kql::parse('foo:bar');
    }

    public function testNowAcceptsDateTimesAndTheZoneDecidesTheDay(): void
    {
        // 2024-03-15 23:30 UTC is already the 16th in Berlin and still the 15th in New York
        $now = new DateTimeImmutable('2024-03-15 23:30:00', new DateTimeZone('UTC'));
        $this->assertSame('ON 15-Mar-2024', self::imap('received:today', ['now' => $now, 'timezone' => 'UTC']));
        $this->assertSame('ON 16-Mar-2024', self::imap('received:today', ['now' => $now, 'timezone' => 'Europe/Berlin']));
        $this->assertSame('ON 15-Mar-2024',
                          self::imap('received:today', ['now' => $now->getTimestamp(), 'timezone' => new DateTimeZone('America/New_York')]));
        // the offset in effect at "now": summer time in Berlin
        $summer = new DateTimeImmutable('2024-07-01 22:30:00', new DateTimeZone('UTC'));
        $this->assertSame('ON 2-Jul-2024', self::imap('received:today', ['now' => $summer, 'timezone' => 'Europe/Berlin']));
        $this->assertSame(['now' => 1719873000, 'tzOffset' => 7200],
                          Horde_ActiveSync_Find_Kql::nativeOptions(['now' => $summer, 'timezone' => 'Europe/Berlin']));
    }

    public function testTheDefaultsAreNowAndPhpsZone(): void
    {
        $zone = date_default_timezone_get();
        date_default_timezone_set('Pacific/Kiritimati'); // UTC+14
        try {
            $options = Horde_ActiveSync_Find_Kql::nativeOptions([]);
        } finally {
            date_default_timezone_set($zone);
        }
        $this->assertEqualsWithDelta(time(), $options['now'], 5);
        $this->assertSame(14 * 3600, $options['tzOffset']);
        $today = new DateTimeImmutable('now', new DateTimeZone('Pacific/Kiritimati'));
        $this->assertSame('ON ' . $today->format('j-M-Y'),
                          (string)Horde_ActiveSync_Find_Kql::toImapQuery('received:today', ['timezone' => 'Pacific/Kiritimati']));
    }

    public function testWeekStartAndDateOrderAreOptions(): void
    {
        $this->assertSame('SINCE 10-Mar-2024 BEFORE 17-Mar-2024', self::imap('received:"this week"', ['weekStart' => 0]));
        $this->assertSame('ON 3-Apr-2024', self::imap('received:3/4/2024', ['dateOrder' => 'dmy']));
        $this->expectException(\ValueError::class);
        self::imap('received:3/4/2024', ['dateOrder' => 'ymd']);
    }

    public function testCategoriesAreSearchedAsHordeStoresThem(): void
    {
        // Horde_ActiveSync_Imap_Adapter::categoriesToFlags(): transliterated,
        // spaces to underscores, atom characters only, lowercase
        $this->assertSame('red_category', Horde_ActiveSync_Find_Kql::categoryKeyword('Red Category'));
        $this->assertSame('grune_kategorie', Horde_ActiveSync_Find_Kql::categoryKeyword('Grüne Kategorie'));
        $this->assertSame('KEYWORD GRUNE_KATEGORIE', self::imap('category:"Grüne Kategorie"'));
        $this->assertSame('UNKEYWORD KRASNYJ', self::imap('NOT category:Красный'));
        $this->assertSame('KEYWORD FOLLOW_UP', self::imap('category:"Follow up"'));
    }

    public function testTheTreeForOtherDrivers(): void
    {
        $tree = Horde_ActiveSync_Find_Kql::parse('from:alice -subject:"draft*" received>=yesterday size<1KB',
                                                 ['now' => 1710504000, 'timezone' => 'UTC']);
        $this->assertSame('and', $tree['op']);
        [$from, $not, $received, $size] = $tree['nodes'];
        $this->assertSame(['op' => 'property', 'property' => 'from', 'operator' => ':', 'text' => 'alice', 'type' => 'text',
                           'value' => 'alice', 'match' => 'word', 'pos' => 0, 'len' => 10], $from);
        $this->assertSame('not', $not['op']);
        $this->assertSame(['subject', 'draft*', 'phrase', true], [$not['node']['property'], $not['node']['value'],
                                                                  $not['node']['match'], $not['node']['quoted']]);
        $this->assertSame(['2024-03-14', null], [$received['since'], $received['before']]);
        $this->assertSame([null, 1023], [$size['min'], $size['max']]);
    }

    public function testABuiltQueryEqualsOneBuiltByHand(): void
    {
        $byHand = new Horde_Imap_Client_Search_Query();
        $byHand->charset('UTF-8', false);
        $a = new Horde_Imap_Client_Search_Query();
        $a->charset('UTF-8', false);
        $a->headerText('from', 'alice');
        $b = new Horde_Imap_Client_Search_Query();
        $b->charset('UTF-8', false);
        $b->flag('\\seen', false);
        $byHand->andSearch([$a, $b]);
        $this->assertSame((string)$byHand, self::imap('from:alice isread:false'));
    }
}
