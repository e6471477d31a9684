<?php
/**
 * One side of the KQL benchmark: turns a mix of Find queries into
 * Horde_Imap_Client_Search_Query objects for about a second per round and
 * prints JSON: queries per second (best round) per measured operation.
 *
 *   php kql_side.php native|debian|horde6 ROUNDS
 *
 * native  Horde_ActiveSync_Find_Kql::toImapQuery() over the extension, and
 *         the extension alone (KqlQuery::imapPlan(): parse and translate)
 * debian  what Debian's Horde 5 engine does with a search text: it has no
 *         KQL parser, its IMAP adapter searches the whole string as one
 *         TEXT criterion
 * horde6  Horde 6's pure-PHP Horde_ActiveSync_Find_Kql::toImapQuery(), and
 *         its tokenizer and parser alone, from the file $EAS_HORDE6_KQL
 *         names (a Horde 6 checkout; not part of this repository)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

[, $side, $rounds] = $argv;
if ($side === 'native') {
    require dirname(__DIR__) . '/tests/phpunit/bootstrap.php';
} else {
    require_once 'Horde/Autoloader/Default.php';
}
error_reporting(E_ALL & ~E_DEPRECATED);

$mix = [
    'to:"Anna Schmidt" OR cc:"Anna Schmidt" OR from:"Anna Schmidt" OR subject:"Anna Schmidt" OR "Anna Schmidt" OR "Anna Schmidt"',
    'invoice',
    'quarterly report',
    'from:john@example.com subject:meeting',
    'from:boss@example.com isread:false importance:high',
    'subject:"status update" received>=2024-03-11',
    'received>=2024-01-01 received<2024-02-01 hasattachment:true',
    '(subject:report OR body:report) received>=2024-02-01 NOT from:noreply@example.com',
    'participants:alice@example.com',
    'size>1000000',
    'category:"Red Category" OR isflagged:true',
    'Grüße "Jürgen Weiß"',
    'budget NOT draft',
    'from:alice OR from:bob',
    '"unterminated phrase',
    'a AND',
];

if ($side === 'horde6') {
    if (!class_exists('Horde\Util\HordeString')) {
        // Horde 6's Horde_Util is namespaced; Debian ships Horde 5's Horde_String
        eval('namespace Horde\Util; class HordeString { public static function lower($s) { return \Horde_String::lower($s); } }');
    }
    require getenv('EAS_HORDE6_KQL');
}

$ops = [];
switch ($side) {
case 'native':
    $options = ['now' => 1710504000, 'timezone' => 'UTC'];
    $native = Horde_ActiveSync_Find_Kql::nativeOptions($options);
    $ops['toImapQuery'] = function ($q) use ($options) {
        try {
            return Horde_ActiveSync_Find_Kql::toImapQuery($q, $options);
        } catch (Horde_ActiveSync_Exception $e) {
            return null;
        }
    };
    $ops['extension alone'] = function ($q) use ($native) {
        try {
            return Horde\ActiveSync\Native\KqlQuery::imapPlan($q, $native);
        } catch (Horde\ActiveSync\Native\KqlException $e) {
            return null;
        }
    };
    break;
case 'debian':
    $ops['toImapQuery'] = function ($q) {
        $query = new Horde_Imap_Client_Search_Query();
        $query->charset('UTF-8', false);
        $query->text($q, false);
        return $query;
    };
    break;
case 'horde6':
    $ops['toImapQuery'] = function ($q) {
        return Horde_ActiveSync_Find_Kql::toImapQuery($q);
    };
    // its tokenizer and parser alone (protected methods), up to its tree
    $ops['parse alone'] = Closure::bind(function ($q) {
        $tokens = self::_tokenize(trim($q));
        return $tokens ? (new self())->_parseExpression($tokens) : null;
    }, null, 'Horde_ActiveSync_Find_Kql');
    break;
}

$result = [];
foreach ($ops as $name => $op) {
    $best = 0;
    for ($r = 0; $r < $rounds; $r++) {
        $n = 0;
        $start = microtime(true);
        do {
            foreach ($mix as $q) {
                $op($q);
            }
            $n += count($mix);
        } while (($elapsed = microtime(true) - $start) < 1.0);
        $best = max($best, $n / $elapsed);
    }
    $result[$name] = $best;
}
echo json_encode($result);
