<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Gives the mail layer its IMAP client and the user's mailbox setup.
 *
 * @package ActiveSync
 */
interface Horde_ActiveSync_Interface_ImapFactory
{
    /**
     * @return Horde_Imap_Client_Base  A configured, authenticated client.
     */
    public function getImapOb();

    /**
     * @param boolean $force  Refresh the cached list.
     *
     * @return array  Mailbox name => attributes (as Horde_Imap_Client::listMailboxes()).
     */
    public function getMailboxes($force = false);

    /**
     * @return array  Special-use mailboxes: type => Horde_Imap_Client_Mailbox.
     */
    public function getSpecialMailboxes();

}
