<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Embedded;

use Horde_ActiveSync;
use Horde_Db_Adapter_Pdo_Sqlite;
use Horde_Db_Migration_Migrator;

/**
 * The embedded EAS server: configuration, storage and the HTTP side of a
 * request (what Horde_Rpc_ActiveSync does in Horde): it answers
 * /Microsoft-Server-ActiveSync with whichever Horde_ActiveSync the process
 * loaded — this engine, or Debian's php-horde-activesync for comparison —
 * using Horde's public API only.
 *
 * Responses are buffered and sent with Content-Length, except Sync when the
 * driver's 'streaming' setting is on: then no buffer and no length, so the
 * client sees bytes as the engine writes them.
 *
 * Configuration (an array; see defaults()):
 *   data         directory of the SQLite files (store.sqlite, state.sqlite)
 *   logdir       per-device protocol logs (none when empty)
 *   loglevel     'CLIENT' or 'META'
 *   version      the global ceiling
 *   versions     per-user and per-device ceilings (see Driver)
 *   users        name => password, created on setup()
 *   provisioning true (force), 'loose' or false
 *   policy       policy overrides
 *   denied       users who may not sync
 *   ping, sync   Horde's driver parameters
 *   throttle     ['slots' => N, 'retryafter' => S]: HTTP 503 beyond N
 *                requests at once (this engine only)
 *   migrations   directory of the state schema migrations
 *   imap         mail from an IMAP server: host, port, secure (see Driver)
 *   smtp         outgoing mail: host, port, secure, lmtp, username,
 *                password, maxsize (see Mailer); none without it
 *   persistent   keep the SQLite connections open in the web server's
 *                worker between requests (see SqliteAdapter)
 *   driver       the driver class (Driver or a subclass; the tests give
 *                one that reaches mail)
 *
 * @package ActiveSync
 */
class Server
{
    const PATH = '/Microsoft-Server-ActiveSync';

    /**
     * @var array
     */
    protected $_config;

    /**
     * @var Store
     */
    protected $_store;

    /**
     * @var Horde_Db_Adapter_Pdo_Sqlite
     */
    protected $_db;

    /**
     * @param array $config  Over defaults().
     */
    public function __construct(array $config)
    {
        $this->_config = array_replace_recursive(self::defaults(), $config);
    }

    /**
     * @return array
     */
    public static function defaults()
    {
        return [
            'data' => sys_get_temp_dir() . '/horde-activesync',
            'logdir' => '',
            'loglevel' => 'META',
            'version' => '16.1',
            'versions' => ['users' => [], 'devices' => []],
            'users' => ['demo' => 'demo'],
            'provisioning' => true,
            'policy' => [],
            'denied' => [],
            'ping' => [
                'heartbeatmin' => 60,
                'heartbeatmax' => 2700,
                'heartbeatdefault' => 480,
                'deviceping' => true,
                'waitinterval' => 5,
            ],
            'sync' => ['streaming' => true],
            'throttle' => null,
            'migrations' => null,
            'persistent' => true,
            'imap' => null,
            'smtp' => null,
            'driver' => Driver::class,
        ];
    }

    /**
     * @return array
     */
    public function config()
    {
        return $this->_config;
    }

    /**
     * Whether this process runs this project's engine (or Horde's).
     *
     * @return boolean
     */
    public static function isNative()
    {
        return class_exists('Horde\ActiveSync\Native\Query', false)
            && method_exists('Horde_ActiveSync', 'setThrottle');
    }

    /**
     * @return Store
     */
    public function store()
    {
        if (!$this->_store) {
            $this->_ensureDataDir();
            $this->_store = new Store($this->_config['data'] . '/store.sqlite', !empty($this->_config['persistent']));
        }
        return $this->_store;
    }

    /**
     * @return Horde_Db_Adapter_Pdo_Sqlite  The state database.
     */
    public function stateDb()
    {
        if (!$this->_db) {
            $this->_ensureDataDir();
            $config = ['dbname' => $this->_config['data'] . '/state.sqlite', 'charset' => 'utf-8'];
            if (!empty($this->_config['persistent'])) {
                $this->_db = new SqliteAdapter($config);
            } else {
                $this->_db = new Horde_Db_Adapter_Pdo_Sqlite($config);
                $this->_db->execute('PRAGMA busy_timeout = 10000');
                $this->_db->execute('PRAGMA journal_mode = WAL');
                $this->_db->execute('PRAGMA synchronous = NORMAL');
            }
        }
        return $this->_db;
    }

