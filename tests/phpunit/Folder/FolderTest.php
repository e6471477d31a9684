<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Folder;

use Horde\ActiveSync\Native\StateCodec;
use Horde\ActiveSync\Test\Support\FolderOracle;
use Horde_ActiveSync;
use Horde_ActiveSync_Folder_Collection;
use Horde_ActiveSync_Folder_Imap as Imap;
use Horde_ActiveSync_Folder_RI;
use PHPUnit\Framework\TestCase;

/**
 * The Folder classes: Horde's own unit cases, the edge cases of the issue
 * (each also played by Debian's class), Horde 6's additions, the stored
 * forms.
 */
class FolderTest extends TestCase
{
    private static function status(int $next, int $modseq = 0, int $messages = 0, int $validity = 100): array
    {
        return [Imap::UIDVALIDITY => $validity, Imap::UIDNEXT => $next, Imap::HIGHESTMODSEQ => $modseq,
                Imap::MESSAGES => $messages];
    }

    private static function unread(array $uids, int $flagged = 0): array
    {
        $flags = [];
        foreach ($uids as $uid) {
            $flags[$uid] = ['read' => 0, 'flagged' => $flagged];
        }
        return $flags;
    }

    /** Plays a script on both engines and checks that they agree; returns ours. */
    private function bothAgree(array $script): array
    {
        $ours = FolderOracle::ours([$script])[0];
        if (FolderOracle::available()) {
            $this->assertEquals(FolderOracle::horde([$script])[0], $ours, json_encode($script));
        }
        return $ours;
    }

    /* ---- Horde's unit cases ------------------------------------------------- */

    public function testInitialState(): void
    {
        $folder = new Imap('INBOX', Horde_ActiveSync::CLASS_EMAIL);
        $this->assertSame(0, $folder->uidnext());
        $this->assertSame(0, $folder->modseq());
        $this->assertSame([], $folder->messages());
        $this->assertSame([], $folder->flags());
        $this->assertSame([], $folder->added());
        $this->assertSame(0, $folder->minuid());
        $this->assertFalse($folder->uidvalidity());
        $this->expectException('Horde_ActiveSync_Exception');
        $folder->checkValidity([Imap::UIDVALIDITY => '123']);
    }

    public function testPlainServerUpdate(): void
    {
        $folder = new Imap('INBOX', Horde_ActiveSync::CLASS_EMAIL);
        $uids = [100, 101, 102, 103, 104];
        $folder->setChanges($uids, self::unread($uids));
        $this->assertSame($uids, $folder->added());
        $this->assertSame(self::unread($uids), $folder->flags());
        $this->assertSame([], $folder->messages());
        $folder->setStatus([Imap::UIDVALIDITY => 100, Imap::UIDNEXT => 105]);
        $folder->updateState();
        $this->assertSame([], $folder->added());
        $this->assertSame([], $folder->flags());
        $this->assertSame($uids, $folder->messages());

        $flags = self::unread(array_merge($uids, [105]));
        $flags[100]['flagged'] = 1;
        $flags[105]['read'] = 1;
        $folder->setChanges(array_merge($uids, [105]), $flags);
        $this->assertSame([105], $folder->added());
        $this->assertSame([100], $folder->changed());
    }

    public function testCondstoreServerUpdate(): void
    {
        $folder = new Imap('INBOX', Horde_ActiveSync::CLASS_EMAIL);
        $uids = [100, 101, 102, 103, 104];
        $folder->setChanges($uids, self::unread($uids));
        $folder->setStatus(self::status(105, 200));
        $folder->updateState();
        $this->assertSame($uids, $folder->messages());
        $folder->setChanges([100, 105], [100 => ['read' => 0, 'flagged' => 1], 105 => ['read' => 1, 'flagged' => 0]]);
        $this->assertSame([105], $folder->added());
        $this->assertSame([100], $folder->changed());
    }

