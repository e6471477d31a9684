<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Folder;

use IntRangeSet;
use InvalidArgumentException;
use PHPUnit\Framework\TestCase;

/**
 * Horde 6's IntRangeSet on the native range sets: the behaviour of
 * Horde's own checks, and random operations against PHP arrays.
 */
class IntRangeSetTest extends TestCase
{
    public static function setUpBeforeClass(): void
    {
        require_once EAS_TEST_ROOT . '/php/Horde/ActiveSync/IntRangeSet.php';
    }

    public function testRangesMergeSplitAndPrint(): void
    {
        $s = new IntRangeSet();
        $this->assertSame('', (string)$s);
        $this->assertSame(0, $s->count());
        $s->addRange(10, 20)->addRange(1, 3)->addRange(25, 30)->add(4);
        $this->assertSame('1:4,10:20,25:30', (string)$s);
        $s->addRange(5, 9);
        $this->assertSame('1:20,25:30', (string)$s);
        $s->removeRange(15, 5)->remove(25)->remove(99);
        $this->assertSame('1:4,16:20,26:30', (string)$s);
        $this->assertSame(14, $s->count());
        $this->assertTrue($s->contains(16));
        $this->assertFalse($s->contains(5));
        $this->assertSame([1, 2, 3, 4, 16, 17, 18, 19, 20, 26, 27, 28, 29, 30], iterator_to_array($s, false));
        $s->add(7);
        $this->assertSame('7', (string)(new IntRangeSet())->add(7));
        $this->assertSame('-5:-3,0', (string)(new IntRangeSet())->addRange(-3, -5)->add(0));
    }

    public function testSetOperations(): void
    {
        $a = IntRangeSet::fromString('1:10,20:30');
        $b = IntRangeSet::fromString('5:25,40');
        $this->assertSame('1:30,40', (string)(clone $a)->union($b));
        $this->assertSame('1:4,26:30', (string)(clone $a)->subtract($b));
        $this->assertSame('5:10,20:25', (string)(clone $a)->intersect($b));
        [$removed, $unchanged, $added] = IntRangeSet::diff($a, $b);
        $this->assertSame(['1:4,26:30', '5:10,20:25', '11:19,40'], [(string)$removed, (string)$unchanged, (string)$added]);
        $this->assertSame('1:10,20:30', (string)$a, 'diff leaves its inputs alone');
        $this->assertSame('5:10', (string)(new IntRangeSet([5, 10]))); // Horde 6's flat form
        $this->assertSame('1:2,8', (string)(new IntRangeSet([[1, 2], [8, 8]]))); // and its pairs
        $this->assertEquals($a, unserialize(serialize($a)));
    }

    public function testFromString(): void
    {
        $this->assertSame('1:3,5:10', (string)IntRangeSet::fromString('10:5,3,1:2,6'));
        $this->assertSame('', (string)IntRangeSet::fromString(''));
        foreach (['abc', '1,,2', '1, 2', '-1', '1:', '9223372036854775808'] as $bad) {
            try {
                IntRangeSet::fromString($bad);
                $this->fail("accepted '$bad'");
            } catch (InvalidArgumentException $e) {
                $this->addToAssertionCount(1);
            }
        }
    }

    public function testRandomOperationsAgainstArrays(): void
    {
        mt_srand(5);
        for ($round = 0; $round < 200; $round++) {
            $s = new IntRangeSet();
            $model = [];
            for ($op = 0; $op < 20; $op++) {
                $a = mt_rand(0, 80);
                $b = $a + mt_rand(0, 6);
                if (mt_rand(0, 2)) {
                    $s->addRange($b, $a);
                    foreach (range($a, $b) as $i) {
                        $model[$i] = true;
                    }
                } else {
                    $s->removeRange($a, $b);
                    foreach (range($a, $b) as $i) {
                        unset($model[$i]);
                    }
                }
            }
            $expected = array_keys($model);
            sort($expected);
            $this->assertSame($expected, iterator_to_array($s, false));
            $this->assertSame(count($expected), $s->count());
            $this->assertSame($expected, iterator_to_array(IntRangeSet::fromString((string)$s), false));
        }
    }
}
