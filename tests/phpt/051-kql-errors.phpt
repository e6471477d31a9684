--TEST--
KqlQuery: malformed queries raise KqlException with reason and position; options are checked; objects are neither serialized nor cloned
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\KqlException;
use Horde\ActiveSync\Native\KqlQuery;

foreach (['"open', 'a AND', 'from: x', 'foo:bar', 'Grüße (x', "a\x01", "\xff", '((((a))))', str_repeat('a ', 300), '', 'size:2..1'] as $bad) {
    try {
        KqlQuery::parse($bad, ['maxDepth' => 3]);
        echo "parsed\n";
    } catch (KqlException $e) {
        printf("%s %d %d/%d: %s\n", $e->getReason(), $e->getCode(), $e->getOffset(), $e->getCharOffset(), $e->getMessage());
    }
}
try {
    KqlQuery::imapPlan('x OR');
} catch (KqlException $e) {
    echo get_class($e), ' ', $e instanceof RuntimeException ? 'RuntimeException' : '', ' ', $e->getReason(), "\n";
}
var_dump(KqlException::MISSING_OPERAND === 11, KqlException::LONE_WILDCARD);
foreach ([['bogus' => 1], [1], ['now' => 'x'], ['tzOffset' => 100000], ['weekStart' => 2], ['dateOrder' => 'ymd'],
          ['maxLength' => 0], ['maxDepth' => 1000], ['maxNodes' => 2], ['maxNodes' => 1.5]] as $opts) {
    try {
        KqlQuery::parse('x', $opts);
        echo "accepted\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$q = KqlQuery::parse('x', ['maxLength' => 65536, 'maxDepth' => 256, 'maxNodes' => 16384, 'weekStart' => 0, 'dateOrder' => 'dmy']);
foreach (['serialize' => fn () => serialize($q), 'clone' => fn () => clone $q, 'new' => fn () => new KqlQuery()] as $what => $f) {
    try {
        $f();
    } catch (Throwable $e) {
        echo $what, ': ', get_class($e), "\n";
    }
}
// many failing and succeeding parses: nothing leaks (valgrind runs this too)
for ($i = 0; $i < 200; $i++) {
    try {
        KqlQuery::parse(str_repeat('(a OR b) ', $i % 40) . ($i % 2 ? ')' : 'c'))->toImapPlan();
    } catch (KqlException $e) {
    }
}
echo "done\n";
?>
--EXPECT--
unterminated-phrase 7 0/0: Invalid KQL query: the quote at byte 0 is not closed (at character 0)
missing-operand 11 2/2: Invalid KQL query: AND at byte 2 has nothing after it (at character 2)
missing-value 13 5/5: Invalid KQL query: from: needs a value right after the operator (at character 5)
unknown-property 12 0/0: Invalid KQL query: unknown property 'foo' (at character 0)
unclosed-parenthesis 8 8/6: Invalid KQL query: the parenthesis at byte 8 is not closed (at character 6)
control-character 6 1/1: Invalid KQL query: control character 0x01 (at character 1)
encoding 5 0/0: Invalid KQL query: invalid UTF-8 at byte 0 (at character 0)
too-deep 3 3/3: Invalid KQL query: nesting deeper than 3 levels (at character 3)
too-complex 4 512/512: Invalid KQL query: the query has more than 256 parts (at character 512)
empty 1 0/0: Invalid KQL query: empty query (at character 0)
bad-range 17 8/8: Invalid KQL query: the range ends before it starts (at character 8)
Horde\ActiveSync\Native\KqlException RuntimeException missing-operand
bool(true)
int(19)
ValueError: Unknown KQL option "bogus"
ValueError: KQL options must be named
TypeError: KQL option "now" must be of type int, string given
ValueError: KQL option "tzOffset" must be between -93600 and 93600
ValueError: KQL option "weekStart" must be between 0 and 1
ValueError: KQL option "dateOrder" must be "mdy" or "dmy"
ValueError: KQL option "maxLength" must be between 1 and 65536
ValueError: KQL option "maxDepth" must be between 1 and 256
ValueError: KQL option "maxNodes" must be between 4 and 16384
TypeError: KQL option "maxNodes" must be of type int, float given
serialize: Exception
clone: Error
new: Error
done
