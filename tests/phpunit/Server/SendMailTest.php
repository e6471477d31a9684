<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use Horde\ActiveSync\Test\Support\Imap;
use Horde_Imap_Client;
use Horde_Imap_Client_Fetch_Query;
use Horde_Imap_Client_Ids;
use Horde_Imap_Client_Mailbox;
use Horde_Imap_Client_Search_Query;
use Horde_Mime_Headers;
use Horde_Mime_Part;

/**
 * Outgoing mail of the embedded server: a device sends, replies and
 * forwards over HTTP; the Dovecot that tools/test.sh starts takes the mail
 * by LMTP and delivers it to the recipients' INBOX, where the test reads
 * what arrived.
 */
class SendMailTest extends ServerTestCase
{
    private $imap;
    private $params;
    private $mailbox;
    private $tag;

    protected function setUp(): void
    {
        $this->requireMessages();
        $this->imap = Imap::client($this);
        $this->params = Imap::params();
        if (empty($this->params['lmtp'])) {
            $this->markTestSkipped('no LMTP port in EAS_TEST_IMAP (tools/test.sh gives one)');
        }
        $this->mailbox = 'eas-send-' . bin2hex(random_bytes(4));
        $this->tag = bin2hex(random_bytes(4));
        $this->imap->createMailbox(new Horde_Imap_Client_Mailbox($this->mailbox));
    }

    protected function tearDown(): void
    {
        parent::tearDown();
        if ($this->imap) {
            try {
                $this->imap->deleteMailbox(new Horde_Imap_Client_Mailbox($this->mailbox));
            } catch (\Exception $e) {
            }
            $this->imap->logout();
        }
    }

    private function mailServer(array $smtp = null)
    {
        return $this->server('native', [
            'users' => [$this->params['username'] => $this->params['password']],
            'imap' => ['host' => $this->params['host'], 'port' => (int)$this->params['port']],
            'smtp' => $smtp ?? ['host' => $this->params['host'], 'port' => (int)$this->params['lmtp'], 'lmtp' => true],
        ]);
    }

    /** A device of the IMAP user, and the server id of the test mailbox. */
    private function device14($server, string $version, string $id): array
    {
        $user = ['user' => $this->params['username'], 'password' => $this->params['password']];
        [$client] = $this->device($server, $version, $id, $user);
        $response = $client->send('FolderSync', ['FolderHierarchy:FolderSync', [['FolderHierarchy:SyncKey', '0']]]);
        foreach ($response->tree()->find('FolderHierarchy:Changes')->children('FolderHierarchy:Add') as $add) {
            if ($add->value('FolderHierarchy:DisplayName') === $this->mailbox) {
                return [$client, $add->value('FolderHierarchy:ServerEntryId')];
            }
        }
        $this->fail('the test mailbox is not a folder');
    }

    private function appendOriginal(): int
    {
        $raw = "From: Ada <ada@example.com>\r\nTo: eas@example.com\r\nSubject: Question {$this->tag}\r\n"
            . "Date: Tue, 24 Nov 2026 10:00:00 +0000\r\nMessage-ID: <q{$this->tag}@example.com>\r\n"
            . "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b1\r\n\r\n"
            . "--b1\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            . "Shall we meet at the caf=E9?\r\nSecond line.\r\n"
            . "--b1\r\nContent-Type: application/pdf; name=plan.pdf\r\nContent-Disposition: attachment; filename=plan.pdf\r\n"
            . "Content-Transfer-Encoding: base64\r\n\r\n" . base64_encode('%PDF-1.4 plan') . "\r\n--b1--\r\n";
        $ids = $this->imap->append(new Horde_Imap_Client_Mailbox($this->mailbox), [['data' => $raw]]);
        return (int)current($ids->ids);
    }

