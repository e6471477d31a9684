<?php
/**
 * The health model of the operations monitor: every reason code at and
 * around its thresholds (evaluated at a fixed time), overridden options,
 * the worst-signal rule, the active window, and the value objects.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Ops;

use Horde\ActiveSync\Ops\CollectionFacts;
use Horde\ActiveSync\Ops\DeviceFacts;
use Horde\ActiveSync\Ops\DeviceHealth;
use Horde\ActiveSync\Ops\FleetSummary;
use Horde\ActiveSync\Ops\HealthEvaluator;
use Horde\ActiveSync\Ops\HealthOptions;
use Horde\ActiveSync\Ops\HealthSignal;
use Horde\ActiveSync\Ops\HealthStatus;
use Horde\ActiveSync\Ops\SignalCode;
use InvalidArgumentException;
use PHPUnit\Framework\TestCase;

class HealthEvaluatorTest extends TestCase
{
    const NOW = 1750000000;

    /**
     * Evaluates a device whose facts are the defaults below with $facts
     * over them (field name => value, as DeviceFacts names them).
     */
    private static function evaluate(array $facts = [], array $options = []): DeviceHealth
    {
        $facts += [
            'rwstatus' => 0, 'accountOnlyRwstatus' => 0, 'blocked' => false, 'lastSyncTs' => null,
            'cacheTimestamp' => null, 'hbinterval' => 900, 'lasthbsyncstarted' => null, 'lastsyncendnormal' => null,
            'foldersyncrequired' => 0, 'collections' => [],
        ];
        $evaluator = new HealthEvaluator(new HealthOptions(...(['now' => self::NOW] + $options)));
        return $evaluator->evaluate(new DeviceFacts('bob@example.com', 'PHONE1', 'iPhone', '16.1',
            $facts['rwstatus'], $facts['accountOnlyRwstatus'], $facts['blocked'], $facts['lastSyncTs'],
            $facts['cacheTimestamp'], $facts['hbinterval'], $facts['lasthbsyncstarted'], $facts['lastsyncendnormal'],
            $facts['foldersyncrequired'], $facts['collections']));
    }

    /** A device with one collection with this backlog. */
    private static function backlog(?int $age, int $pings, array $options = []): DeviceHealth
    {
        return self::evaluate(['collections' => [
            new CollectionFacts('C1', 'Email', 'INBOX', '{k}2', $age === null ? null : self::NOW - $age, $pings),
        ]], $options);
    }

    private static function codes(DeviceHealth $health): array
    {
        return $health->signalCodes();
    }

    /* ---- heartbeat ------------------------------------------------------- */

    public function heartbeats(): array
    {
        // Interval 900: stuck past 960 s (900 + 60 slack), abandoned past 1920 s.
        return [
            'none started' => [null, null, [], HealthStatus::OK],
            'ended after it started' => [1000, 900, [], HealthStatus::OK],
            'ended the same second' => [1000, 1000, [], HealthStatus::OK],
            'just started, ended before' => [5, 1000, [SignalCode::HB_IN_FLIGHT], HealthStatus::OK],
            'at the stuck age' => [960, 1000, [SignalCode::HB_IN_FLIGHT], HealthStatus::OK],
            'a second past it' => [961, 1000, [SignalCode::HB_STUCK], HealthStatus::WARN],
            'never ended, in time' => [960, null, [SignalCode::HB_IN_FLIGHT], HealthStatus::OK],
            'never ended, overdue' => [961, null, [SignalCode::HB_MISSING_END], HealthStatus::WARN],
            'at the abandoned age' => [1920, 2000, [SignalCode::HB_STUCK], HealthStatus::WARN],
            'never ended, at the abandoned age' => [1920, null, [SignalCode::HB_MISSING_END], HealthStatus::WARN],
            'past the abandoned age' => [1921, 2000, [SignalCode::HB_ABANDONED], HealthStatus::OK],
            'never ended, past it' => [1921, null, [SignalCode::HB_ABANDONED], HealthStatus::OK],
            'long ago' => [86400, 90000, [SignalCode::HB_ABANDONED], HealthStatus::OK],
        ];
    }

    /**
     * @dataProvider heartbeats
     */
    public function testHeartbeatAges(?int $startedAgo, ?int $endedAgo, array $codes, string $status): void
    {
        $health = self::evaluate([
            'lasthbsyncstarted' => $startedAgo === null ? null : self::NOW - $startedAgo,
            'lastsyncendnormal' => $endedAgo === null ? null : self::NOW - $endedAgo,
        ]);
        $this->assertSame($codes, self::codes($health));
        $this->assertSame($status, $health->status);
        $this->assertSame($codes === [SignalCode::HB_IN_FLIGHT], $health->active, 'only a heartbeat in flight makes it active');
        $this->assertSame(in_array($codes, [[SignalCode::HB_STUCK], [SignalCode::HB_MISSING_END]], true), $health->isStuck());
    }

    public function testZeroTimestampsMeanNoHeartbeat(): void
    {
        $this->assertSame([], self::codes(self::evaluate(['lasthbsyncstarted' => 0, 'lastsyncendnormal' => 0])));
        // A start with an end of 0: the end counts as missing.
        $this->assertSame([SignalCode::HB_MISSING_END],
            self::codes(self::evaluate(['lasthbsyncstarted' => self::NOW - 1000, 'lastsyncendnormal' => 0])));
    }

    public function testTheHeartbeatThresholdsFollowTheDevicesInterval(): void
    {
        // 600 s: stuck past 660, abandoned past 1320.
        $at = function (int $ago, ?int $interval) {
            return self::codes(self::evaluate(['hbinterval' => $interval, 'lasthbsyncstarted' => self::NOW - $ago,
                'lastsyncendnormal' => self::NOW - 5000]));
        };
        $this->assertSame([SignalCode::HB_IN_FLIGHT], $at(660, 600));
        $this->assertSame([SignalCode::HB_STUCK], $at(661, 600));
        $this->assertSame([SignalCode::HB_STUCK], $at(1320, 600));
        $this->assertSame([SignalCode::HB_ABANDONED], $at(1321, 600));
        // Unknown (null or 0): the default interval, 900.
        $this->assertSame([SignalCode::HB_IN_FLIGHT], $at(960, null));
        $this->assertSame([SignalCode::HB_STUCK], $at(961, 0));
    }

    public function testHeartbeatOptions(): void
    {
        $options = new HealthOptions(self::NOW);
        $this->assertSame(960, $options->hbStuckAfterFor(null));
        $this->assertSame(660, $options->hbStuckAfterFor(600));
        $this->assertSame(1320, $options->hbAbandonedAfterFor(600));
        $this->assertSame(self::NOW, $options->now());
        $this->assertEqualsWithDelta(time(), (new HealthOptions())->now(), 2);

        $options = new HealthOptions(hbDefaultInterval: 300, hbSlack: 0);
        $this->assertSame(300, $options->hbStuckAfterFor(null));
        $this->assertSame(600, $options->hbAbandonedAfterFor(null));
        $this->assertSame(450, $options->hbStuckAfterFor(450));

        $options = new HealthOptions(hbStuckAfter: 100);
        $this->assertSame(100, $options->hbStuckAfterFor(900), 'explicit, whatever the interval');
        $this->assertSame(200, $options->hbAbandonedAfterFor(900));
        $this->assertSame(5000, (new HealthOptions(hbStuckAfter: 100, hbAbandonedAfter: 5000))->hbAbandonedAfterFor(900));

        $started = ['lasthbsyncstarted' => self::NOW - 150, 'lastsyncendnormal' => self::NOW - 5000];
        $this->assertSame([SignalCode::HB_IN_FLIGHT], self::codes(self::evaluate($started)));
        $this->assertSame([SignalCode::HB_STUCK], self::codes(self::evaluate($started, ['hbStuckAfter' => 149])));
        $this->assertSame([SignalCode::HB_ABANDONED],
            self::codes(self::evaluate($started, ['hbStuckAfter' => 60, 'hbAbandonedAfter' => 149])));
        $this->assertSame([SignalCode::HB_STUCK],
            self::codes(self::evaluate($started, ['hbStuckAfter' => 60, 'hbAbandonedAfter' => 150])));
    }

    /* ---- FolderSync required --------------------------------------------- */

    public function folderSyncCounts(): array
    {
        return [
            [0, [], HealthStatus::OK], [2, [], HealthStatus::OK],
            [3, [SignalCode::FSR_WARN], HealthStatus::WARN], [4, [SignalCode::FSR_WARN], HealthStatus::WARN],
            [5, [SignalCode::FSR_CRITICAL], HealthStatus::CRITICAL],
            [40, [SignalCode::FSR_CRITICAL], HealthStatus::CRITICAL],
        ];
    }

    /**
     * @dataProvider folderSyncCounts
     */
    public function testFolderSyncRequiredThresholds(int $count, array $codes, string $status): void
    {
        $health = self::evaluate(['foldersyncrequired' => $count]);
        $this->assertSame($codes, self::codes($health));
        $this->assertSame($status, $health->status);
        $this->assertSame($count, $health->foldersyncrequired);
        $this->assertSame($count >= 5, $health->isStuck());
    }

    public function testFolderSyncRequiredOptions(): void
    {
        $options = ['fsrWarnAt' => 1, 'fsrCriticalAt' => 2];
        $this->assertSame([], self::codes(self::evaluate(['foldersyncrequired' => 0], $options)));
        $this->assertSame([SignalCode::FSR_WARN], self::codes(self::evaluate(['foldersyncrequired' => 1], $options)));
        $this->assertSame([SignalCode::FSR_CRITICAL], self::codes(self::evaluate(['foldersyncrequired' => 2], $options)));
        $this->assertSame([SignalCode::FSR_WARN],
            self::codes(self::evaluate(['foldersyncrequired' => 5], ['fsrCriticalAt' => 10])));
    }

    /* ---- block and wipe ---------------------------------------------------- */

    public function testBlocked(): void
    {
        $health = self::evaluate(['blocked' => true]);
        $this->assertSame([SignalCode::BLOCKED], self::codes($health));
        $this->assertSame(HealthStatus::WARN, $health->status);
        $this->assertFalse($health->isStuck());
    }

    public function wipeStates(): array
    {
        // RWSTATUS_*: 0 NA, 1 OK, 2 PENDING, 3 WIPED, 4 ACCOUNTONLY_PENDING, 5 ACCOUNTONLY_WIPED.
        return [
            'none' => [0, 0, []],
            'provisioned' => [1, 1, []],
            'full wipe pending' => [2, 0, [SignalCode::WIPE_PENDING]],
            'full wipe done' => [3, 0, [SignalCode::WIPE_COMPLETE]],
            'account-only pending, in the device row' => [4, 0, [SignalCode::WIPE_PENDING]],
            'account-only done, in the device row' => [5, 0, [SignalCode::WIPE_COMPLETE]],
            'account-only pending, per account' => [1, 4, [SignalCode::WIPE_PENDING]],
            'account-only done, per account' => [1, 5, [SignalCode::WIPE_COMPLETE]],
            'a full status in the account field means nothing' => [0, 2, []],
            'both' => [2, 5, [SignalCode::WIPE_PENDING, SignalCode::WIPE_COMPLETE]],
        ];
    }

    /**
     * @dataProvider wipeStates
     */
    public function testWipeStates(int $rwstatus, int $accountOnly, array $codes): void
    {
        $health = self::evaluate(['rwstatus' => $rwstatus, 'accountOnlyRwstatus' => $accountOnly]);
        $this->assertSame($codes, self::codes($health));
        $this->assertSame($codes ? HealthStatus::WARN : HealthStatus::OK, $health->status);
    }

    /* ---- backlog ----------------------------------------------------------- */

    public function backlogs(): array
    {
        // Grace 60 s, trigger maximum 3, abandoned after 3600 s.
        return [
            'none' => [null, 0, null],
            'no backlog, a stale count' => [null, 3, null],
            'a second before the grace' => [59, 2, null],
            'at the grace' => [60, 2, SignalCode::BACKLOG_PENDING],
            'at the grace, never reported' => [60, 0, SignalCode::BACKLOG_PENDING],
            'old, below the maximum' => [7200, 2, SignalCode::BACKLOG_PENDING],
            'reported to the maximum, just now' => [0, 3, SignalCode::BACKLOG_STUCK],
            'past the maximum' => [30, 7, SignalCode::BACKLOG_STUCK],
            'a second before abandoned' => [3599, 3, SignalCode::BACKLOG_STUCK],
            'abandoned' => [3600, 3, null],
            'long abandoned' => [86400, 3, null],
        ];
    }

    /**
     * @dataProvider backlogs
     */
    public function testBacklogThresholds(?int $age, int $pings, ?string $code): void
    {
        $health = self::backlog($age, $pings);
        $collection = $health->collections[0];
        $this->assertSame($code === null ? [] : [$code], self::codes($health));
        $expected = [null => HealthStatus::OK, SignalCode::BACKLOG_PENDING => HealthStatus::WARN,
            SignalCode::BACKLOG_STUCK => HealthStatus::CRITICAL][$code];
        $this->assertSame($expected, $collection->status);
        $this->assertSame($expected, $health->status);
        $this->assertSame($code === SignalCode::BACKLOG_STUCK, $health->isStuck());
        $this->assertSame([], $health->signals, 'backlog signals belong to the collection');
        foreach ($collection->signals as $signal) {
            $this->assertSame('C1', $signal->collectionId);
        }
    }

    public function testBacklogOptions(): void
    {
        $options = ['backlogGrace' => 10, 'backlogTriggerMax' => 1, 'backlogAbandonedAfter' => 100];
        $this->assertSame([], self::codes(self::backlog(9, 0, $options)));
        $this->assertSame([SignalCode::BACKLOG_PENDING], self::codes(self::backlog(10, 0, $options)));
        $this->assertSame([SignalCode::BACKLOG_STUCK], self::codes(self::backlog(99, 1, $options)));
        $this->assertSame([], self::codes(self::backlog(100, 1, $options)));
        $this->assertSame([SignalCode::BACKLOG_PENDING], self::codes(self::backlog(100, 2, ['backlogTriggerMax' => 5])));
    }

    /* ---- aggregation and activity -------------------------------------------- */

    public function testTheWorstSignalDecides(): void
    {
        $health = self::evaluate([
            'blocked' => true,
            'lasthbsyncstarted' => self::NOW - 10, 'lastsyncendnormal' => self::NOW - 900,
            'collections' => [
                new CollectionFacts('quiet', 'Contacts'),
                new CollectionFacts('waiting', 'Email', null, null, self::NOW - 120, 1),
                new CollectionFacts('stuck', 'Email', null, null, self::NOW - 120, 3),
                new CollectionFacts('waiting too', 'Calendar', null, null, self::NOW - 500, 0),
            ],
        ]);
        $this->assertSame(HealthStatus::CRITICAL, $health->status);
        $this->assertSame([HealthStatus::OK, HealthStatus::WARN, HealthStatus::CRITICAL, HealthStatus::WARN],
            array_map(function ($c) {
                return $c->status;
            }, $health->collections));
        $this->assertSame(['quiet', 'waiting', 'stuck', 'waiting too'], array_map(function ($c) {
            return $c->id;
        }, $health->collections));
        // Device signals first, then the collections', each code once.
        $this->assertSame([SignalCode::HB_IN_FLIGHT, SignalCode::BLOCKED, SignalCode::BACKLOG_PENDING,
            SignalCode::BACKLOG_STUCK], $health->signalCodes());
        $this->assertSame([SignalCode::HB_IN_FLIGHT, SignalCode::BLOCKED], array_map(function (HealthSignal $s) {
            return $s->code;
        }, $health->signals));
        $this->assertTrue($health->isStuck());

        // A warning collection under a critical device signal.
        $health = self::evaluate(['foldersyncrequired' => 5, 'collections' => [
            new CollectionFacts('waiting', 'Email', null, null, self::NOW - 120, 1)]]);
        $this->assertSame(HealthStatus::CRITICAL, $health->status);
        $this->assertSame(HealthStatus::WARN, $health->collections[0]->status);

        // Warnings alone stay a warning; ok signals do not count.
        $health = self::evaluate(['rwstatus' => 2, 'lasthbsyncstarted' => self::NOW - 5000]);
        $this->assertSame([SignalCode::HB_ABANDONED, SignalCode::WIPE_PENDING], $health->signalCodes());
        $this->assertSame(HealthStatus::WARN, $health->status);
    }

    public function testActiveWindowAndAge(): void
    {
        $health = self::evaluate(['cacheTimestamp' => self::NOW - 300]);
        $this->assertTrue($health->active);
        $this->assertSame(300, $health->ageSeconds);
        $health = self::evaluate(['cacheTimestamp' => self::NOW - 301]);
        $this->assertFalse($health->active);
        $this->assertSame(301, $health->ageSeconds);

        // The newer of the two timestamps counts.
        $health = self::evaluate(['cacheTimestamp' => self::NOW - 4000, 'lastSyncTs' => self::NOW - 20]);
        $this->assertSame(20, $health->ageSeconds);
        $this->assertTrue($health->active);
        $health = self::evaluate(['cacheTimestamp' => self::NOW - 30, 'lastSyncTs' => self::NOW - 4000]);
        $this->assertSame(30, $health->ageSeconds);

        $health = self::evaluate();
        $this->assertNull($health->ageSeconds);
        $this->assertFalse($health->active);

        // A heartbeat in flight is activity, however old the cache.
        $health = self::evaluate(['cacheTimestamp' => self::NOW - 4000, 'lasthbsyncstarted' => self::NOW - 30]);
        $this->assertTrue($health->active);
        $this->assertSame(4000, $health->ageSeconds);

        $this->assertFalse(self::evaluate(['cacheTimestamp' => self::NOW - 61], ['activeWithin' => 60])->active);
        $this->assertTrue(self::evaluate(['cacheTimestamp' => self::NOW - 60], ['activeWithin' => 60])->active);
        $this->assertTrue(self::evaluate(['cacheTimestamp' => self::NOW - 3600], ['activeWithin' => 3600])->active);
    }

    public function testTheEvaluatorUsesTheClockWithoutAFixedTime(): void
    {
        $facts = new DeviceFacts('u', 'D', 't', null, 0, 0, false, null, time() - 100, null, null, null, 0);
        $health = (new HealthEvaluator())->evaluate($facts);
        $this->assertEqualsWithDelta(100, $health->ageSeconds, 2);
        $this->assertTrue($health->active);
    }

    /* ---- value objects ----------------------------------------------------- */

    public function testDeviceHealthCopiesItsFacts(): void
    {
        $health = self::evaluate(['hbinterval' => 480, 'foldersyncrequired' => 1, 'cacheTimestamp' => self::NOW - 7]);
        $this->assertSame('bob@example.com', $health->user);
        $this->assertSame('PHONE1', $health->deviceId);
        $this->assertSame('iPhone', $health->deviceType);
        $this->assertSame('16.1', $health->version);
        $this->assertSame(480, $health->hbinterval);
        $this->assertNull($health->logPath);

        $logged = $health->withLogPath('/var/log/eas/PHONE1.txt');
        $this->assertNull($health->logPath, 'the original is unchanged');
        $this->assertSame('/var/log/eas/PHONE1.txt', $logged->logPath);
        $this->assertSame($health->status, $logged->status);

        $array = $logged->toArray();
        $this->assertSame(['user', 'deviceId', 'deviceType', 'version', 'status', 'active', 'ageSeconds', 'hbinterval',
            'foldersyncrequired', 'signals', 'collections', 'logPath'], array_keys($array));
        $this->assertSame(7, $array['ageSeconds']);
        $this->assertSame('/var/log/eas/PHONE1.txt', $array['logPath']);

        $array = self::backlog(120, 3)->toArray();
        $this->assertSame(['id' => 'C1', 'class' => 'Email', 'serverid' => 'INBOX', 'lastsynckey' => '{k}2',
            'status' => 'critical', 'signals' => [[
                'code' => 'backlog_stuck', 'severity' => 'critical',
                'detail' => SignalCode::describe(SignalCode::BACKLOG_STUCK), 'collectionId' => 'C1',
            ]]], $array['collections'][0]);
    }

    public function testStatusHelpers(): void
    {
        $this->assertSame([0, 1, 2], [HealthStatus::rank('ok'), HealthStatus::rank('warn'), HealthStatus::rank('critical')]);
        $this->assertSame(HealthStatus::OK, HealthStatus::worst());
        $this->assertSame(HealthStatus::WARN, HealthStatus::worst('ok', 'warn', 'ok'));
        $this->assertSame(HealthStatus::CRITICAL, HealthStatus::worst('warn', 'critical', 'ok', 'warn'));
        $this->assertTrue(HealthStatus::isValid('critical'));
        $this->assertFalse(HealthStatus::isValid('CRITICAL'));
        $this->assertFalse(HealthStatus::isValid('unknown'));
        $this->expectException(InvalidArgumentException::class);
        HealthStatus::worst('ok', 'fine');
    }

    public function testSignalCatalogue(): void
    {
        $all = SignalCode::all();
        $this->assertSame(['hb_in_flight', 'hb_stuck', 'hb_missing_end', 'hb_abandoned', 'fsr_warn', 'fsr_critical',
            'blocked', 'wipe_pending', 'wipe_complete', 'backlog_pending', 'backlog_stuck'], $all);
        $texts = array_map([SignalCode::class, 'describe'], $all);
        $this->assertCount(11, array_unique($texts));
        foreach ($texts as $text) {
            $this->assertMatchesRegularExpression('/^[A-Z].+\.$/', $text);
        }
        $this->expectException(InvalidArgumentException::class);
        SignalCode::describe('hb_lost');
    }

    public function testFleetSummary(): void
    {
        $devices = [
            self::evaluate(['cacheTimestamp' => self::NOW]),                                    // ok, active
            self::evaluate(['blocked' => true, 'cacheTimestamp' => self::NOW - 10]),            // warn, active
            self::evaluate(['foldersyncrequired' => 5]),                                        // critical, stuck
            self::evaluate(['rwstatus' => 2, 'accountOnlyRwstatus' => 0]),                      // warn, wipe
            self::evaluate(['lasthbsyncstarted' => self::NOW - 1000, 'lastsyncendnormal' => self::NOW - 2000]), // warn, stuck
            self::backlog(10, 3),                                                               // critical, stuck
        ];
        $summary = FleetSummary::fromDevices($devices, self::NOW);
        $this->assertSame([
            'devices' => 6, 'active' => 2, 'ok' => 1, 'warn' => 3, 'critical' => 2, 'stuck' => 3,
            'wipePending' => 1, 'blocked' => 1, 'asOf' => self::NOW,
        ], $summary->toArray());
        $this->assertTrue($summary->hasCritical());

        $calm = FleetSummary::fromDevices(new \ArrayIterator([$devices[0], $devices[1]]), self::NOW);
        $this->assertFalse($calm->hasCritical());
        $this->assertSame(2, $calm->devices);
        $this->assertSame(0, FleetSummary::fromDevices([], 5)->devices);
    }
}
