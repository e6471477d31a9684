<?php
/**
 * Message objects built, encoded, decoded and dumped through Horde's public
 * message API only, so the same code runs against Debian's
 * php-horde-activesync (tests/oracle/message_codec.php, in a child process)
 * and against ours (the PHPUnit process). Whatever differs in the results
 * differs in the implementations.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

const ML_VERSIONS = ['2.5', '12.0', '12.1', '14.0', '14.1', '16.0', '16.1'];

/** Every message class, without the Horde_ActiveSync_Message_ prefix. */
const ML_CLASSES = [
    'AirSyncBaseAdd', 'AirSyncBaseAttachment', 'AirSyncBaseBody', 'AirSyncBaseBodypart',
    'AirSyncBaseDelete', 'AirSyncBaseFileAttachment', 'AirSyncBaseLocation', 'Appointment',
    'Attachment', 'Attendee', 'Contact', 'DeviceInformation', 'Document', 'DocumentLibrary',
    'Exception', 'Flag', 'Folder', 'Forwardee', 'GalPicture', 'Mail', 'MeetingRequest',
    'Note', 'Oof', 'OofMessage', 'RecipientInformation', 'Recurrence', 'ResolveRecipientsPicture',
    'SendMail', 'SendMailSource', 'Task', 'TaskRecurrence',
];

/** A protected property of a message (both implementations name them alike). */
function ml_prop($object, string $name)
{
    return (function () use ($name) {
        return $this->$name;
    })->call($object);
}

/** Sets Horde_ActiveSync's request version, which messageFactory() uses. */
function ml_set_request_version(string $version): void
{
    $static = new ReflectionProperty('Horde_ActiveSync', '_version');
    $static->setAccessible(true);
    $static->setValue(null, $version);
}

function ml_new(string $class, string $version)
{
    $name = 'Horde_ActiveSync_Message_' . $class;
    return new $name(['protocolversion' => $version]);
}

/** A scalar value for a property, varied by seed. */
function ml_scalar(string $attr, int $seed)
{
    static $numbers = [
        'type', 'status', 'importance', 'read', 'sensitivity', 'busystatus', 'meetingstatus',
        'reminder', 'alldayevent', 'interval', 'occurrences', 'dayofweek', 'dayofmonth',
        'weekofmonth', 'monthofyear', 'calendartype', 'isleapmonth', 'firstdayofweek',
        'complete', 'reminderset', 'attmethod', 'attsize', 'estimateddatasize', 'truncated',
        'cpid', 'flagstatus', 'instancetype', 'responserequested', 'responsetype',
        'disallownewtimeproposal', 'lastverbexecuted', 'receivedasbcc', 'bodysize',
        'bodytruncated', 'mimesize', 'mimetruncated', 'isinline', 'method', 'regenerate',
        'deadoccur', 'state', 'bodytype', 'enabled', 'internal', 'externalknown',
        'externalunknown', 'isfolder', 'ishidden', 'contentlength', 'weightedrank',
        'meetingmessagetype', 'isdraft', 'send', 'umattduration', 'umattorder',
        'airsyncbasenativebodytype', 'total', 'latitude', 'longitude', 'accuracy', 'altitude',
        'altitudeaccuracy', 'enableoutboundsms', 'saveinsent', 'replacemime',
    ];
    if (in_array($attr, $numbers, true)) {
        return ($seed % 5) + 1;
    }
    if (strpos($attr, 'email') !== false || $attr === 'from' || $attr === 'to' || $attr === 'cc' ||
        $attr === 'organizer' || $attr === 'reply_to' || $attr === 'sender' || $attr === 'bcc') {
        return sprintf('"Zoë %d" <user%d@example.com>', $seed, $seed);
    }
    return sprintf('%s %d — Straße & <Ärger>', $attr, $seed);
}