    /**
     * The messages of $user's INBOX (or another mailbox) whose subject
     * carries this test's tag, as raw text.
     *
     * @return string[]
     */
    private function received(string $user, string $mailbox = 'INBOX', string $subject = null): array
    {
        $imap = $user === $this->params['username'] ? $this->imap : Imap::client($this, $user);
        $imap->noop();
        $query = new Horde_Imap_Client_Search_Query();
        $query->headerText('Subject', $subject ?? $this->tag);
        $mbox = new Horde_Imap_Client_Mailbox($mailbox);
        $ids = $imap->search($mbox, $query)['match'];
        $fetch = new Horde_Imap_Client_Fetch_Query();
        $fetch->fullText(['peek' => true]);
        $fetch->flags();
        $out = [];
        foreach ($imap->fetch($mbox, $fetch, ['ids' => $ids]) as $data) {
            $out[] = ['text' => $data->getFullMsg(false), 'flags' => $data->getFlags()];
        }
        return $out;
    }

    private function flagsOf(int $uid): array
    {
        $query = new Horde_Imap_Client_Fetch_Query();
        $query->flags();
        $this->imap->noop();
        return $this->imap->fetch(new Horde_Imap_Client_Mailbox($this->mailbox), $query,
            ['ids' => new Horde_Imap_Client_Ids([$uid])])->first()->getFlags();
    }

    public function testSendMailDeliversToEveryRecipientWithoutBcc(): void
    {
        [$client] = $this->device14($this->mailServer(), '14.1', 'SEND141');
        $mime = "To: Bob <eas2@example.com>\r\nBcc: eas@example.com\r\nSubject: Hello {$this->tag}\r\n"
            . "Content-Type: text/plain; charset=utf-8\r\n\r\nHi Bob, \xc3\xa7a va?\r\n";
        $response = $client->send('SendMail', ['ComposeMail:SendMail', [['ComposeMail:ClientId', 'c1'],
            ['ComposeMail:SaveInSentItems'], ['ComposeMail:Mime', $mime]]]);
        $this->assertSame(200, $response->status);
        $this->assertSame('', $response->body, 'success is an empty response');

        $bob = $this->received('eas2');
        $this->assertCount(1, $bob);
        $headers = Horde_Mime_Headers::parseHeaders($bob[0]['text']);
        $this->assertNull($headers->getValue('Bcc'), 'Bcc reaches no recipient');
        $this->assertSame('eas@localhost', (new \Horde_Mail_Rfc822_List($headers->getValue('From')))->first()->bare_address);
        $this->assertNotEmpty($headers->getValue('Message-ID'));
        $this->assertNotEmpty($headers->getValue('Date'));
        $this->assertStringContainsString("Hi Bob, \xc3\xa7a va?", $bob[0]['text']);

        $this->assertCount(1, $this->received($this->params['username']), 'the Bcc recipient has it');
        $sent = $this->received($this->params['username'], 'Sent');
        $this->assertCount(1, $sent);
        $this->assertContains(Horde_Imap_Client::FLAG_SEEN, $sent[0]['flags']);
        $this->assertSame('eas@example.com', Horde_Mime_Headers::parseHeaders($sent[0]['text'])->getValue('Bcc'),
            'the Sent copy keeps Bcc');
    }

    public function testSendMailWithoutSaveInSentKeepsNoCopy(): void
    {
        [$client] = $this->device14($this->mailServer(), '16.1', 'SEND161');
        $response = $client->send('SendMail', ['ComposeMail:SendMail', [['ComposeMail:ClientId', 'c2'],
            ['ComposeMail:Mime', "To: eas2@example.com\r\nSubject: Nocopy {$this->tag}\r\n\r\nx\r\n"]]]);
        $this->assertSame(200, $response->status);
        $this->assertCount(1, $this->received('eas2'));
        $this->assertCount(0, $this->received($this->params['username'], 'Sent'));
    }

