<?php
/**
 * The fleet view over a real SQLite state database (tests/phpunit/Ops/Fleet.php):
 * FleetReader through StateSource's read-only State_Sql, FleetQuery's
 * filters, sorts and limit, unreadable caches, one device, log paths.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Ops;

use Horde\ActiveSync\Ops\DeviceHealth;
use Horde\ActiveSync\Ops\FleetQuery;
use Horde\ActiveSync\Ops\FleetReader;
use Horde\ActiveSync\Ops\HealthStatus;
use Horde\ActiveSync\Ops\SignalCode;
use Horde\ActiveSync\Ops\StateSource;
use Horde\ActiveSync\Ops\Unavailable;
use Horde_ActiveSync_Exception;
use Horde_ActiveSync_State_Sql;
use InvalidArgumentException;
use PHPUnit\Framework\TestCase;

class FleetReaderTest extends TestCase
{
    /** @var Fleet */
    private $fleet;

    protected function setUp(): void
    {
        $this->fleet = new Fleet($this);
    }

    private function reader(?string $logDir = null): FleetReader
    {
        $state = StateSource::readOnly(StateSource::sqlite($this->fleet->file));
        return new FleetReader($state, function () {
            return Fleet::NOW;
        }, $logDir);
    }

    private static function ids(array $devices): array
    {
        return array_map(function (DeviceHealth $d) {
            return $d->deviceId;
        }, $devices);
    }

    public function testTheWholeFleet(): void
    {
        $before = $this->fleet->fingerprint();
        $report = $this->reader()->fleet(new FleetQuery());
        $this->assertSame([
            'devices' => 7, 'active' => 4, 'ok' => 2, 'warn' => 3, 'critical' => 2, 'stuck' => 3,
            'wipePending' => 1, 'blocked' => 1, 'asOf' => Fleet::NOW,
        ], $report->summary->toArray());
        $this->assertSame(Fleet::BY_HEALTH, self::ids($report->devices));
        $this->assertSame(Fleet::NOW, $report->asOf);

        // The undecodable cache is left out, said so, and left as it is.
        $this->assertCount(1, $report->skipped);
        $this->assertSame(['dave', 'BROKEN7'], [$report->skipped[0]['user'], $report->skipped[0]['deviceId']]);
        $this->assertStringContainsString('cannot be decoded', $report->skipped[0]['error']);
        $this->assertSame($before, $this->fleet->fingerprint(), 'reading changed the database');
        $this->assertSame('this is no cache', $this->fleet->db()->selectValue(
            'SELECT cache_data FROM horde_activesync_cache WHERE cache_devid = ?', ['BROKEN7']));

        $byId = [];
        foreach ($report->devices as $device) {
            $byId[$device->deviceId] = $device;
        }
        $this->assertSame([SignalCode::HB_IN_FLIGHT], $byId['IPHONE1']->signalCodes());
        $this->assertSame(200, $byId['IPHONE1']->ageSeconds, 'the cache time: no per-device query in the fleet view');
        $this->assertSame('16.1', $byId['IPHONE1']->version);
        $this->assertSame([SignalCode::BLOCKED], $byId['IPAD2']->signalCodes(), 'Horde-serialized cache and properties');
        $this->assertSame([SignalCode::FSR_CRITICAL], $byId['ANDROID3']->signalCodes());
        $this->assertSame([SignalCode::FSR_WARN, SignalCode::WIPE_PENDING], $byId['OUTLOOK4']->signalCodes());
        $this->assertSame(3, $byId['OUTLOOK4']->foldersyncrequired, 'stored as fsrcount by Horde\'s serializer');
        $this->assertSame([SignalCode::BACKLOG_STUCK], $byId['PHONE5']->signalCodes());
        $this->assertSame(['F-INBOX' => HealthStatus::CRITICAL, 'F-CAL' => HealthStatus::OK],
            array_column(array_map(function ($c) {
                return ['id' => $c->id, 'status' => $c->status];
            }, $byId['PHONE5']->collections), 'status', 'id'));
        $this->assertSame([SignalCode::HB_STUCK], $byId['PHONE6']->signalCodes());
        $this->assertNull($byId['NEW8']->ageSeconds);
        $this->assertNull($byId['NEW8']->logPath);
    }

    public function testFiltersDecideWhatTheSummaryCounts(): void
    {
        $reader = $this->reader();
        $report = $reader->fleet(new FleetQuery('bob'));
        $this->assertSame(['ANDROID3', 'OUTLOOK4'], self::ids($report->devices));
        $this->assertSame(2, $report->summary->devices);
        $this->assertSame(1, $report->summary->critical);
        $this->assertSame([], $report->skipped, 'only bob\'s caches were read');

        $this->assertSame(['IPAD2', 'IPHONE1'], self::ids($reader->fleet(new FleetQuery(null, 'IP'))->devices));
        $this->assertSame(['PHONE5', 'PHONE6'], self::ids($reader->fleet(new FleetQuery('carol', 'PHONE'))->devices));
        $this->assertSame([], $reader->fleet(new FleetQuery('alice', 'ANDROID'))->devices);

        $report = $reader->fleet(new FleetQuery(null, null, null, HealthStatus::CRITICAL));
        $this->assertSame(['PHONE5', 'ANDROID3'], self::ids($report->devices));
        $this->assertSame(2, $report->summary->devices);
        $report = $reader->fleet(new FleetQuery(null, null, null, HealthStatus::WARN));
        $this->assertSame(['PHONE5', 'ANDROID3', 'OUTLOOK4', 'IPAD2', 'PHONE6'], self::ids($report->devices));
        $this->assertSame(7, $reader->fleet(new FleetQuery(null, null, null, HealthStatus::OK))->summary->devices);

        $report = $reader->fleet(new FleetQuery(null, null, null, null, true));
        $this->assertSame(['PHONE5', 'ANDROID3', 'PHONE6'], self::ids($report->devices));
        $this->assertSame(3, $report->summary->stuck);
        $this->assertSame(3, $report->summary->devices);
    }

    public function testTheLimitShortensOnlyTheList(): void
    {
        $report = $this->reader()->fleet(new FleetQuery(null, null, null, null, false, 2));
        $this->assertSame(['PHONE5', 'ANDROID3'], self::ids($report->devices));
        $this->assertSame(7, $report->summary->devices);
        $this->assertSame(2, $report->summary->critical);
        $this->assertCount(7, $this->reader()->fleet(new FleetQuery(null, null, null, null, false, 0))->devices);
    }

    public function testSorts(): void
    {
        $sorted = function (string $sort) {
            return self::ids($this->reader()->fleet(new FleetQuery(null, null, null, null, false, 0, $sort))->devices);
        };
        $this->assertSame(['PHONE5', 'OUTLOOK4', 'IPAD2', 'IPHONE1', 'PHONE6', 'ANDROID3', 'NEW8'],
            $sorted(FleetQuery::SORT_AGE));
        $this->assertSame(['IPAD2', 'IPHONE1', 'ANDROID3', 'OUTLOOK4', 'PHONE5', 'PHONE6', 'NEW8'],
            $sorted(FleetQuery::SORT_USER));
        $this->assertSame(['ANDROID3', 'IPAD2', 'IPHONE1', 'NEW8', 'OUTLOOK4', 'PHONE5', 'PHONE6'],
            $sorted(FleetQuery::SORT_DEVICE));
        $this->assertSame(Fleet::BY_HEALTH, $sorted(FleetQuery::SORT_HEALTH));
    }

    public function testTheActiveWindow(): void
    {
        $this->assertSame(4, $this->reader()->fleet(new FleetQuery())->summary->active);
        $this->assertSame(6, $this->reader()->fleet(new FleetQuery(null, null, 4000))->summary->active);
        // In flight counts, however short the window.
        $this->assertSame(1, $this->reader()->fleet(new FleetQuery(null, null, 0))->summary->active);
    }

    public function testOneDevice(): void
    {
        $reader = $this->reader('/var/log/eas/');
        $device = $reader->device('alice', 'IPHONE1');
        $this->assertSame('IPHONE1', $device->deviceId);
        $this->assertSame(5, $device->ageSeconds, 'its newest sync state, newer than the cache');
        $this->assertSame('/var/log/eas/IPHONE1.txt', $device->logPath);
        $this->assertSame('IPHONE1', $reader->device('alice', 'iphone1')->deviceId, 'case ignored');
        $this->assertNull($reader->device('alice', 'IPHONE'), 'no prefix match');
        $this->assertNull($reader->device('bob', 'IPHONE1'), 'another user\'s');
        $this->assertNull($reader->device('alice', 'NOPE'));
        $this->assertSame(100, $reader->device('alice', 'IPAD2')->ageSeconds, 'no sync state: the cache time');
        $this->assertTrue($reader->device('bob', 'ANDROID3', 5000)->active);
        $this->assertFalse($reader->device('bob', 'ANDROID3')->active);

        $this->expectException(Horde_ActiveSync_Exception::class);
        $reader->device('dave', 'BROKEN7');
    }

    public function testLogPaths(): void
    {
        $this->assertSame('/logs/PHONE1.txt', FleetReader::logPathFor('/logs', 'phone1'));
        $this->assertSame('/logs/A-B_C.D.txt', FleetReader::logPathFor('/logs/', 'a-b_c.d'));
        $this->assertNull(FleetReader::logPathFor(null, 'PHONE1'));
        $this->assertNull(FleetReader::logPathFor('', 'PHONE1'));
        $this->assertNull(FleetReader::logPathFor('/logs', '../../etc/passwd'));
        $this->assertNull(FleetReader::logPathFor('/logs', '.hidden'));
        $report = $this->reader('/srv/logs')->fleet(new FleetQuery('alice'));
        $this->assertSame(['/srv/logs/IPAD2.txt', '/srv/logs/IPHONE1.txt'], array_map(function ($d) {
            return $d->logPath;
        }, $report->devices));
    }

    public function testReportAsArray(): void
    {
        $array = $this->reader()->fleet(new FleetQuery('carol', null, null, null, false, 1))->toArray();
        $this->assertSame(['summary', 'devices', 'skipped', 'asOf'], array_keys($array));
        $this->assertSame(2, $array['summary']['devices']);
        $this->assertCount(1, $array['devices']);
        $this->assertSame('PHONE5', $array['devices'][0]['deviceId']);
    }

    public function testTheReadOnlyStateRefusesWrites(): void
    {
        $state = StateSource::readOnly(StateSource::sqlite($this->fleet->file));
        $before = $this->fleet->fingerprint();
        try {
            $state->setDeviceProperties(['blocked' => false], 'IPAD2');
            $this->fail('a write went through');
        } catch (Horde_ActiveSync_Exception $e) {
            $this->assertStringContainsString('readonly', $e->getMessage());
        }
        $this->assertSame($before, $this->fleet->fingerprint());
        // A state over a writable connection would drop the broken cache.
        $writable = new Horde_ActiveSync_State_Sql(['db' => $this->fleet->db()]);
        $this->assertSame([], $writable->getSyncCache('BROKEN7', 'dave')['collections']);
        $this->assertFalse($this->fleet->db()->selectValue(
            'SELECT cache_data FROM horde_activesync_cache WHERE cache_devid = ?', ['BROKEN7']));
    }

    public function testSources(): void
    {
        try {
            StateSource::sqlite($this->fleet->dir . '/none.sqlite');
            $this->fail('opened a missing file');
        } catch (Unavailable $e) {
            $this->assertFileDoesNotExist($this->fleet->dir . '/none.sqlite', 'and never created it');
        }
        $this->assertSame('/srv/eas/state.sqlite', StateSource::stateFile('/srv/eas/'));

        file_put_contents($this->fleet->dir . '/db.php', '<?php return ' . var_export(
            ['adapter' => 'Pdo_Sqlite', 'dbname' => $this->fleet->file], true) . ';');
        $db = StateSource::configured($this->fleet->dir . '/db.php');
        $this->assertSame(7, (new FleetReader(StateSource::readOnly($db)))->fleet(new FleetQuery())->summary->devices);
        file_put_contents($this->fleet->dir . '/bad.php', "<?php return ['adapter' => 'Nope'];");
        try {
            StateSource::configured($this->fleet->dir . '/bad.php');
            $this->fail('a missing adapter class');
        } catch (Unavailable $e) {
            $this->assertStringContainsString('Horde_Db_Adapter_Nope', $e->getMessage());
        }

        file_put_contents($this->fleet->dir . '/server.php', '<?php return ' . var_export(
            ['data' => $this->fleet->dir . '/data', 'logdir' => '/srv/log'], true) . ';');
        $this->assertSame([$this->fleet->dir . '/data', '/srv/log'],
            StateSource::embeddedServer($this->fleet->dir . '/server.php'));
        [$data, $logs] = StateSource::embeddedServer(null);
        $this->assertSame(sys_get_temp_dir() . '/horde-activesync', $data, 'the embedded server\'s default');
        $this->assertNull($logs);
    }

    public function testQueryValidation(): void
    {
        foreach ([[null, null, null, 'bad'], [null, null, null, null, false, -1], [null, null, -5],
                  [null, null, null, null, false, 0, 'random']] as $args) {
            try {
                new FleetQuery(...$args);
                $this->fail('accepted ' . json_encode($args));
            } catch (InvalidArgumentException $e) {
                $this->addToAssertionCount(1);
            }
        }
        $this->assertSame(120, (new FleetQuery(null, null, 120))->options(5)->activeWithin);
        $this->assertSame(300, (new FleetQuery())->options(5)->activeWithin);
        $this->assertSame(5, (new FleetQuery())->options(5)->now());
    }
}
