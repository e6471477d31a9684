<?php
/**
 * The SQLite statements the extension keeps for a worker survive a request
 * that dies inside one of them (a fatal error while SQLite steps it): the
 * worker's next request finds no read snapshot left open, neither in its
 * own reads nor in other connections' checkpoints. A request that dies
 * inside a transaction leaves nothing to the next either.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use PDO;
use PHPUnit\Framework\TestCase;

class KeptStatementsTest extends TestCase
{
    public function testARequestThatDiesMidReadLeavesNoSnapshot(): void
    {
        $this->withWorker(function (int $port, string $dir) {
            $this->get($port, 'die');
            $this->assertStringContainsString('dying in the middle of a read', (string)@file_get_contents("$dir/errors.log"));
            $check = json_decode($this->get($port, 'check'), true);
            $this->assertIsArray($check, 'the worker answers after the fatal error');
            $this->assertSame(101, $check['there']);
            $this->assertSame(101, $check['seen'], "the worker's reads are not stuck in the dead request's snapshot");
            $this->assertSame(0, $check['busy'], 'no reader holds the WAL');
            $this->assertSame(2, $check['kept']);
        });
    }

    /**
     * PDO does not roll back a transaction begun by SQL (the embedded
     * server's BEGIN IMMEDIATE); Connection::open() must, or the dead
     * request's write lock and half-done writes pass to the next request.
     */
    public function testConnectionOpenRollsBackWhatADeadRequestLeftOpen(): void
    {
        $this->withWorker(function (int $port, string $dir) {
            $this->get($port, 'die-in-transaction');
            $this->assertStringContainsString('dying inside a transaction', (string)@file_get_contents("$dir/errors.log"));
            $check = json_decode($this->get($port, 'reopen'), true);
            $this->assertIsArray($check, 'the worker answers after the fatal error');
            $this->assertFalse($check['open'], 'the connection is out of the transaction');
            $this->assertTrue($check['written'], 'another connection can write at once');
            $this->assertSame(0, $check['dead'], "the dead request's write was rolled back");
        });
    }

    /**
     * Runs $test against a one-process php -S serving the worker script,
     * with a WAL database of 100 rows.
     */
    private function withWorker(callable $test): void
    {
        if (!class_exists('Horde\ActiveSync\Native\SqliteStatements', false)) {
            $this->markTestSkipped('the extension was built without libsqlite3');
        }
        $dir = sys_get_temp_dir() . '/eas-kept-' . bin2hex(random_bytes(4));
        mkdir($dir);
        $file = "$dir/kept.sqlite";
        $db = new PDO("sqlite:$file", null, null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
        $db->exec('PRAGMA journal_mode = WAL');
        $db->exec('CREATE TABLE items (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
        $db->exec("INSERT INTO items (payload) SELECT 'x' FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) SELECT i FROM n)");
        $db = null;

        // One process, no workers: both requests meet the same connection.
        $port = $this->freePort();
        $process = proc_open([PHP_BINARY, '-d', 'extension=' . EAS_EXTENSION_PATH, '-d', 'display_errors=0',
                              '-d', 'log_errors=1', '-d', "error_log=$dir/errors.log",
                              '-S', "127.0.0.1:$port", __DIR__ . '/kept-statements-worker.php'],
            [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']],
            $pipes, $dir, ['EAS_KEPT_FILE' => $file, 'PATH' => getenv('PATH')]);
        try {
            $this->waitFor($port);
            $test($port, $dir);
        } finally {
            proc_terminate($process);
            proc_close($process);
            array_map('unlink', glob("$dir/*"));
            rmdir($dir);
        }
    }

    private function freePort(): int
    {
        $server = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int)substr(strrchr(stream_socket_get_name($server, false), ':'), 1);
        fclose($server);
        return $port;
    }

    private function waitFor(int $port): void
    {
        for ($i = 0; $i < 200; $i++) {
            if ($socket = @stream_socket_client("tcp://127.0.0.1:$port")) {
                fclose($socket);
                return;
            }
            usleep(20000);
        }
        $this->fail('php -S did not start');
    }

    private function get(int $port, string $step): string
    {
        return (string)@file_get_contents("http://127.0.0.1:$port/?step=$step", false,
            stream_context_create(['http' => ['ignore_errors' => true, 'timeout' => 30]]));
    }
}
