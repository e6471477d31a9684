<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Embedded;

use Horde_ActiveSync as EAS;
use Horde_ActiveSync_Message_Base;
use Horde_ActiveSync_Exception;
use Horde_Date;
use Horde_Exception_AuthenticationFailure;
use Horde_Exception_NotFound;

/**
 * The embedded server's backend: contacts, calendar, tasks and notes of a
 * Store, as EAS folders and messages.
 *
 * It is written against Horde's Horde_ActiveSync_Driver_Base API and
 * nothing else, so the same driver runs on this engine and on Debian's
 * pure-PHP php-horde-activesync (the differential tests and the benchmark
 * compare the two with it).
 *
 * Parameters, besides Horde's (state, logger, ping, sync):
 *   - store:        (Store) REQUIRED.
 *   - policy:       (array) The provisioning policy; default Horde's.
 *   - provisioning: (boolean|string) PROVISIONING_*; default FORCE.
 *   - versions:     (array) Ceilings: 'users' => [user => version],
 *                   'devices' => [DEVICEID => version]; the lowest of the
 *                   global, user and device ceilings applies.
 *   - denied:       (string[]) Users who may not sync (status 126/403).
 *   - imap:         (array) Mail from an IMAP server: host, port, secure
 *                   (false, 'ssl', 'tls'); the device's credentials log
 *                   in unless username and password are given. Mailboxes
 *                   become mail folders (Inbox, Sent, Drafts, Trash by
 *                   special use or name); a mailbox named like one of the
 *                   store's folders (Contacts, ...) is hidden by it.
 *   - smtp:         (array) Outgoing mail (SendMail, SmartReply,
 *                   SmartForward): host, port, secure, lmtp, username,
 *                   password, maxsize (see Mailer). Without it they fail
 *                   with status 120 (mail submission failed).
 *
 * @package ActiveSync
 */
class Driver extends \Horde_ActiveSync_Driver_Base
{
    /** Letters of folder uids by class, as Horde's drivers use them. */
    const UID_PREFIX = [
        EAS::CLASS_CONTACTS => 'C', EAS::CLASS_CALENDAR => 'A', EAS::CLASS_TASKS => 'T', EAS::CLASS_NOTES => 'N',
        EAS::CLASS_EMAIL => 'M',
    ];

    /** Folder types of the default and of user-created folders. */
    const FOLDER_TYPES = [
        EAS::CLASS_CONTACTS => [EAS::FOLDER_TYPE_CONTACT, EAS::FOLDER_TYPE_USER_CONTACT],
        EAS::CLASS_CALENDAR => [EAS::FOLDER_TYPE_APPOINTMENT, EAS::FOLDER_TYPE_USER_APPOINTMENT],
        EAS::CLASS_TASKS => [EAS::FOLDER_TYPE_TASK, EAS::FOLDER_TYPE_USER_TASK],
        EAS::CLASS_NOTES => [EAS::FOLDER_TYPE_NOTE, EAS::FOLDER_TYPE_USER_NOTE],
        EAS::CLASS_EMAIL => [EAS::FOLDER_TYPE_INBOX, EAS::FOLDER_TYPE_DRAFTS, EAS::FOLDER_TYPE_WASTEBASKET,
                             EAS::FOLDER_TYPE_SENTMAIL, EAS::FOLDER_TYPE_OUTBOX, EAS::FOLDER_TYPE_USER_MAIL],
    ];

    /** Message class by collection class. */
    const MESSAGES = [
        EAS::CLASS_CONTACTS => 'Contact', EAS::CLASS_CALENDAR => 'Appointment',
        EAS::CLASS_TASKS => 'Task', EAS::CLASS_NOTES => 'Note',
    ];

    /** Text properties stored per class. */
    const TEXT = [
        EAS::CLASS_CONTACTS => [
            'firstname', 'middlename', 'lastname', 'fileas', 'nickname', 'companyname', 'department', 'jobtitle',
            'officelocation', 'title', 'suffix', 'email1address', 'email2address', 'email3address', 'webpage',
            'mobilephonenumber', 'businessphonenumber', 'business2phonenumber', 'homephonenumber',
            'home2phonenumber', 'businessfaxnumber', 'homefaxnumber', 'pagernumber', 'carphonenumber',
            'businessstreet', 'businesscity', 'businessstate', 'businesspostalcode', 'businesscountry',
            'homestreet', 'homecity', 'homestate', 'homepostalcode', 'homecountry', 'spouse',
        ],
        EAS::CLASS_CALENDAR => [
            'subject', 'location', 'uid', 'organizername', 'organizeremail', 'alldayevent', 'busystatus',
            'sensitivity', 'reminder', 'meetingstatus',
        ],
        EAS::CLASS_TASKS => ['subject', 'importance', 'complete', 'sensitivity', 'reminderset'],
        EAS::CLASS_NOTES => ['subject', 'messageclass'],
    ];

    /** Date properties (stored as Unix time). */
    const DATES = [
        EAS::CLASS_CONTACTS => ['birthday', 'anniversary'],
        EAS::CLASS_CALENDAR => ['starttime', 'endtime', 'dtstamp'],
        EAS::CLASS_TASKS => ['startdate', 'duedate', 'datecompleted', 'remindertime'],
        EAS::CLASS_NOTES => ['lastmodified'],
    ];

    /**
     * Class => what _shape() worked out for this request's version.
     *
     * @var array
     */
    protected $_shapes = [];

    /**
     * Name => a new message to clone, during getMessagesBulk() (else null).
     *
     * @var array|null
     */
    protected $_prototypes;

    /**
     * Whether messages take setProperties() (null: not asked yet).
     *
     * @var boolean|null
     */
    protected $_bulkAssign;

    /**
     * Backend folder id => [class, when looked up].
     *
     * @var array
     */
    protected $_classes = [];

    /**
     * The IMAP side (null: no mail configured; created on first use).
     *
     * @var \Horde_ActiveSync_Imap_Adapter|null
     */
    protected $_imap;

    /**
     * @var ImapFactory|null
     */
    protected $_imapFactory;

    /**
     * @var Store
     */
    protected $_store;

    /**
     * Default folder ids and user folder ids => their uids in this request.
     *
     * @var array
     */
    protected $_folderCache;

    /**
     * @param array $params  See the class description.
     */
    public function __construct($params = [])
    {
        if (empty($params['store']) || !($params['store'] instanceof Store)) {
            throw new \InvalidArgumentException('Missing required store');
        }
        parent::__construct($params);
        $this->_store = $params['store'];
    }

