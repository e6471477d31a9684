<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Ops;

use InvalidArgumentException;

/**
 * The reason codes a health signal carries (Horde 6's catalogue), with a
 * sentence for each that operators read next to the code.
 *
 * @package ActiveSync
 */
final class SignalCode
{
    /** A heartbeat (Ping or hanging Sync) is running, within its expected time. */
    const HB_IN_FLIGHT = 'hb_in_flight';
    /** A heartbeat began after the last normal end and runs too long. */
    const HB_STUCK = 'hb_stuck';
    /** A heartbeat began, none ever ended normally, and it runs too long. */
    const HB_MISSING_END = 'hb_missing_end';
    /** An unfinished heartbeat so old no request can still be serving it. */
    const HB_ABANDONED = 'hb_abandoned';
    /** Ignored "FolderSync required" answers reach the warning threshold. */
    const FSR_WARN = 'fsr_warn';
    /** Ignored "FolderSync required" answers reach the critical threshold. */
    const FSR_CRITICAL = 'fsr_critical';
    /** The device is blocked. */
    const BLOCKED = 'blocked';
    /** A full or account-only remote wipe waits for the device. */
    const WIPE_PENDING = 'wipe_pending';
    /** A full or account-only remote wipe is done. */
    const WIPE_COMPLETE = 'wipe_complete';
    /** A collection's MoreAvailable backlog is past its grace period. */
    const BACKLOG_PENDING = 'backlog_pending';
    /** A recent backlog was reported to the client often enough, in vain. */
    const BACKLOG_STUCK = 'backlog_stuck';

    private const TEXT = [
        self::HB_IN_FLIGHT => 'A heartbeat request (Ping or hanging Sync) is running.',
        self::HB_STUCK => 'The running heartbeat request has outlived its interval.',
        self::HB_MISSING_END => 'A heartbeat request started and no heartbeat ever ended normally.',
        self::HB_ABANDONED => 'The last heartbeat never ended normally; it is too old to be running still.',
        self::FSR_WARN => 'The device keeps ignoring "FolderSync required" answers.',
        self::FSR_CRITICAL => 'The device ignored "FolderSync required" answers up to the limit.',
        self::BLOCKED => 'The device is blocked.',
        self::WIPE_PENDING => 'A remote wipe waits for the device.',
        self::WIPE_COMPLETE => 'A remote wipe has been carried out.',
        self::BACKLOG_PENDING => 'A MoreAvailable backlog waits for the client to fetch it.',
        self::BACKLOG_STUCK => 'A MoreAvailable backlog was reported repeatedly and is still not fetched.',
    ];

    /**
     * @return string[]  Every code, in the order of the catalogue.
     */
    public static function all(): array
    {
        return array_keys(self::TEXT);
    }

    /**
     * @throws InvalidArgumentException  for an unknown code
     */
    public static function describe(string $code): string
    {
        if (!isset(self::TEXT[$code])) {
            throw new InvalidArgumentException(sprintf('Unknown health signal code: %s', $code));
        }
        return self::TEXT[$code];
    }
}