    public function testCompressedSerializationOfHordesTrashFixture(): void
    {
        // The UID list of Horde's own test: 46653..47653 with three holes.
        $fixture = array_values(array_diff(range(46653, 47653), range(46683, 46690), [46722, 46882]));
        $folder = new Imap('Trash', Horde_ActiveSync::CLASS_EMAIL);
        $folder->setChanges($fixture);
        $folder->setStatus(self::status(47654, 200));
        $folder->updateState();
        $this->assertLessThan(300, strlen($folder->serialize()));
        $this->assertSame($fixture, unserialize(serialize($folder))->messages());
        $restored = new Imap('x', 'y');
        $restored->unserialize($folder->serialize());
        $this->assertSame($fixture, $restored->messages());
        // The native form: a few bytes per hole.
        $this->assertLessThan(40, strlen($folder->__serialize()['m']));
    }

    /* ---- edge cases, also played by Debian's class ------------------------------ */

    public function testEmptyFolder(): void
    {
        foreach ([0, 7] as $modseq) {
            $obs = $this->bothAgree([
                ['new', 'Empty'],
                $modseq ? ['prime', []] : ['observe'],
                ['status', self::status(1, $modseq)], ['observe'], ['soft'], ['update'], ['observe'], ['reload'],
                ['changes', [1], [1 => ['read' => 0, 'flagged' => 0]], [], false],
                ['status', self::status(2, $modseq ? $modseq + 1 : 0, 1)], ['observe'], ['update'], ['observe'],
            ]);
            $this->assertSame([1], end($obs)['messages']);
        }
    }

    public function testUidvalidityChange(): void
    {
        $obs = $this->bothAgree([
            ['new', 'INBOX'], ['prime', [1, 2]], ['status', self::status(3, 5, 2)], ['update'],
            ['validity', self::status(3, 5, 2)],
            ['validity', self::status(3, 5, 2, 101)],
            ['validity', [Imap::UIDVALIDITY => 0]],
        ]);
        $this->assertSame(['validity' => 'ok'], $obs[0]);
        $this->assertStringStartsWith('Horde_ActiveSync_Exception_StaleState', $obs[1]['error']);
        $this->assertSame(['validity' => 'ok'], $obs[2]);
    }

    public function testAllMessagesRemoved(): void
    {
        foreach ([0, 9] as $modseq) {
            $uids = range(1, 20);
            $obs = $this->bothAgree([
                ['new', 'INBOX'], ['changes', $uids, self::unread($uids), [], false],
                ['status', self::status(21, $modseq, 20)], ['update'],
                ['vanish', $uids], ['status', self::status(21, $modseq ? $modseq + 20 : 0, 0)], ['observe'],
                ['update'], ['observe'], ['reload'], ['observe'],
                ['changes', [21], self::unread([21]), [], false], ['status', self::status(22, $modseq ? $modseq + 21 : 0, 1)],
                ['observe'], ['update'], ['observe'],
            ]);
            $this->assertSame($uids, $obs[0]['removed']);
            $this->assertSame([], $obs[1]['messages']);
            $this->assertSame(0, $obs[1]['minuid']);
            $this->assertSame([21], $obs[3]['added']);
        }
    }

    public function testFlagChangesOnly(): void
    {
        $uids = range(10, 30);
        $flags = self::unread($uids);
        $later = $flags;
        $later[12]['read'] = 1;
        $later[20]['flagged'] = 1;
        $obs = $this->bothAgree([
            ['new', 'INBOX'], ['changes', $uids, $flags, [], false], ['status', self::status(31, 0, 21)], ['update'],
            ['changes', $uids, $later, [], false], ['vanish', []], ['status', self::status(31, 0, 21)],
            ['observe'], ['soft'], ['update'], ['observe'],
        ]);
        $this->assertSame([], $obs[0]['added']);
        $this->assertSame([12, 20], $obs[0]['changed']);
        $this->assertSame(['soft' => []], $obs[1]);
        $this->assertSame($uids, $obs[2]['messages']);
    }

