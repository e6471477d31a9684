<?php
/**
 * php/bin/eas-ops against a real SQLite state database made by this
 * repository's migrations (tests/phpunit/Ops/Fleet.php): summary, show and
 * top, their output and exit codes (0, 1 critical / no such device,
 * 2 unavailable, 64 usage), the ways to name the database, --watch; and
 * that nothing it does changes the database.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Ops;

use Horde\ActiveSync\Ops\Console;
use PHPUnit\Framework\TestCase;

class ConsoleTest extends TestCase
{
    /** @var Fleet */
    private $fleet;

    protected function setUp(): void
    {
        $this->fleet = new Fleet($this);
    }

    /**
     * Runs the command in a PHP process of its own.
     *
     * @return array  [exit code, stdout, stderr]
     */
    private static function easOps(array $args, array $env = []): array
    {
        $cmd = escapeshellarg(PHP_BINARY) . ' -d date.timezone=UTC -d extension=' . escapeshellarg(EAS_EXTENSION_PATH) . ' '
            . escapeshellarg(EAS_TEST_ROOT . '/php/bin/eas-ops') . ' ' . implode(' ', array_map('escapeshellarg', $args));
        $proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null,
            $env + ['PATH' => getenv('PATH') ?: '/usr/bin:/bin']);
        fclose($pipes[0]);
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        return [proc_close($proc), $out, $err];
    }

    /** The same in this process, with a recorded sleep. */
    private function console(array $args, array &$sleeps = null): array
    {
        $out = fopen('php://memory', 'w+');
        $err = fopen('php://memory', 'w+');
        $sleeps = [];
        $console = new Console($out, $err, function ($seconds) use (&$sleeps) {
            $sleeps[] = $seconds;
        }, false);
        $rc = $console->run($args);
        rewind($out);
        rewind($err);
        return [$rc, stream_get_contents($out), stream_get_contents($err)];
    }

    private function state(): string
    {
        return '--state=' . $this->fleet->file;
    }

    private static function now(): string
    {
        return '--now=' . Fleet::NOW;
    }

    private static function json(string $out): array
    {
        $decoded = json_decode($out, true);
        self::assertIsArray($decoded, $out);
        return $decoded;
    }

    /* ---- summary ------------------------------------------------------------ */

    public function testSummaryExitsWithOneWhenADeviceIsCritical(): void
    {
        $before = $this->fleet->fingerprint();
        [$rc, $out, $err] = self::easOps([$this->state(), 'summary', self::now()]);
        $this->assertSame(1, $rc, $err);
        $this->assertStringContainsString("Devices:      7\n", $out);
        $this->assertStringContainsString("Critical:     2\n", $out);
        $this->assertStringContainsString("Stuck:        3\n", $out);
        $this->assertStringContainsString("Wipe pending: 1\n", $out);
        $this->assertStringContainsString("Unreadable:   1\n", $out);
        $this->assertStringContainsString('As of:        2025-06-15T15:06:40+00:00', $out);
        $this->assertStringContainsString('cannot read the SyncCache of dave BROKEN7', $err);

        [$rc, $out] = self::easOps([$this->state(), 'summary', '--format=json', self::now()]);
        $this->assertSame(1, $rc);
        $this->assertSame(['devices' => 7, 'active' => 4, 'ok' => 2, 'warn' => 3, 'critical' => 2, 'stuck' => 3,
            'wipePending' => 1, 'blocked' => 1, 'asOf' => Fleet::NOW, 'skipped' => 1], self::json($out));
        $this->assertSame($before, $this->fleet->fingerprint(), 'eas-ops changed the database');
    }

    public function testSummaryExitsWithZeroWithoutCriticalDevices(): void
    {
        [$rc, $out, $err] = self::easOps([$this->state(), 'summary', '--format=json', '--user=alice', self::now()]);
        $this->assertSame(0, $rc, $err);
        $summary = self::json($out);
        $this->assertSame(2, $summary['devices']);
        $this->assertSame(0, $summary['critical']);
        $this->assertSame(0, $summary['skipped']);

        [$rc, $out] = $this->console([$this->state(), 'summary', '--format=json', '--health', 'warn',
            '--device=OUT', self::now()]);
        $this->assertSame(0, $rc);
        $this->assertSame(1, self::json($out)['devices']);
        [$rc, $out] = $this->console([$this->state(), 'summary', '--format=json', '--stuck-only', self::now()]);
        $this->assertSame(1, $rc);
        $this->assertSame(3, self::json($out)['devices']);
        [$rc, $out] = $this->console([$this->state(), 'summary', '--format=json', '--active-within=5000', self::now()]);
        $this->assertSame(6, self::json($out)['active']);
    }

    public function testTheDatabaseUnavailableIsTwo(): void
    {
        [$rc, $out, $err] = self::easOps(['--state=' . $this->fleet->dir . '/missing.sqlite', 'summary']);
        $this->assertSame(2, $rc);
        $this->assertSame('', $out);
        $this->assertStringContainsString('unavailable: no state database at', $err);
        $this->assertFileDoesNotExist($this->fleet->dir . '/missing.sqlite');

        file_put_contents($this->fleet->dir . '/text.sqlite', str_repeat("not a database\n", 100));
        [$rc] = self::easOps(['--state=' . $this->fleet->dir . '/text.sqlite', 'summary', '--format=json']);
        $this->assertSame(2, $rc);

        touch($this->fleet->dir . '/empty.sqlite');
        [$rc, , $err] = self::easOps(['--state=' . $this->fleet->dir . '/empty.sqlite', 'top']);
        $this->assertSame(2, $rc, 'no tables');
        $this->assertStringContainsString('unavailable', $err);
        [$rc] = self::easOps(['--state=' . $this->fleet->dir . '/empty.sqlite', 'show', 'alice', 'IPHONE1']);
        $this->assertSame(2, $rc);

        [$rc] = self::easOps(['--data=' . $this->fleet->dir . '/nowhere', 'summary']);
        $this->assertSame(2, $rc);
        [$rc] = self::easOps(['summary'], ['EAS_SERVER_CONFIG' => $this->fleet->dir . '/no-config.php']);
        $this->assertSame(2, $rc);
        [$rc, , $err] = $this->console(['--db-config=' . $this->fleet->dir . '/no-db.php', 'summary']);
        $this->assertSame(2, $rc);
        $this->assertStringContainsString('no database configuration', $err);
    }

    public function testUsageErrorsAre64(): void
    {
        foreach ([[], ['frobnicate'], ['summary', '--health=bad'], ['summary', '--format=xml'], ['summary', 'extra'],
                  ['top', '--sort=colour'], ['top', '--limit=-1'], ['top', '--limit=many'], ['show', 'alice'],
                  ['show', 'a', 'b', 'c'], ['summary', '--bogus'], ['summary', '--stuck-only=yes'],
                  ['show', 'alice', 'X', '--limit=3'], ['summary', '--user'], ['summary', '-x']] as $args) {
            [$rc, $out, $err] = $this->console(array_merge([$this->state()], $args));
            $this->assertSame(64, $rc, implode(' ', $args));
            $this->assertSame('', $out);
            $this->assertStringContainsString('eas-ops --help', $err);
        }
        [$rc, $out, $err] = self::easOps(['summary', '--health=bad']);
        $this->assertSame(64, $rc);
        $this->assertStringContainsString('Unknown health level "bad"', $err);

        [$rc, $out] = self::easOps(['--help']);
        $this->assertSame(0, $rc);
        $this->assertStringContainsString('--stuck-only', $out);
        $this->assertStringContainsString('64 usage error', $out);
    }

    /* ---- show ---------------------------------------------------------------- */

    public function testShow(): void
    {
        [$rc, $out, $err] = self::easOps([$this->state(), '--logdir=/var/log/eas', 'show', 'carol', 'PHONE5', self::now()]);
        $this->assertSame(0, $rc, $err);
        $this->assertSame(implode("\n", [
            'carol PHONE5 (SmartPhone, EAS 14.1)',
            'Status:      critical',
            'Active:      yes',
            'Last seen:   30s ago',
            'Heartbeat:   n/a',
            'FSR ignored: 0',
            'Log:         /var/log/eas/PHONE5.txt',
            'Signals:',
            '  none',
            'Collections:',
            '  F-INBOX critical class=Email serverid=INBOX synckey={inbox}7',
            '    backlog_stuck [critical] ' . \Horde\ActiveSync\Ops\SignalCode::describe('backlog_stuck'),
            '  F-CAL ok class=Calendar serverid=@Calendar@ synckey={cal}2',
            '',
        ]), $out);

        [$rc, $out] = self::easOps([$this->state(), 'show', 'alice', 'iphone1', '--format=json', self::now()]);
        $this->assertSame(0, $rc);
        $device = self::json($out);
        $this->assertSame('IPHONE1', $device['deviceId']);
        $this->assertSame(5, $device['ageSeconds']);
        $this->assertSame(['hb_in_flight'], array_column($device['signals'], 'code'));
        $this->assertNull($device['logPath']);
    }

    public function testShowOfAnUnknownDeviceIsOne(): void
    {
        [$rc, $out, $err] = self::easOps([$this->state(), 'show', 'alice', 'ANDROID3']);
        $this->assertSame(1, $rc);
        $this->assertSame('', $out);
        $this->assertStringContainsString('no device ANDROID3 of user alice', $err);
        [$rc, , $err] = self::easOps([$this->state(), 'show', 'dave', 'BROKEN7']);
        $this->assertSame(2, $rc, 'its cache cannot be read');
        $this->assertStringContainsString('cannot be decoded', $err);
    }

    /* ---- top ------------------------------------------------------------------ */

    public function testTopTable(): void
    {
        [$rc, $out, $err] = self::easOps([$this->state(), 'top', self::now()]);
        $this->assertSame(0, $rc, 'top reports; it does not judge');
        $lines = explode("\n", rtrim($out));
        $this->assertSame('devices=7 active=4 ok=2 warn=3 critical=2 stuck=3 wipe_pending=1 blocked=1  as of 15:06:40',
            $lines[0]);
        $this->assertMatchesRegularExpression('/^USER +DEVICE +TYPE +VER +SEEN +HB +FSR +ACTIVE +HEALTH +SIGNALS$/', $lines[1]);
        $this->assertCount(9, $lines);
        $rows = array_map(function ($line) {
            return preg_split('/ {2,}/', $line);
        }, array_slice($lines, 2));
        $this->assertSame(Fleet::BY_HEALTH, array_column($rows, 1));
        $this->assertSame(['carol', 'PHONE5', 'SmartPhone', '14.1', '30s', '-', '0', 'yes', 'critical', 'backlog_stuck'],
            $rows[0]);
        $this->assertSame(['bob', 'ANDROID3', 'Android', '14.0', '1h06m', '-', '5', 'no', 'critical', 'fsr_critical'],
            $rows[1]);
        $this->assertSame(['bob', 'OUTLOOK4', 'WindowsOutlook15', '16.0', '50s', '-', '3', 'yes', 'warn',
            'fsr_warn,wipe_pending'], $rows[2]);
        $this->assertSame(['alice', 'IPHONE1', 'iPhone', '16.1', '3m20s', '900', '0', 'yes', 'ok', '-'], $rows[5],
            'ok signals (hb_in_flight) are not listed');
        $this->assertSame(['erin', 'NEW8', 'Android', '-', 'n/a', '-', '0', 'no', 'ok', '-'], $rows[6]);
        $this->assertStringContainsString('BROKEN7', $err);
    }

    public function testTopFiltersAndLimit(): void
    {
        [$rc, $out] = $this->console([$this->state(), 'top', '--limit=2', self::now()]);
        $this->assertSame(0, $rc);
        $lines = explode("\n", rtrim($out));
        $this->assertStringEndsWith('(2 of 7 shown)', $lines[0]);
        $this->assertCount(4, $lines);

        [, $out] = $this->console([$this->state(), 'top', '--stuck-only', '--sort=user', self::now()]);
        $this->assertSame(['ANDROID3', 'PHONE5', 'PHONE6'], self::column($out, 1));
        [, $out] = $this->console([$this->state(), 'top', '--health=critical', '--sort', 'device', self::now()]);
        $this->assertSame(['ANDROID3', 'PHONE5'], self::column($out, 1));
        [, $out] = $this->console([$this->state(), 'top', '--user=alice', '--device=IPH', self::now()]);
        $this->assertSame(['IPHONE1'], self::column($out, 1));
        [, $out] = $this->console([$this->state(), 'top', '--sort=age', '--active-within=4000', self::now()]);
        $this->assertSame(['PHONE5', 'OUTLOOK4', 'IPAD2', 'IPHONE1', 'PHONE6', 'ANDROID3', 'NEW8'], self::column($out, 1));
        $this->assertSame(['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'no'], self::column($out, 7));
    }

    private static function column(string $table, int $index): array
    {
        $values = [];
        foreach (array_slice(explode("\n", rtrim($table)), 2) as $line) {
            $values[] = preg_split('/ {2,}/', $line)[$index];
        }
        return $values;
    }

    public function testTopJson(): void
    {
        [$rc, $out] = self::easOps([$this->state(), '--logdir=/logs', 'top', '--format=json', '--limit=3', self::now()]);
        $this->assertSame(0, $rc);
        $report = self::json($out);
        $this->assertSame(['summary', 'devices', 'skipped', 'asOf'], array_keys($report));
        $this->assertSame(7, $report['summary']['devices']);
        $this->assertSame(['PHONE5', 'ANDROID3', 'OUTLOOK4'], array_column($report['devices'], 'deviceId'));
        $this->assertSame('/logs/PHONE5.txt', $report['devices'][0]['logPath']);
        $this->assertSame([['user' => 'dave', 'deviceId' => 'BROKEN7',
            'error' => 'the stored SyncCache cannot be decoded (left as it is)']], $report['skipped']);
        $this->assertSame(Fleet::NOW, $report['asOf']);
    }

    public function testTopWatch(): void
    {
        [$rc, $out] = $this->console([$this->state(), 'top', '--watch', '--iterations=3', '--interval=7', self::now()],
            $sleeps);
        $this->assertSame(0, $rc);
        $this->assertSame(3, substr_count($out, 'devices=7 '));
        $this->assertSame([7, 7], $sleeps);

        [, $out] = $this->console([$this->state(), 'top', '--watch=4', '--iterations=2', self::now()], $sleeps);
        $this->assertSame(2, substr_count($out, 'devices=7 '));
        $this->assertSame([4], $sleeps);

        // JSON is for programs: one snapshot, no loop.
        [, $out] = $this->console([$this->state(), 'top', '--watch', '--format=json', self::now()], $sleeps);
        $this->assertSame(7, self::json($out)['summary']['devices']);
        $this->assertSame([], $sleeps);

        // On a terminal each round clears the screen and levels are coloured.
        $stream = fopen('php://memory', 'w+');
        $console = new Console($stream, fopen('php://memory', 'w+'), function () {
        }, true);
        $console->run([$this->state(), 'top', '--watch', '--iterations=2', '--interval=0', self::now()]);
        rewind($stream);
        $out = stream_get_contents($stream);
        $this->assertSame(2, substr_count($out, "\033[H\033[J"));
        $this->assertStringContainsString("\033[31mcritical\033[0m", $out);

        // The real command ends after its rounds.
        [$rc, $out] = self::easOps([$this->state(), 'top', '--watch=0', '--iterations=2', self::now()]);
        $this->assertSame(0, $rc);
        $this->assertSame(2, substr_count($out, 'devices=7 '));
    }

    /* ---- naming the database ------------------------------------------------- */

    public function testDataDirectoryAndServerConfiguration(): void
    {
        [$rc, $out] = self::easOps(['--data=' . $this->fleet->dir . '/data', 'summary', '--format=json', self::now()]);
        $this->assertSame(1, $rc);
        $this->assertSame(7, self::json($out)['devices']);

        $config = $this->fleet->dir . '/server.php';
        file_put_contents($config, '<?php return ' . var_export(['data' => $this->fleet->dir . '/data',
            'logdir' => $this->fleet->dir . '/log'], true) . ';');
        [$rc, $out] = self::easOps(['show', 'bob', 'OUTLOOK4', '--format=json', self::now()],
            ['EAS_SERVER_CONFIG' => $config]);
        $this->assertSame(0, $rc);
        $this->assertSame($this->fleet->dir . '/log/OUTLOOK4.txt', self::json($out)['logPath']);
        [$rc, $out] = $this->console(['--config=' . $config, '--logdir=/elsewhere', 'show', 'bob', 'OUTLOOK4',
            '--format=json']);
        $this->assertSame('/elsewhere/OUTLOOK4.txt', self::json($out)['logPath'], '--logdir wins');

        $dbConfig = $this->fleet->dir . '/db.php';
        file_put_contents($dbConfig, '<?php return ' . var_export(['adapter' => 'Pdo_Sqlite',
            'dbname' => $this->fleet->file, 'charset' => 'utf-8'], true) . ';');
        [$rc, $out] = self::easOps(['--db-config=' . $dbConfig, 'summary', '--format=json', '--user=bob', self::now()]);
        $this->assertSame(1, $rc);
        $this->assertSame(2, self::json($out)['devices']);
    }

    public function testNothingIsWritten(): void
    {
        $before = $this->fleet->fingerprint();
        $runs = [
            ['summary'], ['summary', '--format=json'], ['top'], ['top', '--format=json'],
            ['show', 'dave', 'BROKEN7'], ['show', 'alice', 'IPHONE1'], ['show', 'carol', 'PHONE5', '--format=json'],
        ];
        foreach ($runs as $args) {
            $this->console(array_merge([$this->state()], $args));
        }
        [$rc] = self::easOps([$this->state(), 'show', 'dave', 'BROKEN7']);
        $this->assertSame(2, $rc);
        $this->assertSame($before, $this->fleet->fingerprint());
        $db = $this->fleet->db();
        $this->assertSame('this is no cache', $db->selectValue(
            'SELECT cache_data FROM horde_activesync_cache WHERE cache_devid = ?', ['BROKEN7']));
        $this->assertSame(0, (int)$db->selectValue('SELECT COUNT(*) FROM horde_activesync_cache WHERE cache_devid = ?',
            ['NEW8']), 'no cache created for a device without one');
    }
}
