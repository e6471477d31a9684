<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use Horde\ActiveSync\Embedded\Session;
use Horde\ActiveSync\Test\Support\Imap;
use Horde_Imap_Client;
use Horde_Imap_Client_Ids;
use Horde_Imap_Client_Mailbox;

/**
 * Mail through the embedded server with its IMAP side: the Dovecot that
 * tools/test.sh starts, a device over HTTP. Mailboxes appear as folders,
 * mail syncs with bodies, changes on the server (new mail, flags,
 * expunges) and on the device (read, delete, move) travel, Ping sees new
 * mail.
 */
class MailTest extends ServerTestCase
{
    private $imap;
    private $mailbox;
    private $params;

    protected function setUp(): void
    {
        $this->requireMessages();
        $this->imap = Imap::client($this);
        $this->params = Imap::params();
        $this->mailbox = 'eas-server-' . bin2hex(random_bytes(4));
        foreach ([$this->mailbox, $this->mailbox . '-archive'] as $name) {
            $this->imap->createMailbox(new Horde_Imap_Client_Mailbox($name));
        }
    }

    protected function tearDown(): void
    {
        parent::tearDown();
        if ($this->imap) {
            foreach ([$this->mailbox, $this->mailbox . '-archive'] as $name) {
                try {
                    $this->imap->deleteMailbox(new Horde_Imap_Client_Mailbox($name));
                } catch (\Exception $e) {
                }
            }
            $this->imap->logout();
        }
    }

    private function append(string $subject, array $flags = [], string $mailbox = null): int
    {
        $raw = "From: Ada <ada@example.com>\r\nTo: eas@example.com\r\nSubject: $subject\r\n"
            . 'Date: ' . date('r') . "\r\nMessage-ID: <" . bin2hex(random_bytes(6)) . "@example.com>\r\n"
            . "Content-Type: text/plain; charset=utf-8\r\n\r\nBody of $subject: \xc3\xa9t\xc3\xa9.\r\n";
        $ids = $this->imap->append(new Horde_Imap_Client_Mailbox($mailbox ?: $this->mailbox),
            [['data' => $raw, 'flags' => $flags]]);
        return (int)current($ids->ids);
    }

    private function mailServer()
    {
        return $this->server('native', [
            'users' => ['demo' => 'demo', $this->params['username'] => $this->params['password']],
            'imap' => ['host' => $this->params['host'], 'port' => (int)$this->params['port']],
        ]);
    }

