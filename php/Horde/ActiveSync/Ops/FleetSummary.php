<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Ops;

/**
 * Counts over a set of evaluated devices, as of one moment.
 *
 * @package ActiveSync
 */
final class FleetSummary
{
    public function __construct(
        public readonly int $devices,
        public readonly int $active,
        public readonly int $ok,
        public readonly int $warn,
        public readonly int $critical,
        public readonly int $stuck,
        public readonly int $wipePending,
        public readonly int $blocked,
        public readonly int $asOf
    ) {
    }

    /**
     * @param iterable $deviceHealths  DeviceHealth objects.
     * @param int $asOf                The evaluation time.
     */
    public static function fromDevices(iterable $deviceHealths, int $asOf): self
    {
        $total = $active = $stuck = $wipePending = $blocked = 0;
        $levels = [HealthStatus::OK => 0, HealthStatus::WARN => 0, HealthStatus::CRITICAL => 0];
        foreach ($deviceHealths as $health) {
            $total++;
            $levels[$health->status]++;
            $codes = $health->signalCodes();
            if ($health->active) {
                $active++;
            }
            if ($health->isStuck()) {
                $stuck++;
            }
            if (in_array(SignalCode::WIPE_PENDING, $codes, true)) {
                $wipePending++;
            }
            if (in_array(SignalCode::BLOCKED, $codes, true)) {
                $blocked++;
            }
        }
        return new self($total, $active, $levels[HealthStatus::OK], $levels[HealthStatus::WARN],
            $levels[HealthStatus::CRITICAL], $stuck, $wipePending, $blocked, $asOf);
    }

    /**
     * Whether any device is critical (what a cron or Nagios check asks).
     */
    public function hasCritical(): bool
    {
        return $this->critical > 0;
    }

    public function toArray(): array
    {
        return [
            'devices' => $this->devices,
            'active' => $this->active,
            'ok' => $this->ok,
            'warn' => $this->warn,
            'critical' => $this->critical,
            'stuck' => $this->stuck,
            'wipePending' => $this->wipePending,
            'blocked' => $this->blocked,
            'asOf' => $this->asOf,
        ];
    }
}
