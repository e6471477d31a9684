<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Ops;

use InvalidArgumentException;

/**
 * The three health levels of the operations monitor, ordered: a device or
 * collection is as unhealthy as its worst signal.
 *
 * @package ActiveSync
 */
final class HealthStatus
{
    const OK = 'ok';
    const WARN = 'warn';
    const CRITICAL = 'critical';

    /** Level => order, least severe first. */
    private const ORDER = [self::OK => 0, self::WARN => 1, self::CRITICAL => 2];

    /**
     * @return integer  0 for ok, 1 for warn, 2 for critical.
     * @throws InvalidArgumentException  for anything else
     */
    public static function rank(string $status): int
    {
        if (!isset(self::ORDER[$status])) {
            throw new InvalidArgumentException(sprintf('Unknown health status: %s', $status));
        }
        return self::ORDER[$status];
    }

    /**
     * The most severe of the given levels; ok when none is given.
     */
    public static function worst(string ...$statuses): string
    {
        $result = self::OK;
        foreach ($statuses as $status) {
            if (self::rank($status) > self::ORDER[$result]) {
                $result = $status;
            }
        }
        return $result;
    }

    public static function isValid(string $status): bool
    {
        return isset(self::ORDER[$status]);
    }
}
