<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * The backend a server syncs with: folders, items, mail, policies and
 * settings. A concrete driver (Horde_Core_ActiveSync_Driver in Horde, the
 * embedded SQLite driver here) implements the abstract methods; their names,
 * signatures and return shapes are Horde's.
 *
 * Horde 6 additions, all optional optimizations with safe defaults:
 * getMessagesBulk() (no bulk support: the exporter fetches one by one),
 * prefetchFolderStatus() (no-op), getSyncConfig() (streaming settings),
 * getFindResults() (EAS 16 Find; the default searches with getSearchResults()).
 *
 * @package ActiveSync
 */
abstract class Horde_ActiveSync_Driver_Base
{
    /**
     * The user whose data is synced.
     *
     * @var string
     */
    protected $_user;

    /**
     * The user who authenticated.
     *
     * @var string
     */
    protected $_authUser;

    /**
     * @var string
     */
    protected $_authPass;

    /**
     * @var Horde_ActiveSync_Log_Logger
     */
    protected $_logger;

    /**
     * @var array
     */
    protected $_params;

    /**
     * The protocol version of the request.
     *
     * @var string
     */
    protected $_version = Horde_ActiveSync::VERSION_FOURTEENONE;

    /**
     * @var Horde_ActiveSync_State_Base
     */
    protected $_state;

    /**
     * @var Horde_ActiveSync_Device
     */
    protected $_device;

    /**
     * Folder uids handed out in this request but not yet in the cache.
     *
     * @var array
     */
    protected $_tempMap = [];

    /**
     * Prefix of a folder uid => its class.
     *
     * @var array
     */
    protected $_typeMap = [
        'F' => Horde_ActiveSync::CLASS_EMAIL,
        'C' => Horde_ActiveSync::CLASS_CONTACTS,
        'A' => Horde_ActiveSync::CLASS_CALENDAR,
        'T' => Horde_ActiveSync::CLASS_TASKS,
        'N' => Horde_ActiveSync::CLASS_NOTES,
    ];

    /**
     * @param array $params
     *   - state:  (Horde_ActiveSync_State_Base) REQUIRED.
     *   - logger: (Horde_Log_Logger) Default: none.
     *   - ping:   (array) heartbeatmin, heartbeatmax, heartbeatdefault,
     *             deviceping, waitinterval, forcedheartbeat,
     *             maximumwindowsize, maximumrequestwindowsize.
     *   - sync:   (array) streamed Sync settings, see getSyncConfig().
     * @throws InvalidArgumentException
     */
    public function __construct($params = [])
    {
        $this->_params = $params;
        if (empty($params['state']) || !($params['state'] instanceof Horde_ActiveSync_State_Base)) {
            throw new InvalidArgumentException('Missing required state object');
        }
        if (isset($params['logger']) && is_callable([$params['logger'], 'log'])) {
            $this->_logger = Horde_ActiveSync::_wrapLogger($params['logger']);
        } else {
            $this->_logger = new Horde_ActiveSync_Log_Logger(new Horde_Log_Handler_Null());
        }
        $this->_state = $params['state'];
        $this->_state->setLogger($this->_logger);
        $this->_state->setBackend($this);
    }

    public function __destruct()
    {
        // State and driver refer to each other.
        unset($this->_state, $this->_logger);
    }

    /**
     * @param Horde_Log_Logger $logger
     */
    public function setLogger($logger)
    {
        $this->_logger = Horde_ActiveSync::_wrapLogger($logger);
    }

    /**
     * @param string $version  The request's protocol version.
     */
    public function setProtocolVersion($version)
    {
        $this->_version = $version;
    }

    /**
     * @return array  The 'ping' parameters.
     */
    public function getHeartbeatConfig()
    {
        return isset($this->_params['ping']) ? $this->_params['ping'] : [];
    }

    /**
     * Streamed Sync settings (Horde 6), the 'sync' parameters over these
     * defaults:
     *   - streaming (true): flush the Sync response as it is written.
     *   - maxmessagesperresponse (10): count cap per response when
     *     streaming; 0 = the window size alone.
     *   - maxmessagetime (0): seconds one message may take before the batch
     *     stops (streaming only).
     *   - maxrequestduration (0): seconds a Sync may take before the batch
     *     stops (streaming only).
     *   - keepaliveinterval (15): seconds between keep-alive tokens while
     *     client changes are imported; 0 = one per change.
     *   - maxresponsetime (25): the buffered path's time budget.
     *
     * @return array
     */
    public function getSyncConfig()
    {
        return array_merge([
            'streaming' => true,
            'maxmessagesperresponse' => 10,
            'maxmessagetime' => 0,
            'maxrequestduration' => 0,
            'keepaliveinterval' => 15,
            'maxresponsetime' => 25,
        ], isset($this->_params['sync']) && is_array($this->_params['sync']) ? $this->_params['sync'] : []);
    }

