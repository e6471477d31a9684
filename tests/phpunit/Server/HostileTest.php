<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use Horde\ActiveSync\Embedded\Client;

/**
 * Request bodies that are truncated, corrupted or of the wrong command, to
 * every command handler over HTTP: each answers promptly, with HTTP 400 or
 * a protocol status, never with a PHP error, a warning or a hang (Horde
 * loops forever on some of them).
 */
class HostileTest extends ServerTestCase
{
    protected function setUp(): void
    {
        $this->requireMessages();
    }

    /**
     * Valid requests, one per command.
     */
    private function _requests(string $folder): array
    {
        return [
            'Sync' => ['Synchronize', [['Folders', [['Folder', [['SyncKey', '0'], ['FolderId', $folder],
                ['Options', [['FilterType', '0'], ['AirSyncBase:BodyPreference', [['AirSyncBase:Type', '1'],
                    ['AirSyncBase:TruncationSize', '200']]]]],
                ['Commands', [['Add', [['ClientEntryId', 'x'], ['Data', [['POOMCONTACTS:FirstName', 'A']]]]]]]]]]]]],
            'FolderSync' => ['FolderHierarchy:FolderSync', [['FolderHierarchy:SyncKey', '0']]],
            'FolderCreate' => ['FolderHierarchy:FolderCreate', [['FolderHierarchy:SyncKey', '0'],
                ['FolderHierarchy:ParentId', '0'], ['FolderHierarchy:DisplayName', 'X'], ['FolderHierarchy:Type', '14']]],
            'FolderDelete' => ['FolderHierarchy:FolderDelete', [['FolderHierarchy:SyncKey', '0'],
                ['FolderHierarchy:ServerEntryId', $folder]]],
            'GetItemEstimate' => ['GetItemEstimate:GetItemEstimate', [['GetItemEstimate:Folders', [
                ['GetItemEstimate:Folder', [['SyncKey', '0'], ['GetItemEstimate:FolderId', $folder]]]]]]],
            'Ping' => ['Ping:Ping', [['Ping:HeartbeatInterval', '60'], ['Ping:Folders', [['Ping:Folder', [
                ['Ping:ServerEntryId', $folder], ['Ping:FolderType', 'Contacts']]]]]]],
            'Settings' => ['Settings:Settings', [['Settings:Oof', [['Settings:Get', [['Settings:BodyType', 'Text']]]]],
                ['Settings:DeviceInformation', [['Settings:Set', [['Settings:Model', 'M']]]]],
                ['Settings:UserInformation', [['Settings:Get', null]]]]],
            'ItemOperations' => ['ItemOperations:ItemOperations', [['ItemOperations:Fetch', [
                ['ItemOperations:Store', 'Mailbox'], ['CollectionId', $folder], ['ServerEntryId', 'C1'],
                ['ItemOperations:Options', [['AirSyncBase:BodyPreference', [['AirSyncBase:Type', '1']]]]]]]]],
            'MoveItems' => ['Move:MoveItems', [['Move:Move', [['Move:SrcMsgId', 'C1'], ['Move:SrcFldId', $folder],
                ['Move:DstFldId', $folder]]]]],
            'MeetingResponse' => ['MeetingResponse:MeetingResponse', [['MeetingResponse:Request', [
                ['MeetingResponse:UserResponse', '1'], ['MeetingResponse:FolderId', $folder],
                ['MeetingResponse:RequestId', 'C1']]]]],
            'Search' => ['Search:Search', [['Search:Store', [['Search:Name', 'GAL'], ['Search:Query', 'ada'],
                ['Search:Options', [['Search:Range', '0-9']]]]]]],
            'Find' => ['Find:Find', [['Find:SearchId', '6a0e7b4c-1b2c-4d5e-8f90-0123456789ab'], ['Find:ExecuteSearch', [
                ['Find:MailBoxSearchCriterion', [['Find:Query', [['FolderType', 'Email'], ['Find:FreeText', 'from:ada']]],
                    ['Find:Options', [['Find:Range', '0-9'], ['Find:DeepTraversal', null]]]]]]]]],
            'ResolveRecipients' => ['ResolveRecipients:ResolveRecipients', [['ResolveRecipients:To', 'ada@example.com'],
                ['ResolveRecipients:Options', [['ResolveRecipients:MaxAmbiguousRecipients', '5']]]]],
            'ValidateCert' => ['ValidateCert:ValidateCert', [['ValidateCert:Certificates', [
                ['ValidateCert:Certificate', base64_encode('not a certificate')]]]]],
            'SendMail' => ['ComposeMail:SendMail', [['ComposeMail:ClientId', '1'], ['ComposeMail:Mime', "Subject: x\r\n\r\nx"]]],
            'Provision' => ['Provision:Provision', [['Provision:Policies', [['Provision:Policy', [
                ['Provision:PolicyType', 'MS-EAS-Provisioning-WBXML']]]]]]],
        ];
    }

    /**
     * @dataProvider versions
     */
    public function testHostileBodies(string $version): void
    {
        $server = $this->server();
        [$client] = $this->device($server, $version, 'HOSTILE' . str_replace('.', '', $version));
        $client->timeout = 20;
        // The contacts folder's id, as the device knows it.
        $folder = null;
        $response = $client->send('FolderSync', ['FolderHierarchy:FolderSync', [['FolderHierarchy:SyncKey', '0']]]);
        foreach ($response->tree()->find('FolderHierarchy:Changes')->children('FolderHierarchy:Add') as $add) {
            if ($add->value('FolderHierarchy:Type') === '9') {
                $folder = $add->value('FolderHierarchy:ServerEntryId');
            }
        }
        $this->assertNotNull($folder);

        mt_srand(20260101);
        $requests = $this->_requests($folder);
        $bodies = array_map([Client::class, 'encode'], $requests);
        $sent = 0;
        foreach ($requests as $cmd => $tree) {
            if ($cmd === 'SendMail' && $version < '14.0') {
                // Before 14.0 the body is MIME and a failed send is HTTP 500
                // by design (the embedded driver sends no mail).
                continue;
            }
            $body = $bodies[$cmd];
            $noise = '';
            for ($i = 0; $i < 64; $i++) {
                $noise .= chr(mt_rand(0, 255));
            }
            $variants = ['' /* empty */, "\x03\x01\x6a\x00" /* header only */, $noise];
            foreach ([1, 4, 5, 8, 12] as $cut) {
                if ($cut < strlen($body)) {
                    $variants[] = substr($body, 0, strlen($body) - $cut);
                }
            }
            for ($i = 0; $i < 6; $i++) {
                $mutated = $body;
                $mutated[mt_rand(4, strlen($body) - 1)] = chr(mt_rand(0, 255));
                $variants[] = $mutated;
            }
            // Another command's body.
            $variants[] = $cmd === 'Sync' ? $bodies['Ping'] : $bodies['Sync'];
            foreach ($variants as $n => $variant) {
                $before = microtime(true);
                $response = $client->send($cmd, $variant);
                $sent++;
                $this->assertNotSame(500, $response->status, "$cmd variant $n: " . $server->errors());
                $this->assertLessThan(15, microtime(true) - $before, "$cmd variant $n took too long");
                if ($response->status === 200 && $response->isWbxml()) {
                    // Whatever it answers decodes.
                    $this->assertNotNull($response->tree(), "$cmd variant $n");
                }
            }
        }
        $this->assertGreaterThan(150, $sent);
    }

    public static function versions(): array
    {
        return ['2.5' => ['2.5'], '14.1' => ['14.1'], '16.1' => ['16.1']];
    }
}
