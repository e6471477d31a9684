<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Embedded;

use RuntimeException;

/**
 * A scripted device session against a server: what a phone does when an
 * account is added and used. OPTIONS, provisioning, Settings, the folder
 * hierarchy, the initial sync of every collection (in windows, with
 * MoreAvailable), changes made on the server and on the device in both
 * directions, a fetch, an estimate, a ping that sees a change, a lost
 * response answered again for the repeated sync key, and folder changes.
 *
 * Every exchange is recorded (transcript()) so that two servers can be
 * compared; the session checks what a device relies on and throws when
 * the server breaks the protocol.
 *
 * Server-side changes go straight into the server's Store (the same
 * SQLite file), as another client of the backend would make them.
 *
 * @package ActiveSync
 */
class Session
{
    /**
     * @var Client
     */
    protected $_client;

    /**
     * @var Store
     */
    protected $_store;

    /**
     * @var string
     */
    protected $_user;

    /**
     * Recorded exchanges: title, command, HTTP status, request XML, response XML.
     *
     * @var array[]
     */
    protected $_transcript = [];

    /**
     * Folder class => [serverid, synckey].
     *
     * @var array
     */
    public $collections = [];

    /**
     * @var string
     */
    public $hierarchyKey = '0';

    /**
     * Optional progress output: called with one line per exchange.
     *
     * @var callable|null
     */
    public $printer;

    /**
     * Step title of the next exchange.
     *
     * @var string
     */
    protected $_title = '';

    /**
     * @param Client $client
     * @param Store $store  The server's store (server-side changes).
     */
    public function __construct(Client $client, Store $store)
    {
        $this->_client = $client;
        $this->_store = $store;
        $this->_user = $client->user;
        $client->trace = function ($cmd, $body, Response $response) {
            $this->_record($cmd, $body, $response);
        };
    }

    /**
     * Sample data for the user when the store has none.
     */
    public static function seed(Store $store, $user)
    {
        if ($store->items($user, Store::CONTACTS)) {
            return;
        }
        $base = 1893492000; // 2030-01-02 10:00 UTC: fixed, so runs compare
        foreach ([['Ada', 'Lovelace', 'Analytical Engines'], ['Alan', 'Turing', 'Bletchley Park'],
                  ['Grace', 'Hopper', 'US Navy']] as $i => [$first, $last, $company]) {
            $store->add($user, Store::CONTACTS, [
                'firstname' => $first, 'lastname' => $last, 'fileas' => "$last, $first", 'companyname' => $company,
                'email1address' => strtolower($first) . '@example.com', 'mobilephonenumber' => '+1 555 010' . $i,
                'categories' => ['Pioneers'], 'body' => "Notes about $first $last.",
                'birthday' => $base - (100 + $i) * 31557600,
            ]);
        }
        foreach ([['Standup', 1800], ['Design review', 7200]] as $i => [$subject, $length]) {
            $start = $base + $i * 86400;
            $store->add($user, Store::CALENDAR, [
                'subject' => $subject, 'location' => 'Room ' . ($i + 1), 'uid' => 'seed-event-' . $i,
                'starttime' => $start, 'endtime' => $start + $length, 'dtstamp' => $base - 86400,
                'busystatus' => '2', 'sensitivity' => '0', 'reminder' => '15', 'alldayevent' => '0',
                'meetingstatus' => '0', 'body' => "Agenda of $subject",
            ]);
        }
        foreach ([['Write the report', 0], ['File the expenses', 1]] as $i => [$subject, $complete]) {
            $store->add($user, Store::TASKS, [
                'subject' => $subject, 'importance' => '1', 'complete' => (string)$complete,
                'startdate' => $base, 'duedate' => $base + 7 * 86400,
                'datecompleted' => $complete ? $base + 86400 : null, 'body' => "Details: $subject",
            ]);
        }
        foreach (['Shopping list', 'Ideas'] as $subject) {
            $store->add($user, Store::NOTES, [
                'subject' => $subject, 'messageclass' => 'IPM.StickyNote', 'lastmodified' => $base,
                'body' => "$subject: milk, eggs",
            ]);
        }
    }