/** A date in a zone with daylight saving, varied by seed. */
function ml_date(int $seed, string $zone = 'Europe/Berlin')
{
    $d = new Horde_Date('2026-03-02 09:30:00', $zone);
    return $d->add(['mday' => $seed * 37, 'hour' => $seed, 'min' => $seed * 7]);
}

/**
 * Fills every mapped property of a message with a value of its type:
 * dates, sub-messages, lists, text. Classes that need consistent values
 * (recurrence types, all-day events) get them.
 */
function ml_fill($m, string $version, int $seed, int $depth = 0)
{
    $mapping = ml_prop($m, '_mapping');
    foreach ($mapping as $tag => $map) {
        if (!is_array($map) || !isset($map[1]) || !is_string($map[1])) {
            continue;
        }
        $attr = $map[1];
        $declared = property_exists($m, $attr);
        if (!$declared && !$m->propertyExists($attr)) {
            continue;
        }
        $type = $map[3] ?? null;
        $values = $map[2] ?? null;
        $value = null;
        try {
            if (is_array($type)) {
                $value = [];
                foreach ($type as $i => $class) {
                    if ($depth < 2 && class_exists($class)) {
                        $child = new $class(['protocolversion' => $version]);
                        $value[] = ml_fill($child, $version, $seed + $i + 1, $depth + 1);
                    }
                }
            } elseif (is_string($type) && $type !== 'opaque' && class_exists($type)) {
                if ($depth >= 2) {
                    continue;
                }
                if ($values !== null) {
                    $value = [];
                    foreach ([1, 2] as $i) {
                        $value[] = ml_fill(new $type(['protocolversion' => $version]), $version, $seed + $i, $depth + 1);
                    }
                } else {
                    $value = ml_fill(new $type(['protocolversion' => $version]), $version, $seed + 1, $depth + 1);
                }
            } elseif ($values !== null) {
                $value = [ml_scalar($attr, $seed) . ' a', ml_scalar($attr, $seed) . ' b'];
            } elseif (in_array($type, [1, 3, 6], true)) {
                $value = ml_date($seed);
            } elseif ($type === 2) {
                $value = "\x00\x01\xfe" . chr($seed);
            } else {
                $value = ml_scalar($attr, $seed);
            }
        } catch (Throwable $e) {
            // a class that cannot be built at this version (Horde's bugs)
            continue;
        }
        $m->$attr = $value;
    }
    ml_fixup($m);
    return $m;
}

/** Values the classes' validation rules insist on. */
function ml_fixup($m): void
{
    $class = get_class($m);
    if ($m->propertyExists('alldayevent')) {
        $m->alldayevent = 0;
    }
    if ($class === 'Horde_ActiveSync_Message_Recurrence' || $class === 'Horde_ActiveSync_Message_TaskRecurrence' ||
        $class === 'Horde_ActiveSync_Message_MeetingRequestRecurrence') {
        $m->type = 1;
        $m->dayofweek = 18;
    }
    if ($class === 'Horde_ActiveSync_Message_MeetingRequest') {
        // Horde 5 has no MeetingRequestRecurrence class and no
        // DisallowNewTimeProposal here; compared separately
        $m->recurrences = [];
        if ($m->propertyExists('disallownewtimeproposal')) {
            $m->disallownewtimeproposal = false;
        }
    }
    // Horde 5 cannot build exceptions and forwardees at 16.0; compared
    // separately
    if ($class === 'Horde_ActiveSync_Message_Appointment' && $m->getProtocolVersion() >= 16) {
        $m->exceptions = [];
    }
    if ($class === 'Horde_ActiveSync_Message_Mail' && $m->getProtocolVersion() >= 16) {
        // Horde 5 maps an EAS 16 mail's location as text and drops its
        // UID entry; compared separately
        $m->location = false;
        if ($m->propertyExists('uid')) {
            $m->uid = false;
        }
    }
    if ($class === 'Horde_ActiveSync_Message_SendMail' && $m->propertyExists('forwardees')) {
        $m->forwardees = false;
    }
    if ($class === 'Horde_ActiveSync_Message_Attendee' && $m->propertyExists('proposedstarttime')) {
        // only meaningful in MeetingResponse; the generic fill sets them
        $m->proposedstarttime = false;
        $m->proposedendtime = false;
    }
}

