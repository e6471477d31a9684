<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use DateTime;
use DateTimeZone;
use Horde\ActiveSync\Embedded\Client;
use Horde\ActiveSync\Embedded\Element;
use Horde\ActiveSync\Embedded\Response;
use Horde\ActiveSync\Test\Support\HordeLegacy;
use Horde\ActiveSync\Test\Support\HttpServer;
use Horde\ActiveSync\Test\Support\Imap;
use Horde\ActiveSync\Test\Support\MailFindDriver;
use Horde_Imap_Client_Mailbox;

/**
 * Find over mail, end to end: a device talks WBXML over HTTP to the
 * embedded server, whose driver reaches the test Dovecot as Horde_Core's
 * driver reaches IMAP (MailFindDriver: the embedded server has no mail of
 * its own yet). The request goes through Request_Find, Driver_Base's
 * default getFindResults(), Find_QueryMapper, the driver's
 * getSearchResults(), Imap_Adapter::queryMailbox() (the KQL as an IMAP
 * SEARCH), and each result is fetched through
 * itemOperationsFetchMailbox() for its properties.
 */
class FindMailTest extends ServerTestCase
{
    /** @var \Horde_Imap_Client_Socket|null */
    private $imap;
    /** @var string */
    private $top;
    /** @var string */
    private $sub;
    /** @var string */
    private $delimiter;

    protected function setUp(): void
    {
        $this->requireMessages();
        HordeLegacy::use();
        // The second test user: no other test's mailboxes in the way.
        $this->imap = Imap::client($this, 'eas2');
        $namespaces = $this->imap->getNamespaces();
        $this->delimiter = (string)current(iterator_to_array($namespaces))['delimiter'];
        $this->top = 'Find' . bin2hex(random_bytes(3));
        $this->sub = $this->top . $this->delimiter . 'Drafts';
        $this->imap->createMailbox(new Horde_Imap_Client_Mailbox($this->top));
        $this->imap->createMailbox(new Horde_Imap_Client_Mailbox($this->sub));
        $this->append($this->top, 'report', ['\\seen'], [
            'From: "Alice Able" <alice@example.com>', 'To: "Bob Brown" <bob@example.org>',
            'Cc: "Carol Clark" <carol@example.net>, dave@example.net', 'Subject: Quarterly report', 'X-Priority: 1',
            'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b1"',
        ], "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlease find   the figures\r\nattached.\r\n"
            . "--b1\r\nContent-Type: application/pdf; name=q3.pdf\r\nContent-Disposition: attachment; filename=q3.pdf\r\n"
            . "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b1--\r\n", '2024-03-14 12:00:00');
        $this->append($this->top, 'lunch', [], [
            'From: Bob Brown <bob@example.org>', 'To: carol@example.net', 'Subject: Lunch on Friday?',
        ], "Shall we meet at the station?\r\n", '2024-03-15 09:30:00');
        $this->append($this->sub, 'draft', ['\\draft', '\\seen'], [
            'From: "Alice Able" <alice@example.com>', 'To: bob@example.org', 'Subject: Report draft v2',
        ], "Draft of the report.\r\n", '2024-03-10 08:00:00');
    }

    protected function tearDown(): void
    {
        parent::tearDown();
        if ($this->imap) {
            foreach ([$this->sub, $this->top] as $mailbox) {
                try {
                    $this->imap->deleteMailbox(new Horde_Imap_Client_Mailbox($mailbox));
                } catch (\Exception $e) {
                }
            }
            $this->imap->logout();
            $this->imap = null;
        }
        HordeLegacy::restore();
    }

    private function append(string $mailbox, string $id, array $flags, array $headers, string $body, string $when): void
    {
        $date = new DateTime($when, new DateTimeZone('UTC'));
        $raw = implode("\r\n", $headers) . "\r\nDate: " . $date->format('r') . "\r\nMessage-ID: <$id@example.com>\r\n\r\n" . $body;
        $this->imap->append(new Horde_Imap_Client_Mailbox($mailbox), [['data' => $raw, 'flags' => $flags, 'internaldate' => $date]]);
    }

