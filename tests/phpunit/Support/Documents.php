<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Support;

/**
 * EAS documents as encoder calls: server responses of realistic shape and
 * size, client requests of every command, and random documents.
 */
class Documents
{
    /** A Sync response adding $n contacts. */
    public static function contactsSync(int $n, int $seed = 1): Calls
    {
        mt_srand($seed);
        $c = (new Calls())->header()->start('Synchronize')->start('Folders')->start('Folder')
            ->leaf('FolderType', 'Contacts')->leaf('SyncKey', '{2d5e39c8-8c2a-4b3e-9a41-0f3e2a1b7c55}2')
            ->leaf('FolderId', '@Contacts@')->leaf('Status', '1')->start('Commands');
        $first = ['Anna', 'Bernd', 'Chloé', 'Dmitri', 'Eva', 'François', 'Gül', 'Hiroshi', 'Ines', 'Jörg'];
        $last = ['Müller', 'Smith', 'Nguyễn', 'García', 'Kowalski', "O'Brien", 'Søren', 'Li', 'Rossi', 'Dubois'];
        for ($i = 0; $i < $n; $i++) {
            $fn = $first[mt_rand(0, 9)];
            $ln = $last[mt_rand(0, 9)];
            $c->start('Add')->leaf('ServerEntryId', 'abc' . (100000 + $i))->start('Data')
                ->leaf('POOMCONTACTS:FileAs', "$ln, $fn")
                ->leaf('POOMCONTACTS:FirstName', $fn)
                ->leaf('POOMCONTACTS:LastName', $ln)
                ->leaf('POOMCONTACTS:Email1Address', strtolower("$fn.$i@example.com"))
                ->leaf('POOMCONTACTS:MobilePhoneNumber', sprintf('+49 170 %07d', mt_rand(0, 9999999)))
                ->leaf('POOMCONTACTS:BusinessPhoneNumber', sprintf('+49 30 %06d', mt_rand(0, 999999)))
                ->leaf('POOMCONTACTS:CompanyName', 'Example GmbH & Co. KG')
                ->leaf('POOMCONTACTS:JobTitle', 'Account Manager')
                ->leaf('POOMCONTACTS:BusinessStreet', 'Friedrichstraße ' . mt_rand(1, 200))
                ->leaf('POOMCONTACTS:BusinessCity', 'Berlin')
                ->leaf('POOMCONTACTS:BusinessPostalCode', sprintf('%05d', mt_rand(10000, 14199)))
                ->leaf('POOMCONTACTS:Birthday', sprintf('19%02d-%02d-%02dT00:00:00.000Z', mt_rand(50, 99), mt_rand(1, 12), mt_rand(1, 28)))
                ->start('POOMCONTACTS:Categories')->leaf('POOMCONTACTS:Category', 'Customers')->end()
                ->start('AirSyncBase:Body')->leaf('AirSyncBase:Type', '1')
                ->leaf('AirSyncBase:EstimatedDataSize', '31')->leaf('AirSyncBase:Data', 'Met at trade fair; prefers email')->end()
                ->leaf('POOMCONTACTS2:NickName', $fn)
                ->end(2);
        }
        return $c->end(4);
    }

    /** A Sync response adding $n mails with bodies of a few KiB. */
    public static function mailsSync(int $n, int $seed = 2): Calls
    {
        mt_srand($seed);
        $c = (new Calls())->header()->start('Synchronize')->start('Folders')->start('Folder')
            ->leaf('FolderType', 'Email')->leaf('SyncKey', '{6b1f0c1e-2f7a-4c3d-8e5b-9a0d1c2b3e4f}7')
            ->leaf('FolderId', '4f0c1a2b')->leaf('Status', '1')->start('Commands');
        $para = "Hello team,\r\n\r\nplease find the figures for the quarter below. Revenue grew by 4.2% "
            . "compared to the previous quarter, mostly driven by renewals. Costs stayed flat — see the "
            . "attached sheet for details (Übersicht, 概要).\r\n\r\n";
        for ($i = 0; $i < $n; $i++) {
            $body = str_repeat($para, mt_rand(4, 12)) . "Regards,\r\nAnn";
            $c->start('Add')->leaf('ServerEntryId', (string)(50000 + $i))->start('Data')
                ->leaf('POOMMAIL:To', '"Bob Ray" <bob@example.com>, team@example.com')
                ->leaf('POOMMAIL:From', '"Ann Lee" <ann@example.com>')
                ->leaf('POOMMAIL:Subject', "Quarterly figures #$i")
                ->leaf('POOMMAIL:DateReceived', sprintf('2026-11-%02dT%02d:%02d:00.000Z', mt_rand(1, 28), mt_rand(0, 23), mt_rand(0, 59)))
                ->leaf('POOMMAIL:DisplayTo', 'Bob Ray; team@example.com')
                ->leaf('POOMMAIL:ThreadTopic', 'Quarterly figures')
                ->leaf('POOMMAIL:Importance', '1')
                ->leaf('POOMMAIL:Read', (string)mt_rand(0, 1))
                ->start('AirSyncBase:Body')->leaf('AirSyncBase:Type', '1')
                ->leaf('AirSyncBase:EstimatedDataSize', (string)strlen($body))
                ->leaf('AirSyncBase:Data', $body)->end()
                ->leaf('POOMMAIL:MessageClass', 'IPM.Note')
                ->leaf('POOMMAIL:InternetCPID', '65001')
                ->start('POOMMAIL:Flag', true)
                ->leaf('AirSyncBase:NativeBodyType', '1')
                ->start('POOMMAIL2:ConversationId')->content(self::bytes(16), true)->end()
                ->start('POOMMAIL2:ConversationIndex')->content(self::bytes(5), true)->end()
                ->start('POOMMAIL:Categories', true)
                ->end(2);
        }
        return $c->end(4);
    }

