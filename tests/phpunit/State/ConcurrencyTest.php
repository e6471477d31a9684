<?php
/**
 * Many processes hammer one device's state at once: every update lands,
 * keys advance one step at a time with no key issued twice, the sync cache
 * keeps every process's collection, and no process deadlocks.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\State;

use Horde\ActiveSync\Test\Support\Databases;
use Horde_ActiveSync as AS_;
use Horde_ActiveSync_Device;
use Horde_ActiveSync_State_Sql;
use PHPUnit\Framework\TestCase;

class ConcurrencyTest extends TestCase
{
    private const WORKERS = 6;
    private const ROUNDS = 15;

    /** @dataProvider backends */
    public function testParallelRequestsLoseNothing(string $backend): void
    {
        $this->_hammer($backend, null);
    }

    /** The embedded server's locks: flock()ed files instead of rows. */
    public function testParallelRequestsWithLockFilesLoseNothing(): void
    {
        $dir = sys_get_temp_dir() . '/eas-locks-' . getmypid();
        try {
            $this->_hammer('sqlite', $dir);
            $this->assertNotEmpty(glob("$dir/*.lock"), 'the workers locked with files');
        } finally {
            array_map('unlink', glob("$dir/*.lock") ?: []);
            @rmdir($dir);
        }
    }

    private function _hammer(string $backend, ?string $lockDir): void
    {
        $file = tempnam(sys_get_temp_dir(), 'eas-state');
        try {
            $db = Databases::connect($this, $backend, $file);
            Databases::freshSchema($db);
            $state = new Horde_ActiveSync_State_Sql(['db' => $db] + ($lockDir ? ['lock_dir' => $lockDir] : []));
            $device = new Horde_ActiveSync_Device($state);
            foreach (['id' => 'dev1', 'user' => 'alice', 'deviceType' => 'Android', 'userAgent' => 'test',
                      'rwstatus' => AS_::RWSTATUS_OK, 'policykey' => 0] as $k => $v) {
                $device->$k = $v;
            }
            $device->save();
            $state->loadDeviceInfo('dev1', 'alice');
            $state->loadState([], 0, AS_::REQUEST_TYPE_FOLDERSYNC);
            $state->setNewSyncKey($first = $state->getNewSyncKeyWrapper(0));
            $state->save();

            $processes = [];
            for ($w = 0; $w < self::WORKERS; $w++) {
                $cmd = [PHP_BINARY, '-d', 'extension=' . EAS_EXTENSION_PATH, __DIR__ . '/concurrency-worker.php',
                        $backend, $file, (string)$w, (string)self::ROUNDS, (string)$lockDir];
                $processes[] = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes[$w]);
            }
            $deadline = time() + 240;
            foreach ($processes as $w => $process) {
                $out = stream_get_contents($pipes[$w][1]);
                $err = stream_get_contents($pipes[$w][2]);
                $this->assertLessThan($deadline, time(), 'workers did not finish: deadlock?');
                $this->assertSame(0, proc_close($process), "worker $w failed: $out $err");
            }

            $total = self::WORKERS * self::ROUNDS;
            $keys = $db->selectValues("SELECT sync_key FROM horde_activesync_state WHERE sync_folderid = 'foldersync'");
            $counters = array_map(fn($k) => (int)Horde_ActiveSync_State_Sql::getSyncKeyCounter($k), $keys);
            $this->assertSame($total + 1, max($counters), 'one key step per update, none issued twice');

            $state->loadState([], '{' . substr($first, 1, 36) . '}' . ($total + 1), AS_::REQUEST_TYPE_FOLDERSYNC);
            $known = $state->getKnownFolders();
            $state->releaseLocks();
            $this->assertCount($total, $known, 'every update is in the newest state');
            $this->assertCount($total, array_unique($known));

            $collections = $state->getSyncCache('dev1', 'alice')['collections'];
            $this->assertCount($total, $collections, 'every process\'s collection is in the sync cache');
            $this->assertEquals(0, $db->selectValue('SELECT COUNT(*) FROM horde_activesync_collection_lock'));
        } finally {
            @unlink($file);
        }
    }

    public static function backends(): array
    {
        return Databases::backends();
    }
}
