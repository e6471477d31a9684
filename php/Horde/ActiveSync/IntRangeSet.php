<?php
/**
 * IntRangeSet: Horde 6's ordered, compact set of integers, kept as ranges
 * and written IMAP-style ("1:5,7,10:15"), on the native
 * Horde\ActiveSync\Native\RangeSet.
 *
 * Horde 6 names the class IntRangeSet (no prefix) in
 * lib/Horde/ActiveSync/IntRangeSet.php, which PSR-0 autoloading cannot
 * map; like Horde's, this file is required explicitly.
 *
 * Differences: fromString() refuses numbers beyond PHP_INT_MAX (Horde's
 * cast saturates them), and count() stops at PHP_INT_MAX.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

use Horde\ActiveSync\Native\RangeSet;

class IntRangeSet implements IteratorAggregate
{
    /** @var RangeSet */
    private $set;

    /**
     * @param array $ranges  Ranges as Horde 6 keeps them: a flat list of
     *                       start, end values or a list of [start, end].
     * @param int $count     Ignored: the count is always computed.
     */
    public function __construct(array $ranges = [], int $count = 0)
    {
        $this->set = new RangeSet();
        $flat = [];
        foreach ($ranges as $range) {
            if (is_array($range)) {
                $this->set->addRange((int)reset($range), (int)end($range));
            } else {
                $flat[] = (int)$range;
            }
        }
        for ($i = 0; $i + 1 < count($flat); $i += 2) {
            $this->set->addRange($flat[$i], $flat[$i + 1]);
        }
    }

    public function __clone()
    {
        $this->set = clone $this->set;
    }

    public function add(int $n): self
    {
        $this->set->addRange($n, $n);
        return $this;
    }

    /** @param int $lo  Horde's internal search hint; not needed here. */
    public function addRange(int $start, int $end, int $lo = 0): self
    {
        $this->set->addRange($start, $end);
        return $this;
    }

    public function removeRange(int $start, int $end): self
    {
        $this->set->removeRange($start, $end);
        return $this;
    }

    public function remove(int $n): self
    {
        $this->set->removeRange($n, $n);
        return $this;
    }

    public function union(IntRangeSet $other): self
    {
        $this->set->union($other->set);
        return $this;
    }

    public function subtract(IntRangeSet $other): self
    {
        $this->set->subtract($other->set);
        return $this;
    }

    public function intersect(IntRangeSet $other): self
    {
        $this->set->intersect($other->set);
        return $this;
    }

    /**
     * @return IntRangeSet[]  [removed: in $a only, unchanged: in both, added: in $b only]
     */
    public static function diff(IntRangeSet $a, IntRangeSet $b): array
    {
        return array_map([self::class, 'wrap'], RangeSet::diff($a->set, $b->set));
    }

    /** Every member, ascending. */
    public function getIterator(): Traversable
    {
        foreach ($this->set->ranges() as [$start, $end]) {
            for ($i = $start; $i <= $end; $i++) {
                yield $i;
                if ($i === PHP_INT_MAX) {
                    break;
                }
            }
        }
    }

    /**
     * @throws InvalidArgumentException  when malformed
     */
    public static function fromString(string $s): self
    {
        return self::wrap(RangeSet::fromString($s));
    }

    public function contains(int $n): bool
    {
        return $this->set->contains($n);
    }

    public function count(): int
    {
        return $this->set->count();
    }

    public function __toString(): string
    {
        return (string)$this->set;
    }

    public function __serialize(): array
    {
        return ['ranges' => $this->set->ranges()];
    }

    public function __unserialize(array $data): void
    {
        $this->set = new RangeSet();
        foreach ((array)($data['ranges'] ?? []) as $range) {
            if (is_array($range) && count($range) == 2) {
                $this->set->addRange((int)reset($range), (int)end($range));
            }
        }
    }

    private static function wrap(RangeSet $set): self
    {
        $out = new self();
        $out->set = $set;
        return $out;
    }
}