/** The case names besides all:Class and empty:Class. */
const ML_CASES = [
    'contact' => 'Contact', 'contact-empty-body' => 'Contact', 'appointment' => 'Appointment',
    'appointment-noexceptions' => 'Appointment', 'appointment-ny' => 'Appointment', 'allday' => 'Appointment',
    'mail' => 'Mail', 'mail-minimal' => 'Mail', 'mail-meeting' => 'Mail', 'task' => 'Task', 'note' => 'Note',
    'body-stream' => 'AirSyncBaseBody', 'fileattachment' => 'AirSyncBaseFileAttachment',
    'fileattachment-stream' => 'AirSyncBaseFileAttachment', 'oof' => 'Oof', 'sendmail' => 'SendMail',
    'picture' => 'ResolveRecipientsPicture',
];

/** The message class a case builds. */
function ml_case_class(string $case): string
{
    if (strpos($case, ':') !== false) {
        return substr($case, strpos($case, ':') + 1);
    }
    return ML_CASES[$case];
}

/** The named objects the tests compare. "all:Class" fills every property. */
function ml_build(string $case, string $version)
{
    ml_set_request_version($version);
    if (strncmp($case, 'all:', 4) === 0) {
        return ml_fill(ml_new(substr($case, 4), $version), $version, 1);
    }
    if (strncmp($case, 'empty:', 6) === 0) {
        return ml_new(substr($case, 6), $version);
    }
    switch ($case) {
    case 'contact':
        $m = ml_new('Contact', $version);
        $m->firstname = 'Jörg';
        $m->lastname = "O'Neil & Söhne";
        $m->fileas = "O'Neil & Söhne, Jörg";
        $m->email1address = 'joerg@example.com';
        $m->mobilephonenumber = '+49 170 1234567';
        $m->companyname = 'Example GmbH';
        $m->birthday = new Horde_Date('1970-03-04 00:00:00', 'UTC');
        $m->anniversary = new Horde_Date('1999-06-05 00:00:00', 'Europe/Berlin');
        $m->categories = ['Business', 'Friends', ''];
        $m->children = ['Ann', 'Ben'];
        $m->picture = base64_encode("\x89PNG\r\n\x1a\n");
        if ($version >= 12) {
            $body = ml_new('AirSyncBaseBody', $version);
            $body->type = Horde_ActiveSync::BODYPREF_TYPE_PLAIN;
            $body->data = "Met at the conference.\r\nLikes tea.";
            $body->estimateddatasize = strlen($body->data);
            $body->truncated = 0;
            $m->airsyncbasebody = $body;
        } else {
            $m->body = "Met at the conference.\r\nLikes tea.";
            $m->bodysize = 34;
            $m->bodytruncated = 0;
        }
        return $m;

    case 'contact-empty-body':
        $m = ml_new('Contact', $version);
        $m->lastname = 'Empty';
        if ($version < 12) {
            $m->bodysize = 10;
        }
        return $m;

    case 'appointment':
    case 'appointment-noexceptions':
        $m = ml_new('Appointment', $version);
        $tz = 'Europe/Berlin';
        $start = new Horde_Date('2026-03-02 09:30:00', $tz);
        $end = new Horde_Date('2026-03-02 10:45:00', $tz);
        $m->setTimezone($start);
        $m->setDatetime(['start' => $start, 'end' => $end, 'allday' => false]);
        $m->setDTStamp(new Horde_Date('2026-02-01 12:00:00', 'UTC'));
        $m->setSubject('Weekly sync (Team Δ)');
        if ($version < 16) {
            $m->setUid('1234-5678-uid@example.com');
            $m->setLocation('Room 4.12');
            $m->setOrganizer(['name' => 'Ann Lee', 'email' => 'ann@example.com']);
        }
        $m->setReminder(15);
        $m->setBusyStatus(Horde_ActiveSync_Message_Appointment::BUSYSTATUS_BUSY);
        $m->setMeetingStatus(Horde_ActiveSync_Message_Appointment::MEETING_IS_MEETING);
        $m->setSensitivity(Horde_ActiveSync_Message_Appointment::SENSITIVITY_PRIVATE);
        $m->addCategory('Work');
        $m->addCategory('Team');
        foreach ([['Bob Ray', 'bob@example.com'], ['Cé Dü', 'ce@example.org']] as $who) {
            $a = ml_new('Attendee', $version);
            $a->name = $who[0];
            $a->email = $who[1];
            $a->type = Horde_ActiveSync_Message_Attendee::TYPE_REQUIRED;
            if ($version < 16) {
                $a->status = Horde_ActiveSync_Message_Attendee::STATUS_ACCEPT;
            }
            $m->addAttendee($a);
        }
        $r = new Horde_Date_Recurrence($start);
        $r->setRecurType(Horde_Date_Recurrence::RECUR_WEEKLY);
        $r->setRecurInterval(1);
        $r->setRecurOnDay(Horde_Date::MASK_MONDAY | Horde_Date::MASK_WEDNESDAY);
        $r->setRecurCount(10);
        $m->setRecurrence($r, Horde_ActiveSync_Message_Recurrence::FIRSTDAY_MONDAY);
        if ($case === 'appointment') {
            $e = ml_new('Exception', $version);
            $e->setDatetime([
                'start' => new Horde_Date('2026-03-16 11:00:00', $tz),
                'end' => new Horde_Date('2026-03-16 12:00:00', $tz),
                'allday' => false]);
            $e->setSubject('Weekly sync (moved)');
            $occurrence = $version >= 16 ? 'instanceid' : 'exceptionstarttime';
            $e->$occurrence = new Horde_Date('2026-03-16 09:30:00', $tz);
            $m->addException($e);
            $d = ml_new('Exception', $version);
            $d->setDeletedFlag(true);
            $d->$occurrence = new Horde_Date('2026-03-23 09:30:00', $tz);
            $m->addException($d);
        }
        if ($version >= 12) {
            $body = ml_new('AirSyncBaseBody', $version);
            $body->type = Horde_ActiveSync::BODYPREF_TYPE_HTML;
            $body->data = '<p>Agenda: <b>status</b> &amp; plans</p>';
            $body->estimateddatasize = strlen($body->data);
            $m->airsyncbasebody = $body;
        } else {
            $m->setBody('Agenda: status & plans');
        }
        return $m;

    case 'appointment-ny':
        // a zone west of UTC, a monthly recurrence ending on a date
        $m = ml_new('Appointment', $version);
        $start = new Horde_Date('2026-10-31 23:30:00', 'America/New_York');
        $m->setTimezone($start);
        $m->setDatetime(['start' => $start, 'duration' => 5400]);
        $m->subject = 'Late';
        $r = new Horde_Date_Recurrence($start);
        $r->setRecurType(Horde_Date_Recurrence::RECUR_MONTHLY_WEEKDAY);
        $r->setRecurEnd(new Horde_Date('2027-06-01 00:00:00', 'America/New_York'));
        $m->setRecurrence($r);
        return $m;

    case 'allday':
        $m = ml_new('Appointment', $version);
        $start = new Horde_Date('2026-12-24 00:00:00', 'America/New_York');
        $m->setTimezone($start);
        $m->setDatetime(['start' => $start, 'end' => new Horde_Date('2026-12-25 00:00:00', 'America/New_York'), 'allday' => true]);
        $m->setSubject('Holiday');
        $m->setDTStamp(new Horde_Date('2026-11-01 08:00:00', 'UTC'));
        return $m;

    case 'mail':
        $m = ml_new('Mail', $version);
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
            $body = ml_new('AirSyncBaseBody', $version);
            $body->type = Horde_ActiveSync::BODYPREF_TYPE_PLAIN;
            $body->data = str_repeat("Numbers look fine. Details follow.\r\n", 40);
            $body->estimateddatasize = strlen($body->data) * 2;
            $body->truncated = 1;
            $m->airsyncbasebody = $body;
            $att = ml_new('AirSyncBaseAttachment', $version);
            $att->attsize = 53211;
            $att->displayname = 'numbers.xlsx';
            $att->attname = '12345:2';
            $att->attmethod = Horde_ActiveSync_Message_AirSyncBaseAttachment::ATT_TYPE_NORMAL;
            $m->addAttachment($att);
            $flag = ml_new('Flag', $version);
            $flag->flagstatus = Horde_ActiveSync_Message_Flag::FLAG_STATUS_ACTIVE;
            $flag->flagtype = 'for Follow Up';
            $flag->startdate = new Horde_Date('2026-11-21 00:00:00', 'UTC');
            $m->flag = $flag;
            $m->contentclass = 'urn:content-classes:message';
        } else {
            $m->body = "Numbers look fine.\r\n";
            $m->bodysize = 20;
            $m->bodytruncated = 0;
            $a = ml_new('Attachment', $version);
            $a->attname = '12345:2';
            $a->attsize = 100;
            $a->displayname = 'numbers.xlsx';
            $a->attmethod = 1;
            $m->attachments = [$a];
        }
        if ($version >= 14) {
            $m->categories = ['Finance'];
            $m->conversationid = 'ab01cd';
            $m->conversationindex = 'xy01';
            $m->receivedasbcc = 0;
            $m->lastverbexecuted = 2;
            $m->lastverbexecutiontime = new Horde_Date('2026-11-21 07:00:00', 'Europe/Berlin');
        }
        return $m;

    case 'mail-minimal':
        // no flag, no categories: Horde sends them as empty elements
        $m = ml_new('Mail', $version);
        $m->subject = 'Hi';
        $m->read = 0;
        return $m;

    case 'mail-meeting':
        $m = ml_new('Mail', $version);
        $m->subject = 'Invitation';
        $m->messageclass = Horde_ActiveSync_Message_Mail::CLASS_MEETING_REQUEST;
        $mr = ml_new('MeetingRequest', $version);
        $mr->alldayevent = 0;
        $mr->starttime = new Horde_Date('2026-05-04 14:00:00', 'Europe/Paris');
        $mr->endtime = new Horde_Date('2026-05-04 15:00:00', 'Europe/Paris');
        $mr->dtstamp = new Horde_Date('2026-05-01 10:00:00', 'UTC');
        $mr->organizer = 'boss@example.com';
        $mr->location = 'Paris';
        $mr->responserequested = 1;
        $mr->sensitivity = 0;
        $mr->busystatus = 2;
        $mr->globalobjid = base64_encode('goid');
        $mr->timezone = Horde_ActiveSync_Timezone::getSyncTZFromOffsets(
            Horde_ActiveSync_Timezone::getOffsetsFromDate($mr->starttime));
        $m->meetingrequest = $mr;
        return $m;

    case 'task':
        $m = ml_new('Task', $version);
        $m->subject = 'File expenses';
        $m->setImportance(2);
        $m->startdate = new Horde_Date('2026-11-02 00:00:00', 'Europe/Berlin');
        $m->utcstartdate = new Horde_Date('2026-11-02 00:00:00', 'Europe/Berlin');
        $m->duedate = new Horde_Date('2026-11-30 00:00:00', 'Europe/Berlin');
        $m->utcduedate = new Horde_Date('2026-11-30 00:00:00', 'Europe/Berlin');
        $m->complete = 0;
        $m->setReminder(new Horde_Date('2026-11-29 09:00:00', 'UTC'));
        $r = new Horde_Date_Recurrence(new Horde_Date('2026-11-02 00:00:00', 'UTC'));
        $r->setRecurType(Horde_Date_Recurrence::RECUR_MONTHLY_DATE);
        $r->setRecurInterval(1);
        $r->setRecurCount(6);
        $m->setRecurrence($r);
        $m->categories = ['Admin'];
        return $m;

    case 'note':
        $m = ml_new('Note', $version);
        $m->subject = 'Shopping';
        $m->categories = ['Home'];
        $m->lastmodified = new Horde_Date('2026-11-01 10:00:00', 'UTC');
        $m->messageclass = 'IPM.StickyNote';
        $body = ml_new('AirSyncBaseBody', $version);
        $body->type = Horde_ActiveSync::BODYPREF_TYPE_PLAIN;
        $body->data = "Milk\nBread\nTea";
        $body->estimateddatasize = 14;
        $m->body = $body;
        return $m;

    case 'body-stream':
        // a body read from a stream: every line ending becomes CRLF
        $m = ml_new('AirSyncBaseBody', $version);
        $m->type = 1;
        $s = fopen('php://temp', 'w+');
        fwrite($s, "a\nb\rc\r\nd\0e" . str_repeat("x\n", 5000) . "end\r");
        $m->data = $s;
        $m->estimateddatasize = 10;
        return $m;

    case 'fileattachment':
        $m = ml_new('AirSyncBaseFileAttachment', $version);
        $m->contenttype = 'application/pdf';
        $m->data = "%PDF-1.4\n" . str_repeat("\x00\xff", 100);
        $m->range = '0-208';
        $m->total = 209;
        return $m;

    case 'fileattachment-stream':
        $m = ml_new('AirSyncBaseFileAttachment', $version);
        $m->contenttype = 'image/png';
        $s = fopen('php://temp', 'w+');
        fwrite($s, str_repeat("\x89PNG\r\n\x1a\n", 2000));
        $m->data = $s;
        return $m;

    case 'oof':
        $m = ml_new('Oof', $version);
        $m->state = 1;
        $m->starttime = new Horde_Date('2026-07-01 00:00:00', 'Europe/Berlin');
        $m->endtime = new Horde_Date('2026-07-15 00:00:00', 'Europe/Berlin');
        foreach (['internal', 'externalknown'] as $who) {
            $msg = ml_new('OofMessage', $version);
            $msg->$who = '';
            $msg->enabled = 1;
            $msg->reply = "Away until the 15th ($who).";
            $msg->bodytype = 'Text';
            $m->messages[] = $msg;
        }
        return $m;

    case 'sendmail':
        $m = ml_new('SendMail', $version);
        $m->clientid = 'client-1';
        $m->saveinsent = true;
        $m->mime = "Subject: x\r\n\r\nbody";
        $src = ml_new('SendMailSource', $version);
        $src->folderid = 'INBOX';
        $src->itemid = '42';
        $m->source = $src;
        return $m;

    case 'picture':
        $m = ml_new('ResolveRecipientsPicture', $version);
        $m->status = 1;
        $m->data = "\x89PNG\x00binary";
        return $m;
    }
    throw new InvalidArgumentException("unknown message case $case");
}