    /* ---- authentication, versions, provisioning --------------------- */

    public function authenticate($username, $password, $domain = null)
    {
        if (!$this->_store->checkPassword($username, $password)) {
            $this->_logger->notice(sprintf('Bad credentials for %s.', $username));
            return false;
        }
        parent::authenticate($username, $password, $domain);
        if (in_array($username, isset($this->_params['denied']) ? (array)$this->_params['denied'] : [], true)) {
            return EAS::AUTH_REASON_USER_DENIED;
        }
        return true;
    }

    public function getUsernameFromEmail($email)
    {
        if (strpos((string)$email, '@') !== false && ($user = $this->_store->userByEmail($email)) !== null) {
            return $user;
        }
        return $email;
    }

    /**
     * Per-user and per-device ceilings: the lowest of the server's, the
     * user's and the device's applies.
     *
     * @param \Horde_ActiveSync $server
     */
    public function versionCallback(\Horde_ActiveSync $server)
    {
        $order = [EAS::VERSION_TWOFIVE, EAS::VERSION_TWELVE, EAS::VERSION_TWELVEONE, EAS::VERSION_FOURTEEN,
                  EAS::VERSION_FOURTEENONE, EAS::VERSION_SIXTEEN, '16.1'];
        $limits = isset($this->_params['versions']) ? $this->_params['versions'] : [];
        $candidates = [];
        $get = $server->getGetVars();
        $device = isset($get['DeviceId']) ? strtoupper((string)$get['DeviceId']) : '';
        if ($device !== '' && isset($limits['devices'][$device])) {
            $candidates[] = (string)$limits['devices'][$device];
        }
        $credentials = new \Horde_ActiveSync_Credentials($server);
        $user = $credentials->username ? $this->getUsernameFromEmail($credentials->username) : '';
        if ($user !== '' && isset($limits['users'][$user])) {
            $candidates[] = (string)$limits['users'][$user];
        }
        if (!$candidates) {
            return;
        }
        // Starting from the highest version the server offers (the global
        // ceiling is the last of getSupportedVersions()).
        $offered = explode(',', $server->getSupportedVersions());
        $ceiling = array_search(end($offered), $order, true);
        foreach ($candidates as $version) {
            $position = array_search($version, $order, true);
            if ($position !== false && $position < $ceiling) {
                $ceiling = $position;
            }
        }
        $server->setSupportedVersion($order[$ceiling]);
    }

    public function getProvisioning()
    {
        return array_key_exists('provisioning', $this->_params)
            ? $this->_params['provisioning']
            : EAS::PROVISIONING_FORCE;
    }

    public function getCurrentPolicy()
    {
        return isset($this->_params['policy']) ? (array)$this->_params['policy'] : [];
    }

    /* ---- folders ----------------------------------------------------- */

    public function getFolderList()
    {
        $list = [];
        foreach ($this->getFolders() as $folder) {
            // Horde's convention: stats keyed by the EAS uid, the backend
            // id in 'serverid' (what the importer and exporter expect).
            $list[] = $this->statFolder($folder->serverid, $folder->parentid, $folder->displayname, $folder->_serverid, $folder->type);
        }
        return $list;
    }

    public function getFolders()
    {
        $folders = [];
        foreach ($this->_store->folders($this->_user) as $row) {
            $folders[] = $this->_folderMessage($row);
        }
        foreach ($this->_mailFolders() as $row) {
            $folders[] = $this->_folderMessage($row);
        }
        return $folders;
    }

    public function getFolder($id)
    {
        $row = $this->_store->folder($this->_user, $id);
        if (!$row) {
            $mail = $this->_mailFolders();
            $row = isset($mail[$id]) ? $mail[$id] : null;
        }
        if (!$row) {
            throw new Horde_ActiveSync_Exception(sprintf('Folder %s unknown', $id));
        }
        return $this->_folderMessage($row);
    }

    public function statFolder($id, $parent = '0', $mod = null, $serverid = null, $type = null)
    {
        return [
            'id' => $id,
            'mod' => empty($mod) ? $id : $mod,
            'parent' => $parent,
            'serverid' => !empty($serverid) ? $serverid : $id,
            'type' => !empty($type) ? $type : null,
        ];
    }

    public function changeFolder($id, $displayname, $parent, $uid = null, $type = null)
    {
        $parentId = empty($parent) ? '0' : (string)$parent;
        $mail = empty($id) ? $this->_classOfType($type) == EAS::CLASS_EMAIL : $this->_isMailFolder($id);
        if ($mail) {
            $imap = $this->_imap();
            if (!$imap) {
                throw new Horde_ActiveSync_Exception('No mail server is configured.');
            }
            $id = empty($id)
                ? $imap->createMailbox($displayname, $parentId === '0' ? null : $parentId)
                : $imap->renameMailbox($id, $displayname, $parentId === '0' ? null : $parentId);
            $this->_imapFactory->getMailboxes(true);
            unset($this->_classes[$id]);
            return $this->getFolder($id);
        }
        if (empty($id)) {
            $class = $this->_classOfType($type);
            if ($class === null) {
                throw new Horde_ActiveSync_Exception(sprintf('Cannot create folders of type %s.', $type));
            }
            $id = $this->_store->createFolder($this->_user, $class, $displayname, self::FOLDER_TYPES[$class][1], $parentId);
        } elseif (!$this->_store->renameFolder($this->_user, $id, $displayname)) {
            throw new Horde_ActiveSync_Exception(sprintf('Folder %s unknown', $id));
        }
        return $this->getFolder($id);
    }

    public function deleteFolder($id, $parent = EAS::FOLDER_ROOT)
    {
        unset($this->_classes[$id]);
        if ($this->_isMailFolder($id)) {
            $this->_imap()->deleteMailbox($id);
            $this->_imapFactory->getMailboxes(true);
            return;
        }
        if (!$this->_store->deleteFolder($this->_user, $id)) {
            throw new Horde_ActiveSync_Exception(sprintf('Folder %s cannot be deleted', $id));
        }
    }

    /* ---- mail (IMAP) ------------------------------------------------- */

    /**
     * The IMAP adapter, null when no mail server is configured.
     *
     * @return \Horde_ActiveSync_Imap_Adapter|null
     */
    protected function _imap()
    {
        if ($this->_imap === null && !empty($this->_params['imap'])) {
            $this->_imapFactory = new ImapFactory($this->_params['imap'],
                $this->_authUser ?: $this->_user, (string)$this->_authPass);
            $this->_imap = new \Horde_ActiveSync_Imap_Adapter(['factory' => $this->_imapFactory]);
            if ($this->_logger) {
                $this->_imap->setLogger($this->_logger);
            }
        }
        return $this->_imap;
    }

