<?php
/**
 * DeviceHealthFactory: facts from a real Horde_ActiveSync_Device and
 * Horde_ActiveSync_SyncCache over a SQLite state database, and from raw
 * rows (Horde's PHP-serialized device properties, loose false/''/null
 * values, caches stored under the engine's old 'fsrcount' name); and the
 * CollectionFactList it builds.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Ops;

use BadMethodCallException;
use Horde\ActiveSync\Ops\CollectionFactList;
use Horde\ActiveSync\Ops\CollectionFacts;
use Horde\ActiveSync\Ops\DeviceFacts;
use Horde\ActiveSync\Ops\DeviceHealthFactory;
use Horde\ActiveSync\Ops\HealthEvaluator;
use Horde\ActiveSync\Ops\HealthOptions;
use Horde\ActiveSync\Ops\HealthStatus;
use Horde\ActiveSync\Ops\SignalCode;
use Horde\ActiveSync\Test\Support\Databases;
use Horde_ActiveSync as AS_;
use Horde_ActiveSync_Device;
use Horde_ActiveSync_State_Sql;
use Horde_ActiveSync_SyncCache;
use InvalidArgumentException;
use OutOfBoundsException;
use PHPUnit\Framework\TestCase;

class DeviceHealthFactoryTest extends TestCase
{
    const NOW = 1750000000;

    private static function factory(array $options = []): DeviceHealthFactory
    {
        return new DeviceHealthFactory(new HealthEvaluator(new HealthOptions(...(['now' => self::NOW] + $options))));
    }

    private static function row(array $over = []): array
    {
        return $over + [
            'device_id' => 'PHONE1', 'device_type' => 'iPhone', 'device_user' => 'bob@example.com',
            'device_rwstatus' => '0', 'device_accountonly_rwstatus' => '0', 'device_properties' => '',
        ];
    }

    /* ---- from the library's objects ------------------------------------------ */

    public function testFromADeviceAndItsSyncCache(): void
    {
        $db = Databases::connect($this, 'sqlite');
        Databases::freshSchema($db);
        $state = new Horde_ActiveSync_State_Sql(['db' => $db]);
        $device = new Horde_ActiveSync_Device($state);
        foreach (['rwstatus' => AS_::RWSTATUS_PENDING, 'deviceType' => 'Android', 'userAgent' => 'Android/14',
                  'id' => 'ANDROID7', 'user' => 'carol', 'policykey' => 0, 'supported' => []] as $k => $v) {
            $device->$k = $v;
        }
        $device->save();
        $state->setDeviceProperties(['version' => '14.1', 'blocked' => true], 'ANDROID7');
        $state->setAccountOnlyRWStatus('ANDROID7', 'carol', AS_::RWSTATUS_ACCOUNTONLY_WIPED);
        $state->saveSyncCache([
            'timestamp' => self::NOW - 40,
            'hbinterval' => false,
            'wait' => 10,
            'lasthbsyncstarted' => self::NOW - 700,
            'lastsyncendnormal' => false,
            'fsrcount' => 3,
            'collections' => [
                'C-MAIL' => ['class' => 'Email', 'serverid' => 'INBOX', 'lastsynckey' => '{m}9', 'pingable' => true,
                    'backlog' => self::NOW - 30, 'backlogpings' => 3],
                // No key yet: still one of the device's collections.
                'C-NOTES' => ['class' => 'Notes', 'serverid' => 'Notes'],
            ],
        ] + Horde_ActiveSync_State_Sql::emptySyncCache(), 'ANDROID7', 'carol');

        $loaded = $state->loadDeviceInfo('ANDROID7', 'carol', ['force' => true]);
        $cache = new Horde_ActiveSync_SyncCache($state, 'ANDROID7', 'carol');
        $health = self::factory()->fromDevice($loaded, $cache, self::NOW - 10);

        $this->assertSame('carol', $health->user);
        $this->assertSame('ANDROID7', $health->deviceId);
        $this->assertSame('Android', $health->deviceType);
        $this->assertSame('14.1', $health->version);
        $this->assertSame(600, $health->hbinterval, 'the wait of 10 minutes');
        $this->assertSame(3, $health->foldersyncrequired, 'read under the old name');
        $this->assertSame(10, $health->ageSeconds, 'the last sync is newer than the cache');
        $this->assertTrue($health->active);
        // 700 s with a 600 s interval: past 660, not past 1320; never ended.
        $this->assertSame([SignalCode::HB_MISSING_END, SignalCode::FSR_WARN, SignalCode::BLOCKED,
            SignalCode::WIPE_PENDING, SignalCode::WIPE_COMPLETE, SignalCode::BACKLOG_STUCK], $health->signalCodes());
        $this->assertSame(HealthStatus::CRITICAL, $health->status);
        $this->assertSame(['C-MAIL', 'C-NOTES'], array_map(function ($c) {
            return $c->id;
        }, $health->collections));
        $this->assertSame('{m}9', $health->collections[0]->lastsynckey);
        $this->assertNull($health->collections[1]->lastsynckey);
        $this->assertSame(HealthStatus::OK, $health->collections[1]->status);

        // The same device through the rows a fleet view reads.
        $rows = $state->listDevices('carol');
        $this->assertIsString($rows[0]['device_properties'], 'stored PHP-serialized');
        $fromRow = self::factory()->fromRow($rows[0], $state->getSyncCache('ANDROID7', 'carol'), self::NOW - 10);
        $this->assertEquals($health->toArray(), $fromRow->toArray());
    }

    public function testFromADeviceWithoutProperties(): void
    {
        $state = $this->createMock(Horde_ActiveSync_State_Sql::class);
        $state->method('getSyncCache')->willReturn(Horde_ActiveSync_State_Sql::emptySyncCache());
        $device = new Horde_ActiveSync_Device($state, ['id' => 'X1', 'user' => 'dave', 'deviceType' => 'Outlook']);
        $health = self::factory()->fromDevice($device, new Horde_ActiveSync_SyncCache($state, 'X1', 'dave'));
        $this->assertNull($health->version);
        $this->assertNull($health->hbinterval);
        $this->assertNull($health->ageSeconds);
        $this->assertFalse($health->active);
        $this->assertSame([], $health->signalCodes());
        $this->assertSame([], $health->collections);
        $this->assertSame(HealthStatus::OK, $health->status);
    }

    /* ---- from raw rows ----------------------------------------------------------- */

    public function testHordesSerializedPropertiesAndLooseValues(): void
    {
        $health = self::factory()->fromRow(
            self::row(['device_properties' => serialize(['blocked' => true, 'version' => '16.1', 'OS' => 'iOS 17'])]),
            [
                'timestamp' => false, 'hbinterval' => false, 'wait' => 15, 'lasthbsyncstarted' => false,
                'lastsyncendnormal' => '', 'foldersyncrequired' => '4',
                'collections' => [
                    'C1' => ['class' => 'Email', 'serverid' => 'INBOX', 'lastsynckey' => false,
                        'backlog' => (string)(self::NOW - 60), 'backlogpings' => '1', 'pingable' => 1],
                ],
            ]
        );
        $this->assertSame('16.1', $health->version);
        $this->assertSame(900, $health->hbinterval);
        $this->assertNull($health->ageSeconds);
        $this->assertSame(4, $health->foldersyncrequired);
        $this->assertSame([SignalCode::FSR_WARN, SignalCode::BLOCKED, SignalCode::BACKLOG_PENDING],
            $health->signalCodes());
        $this->assertSame('C1', $health->collections[0]->id);
        $this->assertNull($health->collections[0]->lastsynckey);
    }

    public function testPropertiesAsAnArrayOrUnreadable(): void
    {
        $health = self::factory()->fromRow(self::row(['device_properties' => ['version' => '14.0']]), [], self::NOW - 5);
        $this->assertSame('14.0', $health->version);
        $this->assertTrue($health->active);
        $this->assertSame(5, $health->ageSeconds);

        foreach (['not serialized', serialize('a string'), 'O:8:"stdClass":1:{s:7:"blocked";b:1;}', null, 42] as $raw) {
            $health = self::factory()->fromRow(self::row(['device_properties' => $raw]), []);
            $this->assertNull($health->version);
            $this->assertSame([], $health->signalCodes(), var_export($raw, true));
        }
    }

    public function testTheOldFolderSyncRequiredName(): void
    {
        $this->assertSame([SignalCode::FSR_CRITICAL],
            self::factory()->fromRow(self::row(), ['fsrcount' => 6])->signalCodes());
        $this->assertSame(6, self::factory()->fromRow(self::row(), ['fsrcount' => 6])->foldersyncrequired);
        // Horde 6's name wins when a cache has both.
        $health = self::factory()->fromRow(self::row(), ['fsrcount' => 6, 'foldersyncrequired' => 0]);
        $this->assertSame(0, $health->foldersyncrequired);
        $this->assertSame([], $health->signalCodes());
        $this->assertSame(0, self::factory()->fromRow(self::row(), [])->foldersyncrequired);
    }

    public function testWipeStatusFromTheRows(): void
    {
        $row = self::row(['device_rwstatus' => (string)AS_::RWSTATUS_WIPED]);
        unset($row['device_accountonly_rwstatus']); // Horde's schema before our migration 25
        $this->assertSame([SignalCode::WIPE_COMPLETE], self::factory()->fromRow($row, [])->signalCodes());
        $row = self::row(['device_accountonly_rwstatus' => (string)AS_::RWSTATUS_ACCOUNTONLY_PENDING]);
        $this->assertSame([SignalCode::WIPE_PENDING], self::factory()->fromRow($row, [])->signalCodes());
    }

    public function testHeartbeatFromTheCache(): void
    {
        $cache = ['hbinterval' => 480, 'wait' => 15, 'timestamp' => self::NOW - 20,
            'lasthbsyncstarted' => self::NOW - 541, 'lastsyncendnormal' => self::NOW - 3000];
        $health = self::factory()->fromRow(self::row(), $cache);
        $this->assertSame(480, $health->hbinterval, 'the interval wins over the wait');
        $this->assertSame([SignalCode::HB_STUCK], $health->signalCodes());
        $this->assertSame([SignalCode::HB_IN_FLIGHT],
            self::factory()->fromRow(self::row(), ['lasthbsyncstarted' => self::NOW - 540] + $cache)->signalCodes());
        $this->assertNull(self::factory()->fromRow(self::row(), ['hbinterval' => '', 'wait' => null])->hbinterval);
    }

    public function testCollectionEntries(): void
    {
        $health = self::factory()->fromRow(self::row(), ['collections' => [
            'K1' => ['class' => 'Email', 'serverid' => 'INBOX'],
            'K2' => 'not an entry',
            'K3' => ['id' => 'OWN-ID', 'class' => 'Calendar', 'backlog' => 0, 'backlogpings' => 9],
            7 => ['class' => 'Tasks', 'serverid' => '', 'backlog' => null],
        ]]);
        $this->assertSame(['K1', 'OWN-ID', '7'], array_map(function ($c) {
            return $c->id;
        }, $health->collections));
        $this->assertNull($health->collections[2]->serverid);
        $this->assertSame([], $health->signalCodes(), 'a zero backlog time is no backlog');
        $this->assertSame([], self::factory()->fromRow(self::row(), ['collections' => 'broken'])->collections);
    }

    public function testRowsWithNothing(): void
    {
        $health = self::factory()->fromRow([], []);
        $this->assertSame('', $health->user);
        $this->assertSame('', $health->deviceId);
        $this->assertSame(HealthStatus::OK, $health->status);
    }

    /* ---- CollectionFactList ----------------------------------------------------- */

    public function testCollectionFactList(): void
    {
        $mail = new CollectionFacts('mail', 'Email', 'INBOX', '{a}1', self::NOW, 2, true);
        $calendar = new CollectionFacts('cal', 'Calendar');
        $list = new CollectionFactList([$mail, $calendar, new CollectionFacts('mail', 'Email', 'INBOX.new')]);
        $this->assertCount(2, $list);
        $this->assertSame('INBOX.new', $list['mail']->serverid, 'a later entry replaces an earlier one');
        $this->assertSame($calendar, $list->get('cal'));
        $this->assertNull($list->get('tasks'));
        $this->assertTrue(isset($list['cal']));
        $this->assertFalse(isset($list['tasks']));
        $this->assertFalse(isset($list[0]));
        $this->assertSame(['mail', 'cal'], array_map(function ($c) {
            return $c->id;
        }, iterator_to_array($list)));
        $this->assertSame([0, 1], array_keys($list->all()));
        $this->assertTrue($mail->pingable);
        $this->assertSame(2, $mail->backlogpings);
        $this->assertFalse($calendar->pingable);
        $this->assertNull($calendar->backlog);

        // DeviceFacts take a list or an array of facts.
        $facts = new DeviceFacts('u', 'd', 't', null, 0, 0, false, null, null, null, null, null, 0, [$calendar]);
        $this->assertInstanceOf(CollectionFactList::class, $facts->collections);
        $this->assertSame($calendar, $facts->collections['cal']);
        $facts = new DeviceFacts('u', 'd', 't', null, 0, 0, false, null, null, null, null, null, 0, $list);
        $this->assertSame($list, $facts->collections);
        $this->assertCount(0, (new DeviceFacts('u', 'd', 't', null, 0, 0, false, null, null, null, null, null, 0))
            ->collections);
    }

    public function testCollectionFactListRefusesOtherEntries(): void
    {
        $this->expectException(InvalidArgumentException::class);
        new CollectionFactList([new CollectionFacts('a'), ['id' => 'b']]);
    }

    public function testCollectionFactListCannotBeChanged(): void
    {
        $list = new CollectionFactList([new CollectionFacts('a')]);
        try {
            $list['b'] = new CollectionFacts('b');
            $this->fail('set');
        } catch (BadMethodCallException $e) {
        }
        try {
            unset($list['a']);
            $this->fail('unset');
        } catch (BadMethodCallException $e) {
        }
        $this->assertCount(1, $list);
        $this->expectException(OutOfBoundsException::class);
        $list['b'];
    }
}