    public function testSmartReplyQuotesTheOriginalAndMarksItAnswered(): void
    {
        $uid = $this->appendOriginal();
        [$client, $folder] = $this->device14($this->mailServer(), '16.1', 'REPLY161');
        $mime = "To: eas2@example.com\r\nSubject: Re: Question {$this->tag}\r\nMIME-Version: 1.0\r\n"
            . "Content-Type: multipart/alternative; boundary=alt\r\n\r\n"
            . "--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nYes, at noon.\r\n"
            . "--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>Yes, at noon.</p></body></html>\r\n"
            . "--alt--\r\n";
        $response = $client->send('SmartReply', ['ComposeMail:SmartReply', [['ComposeMail:ClientId', 'c3'],
            ['ComposeMail:Source', [['ComposeMail:FolderId', $folder], ['ComposeMail:ItemId', (string)$uid]]],
            ['ComposeMail:SaveInSentItems'], ['ComposeMail:Mime', $mime]]]);
        $this->assertSame(200, $response->status);
        $this->assertSame('', $response->body, $response->xml());

        $got = $this->received('eas2');
        $this->assertCount(1, $got);
        $part = Horde_Mime_Part::parseMessage($got[0]['text']);
        $plain = $part->getPart($part->findBody('plain'));
        $text = $plain->getContents();
        $this->assertSame('UTF-8', strtoupper($plain->getCharset()));
        $this->assertStringStartsWith('Yes, at noon.', $text);
        $this->assertStringContainsString('Ada <ada@example.com> wrote:', $text);
        $this->assertStringContainsString("> Shall we meet at the caf\xc3\xa9?\n> Second line.", str_replace("\r\n", "\n", $text));
        $html = $part->getPart($part->findBody('html'))->getContents();
        $this->assertMatchesRegularExpression('~<p>Yes, at noon.</p><p>.*wrote:</p><blockquote type="cite">'
            . "Shall we meet at the caf\xc3\xa9\\?<br />~s", $html);
        $this->assertStringEndsWith('</body></html>', rtrim($html));

        $this->assertContains(Horde_Imap_Client::FLAG_ANSWERED, $this->flagsOf($uid));
        $this->assertCount(1, $this->received($this->params['username'], 'Sent'));
    }

    public function testSmartReplyWithReplaceMimeSendsTheDevicesText(): void
    {
        $uid = $this->appendOriginal();
        [$client, $folder] = $this->device14($this->mailServer(), '14.1', 'REPLACE141');
        $response = $client->send('SmartReply', ['ComposeMail:SmartReply', [['ComposeMail:ClientId', 'c4'],
            ['ComposeMail:Source', [['ComposeMail:FolderId', $folder], ['ComposeMail:ItemId', (string)$uid]]],
            ['ComposeMail:ReplaceMime'],
            ['ComposeMail:Mime', "To: eas2@example.com\r\nSubject: Re: Question {$this->tag}\r\n\r\nQuoted myself.\r\n"]]]);
        $this->assertSame(200, $response->status);
        $got = $this->received('eas2');
        $this->assertCount(1, $got);
        $this->assertStringNotContainsString('wrote:', $got[0]['text']);
        $this->assertStringContainsString('Quoted myself.', $got[0]['text']);
        $this->assertContains(Horde_Imap_Client::FLAG_ANSWERED, $this->flagsOf($uid));
    }

    public function testSmartForwardAttachesTheOriginalWhole(): void
    {
        $uid = $this->appendOriginal();
        [$client, $folder] = $this->device14($this->mailServer(), '12.1', 'FWD121');
        // Before EAS 14 the message is the raw body, the original in the query.
        $response = $client->send('SmartForward',
            "To: eas2@example.com\r\nSubject: Fwd: Question {$this->tag}\r\n\r\nSee below.\r\n",
            ['ItemId' => (string)$uid, 'CollectionId' => $folder, 'SaveInSent' => 'T']);
        $this->assertSame(200, $response->status);
        $this->assertSame('', $response->body);

        $got = $this->received('eas2');
        $this->assertCount(1, $got);
        $part = Horde_Mime_Part::parseMessage($got[0]['text']);
        $this->assertSame('multipart/mixed', $part->getType());
        $types = [];
        foreach ($part->getParts() as $sub) {
            $types[] = $sub->getType();
        }
        $this->assertSame(['text/plain', 'message/rfc822'], $types);
        $this->assertStringContainsString('See below.', $part->getPart('1')->getContents());
        $attached = $part->getPart('2');
        $this->assertSame("Question {$this->tag}.eml", $attached->getName());
        $original = $attached->getContents();
        $this->assertStringContainsString("Subject: Question {$this->tag}", $original);
        $this->assertStringContainsString(base64_encode('%PDF-1.4 plan'), $original, 'its attachments go along');
        $this->assertContains(Horde_Imap_Client::FLAG_FORWARDED, $this->flagsOf($uid));
        $this->assertCount(1, $this->received($this->params['username'], 'Sent'));
    }

