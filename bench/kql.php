<?php
/**
 * KQL: Find queries to Horde_Imap_Client_Search_Query objects, ours and the
 * alternatives, each side in its own process, queries per second (best of
 * ROUNDS one-second rounds, single-threaded).
 *
 *   php -d extension=build/php-gcc/modules/horde_activesync.so bench/kql.php [ROUNDS]
 *   EAS_HORDE6_KQL=/path/to/horde6/lib/Horde/ActiveSync/Find/Kql.php php ... bench/kql.php
 *
 * Debian's Horde 5 has no Find command and no KQL parser: its IMAP adapter
 * searches a query string as one TEXT criterion, which is the floor any
 * parser is measured against here (and gives wrong answers for KQL).
 * Horde 6's pure-PHP parser is measured when a checkout of it is named in
 * EAS_HORDE6_KQL. The C core alone: tests/c/build-gcc/bench_kql.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

require dirname(__DIR__) . '/tests/phpunit/bootstrap.php';

$rounds = (int)($argv[1] ?? 3);

$run = function ($side) use ($rounds) {
    $cmd = [PHP_BINARY];
    if ($side === 'native') {
        array_push($cmd, '-d', 'extension=' . EAS_EXTENSION_PATH);
    }
    array_push($cmd, __DIR__ . '/kql_side.php', $side, (string)$rounds);
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    if (proc_close($p) !== 0) {
        fwrite(STDERR, "$side failed: $err\n");
        exit(1);
    }
    return json_decode($out, true);
};

$native = $run('native');
$debian = $run('debian');
$horde6 = getenv('EAS_HORDE6_KQL') ? $run('horde6') : null;

printf("KQL query -> Horde_Imap_Client_Search_Query, 16 queries of Find (phones, Outlook, 2 malformed), best of %d rounds\n", $rounds);
printf("%-42s %14s %10s\n", '', 'queries/s', 'us/query');
$row = function ($label, $qps) {
    printf("%-42s %14.0f %10.2f\n", $label, $qps, 1e6 / $qps);
};
$row('ours: Find_Kql::toImapQuery()', $native['toImapQuery']);
$row('ours: the extension alone (parse+translate)', $native['extension alone']);
if ($horde6) {
    $row("Horde 6: Find_Kql::toImapQuery() (PHP)", $horde6['toImapQuery']);
    $row("Horde 6: its tokenizer and parser alone", $horde6['parse alone']);
}
$row("Debian's Horde 5: one TEXT, no parsing", $debian['toImapQuery']);
if ($horde6) {
    printf("ratio ours / Horde 6, to the Horde query: %.1fx\n", $native['toImapQuery'] / $horde6['toImapQuery']);
    printf("ratio ours / Horde 6, parsing (ours also translates): %.1fx\n", $native['extension alone'] / $horde6['parse alone']);
}
printf("ratio ours / Horde 5's unparsed TEXT: %.2fx\n", $native['toImapQuery'] / $debian['toImapQuery']);