    /**
     * The whole session.
     */
    public function run()
    {
        $this->options();
        $this->provision();
        if ($this->_client->version >= '12.0') {
            $this->settings();
        }
        $this->folderSync();
        foreach ($this->classes() as $class) {
            $this->initialSync($class);
        }
        $this->estimate(Store::CONTACTS);
        $this->serverChanges();
        $this->clientChanges();
        $this->fetch(Store::CONTACTS);
        $this->pingSeesChange();
        $this->lostResponse();
        $this->folderChanges();
        return $this->_transcript;
    }

    /**
     * The collection classes this version syncs (Notes from 14.0 on).
     *
     * @return string[]
     */
    public function classes()
    {
        $classes = [Store::CONTACTS, Store::CALENDAR, Store::TASKS];
        if ($this->_client->version >= '14.0') {
            $classes[] = Store::NOTES;
        }
        return $classes;
    }

    /* ---- steps ------------------------------------------------------- */

    public function options()
    {
        $this->_title = 'OPTIONS';
        $response = $this->_client->options();
        $this->_expect($response->status === 200, 'OPTIONS answered ' . $response->status);
        $versions = explode(',', (string)$response->header('ms-asprotocolversions'));
        $this->_expect(in_array($this->_client->version, $versions, true),
            sprintf('the server does not offer %s (%s)', $this->_client->version, implode(',', $versions)));
        return $response;
    }

    /**
     * Provisions the device: the refused first request (HTTP 449 and/or
     * status 142), the policy download and its acknowledgement.
     */
    public function provision()
    {
        $this->_title = 'FolderSync before provisioning';
        $response = $this->_client->send('FolderSync', $this->_folderSyncRequest('0'));
        $this->_expect($response->status === 449 || $response->value('FolderHierarchy:Status') === '142'
            || $response->value('Status') === '142', 'an unprovisioned device was not asked to provision');
        $this->_title = 'Provision: download the policy';
        $type = $this->_client->version < '12.0' ? 'MS-WAP-Provisioning-XML' : 'MS-EAS-Provisioning-WBXML';
        $response = $this->_client->send('Provision', $this->_provisionRequest($type));
        $key = $response->value('Provision:Policies/Provision:Policy/Provision:PolicyKey');
        $this->_expect($response->value('Provision:Status') === '1' && $key !== null, 'no policy in phase 2');
        $this->_title = 'Provision: acknowledge';
        $response = $this->_client->send('Provision', $this->_provisionRequest($type, $key, '1'));
        $final = $response->value('Provision:Policies/Provision:Policy/Provision:PolicyKey');
        $this->_expect($response->value('Provision:Policies/Provision:Policy/Provision:Status') === '1' && $final,
            'the acknowledgement was refused');
        $this->_client->policyKey = $final;
        return $response;
    }

    public function settings()
    {
        $this->_title = 'Settings: device information, user information';
        $response = $this->_send('Settings', ['Settings:Settings', [
            ['Settings:DeviceInformation', [['Settings:Set', [
                ['Settings:Model', 'Scripted device'],
                ['Settings:FriendlyName', 'horde_activesync session'],
                ['Settings:OS', 'PHP ' . PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION],
                ['Settings:UserAgent', $this->_client->userAgent],
            ]]]],
            ['Settings:UserInformation', [['Settings:Get', null]]],
        ]]);
        $this->_expect($response->value('Settings:Status') === '1', 'Settings failed');
        return $response;
    }

    public function folderSync()
    {
        $this->_title = 'FolderSync: the hierarchy';
        $response = $this->_send('FolderSync', $this->_folderSyncRequest($this->hierarchyKey));
        $this->_expect($response->value('FolderHierarchy:Status') === '1', 'FolderSync failed');
        $this->hierarchyKey = $response->value('FolderHierarchy:SyncKey');
        $types = ['9' => Store::CONTACTS, '8' => Store::CALENDAR, '7' => Store::TASKS, '10' => Store::NOTES];
        foreach ($response->tree()->find('FolderHierarchy:Changes')->children('FolderHierarchy:Add') as $add) {
            $type = $add->value('FolderHierarchy:Type');
            if (isset($types[$type])) {
                $this->collections[$types[$type]] = [$add->value('FolderHierarchy:ServerEntryId'), '0'];
            }
        }
        foreach ($this->classes() as $class) {
            $this->_expect(isset($this->collections[$class]), "no $class folder");
        }
        return $response;
    }

