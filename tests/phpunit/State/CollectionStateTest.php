<?php
/**
 * Mail and PIM collection state in Horde_ActiveSync_State_Sql with real
 * Folder objects, on SQLite, PostgreSQL and MariaDB: windows with
 * MoreAvailable and their continuation, repeated keys, the Ping watermark,
 * damaged folder rows, PIM change sets, the folder hierarchy diff, and rows
 * exchanged with Debian's State_Sql in both directions.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\State;

use Horde\ActiveSync\Native\StateCodec;
use Horde\ActiveSync\Test\Support\Databases;
use Horde_ActiveSync as AS_;
use Horde_ActiveSync_Device;
use Horde_ActiveSync_Exception_StateGone;
use Horde_ActiveSync_Folder_Imap;
use Horde_ActiveSync_State_Sql;
use PHPUnit\Framework\TestCase;

class CollectionStateTest extends TestCase
{
    const MAIL = ['id' => 'F5a1b2c3d', 'class' => AS_::CLASS_EMAIL, 'serverid' => 'INBOX'];
    const CALENDAR = ['id' => '@Calendar@', 'class' => AS_::CLASS_CALENDAR, 'serverid' => '@Calendar@'];

    private $db;
    private $backend;

    private function state(string $backend, array $params = []): Horde_ActiveSync_State_Sql
    {
        if (!$this->db) {
            $this->backend = $backend;
            $this->db = Databases::connect($this, $backend);
            Databases::freshSchema($this->db);
        }
        $state = new Horde_ActiveSync_State_Sql(['db' => $this->db] + $params);
        if (!$state->deviceExists('dev1', 'alice')) {
            $device = new Horde_ActiveSync_Device($state);
            foreach (['rwstatus' => AS_::RWSTATUS_NA, 'deviceType' => 'iPhone', 'userAgent' => 'Apple-iPhone9C1/1402.100',
                      'id' => 'dev1', 'user' => 'alice', 'policykey' => 0, 'supported' => []] as $k => $v) {
                $device->$k = $v;
            }
            $device->save();
        }
        $state->loadDeviceInfo('dev1', 'alice');
        return $state;
    }

    /** The driver our state talks to (Driver_Base is another part's: set behind its type check). */
    private static function attach(Horde_ActiveSync_State_Sql $state, $driver): void
    {
        $prop = new \ReflectionProperty($state, '_backend');
        $prop->setAccessible(true);
        $prop->setValue($state, $driver);
    }

    private static function folderOf(Horde_ActiveSync_State_Sql $state)
    {
        $prop = new \ReflectionProperty($state, '_folder');
        $prop->setAccessible(true);
        return $prop->getValue($state);
    }

    /**
     * One Sync as Horde's Sync request runs it: load, find changes, send a
     * window of them (each acknowledged to the state), save under the next
     * key when anything was sent, else let the state checkpoint.
     *
     * @return array{0: string, 1: array, 2: bool}  [key, changes sent, MoreAvailable]
     */
    private function sync(string $backend, MailboxDriver $driver, $key, int $window = 100, array $collection = self::MAIL): array
    {
        $state = $this->state($backend);
        self::attach($state, $driver);
        $state->loadState($collection, $key, AS_::REQUEST_TYPE_SYNC, $collection['id']);
        if ($key === 0) {
            // The first Sync only hands out a key.
            $next = $state->getNewSyncKeyWrapper($key);
            $state->setNewSyncKey($next);
            $state->save();
            return [$next, [], false];
        }
        $changes = $state->getChanges(['maxitems' => $window]);
        $count = $state->getChangeCount();
        $sent = array_slice($changes, 0, $window);
        foreach ($sent as $change) {
            $state->updateState(is_array($change) ? $change['type'] : AS_::CHANGE_TYPE_CHANGE,
                is_array($change) ? $change : ['id' => $change], AS_::CHANGE_ORIGIN_NA);
        }
        if ($sent) {
            $next = $state->getNewSyncKeyWrapper($key);
            $state->setNewSyncKey($next);
            $state->save();
        } else {
            $next = $key;
            $state->updateSyncStamp();
            $state->releaseLocks();
        }
        return [$next, $sent, $count > $window];
    }

    private static function ids(array $changes): array
    {
        return array_map(fn($c) => is_array($c) ? $c['id'] : $c, $changes);
    }

    /**
     * Changes acknowledged out of order (a message skipped, then the rest)
     * leave exactly the unacknowledged ones pending, in their order.
     *
     * @dataProvider backends
     */
    public function testChangesAcknowledgedOutOfOrderLeaveTheRestPending(string $backend): void
    {
        $mailbox = new MailboxDriver(20);
        [$key] = $this->sync($backend, $mailbox, 0);
        $state = $this->state($backend);
        self::attach($state, $mailbox);
        $state->loadState(self::MAIL, $key, AS_::REQUEST_TYPE_SYNC, self::MAIL['id']);
        $changes = $state->getChanges(['maxitems' => 10]);
        $byId = array_combine(self::ids($changes), $changes);
        foreach ([3, 1, 2, 5, 6, 7, 9, 8, 10] as $id) {
            $change = $byId[$id];
            $state->updateState(is_array($change) ? $change['type'] : AS_::CHANGE_TYPE_CHANGE,
                is_array($change) ? $change : ['id' => $change], AS_::CHANGE_ORIGIN_NA);
        }
        $next = $state->getNewSyncKeyWrapper($key);
        $state->setNewSyncKey($next);
        $state->save();

        [, $sent] = $this->sync($backend, $mailbox, $next, 100);
        $this->assertSame(array_merge([4], range(11, 20)), self::ids($sent));
    }

    /** @dataProvider backends */
    public function testWindowsContinueWithoutLossOrRepeat(string $backend): void
    {
        $mailbox = new MailboxDriver(250);
        [$key] = $this->sync($backend, $mailbox, 0);                  // key 0: an empty first step
        $seen = [];
        $more = true;
        for ($round = 0; $more; $round++) {
            $before = $key;
            [$key, $sent, $more] = $this->sync($backend, $mailbox, $key, 100);
            $this->assertLessThanOrEqual(100, count($sent));
            $this->assertSame($round < 2, $more, "MoreAvailable in window $round");
            if ($round == 1) {
                // The response of the second window is lost: the client repeats its key.
                [$again, $resent] = $this->sync($backend, $mailbox, $before, 100);
                $this->assertSame(self::ids($sent), self::ids($resent), 'a repeated key replays the same window');
                $this->assertSame($key, $again);
            }
            $seen = array_merge($seen, self::ids($sent));
        }
        $this->assertSame(3, $round);
        $this->assertSame(range(1, 250), $seen, 'every message once, in order');

        // Now changes: 3 new, 2 read, 1 expunged, while the window is 2.
        $mailbox->append(3);
        $mailbox->flag([10, 20]);
        $mailbox->expunge([30]);
        $delivered = [];
        do {
            [$key, $sent, $more] = $this->sync($backend, $mailbox, $key, 2);
            foreach ($sent as $change) {
                $delivered[] = $change['type'] . ':' . $change['id'];
            }
        } while ($more);
        $this->assertEqualsCanonicalizing(['change:251', 'change:252', 'change:253', 'flags:10', 'flags:20', 'delete:30'],
                                          $delivered);
        $state = $this->state($backend);
        $state->loadState(self::MAIL, $key, AS_::REQUEST_TYPE_SYNC, self::MAIL['id'], ['readonly' => true]);
        $this->assertSame(array_values(array_diff(range(1, 253), [30])), self::folderOf($state)->messages());
        $this->assertTrue(!Databases::isSqlite($backend) || StateCodec::isNative($this->db->selectValue(
            'SELECT sync_data FROM horde_activesync_state WHERE sync_key = ?', [$key])));
    }

    /** @dataProvider backends */
    public function testPingDoesNotLoopOnChangesSyncHasNothingFor(string $backend): void
    {
        $mailbox = new MailboxDriver(5);
        [$key] = $this->sync($backend, $mailbox, 0);
        [$key] = $this->sync($backend, $mailbox, $key);
        $this->assertFalse($this->ping($backend, $mailbox, $key));

        // A change the client will never see (outside its filter window)
        // moves HIGHESTMODSEQ: Ping says yes once...
        $mailbox->touchOutsideWindow();
        $this->assertTrue($this->ping($backend, $mailbox, $key));
        // ...the client syncs, nothing is sent, no new key...
        [$same, $sent] = $this->sync($backend, $mailbox, $key);
        $this->assertSame([], $sent);
        $this->assertSame($key, $same);
        // ...and the next Ping is quiet instead of saying yes forever.
        $this->assertFalse($this->ping($backend, $mailbox, $key));
        $mailbox->append(1);
        $this->assertTrue($this->ping($backend, $mailbox, $key));
    }

    /** A Ping's look at one collection: read-only state, the driver's Ping answer. */
    private function ping(string $backend, MailboxDriver $driver, string $key): bool
    {
        $state = $this->state($backend);
        self::attach($state, $driver);
        $state->loadState(self::MAIL, $key, AS_::REQUEST_TYPE_SYNC, self::MAIL['id'], ['readonly' => true]);
        return (bool)count($state->getChanges(['ping' => true]));
    }

    /** @dataProvider backends */
    public function testPingCheckpointKeepsPendingChanges(string $backend): void
    {
        $mailbox = new MailboxDriver(30);
        [$key] = $this->sync($backend, $mailbox, 0);
        [$key, , $more] = $this->sync($backend, $mailbox, $key, 10);
        $this->assertTrue($more);
        $pending = $this->db->selectValue('SELECT sync_pending FROM horde_activesync_state WHERE sync_key = ?', [$key]);

        // A Ping saw a change the following Sync did not (yet) send.
        $mailbox->touchOutsideWindow();
        $state = $this->state($backend);
        $state->loadState(self::MAIL, $key, AS_::REQUEST_TYPE_SYNC, self::MAIL['id']);
        self::folderOf($state)->acknowledgePingStatus($mailbox->status());
        $state->save(['preservePending' => true]);
        $this->assertSame($pending,
            $this->db->selectValue('SELECT sync_pending FROM horde_activesync_state WHERE sync_key = ?', [$key]));
        $state->loadState(self::MAIL, $key, AS_::REQUEST_TYPE_SYNC, self::MAIL['id'], ['readonly' => true]);
        $this->assertSame($mailbox->status()['highestmodseq'], self::folderOf($state)->pingModseq());
        $this->assertSame($mailbox->status()['highestmodseq'] - 1, self::folderOf($state)->modseq());
        $this->assertSame(20, $state->getChangeCount(), 'the MoreAvailable backlog is intact');
    }

    /** @dataProvider backends */
    public function testDamagedFolderRowsSendTheClientToAFreshSync(string $backend): void
    {
        $mailbox = new MailboxDriver(3);
        $hordeForm = fn($json) => 'C:28:"Horde_ActiveSync_Folder_Imap":' . strlen($json) . ':{' . $json . '}';
        foreach ([
            'bad JSON' => $hordeForm('not json!'),
            'huge range' => $hordeForm('{"s":{"highestmodseq":5},"m":"1:4294967295","f":"INBOX","c":"Email","v":2}'),
            'map of junk' => $hordeForm('{"s":{},"m":{"x":1},"f":"INBOX","c":"Email","v":2}'),
        ] as $how => $raw) {
            [$key] = $this->sync($backend, $mailbox, 0);
            [$key] = $this->sync($backend, $mailbox, $key);
            $this->db->update('UPDATE horde_activesync_state SET sync_data = ? WHERE sync_key = ?',
                [new \Horde_Db_Value_Binary($raw), $key]);
            $state = $this->state($backend);
            try {
                $state->loadState(self::MAIL, $key, AS_::REQUEST_TYPE_SYNC, self::MAIL['id']);
                $this->fail("$how accepted");
            } catch (Horde_ActiveSync_Exception_StateGone $e) {
                $this->assertStringContainsString('Corrupt', $e->getMessage(), $how);
            }
            $this->assertFalse($this->db->selectValue('SELECT sync_key FROM horde_activesync_state WHERE sync_key = ?',
                [$key]) ?: false, "$how row removed");
            $mailbox = new MailboxDriver(3);
        }
    }

    /** @dataProvider backends */
    public function testPimChangeSetsAreCollapsed(string $backend): void
    {
        $driver = new MailboxDriver(0);
        $driver->pim = [
            ['id' => 'new', 'type' => AS_::CHANGE_TYPE_CHANGE, 'flags' => AS_::FLAG_NEWMESSAGE],
            ['id' => 'gone', 'type' => AS_::CHANGE_TYPE_CHANGE, 'flags' => AS_::FLAG_NEWMESSAGE],
            ['id' => 'new', 'type' => AS_::CHANGE_TYPE_CHANGE],
            ['id' => 'edited', 'type' => AS_::CHANGE_TYPE_CHANGE],
            ['id' => 'gone', 'type' => AS_::CHANGE_TYPE_DELETE],
            ['id' => 'edited', 'type' => AS_::CHANGE_TYPE_CHANGE],
            ['id' => 'removed', 'type' => AS_::CHANGE_TYPE_CHANGE],
            ['id' => 'removed', 'type' => AS_::CHANGE_TYPE_DELETE],
        ];
        [$key] = $this->sync($backend, $driver, 0, 100, self::CALENDAR);
        [$key, $sent] = $this->sync($backend, $driver, $key, 100, self::CALENDAR);
        $this->assertSame([['new', AS_::CHANGE_TYPE_CHANGE], ['edited', AS_::CHANGE_TYPE_CHANGE],
                           ['removed', AS_::CHANGE_TYPE_DELETE]],
                          array_map(fn($c) => [$c['id'], $c['type']], $sent));
    }

    /** @dataProvider backends */
    public function testFolderHierarchyDiff(string $backend): void
    {
        $driver = new MailboxDriver(0);
        $driver->folders = [
            ['id' => 'F1', 'mod' => 'Inbox', 'parent' => '0', 'serverid' => 'INBOX', 'type' => 2],
            ['id' => 'F2', 'mod' => 'Lists', 'parent' => 'F1', 'serverid' => 'INBOX.Lists', 'type' => 12],
            ['id' => 'F3', 'mod' => 'Old', 'parent' => '0', 'serverid' => 'Old', 'type' => 12],
        ];
        $state = $this->state($backend);
        self::attach($state, $driver);
        $state->loadState([], 0, AS_::REQUEST_TYPE_FOLDERSYNC);
        $this->assertCount(3, $state->getChanges());
        $prop = new \ReflectionProperty($state, '_folder');
        $prop->setAccessible(true);
        $prop->setValue($state, $driver->folders);
        $key = $state->getNewSyncKeyWrapper(0);
        $state->setNewSyncKey($key);
        $state->save();

        // F2 moves to the top, F3 is deleted, F4 is new under F2.
        $driver->folders = [
            $driver->folders[0],
            ['id' => 'F4', 'mod' => 'php', 'parent' => 'F2', 'serverid' => 'Lists.php', 'type' => 12],
            ['id' => 'F2', 'mod' => 'Lists', 'parent' => '0', 'serverid' => 'Lists', 'type' => 12],
        ];
        $state = $this->state($backend);
        self::attach($state, $driver);
        $state->loadState([], $key, AS_::REQUEST_TYPE_FOLDERSYNC);
        $this->assertSame([
            ['type' => AS_::CHANGE_TYPE_DELETE, 'id' => 'F3', 'serverid' => 'Old'],
            ['type' => AS_::CHANGE_TYPE_CHANGE, 'id' => 'F2', 'serverid' => 'Lists'],
            ['type' => AS_::CHANGE_TYPE_CHANGE, 'flags' => AS_::FLAG_NEWMESSAGE, 'id' => 'F4', 'serverid' => 'Lists.php'],
        ], $state->getChanges());
        $state->releaseLocks();
    }

    /**
     * A deployment moving from Horde's engine to ours and back: the state of
     * a mail collection written by each is read by the other, through both
     * State_Sql classes, with CONDSTORE (a UID list past Horde's compression
     * limit) and without (flags per message).
     *
     * @dataProvider backends
     */
    public function testCollectionStateMovesBetweenEnginesBothWays(string $backend): void
    {
        if (!is_file('/usr/share/php/Horde/ActiveSync/State/Sql.php')) {
            $this->markTestSkipped("Debian's php-horde-activesync is not installed");
        }
        $file = '';
        if (Databases::isSqlite($backend)) {
            $file = tempnam(sys_get_temp_dir(), 'eas-state');
            $this->db = Databases::connect($this, $backend, $file);
            Databases::freshSchema($this->db);
        }
        $ours = $this->state($backend);
        $php = $this->state($backend, ['serializer' => 'php']);
        $spec = tempnam(sys_get_temp_dir(), 'eas-db');
        // Horde's engine opens the file as Horde_Db does, whichever way this process does.
        file_put_contents($spec, json_encode(['class' => Databases::isSqlite($backend) ? 'Horde_Db_Adapter_Pdo_Sqlite' : get_class($this->db),
                                              'params' => Databases::params($backend, $file)]));
        try {
            foreach (['condstore' => 777, 'plain' => 0] as $mode => $modseq) {
                $uids = array_values(array_diff(range(1, 900), [5, 77, 500]));
                $status = ['uidvalidity' => 42, 'uidnext' => 901, 'highestmodseq' => $modseq, 'messages' => 897];
                $flags = [];
                foreach ($uids as $uid) {
                    $flags[$uid] = ['read' => $uid % 2, 'flagged' => (int)($uid % 7 == 0)];
                }
                $collection = ['id' => "F-$mode", 'class' => AS_::CLASS_EMAIL, 'serverid' => "INBOX.$mode"];

                // Horde writes, ours reads, ours writes in PHP form, Horde reads.
                $key = '{0123abcd-0000-4000-8000-00000000000' . ($modseq ? 'a' : 'b') . '}1';
                $in = tempnam(sys_get_temp_dir(), 'eas-spec');
                file_put_contents($in, json_encode(['serverid' => $collection['serverid'], 'status' => $status,
                                                    'uids' => $uids, 'flags' => $flags]));
                self::oracle(['save', $spec, 'dev1', 'alice', $key, $collection['id'], $in]);
                unlink($in);
                $ours->loadState($collection, $key, AS_::REQUEST_TYPE_SYNC, $collection['id']);
                $folder = self::folderOf($ours);
                $this->assertInstanceOf(Horde_ActiveSync_Folder_Imap::class, $folder);
                $this->assertSame($uids, $folder->messages(), "$mode: ours reads Horde's row");
                $this->assertSame($modseq, $folder->modseq());
                if (!$modseq) {
                    $folder->setChanges([10, 11], [10 => ['read' => 0, 'flagged' => 0], 11 => ['read' => 0, 'flagged' => 0]]);
                    $this->assertSame([11], $folder->changed(), "$mode: Horde's flags came along");
                    $folder->updateState();
                    $folder->setChanges($uids, $flags);
                    $folder->updateState();
                }
                $next = $ours->getNewSyncKeyWrapper($key);
                $ours->releaseLocks();
                $php->loadState($collection, $key, AS_::REQUEST_TYPE_SYNC, $collection['id']);
                $prop = new \ReflectionProperty($php, '_folder');
                $prop->setAccessible(true);
                $prop->setValue($php, $folder);
                $php->setNewSyncKey($next);
                $php->save();
                $back = self::oracle(['load', $spec, 'dev1', 'alice', $next, $collection['id'], $collection['serverid']]);
                $this->assertSame($uids, $back['messages'], "$mode: Horde reads our PHP-form row");
                $this->assertSame([901, $modseq, 42, true], [$back['uidnext'], $back['modseq'], $back['uidvalidity'], $back['hi']]);

                // And our own native row reads back the same.
                $ours->loadState($collection, $next, AS_::REQUEST_TYPE_SYNC, $collection['id']);
                $third = $ours->getNewSyncKeyWrapper($next);
                $ours->setNewSyncKey($third);
                $ours->save();
                $ours->loadState($collection, $third, AS_::REQUEST_TYPE_SYNC, $collection['id'], ['readonly' => true]);
                $this->assertSame($uids, self::folderOf($ours)->messages());
            }
        } finally {
            unlink($spec);
            if ($file) {
                @unlink($file);
            }
        }
    }

    private static function oracle(array $args): array
    {
        $cmd = 'php -d include_path=.:/usr/share/php ' . escapeshellarg(EAS_TEST_ROOT . '/tests/oracle/state.php')
            . ' ' . implode(' ', array_map('escapeshellarg', $args));
        $proc = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        proc_close($proc);
        $result = json_decode($out, true);
        if (!is_array($result)) {
            throw new \RuntimeException('state oracle failed: ' . $err . $out);
        }
        return $result;
    }

    public static function backends(): array
    {
        return Databases::backends();
    }
}