    /**
     * Creates the schema and the configured users; safe to repeat and to
     * run from parallel requests.
     */
    public function setup()
    {
        $fingerprint = md5(serialize([$this->_config['users'], $this->_migrationsPath()]));
        // Every request asks, so the usual answer is one stat() without a
        // lock: the marker's name holds the fingerprint of what was set up.
        $marker = $this->_config['data'] . '/setup-' . $fingerprint . '.done';
        if (is_file($marker)) {
            return;
        }
        $this->_ensureDataDir();
        $lock = fopen($this->_config['data'] . '/setup.lock', 'c');
        flock($lock, LOCK_EX);
        try {
            clearstatcache(true, $marker);
            if (is_file($marker)) {
                return;
            }
            $migrator = new Horde_Db_Migration_Migrator($this->stateDb(), null, [
                'migrationsPath' => $this->_migrationsPath(),
                'schemaTableName' => 'horde_activesync_schema_info',
            ]);
            $migrator->up();
            foreach ($this->_config['users'] as $name => $password) {
                if (!$this->store()->checkPassword($name, $password)) {
                    $this->store()->addUser($name, $password);
                }
            }
            // Markers of earlier configurations go: a return to one of
            // them sets up again.
            foreach (scandir($this->_config['data']) ?: [] as $old) {
                if (strncmp($old, 'setup', 5) === 0 && substr($old, -5) === '.done') {
                    @unlink($this->_config['data'] . '/' . $old);
                }
            }
            touch($marker);
        } finally {
            flock($lock, LOCK_UN);
            fclose($lock);
        }
    }

    /**
     * Serves the current HTTP request.
     */
    public function handle()
    {
        $method = isset($_SERVER['REQUEST_METHOD']) ? $_SERVER['REQUEST_METHOD'] : 'GET';
        $path = parse_url(isset($_SERVER['REQUEST_URI']) ? $_SERVER['REQUEST_URI'] : '/', PHP_URL_PATH);
        $autodiscover = stripos((string)$path, 'autodiscover/autodiscover') !== false;
        if (!$autodiscover && strcasecmp(rtrim((string)$path, '/'), self::PATH) !== 0) {
            $this->_plain(404, 'Not Found', "This server answers " . self::PATH . "\n");
            return;
        }
        if (!in_array($method, ['OPTIONS', 'POST', 'GET'], true)) {
            header('Allow: OPTIONS,POST');
            $this->_plain(405, 'Method Not Allowed', '');
            return;
        }
        $this->setup();

        // The state is this host's alone: collection locks as lock files.
        $state = new \Horde_ActiveSync_State_Sql(['db' => $this->stateDb(), 'lock_dir' => $this->_config['data'] . '/locks']);
        $class = $this->_config['driver'];
        $driver = new $class([
            'state' => $state,
            'store' => $this->store(),
            'ping' => $this->_config['ping'],
            'sync' => $this->_config['sync'],
            'policy' => $this->_config['policy'],
            'provisioning' => $this->_config['provisioning'],
            'versions' => $this->_config['versions'],
            'denied' => $this->_config['denied'],
            'imap' => $this->_config['imap'],
            'smtp' => $this->_config['smtp'],
            'url' => $this->_url(),
        ]);
        $input = fopen('php://input', 'r');
        $output = fopen('php://output', 'w+');
        $server = new Horde_ActiveSync(
            $driver,
            new \Horde_ActiveSync_Wbxml_Decoder($input),
            new \Horde_ActiveSync_Wbxml_Encoder($output),
            $state,
            new Request());
        $server->setSupportedVersion($this->_config['version']);
        if (!empty($this->_config['logdir'])) {
            $server->setLogger(new \Horde_ActiveSync_Log_Factory([
                'type' => 'perdevice', 'path' => $this->_config['logdir'], 'level' => $this->_config['loglevel']]));
        } elseif (!self::isNative()) {
            // Horde's engine has no logger of its own: it needs one set.
            // This engine without one logs nothing and skips the codec's
            // per-element logging calls.
            $server->setLogger(new NullLogger());
        }
        if (!empty($this->_config['throttle']['slots']) && method_exists($server, 'setThrottle')) {
            $server->setThrottle(new \Horde_ActiveSync_Throttle(
                $this->_config['data'] . '/throttle', (int)$this->_config['throttle']['slots'],
                isset($this->_config['throttle']['retryafter']) ? (int)$this->_config['throttle']['retryafter'] : 30));
        }

        if ($autodiscover) {
            $cmd = 'Autodiscover';
            $device = null;
        } elseif ($method !== 'POST') {
            $cmd = 'Options';
            $device = null;
        } else {
            try {
                $get = $server->getGetVars();
            } catch (\Horde_ActiveSync_Exception_InvalidRequest $e) {
                $this->_plain(400, 'Bad Request', $e->getMessage() . "\n");
                return;
            }
            $cmd = isset($get['Cmd']) ? $get['Cmd'] : '';
            $device = isset($get['DeviceId']) ? $get['DeviceId'] : '';
        }

        // Horde 6 drivers say whether Sync streams; older engines never stream.
        $streaming = $cmd === 'Sync' && method_exists($driver, 'getSyncConfig')
            && !empty($driver->getSyncConfig()['streaming']);
        if ($streaming) {
            // No buffering anywhere: the client's read timeout counts from
            // the last byte it saw.
            @ini_set('zlib.output_compression', '0');
            while (ob_get_level()) {
                ob_end_flush();
            }
            ob_implicit_flush(true);
        } else {
            ob_start();
        }
        $contentType = null;
        try {
            $result = $server->handleRequest($cmd, $device);
            if ($result === false) {
                throw new \Horde_Exception(sprintf('Received FALSE while handling %s.', $cmd));
            }
            if ($result !== true) {
                $contentType = $result;
            }
        } catch (\Horde_ActiveSync_Exception_InvalidRequest $e) {
            $this->_fail($streaming, 400, 'Bad Request');
            return;
        } catch (\Horde_Exception_AuthenticationFailure $e) {
            $this->_refuse($streaming, $e->getCode());
            return;
        } catch (\Throwable $e) {
            error_log(sprintf('horde_activesync: %s in %s:%d', $e->getMessage(), $e->getFile(), $e->getLine()));
            $this->_fail($streaming, 500, 'Internal Server Error');
            return;
        }
        if (!$streaming) {
            $body = ob_get_clean();
            if ($contentType !== null && !headers_sent()) {
                header('Content-Type: ' . $contentType);
            }
            header('Content-Length: ' . strlen($body));
            echo $body;
        }
    }

