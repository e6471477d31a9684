<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Embedded;

use PDO;
use PDOException;

/**
 * Persistent SQLite connections of the embedded server (see SqliteAdapter
 * for why), made safe to reuse.
 *
 * @package ActiveSync
 */
class Connection
{
    /**
     * Opens, or takes over from an earlier request of this worker, a
     * connection in WAL mode.
     *
     * @param string $dsn
     * @param string|null $user
     * @param string|null $password
     *
     * @return PDO
     */
    public static function open($dsn, $user = null, $password = null)
    {
        $pdo = new PDO($dsn, $user, $password, [
            PDO::ATTR_PERSISTENT => true,
            PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
        ]);
        // A request that died inside "BEGIN IMMEDIATE" (which PDO does not
        // track, so does not roll back) must not leave its lock to the next.
        try {
            $pdo->exec('ROLLBACK');
        } catch (PDOException $e) {
            // No transaction was open: the usual case.
        }
        // Ping and Sync of one device run side by side.
        $pdo->exec('PRAGMA busy_timeout = 10000');
        $pdo->exec('PRAGMA journal_mode = WAL');
        // WAL with NORMAL: safe against a crashed process; a power loss may
        // only lose the last transactions.
        $pdo->exec('PRAGMA synchronous = NORMAL');
        return $pdo;
    }
}
