<?php
/**
 * The state databases tests run against: SQLite always, both as Horde_Db
 * opens it and as the embedded server does (a persistent connection whose
 * statements the extension keeps); PostgreSQL and MariaDB when
 * tools/test.sh started them (EAS_TEST_PGSQL, EAS_TEST_MYSQL
 * hold "key=value ..." connection parameters). With EAS_REQUIRE_DB=1 a
 * missing server fails the test instead of skipping it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Support;

use Horde\ActiveSync\Embedded\SqliteAdapter;
use Horde_Db_Adapter_Base;
use Horde_Db_Migration_Migrator;
use PHPUnit\Framework\TestCase;

final class Databases
{
    public static function backends(): array
    {
        return ['sqlite' => ['sqlite'], 'sqlite, kept statements' => ['sqlite-kept'], 'pgsql' => ['pgsql'],
                'mysql' => ['mysql']];
    }

    /** The Horde_Db adapter class of a backend. */
    public static function adapterClass(string $backend): string
    {
        return ['sqlite' => 'Horde_Db_Adapter_Pdo_Sqlite', 'sqlite-kept' => SqliteAdapter::class,
                'pgsql' => 'Horde_Db_Adapter_Pdo_Pgsql', 'mysql' => 'Horde_Db_Adapter_Pdo_Mysql'][$backend];
    }

    public static function isSqlite(string $backend): bool
    {
        return strncmp($backend, 'sqlite', 6) === 0;
    }

    /** Connection parameters, or null when the server is not available. */
    public static function params(string $backend, string $sqliteFile = ''): ?array
    {
        if ($backend === 'sqlite') {
            return ['dbname' => $sqliteFile ?: ':memory:', 'charset' => 'utf-8'];
        }
        if ($backend === 'sqlite-kept') {
            // A file of its own: a persistent connection outlives the test.
            if ($sqliteFile === '') {
                $sqliteFile = tempnam(sys_get_temp_dir(), 'eas-kept');
                register_shutdown_function(function () use ($sqliteFile) {
                    foreach (['', '-wal', '-shm'] as $suffix) {
                        @unlink($sqliteFile . $suffix);
                    }
                });
            }
            return ['dbname' => $sqliteFile, 'charset' => 'utf-8'];
        }
        $spec = getenv($backend === 'pgsql' ? 'EAS_TEST_PGSQL' : 'EAS_TEST_MYSQL');
        if (!$spec) {
            return null;
        }
        $params = ['charset' => 'utf8'];
        foreach (preg_split('/\s+/', trim($spec)) as $pair) {
            [$key, $value] = explode('=', $pair, 2) + [1 => ''];
            $params[$key] = $value;
        }
        $params['protocol'] = 'tcp';
        return $params;
    }

    public static function connect(TestCase $test, string $backend, string $sqliteFile = ''): Horde_Db_Adapter_Base
    {
        $params = self::params($backend, $sqliteFile);
        if ($params === null) {
            if (getenv('EAS_REQUIRE_DB')) {
                TestCase::fail("$backend server required (EAS_REQUIRE_DB) but not configured");
            }
            $test->markTestSkipped("no $backend server (tools/test.sh starts one)");
        }
        $class = self::adapterClass($backend);
        return new $class($params);
    }

    /** Drops every horde_activesync table, then runs our migrations. */
    public static function freshSchema(Horde_Db_Adapter_Base $db): void
    {
        foreach ($db->tables() as $table) {
            if (strncmp($table, 'horde_activesync', 16) === 0) {
                $db->dropTable($table);
            }
        }
        self::migrator($db)->up();
    }

    public static function migrator(Horde_Db_Adapter_Base $db): Horde_Db_Migration_Migrator
    {
        return new Horde_Db_Migration_Migrator($db, null, [
            'migrationsPath' => EAS_TEST_ROOT . '/migration/Horde/ActiveSync',
            'schemaTableName' => 'horde_activesync_schema_info',
        ]);
    }
}
