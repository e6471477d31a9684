<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Imap;

use Horde\ActiveSync\Test\Support\Imap;
use Horde_ActiveSync;
use Horde_ActiveSync_Folder_Imap;
use Horde_ActiveSync_Imap_Adapter;
use Horde_Imap_Client;
use Horde_Imap_Client_Ids;
use Horde_Imap_Client_Mailbox;
use PHPUnit\Framework\TestCase;

/**
 * Change detection against the real Dovecot that tools/test.sh starts:
 * messages are appended, flagged and expunged through Horde_Imap_Client,
 * and the adapter with its native diff must report exactly that, with
 * CONDSTORE and with a server that looks like it has none.
 */
class AdapterDovecotTest extends TestCase
{
    private $client;
    private $mailbox;
    private $charsets;

    protected function setUp(): void
    {
        // The adapter sets Horde_Mime's default charsets to UTF-8, as Horde's
        // does; the tests that follow must find them as they were.
        Imap::quietAutoload();
        if (class_exists('Horde_Mime_Part') && class_exists('Horde_Mime_Headers')) {
            $this->charsets = [\Horde_Mime_Part::$defaultCharset, \Horde_Mime_Headers::$defaultCharset];
        }
    }

    protected function tearDown(): void
    {
        if ($this->charsets) {
            [\Horde_Mime_Part::$defaultCharset, \Horde_Mime_Headers::$defaultCharset] = $this->charsets;
        }
        if ($this->client && $this->mailbox) {
            try {
                $this->client->deleteMailbox(new Horde_Imap_Client_Mailbox($this->mailbox));
            } catch (\Exception $e) {
            }
            $this->client->logout();
        }
    }

    private function connect(string $user = '', string $class = \Horde_Imap_Client_Socket::class): Horde_ActiveSync_Imap_Adapter
    {
        $this->client = Imap::client($this, $user, $class);
        $this->mailbox = 'eas-test-' . bin2hex(random_bytes(4));
        $this->client->createMailbox(new Horde_Imap_Client_Mailbox($this->mailbox));
        return new Horde_ActiveSync_Imap_Adapter(['factory' => Imap::factory($this->client, ['$label1' => 'Important'])]);
    }

    /** Appends a message; returns its UID. */
    private function append(string $subject, array $flags = [], string $date = 'now'): int
    {
        $time = new \DateTime($date);
        $raw = "From: a@example.com\r\nTo: b@example.com\r\nSubject: $subject\r\nDate: " . $time->format('r')
            . "\r\nMessage-ID: <" . bin2hex(random_bytes(6)) . "@example.com>\r\n\r\nBody of $subject\r\n";
        $ids = $this->client->append(new Horde_Imap_Client_Mailbox($this->mailbox),
            [['data' => $raw, 'flags' => $flags, 'internaldate' => $time]]);
        return (int)current($ids->ids);
    }

    private function store(array $uids, array $add = [], array $remove = []): void
    {
        $options = ['ids' => new Horde_Imap_Client_Ids($uids)];
        if ($add) {
            $options['add'] = $add;
        }
        if ($remove) {
            $options['remove'] = $remove;
        }
        $this->client->store(new Horde_Imap_Client_Mailbox($this->mailbox), $options);
    }

    private function expunge(array $uids): void
    {
        $this->store($uids, [Horde_Imap_Client::FLAG_DELETED]);
        $this->client->expunge(new Horde_Imap_Client_Mailbox($this->mailbox), ['ids' => new Horde_Imap_Client_Ids($uids)]);
    }

    /** One Sync: changes found, then the folder as the next request loads it. */
    private function sync(Horde_ActiveSync_Imap_Adapter $adapter, Horde_ActiveSync_Folder_Imap $folder,
                          array $options = []): array
    {
        $folder = $adapter->getMessageChanges($folder, $options + ['protocolversion' => Horde_ActiveSync::VERSION_SIXTEEN]);
        $found = [
            'added' => $folder->added(), 'changed' => $folder->changed(), 'removed' => $folder->removed(),
            'flags' => $folder->flags(), 'categories' => $folder->categories(), 'soft' => $folder->getSoftDeleted(),
        ];
        $folder->updateState();
        return [$found, unserialize(serialize($folder))];
    }

