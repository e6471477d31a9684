<?php
/**
 * Front controller of KeptStatementsTest's one-process `php -S` worker:
 *
 *   ?step=die    runs a kept statement whose SQL function raises a fatal
 *                error on the tenth row: the request dies with the
 *                statement mid-step;
 *   ?step=check  the worker's next request: another connection adds a row
 *                and checkpoints the WAL; prints, as JSON, whether the
 *                checkpoint found a reader in its way, how many rows this
 *                worker's connection sees against the other's, and how
 *                many statements the worker keeps;
 *   ?step=die-in-transaction  opens the connection as the embedded server
 *                does (Connection::open()), begins a write transaction with
 *                kept statements, writes, and dies of a fatal error;
 *   ?step=reopen the next request: Connection::open() again, then prints
 *                whether another connection can write at once and whether
 *                the dead request's row is gone.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

use Horde\ActiveSync\Native\SqliteStatements;

$file = getenv('EAS_KEPT_FILE');
$step = $_GET['step'] ?? '';

if ($step === 'die-in-transaction' || $step === 'reopen') {
    require_once dirname(__DIR__, 3) . '/php/Horde/ActiveSync/Embedded/Connection.php';
    $pdo = Horde\ActiveSync\Embedded\Connection::open("sqlite:$file");
    if ($step === 'die-in-transaction') {
        SqliteStatements::run($pdo, 'BEGIN IMMEDIATE', [], SqliteStatements::CHANGES);
        SqliteStatements::run($pdo, "INSERT INTO items (payload) VALUES ('dead')", [], SqliteStatements::CHANGES);
        trigger_error('dying inside a transaction', E_USER_ERROR);
    }
    $other = new PDO("sqlite:$file", null, null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
    $other->exec('PRAGMA busy_timeout = 0');
    try {
        $other->exec("INSERT INTO items (payload) VALUES ('other')");
        $written = true;
    } catch (PDOException $e) {
        $written = $e->getMessage();
    }
    header('Content-Type: application/json');
    echo json_encode([
        'written' => $written,
        'open' => SqliteStatements::inTransaction($pdo),
        'dead' => (int)$other->query("SELECT count(*) FROM items WHERE payload = 'dead'")->fetchColumn(),
    ]);
    return true;
}

$pdo = new PDO("sqlite:$file", null, null, [PDO::ATTR_PERSISTENT => true, PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);

if ($step === 'die') {
    $pdo->sqliteCreateFunction('fail_at', function ($id, $at) {
        if ($id == $at) {
            trigger_error('dying in the middle of a read', E_USER_ERROR);
        }
        return $id;
    });
    SqliteStatements::run($pdo, 'SELECT id, fail_at(id, 10) FROM items ORDER BY id');
    echo "not reached\n";
    return true;
}

$other = new PDO("sqlite:$file", null, null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
$other->exec("INSERT INTO items (payload) VALUES ('after')");
$checkpoint = $other->query('PRAGMA wal_checkpoint(TRUNCATE)')->fetch(PDO::FETCH_NUM);
header('Content-Type: application/json');
echo json_encode([
    'busy' => (int)$checkpoint[0],
    'seen' => SqliteStatements::run($pdo, 'SELECT count(*) FROM items', [], SqliteStatements::VALUE),
    'there' => (int)$other->query('SELECT count(*) FROM items')->fetchColumn(),
    'kept' => SqliteStatements::cached($pdo),
]);
return true;
