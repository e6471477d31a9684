<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Ops;

/**
 * Everything the health model looks at for one device of one user, as
 * plain values: the evaluator needs no state backend.
 *
 * @package ActiveSync
 */
final class DeviceFacts
{
    /**
     * The device's collections.
     */
    public readonly CollectionFactList $collections;

    /**
     * @param string $user
     * @param string $deviceId
     * @param string $deviceType
     * @param string|null $version             The EAS version in use.
     * @param int $rwstatus                    Horde_ActiveSync::RWSTATUS_*.
     * @param int $accountOnlyRwstatus         The account-only wipe status.
     * @param bool $blocked
     * @param int|null $lastSyncTs             Newest sync state timestamp.
     * @param int|null $cacheTimestamp         When the SyncCache was saved.
     * @param int|null $hbinterval             Heartbeat interval, seconds.
     * @param int|null $lasthbsyncstarted      Start of the last heartbeat.
     * @param int|null $lastsyncendnormal      Last normal end of one.
     * @param int $foldersyncrequired          Ignored "FolderSync required" answers.
     * @param CollectionFactList|CollectionFacts[] $collections
     */
    public function __construct(
        public readonly string $user,
        public readonly string $deviceId,
        public readonly string $deviceType,
        public readonly ?string $version,
        public readonly int $rwstatus,
        public readonly int $accountOnlyRwstatus,
        public readonly bool $blocked,
        public readonly ?int $lastSyncTs,
        public readonly ?int $cacheTimestamp,
        public readonly ?int $hbinterval,
        public readonly ?int $lasthbsyncstarted,
        public readonly ?int $lastsyncendnormal,
        public readonly int $foldersyncrequired,
        iterable $collections = []
    ) {
        $this->collections = $collections instanceof CollectionFactList
            ? $collections
            : new CollectionFactList($collections);
    }
}
