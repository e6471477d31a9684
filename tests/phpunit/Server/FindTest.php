<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use Horde\ActiveSync\Embedded\Client;
use Horde\ActiveSync\Embedded\Response;
use Horde\ActiveSync\Embedded\Session;
use Horde\ActiveSync\Test\Support\HttpServer;

/**
 * Find (EAS 16) over HTTP against the embedded server: GAL searches shaped
 * as iOS and Outlook send them (MS-ASCMD 2.2.1.2, FindRequest.xsd), paging
 * by SearchId, and every malformed request with the status MS-ASCMD
 * 2.2.3.177.2 gives it (2 invalid, 3 FolderSync required, 4
 * StartWithRangeZero), never a PHP error.
 */
class FindTest extends ServerTestCase
{
    const SEARCH = '6a0e7b4c-1b2c-4d5e-8f90-0123456789ab';

    /** The address list: five users whose names contain "amy", two others. */
    const USERS = ['demo' => 'demo', 'alice' => 'secret', 'amy1' => 'x', 'amy2' => 'x', 'amy3' => 'x',
                   'amy4' => 'x', 'amy5' => 'x'];

    protected function setUp(): void
    {
        $this->requireMessages();
    }

    private function findServer(): HttpServer
    {
        return $this->server('native', ['users' => self::USERS]);
    }

    /**
     * A Find request: SearchId, ExecuteSearch with one criterion.
     */
    public static function request(array $criterion, string $searchId = self::SEARCH): array
    {
        return ['Find:Find', [['Find:SearchId', $searchId], ['Find:ExecuteSearch', [$criterion]]]];
    }

    public static function gal(string $query, array $options = []): array
    {
        $children = [['Find:Query', $query]];
        if ($options) {
            $children[] = ['Find:Options', $options];
        }
        return ['Find:GALSearchCriterion', $children];
    }

    public static function mailbox(array $query, array $options = []): array
    {
        $children = [['Find:Query', $query]];
        if ($options) {
            $children[] = ['Find:Options', $options];
        }
        return ['Find:MailBoxSearchCriterion', $children];
    }

    /**
     * @return array  [Find status, Response status or null]
     */
    private static function statuses(Response $response): array
    {
        return [$response->value('Find:Status'), $response->value('Find:Response/Find:Status')];
    }

    /**
     * The GAL results as [[tag => text, ...], ...].
     */
    private static function galRows(Response $response): array
    {
        $rows = [];
        foreach ($response->tree()->find('Find:Response')->children('Find:Result') as $result) {
            $row = [];
            foreach ($result->child('Find:Properties')->children as $property) {
                $row[$property->tag] = $property->tag === 'GAL:Picture'
                    ? 'status ' . $property->value('GAL:Status') : $property->text;
            }
            $rows[] = $row;
        }
        return $rows;
    }

    /**
     * @dataProvider versions
     */
    public function testGalSearchAsIosSendsIt(string $version): void
    {
        $server = $this->findServer();
        [$client] = $this->device($server, $version, 'IPHONEFIND' . str_replace('.', '', $version),
            ['agent' => 'Apple-iPhone13C2/2104.92', 'type' => 'iPhone']);
        // iOS asks for 101 entries and pictures of at most 36 KB, 10 of them.
        $response = $client->send('Find', self::request(self::gal('amy', [
            ['Find:Range', '0-100'],
            ['Find:Picture', [['Find:MaxSize', '36864'], ['Find:MaxPictures', '10']]],
        ])));
        $this->assertSame(200, $response->status);
        $this->assertSame(['1', '1'], self::statuses($response), $response->xml());
        $this->assertSame('Mailbox', $response->value('Find:Response/ItemOperations:Store'));
        $this->assertSame('0-4', $response->value('Find:Response/Find:Range'));
        $this->assertSame('5', $response->value('Find:Response/Find:Total'));
        $rows = self::galRows($response);
        $this->assertCount(5, $rows);
        // MS-ASCMD 2.2.3.139.1's order; the store has no photos (173).
        $this->assertSame(['GAL:DisplayName' => 'amy1', 'GAL:Alias' => 'amy1', 'GAL:EmailAddress' => 'amy1@localhost',
                           'GAL:Picture' => 'status 173'], $rows[0]);
        // A GAL entry has no class, server id or folder.
        $this->assertNull($response->tree()->find('Find:Response/Find:Result/FolderType'));
    }