    /**
     * Authenticates the user against the backend.
     *
     * @param string $username
     * @param string $password
     * @param string $domain
     *
     * @return boolean|string  true, false on bad credentials, or an
     *                         Horde_ActiveSync::AUTH_REASON_* constant.
     */
    public function authenticate($username, $password, $domain = null)
    {
        $this->_authUser = $username;
        $this->_authPass = $password;
        return true;
    }

    /**
     * @return string  The authenticated user.
     */
    public function getUser()
    {
        return $this->_authUser;
    }

    /**
     * @return boolean
     */
    public function clearAuthentication()
    {
        return true;
    }

    /**
     * Chooses the user whose data is synced (may differ from the one who
     * authenticated).
     *
     * @param string $user
     *
     * @return boolean
     */
    public function setup($user)
    {
        $this->_user = $user;
        return true;
    }

    /**
     * The whole message, whatever truncation the collection asks for (Sync
     * Fetch).
     *
     * @param string $folderid
     * @param string $id
     * @param array $collection
     *
     * @return Horde_ActiveSync_Message_Base
     */
    public function fetch($folderid, $id, array $collection)
    {
        $collection['truncation'] = $collection['mimetruncation'] = false;
        if (!empty($collection['bodyprefs'])) {
            foreach ($collection['bodyprefs'] as &$bodypref) {
                if (isset($bodypref['truncationsize'])) {
                    $bodypref['truncationsize'] = 0;
                }
            }
            unset($bodypref);
        }
        return $this->getMessage($folderid, $id, $collection);
    }

    /**
     * @deprecated  Returns the preferences unchanged, as Horde does.
     */
    public function addDefaultBodyPrefTruncation(array $bodyprefs)
    {
        return $bodyprefs;
    }

    /**
     * @param Horde_ActiveSync_Device $device
     */
    public function setDevice(Horde_ActiveSync_Device $device)
    {
        $this->_device = $device;
    }

    /**
     * An EAS free/busy string: one digit per half hour (0 free, 1 tentative,
     * 2 busy, 3 out of office, 4 no data).
     *
     * @param stdClass $fb  s (start), e (end), b (busy start => busy end).
     * @param Horde_Date $start  The requested start.
     * @param Horde_Date $end    The requested end.
     *
     * @return string|boolean  false without data.
     */
    public static function buildFbString($fb, Horde_Date $start, Horde_Date $end)
    {
        if (empty($fb)) {
            return false;
        }
        $from = $start->timestamp();
        $until = $end->timestamp();
        $dataFrom = (new Horde_Date($fb->s))->timestamp();
        $dataUntil = (new Horde_Date($fb->e))->timestamp();
        $periods = (int)ceil(($until - $from) / 1800);

        if ($from >= $dataUntil || $until < $dataFrom) {
            return str_repeat('4', $periods);
        }
        if (empty($fb->b) && $dataUntil <= $until) {
            return str_repeat('0', $periods);
        }
        $out = '';
        for ($t = $from; $t <= $until; $t += 1800) {
            $out .= ($t < $dataFrom || $t > $dataUntil) ? '4' : '0';
        }
        foreach ($fb->b as $busyFrom => $busyUntil) {
            $offset = $busyFrom - $from;
            $length = (int)ceil(($busyUntil - $busyFrom) / 1800);
            if ($offset > 0 && $length > 0) {
                $out = substr_replace($out, str_repeat('2', $length), (int)floor($offset / 1800), $length);
            }
        }
        return $out;
    }

    /**
     * The EAS folder uid of a backend folder: the known one, or a new one
     * whose first letter names the class (F, C, A, T, N).
     *
     * @param string $id      The backend folder id.
     * @param integer $type   A FOLDER_TYPE_* constant (mail when empty).
     * @param string $old_id  The previous backend id of a renamed folder.
     *
     * @return string
     */
    protected function _getFolderUidForBackendId($id, $type = null, $old_id = null)
    {
        if ($id == 'RI') {
            return 'RI';
        }
        $map = $this->_state->getFolderUidToBackendIdMap();
        if (!empty($old_id) && !empty($map[$old_id])) {
            $this->_tempMap[$id] = $map[$old_id];
        }
        if (!empty($map[$id])) {
            return $map[$id];
        }
        if (!empty($this->_tempMap[$id])) {
            return $this->_tempMap[$id];
        }
        $prefix = array_search($this->_getClassFromType($type), $this->_typeMap, true);
        $this->_tempMap[$id] = sprintf('%s%04x%04x', $prefix, mt_rand(0, 0xffff), mt_rand(0, 0xffff));
        $this->_logger->meta(sprintf('Creating new folder uuid for %s: %s', $id, $this->_tempMap[$id]));
        return $this->_tempMap[$id];
    }

