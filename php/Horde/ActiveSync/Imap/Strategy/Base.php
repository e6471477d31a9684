<?php
/**
 * Horde_ActiveSync_Imap_Strategy_Base: one way of finding what changed in
 * an IMAP folder since the device's last sync (first listing, CONDSTORE
 * delta, full listing). A strategy asks the server and hands the answers
 * to the folder object, whose native engine does the diff.
 *
 * EAS has no notion of a message flagged \Deleted but not yet expunged, so
 * such messages are treated as gone (Horde 6's rule): removed from the
 * client when it has them, never sent when it has not.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
abstract class Horde_ActiveSync_Imap_Strategy_Base
{
    /** The current IMAP STATUS of the folder. */
    protected $_status;

    /** @var Horde_ActiveSync_Folder_Imap */
    protected $_folder;

    /** @var Horde_ActiveSync_Log_Logger */
    protected $_logger;

    protected $_procid;

    /** @var Horde_Imap_Client_Mailbox */
    protected $_mbox;

    /** @var Horde_Imap_Client_Base */
    protected $_imap_ob;

    /** @var Horde_ActiveSync_Interface_ImapFactory */
    protected $_imap;

    public function __construct(
        Horde_ActiveSync_Interface_ImapFactory $imap,
        array $status,
        Horde_ActiveSync_Folder_Base $folder,
        $logger)
    {
        $this->_imap = $imap;
        $this->_imap_ob = $imap->getImapOb();
        $this->_status = $status;
        $this->_folder = $folder;
        $this->_logger = Horde_ActiveSync::_wrapLogger($logger);
        $this->_procid = getmypid();
        $this->_mbox = new Horde_Imap_Client_Mailbox($folder->serverid());
    }

    /**
     * @param array $options  See Horde_ActiveSync_Imap_Adapter::getMessageChanges().
     * @return Horde_ActiveSync_Folder_Base  The folder, holding the changes found.
     */
    abstract public function getChanges(array $options);

    /** Lower-cased IMAP keyword => category name, when the factory knows them. */
    protected function _getMsgFlags()
    {
        return method_exists($this->_imap, 'getMsgFlags') ? $this->_imap->getMsgFlags() : [];
    }

    /** The folder's known UIDs as an id list for the IMAP client. */
    protected function _knownIds()
    {
        return new Horde_ActiveSync_Imap_Strategy_Ids($this->_folder->messages());
    }

    protected function _search(Horde_Imap_Client_Search_Query $query)
    {
        try {
            return $this->_imap_ob->search($this->_mbox, $query,
                ['results' => [Horde_Imap_Client::SEARCH_RESULTS_MATCH]]);
        } catch (Horde_Imap_Client_Exception $e) {
            $this->_logger->err($e->getMessage());
            throw new Horde_ActiveSync_Exception($e);
        }
    }

    /**
     * FETCHes $query for $uids in batches of MAX_FETCH and hands each
     * message's data to $each($uid, Horde_Imap_Client_Data_Fetch).
     */
    protected function _fetchBatched(array $uids, Horde_Imap_Client_Fetch_Query $query, callable $each)
    {
        foreach (array_chunk($uids, Horde_ActiveSync_Imap_Adapter::MAX_FETCH) as $batch) {
            try {
                $results = $this->_imap_ob->fetch($this->_mbox, $query,
                    ['ids' => new Horde_ActiveSync_Imap_Strategy_Ids($batch)]);
            } catch (Horde_Imap_Client_Exception $e) {
                $this->_logger->err($e->getMessage());
                throw new Horde_ActiveSync_Exception($e);
            }
            foreach ($results as $uid => $data) {
                $each($uid, $data);
            }
        }
    }

    /** EAS flags of a message: read always, flagged from EAS 12.0 on. */
    protected static function _easFlags(array $imapFlags, $protocol)
    {
        $flags = ['read' => in_array(Horde_Imap_Client::FLAG_SEEN, $imapFlags) ? 1 : 0];
        if ($protocol > Horde_ActiveSync::VERSION_TWOFIVE) {
            $flags['flagged'] = in_array(Horde_Imap_Client::FLAG_FLAGGED, $imapFlags) ? 1 : 0;
        }
        return $flags;
    }

    protected static function _isDeleted(array $imapFlags)
    {
        return in_array(Horde_Imap_Client::FLAG_DELETED, $imapFlags);
    }

    /** The UIDs of $uids the client has, in their order. */
    protected function _knownAmong(array $uids)
    {
        return array_values(array_filter($uids, [$this->_folder, 'hasMessage']));
    }
}
