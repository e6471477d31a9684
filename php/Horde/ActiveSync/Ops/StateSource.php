<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Ops;

use Horde\ActiveSync\Embedded\Server;
use Horde_ActiveSync_Exception;
use Horde_ActiveSync_State_Sql;
use Horde_Db_Adapter;
use Horde_Db_Adapter_Pdo_Sqlite;

/**
 * Opens the state database the monitor reads, so that reading cannot
 * change it: a SQLite file (never created when missing), a database named
 * by a Horde_Db configuration file, or the embedded server's; the session
 * is made read-only where the database can, and State_Sql is kept from
 * repairing what it finds.
 *
 * @package ActiveSync
 */
final class StateSource
{
    /**
     * The state database of a data directory as the embedded server lays
     * it out.
     */
    public static function stateFile(string $dataDir): string
    {
        return rtrim($dataDir, '/') . '/state.sqlite';
    }

    /**
     * The embedded server's data and log directories: from its
     * configuration file (an array over Server::defaults()), else the
     * defaults.
     *
     * @return array  [data directory, log directory or null]
     * @throws Unavailable
     */
    public static function embeddedServer(?string $configFile): array
    {
        $config = [];
        if ($configFile !== null && $configFile !== '') {
            if (!is_file($configFile)) {
                throw new Unavailable(sprintf('no server configuration at %s', $configFile));
            }
            $config = self::load($configFile);
            if (!is_array($config)) {
                throw new Unavailable(sprintf('%s does not return a configuration array', $configFile));
            }
        }
        $config = array_replace(Server::defaults(), $config);
        return [(string)$config['data'], empty($config['logdir']) ? null : (string)$config['logdir']];
    }

    /**
     * @throws Unavailable  when there is no such file (opening it would
     *                      create it) or it cannot be read
     */
    public static function sqlite(string $file): Horde_Db_Adapter
    {
        if ($file === '' || !is_file($file)) {
            throw new Unavailable(sprintf('no state database at %s', $file));
        }
        if (!is_readable($file)) {
            throw new Unavailable(sprintf('cannot read %s', $file));
        }
        $db = new Horde_Db_Adapter_Pdo_Sqlite(['dbname' => $file, 'charset' => 'utf-8']);
        $db->execute('PRAGMA busy_timeout = 10000');
        return $db;
    }

    /**
     * A Horde_Db adapter from a PHP file: one it returns, or one built from
     * the parameters it returns ('adapter' names the class after
     * Horde_Db_Adapter_: Pdo_Pgsql, Pdo_Mysql, Mysqli, Pdo_Sqlite, ...).
     *
     * @throws Unavailable
     */
    public static function configured(string $file): Horde_Db_Adapter
    {
        if (!is_file($file)) {
            throw new Unavailable(sprintf('no database configuration at %s', $file));
        }
        $config = self::load($file);
        if ($config instanceof Horde_Db_Adapter) {
            return $config;
        }
        if (!is_array($config) || empty($config['adapter']) || !preg_match('/^\w+$/D', (string)$config['adapter'])) {
            throw new Unavailable(sprintf('%s returns neither a Horde_Db_Adapter nor parameters with an adapter', $file));
        }
        $class = 'Horde_Db_Adapter_' . $config['adapter'];
        if (!class_exists($class) || !is_subclass_of($class, Horde_Db_Adapter::class)) {
            throw new Unavailable(sprintf('no Horde_Db adapter %s', $class));
        }
        unset($config['adapter']);
        if (strcasecmp($class, Horde_Db_Adapter_Pdo_Sqlite::class) === 0) {
            return self::sqlite((string)($config['dbname'] ?? ''));
        }
        return new $class($config);
    }

    /**
     * Horde_ActiveSync_State_Sql over $db, which refuses writes from now
     * on where the database can (SQLite: query_only; PostgreSQL, MySQL: a
     * read-only session). Where State_Sql would repair the database (it
     * drops a SyncCache it cannot decode), this one reports instead.
     */
    public static function readOnly(Horde_Db_Adapter $db): Horde_ActiveSync_State_Sql
    {
        $name = strtolower($db->adapterName());
        if (strpos($name, 'sqlite') !== false) {
            $db->execute('PRAGMA query_only = ON');
        } elseif (strpos($name, 'postgres') !== false || strpos($name, 'pgsql') !== false) {
            $db->execute('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
        } elseif (strpos($name, 'mysql') !== false) {
            $db->execute('SET SESSION TRANSACTION READ ONLY');
        }
        return new class(['db' => $db]) extends Horde_ActiveSync_State_Sql {
            public function deleteSyncCache($devid, $user = null)
            {
                throw new Horde_ActiveSync_Exception('the stored SyncCache cannot be decoded (left as it is)');
            }
        };
    }

    /** A PHP file's return value, in a scope of its own. */
    private static function load(string $file)
    {
        return (static function () use ($file) {
            return require $file;
        })();
    }
}
