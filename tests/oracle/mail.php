<?php
/**
 * The mail half of the oracle: Debian's Horde_ActiveSync mail classes on
 * inputs our tests give, printed as JSON (one line per input).
 *
 *   php mail.php rfc822 FILE...        Horde_ActiveSync_Rfc822 (MimeDump::rfc822)
 *   php mail.php rfc822-std FILE...    the same, adding standard headers
 *   php mail.php mime FILE...          Horde_ActiveSync_Mime and Mime_Iterator
 *                                      on Horde_Mime_Part::parseMessage() (MimeDump::mime)
 *   php mail.php imap MAILBOX OPTIONS-FILE UID...
 *                                      Horde_ActiveSync_Imap_Message and
 *                                      MessageBodyData on the server of
 *                                      $EAS_TEST_IMAP (MimeDump::imapMessage)
 *   php mail.php build MAILBOX SETS-FILE UID...
 *                                      Message_Mail objects through
 *                                      Horde_ActiveSync_Imap_Adapter::getMessages()
 *                                      for each named option set of SETS-FILE
 *                                      (JSON) and UID: picture and WBXML
 *                                      (MimeDump::builtMail), a line each
 *   php mail.php text FILE             JSON list of [text, charset, chars]:
 *                                      [ensureUtf8, substr, crlf] of each
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

require_once 'Horde/Autoloader/Default.php';
require dirname(__DIR__) . '/phpunit/Support/MimeDump.php';

use Horde\ActiveSync\Test\Support\MimeDump;

if (class_exists('Horde\ActiveSync\Native\MimeScanner', false) && !getenv('EAS_ORACLE_ANY')) {
    fwrite(STDERR, "note: horde_activesync is loaded; the oracle does not use it\n");
}

$command = $argv[1] ?? '';
$files = array_slice($argv, 2);
switch ($command) {
case 'rfc822':
case 'rfc822-std':
    foreach ($files as $file) {
        try {
            $out = MimeDump::rfc822(file_get_contents($file), $command === 'rfc822-std');
        } catch (Throwable $e) {
            $out = ['error' => get_class($e) . ': ' . $e->getMessage()];
        }
        echo json_encode($out, JSON_PARTIAL_OUTPUT_ON_ERROR), "\n";
    }
    break;

case 'mime':
    foreach ($files as $file) {
        echo json_encode(MimeDump::mime(Horde_Mime_Part::parseMessage(file_get_contents($file)))), "\n";
    }
    break;

case 'imap':
    $imap = MimeDump::imapClient(getenv('EAS_TEST_IMAP'));
    $mbox = $files[0];
    $options = json_decode(file_get_contents($files[1]), true);
    $uids = array_map('intval', array_slice($files, 2));
    $fetched = MimeDump::fetch($imap, $mbox, $uids);
    foreach ($uids as $uid) {
        try {
            $out = MimeDump::imapMessage($imap, $mbox, $fetched[$uid], $options);
        } catch (Throwable $e) {
            $out = ['error' => get_class($e) . ': ' . $e->getMessage()];
        }
        echo json_encode($out, JSON_PARTIAL_OUTPUT_ON_ERROR), "\n";
    }
    break;

case 'build':
    $imap = MimeDump::imapClient(getenv('EAS_TEST_IMAP'));
    $mbox = $files[0];
    $sets = json_decode(file_get_contents($files[1]), true);
    $uids = array_map('intval', array_slice($files, 2));
    foreach ($sets as $options) {
        $built = MimeDump::buildMails($imap, $mbox, $uids, $options);
        foreach (array_keys($built) as $uid) {
            $out = MimeDump::builtMail($built[$uid]);
            // Horde 5's encoder closes the body stream it wrote, and the
            // message's destructor then removes stream filters that died
            // with it: a TypeError under PHP 8, unrelated to what is
            // compared (see MessageBuilderTest).
            try {
                unset($built[$uid]);
            } catch (TypeError $e) {
                $out['destructor'] = get_class($e);
            }
            echo json_encode($out, JSON_PARTIAL_OUTPUT_ON_ERROR), "\n";
        }
    }
    break;

case 'text':
    $out = [];
    foreach (json_decode(file_get_contents($files[0]), true) as $case) {
        [$text, $charset, $chars] = [base64_decode($case[0]), $case[1], $case[2]];
        $row = [];
        try {
            $row[] = base64_encode(Horde_ActiveSync_Utils::ensureUtf8($text, $charset));
        } catch (Throwable $e) {
            $row[] = get_class($e);
        }
        try {
            $row[] = base64_encode(Horde_String::substr($text, 0, $chars, $charset));
        } catch (Throwable $e) {
            $row[] = get_class($e);
        }
        $stream = new Horde_Stream_Temp();
        stream_filter_register('horde_eol', 'Horde_Stream_Filter_Eol');
        $filter = stream_filter_append($stream->stream, 'horde_eol', STREAM_FILTER_WRITE);
        $stream->add($text, true);
        stream_filter_remove($filter);
        $row[] = base64_encode($stream->getString(0));
        $out[] = $row;
    }
    echo json_encode($out), "\n";
    break;

default:
    fwrite(STDERR, "usage: mail.php rfc822|rfc822-std|text FILE...\n");
    exit(2);
}