    /**
     * The mailboxes as folder rows (id, name, type, parent), by UTF-8
     * name; none without a mail server or when it cannot be reached.
     *
     * @return array[]
     */
    protected function _mailFolders()
    {
        if (!$this->_imap()) {
            return [];
        }
        try {
            $mailboxes = $this->_imapFactory->getMailboxes();
            $special = [];
            foreach ($this->_imapFactory->getSpecialMailboxes() as $kind => $mailbox) {
                $special[(string)$mailbox] = $kind;
            }
        } catch (Horde_ActiveSync_Exception $e) {
            $this->_logger->err('Mail folders unavailable: ' . $e->getMessage());
            return [];
        }
        $types = ['sent' => EAS::FOLDER_TYPE_SENTMAIL, 'drafts' => EAS::FOLDER_TYPE_DRAFTS,
                  'trash' => EAS::FOLDER_TYPE_WASTEBASKET];
        $rows = [];
        foreach ($mailboxes as $name => $mailbox) {
            $name = (string)$name;
            if (in_array('\\noselect', $mailbox['a'], true) || in_array('\\nonexistent', $mailbox['a'], true)
                || $this->_store->folder($this->_user, $name)) {
                continue;
            }
            if (strcasecmp($name, 'INBOX') === 0) {
                $type = EAS::FOLDER_TYPE_INBOX;
            } elseif (isset($special[$name]) && isset($types[$special[$name]])) {
                $type = $types[$special[$name]];
            } else {
                $type = EAS::FOLDER_TYPE_USER_MAIL;
            }
            $parent = '0';
            if ($mailbox['d'] !== '' && ($pos = strrpos($name, $mailbox['d'])) !== false
                && isset($mailboxes[substr($name, 0, $pos)])) {
                $parent = substr($name, 0, $pos);
            }
            $rows[$name] = ['id' => $name, 'class' => EAS::CLASS_EMAIL, 'name' => $mailbox['label'],
                            'type' => $type, 'parent' => $parent];
        }
        return $rows;
    }

    protected function _isMailFolder($id)
    {
        if ($this->_store->folder($this->_user, $id)) {
            return false;
        }
        return isset($this->_mailFolders()[(string)$id]);
    }

    /**
     * Mail changes as Horde_Core's driver reports them: additions, flag
     * changes, deletions and soft deletions of the folder's window.
     */
    protected function _mailChanges($folder, $cutoffdate, $ping, $refreshFilter)
    {
        $imap = $this->_imap();
        if ($ping) {
            return $imap->ping($folder) ? ['1'] : [];
        }
        $soft = false;
        if (!$refreshFilter) {
            [$from, $last] = $folder->getSoftDeleteTimes() + [0, 0];
            if (empty($from) && empty($last) && !empty($cutoffdate)) {
                $folder->setSoftDeleteTimes((int)$cutoffdate, time());
            } elseif (!empty($last) && $last + 86400 < time()) {
                // Once a day, messages that left the window go.
                $soft = true;
            }
        }
        $imap->getMessageChanges($folder, [
            'sincedate' => (int)$cutoffdate, 'protocolversion' => $this->_version,
            'softdelete' => $soft, 'refreshfilter' => $refreshFilter,
        ]);
        if (!$folder->haveInitialSync) {
            return $folder->added();
        }
        $results = [];
        foreach ($folder->added() as $uid) {
            $results[] = ['id' => $uid, 'type' => EAS::CHANGE_TYPE_CHANGE, 'flags' => EAS::FLAG_NEWMESSAGE];
        }
        $flags = $folder->flags();
        $categories = $folder->categories();
        foreach ($folder->changed() as $uid) {
            $results[] = ['id' => $uid, 'type' => EAS::CHANGE_TYPE_FLAGS,
                          'flags' => isset($flags[$uid]) ? $flags[$uid] : [],
                          'categories' => isset($categories[$uid]) ? $categories[$uid] : []];
        }
        foreach ($folder->removed() as $uid) {
            $results[] = ['id' => $uid, 'type' => EAS::CHANGE_TYPE_DELETE];
        }
        foreach ((array)$folder->getSoftDeleted() as $uid) {
            $results[] = ['id' => $uid, 'type' => EAS::CHANGE_TYPE_SOFTDELETE];
        }
        return $results;
    }

    /**
     * Mail of one folder as Message_Mail, by UID.
     */
    protected function _mailMessages($folderid, array $ids, array $collection)
    {
        $truncation = !empty($collection['truncation']) ? $collection['truncation']
            : (!empty($collection['mimetruncation']) ? $collection['mimetruncation'] : false);
        return $this->_imap()->getMessages($folderid, $ids, [
            'protocolversion' => $this->_version,
            'truncation' => $truncation,
            'bodyprefs' => isset($collection['bodyprefs']) ? $collection['bodyprefs'] : [],
            'bodypartprefs' => !empty($collection['bodypartprefs']) ? $collection['bodypartprefs'] : false,
            'mimesupport' => isset($collection['mimesupport']) ? $collection['mimesupport'] : 0,
            'uid_keys' => true,
        ]);
    }

    /**
     * A device's change to mail: read state, flag, categories.
     */
    protected function _changeMail($folderid, $id, $message)
    {
        $imap = $this->_imap();
        if (!$id) {
            // Drafts and other new mail from the device are not supported.
            return false;
        }
        if ($message->propertyExists('read') && $message->read !== null && $message->read !== '') {
            $imap->setReadFlag($folderid, $id, (int)$message->read);
        }
        if ($message->propertyExists('flag') && $message->flag) {
            $imap->setMessageFlag($folderid, $id, $message->flag);
        }
        if ($this->_version > EAS::VERSION_TWELVEONE && $message->propertyExists('categories')
            && is_array($message->categories)) {
            $imap->categoriesToFlags($folderid, $message->categories, $id);
        }
        return ['id' => $id, 'mod' => 0, 'flags' => []];
    }

