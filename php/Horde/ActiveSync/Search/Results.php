<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * The results of a search (Horde 6's object form of what getSearchResults()
 * returns).
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Search_Results
{
    /**
     * @param int        $total   How many entries match in all.
     * @param array|null $rows    The entries of the requested range; null on error.
     * @param int        $status  The store status.
     */
    public function __construct(
        public int $total,
        public ?array $rows,
        public int $status,
    ) {
    }
}
