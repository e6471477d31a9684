<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Imap;

use Horde\ActiveSync\Test\Support\HordeLegacy;
use Horde\ActiveSync\Test\Support\Imap;
use Horde_ActiveSync_Exception;
use Horde_ActiveSync_Find_Params;
use Horde_ActiveSync_Find_QueryMapper;
use Horde_ActiveSync_Imap_Adapter;
use Horde_ActiveSync_Interface_ImapFactory;
use Horde_Imap_Client_Mailbox;
use PHPUnit\Framework\TestCase;

/**
 * Imap_Adapter::queryMailbox() against the test Dovecot with the query
 * arrays Find (through Find_QueryMapper) and Search hand it: a Find's
 * FreeText is KQL, a Search's plain text; DeepTraversal adds subfolders;
 * a mailbox that cannot be searched does not sink a search of several.
 */
class AdapterFindDovecotTest extends TestCase
{
    private $client;
    private $top;
    private $sub;
    private $charsets;

    protected function setUp(): void
    {
        HordeLegacy::use();
        $this->client = Imap::client($this, 'eas2');
        $this->charsets = [\Horde_Mime_Part::$defaultCharset, \Horde_Mime_Headers::$defaultCharset];
        $delimiter = (string)current(iterator_to_array($this->client->getNamespaces()))['delimiter'];
        $this->top = 'AdFind' . bin2hex(random_bytes(3));
        $this->sub = $this->top . $delimiter . 'Sub';
        foreach ([$this->top, $this->sub] as $mailbox) {
            $this->client->createMailbox(new Horde_Imap_Client_Mailbox($mailbox));
        }
        $this->append($this->top, "From: Bob <bob@example.org>\r\nSubject: Lunch\r\n\r\nMeet at the station.\r\n");
        $this->append($this->top, "From: Alice <alice@example.com>\r\nSubject: Notes\r\n\r\nWritten from:bob verbatim.\r\n");
        $this->append($this->sub, "From: Bob <bob@example.org>\r\nSubject: Old lunch\r\n\r\nArchived.\r\n");
    }

    protected function tearDown(): void
    {
        if ($this->client) {
            foreach ([$this->sub, $this->top] as $mailbox) {
                try {
                    $this->client->deleteMailbox(new Horde_Imap_Client_Mailbox($mailbox));
                } catch (\Exception $e) {
                }
            }
            $this->client->logout();
            [\Horde_Mime_Part::$defaultCharset, \Horde_Mime_Headers::$defaultCharset] = $this->charsets;
        }
        HordeLegacy::restore();
    }

    private function append(string $mailbox, string $raw): void
    {
        $this->client->append(new Horde_Imap_Client_Mailbox($mailbox), [['data' => $raw]]);
    }

    /**
     * An adapter whose mailbox list is ours (and, with $bogus, one more
     * that does not exist).
     */
    private function adapter(bool $bogus = false): Horde_ActiveSync_Imap_Adapter
    {
        $names = [$this->top, $this->sub];
        if ($bogus) {
            $names[] = $this->top . 'Gone';
        }
        $factory = new class($this->client, $names) implements Horde_ActiveSync_Interface_ImapFactory {
            private $client;
            private $names;

            public function __construct($client, array $names)
            {
                $this->client = $client;
                $this->names = $names;
            }

            public function getImapOb()
            {
                return $this->client;
            }

            public function getMailboxes($force = false)
            {
                $out = [];
                foreach ($this->names as $name) {
                    $out[$name] = ['ob' => new Horde_Imap_Client_Mailbox($name)];
                }
                return $out;
            }

            public function getSpecialMailboxes()
            {
                return [];
            }

            public function getMsgFlags()
            {
                return [];
            }
        };
        return new Horde_ActiveSync_Imap_Adapter(['factory' => $factory]);
    }

    private function find(string $kql, ?string $serverid, bool $deep): array
    {
        $query = ['freetext' => $kql, 'class' => 'Email'];
        if ($serverid !== null) {
            $query += ['collectionid' => 'F1', 'serverid' => $serverid];
        }
        $params = new Horde_ActiveSync_Find_Params('mailbox', null, $query, [], 0, 100, $deep);
        return $this->adapter()->queryMailbox(Horde_ActiveSync_Find_QueryMapper::toSearchQuery($params));
    }

    private static function where(array $results): array
    {
        return array_column($results, 'searchfolderid');
    }

    public function testFindsFreeTextIsKqlAndSearchsIsText(): void
    {
        // Find: the sender
        $this->assertSame([$this->top], self::where($this->find('from:bob', $this->top, false)));
        // Search: the words, as written
        $search = ['query' => [['op' => 'Search:And', 'value' => [
            'FolderType' => 'Email', 'serverid' => $this->top, 'Search:FreeText' => 'from:bob']]]];
        $found = $this->adapter()->queryMailbox($search);
        $this->assertCount(1, $found);
        $this->assertNotSame($this->find('from:bob', $this->top, false)[0]['uniqueid'], $found[0]['uniqueid']);
    }

    public function testDeepTraversalAddsSubfolders(): void
    {
        $this->assertSame([$this->top], self::where($this->find('from:bob', $this->top, false)));
        $this->assertSame([$this->top, $this->sub], self::where($this->find('from:bob', $this->top, true)));
        // a subfolder has none below it
        $this->assertSame([$this->sub], self::where($this->find('from:bob', $this->sub, true)));
        // no folder: every one
        $this->assertSame([$this->top, $this->sub], self::where($this->find('lunch', null, false)));
    }

    public function testAMailboxThatCannotBeSearchedIsLeftOut(): void
    {
        $params = new Horde_ActiveSync_Find_Params('mailbox', null, ['freetext' => 'from:bob'], [], 0, 100, false);
        $found = $this->adapter(true)->queryMailbox(Horde_ActiveSync_Find_QueryMapper::toSearchQuery($params));
        $this->assertSame([$this->top, $this->sub], self::where($found));

        // ... unless it is the one asked for
        $this->expectException(Horde_ActiveSync_Exception::class);
        $this->find('from:bob', $this->top . 'Gone', false);
    }

    public function testInvalidKqlIsAnError(): void
    {
        $this->expectException(Horde_ActiveSync_Exception::class);
        $this->find('from:(bob', $this->top, false);
    }
}