    /**
     * @dataProvider versions
     */
    public function testGalSearchAsOutlookSendsItPagesBySearchId(string $version): void
    {
        $server = $this->findServer();
        // Outlook does not provision (Horde counts it non-provisionable).
        $client = $server->client($version, 'OUTLOOKFIND' . str_replace('.', '', $version),
            ['agent' => 'Outlook/16.0 (16.0.17928.20114; x64)']);
        (new Session($client, $server->store()))->folderSync();
        $page = function (string $range, string $id = self::SEARCH) use ($client) {
            return $client->send('Find', self::request(self::gal('AMY', [['Find:Range', $range]]), $id));
        };
        $first = $page('0-1');
        $this->assertSame(['1', '1'], self::statuses($first));
        $this->assertSame(['0-1', '5'], [$first->value('Find:Response/Find:Range'), $first->value('Find:Response/Find:Total')]);
        $this->assertSame(['amy1', 'amy2'], array_column(self::galRows($first), 'GAL:Alias'));

        // The next pages of the same search ...
        $second = $page('2-3');
        $this->assertSame(['1', '1'], self::statuses($second));
        $this->assertSame('2-3', $second->value('Find:Response/Find:Range'));
        $this->assertSame(['amy3', 'amy4'], array_column(self::galRows($second), 'GAL:Alias'));
        $last = $page('4-9');
        $this->assertSame(['4-4', '5'], [$last->value('Find:Response/Find:Range'), $last->value('Find:Response/Find:Total')]);
        // ... past the end: no Range, the Total
        $beyond = $page('10-19');
        $this->assertSame(['1', '1'], self::statuses($beyond));
        $this->assertNull($beyond->value('Find:Response/Find:Range'));
        $this->assertSame('5', $beyond->value('Find:Response/Find:Total'));
        $this->assertSame([], self::galRows($beyond));

        // A search that did not start at 0: StartWithRangeZero.
        $other = $page('2-3', '00000000-0000-0000-0000-00000000000f');
        $this->assertSame(['1', '4'], self::statuses($other));
        $this->assertNull($other->tree()->find('Find:Response/Find:Result'));
        // SearchIds compare without case (a GUID).
        $this->assertSame(['1', '1'], self::statuses($page('2-3', strtoupper(self::SEARCH))));
        $this->assertSame('', $server->errors());
    }

    public function testNothingFoundHasATotalOfZero(): void
    {
        [$client] = $this->device($this->findServer(), '16.1', 'FINDNONE');
        $response = $client->send('Find', self::request(self::gal('nobody by this name')));
        $this->assertSame(['1', '1'], self::statuses($response));
        $this->assertSame('0', $response->value('Find:Response/Find:Total'));
        $this->assertNull($response->value('Find:Response/Find:Range'));
    }

    public function testMailboxFindWithoutMailFindsNothing(): void
    {
        // The embedded server has no mail: a search of every folder is empty.
        [$client] = $this->device($this->findServer(), '16.1', 'FINDNOMAIL');
        $response = $client->send('Find', self::request(self::mailbox([['FolderType', 'Email'],
            ['Find:FreeText', 'from:alice']])));
        $this->assertSame(['1', '1'], self::statuses($response));
        $this->assertSame('0', $response->value('Find:Response/Find:Total'));
    }

