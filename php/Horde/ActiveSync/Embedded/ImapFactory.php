<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Embedded;

use Horde_ActiveSync_Exception;
use Horde_ActiveSync_Interface_ImapFactory;
use Horde_Imap_Client;
use Horde_Imap_Client_Exception;

/**
 * The embedded server's way to its IMAP server, for
 * Horde_ActiveSync_Imap_Adapter: one client per request, logged in with
 * the device's credentials (or configured ones), and the mailbox list.
 *
 * @package ActiveSync
 */
class ImapFactory implements Horde_ActiveSync_Interface_ImapFactory
{
    /**
     * @var array  host, port, secure, and optionally username, password.
     */
    protected $_config;

    /**
     * @var \Horde_Imap_Client_Socket|null
     */
    protected $_client;

    /**
     * @var array|null
     */
    protected $_mailboxes;

    /**
     * @param array $config    host, port, secure (false, 'ssl', 'tls').
     * @param string $user     The account (unless the configuration names one).
     * @param string $password
     */
    public function __construct(array $config, $user, $password)
    {
        $this->_config = $config + ['username' => $user, 'password' => $password];
    }

    public function getImapOb()
    {
        if ($this->_client === null) {
            $this->_client = new \Horde_Imap_Client_Socket([
                'hostspec' => isset($this->_config['host']) ? $this->_config['host'] : 'localhost',
                'port' => isset($this->_config['port']) ? (int)$this->_config['port'] : 143,
                'secure' => isset($this->_config['secure']) ? $this->_config['secure'] : false,
                'username' => $this->_config['username'],
                'password' => $this->_config['password'],
                'timeout' => 30,
                // As Horde configures it: with a cache the client enables
                // QRESYNC or CONDSTORE, which the change detection uses.
                'cache' => ['backend' => new \Horde_Imap_Client_Cache_Backend_Null(),
                            'fields' => [Horde_Imap_Client::FETCH_FLAGS]],
            ]);
            try {
                $this->_client->login();
            } catch (Horde_Imap_Client_Exception $e) {
                $this->_client = null;
                throw new Horde_ActiveSync_Exception('IMAP login failed: ' . $e->getMessage());
            }
        }
        return $this->_client;
    }

    /**
     * @return array  UTF-8 name => ob (Horde_Imap_Client_Mailbox), a
     *                (attributes), d (delimiter), label, level.
     */
    public function getMailboxes($force = false)
    {
        if ($this->_mailboxes === null || $force) {
            try {
                $list = $this->getImapOb()->listMailboxes('*', Horde_Imap_Client::MBOX_ALL,
                    ['attributes' => true, 'delimiter' => true, 'special_use' => true]);
            } catch (Horde_Imap_Client_Exception $e) {
                throw new Horde_ActiveSync_Exception($e);
            }
            $this->_mailboxes = [];
            foreach ($list as $name => $data) {
                $delimiter = isset($data['delimiter']) ? (string)$data['delimiter'] : '';
                $parts = $delimiter === '' ? [$name] : explode($delimiter, $name);
                $this->_mailboxes[(string)$name] = [
                    'ob' => $data['mailbox'],
                    'a' => isset($data['attributes']) ? array_map('strtolower', $data['attributes']) : [],
                    'd' => $delimiter,
                    'label' => end($parts),
                    'level' => count($parts) - 1,
                ];
            }
        }
        return $this->_mailboxes;
    }

    /**
     * @return array  'sent', 'drafts', 'trash', 'junk' => Horde_Imap_Client_Mailbox
     *                (RFC 6154 special use, else the usual names).
     */
    public function getSpecialMailboxes()
    {
        $special = [];
        $names = ['sent' => ['sent', 'sent items', 'sent messages'], 'drafts' => ['drafts'],
                  'trash' => ['trash', 'deleted items', 'deleted messages'], 'junk' => ['junk', 'spam']];
        foreach ($this->getMailboxes() as $name => $mailbox) {
            foreach (array_keys($names) as $type) {
                if (in_array('\\' . $type, $mailbox['a'], true)) {
                    $special[$type] = $mailbox['ob'];
                }
            }
        }
        foreach ($this->getMailboxes() as $name => $mailbox) {
            foreach ($names as $type => $candidates) {
                if (!isset($special[$type]) && $mailbox['level'] == 0
                    && in_array(strtolower($mailbox['label']), $candidates, true)) {
                    $special[$type] = $mailbox['ob'];
                }
            }
        }
        return $special;
    }

    public function __destruct()
    {
        if ($this->_client !== null) {
            try {
                $this->_client->logout();
            } catch (\Exception $e) {
            }
        }
    }
}