    /**
     * A provisioned device of the server with mail, and its mail folders:
     * mailbox => folder uid.
     *
     * @return array{0: Client, 1: array, 2: HttpServer}
     */
    private function mailDevice(string $version): array
    {
        $params = Imap::params();
        $server = new HttpServer('native', [
            'driver' => MailFindDriver::class,
            'testmail' => ['host' => $params['host'], 'port' => $params['port'], 'username' => 'eas2',
                           'password' => $params['password'], 'delimiter' => $this->delimiter,
                           'mailboxes' => [$this->top => 12, $this->sub => 3]],
        ], [], EAS_TEST_ROOT . '/tests/phpunit/Support/mail-router.php');
        $this->servers[] = $server;
        [$client] = $this->device($server, $version, 'FINDMAIL' . str_replace('.', '', $version));
        $response = $client->send('FolderSync', ['FolderHierarchy:FolderSync', [['FolderHierarchy:SyncKey', '0']]]);
        $folders = [];
        foreach ($response->tree()->find('FolderHierarchy:Changes')->children('FolderHierarchy:Add') as $add) {
            $folders[$add->value('FolderHierarchy:DisplayName')] = $add->value('FolderHierarchy:ServerEntryId');
        }
        $this->assertArrayHasKey($this->top, $folders, $response->xml());
        $this->assertArrayHasKey('Drafts', $folders);
        return [$client, [$this->top => $folders[$this->top], $this->sub => $folders['Drafts']], $server];
    }

    private static function find(Client $client, array $query, array $options = [],
                                 string $searchId = '0b7c4e2a-5d6f-4a8b-9c0d-1e2f3a4b5c6d'): Response
    {
        return $client->send('Find', FindTest::request(FindTest::mailbox($query, $options), $searchId));
    }

    /**
     * The results: [[Class, ServerId, CollectionId, [property => text]], ...].
     */
    private static function results(Response $response): array
    {
        $out = [];
        $found = $response->tree()->find('Find:Response');
        foreach ($found ? $found->children('Find:Result') : [] as $result) {
            $properties = [];
            foreach ($result->child('Find:Properties')->children as $property) {
                $properties[$property->tag] = $property->text;
            }
            $out[] = [$result->value('FolderType'), $result->value('ServerEntryId'), $result->value('FolderId'), $properties];
        }
        return $out;
    }

    private static function subjects(Response $response): array
    {
        return array_map(function ($result) {
            return $result[3]['POOMMAIL:Subject'];
        }, self::results($response));
    }

    /**
     * @dataProvider versions
     */
    public function testOutlookSearchesOneFolder(string $version): void
    {
        [$client, $folders, $server] = $this->mailDevice($version);
        $response = self::find($client, [['FolderType', 'Email'], ['FolderId', $folders[$this->top]],
            ['Find:FreeText', 'from:alice']], [['Find:Range', '0-49']]);
        $this->assertSame('1', $response->value('Find:Status'), $response->xml());
        $this->assertSame('1', $response->value('Find:Response/Find:Status'));
        $this->assertSame('Mailbox', $response->value('Find:Response/ItemOperations:Store'));
        $this->assertSame(['0-0', '1'], [$response->value('Find:Response/Find:Range'), $response->value('Find:Response/Find:Total')]);
        [[$class, $serverId, $collection, $properties]] = self::results($response);
        $this->assertSame(['Email', $folders[$this->top]], [$class, $collection]);
        $this->assertMatchesRegularExpression('/^\d+$/', $serverId);
        // MS-ASCMD 2.2.3.139.1's properties, in its order
        $this->assertSame([
            'POOMMAIL:Subject' => 'Quarterly report',
            'POOMMAIL:DateReceived' => '2024-03-14T12:00:00.000Z',
            'POOMMAIL:DisplayTo' => 'Bob Brown',
            'Find:DisplayCc' => 'Carol Clark;dave@example.net',
            'POOMMAIL:Importance' => '2',
            'POOMMAIL:Read' => '1',
            'POOMMAIL2:IsDraft' => '0',
            'Find:Preview' => 'Please find the figures attached.',
            'Find:HasAttachments' => '1',
            'POOMMAIL:From' => $properties['POOMMAIL:From'],
        ], $properties);
        $this->assertStringContainsString('alice@example.com', $properties['POOMMAIL:From']);
        $this->assertSame('', $server->errors());
    }