/** Encodes a case inside <Data>; base64 of the bytes, or the error. */
function ml_encode(string $case, string $version, bool $multipart = false): array
{
    try {
        $m = ml_build($case, $version);
        $out = fopen('php://memory', 'w+');
        $encoder = new Horde_ActiveSync_Wbxml_Encoder($out);
        if ($multipart) {
            $encoder->multipart = true;
        }
        $encoder->startTag(Horde_ActiveSync::SYNC_DATA);
        $m->encodeStream($encoder);
        $encoder->endTag();
        $parts = [];
        foreach ($encoder->getParts() as $part) {
            if (is_resource($part)) {
                rewind($part);
                $part = stream_get_contents($part);
            }
            $parts[] = base64_encode($part);
        }
        rewind($out);
        return ['bytes' => base64_encode(stream_get_contents($out)), 'parts' => $parts, 'after' => ml_dump($m)];
    } catch (Throwable $e) {
        return ['error' => get_class($e) . ': ' . $e->getMessage()];
    }
}

/**
 * Decodes a fragment into a new message: inside <Data>, or at the top
 * when $wrapped is false (some of Horde's fixtures). Its dump, or the
 * error; with $inspect, what the message's getters say as well.
 */
function ml_decode(string $class, string $version, string $bytes, ?string $command = null,
                   bool $wrapped = true, bool $inspect = false): array
{
    try {
        ml_set_request_version($version);
        $stream = fopen('php://memory', 'w+');
        fwrite($stream, $bytes);
        rewind($stream);
        // Horde 5 writes binary text in places; do not reject it
        $decoder = new Horde_ActiveSync_Wbxml_Decoder($stream, Horde_ActiveSync_Wbxml::LOG_PROTOCOL,
            ['validateUtf8' => false]);
        if ($wrapped && !$decoder->getElementStartTag(Horde_ActiveSync::SYNC_DATA)) {
            return ['error' => 'no Data element'];
        }
        $m = ml_new($class, $version);
        $m->commandType = $command;
        $m->decodeStream($decoder);
        $end = $wrapped ? $decoder->getElementEndTag() !== false : $decoder->getElement() === false;
        $out = ['dump' => ml_dump($m), 'end' => $end];
        if ($inspect) {
            $out['inspect'] = ml_inspect($m);
        }
        return $out;
    } catch (Throwable $e) {
        return ['error' => get_class($e) . ': ' . $e->getMessage()];
    }
}