/**
 * What Horde_Core's driver does for a mail collection, on a mailbox kept
 * in memory with CONDSTORE (and a PIM change list and folder list for the
 * other tests): getServerChanges() asks the folder object, as the driver
 * does through Horde_ActiveSync_Imap_Adapter.
 */
class MailboxDriver
{
    public $pim = [];
    public $folders = [];
    private $msgs = [];
    private $expunged = [];
    private $uidnext = 1;
    private $modseq = 1;

    public function __construct(int $messages)
    {
        $this->append($messages);
    }

    public function append(int $n): void
    {
        for ($i = 0; $i < $n; $i++) {
            $this->msgs[$this->uidnext++] = [0, ++$this->modseq];
        }
    }

    public function flag(array $uids): void
    {
        foreach ($uids as $uid) {
            $this->msgs[$uid] = [1, ++$this->modseq];
        }
    }

    public function expunge(array $uids): void
    {
        foreach ($uids as $uid) {
            unset($this->msgs[$uid]);
            $this->expunged[] = $uid;
        }
        ++$this->modseq;
    }

    /** A change to a message outside the client's filter window. */
    public function touchOutsideWindow(): void
    {
        ++$this->modseq;
    }

    public function status(): array
    {
        return ['uidvalidity' => 7, 'uidnext' => $this->uidnext, 'highestmodseq' => $this->modseq,
                'messages' => count($this->msgs)];
    }

