<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Ops;

use Closure;
use Horde_ActiveSync_State_Base;
use InvalidArgumentException;
use Throwable;

/**
 * The eas-ops command (php/bin/eas-ops): the operations monitor for
 * administrators, reading a state database and never writing to it.
 * What Horde 6 offers as `horde-activesync summary|show|top`.
 *
 *   eas-ops summary [--format=table|json] [filters]
 *   eas-ops show USER DEVICE [--format=table|json]
 *   eas-ops top [filters] [--limit=N] [--sort=health|age|user|device]
 *               [--format=table|json] [--watch[=SEC]]
 *
 * Exit codes: 0 fine (summary: no critical device), 1 summary: a critical
 * device, show: no such device; 2 the state database is unavailable;
 * 64 a usage error.
 *
 * @package ActiveSync
 */
final class Console
{
    const EXIT_OK = 0;
    const EXIT_CRITICAL = 1;
    const EXIT_UNAVAILABLE = 2;
    const EXIT_USAGE = 64;

    /** Options that take a value, and the commands that accept them. */
    private const VALUED = [
        'data' => '*', 'state' => '*', 'config' => '*', 'db-config' => '*', 'logdir' => '*', 'now' => '*',
        'format' => '*', 'active-within' => '*',
        'user' => ['summary', 'top'], 'device' => ['summary', 'top'], 'health' => ['summary', 'top'],
        'limit' => ['top'], 'sort' => ['top'], 'interval' => ['top'], 'iterations' => ['top'],
    ];

    /** Options without a value (watch may have one: --watch=SEC). */
    private const FLAGS = ['help' => '*', 'stuck-only' => ['summary', 'top'], 'watch' => ['top']];

    const USAGE = <<<'TXT'
usage: eas-ops [SOURCE] summary [--format=table|json] [FILTERS]
       eas-ops [SOURCE] show USER DEVICE [--format=table|json]
       eas-ops [SOURCE] top [FILTERS] [--limit=N] [--sort=health|age|user|device]
                            [--format=table|json] [--watch[=SEC]] [--iterations=N]

Reads an ActiveSync state database and reports the health of its devices;
it never writes to it.

SOURCE (the first that is given):
  --state=FILE        a SQLite state database
  --db-config=FILE    a PHP file returning Horde_Db parameters
                      (['adapter' => 'Pdo_Pgsql', 'host' => ..., ...])
                      or a Horde_Db_Adapter
  --data=DIR          the embedded server's data directory (DIR/state.sqlite)
  --config=FILE       the embedded server's configuration file (default:
                      $EAS_SERVER_CONFIG); its 'data' and 'logdir' are used
  (none)              the embedded server's default data directory
  --logdir=DIR        the per-device protocol logs (log paths in the output)

FILTERS:
  --user=USER         this user only
  --device=ID         device ids starting with ID
  --health=LEVEL      at least this level: ok, warn or critical
  --stuck-only        devices with hb_stuck, hb_missing_end, fsr_critical
                      or backlog_stuck only
  --active-within=SEC state this recent counts as active (default 300)

  --now=EPOCH         evaluate as of this time instead of now