    public function testModseqGaps(): void
    {
        // Modification sequences jump (other mailboxes share the counter);
        // the changes since the saved one are still exactly what the search returns.
        $obs = $this->bothAgree([
            ['new', 'INBOX'], ['prime', [1, 2, 3]], ['status', self::status(4, 10, 3)], ['update'],
            ['changes', [2, 4], [2 => ['read' => 1], 4 => ['read' => 0]], [], false],
            ['vanish', [3]], ['status', self::status(5, 90210, 3)], ['observe'], ['update'], ['observe'],
            ['reload'], ['observe'],
        ]);
        $this->assertSame([4], $obs[0]['added']);
        $this->assertSame([2], $obs[0]['changed']);
        $this->assertSame([3], $obs[0]['removed']);
        $this->assertSame([1, 2, 4], $obs[2]['messages']);
        $this->assertSame(90210, $obs[2]['modseq']);
    }

    public function testBrokenVanishedListIsStale(): void
    {
        $obs = $this->bothAgree([
            ['new', 'INBOX'], ['prime', [50, 51]], ['status', self::status(52, 3, 2)], ['update'],
            ['removed', [1, 50]], ['observe'],
        ]);
        $this->assertSame('Horde_ActiveSync_Exception_StaleState: BROKEN IMAP server has returned all VANISHED UIDs.',
                          $obs[0]['error']);
        $this->assertSame([], $obs[1]['removed']);
    }

    /**
     * Horde forgets the flag changes of the message that was first in its
     * list once it comes back into the filter window; we report them.
     */
    public function testHordeMissesTheFirstMessageComingBack(): void
    {
        if (!FolderOracle::available()) {
            $this->markTestSkipped("Debian's php-horde-activesync is not installed");
        }
        $script = [
            ['new', 'INBOX'],
            ['changes', [1, 2, 3], self::unread([1, 2, 3]), [], false], ['status', self::status(4)], ['update'],
            // 1 leaves the window, then comes back read
            ['changes', [2, 3], self::unread([2, 3]), [], false], ['status', self::status(4)], ['update'],
            ['changes', [1, 2, 3], [1 => ['read' => 1, 'flagged' => 0]] + self::unread([2, 3]), [], false],
            ['observe'],
        ];
        $this->assertSame([], FolderOracle::horde([$script], false)[0][0]['changed']);
        $this->assertSame([1], FolderOracle::horde([$script])[0][0]['changed']);
        $this->assertSame([1], FolderOracle::ours([$script])[0][0]['changed']);
    }

    public function testOtherFolderKindsAgreeWithHorde(): void
    {
        $collection = new Horde_ActiveSync_Folder_Collection('calendar_x', Horde_ActiveSync::CLASS_CALENDAR, ['k' => 1]);
        $collection->setSoftDeleteTimes(1700000000, 1700003600);
        $collection->updateState();
        $ri = new Horde_ActiveSync_Folder_RI('RI', 'RI');
        $ri->setChanges(['a@example.com', 'b@example.com']);
        $ri->updateState();
        $obs = $this->bothAgree([
            ['loadother', 'Collection', $collection->serialize()], ['observeother'], ['dump'],
            ['loadother', 'RI', $ri->serialize()], ['recipients', ['b@example.com', 'c@example.com', 'a@example.com']],
            ['observeother'],
        ]);
        $this->assertSame('calendar_x', $obs[0]['serverid']);
        $this->assertSame([1700000000, 1700003600], $obs[0]['softdelete']);
        // Horde's JSON form, byte for byte.
        $this->assertSame($collection->serialize(), $obs[1]['dump']);
        $this->assertSame(['b@example.com:0', 'a@example.com:1'], $obs[2]['removed']);
        $this->assertSame(['a@example.com:0', 'c@example.com:1', 'b@example.com:2'], $obs[2]['added']);
        $this->assertEquals(unserialize(serialize($collection)), $collection);
        $restored = unserialize(serialize($ri));
        $this->assertTrue($restored->haveInitialSync);
        $this->assertSame([], $restored->added());
    }

