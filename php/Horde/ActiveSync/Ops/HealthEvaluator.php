<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Ops;

use Horde_ActiveSync;

/**
 * Horde 6's health model: turns the facts about a device into signals and
 * a level. It reads nothing but the facts and the options.
 *
 * The rules, with T the heartbeat-stuck age and A the abandoned age:
 *  - a heartbeat started and not ended since (no end, or an older one):
 *    age <= T hb_in_flight (ok, and the device counts as active);
 *    T < age <= A hb_missing_end when no end was ever recorded, else
 *    hb_stuck (warn); older hb_abandoned (ok);
 *  - ignored "FolderSync required" answers >= fsrCriticalAt fsr_critical,
 *    else >= fsrWarnAt fsr_warn;
 *  - blocked, wipe pending, wipe complete: warn;
 *  - per collection, with a backlog: reported backlogTriggerMax times and
 *    younger than backlogAbandonedAfter backlog_stuck (critical); reported
 *    fewer times and at least backlogGrace old backlog_pending (warn).
 *
 * @package ActiveSync
 */
final class HealthEvaluator
{
    private readonly HealthOptions $options;

    public function __construct(?HealthOptions $options = null)
    {
        $this->options = $options ?? new HealthOptions();
    }

    public function evaluate(DeviceFacts $facts): DeviceHealth
    {
        $now = $this->options->now();
        $signals = [];
        $inFlight = false;

        $heartbeat = $this->heartbeat($facts, $now);
        if ($heartbeat !== null) {
            $signals[] = $heartbeat;
            $inFlight = $heartbeat->code === SignalCode::HB_IN_FLIGHT;
        }
        if ($facts->foldersyncrequired >= $this->options->fsrCriticalAt) {
            $signals[] = self::signal(SignalCode::FSR_CRITICAL, HealthStatus::CRITICAL);
        } elseif ($facts->foldersyncrequired >= $this->options->fsrWarnAt) {
            $signals[] = self::signal(SignalCode::FSR_WARN, HealthStatus::WARN);
        }
        if ($facts->blocked) {
            $signals[] = self::signal(SignalCode::BLOCKED, HealthStatus::WARN);
        }
        if (self::wipeIs($facts, Horde_ActiveSync::RWSTATUS_PENDING, Horde_ActiveSync::RWSTATUS_ACCOUNTONLY_PENDING)) {
            $signals[] = self::signal(SignalCode::WIPE_PENDING, HealthStatus::WARN);
        }
        if (self::wipeIs($facts, Horde_ActiveSync::RWSTATUS_WIPED, Horde_ActiveSync::RWSTATUS_ACCOUNTONLY_WIPED)) {
            $signals[] = self::signal(SignalCode::WIPE_COMPLETE, HealthStatus::WARN);
        }

        $levels = array_column($signals, 'severity');
        $collections = [];
        foreach ($facts->collections as $collection) {
            $health = $this->collection($collection, $now);
            $collections[] = $health;
            $levels[] = $health->status;
        }

        // Activity: the newest of the cache's save and the last sync state.
        $newest = null;
        foreach ([$facts->cacheTimestamp, $facts->lastSyncTs] as $stamp) {
            if ($stamp !== null && ($newest === null || $stamp > $newest)) {
                $newest = $stamp;
            }
        }
        $age = $newest === null ? null : $now - $newest;
        $active = $inFlight || ($age !== null && $age <= $this->options->activeWithin);

        return new DeviceHealth(
            $facts->user,
            $facts->deviceId,
            $facts->deviceType,
            $facts->version,
            HealthStatus::worst(...$levels),
            $active,
            $age,
            $facts->hbinterval,
            $facts->foldersyncrequired,
            $signals,
            $collections
        );
    }

    /**
     * The signal of an unfinished heartbeat, or null when the last one
     * ended normally (or none ever started).
     */
    private function heartbeat(DeviceFacts $facts, int $now): ?HealthSignal
    {
        $started = $facts->lasthbsyncstarted ?: null;
        $ended = $facts->lastsyncendnormal ?: null;
        if ($started === null || ($ended !== null && $started <= $ended)) {
            return null;
        }
        $age = $now - $started;
        if ($age <= $this->options->hbStuckAfterFor($facts->hbinterval)) {
            return self::signal(SignalCode::HB_IN_FLIGHT, HealthStatus::OK);
        }
        if ($age > $this->options->hbAbandonedAfterFor($facts->hbinterval)) {
            return self::signal(SignalCode::HB_ABANDONED, HealthStatus::OK);
        }
        return $ended === null
            ? self::signal(SignalCode::HB_MISSING_END, HealthStatus::WARN)
            : self::signal(SignalCode::HB_STUCK, HealthStatus::WARN);
    }

    private function collection(CollectionFacts $facts, int $now): CollectionHealth
    {
        $signals = [];
        if ($facts->backlog !== null) {
            $age = $now - $facts->backlog;
            $capped = $facts->backlogpings >= $this->options->backlogTriggerMax;
            if ($capped && $age < $this->options->backlogAbandonedAfter) {
                $signals[] = self::signal(SignalCode::BACKLOG_STUCK, HealthStatus::CRITICAL, $facts->id);
            } elseif (!$capped && $age >= $this->options->backlogGrace) {
                $signals[] = self::signal(SignalCode::BACKLOG_PENDING, HealthStatus::WARN, $facts->id);
            }
        }
        return new CollectionHealth($facts->id, $facts->class, $facts->serverid, $facts->lastsynckey,
            HealthStatus::worst(...array_column($signals, 'severity')), $signals);
    }

    /**
     * Whether the full wipe status is $full or $accountOnly (Horde keeps
     * either there), or the account-only status is $accountOnly.
     */
    private static function wipeIs(DeviceFacts $facts, int $full, int $accountOnly): bool
    {
        return $facts->rwstatus === $full || $facts->rwstatus === $accountOnly
            || $facts->accountOnlyRwstatus === $accountOnly;
    }

    private static function signal(string $code, string $severity, ?string $collectionId = null): HealthSignal
    {
        return new HealthSignal($code, $severity, SignalCode::describe($code), $collectionId);
    }
}
