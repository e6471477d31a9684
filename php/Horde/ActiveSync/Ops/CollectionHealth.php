<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Ops;

/**
 * The verdict on one collection: its worst signal's level and the signals.
 *
 * @package ActiveSync
 */
final class CollectionHealth
{
    /**
     * @param HealthSignal[] $signals
     */
    public function __construct(
        public readonly string $id,
        public readonly ?string $class,
        public readonly ?string $serverid,
        public readonly ?string $lastsynckey,
        public readonly string $status,
        public readonly array $signals
    ) {
    }

    public function toArray(): array
    {
        $signals = [];
        foreach ($this->signals as $signal) {
            $signals[] = $signal->toArray();
        }
        return [
            'id' => $this->id,
            'class' => $this->class,
            'serverid' => $this->serverid,
            'lastsynckey' => $this->lastsynckey,
            'status' => $this->status,
            'signals' => $signals,
        ];
    }
}