/** What an appointment's getters give, as Horde_Core's driver asks them. */
function ml_inspect($m): array
{
    $out = [];
    $calls = [
        'timezone' => function () use ($m) {
            return $m->getTimezone();
        },
        'datetime' => function () use ($m) {
            return $m->getDatetime();
        },
        'recurrence' => function () use ($m) {
            $r = $m->getRecurrence();
            return $r ? [
                'type' => $r->getRecurType(), 'interval' => $r->getRecurInterval(),
                'days' => $r->getRecurOnDays(), 'count' => $r->getRecurCount(),
                'start' => $r->getRecurStart(), 'end' => $r->getRecurEnd(),
            ] : false;
        },
        'exceptions' => function () use ($m) {
            $out = [];
            foreach ($m->getExceptions() as $e) {
                $out[] = [$e->getDatetime(), $e->getExceptionStartTime(), $e->deleted];
            }
            return $out;
        },
    ];
    if (!($m instanceof Horde_ActiveSync_Message_Appointment)) {
        return $out;
    }
    foreach ($calls as $name => $call) {
        try {
            $out[$name] = ml_dump_value($call());
        } catch (Throwable $e) {
            $out[$name] = ['@error' => get_class($e) . ': ' . $e->getMessage()];
        }
    }
    return $out;
}

