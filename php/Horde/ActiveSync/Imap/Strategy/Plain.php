<?php
/**
 * Horde_ActiveSync_Imap_Strategy_Plain: a folder on a server without
 * CONDSTORE. Every Sync lists the filter window with its flags; the folder
 * compares them with what the client has, and the client's UIDs that no
 * longer exist are found by searching for them (Horde_Imap_Client's
 * VANISHED emulation). A message flagged \Deleted counts as removed.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
class Horde_ActiveSync_Imap_Strategy_Plain extends Horde_ActiveSync_Imap_Strategy_Base
{
    public function getChanges(array $options)
    {
        $this->_logger->meta(sprintf('NO CONDSTORE or per mailbox MODSEQ. minuid: %s, total_messages: %s',
            $this->_folder->minuid(), $this->_status[Horde_ActiveSync_Folder_Imap::MESSAGES] ?? 0));

        $query = new Horde_Imap_Client_Search_Query();
        if (!empty($options['sincedate'])) {
            $query->dateSearch(new Horde_Date($options['sincedate']), Horde_Imap_Client_Search_Query::DATE_SINCE);
        }
        $search = $this->_search($query);
        $uids = $search['count'] ? $search['match']->ids : [];

        $fetch = new Horde_Imap_Client_Fetch_Query();
        $fetch->flags();
        $flags = $deleted = [];
        $protocol = $options['protocolversion'] ?? Horde_ActiveSync::VERSION_TWOFIVE;
        $this->_fetchBatched($uids, $fetch, function ($uid, $data) use (&$flags, &$deleted, $protocol) {
            if (self::_isDeleted($data->getFlags())) {
                $deleted[] = $uid;
            } else {
                $flags[$uid] = self::_easFlags($data->getFlags(), $protocol);
            }
        });
        if ($flags) {
            $this->_folder->setChanges($deleted ? array_values(array_diff($uids, $deleted)) : $uids, $flags);
        }
        try {
            $vanished = $this->_imap_ob->vanished($this->_mbox, null, ['ids' => $this->_knownIds()]);
        } catch (Horde_Imap_Client_Exception $e) {
            $this->_logger->err($e->getMessage());
            throw new Horde_ActiveSync_Exception($e);
        }
        $this->_folder->setRemoved(array_merge($vanished->ids, $this->_knownAmong($deleted)));
        return $this->_folder;
    }
}