    /**
     * Deterministic uids (class letter and a hash of user and folder), so
     * a device re-added from scratch finds its folders under the same ids
     * and two servers on the same data agree.
     */
    protected function _getFolderUidForBackendId($id, $type = null, $old_id = null)
    {
        $map = $this->_state->getFolderUidToBackendIdMap();
        if (!empty($map[$id])) {
            return $map[$id];
        }
        $class = $this->_classOfType($type);
        $prefix = $class !== null ? self::UID_PREFIX[$class] : 'F';
        return $prefix . substr(md5($this->_user . "\0" . $id), 0, 8);
    }

    protected function _folderMessage(array $row)
    {
        $folder = EAS::messageFactory('Folder');
        $folder->_serverid = $row['id'];
        $folder->serverid = $this->_getFolderUidForBackendId($row['id'], (int)$row['type']);
        $folder->parentid = $row['parent'] === '0' ? '0' : $this->_getFolderUidForBackendId($row['parent']);
        $folder->type = (int)$row['type'];
        $folder->displayname = $row['name'];
        return $folder;
    }

    protected function _classOfType($type)
    {
        foreach (self::FOLDER_TYPES as $class => $types) {
            if (in_array((int)$type, $types, true)) {
                return $class;
            }
        }
        return null;
    }

    /**
     * @return string  The class of a backend folder.
     * @throws Horde_Exception_AuthenticationFailure  when it is gone (Horde's
     *         way of saying "FolderSync needed").
     */
    protected function _class($folderid)
    {
        // Asked once per message by engines without getMessagesBulk():
        // remembered for a second (a Ping's poll still sees a deletion).
        $now = microtime(true);
        if (isset($this->_classes[$folderid]) && $now - $this->_classes[$folderid][1] < 1) {
            return $this->_classes[$folderid][0];
        }
        $row = $this->_store->folder($this->_user, $folderid);
        if (!$row) {
            $mail = $this->_mailFolders();
            $row = isset($mail[(string)$folderid]) ? $mail[(string)$folderid] : null;
        }
        if (!$row) {
            unset($this->_classes[$folderid]);
            throw new Horde_Exception_AuthenticationFailure(sprintf('Folder %s is gone.', $folderid));
        }
        $this->_classes[$folderid] = [$row['class'], $now];
        return $row['class'];
    }

    /* ---- changes ----------------------------------------------------- */

    /**
     * The newest change sequence number: the sync stamp.
     */
    public function getSyncStamp($collection, $last = null)
    {
        // Mail keeps its own IMAP state (Folder_Imap): a clock, as Horde's.
        if (!empty($collection) && $this->_imap() && $this->_isMailFolder($collection)) {
            return time();
        }
        $modseq = $this->_store->modseq();
        // A stamp that went backwards means the store was replaced.
        if (!empty($last) && $last > $modseq) {
            return false;
        }
        return $modseq;
    }

    public function getServerChanges($folder, $from_ts, $to_ts, $cutoffdate, $ping,
        $ignoreFirstSync = false, $maxitems = 100, $refreshFilter = false)
    {
        $folderid = $folder->serverid();
        $class = $this->_class($folderid);
        if ($class == EAS::CLASS_EMAIL) {
            return $this->_mailChanges($folder, $cutoffdate, $ping, $refreshFilter);
        }
        $incompleteOnly = $class == EAS::CLASS_TASKS && $cutoffdate == EAS::FILTERTYPE_INCOMPLETETASKS;

        if (empty($from_ts) && !$ignoreFirstSync) {
            $adds = [];
            if (!$this->_filters($class, $cutoffdate, $incompleteOnly)) {
                // Nothing to filter: the ids alone, no item decoded.
                $adds = $this->_store->uids($this->_user, $folderid, $ping ? 1 : 0);
                if (!$folder->haveInitialSync) {
                    return $adds;
                }
                return array_map(function ($uid) {
                    return ['id' => $uid, 'type' => EAS::CHANGE_TYPE_CHANGE, 'flags' => EAS::FLAG_NEWMESSAGE];
                }, $adds);
            }
            foreach ($this->_store->items($this->_user, $folderid) as $uid => $item) {
                if ($this->_inFilter($class, $item, $cutoffdate, $incompleteOnly)) {
                    $adds[] = (string)$uid;
                    if ($ping) {
                        break;
                    }
                }
            }
            if (!$folder->haveInitialSync) {
                return $adds;
            }
            return array_map(function ($uid) {
                return ['id' => $uid, 'type' => EAS::CHANGE_TYPE_CHANGE, 'flags' => EAS::FLAG_NEWMESSAGE];
            }, $adds);
        }

        $results = [];
        $changes = $this->_store->changes($this->_user, $folderid, $from_ts, $to_ts, $ping ? 1 : 0);
        $present = array_keys(array_filter($changes, function ($kind) {
            return $kind === 'add' || $kind === 'change';
        }));
        // Items are decoded only where a filter looks into them.
        $filtered = $this->_filters($class, $cutoffdate, $incompleteOnly);
        $items = $filtered
            ? $this->_store->getMany($this->_user, $folderid, $present)
            : $this->_store->existing($this->_user, $folderid, $present);
        foreach ($changes as $uid => $kind) {
            $uid = (string)$uid;
            switch ($kind) {
            case 'add':
            case 'change':
                if (!isset($items[$uid])) {
                    break;
                }
                if ($filtered && !$this->_inFilter($class, $items[$uid], $cutoffdate, $incompleteOnly)) {
                    // Left the filter (a task completed): gone from the
                    // device, still on the server.
                    if ($kind === 'change') {
                        $results[] = ['id' => $uid, 'type' => EAS::CHANGE_TYPE_SOFTDELETE];
                    }
                    break;
                }
                $results[] = $kind === 'add'
                    ? ['id' => $uid, 'type' => EAS::CHANGE_TYPE_CHANGE, 'flags' => EAS::FLAG_NEWMESSAGE]
                    : ['id' => $uid, 'type' => EAS::CHANGE_TYPE_CHANGE];
                break;
            case 'delete':
                $results[] = ['id' => $uid, 'type' => EAS::CHANGE_TYPE_DELETE];
                break;
            }
        }
        return $results;
    }

    /** Whether _inFilter() can refuse an item of the class under this filter. */
    protected function _filters($class, $cutoffdate, $incompleteOnly)
    {
        return $incompleteOnly
            || ($class == EAS::CLASS_CALENDAR && !empty($cutoffdate) && $cutoffdate > EAS::FILTERTYPE_INCOMPLETETASKS);
    }

