<?php
/**
 * Writes the seed corpus of tests/fuzz/corpus/kql from the table of cases
 * (tests/data/kql-cases.txt): every query of the table, valid or not, after
 * the option byte fuzz_kql.c reads first (0x00: default limits; a few with
 * 0x59: small limits, day-first dates, "now" 40 days later).
 *
 *   php tools/gen-kql-seeds.php
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

$root = dirname(__DIR__);
$dir = "$root/tests/fuzz/corpus/kql";
@mkdir($dir, 0777, true);
array_map('unlink', glob("$dir/*"));

$unescape = function (string $s): string {
    return preg_replace_callback('/\\\\(x[0-9A-Fa-f]{2}|[trn\\\\])/', function ($m) {
        $c = $m[1];
        return $c[0] === 'x' ? chr(hexdec(substr($c, 1))) : ['t' => "\t", 'r' => "\r", 'n' => "\n", '\\' => '\\'][$c];
    }, $s);
};

$n = 0;
foreach (file("$root/tests/data/kql-cases.txt", FILE_IGNORE_NEW_LINES) as $line) {
    if ($line === '' || $line[0] === '#' || $line[0] === '@') {
        continue;
    }
    $query = $unescape(explode("\t", $line, 2)[0]);
    // named by content, so that new cases do not rename the others
    $seed = (crc32($query) % 7 === 3 ? "\x59" : "\x00") . $query;
    file_put_contents("$dir/" . substr(sha1($seed), 0, 16), $seed);
    $n++;
}
fprintf(STDERR, "%d seeds\n", $n);