    /**
     * Sync key 0, then the items in windows of two (MoreAvailable).
     */
    public function initialSync($class)
    {
        $this->_title = "Sync $class: prime the key";
        $response = $this->sync($class, ['getchanges' => false]);
        $this->_expect($this->_folderStatus($response, $class) === '1', "priming $class failed");
        $seen = 0;
        for ($round = 1; $round <= 10; $round++) {
            $this->_title = "Sync $class: initial items, window $round";
            $response = $this->sync($class, ['windowsize' => 2, 'filtertype' => $class == Store::TASKS ? '8' : null]);
            $folder = $this->_folder($response, $class);
            $this->_expect($folder && $folder->value('Status') === '1', "initial sync of $class failed");
            $commands = $folder->child('Commands');
            $seen += $commands ? count($commands->children('Add')) : 0;
            if (!$folder->child('MoreAvailable')) {
                break;
            }
        }
        $expected = count(array_filter($this->_store->items($this->_user, $class), function ($item) use ($class) {
            return $class != Store::TASKS || empty($item['complete']);
        }));
        $this->_expect($seen === $expected, sprintf('%s: %d items arrived, %d expected', $class, $seen, $expected));
        return $seen;
    }

    public function estimate($class)
    {
        $this->_store->add($this->_user, $class == Store::CONTACTS ? Store::CONTACTS : $class,
            ['firstname' => 'Katherine', 'lastname' => 'Johnson', 'email1address' => 'katherine@example.com']);
        $this->_title = "GetItemEstimate $class";
        $version = $this->_client->version;
        $folder = [];
        if ($version < '12.1') {
            $folder[] = ['GetItemEstimate:FolderType', $class];
        }
        $folder[] = ['GetItemEstimate:FolderId', $this->collections[$class][0]];
        if ($version >= '14.0') {
            $folder = array_merge([['SyncKey', $this->collections[$class][1]]], $folder);
        } else {
            $folder[] = ['FilterType', '0'];
            $folder[] = ['SyncKey', $this->collections[$class][1]];
        }
        $response = $this->_send('GetItemEstimate', ['GetItemEstimate:GetItemEstimate', [
            ['GetItemEstimate:Folders', [['GetItemEstimate:Folder', $folder]]]]]);
        $this->_expect($response->value('GetItemEstimate:Response/GetItemEstimate:Status') === '1',
            'GetItemEstimate failed');
        $this->_expect($response->value('GetItemEstimate:Response/GetItemEstimate:Folder/GetItemEstimate:Estimate') === '1',
            'GetItemEstimate counted wrong');
        return $response;
    }

    /**
     * Changes made on the server arrive: an addition (from estimate()), a
     * change and a deletion.
     */
    public function serverChanges()
    {
        $items = $this->_store->items($this->_user, Store::CONTACTS);
        $uids = array_keys($items);
        $first = $items[$uids[0]];
        $first['jobtitle'] = 'Countess';
        unset($first['_uid'], $first['_modseq']);
        $this->_store->change($this->_user, Store::CONTACTS, $uids[0], $first);
        $this->_store->delete($this->_user, Store::CONTACTS, $uids[1]);
        $this->_title = 'Sync Contacts: server-side add, change, delete';
        $response = $this->sync(Store::CONTACTS);
        $commands = $this->_folder($response, Store::CONTACTS)->child('Commands');
        $this->_expect($commands && count($commands->children('Add')) === 1 && count($commands->children('Modify')) === 1
            && count($commands->children('Remove')) === 1, 'server-side changes did not arrive as Add, Change, Delete');
        return $response;
    }

