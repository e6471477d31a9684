--TEST--
SyncKey: generate, parse, advance and relate keys; malformed keys are refused with a reason
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\SyncKey;

$a = SyncKey::generate();
$b = SyncKey::generate();
var_dump(preg_match('/^\{[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\}1$/', $a), $a !== $b);
var_dump(SyncKey::parse('0'), SyncKey::parse(''));
print_r(SyncKey::parse('{abc-XYZ}42'));
echo SyncKey::next('{abc}9'), ' ', strlen(SyncKey::next('0')), "\n";
foreach (['{abc}9' => '{abc}9', '{abc}8' => '{abc}9', '{abc}2' => '{abc}9', '{abc}10' => '{abc}9', '{abd}9' => '{abc}9'] as $p => $l) {
    echo "$p vs $l: ", [SyncKey::CURRENT => 'current', SyncKey::PREVIOUS => 'previous', SyncKey::STALE => 'stale',
        SyncKey::FOREIGN => 'foreign'][SyncKey::relate($p, $l)], "\n";
}
foreach (['{}1', '{abc}', 'abc', '{a b}1', '{abc}1x', '{abc}99999999999', str_repeat('9', 70), "{abc}1\0"] as $bad) {
    var_dump(SyncKey::isValid($bad));
    try {
        SyncKey::next($bad);
    } catch (Exception $e) {
        echo $e->getMessage(), "\n";
    }
}
try {
    SyncKey::next('{abc}4294967295');
} catch (Exception $e) {
    echo $e->getMessage(), "\n";
}
try {
    SyncKey::relate('0', '{abc}1');
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
int(1)
bool(true)
NULL
NULL
Array
(
    [uid] => abc-XYZ
    [counter] => 42
    [digits] => 42
    [hex] => 
)
{abc}10 39
{abc}9 vs {abc}9: current
{abc}8 vs {abc}9: previous
{abc}2 vs {abc}9: stale
{abc}10 vs {abc}9: stale
{abd}9 vs {abc}9: foreign
bool(false)
Invalid sync key: sync key has an empty uid (at byte 1)
bool(false)
Invalid sync key: sync key has no counter (at byte 5)
bool(false)
Invalid sync key: sync key does not start with '{' (at byte 0)
bool(false)
Invalid sync key: invalid character 0x20 in sync key uid (at byte 2)
bool(false)
Invalid sync key: invalid character 0x78 in sync key counter (at byte 6)
bool(false)
Invalid sync key: sync key counter exceeds 4294967295 (at byte 14)
bool(false)
Invalid sync key: sync key is 70 bytes long, more than 64 (at byte 0)
bool(false)
Invalid sync key: invalid character 0x00 in sync key counter (at byte 6)
Cannot advance sync key: sync key counter cannot advance past 4294967295 (at byte 0)
Horde\ActiveSync\Native\SyncKey::relate(): Argument #1 ($presented) must be a sync key other than "0"
