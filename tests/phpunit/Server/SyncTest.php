<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use Horde\ActiveSync\Embedded\Client;
use Horde\ActiveSync\Embedded\Response;
use Horde\ActiveSync\Embedded\Session;
use Horde\ActiveSync\Embedded\Store;

/**
 * Sync and Ping over real HTTP: requests of one device side by side,
 * streamed and buffered delivery, the FolderSync-required loop guard.
 */
class SyncTest extends ServerTestCase
{
    protected function setUp(): void
    {
        $this->requireMessages();
    }

    private function _ping(Session $session, array $classes, string $heartbeat = '60'): array
    {
        $folders = [];
        foreach ($classes as $class) {
            $folders[] = ['Ping:Folder', [['Ping:ServerEntryId', $session->collections[$class][0]],
                ['Ping:FolderType', $class]]];
        }
        return ['Ping:Ping', [['Ping:HeartbeatInterval', $heartbeat], ['Ping:Folders', $folders]]];
    }

    private function _adds(Response $response): int
    {
        $folder = $response->tree()->find('Folders/Folder');
        $commands = $folder ? $folder->child('Commands') : null;
        return $commands ? count($commands->children('Add')) : 0;
    }

    public function testSyncWhilePingWaits(): void
    {
        $server = $this->server();
        [$client, $session] = $this->device($server, '14.1', 'PARALLEL');
        $store = $server->store();
        foreach ([Store::CONTACTS, Store::CALENDAR, Store::TASKS] as $class) {
            $session->initialSync($class);
        }

        $started = microtime(true);
        $ping = $client->start('POST', 'Ping', $this->_ping($session, [Store::CONTACTS, Store::CALENDAR]));
        usleep(500000);

        // The same device syncs another collection meanwhile: not held up
        // by the hanging Ping, and it does not end it.
        $before = microtime(true);
        $response = $session->sync(Store::TASKS, ['filtertype' => '8', 'commands' => [
            ['Add', [['ClientEntryId', 'task-1'], ['Data', [['POOMTASKS:Subject', 'Parallel'], ['POOMTASKS:Complete', '0']]]]],
        ]]);
        $this->assertLessThan(5, microtime(true) - $before);
        $this->assertSame('1', $response->tree()->find('Folders/Folder')->value('Status'));
        $this->assertSame('1', $response->tree()->find('Folders/Folder/Replies/Add')->value('Status'));

        // A change in a pinged folder ends the Ping.
        $store->add('demo', Store::CALENDAR, ['subject' => 'Late', 'starttime' => 1893751200, 'endtime' => 1893754800]);
        $response = $client->finish($ping);
        $this->assertSame('2', $response->value('Ping:Status'), $response->xml());
        $this->assertSame($session->collections[Store::CALENDAR][0], $response->tree()->find('Ping:Folders')->value('Ping:Folder'));
        $this->assertLessThan(20, microtime(true) - $started);

        $this->assertSame(1, $this->_adds($session->sync(Store::CALENDAR)));
    }

    public function testNewerPingEndsTheOlder(): void
    {
        $server = $this->server();
        [$client, $session] = $this->device($server, '14.1', 'TWOPINGS');
        $session->initialSync(Store::CONTACTS);
        $first = $client->start('POST', 'Ping', $this->_ping($session, [Store::CONTACTS]));
        usleep(500000);
        $second = $client->start('POST', 'Ping', $this->_ping($session, [Store::CONTACTS]));
        $before = microtime(true);
        $response = $client->finish($first);
        $this->assertSame(200, $response->status);
        $this->assertLessThan(10, microtime(true) - $before);
        $server->store()->add('demo', Store::CONTACTS, ['firstname' => 'Edsger', 'lastname' => 'Dijkstra']);
        $response = $client->finish($second);
        $this->assertSame('2', $response->value('Ping:Status'));
    }

    public function testPingHeartbeatLimits(): void
    {
        $server = $this->server();
        [$client, $session] = $this->device($server, '14.1', 'HEARTBEAT');
        $session->initialSync(Store::CONTACTS);
        // Outside heartbeatmin..heartbeatmax: status 5 and the limit.
        $response = $client->send('Ping', $this->_ping($session, [Store::CONTACTS], '10'));
        $this->assertSame('5', $response->value('Ping:Status'));
        $this->assertSame('60', $response->value('Ping:HeartbeatInterval'));
        $response = $client->send('Ping', $this->_ping($session, [Store::CONTACTS], '99999'));
        $this->assertSame('5', $response->value('Ping:Status'));
        $this->assertSame('2700', $response->value('Ping:HeartbeatInterval'));
    }

