<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use Horde\ActiveSync\Embedded\Client;

/**
 * MS-ASHTTP over real HTTP: OPTIONS, the query forms, version ceilings,
 * authentication, provisioning (449, 142/144), blocked and denied devices,
 * throttling, remote wipe. None of this needs the message classes.
 */
class HttpTest extends ServerTestCase
{
    const ALL = '2.5,12.0,12.1,14.0,14.1,16.0,16.1';

    public function testOptionsAnnouncesVersionsAndCommands(): void
    {
        $server = $this->server();
        $response = $server->client('14.1')->options();
        $this->assertSame(200, $response->status);
        $this->assertSame(self::ALL, $response->header('MS-ASProtocolVersions'));
        $this->assertSame('16.1', $response->header('MS-Server-ActiveSync'));
        $this->assertSame('OPTIONS,POST', $response->header('Allow'));
        $this->assertSame('OPTIONS,POST', $response->header('Public'));
        $commands = explode(',', $response->header('MS-ASProtocolCommands'));
        foreach (['Sync', 'SendMail', 'FolderSync', 'Provision', 'Ping', 'Settings', 'ItemOperations', 'Find'] as $cmd) {
            $this->assertContains($cmd, $commands);
        }
        $this->assertSame('', $response->body);
    }

    public function testGlobalCeiling(): void
    {
        $server = $this->server('native', ['version' => '14.1']);
        $response = $server->client('14.1')->options();
        $this->assertSame('2.5,12.0,12.1,14.0,14.1', $response->header('MS-ASProtocolVersions'));
        $this->assertSame('14.1', $response->header('MS-Server-ActiveSync'));
        // Find is an EAS 16 command.
        $this->assertNotContains('Find', explode(',', $response->header('MS-ASProtocolCommands')));

        // A version above the ceiling is refused, with the versions offered.
        $response = $server->client('16.0', 'ABOVE')->send('Provision', ['Provision:Provision', [
            ['Provision:Policies', [['Provision:Policy', [['Provision:PolicyType', 'MS-EAS-Provisioning-WBXML']]]]]]]);
        $this->assertSame(400, $response->status);
        $this->assertSame('2.5,12.0,12.1,14.0,14.1', $response->header('MS-ASProtocolVersions'));
    }

    public function testPerUserAndPerDeviceCeilings(): void
    {
        $server = $this->server('native', ['versions' => ['users' => ['alice' => '12.1'], 'devices' => ['OLDPHONE' => '14.0']]]);
        $this->assertSame('2.5,12.0,12.1', $server->client('12.1', 'X', ['user' => 'alice', 'password' => 'secret'])
            ->options()->header('MS-ASProtocolVersions'));
        $this->assertSame(self::ALL, $server->client('16.1')->options()->header('MS-ASProtocolVersions'));

        // The device's ceiling applies to its requests.
        $client = $server->client('16.1', 'OLDPHONE');
        $response = $client->send('FolderSync', ['FolderHierarchy:FolderSync', [['FolderHierarchy:SyncKey', '0']]]);
        $this->assertSame(400, $response->status);
        $this->assertSame('2.5,12.0,12.1,14.0', $response->header('MS-ASProtocolVersions'));
        $client = $server->client('14.0', 'OLDPHONE');
        $this->provision($server, $client);
        $this->assertNotSame('0', $client->policyKey);

        // alice at 14.1: above her ceiling.
        $response = $server->client('14.1', 'ALICEPHONE', ['user' => 'alice', 'password' => 'secret'])
            ->send('FolderSync', ['FolderHierarchy:FolderSync', [['FolderHierarchy:SyncKey', '0']]]);
        $this->assertSame(400, $response->status);
    }

