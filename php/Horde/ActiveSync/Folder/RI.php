<?php
/**
 * Horde_ActiveSync_Folder_RI: the state of the Recipient Information Cache
 * (the addresses a user writes to, weighted by use). Its entries are
 * "address:weight" pseudo-ids, so a change of rank is a removal and an
 * addition.
 *
 * Unlike Horde's class, whether the first sync happened is stored (key
 * 'i', which Horde's engine ignores): Horde forgets it on every load, so
 * its driver keeps sending the cache as a first sync and never removes an
 * entry. Rows written by Horde have no such key and load as Horde's do.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
class Horde_ActiveSync_Folder_RI extends Horde_ActiveSync_Folder_Base implements Serializable
{
    const VERSION = 1;

    /** weight => address, the highest weight the most used. */
    protected $_contacts = [];
    protected $_serverid = 'RI';
    protected $_removed = [];
    protected $_added = [];

    /**
     * @param array $contacts  Addresses, the most used first.
     */
    public function setChanges(array $contacts)
    {
        $contacts = array_reverse($contacts);
        foreach ($this->_contacts as $weight => $email) {
            if (empty($contacts[$weight]) || $contacts[$weight] != $email) {
                $this->_removed[] = $email . ':' . $weight;
            }
        }
        foreach ($contacts as $weight => $email) {
            if (empty($this->_contacts[$weight]) || $this->_contacts[$weight] != $email) {
                $this->_added[] = $email . ':' . $weight;
            }
        }
        $this->_contacts = $contacts;
    }

    public function updateState()
    {
        $this->haveInitialSync = true;
        $this->_removed = [];
        $this->_added = [];
    }

    public function __toString()
    {
        return sprintf('serverid: %s\nclass: %s\n', $this->serverid(), $this->collectionClass());
    }

    /** @return array  "address:weight" entries to add. */
    public function added()
    {
        return $this->_added;
    }

    /** @return array  "address:weight" entries to remove. */
    public function removed()
    {
        return $this->_removed;
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
        return ['d' => $this->_contacts, 'f' => $this->_serverid, 'c' => $this->_class, 'i' => $this->haveInitialSync,
                'v' => self::VERSION];
    }

    /** @throws Horde_ActiveSync_Exception_StaleState */
    public function __unserialize(array $data): void
    {
        if (($data['v'] ?? null) != self::VERSION) {
            throw new Horde_ActiveSync_Exception_StaleState('Cache version change');
        }
        if (isset($data['d']) && !is_array($data['d'])) {
            throw new Horde_ActiveSync_Exception_StaleState('Corrupt folder state: contacts');
        }
        $this->_contacts = $data['d'] ?? [];
        $this->_serverid = $data['f'] ?? 'RI';
        $this->_class = $data['c'] ?? null;
        $this->haveInitialSync = !empty($data['i']);
        $this->_removed = $this->_added = [];
    }
}