    /* ---- Horde 6's additions ---------------------------------------------------- */

    public function testPingWatermark(): void
    {
        $folder = new Imap('INBOX/Junk', Horde_ActiveSync::CLASS_EMAIL);
        $status = self::status(105, 200, 5);
        $folder->setStatus($status);
        $folder->updateState();
        $this->assertFalse($folder->pingChanged($status));
        $this->assertTrue($folder->pingChanged([Imap::HIGHESTMODSEQ => 250] + $status));

        // A Ping reported 250; the Sync found nothing to send and kept 200.
        $folder->acknowledgePingStatus([Imap::HIGHESTMODSEQ => 250] + $status);
        $this->assertSame(200, $folder->modseq());
        $this->assertSame(250, $folder->pingModseq());
        $this->assertFalse($folder->pingChanged([Imap::HIGHESTMODSEQ => 250] + $status));
        $restored = unserialize(serialize($folder));
        $this->assertSame(200, $restored->modseq());
        $this->assertSame(250, $restored->pingModseq());
        $json = new Imap('', '');
        $json->unserialize($folder->serialize());
        $this->assertSame(250, $json->pingModseq());

        // A Sync catching up moves both; a partial one never moves Ping back.
        $folder->setStatus([Imap::HIGHESTMODSEQ => 250] + $status);
        $folder->updateState();
        $this->assertSame(250, $folder->modseq());
        $folder->acknowledgePingStatus(self::status(110, 300, 8));
        $folder->setStatus(self::status(106, 260, 6));
        $folder->updateState();
        $this->assertSame(260, $folder->modseq());
        $this->assertSame(300, $folder->pingModseq());
        $this->assertSame(110, $folder->pingUidnext());
        $this->assertSame(6, $folder->pingTotalMessages());
        // More mail, an expunge or a recreated mailbox are Ping changes.
        $this->assertTrue($folder->pingChanged(self::status(111, 300, 6)));
        $this->assertTrue($folder->pingChanged(self::status(110, 300, 5)));
        $this->assertTrue($folder->pingChanged(self::status(110, 300, 6, 999)));
        $this->assertFalse($folder->pingChanged(self::status(110, 300, 6)));
    }

    public function testAcknowledgedMessagesAndInitialSync(): void
    {
        $folder = new Imap('INBOX', Horde_ActiveSync::CLASS_EMAIL);
        $folder->primeFolder(range(1, 5));
        $folder->setStatus(self::status(6, 9, 5));
        $folder->updateState();
        $folder->acknowledgeExportedMessage(3);
        $folder->acknowledgeExportedMessage(9);
        $folder->acknowledgeExportedMessage('');
        $this->assertSame([1, 2, 3, 4, 5, 9], $folder->messages());
        $folder->markInitialSyncComplete();
        $this->assertTrue($folder->haveInitialSync);
    }

