<?php
/**
 * Horde_ActiveSync_Folder_Collection: the state of a calendar, contacts,
 * tasks or notes collection. Its backend reports changes from its history,
 * so only the common folder fields are kept.
 *
 * serialize()/unserialize() keep Horde's JSON form (version 1);
 * __serialize()/__unserialize() the same fields as an array, which the
 * native state format stores compactly.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
class Horde_ActiveSync_Folder_Collection extends Horde_ActiveSync_Folder_Base implements Serializable
{
    const VERSION = 1;

    public function updateState()
    {
        $this->haveInitialSync = true;
    }

    public function __toString()
    {
        return sprintf('serverid: %s\nclass: %s\n', $this->serverid(), $this->collectionClass());
    }

    public function serialize()
    {
        return json_encode($this->__serialize());
    }

    /** @throws Horde_ActiveSync_Exception_StaleState */
    public function unserialize($data)
    {
        $this->__unserialize(self::_decodeHordeForm($data, self::VERSION));
    }

    public function __serialize(): array
    {
        return ['s' => $this->_status] + $this->_baseFields() + ['i' => $this->haveInitialSync, 'v' => self::VERSION];
    }

    /** @throws Horde_ActiveSync_Exception_StaleState */
    public function __unserialize(array $data): void
    {
        if (($data['v'] ?? null) != self::VERSION) {
            throw new Horde_ActiveSync_Exception_StaleState('Cache version change');
        }
        $this->_status = self::_statusOf($data);
        $this->_loadBaseFields($data);
        $this->haveInitialSync = !empty($data['i']);
    }
}