    /**
     * Options where Horde 6 reads them (after ExecuteSearch) are accepted.
     */
    public function testOptionsAfterExecuteSearch(): void
    {
        [$client] = $this->device($this->findServer(), '16.1', 'FINDHORDE6');
        $response = $client->send('Find', ['Find:Find', [['Find:SearchId', self::SEARCH],
            ['Find:ExecuteSearch', [self::gal('amy')]], ['Find:Options', [['Find:Range', '0-0']]]]]);
        $this->assertSame(['1', '1'], self::statuses($response));
        $this->assertSame(['0-0', '5'], [$response->value('Find:Response/Find:Range'),
                                          $response->value('Find:Response/Find:Total')]);
    }

    public function testOlderClientsCannotFind(): void
    {
        [$client] = $this->device($this->findServer(), '14.1', 'FINDOLD');
        $response = $client->send('Find', self::request(self::gal('amy')));
        $this->assertSame(400, $response->status);
    }

    public function testUnprovisionedDevicesProvisionFirst(): void
    {
        $server = $this->findServer();
        $client = $server->client('16.1', 'FINDNOPOLICY');
        $response = $client->send('Find', self::request(self::gal('amy')));
        $this->assertSame(449, $response->status);
        $this->assertNull($response->tree()->find('Find:Response'));
    }

