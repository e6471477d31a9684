<?php
/**
 * Message benchmark: Debian's pure-PHP Horde_ActiveSync_Message_* classes
 * against ours, in one run, on the same objects: 2,000 contacts, 1,000
 * appointments with recurrences, exceptions and attendees, 500 mails with
 * bodies (EAS 14.1). Each set is encoded into one Sync response and
 * decoded back from it; times are the best of repeated runs (in rounds
 * that alternate the two sides, EAS_BENCH_ROUNDS, default 3), and the
 * ratio is Horde's time over ours.
 *
 * "encode" writes to php://output, as a server's response goes (through
 * an output buffer handing 64 KiB chunks on); "encode>mem" writes into a
 * php://memory stream instead, whose growth (a string reallocated to
 * megabytes) both sides pay on top.
 *
 *   EAS_EXTENSION=build/php-gcc/modules/horde_activesync.so php bench/message.php [SECONDS]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

$root = dirname(__DIR__);
$seconds = (float)($argv[1] ?? 2);
$extension = getenv('EAS_EXTENSION') ?: null;
foreach ([$root . '/build/php-gcc/modules/horde_activesync.so', $root . '/modules/horde_activesync.so',
          ini_get('extension_dir') . '/horde_activesync.so'] as $candidate) {
    if (!$extension && is_file($candidate)) {
        $extension = $candidate;
    }
}
if (!$extension) {
    fwrite(STDERR, "horde_activesync.so not found: build it or set EAS_EXTENSION\n");
    exit(1);
}
$php = escapeshellarg(PHP_BINARY) . ' -d opcache.enable_cli=1 -d memory_limit=1G';
$sides = [
    'horde' => "$php -d include_path=.:/usr/share/php",
    'native' => "$php -d include_path=.:/usr/share/php -d extension=" . escapeshellarg($extension),
];
// Rounds alternate the sides and each keeps its best time, so a machine
// busy with other work slows both sides alike.
$rounds = (int)(getenv('EAS_BENCH_ROUNDS') ?: 3);
$results = [];
for ($round = 0; $round < $rounds; $round++) {
    foreach ($sides as $side => $cmd) {
        $out = shell_exec("$cmd " . escapeshellarg("$root/bench/message_side.php") . " $side $seconds");
        $run = json_decode((string)$out, true);
        if (!is_array($run)) {
            fwrite(STDERR, "benchmark side $side failed:\n$out\n");
            exit(1);
        }
        foreach ($run as $name => $r) {
            if (isset($results[$side][$name])) {
                $r['encode'] = min($r['encode'], $results[$side][$name]['encode']);
                $r['encode_memory'] = min($r['encode_memory'], $results[$side][$name]['encode_memory']);
                $r['decode'] = min($r['decode'], $results[$side][$name]['decode']);
            }
            $results[$side][$name] = $r;
        }
    }
}

printf("%-13s %-10s %9s %11s %12s %8s\n", 'set', 'op', 'messages', 'Horde ms', 'native ms', 'ratio');
$totalH = $totalN = 0;
foreach ($results['horde'] as $name => $h) {
    $n = $results['native'][$name];
    if ($h['sha1'] !== $n['sha1']) {
        fwrite(STDERR, "$name: the two sides wrote different WBXML\n");
        exit(1);
    }
    if ($h['decoded'] !== $n['decoded'] || $h['reencoded_sha1'] !== $n['reencoded_sha1']) {
        fwrite(STDERR, "$name: the two sides decoded differently\n");
        exit(1);
    }
    foreach (['encode' => 'encode', 'encode_memory' => 'encode>mem', 'decode' => 'decode'] as $op => $label) {
        printf("%-13s %-10s %9d %11.1f %12.1f %7.1fx\n", $name, $label, $h['count'], $h[$op] * 1e3, $n[$op] * 1e3,
               $h[$op] / $n[$op]);
        if ($op !== 'encode_memory') {
            $totalH += $h[$op];
            $totalN += $n[$op];
        }
    }
}
printf("%-13s %-10s %9s %11.1f %12.1f %7.1fx\n", 'all', 'both', '', $totalH * 1e3, $totalN * 1e3, $totalH / $totalN);
