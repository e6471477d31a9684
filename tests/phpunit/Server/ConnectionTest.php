<?php
/**
 * The embedded server's SQLite connections: WAL with synchronous NORMAL,
 * the busy timeout, and a write-ahead log that grows to
 * Connection::CHECKPOINT_PAGES before a commit copies it into the
 * database (SQLite's own 1,000 made every hundred-odd requests wait for
 * two syncs to disk).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use Horde\ActiveSync\Embedded\Connection;
use PDO;
use PHPUnit\Framework\TestCase;

class ConnectionTest extends TestCase
{
    /** @var string */
    private $dir;

    protected function setUp(): void
    {
        $this->dir = sys_get_temp_dir() . '/eas-connection-' . bin2hex(random_bytes(4));
        mkdir($this->dir);
    }

    protected function tearDown(): void
    {
        exec('rm -rf ' . escapeshellarg($this->dir));
    }

    public function testSettingsOfANewConnection(): void
    {
        $pdo = Connection::open('sqlite:' . $this->dir . '/a.sqlite', null, null, $fresh);
        $this->assertTrue($fresh);
        $this->assertSame('wal', $pdo->query('PRAGMA journal_mode')->fetchColumn());
        $this->assertSame(1, (int)$pdo->query('PRAGMA synchronous')->fetchColumn(), 'NORMAL');
        $this->assertSame(Connection::BUSY_TIMEOUT, (int)$pdo->query('PRAGMA busy_timeout')->fetchColumn());
        $this->assertSame(Connection::CHECKPOINT_PAGES, (int)$pdo->query('PRAGMA wal_autocheckpoint')->fetchColumn());

        // The same worker's next request takes the connection over as it is.
        Connection::open('sqlite:' . $this->dir . '/a.sqlite', null, null, $fresh);
        $this->assertFalse($fresh);
    }

    public function testCommitsLeaveTheLogToGrowPastSqlitesDefault(): void
    {
        $pdo = Connection::open('sqlite:' . $this->dir . '/b.sqlite');
        $pdo->exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)');
        $insert = $pdo->prepare('INSERT INTO t (v) VALUES (?)');
        // 300 commits of about 5 pages each: past SQLite's 1,000, below ours.
        for ($i = 0; $i < 300; $i++) {
            $insert->execute([random_bytes(5 * 4096 - 200)]);
        }
        // [busy, frames in the log, frames copied]: no commit checkpointed,
        // so the log still holds every frame written.
        [, $frames] = array_map('intval', $pdo->query('PRAGMA wal_checkpoint(PASSIVE)')->fetch(PDO::FETCH_NUM));
        $this->assertGreaterThan(1500, $frames);
        $this->assertLessThan(Connection::CHECKPOINT_PAGES, $frames);
    }
}