    protected function _inFilter($class, array $item, $cutoffdate, $incompleteOnly)
    {
        if ($incompleteOnly) {
            return empty($item['complete']);
        }
        if ($class == EAS::CLASS_CALENDAR && !empty($cutoffdate) && $cutoffdate > EAS::FILTERTYPE_INCOMPLETETASKS) {
            return !isset($item['endtime']) || $item['endtime'] >= $cutoffdate;
        }
        return true;
    }

    public function statMessage($folderId, $id)
    {
        if ($this->_class($folderId) == EAS::CLASS_EMAIL) {
            return $this->statMailMessage($folderId, $id);
        }
        $item = $this->_store->get($this->_user, $folderId, $id);
        if (!$item) {
            return false;
        }
        return ['id' => $id, 'mod' => $item['_modseq'], 'flags' => 1];
    }

    /* ---- messages ---------------------------------------------------- */

    public function getMessage($folderid, $id, array $collection)
    {
        $class = $this->_class($folderid);
        if ($class == EAS::CLASS_EMAIL) {
            $messages = $this->_mailMessages($folderid, [$id], $collection);
            if (empty($messages)) {
                throw new Horde_Exception_NotFound(sprintf('%s not found in %s', $id, $folderid));
            }
            return reset($messages);
        }
        $item = $this->_store->get($this->_user, $folderid, $id);
        if (!$item) {
            throw new Horde_Exception_NotFound(sprintf('%s not found in %s', $id, $folderid));
        }
        return $this->_toMessage($class, $item, $collection);
    }

    /**
     * Horde 6 bulk fetch: one query for the batch.
     */
    public function getMessagesBulk($folderid, array $ids, array $collection)
    {
        $class = $this->_class($folderid);
        if ($class == EAS::CLASS_EMAIL) {
            return $this->_mailMessages($folderid, $ids, $collection);
        }
        $out = [];
        // Messages of the batch are copies of one new message per class:
        // a clone costs a fraction of a constructor. Within one call the
        // version, device and logger messageFactory() uses cannot change.
        $this->_prototypes = [];
        $bodyForm = $this->_bodyForm($class, $collection);
        try {
            foreach ($this->_store->getMany($this->_user, $folderid, $ids) as $uid => $item) {
                $out[$uid] = $this->_toMessage($class, $item, $collection, $bodyForm);
            }
        } finally {
            $this->_prototypes = null;
        }
        return $out;
    }

    public function changeMessage($folderid, $id, Horde_ActiveSync_Message_Base $message, $device)
    {
        $class = $this->_class($folderid);
        if ($class == EAS::CLASS_EMAIL) {
            return $this->_changeMail($folderid, $id, $message);
        }
        if (!isset(self::MESSAGES[$class])) {
            return false;
        }
        if ($id) {
            $item = $this->_store->get($this->_user, $folderid, $id);
            if (!$item) {
                return false;
            }
            $modseq = $this->_store->change($this->_user, $folderid, $id,
                $this->_fromMessage($class, $message, $item));
            return $modseq === null ? false : ['id' => $id, 'mod' => $modseq, 'flags' => 1];
        }
        $added = $this->_store->add($this->_user, $folderid, $this->_fromMessage($class, $message, []));
        return ['id' => $added['uid'], 'mod' => $added['modseq'], 'flags' => 1];
    }

    public function deleteMessage($folderid, array $ids, $instanceids = false)
    {
        if ($this->_class($folderid) == EAS::CLASS_EMAIL) {
            return $this->_imap()->deleteMessages(array_values($ids), $folderid);
        }
        $deleted = [];
        foreach ($ids as $key => $id) {
            // Instance deletions (EAS 16) remove the whole item here: the
            // store keeps no recurrences.
            $uid = $instanceids ? $key : $id;
            if ($this->_store->delete($this->_user, $folderid, $uid)) {
                $deleted[] = $uid;
            }
        }
        return $deleted;
    }

    public function moveMessage($folderid, array $ids, $newfolderid)
    {
        $moved = [];
        if ($this->_class($folderid) != $this->_class($newfolderid)) {
            return $moved;
        }
        if ($this->_class($folderid) == EAS::CLASS_EMAIL) {
            return $this->_imap()->moveMessage($folderid, $ids, $newfolderid);
        }
        foreach ($ids as $id) {
            $this->_store->transaction(function () use ($folderid, $newfolderid, $id, &$moved) {
                $item = $this->_store->get($this->_user, $folderid, $id);
                if (!$item) {
                    return;
                }
                unset($item['_uid'], $item['_modseq']);
                $added = $this->_store->add($this->_user, $newfolderid, $item);
                $this->_store->delete($this->_user, $folderid, $id);
                $moved[$id] = $added['uid'];
            });
        }
        return $moved;
    }

    /**
     * A stored item as the message of its class, for this protocol version
     * and body preference.
     */
    protected function _toMessage($class, array $item, array $collection, ?array $bodyForm = null)
    {
        // Looked up here without a call: this runs once per message.
        $shape = $this->_shapes[$class] ?? $this->_shape($class);
        $message = $this->_newMessage($shape['message']);
        // The item's fields this message has, picked in one call; an item
        // has a dozen keys, the class's name lists are longer.
        $values = array_intersect_key($item, $shape['text']);
        foreach ($values as $name => $value) {
            if ($value === '' || $value === null) {
                unset($values[$name]);
            }
        }
        foreach (array_intersect_key($item, $shape['dates']) as $name => $value) {
            if (!empty($value)) {
                $values[$name] = new Horde_Date((int)$value, 'UTC');
            }
        }
        if ($shape['locationMessage'] && !empty($item['location'])) {
            $location = $this->_newMessage('AirSyncBaseLocation');
            $this->_assign($location, ['displayname' => $item['location']]);
            $values['location'] = $location;
        }
        if ($shape['tasks']) {
            foreach (['startdate' => 'utcstartdate', 'duedate' => 'utcduedate'] as $local => $utc) {
                if (!empty($item[$local])) {
                    $values[$utc] = new Horde_Date((int)$item[$local], 'UTC');
                }
            }
        }
        if (!empty($item['categories']) && is_array($item['categories'])) {
            $values['categories'] = array_values($item['categories']);
        }
        if (isset($item['body']) && $item['body'] !== '') {
            $values += $this->_body($bodyForm ?? $this->_bodyForm($class, $collection), (string)$item['body']);
        }
        $this->_assign($message, $values);
        if ($shape['calendar'] && !empty($item['starttime'])) {
            $message->setTimezone(new Horde_Date((int)$item['starttime'], 'UTC'));
        }
        return $message;
    }