/** A comparable picture of a value: types kept, objects opened up. */
function ml_dump_value($v, int $depth = 0)
{
    if ($depth > 8) {
        return '@deep';
    }
    if (is_array($v)) {
        $out = [];
        foreach ($v as $k => $item) {
            $out[$k] = ml_dump_value($item, $depth + 1);
        }
        return $out;
    }
    if ($v instanceof Horde_Date) {
        return ['@date' => sprintf('%04d-%02d-%02d %02d:%02d:%02d', $v->year, $v->month, $v->mday,
                                   $v->hour, $v->min, $v->sec), 'tz' => $v->timezone];
    }
    if ($v instanceof Horde_ActiveSync_Message_Base) {
        return ml_dump($v, $depth + 1);
    }
    if (is_object($v)) {
        return ['@object' => get_class($v)];
    }
    if (gettype($v) === 'resource (closed)') {
        return ['@closed' => true];
    }
    if (is_resource($v)) {
        if (get_resource_type($v) !== 'stream') {
            return ['@resource' => get_resource_type($v)];
        }
        rewind($v);
        return ['@stream' => base64_encode(stream_get_contents($v))];
    }
    if (is_string($v) && !mb_check_encoding($v, 'UTF-8')) {
        return ['@binary' => base64_encode($v)];
    }
    return $v;
}

