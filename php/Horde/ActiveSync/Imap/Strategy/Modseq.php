<?php
/**
 * Horde_ActiveSync_Imap_Strategy_Modseq: a folder on a CONDSTORE/QRESYNC
 * server. Only messages whose modification sequence passed the saved
 * HIGHESTMODSEQ are fetched, expunges come from VANISHED, and messages
 * that left the filter window are found by a date search among the
 * client's UIDs. Changes made after the STATUS this Sync started from are
 * left for the next one, so nothing is reported twice or skipped.
 *
 * A server whose HIGHESTMODSEQ went backwards (a rebuilt index) is not
 * trusted: the window is searched without CHANGEDSINCE and expunges are
 * looked for since the start, rather than the client never hearing of
 * changes again.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
class Horde_ActiveSync_Imap_Strategy_Modseq extends Horde_ActiveSync_Imap_Strategy_Base
{
    /** Whether the server's HIGHESTMODSEQ can be trusted. */
    protected $_modseq_valid = true;

    public function __construct(
        Horde_ActiveSync_Interface_ImapFactory $imap,
        array $status,
        Horde_ActiveSync_Folder_Base $folder,
        $logger)
    {
        parent::__construct($imap, $status, $folder, $logger);
        if ($folder->modseq() > ($this->_status[Horde_ActiveSync_Folder_Imap::HIGHESTMODSEQ] ?? 0)) {
            $this->_logger->err('IMAP Server error: Current HIGHESTMODSEQ is lower than previously reported.');
            $this->_modseq_valid = false;
        }
    }

    public function getChanges(array $options)
    {
        $this->_logger->meta('CONDSTORE and CHANGES');
        $current = $this->_status[Horde_ActiveSync_Folder_Imap::HIGHESTMODSEQ] ?? 0;
        $query = new Horde_Imap_Client_Search_Query();
        if ($this->_modseq_valid) {
            // SEARCH MODSEQ is inclusive.
            $query->modseq($this->_folder->modseq() + 1);
        }
        if (!empty($options['sincedate'])) {
            $query->dateSearch(new Horde_Date($options['sincedate']), Horde_Imap_Client_Search_Query::DATE_SINCE);
        }
        $search = $this->_search($query);
        $uids = $search['count'] ? $search['match']->ids : [];

        if (!empty($options['refreshfilter'])) {
            $this->_logger->meta('Checking for additional messages within the new FilterType parameters.');
            $more = $this->_searchQuery($options, false);
            if ($more['count']) {
                $this->_logger->meta(sprintf('Found %d messages that are now inside FilterType.', $more['count']));
                $uids = array_values(array_unique(array_merge($uids, $more['match']->ids)));
            }
        }

        $fetch = new Horde_Imap_Client_Fetch_Query();
        if ($this->_modseq_valid) {
            $fetch->modseq();
        }
        $fetch->flags();
        $changes = $flags = $categories = $deleted = [];
        $protocol = $options['protocolversion'] ?? Horde_ActiveSync::VERSION_TWOFIVE;
        $keywords = $protocol > Horde_ActiveSync::VERSION_TWELVEONE ? $this->_getMsgFlags() : [];
        $this->_fetchBatched($uids, $fetch,
            function ($uid, $data) use (&$changes, &$flags, &$categories, &$deleted, $current, $protocol, $keywords) {
                // A change after the STATUS we started from belongs to the next Sync.
                if ($this->_modseq_valid && $data->getModSeq() > $current) {
                    return;
                }
                $imapFlags = $data->getFlags();
                if (self::_isDeleted($imapFlags)) {
                    $deleted[] = $uid;
                    return;
                }
                $changes[] = $uid;
                $flags[$uid] = self::_easFlags($imapFlags, $protocol);
                if ($protocol > Horde_ActiveSync::VERSION_TWELVEONE) {
                    $categories[$uid] = [];
                    foreach ($imapFlags as $flag) {
                        $flag = Horde_String::lower($flag);
                        if (!empty($keywords[$flag])) {
                            $categories[$uid][] = $keywords[$flag];
                        }
                    }
                }
            });

        $this->_folder->setChanges($changes, $flags, $categories,
            !empty($options['softdelete']) || !empty($options['refreshfilter']));

        try {
            $vanished = $this->_imap_ob->vanished($this->_mbox,
                $this->_modseq_valid ? $this->_folder->modseq() : 1, ['ids' => $this->_knownIds()]);
        } catch (Horde_Imap_Client_Exception $e) {
            $this->_logger->err($e->getMessage());
            throw new Horde_ActiveSync_Exception($e);
        }
        $this->_folder->setRemoved(array_merge($vanished->ids, $this->_knownAmong($deleted)));
        $this->_logger->meta(sprintf('Found %d deleted messages.', $vanished->count() + count($deleted)));

        if (!empty($options['sincedate']) && (!empty($options['softdelete']) || !empty($options['refreshfilter']))) {
            $this->_logger->meta(sprintf('Polling for SOFTDELETE in %s before %d',
                $this->_folder->serverid(), $options['sincedate']));
            $soft = $this->_searchQuery($options, true);
            if ($soft['count']) {
                $this->_logger->meta(sprintf('Found %d messages to SOFTDELETE.', count($soft['match']->ids)));
                $this->_folder->setSoftDeleted($soft['match']->ids);
            }
            $this->_folder->setSoftDeleteTimes($options['sincedate'], time());
        }
        return $this->_folder;
    }

    /**
     * Messages before the window among the client's (SOFTDELETE), or inside
     * it and not the client's (a widened window).
     */
    protected function _searchQuery($options, $is_delete)
    {
        $known = $this->_knownIds();
        if ($is_delete && $known->isEmpty()) {
            return ['count' => 0, 'match' => $known];
        }
        $query = new Horde_Imap_Client_Search_Query();
        $query->dateSearch(new Horde_Date($options['sincedate']),
            $is_delete ? Horde_Imap_Client_Search_Query::DATE_BEFORE : Horde_Imap_Client_Search_Query::DATE_SINCE);
        if (!$known->isEmpty()) {
            $query->ids($known, !$is_delete);
        }
        if (!$is_delete) {
            $query->flag(Horde_Imap_Client::FLAG_DELETED, false);
        }
        return $this->_search($query);
    }
}