    public function getSyncStamp($folderId, $last)
    {
        return $this->modseq;
    }

    public function getUser()
    {
        return 'alice';
    }

    public function getFolderList()
    {
        return $this->folders;
    }

    public function statMessage($folderId, $id)
    {
        return ['id' => $id, 'mod' => 0];
    }

    public function getServerChanges($folder, $from, $to, $cutoff, $ping, $ignoreFirstSync, $maxitems, $refresh)
    {
        if (!$folder instanceof Horde_ActiveSync_Folder_Imap) {
            return $this->pim;
        }
        if ($ping) {
            return $folder->pingChanged($this->status()) ? [1] : [];
        }
        $status = $this->status();
        if ($folder->uidnext() == 0) {
            $folder->primeFolder(array_keys($this->msgs));
        } elseif ($folder->modseq() < $status['highestmodseq']) {
            $since = $flags = [];
            foreach ($this->msgs as $uid => [$read, $modseq]) {
                if ($modseq > $folder->modseq()) {
                    $since[] = $uid;
                    $flags[$uid] = ['read' => $read, 'flagged' => 0];
                }
            }
            $folder->setChanges($since, $flags);
            $folder->setRemoved(array_values(array_filter($this->expunged, [$folder, 'hasMessage'])));
        }
        $folder->setStatus($status);
        if (!$folder->haveInitialSync) {
            return $folder->added();
        }
        $results = [];
        foreach ($folder->added() as $uid) {
            $results[] = ['id' => $uid, 'type' => AS_::CHANGE_TYPE_CHANGE, 'flags' => AS_::FLAG_NEWMESSAGE];
        }
        $flags = $folder->flags();
        foreach ($folder->changed() as $uid) {
            $results[] = ['id' => $uid, 'type' => AS_::CHANGE_TYPE_FLAGS, 'flags' => $flags[$uid], 'categories' => []];
        }
        foreach ($folder->removed() as $uid) {
            $results[] = ['id' => $uid, 'type' => AS_::CHANGE_TYPE_DELETE];
        }
        return $results;
    }
}
