<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Support;

/**
 * Random folder scripts (tests/oracle/folder_runner.php) from a simulated
 * IMAP mailbox: each round the mailbox changes (new mail, flag changes,
 * expunges, mail leaving or re-entering the filter window), then the
 * script makes the calls Horde_ActiveSync_Imap_Adapter's strategies make
 * for that round (first listing, CONDSTORE delta, full listing), applies
 * the new STATUS and updates the folder, observing it at each step.
 */
class FolderScripts
{
    private $seed;
    /** uid => [seen, flagged, in window, modseq, keywords] */
    private $msgs = [];
    private $expunged = [];
    private $uidnext = 1;
    private $modseq = 1;
    private $uidvalidity;
    private $condstore;
    private $protocol;
    private $savedStatus = null;
    private $first = true;

    private function __construct(int $seed, bool $condstore)
    {
        $this->seed = $seed;
        mt_srand($seed);
        $this->condstore = $condstore;
        $this->uidvalidity = mt_rand(1, 1 << 30);
        $this->protocol = [2.5, 12.1, 14.1, 16.1][mt_rand(0, 3)];
    }

    /**
     * A script of $rounds syncs and the ops of one more round, to play
     * after the script's last state was stored and read back.
     *
     * @return array{0: array, 1: array}
     */
    public static function generate(int $seed, int $rounds, int $size): array
    {
        $w = new self($seed, (bool)($seed % 2));
        $script = [['new', 'INBOX']];
        $w->mutate($size, true);
        for ($r = 0; $r < $rounds; $r++) {
            $script = array_merge($script, $w->round());
            $w->mutate(max(3, intdiv($size, 10)), false);
        }
        $script[] = ['dump'];
        return [$script, $w->round()];
    }

    private function mutate(int $scale, bool $initial): void
    {
        $new = $initial ? mt_rand(0, $scale) : mt_rand(0, 3);
        for ($i = 0; $i < $new; $i++) {
            // Most new mail is recent; some arrives with an old date.
            $this->msgs[$this->uidnext++] = [mt_rand(0, 1), mt_rand(0, 4) == 0, mt_rand(0, 7) > 0, ++$this->modseq, []];
        }
        if ($initial || !$this->msgs) {
            return;
        }
        $uids = array_keys($this->msgs);
        for ($i = mt_rand(0, 3); $i > 0; $i--) {
            $uid = $uids[mt_rand(0, count($uids) - 1)];
            switch (mt_rand(0, 2)) {
            case 0:
                $this->msgs[$uid][0] ^= 1;
                break;
            case 1:
                $this->msgs[$uid][1] = !$this->msgs[$uid][1];
                break;
            default:
                $this->msgs[$uid][4] = mt_rand(0, 1) ? ['$label1'] : [];
            }
            $this->msgs[$uid][3] = ++$this->modseq;
        }
        for ($i = mt_rand(0, 2); $i > 0 && $this->msgs; $i--) {
            $uid = array_rand($this->msgs);
            unset($this->msgs[$uid]);
            $this->expunged[] = $uid;
            ++$this->modseq;
        }
        // Time passes: mail leaves the window (modification sequence unchanged).
        for ($i = mt_rand(0, 2); $i > 0 && $this->msgs; $i--) {
            $this->msgs[array_rand($this->msgs)][2] = false;
        }
        if (mt_rand(0, 11) == 0) {
            $this->uidnext += mt_rand(1, 5); // UIDs used by mail expunged before we saw it
        }
    }

    private function status(): array
    {
        return [
            'uidvalidity' => $this->uidvalidity,
            'uidnext' => $this->uidnext,
            'highestmodseq' => $this->condstore ? $this->modseq : 0,
            'messages' => count($this->msgs),
        ];
    }

    private function window(): array
    {
        $uids = [];
        foreach ($this->msgs as $uid => $m) {
            if ($m[2]) {
                $uids[] = $uid;
            }
        }
        return $uids;
    }

    private function outside(): array
    {
        $uids = [];
        foreach ($this->msgs as $uid => $m) {
            if (!$m[2]) {
                $uids[] = $uid;
            }
        }
        return $uids;
    }

    private function flagsOf(array $uids): array
    {
        $flags = [];
        foreach ($uids as $uid) {
            $flags[$uid] = ['read' => $this->msgs[$uid][0]];
            if ($this->protocol > 2.5) {
                $flags[$uid]['flagged'] = $this->msgs[$uid][1] ? 1 : 0;
            }
        }
        return $flags;
    }

    private function categoriesOf(array $uids): array
    {
        if ($this->protocol <= 12.1) {
            return [];
        }
        $out = [];
        foreach ($uids as $uid) {
            $out[$uid] = $this->msgs[$uid][4];
        }
        return $out;
    }

    /** The calls of one Sync, as the Adapter's strategies make them. */
    private function round(): array
    {
        $ops = [];
        $status = $this->status();
        $window = $this->window();
        $soft = mt_rand(0, 4) == 0;
        if ($this->first) {
            // Strategy_Initial
            if ($this->condstore) {
                $ops[] = ['prime', $window];
            } elseif ($window) {
                $ops[] = ['changes', $window, $this->flagsOf($window), [], false];
            }
            $this->first = false;
        } elseif ($this->condstore) {
            $refresh = mt_rand(0, 9) == 0;
            $saved = $this->savedStatus['highestmodseq'];
            if ($saved < $status['highestmodseq'] || $soft || $refresh) {
                // Strategy_Modseq: what changed since the saved HIGHESTMODSEQ
                $since = [];
                foreach ($window as $uid) {
                    if ($this->msgs[$uid][3] > $saved) {
                        $since[] = $uid;
                    }
                }
                if ($refresh) {
                    // the widened filter brings back mail that had left it
                    foreach (array_keys($this->msgs) as $uid) {
                        $this->msgs[$uid][2] = true;
                    }
                    $window = $this->window();
                    $ops[] = ['refresh', $window, $since, $this->flagsOf($window), $this->categoriesOf($window)];
                } else {
                    $ops[] = ['changes', $since, $this->flagsOf($since), $this->categoriesOf($since), $soft];
                }
                $ops[] = ['vanish', $this->expunged];
                if ($soft || $refresh) {
                    $ops[] = ['softsearch', $this->outside()];
                }
            }
        } else {
            // Strategy_Plain: the whole window with its flags
            if ($window) {
                $ops[] = ['changes', $window, $this->flagsOf($window), [], false];
            }
            $ops[] = ['vanish', $this->expunged];
        }
        if (mt_rand(0, 14) == 0) {
            $ops[] = ['removed', [1]];
        }
        if (mt_rand(0, 19) == 0) {
            $ops[] = ['validity', ['uidvalidity' => $this->uidvalidity + mt_rand(0, 1)]];
        }
        $ops[] = ['status', $status];
        $ops[] = ['observe'];
        if ($soft || mt_rand(0, 3) == 0) {
            $ops[] = ['soft'];
        }
        $ops[] = ['update'];
        $ops[] = ['observe'];
        if (mt_rand(0, 2) == 0) {
            $ops[] = ['reload'];
            $ops[] = ['observe'];
        }
        $this->savedStatus = $status;
        return $ops;
    }
}
