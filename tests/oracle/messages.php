<?php
/**
 * Message objects built with Debian's Horde_ActiveSync_Message_* classes,
 * so the oracle can produce message fragments as Horde writes them (Horde's
 * own test fixtures are such fragments: no WBXML header, ending with the
 * END of the enclosing ApplicationData).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

function oracle_message($type, $version)
{
    // Horde's message factory reads the version from Horde_ActiveSync.
    $static = new ReflectionProperty('Horde_ActiveSync', '_version');
    $static->setAccessible(true);
    $static->setValue(null, $version);
    $opts = ['protocolversion' => $version];
    switch ($type) {
    case 'contact':
        $m = new Horde_ActiveSync_Message_Contact($opts);
        $m->firstname = 'Jörg';
        $m->lastname = "O'Neil & Söhne";
        $m->fileas = "O'Neil & Söhne, Jörg";
        $m->email1address = 'joerg@example.com';
        $m->email2address = '"Jörg" <j@example.org>';
        $m->mobilephonenumber = '+49 170 1234567';
        $m->homephonenumber = '+49 30 1234';
        $m->companyname = 'Example GmbH';
        $m->jobtitle = 'Engineer';
        $m->businessstreet = "Hauptstraße 1\nHinterhaus";
        $m->businesscity = 'Berlin';
        $m->birthday = new Horde_Date('1970-03-04 00:00:00', 'UTC');
        $m->categories = ['Business', 'Friends'];
        $m->children = ['Ann', 'Ben'];
        $m->nickname = 'Jö';
        $m->webpage = 'https://example.com/~joerg';
        if ($version >= 12) {
            $body = new Horde_ActiveSync_Message_AirSyncBaseBody($opts);
            $body->type = Horde_ActiveSync::BODYPREF_TYPE_PLAIN;
            $body->data = "Met at the conference.\r\nLikes tea.";
            $body->estimateddatasize = strlen($body->data);
            $body->truncated = 0;
            $m->airsyncbasebody = $body;
        } else {
            $m->body = "Met at the conference.\r\nLikes tea.";
        }
        return $m;

    case 'appointment':
        $m = new Horde_ActiveSync_Message_Appointment($opts);
        $tz = 'Europe/Berlin';
        $start = new Horde_Date('2026-03-02 09:30:00', $tz);
        $end = new Horde_Date('2026-03-02 10:45:00', $tz);
        $m->setTimezone($start);
        $m->setDatetime(['start' => $start, 'end' => $end, 'allday' => false]);
        $m->setDTStamp(new Horde_Date('2026-02-01 12:00:00', 'UTC'));
        $m->setSubject('Weekly sync (Team Δ)');
        $m->setUid('1234-5678-uid@example.com');
        $m->setLocation('Room 4.12');
        $m->setOrganizer(['name' => 'Ann Lee', 'email' => 'ann@example.com']);
        $m->setReminder(15);
        $m->setBusyStatus(Horde_ActiveSync_Message_Appointment::BUSYSTATUS_BUSY);
        $m->setMeetingStatus(Horde_ActiveSync_Message_Appointment::MEETING_IS_MEETING);
        $m->addCategory('Work');
        foreach ([['Bob Ray', 'bob@example.com'], ['Cé Dü', 'ce@example.org']] as $who) {
            $a = new Horde_ActiveSync_Message_Attendee($opts);
            $a->name = $who[0];
            $a->email = $who[1];
            $a->type = Horde_ActiveSync_Message_Attendee::TYPE_REQUIRED;
            $a->status = Horde_ActiveSync_Message_Attendee::STATUS_ACCEPT;
            $m->addAttendee($a);
        }
        $r = new Horde_Date_Recurrence($start);
        $r->setRecurType(Horde_Date_Recurrence::RECUR_WEEKLY);
        $r->setRecurInterval(1);
        $r->setRecurOnDay(Horde_Date::MASK_MONDAY);
        $r->setRecurCount(10);
        $m->setRecurrence($r);
        $e = new Horde_ActiveSync_Message_Exception($opts);
        $e->setDatetime([
            'start' => new Horde_Date('2026-03-16 11:00:00', $tz),
            'end' => new Horde_Date('2026-03-16 12:00:00', $tz),
            'allday' => false]);
        $e->setSubject('Weekly sync (moved)');
        $e->exceptionstarttime = new Horde_Date('2026-03-16 09:30:00', $tz);
        $m->addException($e);
        $d = new Horde_ActiveSync_Message_Exception($opts);
        $d->setDeletedFlag(true);
        $d->exceptionstarttime = new Horde_Date('2026-03-23 09:30:00', $tz);
        $m->addException($d);
        if ($version >= 12) {
            $body = new Horde_ActiveSync_Message_AirSyncBaseBody($opts);
            $body->type = Horde_ActiveSync::BODYPREF_TYPE_HTML;
            $body->data = '<p>Agenda: <b>status</b> &amp; plans</p>';
            $body->estimateddatasize = strlen($body->data);
            $m->airsyncbasebody = $body;
        } else {
            $m->setBody('Agenda: status & plans');
        }
        return $m;

    case 'allday':
        $m = new Horde_ActiveSync_Message_Appointment($opts);
        $start = new Horde_Date('2026-12-24 00:00:00', 'America/New_York');
        $m->setTimezone($start);
        $m->setDatetime(['start' => $start, 'end' => new Horde_Date('2026-12-25 00:00:00', 'America/New_York'), 'allday' => true]);
        $m->setSubject('Holiday');
        $m->setDTStamp(new Horde_Date('2026-11-01 08:00:00', 'UTC'));
        return $m;

    case 'mail':
        $m = new Horde_ActiveSync_Message_Mail($opts);
        $m->to = '"Bob Ray" <bob@example.com>, ce@example.org';
        $m->cc = 'team@example.com';
        $m->from = '"Ann Lee" <ann@example.com>';
        $m->subject = 'Re: Quarterly numbers — draft ✓';
        $m->threadtopic = 'Quarterly numbers';
        $m->datereceived = new Horde_Date('2026-11-20 17:05:11', 'UTC');
        $m->displayto = 'Bob Ray; ce@example.org';
        $m->importance = 2;
        $m->read = 1;
        $m->messageclass = 'IPM.Note';
        $m->cpid = 65001;
        if ($version >= 12) {
            $body = new Horde_ActiveSync_Message_AirSyncBaseBody($opts);
            $body->type = Horde_ActiveSync::BODYPREF_TYPE_PLAIN;
            $body->data = str_repeat("Numbers look fine. Details follow.\r\n", 40);
            $body->estimateddatasize = strlen($body->data) * 2;
            $body->truncated = 1;
            $m->airsyncbasebody = $body;
            $att = new Horde_ActiveSync_Message_AirSyncBaseAttachment($opts);
            $att->attsize = 53211;
            $att->displayname = 'numbers.xlsx';
            $att->attname = '12345:2';
            $att->attmethod = Horde_ActiveSync_Message_AirSyncBaseAttachment::ATT_TYPE_NORMAL;
            $m->addAttachment($att);
            $flag = new Horde_ActiveSync_Message_Flag($opts);
            $flag->flagstatus = Horde_ActiveSync_Message_Flag::FLAG_STATUS_ACTIVE;
            $flag->flagtype = 'for Follow Up';
            $m->flag = $flag;
            $m->contentclass = 'urn:content-classes:message';
        } else {
            $m->body = "Numbers look fine.\r\n";
            $m->bodysize = 20;
            $m->bodytruncated = 0;
        }
        if ($version >= 14) {
            $m->categories = ['Finance'];
            $m->conversationid = hex2bin('00112233445566778899aabbccddeeff');
            $m->conversationindex = hex2bin('01d7e1a2b3c4');
            $m->receivedasbcc = 0;
            $m->lastverbexecuted = 2;
        }
        return $m;

    case 'task':
        $m = new Horde_ActiveSync_Message_Task($opts);
        $m->subject = 'File expenses';
        $m->setImportance(2);
        $m->startdate = new Horde_Date('2026-11-02 00:00:00', 'UTC');
        $m->utcstartdate = new Horde_Date('2026-11-02 00:00:00', 'UTC');
        $m->duedate = new Horde_Date('2026-11-30 00:00:00', 'UTC');
        $m->utcduedate = new Horde_Date('2026-11-30 00:00:00', 'UTC');
        $m->complete = 0;
        $m->setReminder(new Horde_Date('2026-11-29 09:00:00', 'UTC'));
        $r = new Horde_Date_Recurrence(new Horde_Date('2026-11-02 00:00:00', 'UTC'));
        $r->setRecurType(Horde_Date_Recurrence::RECUR_MONTHLY_DATE);
        $r->setRecurInterval(1);
        $m->setRecurrence($r);
        $m->categories = ['Admin'];
        return $m;

    case 'note':
        $m = new Horde_ActiveSync_Message_Note($opts);
        $m->subject = 'Shopping';
        $m->categories = ['Home'];
        $m->lastmodified = new Horde_Date('2026-11-01 10:00:00', 'UTC');
        $body = new Horde_ActiveSync_Message_AirSyncBaseBody($opts);
        $body->type = Horde_ActiveSync::BODYPREF_TYPE_PLAIN;
        $body->data = "Milk\nBread\nTea";
        $body->estimateddatasize = 14;
        $m->body = $body;
        return $m;
    }
    throw new InvalidArgumentException("unknown message type $type");
}
