<?php
/**
 * An embedded EAS server in its own `php -S` process on a loopback port,
 * running this project's engine or (engine 'horde') Debian's pure-PHP
 * php-horde-activesync with the same driver and front controller.
 *
 * Ports are taken from $EAS_HTTP_PORT upwards (default 10600, 100 ports),
 * so that checkouts testing side by side stay apart.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Support;

use Horde\ActiveSync\Embedded\Admin;
use Horde\ActiveSync\Embedded\Client;
use Horde\ActiveSync\Embedded\Server;
use Horde\ActiveSync\Embedded\Store;
use RuntimeException;

final class HttpServer
{
    /** @var resource */
    private $process;
    /** @var array */
    private $pipes = [];
    /** @var int */
    public $port;
    /** @var string */
    public $dir;
    /** @var string */
    public $engine;
    /** @var array */
    public $config;
    /** @var string|null  A front controller other than server/router.php. */
    private $router;
    /** @var string|null  The extension the server loads (a Horde server: only when given). */
    private $extension;

    /**
     * @param string $engine  'native' or 'horde'.
     * @param array $config   Over the test defaults (see Embedded\Server).
     * @param array $ini      php.ini settings of the server process.
     * @param string|null $router  Its front controller (default: server/router.php).
     * @param string|null $extension  The extension it loads (a native server's
     *                                default: the tests'; a Horde server loads
     *                                none unless given one, whose kept SQLite
     *                                statements the embedded driver then uses).
     */
    public function __construct(string $engine = 'native', array $config = [], array $ini = [], ?string $router = null,
                                ?string $extension = null)
    {
        $this->engine = $engine;
        $this->router = $router;
        $this->extension = $extension ?? ($engine === 'native' ? EAS_EXTENSION_PATH : null);
        $this->dir = sys_get_temp_dir() . '/eas-http-' . getmypid() . '-' . bin2hex(random_bytes(4));
        mkdir($this->dir . '/log', 0700, true);
        $this->config = array_replace_recursive([
            'data' => $this->dir . '/data',
            'logdir' => $this->dir . '/log',
            'version' => $engine === 'horde' ? '16.0' : '16.1',
            'users' => ['demo' => 'demo', 'alice' => 'secret'],
            // Short polls: the tests do not wait for whole heartbeats.
            'ping' => ['heartbeatmin' => 60, 'heartbeatmax' => 2700, 'heartbeatdefault' => 60, 'waitinterval' => 1],
        ], $config);
        file_put_contents($this->dir . '/config.php', '<?php return ' . var_export($this->config, true) . ';');
        if ($engine === 'native' && empty($this->config['migrations'])) {
            $this->_fromTemplate();
        }
        $this->start($ini);
    }

    /**
     * Copies a data directory set up once per test process (schema, users):
     * migrations and password hashing are most of a fresh server's first
     * request.
     */
    private function _fromTemplate(): void
    {
        static $templates = [];
        $key = md5(serialize($this->config['users']));
        if (!isset($templates[$key])) {
            $dir = sys_get_temp_dir() . '/eas-http-template-' . getmypid() . '-' . $key;
            exec('rm -rf ' . escapeshellarg($dir));
            $server = new Server(['data' => $dir, 'users' => $this->config['users'], 'persistent' => false]);
            $server->setup();
            // Fills the store's authentication cache.
            foreach ($this->config['users'] as $user => $password) {
                $server->store()->checkPassword($user, $password);
            }
            unset($server);
            gc_collect_cycles();
            $templates[$key] = $dir;
            register_shutdown_function(function () use ($dir) {
                exec('rm -rf ' . escapeshellarg($dir));
            });
        }
        @mkdir($this->config['data'], 0700, true);
        foreach (glob($templates[$key] . '/*') as $file) {
            if (is_file($file)) {
                copy($file, $this->config['data'] . '/' . basename($file));
            }
        }
    }

    private function start(array $ini): void
    {
        $base = (int)(getenv('EAS_HTTP_PORT') ?: 10600);
        $router = $this->router ?: (getenv('EAS_TEST_ROUTER') ?: EAS_TEST_ROOT . '/server/router.php');
        for ($port = $base; $port < $base + 100; $port++) {
            $probe = @stream_socket_server("tcp://127.0.0.1:$port", $errno, $error);
            if (!$probe) {
                continue;
            }
            fclose($probe);
            // setsid: the server and its workers form a process group that
            // stop() ends as a whole.
            // Errors to a log: the built-in server would print them into
            // responses (display_errors=stderr is for the CLI only).
            // -q: no access-log lines (three writes to server.err a
            // request), work neither engine is measured on.
            $args = ['setsid', PHP_BINARY, '-q', '-d', 'include_path=.:/usr/share/php', '-d', 'error_reporting=-1',
                     '-d', 'display_errors=0', '-d', 'log_errors=1', '-d', 'error_log=' . $this->dir . '/php-errors.log'];
            if ($this->extension !== null) {
                array_push($args, '-d', 'extension=' . $this->extension);
            }
            foreach ($ini as $key => $value) {
                array_push($args, '-d', "$key=$value");
            }
            array_push($args, '-S', "127.0.0.1:$port", $router);
            $env = ['EAS_SERVER_CONFIG' => $this->dir . '/config.php', 'EAS_ENGINE' => $this->engine,
                    'PATH' => getenv('PATH'), 'PHP_CLI_SERVER_WORKERS' => '4'];
            $this->process = proc_open($args, [0 => ['file', '/dev/null', 'r'], 1 => ['file', $this->dir . '/server.out', 'a'],
                2 => ['file', $this->dir . '/server.err', 'a']], $this->pipes, $this->dir, $env);
            $this->port = $port;
            for ($i = 0; $i < 100; $i++) {
                usleep(20000);
                if ($s = @stream_socket_client("tcp://127.0.0.1:$port", $errno, $error, 1)) {
                    fclose($s);
                    return;
                }
                $status = proc_get_status($this->process);
                if (!$status['running']) {
                    break;
                }
            }
            $this->stop();
        }
        throw new RuntimeException('Cannot start a php -S server: ' . @file_get_contents($this->dir . '/server.err'));
    }

    /**
     * CPU time the server's processes (php -S and its workers: one process
     * group) have had so far, user and system, in seconds; null where
     * Linux's /proc/PID/schedstat is not there.
     */
    public function cpuSeconds(): ?float
    {
        if (!$this->process) {
            return null;
        }
        $group = proc_get_status($this->process)['pid'];
        $total = 0;
        $found = false;
        foreach (glob('/proc/[0-9]*/stat') ?: [] as $statFile) {
            $stat = @file_get_contents($statFile);
            if ($stat === false) {
                continue;
            }
            // After "pid (comm) ": state, ppid, pgrp, ...
            $fields = explode(' ', substr($stat, strrpos($stat, ')') + 2));
            if ((int)($fields[2] ?? -1) !== $group) {
                continue;
            }
            $sched = @file_get_contents(dirname($statFile) . '/schedstat');
            if ($sched !== false) {
                $total += (int)explode(' ', $sched)[0];
                $found = true;
            }
        }
        return $found ? $total / 1e9 : null;
    }

    /**
     * The php.ini settings under which a server starts with $script as
     * opcache's preload script (as the user running it, which opcache
     * insists on being told when that is root).
     */
    public static function preloadIni(string $script): array
    {
        $ini = ['opcache.enable' => 1, 'opcache.enable_cli' => 1, 'opcache.preload' => $script];
        if (function_exists('posix_geteuid') && posix_geteuid() === 0) {
            $ini['opcache.preload_user'] = 'root';
        }
        return $ini;
    }

    public function url(): string
    {
        return 'http://127.0.0.1:' . $this->port;
    }

    public function client(string $version, string $device = 'TESTDEVICE', array $options = []): Client
    {
        return new Client($this->url(), $options['user'] ?? 'demo', $options['password'] ?? 'demo',
            ['device' => $device, 'version' => $version] + $options);
    }

    public function store(): Store
    {
        if (!is_dir($this->config['data'])) {
            mkdir($this->config['data'], 0700, true);
        }
        return new Store($this->config['data'] . '/store.sqlite');
    }

    public function admin(): Admin
    {
        return new Admin($this->config['data'] . '/state.sqlite');
    }

    /** PHP's errors, warnings and notices in the server process. */
    public function errors(): string
    {
        $lines = explode("\n", trim((string)@file_get_contents($this->dir . '/php-errors.log')));
        if (getenv('EAS_TEST_ROUTER')) {
            // A development front controller that borrows Debian's classes:
            // their own deprecation notices are not this engine's.
            $lines = array_filter($lines, function ($line) {
                return strpos($line, '/usr/share/php/Horde/ActiveSync/') === false
                    && strpos($line, 'Serializable interface') === false;
            });
        }
        return trim(implode("\n", $lines));
    }

    /** The errors so far, which then no longer count (expected ones). */
    public function takeErrors(): string
    {
        $errors = $this->errors();
        @file_put_contents($this->dir . '/php-errors.log', '');
        return $errors;
    }

    public function log(string $device): string
    {
        return (string)@file_get_contents($this->dir . '/log/' . strtoupper($device) . '.txt');
    }

    public function stop(): void
    {
        if ($this->process) {
            $status = proc_get_status($this->process);
            if ($status['running']) {
                // php -S children share its process group: end them all.
                posix_kill(-$status['pid'], SIGTERM);
                posix_kill($status['pid'], SIGTERM);
            }
            proc_close($this->process);
            $this->process = null;
        }
    }

    public function __destruct()
    {
        $this->stop();
        if ($this->dir && is_dir($this->dir) && !getenv('EAS_KEEP_SERVERS')) {
            exec('rm -rf ' . escapeshellarg($this->dir));
        }
    }
}