    public function testAuthentication(): void
    {
        $server = $this->server();
        $response = $server->client('14.1', 'DEV1', ['password' => 'wrong'])->options();
        $this->assertSame(401, $response->status);
        $this->assertSame('Basic realm="Horde ActiveSync"', $response->header('WWW-Authenticate'));

        $response = $this->raw($server, 'OPTIONS /Microsoft-Server-ActiveSync HTTP/1.0');
        $this->assertSame(401, $response->status);
        $this->assertSame('Basic realm="Horde ActiveSync"', $response->header('WWW-Authenticate'));

        $response = $server->client('14.1', 'DEV1', ['password' => 'wrong'])->send('FolderSync',
            ['FolderHierarchy:FolderSync', [['FolderHierarchy:SyncKey', '0']]]);
        $this->assertSame(401, $response->status);

        // User names as mail addresses.
        $store = $server->store();
        $store->addUser('bob', 'pw', 'bob@example.com');
        $this->assertSame(200, $server->client('14.1', 'DEV2', ['user' => 'bob@example.com', 'password' => 'pw'])
            ->options()->status);
    }

    public function testMalformedRequestsAreRefused(): void
    {
        $server = $this->server();
        $auth = ['Authorization' => 'Basic ' . base64_encode('demo:demo'), 'MS-ASProtocolVersion' => '14.1',
                 'Content-Type' => 'application/vnd.ms-sync.wbxml'];
        $targets = [
            // device ids with path characters, commands that are no commands
            '/Microsoft-Server-ActiveSync?Cmd=Sync&User=demo&DeviceId=..%2F..%2Fetc&DeviceType=Phone',
            '/Microsoft-Server-ActiveSync?Cmd=Sync%00&User=demo&DeviceId=ABC&DeviceType=Phone',
            '/Microsoft-Server-ActiveSync?Cmd=Base&User=demo&DeviceId=ABC&DeviceType=Phone',
            '/Microsoft-Server-ActiveSync?Cmd=NoSuchCommand&User=demo&DeviceId=ABC&DeviceType=Phone',
            '/Microsoft-Server-ActiveSync?Cmd=Sync&User=demo&DeviceId=' . str_repeat('A', 129) . '&DeviceType=Phone',
            // base64 that is not, truncated, or lies about its lengths
            '/Microsoft-Server-ActiveSync?' . rawurlencode('!!!notbase64'),
            '/Microsoft-Server-ActiveSync?' . rawurlencode(base64_encode("\x8d\x00\x09\x04\x7f")),
            '/Microsoft-Server-ActiveSync?' . rawurlencode(base64_encode("\x8d\x00\x09\x04\x03ABC\x00\x05Phone\x08\xffdemo")),
            '/Microsoft-Server-ActiveSync?' . str_repeat('A', 5000),
        ];
        foreach ($targets as $target) {
            $response = $this->raw($server, "POST $target HTTP/1.0", $auth, Client::encode(
                ['FolderHierarchy:FolderSync', [['FolderHierarchy:SyncKey', '0']]]));
            $this->assertSame(400, $response->status, $target);
        }
        // A device id is required except for OPTIONS.
        $response = $this->raw($server, 'POST /Microsoft-Server-ActiveSync?Cmd=FolderSync&User=demo HTTP/1.0', $auth);
        $this->assertSame(400, $response->status);
        // Versions the engine does not speak.
        foreach (['13.0', '', '16.1.1', '2.0'] as $version) {
            $response = $this->raw($server, 'POST /Microsoft-Server-ActiveSync?Cmd=FolderSync&User=demo&DeviceId=ABC&DeviceType=Phone HTTP/1.0',
                ['MS-ASProtocolVersion' => $version] + $auth);
            $this->assertSame(400, $response->status, "version '$version'");
        }
        // Other paths and methods.
        $this->assertSame(404, $this->raw($server, 'GET /elsewhere HTTP/1.0', $auth)->status);
        $this->assertSame(405, $this->raw($server, 'PUT /Microsoft-Server-ActiveSync HTTP/1.0', $auth)->status);
    }