    /**
     * Changes made on the device reach the server: an addition, a change,
     * a deletion; each comes back in the replies, none is echoed.
     */
    public function clientChanges()
    {
        $items = $this->_store->items($this->_user, Store::CONTACTS);
        $uids = array_keys($items);
        $this->_title = 'Sync Contacts: device adds, changes, deletes';
        $response = $this->sync(Store::CONTACTS, ['commands' => [
            ['Add', [['ClientEntryId', 'client-1'], ['Data', [
                ['POOMCONTACTS:FirstName', 'Margaret'], ['POOMCONTACTS:LastName', 'Hamilton'],
                ['POOMCONTACTS:Email1Address', 'margaret@example.com'],
            ]]]],
            ['Modify', [['ServerEntryId', $uids[0]], ['Data', [
                ['POOMCONTACTS:FirstName', 'Ada'], ['POOMCONTACTS:LastName', 'King'],
                ['POOMCONTACTS:CompanyName', 'Analytical Engines'],
            ]]]],
            ['Remove', [['ServerEntryId', end($uids)]]],
        ]]);
        $folder = $this->_folder($response, Store::CONTACTS);
        $this->_expect($folder && $folder->value('Status') === '1', 'client changes were refused');
        $add = $folder->find('Replies/Add');
        $this->_expect($add && $add->value('Status') === '1' && $add->value('ServerEntryId'),
            'the added contact got no server id');
        $stored = $this->_store->get($this->_user, Store::CONTACTS, $uids[0]);
        $this->_expect($stored && $stored['lastname'] === 'King', 'the change did not reach the server');
        $this->_expect($this->_store->get($this->_user, Store::CONTACTS, end($uids)) === null,
            'the deletion did not reach the server');
        $this->_title = 'Sync Contacts: nothing echoed back';
        $response = $this->sync(Store::CONTACTS);
        $folder = $this->_folder($response, Store::CONTACTS);
        $this->_expect(!$folder || !$folder->child('Commands'), 'the device\'s own changes came back');
        return $response;
    }

    public function fetch($class)
    {
        $uids = array_keys($this->_store->items($this->_user, $class));
        $this->_title = "Sync $class: fetch one item";
        $response = $this->sync($class, ['getchanges' => false, 'commands' => [['Fetch', [['ServerEntryId', $uids[0]]]]]]);
        $fetch = $this->_folder($response, $class)->find('Replies/Fetch');
        $this->_expect($fetch && $fetch->value('Status') === '1' && $fetch->child('Data'), 'Fetch failed');
        return $response;
    }

    /**
     * A change made while the device pings is reported.
     */
    public function pingSeesChange()
    {
        $this->_store->add($this->_user, Store::CALENDAR, [
            'subject' => 'Planning', 'uid' => 'seed-event-ping', 'starttime' => 1893751200, 'endtime' => 1893754800,
            'busystatus' => '2', 'dtstamp' => 1893400000,
        ]);
        $this->_title = 'Ping Contacts and Calendar: a change waits';
        $response = $this->_send('Ping', ['Ping:Ping', [
            ['Ping:HeartbeatInterval', '60'],
            ['Ping:Folders', [
                ['Ping:Folder', [['Ping:ServerEntryId', $this->collections[Store::CONTACTS][0]], ['Ping:FolderType', 'Contacts']]],
                ['Ping:Folder', [['Ping:ServerEntryId', $this->collections[Store::CALENDAR][0]], ['Ping:FolderType', 'Calendar']]],
            ]],
        ]]);
        $this->_expect($response->value('Ping:Status') === '2', 'Ping did not report the change');
        $folders = $response->tree()->find('Ping:Folders');
        $this->_expect($folders && $folders->value('Ping:Folder') === $this->collections[Store::CALENDAR][0],
            'Ping named the wrong folder');
        $this->_title = 'Sync Calendar: what Ping reported';
        $response = $this->sync(Store::CALENDAR);
        $commands = $this->_folder($response, Store::CALENDAR)->child('Commands');
        $this->_expect($commands && count($commands->children('Add')) === 1, 'the pinged change did not arrive');
        return $response;
    }

