<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use Horde\ActiveSync\Embedded\Element;
use Horde\ActiveSync\Embedded\Response;
use Horde_ActiveSync;

/**
 * Find's GAL part compared with Horde.
 *
 * Debian's Horde 5 (php-horde-activesync 2.41.9) has no Find: no
 * Request_Find, and its OPTIONS never offer the command. So the GAL part
 * is compared twice:
 *
 * - with Horde 5's Search of the GAL (the same address-list search from
 *   before EAS 16), run by Debian's engine in its own `php -S` over the
 *   same embedded driver and data: for the same query and range, the
 *   entries, their properties (names, values and order), the pictures'
 *   statuses and the total must be what our Find answers;
 * - with Horde 6's Find (the 2026 Request_Find, which exists only as
 *   source in the project's search index and cannot run here): its way of
 *   writing a GAL response, restated below as facts (horde6()) and applied
 *   to the driver's rows, must give our response, except where Horde 6
 *   breaks MS-ASCMD (named in the assertions).
 */
class FindDifferentialTest extends ServerTestCase
{
    protected function setUp(): void
    {
        if (!is_file('/usr/share/php/Horde/ActiveSync.php')) {
            $this->markTestSkipped("Debian's php-horde-activesync is not installed");
        }
        $this->requireMessages();
    }

    /**
     * The properties of each Result: [[local name => text], ...]; a picture
     * as 'Picture' => 'status N'.
     */
    private static function entries(?Element $store, string $result, string $properties): array
    {
        $rows = [];
        foreach ($store ? $store->children($result) : [] as $element) {
            $row = [];
            foreach ($element->child($properties)->children as $property) {
                $name = substr($property->tag, strpos($property->tag, ':') + 1);
                $row[$name] = $name === 'Picture' ? 'status ' . $property->value('GAL:Status') : $property->text;
            }
            $rows[] = $row;
        }
        return $rows;
    }

    /**
     * Horde 6's Request_Find writing a GAL answer (facts from its source):
     * Status 1; Response with ItemOperations:Store "Mailbox" and Status 1;
     * per row a Result holding only Properties, each non-empty value of the
     * row in the row's own order; then Range "start-(start+n-1)", or
     * "start-start" when nothing came back, and Total.
     */
    private static function horde6(array $rows, int $start, int $total): array
    {
        $results = [];
        foreach ($rows as $row) {
            $results[] = array_filter($row, function ($value) {
                return $value !== '';
            });
        }
        $range = $rows ? $start . '-' . ($start + count($rows) - 1) : $start . '-' . $start;
        return ['Mailbox', '1', $results, $range, (string)$total];
    }

    private static function ours(Response $response): array
    {
        $found = $response->tree()->find('Find:Response');
        return [$found->value('ItemOperations:Store'), $found->value('Find:Status'),
                self::entries($found, 'Find:Result', 'Find:Properties'),
                $found->value('Find:Range'), $found->value('Find:Total')];
    }

    public function testGalFindAgreesWithHordesSearchAndHorde6sFind(): void
    {
        $config = ['users' => FindTest::USERS, 'version' => '16.0'];
        [$theirs] = $this->device($this->server('horde', $config), '16.0', 'GALDIFFH');
        [$ours] = $this->device($this->server('native', $config), '16.0', 'GALDIFFN');
        $searchId = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

        foreach ([['0-2', false], ['3-9', false], ['0-9', true], ['20-29', false]] as [$range, $pictures]) {
            $options = [['Search:Range', $range]];
            $findOptions = [['Find:Range', $range]];
            if ($pictures) {
                $options[] = ['Search:Picture', [['Search:MaxPictures', '2']]];
                $findOptions[] = ['Find:Picture', [['Find:MaxPictures', '2']]];
            }
            $search = $theirs->send('Search', ['Search:Search', [['Search:Store', [
                ['Search:Name', 'GAL'], ['Search:Query', 'amy'], ['Search:Options', $options]]]]]);
            $this->assertSame('1', $search->value('Search:Status'), $search->xml());
            $store = $search->tree()->find('Search:Response/Search:Store');
            $find = $ours->send('Find', FindTest::request(FindTest::gal('amy', $findOptions), $searchId));
            $this->assertSame('1', $find->value('Find:Status'), $find->xml());
            [$start, $end] = array_map('intval', explode('-', $range));
            $mine = self::ours($find);

            // Horde 5's Search: the same entries, properties, order, total.
            $this->assertSame(self::entries($store, 'Search:Result', 'Search:Properties'), $mine[2], $range);
            if ($mine[2]) {
                $this->assertSame($store->value('Search:Total'), $mine[4], $range);
            }
            if ($range === '3-9') {
                // Horde 5 writes the Range of a short page from m as
                // m-(count-1): "3-1" for the two entries 3 and 4.
                $this->assertSame(['3-1', '3-4'], [$store->value('Search:Range'), $mine[3]]);
            } elseif ($mine[2]) {
                $this->assertSame($store->value('Search:Range'), $mine[3], $range);
            } else {
                // Nothing on the page: Horde 5 writes neither Range nor
                // Total; Find answers the Total.
                $this->assertNull($store->value('Search:Range'));
                $this->assertSame(['5', null], [$mine[4], $mine[3]]);
            }

            // Horde 6's Find over the rows the driver gives.
            $rows = [];
            foreach (array_slice(['amy1', 'amy2', 'amy3', 'amy4', 'amy5'], $start, $end - $start + 1) as $name) {
                $row = ['DisplayName' => $name, 'Alias' => $name, 'EmailAddress' => $name . '@localhost'];
                if ($pictures) {
                    // Horde 6 writes the GalPicture object as text content
                    // (a PHP error); MS-ASCMD's gal:Picture has Status and
                    // Data, as Horde 5's Search writes it and we do.
                    $row['Picture'] = 'status ' . \Horde_ActiveSync_Status::NO_PICTURE;
                }
                $rows[] = $row;
            }
            $horde6 = self::horde6($rows, $start, 5);
            if (!$rows) {
                // Horde 6's Range "20-20" says one entry came back; none did.
                $this->assertSame('20-20', $horde6[3]);
                $horde6[3] = null;
            }
            $this->assertSame($horde6, $mine, $range);
        }
    }

    public function testHordeFiveHasNoFind(): void
    {
        $server = $this->server('horde', ['users' => FindTest::USERS, 'version' => '16.0']);
        $commands = explode(',', (string)$server->client('16.0')->options()->header('MS-ASProtocolCommands'));
        $this->assertNotContains('Find', $commands);
        $this->assertContains('Find', explode(',', (string)$this->server('native', ['version' => '16.0'])
            ->client('16.0')->options()->header('MS-ASProtocolCommands')));
        $this->assertSame('Find', array_search(23, \Horde\ActiveSync\Embedded\Client::COMMAND_CODES, true));
        $this->assertSame('16.0', Horde_ActiveSync::VERSION_SIXTEEN);
    }
}