    /**
     * A new message: a clone of the batch's prototype inside
     * getMessagesBulk(), else from messageFactory().
     */
    protected function _newMessage($name)
    {
        if ($this->_prototypes === null) {
            return EAS::messageFactory($name);
        }
        if (!isset($this->_prototypes[$name])) {
            $this->_prototypes[$name] = EAS::messageFactory($name);
        }
        return clone $this->_prototypes[$name];
    }

    /**
     * Sets a message's properties: in one call where the message class
     * has setProperties() (this project's), else one by one (Debian's, when
     * the benchmark and the differential tests run Horde's engine).
     */
    protected function _assign(Horde_ActiveSync_Message_Base $message, array $values)
    {
        if ($this->_bulkAssign ?? ($this->_bulkAssign = method_exists($message, 'setProperties'))) {
            $message->setProperties($values);
            return;
        }
        foreach ($values as $name => $value) {
            $message->$name = $value;
        }
    }

    /** Messages of another version have other fields: their shapes are worked out again. */
    public function setProtocolVersion($version)
    {
        parent::setProtocolVersion($version);
        $this->_shapes = [];
    }

    /**
     * What turning an item of the class into this version's message takes,
     * worked out once per request (the version is fixed by then): the
     * message name, the text and date fields the message has (name =>
     * true), whether it has bodysize (below 12.0), and the class's
     * particular steps. From 16.0 the calendar's location is a
     * sub-message, built apart. Kept in $_shapes.
     *
     * @return array  message, text, dates, bodysize, calendar, tasks,
     *                locationMessage.
     */
    protected function _shape($class)
    {
        if (isset($this->_shapes[$class])) {
            return $this->_shapes[$class];
        }
        $name = self::MESSAGES[$class];
        $message = EAS::messageFactory($name);
        $shape = ['message' => $name, 'text' => [], 'dates' => [], 'bodysize' => $message->propertyExists('bodysize'),
                  'calendar' => $class === EAS::CLASS_CALENDAR, 'tasks' => $class === EAS::CLASS_TASKS,
                  'locationMessage' => $class === EAS::CLASS_CALENDAR && $this->_version >= EAS::VERSION_SIXTEEN];
        foreach (['text' => self::TEXT[$class], 'dates' => self::DATES[$class]] as $kind => $names) {
            foreach ($names as $field) {
                if ($message->propertyExists($field)) {
                    $shape[$kind][$field] = true;
                }
            }
        }
        if ($shape['locationMessage']) {
            unset($shape['text']['location']);
        }
        return $this->_shapes[$class] = $shape;
    }

    /**
     * How bodies go out to this collection, worked out once per batch: plain
     * text below EAS 12 (cut at the client's truncation), else an
     * AirSyncBase Body of the type the client prefers (plain text unless it
     * asks for HTML alone), cut at that type's truncation size.
     *
     * @return array  legacy, limit (bytes or null), html, property (the
     *                message's body property), sized (whether a legacy
     *                message has bodysize).
     */
    protected function _bodyForm($class, array $collection)
    {
        if ($this->_version < EAS::VERSION_TWELVE) {
            $shape = $this->_shape($class);
            return ['legacy' => true, 'html' => false, 'property' => 'body',
                    'limit' => isset($collection['truncation']) && $collection['truncation'] !== false
                        ? (int)$collection['truncation'] : null,
                    'sized' => $shape['bodysize']];
        }
        $prefs = isset($collection['bodyprefs']) ? (array)$collection['bodyprefs'] : [];
        $html = !isset($prefs[EAS::BODYPREF_TYPE_PLAIN]) && isset($prefs[EAS::BODYPREF_TYPE_HTML]);
        $type = $html ? EAS::BODYPREF_TYPE_HTML : EAS::BODYPREF_TYPE_PLAIN;
        return ['legacy' => false, 'html' => $html, 'sized' => false,
                'property' => $class === EAS::CLASS_NOTES ? 'body' : 'airsyncbasebody',
                'limit' => !empty($prefs[$type]['truncationsize']) ? (int)$prefs[$type]['truncationsize'] : null];
    }

    /**
     * A body in the form _bodyForm() worked out.
     *
     * @return array  The message's body properties.
     */
    protected function _body(array $form, $text)
    {
        if ($form['legacy']) {
            $truncated = $form['limit'] !== null && strlen($text) > $form['limit'];
            $values = ['body' => $truncated ? $this->_cut($text, $form['limit']) : $text];
            if ($form['sized']) {
                $values['bodysize'] = strlen($text);
            }
            $values['bodytruncated'] = $truncated ? 1 : 0;
            return $values;
        }
        if ($form['html']) {
            $text = '<html><body><pre>' . htmlspecialchars($text, ENT_QUOTES, 'UTF-8') . '</pre></body></html>';
        }
        $truncated = $form['limit'] !== null && strlen($text) > $form['limit'];
        $body = $this->_newMessage('AirSyncBaseBody');
        $this->_assign($body, [
            'type' => $form['html'] ? EAS::BODYPREF_TYPE_HTML : EAS::BODYPREF_TYPE_PLAIN,
            'estimateddatasize' => strlen($text),
            'data' => $truncated ? $this->_cut($text, $form['limit']) : $text,
            'truncated' => $truncated ? 1 : 0,
        ]);
        return [$form['property'] => $body];
    }

    /** Truncates at a character boundary. */
    protected function _cut($text, $bytes)
    {
        return mb_strcut($text, 0, max(0, $bytes), 'UTF-8');
    }