    private function _manyContacts(Store $store, int $count): void
    {
        for ($i = 0; $i < $count; $i++) {
            $store->add('demo', Store::CONTACTS, ['firstname' => "First$i", 'lastname' => "Last$i",
                'email1address' => "user$i@example.com"]);
        }
    }

    public function testStreamedSyncCapsMessagesPerResponse(): void
    {
        $server = $this->server();
        $store = $server->store();
        Session::seed($store, 'demo');
        $this->_manyContacts($store, 22);
        [$client, $session] = $this->device($server, '14.1', 'STREAMED');
        $session->sync(Store::CONTACTS, ['getchanges' => false]);
        $seen = [];
        for ($round = 0; $round < 5; $round++) {
            $response = $session->sync(Store::CONTACTS, ['windowsize' => 100]);
            // Streamed: no length, the body ends with the connection.
            $this->assertNull($response->header('Content-Length'));
            $seen[] = $this->_adds($response);
            if (!$response->tree()->find('Folders/Folder/MoreAvailable')) {
                break;
            }
        }
        // 25 contacts, at most 10 per response (the driver's maxmessagesperresponse).
        $this->assertSame([10, 10, 5], $seen);
    }

    public function testBufferedSync(): void
    {
        $server = $this->server('native', ['sync' => ['streaming' => false]]);
        $store = $server->store();
        Session::seed($store, 'demo');
        $this->_manyContacts($store, 22);
        [$client, $session] = $this->device($server, '14.1', 'BUFFERED');
        $session->sync(Store::CONTACTS, ['getchanges' => false]);
        $response = $session->sync(Store::CONTACTS, ['windowsize' => 100]);
        $this->assertSame((string)strlen($response->body), $response->header('Content-Length'));
        $this->assertSame(25, $this->_adds($response));
        $this->assertNull($response->tree()->find('Folders/Folder/MoreAvailable'));
    }

    /** The SyncCache the server keeps for a device (read through our State_Sql). */
    private function _cache(\Horde\ActiveSync\Test\Support\HttpServer $server, string $device): array
    {
        $db = new \Horde_Db_Adapter_Pdo_Sqlite(['dbname' => $server->config['data'] . '/state.sqlite', 'charset' => 'utf-8']);
        return (new \Horde_ActiveSync_State_Sql(['db' => $db]))->getSyncCache($device, 'demo');
    }

    /** php/bin/eas-ops on the server's data: [exit code, decoded JSON output]. */
    private function _easOps(\Horde\ActiveSync\Test\Support\HttpServer $server, array $args): array
    {
        $cmd = escapeshellarg(PHP_BINARY) . ' -d extension=' . escapeshellarg(EAS_EXTENSION_PATH) . ' '
            . escapeshellarg(EAS_TEST_ROOT . '/php/bin/eas-ops') . ' --data=' . escapeshellarg($server->config['data'])
            . ' ' . implode(' ', array_map('escapeshellarg', $args)) . ' 2>&1';
        exec($cmd, $lines, $rc);
        $decoded = json_decode(implode("\n", $lines), true);
        $this->assertIsArray($decoded, implode("\n", $lines));
        return [$rc, $decoded];
    }

    public function testMoreAvailableBacklogIsTrackedForTheMonitor(): void
    {
        $server = $this->server();
        [$client, $session] = $this->device($server, '14.1', 'BACKLOG');
        $session->sync(Store::CONTACTS, ['getchanges' => false]);
        $id = $session->collections[Store::CONTACTS][0];

        $before = time();
        $response = $session->sync(Store::CONTACTS, ['windowsize' => 1]);
        $this->assertNotNull($response->tree()->find('Folders/Folder/MoreAvailable'));
        $entry = $this->_cache($server, 'BACKLOG')['collections'][$id];
        $this->assertGreaterThanOrEqual($before, $entry['backlog']);
        $this->assertLessThanOrEqual(time(), $entry['backlog']);
        $this->assertSame(0, $entry['backlogpings']);

        // The monitor: a backlog past the grace period is pending, a young one is not.
        [$rc, $device] = $this->_easOps($server, ['show', 'demo', 'BACKLOG', '--format=json',
            '--now=' . ($entry['backlog'] + 61)]);
        $this->assertSame(0, $rc);
        $this->assertSame('warn', $device['status']);
        $byId = array_column($device['collections'], null, 'id');
        $this->assertSame(['backlog_pending'], array_column($byId[$id]['signals'], 'code'));
        [$rc, $device] = $this->_easOps($server, ['show', 'demo', 'BACKLOG', '--format=json',
            '--now=' . ($entry['backlog'] + 10)]);
        $this->assertSame('ok', $device['status']);

        // The next window carries the rest: the backlog is gone.
        $response = $session->sync(Store::CONTACTS, ['windowsize' => 100]);
        $this->assertNull($response->tree()->find('Folders/Folder/MoreAvailable'));
        $this->assertGreaterThan(0, $this->_adds($response));
        $entry = $this->_cache($server, 'BACKLOG')['collections'][$id];
        $this->assertArrayNotHasKey('backlog', $entry);
        $this->assertArrayNotHasKey('backlogpings', $entry);
        [$rc, $summary] = $this->_easOps($server, ['summary', '--format=json', '--now=' . (time() + 3600)]);
        $this->assertSame(0, $rc);
        $this->assertSame(1, $summary['devices']);
        $this->assertSame(0, $summary['warn'] + $summary['critical']);
    }