    /**
     * @dataProvider versions
     */
    public function testProvisioning(string $version): void
    {
        $server = $this->server();
        $client = $server->client($version, 'PROV' . str_replace('.', '', $version));
        $folderSync = ['FolderHierarchy:FolderSync', [['FolderHierarchy:SyncKey', '0']]];

        $response = $client->send('FolderSync', $folderSync);
        $this->assertSame(449, $response->status);
        if ($version >= '14.0') {
            // MS-ASPROV: 142 when the client sent no key, in the command's own namespace.
            $this->assertSame('142', $response->value('FolderHierarchy:Status'));
        }

        $client->policyKey = '1234567';
        $response = $client->send('FolderSync', $folderSync);
        $this->assertSame(449, $response->status);
        if ($version >= '14.0') {
            // ... and 144 when the key is not the current one.
            $this->assertSame('144', $response->value('FolderHierarchy:Status'));
        }

        $type = $version < '12.0' ? 'MS-WAP-Provisioning-XML' : 'MS-EAS-Provisioning-WBXML';
        $response = $client->send('Provision', ['Provision:Provision', [['Provision:Policies', [['Provision:Policy', [
            ['Provision:PolicyType', $type]]]]]]]);
        $this->assertSame(200, $response->status);
        $this->assertSame('1', $response->value('Provision:Status'));
        $policy = $response->tree()->find('Provision:Policies/Provision:Policy');
        $this->assertSame($type, $policy->value('Provision:PolicyType'));
        $this->assertSame('1', $policy->value('Provision:Status'));
        $temporary = $policy->value('Provision:PolicyKey');
        $this->assertMatchesRegularExpression('/^[1-9][0-9]{0,9}$/', $temporary);
        $data = $policy->child('Provision:Data');
        $this->assertNotNull($data);
        if ($version < '12.0') {
            $this->assertStringContainsString('wap-provisioningdoc', $data->value());
        } else {
            $this->assertNotNull($data->find('Provision:EASProvisionDoc/Provision:DevicePasswordEnabled'));
        }

        // The acknowledgement must name the temporary key.
        $response = $client->send('Provision', ['Provision:Provision', [['Provision:Policies', [['Provision:Policy', [
            ['Provision:PolicyType', $type], ['Provision:PolicyKey', '99'], ['Provision:Status', '1']]]]]]]);
        $this->assertSame('5', $response->value('Provision:Policies/Provision:Policy/Provision:Status'));

        $this->provision($server, $client);
        $this->assertNotSame($temporary, $client->policyKey);
        $response = $client->send('Settings', ['Settings:Settings', [['Settings:UserInformation', [['Settings:Get', null]]]]]);
        if ($version >= '12.0') {
            $this->assertSame(200, $response->status);
            $this->assertSame('1', $response->value('Settings:Status'));
        }
    }

    public static function versions(): array
    {
        return ['2.5' => ['2.5'], '12.1' => ['12.1'], '14.1' => ['14.1'], '16.0' => ['16.0'], '16.1' => ['16.1']];
    }

    public function testBase64QueryForm(): void
    {
        $server = $this->server();
        foreach (['14.1', '16.1'] as $version) {
            $client = $server->client($version, 'B64' . str_replace('.', '', $version), ['base64' => true]);
            $response = $client->send('FolderSync', ['FolderHierarchy:FolderSync', [['FolderHierarchy:SyncKey', '0']]]);
            $this->assertSame(449, $response->status);
            $this->provision($server, $client);
            $response = $client->send('Settings', ['Settings:Settings', [['Settings:UserInformation', [['Settings:Get', null]]]]]);
            $this->assertSame('1', $response->value('Settings:Status'), $version);
        }
        $devices = array_column($server->admin()->devices(), 'device_type', 'device_id');
        // Horde keeps base64 device ids hex-encoded.
        $this->assertSame('SmartPhone', $devices[strtoupper(bin2hex('B64141'))]);
    }

