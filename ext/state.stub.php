<?php

/**
 * Sync keys and the native state format.
 *
 * @generate-class-entries
 */

namespace Horde\ActiveSync\Native;

/** Sync keys of the form "{uuid}counter"; "0" starts over. */
final class SyncKey
{
    /**
     * @var int
     * @cvalue EAS_SYNCKEY_CURRENT
     */
    public const CURRENT = UNKNOWN;
    /**
     * @var int
     * @cvalue EAS_SYNCKEY_PREVIOUS
     */
    public const PREVIOUS = UNKNOWN;
    /**
     * @var int
     * @cvalue EAS_SYNCKEY_STALE
     */
    public const STALE = UNKNOWN;
    /**
     * @var int
     * @cvalue EAS_SYNCKEY_FOREIGN
     */
    public const FOREIGN = UNKNOWN;
    /**
     * @var int
     * @cvalue EAS_SYNCKEY_MAX
     */
    public const MAX_LENGTH = UNKNOWN;

    /** A new "{uuid}1" key from a UUID v4 of the OS random source. */
    public static function generate(): string {}

    /**
     * @return array{uid: string, counter: int, digits: string, hex: bool}|null
     *         null for "0" and the empty key
     * @throws \Horde_ActiveSync_Exception when malformed
     */
    public static function parse(string $key): ?array {}

    /** Whether the key is well formed (including "0"). */
    public static function isValid(string $key): bool {}

    /** The key's successor; a new key for "0" and the empty key. */
    public static function next(string $key): string {}

    /** One of the relation constants, for two well-formed keys. */
    public static function relate(string $presented, string $latest): int {}
}

/**
 * Packs PHP values (scalars, arrays, objects of allowed classes) into the
 * compact, checksummed native state format and back.
 */
final class StateCodec
{
    /**
     * @var int
     * @cvalue EAS_PACK_VERSION
     */
    public const VERSION = UNKNOWN;

    /**
     * Prefix of the text-safe (base64) form, for text columns.
     * @var string
     */
    public const TEXT_PREFIX = "EAS1:";

    /** @param int $kind a byte the caller may use to tag what it stored */
    public static function pack(mixed $value, int $kind = 0): string {}

    /**
     * Objects whose class does not start with one of $allowedClassPrefixes
     * are refused.
     *
     * @throws \Horde_ActiveSync_Exception when the data is truncated, tampered or not native
     */
    public static function unpack(string $data, array $allowedClassPrefixes = ["Horde_ActiveSync_"], ?int &$kind = null): mixed {}

    /** pack() armoured as TEXT_PREFIX . base64, for text columns. */
    public static function packText(mixed $value, int $kind = 0): string {}

    /** Whether $data starts like native state (packed or armoured); it may still be corrupt. */
    public static function isNative(string $data): bool {}
}
