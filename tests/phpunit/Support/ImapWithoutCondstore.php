<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Support;

use Horde_Imap_Client;

/**
 * Dovecot as a server without CONDSTORE: STATUS never reports a
 * HIGHESTMODSEQ, so the adapter must list and compare (Strategy_Plain).
 * Loaded only after Imap::client() set up the quiet loading of Horde's
 * IMAP library.
 */
class ImapWithoutCondstore extends \Horde_Imap_Client_Socket
{
    public function status($mailbox, $flags = Horde_Imap_Client::STATUS_ALL, array $opts = [])
    {
        $status = parent::status($mailbox, $flags & ~Horde_Imap_Client::STATUS_HIGHESTMODSEQ, $opts);
        if (is_array($mailbox)) {
            foreach ($status as &$one) {
                $one['highestmodseq'] = 0;
            }
            return $status;
        }
        $status['highestmodseq'] = 0;
        return $status;
    }

    /* Serializable alone is deprecated; the parent's methods do the work. */
    public function __serialize(): array
    {
        return [$this->serialize()];
    }

    public function __unserialize(array $data): void
    {
        $this->unserialize($data[0]);
    }
}
