<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Embedded;

use PDO;
use RuntimeException;

/**
 * What an administrator does to devices of the embedded server: list them,
 * block and unblock, request a remote wipe (full, or for one account
 * with EAS 16.1), read the wipe status. It works on the state database
 * directly, with Horde's schema, so it serves either engine.
 *
 * @package ActiveSync
 */
class Admin
{
    /**
     * @var PDO
     */
    protected $_db;

    /**
     * @param string $stateFile  The server's state.sqlite.
     */
    public function __construct($stateFile)
    {
        if (!is_file($stateFile)) {
            throw new RuntimeException('No state database at ' . $stateFile);
        }
        $this->_db = new PDO('sqlite:' . $stateFile, null, null, [
            PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION, PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC]);
        $this->_db->exec('PRAGMA busy_timeout = 10000');
    }

    /**
     * @return array[]  device_id, device_type, device_user, device_rwstatus, blocked.
     */
    public function devices()
    {
        $rows = $this->_db->query('SELECT d.device_id, d.device_type, u.device_user, d.device_rwstatus,'
            . ' d.device_properties FROM horde_activesync_device d'
            . ' JOIN horde_activesync_device_users u ON u.device_id = d.device_id ORDER BY d.device_id')->fetchAll();
        foreach ($rows as &$row) {
            $properties = $this->_properties($row['device_properties']);
            $row['blocked'] = !empty($properties['blocked']);
            unset($row['device_properties']);
        }
        return $rows;
    }

    /**
     * Blocks (or unblocks) a device: HTTP 403 up to EAS 12.1, status 129
     * from 14.0 on.
     */
    public function block($deviceId, $blocked = true)
    {
        $stmt = $this->_db->prepare('SELECT device_properties FROM horde_activesync_device WHERE device_id = ?');
        $stmt->execute([strtoupper($deviceId)]);
        $raw = $stmt->fetchColumn();
        if ($raw === false) {
            throw new RuntimeException('Unknown device ' . $deviceId);
        }
        $properties = $this->_properties($raw);
        $properties['blocked'] = (bool)$blocked;
        $this->_db->prepare('UPDATE horde_activesync_device SET device_properties = ? WHERE device_id = ?')
            ->execute([serialize($properties), strtoupper($deviceId)]);
    }

    /**
     * Requests a full wipe: the device must provision again and is told to
     * erase itself.
     */
    public function wipe($deviceId)
    {
        $id = strtoupper($deviceId);
        $this->_db->beginTransaction();
        $this->_db->prepare('UPDATE horde_activesync_device SET device_rwstatus = ? WHERE device_id = ?')
            ->execute([\Horde_ActiveSync::RWSTATUS_PENDING, $id]);
        $this->_db->prepare('UPDATE horde_activesync_device_users SET device_policykey = 0 WHERE device_id = ?')
            ->execute([$id]);
        $this->_db->commit();
    }

    /**
     * Requests an account-only wipe (EAS 16.1, this engine's schema).
     */
    public function wipeAccount($deviceId, $user)
    {
        $this->_db->prepare('UPDATE horde_activesync_device_users SET device_accountonly_rwstatus = ?,'
            . ' device_policykey = 0 WHERE device_id = ? AND device_user = ?')
            ->execute([\Horde_ActiveSync::RWSTATUS_ACCOUNTONLY_PENDING, strtoupper($deviceId), $user]);
    }

    /**
     * @return integer  The device's wipe status (RWSTATUS_*).
     */
    public function wipeStatus($deviceId)
    {
        $stmt = $this->_db->prepare('SELECT device_rwstatus FROM horde_activesync_device WHERE device_id = ?');
        $stmt->execute([strtoupper($deviceId)]);
        return (int)$stmt->fetchColumn();
    }

    /**
     * @return integer  The account's account-only wipe status.
     */
    public function accountWipeStatus($deviceId, $user)
    {
        $stmt = $this->_db->prepare('SELECT device_accountonly_rwstatus FROM horde_activesync_device_users'
            . ' WHERE device_id = ? AND device_user = ?');
        $stmt->execute([strtoupper($deviceId), $user]);
        return (int)$stmt->fetchColumn();
    }

    protected function _properties($raw)
    {
        if ($raw === null || $raw === '') {
            return [];
        }
        $value = @unserialize((string)$raw, ['allowed_classes' => false]);
        return is_array($value) ? $value : [];
    }
}