function ml_dump($m, int $depth = 0): array
{
    $public = [];
    foreach ((new ReflectionObject($m))->getProperties(ReflectionProperty::IS_PUBLIC) as $p) {
        if (!$p->isStatic()) {
            $public[$p->getName()] = ml_dump_value($p->getValue($m), $depth);
        }
    }
    ksort($public);
    return [
        'class' => get_class($m),
        'properties' => ml_dump_value(ml_prop($m, '_properties'), $depth),
        'exists' => ml_prop($m, '_exists'),
        'public' => $public,
    ];
}

/** A zone's blob for a year and what reading it back gives. */
function ml_timezone(string $zone, int $year, ?string $expected, bool $name): array
{
    try {
        $offsets = Horde_ActiveSync_Timezone::getOffsetsFromDate(new Horde_Date("$year-06-15 12:00:00", $zone));
        $blob = Horde_ActiveSync_Timezone::getSyncTZFromOffsets($offsets);
        $out = [
            'offsets' => $offsets,
            'blob' => $blob,
            'back' => Horde_ActiveSync_Timezone::getOffsetsFromSyncTZ($blob),
        ];
        if ($name) {
            $tz = new Horde_ActiveSync_Timezone();
            try {
                $out['name'] = $tz->getTimezone($blob, $expected);
            } catch (Horde_ActiveSync_Exception $e) {
                $out['name'] = ['@error' => $e->getMessage()];
            }
        }
        return $out;
    } catch (Throwable $e) {
        return ['error' => get_class($e) . ': ' . $e->getMessage()];
    }
}

