<?php

/**
 * The diff engines: the state of an IMAP folder, sync planning from IMAP
 * STATUS, the folder hierarchy diff and PIM change-set normalisation.
 *
 * @generate-class-entries
 */

namespace Horde\ActiveSync\Native;

/**
 * The messages a device has from one IMAP folder (a sorted UID set with
 * their read/flagged/draft states) and the changes found since the last
 * sync. Horde_ActiveSync_Folder_Imap keeps one and forwards to it.
 *
 * UIDs are integers (or numeric strings) from 1 to 4294967295; anything
 * else raises Horde_ActiveSync_Exception. Flag arrays are Horde's:
 * uid => ['read' => 0|1, 'flagged' => 0|1, 'draft' => 0|1], each key
 * optional.
 *
 * @not-serializable
 * @strict-properties
 */
final class ImapFolderState
{
    /**
     * @var int
     * @cvalue EAS_IMAP_PLAN_NOTHING
     */
    public const PLAN_NOTHING = UNKNOWN;
    /**
     * @var int
     * @cvalue EAS_IMAP_PLAN_MODSEQ
     */
    public const PLAN_MODSEQ = UNKNOWN;
    /**
     * @var int
     * @cvalue EAS_IMAP_PLAN_INITIAL
     */
    public const PLAN_INITIAL = UNKNOWN;
    /**
     * @var int
     * @cvalue EAS_IMAP_PLAN_PLAIN
     */
    public const PLAN_PLAIN = UNKNOWN;
    /**
     * @var int
     * @cvalue EAS_IMAP_PLAN_UIDVALIDITY
     */
    public const PLAN_UIDVALIDITY = UNKNOWN;
    /**
     * @var int
     * @cvalue EAS_IMAP_PLAN_CONDSTORE_ENABLED
     */
    public const PLAN_CONDSTORE_ENABLED = UNKNOWN;
    /**
     * @var int
     * @cvalue EAS_IMAP_PLAN_NOT_INITIALIZED
     */
    public const PLAN_NOT_INITIALIZED = UNKNOWN;

    /**
     * Classifies the UIDs the server returned (in their order) into new and
     * changed ones and merges $flags into the reported flags.
     *
     * @param int $uidnext  the saved UIDNEXT (0 on a first sync)
     * @param bool $condstore  whether the saved state has a HIGHESTMODSEQ
     * @param bool $resetMinUid  the filter widened: look below the lowest UID
     */
    public function setChanges(array $uids, array $flags, int $uidnext, bool $condstore, bool $resetMinUid): void {}

    /** False (and nothing set) when the first UID is below the lowest known one. */
    public function setRemoved(array $uids): bool {}

    /** A first listing of a CONDSTORE folder: all of it becomes the known set. */
    public function prime(array $uids): void {}

    /** Without CONDSTORE: known messages neither reported nor removed, taken out. */
    public function takeSoftDeleted(): array {}

    /** With CONDSTORE: the SOFTDELETE list found by search, taken out. */
    public function setSoftDeleted(array $uids): void {}

    /** Applies the pending changes to the known set and clears them. */
    public function update(bool $condstore): void {}

    /** Adds one UID to the known set (a message the client received). */
    public function acknowledge(int|string $uid): void {}

    /** @return int[] pending additions, in the order found */
    public function added(): array {}

    /** @return int[] pending flag changes, in the order found */
    public function changed(): array {}

    /** @return int[] pending removals, as given */
    public function removed(): array {}

    /** @return int[] the SOFTDELETE list given to setSoftDeleted() */
    public function softDeleted(): array {}

    /** @return int[] the known UIDs, ascending */
    public function messages(): array {}

    /**
     * The known set as Horde's non-CONDSTORE state holds it: uid => flag
     * array, or uid => 1 for a message whose flags are not known.
     */
    public function messageMap(): array {}

    /** The known set as an IMAP sequence set ("1:5,7"). */
    public function sequence(): string {}

    public function count(): int {}

    public function minUid(): int {}

    public function contains(int|string $uid): bool {}

    public function isPrimed(): bool {}

    /** Whether setChanges()/prime()/setRemoved() left anything pending. */
    public function hasPending(): bool {}