    /**
     * @param integer $type  A FOLDER_TYPE_* constant.
     *
     * @return string|null  Its CLASS_* constant (mail when $type is empty).
     */
    protected function _getClassFromType($type)
    {
        if (empty($type)) {
            return Horde_ActiveSync::CLASS_EMAIL;
        }
        switch ($type) {
        case Horde_ActiveSync::FOLDER_TYPE_APPOINTMENT:
        case Horde_ActiveSync::FOLDER_TYPE_USER_APPOINTMENT:
            return Horde_ActiveSync::CLASS_CALENDAR;
        case Horde_ActiveSync::FOLDER_TYPE_CONTACT:
        case Horde_ActiveSync::FOLDER_TYPE_USER_CONTACT:
            return Horde_ActiveSync::CLASS_CONTACTS;
        case Horde_ActiveSync::FOLDER_TYPE_TASK:
        case Horde_ActiveSync::FOLDER_TYPE_USER_TASK:
            return Horde_ActiveSync::CLASS_TASKS;
        case Horde_ActiveSync::FOLDER_TYPE_NOTE:
        case Horde_ActiveSync::FOLDER_TYPE_USER_NOTE:
            return Horde_ActiveSync::CLASS_NOTES;
        case Horde_ActiveSync::FOLDER_TYPE_INBOX:
        case Horde_ActiveSync::FOLDER_TYPE_DRAFTS:
        case Horde_ActiveSync::FOLDER_TYPE_WASTEBASKET:
        case Horde_ActiveSync::FOLDER_TYPE_SENTMAIL:
        case Horde_ActiveSync::FOLDER_TYPE_OUTBOX:
        case Horde_ActiveSync::FOLDER_TYPE_USER_MAIL:
            return Horde_ActiveSync::CLASS_EMAIL;
        }
        return null;
    }

    /**
     * @param string $server_id  A backend folder id.
     *
     * @return boolean  Whether it is a special mail folder.
     */
    protected function _isSpecialMailbox($server_id)
    {
        return in_array($this->getFolder($server_id)->type, [
            Horde_ActiveSync::FOLDER_TYPE_INBOX,
            Horde_ActiveSync::FOLDER_TYPE_DRAFTS,
            Horde_ActiveSync::FOLDER_TYPE_WASTEBASKET,
            Horde_ActiveSync::FOLDER_TYPE_SENTMAIL,
            Horde_ActiveSync::FOLDER_TYPE_OUTBOX,
        ]);
    }

    /**
     * The end of the sync range: a timestamp by default; drivers with
     * modification sequences return those (false when the sequence went
     * backwards and the state must be reset).
     *
     * @param string $collection  The backend folder id.
     *
     * @return integer|boolean
     */
    public function getSyncStamp($collection)
    {
        return time();
    }

    /**
     * Bulk fetch for the Sync exporter (Horde 6): messages keyed by id. Ids
     * missing from the result are fetched one by one with getMessage(), so
     * the default (no bulk support) is always correct.
     *
     * @param string $folderid   The backend folder id.
     * @param array $ids         Message ids.
     * @param array $collection  The collection (body preferences, ...).
     *
     * @return array  id => Horde_ActiveSync_Message_Base.
     */
    public function getMessagesBulk($folderid, array $ids, array $collection)
    {
        return [];
    }

    /**
     * Hint before a poll iteration over these folders (Horde 6): a backend
     * may fetch their status in one round trip. Must not cache answers past
     * the iteration.
     *
     * @param array $folders  Backend folder ids.
     */
    public function prefetchFolderStatus(array $folders)
    {
    }

    /**
     * EAS 16 Find (Horde 6's driver method): a mailbox (KQL) or GAL search.
     *
     * The default serves Find through getSearchResults($type, $query), the
     * search Horde 5 drivers (Horde_Core_ActiveSync_Driver) already have:
     * Horde_ActiveSync_Find_QueryMapper::toSearchQuery() turns the request
     * into the array Horde_ActiveSync_Request_Search builds, with the KQL
     * query marked as such (Horde_ActiveSync_Imap_Adapter then searches it
     * as KQL, not as plain text). A driver that answers with 'total'
     * returns the requested page (as Horde_Core's does); without it, its
     * rows are taken for every match and the page is cut here.
     *
     * @param Horde_ActiveSync_Find_Params $params  The request.
     * @param array $bodyprefs                      The client's body preferences.
     * @param integer $mimesupport                  The client's MIME support.
     *
     * @return Horde_ActiveSync_Find_Results  rows null when the search failed.
     */
    public function getFindResults(
        Horde_ActiveSync_Find_Params $params, array $bodyprefs = [], int $mimesupport = 0
    ): Horde_ActiveSync_Find_Results {
        $type = Horde_String::lower($params->type) === 'gal' ? 'gal' : 'mailbox';
        try {
            $found = $this->getSearchResults($type, Horde_ActiveSync_Find_QueryMapper::toSearchQuery($params));
        } catch (Horde_ActiveSync_Exception $e) {
            $this->_logger->err('Find: the search failed: ' . $e->getMessage());
            return new Horde_ActiveSync_Find_Results(1, 1, 0, null);
        }
        if (!is_array($found) || (!empty($found['status']) && $found['status'] != 1)) {
            $this->_logger->err(sprintf('Find: the search failed (store status %s).',
                is_array($found) && isset($found['status']) ? $found['status'] : 'none'));
            return new Horde_ActiveSync_Find_Results(1, 1, 0, null);
        }
        $rows = isset($found['rows']) && is_array($found['rows']) ? array_values($found['rows']) : [];
        $limit = max(1, $params->limit);
        if (isset($found['total']) && is_numeric($found['total'])) {
            $total = (int)$found['total'];
            $rows = array_slice($rows, 0, $limit);
        } else {
            $total = count($rows);
            $rows = array_slice($rows, $params->start, $limit);
        }
        return new Horde_ActiveSync_Find_Results(1, 1, max($total, 0), $rows);
    }