    /**
     * The response to a Sync is lost: the device repeats the request with
     * the same key and must get the same items again, then continue.
     */
    public function lostResponse()
    {
        $this->_store->add($this->_user, Store::TASKS, ['subject' => 'Call back', 'complete' => '0']);
        [$id, $key] = $this->collections[Store::TASKS];
        $this->_title = 'Sync Tasks: the response is lost';
        $lost = $this->sync(Store::TASKS, ['filtertype' => '8']);
        $this->collections[Store::TASKS][1] = $key;
        $this->_title = 'Sync Tasks: the same key again';
        $again = $this->sync(Store::TASKS, ['filtertype' => '8']);
        $first = $this->_folder($lost, Store::TASKS);
        $second = $this->_folder($again, Store::TASKS);
        $this->_expect($second && $second->value('Status') === '1', 'the repeated key was refused');
        $this->_expect($first->find('Commands/Add') && $second->find('Commands/Add')
            && $first->find('Commands/Add')->value('ServerEntryId') === $second->find('Commands/Add')->value('ServerEntryId'),
            'the repeated request did not get the same change');
        $this->_title = 'Sync Tasks: continue';
        $next = $this->sync(Store::TASKS, ['filtertype' => '8']);
        $folder = $this->_folder($next, Store::TASKS);
        $this->_expect($folder && $folder->value('Status') === '1' && !$folder->child('Commands'),
            'after the repeat the change came a third time');
        return $next;
    }

    /**
     * A folder created, renamed and deleted on the device.
     */
    public function folderChanges()
    {
        $this->_title = 'FolderCreate: a contacts folder';
        $response = $this->_send('FolderCreate', ['FolderHierarchy:FolderCreate', [
            ['FolderHierarchy:SyncKey', $this->hierarchyKey],
            ['FolderHierarchy:ParentId', '0'],
            ['FolderHierarchy:DisplayName', 'Colleagues'],
            ['FolderHierarchy:Type', '14'],
        ]]);
        $this->_expect($response->value('FolderHierarchy:Status') === '1', 'FolderCreate failed');
        $this->hierarchyKey = $response->value('FolderHierarchy:SyncKey');
        $folder = $response->value('FolderHierarchy:ServerEntryId');
        $this->_title = 'FolderUpdate: rename it';
        $response = $this->_send('FolderUpdate', ['FolderHierarchy:FolderUpdate', [
            ['FolderHierarchy:SyncKey', $this->hierarchyKey],
            ['FolderHierarchy:ServerEntryId', $folder],
            ['FolderHierarchy:ParentId', '0'],
            ['FolderHierarchy:DisplayName', 'Team'],
        ]]);
        $this->_expect($response->value('FolderHierarchy:Status') === '1', 'FolderUpdate failed');
        $this->hierarchyKey = $response->value('FolderHierarchy:SyncKey');
        $this->_title = 'FolderDelete: delete it';
        $response = $this->_send('FolderDelete', ['FolderHierarchy:FolderDelete', [
            ['FolderHierarchy:SyncKey', $this->hierarchyKey],
            ['FolderHierarchy:ServerEntryId', $folder],
        ]]);
        $this->_expect($response->value('FolderHierarchy:Status') === '1', 'FolderDelete failed');
        $this->hierarchyKey = $response->value('FolderHierarchy:SyncKey');
        $this->_title = 'FolderSync: nothing new';
        $response = $this->_send('FolderSync', $this->_folderSyncRequest($this->hierarchyKey));
        $this->_expect($response->value('FolderHierarchy:Status') === '1', 'FolderSync after the changes failed');
        $changes = $response->tree()->find('FolderHierarchy:Changes');
        $this->_expect(!$changes || !$changes->children('FolderHierarchy:Add') && !$changes->children('FolderHierarchy:Update')
            && !$changes->children('FolderHierarchy:Remove'), 'the device\'s own folder changes came back');
        $this->hierarchyKey = $response->value('FolderHierarchy:SyncKey');
        return $response;
    }