    /**
     * Client requests of every command, shaped like what iOS, Android and
     * Outlook send (MS-ASCMD examples).
     *
     * @return array<string, Calls>
     */
    public static function clientRequests(): array
    {
        $docs = [];
        $docs['sync-request'] = (new Calls())->header()->start('Synchronize')->start('Folders')
            ->start('Folder')->leaf('SyncKey', '{ab12}3')->leaf('FolderId', '@Contacts@')
            ->start('DeletesAsMoves', true)->start('GetChanges', true)->leaf('WindowSize', '100')
            ->start('Options')->leaf('FilterType', '0')->start('AirSyncBase:BodyPreference')
            ->leaf('AirSyncBase:Type', '1')->leaf('AirSyncBase:TruncationSize', '32768')->end()->end()
            ->start('Commands')
            ->start('Add')->leaf('ClientEntryId', '1001')->start('Data')
            ->leaf('POOMCONTACTS:FirstName', 'New')->leaf('POOMCONTACTS:LastName', 'Person')->end(2)
            ->start('Modify')->leaf('ServerEntryId', 'abc100001')->start('Data')
            ->leaf('POOMCONTACTS:JobTitle', 'CTO')->end(2)
            ->start('Remove')->leaf('ServerEntryId', 'abc100002')->end()
            ->start('Fetch')->leaf('ServerEntryId', 'abc100003')->end()
            ->end(2)
            ->start('Folder')->leaf('SyncKey', '0')->leaf('FolderId', '4f0c1a2b')->end()
            ->end()->leaf('Wait', '8')->leaf('WindowSize', '512')->end();
        $docs['foldersync'] = (new Calls())->header()->start('FolderHierarchy:FolderSync')
            ->leaf('FolderHierarchy:SyncKey', '0')->end();
        $docs['ping'] = (new Calls())->header()->start('Ping:Ping')->leaf('Ping:HeartbeatInterval', '470')
            ->start('Ping:Folders')->start('Ping:Folder')->leaf('Ping:ServerEntryId', '4f0c1a2b')
            ->leaf('Ping:FolderType', 'Email')->end()->start('Ping:Folder')->leaf('Ping:ServerEntryId', '@Calendar@')
            ->leaf('Ping:FolderType', 'Calendar')->end(3);
        $docs['provision'] = (new Calls())->header()->start('Provision:Provision')
            ->start('Settings:DeviceInformation')->start('Settings:Set')
            ->leaf('Settings:Model', 'iPhone15,3')->leaf('Settings:IMEI', '35 209900 176148 1')
            ->leaf('Settings:FriendlyName', 'Jörg’s iPhone')->leaf('Settings:OS', 'iOS 18.1 22B83')
            ->leaf('Settings:OSLanguage', 'de')->leaf('Settings:PhoneNumber', '+491701234567')
            ->leaf('Settings:UserAgent', 'Apple-iPhone15C3/2208.83')->leaf('Settings:MobileOperator', 'Telekom.de')
            ->end(2)
            ->start('Provision:Policies')->start('Provision:Policy')
            ->leaf('Provision:PolicyType', 'MS-EAS-Provisioning-WBXML')->end(3);
        $docs['provision-ack'] = (new Calls())->header()->start('Provision:Provision')
            ->start('Provision:Policies')->start('Provision:Policy')
            ->leaf('Provision:PolicyType', 'MS-EAS-Provisioning-WBXML')->leaf('Provision:PolicyKey', '1307199584')
            ->leaf('Provision:Status', '1')->end(2)
            ->start('Provision:AccountOnlyRemoteWipe')->leaf('Provision:Status', '1')->end(2);
        $docs['itemoperations'] = (new Calls())->header()->start('ItemOperations:ItemOperations')
            ->start('ItemOperations:Fetch')->leaf('ItemOperations:Store', 'Mailbox')
            ->leaf('AirSyncBase:FileReference', '12345:2')->start('ItemOperations:Options')
            ->leaf('ItemOperations:Range', '0-65535')->end(2)
            ->start('ItemOperations:EmptyFolderContent')->leaf('FolderId', 'trash')
            ->start('ItemOperations:Options')->start('ItemOperations:DeleteSubFolders', true)->end(3);
        $docs['find'] = (new Calls())->header()->start('Find:Find')->leaf('Find:SearchId', '8F3C1D2E-AAAA-4BBB-9CCC-DDDDEEEEFFFF')
            ->start('Find:ExecuteSearch')->start('Find:MailBoxSearchCriterion')->start('Find:Query')
            ->leaf('FolderType', 'Email')->leaf('FolderId', '4f0c1a2b')
            ->leaf('Find:FreeText', 'from:ann subject:"quarterly figures" received>=2026-11-01')->end()
            ->start('Find:Options')->leaf('Find:Range', '0-49')->start('Find:DeepTraversal', true)->end(3)
            ->end(1);
        $docs['find-gal'] = (new Calls())->header()->start('Find:Find')->leaf('Find:SearchId', 'x1')
            ->start('Find:ExecuteSearch')->start('Find:GALSearchCriterion')->leaf('Find:Query', 'müller')
            ->start('Find:Options')->leaf('Find:Range', '0-9')->start('Find:Picture')
            ->leaf('Find:MaxSize', '36864')->leaf('Find:MaxPictures', '10')->end(5);
        $mime = "From: ann@example.com\r\nTo: bob@example.com\r\nSubject: Hi\r\nMIME-Version: 1.0\r\n"
            . "Content-Type: text/plain; charset=utf-8\r\n\r\nHallo Bob, schöne Grüße.\r\n";
        $docs['sendmail'] = (new Calls())->header()->start('ComposeMail:SendMail')
            ->leaf('ComposeMail:ClientId', 'SendMail-12345')->start('ComposeMail:SaveInSentItems', true)
            ->start('ComposeMail:MIME')->content($mime, true)->end(2);
        $docs['smartreply'] = (new Calls())->header()->start('ComposeMail:SmartReply')
            ->leaf('ComposeMail:ClientId', 'R-1')->start('ComposeMail:Source')->leaf('ComposeMail:FolderId', '4f0c1a2b')
            ->leaf('ComposeMail:ItemId', '50001')->end()->start('ComposeMail:ReplaceMime', true)
            ->start('ComposeMail:MIME')->content($mime, true)->end(2);
        $docs['search-gal'] = (new Calls())->header()->start('Search:Search')->start('Search:Store')
            ->leaf('Search:Name', 'GAL')->leaf('Search:Query', 'ann')->start('Search:Options')
            ->leaf('Search:Range', '0-99')->start('Search:Picture')->leaf('Search:MaxSize', '4096')->end(4);
        $docs['getitemestimate'] = (new Calls())->header()->start('GetItemEstimate:GetItemEstimate')
            ->start('GetItemEstimate:Folders')->start('GetItemEstimate:Folder')->leaf('SyncKey', '{ab12}3')
            ->leaf('GetItemEstimate:FolderId', '4f0c1a2b')->start('Options')->leaf('FilterType', '3')->end(4);
        $docs['moveitems'] = (new Calls())->header()->start('Move:Moves')->start('Move:Move')
            ->leaf('Move:SrcMsgId', '50001')->leaf('Move:SrcFldId', '4f0c1a2b')->leaf('Move:DstFldId', 'trash')->end(2);
        $docs['meetingresponse'] = (new Calls())->header()->start('MeetingResponse:MeetingResponse')
            ->start('MeetingResponse:Request')->leaf('MeetingResponse:UserResponse', '1')
            ->leaf('MeetingResponse:FolderId', '4f0c1a2b')->leaf('MeetingResponse:RequestId', '50002')
            ->start('MeetingResponse:SendResponse')->start('AirSyncBase:Body')->leaf('AirSyncBase:Type', '1')
            ->leaf('AirSyncBase:Data', 'See you there')->end(2)
            ->leaf('MeetingResponse:ProposedStartTime', '2026-12-01T10:00:00.000Z')
            ->leaf('MeetingResponse:ProposedEndTime', '2026-12-01T11:00:00.000Z')->end(2);
        $docs['settings-oof'] = (new Calls())->header()->start('Settings:Settings')->start('Settings:Oof')
            ->start('Settings:Get')->leaf('Settings:BodyType', 'HTML')->end(2)
            ->start('Settings:UserInformation')->start('Settings:Get', true)->end(2);
        $docs['resolverecipients'] = (new Calls())->header()->start('ResolveRecipients:ResolveRecipients')
            ->leaf('ResolveRecipients:To', 'bob@example.com')->start('ResolveRecipients:Options')
            ->leaf('ResolveRecipients:CertificateRetrieval', '2')->start('ResolveRecipients:Availability')
            ->leaf('ResolveRecipients:StartTime', '2026-12-01T08:00:00.000Z')
            ->leaf('ResolveRecipients:EndTime', '2026-12-01T18:00:00.000Z')->end(3);
        $docs['foldercreate'] = (new Calls())->header()->start('FolderHierarchy:FolderCreate')
            ->leaf('FolderHierarchy:SyncKey', '3')->leaf('FolderHierarchy:ParentId', '0')
            ->leaf('FolderHierarchy:DisplayName', 'Projekte/2026')->leaf('FolderHierarchy:Type', '12')->end();
        $docs['sync-calendar-16'] = (new Calls())->header()->start('Synchronize')->start('Folders')->start('Folder')
            ->leaf('SyncKey', '{c}9')->leaf('FolderId', '@Calendar@')->start('Commands')->start('Add')
            ->leaf('ClientEntryId', 'C1')->start('Data')->leaf('POOMCAL:Subject', 'Lunch')
            ->leaf('POOMCAL:StartTime', '20261201T110000Z')->leaf('POOMCAL:EndTime', '20261201T120000Z')
            ->leaf('POOMCAL:ClientUid', '040000008200E00074C5B7101A82E008')
            ->start('AirSyncBase:Location')->leaf('AirSyncBase:DisplayName', 'Café Einstein')
            ->leaf('AirSyncBase:Latitude', '52.5096')->leaf('AirSyncBase:Longitude', '13.3760')->end()
            ->start('AirSyncBase:Attachments')->start('AirSyncBase:Add')->leaf('AirSyncBase:ClientId', 'att1')
            ->leaf('AirSyncBase:DisplayName', 'menu.pdf')->leaf('AirSyncBase:Method', '1')
            ->start('AirSyncBase:Content')->content("%PDF-1.4\n\0\xff\xfe binary", true)->end(3)
            ->end(6);
        return $docs;
    }