Exit codes: 0 fine (summary: no critical device), 1 summary: at least one
critical device, show: no such device; 2 the state database is unavailable;
64 usage error.
TXT;

    /** @var resource */
    private $out;
    /** @var resource */
    private $err;
    private readonly Closure $sleep;
    private readonly bool $tty;

    /**
     * @param resource $out
     * @param resource $err
     * @param callable|null $sleep  Sleeps between --watch rounds (seconds).
     * @param bool|null $tty        Whether $out is a terminal (colours,
     *                              screen clearing); null: find out.
     */
    public function __construct($out, $err, ?callable $sleep = null, ?bool $tty = null)
    {
        $this->out = $out;
        $this->err = $err;
        $this->sleep = $sleep === null ? Closure::fromCallable('sleep') : Closure::fromCallable($sleep);
        $this->tty = $tty ?? (function_exists('stream_isatty') && @stream_isatty($out));
    }

    /**
     * @param string[] $args  The arguments, without the program name.
     *
     * @return int  The exit code.
     */
    public function run(array $args): int
    {
        try {
            [$command, $positional, $options] = $this->parse($args);
        } catch (InvalidArgumentException $e) {
            return $this->usage($e->getMessage());
        }
        if (isset($options['help']) || $command === 'help') {
            $this->write(self::USAGE . "\n");
            return self::EXIT_OK;
        }
        if ($command === null) {
            return $this->usage('no command given');
        }
        try {
            $format = $options['format'] ?? 'table';
            if ($format !== 'table' && $format !== 'json') {
                throw new InvalidArgumentException('--format is table or json');
            }
            $now = self::integer($options, 'now', null, 0);
            $activeWithin = self::integer($options, 'active-within', null, 0);
            switch ($command) {
            case 'summary':
                if ($positional) {
                    throw new InvalidArgumentException('summary takes no arguments');
                }
                $query = $this->query($options, $activeWithin, 0, FleetQuery::SORT_HEALTH);
                return $this->summary($this->reader($options, $now), $query, $format);
            case 'show':
                if (count($positional) !== 2) {
                    throw new InvalidArgumentException('show takes USER and DEVICE');
                }
                return $this->show($this->reader($options, $now), $positional[0], $positional[1], $activeWithin, $format);
            case 'top':
                if ($positional) {
                    throw new InvalidArgumentException('top takes no arguments');
                }
                $query = $this->query($options, $activeWithin, self::integer($options, 'limit', 50, 0),
                    $options['sort'] ?? FleetQuery::SORT_HEALTH);
                $watch = array_key_exists('watch', $options) && $format === 'table';
                // --watch=SEC is --watch --interval=SEC.
                $interval = isset($options['watch']) && $options['watch'] !== true
                    ? self::integer($options, 'watch', 2, 0)
                    : self::integer($options, 'interval', 2, 0);
                $iterations = self::integer($options, 'iterations', 0, 0);
                return $this->top($this->reader($options, $now), $query, $format, $watch, $interval, $iterations);
            }
        } catch (InvalidArgumentException $e) {
            return $this->usage($e->getMessage());
        } catch (Unavailable $e) {
            return $this->unavailable($e->getMessage());
        } catch (Throwable $e) {
            // The backend failed while reading (a broken database, a
            // missing table): the data is not available.
            return $this->unavailable($e->getMessage());
        }
        return $this->usage(sprintf('unknown command "%s"', $command));
    }

    /* ---- commands ---------------------------------------------------------- */

    private function summary(FleetReader $reader, FleetQuery $query, string $format): int
    {
        $report = $reader->fleet($query);
        $this->reportSkipped($report);
        $summary = $report->summary;
        if ($format === 'json') {
            $this->json($summary->toArray() + ['skipped' => count($report->skipped)]);
        } else {
            $rows = [
                'Devices' => $summary->devices, 'Active' => $summary->active,
                'OK' => $summary->ok, 'Warn' => $summary->warn, 'Critical' => $summary->critical,
                'Stuck' => $summary->stuck, 'Wipe pending' => $summary->wipePending,
                'Blocked' => $summary->blocked,
            ];
            if ($report->skipped) {
                $rows['Unreadable'] = count($report->skipped);
            }
            $rows['As of'] = date('c', $summary->asOf);
            foreach ($rows as $label => $value) {
                $this->write(sprintf("%-13s %s\n", $label . ':', $value));
            }
        }
        return $summary->hasCritical() ? self::EXIT_CRITICAL : self::EXIT_OK;
    }

    private function show(FleetReader $reader, string $user, string $deviceId, ?int $activeWithin, string $format): int
    {
        $device = $reader->device($user, $deviceId, $activeWithin);
        if ($device === null) {
            $this->error(sprintf('no device %s of user %s', $deviceId, $user));
            return self::EXIT_CRITICAL;
        }
        if ($format === 'json') {
            $this->json($device->toArray());
            return self::EXIT_OK;
        }
        $this->write(sprintf("%s %s (%s, EAS %s)\n", $device->user, $device->deviceId,
            $device->deviceType === '' ? 'unknown type' : $device->deviceType, $device->version ?? 'n/a'));
        $this->write('Status:      ' . $this->level($device->status) . "\n");
        $this->write('Active:      ' . ($device->active ? 'yes' : 'no') . "\n");
        $this->write('Last seen:   ' . self::age($device->ageSeconds) . ($device->ageSeconds === null ? '' : ' ago') . "\n");
        $this->write('Heartbeat:   ' . ($device->hbinterval === null ? 'n/a' : $device->hbinterval . 's') . "\n");
        $this->write('FSR ignored: ' . $device->foldersyncrequired . "\n");
        $this->write('Log:         ' . ($device->logPath ?? 'n/a') . "\n");
        $this->write("Signals:\n");
        if (!$device->signals) {
            $this->write("  none\n");
        }
        foreach ($device->signals as $signal) {
            $this->write(sprintf("  %s [%s] %s\n", $signal->code, $this->level($signal->severity), $signal->detail));
        }
        $this->write("Collections:\n");
        if (!$device->collections) {
            $this->write("  none\n");
        }
        foreach ($device->collections as $collection) {
            $this->write(sprintf("  %s %s class=%s serverid=%s synckey=%s\n", $collection->id,
                $this->level($collection->status), $collection->class ?? 'n/a', $collection->serverid ?? 'n/a',
                $collection->lastsynckey ?? 'n/a'));
            foreach ($collection->signals as $signal) {
                $this->write(sprintf("    %s [%s] %s\n", $signal->code, $this->level($signal->severity), $signal->detail));
            }
        }
        return self::EXIT_OK;
    }

    private function top(FleetReader $reader, FleetQuery $query, string $format, bool $watch, int $interval,
        int $iterations): int
    {
        for ($round = 1; ; $round++) {
            $report = $reader->fleet($query);
            if ($format === 'json') {
                $this->json($report->toArray());
                return self::EXIT_OK;
            }
            if ($watch) {
                $this->write($this->tty ? "\033[H\033[J" : ($round > 1 ? "\n" : ''));
            }
            $this->reportSkipped($report);
            $this->table($report);
            if (!$watch || ($iterations > 0 && $round >= $iterations)) {
                return self::EXIT_OK;
            }
            ($this->sleep)($interval);
        }
    }

    /* ---- rendering ----------------------------------------------------------- */

    private function table(FleetReport $report): void
    {
        $summary = $report->summary;
        $line = sprintf('devices=%d active=%d ok=%d warn=%d critical=%d stuck=%d wipe_pending=%d blocked=%d  as of %s',
            $summary->devices, $summary->active, $summary->ok, $summary->warn, $summary->critical, $summary->stuck,
            $summary->wipePending, $summary->blocked, date('H:i:s', $report->asOf));
        if (count($report->devices) < $summary->devices) {
            $line .= sprintf(' (%d of %d shown)', count($report->devices), $summary->devices);
        }
        $this->write($line . "\n");

        $rows = [['USER', 'DEVICE', 'TYPE', 'VER', 'SEEN', 'HB', 'FSR', 'ACTIVE', 'HEALTH', 'SIGNALS']];
        foreach ($report->devices as $device) {
            $codes = [];
            foreach ($device->signals as $signal) {
                if ($signal->severity !== HealthStatus::OK) {
                    $codes[$signal->code] = true;
                }
            }
            foreach ($device->collections as $collection) {
                foreach ($collection->signals as $signal) {
                    $codes[$signal->code] = true;
                }
            }
            $rows[] = [
                self::clip($device->user, 28), self::clip($device->deviceId, 32), self::clip($device->deviceType, 16),
                $device->version ?? '-', self::age($device->ageSeconds),
                $device->hbinterval === null ? '-' : (string)$device->hbinterval,
                (string)$device->foldersyncrequired, $device->active ? 'yes' : 'no', $device->status,
                $codes ? implode(',', array_keys($codes)) : '-',
            ];
        }
        $widths = [];
        foreach ($rows as $row) {
            foreach ($row as $i => $cell) {
                $widths[$i] = max($widths[$i] ?? 0, self::width($cell));
            }
        }
        foreach ($rows as $n => $row) {
            $cells = [];
            foreach ($row as $i => $cell) {
                $padded = $cell . str_repeat(' ', $widths[$i] - self::width($cell));
                // The level in colour (on a terminal), padded as before.
                $cells[] = $n > 0 && $i === 8 ? str_replace($cell, $this->level($cell), $padded) : $padded;
            }
            $this->write(rtrim(implode('  ', $cells)) . "\n");
        }
    }

    private function reportSkipped(FleetReport $report): void
    {
        foreach ($report->skipped as $skip) {
            $this->error(sprintf('cannot read the SyncCache of %s %s (left out): %s',
                $skip['user'], $skip['deviceId'], $skip['error']));
        }
    }

    private function level(string $status): string
    {
        if (!$this->tty) {
            return $status;
        }
        $colour = [HealthStatus::OK => '32', HealthStatus::WARN => '33', HealthStatus::CRITICAL => '31'][$status] ?? null;
        return $colour === null ? $status : "\033[" . $colour . 'm' . $status . "\033[0m";
    }

    /** 42s, 5m07s, 3h05m, 2d04h; n/a when unknown. */
    private static function age(?int $seconds): string
    {
        if ($seconds === null) {
            return 'n/a';
        }
        if ($seconds < 0) {
            return '0s';
        }
        if ($seconds < 60) {
            return $seconds . 's';
        }
        if ($seconds < 3600) {
            return sprintf('%dm%02ds', intdiv($seconds, 60), $seconds % 60);
        }
        if ($seconds < 86400) {
            return sprintf('%dh%02dm', intdiv($seconds, 3600), intdiv($seconds % 3600, 60));
        }
        return sprintf('%dd%02dh', intdiv($seconds, 86400), intdiv($seconds % 86400, 3600));
    }

    private static function width(string $text): int
    {
        return function_exists('mb_strwidth') ? mb_strwidth($text, 'UTF-8') : strlen($text);
    }

    /** At most $max characters, the last one an ellipsis when cut. */
    private static function clip(string $text, int $max): string
    {
        if (!function_exists('mb_substr')) {
            return strlen($text) > $max ? substr($text, 0, $max - 3) . '...' : $text;
        }
        return mb_strlen($text, 'UTF-8') > $max ? mb_substr($text, 0, $max - 1, 'UTF-8') . '…' : $text;
    }

    private function json(array $data): void
    {
        $this->write(json_encode($data, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
            | JSON_INVALID_UTF8_SUBSTITUTE) . "\n");
    }

    private function write(string $text): void
    {
        fwrite($this->out, $text);
    }

    private function error(string $text): void
    {
        fwrite($this->err, 'eas-ops: ' . $text . "\n");
    }

    private function usage(string $why): int
    {
        $this->error($why);
        $synopsis = array_slice(explode("\n", self::USAGE), 0, 4);
        fwrite($this->err, implode("\n", $synopsis) . "\n(eas-ops --help describes every option)\n");
        return self::EXIT_USAGE;
    }

    private function unavailable(string $why): int
    {
        $this->error('the state database is unavailable: ' . $why);
        return self::EXIT_UNAVAILABLE;
    }

    /* ---- arguments ----------------------------------------------------------- */

    /**
     * @return array  [command or null, positional arguments, name => value
     *                (true for a flag)].
     * @throws InvalidArgumentException
     */
    private function parse(array $args): array
    {
        $command = null;
        $positional = [];
        $options = [];
        $onlyPositional = false;
        for ($i = 0; $i < count($args); $i++) {
            $arg = (string)$args[$i];
            if ($onlyPositional || $arg === '-' || strncmp($arg, '-', 1) !== 0) {
                if ($command === null) {
                    $command = $arg;
                } else {
                    $positional[] = $arg;
                }
                continue;
            }
            if ($arg === '--') {
                $onlyPositional = true;
                continue;
            }
            if ($arg === '-h') {
                $arg = '--help';
            }
            if (strncmp($arg, '--', 2) !== 0) {
                throw new InvalidArgumentException(sprintf('unknown option %s', $arg));
            }
            $eq = strpos($arg, '=');
            $name = substr($arg, 2, $eq === false ? null : $eq - 2);
            if (isset(self::VALUED[$name])) {
                if ($eq !== false) {
                    $value = substr($arg, $eq + 1);
                } elseif ($i + 1 < count($args)) {
                    $value = (string)$args[++$i];
                } else {
                    throw new InvalidArgumentException(sprintf('--%s needs a value', $name));
                }
            } elseif (isset(self::FLAGS[$name])) {
                if ($eq !== false && $name !== 'watch') {
                    throw new InvalidArgumentException(sprintf('--%s takes no value', $name));
                }
                $value = $eq === false ? true : substr($arg, $eq + 1);
            } else {
                throw new InvalidArgumentException(sprintf('unknown option --%s', $name));
            }
            $options[$name] = $value;
        }
        foreach (array_keys($options) as $name) {
            $allowed = self::VALUED[$name] ?? self::FLAGS[$name];
            if ($command !== null && $allowed !== '*' && !in_array($command, $allowed, true)
                && in_array($command, ['summary', 'show', 'top'], true)) {
                throw new InvalidArgumentException(sprintf('%s does not take --%s', $command, $name));
            }
        }
        return [$command, $positional, $options];
    }

    private function query(array $options, ?int $activeWithin, int $limit, string $sort): FleetQuery
    {
        $text = static function ($name) use ($options): ?string {
            return isset($options[$name]) && $options[$name] !== '' ? (string)$options[$name] : null;
        };
        return new FleetQuery($text('user'), $text('device'), $activeWithin, $text('health'),
            isset($options['stuck-only']), $limit, $sort);
    }

    /**
     * @throws InvalidArgumentException  when it is not a whole number >= $min
     */
    private static function integer(array $options, string $name, ?int $default, int $min): ?int
    {
        if (!isset($options[$name]) || $options[$name] === true) {
            return $default;
        }
        $value = (string)$options[$name];
        if (!preg_match('/^-?\d+$/D', $value) || (int)$value < $min) {
            throw new InvalidArgumentException(sprintf('--%s takes a whole number of at least %d', $name, $min));
        }
        return (int)$value;
    }

    /* ---- the state database ----------------------------------------------------- */

    /**
     * @throws Unavailable
     */
    private function reader(array $options, ?int $now): FleetReader
    {
        [$state, $logDir] = $this->openState($options);
        $clock = $now === null ? null : static function () use ($now): int {
            return $now;
        };
        return new FleetReader($state, $clock, $logDir);
    }

    /**
     * The state backend, read-only, and the log directory.
     *
     * @return array  [Horde_ActiveSync_State_Base, string|null]
     * @throws Unavailable
     */
    private function openState(array $options): array
    {
        $logDir = isset($options['logdir']) ? (string)$options['logdir'] : null;
        try {
            if (isset($options['state'])) {
                $db = StateSource::sqlite((string)$options['state']);
            } elseif (isset($options['db-config'])) {
                $db = StateSource::configured((string)$options['db-config']);
            } elseif (isset($options['data'])) {
                $db = StateSource::sqlite(StateSource::stateFile((string)$options['data']));
            } else {
                [$data, $serverLogs] = StateSource::embeddedServer($options['config'] ?? (getenv('EAS_SERVER_CONFIG') ?: null));
                $logDir = $logDir ?? $serverLogs;
                $db = StateSource::sqlite(StateSource::stateFile($data));
            }
            return [StateSource::readOnly($db), $logDir];
        } catch (Unavailable $e) {
            throw $e;
        } catch (Throwable $e) {
            throw new Unavailable($e->getMessage(), 0, $e);
        }
    }
}
