<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Ops;

use Closure;
use Horde_ActiveSync_Exception;
use Horde_ActiveSync_State_Base;
use Horde_Exception;

/**
 * Reads the devices of a state backend and evaluates them: the fleet
 * (one SyncCache read per listed device) or one device. It only reads.
 *
 * This is this engine's counterpart of the snapshot service Horde 6 has
 * in horde/core. Like it, the fleet view takes the SyncCache's save time
 * as a device's activity (no extra query per device), and one device is
 * looked at with its newest sync state's time as well.
 *
 * @package ActiveSync
 */
final class FleetReader
{
    /**
     * @var Closure  () => int, the evaluation time.
     */
    private readonly Closure $clock;

    /**
     * @param Horde_ActiveSync_State_Base $state  With listDevices($user,
     *        $filter) and getLastSyncTimestamp($id, $user) as State_Sql has.
     * @param callable|null $clock  Returns the evaluation time; default time().
     * @param string|null $logDir   Directory of the per-device protocol logs.
     */
    public function __construct(
        private readonly Horde_ActiveSync_State_Base $state,
        ?callable $clock = null,
        private readonly ?string $logDir = null
    ) {
        $this->clock = $clock === null ? Closure::fromCallable('time') : Closure::fromCallable($clock);
    }

    /**
     * @throws Horde_ActiveSync_Exception  when the devices cannot be listed
     */
    public function fleet(FleetQuery $query): FleetReport
    {
        $now = (int)($this->clock)();
        $factory = new DeviceHealthFactory(new HealthEvaluator($query->options($now)));
        $filter = $query->deviceId === null || $query->deviceId === '' ? [] : ['device_id' => $query->deviceId];
        $devices = [];
        $skipped = [];
        foreach ($this->listDevices($query->user, $filter) as $row) {
            $user = (string)($row['device_user'] ?? '');
            $id = (string)($row['device_id'] ?? '');
            try {
                $cache = $this->state->getSyncCache($id, $user);
            } catch (Horde_Exception $e) {
                $skipped[] = ['user' => $user, 'deviceId' => $id, 'error' => $e->getMessage()];
                continue;
            }
            $health = $factory->fromRow($row, $cache)->withLogPath(self::logPathFor($this->logDir, $id));
            if ($query->accepts($health)) {
                $devices[] = $health;
            }
        }
        $summary = FleetSummary::fromDevices($devices, $now);
        $query->sort($devices);
        if ($query->limit > 0) {
            $devices = array_slice($devices, 0, $query->limit);
        }
        return new FleetReport($summary, $devices, $skipped, $now);
    }

    /**
     * One device of one user, or null when the backend has no such pair.
     * The device id is matched exactly, else ignoring case.
     *
     * @throws Horde_ActiveSync_Exception  when the state cannot be read
     */
    public function device(string $user, string $deviceId, ?int $activeWithin = null): ?DeviceHealth
    {
        $match = null;
        foreach ($this->listDevices($user, ['device_id' => $deviceId]) as $row) {
            if ((string)($row['device_user'] ?? '') !== $user) {
                continue;
            }
            $id = (string)($row['device_id'] ?? '');
            if ($id === $deviceId) {
                $match = $row;
                break;
            }
            if ($match === null && strcasecmp($id, $deviceId) === 0) {
                $match = $row;
            }
        }
        if ($match === null) {
            return null;
        }
        $id = (string)$match['device_id'];
        $now = (int)($this->clock)();
        $query = new FleetQuery(null, null, $activeWithin);
        $cache = $this->state->getSyncCache($id, $user);
        $lastSync = $this->state->getLastSyncTimestamp($id, $user);
        $factory = new DeviceHealthFactory(new HealthEvaluator($query->options($now)));
        return $factory
            ->fromRow($match, $cache, empty($lastSync) ? null : (int)$lastSync)
            ->withLogPath(self::logPathFor($this->logDir, $id));
    }

    /**
     * Where Horde_ActiveSync_Log_Factory's 'perdevice' logs put a device:
     * DIR/DEVICEID.txt, the id in upper case; null without a directory or
     * for an id the factory would not use in a file name.
     */
    public static function logPathFor(?string $dir, string $deviceId): ?string
    {
        $id = strtoupper($deviceId);
        if ($dir === null || $dir === '' || !preg_match('/^[A-Z0-9_-][A-Z0-9._-]{0,127}$/D', $id)) {
            return null;
        }
        return rtrim($dir, '/') . '/' . $id . '.txt';
    }

    private function listDevices(?string $user, array $filter): array
    {
        $rows = $this->state->listDevices($user === '' ? null : $user, $filter);
        if (!is_array($rows)) {
            throw new Horde_ActiveSync_Exception('The state backend did not list its devices.');
        }
        return $rows;
    }
}
