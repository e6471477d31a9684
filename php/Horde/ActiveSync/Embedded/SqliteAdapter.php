<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Embedded;

use Horde_Db_Adapter_Pdo_Sqlite;
use PDO;

/**
 * Horde_Db's SQLite adapter on a persistent PDO connection.
 *
 * A web server worker that opens the database for every request and
 * closes it at the end pays, in WAL mode, a checkpoint and an fsync at
 * each close (the last connection to a WAL database checkpoints it): about
 * 20 ms a request on an ordinary disk, more than the request itself. A
 * connection kept by the worker stays open, so the WAL is checkpointed in
 * the background of later commits instead.
 *
 * @package ActiveSync
 */
class SqliteAdapter extends Horde_Db_Adapter_Pdo_Sqlite
{
    public function connect()
    {
        if ($this->_active) {
            return;
        }
        [$dsn, $user, $pass] = $this->_parseConfig();
        $pdo = Connection::open($dsn, $user, $pass, $fresh);
        $pdo->setAttribute(PDO::ATTR_EMULATE_PREPARES, true);
        $this->_connection = $pdo;
        $this->_active = true;
        // What Horde_Db_Adapter_Pdo_Sqlite::connect() sets up, once per
        // connection.
        if ($fresh) {
            $pdo->exec('PRAGMA full_column_names=0');
            $pdo->exec('PRAGMA short_column_names=1');
        }
        $this->_sqliteVersion = $pdo->getAttribute(PDO::ATTR_SERVER_VERSION);
    }

    public function disconnect()
    {
        // The worker keeps the connection; the next request reuses it.
        $this->_connection = null;
        $this->_active = false;
    }
}