    /**
     * @dataProvider versions
     */
    public function testDeepTraversalSearchesSubfolders(string $version): void
    {
        [$client, $folders] = $this->mailDevice($version);
        $query = [['FolderType', 'Email'], ['FolderId', $folders[$this->top]], ['Find:FreeText', 'from:alice']];
        $response = self::find($client, $query, [['Find:Range', '0-49'], ['Find:DeepTraversal', null]]);
        $this->assertSame('2', $response->value('Find:Response/Find:Total'), $response->xml());
        $results = self::results($response);
        $this->assertSame(['Quarterly report', 'Report draft v2'], self::subjects($response));
        // each in the folder it is in
        $this->assertSame([$folders[$this->top], $folders[$this->sub]], array_column($results, 2));
        // the driver says so for mail in a drafts folder (as Horde_Core's)
        $this->assertSame('1', $results[1][3]['POOMMAIL2:IsDraft']);
        $this->assertSame('0', $results[1][3]['Find:HasAttachments']);
    }

    /**
     * iOS searches every folder with an OR over the fields (the query Horde
     * 6's tests record from an iPhone).
     *
     * @dataProvider versions
     */
    public function testIosSearchesEveryFolder(string $version): void
    {
        [$client, $folders] = $this->mailDevice($version);
        $response = self::find($client, [['FolderType', 'Email'],
            ['Find:FreeText', 'to:"alice" OR cc:"alice" OR from:"alice" OR subject:"alice" OR "alice" OR "alice"']],
            [['Find:Range', '0-100']]);
        $this->assertSame('1', $response->value('Find:Response/Find:Status'), $response->xml());
        $this->assertSame(['Quarterly report', 'Report draft v2'], self::subjects($response));
        $this->assertSame('0-1', $response->value('Find:Response/Find:Range'));

        // The whole KQL: the station is in Bob's unread mail only.
        $response = self::find($client, [['FolderType', 'Email'], ['Find:FreeText', 'station isread:false']]);
        $this->assertSame(['Lunch on Friday?'], self::subjects($response));
        $response = self::find($client, [['Find:FreeText', 'hasattachment:true received:2024-03-14']]);
        $this->assertSame(['Quarterly report'], self::subjects($response));
        $response = self::find($client, [['Find:FreeText', 'report -draft']]);
        $this->assertSame(['Quarterly report'], self::subjects($response));
        // Search's plain text would find "from:alice" nowhere; Find means the sender.
        $response = self::find($client, [['Find:FreeText', 'from:bob']]);
        $this->assertSame(['Lunch on Friday?'], self::subjects($response));
    }

    /**
     * @dataProvider versions
     */
    public function testPagesOfAMailSearch(string $version): void
    {
        [$client, $folders] = $this->mailDevice($version);
        $query = [['FolderId', $folders[$this->top]], ['Find:FreeText', 'report']];
        $first = self::find($client, $query, [['Find:Range', '0-0'], ['Find:DeepTraversal', null]]);
        $this->assertSame(['0-0', '2'], [$first->value('Find:Response/Find:Range'), $first->value('Find:Response/Find:Total')]);
        $second = self::find($client, $query, [['Find:Range', '1-1'], ['Find:DeepTraversal', null]]);
        $this->assertSame(['1-1', '2'], [$second->value('Find:Response/Find:Range'), $second->value('Find:Response/Find:Total')]);
        $this->assertSame(['Quarterly report', 'Report draft v2'],
            array_merge(self::subjects($first), self::subjects($second)));
        // Not valid KQL: the request is invalid.
        $bad = self::find($client, [['Find:FreeText', 'subject:"report']]);
        $this->assertSame('2', $bad->value('Find:Status'));
        // A mail search of a folder the device does not have: FolderSync.
        $gone = self::find($client, [['FolderId', 'F0badc0de'], ['Find:FreeText', 'report']]);
        $this->assertSame('3', $gone->value('Find:Status'));
    }

    public static function versions(): array
    {
        return ['16.0' => ['16.0'], '16.1' => ['16.1']];
    }
}
