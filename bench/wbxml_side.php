<?php
/**
 * One side of the WBXML benchmark: times encoding and decoding of the given
 * documents through the Horde_ActiveSync_Wbxml API and prints JSON.
 * bench/wbxml.php runs it twice: with Debian's php-horde-activesync and
 * with ours (the extension plus php/), each in its own process.
 *
 *   php wbxml_side.php horde|native DOCS_FILE SECONDS
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

[$self, $side, $docsFile, $seconds] = $argv + [null, null, null, '1'];
if ($side === 'horde') {
    require_once 'Horde/Autoloader/Default.php';
} else {
    require dirname(__DIR__) . '/tests/phpunit/bootstrap.php';
}

/** @var array<string, array> $docs name => [calls, wbxml bytes] */
$docs = unserialize(file_get_contents($docsFile));
// Tag names in real code are string constants, one string per tag; after
// unserialize() every occurrence is a copy. Share them again.
$names = [];
foreach ($docs as &$doc) {
    foreach ($doc[0] as &$call) {
        if ($call[0] === 's') {
            $call[1] = $names[$call[1]] ??= $call[1];
        }
    }
    unset($call);
}
unset($doc);

/** Best time of repeated runs within the time budget. */
function best(callable $run, float $budget): float
{
    $best = INF;
    $start = microtime(true);
    $runs = 0;
    do {
        $t = hrtime(true);
        $run();
        $best = min($best, (hrtime(true) - $t) / 1e9);
        $runs++;
    } while ($runs < 3 || (microtime(true) - $start < $budget && $runs < 50));
    return $best;
}

/**
 * An encoder that writes nothing: the same calls through it cost what PHP
 * charges for the loop and a method call per element, the floor under any
 * encoder behind Horde's per-call API.
 */
class NoWorkEncoder
{
    public function startWBXML($multipart = false)
    {
    }

    public function startTag($tag, $attributes = false, $output_empty = false)
    {
    }

    public function content($content, $opaque = false)
    {
    }

    public function endTag()
    {
    }
}

function encode(array $calls, bool $noWork = false): string
{
    $out = fopen('php://memory', 'w+');
    $e = $noWork ? new NoWorkEncoder() : new Horde_ActiveSync_Wbxml_Encoder($out);
    $e->startWBXML();
    foreach ($calls as $c) {
        switch ($c[0]) {
        case 's':
            $e->startTag($c[1], false, $c[2]);
            break;
        case 'c':
            $e->content($c[1], $c[2]);
            break;
        default:
            $e->endTag();
        }
    }
    rewind($out);
    return stream_get_contents($out);
}

function decoder(string $bytes)
{
    $in = fopen('php://memory', 'w+');
    fwrite($in, $bytes);
    rewind($in);
    $d = new Horde_ActiveSync_Wbxml_Decoder($in);
    $d->readWbxmlHeader();
    return $d;
}

$results = [];
foreach ($docs as $name => [$calls, $bytes]) {
    $check = encode($calls);
    $r = ['bytes' => strlen($bytes), 'same_output' => $check === $bytes];
    $r['encode'] = best(function () use ($calls) {
        encode($calls);
    }, (float)$seconds);
    $r['encode_floor'] = best(function () use ($calls) {
        encode($calls, true);
    }, (float)$seconds);
    // The whole document in one call where the engine can (ours:
    // writeElements with the decoder's element arrays); Horde has only
    // the per-call API.
    if (method_exists('Horde_ActiveSync_Wbxml_Encoder', 'writeElements')) {
        $elements = [];
        foreach ($calls as $c) {
            $elements[] = $c[0] === 's' ? [1 => 1, 2 => $c[1], 4 => $c[2] ? 0 : 1]
                : ($c[0] === 'c' ? [1 => 3, 3 => $c[1], 4 => $c[2] ? 4 : 0] : [1 => 2]);
        }
        $r['encode_document'] = best(function () use ($elements, $bytes) {
            $out = fopen('php://memory', 'w+');
            $e = new Horde_ActiveSync_Wbxml_Encoder($out);
            $e->startWBXML();
            $e->writeElements($elements);
            rewind($out);
            if (stream_get_contents($out) !== $bytes) {
                throw new RuntimeException('writeElements wrote another document');
            }
        }, (float)$seconds);
    } else {
        $r['encode_document'] = $r['encode'];
    }
    $count = 0;
    $r['element_stream'] = best(function () use ($bytes, &$count) {
        $d = decoder($bytes);
        $count = 0;
        while ($d->getElement() !== false) {
            $count++;
        }
    }, (float)$seconds);
    $r['elements'] = $count;
    $r['whole_document'] = best(function () use ($bytes) {
        $d = decoder($bytes);
        if (method_exists($d, 'getAllTokens')) {
            $all = $d->getAllTokens();      // native: one call
        } else {
            $all = [];
            // Horde 5 answers null, not false, at the end of the input
            while (($t = $d->getToken())) {
                $all[] = $t;
            }
        }
    }, (float)$seconds);
    $results[$name] = $r;
}
echo json_encode($results);
