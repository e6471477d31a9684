<?php
/**
 * Writes the seed corpus of tests/fuzz/corpus/state: packed state values of
 * the shapes the state backend stores, a few damaged frames, and sync keys.
 *
 *   php -d extension=modules/horde_activesync.so tools/gen-state-seeds.php
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

use Horde\ActiveSync\Native\StateCodec;

$dir = __DIR__ . '/../tests/fuzz/corpus/state';
@mkdir($dir, 0777, true);
array_map('unlink', glob("$dir/*"));

$cache = [
    'confirmed_synckeys' => ['{6a1b0c7e-2f43-4d8e-9a51-0c3b7d2e8f41}3' => true],
    'lasthbsyncstarted' => 1764000000, 'lastsyncendnormal' => false, 'timestamp' => '1764000012',
    'wait' => false, 'hbinterval' => 470, 'hierarchy' => '{0d3f4b2a-1e6c-4f70-8b9d-5a2c1e0f7b63}4',
    'folders' => ['F1a2b3c4' => ['class' => 'Email', 'serverid' => 'INBOX', 'type' => 2]],
    'collections' => ['F1a2b3c4' => ['class' => 'Email', 'windowsize' => 25, 'lastsynckey' => '{6a1b}3']],
    'pingheartbeat' => 470, 'synckeycounter' => ['F1a2b3c4' => ['{6a1b}3' => 0]],
];
$pending = [
    ['id' => 101, 'type' => 'change', 'flags' => 'NewMessage', 'serverid' => 'INBOX'],
    ['id' => 102, 'type' => 'flag', 'flags' => ['read' => 1, 'flagged' => 0]],
    ['id' => 'a7c2', 'type' => 'delete'],
];
$folders = [['id' => 'F1a2b3c4', 'mod' => 'INBOX', 'parent' => '0', 'serverid' => 'INBOX']];
$seeds = [
    'cache' => StateCodec::pack($cache, 3),
    'pending' => StateCodec::pack($pending, 2),
    'folders' => StateCodec::pack($folders, 1),
    'uids' => StateCodec::pack(['uids' => range(1, 500, 3), 'modseq' => 9_000_000_001, 'f' => 0.5]),
    'scalars' => StateCodec::pack([null, true, false, -1, PHP_INT_MIN, '', "\0"]),
];
$seeds['truncated'] = substr($seeds['cache'], 0, 60);
$seeds['tampered'] = substr_replace($seeds['pending'], "\x7f", 20, 1);
foreach (['synckey' => '{5f3a8d0e-1c2b-4a6f-9e7d-0123456789ab}17', 'synckey-zero' => '0',
          'synckey-bad' => '{5f3a8d0e}99999999999'] as $name => $key) {
    $seeds[$name] = $key;
}
foreach ($seeds as $name => $bytes) {
    file_put_contents("$dir/$name", $bytes);
}
printf("%d seeds in %s\n", count($seeds), realpath($dir));
