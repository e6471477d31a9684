<?php
/**
 * Runs Debian's pure-PHP php-horde-activesync, the oracle our engine is
 * compared with. It runs in its own process because both define the same
 * class names.
 *
 *   php horde.php decode FILE... [--header] [--log]
 *       the element stream of each file, a JSON line per file
 *   php horde.php encode FILE... [--log]
 *       replays the encoder calls in each JSON file, a base64 line per file
 *   php horde.php dtd
 *       Horde's code page table as JSON
 *   php horde.php message TYPE VERSION
 *       a message fragment as Horde's message classes encode it
 *
 * With --log, Horde's protocol log goes to stderr as "message|indent".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

require_once 'Horde/Autoloader/Default.php';
require __DIR__ . '/messages.php';

if (class_exists('Horde\ActiveSync\Native\WbxmlDecoder', false) && !getenv('EAS_ORACLE_ANY')) {
    // harmless, but say so: the oracle must be Horde's own code
    fwrite(STDERR, "note: horde_activesync is loaded; the oracle does not use it\n");
}

function oracle_logger()
{
    // Collects what Horde logs so callers can compare protocol logs.
    $handler = new Horde_Log_Handler_Stream(fopen('php://stderr', 'w'), 'a+',
        new Horde_Log_Formatter_Simple(['format' => "%message%|%indent%\n"]));
    return new Horde_ActiveSync_Log_Logger($handler);
}

/** The element stream of one document, content base64-encoded. */
function oracle_decode($file, $header, $log)
{
    $stream = fopen($file, 'r');
    $decoder = new Horde_ActiveSync_Wbxml_Decoder($stream);
    if ($log) {
        $decoder->setLogger(oracle_logger());
    }
    $out = [];
    try {
        if ($header) {
            $decoder->readWbxmlHeader();
            $out[] = ['header' => [$decoder->version, $decoder->publicid, $decoder->charsetid, $decoder->isWbxml()]];
        }
        while (($element = $decoder->getElement()) !== false) {
            if (isset($element[Horde_ActiveSync_Wbxml::EN_CONTENT])) {
                $element[Horde_ActiveSync_Wbxml::EN_CONTENT] = base64_encode($element[Horde_ActiveSync_Wbxml::EN_CONTENT]);
            }
            $out[] = $element;
        }
    } catch (Throwable $e) {
        $out[] = ['error' => get_class($e) . ': ' . $e->getMessage()];
    }
    return $out;
}

/** Replays encoder calls; content arguments are base64, streams marked. */
function oracle_encode($file, $log)
{
    $calls = json_decode(file_get_contents($file), true);
    $out = fopen('php://memory', 'w+');
    $encoder = new Horde_ActiveSync_Wbxml_Encoder($out);
    if ($log) {
        $encoder->setLogger(oracle_logger());
    }
    foreach ($calls as $call) {
        $args = $call[1] ?? [];
        if ($call[0] === 'content') {
            $data = base64_decode($args[0]);
            if (!empty($call[2])) {
                $data = fopen('php://temp', 'w+');
                fwrite($data, base64_decode($args[0]));
            }
            $args[0] = $data;
        }
        $encoder->{$call[0]}(...$args);
    }
    rewind($out);
    return stream_get_contents($out);
}

$command = $argv[1] ?? '';
$flags = array_filter($argv, function ($a) { return strncmp($a, '--', 2) === 0; });
$files = array_values(array_filter(array_slice($argv, 2), function ($a) { return strncmp($a, '--', 2) !== 0; }));
$log = in_array('--log', $flags, true);
switch ($command) {
case 'decode':
    // one JSON document per file, one per line
    foreach ($files as $file) {
        echo json_encode(oracle_decode($file, in_array('--header', $flags, true), $log)), "\n";
    }
    break;

case 'encode':
    // base64 of the output, one line per file
    foreach ($files as $file) {
        echo base64_encode(oracle_encode($file, $log)), "\n";
    }
    break;

case 'dtd':
    // Horde's code page table: page => token => name, and page => namespace
    $probe = new class(fopen('php://memory', 'r')) extends Horde_ActiveSync_Wbxml {
        public function dtd()
        {
            return $this->_dtd;
        }
    };
    echo json_encode($probe->dtd());
    break;

case 'message':
    $out = fopen('php://memory', 'w+');
    $encoder = new Horde_ActiveSync_Wbxml_Encoder($out);
    oracle_message($files[0], $files[1] ?? '16.1')->encodeStream($encoder);
    rewind($out);
    echo stream_get_contents($out);
    break;

default:
    fwrite(STDERR, "usage: horde.php decode|encode|message ...\n");
    exit(2);
}