    /**
     * One Sync of one collection; the new key is kept.
     *
     * @param string $class
     * @param array $options  windowsize, getchanges, filtertype, commands.
     *
     * @return Response
     */
    public function sync($class, array $options = [])
    {
        [$id, $key] = $this->collections[$class];
        $collection = [];
        $version = $this->_client->version;
        if ($version < '12.1') {
            $collection[] = ['FolderType', $class];
        }
        $collection[] = ['SyncKey', $key];
        $collection[] = ['FolderId', $id];
        if ($key !== '0') {
            if (!isset($options['getchanges']) || $options['getchanges']) {
                $collection[] = ['GetChanges', null];
            }
            $collection[] = ['WindowSize', (string)(isset($options['windowsize']) ? $options['windowsize'] : 25)];
            $opts = [];
            if (!empty($options['filtertype'])) {
                $opts[] = ['FilterType', $options['filtertype']];
            }
            if ($version >= '12.0') {
                $opts[] = ['AirSyncBase:BodyPreference', [['AirSyncBase:Type', '1'], ['AirSyncBase:TruncationSize', '32768']]];
            } else {
                $opts[] = ['Truncation', '8'];
            }
            $collection[] = ['Options', $opts];
            if (!empty($options['commands'])) {
                $collection[] = ['Commands', $options['commands']];
            }
        }
        $response = $this->_send('Sync', ['Synchronize', [['Folders', [['Folder', $collection]]]]]);
        $folder = $this->_folder($response, $class);
        if ($folder && $folder->value('SyncKey') !== null) {
            $this->collections[$class][1] = $folder->value('SyncKey');
        }
        return $response;
    }

    /**
     * @return array[]  The exchanges so far.
     */
    public function transcript()
    {
        return $this->_transcript;
    }

    /* ---- helpers ----------------------------------------------------- */

    /**
     * Sends a command; when the server wants the device provisioned again
     * (HTTP 449), provisions and repeats it, as devices do.
     */
    protected function _send($cmd, array $body)
    {
        $response = $this->_client->send($cmd, $body);
        if ($response->status !== 449) {
            return $response;
        }
        $title = $this->_title;
        $this->provision();
        $this->_title = $title . ' (again)';
        return $this->_client->send($cmd, $body);
    }

    protected function _folderSyncRequest($key)
    {
        return ['FolderHierarchy:FolderSync', [['FolderHierarchy:SyncKey', $key]]];
    }

    protected function _provisionRequest($type, $key = null, $status = null)
    {
        $policy = [['Provision:PolicyType', $type]];
        if ($key !== null) {
            $policy[] = ['Provision:PolicyKey', $key];
            $policy[] = ['Provision:Status', $status];
        }
        return ['Provision:Provision', [['Provision:Policies', [['Provision:Policy', $policy]]]]];
    }

    /**
     * The response's Folder element of a class.
     *
     * @return Element|null
     */
    protected function _folder(Response $response, $class)
    {
        $tree = $response->tree();
        $folders = $tree ? $tree->child('Folders') : null;
        if (!$folders) {
            return null;
        }
        foreach ($folders->children('Folder') as $folder) {
            if ($folder->value('FolderId') === $this->collections[$class][0]) {
                return $folder;
            }
        }
        return null;
    }

    protected function _folderStatus(Response $response, $class)
    {
        $folder = $this->_folder($response, $class);
        return $folder ? $folder->value('Status') : $response->value('Status');
    }

    protected function _expect($condition, $message)
    {
        if (!$condition) {
            $last = end($this->_transcript);
            throw new RuntimeException(sprintf('%s [%s, EAS %s]%s', $message, $this->_title, $this->_client->version,
                $last ? "\nlast response (HTTP {$last['status']}):\n{$last['response']}" : ''));
        }
    }

    protected function _record($cmd, $body, Response $response)
    {
        $entry = [
            'title' => $this->_title,
            'command' => $cmd === '' ? 'OPTIONS' : $cmd,
            'status' => $response->status,
            'request' => is_array($body) ? \Horde\ActiveSync\Native\wbxml_to_xml(Client::encode($body)) : '',
            'response' => $response->xml(),
            'headers' => array_intersect_key($response->headers, array_flip([
                'ms-asprotocolversions', 'ms-asprotocolcommands', 'ms-server-activesync', 'www-authenticate',
                'retry-after', 'x-ms-asthrottle', 'x-ms-rp'])),
            'bytes' => strlen($response->body),
        ];
        $this->_transcript[] = $entry;
        if ($this->printer) {
            call_user_func($this->printer, $entry);
        }
    }
}