    public function testSmartForwardToForwardeesOfEas16(): void
    {
        $uid = $this->appendOriginal();
        [$client, $folder] = $this->device14($this->mailServer(), '16.0', 'FWD160');
        $response = $client->send('SmartForward', ['ComposeMail:SmartForward', [['ComposeMail:ClientId', 'c5'],
            ['ComposeMail:Source', [['ComposeMail:FolderId', $folder], ['ComposeMail:ItemId', (string)$uid]]],
            ['ComposeMail:Forwardees', [['ComposeMail:Forwardee', [['ComposeMail:ForwardeeName', 'Bob'],
                ['ComposeMail:ForwardeeEmail', 'eas2@example.com']]]]],
            ['ComposeMail:Mime', "Subject: Fwd: Question {$this->tag}\r\n\r\nFor you.\r\n"]]]);
        $this->assertSame(200, $response->status, $response->xml());
        $this->assertSame('', $response->body, $response->xml());
        $got = $this->received('eas2');
        $this->assertCount(1, $got);
        $headers = Horde_Mime_Headers::parseHeaders($got[0]['text']);
        $this->assertSame('Bob <eas2@example.com>', $headers->getValue('To'));
    }

    public function testAnOriginalThatIsGoneIsItemNotFound(): void
    {
        [$client, $folder] = $this->device14($this->mailServer(), '14.1', 'GONE141');
        $response = $client->send('SmartReply', ['ComposeMail:SmartReply', [['ComposeMail:ClientId', 'c6'],
            ['ComposeMail:Source', [['ComposeMail:FolderId', $folder], ['ComposeMail:ItemId', '999999']]],
            ['ComposeMail:Mime', "To: eas2@example.com\r\nSubject: Re: {$this->tag}\r\n\r\nx\r\n"]]]);
        $this->assertSame('150', $response->value('ComposeMail:Status'), $response->xml());
        $this->assertCount(0, $this->received('eas2'));
    }

    public function testFailuresAreSubmissionFailures(): void
    {
        // No recipient at all.
        [$client] = $this->device14($this->mailServer(), '14.1', 'NORCPT141');
        $response = $client->send('SendMail', ['ComposeMail:SendMail', [['ComposeMail:ClientId', 'c7'],
            ['ComposeMail:Mime', "Subject: nobody {$this->tag}\r\n\r\nx\r\n"]]]);
        $this->assertSame('120', $response->value('ComposeMail:Status'), $response->xml());

        // The mail server is down: nothing is kept in Sent as if sent.
        $closed = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int)substr(strrchr(stream_socket_get_name($closed, false), ':'), 1);
        fclose($closed);
        [$client] = $this->device14($this->mailServer(['host' => '127.0.0.1', 'port' => $port]), '14.1', 'DOWN141');
        $response = $client->send('SendMail', ['ComposeMail:SendMail', [['ComposeMail:ClientId', 'c8'],
            ['ComposeMail:SaveInSentItems'],
            ['ComposeMail:Mime', "To: eas2@example.com\r\nSubject: down {$this->tag}\r\n\r\nx\r\n"]]]);
        $this->assertSame('120', $response->value('ComposeMail:Status'), $response->xml());
        $this->assertCount(0, $this->received($this->params['username'], 'Sent'));

        // Before EAS 14, HTTP 500 (and the front controller logs it).
        $server = $this->mailServer(['host' => '127.0.0.1', 'port' => $port]);
        [$client] = $this->device14($server, '12.1', 'DOWN121');
        $response = $client->send('SendMail', "To: eas2@example.com\r\nSubject: down {$this->tag}\r\n\r\nx\r\n",
            ['SaveInSent' => 'T']);
        $this->assertSame(500, $response->status);
        $this->assertStringContainsString('Received FALSE while handling SendMail', $server->takeErrors());
    }
}
