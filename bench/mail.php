<?php
/**
 * Mail, side by side: Debian's pure-PHP classes and ours
 *   - build the Message_Mail objects of 500 messages of mixed sizes from
 *     fetched IMAP data (structure, envelope, headers, flags: what
 *     Imap_Adapter fetches first; the builder fetches the body parts),
 *     with plain, HTML and MIME body preferences (EAS 14.1), on a Dovecot
 *     the script starts (or $EAS_TEST_IMAP), and write their WBXML as a
 *     Sync response does;
 *     "IMAP cached" rows: the same with every FETCH answered from memory
 *     after the first round (both sides), i.e. the cost of building once
 *     the data is fetched, without Horde_Imap_Client's reading and parsing;
 *     "bulk" rows: ours with the body parts of all messages fetched first
 *     in a few commands (Imap_Message::prefetchBodyData(), for callers
 *     that build many messages), against Horde's per-message build;
 *   - parse 500 RFC 822 documents as SendMail/SmartReply receive them
 *     (headers, body, MIME structure).
 *
 *   php -d extension=build/php-gcc/modules/horde_activesync.so bench/mail.php [N] [ROUNDS]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

require dirname(__DIR__) . '/tests/phpunit/bootstrap.php';

use Horde\ActiveSync\Test\Support\MailCorpus;
use Horde\ActiveSync\Test\Support\MimeDump;

$n = (int)($argv[1] ?? 500);
$rounds = (int)($argv[2] ?? 3);
$root = dirname(__DIR__);

$spec = getenv('EAS_TEST_IMAP');
$dir = null;
if (!$spec) {
    $dir = sys_get_temp_dir() . '/eas-bench-imap-' . getmypid();
    $port = 20000 + getmypid() % 20000;
    exec("$root/tools/dovecot.sh start " . escapeshellarg($dir) . " $port eas:secret", $o, $rc);
    if ($rc) {
        fwrite(STDERR, "could not start dovecot\n");
        exit(1);
    }
    $spec = "host=127.0.0.1 port=$port username=eas password=secret";
}
$imap = MimeDump::imapClient($spec);
$mbox = 'Bench' . getmypid();
$imap->createMailbox($mbox);
$corpus = new MailCorpus(17);
$docs = $corpus->mailbox($n);
$append = [];
foreach ($docs as $i => $doc) {
    $append[] = ['data' => $doc, 'flags' => $i % 3 ? ['\\Seen'] : ['\\Flagged']];
}
$uids = $imap->append($mbox, $append)->ids;
$docfile = tempnam(sys_get_temp_dir(), 'eas-bench-docs');
file_put_contents($docfile, serialize($docs));

$run = function ($side) use ($root, $spec, $mbox, $uids, $docfile, $rounds) {
    $cmd = [PHP_BINARY, '-d', 'memory_limit=2G', '-d', 'display_errors=stderr', '-d', 'error_reporting=' . (E_ALL & ~E_DEPRECATED & ~E_WARNING)];
    if ($side === 'native') {
        array_push($cmd, '-d', 'extension=' . EAS_EXTENSION_PATH);
    } else {
        array_push($cmd, '-d', 'include_path=.:/usr/share/php');
    }
    array_push($cmd, __DIR__ . '/mail_side.php', $side, $spec, $mbox, implode(',', $uids), $docfile, (string)$rounds);
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    if (proc_close($p) !== 0 || !($res = json_decode($out, true))) {
        fwrite(STDERR, "$side failed: $err\n");
        exit(1);
    }
    return $res;
};
$horde = $run('horde');
$native = $run('native');

$imap->deleteMailbox($mbox);
$imap->logout();
unlink($docfile);
if ($dir) {
    exec("$root/tools/dovecot.sh stop " . escapeshellarg($dir));
    exec('rm -rf ' . escapeshellarg($dir));
}

printf("%d messages (%.1f MB), best of %d rounds, EAS 14.1\n", $n, array_sum(array_map('strlen', $docs)) / 1048576, $rounds);
printf("%-26s %12s %12s %8s\n", '', 'Horde (PHP)', 'native', 'ratio');
foreach ($horde['times'] as $op => $t) {
    printf("%-26s %10.1f ms %10.1f ms %7.2fx\n", $op, $t * 1000, $native['times'][$op] * 1000, $t / $native['times'][$op]);
}
// Horde has no bulk path: its per-message build against ours with the
// body parts of all messages prefetched (Imap_Message::prefetchBodyData())
foreach ($native['times'] as $op => $t) {
    if (!isset($horde['times'][$op])) {
        $theirs = $horde['times'][str_replace(', bulk', '', $op)];
        printf("%-26s %10.1f ms %10.1f ms %7.2fx\n", $op, $theirs * 1000, $t * 1000, $theirs / $t);
    }
}
foreach ($horde['bytes'] as $op => $size) {
    printf("%-26s %9.1f kB %9.1f kB\n", "WBXML written, $op", $size / 1024, $native['bytes'][$op] / 1024);
}
foreach ($horde['failed'] as $op => $count) {
    if ($count || $native['failed'][$op]) {
        printf("%-26s %12d %12d   (%s)\n", 'messages that failed', $count, $native['failed'][$op], $op);
    }
}
