--TEST--
RangeSet: ranges added, removed, combined, printed and read; hostile text refused
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\RangeSet;

$a = RangeSet::fromString('10:5,3,1:2,20');
echo $a, ' ', $a->count(), "\n";
$b = RangeSet::fromString('4:12');
[$removed, $kept, $added] = RangeSet::diff($a, $b);
echo "$removed | $kept | $added\n";
$c = clone $a;
$c->union($b);
echo $c, ' / ', $a, "\n";
$c->subtract(RangeSet::fromString('2:3'));
$c->intersect(RangeSet::fromString('1:15'));
echo $c, "\n";
$a->removeRange(6, 2);
echo $a, ' ', json_encode($a->ranges()), "\n";
var_dump($a->contains(7), $a->contains(4));
$e = new RangeSet();
$e->addRange(PHP_INT_MIN, PHP_INT_MAX);
var_dump($e->count() === PHP_INT_MAX, (string)$e === PHP_INT_MIN . ':' . PHP_INT_MAX);
$e->removeRange(PHP_INT_MIN, -1);
$e->removeRange(1, PHP_INT_MAX);
echo $e, "\n";
foreach (['1,x', '1,,2', '-4', str_repeat('9', 30), '1:', ' 1'] as $bad) {
    try {
        RangeSet::fromString($bad);
        echo "accepted\n";
    } catch (InvalidArgumentException $ex) {
        echo $ex->getMessage(), "\n";
    }
}
try {
    serialize($a);
} catch (Exception $ex) {
    echo get_class($ex), "\n";
}
?>
--EXPECT--
1:3,5:10,20 10
1:3,20 | 5:10 | 4,11:12
1:12,20 / 1:3,5:10,20
1,4:12
1,7:10,20 [[1,1],[7,10],[20,20]]
bool(true)
bool(false)
bool(true)
bool(true)
0
Invalid range set: expected a number (at byte 2)
Invalid range set: expected a number (at byte 2)
Invalid range set: expected a number (at byte 0)
Invalid range set: number exceeds the integer range (at byte 0)
Invalid range set: expected a number (at byte 2)
Invalid range set: expected a number (at byte 0)
Exception
