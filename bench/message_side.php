<?php
/**
 * One side of the message benchmark: builds the data set, times encoding
 * every message into one Sync response and decoding them back from it,
 * and prints JSON. bench/message.php runs it with Debian's
 * php-horde-activesync and with ours, each in its own process.
 *
 *   php message_side.php horde|native SECONDS
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

[$self, $side, $seconds] = $argv + [null, null, '2'];
if ($side === 'horde') {
    require_once 'Horde/Autoloader/Default.php';
    error_reporting(E_ALL & ~E_DEPRECATED);
} else {
    require dirname(__DIR__) . '/tests/phpunit/bootstrap.php';
}
require __DIR__ . '/message_data.php';
date_default_timezone_set('Europe/Berlin');
bench_init();

/** Best time of repeated runs within the time budget; $prepare is not timed. */
function best(callable $prepare, callable $run, float $budget): float
{
    $best = INF;
    $start = microtime(true);
    $runs = 0;
    do {
        $input = $prepare();
        $t = hrtime(true);
        $run($input);
        $best = min($best, (hrtime(true) - $t) / 1e9);
        $runs++;
    } while ($runs < 3 || (microtime(true) - $start < $budget && $runs < 20));
    return $best;
}

function build(string $builder, int $count): array
{
    $out = [];
    for ($i = 0; $i < $count; $i++) {
        $out[] = $builder($i);
    }
    return $out;
}

/**
 * The messages as a Sync response's Add commands, written to $sink:
 * 'memory' returns the bytes (a php://memory stream, which grows with
 * the response); 'output' writes to php://output as a server does, through
 * an output buffer that passes 64 KiB chunks on (here to nothing, where a
 * server hands them to the web server).
 */
function encode(array $messages, string $sink = 'memory'): string
{
    if ($sink === 'output') {
        ob_start(function ($chunk) {
            return '';
        }, 65536);
        $out = fopen('php://output', 'w');
    } else {
        $out = fopen('php://memory', 'w+');
    }
    $e = new Horde_ActiveSync_Wbxml_Encoder($out);
    $e->startWBXML();
    $e->startTag(Horde_ActiveSync::SYNC_SYNCHRONIZE);
    $e->startTag(Horde_ActiveSync::SYNC_FOLDERS);
    $e->startTag(Horde_ActiveSync::SYNC_FOLDER);
    $e->startTag(Horde_ActiveSync::SYNC_COMMANDS);
    foreach ($messages as $i => $m) {
        $e->startTag(Horde_ActiveSync::SYNC_ADD);
        $e->startTag(Horde_ActiveSync::SYNC_SERVERENTRYID);
        $e->content((string)$i);
        $e->endTag();
        $e->startTag(Horde_ActiveSync::SYNC_DATA);
        $m->encodeStream($e);
        $e->endTag();
        $e->endTag();
    }
    $e->endTag();
    $e->endTag();
    $e->endTag();
    $e->endTag();
    if ($sink === 'output') {
        unset($e);
        fclose($out);
        ob_end_flush();
        return '';
    }
    rewind($out);
    return stream_get_contents($out);
}

/** Every message of a response, decoded into new objects of $class. */
function decode(string $bytes, string $class): array
{
    $in = fopen('php://memory', 'w+');
    fwrite($in, $bytes);
    rewind($in);
    $d = new Horde_ActiveSync_Wbxml_Decoder($in);
    $d->readWbxmlHeader();
    $messages = [];
    while (($el = $d->getElement()) !== false) {
        if ($el[Horde_ActiveSync_Wbxml::EN_TYPE] == Horde_ActiveSync_Wbxml::EN_TYPE_STARTTAG &&
            $el[Horde_ActiveSync_Wbxml::EN_TAG] == Horde_ActiveSync::SYNC_DATA) {
            $m = new $class(['protocolversion' => BENCH_VERSION]);
            $m->commandType = Horde_ActiveSync::SYNC_ADD;
            $m->decodeStream($d);
            $d->getElementEndTag();
            $messages[] = $m;
        }
    }
    return $messages;
}

$results = [];
foreach (bench_sets() as $name => [$count, $builder, $class]) {
    $bytes = encode(build($builder, $count));
    $decoded = decode($bytes, $class);
    $results[$name] = [
        'count' => $count,
        'bytes' => strlen($bytes),
        'sha1' => sha1($bytes),
        'decoded' => count($decoded),
        'reencoded_sha1' => sha1(encode($decoded)),
        'encode' => best(function () use ($builder, $count) {
            return build($builder, $count);
        }, function ($messages) {
            encode($messages, 'output');
        }, (float)$seconds),
        'encode_memory' => best(function () use ($builder, $count) {
            return build($builder, $count);
        }, 'encode', (float)$seconds),
        'decode' => best(function () use ($bytes) {
            return $bytes;
        }, function ($bytes) use ($class) {
            decode($bytes, $class);
        }, (float)$seconds),
    ];
}
echo json_encode($results);
