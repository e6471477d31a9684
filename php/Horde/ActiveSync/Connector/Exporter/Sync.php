<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Writes the server changes of a Sync collection (Add, Change, Delete,
 * SoftDelete, flag changes of mail) and the replies to the client's
 * commands.
 *
 * Messages are fetched in batches through the driver's getMessagesBulk()
 * (Horde 6); ids a batch does not return are fetched one by one with
 * getMessage(), with its error handling (gone: skipped; temporary failure:
 * the request stops; other errors: skipped, the change stays pending).
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Connector_Exporter_Sync extends Horde_ActiveSync_Connector_Exporter_Base
{
    /**
     * Mail messages fetched per bulk call: few, so that a streamed
     * response's first message leaves soon and a batch of large messages
     * stays small in memory.
     */
    const PREFETCH_BATCH_SIZE = 10;

    /**
     * Contacts, events, tasks and notes fetched per bulk call: small items
     * a backend reads from its database, where one query per window costs
     * far less than one per ten items.
     */
    const PREFETCH_BATCH_SIZE_PIM = 100;

    /**
     * Ids sent in this response.
     *
     * @var array  id => true
     */
    protected $_seenObjects = [];

    /**
     * @var array
     */
    protected $_currentCollection;

    /**
     * The encoder's writer (Horde_ActiveSync_Wbxml_Encoder::writer()),
     * taken on the first message.
     *
     * @var object|null
     */
    protected $_writer;

    /**
     * Messages fetched ahead: id => message.
     *
     * @var array
     */
    protected $_prefetched = [];

    /**
     * Index of the first change not yet covered by a bulk fetch.
     *
     * @var integer
     */
    protected $_prefetchedUntil = 0;

    /**
     * Index of the first change the response will not send (null: no end
     * known): nothing past it is fetched ahead.
     *
     * @var integer|null
     */
    protected $_prefetchEnd;

    public function setChanges($changes, $collection = null)
    {
        parent::setChanges($changes, $collection);
        $this->_currentCollection = $collection;
        $this->_seenObjects = [];
        $this->_prefetched = [];
        $this->_prefetchedUntil = 0;
        $this->_prefetchEnd = null;
    }

    /**
     * How many more changes the response sends at most (the window left):
     * messages beyond them are not fetched ahead.
     *
     * @param integer $count
     */
    public function setPrefetchLimit($count)
    {
        $this->_prefetchEnd = $this->_step + max(0, (int)$count);
    }

    public function sendNextChange()
    {
        return $this->_sendNextChange();
    }

    /**
     * Writes an Add or Change of a message of this collection.
     *
     * @param string $id
     * @param Horde_ActiveSync_Message_Base $message
     */
    public function messageChange($id, Horde_ActiveSync_Message_Base $message)
    {
        if ($message->getClass() != $this->_currentCollection['class'] || isset($this->_seenObjects[$id])) {
            $this->_logger->notice(sprintf(
                'IGNORING message %s since it looks like it was already sent or does not belong to this collection. Class: %s, CurrentClass: %s',
                $id, $message->getClass(), $this->_currentCollection['class']));
            return;
        }
        if ($message->isEmpty()) {
            $this->_logger->notice(sprintf('IGNORING message %s since it looks like it does not contain any data.', $id));
            return;
        }
        $this->_seenObjects[$id] = true;
        // Once per message: the envelope's tags go straight to the
        // encoder's writer.
        $writer = $this->_writer ?? ($this->_writer = $this->_encoder->writer());
        $writer->startTag($message->flags === Horde_ActiveSync::FLAG_NEWMESSAGE
            ? Horde_ActiveSync::SYNC_ADD
            : Horde_ActiveSync::SYNC_MODIFY);
        $writer->startTag(Horde_ActiveSync::SYNC_SERVERENTRYID);
        $writer->content($id);
        $writer->endTag();
        $writer->startTag(Horde_ActiveSync::SYNC_DATA);
        try {
            $message->encodeStream($this->_encoder);
        } catch (Horde_ActiveSync_Exception $e) {
            $this->_logger->err($e);
        }
        $writer->endTag();
        $writer->endTag();
    }

    /**
     * Writes a Delete (or SoftDelete: gone from the filter, not the server).
     *
     * @param string $id
     * @param boolean $soft
     */
    public function messageDeletion($id, $soft = false)
    {
        $this->_encoder->startTag($soft ? Horde_ActiveSync::SYNC_SOFTDELETE : Horde_ActiveSync::SYNC_REMOVE);
        $this->_element(Horde_ActiveSync::SYNC_SERVERENTRYID, $id);
        $this->_encoder->endTag();
    }

    /**
     * Moves are sent as a Delete here and an Add in the other folder.
     */
    public function messageMove($message)
    {
    }

    /**
     * Replies for the client's additions: the server id, or status 6.
     *
     * @param array $collection
     */
    public function syncAddResponse($collection)
    {
        foreach ($collection['clientids'] as $clientid => $serverid) {
            $status = $serverid
                ? Horde_ActiveSync_Request_Sync::STATUS_SUCCESS
                : Horde_ActiveSync_Request_Sync::STATUS_INVALID;
            $this->_encoder->startTag(Horde_ActiveSync::SYNC_ADD);
            $this->_element(Horde_ActiveSync::SYNC_CLIENTENTRYID, $clientid);
            if ($status == Horde_ActiveSync_Request_Sync::STATUS_SUCCESS) {
                $this->_element(Horde_ActiveSync::SYNC_SERVERENTRYID, $serverid);
            }
            $this->_sendEas16MessageResponse($serverid, $collection);
            $this->_element(Horde_ActiveSync::SYNC_STATUS, $status);
            $this->_encoder->endTag();
        }
    }

    /**
     * EAS 16 replies for changes that need one (attachments of appointments,
     * conversations of drafts).
     *
     * @param array $collection
     */
    public function syncModifiedResponse($collection)
    {
        if ($this->_as->device->version < Horde_ActiveSync::VERSION_SIXTEEN) {
            return;
        }
        foreach ($collection['modifiedids'] as $serverid) {
            if ($collection['class'] == Horde_ActiveSync::CLASS_CALENDAR && empty($collection['atchash'][$serverid])) {
                continue;
            }
            if ($collection['class'] == Horde_ActiveSync::CLASS_EMAIL && empty($collection['conversations'])) {
                continue;
            }
            if ($collection['class'] != Horde_ActiveSync::CLASS_CALENDAR
                && $collection['class'] != Horde_ActiveSync::CLASS_EMAIL) {
                continue;
            }
            $this->_encoder->startTag(Horde_ActiveSync::SYNC_MODIFY);
            $this->_sendEas16MessageResponse($serverid, $collection);
            $this->_element(Horde_ActiveSync::SYNC_STATUS, Horde_ActiveSync_Request_Sync::STATUS_SUCCESS);
            $this->_encoder->endTag();
        }
    }

    /**
     * Replies for changes that failed (conflicts, server errors).
     *
     * @param array $collection
     */
    public function modifyFailures($collection)
    {
        foreach ($collection['importfailures'] as $id => $reason) {
            $this->_encoder->startTag(Horde_ActiveSync::SYNC_MODIFY);
            $this->_element(Horde_ActiveSync::SYNC_FOLDERTYPE, $collection['class']);
            $this->_element(Horde_ActiveSync::SYNC_SERVERENTRYID, $id);
            $this->_element(Horde_ActiveSync::SYNC_STATUS, is_array($reason) ? reset($reason) : $reason);
            $this->_encoder->endTag();
        }
    }

    /**
     * Replies for deletions of items the server does not have.
     *
     * @param array $collection
     */
    public function missingRemove($collection)
    {
        foreach ($collection['missing'] as $uid) {
            $this->_encoder->startTag(Horde_ActiveSync::SYNC_REMOVE);
            // Horde writes the id as ClientId; MS-ASCMD 2.2.3.166.2 says ServerId.
            $this->_element(Horde_ActiveSync::SYNC_SERVERENTRYID, $uid);
            $this->_element(Horde_ActiveSync::SYNC_STATUS, Horde_ActiveSync_Request_Sync::STATUS_NOTFOUND);
            $this->_encoder->endTag();
        }
    }

    /**
     * Replies for Fetch commands: the whole item, or status 8.
     *
     * @param Horde_ActiveSync_Driver_Base $driver
     * @param array $collection
     */
    public function fetchIds($driver, $collection)
    {
        foreach ($collection['fetchids'] as $fetchId) {
            try {
                $data = $driver->fetch($collection['serverid'], $fetchId, $collection);
                $this->_encoder->startTag(Horde_ActiveSync::SYNC_FETCH);
                $this->_element(Horde_ActiveSync::SYNC_SERVERENTRYID, $fetchId);
                $this->_element(Horde_ActiveSync::SYNC_STATUS, Horde_ActiveSync_Request_Sync::STATUS_SUCCESS);
                $this->_encoder->startTag(Horde_ActiveSync::SYNC_DATA);
                $data->encodeStream($this->_encoder);
                $this->_encoder->endTag();
                $this->_encoder->endTag();
            } catch (Horde_Exception_NotFound $e) {
                $this->_logger->err(sprintf('Unable to fetch %s', $fetchId));
                $this->_encoder->startTag(Horde_ActiveSync::SYNC_FETCH);
                $this->_element(Horde_ActiveSync::SYNC_SERVERENTRYID, $fetchId);
                $this->_element(Horde_ActiveSync::SYNC_STATUS, Horde_ActiveSync_Request_Sync::STATUS_NOTFOUND);
                $this->_encoder->endTag();
            }
        }
    }

    /**
     * The collection class, below EAS 12.1 only.
     */
    public function syncFolderType($collection)
    {
        if ($this->_as->device->version <= Horde_ActiveSync::VERSION_TWELVE) {
            $this->_element(Horde_ActiveSync::SYNC_FOLDERTYPE, $collection['class']);
        }
    }

    public function syncKey($collection)
    {
        $this->_element(Horde_ActiveSync::SYNC_SYNCKEY,
            !empty($collection['newsynckey']) ? $collection['newsynckey'] : $collection['synckey']);
    }

    public function syncFolderId($collection)
    {
        $this->_element(Horde_ActiveSync::SYNC_FOLDERID, $collection['id']);
    }

    public function syncStatus($statusCode)
    {
        $this->_element(Horde_ActiveSync::SYNC_STATUS, $statusCode);
    }

    /**
     * The EAS 16 data of a reply: new attachment references of an
     * appointment, the conversation of a draft.
     */
    protected function _sendEas16MessageResponse($serverid, $collection)
    {
        if ($this->_as->device->version < Horde_ActiveSync::VERSION_SIXTEEN || !$serverid) {
            return;
        }
        if ($collection['class'] == Horde_ActiveSync::CLASS_CALENDAR && !empty($collection['atchash'][$serverid])) {
            $this->_element(Horde_ActiveSync::SYNC_SERVERENTRYID, $serverid);
            $msg = Horde_ActiveSync::messageFactory('Appointment');
            $msg->uid = $serverid;
            $adds = isset($collection['atchash'][$serverid]['add']) ? $collection['atchash'][$serverid]['add'] : [];
            foreach ($adds as $clientid => $filereference) {
                $atc = Horde_ActiveSync::messageFactory('AirSyncBaseAttachment');
                $atc->clientid = $clientid;
                $atc->attname = $filereference;
                $msg->addAttachment($atc);
            }
            $this->_encoder->startTag(Horde_ActiveSync::SYNC_DATA);
            $msg->encodeStream($this->_encoder);
            $this->_encoder->endTag();
        } elseif ($collection['class'] == Horde_ActiveSync::CLASS_EMAIL && !empty($collection['conversations'][$serverid])) {
            $msg = Horde_ActiveSync::messageFactory('Mail');
            $msg->conversationid = $collection['conversations'][$serverid][0];
            $msg->conversationindex = $collection['conversations'][$serverid][1];
            $adds = isset($collection['atchash'][$serverid]['add']) ? $collection['atchash'][$serverid]['add'] : [];
            foreach ($adds as $clientid => $filereference) {
                $atc = Horde_ActiveSync::messageFactory('AirSyncBaseAttachment');
                $atc->clientid = $clientid;
                $atc->attname = $filereference;
                $msg->addAttachment($atc);
            }
            $this->_element(Horde_ActiveSync::SYNC_SERVERENTRYID, $serverid);
            $this->_encoder->startTag(Horde_ActiveSync::SYNC_DATA);
            $msg->encodeStream($this->_encoder);
            $this->_encoder->endTag();
        }
    }

    /**
     * The next change; an initial sync lists bare ids.
     */
    protected function _getNextChange()
    {
        $change = $this->_changes[$this->_step];
        if (!is_array($change)) {
            $change = [
                'id' => $change,
                'type' => Horde_ActiveSync::CHANGE_TYPE_CHANGE,
                'flags' => Horde_ActiveSync::FLAG_NEWMESSAGE,
            ];
        }
        return $change;
    }

    protected function _sendNextChange()
    {
        if ($this->_step >= count($this->_changes)) {
            return false;
        }
        $change = $this->_getNextChange();
        while (empty($change['id']) && $this->_step < count($this->_changes) - 1) {
            $this->_logger->notice(sprintf('Missing UID value for an entry in: %s.', $this->_currentCollection['id']));
            $this->_step++;
            $change = $this->_getNextChange();
        }

        if (empty($change['ignore'])) {
            switch ($change['type']) {
            case Horde_ActiveSync::CHANGE_TYPE_CHANGE:
            case Horde_ActiveSync::CHANGE_TYPE_DRAFT:
                try {
                    $message = $this->_message($change['id']);
                    $message->flags = isset($change['flags']) ? $change['flags'] : false;
                    $this->messageChange($change['id'], $message);
                } catch (Horde_Exception_NotFound $e) {
                    $this->_logger->notice(sprintf('Message gone or error reading message from server: %s',
                        $e->getMessage()));
                    $this->_as->state->updateState($change['type'], $change);
                    $this->_step++;
                    return $e;
                } catch (Horde_ActiveSync_Exception_TemporaryFailure $e) {
                    $this->_logger->err(sprintf('Backend server reported an error: %s.', $e->getMessage()));
                    throw $e;
                } catch (Horde_ActiveSync_Exception $e) {
                    $this->_logger->err(sprintf('Unknown backend error skipping message: %s', $e->getMessage()));
                    $this->_as->state->updateState($change['type'], $change);
                    $this->_step++;
                    return $e;
                }
                break;
            case Horde_ActiveSync::CHANGE_TYPE_DELETE:
                $this->messageDeletion($change['id']);
                break;
            case Horde_ActiveSync::CHANGE_TYPE_SOFTDELETE:
                $this->messageDeletion($change['id'], true);
                break;
            case Horde_ActiveSync::CHANGE_TYPE_FLAGS:
                $this->messageChange($change['id'], $this->_flagMessage($change));
                break;
            case Horde_ActiveSync::CHANGE_TYPE_MOVE:
                $this->messageMove($change['id'], $change['parent']);
                break;
            }
        }
        $this->_as->state->updateState($change['type'], $change);
        $this->_step++;
        return true;
    }

    /**
     * The message of a change: from the bulk prefetch, else one fetch.
     */
    protected function _message($id)
    {
        if ($this->_step >= $this->_prefetchedUntil) {
            $this->_prefetch();
        }
        if (isset($this->_prefetched[$id])) {
            $message = $this->_prefetched[$id];
            unset($this->_prefetched[$id]);
            return $message;
        }
        return $this->_as->driver->getMessage(
            $this->_currentCollection['serverid'], $id, $this->_currentCollection);
    }

    /**
     * Fetches the messages of the next changes at once (PREFETCH_BATCH_SIZE
     * of mail, PREFETCH_BATCH_SIZE_PIM of other classes, never past the
     * prefetch limit).
     * Each window is attempted once; a failure falls back to single fetches.
     */
    protected function _prefetch()
    {
        $ids = [];
        $batch = isset($this->_currentCollection['class']) && $this->_currentCollection['class'] == Horde_ActiveSync::CLASS_EMAIL
            ? self::PREFETCH_BATCH_SIZE
            : self::PREFETCH_BATCH_SIZE_PIM;
        $end = min(count($this->_changes), $this->_step + $batch);
        if ($this->_prefetchEnd !== null) {
            // Past the limit (skipped changes do not fill the window) one
            // at a time.
            $end = min($end, max($this->_prefetchEnd, $this->_step + 1));
        }
        for ($i = $this->_step; $i < $end; $i++) {
            $change = $this->_changes[$i];
            if (!is_array($change)) {
                $ids[] = $change;
            } elseif (empty($change['ignore']) && !empty($change['id'])
                && ($change['type'] == Horde_ActiveSync::CHANGE_TYPE_CHANGE
                    || $change['type'] == Horde_ActiveSync::CHANGE_TYPE_DRAFT)) {
                $ids[] = $change['id'];
            }
        }
        $this->_prefetchedUntil = $end;
        $this->_prefetched = [];
        if (count($ids) < 2 || !method_exists($this->_as->driver, 'getMessagesBulk')) {
            return;
        }
        try {
            $this->_prefetched = (array)$this->_as->driver->getMessagesBulk(
                $this->_currentCollection['serverid'], $ids, $this->_currentCollection);
        } catch (Exception $e) {
            $this->_logger->notice('Bulk message prefetch failed, falling back to single fetches: ' . $e->getMessage());
            $this->_prefetched = [];
        }
    }

    /**
     * A mail flag change as a partial Mail message.
     */
    protected function _flagMessage(array $change)
    {
        $version = $this->_as->device->version;
        $message = Horde_ActiveSync::messageFactory('Mail');
        $message->flags = Horde_ActiveSync::CHANGE_TYPE_CHANGE;
        $message->read = isset($change['flags']['read']) ? $change['flags']['read'] : false;
        if (isset($change['flags']['flagged']) && $version >= Horde_ActiveSync::VERSION_TWELVE) {
            $flag = Horde_ActiveSync::messageFactory('Flag');
            $flag->flagstatus = $change['flags']['flagged'] == 1
                ? Horde_ActiveSync_Message_Flag::FLAG_STATUS_ACTIVE
                : Horde_ActiveSync_Message_Flag::FLAG_STATUS_CLEAR;
            $message->flag = $flag;
        }
        if (!empty($change['categories']) && $version > Horde_ActiveSync::VERSION_TWELVEONE) {
            $message->categories = $change['categories'];
        }
        if ($version >= Horde_ActiveSync::VERSION_FOURTEEN) {
            $verbs = [
                Horde_ActiveSync::CHANGE_REPLY_STATE => Horde_ActiveSync_Message_Mail::VERB_REPLY_SENDER,
                Horde_ActiveSync::CHANGE_REPLYALL_STATE => Horde_ActiveSync_Message_Mail::VERB_REPLY_ALL,
                Horde_ActiveSync::CHANGE_FORWARD_STATE => Horde_ActiveSync_Message_Mail::VERB_FORWARD,
            ];
            foreach ($verbs as $state => $verb) {
                if (isset($change['flags'][$state])) {
                    $message->lastverbexecuted = $verb;
                    $message->lastverbexecutiontime = new Horde_Date($change['flags'][$state]);
                    break;
                }
            }
        }
        return $message;
    }

    protected function _element($tag, $content)
    {
        $this->_encoder->startTag($tag);
        $this->_encoder->content($content);
        $this->_encoder->endTag();
    }
}
