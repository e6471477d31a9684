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
 *                many statements the worker keeps.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

use Horde\ActiveSync\Native\SqliteStatements;

$file = getenv('EAS_KEPT_FILE');
$pdo = new PDO("sqlite:$file", null, null, [PDO::ATTR_PERSISTENT => true, PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);

if (($_GET['step'] ?? '') === 'die') {
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
