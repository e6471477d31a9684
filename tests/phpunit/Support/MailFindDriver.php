<?php
/**
 * The embedded driver with mail folders on the test Dovecot, for the
 * end-to-end Find tests, until the embedded server has mail of its own.
 *
 * It does for mail what Horde_Core's driver (Horde 5) does and no more:
 * the configured mailboxes are mail folders in FolderSync, a mailbox
 * search goes to Horde_ActiveSync_Imap_Adapter::queryMailbox() and is cut
 * to the requested range with the total (Horde_Core_ActiveSync_Driver::
 * getSearchResults()), and a search result is fetched by its long id
 * through the adapter (itemOperationsFetchMailbox(); mail in a drafts
 * folder is a draft, as Horde_Core says). Find itself goes
 * through Horde_ActiveSync_Driver_Base::getFindResults()'s default, as it
 * does with Horde_Core's driver.
 *
 * Configuration: 'testmail' in the server's configuration file
 * ($EAS_SERVER_CONFIG): host, port, username, password, and mailboxes
 * (name => EAS folder type; a name below another, with the server's
 * delimiter, is its subfolder).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Support;

use Horde\ActiveSync\Embedded\Driver;
use Horde_ActiveSync as EAS;
use Horde_ActiveSync_Imap_Adapter;
use Horde_ActiveSync_Interface_ImapFactory;
use Horde_Exception_NotFound;

class MailFindDriver extends Driver
{
    /** @var array */
    private $mail;

    /** @var Horde_ActiveSync_Imap_Adapter|null */
    private $adapter;

    public function __construct($params = [])
    {
        parent::__construct($params);
        $config = require getenv('EAS_SERVER_CONFIG');
        $this->mail = $config['testmail'];
    }

    private function adapter(): Horde_ActiveSync_Imap_Adapter
    {
        if (!$this->adapter) {
            $mail = $this->mail;
            $factory = new class($mail) implements Horde_ActiveSync_Interface_ImapFactory {
                private $mail;
                private $client;

                public function __construct(array $mail)
                {
                    $this->mail = $mail;
                }

                public function getImapOb()
                {
                    if (!$this->client) {
                        $this->client = new \Horde_Imap_Client_Socket([
                            'hostspec' => $this->mail['host'], 'port' => (int)$this->mail['port'],
                            'username' => $this->mail['username'], 'password' => $this->mail['password'],
                            'secure' => false, 'timeout' => 10,
                        ]);
                    }
                    return $this->client;
                }

                // What FolderSync gave the device (Horde_Core lists the
                // user's subscribed mailboxes).
                public function getMailboxes($force = false)
                {
                    $out = [];
                    foreach (array_keys($this->mail['mailboxes']) as $name) {
                        $out[$name] = ['ob' => new \Horde_Imap_Client_Mailbox($name), 'd' => $this->mail['delimiter']];
                    }
                    return $out;
                }

                public function getSpecialMailboxes()
                {
                    return [];
                }

                public function getMsgFlags()
                {
                    return [];
                }
            };
            $this->adapter = new Horde_ActiveSync_Imap_Adapter(['factory' => $factory]);
        }
        return $this->adapter;
    }

    public function getFolders()
    {
        $folders = parent::getFolders();
        foreach (array_keys($this->mail['mailboxes']) as $name) {
            $folders[] = $this->mailFolder($name);
        }
        return $folders;
    }

    public function getFolder($id)
    {
        return isset($this->mail['mailboxes'][$id]) ? $this->mailFolder($id) : parent::getFolder($id);
    }

    private function mailFolder(string $name)
    {
        $folder = EAS::messageFactory('Folder');
        $folder->_serverid = $name;
        $folder->serverid = $this->_getFolderUidForBackendId($name, $this->mail['mailboxes'][$name]);
        $cut = strrpos($name, $this->mail['delimiter']);
        $parent = $cut === false ? '' : substr($name, 0, $cut);
        $folder->parentid = isset($this->mail['mailboxes'][$parent]) ? $this->_getFolderUidForBackendId($parent) : '0';
        $folder->type = $this->mail['mailboxes'][$name];
        $folder->displayname = $cut === false ? $name : substr($name, $cut + 1);
        return $folder;
    }

    public function getSearchResults($type, array $query)
    {
        if ($type !== 'mailbox') {
            return parent::getSearchResults($type, $query);
        }
        $results = $this->adapter()->queryMailbox($query);
        $count = count($results);
        if (!empty($query['range'])) {
            [$first, $last] = explode('-', $query['range']);
            $results = array_slice($results, (int)$first, (int)$last - (int)$first + 1);
        }
        return ['rows' => $results, 'total' => $count, 'status' => 1];
    }

    public function itemOperationsFetchMailbox($longid, array $bodyprefs, $mimesupport)
    {
        $cut = strrpos($longid, ':');
        $messages = $this->adapter()->getMessages(substr($longid, 0, $cut), [(int)substr($longid, $cut + 1)], [
            'bodyprefs' => $bodyprefs, 'mimesupport' => $mimesupport, 'protocolversion' => $this->_version,
        ]);
        if (!$messages) {
            throw new Horde_Exception_NotFound($longid . ' is gone');
        }
        $message = current($messages);
        // Horde_Core's getMessage(): mail of a drafts folder is a draft.
        if ($this->_version >= EAS::VERSION_SIXTEEN
            && ($this->mail['mailboxes'][substr($longid, 0, $cut)] ?? 0) == EAS::FOLDER_TYPE_DRAFTS) {
            $message->isdraft = true;
        }
        return $message;
    }
}
