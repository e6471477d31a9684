<?php
/**
 * The message benchmark's data, built through Horde's message API only so
 * both sides (Debian's php-horde-activesync and ours) build the same
 * objects: contacts, appointments with recurrences, exceptions and
 * attendees, and mails with bodies.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

const BENCH_VERSION = '14.1';

/** What Horde_ActiveSync does for a request: messageFactory() uses it. */
function bench_init(): void
{
    $version = new ReflectionProperty('Horde_ActiveSync', '_version');
    $version->setAccessible(true);
    $version->setValue(null, BENCH_VERSION);
}

function bench_contact(int $i)
{
    $m = new Horde_ActiveSync_Message_Contact(['protocolversion' => BENCH_VERSION]);
    $m->firstname = "Jörg $i";
    $m->lastname = "Müller-Lüdenscheidt";
    $m->fileas = "Müller-Lüdenscheidt, Jörg $i";
    $m->email1address = "joerg.$i@example.com";
    $m->email2address = "j$i@example.org";
    $m->mobilephonenumber = '+49 170 ' . (1000000 + $i);
    $m->businessphonenumber = '+49 30 ' . (200000 + $i);
    $m->homephonenumber = '+49 30 ' . (300000 + $i);
    $m->companyname = 'Example GmbH';
    $m->department = 'Engineering';
    $m->jobtitle = 'Engineer';
    $m->businessstreet = "Hauptstraße $i";
    $m->businesscity = 'Berlin';
    $m->businesspostalcode = '10115';
    $m->businesscountry = 'Germany';
    $m->homestreet = "Nebenweg $i";
    $m->homecity = 'Potsdam';
    $m->webpage = "https://example.com/~j$i";
    $m->birthday = new Horde_Date(sprintf('19%02d-%02d-%02d 00:00:00', 50 + $i % 50, 1 + $i % 12, 1 + $i % 28), 'UTC');
    $m->categories = ['Business', 'Friends'];
    $m->nickname = "Jö$i";
    $body = new Horde_ActiveSync_Message_AirSyncBaseBody(['protocolversion' => BENCH_VERSION]);
    $body->type = Horde_ActiveSync::BODYPREF_TYPE_PLAIN;
    $body->data = "Met at the conference in $i.\r\nLikes tea.";
    $body->estimateddatasize = strlen($body->data);
    $body->truncated = 0;
    $m->airsyncbasebody = $body;
    return $m;
}

function bench_appointment(int $i)
{
    $tz = 'Europe/Berlin';
    $m = new Horde_ActiveSync_Message_Appointment(['protocolversion' => BENCH_VERSION]);
    $start = new Horde_Date(sprintf('2026-%02d-%02d %02d:30:00', 1 + $i % 12, 1 + $i % 28, 8 + $i % 9), $tz);
    $end = $start->add(['min' => 75]);
    $m->setTimezone($start);
    $m->setDatetime(['start' => $start, 'end' => $end, 'allday' => false]);
    $m->setDTStamp(new Horde_Date('2026-02-01 12:00:00', 'UTC'));
    $m->setSubject("Weekly sync $i (Team Δ)");
    $m->setUid("uid-$i@example.com");
    $m->setLocation('Room 4.12');
    $m->setOrganizer(['name' => 'Ann Lee', 'email' => 'ann@example.com']);
    $m->setReminder(15);
    $m->setBusyStatus(Horde_ActiveSync_Message_Appointment::BUSYSTATUS_BUSY);
    $m->setMeetingStatus(Horde_ActiveSync_Message_Appointment::MEETING_IS_MEETING);
    $m->addCategory('Work');
    foreach ([['Bob Ray', 'bob'], ['Cé Dü', 'ce'], ['Dee Fox', 'dee']] as $who) {
        $a = new Horde_ActiveSync_Message_Attendee(['protocolversion' => BENCH_VERSION]);
        $a->name = $who[0];
        $a->email = $who[1] . '@example.com';
        $a->type = Horde_ActiveSync_Message_Attendee::TYPE_REQUIRED;
        $a->status = Horde_ActiveSync_Message_Attendee::STATUS_ACCEPT;
        $m->addAttendee($a);
    }
    $r = new Horde_Date_Recurrence($start);
    $r->setRecurType(Horde_Date_Recurrence::RECUR_WEEKLY);
    $r->setRecurInterval(1);
    $r->setRecurOnDay(Horde_Date::MASK_MONDAY | Horde_Date::MASK_THURSDAY);
    $r->setRecurCount(20);
    $m->setRecurrence($r, Horde_ActiveSync_Message_Recurrence::FIRSTDAY_MONDAY);
    foreach ([7, 14] as $days) {
        $e = new Horde_ActiveSync_Message_Exception(['protocolversion' => BENCH_VERSION]);
        $moved = $start->add(['mday' => $days, 'hour' => 2]);
        $e->setDatetime(['start' => $moved, 'end' => $moved->add(['min' => 60]), 'allday' => false]);
        $e->setSubject("Weekly sync $i (moved)");
        $e->exceptionstarttime = $start->add(['mday' => $days]);
        $m->addException($e);
    }
    $body = new Horde_ActiveSync_Message_AirSyncBaseBody(['protocolversion' => BENCH_VERSION]);
    $body->type = Horde_ActiveSync::BODYPREF_TYPE_HTML;
    $body->data = "<p>Agenda $i: <b>status</b> &amp; plans</p>";
    $body->estimateddatasize = strlen($body->data);
    $m->airsyncbasebody = $body;
    return $m;
}

function bench_mail(int $i)
{
    $m = new Horde_ActiveSync_Message_Mail(['protocolversion' => BENCH_VERSION]);
    $m->to = '"Bob Ray" <bob@example.com>, ce@example.org';
    $m->cc = 'team@example.com';
    $m->from = '"Ann Lee" <ann@example.com>';
    $m->subject = "Re: Quarterly numbers $i — draft ✓";
    $m->threadtopic = 'Quarterly numbers';
    $m->datereceived = new Horde_Date(1780000000 + $i * 3600);
    $m->displayto = 'Bob Ray; ce@example.org';
    $m->importance = 1;
    $m->read = $i % 2;
    $m->messageclass = 'IPM.Note';
    $m->cpid = 65001;
    $body = new Horde_ActiveSync_Message_AirSyncBaseBody(['protocolversion' => BENCH_VERSION]);
    $body->type = Horde_ActiveSync::BODYPREF_TYPE_PLAIN;
    $body->data = str_repeat("Mail $i: numbers look fine, details follow. Grüße.\r\n", 40 + $i % 200);
    $body->estimateddatasize = strlen($body->data);
    $body->truncated = 0;
    $m->airsyncbasebody = $body;
    $m->airsyncbasenativebodytype = 1;
    $flag = new Horde_ActiveSync_Message_Flag(['protocolversion' => BENCH_VERSION]);
    $flag->flagstatus = $i % 3 ? Horde_ActiveSync_Message_Flag::FLAG_STATUS_CLEAR : Horde_ActiveSync_Message_Flag::FLAG_STATUS_ACTIVE;
    $m->flag = $flag;
    $m->contentclass = 'urn:content-classes:message';
    $m->categories = ['Finance'];
    $m->conversationid = 'c' . $i;
    return $m;
}

/** name => [count, builder, class] */
function bench_sets(): array
{
    return [
        'contacts' => [2000, 'bench_contact', 'Horde_ActiveSync_Message_Contact'],
        'appointments' => [1000, 'bench_appointment', 'Horde_ActiveSync_Message_Appointment'],
        'mails' => [500, 'bench_mail', 'Horde_ActiveSync_Message_Mail'],
    ];
}