    public function testBlockedDevice(): void
    {
        $server = $this->server();
        $old = $server->client('12.1', 'BLOCKED121');
        $new = $server->client('14.1', 'BLOCKED141');
        $this->provision($server, $old);
        $this->provision($server, $new);
        $server->admin()->block('BLOCKED121');
        $server->admin()->block('BLOCKED141');
        $folderSync = ['FolderHierarchy:FolderSync', [['FolderHierarchy:SyncKey', '0']]];

        // Up to 12.1: HTTP 403 (Horde answers 500).
        $this->assertSame(403, $old->send('FolderSync', $folderSync)->status);
        $this->assertSame(403, $old->send('Provision', ['Provision:Provision', [['Provision:Policies', [
            ['Provision:Policy', [['Provision:PolicyType', 'MS-EAS-Provisioning-WBXML']]]]]]])->status);

        // From 14.0: status 129 from the commands that report it ...
        $response = $new->send('FolderSync', $folderSync);
        $this->assertSame(200, $response->status);
        $this->assertSame('129', $response->value('FolderHierarchy:Status'));
        $response = $new->send('Ping', ['Ping:Ping', [['Ping:HeartbeatInterval', '60']]]);
        $this->assertSame('129', $response->value('Ping:Status'));
        $response = $new->send('Provision', ['Provision:Provision', [['Provision:Policies', [
            ['Provision:Policy', [['Provision:PolicyType', 'MS-EAS-Provisioning-WBXML']]]]]]]);
        $this->assertSame('129', $response->value('Provision:Status'));
        // ... and 403 from the others (Horde runs them).
        $this->assertSame(403, $new->send('Settings', ['Settings:Settings', [
            ['Settings:UserInformation', [['Settings:Get', null]]]]])->status);

        $server->admin()->block('BLOCKED141', false);
        $this->assertSame('1', $new->send('Settings', ['Settings:Settings', [
            ['Settings:UserInformation', [['Settings:Get', null]]]]])->value('Settings:Status'));
    }

    public function testDeniedUser(): void
    {
        $server = $this->server('native', ['denied' => ['alice']]);
        $options = ['user' => 'alice', 'password' => 'secret'];
        $provision = ['Provision:Provision', [['Provision:Policies', [
            ['Provision:Policy', [['Provision:PolicyType', 'MS-EAS-Provisioning-WBXML']]]]]]];
        $this->assertSame(403, $server->client('12.1', 'ALICE121', $options)->send('Provision', $provision)->status);
        $response = $server->client('14.1', 'ALICE141', $options)->send('Provision', $provision);
        $this->assertSame(200, $response->status);
        $this->assertNotSame('1', $response->value('Provision:Status'));
        $this->assertSame(200, $server->client('14.1', 'DEMO141')->send('Provision', $provision)->status);
    }

    public function testThrottledRequestsGet503(): void
    {
        $server = $this->server('native', ['throttle' => ['slots' => 1, 'retryafter' => 7]]);
        $client = $server->client('14.1', 'BUSY');
        $this->assertSame(200, $client->options()->status);

        // Hold the only slot, as a long request would.
        $dir = $server->config['data'] . '/throttle';
        @mkdir($dir, 0700, true);
        $slot = fopen($dir . '/slot-0.lock', 'c');
        $this->assertTrue(flock($slot, LOCK_EX | LOCK_NB));
        try {
            $response = $client->send('FolderSync', ['FolderHierarchy:FolderSync', [['FolderHierarchy:SyncKey', '0']]]);
            $this->assertSame(503, $response->status);
            $this->assertSame('7', $response->header('Retry-After'));
            $this->assertSame('MaxConcurrentRequests=1', $response->header('X-MS-ASThrottle'));
        } finally {
            flock($slot, LOCK_UN);
            fclose($slot);
        }
        $this->assertSame(449, $client->send('FolderSync', ['FolderHierarchy:FolderSync', [
            ['FolderHierarchy:SyncKey', '0']]])->status);
    }