    /**
     * Every malformed request, with its status: [Find status, Response
     * status or null]. One server and one device for all of them.
     */
    public function testMalformedRequests(): void
    {
        $server = $this->findServer();
        [$client, $session] = $this->device($server, '16.1', 'FINDHOSTILE');
        $contacts = $session->collections['Contacts'][0];
        $mail = [['FolderType', 'Email'], ['Find:FreeText', 'report']];
        $id = ['Find:SearchId', self::SEARCH];
        $cases = [
            'another command' => [['Search:Search', [['Search:Store', [['Search:Name', 'GAL'], ['Search:Query', 'a']]]]], '2'],
            'empty Find' => [['Find:Find', null], '2'],
            'no SearchId' => [['Find:Find', [['Find:ExecuteSearch', [self::gal('amy')]]]], '2'],
            'SearchId not a GUID' => [self::request(self::gal('amy'), 'search-1'), '2'],
            'SearchId in braces' => [self::request(self::gal('amy'), '{' . self::SEARCH . '}'), '2'],
            'two SearchIds' => [['Find:Find', [$id, $id, ['Find:ExecuteSearch', [self::gal('amy')]]]], '2'],
            'no ExecuteSearch' => [['Find:Find', [$id]], '2'],
            'empty ExecuteSearch' => [['Find:Find', [$id, ['Find:ExecuteSearch', null]]], '2'],
            'two ExecuteSearch' => [['Find:Find', [$id, ['Find:ExecuteSearch', [self::gal('amy')]],
                                                   ['Find:ExecuteSearch', [self::gal('amy')]]]], '2'],
            'both criteria' => [['Find:Find', [$id, ['Find:ExecuteSearch', [self::gal('amy'), self::mailbox($mail)]]]], '2'],
            'criterion without Query' => [self::request(['Find:GALSearchCriterion', [['Find:Options', [['Find:Range', '0-1']]]]]), '2'],
            'empty criterion' => [self::request(['Find:MailBoxSearchCriterion', null]), '2'],
            'two Queries' => [self::request(['Find:GALSearchCriterion', [['Find:Query', 'a'], ['Find:Query', 'b']]]), '2'],
            'empty GAL query' => [self::request(self::gal('   ')), '2'],
            'GAL query with elements' => [self::request(['Find:GALSearchCriterion', [['Find:Query', [['Find:FreeText', 'a']]]]]), '2'],
            'overlong GAL query' => [self::request(self::gal(str_repeat('a', 4097))), '2'],
            'no FreeText' => [self::request(self::mailbox([['FolderType', 'Email']])), '2'],
            'blank FreeText' => [self::request(self::mailbox([['Find:FreeText', " \t "]])), '2'],
            'unbalanced quote' => [self::request(self::mailbox([['Find:FreeText', '"quarterly report']])), '2'],
            'unbalanced parenthesis' => [self::request(self::mailbox([['Find:FreeText', 'from:(alice OR bob']])), '2'],
            'dangling operator' => [self::request(self::mailbox([['Find:FreeText', 'report AND']])), '2'],
            'unknown property' => [self::request(self::mailbox([['Find:FreeText', 'colour:red']])), '2'],
            'bad date' => [self::request(self::mailbox([['Find:FreeText', 'received:2023-02-29']])), '2'],
            'overlong KQL' => [self::request(self::mailbox([['Find:FreeText', str_repeat('x ', 2100)]])), '2'],
            'deep KQL' => [self::request(self::mailbox([['Find:FreeText', str_repeat('(', 40) . 'a' . str_repeat(')', 40)]])), '2'],
            'not mail' => [self::request(self::mailbox([['FolderType', 'Contacts'], ['Find:FreeText', 'a']])), '2'],
            'two CollectionIds' => [self::request(self::mailbox([['FolderId', $contacts], ['FolderId', $contacts],
                                                                 ['Find:FreeText', 'a']])), '2'],
            'a contacts folder' => [self::request(self::mailbox([['FolderId', $contacts], ['Find:FreeText', 'a']])), '2'],
            'unknown folder' => [self::request(self::mailbox([['FolderId', 'F00000000'], ['Find:FreeText', 'a']])), '3'],
            'unknown element in Query' => [self::request(self::mailbox([['Find:FreeText', 'a'], ['Find:Range', '0-1']])), '2'],
            'unknown element in Find' => [['Find:Find', [$id, ['Find:ExecuteSearch', [self::gal('amy')]],
                                                         ['Find:Status', '1']]], '2'],
            'unknown element in Options' => [self::request(self::gal('amy', [['Find:Total', '5']])), '2'],
            'two Options' => [self::request(['Find:GALSearchCriterion', [['Find:Query', 'amy'],
                ['Find:Options', [['Find:Range', '0-1']]], ['Find:Options', [['Find:Range', '0-1']]]]]), '2'],
            'Options twice, Horde 6 place' => [['Find:Find', [$id, ['Find:ExecuteSearch', [self::gal('amy', [['Find:Range', '0-1']])]],
                                                              ['Find:Options', [['Find:Range', '0-1']]]]], '2'],
            'two Ranges' => [self::request(self::gal('amy', [['Find:Range', '0-1'], ['Find:Range', '0-1']])), '2'],
            'Range past 999' => [self::request(self::gal('amy', [['Find:Range', '0-1000']])), '2'],
            'Range reversed' => [self::request(self::gal('amy', [['Find:Range', '10-5']])), '2'],
            'Range negative' => [self::request(self::gal('amy', [['Find:Range', '-1-5']])), '2'],
            'Range open' => [self::request(self::gal('amy', [['Find:Range', '0-']])), '2'],
            'Range words' => [self::request(self::gal('amy', [['Find:Range', 'all']])), '2'],
            'Range empty' => [self::request(self::gal('amy', [['Find:Range', null]])), '2'],
            'Range huge' => [self::request(self::gal('amy', [['Find:Range', '0-99999999999999999999']])), '2'],
            'Range not from 0' => [self::request(self::gal('amy', [['Find:Range', '5-9']]), '11111111-2222-3333-4444-555555555555'), '1', '4'],
            'DeepTraversal with content' => [self::request(self::mailbox($mail, [['Find:DeepTraversal', [['Find:Range', '0-1']]]])), '2'],
            'two DeepTraversals' => [self::request(self::mailbox($mail, [['Find:DeepTraversal', null], ['Find:DeepTraversal', null]])), '2'],
            'MaxSize not a number' => [self::request(self::gal('amy', [['Find:Picture', [['Find:MaxSize', 'big']]]])), '2'],
            'MaxSize past 32 bits' => [self::request(self::gal('amy', [['Find:Picture', [['Find:MaxSize', '4294967296']]]])), '2'],
            'unknown element in Picture' => [self::request(self::gal('amy', [['Find:Picture', [['Find:Range', '0-1']]]])), '2'],
            'BodyPreference without Type' => [self::request(self::mailbox($mail, [['AirSyncBase:BodyPreference',
                [['AirSyncBase:TruncationSize', '100']]]])), '2'],
            'MIMESupport 7' => [self::request(self::mailbox($mail, [['MIMESupport', '7']])), '2'],
        ];
        foreach ($cases as $name => $case) {
            $response = $client->send('Find', $case[0]);
            $this->assertSame(200, $response->status, $name . ': ' . $server->errors());
            $this->assertSame([$case[1], $case[2] ?? null], self::statuses($response), $name . "\n" . $response->xml());
        }
        // Valid ones between them still work: the device is not harmed.
        $this->assertSame(['1', '1'], self::statuses($client->send('Find', self::request(self::gal('amy', [
            ['Find:Picture', null], ['AirSyncBase:BodyPreference', [['AirSyncBase:Type', '2'], ['AirSyncBase:Preview', '100']]],
            ['MIMESupport', '0'], ['Find:DeepTraversal', null]])))));
        $this->assertSame('', $server->errors());
    }