    public function testCondstoreFolderReportsExactlyWhatHappened(): void
    {
        $adapter = $this->connect();
        $uids = [];
        for ($i = 1; $i <= 5; $i++) {
            $uids[$i] = $this->append("message $i");
        }
        $folder = new Horde_ActiveSync_Folder_Imap($this->mailbox, Horde_ActiveSync::CLASS_EMAIL);

        // First sync: the folder is primed with what is there.
        [$found, $folder] = $this->sync($adapter, $folder);
        $this->assertSame(array_values($uids), $found['added']);
        $this->assertGreaterThan(0, $folder->modseq(), 'Dovecot reports CONDSTORE');
        $this->assertSame(array_values($uids), $folder->messages());
        $this->assertFalse($adapter->ping($folder));

        // Nothing happened: no search at all, no changes.
        [$found, $folder] = $this->sync($adapter, $folder);
        $this->assertSame([[], [], []], [$found['added'], $found['changed'], $found['removed']]);

        // Two new, one read, one flagged with a category, one expunged.
        $new1 = $this->append('message 6');
        $new2 = $this->append('message 7', [Horde_Imap_Client::FLAG_SEEN]);
        $this->store([$uids[1]], [Horde_Imap_Client::FLAG_SEEN]);
        $this->store([$uids[2]], [Horde_Imap_Client::FLAG_FLAGGED, '$label1']);
        $this->expunge([$uids[3]]);
        $this->assertTrue($adapter->ping($folder));
        [$found, $folder] = $this->sync($adapter, $folder);
        $this->assertSame([$new1, $new2], $found['added']);
        $this->assertSame([$uids[1], $uids[2]], $found['changed']);
        $this->assertSame([$uids[3]], $found['removed']);
        $this->assertSame(['read' => 1, 'flagged' => 0], $found['flags'][$uids[1]]);
        $this->assertSame(['read' => 0, 'flagged' => 1], $found['flags'][$uids[2]]);
        $this->assertSame(['read' => 1, 'flagged' => 0], $found['flags'][$new2]);
        $this->assertSame(['Important'], $found['categories'][$uids[2]]);
        $this->assertSame([$uids[1], $uids[2], $uids[4], $uids[5], $new1, $new2], $folder->messages());
        $this->assertFalse($adapter->ping($folder));

        // Flags only.
        $this->store([$uids[4]], [Horde_Imap_Client::FLAG_SEEN]);
        $this->assertTrue($adapter->ping($folder));
        [$found, $folder] = $this->sync($adapter, $folder);
        $this->assertSame([[], [$uids[4]], []], [$found['added'], $found['changed'], $found['removed']]);

        // \Deleted without an expunge: gone for EAS.
        $this->store([$uids[5]], [Horde_Imap_Client::FLAG_DELETED]);
        [$found, $folder] = $this->sync($adapter, $folder);
        $this->assertSame([[], [], [$uids[5]]], [$found['added'], $found['changed'], $found['removed']]);

        // Everything expunged.
        $this->expunge($folder->messages());
        $this->client->expunge(new Horde_Imap_Client_Mailbox($this->mailbox));
        [$found, $folder] = $this->sync($adapter, $folder);
        $this->assertEqualsCanonicalizing([$uids[1], $uids[2], $uids[4], $new1, $new2], $found['removed']);
        $this->assertSame([], $folder->messages());
        $this->assertFalse($adapter->ping($folder));
    }

    public function testFilterWindowAndSoftDelete(): void
    {
        $adapter = $this->connect();
        $old = $this->append('old', [], '-40 days');
        $recent = $this->append('recent', [], '-2 days');
        $folder = new Horde_ActiveSync_Folder_Imap($this->mailbox, Horde_ActiveSync::CLASS_EMAIL);
        $twoWeeks = time() - 14 * 86400;
        [$found, $folder] = $this->sync($adapter, $folder, ['sincedate' => $twoWeeks]);
        $this->assertSame([$recent], $found['added']);

        // The window moves past "recent": it is soft-deleted, not removed.
        [$found, $folder] = $this->sync($adapter, $folder, ['sincedate' => time() - 86400, 'softdelete' => true]);
        $this->assertSame([], $found['removed']);
        $this->assertSame([$recent], $found['soft']);
        $this->assertSame([], $folder->messages());

        // The window widens: both come back as new.
        [$found, $folder] = $this->sync($adapter, $folder, ['sincedate' => time() - 60 * 86400, 'refreshfilter' => true]);
        $this->assertSame([$old, $recent], $found['added']);
    }