    /**
     * The HTTP status of a refused request, for engines that do not set it
     * themselves (Horde's: Horde_Rpc_ActiveSync maps the same codes).
     */
    protected function _refuse($streaming, $code)
    {
        if (!$streaming) {
            ob_end_clean();
        }
        if (headers_sent() || http_response_code() >= 400) {
            return;
        }
        switch ($code) {
        case \Horde_ActiveSync_Status::SYNC_NOT_ALLOWED:
        case \Horde_ActiveSync_Status::DEVICE_BLOCKED_FOR_USER:
        case \Horde_ActiveSync_Status::DENIED:
        case \Horde_ActiveSync_Status::MAXIMUM_DEVICES_REACHED:
            header('HTTP/1.1 403 Forbidden', true, 403);
            break;
        case \Horde_ActiveSync_Status::SERVER_ERROR_RETRY:
            header('HTTP/1.1 503 Service Unavailable', true, 503);
            header('Retry-After: 60');
            break;
        default:
            header('HTTP/1.1 401 Unauthorized', true, 401);
            header('WWW-Authenticate: Basic realm="Horde ActiveSync"');
        }
        header('Content-Length: 0');
    }

    protected function _fail($streaming, $code, $reason)
    {
        if (!$streaming) {
            ob_end_clean();
        }
        if (!headers_sent()) {
            header(sprintf('HTTP/1.1 %d %s', $code, $reason), true, $code);
            header('Content-Length: 0');
        }
    }

    protected function _plain($code, $reason, $text)
    {
        header(sprintf('HTTP/1.1 %d %s', $code, $reason), true, $code);
        header('Content-Type: text/plain; charset=utf-8');
        header('Content-Length: ' . strlen($text));
        echo $text;
    }

    protected function _url()
    {
        $host = isset($_SERVER['HTTP_HOST']) ? $_SERVER['HTTP_HOST'] : '127.0.0.1';
        return 'http://' . $host . self::PATH;
    }

    protected function _migrationsPath()
    {
        if (!empty($this->_config['migrations'])) {
            return $this->_config['migrations'];
        }
        return self::isNative()
            ? dirname(__DIR__, 4) . '/migration/Horde/ActiveSync'
            : '/usr/share/php/data/Horde_ActiveSync/migration';
    }

    protected function _ensureDataDir()
    {
        if (!is_dir($this->_config['data']) && !@mkdir($this->_config['data'], 0700, true)
            && !is_dir($this->_config['data'])) {
            throw new \RuntimeException('Cannot create ' . $this->_config['data']);
        }
    }
}
