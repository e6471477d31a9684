<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Ops;

use ArrayAccess;
use ArrayIterator;
use BadMethodCallException;
use Countable;
use InvalidArgumentException;
use IteratorAggregate;
use OutOfBoundsException;
use Traversable;

/**
 * A device's collections for the health model: CollectionFacts by
 * collection id, readable like an array, never changed once built.
 * Iteration yields the facts in the order they were given (a later entry
 * with the same id replaces the earlier one in its place).
 *
 * @package ActiveSync
 */
final class CollectionFactList implements ArrayAccess, Countable, IteratorAggregate
{
    /**
     * @var array<string, CollectionFacts>
     */
    private array $facts = [];

    /**
     * @param iterable $collections  CollectionFacts only.
     *
     * @throws InvalidArgumentException  for anything else in it
     */
    public function __construct(iterable $collections = [])
    {
        foreach ($collections as $entry) {
            if (!($entry instanceof CollectionFacts)) {
                throw new InvalidArgumentException('A CollectionFactList holds CollectionFacts only.');
            }
            $this->facts[$entry->id] = $entry;
        }
    }

    public function get(string $id): ?CollectionFacts
    {
        return $this->facts[$id] ?? null;
    }

    /**
     * @return CollectionFacts[]  A list.
     */
    public function all(): array
    {
        return array_values($this->facts);
    }

    public function getIterator(): Traversable
    {
        return new ArrayIterator($this->all());
    }

    public function count(): int
    {
        return count($this->facts);
    }

    public function offsetExists(mixed $offset): bool
    {
        return is_string($offset) && isset($this->facts[$offset]);
    }

    /**
     * @throws OutOfBoundsException  for an id not in the list
     */
    public function offsetGet(mixed $offset): CollectionFacts
    {
        if (!$this->offsetExists($offset)) {
            throw new OutOfBoundsException('No collection with this id in the list.');
        }
        return $this->facts[$offset];
    }

    public function offsetSet(mixed $offset, mixed $value): void
    {
        throw new BadMethodCallException('A CollectionFactList cannot be changed.');
    }

    public function offsetUnset(mixed $offset): void
    {
        throw new BadMethodCallException('A CollectionFactList cannot be changed.');
    }
}
