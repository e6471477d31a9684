<?php
/**
 * Horde_ActiveSync_Imap_Strategy_Ids: a UID list for Horde_Imap_Client
 * whose IMAP sequence set is written natively. The strategies hand the
 * whole known message list of a folder to VANISHED and SEARCH; for a large
 * folder Horde_Imap_Client_Ids would de-duplicate, sort and walk it in PHP
 * on every Sync. The lists given here are already unique.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

use Horde\ActiveSync\Native\ImapFolderState;

class Horde_ActiveSync_Imap_Strategy_Ids extends Horde_Imap_Client_Ids
{
    /** The UIDs come from a set: nothing to de-duplicate. */
    public $duplicates = true;

    protected function _toSequenceString($sort = true)
    {
        return is_array($this->_ids) ? ImapFolderState::toSequence($this->_ids) : parent::_toSequenceString($sort);
    }

    public function __serialize(): array
    {
        return ['ids' => $this->_ids, 'sequence' => $this->_sequence, 'sorted' => $this->_sorted];
    }

    public function __unserialize(array $data): void
    {
        $this->_ids = $data['ids'] ?? [];
        $this->_sequence = !empty($data['sequence']);
        $this->_sorted = !empty($data['sorted']);
    }
}