    public function testGhostUidsAndDraftAliases(): void
    {
        $folder = new Imap('INBOX/Drafts', Horde_ActiveSync::CLASS_EMAIL);
        $this->assertArrayNotHasKey('da', $folder->__serialize());
        $this->assertArrayNotHasKey('gh', $folder->__serialize());
        $folder->addGhostUids(['999']);
        $folder->addGhostUids(['999', 1000]);
        $folder->removeGhostUids(['12345']);
        $this->assertSame(['999', '1000'], $folder->ghostUids());
        $folder->setDraftUidAlias('55700', '55500');
        $folder->setDraftUidAlias('55900', '55500');
        $folder->setDraftUidAlias('55501', '55501');
        $folder->setDraftUidAlias('', '55500');
        $this->assertSame(['55900' => '55500'], $folder->draftUidAliases());
        $this->assertSame('55900', $folder->draftUidForClientId('55500'));
        $this->assertNull($folder->draftClientIdForUid('55700'));
        foreach ([unserialize(serialize($folder)), (function ($f) {
            $g = new Imap('', '');
            $g->unserialize($f->serialize());
            return $g;
        })($folder)] as $restored) {
            $this->assertSame(['999', '1000'], $restored->ghostUids());
            $this->assertSame('55500', $restored->draftClientIdForUid(55900));
        }
        $folder->removeDraftUidAliases(['55900']);
        $folder->removeGhostUids(['999', '1000']);
        $this->assertSame([], unserialize(serialize($folder))->ghostUids());
        $this->assertSame([], $folder->draftUidAliases());
    }

    /* ---- stored forms ------------------------------------------------------------ */

    public function testNativeFormIsCompactAndChecked(): void
    {
        $folder = new Imap('INBOX', Horde_ActiveSync::CLASS_EMAIL);
        $uids = [];
        for ($uid = 1; count($uids) < 100000; $uid++) {
            if ($uid % 97) {
                $uids[] = $uid;
            }
        }
        $folder->primeFolder($uids);
        $folder->setStatus(self::status($uid, 777, 100000));
        $folder->updateState();
        $packed = StateCodec::pack($folder);
        $this->assertLessThan(4096, strlen($packed));
        $this->assertLessThan(strlen($folder->serialize()) / 4, strlen($packed));
        $back = StateCodec::unpack($packed);
        $this->assertSame($uids, $back->messages());
        $this->assertTrue($back->haveInitialSync);
        $this->assertSame(777, $back->modseq());

        foreach ([
            ['v' => 3, 's' => [], 'm' => "\x01\x05"],
            ['v' => 3, 's' => 'nope', 'm' => ''],
            ['v' => 3, 's' => [], 'm' => []],
            ['v' => 2, 's' => ['highestmodseq' => 5], 'm' => '1:99999999999'],
            ['v' => 2, 's' => [], 'm' => ['x' => []]],
            ['v' => 99],
        ] as $bad) {
            $folder = new Imap('', '');
            try {
                $folder->__unserialize($bad);
                $this->fail('accepted ' . json_encode($bad));
            } catch (\Horde_ActiveSync_Exception_StaleState $e) {
                $this->addToAssertionCount(1);
            }
        }
        foreach (['', 'not json', '{"v":1}', serialize(['v' => 2])] as $bad) {
            try {
                (new Imap('', ''))->unserialize($bad);
                $this->fail('accepted ' . $bad);
            } catch (\Horde_ActiveSync_Exception_StaleState $e) {
                $this->addToAssertionCount(1);
            }
        }
    }

    public function testHordesOlderPhpSerializedFormIsRead(): void
    {
        // Horde_ActiveSync before 2.x stored the array with PHP serialize(), version 1.
        $old = serialize(['s' => self::status(5), 'm' => [1 => ['read' => 1], 4 => ['read' => 0]], 'f' => 'INBOX',
                          'c' => 'Email', 'lsd' => 0, 'sd' => 0, 'v' => 1]);
        $folder = new Imap('', '');
        $folder->unserialize($old);
        $this->assertSame([1, 4], $folder->messages());
        $this->assertTrue($folder->haveInitialSync);
        $this->assertSame('INBOX', $folder->serverid());
    }

    public function testCloneIsIndependent(): void
    {
        $folder = new Imap('INBOX', Horde_ActiveSync::CLASS_EMAIL);
        $folder->primeFolder([1, 2]);
        $folder->setStatus(self::status(3, 1));
        $folder->updateState();
        $copy = clone $folder;
        $copy->acknowledgeExportedMessage(7);
        $this->assertSame([1, 2], $folder->messages());
        $this->assertSame([1, 2, 7], $copy->messages());
    }
}
