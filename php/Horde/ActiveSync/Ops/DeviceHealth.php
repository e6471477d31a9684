<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Ops;

/**
 * The verdict on one device of one user: its level (the worst of its own
 * signals and its collections'), whether it is active, and the details an
 * operator looks at first.
 *
 * @package ActiveSync
 */
final class DeviceHealth
{
    /** Signals that make a device count as stuck. */
    private const STUCK = [
        SignalCode::HB_STUCK, SignalCode::HB_MISSING_END, SignalCode::FSR_CRITICAL, SignalCode::BACKLOG_STUCK,
    ];

    /**
     * @param string|null $version          EAS version in use.
     * @param string $status                HealthStatus constant.
     * @param bool $active
     * @param int|null $ageSeconds          Age of the newest state; null: none.
     * @param int|null $hbinterval          Heartbeat interval, seconds.
     * @param int $foldersyncrequired       Ignored "FolderSync required" answers.
     * @param HealthSignal[] $signals       The device's own signals.
     * @param CollectionHealth[] $collections
     * @param string|null $logPath          Its per-device protocol log.
     */
    public function __construct(
        public readonly string $user,
        public readonly string $deviceId,
        public readonly string $deviceType,
        public readonly ?string $version,
        public readonly string $status,
        public readonly bool $active,
        public readonly ?int $ageSeconds,
        public readonly ?int $hbinterval,
        public readonly int $foldersyncrequired,
        public readonly array $signals,
        public readonly array $collections,
        public ?string $logPath = null
    ) {
    }

    /**
     * A copy that names a protocol log; this one is unchanged.
     */
    public function withLogPath(?string $logPath): self
    {
        $copy = clone $this;
        $copy->logPath = $logPath;
        return $copy;
    }

    /**
     * Whether the device or a collection has one of hb_stuck,
     * hb_missing_end, fsr_critical, backlog_stuck.
     */
    public function isStuck(): bool
    {
        return (bool)array_intersect(self::STUCK, $this->signalCodes());
    }

    /**
     * @return string[]  The codes of the device's signals, then of its
     *                   collections', each once.
     */
    public function signalCodes(): array
    {
        $codes = [];
        foreach ($this->signals as $signal) {
            $codes[$signal->code] = true;
        }
        foreach ($this->collections as $collection) {
            foreach ($collection->signals as $signal) {
                $codes[$signal->code] = true;
            }
        }
        return array_keys($codes);
    }

    public function toArray(): array
    {
        $signals = [];
        foreach ($this->signals as $signal) {
            $signals[] = $signal->toArray();
        }
        $collections = [];
        foreach ($this->collections as $collection) {
            $collections[] = $collection->toArray();
        }
        return [
            'user' => $this->user,
            'deviceId' => $this->deviceId,
            'deviceType' => $this->deviceType,
            'version' => $this->version,
            'status' => $this->status,
            'active' => $this->active,
            'ageSeconds' => $this->ageSeconds,
            'hbinterval' => $this->hbinterval,
            'foldersyncrequired' => $this->foldersyncrequired,
            'signals' => $signals,
            'collections' => $collections,
            'logPath' => $this->logPath,
        ];
    }
}
