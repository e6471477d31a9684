<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Ops;

/**
 * A fleet view: the summary of the devices a query selected, the devices
 * it lists (sorted, limited), and the devices whose SyncCache could not be
 * read and so are in neither.
 *
 * @package ActiveSync
 */
final class FleetReport
{
    /**
     * @param DeviceHealth[] $devices
     * @param array[] $skipped  [user, deviceId, error] each.
     */
    public function __construct(
        public readonly FleetSummary $summary,
        public readonly array $devices,
        public readonly array $skipped,
        public readonly int $asOf
    ) {
    }

    public function toArray(): array
    {
        $devices = [];
        foreach ($this->devices as $device) {
            $devices[] = $device->toArray();
        }
        return [
            'summary' => $this->summary->toArray(),
            'devices' => $devices,
            'skipped' => $this->skipped,
            'asOf' => $this->asOf,
        ];
    }
}
