<?php
/**
 * The IMAP folder diff, side by side: Debian's pure-PHP
 * Horde_ActiveSync_Folder_Imap and ours, on a folder of 100,000 messages
 * of which 1% changed (new mail, flag changes, expunges), with and
 * without CONDSTORE. Each side runs in its own process (same class names).
 *
 *   php -d extension=build/php-gcc/modules/horde_activesync.so bench/diff.php [N] [ROUNDS]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

require dirname(__DIR__) . '/tests/phpunit/bootstrap.php';

$n = (int)($argv[1] ?? 100000);
$rounds = (int)($argv[2] ?? 5);

$run = function ($side) use ($n, $rounds) {
    $cmd = [PHP_BINARY, '-d', 'memory_limit=2G'];
    if ($side === 'native') {
        array_push($cmd, '-d', 'extension=' . EAS_EXTENSION_PATH);
    } else {
        array_push($cmd, '-d', 'include_path=.:/usr/share/php');
    }
    array_push($cmd, __DIR__ . '/diff_side.php', $side, (string)$n, (string)$rounds);
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

printf("IMAP folder of %d messages, 1%% changed, best of %d rounds\n", $n, $rounds);
foreach (['condstore' => 'with CONDSTORE (changes since HIGHESTMODSEQ)', 'plain' => 'without CONDSTORE (whole listing)'] as $mode => $label) {
    if ($horde[$mode]['found'] != $native[$mode]['found']) {
        fwrite(STDERR, "$mode: the engines disagree: " . json_encode([$horde[$mode]['found'], $native[$mode]['found']]) . "\n");
        exit(1);
    }
    [$a, $c, $r, $s] = $native[$mode]['found'];
    printf("\n%s: %d new, %d changed, %d removed, %d soft-deleted\n", $label, $a, $c, $r, $s);
    printf("%-14s %12s %12s %12s\n", '', 'Horde (PHP)', 'native', 'ratio');
    foreach (['diff' => 'diff', 'load' => 'load state', 'save' => 'store state'] as $op => $name) {
        printf("%-14s %9.2f ms %9.2f ms %11.1fx\n", $name, $horde[$mode][$op] * 1000, $native[$mode][$op] * 1000,
               $horde[$mode][$op] / max($native[$mode][$op], 1e-9));
    }
    $ht = $horde[$mode]['load'] + $horde[$mode]['diff'] + $horde[$mode]['save'];
    $nt = $native[$mode]['load'] + $native[$mode]['diff'] + $native[$mode]['save'];
    printf("%-14s %9.2f ms %9.2f ms %11.1fx\n", 'whole Sync', $ht * 1000, $nt * 1000, $ht / $nt);
    printf("%-14s %9.1f KB %9.1f KB %11.1fx smaller\n", 'stored', $horde[$mode]['bytes'] / 1024,
           $native[$mode]['bytes'] / 1024, $horde[$mode]['bytes'] / $native[$mode]['bytes']);
}
