--TEST--
ImapFolderState: Horde's change rules, update, soft deletes, forms of the known set, hostile input
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\ImapFolderState as S;

function show($label, $v) { echo $label, ': ', json_encode($v), "\n"; }

// Without CONDSTORE: first listing, then a flag change and a new message.
$s = new S();
$s->setChanges([100, 101, 102], [100 => ['read' => 0, 'flagged' => 0], '101' => ['read' => 1], 102 => []], 0, false, false);
show('added', $s->added());
$s->update(false);
show('map', $s->messageMap());
$s->setChanges([100, 101, 102, 103], [100 => ['read' => true, 'flagged' => 0], 101 => ['read' => 1], 102 => ['read' => 1],
                                    103 => ['read' => 0]], 103, false, false);
show('added', $s->added());
show('changed', $s->changed());
var_dump($s->hasPending(), $s->setRemoved([101]), $s->setRemoved([5]));
show('removed', $s->removed());
show('soft', $s->takeSoftDeleted());
$s->update(false);
show('messages', $s->messages());
var_dump($s->hasPending(), $s->minUid(), $s->count(), $s->contains('102'), $s->contains(7));

// With CONDSTORE: prime, then a delta.
$c = new S();
$c->prime([5, 3, 4, 4]);
var_dump($c->isPrimed());
$c->update(true);
show('primed', $c->messages());
$c->setChanges([4, 9], [], 6, true, false);
show('added', $c->added());
show('changed', $c->changed());
$c->setSoftDeleted([3]);
show('soft', $c->softDeleted());
$c->update(true);
show('messages', $c->messages());
$c->acknowledge(7);
$c->acknowledge('7');
show('acked', $c->messages());

// Clones are independent.
$d = clone $c;
$d->acknowledge(8);
var_dump($c->count(), $d->count());

// Forms of the known set.
$big = new S();
$big->loadList(array_merge(range(1, 50000), range(50002, 100001)));
var_dump($big->sequence(), strlen($big->encode()));
$again = new S();
$again->decode($big->encode());
var_dump($again->messages() === $big->messages());
$again->loadSequence('46653:46682,46691:46721');
var_dump($again->count());
$again->loadMap([7 => ['read' => 1], 9 => 3, '11' => []]);
show('map', $again->messageMap());
var_dump(S::toSequence([9, 1, 2, 3, 3]), S::fromSequence(' 3:1 '));

// Damaged or hostile data is refused with Horde_ActiveSync_Exception's message.
foreach ([
    fn() => $again->decode("\x01\x05"),
    fn() => $again->decode(''),
    fn() => $again->loadSequence('1:4294967295'),
    fn() => $again->loadSequence('1,,2'),
    fn() => $again->loadSequence('1:100', 50),
    fn() => $again->loadList([1, 0]),
    fn() => $again->loadList([1, 4294967296]),
    fn() => $again->loadList([[1]]),
    fn() => $again->loadMap(['x' => []]),
    fn() => $again->setChanges([1.5], [], 0, false, false),
    fn() => $again->acknowledge('-3'),
    fn() => S::fromSequence('*'),
] as $i => $f) {
    try {
        $f();
        echo "$i: accepted\n";
    } catch (Exception $e) {
        echo "$i: ", $e->getMessage(), "\n";
    }
}
var_dump($again->count());

// Planning and Ping.
$saved = ['uidvalidity' => 7, 'uidnext' => 100, 'highestmodseq' => '500', 'messages' => 50];
foreach ([
    [[], $saved],
    [$saved, $saved],
    [$saved, ['highestmodseq' => 501] + $saved],
    [$saved, ['highestmodseq' => 3] + $saved],
    [$saved, ['uidvalidity' => 8] + $saved],
    [['uidvalidity' => 0] + $saved, $saved],
    [['highestmodseq' => 0] + $saved, ['highestmodseq' => 0] + $saved],
    [['highestmodseq' => 0] + $saved, $saved],
] as [$a, $b]) {
    echo json_encode(S::plan($a, $b)), ' ';
}
echo json_encode(S::plan($saved, $saved, true)), "\n";
var_dump(S::pingChanged($saved, $saved), S::pingChanged($saved, ['uidnext' => 101] + $saved),
         S::pingChanged($saved, ['messages' => 49] + $saved), S::pingChanged($saved, ['highestmodseq' => 600] + $saved));
try {
    serialize($s);
} catch (Exception $e) {
    echo get_class($e), "\n";
}
?>
--EXPECTF--
added: [100,101,102]
map: {"100":{"read":0,"flagged":0},"101":{"read":1},"102":[]}
added: [103]
changed: [100]
bool(true)
bool(true)
bool(false)
removed: [101]
soft: []
messages: [100,101,102,103]
bool(false)
int(100)
int(4)
bool(true)
bool(false)
bool(true)
primed: [3,4,5]
added: [9]
changed: [4]
soft: [3]
messages: [4,5,9]
acked: [4,5,7,9]
int(4)
int(5)
string(20) "1:50000,50002:100001"
int(15)
bool(true)
int(61)
map: {"7":{"read":1},"9":1,"11":[]}
string(5) "1:3,9"
array(3) {
  [0]=>
  int(1)
  [1]=>
  int(2)
  [2]=>
  int(3)
}
0: Corrupt message list: %s (at byte %d)
1: Corrupt message list: message list: unknown format (at byte 0)
2: Corrupt message list: UID set has more than 10000000 members (at byte %d)
3: Corrupt message list: expected a UID (at byte 2)
4: Corrupt message list: UID set has more than 50 members (at byte 5)
5: Invalid message UID "0"
6: Invalid message UID "4294967296"
7: Invalid message UID of type array
8: Invalid message UID "x"
9: Invalid message UID of type float
10: Invalid message UID "-3"
11: Invalid UID set: expected a UID (at byte 0)
int(3)
{"plan":2,"modseqValid":true} {"plan":0,"modseqValid":true} {"plan":1,"modseqValid":true} {"plan":1,"modseqValid":false} {"plan":4,"modseqValid":true} {"plan":6,"modseqValid":true} {"plan":3,"modseqValid":true} {"plan":5,"modseqValid":true} {"plan":1,"modseqValid":true}
bool(false)
bool(true)
bool(true)
bool(true)
Exception
