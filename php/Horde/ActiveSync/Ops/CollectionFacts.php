<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Ops;

/**
 * What the SyncCache holds about one collection of a device, as far as the
 * health model needs it. Sync options (window size, filter, body
 * preferences) stay in the cache.
 *
 * @package ActiveSync
 */
final class CollectionFacts
{
    /**
     * @param string $id               The collection (folder uid).
     * @param string|null $class       Email, Contacts, Calendar, ...
     * @param string|null $serverid    The backend's folder id.
     * @param string|null $lastsynckey The sync key last handed out.
     * @param int|null $backlog        When the last MoreAvailable went out,
     *                                 while the backlog is open.
     * @param int $backlogpings        Poll reports of that backlog since.
     * @param bool $pingable           Whether the device pings it.
     */
    public function __construct(
        public readonly string $id,
        public readonly ?string $class = null,
        public readonly ?string $serverid = null,
        public readonly ?string $lastsynckey = null,
        public readonly ?int $backlog = null,
        public readonly int $backlogpings = 0,
        public readonly bool $pingable = false
    ) {
    }
}
