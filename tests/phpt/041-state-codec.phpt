--TEST--
StateCodec: values and objects round-trip; damaged, foreign or hostile data is refused
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\StateCodec;

class Horde_ActiveSync_Plain { public $a = 1; protected $b = [1, 2]; private $c = 'x'; public ?int $typed = null; }
class Horde_ActiveSync_Child extends Horde_ActiveSync_Plain { private $c = 'child'; public $w = 0; function __wakeup() { $this->w++; } }
class Horde_ActiveSync_Custom {
    public $v = '';
    function __serialize(): array { return ['v' => $this->v]; }
    function __unserialize(array $d): void { $this->v = 'restored ' . $d['v']; }
}
class Other_Class { }

$custom = new Horde_ActiveSync_Custom();
$custom->v = 'INBOX';
$child = new Horde_ActiveSync_Child();
$child->typed = 5;
$value = [
    'uids' => range(1000, 1099), 'neg' => [-1, PHP_INT_MAX, PHP_INT_MIN], 'f' => -0.25, 'n' => null,
    7 => true, '8' => false, 'nested' => [['id' => 'a', 'mod' => 1], ['id' => 'b', 'mod' => 2]],
    'plain' => new Horde_ActiveSync_Plain(), 'child' => $child, 'custom' => $custom, "bin\0key" => "\xff\x00",
];
$packed = StateCodec::pack($value, 9);
var_dump(StateCodec::isNative($packed), StateCodec::isNative(serialize($value)));
var_dump(strlen($packed) < strlen(serialize($value)) / 2);
$back = StateCodec::unpack($packed, ['Horde_ActiveSync_'], $kind);
var_dump($kind);
var_dump($back['custom']->v, $back['child']->w, $back['child']->typed);
$back['custom'] = $custom;
$back['child']->w = 0;
var_dump($back == $value, array_keys($back) === array_keys($value));
var_dump(StateCodec::unpack(StateCodec::packText($value))['uids'] === $value['uids']);

// Recomputes the frame checksum (CRC-32 of bytes 4-7 and the payload) after an edit.
function reframe(string $f): string
{
    return substr($f, 0, 12) . pack('V', crc32(substr($f, 4, 4) . substr($f, 16))) . substr($f, 16);
}

$errors = [
    'foreign class' => fn() => StateCodec::unpack($packed, ['Other_']),
    'unknown class' => fn() => StateCodec::unpack(reframe(str_replace('_Plain', '_Nopee', StateCodec::pack(new Horde_ActiveSync_Plain())))),
    'truncated' => fn() => StateCodec::unpack(substr($packed, 0, 40)),
    'tampered' => fn() => StateCodec::unpack(substr_replace($packed, 'Z', 30, 1)),
    'php serialize' => fn() => StateCodec::unpack(serialize($value)),
    'bad base64' => fn() => StateCodec::unpack('EAS1:@@@@'),
    'resource' => fn() => StateCodec::pack(STDIN),
    'closure' => fn() => StateCodec::pack(['x' => fn() => 1]),
    'kind' => fn() => StateCodec::pack(1, 256),
];
foreach ($errors as $name => $f) {
    try {
        $f();
        echo "$name: accepted\n";
    } catch (Throwable $e) {
        echo "$name: ", $e->getMessage(), "\n";
    }
}
$loop = [];
$loop[] = &$loop;
try {
    StateCodec::pack($loop);
} catch (Exception $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
bool(true)
bool(false)
bool(true)
int(9)
string(14) "restored INBOX"
int(1)
int(5)
bool(true)
bool(true)
bool(true)
foreign class: State: class Horde_ActiveSync_Plain is not allowed in stored state
unknown class: State: stored class Horde_ActiveSync_Nopee does not exist
truncated: Corrupt state data: state data holds 24 payload bytes, its header says 430 (at byte 40)
tampered: Corrupt state data: state data checksum mismatch (corrupt or tampered) (at byte 12)
php serialize: Corrupt state data: not native state data (bad magic) (at byte 0)
bad base64: Corrupt state data: the text form is not valid base64
resource: State: a resource cannot be stored
closure: State: objects of class Closure cannot be stored
kind: Horde\ActiveSync\Native\StateCodec::pack(): Argument #2 ($kind) must be between 0 and 255
State: value nests deeper than 128 levels (a recursive structure?)
