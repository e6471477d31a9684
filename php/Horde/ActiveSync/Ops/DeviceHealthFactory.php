<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Ops;

use Horde_ActiveSync_Device;
use Horde_ActiveSync_SyncCache;

/**
 * Builds DeviceFacts from what the ActiveSync library stores and has them
 * evaluated: from a Horde_ActiveSync_Device with its SyncCache, or from
 * the raw rows a state backend lists (a device row as listDevices()
 * returns it, a cache array as getSyncCache() returns it).
 *
 * The stored values are loose: false, '' and null mean "none", device
 * properties may still be PHP-serialized, the heartbeat may only be known
 * as the hanging Sync's wait (minutes), and caches this engine wrote
 * before it used Horde 6's field name keep the FolderSync-required count
 * under 'fsrcount'.
 *
 * @package ActiveSync
 */
final class DeviceHealthFactory
{
    private readonly HealthEvaluator $evaluator;

    public function __construct(?HealthEvaluator $evaluator = null)
    {
        $this->evaluator = $evaluator ?? new HealthEvaluator();
    }

    /**
     * @param int|null $lastSyncTs  Newest sync state timestamp, when known.
     */
    public function fromDevice(
        Horde_ActiveSync_Device $device,
        Horde_ActiveSync_SyncCache $cache,
        ?int $lastSyncTs = null
    ): DeviceHealth {
        $properties = $device->properties;
        return $this->evaluator->evaluate(new DeviceFacts(
            (string)$device->user,
            (string)$device->id,
            (string)$device->deviceType,
            self::text(is_array($properties) ? ($properties['version'] ?? null) : null),
            (int)$device->rwstatus,
            (int)$device->accountOnlyRwstatus,
            is_array($properties) && !empty($properties['blocked']),
            $lastSyncTs,
            self::stamp($cache->timestamp),
            self::heartbeat($cache->hbinterval, $cache->wait),
            self::stamp($cache->lasthbsyncstarted),
            self::stamp($cache->lastsyncendnormal),
            $cache->getFolderSyncRequiredIgnoredCount(),
            self::collections($cache->getCollections(false))
        ));
    }

    /**
     * @param array $deviceRow   device_id, device_user, device_type,
     *                           device_rwstatus, device_accountonly_rwstatus,
     *                           device_properties (array or serialized).
     * @param array $cacheData   The stored SyncCache.
     * @param int|null $lastSyncTs
     */
    public function fromRow(array $deviceRow, array $cacheData, ?int $lastSyncTs = null): DeviceHealth
    {
        $properties = self::properties($deviceRow['device_properties'] ?? null);
        $fsr = $cacheData[Horde_ActiveSync_SyncCache::FSR_FIELD]
            ?? $cacheData[Horde_ActiveSync_SyncCache::FSR_LEGACY_FIELD]
            ?? 0;
        return $this->evaluator->evaluate(new DeviceFacts(
            (string)($deviceRow['device_user'] ?? ''),
            (string)($deviceRow['device_id'] ?? ''),
            (string)($deviceRow['device_type'] ?? ''),
            self::text($properties['version'] ?? null),
            (int)($deviceRow['device_rwstatus'] ?? 0),
            (int)($deviceRow['device_accountonly_rwstatus'] ?? 0),
            !empty($properties['blocked']),
            $lastSyncTs,
            self::stamp($cacheData['timestamp'] ?? null),
            self::heartbeat($cacheData['hbinterval'] ?? null, $cacheData['wait'] ?? null),
            self::stamp($cacheData['lasthbsyncstarted'] ?? null),
            self::stamp($cacheData['lastsyncendnormal'] ?? null),
            (int)$fsr,
            self::collections(is_array($cacheData['collections'] ?? null) ? $cacheData['collections'] : [])
        ));
    }

    /**
     * Device properties as stored: an array, or Horde's serialize() of
     * one (objects refused); anything else counts as none.
     */
    private static function properties($raw): array
    {
        if (is_array($raw)) {
            return $raw;
        }
        if (!is_string($raw) || $raw === '') {
            return [];
        }
        $value = @unserialize($raw, ['allowed_classes' => false]);
        return is_array($value) ? $value : [];
    }

    /**
     * @param array $collections  Cache entries by collection id.
     */
    private static function collections(array $collections): CollectionFactList
    {
        $facts = [];
        foreach ($collections as $key => $entry) {
            if (!is_array($entry)) {
                continue;
            }
            $facts[] = new CollectionFacts(
                (string)($entry['id'] ?? $key),
                self::text($entry['class'] ?? null),
                self::text($entry['serverid'] ?? null),
                self::text($entry['lastsynckey'] ?? null),
                self::stamp($entry['backlog'] ?? null),
                (int)($entry['backlogpings'] ?? 0),
                !empty($entry['pingable'])
            );
        }
        return new CollectionFactList($facts);
    }

    /**
     * The heartbeat interval in seconds: the stored one, else the wait
     * (minutes) of a hanging Sync, else unknown.
     */
    private static function heartbeat($hbinterval, $wait): ?int
    {
        if (self::isEmpty($hbinterval)) {
            return self::isEmpty($wait) ? null : (int)$wait * 60;
        }
        return (int)$hbinterval;
    }

    /** A timestamp; 0 counts as none too. */
    private static function stamp($value): ?int
    {
        return self::isEmpty($value) || (int)$value === 0 ? null : (int)$value;
    }

    private static function text($value): ?string
    {
        return self::isEmpty($value) ? null : (string)$value;
    }

    private static function isEmpty($value): bool
    {
        return $value === null || $value === false || $value === '';
    }
}
