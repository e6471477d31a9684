<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * What the driver found for a Find request.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Find_Results
{
    /**
     * @param int        $status       Find status (Horde_ActiveSync_Request_Find::STATUS_*).
     * @param int        $storeStatus  Status of the store searched (STORE_STATUS_*).
     * @param int        $total        How many entries match in all.
     * @param array|null $rows         The entries of the requested range;
     *                                 null when the search failed.
     */
    public function __construct(
        public int $status,
        public int $storeStatus,
        public int $total,
        public ?array $rows,
    ) {
    }
}