    /**
     * @dataProvider wipeVersions
     */
    public function testRemoteWipe(string $version): void
    {
        $server = $this->server();
        $device = 'WIPE' . str_replace('.', '', $version);
        $client = $server->client($version, $device);
        $this->provision($server, $client);
        $server->admin()->wipe($device);
        $this->assertSame(\Horde_ActiveSync::RWSTATUS_PENDING, $server->admin()->wipeStatus($device));

        $response = $client->send('FolderSync', ['FolderHierarchy:FolderSync', [['FolderHierarchy:SyncKey', '0']]]);
        $this->assertSame(449, $response->status, $response->xml() . print_r($response->headers, true));
        if ($version >= '14.0') {
            $this->assertSame('140', $response->value('FolderHierarchy:Status'));
        }
        $type = $version < '12.0' ? 'MS-WAP-Provisioning-XML' : 'MS-EAS-Provisioning-WBXML';
        $response = $client->send('Provision', ['Provision:Provision', [['Provision:Policies', [['Provision:Policy', [
            ['Provision:PolicyType', $type]]]]]]]);
        $this->assertNotNull($response->tree()->child('Provision:RemoteWipe'), $response->xml());
        $response = $client->send('Provision', ['Provision:Provision', [
            ['Provision:RemoteWipe', [['Provision:Status', '1']]]]]);
        $this->assertSame('1', $response->value('Provision:Status'));
        $this->assertSame(\Horde_ActiveSync::RWSTATUS_WIPED, $server->admin()->wipeStatus($device));
    }

    public static function wipeVersions(): array
    {
        return ['2.5' => ['2.5'], '12.1' => ['12.1'], '14.1' => ['14.1'], '16.1' => ['16.1']];
    }

    public function testAccountOnlyWipe(): void
    {
        $server = $this->server();
        $client = $server->client('16.1', 'ACCOUNTWIPE');
        $this->provision($server, $client);
        $server->admin()->wipeAccount('ACCOUNTWIPE', 'demo');

        $response = $client->send('FolderSync', ['FolderHierarchy:FolderSync', [['FolderHierarchy:SyncKey', '0']]]);
        $this->assertSame('140', $response->value('FolderHierarchy:Status'));
        $response = $client->send('Provision', ['Provision:Provision', [['Provision:Policies', [['Provision:Policy', [
            ['Provision:PolicyType', 'MS-EAS-Provisioning-WBXML']]]]]]]);
        $this->assertNotNull($response->tree()->child('Provision:AccountOnlyRemoteWipe'), $response->xml());
        $this->assertNull($response->tree()->child('Provision:RemoteWipe'));
        $client->send('Provision', ['Provision:Provision', [['Provision:AccountOnlyRemoteWipe', [['Provision:Status', '1']]]]]);
        $this->assertSame(\Horde_ActiveSync::RWSTATUS_ACCOUNTONLY_WIPED, $server->admin()->accountWipeStatus('ACCOUNTWIPE', 'demo'));
        // The device as a whole is not wiped.
        $this->assertNotSame(\Horde_ActiveSync::RWSTATUS_WIPED, $server->admin()->wipeStatus('ACCOUNTWIPE'));
    }

    public function testAccountOnlyWipeWaitsFor161(): void
    {
        $server = $this->server();
        $client = $server->client('14.1', 'ACCOUNTWIPE141');
        $this->provision($server, $client);
        $server->admin()->wipeAccount('ACCOUNTWIPE141', 'demo');
        // The account-only wipe is an EAS 16.1 feature; the device is still
        // asked to provision again (its key was reset) but gets no wipe.
        $client->policyKey = '0';
        $this->provision($server, $client);
        $this->assertSame(\Horde_ActiveSync::RWSTATUS_ACCOUNTONLY_PENDING, $server->admin()->accountWipeStatus('ACCOUNTWIPE141', 'demo'));
    }
}