    /**
     * Truncated and corrupted bodies: HTTP 400 or a status, never 500.
     */
    public function testBrokenBodies(): void
    {
        $server = $this->findServer();
        [$client] = $this->device($server, '16.1', 'FINDBROKEN');
        $body = Client::encode(self::request(self::mailbox([['FolderType', 'Email'], ['Find:FreeText', 'from:alice']],
            [['Find:Range', '0-9'], ['Find:DeepTraversal', null]])));
        mt_srand(16);
        $variants = ['', "\x03\x01\x6a\x00"];
        for ($cut = 1; $cut < strlen($body) - 4; $cut += 3) {
            $variants[] = substr($body, 0, $cut + 4);
        }
        for ($i = 0; $i < 40; $i++) {
            $mutated = $body;
            $mutated[mt_rand(4, strlen($body) - 1)] = chr(mt_rand(0, 255));
            $variants[] = $mutated;
        }
        foreach ($variants as $n => $variant) {
            $response = $client->send('Find', $variant);
            $this->assertContains($response->status, [200, 400], "variant $n");
            if ($response->status === 200) {
                $this->assertNotNull($response->value('Find:Status'), "variant $n");
            }
        }
        $this->assertSame('', $server->errors());
    }

    /**
     * The Find code page's tokens as MS-ASWBXML 2.1.2.1.26 gives them,
     * in a request as bytes.
     */
    public function testFindCodePageTokens(): void
    {
        $wbxml = Client::encode(['Find:Find', [['Find:SearchId', 'x'], ['Find:ExecuteSearch', [
            ['Find:GALSearchCriterion', [['Find:Query', 'q'], ['Find:Options', [['Find:Range', '0-1'],
                ['Find:Picture', [['Find:MaxSize', '1'], ['Find:MaxPictures', '2']]]]]]]]]]]);
        // header, SWITCH_PAGE 25, then tags with the content bit 0x40
        $expected = "\x03\x01\x6a\x00" . "\x00\x19" . "\x45" . "\x46\x03x\x00\x01" . "\x47" . "\x59"
            . "\x49\x03q\x00\x01" . "\x4c" . "\x4d\x030-1\x00\x01" . "\x62" . "\x61\x031\x00\x01" . "\x60\x032\x00\x01"
            . "\x01\x01\x01\x01\x01";
        $this->assertSame(bin2hex($expected), bin2hex($wbxml));
    }

    public static function versions(): array
    {
        return ['16.0' => ['16.0'], '16.1' => ['16.1']];
    }
}
