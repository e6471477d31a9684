<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * The parameters of a search (Horde 6's object form of what
 * getSearchResults() receives).
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Search_Params
{
    /**
     * @param string $type            'gal', 'mailbox' or 'documentlibrary'.
     * @param array  $query           The search query.
     * @param array  $options         The search options.
     * @param int    $start           First result wanted (0-based).
     * @param int    $limit           At most this many results.
     * @param bool   $rebuildResults  Ignore cached results of this search.
     * @param bool   $deepTraversal   Search subfolders too.
     */
    public function __construct(
        public string $type,
        public array $query,
        public array $options,
        public int $start,
        public int $limit,
        public bool $rebuildResults,
        public bool $deepTraversal,
    ) {
    }
}
