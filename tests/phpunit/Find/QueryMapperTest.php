<?php
/**
 * Horde_ActiveSync_Find_QueryMapper: Find requests as Search parameters,
 * in Horde 6's object form and in the array Horde 5 drivers take.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Find;

use Horde_ActiveSync_Find_Params;
use Horde_ActiveSync_Find_QueryMapper;
use Horde_ActiveSync_Search_Params;
use PHPUnit\Framework\TestCase;

class QueryMapperTest extends TestCase
{
    private static function mailbox(array $query = [], int $start = 0, int $limit = 100, bool $deep = true): Horde_ActiveSync_Find_Params
    {
        return new Horde_ActiveSync_Find_Params(
            type: 'mailbox',
            searchId: '00000000-0000-0000-0000-000000000001',
            query: $query + [
                'class' => 'Email',
                'collectionid' => 'F0cfc112a',
                'serverid' => 'INBOX',
                'freetext' => 'from:alice@example.com subject:report',
            ],
            options: [],
            start: $start,
            limit: $limit,
            deepTraversal: $deep,
        );
    }

    public function testMailboxFindBecomesOneAndCriterion(): void
    {
        $search = Horde_ActiveSync_Find_QueryMapper::toSearchParams(self::mailbox());

        $this->assertInstanceOf(Horde_ActiveSync_Search_Params::class, $search);
        $this->assertSame('mailbox', $search->type);
        $this->assertTrue($search->deepTraversal);
        $this->assertFalse($search->rebuildResults);
        $this->assertSame([0, 100], [$search->start, $search->limit]);
        // the names Horde_ActiveSync_Request_Search gives these parts
        $this->assertSame([[
            'op' => 'Search:And',
            'value' => [
                'FolderType' => 'Email',
                'serverid' => 'INBOX',
                'Search:FreeText' => 'from:alice@example.com subject:report',
                // marks the FreeText as KQL for Imap_Adapter
                'kql' => true,
            ],
        ]], $search->query);
    }

    public function testGalFindKeepsTheText(): void
    {
        $find = new Horde_ActiveSync_Find_Params('gal', null, ['text' => 'Michael'], ['Find:Picture' => true], 5, 50, true);
        $search = Horde_ActiveSync_Find_QueryMapper::toSearchParams($find);

        $this->assertSame('gal', $search->type);
        $this->assertSame(['Michael'], $search->query);
        $this->assertFalse($search->deepTraversal);
        $this->assertSame(['Find:Picture' => true], $search->options);
    }

    public function testHordeFiveDriversGetTheSearchCommandsArray(): void
    {
        $this->assertSame([
            'query' => [['op' => 'Search:And', 'value' => [
                'FolderType' => 'Email', 'serverid' => 'INBOX', 'Search:FreeText' => 'from:alice@example.com subject:report',
                'kql' => true,
            ]]],
            'range' => '100-149',
            'rebuildresults' => false,
            'deeptraversal' => false,
        ], Horde_ActiveSync_Find_QueryMapper::toSearchQuery(self::mailbox([], 100, 50, false)));

        $gal = new Horde_ActiveSync_Find_Params('GAL', null, ['text' => 'mic'],
                                                ['Find:Picture' => true, 'Find:MaxSize' => '4096', 'Find:MaxPictures' => '3'], 0, 20, false);
        $this->assertSame([
            'query' => 'mic', 'range' => '0-19', 'Search:Picture' => true, 'Search:MaxSize' => '4096', 'Search:MaxPictures' => '3',
        ], Horde_ActiveSync_Find_QueryMapper::toSearchQuery($gal));
    }

    public function testMissingPartsAreLeftOut(): void
    {
        $find = new Horde_ActiveSync_Find_Params('mailbox', null, ['freetext' => 'x'], [], 0, 1, false);
        $this->assertSame([['op' => 'Search:And', 'value' => ['Search:FreeText' => 'x', 'kql' => true]]],
                          Horde_ActiveSync_Find_QueryMapper::toSearchParams($find)->query);
        $this->assertSame('0-0', Horde_ActiveSync_Find_QueryMapper::toSearchQuery($find)['range']);
    }

    public function testTheConstantsAreHordesSearchNames(): void
    {
        // tests/oracle cannot be loaded next to our classes: read the names from Debian's source
        $source = @file_get_contents('/usr/share/php/Horde/ActiveSync/Request/Search.php');
        if ($source === false) {
            $this->markTestSkipped('php-horde-activesync is not installed');
        }
        $this->assertStringContainsString("const SEARCH_AND                 = 'Search:And';", $source);
        $this->assertStringContainsString("const SEARCH_FREETEXT            = 'Search:FreeText';", $source);
        $this->assertSame('Search:And', Horde_ActiveSync_Find_QueryMapper::SEARCH_AND);
        $this->assertSame('Search:FreeText', Horde_ActiveSync_Find_QueryMapper::SEARCH_FREETEXT);
    }
}