    /** The compact binary form of the known set (for the native state format). */
    public function encode(): string {}

    /**
     * Replaces the known set.
     *
     * decode(): from encode()'s form; loadSequence(): from an IMAP sequence
     * set; loadList(): from a list of UIDs; loadMap(): from Horde's
     * uid => flags map. At most $max messages.
     *
     * @throws \Horde_ActiveSync_Exception when the data is damaged
     */
    public function decode(string $data, int $max = 10000000): void {}

    /** @throws \Horde_ActiveSync_Exception */
    public function loadSequence(string $sequence, int $max = 10000000): void {}

    /** @throws \Horde_ActiveSync_Exception */
    public function loadList(array $uids): void {}

    /** @throws \Horde_ActiveSync_Exception */
    public function loadMap(array $map): void {}

    /**
     * How changes must be fetched, from the saved and the current STATUS
     * (arrays with uidvalidity, uidnext, highestmodseq, messages).
     *
     * @return array{plan: int, modseqValid: bool}
     */
    public static function plan(array $saved, array $current, bool $softdelete = false, bool $refreshFilter = false): array {}

    /** Whether a Ping has something to report against the watermark STATUS. */
    public static function pingChanged(array $watermark, array $current): bool {}

    /** The IMAP sequence set of a list of UIDs (sorted, duplicates dropped). */
    public static function toSequence(array $uids): string {}

    /**
     * The UIDs of an IMAP sequence set, ascending.
     *
     * @throws \Horde_ActiveSync_Exception when malformed or above $max members
     */
    public static function fromSequence(string $sequence, int $max = 10000000): array {}
}

/**
 * A set of integers kept as sorted ranges (the engine of Horde 6's
 * IntRangeSet): "1:5,7,10:15".
 *
 * @not-serializable
 * @strict-properties
 */
final class RangeSet
{
    /** Adds [$start, $end] (swapped when $start > $end). */
    public function addRange(int $start, int $end): void {}

    public function removeRange(int $start, int $end): void {}

    public function contains(int $n): bool {}

    /** Members, at most PHP_INT_MAX. */
    public function count(): int {}

    /** $this := $this ∪ $other. */
    public function union(RangeSet $other): void {}

    /** $this := $this − $other. */
    public function subtract(RangeSet $other): void {}

    /** $this := $this ∩ $other. */
    public function intersect(RangeSet $other): void {}

    /** @return RangeSet[] [$a − $b, $a ∩ $b, $b − $a] */
    public static function diff(RangeSet $a, RangeSet $b): array {}

    /** @return array<int, array{0: int, 1: int}> the ranges, ascending */
    public function ranges(): array {}

    public function __toString(): string {}

    /**
     * Reads "1:5,7,10:15" (non-negative numbers, ranges in either order,
     * unsorted and overlapping allowed).
     *
     * @throws \InvalidArgumentException when malformed
     */
    public static function fromString(string $text): RangeSet {}
}

/** Change lists keyed by string ids. */
final class ChangeSet
{
    /**
     * The folder hierarchy diff between two lists of Horde folder stats
     * (arrays with id, mod, parent, serverid, type).
     *
     * @return array<int, array{0: string, 1: int, 2: int}> [kind, index, what]:
     *         kind 'add' or 'change' (index into $current) or 'delete'
     *         (index into $saved); what: bits of HIER_* for changes
     */
    public static function hierarchy(array $saved, array $current): array {}

    /**
     * Keys of the entries to keep of a PIM change list (Horde change arrays
     * with id, type and flags), add/modify/delete of one item collapsed.
     *
     * @return int[]
     */
    public static function normalizePim(array $changes): array {}

    /**
     * @var int
     * @cvalue EAS_HIER_NAME
     */
    public const HIER_NAME = UNKNOWN;
    /**
     * @var int
     * @cvalue EAS_HIER_PARENT
     */
    public const HIER_PARENT = UNKNOWN;
    /**
     * @var int
     * @cvalue EAS_HIER_SERVERID
     */
    public const HIER_SERVERID = UNKNOWN;
    /**
     * @var int
     * @cvalue EAS_HIER_TYPE
     */
    public const HIER_TYPE = UNKNOWN;
}
