<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Ops;

/**
 * One finding about a device, or about one of its collections when
 * $collectionId is set.
 *
 * @package ActiveSync
 */
final class HealthSignal
{
    /**
     * @param string $code          A SignalCode constant.
     * @param string $severity      A HealthStatus constant.
     * @param string $detail        The sentence for the code.
     * @param string|null $collectionId
     */
    public function __construct(
        public readonly string $code,
        public readonly string $severity,
        public readonly string $detail,
        public readonly ?string $collectionId = null
    ) {
    }

    public function toArray(): array
    {
        return [
            'code' => $this->code,
            'severity' => $this->severity,
            'detail' => $this->detail,
            'collectionId' => $this->collectionId,
        ];
    }
}
