<?php
/**
 * Horde_ActiveSync_Imap_Adapter: what the ActiveSync driver asks of the
 * IMAP server, through Horde_Imap_Client: mailboxes, messages, flags,
 * searches, and the change detection of Sync and Ping.
 *
 * Change detection: the folder's saved STATUS and the server's current one
 * decide (natively, Native\ImapFolderState::plan()) whether there is
 * anything to look at and how (CONDSTORE delta, full listing, first sync);
 * a strategy then asks the server and the folder's native engine computes
 * the changes. Ping compares STATUS with the folder's Ping watermark only.
 *
 * Messages are built by Horde_ActiveSync_Imap_Message and the
 * Horde_ActiveSync_Imap_EasMessageBuilder classes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

use Horde\ActiveSync\Native\ImapFolderState;

class Horde_ActiveSync_Imap_Adapter
{
    /** Most messages fetched in one FETCH command. */
    const MAX_FETCH = 2000;

    /** STATUS items of a Sync; non-CONDSTORE servers report HIGHESTMODSEQ 0. */
    const SYNC_STATUS = Horde_Imap_Client::STATUS_HIGHESTMODSEQ | Horde_Imap_Client::STATUS_UIDVALIDITY
        | Horde_Imap_Client::STATUS_UIDNEXT_FORCE | Horde_Imap_Client::STATUS_MESSAGES
        | Horde_Imap_Client::STATUS_FORCE_REFRESH;

    /** @var Horde_ActiveSync_Interface_ImapFactory */
    protected $_imap;

    /** @var Horde_ActiveSync_Log_Logger */
    protected $_logger;

    protected $_defaultNamespace;

    protected $_procid;

    /** Options of this request (setOptions()), handed to the message classes. */
    protected $_options = [];

    /** STATUS of mailboxes fetched ahead by prefetchStatus(): UTF-8 name => status. */
    protected $_prefetched = [];

    /**
     * @param array $params  'factory': the Horde_ActiveSync_Interface_ImapFactory (required).
     */
    public function __construct(array $params = [])
    {
        $this->_imap = $params['factory'];
        Horde_Mime_Part::$defaultCharset = 'UTF-8';
        Horde_Mime_Headers::$defaultCharset = 'UTF-8';
        $this->_procid = getmypid();
        $this->_logger = new Horde_ActiveSync_Log_Logger(new Horde_Log_Handler_Null());
    }

    public function setOptions(array $options)
    {
        $this->_options = $options;
    }

    public function setLogger(Horde_Log_Logger $logger)
    {
        $this->_logger = Horde_ActiveSync::_wrapLogger($logger);
    }

    /* ---- mailboxes ----------------------------------------------------------- */

    public function getMailboxes()
    {
        return $this->_imap->getMailboxes();
    }

    public function getSpecialMailboxes()
    {
        return $this->_imap->getSpecialMailboxes();
    }

    /**
     * Creates and subscribes a mailbox (under $parent when given).
     *
     * @return string  The new mailbox's UTF-8 name (its server id).
     * @throws Horde_ActiveSync_Exception, Horde_ActiveSync_Exception_FolderExists
     */
    public function createMailbox($name, $parent = null)
    {
        if (!empty($parent)) {
            $ns = $this->_defaultNamespace();
            $name = $parent . $ns['delimiter'] . $name;
        }
        $mbox = new Horde_Imap_Client_Mailbox($this->_prependNamespace($name));
        $imap = $this->_getImapOb();
        try {
            $imap->createMailbox($mbox);
            $imap->subscribeMailbox($mbox, true);
        } catch (Horde_Imap_Client_Exception $e) {
            if ($e->getCode() != Horde_Imap_Client_Exception::ALREADYEXISTS) {
                throw new Horde_ActiveSync_Exception($e);
            }
            $this->_logger->warn(sprintf('Mailbox %s already exists, subscribing to it.', $name));
            try {
                $imap->subscribeMailbox($mbox, true);
            } catch (Horde_Imap_Client_Exception $e) {
                throw new Horde_ActiveSync_Exception_FolderExists('Folder Exists!');
            }
        }
        return $mbox->utf8;
    }

    /** @throws Horde_ActiveSync_Exception, Horde_ActiveSync_Exception_FolderGone */
    public function deleteMailbox($name)
    {
        try {
            $this->_getImapOb()->deleteMailbox(new Horde_Imap_Client_Mailbox($name));
        } catch (Horde_Imap_Client_Exception $e) {
            if ($e->getCode() == Horde_Imap_Client_Exception::NONEXISTENT) {
                throw new Horde_ActiveSync_Exception_FolderGone();
            }
            throw new Horde_ActiveSync_Exception($e);
        }
    }

    /**
     * @return string  The mailbox's new UTF-8 name.
     * @throws Horde_ActiveSync_Exception
     */
    public function renameMailbox($old, $new, $parent = null)
    {
        if (!empty($parent)) {
            $ns = $this->_defaultNamespace();
            $new = $parent . $ns['delimiter'] . $new;
        }
        $newMbox = new Horde_Imap_Client_Mailbox($new);
        try {
            $this->_getImapOb()->renameMailbox(new Horde_Imap_Client_Mailbox($old), $newMbox);
        } catch (Horde_Imap_Client_Exception $e) {
            throw new Horde_ActiveSync_Exception($e);
        }
        return $newMbox->utf8;
    }

    /** Deletes every message of a mailbox. @throws Horde_ActiveSync_Exception */
    public function emptyMailbox($mbox)
    {
        try {
            $this->_getImapOb()->expunge(new Horde_Imap_Client_Mailbox($mbox), ['delete' => true]);
        } catch (Horde_Imap_Client_Exception $e) {
            throw new Horde_ActiveSync_Exception($e);
        }
    }

    /* ---- messages -------------------------------------------------------------- */

    /**
     * Appends a message (e.g. a sent mail to the Sent folder).
     *
     * @param string|resource $msg
     * @return integer|boolean  The new message's UID, false when the server did not say.
     * @throws Horde_ActiveSync_Exception, Horde_ActiveSync_Exception_FolderGone
     */
    public function appendMessage($folderid, $msg, array $flags = [])
    {
        try {
            $ids = $this->_getImapOb()->append(new Horde_Imap_Client_Mailbox($folderid),
                [['data' => $msg, 'flags' => $flags]]);
        } catch (Horde_Imap_Client_Exception $e) {
            if (!$this->_mailboxExists($folderid)) {
                throw new Horde_ActiveSync_Exception_FolderGone();
            }
            throw new Horde_ActiveSync_Exception($e);
        }
        $uids = $ids->ids;
        return $uids ? end($uids) : false;
    }

    /**
     * Deletes and expunges messages; those that no longer exist are skipped.
     *
     * @return array  The UIDs deleted.
     * @throws Horde_ActiveSync_Exception
     */
    public function deleteMessages(array $uids, $folderid)
    {
        $imap = $this->_getImapOb();
        $mbox = new Horde_Imap_Client_Mailbox($folderid);
        $ids = $this->_existing($mbox, $uids);
        try {
            $imap->store($mbox, ['ids' => $ids, 'add' => [Horde_Imap_Client::FLAG_DELETED]]);
            $imap->expunge($mbox, ['ids' => $ids]);
        } catch (Horde_Imap_Client_Exception $e) {
            throw new Horde_ActiveSync_Exception($e);
        }
        return $ids->ids;
    }

    /**
     * Moves messages; those that no longer exist are skipped.
     *
     * @return array  old UID => new UID.
     * @throws Horde_ActiveSync_Exception
     */
    public function moveMessage($folderid, array $ids, $newfolderid)
    {
        $from = new Horde_Imap_Client_Mailbox($folderid);
        $existing = $this->_existing($from, $ids);
        try {
            return $this->_getImapOb()->copy($from, new Horde_Imap_Client_Mailbox($newfolderid),
                ['ids' => $existing, 'move' => true, 'force_map' => true]);
        } catch (Horde_Imap_Client_Exception $e) {
            $this->_logger->err($e->getMessage());
            throw new Horde_ActiveSync_Exception($e);
        }
    }

    /** The UIDs of $uids that still exist, so the client can be told which ones did not. */
    protected function _existing(Horde_Imap_Client_Mailbox $mbox, array $uids)
    {
        $ids = new Horde_Imap_Client_Ids($uids);
        $query = new Horde_Imap_Client_Search_Query();
        $query->ids($ids);
        try {
            $found = $this->_getImapOb()->search($mbox, $query);
        } catch (Horde_Imap_Client_Exception $e) {
            throw new Horde_ActiveSync_Exception($e);
        }
        return $found['count'] != count($uids) ? $found['match'] : $ids;
    }

    /**
     * One MIME part of a message.
     *
     * @return Horde_Mime_Part
     * @throws Horde_ActiveSync_Exception
     */
    public function getAttachment($mailbox, $uid, $part)
    {
        $mbox = new Horde_Imap_Client_Mailbox($mailbox);
        $messages = $this->_getMailMessages($mbox, [$uid]);
        if (empty($messages[$uid]) || !$messages[$uid]->exists(Horde_Imap_Client::FETCH_STRUCTURE)) {
            throw new Horde_ActiveSync_Exception('Message Gone');
        }
        $message = new Horde_ActiveSync_Imap_Message($this->_getImapOb(), $mbox, $messages[$uid], $this->_options);
        return $message->getMimePart($part);
    }

    /**
     * @param array|integer $uid
     * @param array $options  'headers': also fetch the header text.
     * @return array  uid => Horde_ActiveSync_Imap_Message.
     */
    public function getImapMessage($mailbox, $uid, array $options = [])
    {
        $mbox = new Horde_Imap_Client_Mailbox($mailbox);
        $options['envelope'] = true;
        $res = [];
        foreach ($this->_getMailMessages($mbox, (array)$uid, $options) as $id => $data) {
            if ($data->exists(Horde_Imap_Client::FETCH_STRUCTURE)) {
                $res[$id] = new Horde_ActiveSync_Imap_Message($this->_getImapOb(), $mbox, $data, $this->_options);
            }
        }
        return $res;
    }

    /**
     * EAS mail messages for UIDs.
     *
     * @param array $options  truncation, bodyprefs, bodypartprefs, mimesupport,
     *                        protocolversion (default 2.5), and Horde 6's
     *                        uid_keys: key the result by UID.
     * @return array  Horde_ActiveSync_Message_Mail objects.
     */
    public function getMessages($folderid, array $messages, array $options = [])
    {
        $mbox = new Horde_Imap_Client_Mailbox($folderid);
        $results = $this->_getMailMessages($mbox, $messages, ['headers' => true, 'envelope' => true]);
        $ret = [];
        foreach ($results as $uid => $data) {
            if (!$data->exists(Horde_Imap_Client::FETCH_STRUCTURE)) {
                continue;
            }
            try {
                $message = $this->_buildMailMessage($mbox, $data, $options);
            } catch (Horde_Exception_NotFound $e) {
                continue;
            }
            if (!empty($options['uid_keys'])) {
                $ret[$uid] = $message;
            } else {
                $ret[] = $message;
            }
        }
        return $ret;
    }

    /**
     * The UID of the message with this Message-ID among the client's.
     *
     * @throws Horde_Exception_NotFound
     */
    public function getUidFromMid($mid, Horde_ActiveSync_Folder_Imap $folder)
    {
        $query = new Horde_Imap_Client_Search_Query();
        $query->ids(new Horde_ActiveSync_Imap_Strategy_Ids(array_values(array_diff($folder->messages(), $folder->removed()))));
        $query->headerText('Message-ID', $mid);
        $results = $this->_getImapOb()->search(new Horde_Imap_Client_Mailbox($folder->serverid()), $query);
        $uids = $results['match']->ids;
        if ($uids) {
            return current($uids);
        }
        throw new Horde_Exception_NotFound('Message not found.');
    }

    /**
     * @deprecated  Horde's, unused.
     * @return array  [mailbox, UID]
     * @throws Horde_Exception_NotFound, Horde_ActiveSync_Exception
     */
    public function getUidFromMidInFolders($id, array $folders)
    {
        $query = new Horde_Imap_Client_Search_Query();
        $query->headerText('Message-ID', $id);
        foreach ($folders as $folder) {
            $mbox = new Horde_Imap_Client_Mailbox($folder->_serverid);
            try {
                $results = $this->_getImapOb()->search($mbox, $query);
            } catch (Horde_Imap_Client_Exception $e) {
                throw new Horde_ActiveSync_Exception($e->getMessage());
            }
            if ($uids = $results['match']->ids) {
                return [$mbox, current($uids)];
            }
        }
        throw new Horde_Exception_NotFound('Message not found.');
    }

    /* ---- change detection -------------------------------------------------------- */

    /**
     * The changes of a mailbox since the folder's last sync, recorded in the
     * folder (added(), changed(), removed(), flags(), getSoftDeleted()).
     *
     * @param array $options  sincedate (filter window start), protocolversion,
     *                        softdelete (look for messages that left the window),
     *                        refreshfilter (the window changed).
     * @return Horde_ActiveSync_Folder_Imap
     * @throws Horde_ActiveSync_Exception_FolderGone  the mailbox is gone
     * @throws Horde_ActiveSync_Exception_StaleState  the client must resync
     * @throws Horde_ActiveSync_Exception
     */
    public function getMessageChanges(Horde_ActiveSync_Folder_Imap $folder, array $options = [])
    {
        $imap = $this->_getImapOb();
        try {
            $status = $imap->status(new Horde_Imap_Client_Mailbox($folder->serverid()), self::SYNC_STATUS);
        } catch (Horde_Imap_Client_Exception $e) {
            throw new Horde_ActiveSync_Exception_FolderGone($e);
        }
        $this->_logger->meta(sprintf('IMAP status: %s', json_encode($status)));

        $plan = ImapFolderState::plan(self::_savedStatus($folder), $status,
            !empty($options['softdelete']), !empty($options['refreshfilter']));
        switch ($plan['plan']) {
        case ImapFolderState::PLAN_NOT_INITIALIZED:
            throw new Horde_ActiveSync_Exception('State not initialized.');
        case ImapFolderState::PLAN_UIDVALIDITY:
            throw new Horde_ActiveSync_Exception_StaleState('UIDVALIDTY no longer valid');
        case ImapFolderState::PLAN_CONDSTORE_ENABLED:
            throw new Horde_ActiveSync_Exception_StaleState('Transition to MODSEQ enabled server');
        case ImapFolderState::PLAN_MODSEQ:
            $strategy = new Horde_ActiveSync_Imap_Strategy_Modseq($this->_imap, $status, $folder, $this->_logger);
            break;
        case ImapFolderState::PLAN_INITIAL:
            $strategy = new Horde_ActiveSync_Imap_Strategy_Initial($this->_imap, $status, $folder, $this->_logger);
            break;
        case ImapFolderState::PLAN_PLAIN:
            $strategy = new Horde_ActiveSync_Imap_Strategy_Plain($this->_imap, $status, $folder, $this->_logger);
            break;
        default:
            $this->_logger->meta('HIGHESTMODSEQ unchanged: nothing to look for.');
            $strategy = null;
        }
        if ($strategy) {
            $folder = $strategy->getChanges($options);
        }
        $folder->setStatus($status);
        return $folder;
    }

    /** The STATUS a folder was last synced at, as plan() reads it. */
    protected static function _savedStatus(Horde_ActiveSync_Folder_Imap $folder)
    {
        return [
            'uidvalidity' => $folder->uidvalidity() ?: 0,
            'uidnext' => $folder->uidnext(),
            'highestmodseq' => $folder->modseq(),
            'messages' => $folder->total_messages(),
        ];
    }

    /**
     * Fetches the STATUS of many mailboxes at once (one LIST-STATUS round
     * trip where the server offers it) for the ping() calls that follow;
     * each entry serves one ping() only. Failures leave ping() to ask itself.
     *
     * @param array $folders  Mailbox names or Horde_ActiveSync_Folder_Imap objects.
     */
    public function prefetchStatus(array $folders)
    {
        $this->_prefetched = [];
        $names = [];
        foreach ($folders as $folder) {
            $names[] = $folder instanceof Horde_ActiveSync_Folder_Imap ? $folder->serverid() : (string)$folder;
        }
        if (!$names) {
            return;
        }
        try {
            $all = $this->_getImapOb()->status(array_map(fn($n) => new Horde_Imap_Client_Mailbox($n), $names),
                self::SYNC_STATUS);
        } catch (Horde_Imap_Client_Exception $e) {
            $this->_logger->notice('Unable to prefetch mailbox status, falling back to per-mailbox STATUS: '
                . $e->getMessage());
            return;
        }
        foreach ($all as $mailbox => $status) {
            if (isset($status['uidnext'], $status['messages'])) {
                $this->_prefetched[(string)$mailbox] = $status;
            }
        }
        $this->_logger->meta(sprintf('Prefetched status for %d of %d mailboxes.', count($this->_prefetched),
            count($names)));
    }

    /**
     * Whether the mailbox changed since the client last heard of it: more
     * mail, flag changes (CONDSTORE), expunges, a recreated mailbox. Only
     * IMAP STATUS is read, compared with the folder's Ping watermark.
     *
     * @throws Horde_ActiveSync_Exception, Horde_ActiveSync_Exception_FolderGone
     */
    public function ping(Horde_ActiveSync_Folder_Imap $folder)
    {
        $mbox = new Horde_Imap_Client_Mailbox($folder->serverid());
        if (isset($this->_prefetched[$mbox->utf8])) {
            $status = $this->_prefetched[$mbox->utf8];
            unset($this->_prefetched[$mbox->utf8]);
        } else {
            try {
                $status = $this->_getImapOb()->status($mbox, self::SYNC_STATUS);
            } catch (Horde_Imap_Client_Exception $e) {
                if (!$this->_mailboxExists($mbox->utf8)) {
                    throw new Horde_ActiveSync_Exception_FolderGone();
                }
                throw new Horde_ActiveSync_Exception($e);
            }
        }
        $this->_logger->meta(sprintf('IMAP status: %s', json_encode($status)));
        return $folder->pingChanged($status);
    }

    /* ---- flags ------------------------------------------------------------------- */

    /** Sets \Answered or $Forwarded (a Horde_ActiveSync::IMAP_FLAG_* value). */
    public function setImapFlag($mailbox, $uid, $flag)
    {
        $options = ['ids' => new Horde_Imap_Client_Ids([$uid])];
        switch ($flag) {
        case Horde_ActiveSync::IMAP_FLAG_REPLY:
            $options['add'] = [Horde_Imap_Client::FLAG_ANSWERED];
            break;
        case Horde_ActiveSync::IMAP_FLAG_FORWARD:
            $options['add'] = [Horde_Imap_Client::FLAG_FORWARDED];
            break;
        }
        $this->_store($mailbox, $options);
    }

    /**
     * A POOMMAIL flag: EAS has no names for flag types, so an active flag
     * is \Flagged and anything else clears it.
     */
    public function setMessageFlag($mailbox, $uid, $flag)
    {
        $options = ['ids' => new Horde_Imap_Client_Ids([$uid])];
        if ($flag->flagstatus == Horde_ActiveSync_Message_Flag::FLAG_STATUS_ACTIVE) {
            $options['add'] = [Horde_Imap_Client::FLAG_FLAGGED];
        } else {
            $options['remove'] = [Horde_Imap_Client::FLAG_FLAGGED];
        }
        $this->_store($mailbox, $options);
    }

    /** Sets the IMAP keywords of the message's categories, clears the other known ones. */
    public function categoriesToFlags($mailbox, $categories, $uid)
    {
        $msgFlags = $this->_getMsgFlags();
        $options = ['ids' => new Horde_Imap_Client_Ids([$uid]), 'add' => []];
        foreach ($categories as $category) {
            // As close to an RFC 3501 atom as the name allows.
            $atom = new Horde_Imap_Client_Data_Format_Atom(
                strtr(Horde_String_Transliterate::toAscii($category), ' ', '_'));
            $keyword = Horde_String::lower($atom->stripNonAtomCharacters());
            if (!empty($msgFlags[$keyword])) {
                $options['add'][] = $keyword;
                unset($msgFlags[$keyword]);
            }
        }
        $options['remove'] = array_keys($msgFlags);
        $this->_store($mailbox, $options);
    }

    /** @param integer $flag  Horde_ActiveSync_Message_Mail::FLAG_READ_* */
    public function setReadFlag($mailbox, $uid, $flag)
    {
        $options = ['ids' => new Horde_Imap_Client_Ids([$uid])];
        if ($flag == Horde_ActiveSync_Message_Mail::FLAG_READ_SEEN) {
            $options['add'] = [Horde_Imap_Client::FLAG_SEEN];
        } elseif ($flag == Horde_ActiveSync_Message_Mail::FLAG_READ_UNSEEN) {
            $options['remove'] = [Horde_Imap_Client::FLAG_SEEN];
        }
        $this->_store($mailbox, $options);
    }

    protected function _store($mailbox, array $options)
    {
        try {
            $this->_getImapOb()->store(new Horde_Imap_Client_Mailbox($mailbox), $options);
        } catch (Horde_Imap_Client_Exception $e) {
            throw new Horde_ActiveSync_Exception($e);
        }
    }

    /* ---- search ------------------------------------------------------------------ */

    /**
     * A mailbox search of the Search or the Find command (the query array
     * Horde_ActiveSync_Request_Search builds, or
     * Horde_ActiveSync_Find_QueryMapper for Find).
     *
     * A FreeText marked as KQL (Find) is searched as the KQL query means
     * (Horde_ActiveSync_Find_Kql::toImapQuery()); an unmarked one (Search)
     * as plain text. With 'deeptraversal' the folder's subfolders are
     * searched too; without a folder every mailbox is. When several
     * mailboxes are searched, one that cannot be searched is left out.
     *
     * @param array $query  'query', 'deeptraversal'.
     *
     * @return array  Entries with 'uniqueid' (mailbox:uid) and 'searchfolderid'.
     * @throws Horde_ActiveSync_Exception  also for a query that is not valid KQL.
     */
    public function queryMailbox($query)
    {
        return $this->_doQuery($query['query'], !empty($query['deeptraversal']));
    }

    /** @return Horde_Imap_Client_Search_Query */
    protected function _buildSubQuery(array $query)
    {
        $imapQuery = new Horde_Imap_Client_Search_Query();
        foreach ($query as $q) {
            foreach ($q['value'] as $type => $value) {
                if ($type == Horde_ActiveSync_Message_Mail::POOMMAIL_DATERECEIVED) {
                    $imapQuery->dateSearch($value, self::_dateRange($q['op']));
                } elseif ($type == Horde_ActiveSync_Request_Search::SEARCH_FREETEXT) {
                    $imapQuery->text($value);
                }
            }
        }
        return $imapQuery;
    }

    protected static function _dateRange($op)
    {
        if ($op == Horde_ActiveSync_Request_Search::SEARCH_GREATERTHAN) {
            return Horde_Imap_Client_Search_Query::DATE_SINCE;
        }
        if ($op == Horde_ActiveSync_Request_Search::SEARCH_LESSTHAN) {
            return Horde_Imap_Client_Search_Query::DATE_BEFORE;
        }
        return Horde_Imap_Client_Search_Query::DATE_ON;
    }

    /** @throws Horde_ActiveSync_Exception */
    protected function _doQuery(array $query, $deep = false)
    {
        $imapQuery = new Horde_Imap_Client_Search_Query();
        $imapQuery->charset('UTF-8', false);
        $mboxes = [];
        foreach ($query as $q) {
            if (($q['op'] ?? null) == Horde_ActiveSync_Request_Search::SEARCH_AND) {
                return $this->_doQuery([$q['value']], $deep);
            }
            $kql = !empty($q[Horde_ActiveSync_Find_QueryMapper::KQL]);
            foreach ($q as $key => $value) {
                switch ($key) {
                case 'FolderType':
                    if ($value != Horde_ActiveSync::CLASS_EMAIL) {
                        throw new Horde_ActiveSync_Exception('Only Email folders are supported.');
                    }
                    break;
                case 'serverid':
                    $mboxes[] = new Horde_Imap_Client_Mailbox($value);
                    break;
                case Horde_ActiveSync_Message_Mail::POOMMAIL_DATERECEIVED:
                    $imapQuery->dateSearch($value, self::_dateRange($q['op']));
                    break;
                case Horde_ActiveSync_Request_Search::SEARCH_FREETEXT:
                    if ($kql) {
                        $imapQuery->andSearch([Horde_ActiveSync_Find_Kql::toImapQuery((string)$value)]);
                    } else {
                        $imapQuery->text($value, false);
                    }
                    break;
                case 'subquery':
                    $imapQuery->andSearch([$this->_buildSubQuery($value)]);
                    break;
                }
            }
        }
        if (!$mboxes) {
            foreach ($this->getMailboxes() as $mailbox) {
                $mboxes[] = $mailbox['ob'];
            }
        } elseif ($deep) {
            $mboxes = $this->_withSubfolders($mboxes);
        }
        $results = [];
        foreach ($mboxes as $mbox) {
            try {
                $found = $this->_getImapOb()->search($mbox, $imapQuery, [
                    'results' => [Horde_Imap_Client::SEARCH_RESULTS_MATCH, Horde_Imap_Client::SEARCH_RESULTS_SAVE,
                                  Horde_Imap_Client::SEARCH_RESULTS_COUNT],
                    'sort' => [Horde_Imap_Client::SORT_REVERSE, Horde_Imap_Client::SORT_ARRIVAL],
                ]);
            } catch (Horde_Imap_Client_Exception $e) {
                if (count($mboxes) == 1) {
                    throw new Horde_ActiveSync_Exception($e);
                }
                // A container (\Noselect) or a mailbox gone meanwhile.
                $this->_logger->warn(sprintf('Cannot search %s: %s', $mbox->utf8, $e->getMessage()));
                continue;
            }
            if (!$found['count']) {
                continue;
            }
            foreach ($found['match']->ids as $id) {
                $results[] = ['uniqueid' => $mbox->utf8 . ':' . $id, 'searchfolderid' => $mbox->utf8];
            }
        }
        return $results;
    }

    /**
     * The mailboxes and every mailbox below them.
     *
     * @param Horde_Imap_Client_Mailbox[] $mboxes
     *
     * @return Horde_Imap_Client_Mailbox[]
     */
    protected function _withSubfolders(array $mboxes)
    {
        $all = [];
        foreach ($mboxes as $mbox) {
            $all[$mbox->utf8] = $mbox;
        }
        foreach ($this->getMailboxes() as $mailbox) {
            $ob = $mailbox['ob'];
            $delimiter = isset($mailbox['d']) ? (string)$mailbox['d'] : '';
            if ($delimiter === '') {
                $ns = $this->_getNamespace($ob->utf8);
                $delimiter = $ns === null ? '' : (string)$ns['delimiter'];
            }
            if ($delimiter === '') {
                continue;
            }
            foreach ($mboxes as $parent) {
                if (strpos($ob->utf8, $parent->utf8 . $delimiter) === 0) {
                    $all[$ob->utf8] = $ob;
                }
            }
        }
        return array_values($all);
    }

    /* ---- helpers ------------------------------------------------------------------- */

    /** @return Horde_ActiveSync_Message_Mail */
    protected function _buildMailMessage(Horde_Imap_Client_Mailbox $mbox, Horde_Imap_Client_Data_Fetch $data,
                                         $options = [])
    {
        $version = $options['protocolversion'] = empty($options['protocolversion'])
            ? Horde_ActiveSync::VERSION_TWOFIVE
            : $options['protocolversion'];
        $message = new Horde_ActiveSync_Imap_Message($this->_getImapOb(), $mbox, $data, $this->_options);
        $builder = Horde_ActiveSync_Imap_EasMessageBuilder::create($message, $options, $this->_logger);
        // The builder gets the keyword map instead of the IMAP client.
        $params = [];
        if ($version > Horde_ActiveSync::VERSION_TWELVEONE) {
            $params['flags'] = $this->_getMsgFlags();
        }
        return $builder->getMessageObject($params);
    }

    /** The name with the personal namespace's prefix, unless it is the empty namespace. */
    protected function _prependNamespace($name)
    {
        $def = $this->_defaultNamespace();
        if (!is_null($def)) {
            $empty = $this->_getNamespace('');
            if (is_null($empty) || $def['name'] != $empty['name']) {
                $name = $def['name'] . $name;
            }
        }
        return $name;
    }

    /** The personal namespace, or null. */
    protected function _defaultNamespace()
    {
        if (is_null($this->_defaultNamespace)) {
            foreach ($this->_getNamespacelist() as $ns) {
                if ($ns['type'] == Horde_Imap_Client::NS_PERSONAL) {
                    $this->_defaultNamespace = $ns;
                    break;
                }
            }
        }
        return $this->_defaultNamespace;
    }

    protected function _getNamespacelist()
    {
        try {
            return $this->_getImapOb()->getNamespaces();
        } catch (Horde_Imap_Client_Exception $e) {
            return [];
        }
    }

    /** The namespace a mailbox path falls in, or the personal empty namespace, or null. */
    protected function _getNamespace($path)
    {
        $list = $this->_getNamespacelist();
        foreach ($list as $key => $ns) {
            if (strlen($key) && strpos($path . $ns['delimiter'], $key) === 0) {
                return $ns;
            }
        }
        return (isset($list['']) && $list['']['type'] == Horde_Imap_Client::NS_PERSONAL) ? $list[''] : null;
    }

    /**
     * The IMAP client; the user is not yet authenticated when the adapter
     * is built, so it is asked for each time.
     *
     * @throws Horde_Exception_AuthenticationFailure
     */
    protected function _getImapOb()
    {
        try {
            $imap = $this->_imap->getImapOb();
        } catch (Horde_ActiveSync_Exception $e) {
            throw new Horde_Exception_AuthenticationFailure('EMERGENCY - Unable to obtain the IMAP Client');
        }
        if (!$imap) {
            throw new Horde_Exception_AuthenticationFailure('EMERGENCY - Unable to obtain the IMAP Client');
        }
        return $imap;
    }

    /**
     * @param array $options  headers (false), structure (true), flags (true), envelope (false).
     * @return Horde_Imap_Client_Fetch_Results
     * @throws Horde_ActiveSync_Exception, Horde_ActiveSync_Exception_TemporaryFailure
     */
    protected function _getMailMessages(Horde_Imap_Client_Mailbox $mbox, array $uids, array $options = [])
    {
        $options += ['headers' => false, 'structure' => true, 'flags' => true, 'envelope' => false];
        $query = new Horde_Imap_Client_Fetch_Query();
        if ($options['structure']) {
            $query->structure();
        }
        if ($options['flags']) {
            $query->flags();
        }
        if ($options['envelope']) {
            $query->envelope();
        }
        if (!empty($options['headers'])) {
            $query->headerText(['peek' => true]);
        }
        try {
            return $this->_getImapOb()->fetch($mbox, $query, ['ids' => new Horde_Imap_Client_Ids($uids), 'exists' => true]);
        } catch (Horde_Imap_Client_Exception $e) {
            if ($e->getCode() == Horde_Imap_Client_Exception::DISCONNECT) {
                $this->_logger->err('Connection to IMAP server lost');
                throw new Horde_ActiveSync_Exception_TemporaryFailure($e);
            }
            $this->_logger->err(sprintf('Unable to fetch message: %s', $e->getMessage()));
            throw new Horde_ActiveSync_Exception($e);
        }
    }

    protected function _mailboxExists($mbox)
    {
        foreach ($this->_imap->getMailboxes(true) as $mailbox) {
            if ($mailbox['ob']->utf8 == $mbox) {
                return true;
            }
        }
        return false;
    }

    protected function _getMsgFlags()
    {
        return method_exists($this->_imap, 'getMsgFlags') ? $this->_imap->getMsgFlags() : [];
    }
}
