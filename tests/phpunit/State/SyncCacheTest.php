<?php
/**
 * What the operations monitor reads from Horde_ActiveSync_SyncCache, kept
 * under Horde 6's names on SQLite: the count of ignored "FolderSync
 * required" answers ('foldersyncrequired', formerly this engine's
 * 'fsrcount'), the MoreAvailable backlog of a collection ('backlog',
 * 'backlogpings'), and the poll's backlog recovery in Collections.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\State;

use Horde\ActiveSync\Test\Support\Databases;
use Horde_ActiveSync as AS_;
use Horde_ActiveSync_Collections;
use Horde_ActiveSync_Log_Logger;
use Horde_ActiveSync_State_Sql;
use Horde_ActiveSync_SyncCache;
use Horde_Log_Handler_Null;
use PHPUnit\Framework\TestCase;

class SyncCacheTest extends TestCase
{
    const DEVICE = 'CACHEDEV';
    const USER = 'alice';
    const MAIL = 'F0a1b2c3';
    const CONTACTS = 'F4d5e6f7';

    /** @var Horde_ActiveSync_State_Sql */
    private $state;

    protected function setUp(): void
    {
        $db = Databases::connect($this, 'sqlite');
        Databases::freshSchema($db);
        $this->state = new Horde_ActiveSync_State_Sql(['db' => $db]);
    }

    /** Stores a cache as an older request would have left it. */
    private function store(array $fields): void
    {
        $this->state->saveSyncCache($fields + Horde_ActiveSync_State_Sql::emptySyncCache(), self::DEVICE, self::USER);
    }

    private function stored(): array
    {
        return $this->state->getSyncCache(self::DEVICE, self::USER);
    }

    private function cache(): Horde_ActiveSync_SyncCache
    {
        return new Horde_ActiveSync_SyncCache($this->state, self::DEVICE, self::USER);
    }

    private function withCollections(): void
    {
        $this->store([
            'timestamp' => time() - 5,
            'hierarchy' => '{11111111-2222-3333-4444-555555555555}1',
            'collections' => [
                self::MAIL => ['class' => AS_::CLASS_EMAIL, 'serverid' => 'INBOX', 'lastsynckey' => '{aa}4',
                    'pingable' => true],
                self::CONTACTS => ['class' => AS_::CLASS_CONTACTS, 'serverid' => '@Contacts@',
                    'lastsynckey' => '{bb}2', 'pingable' => true],
            ],
        ]);
    }

    /* ---- the save at the end of a request, on other state backends ------- */

    /**
     * A backend other than State_Sql has no reconcileSyncCache(): the
     * stored cache is read, then the save written, with the same rules
     * (a newer folder list kept, nothing saved when stale).
     */
    public function testSavingAtTheEndOnAnotherBackendReadsThenWrites(): void
    {
        $stored = ['timestamp' => time() - 5, 'lasthbsyncstarted' => 100]
            + Horde_ActiveSync_State_Sql::emptySyncCache();
        $state = $this->getMockForAbstractClass(\Horde_ActiveSync_State_Base::class, [[]]);
        $state->method('getSyncCache')->willReturnCallback(function () use (&$stored) {
            return $stored;
        });
        $saved = [];
        $state->method('saveSyncCache')->willReturnCallback(function ($cache, $devid, $user, $dirty) use (&$saved) {
            $saved[] = [$cache, array_keys($dirty)];
        });
        $cache = new Horde_ActiveSync_SyncCache($state, self::DEVICE, self::USER);
        $cache->folders = ['F1' => ['class' => 'Email', 'serverid' => 'INBOX', 'type' => 2]];
        $cache->wait = 3;
        // Meanwhile a FolderSync of the device saved.
        $newer = ['F2' => ['class' => 'Contacts', 'serverid' => '@Contacts@', 'type' => 9]];
        $stored['folders'] = $newer;
        $stored['timestamp'] = time() + 5;

        $this->assertTrue($cache->saveKeepingFolders(true));
        $this->assertCount(1, $saved);
        $this->assertSame($newer, $saved[0][0]['folders'], 'the stored, newer folder list');
        $this->assertNotContains('folders', $saved[0][1]);
        $this->assertContains('wait', $saved[0][1]);

        $stored['lasthbsyncstarted'] = 200;
        $cache->wait = 4;
        $this->assertFalse($cache->saveKeepingFolders(true), 'a newer heartbeat sync started');
        $this->assertCount(1, $saved, 'and nothing was written');
    }

    /* ---- collections completed from the cache ---------------------------- */

    /**
     * The cap is the Sync handler's MAX_WINDOW_SIZE (SyncCache repeats the
     * number so that a Ping does not load that class): a window over it,
     * or none (0), becomes it; one below it stays; one not sent comes
     * from the cache.
     */
    public function testWindowSizesAreCappedAtTheSyncMaximum(): void
    {
        $this->withCollections();
        $cache = $this->cache();
        $cache->updateWindowSize(self::CONTACTS, 25);
        $max = \Horde_ActiveSync_Request_Sync::MAX_WINDOW_SIZE;
        $collections = [
            ['id' => self::MAIL, 'windowsize' => $max + 1],
            ['id' => self::CONTACTS],
            ['id' => self::MAIL, 'windowsize' => 0],
            ['id' => self::MAIL, 'windowsize' => $max - 1],
        ];
        $cache->validateCollectionsFromCache($collections);
        $this->assertSame([$max, 25, $max, $max - 1], array_column($collections, 'windowsize'));
    }

    /* ---- "FolderSync required" count ------------------------------------ */

    public function testFolderSyncRequiredCountIsStoredUnderHorde6sName(): void
    {
        $this->store(['timestamp' => time() - 5]);
        $cache = $this->cache();
        $this->assertSame(0, $cache->getFolderSyncRequiredIgnoredCount());
        $this->assertSame(1, $cache->incrementFolderSyncRequiredIgnored());
        $this->assertSame(2, $cache->incrementFolderSyncRequiredIgnored());
        $this->assertSame(2, $cache->getFolderSyncRequiredIgnoredCount());
        $cache->save();

        $stored = $this->stored();
        $this->assertSame(2, $stored['foldersyncrequired']);
        $this->assertArrayNotHasKey('fsrcount', $stored);
        $this->assertSame(2, $this->cache()->getFolderSyncRequiredIgnoredCount());

        $cache = $this->cache();
        $cache->resetFolderSyncRequiredIgnored();
        $this->assertSame(0, $cache->getFolderSyncRequiredIgnoredCount());
        $cache->save();
        $this->assertSame(0, $this->stored()['foldersyncrequired']);
    }

    public function testResettingAZeroCountChangesNothing(): void
    {
        $this->store(['timestamp' => 1000]);
        $cache = $this->cache();
        $cache->resetFolderSyncRequiredIgnored();
        $cache->save();
        // Nothing dirty, nothing written: the stored timestamp stays.
        $this->assertSame('1000', (string)$this->stored()['timestamp']);
        $this->assertArrayNotHasKey('foldersyncrequired', $this->stored());
    }

    public function testCachesWrittenUnderTheOldNameAreReadAndRenamed(): void
    {
        $this->store(['timestamp' => time() - 5, 'fsrcount' => 4]);
        $cache = $this->cache();
        $this->assertSame(4, $cache->getFolderSyncRequiredIgnoredCount());
        $this->assertSame(5, $cache->incrementFolderSyncRequiredIgnored());
        $cache->save();

        $stored = $this->stored();
        $this->assertSame(5, $stored['foldersyncrequired']);
        $this->assertArrayNotHasKey('fsrcount', $stored, 'the old name is dropped on the next save');

        // Saved without touching the count: the rename alone is written.
        $this->store(['timestamp' => time() - 5, 'fsrcount' => 3]);
        $cache = $this->cache();
        $cache->updateTimestamp();
        $cache->save();
        $stored = $this->stored();
        $this->assertSame(3, $stored['foldersyncrequired']);
        $this->assertArrayNotHasKey('fsrcount', $stored);
    }

    public function testHorde6sNameWinsOverALeftoverOldOne(): void
    {
        $this->store(['timestamp' => time() - 5, 'fsrcount' => 4, 'foldersyncrequired' => 1]);
        $this->assertSame(1, $this->cache()->getFolderSyncRequiredIgnoredCount());
        $this->store(['timestamp' => time() - 5, 'fsrcount' => 4, 'foldersyncrequired' => 0]);
        $this->assertSame(0, $this->cache()->getFolderSyncRequiredIgnoredCount());
    }

    public function testTheOldNameIsNoPropertyAnyMore(): void
    {
        $this->store(['timestamp' => time() - 5]);
        $this->expectException(\InvalidArgumentException::class);
        $this->cache()->fsrcount;
    }

    public function testLoopGuardOfCollectionsCountsInTheRenamedField(): void
    {
        $this->store(['timestamp' => time() - 5, 'fsrcount' => 1]);
        $cache = $this->cache();
        $collections = new Horde_ActiveSync_Collections($cache, $this->server());
        $this->assertFalse($collections->inFolderSyncLoop());
        $this->assertSame(2, $collections->folderSyncRequired());
        $this->assertSame(Horde_ActiveSync_Collections::FSR_LOOP_LIMIT, $collections->folderSyncRequired());
        $this->assertTrue($collections->inFolderSyncLoop());
        // folderSyncRequired() saves at once: other requests see the count.
        $this->assertSame(3, $this->stored()['foldersyncrequired']);
        $collections->resetFolderSyncRequired();
        $this->assertFalse($collections->inFolderSyncLoop());
        $this->assertSame(0, $this->stored()['foldersyncrequired']);
    }

    /* ---- MoreAvailable backlog ------------------------------------------- */

    public function testBacklogLifecycle(): void
    {
        $this->withCollections();
        $cache = $this->cache();
        $this->assertFalse($cache->hasStaleBacklog(self::MAIL, 0));
        $this->assertSame(0, $cache->getBacklogPingCount(self::MAIL));

        // Reports without a backlog count nothing.
        $cache->incrementBacklogPingCount(self::MAIL);
        $this->assertSame(0, $cache->getBacklogPingCount(self::MAIL));

        $before = time();
        $cache->setBacklogFlag(self::MAIL);
        $this->assertTrue($cache->hasStaleBacklog(self::MAIL, 0));
        $this->assertFalse($cache->hasStaleBacklog(self::MAIL, 60));
        $cache->incrementBacklogPingCount(self::MAIL);
        $cache->incrementBacklogPingCount(self::MAIL);
        $this->assertSame(2, $cache->getBacklogPingCount(self::MAIL));
        $this->assertFalse($cache->hasStaleBacklog(self::CONTACTS, 0), 'per collection');
        $cache->save();

        $entry = $this->stored()['collections'][self::MAIL];
        $this->assertGreaterThanOrEqual($before, $entry['backlog']);
        $this->assertLessThanOrEqual(time(), $entry['backlog']);
        $this->assertSame(2, $entry['backlogpings']);
        $this->assertArrayNotHasKey('backlog', $this->stored()['collections'][self::CONTACTS]);

        // Another MoreAvailable dates the backlog again, counting from 0.
        $cache = $this->cache();
        $this->assertSame(2, $cache->getBacklogPingCount(self::MAIL));
        $cache->setBacklogFlag(self::MAIL);
        $this->assertSame(0, $cache->getBacklogPingCount(self::MAIL));

        // A window that carried the rest: no backlog.
        $cache->incrementBacklogPingCount(self::MAIL);
        $cache->resetBacklogFlag(self::MAIL);
        $this->assertFalse($cache->hasStaleBacklog(self::MAIL, 0));
        $this->assertSame(0, $cache->getBacklogPingCount(self::MAIL));
        $cache->save();
        $entry = $this->stored()['collections'][self::MAIL];
        $this->assertArrayNotHasKey('backlog', $entry);
        $this->assertArrayNotHasKey('backlogpings', $entry);
        $this->assertSame('{aa}4', $entry['lastsynckey'], 'the rest of the entry stays');
    }

    public function testBacklogAgeAgainstTheGracePeriod(): void
    {
        $this->withCollections();
        $stored = $this->stored();
        $stored['collections'][self::MAIL]['backlog'] = time() - 100;
        $this->store($stored);
        $cache = $this->cache();
        $this->assertTrue($cache->hasStaleBacklog(self::MAIL, 60));
        $this->assertTrue($cache->hasStaleBacklog(self::MAIL, 99));
        $this->assertFalse($cache->hasStaleBacklog(self::MAIL, 200));
    }

    public function testBacklogOfAnUnknownCollectionIsIgnored(): void
    {
        $this->withCollections();
        $cache = $this->cache();
        $cache->setBacklogFlag('Fmissing');
        $cache->incrementBacklogPingCount('Fmissing');
        $cache->resetBacklogFlag('Fmissing');
        $this->assertFalse($cache->hasStaleBacklog('Fmissing', 0));
        $this->assertSame(0, $cache->getBacklogPingCount('Fmissing'));
        $this->assertFalse($cache->collectionExists('Fmissing'));
        $cache->save();
        $this->assertArrayNotHasKey('Fmissing', $this->stored()['collections']);
    }

    /* ---- the poll's backlog recovery --------------------------------------- */

    /**
     * Collections polling the two cached collections for real, with the
     * backend's answers stubbed: $changes collection id => change count.
     */
    private function poller(Horde_ActiveSync_SyncCache $cache, array $changes): Horde_ActiveSync_Collections
    {
        $collections = $this->getMockBuilder(Horde_ActiveSync_Collections::class)
            ->setConstructorArgs([$cache, $this->server()])
            ->onlyMethods(['initCollectionState', 'getCollectionChangeCount', 'checkStaleRequest', '_sleep',
                '_prefetch', 'collectionsNeedFolderResync'])
            ->getMock();
        $current = null;
        $collections->method('initCollectionState')->willReturnCallback(
            function (array &$collection) use (&$current) {
                $current = $collection['id'];
            });
        $collections->method('getCollectionChangeCount')->willReturnCallback(
            function () use (&$current, $changes) {
                return $changes[$current] ?? 0;
            });
        $collections->method('checkStaleRequest')->willReturn(false);
        $collections->method('collectionsNeedFolderResync')->willReturn(false);
        foreach ($cache->getCollections() as $id => $collection) {
            $collection['synckey'] = $collection['lastsynckey'];
            $ref = new \ReflectionProperty(Horde_ActiveSync_Collections::class, '_collections');
            $ref->setAccessible(true);
            $loaded = $ref->getValue($collections);
            $loaded[$id] = $collection;
            $ref->setValue($collections, $loaded);
        }
        return $collections;
    }

    private function withBacklog(int $age, int $pings): Horde_ActiveSync_SyncCache
    {
        $this->withCollections();
        $stored = $this->stored();
        $stored['collections'][self::MAIL]['backlog'] = time() - $age;
        $stored['collections'][self::MAIL]['backlogpings'] = $pings;
        $stored['folders'] = [self::MAIL => ['class' => AS_::CLASS_EMAIL, 'serverid' => 'INBOX'],
            self::CONTACTS => ['class' => AS_::CLASS_CONTACTS, 'serverid' => '@Contacts@']];
        $this->store($stored);
        return $this->cache();
    }

    public function testAPingReportsABacklogPastTheGracePeriod(): void
    {
        $cache = $this->withBacklog(Horde_ActiveSync_Collections::BACKLOG_GRACE_PERIOD + 1, 0);
        $collections = $this->poller($cache, []);
        $this->assertTrue($collections->pollForChanges(1, 1, ['pingable' => true]));
        $this->assertTrue($collections->getChangesFlag(self::MAIL));
        $this->assertFalse($collections->getChangesFlag(self::CONTACTS));
        $this->assertTrue($cache->hasPingChangeFlag(self::MAIL));
        $this->assertSame(1, $cache->getBacklogPingCount(self::MAIL));
        $collections->save();
        $this->assertSame(1, $this->stored()['collections'][self::MAIL]['backlogpings']);
    }

    public function testAHangingSyncReportsItWithoutThePingFlag(): void
    {
        $cache = $this->withBacklog(Horde_ActiveSync_Collections::BACKLOG_GRACE_PERIOD, 2);
        $collections = $this->poller($cache, []);
        $this->assertTrue($collections->pollForChanges(1, 1));
        $this->assertTrue($collections->getChangesFlag(self::MAIL));
        $this->assertFalse($cache->hasPingChangeFlag(self::MAIL));
        $this->assertSame(3, $cache->getBacklogPingCount(self::MAIL));
    }

    public function testAYoungBacklogIsLeftToTheClient(): void
    {
        $cache = $this->withBacklog(Horde_ActiveSync_Collections::BACKLOG_GRACE_PERIOD - 10, 0);
        $collections = $this->poller($cache, []);
        $this->assertFalse($collections->pollForChanges(1, 1, ['pingable' => true]));
        $this->assertFalse($collections->getChangesFlag(self::MAIL));
        $this->assertSame(0, $cache->getBacklogPingCount(self::MAIL));
    }

    public function testReportsStopAtTheTriggerMaximum(): void
    {
        $cache = $this->withBacklog(600, Horde_ActiveSync_Collections::BACKLOG_TRIGGER_MAX);
        $collections = $this->poller($cache, []);
        $this->assertFalse($collections->pollForChanges(1, 1, ['pingable' => true]));
        $this->assertFalse($collections->getChangesFlag(self::MAIL));
        $this->assertSame(Horde_ActiveSync_Collections::BACKLOG_TRIGGER_MAX, $cache->getBacklogPingCount(self::MAIL));
        $this->assertTrue($cache->hasStaleBacklog(self::MAIL, 0), 'the capped backlog stays for the monitor');
    }

    public function testRealChangesAreNoBacklogReport(): void
    {
        $cache = $this->withBacklog(600, 0);
        $collections = $this->poller($cache, [self::MAIL => 4]);
        $this->assertTrue($collections->pollForChanges(1, 1, ['pingable' => true]));
        $this->assertTrue($collections->getChangesFlag(self::MAIL));
        $this->assertSame(0, $cache->getBacklogPingCount(self::MAIL));
    }

    private function server(): AS_
    {
        $logger = new Horde_ActiveSync_Log_Logger(new Horde_Log_Handler_Null());
        $values = [
            'logger' => $logger,
            'state' => $this->state,
            'device' => (object)['id' => self::DEVICE, 'user' => self::USER, 'version' => AS_::VERSION_FOURTEENONE],
            'provisioning' => AS_::PROVISIONING_NONE,
            'driver' => null,
        ];
        $server = $this->getMockBuilder(AS_::class)->disableOriginalConstructor()->onlyMethods(['__get'])->getMock();
        $server->method('__get')->willReturnCallback(function ($name) use ($values) {
            return $values[$name] ?? null;
        });
        return $server;
    }
}