/** Horde_ActiveSync_Utils on one input. */
function ml_utils(array $input): array
{
    try {
        switch ($input[0]) {
        case 'decodeBase64':
            return ['result' => Horde_ActiveSync_Utils::decodeBase64($input[1])];
        case 'createGoid':
            $goid = Horde_ActiveSync_Utils::createGoid($input[1]);
            return ['result' => [$goid, Horde_ActiveSync_Utils::getUidFromGoid($goid)]];
        case 'getUidFromGoid':
            return ['result' => Horde_ActiveSync_Utils::getUidFromGoid($input[1])];
        case 'ensureUtf8':
            return ['result' => base64_encode(Horde_ActiveSync_Utils::ensureUtf8(base64_decode($input[1]), $input[2]))];
        }
    } catch (Throwable $e) {
        return ['error' => get_class($e) . ': ' . $e->getMessage()];
    }
    return ['error' => 'unknown'];
}

/** Runs a list of jobs (see tests/oracle/message_codec.php). */
function ml_run(array $jobs): array
{
    $out = [];
    foreach ($jobs as $job) {
        switch ($job['op']) {
        case 'encode':
            $out[] = ml_encode($job['case'], $job['version'], !empty($job['multipart']));
            break;
        case 'decode':
            if (isset($job['tz'])) {
                date_default_timezone_set($job['tz']);
            }
            $out[] = ml_decode($job['class'], $job['version'], base64_decode($job['bytes']), $job['command'] ?? null,
                               $job['wrapped'] ?? true, !empty($job['inspect']));
            break;
        case 'tz':
            $out[] = ml_timezone($job['zone'], (int)$job['year'], $job['expected'] ?? null, !empty($job['name']));
            break;
        case 'utils':
            $out[] = ml_utils($job['input']);
            break;
        default:
            $out[] = ['error' => 'unknown op'];
        }
    }
    return $out;
}
