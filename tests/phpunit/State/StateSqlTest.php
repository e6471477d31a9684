<?php
/**
 * Horde_ActiveSync_State_Sql on SQLite, PostgreSQL and MariaDB: devices,
 * FolderSync state by sync key, key rules, damaged rows, both storage
 * formats, the sync cache, and collection locks.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\State;

use Horde\ActiveSync\Native\StateCodec;
use Horde\ActiveSync\Test\Support\Databases;
use Horde_ActiveSync as AS_;
use Horde_ActiveSync_Device;
use Horde_ActiveSync_Exception;
use Horde_ActiveSync_Exception_StateGone;
use Horde_ActiveSync_Exception_TemporaryFailure;
use Horde_ActiveSync_State_Sql;
use Horde_ActiveSync_SyncCache;
use PHPUnit\Framework\TestCase;

class StateSqlTest extends TestCase
{
    private $db;

    private function state(string $backend, array $params = []): Horde_ActiveSync_State_Sql
    {
        if (!$this->db) {
            $this->db = Databases::connect($this, $backend);
            Databases::freshSchema($this->db);
        }
        return new Horde_ActiveSync_State_Sql(['db' => $this->db] + $params);
    }

    private function device(Horde_ActiveSync_State_Sql $state, string $id = 'dev1', string $user = 'alice',
                            int $policykey = 0): Horde_ActiveSync_Device
    {
        $device = new Horde_ActiveSync_Device($state);
        $device->rwstatus = AS_::RWSTATUS_NA;
        $device->deviceType = 'iPhone';
        $device->userAgent = 'Apple-iPhone9C1/1402.100';
        $device->id = $id;
        $device->user = $user;
        $device->policykey = $policykey;
        $device->supported = [];
        $device->save();
        return $state->loadDeviceInfo($id, $user);
    }

    private static function folders(int $n): array
    {
        $list = [];
        for ($i = 1; $i <= $n; $i++) {
            $list[] = ['id' => "F$i", 'mod' => "Folder $i", 'parent' => '0', 'serverid' => "INBOX.f$i"];
        }
        return $list;
    }

    /** Runs one FolderSync-shaped state step: load $key, set the folder list, save under the next key. */
    private function folderSync(Horde_ActiveSync_State_Sql $state, $key, array $folders): string
    {
        $state->loadState([], $key, AS_::REQUEST_TYPE_FOLDERSYNC);
        foreach ($folders as $folder) {
            $state->updateState(AS_::CHANGE_TYPE_CHANGE, $folder, AS_::CHANGE_ORIGIN_PIM);
        }
        $next = $state->getNewSyncKeyWrapper($key);
        $state->setNewSyncKey($next);
        $state->save();
        return $next;
    }

    private function rawRow(string $key): array
    {
        $row = $this->db->selectOne('SELECT * FROM horde_activesync_state WHERE sync_key = ?', [$key]);
        $columns = $this->db->columns('horde_activesync_state');
        $row['sync_data'] = $columns['sync_data']->binaryToString($row['sync_data']);
        return $row;
    }

    /** @dataProvider backends */
    public function testMigrationsReachTheLatestSchema(string $backend): void
    {
        $this->state($backend);
        $this->assertSame(25, (int)Databases::migrator($this->db)->getCurrentVersion());
        foreach (['state', 'map', 'mailmap', 'device', 'device_users', 'cache', 'collection_lock'] as $table) {
            $this->assertContains('horde_activesync_' . $table, $this->db->tables());
        }
        $this->assertArrayHasKey('device_accountonly_rwstatus', $this->db->columns('horde_activesync_device_users'));
    }

    /** @dataProvider backends */
    public function testDevicesPolicyKeysAndWipeStatus(string $backend): void
    {
        $state = $this->state($backend);
        $this->device($state, 'dev1', 'alice', 100);
        $this->device($state, 'dev1', 'bob', 200);
        $this->assertEquals(1, $state->deviceExists('dev1'));
        $this->assertEquals(1, $state->deviceExists('dev1', 'bob'));
        $this->assertEquals(0, $state->deviceExists('dev1', 'carol'));

        $alice = $state->loadDeviceInfo('dev1', 'alice');
        $this->assertEquals(100, $alice->policykey);
        $this->assertSame('iPhone', $alice->deviceType);
        $state->setPolicyKey('dev1', 555);
        $this->assertEquals(555, $state->loadDeviceInfo('dev1', 'alice', ['force' => true])->policykey);

        $state->setAccountOnlyRWStatus('dev1', 'alice', AS_::RWSTATUS_ACCOUNTONLY_PENDING);
        $this->assertEquals(AS_::RWSTATUS_ACCOUNTONLY_PENDING, $state->getAccountOnlyRWStatus('dev1', true));
        $this->assertEquals(0, $state->getPolicyKey('dev1'));
        $bob = $state->loadDeviceInfo('dev1', 'bob');
        $this->assertEquals(AS_::RWSTATUS_NA, $bob->accountOnlyRwstatus);
        $this->assertEquals(200, $bob->policykey);

        $state->setDeviceRWStatus('dev1', AS_::RWSTATUS_PENDING);
        $this->assertEquals(AS_::RWSTATUS_PENDING, $state->getDeviceRWStatus('dev1', true));
        $this->assertEquals(0, $state->loadDeviceInfo('dev1', 'bob', ['force' => true])->policykey);
        try {
            $state->setDeviceRWStatus('dev1', AS_::RWSTATUS_ACCOUNTONLY_WIPED);
            $this->fail('account-only status accepted device-wide');
        } catch (Horde_ActiveSync_Exception $e) {
            $this->assertStringContainsString('setAccountOnlyRWStatus()', $e->getMessage());
        }
        $this->assertCount(2, $state->listDevices());
        $this->assertCount(1, $state->listDevices('bob'));
        $this->assertCount(2, $state->listDevices(null, ['device_id' => 'dev']));

        $state->removeState(['devId' => 'dev1', 'user' => 'bob']);
        $this->assertEquals(0, $state->deviceExists('dev1'), 'a device pending wipe loses all its state');
    }

    /**
     * A request loads its device with deviceExists() + loadDeviceInfo()
     * and saves it: what nothing changed in is not written back, what
     * changed is, and nested properties read as set.
     *
     * @dataProvider backends
     */
    public function testDeviceIsWrittenOnlyWhenChanged(string $backend): void
    {
        $first = $this->state($backend);
        $device = $this->device($first);
        $device->version = '16.1';
        $device->save();

        $agent = function () {
            return $this->db->selectValue("SELECT device_agent FROM horde_activesync_device WHERE device_id = 'dev1'");
        };
        // The next request; the row is marked behind its back to see writes.
        $state = $this->state($backend);
        $this->assertEquals(1, $state->deviceExists('dev1', 'alice'));
        $this->db->update("UPDATE horde_activesync_device SET device_agent = 'marker' WHERE device_id = 'dev1'");
        $device = $state->loadDeviceInfo('dev1', 'alice');
        $this->assertSame('Apple-iPhone9C1/1402.100', $device->userAgent, 'read by deviceExists()');
        $this->assertTrue(isset($device->version), 'a nested property is set');
        $this->assertFalse(empty($device->version));
        $this->assertFalse(isset($device->multiplex));
        $device->version = '16.1';
        $device->rwstatus = $device->rwstatus;
        $device->save();
        $this->assertSame('marker', $agent(), 'an unchanged device was written back');

        $device->userAgent = 'Apple-iPhone9C1/1500.1';
        $device->save();
        $this->assertSame('Apple-iPhone9C1/1500.1', $agent());
        $device->version = '14.1';
        $device->save();
        $properties = unserialize($this->db->selectValue(
            "SELECT device_properties FROM horde_activesync_device WHERE device_id = 'dev1'"));
        $this->assertSame('14.1', $properties['version']);

        // Another account on the same device gets its user row.
        $bob = $state->loadDeviceInfo('dev1');
        $bob->user = 'bob';
        $bob->policykey = 7;
        $bob->save();
        $this->assertEquals(1, $state->deviceExists('dev1', 'bob'));
        $this->assertEquals(7, $state->loadDeviceInfo('dev1', 'bob', ['force' => true])->policykey);
    }

    /** @dataProvider backends */
    public function testFolderSyncStateFollowsItsKeys(string $backend): void
    {
        $state = $this->state($backend);
        $this->device($state);
        $k1 = $this->folderSync($state, 0, self::folders(3));
        $this->assertMatchesRegularExpression('/^\{[0-9a-f-]{36}\}1$/', $k1);
        $this->assertTrue(StateCodec::isNative($this->rawRow($k1)['sync_data']), 'stored in the native format');

        $k2 = $this->folderSync($state, $k1, [['id' => 'F9', 'mod' => 'New', 'parent' => '0', 'serverid' => 'x']]);
        $this->assertSame(substr($k1, 0, -1) . '2', $k2);
        $state->loadState([], $k2, AS_::REQUEST_TYPE_FOLDERSYNC);
        $this->assertEqualsCanonicalizing(['F1', 'F2', 'F3', 'F9'], $state->getKnownFolders());
        $state->releaseLocks();

        // The client lost the response to $k2's request and repeats $k1: still there, same window.
        $state->loadState([], $k1, AS_::REQUEST_TYPE_FOLDERSYNC);
        $this->assertEqualsCanonicalizing(['F1', 'F2', 'F3'], $state->getKnownFolders());
        $state->releaseLocks();

        $k3 = $this->folderSync($state, $k2, []);
        $this->folderSync($state, $k3, []);
        try {
            $state->loadState([], $k1, AS_::REQUEST_TYPE_FOLDERSYNC);
            $this->fail('a key two steps old is still accepted');
        } catch (Horde_ActiveSync_Exception_StateGone $e) {
            $this->addToAssertionCount(1);
        }
    }

    /**
     * The rows a load finds obsolete go in the transaction of the save that
     * follows, not before; a load that fails or is not saved removes none.
     *
     * @dataProvider backends
     */
    public function testObsoleteStatesGoWithTheNextSave(string $backend): void
    {
        $state = $this->state($backend);
        $this->device($state);
        $k1 = $this->folderSync($state, 0, self::folders(2));
        $k2 = $this->folderSync($state, $k1, []);
        $k3 = $this->folderSync($state, $k2, []);
        $rows = function () {
            return array_map('strval', $this->db->selectValues(
                "SELECT sync_key FROM horde_activesync_state WHERE sync_folderid = 'foldersync' ORDER BY sync_key"));
        };
        $this->assertSame([$k1, $k2, $k3], $rows());

        // Loading $k3 finds $k1 obsolete; without a save it stays.
        $state->loadState([], $k3, AS_::REQUEST_TYPE_FOLDERSYNC);
        $state->releaseLocks();
        $this->assertSame([$k1, $k2, $k3], $rows());

        // A key of the same uid far ahead is refused and removes nothing.
        try {
            $state->loadState([], substr($k3, 0, -1) . '9', AS_::REQUEST_TYPE_FOLDERSYNC);
            $this->fail('an unknown key was loaded');
        } catch (Horde_ActiveSync_Exception_StateGone $e) {
            $this->addToAssertionCount(1);
        }
        $this->assertSame([$k1, $k2, $k3], $rows());

        // The next save takes $k1 with it.
        $k4 = $this->folderSync($state, $k3, [['id' => 'F3', 'mod' => 'Folder 3', 'parent' => '0', 'serverid' => 'x']]);
        $this->assertSame([$k2, $k3, $k4], $rows());
        $state->loadState([], $k4, AS_::REQUEST_TYPE_FOLDERSYNC);
        $this->assertEqualsCanonicalizing(['F1', 'F2', 'F3'], $state->getKnownFolders());
        $state->releaseLocks();
    }

    public static function badKeys(): array
    {
        $cases = [];
        foreach (['sqlite', 'pgsql', 'mysql'] as $backend) {
            foreach (['{abc}', 'garbage', '{a b}1', '{abc}99999999999', str_repeat('9', 100), '{5f3a8d0e}7'] as $key) {
                $cases["$backend " . substr($key, 0, 20)] = [$backend, $key];
            }
        }
        return $cases;
    }

    /** @dataProvider badKeys */
    public function testMalformedAndUnknownKeysAreStateGone(string $backend, string $key): void
    {
        $state = $this->state($backend);
        $this->device($state);
        $this->expectException(Horde_ActiveSync_Exception_StateGone::class);
        $state->loadState([], $key, AS_::REQUEST_TYPE_FOLDERSYNC);
    }

    /** @dataProvider backends */
    public function testKeysOfAnotherDeviceAreRefused(string $backend): void
    {
        $state = $this->state($backend);
        $this->device($state, 'dev1');
        $key = $this->folderSync($state, 0, self::folders(1));
        $other = $this->state($backend);
        $this->device($other, 'dev2');
        $this->expectException(Horde_ActiveSync_Exception_StateGone::class);
        $other->loadState([], $key, AS_::REQUEST_TYPE_FOLDERSYNC);
    }

    /** @dataProvider backends */
    public function testDamagedRowsSendTheClientToAFreshSync(string $backend): void
    {
        $state = $this->state($backend);
        $this->device($state);
        $columns = $this->db->columns('horde_activesync_state');
        foreach (['truncated' => fn($d) => substr($d, 0, (int)(strlen($d) / 2)),
                  'tampered' => fn($d) => substr_replace($d, "\x00", 20, 1),
                  'garbage' => fn($d) => 'a:2:{i:0;s:5:"xx',
                  'foreign class' => fn($d) => serialize([new \ArrayObject([1])])] as $how => $damage) {
            $key = $this->folderSync($state, 0, self::folders(2));
            $row = $this->rawRow($key);
            $this->db->update('UPDATE horde_activesync_state SET sync_data = ? WHERE sync_key = ?',
                [new \Horde_Db_Value_Binary($damage($row['sync_data'])), $key]);
            try {
                $state->loadState([], $key, AS_::REQUEST_TYPE_FOLDERSYNC);
                $this->fail("$how state accepted");
            } catch (Horde_ActiveSync_Exception_StateGone $e) {
                $this->assertStringContainsString('Corrupt state', $e->getMessage(), $how);
            }
            $state->releaseLocks();
            $this->assertFalse($this->db->selectValue('SELECT sync_key FROM horde_activesync_state WHERE sync_key = ?',
                [$key]) ?: false, "$how row removed");
        }
        $this->assertNotNull($columns['sync_data']);
    }

    /** @dataProvider backends */
    public function testBothFormatsReadBothWays(string $backend): void
    {
        $native = $this->state($backend);
        $this->device($native);
        $k1 = $this->folderSync($native, 0, self::folders(2));

        // Moving back to the PHP engine: rows written from now on are serialize().
        $php = $this->state($backend, ['serializer' => 'php']);
        $this->device($php);
        $k2 = $this->folderSync($php, $k1, self::folders(3));
        $this->assertSame(self::folders(3), unserialize($this->rawRow($k2)['sync_data']));

        // ...and forward again: the native engine reads Horde's rows.
        $native->loadState([], $k2, AS_::REQUEST_TYPE_FOLDERSYNC);
        $this->assertEqualsCanonicalizing(['F1', 'F2', 'F3'], $native->getKnownFolders());
        $native->releaseLocks();

        $cache = new Horde_ActiveSync_SyncCache($php, 'dev1', 'alice');
        $cache->hbinterval = 300;
        $cache->save();
        $raw = $this->db->selectValue('SELECT cache_data FROM horde_activesync_cache');
        $this->assertSame(300, unserialize($raw)['hbinterval']);
        $this->assertSame(300, $native->getSyncCache('dev1', 'alice')['hbinterval']);
    }

    /**
     * Horde_Db's SQLite column object turns "%00" and "%25" in a value back
     * into NUL and "%" (what its quoting once escaped), while insertBlob()
     * stores the bytes as given: state holding those bytes must still read
     * back as written, in both formats.
     *
     * @dataProvider backends
     */
    public function testStateWithPercentEscapesReadsBackAsWritten(string $backend): void
    {
        $folders = [['id' => 'F1', 'mod' => 'Budget 100%00 %25 done', 'parent' => '0', 'serverid' => "INBOX.%00\0%25"]];
        foreach (['native', 'php'] as $serializer) {
            $this->db = null;
            $state = $this->state($backend, ['serializer' => $serializer]);
            $this->device($state);
            $key = $this->folderSync($state, 0, $folders);
            $raw = $this->db->selectValue('SELECT sync_data FROM horde_activesync_state WHERE sync_key = ?', [$key]);
            $this->assertStringContainsString('%00', is_resource($raw) ? stream_get_contents($raw) : $raw,
                "$serializer: stored as given");
            $reader = $this->state($backend);
            $this->device($reader);
            $reader->loadState([], $key, AS_::REQUEST_TYPE_FOLDERSYNC);
            $this->assertSame(['F1'], $reader->getKnownFolders(), $serializer);
            $this->assertSame($folders, (new \ReflectionProperty($reader, '_folder'))->getValue($reader), $serializer);
            $reader->releaseLocks();
        }
    }

    /** @dataProvider backends */
    public function testSyncCacheWritesOnlyWhatChanged(string $backend): void
    {
        $state = $this->state($backend);
        $this->device($state);
        $a = new Horde_ActiveSync_SyncCache($state, 'dev1', 'alice');
        $b = new Horde_ActiveSync_SyncCache($state, 'dev1', 'alice');
        $a->addCollection(['id' => 'C1', 'class' => 'Email', 'serverid' => 'INBOX']);
        $a->save();
        $b->addCollection(['id' => 'C2', 'class' => 'Contacts']);
        $b->hbinterval = 480;
        $b->save();
        $stored = $state->getSyncCache('dev1', 'alice');
        $this->assertSame(['C1', 'C2'], array_keys($stored['collections']), 'parallel saves merge, not overwrite');
        $this->assertSame(480, $stored['hbinterval']);
        $this->assertStringStartsWith('EAS1:', $this->db->selectValue('SELECT cache_data FROM horde_activesync_cache'));

        $sentinel = serialize(['wait' => 77]);
        $this->db->update('UPDATE horde_activesync_cache SET cache_data = ?', [$sentinel]);
        $idle = new Horde_ActiveSync_SyncCache($state, 'dev1', 'alice');
        $this->assertSame(77, $idle->wait);
        $idle->save();
        $this->assertSame($sentinel, $this->db->selectValue('SELECT cache_data FROM horde_activesync_cache'),
            'nothing changed, nothing written');
    }

    /**
     * What a request saves at its end, in one transaction with reading the
     * stored cache: the folder list another request saved meanwhile (a
     * FolderSync) wins over this one's; with saveKeepingFolders(true)
     * nothing is saved once a newer heartbeat sync has started.
     *
     * @dataProvider backends
     */
    public function testSavingAtTheEndKeepsNewerFoldersAndYieldsToANewerHeartbeat(string $backend): void
    {
        $state = $this->state($backend);
        $this->device($state);
        $state->saveSyncCache(['timestamp' => time() - 5, 'lasthbsyncstarted' => time() - 5,
            'folders' => ['F1' => ['class' => 'Email', 'serverid' => 'INBOX', 'type' => 2]]]
            + Horde_ActiveSync_State_Sql::emptySyncCache(), 'dev1', 'alice');
        $sync = new Horde_ActiveSync_SyncCache($state, 'dev1', 'alice');
        $folderSync = new Horde_ActiveSync_SyncCache($state, 'dev1', 'alice');
        $newer = ['F1' => ['class' => 'Email', 'serverid' => 'INBOX', 'type' => 2],
                  'F2' => ['class' => 'Contacts', 'serverid' => '@Contacts@', 'type' => 9]];
        $folderSync->folders = $newer;
        $folderSync->save();

        $sync->folders = ['F1' => ['class' => 'Email', 'serverid' => 'INBOX', 'type' => 2]];
        $sync->addCollection(['id' => 'F1', 'class' => 'Email', 'serverid' => 'INBOX']);
        $sync->updateCollection(['id' => 'F1', 'synckey' => '{ab}3']);
        $this->assertTrue($sync->saveKeepingFolders(true));
        $stored = $state->getSyncCache('dev1', 'alice');
        $this->assertSame($newer, $stored['folders'], 'the FolderSync saved after this request read the cache');
        $this->assertSame('{ab}3', $stored['collections']['F1']['lastsynckey']);
        $this->assertSame($newer, $sync->folders, 'and this request goes on with them');

        // A newer heartbeat sync: an older request's end is not saved...
        $hanging = new Horde_ActiveSync_SyncCache($state, 'dev1', 'alice');
        $ping = new Horde_ActiveSync_SyncCache($state, 'dev1', 'alice');
        $ping->lasthbsyncstarted = time() + 1;
        $ping->save();
        $hanging->wait = 7;
        $this->assertFalse($hanging->saveKeepingFolders(true));
        $this->assertFalse($state->getSyncCache('dev1', 'alice')['wait']);
        // ...also when it has nothing to write...
        $idle = new Horde_ActiveSync_SyncCache($state, 'dev1', 'alice');
        $ping->lasthbsyncstarted = time() + 2;
        $ping->save();
        $this->assertFalse($idle->saveKeepingFolders(true));
        // ...but saved where staleness does not matter.
        $this->assertTrue($hanging->saveKeepingFolders());
        $this->assertSame(7, $state->getSyncCache('dev1', 'alice')['wait']);
    }

    /**
     * A stored cache that cannot be read is dropped and written anew, not
     * lost to an update of the dropped row.
     *
     * @dataProvider backends
     */
    public function testAnUnreadableStoredCacheIsReplacedOnSave(string $backend): void
    {
        $state = $this->state($backend);
        $this->device($state);
        $cache = new Horde_ActiveSync_SyncCache($state, 'dev1', 'alice');
        $cache->hbinterval = 300;
        $cache->save();
        $this->db->update('UPDATE horde_activesync_cache SET cache_data = ?', ['EAS1:not a cache']);
        $cache->wait = 9;
        $cache->save();
        $stored = $state->getSyncCache('dev1', 'alice');
        $this->assertSame(9, $stored['wait']);
        $this->assertEquals(1, $this->db->selectValue('SELECT COUNT(*) FROM horde_activesync_cache'));
    }

    /** @dataProvider backends */
    public function testFolderUidMapSurvivesFolderSyncReset(string $backend): void
    {
        if (!class_exists('Horde_ActiveSync_Message_Folder')) {
            $this->markTestSkipped('needs the message classes');
        }
        $state = $this->state($backend);
        $this->device($state);
        $cache = new Horde_ActiveSync_SyncCache($state, 'dev1', 'alice');
        foreach (['F1' => 'INBOX', 'F2' => 'Sent'] as $uid => $backendId) {
            $cache->updateFolder(self::messageFolder($uid, $backendId));
        }
        $cache->save();
        $this->folderSync($state, 0, self::folders(1));   // FolderSync with key 0 clears folders
        $after = $state->getSyncCache('dev1', 'alice');
        $this->assertSame([], $after['folders']);
        $this->assertSame(['F1' => 'INBOX', 'F2' => 'Sent'], $after['foldermap']);
        $this->assertSame('F2', $state->getFolderUidForBackendId('Sent'));
        $this->assertFalse($state->getFolderUidForBackendId('Nope'));
    }

    private static function messageFolder(string $uid, string $backendId)
    {
        // Only the properties SyncCache::updateFolder() reads.
        return new class($uid, $backendId) extends \Horde_ActiveSync_Message_Folder {
            public function __construct($uid, $backendId)
            {
                $this->serverid = $uid;
                $this->_serverid = $backendId;
                $this->type = AS_::FOLDER_TYPE_INBOX;
            }
        };
    }

    /** @dataProvider backends */
    public function testCollectionLockKeepsParallelRequestsApart(string $backend): void
    {
        $first = $this->state($backend, ['lock_wait' => 0.3]);
        $this->device($first);
        $key = $this->folderSync($first, 0, self::folders(1));
        $first->loadState([], $key, AS_::REQUEST_TYPE_FOLDERSYNC);

        $second = $this->state($backend, ['lock_wait' => 0.3]);
        $this->device($second);
        try {
            $second->loadState([], $key, AS_::REQUEST_TYPE_FOLDERSYNC);
            $this->fail('two requests hold one collection');
        } catch (Horde_ActiveSync_Exception_TemporaryFailure $e) {
            $this->addToAssertionCount(1);
        }
        // A Ping looks without a lock.
        $second->loadState([], $key, AS_::REQUEST_TYPE_FOLDERSYNC, null, ['readonly' => true]);
        $this->assertSame(['F1'], $second->getKnownFolders());

        $first->setNewSyncKey($first->getNewSyncKeyWrapper($key));
        $first->save();
        $second->loadState([], $key, AS_::REQUEST_TYPE_FOLDERSYNC);
        $second->releaseLocks();

        // A lock left by a process that died is taken over once stale.
        $this->db->insert('INSERT INTO horde_activesync_collection_lock (sync_user, sync_devid, sync_folderid,'
            . ' lock_token, lock_time) VALUES (?, ?, ?, ?, ?)', ['alice', 'dev1', 'foldersync', 42, time() - 1000]);
        $third = $this->state($backend, ['lock_wait' => 0.3, 'lock_ttl' => 60]);
        $this->device($third);
        $third->loadState([], $key, AS_::REQUEST_TYPE_FOLDERSYNC);
        $this->assertNotEquals(42, $this->db->selectValue('SELECT lock_token FROM horde_activesync_collection_lock'));
        $third->releaseLocks();
        $this->assertEquals(0, $this->db->selectValue('SELECT COUNT(*) FROM horde_activesync_collection_lock'));
    }

    /**
     * With lock_dir, a collection lock is a flock()ed file: it keeps two
     * requests apart like a row, writes nothing to the database, is let go
     * by save() once the new state is committed, and one held by any other
     * holder of the file (a process that has not ended) is waited for.
     */
    public function testLockFilesKeepParallelRequestsApart(): void
    {
        $dir = sys_get_temp_dir() . '/eas-locks-' . getmypid() . '/nested';
        try {
            $params = ['lock_wait' => 0.3, 'lock_dir' => $dir];
            $first = $this->state('sqlite', $params);
            $this->device($first);
            $key = $this->folderSync($first, 0, self::folders(1));
            $first->loadState([], $key, AS_::REQUEST_TYPE_FOLDERSYNC);
            $this->assertCount(1, glob("$dir/*.lock"), 'the directory is made on the first lock');
            $this->assertEquals(0, $this->db->selectValue('SELECT COUNT(*) FROM horde_activesync_collection_lock'));

            $second = $this->state('sqlite', $params);
            $this->device($second);
            $this->assertLockRefused($second, $key, 'two requests hold one collection');
            $first->setNewSyncKey($next = $first->getNewSyncKeyWrapper($key));
            $first->save();
            $second->loadState([], $next, AS_::REQUEST_TYPE_FOLDERSYNC);
            $second->releaseLocks();

            $other = fopen(glob("$dir/*.lock")[0], 'c');
            $this->assertTrue(flock($other, LOCK_EX | LOCK_NB), 'released: free for anyone');
            $third = $this->state('sqlite', $params);
            $this->device($third);
            $this->assertLockRefused($third, $next, 'a lock held elsewhere was ignored');
            fclose($other);
            $third->loadState([], $next, AS_::REQUEST_TYPE_FOLDERSYNC);
            unset($third);
            gc_collect_cycles();
            $other = fopen(glob("$dir/*.lock")[0], 'c');
            $this->assertTrue(flock($other, LOCK_EX | LOCK_NB), 'a request that ends lets its locks go');
            fclose($other);
        } finally {
            array_map('unlink', glob("$dir/*.lock") ?: []);
            @rmdir($dir);
            @rmdir(dirname($dir));
        }
    }

    private function assertLockRefused(Horde_ActiveSync_State_Sql $state, string $key, string $message): void
    {
        try {
            $state->loadState([], $key, AS_::REQUEST_TYPE_FOLDERSYNC);
            $this->fail($message);
        } catch (Horde_ActiveSync_Exception_TemporaryFailure $e) {
            $this->addToAssertionCount(1);
        }
    }

    public function testSyncKeyHelpersKeepHordesContract(): void
    {
        $this->assertMatchesRegularExpression('/^\{[0-9a-f-]{36}\}1$/', Horde_ActiveSync_State_Sql::getNewSyncKey(''));
        $this->assertSame('{ab12}8', Horde_ActiveSync_State_Sql::getNewSyncKey('{ab12}7'));
        $this->assertSame('7', Horde_ActiveSync_State_Sql::getSyncKeyCounter('{ab12}7'));
        $this->assertSame('{ab12}', Horde_ActiveSync_State_Sql::getSyncKeyUid('{ab12}7'));
        $this->assertFalse(Horde_ActiveSync_State_Sql::getSyncKeyCounter('{xyz}7'));
        $this->assertNull(Horde_ActiveSync_State_Sql::getSyncKeyUid('nonsense'));
        $this->expectException(Horde_ActiveSync_Exception::class);
        $this->expectExceptionMessage('Invalid SyncKey format passed to getNewSyncKey()');
        Horde_ActiveSync_State_Sql::getNewSyncKey('{xyz}7');
    }

    public static function backends(): array
    {
        return Databases::backends();
    }
}
