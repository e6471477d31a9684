<?php
/**
 * Horde_ActiveSync_Interface_ImapFactory: how Horde_ActiveSync_Imap_Adapter
 * reaches the IMAP server and the user's mailbox list (Horde_Core provides
 * one). A factory may also offer getMsgFlags(): lower-cased IMAP keyword =>
 * category name.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
interface Horde_ActiveSync_Interface_ImapFactory
{
    /**
     * @return Horde_Imap_Client_Base
     * @throws Horde_ActiveSync_Exception
     */
    public function getImapOb();

    /**
     * @param boolean $force  Refresh rather than use a cached list.
     * @return array  Mailboxes: each with 'ob' (Horde_Imap_Client_Mailbox), 'a', 'd', 'label', 'level'.
     */
    public function getMailboxes($force = false);

    /** @return array  Special mailbox type => mailbox. */
    public function getSpecialMailboxes();
}