    /**
     * A client's message as item properties over the stored ones; fields
     * the client ghosts (does not send, by its Supported list) keep their
     * stored value.
     */
    protected function _fromMessage($class, $message, array $item)
    {
        unset($item['_uid'], $item['_modseq']);
        foreach (self::TEXT[$class] as $name) {
            if (!$message->propertyExists($name)) {
                continue;
            }
            $value = $message->$name;
            if ($name === 'location' && is_object($value)) {
                $value = (string)$value->displayname;
            }
            if ($value !== '' && $value !== false && $value !== null && !is_object($value) && !is_array($value)) {
                $item[$name] = (string)$value;
            } elseif (!$message->isGhosted($name)) {
                unset($item[$name]);
            }
        }
        foreach (self::DATES[$class] as $name) {
            if (!$message->propertyExists($name)) {
                continue;
            }
            $value = $message->$name;
            if ($value instanceof Horde_Date) {
                $item[$name] = $value->timestamp();
            } elseif (!$message->isGhosted($name)) {
                unset($item[$name]);
            }
        }
        if ($class == EAS::CLASS_TASKS) {
            foreach (['utcstartdate' => 'startdate', 'utcduedate' => 'duedate'] as $utc => $local) {
                if ($message->$utc instanceof Horde_Date) {
                    $item[$local] = $message->$utc->timestamp();
                }
            }
        }
        $categories = $message->categories;
        if (is_array($categories) && $categories) {
            $item['categories'] = array_values(array_map('strval', $categories));
        } elseif (!$message->isGhosted('categories')) {
            unset($item['categories']);
        }
        $body = $this->_bodyOf($class, $message);
        if ($body !== null) {
            $item['body'] = $body;
        } elseif (!$message->isGhosted($this->_version < EAS::VERSION_TWELVE || $class == EAS::CLASS_NOTES
            ? 'body' : 'airsyncbasebody')) {
            unset($item['body']);
        }
        if ($class == EAS::CLASS_NOTES) {
            $item['lastmodified'] = time();
            if (empty($item['messageclass'])) {
                $item['messageclass'] = 'IPM.StickyNote';
            }
        }
        return $item;
    }

    /**
     * @return string|null  The body text the client sent, null when none.
     */
    protected function _bodyOf($class, $message)
    {
        if ($this->_version < EAS::VERSION_TWELVE) {
            $body = $message->propertyExists('body') ? $message->body : '';
            return is_string($body) && $body !== '' ? $body : null;
        }
        $body = $class == EAS::CLASS_NOTES ? $message->body : $message->airsyncbasebody;
        if (!is_object($body)) {
            return null;
        }
        $data = $body->data;
        if (is_resource($data)) {
            rewind($data);
            $data = stream_get_contents($data);
        } elseif (is_object($data) && isset($data->stream)) {
            $data = $data->getString(0);
        }
        if (!is_string($data) || $data === '') {
            return null;
        }
        if ((int)$body->type === EAS::BODYPREF_TYPE_HTML) {
            $data = html_entity_decode(strip_tags($data), ENT_QUOTES | ENT_HTML5, 'UTF-8');
        }
        return $data;
    }

    /* ---- settings, recipients, discovery ---------------------------- */

    public function getSettings(array $settings, $device)
    {
        $user = $this->_store->getUser($this->_user);
        $out = [];
        foreach (array_keys($settings) as $key) {
            switch ($key) {
            case 'oof':
                $oof = $this->_store->setting($this->_user, 'oof', ['oofstate' => 0, 'message' => '']);
                $out['oof'] = [
                    'status' => \Horde_ActiveSync_Request_Settings::STATUS_SUCCESS,
                    'oofstate' => $oof['oofstate'],
                    'oofmsgs' => [[
                        'appliesto' => \Horde_ActiveSync_Request_Settings::SETTINGS_APPLIESTOINTERNAL,
                        'replymessage' => $oof['message'],
                        'enabled' => $oof['oofstate'] ? 1 : 0,
                        'bodytype' => 'text',
                    ]],
                ];
                break;
            case 'userinformation':
                $out['userinformation'] = [
                    'status' => \Horde_ActiveSync_Request_Settings::STATUS_SUCCESS,
                    'emailaddresses' => [$user['email']],
                    'accounts' => [[
                        'fullname' => $user['fullname'],
                        'emailaddresses' => [$user['email']],
                    ]],
                ];
                break;
            }
        }
        return $out;
    }

    public function setSettings(array $settings, $device)
    {
        $out = [];
        foreach ($settings as $key => $value) {
            switch ($key) {
            case 'oof':
                $message = isset($value['oofmsgs'][0]['replymessage']) ? (string)$value['oofmsgs'][0]['replymessage'] : '';
                $this->_store->setSetting($this->_user, 'oof', [
                    'oofstate' => (int)$value['oofstate'], 'message' => $message]);
                $out['oof'] = \Horde_ActiveSync_Request_Settings::STATUS_SUCCESS;
                break;
            case 'devicepassword':
                $out['devicepassword'] = \Horde_ActiveSync_Request_Settings::STATUS_SUCCESS;
                break;
            }
        }
        return $out;
    }

    public function autoDiscover($params = [], $version = 1)
    {
        $user = $this->_store->getUser($this->_user) ?: ['email' => $this->_user, 'fullname' => $this->_user];
        $url = isset($this->_params['url']) ? $this->_params['url'] : 'http://127.0.0.1/Microsoft-Server-ActiveSync';
        if ($version == 2) {
            $params['url'] = $url;
            return $params;
        }
        return array_merge((array)$params, [
            'display_name' => $user['fullname'],
            'email' => $user['email'],
            'url' => $url,
            'culture' => 'en:en',
            'username' => $this->_user,
        ]);
    }

    public function getSearchResults($type, array $query)
    {
        // Horde's Search passes the store name as the client wrote it ("GAL")
        if (strtolower((string)$type) === 'gal') {
            return $this->_searchGal($query);
        }
        return ['rows' => [], 'status' => 1];
    }

    /**
     * The address list: every user of the store whose name, full name or
     * address contains the query, by full name; the requested range of
     * them, and the total (as Horde_Core's driver answers Search and Find).
     * Users have no photos: a request for pictures gets status 173.
     *
     * @param array $query  query, range ("m-n"), Search:Picture.
     *
     * @return array  rows, total, status.
     */
    protected function _searchGal(array $query)
    {
        $text = isset($query['query']) && is_string($query['query']) ? trim($query['query']) : '';
        $matches = [];
        if ($text !== '') {
            foreach ($this->_store->users() as $user) {
                foreach (['name', 'fullname', 'email'] as $field) {
                    if (mb_stripos($user[$field], $text, 0, 'UTF-8') !== false) {
                        $matches[] = $user;
                        break;
                    }
                }
            }
        }
        $first = 0;
        $count = count($matches);
        if (isset($query['range']) && preg_match('/^(\d+)-(\d+)$/D', (string)$query['range'], $m)) {
            $first = (int)$m[1];
            $count = max(0, (int)$m[2] - $first + 1);
        }
        $rows = [];
        foreach (array_slice($matches, $first, $count) as $user) {
            $row = [
                EAS::GAL_DISPLAYNAME => $user['fullname'],
                EAS::GAL_ALIAS => $user['name'],
                EAS::GAL_EMAILADDRESS => $user['email'],
            ];
            if (!empty($query['Search:Picture'])) {
                $picture = EAS::messageFactory('GalPicture');
                $picture->status = \Horde_ActiveSync_Status::NO_PICTURE;
                $row[EAS::GAL_PICTURE] = $picture;
            }
            $rows[] = $row;
        }
        return ['rows' => $rows, 'total' => count($matches), 'status' => 1];
    }