    /**
     * @dataProvider versions
     */
    public function testMailTravelsBothWays(string $version): void
    {
        $first = $this->append('First');
        $second = $this->append('Second', [Horde_Imap_Client::FLAG_SEEN]);
        $third = $this->append('Third');
        $server = $this->mailServer();
        $user = ['user' => $this->params['username'], 'password' => $this->params['password']];
        [$client, $session] = $this->device($server, $version, 'MAIL' . str_replace('.', '', $version), $user);

        // The mailboxes are folders: INBOX as the Inbox, ours as user mail.
        $response = $client->send('FolderSync', ['FolderHierarchy:FolderSync', [['FolderHierarchy:SyncKey', '0']]]);
        $folders = [];
        foreach ($response->tree()->find('FolderHierarchy:Changes')->children('FolderHierarchy:Add') as $add) {
            $folders[$add->value('FolderHierarchy:DisplayName')] = [$add->value('FolderHierarchy:ServerEntryId'),
                $add->value('FolderHierarchy:Type')];
        }
        $this->assertSame('2', $folders['INBOX'][1] ?? null);
        $this->assertSame('12', $folders[$this->mailbox][1] ?? null);
        $this->assertSame('9', $folders['Contacts'][1] ?? null);
        $session->collections['Mail'] = [$folders[$this->mailbox][0], '0'];
        $mail = ['foldertype' => 'Email'];
        $session->collections['Archive'] = [$folders[$this->mailbox . '-archive'][0], '0'];

        // Initial sync: three messages with subjects, read state and bodies.
        $session->sync('Mail', $mail + ['getchanges' => false]);
        $response = $session->sync('Mail', $mail + ['windowsize' => 10]);
        $adds = $response->tree()->find('Folders/Folder/Commands')->children('Add');
        $this->assertCount(3, $adds);
        $seen = [];
        foreach ($adds as $add) {
            $data = $add->child('Data');
            $seen[$data->value('POOMMAIL:Subject')] = [$add->value('ServerEntryId'), $data->value('POOMMAIL:Read')];
            $body = $version >= '12.0' ? $data->value('AirSyncBase:Body/AirSyncBase:Data') : $data->value('POOMMAIL:Body');
            $this->assertStringContainsString('Body of ' . $data->value('POOMMAIL:Subject') . ": \xc3\xa9t\xc3\xa9.", $body);
        }
        ksort($seen);
        $this->assertSame(['First' => [(string)$first, '0'], 'Second' => [(string)$second, '1'],
                           'Third' => [(string)$third, '0']], $seen);

        // On the server: new mail, a flag, an expunge.
        $fourth = $this->append('Fourth');
        $this->imap->store(new Horde_Imap_Client_Mailbox($this->mailbox),
            ['ids' => new Horde_Imap_Client_Ids([$first]), 'add' => [Horde_Imap_Client::FLAG_SEEN]]);
        $this->imap->store(new Horde_Imap_Client_Mailbox($this->mailbox),
            ['ids' => new Horde_Imap_Client_Ids([$third]), 'add' => [Horde_Imap_Client::FLAG_DELETED]]);
        $this->imap->expunge(new Horde_Imap_Client_Mailbox($this->mailbox), ['ids' => new Horde_Imap_Client_Ids([$third])]);
        $response = $session->sync('Mail', $mail);
        $commands = $response->tree()->find('Folders/Folder/Commands');
        $this->assertNotNull($commands, $response->xml());
        $this->assertSame([(string)$fourth], array_map(function ($e) {
            return $e->value('ServerEntryId');
        }, $commands->children('Add')));
        $changes = $commands->children('Modify');
        $this->assertCount(1, $changes);
        $this->assertSame((string)$first, $changes[0]->value('ServerEntryId'));
        $this->assertSame('1', $changes[0]->value('Data/POOMMAIL:Read'));
        $this->assertSame([(string)$third], array_map(function ($e) {
            return $e->value('ServerEntryId');
        }, $commands->children('Remove')));

        // On the device: mark read, delete, and move one to the archive.
        $response = $session->sync('Mail', $mail + ['commands' => [
            ['Modify', [['ServerEntryId', (string)$fourth], ['Data', [['POOMMAIL:Read', '1']]]]],
            ['Remove', [['ServerEntryId', (string)$second]]],
        ]]);
        $this->assertSame('1', $response->tree()->find('Folders/Folder')->value('Status'), $response->xml());
        $query = new \Horde_Imap_Client_Fetch_Query();
        $query->flags();
        $status = $this->imap->fetch(new Horde_Imap_Client_Mailbox($this->mailbox), $query,
            ['ids' => new Horde_Imap_Client_Ids([$fourth])]);
        $this->assertContains(Horde_Imap_Client::FLAG_SEEN, $status->first()->getFlags());
        $this->imap->noop();
        $left = $this->imap->search(new Horde_Imap_Client_Mailbox($this->mailbox))['match']->ids;
        $this->assertSame([$first, $fourth], $left);

        // Nothing the device did comes back to it.
        $response = $session->sync('Mail', $mail);
        $this->assertNull($response->tree()->find('Folders/Folder/Commands'), $response->xml());

        $session->sync('Archive', $mail + ['getchanges' => false]);
        $response = $client->send('MoveItems', ['Move:MoveItems', [['Move:Move', [
            ['Move:SrcMsgId', (string)$first], ['Move:SrcFldId', $folders[$this->mailbox][0]],
            ['Move:DstFldId', $folders[$this->mailbox . '-archive'][0]]]]]]);
        $this->assertSame('3', $response->value('Move:Response/Move:Status'), $response->xml());
        $this->assertNotEmpty($response->value('Move:Response/Move:DstMsgId'));
        $this->imap->noop();
        $this->assertSame([$fourth], $this->imap->search(new Horde_Imap_Client_Mailbox($this->mailbox))['match']->ids);

        // The moved message leaves the source with the next Sync (as
        // Horde does: MS-ASCMD lets the server report it), and arrives in
        // the archive.
        $response = $session->sync('Mail', $mail);
        $commands = $response->tree()->find('Folders/Folder/Commands');
        $this->assertNull($commands ? $commands->child('Add') : null);
        $session->sync('Archive', $mail);

        // Ping sees new mail.
        $this->append('Fifth');
        $response = $client->send('Ping', ['Ping:Ping', [['Ping:HeartbeatInterval', '60'], ['Ping:Folders', [
            ['Ping:Folder', [['Ping:ServerEntryId', $folders[$this->mailbox][0]], ['Ping:FolderType', 'Email']]]]]]]);
        $this->assertSame('2', $response->value('Ping:Status'), $response->xml());
    }

    public static function versions(): array
    {
        return ['2.5' => ['2.5'], '14.1' => ['14.1'], '16.1' => ['16.1']];
    }

    public function testSendMailIsRefusedNotDropped(): void
    {
        $server = $this->mailServer();
        $user = ['user' => $this->params['username'], 'password' => $this->params['password']];
        [$client] = $this->device($server, '14.1', 'MAILSEND', $user);
        $response = $client->send('SendMail', ['ComposeMail:SendMail', [['ComposeMail:ClientId', '1'],
            ['ComposeMail:Mime', "To: x@example.com\r\nSubject: x\r\n\r\nx"]]]);
        $this->assertSame(200, $response->status);
        $this->assertSame('120', $response->value('ComposeMail:Status'));
    }
}
