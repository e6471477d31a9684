<?php
/**
 * Horde_ActiveSync_Imap_Strategy_Initial: the first sync of a folder. A
 * CONDSTORE folder is primed with the UIDs in the filter window (flags are
 * read later, with the messages); otherwise their flags are fetched too so
 * that later listings can be compared with them. Messages flagged \Deleted
 * are left out.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
class Horde_ActiveSync_Imap_Strategy_Initial extends Horde_ActiveSync_Imap_Strategy_Base
{
    public function getChanges(array $options)
    {
        $this->_logger->meta('INITIAL SYNC');
        $query = new Horde_Imap_Client_Search_Query();
        if (!empty($options['sincedate'])) {
            $query->dateSearch(new Horde_Date($options['sincedate']), Horde_Imap_Client_Search_Query::DATE_SINCE);
        }
        $query->flag(Horde_Imap_Client::FLAG_DELETED, false);
        $search = $this->_search($query);
        $uids = $search['count'] ? $search['match']->ids : [];

        if (!empty($this->_status[Horde_ActiveSync_Folder_Imap::HIGHESTMODSEQ]) && !$this->_folder->haveInitialSync) {
            $this->_logger->meta('Priming IMAP folder object.');
            $this->_folder->primeFolder($uids);
        } elseif ($uids) {
            $fetch = new Horde_Imap_Client_Fetch_Query();
            $fetch->flags();
            $flags = [];
            $protocol = $options['protocolversion'] ?? Horde_ActiveSync::VERSION_TWOFIVE;
            $this->_fetchBatched($uids, $fetch, function ($uid, $data) use (&$flags, $protocol) {
                $flags[$uid] = self::_easFlags($data->getFlags(), $protocol);
            });
            $this->_folder->setChanges($uids, $flags);
        }
        return $this->_folder;
    }
}
