<?php
/**
 * State storage, side by side: Debian's pure-PHP Horde_ActiveSync_State_Sql
 * and ours save and load the state of a mail collection of 100,000
 * messages (a real Horde_ActiveSync_Folder_Imap, with and without
 * CONDSTORE) on the same SQLite database (migrated by our migrations,
 * which Horde's engine reads too).
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
    } else {
        array_push($cmd, '-d', 'include_path=.:/usr/share/php');
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

printf("Mail collection state of %d messages on one SQLite file, best of %d rounds\n", $n, $rounds);
foreach (['condstore' => 'with CONDSTORE (UID list)', 'plain' => 'without CONDSTORE (UIDs and flags)'] as $mode => $label) {
    printf("\n%s\n%-8s %12s %12s %12s\n", $label, '', 'Horde (PHP)', 'native', 'ratio');
    foreach (['save', 'load'] as $op) {
        printf("%-8s %9.2f ms %9.2f ms %11.1fx\n", $op, $horde[$mode][$op] * 1000, $native[$mode][$op] * 1000,
               $horde[$mode][$op] / $native[$mode][$op]);
    }
    printf("%-8s %9.1f KB %9.1f KB %11.1fx smaller\n", 'stored', $horde[$mode]['bytes'] / 1024,
           $native[$mode]['bytes'] / 1024, $horde[$mode]['bytes'] / $native[$mode]['bytes']);
}