    public function testDeferredImportWithKeepAlives(): void
    {
        $server = $this->server('native', ['sync' => ['keepaliveinterval' => 0]]);
        [$client, $session] = $this->device($server, '14.1', 'KEEPALIVE');
        $session->initialSync(Store::CONTACTS);
        $commands = [];
        for ($i = 0; $i < 5; $i++) {
            $commands[] = ['Add', [['ClientEntryId', "c$i"], ['Data', [['POOMCONTACTS:FirstName', "Device$i"]]]]];
        }
        $response = $session->sync(Store::CONTACTS, ['commands' => $commands]);
        $replies = $response->tree()->find('Folders/Folder/Replies');
        $this->assertCount(5, $replies->children('Add'));
        foreach ($replies->children('Add') as $add) {
            $this->assertSame('1', $add->value('Status'));
        }
        $this->assertStringContainsString('imported 5 deferred incoming change(s)', $server->log('KEEPALIVE'));
        $this->assertStringContainsString('5 keep-alive(s) emitted', $server->log('KEEPALIVE'));
        $this->assertCount(5, array_filter($server->store()->items('demo', Store::CONTACTS), function ($item) {
            return strncmp((string)($item['firstname'] ?? ''), 'Device', 6) === 0;
        }));
    }

    public function testFolderSyncRequiredLoopIsBroken(): void
    {
        $server = $this->server();
        $store = $server->store();
        Session::seed($store, 'demo');
        $extra = $store->createFolder('demo', Store::CONTACTS, 'Colleagues', 14);
        [$client, $session] = $this->device($server, '14.1', 'FSRLOOP');
        $response = $client->send('FolderSync', ['FolderHierarchy:FolderSync', [['FolderHierarchy:SyncKey', '0']]]);
        foreach ($response->tree()->find('FolderHierarchy:Changes')->children('FolderHierarchy:Add') as $add) {
            if ($add->value('FolderHierarchy:DisplayName') === 'Colleagues') {
                $session->collections['Extra'] = [$add->value('FolderHierarchy:ServerEntryId'), '0'];
            }
        }
        $this->assertArrayHasKey('Extra', $session->collections);
        $session->sync(Store::CONTACTS, ['getchanges' => false]);
        $session->sync(Store::CONTACTS);
        $session->sync('Extra', ['getchanges' => false]);
        $session->sync('Extra');

        // The folder goes away on the server; the device keeps pinging it
        // without the FolderSync it is told to make.
        $store->deleteFolder('demo', $extra);
        $ping = ['Ping:Ping', [['Ping:HeartbeatInterval', '60'], ['Ping:Folders', [
            ['Ping:Folder', [['Ping:ServerEntryId', $session->collections[Store::CONTACTS][0]], ['Ping:FolderType', 'Contacts']]],
            ['Ping:Folder', [['Ping:ServerEntryId', $session->collections['Extra'][0]], ['Ping:FolderType', 'Contacts']]],
        ]]]];
        $this->assertSame('7', $client->send('Ping', $ping)->value('Ping:Status'));
        $this->assertSame('7', $client->send('Ping', $ping)->value('Ping:Status'));
        // The third time the ghost collection is dropped and the rest pinged.
        $store->add('demo', Store::CONTACTS, ['firstname' => 'Barbara', 'lastname' => 'Liskov']);
        $response = $client->send('Ping', $ping);
        $this->assertSame('2', $response->value('Ping:Status'), $response->xml());
        $this->assertSame($session->collections[Store::CONTACTS][0], $response->tree()->find('Ping:Folders')->value('Ping:Folder'));
    }
}