    public function testUidvalidityChangeSendsTheClientToResync(): void
    {
        $adapter = $this->connect();
        $this->append('one');
        $folder = new Horde_ActiveSync_Folder_Imap($this->mailbox, Horde_ActiveSync::CLASS_EMAIL);
        [, $folder] = $this->sync($adapter, $folder);
        // The mailbox is recreated: same name, new UIDVALIDITY.
        $this->client->deleteMailbox(new Horde_Imap_Client_Mailbox($this->mailbox));
        $this->client->createMailbox(new Horde_Imap_Client_Mailbox($this->mailbox));
        $this->append('two');
        $this->assertTrue($adapter->ping($folder));
        $this->expectException('Horde_ActiveSync_Exception_StaleState');
        $adapter->getMessageChanges($folder, ['protocolversion' => Horde_ActiveSync::VERSION_SIXTEEN]);
    }

    public function testPlainServerReportsExactlyWhatHappened(): void
    {
        // The second user, on a server that hides its CONDSTORE support.
        $adapter = $this->connect('eas2', \Horde\ActiveSync\Test\Support\ImapWithoutCondstore::class);
        $a = $this->append('a');
        $b = $this->append('b', [Horde_Imap_Client::FLAG_FLAGGED]);
        $c = $this->append('c');
        $folder = new Horde_ActiveSync_Folder_Imap($this->mailbox, Horde_ActiveSync::CLASS_EMAIL);
        [$found, $folder] = $this->sync($adapter, $folder);
        $this->assertSame([$a, $b, $c], $found['added']);
        $this->assertSame(0, $folder->modseq());

        $d = $this->append('d');
        $this->store([$a], [Horde_Imap_Client::FLAG_SEEN]);
        $this->store([$b], [], [Horde_Imap_Client::FLAG_FLAGGED]);
        $this->expunge([$c]);
        $this->assertTrue($adapter->ping($folder));
        [$found, $folder] = $this->sync($adapter, $folder);
        $this->assertSame([$d], $found['added']);
        $this->assertSame([$a, $b], $found['changed']);
        $this->assertSame([$c], $found['removed']);
        $this->assertSame([$a, $b, $d], $folder->messages());
        $this->assertFalse($adapter->ping($folder));

        [$found] = $this->sync($adapter, $folder);
        $this->assertSame([[], [], []], [$found['added'], $found['changed'], $found['removed']]);
    }

    public function testPrefetchedStatusServesOnePing(): void
    {
        $adapter = $this->connect();
        $this->append('x');
        $folder = new Horde_ActiveSync_Folder_Imap($this->mailbox, Horde_ActiveSync::CLASS_EMAIL);
        [, $folder] = $this->sync($adapter, $folder);
        $adapter->prefetchStatus([$folder]);
        $this->append('y');
        // The prefetched (older) status answers once, then the server is asked again.
        $this->assertFalse($adapter->ping($folder));
        $this->assertTrue($adapter->ping($folder));
    }

    public function testMessagesOfTheChangesCanBeFetched(): void
    {
        $adapter = $this->connect();
        $uid = $this->append('fetch me', [Horde_Imap_Client::FLAG_SEEN]);
        $folder = new Horde_ActiveSync_Folder_Imap($this->mailbox, Horde_ActiveSync::CLASS_EMAIL);
        [$found] = $this->sync($adapter, $folder);
        $this->assertSame([$uid], $found['added']);
        // The version the server sets for the request; message objects read it.
        $version = new \ReflectionProperty('Horde_ActiveSync', '_version');
        $version->setAccessible(true);
        $before = $version->getValue();
        $version->setValue(null, Horde_ActiveSync::VERSION_FOURTEENONE);
        try {
            $messages = $adapter->getMessages($this->mailbox, $found['added'], [
                'protocolversion' => Horde_ActiveSync::VERSION_FOURTEENONE, 'uid_keys' => true,
                'bodyprefs' => ['wanted' => Horde_ActiveSync::BODYPREF_TYPE_PLAIN,
                            Horde_ActiveSync::BODYPREF_TYPE_PLAIN => ['type' => Horde_ActiveSync::BODYPREF_TYPE_PLAIN]],
            ]);
        } finally {
            $version->setValue(null, $before);
        }
        $this->assertSame([$uid], array_keys($messages));
        $this->assertSame('fetch me', $messages[$uid]->subject);
        $this->assertEquals(1, $messages[$uid]->read);
    }

    public function testMissingMailboxIsFolderGone(): void
    {
        $adapter = $this->connect();
        $folder = new Horde_ActiveSync_Folder_Imap($this->mailbox . '-nope', Horde_ActiveSync::CLASS_EMAIL);
        $this->expectException('Horde_ActiveSync_Exception_FolderGone');
        $adapter->getMessageChanges($folder, ['protocolversion' => Horde_ActiveSync::VERSION_SIXTEEN]);
    }
}
