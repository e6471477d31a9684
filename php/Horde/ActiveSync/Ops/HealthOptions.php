<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Ops;

/**
 * The thresholds of the health model, in seconds or counts. Every one has
 * Horde 6's default; a fixed $now makes an evaluation repeatable.
 *
 * @package ActiveSync
 */
final class HealthOptions
{
    /**
     * @param int|null $now                 Evaluation time; null: the clock.
     * @param int $activeWithin             Newest state at most this old: active.
     * @param int|null $hbStuckAfter        Heartbeat age that counts as stuck;
     *                                      null: the device's interval plus $hbSlack.
     * @param int $hbDefaultInterval        Interval for devices that stored none.
     * @param int $hbSlack                  Added to the interval.
     * @param int|null $hbAbandonedAfter    Unfinished heartbeat age past which it
     *                                      is abandoned; null: twice the stuck age.
     * @param int $fsrWarnAt                Ignored "FolderSync required" answers: warn.
     * @param int $fsrCriticalAt            ... critical.
     * @param int $backlogGrace             Backlog age before it is reported.
     * @param int $backlogTriggerMax        Backlog reports that make it stuck.
     * @param int $backlogAbandonedAfter    A stuck backlog older than this is no
     *                                      longer held against the device.
     */
    public function __construct(
        private readonly ?int $now = null,
        public readonly int $activeWithin = 300,
        public readonly ?int $hbStuckAfter = null,
        public readonly int $hbDefaultInterval = 900,
        public readonly int $hbSlack = 60,
        public readonly ?int $hbAbandonedAfter = null,
        public readonly int $fsrWarnAt = 3,
        public readonly int $fsrCriticalAt = 5,
        public readonly int $backlogGrace = 60,
        public readonly int $backlogTriggerMax = 3,
        public readonly int $backlogAbandonedAfter = 3600
    ) {
    }

    /**
     * The evaluation time: the fixed one, else the clock's.
     */
    public function now(): int
    {
        return $this->now === null ? time() : $this->now;
    }

    /**
     * The age at which a heartbeat of the given interval is overdue.
     *
     * @param int|null $hbinterval  Seconds; null or 0: not known.
     */
    public function hbStuckAfterFor(?int $hbinterval): int
    {
        if ($this->hbStuckAfter !== null) {
            return $this->hbStuckAfter;
        }
        $interval = $hbinterval ? $hbinterval : $this->hbDefaultInterval;
        return $interval + $this->hbSlack;
    }

    /**
     * The age past which an unfinished heartbeat is taken as abandoned.
     */
    public function hbAbandonedAfterFor(?int $hbinterval): int
    {
        if ($this->hbAbandonedAfter !== null) {
            return $this->hbAbandonedAfter;
        }
        return $this->hbStuckAfterFor($hbinterval) * 2;
    }
}
