<?php
/**
 * Horde_ActiveSync_Driver_Base::getFindResults()'s default: Find served by
 * a Horde 5 driver's getSearchResults($type, $query) (what Debian's
 * Horde_Core_ActiveSync_Driver has), through Find_QueryMapper.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Find;

use Horde_ActiveSync_Driver_Base;
use Horde_ActiveSync_Exception;
use Horde_ActiveSync_Find_Params;
use Horde_ActiveSync_Find_Results;
use Horde_ActiveSync_State_Base;
use PHPUnit\Framework\TestCase;

class DriverFindTest extends TestCase
{
    /** @var array[]  What getSearchResults() received: [type, query]. */
    private $calls = [];

    /**
     * A driver whose getSearchResults() answers $answer (or throws it).
     */
    private function driver($answer): Horde_ActiveSync_Driver_Base
    {
        $state = $this->getMockBuilder(Horde_ActiveSync_State_Base::class)
            ->disableOriginalConstructor()->getMockForAbstractClass();
        $driver = $this->getMockForAbstractClass(Horde_ActiveSync_Driver_Base::class, [['state' => $state]]);
        $driver->method('getSearchResults')->willReturnCallback(function ($type, array $query) use ($answer) {
            $this->calls[] = [$type, $query];
            if ($answer instanceof \Exception) {
                throw $answer;
            }
            return $answer;
        });
        return $driver;
    }

    private static function params(string $type, int $start, int $limit, array $query = []): Horde_ActiveSync_Find_Params
    {
        return new Horde_ActiveSync_Find_Params($type, '6a0e7b4c-1b2c-4d5e-8f90-0123456789ab',
            $query ?: (strtolower($type) === 'gal' ? ['text' => 'amy'] : ['freetext' => 'from:alice', 'class' => 'Email']),
            [], $start, $limit, false);
    }

    public function testADriverThatPagesItselfKeepsItsPageAndTotal(): void
    {
        // Horde_Core's answer: the requested range, and how many in all.
        $rows = [['uniqueid' => 'INBOX:7', 'searchfolderid' => 'INBOX'], ['uniqueid' => 'INBOX:5', 'searchfolderid' => 'INBOX']];
        $results = $this->driver(['rows' => $rows, 'total' => 42, 'status' => 1])
            ->getFindResults(self::params('mailbox', 10, 2));
        $this->assertInstanceOf(Horde_ActiveSync_Find_Results::class, $results);
        $this->assertSame([1, 1, 42, $rows], [$results->status, $results->storeStatus, $results->total, $results->rows]);
        $this->assertSame([['mailbox', [
            'query' => [['op' => 'Search:And', 'value' => ['FolderType' => 'Email', 'Search:FreeText' => 'from:alice', 'kql' => true]]],
            'range' => '10-11', 'rebuildresults' => false, 'deeptraversal' => false,
        ]]], $this->calls);
    }

    public function testMoreRowsThanAskedForAreCut(): void
    {
        $rows = array_map(function ($i) {
            return ['uniqueid' => "INBOX:$i", 'searchfolderid' => 'INBOX'];
        }, range(1, 5));
        $results = $this->driver(['rows' => $rows, 'total' => 5])->getFindResults(self::params('mailbox', 0, 3));
        $this->assertSame(array_slice($rows, 0, 3), $results->rows);
        $this->assertSame(5, $results->total);
    }

    public function testADriverWithoutTotalGivesEveryMatch(): void
    {
        // Horde 5's embedded-style answer: every match, no total.
        $rows = array_map(function ($i) {
            return ['GAL:DisplayName' => "amy$i"];
        }, range(1, 7));
        $results = $this->driver(['rows' => $rows, 'status' => 1])->getFindResults(self::params('GAL', 5, 10));
        $this->assertSame(7, $results->total);
        $this->assertSame(['amy6', 'amy7'], array_column($results->rows, 'GAL:DisplayName'));
        $this->assertSame([['gal', ['query' => 'amy', 'range' => '5-14']]], $this->calls);
    }

    public function testFailuresHaveNoRows(): void
    {
        foreach ([
            'store error' => ['rows' => [], 'status' => 3],
            'not an array' => false,
            'an exception' => new Horde_ActiveSync_Exception('IMAP server gone'),
        ] as $name => $answer) {
            $results = $this->driver($answer)->getFindResults(self::params('mailbox', 0, 10));
            $this->assertNull($results->rows, $name);
            $this->assertSame(0, $results->total, $name);
        }
    }

    public function testNothingFound(): void
    {
        $results = $this->driver(['rows' => [], 'status' => 1])->getFindResults(self::params('mailbox', 0, 100));
        $this->assertSame([0, []], [$results->total, $results->rows]);
    }
}
