<?php
/**
 * WBXML benchmark: Debian's pure-PHP Horde_ActiveSync_Wbxml against ours,
 * in one run, on the same documents (a Sync response adding 2,000 contacts
 * and one adding 500 mails with bodies), plus the native tokenizer alone.
 * Prints MB/s for both and the ratio.
 *
 *   EAS_EXTENSION=modules/horde_activesync.so php bench/wbxml.php [SECONDS]
 *
 * Without EAS_EXTENSION the extension is looked for in modules/ and in PHP's
 * extension directory.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

$root = dirname(__DIR__);
$seconds = (float)($argv[1] ?? 2);
$extension = getenv('EAS_EXTENSION') ?: null;
foreach ([$root . '/modules/horde_activesync.so', ini_get('extension_dir') . '/horde_activesync.so'] as $candidate) {
    if (!$extension && is_file($candidate)) {
        $extension = $candidate;
    }
}
if (!$extension) {
    fwrite(STDERR, "horde_activesync.so not found: build it or set EAS_EXTENSION\n");
    exit(1);
}
$php = escapeshellarg(PHP_BINARY) . " -d opcache.enable_cli=1";
$native = "$php -d extension=" . escapeshellarg($extension);
$horde = "$php -d include_path=.:/usr/share/php";

// The documents: generated once, by our test support code, in a child
// process that has the extension.
$file = tempnam(sys_get_temp_dir(), 'eas-bench');
passthru("$native " . escapeshellarg("$root/bench/wbxml_docs.php") . ' ' . escapeshellarg($file), $rc);
if ($rc !== 0) {
    exit(1);
}
$docs = unserialize(file_get_contents($file));

function run_side(string $cmd, string $side, string $file, float $seconds, string $root): array
{
    $out = shell_exec("$cmd " . escapeshellarg("$root/bench/wbxml_side.php") . " $side " . escapeshellarg($file) . " $seconds");
    $json = json_decode((string)$out, true);
    if (!is_array($json)) {
        fwrite(STDERR, "benchmark side $side failed:\n$out\n");
        exit(1);
    }
    return $json;
}

$results = [
    'horde' => run_side($horde, 'horde', $file, $seconds, $root),
    'native' => run_side($native, 'native', $file, $seconds, $root),
];
unlink($file);

echo "encode: Horde's per-call API on both sides; encode document: the whole\n",
     "document in one call (ours: Encoder::writeElements; Horde has no such\n",
     "API, so its per-call figure); element stream: getElement() to the end;\n",
     "whole document: every token into one array (ours: getAllTokens()).\n",
     "PHP call floor: the same per-call loop over an encoder whose methods do\n",
     "nothing; its ratio is the most any encoder behind the per-call API can reach.\n\n";
printf("%-14s %-15s %11s %12s %8s\n", 'document', 'operation', 'Horde MB/s', 'native MB/s', 'ratio');
foreach ($docs as $name => [, $bytes]) {
    $h = $results['horde'][$name];
    $n = $results['native'][$name];
    if (!$h['same_output'] || !$n['same_output'] || $h['elements'] !== $n['elements']) {
        fwrite(STDERR, "$name: the two sides disagree on the document\n");
        exit(1);
    }
    foreach (['encode', 'encode_floor', 'encode_document', 'element_stream', 'whole_document'] as $op) {
        $mbH = $h['bytes'] / $h[$op === 'encode_floor' ? 'encode' : $op] / 1e6;
        $mbN = $n['bytes'] / $n[$op] / 1e6;
        $label = $op === 'encode_floor' ? 'PHP call floor' : str_replace('_', ' ', $op);
        printf("%-14s %-15s %11.2f %12.2f %7.1fx\n", $name, $label, $mbH, $mbN, $mbN / $mbH);
    }
    printf("%-14s (%d bytes, %d elements)\n", '', $n['bytes'], $n['elements']);
}

// The native tokenizer alone, without a PHP call per token.
$tools = array_filter(glob("$root/tests/c/build-{gcc,cc,clang}/bench_tokenize", GLOB_BRACE), 'is_executable');
$tool = reset($tools);
if (!$tool) {
    echo "(make -C tests/c to measure the C tokenizer alone)\n";
    exit(0);
}
$files = [];
foreach ($docs as $name => [, $bytes]) {
    $f = tempnam(sys_get_temp_dir(), 'eas-tok');
    file_put_contents($f, $bytes);
    $files[] = escapeshellarg($f);
}
passthru(escapeshellarg($tool) . ' ' . implode(' ', $files));
foreach ($files as $f) {
    unlink(trim($f, "'"));
}
