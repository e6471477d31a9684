<?php
/**
 * One side of bench/mail.php: times building the Message_Mail objects of
 * fetched messages and writing their WBXML, and parsing RFC 822 documents,
 * with Debian's classes or ours; prints JSON.
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

/**
 * A client that answers a FETCH it has answered before from memory, for
 * the "IMAP cached" rows: what building costs once the IMAP data is here,
 * the same for both sides.
 */
function cachingClient(string $spec): Horde_Imap_Client_Socket
{
    $p = [];
    foreach (preg_split('/\s+/', trim($spec)) as $pair) {
        [$k, $v] = explode('=', $pair, 2) + [1 => ''];
        $p[$k] = $v;
    }
    $level = error_reporting(error_reporting() & ~E_DEPRECATED);
    $client = new class(['hostspec' => $p['host'], 'port' => (int)$p['port'], 'username' => $p['username'],
                         'password' => $p['password'], 'secure' => false]) extends Horde_Imap_Client_Socket {
        private $answers = [];

        public function fetch($mailbox, $query, array $options = array())
        {
            $key = md5(serialize([(string)$mailbox, $query, $options]));
            if (!isset($this->answers[$key])) {
                $this->answers[$key] = serialize(parent::fetch($mailbox, $query, $options));
            }
            return unserialize($this->answers[$key]);
        }
    };
    error_reporting($level);
    return $client;
}

$uids = array_map('intval', explode(',', $uids));
$docs = unserialize(file_get_contents($docfile));
$imap = MimeDump::imapClient($spec);
$fetched = MimeDump::fetch($imap, $mbox, $uids);
$cached = cachingClient($spec);
$logger = new Horde_Log_Logger(new Horde_Log_Handler_Null());
$version = new ReflectionProperty('Horde_ActiveSync', '_version');
$version->setAccessible(true);
// as Horde_ActiveSync_Imap_Adapter sets them for the process
Horde_Mime_Part::$defaultCharset = 'UTF-8';
Horde_Mime_Headers::$defaultCharset = 'UTF-8';
$plain = ['protocolversion' => '14.1', 'bodyprefs' => [1 => ['type' => 1, 'truncationsize' => 51200]]];
$html = ['protocolversion' => '14.1', 'bodyprefs' => [2 => ['type' => 2, 'truncationsize' => 51200]]];
$mime = ['protocolversion' => '14.1', 'mimesupport' => 2, 'bodyprefs' => [4 => ['type' => 4, 'truncationsize' => 102400]]];
$flags = ['$label1' => 'Important'];

$failed = 0;
$encodeTime = 0;
$bytes = 0;
// builds as the adapter does (Imap_Message + EasMessageBuilder), then
// writes each message as a Sync response does, timing that apart
$build = function (array $options, bool $bulk = false, $imap = null) use ($mbox, $fetched, $logger, $flags, &$failed, &$encodeTime, &$bytes) {
    $encodeTime = 0;
    $bytes = 0;
    $mailbox = new Horde_Imap_Client_Mailbox($mbox);
    $messages = [];
    foreach ($fetched as $uid => $data) {
        $messages[$uid] = new Horde_ActiveSync_Imap_Message($imap, $mailbox, $data);
    }
    if ($bulk) {
        // ours only: the body parts of all messages in a few FETCH commands
        Horde_ActiveSync_Imap_Message::prefetchBodyData($messages, $options);
    }
    foreach ($messages as $uid => $msg) {
        unset($messages[$uid]);
        try {
            $mail = Horde_ActiveSync_Imap_EasMessageBuilder::create($msg, $options, $logger)->getMessageObject(['flags' => $flags]);
            $t = hrtime(true);
            $out = fopen('php://memory', 'w+');
            $encoder = new Horde_ActiveSync_Wbxml_Encoder($out);
            $encoder->startTag(Horde_ActiveSync::SYNC_DATA);
            $mail->encodeStream($encoder);
            $encoder->endTag();
            $bytes += ftell($out);
            fclose($out);
            $encodeTime += hrtime(true) - $t;
            unset($mail, $msg);
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
$times = $failures = $sizes = [];
$ops = ['plain' => [$build, $plain], 'HTML' => [$build, $html], 'MIME' => [$build, $mime]];
if (method_exists('Horde_ActiveSync_Imap_Message', 'prefetchBodyData')) {
    foreach (['plain' => $plain, 'HTML' => $html, 'MIME' => $mime] as $op => $options) {
        $ops["$op, bulk"] = [$build, $options + ['bulk' => true]];
    }
}
$ops['parse RFC 822'] = [$parse, []];
foreach (['plain' => $plain, 'HTML' => $html, 'MIME' => $mime] as $op => $options) {
    $ops["$op, IMAP cached"] = [$build, $options + ['cached' => true]];
}
foreach ($ops as $op => [$fn, $arg]) {
    $best = INF;
    $bestEncode = INF;
    for ($r = 0; $r < $rounds; $r++) {
        $version->setValue(null, $arg['protocolversion'] ?? '14.1');
        $failed = 0;
        $t = hrtime(true);
        $bulk = !empty($arg['bulk']);
        $client = empty($arg['cached']) ? $imap : $cached;
        unset($arg['bulk'], $arg['cached']);
        $fn($arg, $bulk, $client);
        $all = hrtime(true) - $t;
        if ($fn === $build) {
            $best = min($best, ($all - $encodeTime) / 1e9);
            $bestEncode = min($bestEncode, $encodeTime / 1e9);
        } else {
            $best = min($best, $all / 1e9);
        }
    }
    if ($fn === $build && (strpos($op, 'bulk') !== false || strpos($op, 'cached') !== false)) {
        $times["$op: Message_Mail"] = $best;
    } elseif ($fn === $build) {
        $times["$op: Message_Mail"] = $best;
        $times["$op: WBXML"] = $bestEncode;
        $times["$op: both"] = $best + $bestEncode;
        $sizes[$op] = $bytes;
    } else {
        $times[$op] = $best;
    }
    $failures[$op] = $failed;
}
echo json_encode(['times' => $times, 'failed' => $failures, 'bytes' => $sizes]);
