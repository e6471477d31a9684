<?php
/**
 * Horde_ActiveSync_Folder_Imap: the state of one IMAP folder as the device
 * knows it, and the changes found since its last sync.
 *
 * The message list lives in a native Horde\ActiveSync\Native\ImapFolderState
 * (a sorted UID array with a flag byte per message); the rules of Horde's
 * class are kept (see that class and src/diff/eas_imap_state.h). Where the
 * results differ in form: messages(), removed and soft-deleted lists come
 * back as integers, messages() in ascending order, lists re-indexed.
 *
 * Stored forms: __serialize() writes the compact native form (the UID
 * runs as binary, version 3), read back by __unserialize(); serialize()
 * and unserialize() keep Horde's JSON form (version 2, and Horde's older
 * PHP-serialized version 1 is still read), so rows move between Horde's
 * engine and this one in both directions.
 *
 * Horde 6's additions are here too: the Ping watermark kept apart from the
 * Sync state (pingModseq() and friends), acknowledgeExportedMessage(),
 * markInitialSyncComplete(), ghost UIDs and draft UID aliases.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

use Horde\ActiveSync\Native\ImapFolderState;

class Horde_ActiveSync_Folder_Imap extends Horde_ActiveSync_Folder_Base implements Serializable
{
    /* Keys of the IMAP status values. */
    const UIDVALIDITY = 'uidvalidity';
    const UIDNEXT = 'uidnext';
    const HIGHESTMODSEQ = 'highestmodseq';
    const MESSAGES = 'messages';

    /** Version of Horde's JSON form. */
    const VERSION = 2;

    /** Above this many messages Horde's JSON form stores a sequence set. */
    const COMPRESSION_LIMIT = 500;

    /** Version of the native form (__serialize). */
    const NATIVE_VERSION = 3;

    /** Most messages a stored state may hold: bounds what a damaged row can make us build. */
    const MAX_MESSAGES = 10000000;

    /** @var ImapFolderState */
    protected $_state;

    /** Flags reported since the last update: uid => ['read' => 0|1, 'flagged' => 0|1]. */
    protected $_flags = [];

    /** Categories (custom IMAP keywords) reported: uid => [names]. */
    protected $_categories = [];

    /** The IMAP status acknowledged to the client by the last Ping or Sync. */
    protected $_pingStatus = [];

    /** UIDs the client was told about but that cannot be fetched: uid => true. */
    protected $_ghostUids = [];

    /** Drafts moved to a new UID while the client keeps the old id: new uid => client id. */
    protected $_draftUidAliases = [];

    public function __construct($serverid, $class, array $status = [])
    {
        parent::__construct($serverid, $class, $status);
        $this->_state = new ImapFolderState();
    }

    public function __clone()
    {
        $this->_state = clone $this->_state;
    }

    /**
     * Classifies the UIDs the server returned: at or above the saved UIDNEXT
     * they are new; below it, a CONDSTORE folder reports known ones as
     * changed and others as new (back in the filter window), a folder
     * without CONDSTORE reports known ones whose flags differ.
     *
     * @param array $messages       UIDs, in the server's order.
     * @param array $flags          uid => ['read' => 0|1, 'flagged' => 0|1].
     * @param array $categories     uid => [category names].
     * @param boolean $resetMinUid  The filter widened: look below the lowest known UID.
     */
    public function setChanges(array $messages, array $flags = [], array $categories = [], $resetMinUid = false)
    {
        $this->_state->setChanges($messages, $flags, (int)$this->uidnext(), $this->modseq() > 0, (bool)$resetMinUid);
        $this->_flags = self::_mergeByUid($this->_flags, $flags);
        $this->_categories = self::_mergeByUid($this->_categories, $categories);
    }

    /** Horde's "$old[$uid] += $new" per UID: what was already there wins. */
    protected static function _mergeByUid(array $old, array $new)
    {
        if (!$old) {
            return $new;
        }
        foreach ($new as $uid => $data) {
            if (!empty($old[$uid])) {
                $old[$uid] += $data;
            } else {
                $old[$uid] = $data;
            }
        }
        return $old;
    }

    /**
     * The first listing of a CONDSTORE folder: all of it is new, and it
     * becomes the message list at the next update.
     */
    public function primeFolder($messages)
    {
        $this->_state->prime((array)$messages);
    }

    /**
     * Messages to SOFTDELETE from the client. Without CONDSTORE: known ones
     * neither reported by the last listing nor removed (they are forgotten
     * at once); with CONDSTORE, what setSoftDeleted() was given. Call after
     * setChanges() and setRemoved(), before updateState().
     *
     * @return array
     */
    public function getSoftDeleted()
    {
        return empty($this->_status[self::HIGHESTMODSEQ])
            ? $this->_state->takeSoftDeleted()
            : $this->_state->softDeleted();
    }

    /** The SOFTDELETE list a CONDSTORE search found; they leave the message list. */
    public function setSoftDeleted(array $softDeleted)
    {
        $this->_state->setSoftDeleted($softDeleted);
    }

    /**
     * @throws Horde_ActiveSync_Exception  when the state was never initialized
     * @throws Horde_ActiveSync_Exception_StaleState  when UIDVALIDITY changed
     */
    public function checkValidity(array $params = [])
    {
        if (!$this->uidvalidity()) {
            throw new Horde_ActiveSync_Exception('State not initialized.');
        }
        if (!empty($params[self::UIDVALIDITY]) && $this->uidvalidity() != $params[self::UIDVALIDITY]) {
            throw new Horde_ActiveSync_Exception_StaleState('UIDVALIDTY no longer valid');
        }
    }

    /**
     * @param array $uids  UIDs expunged from the server.
     * @throws Horde_ActiveSync_Exception_StaleState  when the list starts below the
     *         lowest known UID (a server returning every UID as vanished)
     */
    public function setRemoved(array $uids)
    {
        if (!$this->_state->setRemoved($uids)) {
            throw new Horde_ActiveSync_Exception_StaleState('BROKEN IMAP server has returned all VANISHED UIDs.');
        }
    }

    /** Applies the changes the client now has to the message list and clears them. */
    public function updateState()
    {
        $this->_state->update(!empty($this->_status[self::HIGHESTMODSEQ]));
        $this->_flags = [];
        $this->haveInitialSync = true;
        $this->_syncPingStatus();
    }

    /**
     * A message the client received (Horde 6). The message list already
     * holds what a Sync found, so this only adds UIDs it lacks.
     */
    public function acknowledgeExportedMessage($uid)
    {
        if ($uid === '' || $uid === null) {
            return;
        }
        $this->_state->acknowledge($uid);
    }

    /** The client has every message of its first sync (Horde 6). */
    public function markInitialSyncComplete()
    {
        $this->haveInitialSync = true;
    }

    /* ---- the Ping watermark ------------------------------------------------ */

    /**
     * HIGHESTMODSEQ as last acknowledged to the client, which a Ping
     * compares with. It runs ahead of modseq() when a Ping reported a change
     * the following Sync found nothing to send for (a flag change outside
     * the filter window, the client's own change): without it such a folder
     * would answer every Ping with "changed".
     */
    public function pingModseq()
    {
        return empty($this->_pingStatus[self::HIGHESTMODSEQ])
            ? $this->modseq()
            : $this->_pingStatus[self::HIGHESTMODSEQ];
    }

    public function pingUidnext()
    {
        return array_key_exists(self::UIDNEXT, $this->_pingStatus)
            ? $this->_pingStatus[self::UIDNEXT]
            : $this->uidnext();
    }

    public function pingTotalMessages()
    {
        return array_key_exists(self::MESSAGES, $this->_pingStatus)
            ? $this->_pingStatus[self::MESSAGES]
            : $this->total_messages();
    }

    /** Records the IMAP STATUS a positive Ping reported to the client. */
    public function acknowledgePingStatus(array $status)
    {
        $this->_pingStatus = [
            self::UIDVALIDITY => $status[self::UIDVALIDITY] ?? $this->uidvalidity(),
            self::UIDNEXT => $status[self::UIDNEXT] ?? $this->uidnext(),
            self::HIGHESTMODSEQ => $status[self::HIGHESTMODSEQ] ?? 0,
            self::MESSAGES => $status[self::MESSAGES] ?? 0,
        ];
    }

    /** The STATUS a Ping compares with: the Ping watermark where it leads. */
    public function pingStatus()
    {
        return [
            self::UIDVALIDITY => $this->_pingStatus[self::UIDVALIDITY] ?? $this->uidvalidity(),
            self::UIDNEXT => $this->pingUidnext(),
            self::HIGHESTMODSEQ => $this->pingModseq(),
            self::MESSAGES => $this->pingTotalMessages(),
        ];
    }

    /**
     * Whether an IMAP STATUS shows anything the client was not told: more
     * mail (UIDNEXT), any change (HIGHESTMODSEQ), expunges (MESSAGES), a
     * recreated mailbox (UIDVALIDITY). Compares with the Ping watermark.
     */
    public function pingChanged(array $status)
    {
        return ImapFolderState::pingChanged($this->pingStatus(), $status);
    }

    /** After a Sync: the Ping watermark catches up, never moving back. */
    protected function _syncPingStatus()
    {
        $synced = [
            self::UIDVALIDITY => $this->uidvalidity(),
            self::UIDNEXT => $this->uidnext(),
            self::HIGHESTMODSEQ => $this->modseq(),
            self::MESSAGES => $this->total_messages(),
        ];
        if (empty($this->_pingStatus)) {
            $this->_pingStatus = $synced;
            return;
        }
        if (!empty($synced[self::HIGHESTMODSEQ])
            && (empty($this->_pingStatus[self::HIGHESTMODSEQ])
                || $synced[self::HIGHESTMODSEQ] > $this->_pingStatus[self::HIGHESTMODSEQ])) {
            $this->_pingStatus[self::HIGHESTMODSEQ] = $synced[self::HIGHESTMODSEQ];
        }
        if ($synced[self::UIDNEXT] > ($this->_pingStatus[self::UIDNEXT] ?? 0)) {
            $this->_pingStatus[self::UIDNEXT] = $synced[self::UIDNEXT];
        }
        // The count follows the Sync: it goes down as well as up.
        $this->_pingStatus[self::MESSAGES] = $synced[self::MESSAGES];
        if (!empty($synced[self::UIDVALIDITY])) {
            $this->_pingStatus[self::UIDVALIDITY] = $synced[self::UIDVALIDITY];
        }
    }

    /* ---- status --------------------------------------------------------------- */

    /** @return string|boolean  UIDVALIDITY, false when not known. */
    public function uidvalidity()
    {
        return array_key_exists(self::UIDVALIDITY, $this->_status) ? $this->_status[self::UIDVALIDITY] : false;
    }

    public function uidnext()
    {
        return empty($this->_status[self::UIDNEXT]) ? 0 : $this->_status[self::UIDNEXT];
    }

    public function modseq()
    {
        return empty($this->_status[self::HIGHESTMODSEQ]) ? 0 : $this->_status[self::HIGHESTMODSEQ];
    }

    /** The number of messages in the whole folder (not only the filter window). */
    public function total_messages()
    {
        return empty($this->_status[self::MESSAGES]) ? 0 : $this->_status[self::MESSAGES];
    }

    /** @return array  The UIDs the client has, ascending. */
    public function messages()
    {
        return $this->_state->messages();
    }

    /** @return array  Flags reported since the last update. */
    public function flags()
    {
        return $this->_flags;
    }

    /** @return array  Categories reported: uid => [names]. */
    public function categories()
    {
        return $this->_categories;
    }

    public function added()
    {
        return $this->_state->added();
    }

    public function changed()
    {
        return $this->_state->changed();
    }

    public function removed()
    {
        return $this->_state->removed();
    }

    /** Whether the client has this message (ours, not Horde's API). */
    public function hasMessage($uid)
    {
        return $this->_state->contains($uid);
    }

    /** @return integer  The lowest UID the client has, 0 when none. */
    public function minuid()
    {
        return $this->_state->minUid();
    }

    /* ---- ghost UIDs and draft aliases (Horde 6) ------------------------------- */

    /** UIDs the client was told about but that could not be fetched. */
    public function addGhostUids(array $uids)
    {
        foreach ($uids as $uid) {
            $this->_ghostUids[(string)$uid] = true;
        }
    }

    public function removeGhostUids(array $uids)
    {
        foreach ($uids as $uid) {
            unset($this->_ghostUids[(string)$uid]);
        }
    }

    public function ghostUids()
    {
        return array_map('strval', array_keys($this->_ghostUids));
    }

    /**
     * An edited draft now lives under $uid while the client still calls it
     * $clientId; an earlier alias of $clientId is replaced.
     */
    public function setDraftUidAlias($uid, $clientId)
    {
        $uid = (string)$uid;
        $clientId = (string)$clientId;
        if ($uid === '' || $clientId === '' || $uid === $clientId) {
            return;
        }
        foreach (array_keys($this->_draftUidAliases, $clientId, true) as $old) {
            unset($this->_draftUidAliases[$old]);
        }
        $this->_draftUidAliases[$uid] = $clientId;
    }

    public function draftClientIdForUid($uid)
    {
        return $this->_draftUidAliases[(string)$uid] ?? null;
    }

    public function draftUidForClientId($clientId)
    {
        $uid = array_search((string)$clientId, $this->_draftUidAliases, true);
        return $uid === false ? null : (string)$uid;
    }

    public function draftUidAliases()
    {
        $out = [];
        foreach ($this->_draftUidAliases as $uid => $clientId) {
            $out[(string)$uid] = $clientId;
        }
        return $out;
    }

    public function removeDraftUidAliases(array $uids)
    {
        foreach ($uids as $uid) {
            unset($this->_draftUidAliases[(string)$uid]);
        }
    }

    /* ---- stored forms ----------------------------------------------------------- */

    /** Horde's JSON form (version 2). */
    public function serialize()
    {
        if (!empty($this->_status[self::HIGHESTMODSEQ])) {
            $messages = $this->_state->count() > self::COMPRESSION_LIMIT
                ? $this->_state->sequence()
                : implode(',', $this->_state->messages());
        } else {
            $messages = $this->_state->messageMap();
        }
        return json_encode(['s' => $this->_status, 'm' => $messages] + $this->_baseFields()
            + ['hi' => $this->haveInitialSync, 'v' => self::VERSION] + $this->_extraFields());
    }

    /**
     * Reads Horde's JSON form, or its older PHP-serialized array.
     *
     * @throws Horde_ActiveSync_Exception_StaleState  when the data is not a folder state
     */
    public function unserialize($data)
    {
        $this->_load(self::_decodeHordeForm($data, self::VERSION, 1), false);
    }

    /** The native form: the message list as binary UID runs. */
    public function __serialize(): array
    {
        return ['v' => self::NATIVE_VERSION, 's' => $this->_status, 'm' => $this->_state->encode()]
            + $this->_baseFields() + ['hi' => (bool)$this->haveInitialSync] + $this->_extraFields();
    }

    /**
     * Reads the native form, or Horde's form as an array.
     *
     * @throws Horde_ActiveSync_Exception_StaleState
     */
    public function __unserialize(array $data): void
    {
        $version = $data['v'] ?? null;
        if ($version == self::NATIVE_VERSION) {
            $this->_load($data, true);
        } elseif ($version == self::VERSION || $version == 1) {
            $this->_load($data, false);
        } else {
            throw new Horde_ActiveSync_Exception_StaleState('Cache version change');
        }
    }

    protected function _extraFields()
    {
        $extra = [];
        if ($this->_pingStatus) {
            $extra['ps'] = $this->_pingStatus;
        }
        if ($this->_ghostUids) {
            $extra['gh'] = $this->ghostUids();
        }
        if ($this->_draftUidAliases) {
            $extra['da'] = $this->draftUidAliases();
        }
        return $extra;
    }

    /** @throws Horde_ActiveSync_Exception_StaleState */
    protected function _load(array $data, $native)
    {
        $this->_state = new ImapFolderState();
        $this->_flags = $this->_categories = $this->_pingStatus = $this->_ghostUids = $this->_draftUidAliases = [];
        $this->_status = self::_statusOf($data);
        $this->_loadBaseFields($data);
        $messages = $data['m'] ?? [];
        try {
            if ($native) {
                if (!is_string($messages)) {
                    throw new Horde_ActiveSync_Exception_StaleState('Corrupt folder state: messages');
                }
                $this->_state->decode($messages, self::MAX_MESSAGES);
            } elseif (is_string($messages)) {
                $this->_state->loadSequence($messages, self::MAX_MESSAGES);
            } elseif (!is_array($messages) || count($messages) > self::MAX_MESSAGES) {
                throw new Horde_ActiveSync_Exception_StaleState('Corrupt folder state: messages');
            } elseif (empty($this->_status[self::HIGHESTMODSEQ])) {
                $this->_state->loadMap($messages);
            } else {
                $this->_state->loadList($messages);
            }
        } catch (Horde_ActiveSync_Exception_StaleState $e) {
            throw $e;
        } catch (Horde_ActiveSync_Exception $e) {
            throw new Horde_ActiveSync_Exception_StaleState('Corrupt folder state: ' . $e->getMessage());
        }
        // Horde's own rows: a missing or false flag means "if it has messages".
        $this->haveInitialSync = $native ? !empty($data['hi'])
            : (empty($data['hi']) ? $this->_state->count() > 0 : (bool)$data['hi']);
        if (!empty($data['ps']) && is_array($data['ps'])) {
            $this->_pingStatus = $data['ps'];
        }
        if (!empty($data['gh']) && is_array($data['gh'])) {
            $this->addGhostUids(array_filter($data['gh'], 'is_scalar'));
        }
        if (!empty($data['da']) && is_array($data['da'])) {
            foreach ($data['da'] as $uid => $clientId) {
                if (is_scalar($clientId)) {
                    $this->setDraftUidAlias($uid, $clientId);
                }
            }
        }
    }

    public function __toString()
    {
        return sprintf(
            'status: %s\nchanged: %s\nadded: %s\nremoved: %s',
            implode(', ', array_filter($this->_status, 'is_scalar')),
            implode(', ', $this->changed()),
            implode(', ', $this->added()),
            implode(', ', $this->removed())
        );
    }
}