    public function resolveRecipient($type, $search, array $options = [])
    {
        $name = $this->_store->userByEmail($search);
        $user = $name !== null ? $this->_store->getUser($name) : null;
        if (!$user) {
            return [];
        }
        return [[
            'type' => EAS::RESOLVE_RESULT_GAL,
            'displayname' => $user['fullname'],
            'emailaddress' => $user['email'],
            'entries' => [],
        ]];
    }

    /* ---- what this backend does not have ---------------------------- */

    public function getWasteBasket($class)
    {
        return $class == EAS::CLASS_EMAIL ? $this->getSpecialFolderNameByType('trash') : false;
    }

    public function setReadFlag($folderid, $uid, $flag)
    {
        if (!$this->_imap()) {
            throw new Horde_ActiveSync_Exception('Mail is not configured on this server.');
        }
        $this->_imap()->setReadFlag($folderid, $uid, $flag);
    }

    /**
     * SendMail, SmartReply and SmartForward: through the configured SMTP
     * (or LMTP) server (see Mailer); without one, a failed submission
     * (status 120, HTTP 500 before 14.0), never mail silently dropped.
     *
     * @param string|resource|null $rfc822  The message (before EAS 14).
     * @param string|boolean $forward  The forwarded message's id, or true
     *                                 when $message names it (EAS 14+).
     * @param string|boolean $reply    Likewise for a reply.
     * @param string|boolean $parent   The original's folder (before 14).
     * @param boolean $save            Keep a copy in Sent (before 14).
     * @param \Horde_ActiveSync_Message_SendMail $message  EAS 14+.
     */
    public function sendMail($rfc822, $forward = null, $reply = null, $parent = null, $save = true,
        \Horde_ActiveSync_Message_SendMail $message = null)
    {
        if (empty($this->_params['smtp'])) {
            throw new Horde_ActiveSync_Exception('This server sends no mail.');
        }
        $options = ['save' => (bool)$save];
        if ($message !== null) {
            $rfc822 = $message->mime;
            $options['save'] = !empty($message->saveinsent);
            $options['replacemime'] = !empty($message->replacemime);
            $options['forwardees'] = (array)$message->forwardees;
            $source = $message->source;
            if (($forward === true || $reply === true) && $source) {
                if (!empty($source->longid)) {
                    $pos = strrpos((string)$source->longid, ':');
                    $original = [substr($source->longid, 0, (int)$pos), substr($source->longid, $pos + 1)];
                } else {
                    $original = [$source->folderid, $source->itemid];
                }
                $options[$forward === true ? 'forward' : 'reply'] = $original;
            }
        } elseif (!empty($forward)) {
            $options['forward'] = [$parent, $forward];
        } elseif (!empty($reply)) {
            $options['reply'] = [$parent, $reply];
        }
        foreach (['forward', 'reply'] as $kind) {
            if (!empty($options[$kind]) && !$this->_isMailFolder($options[$kind][0])) {
                throw new Horde_Exception_NotFound(sprintf('No mail folder %s.', $options[$kind][0]));
            }
        }
        $user = $this->_store->getUser($this->_user) ?: ['name' => $this->_user, 'email' => $this->_user,
                                                          'fullname' => ''];
        $this->_imap();
        $mailer = new Mailer($this->_params['smtp'], $user, (string)$this->_authPass, $this->_imapFactory,
            $this->_logger);
        return $mailer->send($rfc822, $options);
    }

    /**
     * A mail attachment by its file reference, "mailbox:uid:part".
     */
    public function getAttachment($name, array $options = [])
    {
        $parts = explode(':', (string)$name);
        if (!$this->_imap() || count($parts) < 3) {
            throw new Horde_ActiveSync_Exception('No such attachment.');
        }
        $part = array_pop($parts);
        $uid = array_pop($parts);
        $attachment = $this->_imap()->getAttachment(implode(':', $parts), (int)$uid, $part);
        if (!$attachment) {
            throw new Horde_ActiveSync_Exception('No such attachment.');
        }
        return [
            'content-type' => $attachment->getType(),
            'data' => $attachment->getContents(['stream' => !isset($options['stream']) || $options['stream']]),
        ];
    }

    public function itemOperationsGetAttachmentData($filereference)
    {
        return $this->getAttachment($filereference);
    }

    /**
     * A message of a search result by its long id, "mailbox:uid".
     */
    public function itemOperationsFetchMailbox($longid, array $bodyprefs, $mimesupport)
    {
        $pos = strrpos((string)$longid, ':');
        if (!$this->_imap() || $pos === false) {
            throw new Horde_Exception_NotFound('No such message.');
        }
        $mailbox = substr($longid, 0, $pos);
        $messages = $this->_mailMessages($mailbox, [(int)substr($longid, $pos + 1)],
            ['bodyprefs' => $bodyprefs, 'mimesupport' => $mimesupport]);
        if (!$messages) {
            throw new Horde_Exception_NotFound('No such message.');
        }
        return reset($messages);
    }

    public function itemOperationsGetDocumentLibraryLink($linkid, $cred)
    {
        throw new Horde_ActiveSync_Exception('No document libraries on this server.');
    }

    public function statMailMessage($folderid, $id)
    {
        if (!$this->_imap()) {
            return false;
        }
        $messages = $this->_imap()->getImapMessage($folderid, $id);
        if (empty($messages[$id])) {
            return false;
        }
        return ['id' => $id, 'mod' => 0, 'flags' => $messages[$id]->getFlags()];
    }

    /**
     * @param string $type  'sent', 'drafts', 'trash' or 'junk'.
     *
     * @return string|null  The mailbox's name.
     */
    public function getSpecialFolderNameByType($type)
    {
        if (!$this->_imap()) {
            return null;
        }
        try {
            $special = $this->_imapFactory->getSpecialMailboxes();
        } catch (Horde_ActiveSync_Exception $e) {
            return null;
        }
        return isset($special[$type]) ? (string)$special[$type] : null;
    }

    public function meetingResponse(array $response)
    {
        throw new Horde_ActiveSync_Exception('No meeting requests on this server.');
    }

    public function getFreebusy($user, array $options = [])
    {
        return false;
    }
}
