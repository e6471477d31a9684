<?php
/**
 * A small fleet in a SQLite state database made by this repository's
 * migrations, written through Horde_ActiveSync_State_Sql (both storage
 * formats: this engine's and Horde's PHP serialize()), as of Fleet::NOW:
 *
 *   alice IPHONE1   ok        active, heartbeat in flight, last sync 5 s ago
 *   alice IPAD2     warn      blocked (Horde-serialized properties)
 *   bob   ANDROID3  critical  fsr_critical (5), seen 4000 s ago
 *   bob   OUTLOOK4  warn      fsr_warn (3, stored as the old 'fsrcount'), wipe pending
 *   carol PHONE5    critical  backlog_stuck on its Inbox
 *   carol PHONE6    warn      hb_stuck
 *   dave  BROKEN7   -         SyncCache that cannot be decoded
 *   erin  NEW8      ok        no SyncCache yet
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Ops;

use Horde\ActiveSync\Test\Support\Databases;
use Horde_ActiveSync as AS_;
use Horde_ActiveSync_Device;
use Horde_ActiveSync_State_Sql;
use Horde_Db_Adapter_Pdo_Sqlite;
use PHPUnit\Framework\TestCase;

final class Fleet
{
    const NOW = 1750000000;

    /** The readable devices, worst first (the default order of top). */
    const BY_HEALTH = ['PHONE5', 'ANDROID3', 'OUTLOOK4', 'IPAD2', 'PHONE6', 'IPHONE1', 'NEW8'];

    /** @var string */
    public $dir;
    /** @var string */
    public $file;

    public function __construct(TestCase $test)
    {
        $this->dir = sys_get_temp_dir() . '/eas-ops-' . getmypid() . '-' . bin2hex(random_bytes(4));
        mkdir($this->dir . '/data', 0700, true);
        $this->file = $this->dir . '/data/state.sqlite';
        $db = Databases::connect($test, 'sqlite', $this->file);
        Databases::migrator($db)->up();
        $native = new Horde_ActiveSync_State_Sql(['db' => $db]);
        $horde = new Horde_ActiveSync_State_Sql(['db' => $db, 'serializer' => 'php']);
        $now = self::NOW;
        $inbox = ['class' => 'Email', 'serverid' => 'INBOX', 'lastsynckey' => '{inbox}7', 'pingable' => true];

        $this->device($native, 'IPHONE1', 'alice', 'iPhone', ['version' => '16.1']);
        $this->cache($native, 'IPHONE1', 'alice', ['timestamp' => $now - 200, 'hbinterval' => 900,
            'lasthbsyncstarted' => $now - 100, 'lastsyncendnormal' => $now - 400,
            'collections' => ['F-INBOX' => $inbox]]);
        $db->insert('INSERT INTO horde_activesync_state (sync_key, sync_devid, sync_folderid, sync_user, sync_mod,'
            . ' sync_timestamp) VALUES (?, ?, ?, ?, ?, ?)', ['{11111111-2222-3333-4444-555555555555}7', 'IPHONE1',
            'F-INBOX', 'alice', 0, $now - 5]);

        $this->device($native, 'IPAD2', 'alice', 'iPad', ['version' => '14.1', 'blocked' => true]);
        $this->cache($horde, 'IPAD2', 'alice', ['timestamp' => $now - 100, 'hbinterval' => 900]);

        $this->device($native, 'ANDROID3', 'bob', 'Android', ['version' => '14.0']);
        $this->cache($native, 'ANDROID3', 'bob', ['timestamp' => $now - 4000, 'foldersyncrequired' => 5]);

        $this->device($native, 'OUTLOOK4', 'bob', 'WindowsOutlook15', ['version' => '16.0']);
        $native->setDeviceRWStatus('OUTLOOK4', AS_::RWSTATUS_PENDING);
        $this->cache($horde, 'OUTLOOK4', 'bob', ['timestamp' => $now - 50, 'fsrcount' => 3]);

        $this->device($native, 'PHONE5', 'carol', 'SmartPhone', ['version' => '14.1']);
        $this->cache($native, 'PHONE5', 'carol', ['timestamp' => $now - 30, 'collections' => [
            'F-INBOX' => $inbox + ['backlog' => $now - 100, 'backlogpings' => 3],
            'F-CAL' => ['class' => 'Calendar', 'serverid' => '@Calendar@', 'lastsynckey' => '{cal}2'],
        ]]);

        $this->device($native, 'PHONE6', 'carol', 'SmartPhone', ['version' => '12.1']);
        $this->cache($native, 'PHONE6', 'carol', ['timestamp' => $now - 1000, 'hbinterval' => 600,
            'lasthbsyncstarted' => $now - 1000, 'lastsyncendnormal' => $now - 2000]);

        $this->device($native, 'BROKEN7', 'dave', 'iPhone', []);
        $this->cache($native, 'BROKEN7', 'dave', ['timestamp' => $now - 10]);
        $db->update('UPDATE horde_activesync_cache SET cache_data = ? WHERE cache_devid = ?',
            ['this is no cache', 'BROKEN7']);

        $this->device($native, 'NEW8', 'erin', 'Android', []);

        $db->disconnect();
    }

    public function __destruct()
    {
        exec('rm -rf ' . escapeshellarg($this->dir));
    }

    /** The database file's bytes (with its WAL, if any): unchanged by readers. */
    public function fingerprint(): string
    {
        clearstatcache();
        $hash = '';
        foreach (glob($this->file . '*') as $file) {
            $hash .= basename($file) . ':' . md5_file($file) . ';';
        }
        return $hash;
    }

    /** A fresh connection, for a test to read the database itself. */
    public function db(): Horde_Db_Adapter_Pdo_Sqlite
    {
        return new Horde_Db_Adapter_Pdo_Sqlite(['dbname' => $this->file, 'charset' => 'utf-8']);
    }

    private function device(Horde_ActiveSync_State_Sql $state, string $id, string $user, string $type,
        array $properties): void
    {
        $device = new Horde_ActiveSync_Device($state);
        foreach (['rwstatus' => AS_::RWSTATUS_OK, 'deviceType' => $type, 'userAgent' => $type . '/1.0', 'id' => $id,
                  'user' => $user, 'policykey' => 0, 'supported' => []] as $key => $value) {
            $device->$key = $value;
        }
        $device->save();
        if ($properties) {
            $state->setDeviceProperties($properties, $id);
        }
    }

    private function cache(Horde_ActiveSync_State_Sql $state, string $id, string $user, array $fields): void
    {
        $state->saveSyncCache($fields + Horde_ActiveSync_State_Sql::emptySyncCache(), $id, $user);
    }
}