    abstract public function deleteFolder($id, $parent = Horde_ActiveSync::FOLDER_ROOT);

    /**
     * @return Horde_ActiveSync_Message_Folder
     */
    abstract public function changeFolder($id, $displayname, $parent, $uid = null);

    /**
     * @return array  Old id => new id.
     */
    abstract public function moveMessage($folderid, array $ids, $newfolderid);

    /**
     * @return array  rows, status.
     */
    abstract public function getSearchResults($type, array $query);

    /**
     * @return array  id, mod, parent (, serverid, type).
     */
    abstract public function statFolder($id, $parent = 0, $mod = null);

    /**
     * @return Horde_ActiveSync_Message_Folder
     */
    abstract public function getFolder($id);

    /**
     * @return array  statFolder() arrays.
     */
    abstract public function getFolderList();

    /**
     * @return Horde_ActiveSync_Message_Folder[]
     */
    abstract public function getFolders();

    /**
     * Changes in a folder between two sync stamps; for an initial sync (the
     * folder has no initial sync yet) just the ids.
     *
     * @param Horde_ActiveSync_Folder_Base $folder
     * @param integer $from_ts
     * @param integer $to_ts
     * @param integer $cutoffdate
     * @param boolean $ping  Only whether something changed matters.
     *
     * @return array  Change arrays (id, type, flags) or ids.
     * @throws Horde_Exception_AuthenticationFailure  when the folder is gone.
     */
    abstract public function getServerChanges($folder, $from_ts, $to_ts, $cutoffdate, $ping);

    /**
     * @return array  id, mod, flags.
     */
    abstract public function statMessage($folderId, $id);

    /**
     * @return Horde_ActiveSync_Message_Base
     * @throws Horde_ActiveSync_Exception, Horde_Exception_NotFound
     */
    abstract public function getMessage($folderid, $id, array $collection);

    /**
     * @return array  The ids deleted.
     */
    abstract public function deleteMessage($folderid, array $ids);

    /**
     * @return string|boolean  The trash folder, or false.
     */
    abstract public function getWasteBasket($class);

    /**
     * @return array|boolean  A stat array, false on failure.
     */
    abstract public function changeMessage($folderid, $id, Horde_ActiveSync_Message_Base $message, $device);

    /**
     * @deprecated  changeMessage() carries flags.
     */
    abstract public function setReadFlag($folderid, $uid, $flag);

    abstract public function sendMail($rfc822, $forward = null, $reply = null, $parent = null, $save = true);

    /**
     * @return array  content-type, data.
     */
    abstract public function getAttachment($name, array $options = []);

    abstract public function itemOperationsGetAttachmentData($filereference);

    abstract public function itemOperationsFetchMailbox($longid, array $bodyprefs, $mimesupport);

    abstract public function itemOperationsGetDocumentLibraryLink($linkid, $cred);

    abstract public function statMailMessage($folderid, $id);

    abstract public function getSpecialFolderNameByType($type);

    /**
     * @return array  Policy name => value.
     */
    abstract public function getCurrentPolicy();

    abstract public function getSettings(array $settings, $device);

    abstract public function setSettings(array $settings, $device);

    abstract public function autoDiscover();

    abstract public function getUsernameFromEmail($email);

    abstract public function resolveRecipient($type, $search, array $options = []);

    /**
     * @return boolean|string  Horde_ActiveSync::PROVISIONING_* value.
     */
    abstract public function getProvisioning();

    abstract public function meetingResponse(array $response);

    /**
     * @deprecated  ResolveRecipients carries availability.
     */
    abstract public function getFreebusy($user, array $options = []);
}
