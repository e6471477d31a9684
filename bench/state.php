<?php
/**
 * State storage, side by side: Debian's pure-PHP Horde_ActiveSync_State_Sql
 * and ours save and load the same 100,000-entry state on the same SQLite
 * database (migrated by our migrations, which Horde's engine reads too).
 *
 *   php -d extension=build/php-gcc/modules/horde_activesync.so bench/state.php [N] [ROUNDS]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

require dirname(__DIR__) . '/tests/phpunit/bootstrap.php';

use Horde\ActiveSync\Test\Support\Databases;

$n = (int)($argv[1] ?? 100000);
$rounds = (int)($argv[2] ?? 5);
$file = tempnam(sys_get_temp_dir(), 'eas-bench');
$db = new Horde_Db_Adapter_Pdo_Sqlite(['dbname' => $file, 'charset' => 'utf-8']);
Databases::freshSchema($db);

$run = function ($side) use ($file, $n, $rounds) {
    $cmd = [PHP_BINARY, '-d', 'memory_limit=2G'];
    if ($side === 'native') {
        array_push($cmd, '-d', 'extension=' . EAS_EXTENSION_PATH);
    }
    array_push($cmd, __DIR__ . '/state_side.php', $side, $file, (string)$n, (string)$rounds);
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    if (proc_close($p) !== 0) {
        fwrite(STDERR, "$side failed: $err\n");
        exit(1);
    }
    return json_decode($out, true);
};
$horde = $run('horde');
$native = $run('native');
unlink($file);

printf("State of %d entries on one SQLite file, best of %d rounds\n", $n, $rounds);
printf("%-8s %12s %12s %12s\n", '', 'Horde (PHP)', 'native', 'ratio');
foreach (['save', 'load'] as $op) {
    printf("%-8s %10.1f ms %10.1f ms %11.1fx\n", $op, $horde[$op] * 1000, $native[$op] * 1000, $horde[$op] / $native[$op]);
}
printf("%-8s %10.1f KB %10.1f KB %11.1fx smaller\n", 'stored', $horde['bytes'] / 1024, $native['bytes'] / 1024,
       $horde['bytes'] / $native['bytes']);
