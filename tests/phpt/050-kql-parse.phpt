--TEST--
KqlQuery: parse, the tree as arrays and as text, the IMAP plan and search keys
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\KqlQuery;

$opts = ['now' => 1710504000, 'tzOffset' => 0];
$q = KqlQuery::parse('from:(alice OR "Bob Smith") +report* -isread:true received:"last week" size:1KB..2KB importance:low kind:mail', $opts);
echo $q, "\n", $q->toImapString(), "\n", $q->getQuery(), "\n";
echo json_encode($q->toArray()), "\n";
echo json_encode($q->toImapPlan()), "\n";
echo json_encode(KqlQuery::imapPlan('participants:x OR NOT category:"Red Cat"', $opts)), "\n";
echo json_encode(KqlQuery::imapPlan('kind:email', $opts)), "\n";
echo json_encode(KqlQuery::imapPlan('NOT kind:email', $opts)), "\n";
echo json_encode(KqlQuery::parse('sent<=2024-02-29 OR sent>today', $opts)->toImapPlan()), "\n";
echo KqlQuery::DEFAULT_MAX_LENGTH, ' ', KqlQuery::DEFAULT_MAX_DEPTH, ' ', KqlQuery::DEFAULT_MAX_NODES, "\n";
// a query object outlives the string it was parsed from
$s = str_repeat('x', 3) . ' y';
$q2 = KqlQuery::parse($s, $opts);
unset($s);
echo $q2, "\n";
?>
--EXPECT--
(and (or from:alice from:"Bob Smith") report* (not isread:true) received[2024-03-04,2024-03-11) size[1024,2048] importance:low kind:email)
OR (FROM "Bob Smith") (FROM alice) TEXT report UNSEEN SINCE 4-Mar-2024 BEFORE 11-Mar-2024 LARGER 1023 SMALLER 2049 OR (NOT HEADER X-PRIORITY "" HEADER IMPORTANCE low) (HEADER X-PRIORITY 5)
from:(alice OR "Bob Smith") +report* -isread:true received:"last week" size:1KB..2KB importance:low kind:mail
{"op":"and","nodes":[{"op":"or","nodes":[{"op":"property","property":"from","operator":":","text":"alice","type":"text","value":"alice","match":"word","pos":6,"len":5},{"op":"property","property":"from","operator":":","text":"Bob Smith","type":"text","value":"Bob Smith","match":"phrase","quoted":true,"pos":15,"len":11}],"pos":6,"len":20},{"op":"text","value":"report","match":"prefix","required":true,"pos":29,"len":7},{"op":"not","node":{"op":"property","property":"isread","operator":":","text":"true","type":"bool","value":true,"pos":38,"len":11},"pos":37,"len":12},{"op":"property","property":"received","operator":":","text":"last week","type":"date","since":"2024-03-04","before":"2024-03-11","pos":50,"len":20},{"op":"property","property":"size","operator":"..","text":"1KB..2KB","type":"size","min":1024,"max":2048,"pos":71,"len":13},{"op":"property","property":"importance","operator":":","text":"low","type":"importance","value":"low","pos":85,"len":14},{"op":"property","property":"kind","operator":":","text":"mail","type":"kind","value":"email","pos":100,"len":9}],"pos":6,"len":103}
{"op":"and","nodes":[{"op":"or","nodes":[{"op":"header","header":"FROM","text":"alice","not":false},{"op":"header","header":"FROM","text":"Bob Smith","not":false}]},{"op":"text","text":"report","not":false},{"op":"flag","flag":"SEEN","set":false},{"op":"date","range":"SINCE","date":"2024-03-04","sent":false,"not":false},{"op":"date","range":"BEFORE","date":"2024-03-11","sent":false,"not":false},{"op":"size","larger":true,"size":1023,"not":false},{"op":"size","larger":false,"size":2049,"not":false},{"op":"or","nodes":[{"op":"header","header":"X-Priority","text":"5","not":false},{"op":"and","nodes":[{"op":"header","header":"X-Priority","text":"","not":true},{"op":"header","header":"Importance","text":"low","not":false}]}]}]}
{"op":"or","nodes":[{"op":"header","header":"FROM","text":"x","not":false},{"op":"header","header":"TO","text":"x","not":false},{"op":"header","header":"CC","text":"x","not":false},{"op":"header","header":"BCC","text":"x","not":false},{"op":"keyword","flag":"red_cat","category":"Red Cat","set":false}]}
{"op":"all"}
{"op":"none"}
{"op":"or","nodes":[{"op":"date","range":"BEFORE","date":"2024-03-01","sent":true,"not":false},{"op":"date","range":"SINCE","date":"2024-03-16","sent":true,"not":false}]}
4096 32 256
(and xxx y)
