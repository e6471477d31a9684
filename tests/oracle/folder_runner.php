<?php
/**
 * Plays a script of Horde_ActiveSync_Folder_Imap calls and records what the
 * folder answers, the same way for Debian's class (tests/oracle/folder.php,
 * in its own process) and for ours (tests/phpunit/Folder), so the two can be
 * compared answer by answer.
 *
 * A script is a list of operations, each [name, args...]:
 *   new SERVERID                 a fresh folder
 *   load JSON                    a fresh folder, unserialize()d from JSON
 *   status STATUS                setStatus()
 *   changes UIDS FLAGS CATS RESET  setChanges()
 *   refresh WINDOW SINCE FLAGS CATS  setChanges() of SINCE plus the UIDs of
 *                                WINDOW not known, resetting the lowest UID
 *                                (a CONDSTORE Sync after the filter widened;
 *                                the FETCH of both searches returns each
 *                                UID once, ascending)
 *   prime UIDS                   primeFolder()
 *   vanish GONE                  setRemoved() of the known UIDs in GONE (sorted)
 *   removed UIDS                 setRemoved() as given
 *   softsearch OUTSIDE           setSoftDeleted() of the known UIDs in OUTSIDE
 *   soft                         getSoftDeleted(), recorded
 *   update                       updateState()
 *   validity STATUS              checkValidity(), recorded
 *   reload                       unserialize(serialize()) with the same class
 *   observe                      records the folder's answers
 *   other KIND SERVERID CLASS    a fresh Horde_ActiveSync_Folder_KIND (Collection, RI)
 *   loadother KIND JSON          the same, unserialize()d from JSON
 *   recipients CONTACTS          Folder_RI::setChanges()
 *   softtimes SINCE TS           setSoftDeleteTimes()
 *   observeother                 records what a Collection or RI folder answers
 *   dump                         records serialize()
 *
 * Lists are compared as integers; the message list and soft deletions as
 * sets (Horde keeps them in insertion order, we keep them sorted).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

function folder_ints(array $list, bool $sort = false): array
{
    $out = array_map('intval', array_values($list));
    if ($sort) {
        sort($out);
    }
    return $out;
}

function folder_observe($f): array
{
    return [
        'added' => folder_ints($f->added()),
        'changed' => folder_ints($f->changed()),
        'removed' => folder_ints($f->removed()),
        'flags' => $f->flags(),
        'categories' => $f->categories(),
        'messages' => folder_ints($f->messages(), true),
        'minuid' => (int)$f->minuid(),
        'hi' => (bool)$f->haveInitialSync,
        'uidnext' => (int)$f->uidnext(),
        'modseq' => (int)$f->modseq(),
    ];
}

function folder_run_script(string $class, array $script): array
{
    $f = null;
    $out = [];
    foreach ($script as $op) {
        try {
            switch ($op[0]) {
            case 'new':
                $f = new $class($op[1], 'Email');
                break;
            case 'load':
                $f = new $class('', '');
                $f->unserialize($op[1]);
                break;
            case 'status':
                $f->setStatus($op[1]);
                break;
            case 'changes':
                $f->setChanges($op[1], $op[2], $op[3], $op[4]);
                break;
            case 'refresh':
                $uids = array_unique(array_merge($op[2], array_diff($op[1], folder_ints($f->messages()))));
                sort($uids);
                $f->setChanges($uids, $op[3], $op[4], true);
                break;
            case 'prime':
                $f->primeFolder($op[1]);
                break;
            case 'vanish':
                $known = folder_ints($f->messages(), true);
                $f->setRemoved(array_values(array_intersect($known, $op[1])));
                break;
            case 'removed':
                $f->setRemoved($op[1]);
                break;
            case 'softsearch':
                $known = folder_ints($f->messages(), true);
                $f->setSoftDeleted(array_values(array_intersect($known, $op[1])));
                break;
            case 'soft':
                $out[] = ['soft' => folder_ints($f->getSoftDeleted(), true)];
                break;
            case 'update':
                $f->updateState();
                break;
            case 'validity':
                $f->checkValidity($op[1]);
                $out[] = ['validity' => 'ok'];
                break;
            case 'reload':
                $g = new $class('', '');
                $g->unserialize($f->serialize());
                $f = $g;
                break;
            case 'observe':
                $out[] = folder_observe($f);
                break;
            case 'other':
                $kind = 'Horde_ActiveSync_Folder_' . $op[1];
                $f = new $kind($op[2], $op[3]);
                break;
            case 'loadother':
                $kind = 'Horde_ActiveSync_Folder_' . $op[1];
                $f = new $kind('', '');
                $f->unserialize($op[2]);
                break;
            case 'recipients':
                $f->setChanges($op[1]);
                break;
            case 'softtimes':
                $f->setSoftDeleteTimes($op[1], $op[2]);
                break;
            case 'observeother':
                $out[] = [
                    'serverid' => $f->serverid(), 'class' => $f->collectionClass(),
                    'softdelete' => $f->getSoftDeleteTimes(), 'string' => (string)$f,
                    'added' => method_exists($f, 'added') ? $f->added() : null,
                    'removed' => method_exists($f, 'removed') ? $f->removed() : null,
                ];
                break;
            case 'dump':
                $out[] = ['dump' => $f->serialize()];
                break;
            }
        } catch (Exception $e) {
            // Which exception, not its class name: ours and Horde's share names.
            $out[] = ['error' => get_class($e) . ': ' . $e->getMessage(), 'op' => $op[0]];
        }
    }
    return $out;
}
