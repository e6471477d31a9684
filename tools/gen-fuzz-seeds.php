<?php
/**
 * Writes the seed corpus of tests/fuzz/corpus/wbxml: documents of every
 * command, message fragments as Horde writes them, and malformed inputs.
 * The first byte of each seed is the fuzzer's mode byte (8: read the header).
 *
 *   php -d extension=modules/horde_activesync.so tools/gen-fuzz-seeds.php
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

require __DIR__ . '/../tests/phpunit/bootstrap.php';

use Horde\ActiveSync\Test\Support\Documents;
use Horde\ActiveSync\Test\Support\Oracle;

$dir = __DIR__ . '/../tests/fuzz/corpus/wbxml';
array_map('unlink', glob("$dir/*"));
$write = function ($name, $mode, $bytes) use ($dir) {
    file_put_contents("$dir/$name", chr($mode) . $bytes);
};

foreach (Documents::clientRequests() as $name => $calls) {
    $write("request-$name", 8, $calls->replay());
}
$write('contacts-5', 8, Documents::contactsSync(5)->replay());
$write('mails-3', 8 | 1, Documents::mailsSync(3)->replay());
for ($seed = 1; $seed <= 8; $seed++) {
    $write("random-$seed", 8 | ($seed << 1 & 6) | ($seed & 1 ? 16 : 0), Documents::random($seed, 60)->replay());
}
if (Oracle::available()) {
    foreach (['contact', 'mail', 'task', 'note'] as $type) {
        $write("horde-$type-16.1", 32, Oracle::message($type, '16.1'));
    }
    $write('horde-appointment-14.1', 32, Oracle::message('appointment', '14.1'));
}
$h = "\x03\x01\x6a\x00";
$bad = [
    'truncated-string' => $h . "\x45\x4e\x03abc",
    'open-elements' => $h . "\x45\x5c\x4f",
    'unknown-page' => $h . "\x00\x30\x45",
    'attributes' => $h . "\xc5\x01",
    'literal' => $h . "\x45\x04\x00",
    'mbuint-overflow' => $h . "\x45\xc3\xff\xff\xff\xff\xff\x7f",
    'gigabyte' => $h . "\x45\xc3\x84\x80\x80\x80\x00xx",
    'bad-utf8' => $h . "\x45\x03a\xffb\x00\x01",
    'entity' => $h . "\x45\x02\x81\x76\x02\x83\xb0\x00\x01",
    'pi-and-ext' => $h . "\x40x\x00\x81\x82\x2c\xc2\x43\x05\x03v\x00\x85\x01\x45\x01",
    'keepalives' => $h . "\x00\x00\x45\x00\x00\x4e\x00\x00\x03" . "1\x00\x00\x00\x01\x00\x00\x01",
    'string-table' => "\x03\x00\x02\x6a\x03ab\x00\x45\x01",
    'deep' => $h . str_repeat("\x4f", 300),
];
foreach ($bad as $name => $bytes) {
    $write("bad-$name", 8, $bytes);
}
echo count(glob("$dir/*")), " seeds\n";
