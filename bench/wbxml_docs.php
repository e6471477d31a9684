<?php
/**
 * Writes the WBXML benchmark documents: name => [encoder calls, bytes].
 * Calls are compact: [s, tag, forced empty], [c, content, opaque], [e].
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

require dirname(__DIR__) . '/tests/phpunit/bootstrap.php';

use Horde\ActiveSync\Test\Support\Documents;

$docs = [];
foreach (['2000 contacts' => Documents::contactsSync(2000), '500 mails' => Documents::mailsSync(500)] as $name => $calls) {
    $compact = [];
    foreach ($calls->calls as $call) {
        switch ($call[0]) {
        case 'startTag':
            $compact[] = ['s', $call[1][0], $call[1][2]];
            break;
        case 'content':
            $compact[] = ['c', base64_decode($call[1][0]), $call[1][1]];
            break;
        case 'endTag':
            $compact[] = ['e'];
            break;
        }
    }
    $docs[$name] = [$compact, $calls->replay()];
}
file_put_contents($argv[1], serialize($docs));
