<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Embedded;

use Horde\ActiveSync\Native\SqliteStatements;
use PDO;

/**
 * Persistent SQLite connections of the embedded server (see SqliteAdapter
 * for why), made safe to reuse.
 *
 * @package ActiveSync
 */
class Connection
{
    /** Milliseconds a connection waits for another's write lock. */
    const BUSY_TIMEOUT = 10000;

    /**
     * WAL pages after which a commit copies the log into the database.
     * That checkpoint syncs both files to disk, which takes milliseconds,
     * and the request whose commit runs it waits for them: with SQLite's
     * 1,000 a Sync paid for one every hundred-odd requests. Commits in
     * WAL mode with synchronous NORMAL are not synced either way, so a
     * longer log (up to about 32 MB) loses nothing more on a power cut;
     * it only takes longer to replay when the database is opened after a
     * crash.
     */
    const CHECKPOINT_PAGES = 8000;

    /**
     * Opens, or takes over from an earlier request of this worker, a
     * connection in WAL mode.
     *
     * @param string $dsn
     * @param string|null $user
     * @param string|null $password
     * @param boolean $fresh  Set to whether the connection is new to this
     *                        worker (its settings were made now).
     *
     * @return PDO
     */
    public static function open($dsn, $user = null, $password = null, &$fresh = null)
    {
        $pdo = new PDO($dsn, $user, $password, [PDO::ATTR_PERSISTENT => true]);
        if (self::keepsStatements($pdo)) {
            // The extension answers both questions without compiling SQL:
            // a connection it keeps statements for was set up by an
            // earlier open(); the settings come before any statement.
            if (SqliteStatements::inTransaction($pdo)) {
                $pdo->exec('ROLLBACK');
            }
            $pdo->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
            $fresh = SqliteStatements::cached($pdo) === 0 && self::_isFresh($pdo);
        } else {
            // A request that died inside "BEGIN IMMEDIATE" (which PDO does
            // not track, so does not roll back) must not leave its lock to
            // the next. Without a transaction this fails, quietly: the
            // usual case.
            $pdo->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_SILENT);
            $pdo->exec('ROLLBACK');
            $pdo->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
            $fresh = self::_isFresh($pdo);
        }
        if ($fresh) {
            // WAL with NORMAL: safe against a crashed process; a power loss
            // may only lose the last transactions. Ping and Sync of one
            // device run side by side.
            $pdo->exec('PRAGMA journal_mode = WAL');
            $pdo->exec('PRAGMA synchronous = NORMAL');
            $pdo->exec('PRAGMA busy_timeout = ' . self::BUSY_TIMEOUT);
            $pdo->exec('PRAGMA wal_autocheckpoint = ' . self::CHECKPOINT_PAGES);
        }
        return $pdo;
    }

    /**
     * Whether the extension keeps prepared statements for this connection
     * (built with libsqlite3, a persistent PDO_SQLITE connection).
     */
    public static function keepsStatements(PDO $pdo)
    {
        return class_exists(SqliteStatements::class, false) && SqliteStatements::supports($pdo);
    }

    /** Whether the connection still lacks the settings open() makes (once per worker). */
    private static function _isFresh(PDO $pdo)
    {
        return (int)$pdo->query('PRAGMA busy_timeout')->fetchColumn() !== self::BUSY_TIMEOUT;
    }
}
