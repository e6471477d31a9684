<?php
/**
 * One side of bench/mail.php: times building the mail of fetched messages
 * and parsing RFC 822 documents, with Debian's classes or ours, and prints
 * JSON.
 *
 *   php mail_side.php horde|native IMAP-SPEC MAILBOX UIDS DOCS-FILE ROUNDS
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

[, $side, $spec, $mbox, $uids, $docfile, $rounds] = $argv;
if ($side === 'horde') {
    require_once 'Horde/Autoloader/Default.php';
} else {
    require dirname(__DIR__) . '/tests/phpunit/bootstrap.php';
}
require_once dirname(__DIR__) . '/tests/phpunit/Support/MimeDump.php';

use Horde\ActiveSync\Test\Support\MimeDump;

$uids = array_map('intval', explode(',', $uids));
$docs = unserialize(file_get_contents($docfile));
$imap = MimeDump::imapClient($spec);
$fetched = MimeDump::fetch($imap, $mbox, $uids);
$full = class_exists('Horde_ActiveSync_Message_Mail');
$logger = new Horde_Log_Logger(new Horde_Log_Handler_Null());
if ($full) {
    $version = new ReflectionProperty('Horde_ActiveSync', '_version');
    $version->setAccessible(true);
}
$html = ['protocolversion' => '14.1', 'bodyprefs' => [2 => ['type' => 2, 'truncationsize' => 51200]]];
$mime = ['protocolversion' => '14.1', 'mimesupport' => 2, 'bodyprefs' => [4 => ['type' => 4, 'truncationsize' => 102400]]];

$failed = 0;
$build = function (array $options) use ($imap, $mbox, $fetched, $full, $logger, &$failed) {
    foreach ($fetched as $data) {
        try {
            $msg = new Horde_ActiveSync_Imap_Message($imap, new Horde_Imap_Client_Mailbox($mbox), $data);
            if ($full) {
                Horde_ActiveSync_Imap_EasMessageBuilder::create($msg, $options, $logger)->getMessageObject();
            } else {
                $mbd = $msg->getMessageBodyDataObject($options);
                $mbd->plain;
                $mbd->html;
                $msg->hasAttachments();
                $msg->getHeaders()->getValue('Message-ID');
                $msg->getToAddresses();
            }
        } catch (Throwable $e) {
            $failed++;
        }
    }
};
$parse = function () use ($docs) {
    foreach ($docs as $doc) {
        $r = new Horde_ActiveSync_Rfc822($doc);
        $r->getHeaders();
        $r->getMessage();
        $r->getMimeObject()->contentTypeMap();
    }
};
$times = $failures = [];
foreach (['build, HTML body' => [$build, $html], 'build, MIME body' => [$build, $mime], 'parse RFC 822' => [$parse, []]] as $op => [$fn, $arg]) {
    $best = INF;
    for ($r = 0; $r < $rounds; $r++) {
        if ($full) {
            $version->setValue(null, $arg['protocolversion'] ?? '14.1');
        }
        $failed = 0;
        $t = hrtime(true);
        $fn($arg);
        $best = min($best, (hrtime(true) - $t) / 1e9);
    }
    $times[$op] = $best;
    $failures[$op] = $failed;
}
echo json_encode(['times' => $times, 'full' => $full, 'failed' => $failures]);