    /** Reproducible "random" bytes from mt_rand. */
    public static function bytes(int $n): string
    {
        $s = '';
        for ($i = 0; $i < $n; $i++) {
            $s .= chr(mt_rand(0, 255));
        }
        return $s;
    }

    /**
     * A random document over the whole tag table; with $hordeOnly over the
     * tags Debian's Horde 5 table knows (no AirNotify, no EAS 16.1).
     */
    public static function random(int $seed, int $steps = 200, bool $hordeOnly = false): Calls
    {
        $tags = [];
        foreach (\Horde\ActiveSync\Native\wbxml_code_pages() as $number => $page) {
            foreach ($page['tags'] as $token => $name) {
                $info = \Horde\ActiveSync\Native\wbxml_tag($number, $token);
                if (!$hordeOnly || ($number !== 3 && $info['since'] !== '16.1')) {
                    $tags[] = $name;
                }
            }
        }
        mt_srand($seed);
        $c = (new Calls())->header();
        $depth = 0;
        $c->start($tags[mt_rand(0, count($tags) - 1)]);
        $depth++;
        for ($i = 0; $i < $steps; $i++) {
            switch (mt_rand(0, 9)) {
            case 0: case 1: case 2:
                $c->start($tags[mt_rand(0, count($tags) - 1)], mt_rand(0, 4) === 0);
                break;
            case 3: case 4:
                if ($depth > 1) {
                    $c->end();
                    $depth--;
                }
                continue 2;
            case 5:
                $c->content(str_repeat(chr(mt_rand(0x20, 0x7e)), mt_rand(0, 40)) . (mt_rand(0, 5) ? '' : "\0x\0"));
                continue 2;
            case 6:
                $c->content(self::bytes(mt_rand(0, 64)), true);
                continue 2;
            case 7:
                $c->content('');
                continue 2;
            default:
                $c->content('välue ' . mt_rand());
                continue 2;
            }
            if (end($c->calls)[1][2] === false) {
                $depth++;
            }
        }
        return $c->end($depth);
    }
}
