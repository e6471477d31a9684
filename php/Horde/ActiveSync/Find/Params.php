<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * What a Find request (EAS 16.0) asks for, as the request handler hands it
 * to the driver's getFindResults().
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Find_Params
{
    /**
     * @param string      $type           'mailbox' or 'gal'.
     * @param string|null $searchId       The client's SearchId.
     * @param array       $query          Mailbox: 'freetext' (the KQL
     *                                    query), 'class', 'collectionid'
     *                                    (the client's FolderId) and
     *                                    'serverid' (its backend id).
     *                                    GAL: 'text'.
     * @param array       $options        Picture options and the like.
     * @param int         $start          First result wanted (0-based).
     * @param int         $limit          At most this many results.
     * @param bool        $deepTraversal  Search the folder's subfolders too.
     */
    public function __construct(
        public string $type,
        public ?string $searchId,
        public array $query,
        public array $options,
        public int $start,
        public int $limit,
        public bool $deepTraversal,
    ) {
    }
}
