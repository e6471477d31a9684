<?php
/**
 * One side of the diff benchmark: an IMAP folder of N messages as a
 * device knows it, and a Sync finding 1% of them changed (new mail, flag
 * changes, expunges), through Horde_ActiveSync_Folder_Imap, with CONDSTORE
 * (the server reports only what changed) and without (the whole window is
 * listed with its flags). Prints JSON timings (best of ROUNDS) of loading
 * the stored state, the diff itself, and storing it again.
 * bench/diff.php runs it with Debian's classes and with ours.
 *
 *   php diff_side.php horde|native N ROUNDS
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

[, $side, $n, $rounds] = $argv;
$n = (int)$n;
if ($side === 'horde') {
    error_reporting(E_ALL & ~E_DEPRECATED & ~E_WARNING);
    require_once 'Horde/Autoloader/Default.php';
    $pack = fn($folder) => serialize($folder);
    $unpack = fn($blob) => unserialize($blob);
} else {
    require dirname(__DIR__) . '/tests/phpunit/bootstrap.php';
    $pack = fn($folder) => Horde\ActiveSync\Native\StateCodec::pack($folder);
    $unpack = fn($blob) => Horde\ActiveSync\Native\StateCodec::unpack($blob);
}

mt_srand(42);
// N messages with a few holes, as a real folder has.
$uids = [];
for ($uid = 1; count($uids) < $n; $uid++) {
    if (mt_rand(0, 49)) {
        $uids[] = $uid;
    }
}
$uidnext = $uid;
$read = [];
foreach ($uids as $uid) {
    $read[$uid] = mt_rand(0, 2) ? 1 : 0;
}
// 1%: a third new, half flag changes, the rest expunged.
$changes = intdiv($n, 100);
$new = range($uidnext, $uidnext + intdiv($changes, 3) - 1);
$picked = array_rand(array_flip($uids), $changes - count($new));
shuffle($picked);
$flagged = array_slice($picked, 0, intdiv($changes, 2));
$expunged = array_slice($picked, intdiv($changes, 2));
sort($flagged);
sort($expunged);
$flagsOf = function (array $list) use (&$read) {
    $out = [];
    foreach ($list as $uid) {
        $out[$uid] = ['read' => $read[$uid] ?? 0, 'flagged' => 0];
    }
    return $out;
};

$result = [];
foreach (['condstore' => 1000, 'plain' => 0] as $mode => $modseq) {
    $status = ['uidvalidity' => 7, 'uidnext' => $uidnext, 'highestmodseq' => $modseq, 'messages' => $n];
    $folder = new Horde_ActiveSync_Folder_Imap('INBOX', 'Email');
    if ($modseq) {
        $folder->primeFolder($uids);
    } else {
        $folder->setChanges($uids, $flagsOf($uids));
    }
    $folder->setStatus($status);
    $folder->updateState();
    $blob = $pack($folder);

    // What the server reports for the Sync.
    foreach ($flagged as $uid) {
        $read[$uid] ^= 1;
    }
    $current = array_merge(array_values(array_diff($uids, $expunged)), $new);
    if ($modseq) {
        $reported = array_merge($flagged, $new);
        sort($reported);
    } else {
        $reported = $current;
    }
    $reportedFlags = $flagsOf($reported);
    $after = ['uidnext' => $uidnext + count($new), 'highestmodseq' => $modseq ? $modseq + $changes : 0] + $status;

    $best = ['load' => INF, 'diff' => INF, 'save' => INF];
    for ($r = 0; $r < $rounds; $r++) {
        $t = microtime(true);
        $f = $unpack($blob);
        $best['load'] = min($best['load'], microtime(true) - $t);

        $t = microtime(true);
        $f->setChanges($reported, $reportedFlags);
        $f->setRemoved($expunged);
        $soft = $modseq ? [] : $f->getSoftDeleted();
        $found = [count($f->added()), count($f->changed()), count($f->removed()), count($soft)];
        $f->setStatus($after);
        $f->updateState();
        $best['diff'] = min($best['diff'], microtime(true) - $t);

        $t = microtime(true);
        $stored = $pack($f);
        $best['save'] = min($best['save'], microtime(true) - $t);
    }
    if (count($f->messages()) != count($current)) {
        fwrite(STDERR, "$side $mode: wrong message count " . count($f->messages()) . "\n");
        exit(1);
    }
    foreach ($flagged as $uid) {
        $read[$uid] ^= 1;
    }
    $result[$mode] = $best + ['found' => $found, 'bytes' => strlen($stored)];
}
echo json_encode($result), "\n";
