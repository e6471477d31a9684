<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Ops;

use InvalidArgumentException;

/**
 * Which devices a fleet view shows and in what order (this engine's
 * counterpart of the criteria of Horde 6's snapshot service, which lives
 * in horde/core).
 *
 * The filters (user, device id prefix, least level, stuck only) decide
 * which devices the summary counts; the limit only shortens the list.
 *
 * @package ActiveSync
 */
final class FleetQuery
{
    /** Worst level first, then the most recently seen. */
    const SORT_HEALTH = 'health';
    /** Most recently seen first; devices never seen last. */
    const SORT_AGE = 'age';
    /** By user, then device id (natural order, case ignored). */
    const SORT_USER = 'user';
    /** By device id (natural order, case ignored). */
    const SORT_DEVICE = 'device';

    const SORTS = [self::SORT_HEALTH, self::SORT_AGE, self::SORT_USER, self::SORT_DEVICE];

    /**
     * @param string|null $user          Exactly this user.
     * @param string|null $deviceId      Device ids starting with this.
     * @param int|null $activeWithin     Seconds for HealthOptions::$activeWithin.
     * @param string|null $healthMin     At least this level.
     * @param bool $stuckOnly            Only stuck devices.
     * @param int $limit                 At most this many devices listed; 0: all.
     * @param string $sort               A SORT_* constant.
     *
     * @throws InvalidArgumentException
     */
    public function __construct(
        public readonly ?string $user = null,
        public readonly ?string $deviceId = null,
        public readonly ?int $activeWithin = null,
        public readonly ?string $healthMin = null,
        public readonly bool $stuckOnly = false,
        public readonly int $limit = 0,
        public readonly string $sort = self::SORT_HEALTH
    ) {
        if ($healthMin !== null && !HealthStatus::isValid($healthMin)) {
            throw new InvalidArgumentException(sprintf('Unknown health level "%s" (ok, warn or critical).', $healthMin));
        }
        if (!in_array($sort, self::SORTS, true)) {
            throw new InvalidArgumentException(sprintf('Unknown sort "%s" (%s).', $sort, implode(', ', self::SORTS)));
        }
        if ($limit < 0) {
            throw new InvalidArgumentException('The limit cannot be negative.');
        }
        if ($activeWithin !== null && $activeWithin < 0) {
            throw new InvalidArgumentException('The active window cannot be negative.');
        }
    }

    /**
     * The health model's options for an evaluation at $now.
     */
    public function options(int $now): HealthOptions
    {
        return $this->activeWithin === null
            ? new HealthOptions($now)
            : new HealthOptions($now, $this->activeWithin);
    }

    /**
     * Whether an evaluated device passes the level and stuck filters.
     */
    public function accepts(DeviceHealth $health): bool
    {
        if ($this->healthMin !== null && HealthStatus::rank($health->status) < HealthStatus::rank($this->healthMin)) {
            return false;
        }
        return !$this->stuckOnly || $health->isStuck();
    }

    /**
     * Puts devices in this query's order.
     *
     * @param DeviceHealth[] $devices
     */
    public function sort(array &$devices): void
    {
        switch ($this->sort) {
        case self::SORT_USER:
            $compare = static function (DeviceHealth $a, DeviceHealth $b): int {
                return strnatcasecmp($a->user, $b->user) ?: strnatcasecmp($a->deviceId, $b->deviceId);
            };
            break;
        case self::SORT_DEVICE:
            $compare = static function (DeviceHealth $a, DeviceHealth $b): int {
                return strnatcasecmp($a->deviceId, $b->deviceId) ?: strnatcasecmp($a->user, $b->user);
            };
            break;
        case self::SORT_AGE:
            $compare = static function (DeviceHealth $a, DeviceHealth $b): int {
                return self::compareAge($a, $b);
            };
            break;
        default:
            $compare = static function (DeviceHealth $a, DeviceHealth $b): int {
                return (HealthStatus::rank($b->status) <=> HealthStatus::rank($a->status))
                    ?: self::compareAge($a, $b);
            };
        }
        usort($devices, $compare);
    }

    /** Seen most recently first; never seen last. */
    private static function compareAge(DeviceHealth $a, DeviceHealth $b): int
    {
        if ($a->ageSeconds === null || $b->ageSeconds === null) {
            return ($a->ageSeconds === null) <=> ($b->ageSeconds === null);
        }
        return $a->ageSeconds <=> $b->ageSeconds;
    }
}
