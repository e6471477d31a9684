<?php

/**
 * SQLite statements prepared once per worker on a persistent PDO
 * connection, instead of once per request.
 *
 * @generate-class-entries
 */

namespace Horde\ActiveSync\Native;

/**
 * Runs SQL on the sqlite3 handle behind a persistent PDO_SQLITE
 * connection, keeping each prepared statement for the worker's later
 * requests. Rows come back as PDO returns them (native ints and floats,
 * or strings with PDO::ATTR_STRINGIFY_FETCHES); errors raise PDOException.
 */
final class SqliteStatements
{
    /**
     * The first column of the first row, or false without a row.
     * @var int
     * @cvalue EAS_SQLITE_VALUE
     */
    public const VALUE = UNKNOWN;
    /**
     * The first row (column => value), or false without a row.
     * @var int
     * @cvalue EAS_SQLITE_ROW
     */
    public const ROW = UNKNOWN;
    /**
     * Every row, as a list of column => value arrays.
     * @var int
     * @cvalue EAS_SQLITE_ALL
     */
    public const ALL = UNKNOWN;
    /**
     * The first column of every row, as a list.
     * @var int
     * @cvalue EAS_SQLITE_COLUMN
     */
    public const COLUMN = UNKNOWN;
    /**
     * First column => second column, of every row.
     * @var int
     * @cvalue EAS_SQLITE_PAIRS
     */
    public const PAIRS = UNKNOWN;
    /**
     * The number of rows the statement changed.
     * @var int
     * @cvalue EAS_SQLITE_CHANGES
     */
    public const CHANGES = UNKNOWN;
    /**
     * Statements kept per connection; the oldest goes first.
     * @var int
     * @cvalue EAS_SQLITE_CACHE_SIZE
     */
    public const CACHE_SIZE = UNKNOWN;

    /** Whether $pdo is a persistent PDO_SQLITE connection that run() accepts. */
    public static function supports(\PDO $pdo): bool {}

    /**
     * Runs $sql with positional parameters: null, bool (as 1/0), int,
     * float or string; a parameter whose bit (1 << index) is set in $blobs
     * is bound as a BLOB.
     */
    public static function run(\PDO $pdo, string $sql, array $params = [], int $fetch = SqliteStatements::ALL, int $blobs = 0): mixed {}

    /** How many statements this worker keeps for $pdo. */
    public static function cached(\PDO $pdo): int {}

    /**
     * Whether $pdo's connection is inside a transaction, however it was
     * begun (PDO 8.2 tracks only its own beginTransaction()).
     */
    public static function inTransaction(\PDO $pdo): bool {}
}
