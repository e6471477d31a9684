<?php
/**
 * The embedded driver's message building: getMessagesBulk() (cloned
 * messages, one setProperties() call each) must give what getMessage()
 * gives for every item, and no two messages may share a part.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use Horde\ActiveSync\Embedded\Driver;
use Horde\ActiveSync\Embedded\Server;
use Horde\ActiveSync\Embedded\Store;
use Horde\ActiveSync\Native\SqliteStatements;
use Horde_ActiveSync;
use Horde_ActiveSync_Message_Base;
use Horde_ActiveSync_State_Sql;
use Horde_ActiveSync_Wbxml_Encoder;
use PHPUnit\Framework\TestCase;

use function Horde\ActiveSync\Native\wbxml_to_xml;

class DriverTest extends TestCase
{
    private $dir;

    protected function setUp(): void
    {
        $this->dir = sys_get_temp_dir() . '/eas-driver-' . bin2hex(random_bytes(4));
    }

    protected function tearDown(): void
    {
        self::setVersion(null);
        exec('rm -rf ' . escapeshellarg($this->dir));
    }

    /** The version messageFactory() gives new messages (set by a request). */
    private static function setVersion($version): void
    {
        (function () use ($version) {
            self::$_version = $version;
        })->bindTo(null, Horde_ActiveSync::class)();
    }

    private function driver(string $version, bool $persistent = false): array
    {
        $server = new Server(['data' => $this->dir, 'users' => ['demo' => 'demo'], 'persistent' => $persistent]);
        $server->setup();
        $store = $server->store();
        $driver = new Driver([
            'state' => new Horde_ActiveSync_State_Sql(['db' => $server->stateDb()]),
            'store' => $store, 'ping' => [], 'sync' => [], 'policy' => [], 'provisioning' => true,
            'versions' => [], 'denied' => [], 'imap' => null, 'smtp' => null, 'url' => 'x',
        ]);
        $this->assertTrue($driver->authenticate('demo', 'demo'));
        $this->assertTrue($driver->setup('demo'));
        $driver->setProtocolVersion($version);
        self::setVersion($version);
        return [$driver, $store];
    }

    private static function xml(Horde_ActiveSync_Message_Base $message): string
    {
        $out = fopen('php://memory', 'w+');
        $encoder = new Horde_ActiveSync_Wbxml_Encoder($out);
        $encoder->startWBXML();
        $encoder->startTag(Horde_ActiveSync::SYNC_DATA);
        $message->encodeStream($encoder);
        $encoder->endTag();
        return wbxml_to_xml(stream_get_contents($encoder->getStream()->stream, -1, 0));
    }

    public function versions(): array
    {
        return ['2.5' => ['2.5'], '14.1' => ['14.1'], '16.1' => ['16.1']];
    }

    /**
     * @dataProvider versions
     */
    public function testBulkMessagesEqualSingleOnesAndShareNothing(string $version): void
    {
        [$driver, $store] = $this->driver($version);
        $folders = [Store::CONTACTS => [], Store::CALENDAR => [], Store::TASKS => []];
        for ($i = 0; $i < 3; $i++) {
            $folders[Store::CONTACTS][] = $store->add('demo', Store::CONTACTS, [
                'firstname' => "First$i", 'lastname' => "Last$i", 'email1address' => "user$i@example.com",
                'birthday' => 86400 * (1000 + $i), 'categories' => ["Group$i", 'All'], 'body' => "About contact $i.",
            ])['uid'];
            $folders[Store::CALENDAR][] = $store->add('demo', Store::CALENDAR, [
                'subject' => "Meeting $i", 'location' => "Room $i", 'starttime' => 1893751200 + 3600 * $i,
                'endtime' => 1893754800 + 3600 * $i, 'categories' => ['Work'], 'body' => "Agenda $i",
            ])['uid'];
            $folders[Store::TASKS][] = $store->add('demo', Store::TASKS, [
                'subject' => "Task $i", 'duedate' => 1893751200 + 86400 * $i, 'body' => "Steps $i",
            ])['uid'];
        }
        $collection = ['bodyprefs' => [1 => ['type' => 1, 'truncationsize' => 5]], 'truncation' => 5];
        foreach ($folders as $folder => $uids) {
            $bulk = $driver->getMessagesBulk($folder, $uids, $collection);
            $this->assertSame($uids, array_keys($bulk));
            $seen = [];
            foreach ($uids as $i => $uid) {
                $xml = self::xml($bulk[$uid]);
                $this->assertSame(self::xml($driver->getMessage($folder, $uid, $collection)), $xml, "$folder $uid");
                $this->assertNotContains($xml, $seen, 'every message its own values');
                $seen[] = $xml;
                $this->assertSame($version, $bulk[$uid]->getProtocolVersion());
            }
            // Changing one message (and its body) leaves the others alone.
            $first = reset($bulk);
            if ($version >= '12.0') {
                $first->airsyncbasebody->data = 'changed';
                $this->assertNotSame('changed', next($bulk)->airsyncbasebody->data);
            }
        }
        $contact = $driver->getMessagesBulk(Store::CONTACTS, $folders[Store::CONTACTS], $collection);
        $this->assertSame(['Group1', 'All'], $contact[$folders[Store::CONTACTS][1]]->categories);
    }

    /**
     * The body form is worked out once per batch: from 12.0 an AirSyncBase
     * Body of the preferred type (HTML only when the client does not take
     * plain text), cut at that type's size; a note's Body is its "body";
     * below 12.0 plain text cut at the collection's truncation, with the
     * full size. Bulk and single fetches alike.
     */
    public function testBodiesTakeTheFormTheClientAskedFor(): void
    {
        [$driver, $store] = $this->driver('14.1');
        $text = 'About <contact> one, at length.';
        $contact = $store->add('demo', Store::CONTACTS, ['firstname' => 'Ann', 'body' => $text])['uid'];
        $note = $store->add('demo', Store::NOTES, ['subject' => 'Idea', 'body' => $text])['uid'];
        $second = $store->add('demo', Store::CONTACTS, ['firstname' => 'Ben', 'body' => 'Hi.'])['uid'];
        $html = '<html><body><pre>' . htmlspecialchars($text, ENT_QUOTES, 'UTF-8') . '</pre></body></html>';

        $asks = [
            'html, cut' => [[2 => ['type' => 2, 'truncationsize' => 30]], 2, substr($html, 0, 30), 1, strlen($html)],
            'plain and html: plain, whole' => [[1 => ['type' => 1], 2 => ['type' => 2]], 1, $text, 0, strlen($text)],
            'nothing asked: plain' => [[], 1, $text, 0, strlen($text)],
        ];
        foreach ($asks as $what => [$prefs, $type, $data, $truncated, $size]) {
            $collection = ['bodyprefs' => $prefs];
            $bulk = $driver->getMessagesBulk(Store::CONTACTS, [$contact, $second], $collection)[$contact];
            foreach ([$bulk, $driver->getMessage(Store::CONTACTS, $contact, $collection)] as $message) {
                $body = $message->airsyncbasebody;
                $this->assertSame([$type, $data, $truncated, $size],
                    [$body->type, $body->data, $body->truncated, $body->estimateddatasize], $what);
            }
            $notes = $driver->getMessagesBulk(Store::NOTES, [$note], $collection);
            $this->assertSame($data, $notes[$note]->body->data, "$what: a note's body");
        }

        // The same driver, then another version.
        self::setVersion('2.5');
        $driver->setProtocolVersion('2.5');
        $bulk = $driver->getMessagesBulk(Store::CONTACTS, [$contact, $second], ['truncation' => 5]);
        foreach ([$bulk[$contact], $driver->getMessage(Store::CONTACTS, $contact, ['truncation' => 5])] as $message) {
            $this->assertSame(['About', 1, strlen($text)], [$message->body, $message->bodytruncated, $message->bodysize]);
        }
        $this->assertSame(['Hi.', 0], [$bulk[$second]->body, $bulk[$second]->bodytruncated]);
    }

    /**
     * What a class's message takes is worked out once per version: a
     * driver told another version builds that version's messages (from
     * 16.0 an appointment's location is a sub-message, before a string).
     */
    public function testAnotherVersionGetsItsOwnMessages(): void
    {
        [$driver, $store] = $this->driver('16.1');
        $uid = $store->add('demo', Store::CALENDAR, [
            'subject' => 'Meeting', 'location' => 'Room 1', 'starttime' => 1893751200, 'endtime' => 1893754800,
        ])['uid'];
        $message = $driver->getMessagesBulk(Store::CALENDAR, [$uid], [])[$uid];
        $this->assertSame('Room 1', $message->location->displayname);

        self::setVersion('14.1');
        $driver->setProtocolVersion('14.1');
        $message = $driver->getMessagesBulk(Store::CALENDAR, [$uid], [])[$uid];
        $this->assertSame('14.1', $message->getProtocolVersion());
        $this->assertSame('Room 1', $message->location);
        $this->assertStringContainsString('<Location xmlns="Calendar:">Room 1</Location>', self::xml($message));
    }

    public function testItemsOfOlderStoresInJsonStillRead(): void
    {
        [$driver, $store] = $this->driver('14.1');
        $new = $store->add('demo', Store::CONTACTS, ['firstname' => 'Ann', 'categories' => ['Friends']])['uid'];
        $old = $store->add('demo', Store::CONTACTS, ['firstname' => 'placeholder'])['uid'];
        // A row as this store wrote it before items were serialized.
        $pdo = new \PDO('sqlite:' . $this->dir . '/store.sqlite');
        $pdo->prepare('UPDATE eas_items SET data = ? WHERE uid = ?')
            ->execute([json_encode(['firstname' => 'Ben', 'lastname' => 'Müller', 'categories' => ['Work']]), $old]);
        $this->assertStringStartsWith('a:', $pdo->query("SELECT data FROM eas_items WHERE uid = '$new'")->fetchColumn());

        $items = $store->getMany('demo', Store::CONTACTS, [$new, $old]);
        $this->assertSame('Ann', $items[$new]['firstname']);
        $this->assertSame(['Friends'], $items[$new]['categories']);
        $this->assertSame('Müller', $items[$old]['lastname']);
        $this->assertSame(['Work'], $store->get('demo', Store::CONTACTS, $old)['categories']);
        $this->assertSame(['Work'], $driver->getMessagesBulk(Store::CONTACTS, [$old, $new], [])[$old]->categories);
    }

    /**
     * The store keeps its statements for the request: one left open after
     * its rows were read would hold an old read snapshot, and the next
     * write of that connection would fail once another one has written.
     */
    public static function connections(): array
    {
        return ['per request' => [false], 'kept by the worker' => [true]];
    }

    /**
     * @dataProvider connections
     */
    public function testReadsLeaveNoSnapshotOpen(bool $persistent): void
    {
        [, $store] = $this->driver('14.1', $persistent);
        $uid = $store->add('demo', Store::CONTACTS, ['firstname' => 'Ann'])['uid'];
        $other = new Store($this->dir . '/store.sqlite');
        for ($round = 1; $round <= 2; $round++) {
            // Every kind of read, twice: the second round reuses the statements.
            $this->assertSame('Ann', $store->get('demo', Store::CONTACTS, $uid)['firstname']);
            $this->assertNotNull($store->folder('demo', Store::CONTACTS));
            $this->assertNotEmpty($store->changes('demo', Store::CONTACTS, 0, PHP_INT_MAX));
            $this->assertGreaterThan(0, $store->modseq());
            $this->assertSame([$uid], $store->uids('demo', Store::CONTACTS));
            $this->assertSame([$uid], array_keys($store->getMany('demo', Store::CONTACTS, ['nothing', $uid, 'none'])));
            $this->assertSame([$uid => true], $store->existing('demo', Store::CONTACTS, [$uid, 'nothing']));
            $this->assertNull($store->setting('demo', 'nothing'));
            $this->assertNotNull($store->getUser('demo'));

            $this->assertNotNull($other->change('demo', Store::CONTACTS, $uid, ['firstname' => 'Ann', 'lastname' => "B$round"]));
            $this->assertNotNull($store->change('demo', Store::CONTACTS, $uid, ['firstname' => 'Ann', 'lastname' => "C$round"]));
            $this->assertSame("C$round", $other->get('demo', Store::CONTACTS, $uid)['lastname']);
        }
        // A persistent connection's statements are the extension's to keep.
        $pdo = (new \ReflectionProperty(Store::class, '_db'))->getValue($store);
        $this->assertSame($persistent, SqliteStatements::supports($pdo));
        if ($persistent) {
            $this->assertGreaterThanOrEqual(7, SqliteStatements::cached($pdo));
        }
    }

    /**
     * getMany() and existing() read a dense run of uids as one range of
     * the key and the rest by list: every kind of list gives exactly the
     * items asked for that exist, on both kinds of connection.
     *
     * @dataProvider connections
     */
    public function testItemsByUidAsRangeOrList(bool $persistent): void
    {
        [, $store] = $this->driver('14.1', $persistent);
        $uids = [];
        for ($i = 0; $i < 40; $i++) {
            $uids[] = $store->add('demo', Store::CONTACTS, ['firstname' => "N$i"])['uid'];
            // Items of another folder take counter values in between.
            if ($i % 10 === 0) {
                $store->add('demo', Store::TASKS, ['subject' => "T$i"]);
            }
        }
        $store->delete('demo', Store::CONTACTS, $uids[5]);
        $expect = function (array $asked) use ($uids) {
            $there = array_values(array_intersect(array_diff($uids, [$uids[5]]), $asked));
            sort($there);
            return $there;
        };
        $lists = [
            'a window in order' => array_slice($uids, 0, 20),
            'reversed, with a deleted item' => array_reverse(array_slice($uids, 2, 12)),
            'a run with holes' => array_values(array_filter(array_slice($uids, 0, 24),
                function ($i) { return $i % 3 !== 0; }, ARRAY_FILTER_USE_KEY)),
            'with unknown uids' => array_merge(array_slice($uids, 10, 10), ['C999999', 'X000001', '17', 'nothing']),
            'uids of another folder inside the run' => array_merge(array_slice($uids, 20, 10), ['T000001']),
            'repeated uids' => array_merge(array_slice($uids, 30, 8), array_slice($uids, 30, 8)),
            'sparse' => [$uids[0], $uids[9], $uids[19], $uids[29], $uids[39], $uids[1], $uids[2], $uids[3]],
            'short' => [$uids[7], $uids[8]],
            'everything' => $uids,
        ];
        foreach ($lists as $name => $asked) {
            $items = $store->getMany('demo', Store::CONTACTS, $asked);
            $got = array_map('strval', array_keys($items));
            sort($got);
            $this->assertSame($expect($asked), $got, $name);
            foreach ($items as $uid => $item) {
                $this->assertSame('N' . array_search((string)$uid, $uids, true), $item['firstname'], "$name: $uid");
            }
            $got = array_map('strval', array_keys($store->existing('demo', Store::CONTACTS, $asked)));
            sort($got);
            $this->assertSame($expect($asked), $got, "$name (existing)");
        }
    }

    public function testItemsThatAreNotUtf8AreRefused(): void
    {
        [, $store] = $this->driver('14.1');
        $uid = $store->add('demo', Store::CONTACTS, ['firstname' => 'Ann'])['uid'];
        foreach ([['firstname' => "Ann\xff"], ['categories' => ["\xc3\x28"]], ["\xff" => 'x']] as $bad) {
            try {
                $store->change('demo', Store::CONTACTS, $uid, $bad);
                $this->fail('no exception');
            } catch (\UnexpectedValueException $e) {
                $this->assertStringContainsString('UTF-8', $e->getMessage());
            }
        }
        $this->assertSame('Ann', $store->get('demo', Store::CONTACTS, $uid)['firstname'], 'the item is unchanged');
    }
}
