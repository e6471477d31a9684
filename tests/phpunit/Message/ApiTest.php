<?php
/**
 * The message classes' API beyond what Debian's Horde 5 can be compared
 * on: accessors, ghosting, the EAS 16.0/16.1 parts (exceptions with
 * InstanceId, AirSyncBase:Location, forwardees, attendees' time proposals,
 * meeting request recurrences), Horde 6's additions, and the version
 * filter of the native walk.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Message;

use Horde\ActiveSync\Test\Support\Decode;
use Horde_ActiveSync;
use Horde_ActiveSync_Message_AirSyncBaseLocation;
use Horde_ActiveSync_Message_Appointment;
use Horde_ActiveSync_Message_Attendee;
use Horde_ActiveSync_Message_Base;
use Horde_ActiveSync_Message_Contact;
use Horde_ActiveSync_Message_Exception;
use Horde_ActiveSync_Message_Forwardee;
use Horde_ActiveSync_Message_Mail;
use Horde_ActiveSync_Message_MeetingRequest;
use Horde_ActiveSync_Message_MeetingRequestRecurrence;
use Horde_ActiveSync_Message_Recurrence;
use Horde_ActiveSync_Message_SendMail;
use Horde_ActiveSync_Message_Task;
use Horde_ActiveSync_Wbxml_Decoder;
use Horde_ActiveSync_Wbxml_Encoder;
use Horde_Date;
use Horde_Date_Recurrence;
use Horde_Icalendar;
use InvalidArgumentException;
use PHPUnit\Framework\TestCase;
use ReflectionProperty;

use function Horde\ActiveSync\Native\wbxml_to_xml;

class ApiTest extends TestCase
{
    private $zone;

    protected function setUp(): void
    {
        $this->zone = date_default_timezone_get();
        date_default_timezone_set('America/New_York');
    }

    protected function tearDown(): void
    {
        date_default_timezone_set($this->zone);
    }

    /** A message inside <Data>, as WBXML. */
    private static function encode(Horde_ActiveSync_Message_Base $m): string
    {
        $out = fopen('php://memory', 'w+');
        $encoder = new Horde_ActiveSync_Wbxml_Encoder($out);
        $encoder->startTag(Horde_ActiveSync::SYNC_DATA);
        $m->encodeStream($encoder);
        $encoder->endTag();
        rewind($out);
        return stream_get_contents($out);
    }

    /** The <Data> fragment decoded into a new message of the class. */
    private static function decode(string $class, string $version, string $bytes, $logger = null)
    {
        $decoder = new Horde_ActiveSync_Wbxml_Decoder($bytes);
        $decoder->getElementStartTag(Horde_ActiveSync::SYNC_DATA);
        $options = ['protocolversion' => $version];
        if ($logger) {
            $options['logger'] = $logger;
        }
        $m = new $class($options);
        $m->decodeStream($decoder);
        self::assertNotFalse($decoder->getElementEndTag(), 'the end tag of <Data> is left for the caller');
        return $m;
    }

    public function testMagicAccessors(): void
    {
        $c = new Horde_ActiveSync_Message_Contact(['protocolversion' => '14.1']);
        $this->assertSame('', $c->firstname, 'unset properties read as empty text');
        $this->assertTrue(isset($c->firstname), 'false is set, as in Horde');
        $this->assertFalse($c->getProperty('firstname'));
        $this->assertNull($c->nosuchproperty);
        $this->assertFalse(isset($c->nosuchproperty));
        $this->assertNull($c->getProperty('nosuchproperty'));
        $c->firstname = 'Ann';
        $c->setProperty('lastname', 'Lee');
        $this->assertSame('Ann', $c->firstname);
        $this->assertSame('Lee', $c->getLastname());
        $this->assertTrue($c->propertyExists('alias'));
        $this->assertFalse((new Horde_ActiveSync_Message_Contact(['protocolversion' => '12.1']))->propertyExists('alias'));
        $this->assertFalse($c->isEmpty());
        $this->assertTrue((new Horde_ActiveSync_Message_Contact())->isEmpty());
        try {
            $c->nosuchproperty = 1;
            $this->fail('no exception');
        } catch (InvalidArgumentException $e) {
            $this->assertStringContainsString('Unknown property: nosuchproperty', $e->getMessage());
        }
        // set<Property>() stores its arguments and throws, as Horde's does
        try {
            $c->setFirstname('X');
            $this->fail('no exception');
        } catch (\BadMethodCallException $e) {
            $this->assertSame(['X'], $c->getProperty('firstname'));
        }
        $this->assertSame('14.1', $c->getProtocolVersion());
    }

    public function testSetPropertiesIsOneAssignmentEach(): void
    {
        $values = [
            'firstname' => 'Ann', 'lastname' => 'Lee', 'categories' => ['Friends', 'Work'],
            'birthday' => new Horde_Date('1970-03-04 00:00:00', 'UTC'),
        ];
        $bulk = new Horde_ActiveSync_Message_Contact(['protocolversion' => '14.1']);
        $bulk->setProperties($values);
        $single = new Horde_ActiveSync_Message_Contact(['protocolversion' => '14.1']);
        foreach ($values as $name => $value) {
            $single->$name = $value;
        }
        // The contact's categories are a declared property, not a mapped one.
        $this->assertSame(['Friends', 'Work'], $bulk->categories);
        $this->assertFalse($bulk->getProperty('categories'));
        $this->assertSame('Ann', $bulk->firstname);
        $this->assertFalse($bulk->isGhosted('lastname'));
        $this->assertSame(self::encode($single), self::encode($bulk));
        $this->assertStringContainsString('<Category>Work</Category>', wbxml_to_xml(self::encode($bulk)));

        $partial = new Horde_ActiveSync_Message_Contact(['protocolversion' => '14.1']);
        try {
            $partial->setProperties(['firstname' => 'Ann', 'nosuchproperty' => 1]);
            $this->fail('no exception');
        } catch (InvalidArgumentException $e) {
            $this->assertStringContainsString('Unknown property: nosuchproperty', $e->getMessage());
        }
        $this->assertSame('', $partial->firstname, 'nothing is set when one property is unknown');
        $this->assertTrue($partial->isEmpty());
        try {
            $partial->setProperties(['firstname' => 'Ann', 7 => 'x']);
            $this->fail('no exception');
        } catch (InvalidArgumentException $e) {
            $this->assertStringContainsString('Unknown property: 7', $e->getMessage());
        }
        try {
            // Protected members are not properties of the message.
            $partial->setProperties(['_mapping' => []]);
            $this->fail('no exception');
        } catch (InvalidArgumentException $e) {
            $this->assertStringContainsString('Unknown property: _mapping', $e->getMessage());
        }
        $this->assertTrue($partial->isEmpty());

        // A value given by reference is stored as a value.
        $name = 'Ann';
        $values = ['firstname' => &$name];
        $byReference = new Horde_ActiveSync_Message_Contact(['protocolversion' => '14.1']);
        $byReference->setProperties($values);
        $name = 'changed';
        $this->assertSame('Ann', $byReference->firstname);

        // A class with its own __set() gets one assignment a value, in order.
        $own = new class(['protocolversion' => '14.1']) extends Horde_ActiveSync_Message_Contact {
            public $calls = [];

            public function __set($property, $value)
            {
                $this->calls[] = $property;
                parent::__set($property, strtoupper($value));
            }
        };
        $own->setProperties(['lastname' => 'lee', 'firstname' => 'ann']);
        $this->assertSame(['lastname', 'firstname'], $own->calls);
        $this->assertSame('ANN', $own->firstname);
    }

    /**
     * setProperties() remembers where it found each name for the writes,
     * and adds to a still-empty $_exists without lookups: neither may show.
     * Clones share their prototype's arrays until written; past 32 names
     * nothing is remembered; names already set stay set once; PHP code run
     * by a replaced value's destructor keeps what it wrote.
     */
    public function testSetPropertiesMatchesAssignmentsWhateverCameBefore(): void
    {
        $arrays = function ($message) {
            $read = function () {
                return [$this->_properties, $this->_exists];
            };
            return $read->call($message);
        };
        $prototype = new Horde_ActiveSync_Message_Contact(['protocolversion' => '14.1']);
        [$defaults] = $arrays($prototype);
        // 40 names, more than the 32 remembered.
        $values = [];
        foreach (array_keys($defaults) as $i => $name) {
            if (is_string($defaults[$name]) || $defaults[$name] === null || $defaults[$name] === false) {
                $values[$name] = "value $i";
            }
            if (count($values) === 40) {
                break;
            }
        }
        $this->assertCount(40, $values);
        $values['categories'] = ['Work'];

        $bulk = clone $prototype;
        $bulk->setProperties($values);
        $single = clone $prototype;
        foreach ($values as $name => $value) {
            $single->$name = $value;
        }
        $this->assertSame($arrays($single), $arrays($bulk));
        $this->assertSame(['Work'], $bulk->categories);
        $this->assertSame([$defaults, []], $arrays($prototype), 'the prototype is untouched');

        // Names set before: each stays in $_exists once.
        $earlier = clone $prototype;
        $earlier->lastname = 'Earlier';
        $earlier->setProperties(['firstname' => 'Ann', 'lastname' => 'Lee']);
        [$properties, $exists] = $arrays($earlier);
        $this->assertSame('Lee', $properties['lastname']);
        $this->assertSame(['lastname' => true, 'firstname' => true], $exists);

        // A replaced value whose destructor writes to the message, also a
        // name that comes after it.
        $message = clone $prototype;
        $witness = new class($message) {
            private $message;

            public function __construct($message)
            {
                $this->message = $message;
            }

            public function __destruct()
            {
                $this->message->nickname = 'from the destructor';
                $this->message->firstname = 'from the destructor';
                $this->message = null;
            }
        };
        // Into $_properties alone: $_exists stays the empty one.
        $plant = function ($value) {
            $this->_properties['airsyncbasebody'] = $value;
        };
        $plant->call($message, $witness);
        $witness = null;
        $this->assertSame([], $arrays($message)[1]);
        $message->setProperties(['airsyncbasebody' => null, 'firstname' => 'Ann', 'lastname' => 'Lee']);
        [$properties, $exists] = $arrays($message);
        $this->assertSame('from the destructor', $properties['nickname']);
        $this->assertSame(['Ann', 'Lee', null], [$properties['firstname'], $properties['lastname'],
                                                 $properties['airsyncbasebody']]);
        ksort($exists);
        $this->assertSame(['airsyncbasebody' => true, 'firstname' => true, 'lastname' => true, 'nickname' => true],
            $exists);
        $this->assertCount(4, $exists);
    }

    /**
     * Null, false and '' are left out, '0' and 0 are not, wherever the
     * property sits in the message's array (the encoder remembers where it
     * found each one in the last message of the class).
     */
    public function testEmptyValuesAreLeftOutWhateverTheArrayLayout(): void
    {
        $values = ['firstname' => '0', 'lastname' => '', 'middlename' => false, 'jobtitle' => 0,
                   'nickname' => null, 'companyname' => 'Example'];
        $contact = new Horde_ActiveSync_Message_Contact(['protocolversion' => '14.1']);
        $contact->setProperties($values);
        $xml = wbxml_to_xml(self::encode($contact));
        $this->assertStringContainsString('<FirstName xmlns="Contacts:">0</FirstName>', $xml);
        $this->assertStringContainsString('<JobTitle xmlns="Contacts:">0</JobTitle>', $xml);
        $this->assertStringContainsString('<CompanyName xmlns="Contacts:">Example</CompanyName>', $xml);
        foreach (['LastName', 'MiddleName', 'NickName'] as $tag) {
            $this->assertStringNotContainsString("<$tag", $xml);
        }

        // The same values in an array of another order.
        $reversed = new Horde_ActiveSync_Message_Contact(['protocolversion' => '14.1']);
        $properties = new ReflectionProperty(Horde_ActiveSync_Message_Base::class, '_properties');
        $properties->setAccessible(true);
        $properties->setValue($reversed, array_reverse($properties->getValue($reversed), true));
        $reversed->setProperties($values);
        $this->assertSame($xml, wbxml_to_xml(self::encode($reversed)));
        $this->assertSame($xml, wbxml_to_xml(self::encode($contact)), 'and back');
    }

    public function testGhosting(): void
    {
        $c = new Horde_ActiveSync_Message_Contact(['protocolversion' => '14.1']);
        $this->assertFalse($c->isGhosted('firstname'), 'no Supported list: nothing ghosted');
        $c->setSupported([Horde_ActiveSync_Message_Contact::FIRSTNAME, 'POOMCONTACTS:NoSuchTag']);
        $this->assertSame(['firstname', null], $c->getSupported());
        $this->assertFalse($c->isGhosted('firstname'));
        $this->assertTrue($c->isGhosted('lastname'));
        $c->lastname = 'sent';
        $this->assertFalse($c->isGhosted('lastname'), 'sent by the client');
        $c->setSupported([Horde_ActiveSync::ALL_GHOSTED]);
        $this->assertTrue($c->isGhosted('firstname'));

        $a = new Horde_ActiveSync_Message_Appointment(['protocolversion' => '16.0']);
        $this->assertTrue($a->isGhosted('subject'), 'EAS 16: what was not sent is ghosted');
        $a->subject = 'x';
        $this->assertFalse($a->isGhosted('subject'));
    }

    public function testVersionFilterLeavesOutTagsOfOtherVersions(): void
    {
        $note = new Horde_ActiveSync_Message_Mail(['protocolversion' => '12.1']);
        $note->subject = 'x';
        $note->mimedata = 'MIME';   // MIMEData is EAS 2.5's
        $xml = wbxml_to_xml(self::encode($note));
        $this->assertStringContainsString('<Subject xmlns="Email:">x</Subject>', $xml);
        $this->assertStringNotContainsString('MIMEData', $xml);

        $attendee = new Horde_ActiveSync_Message_Attendee(['protocolversion' => '14.1']);
        $attendee->email = 'a@example.com';
        $attendee->proposedstarttime = new Horde_Date('2026-05-01 10:00:00', 'UTC');
        $this->assertStringNotContainsString('ProposedStartTime', wbxml_to_xml(self::encode($attendee)));
        $attendee = new Horde_ActiveSync_Message_Attendee(['protocolversion' => '16.1']);
        $attendee->email = 'a@example.com';
        $attendee->proposedstarttime = new Horde_Date('2026-05-01 10:00:00', 'UTC');
        $this->assertStringContainsString('<ProposedStartTime xmlns="MeetingResponse:">20260501T100000Z</ProposedStartTime>',
            wbxml_to_xml(self::encode($attendee)));
    }

    public function testAttendeeClearsProposedTimesAt161(): void
    {
        foreach (['16.1' => true, '16.0' => false] as $version => $clears) {
            $a = new Horde_ActiveSync_Message_Attendee(['protocolversion' => $version]);
            $a->email = 'guest@example.com';
            $a->name = 'Guest';
            $a->status = Horde_ActiveSync_Message_Attendee::STATUS_TENTATIVE;
            $a->type = Horde_ActiveSync_Message_Attendee::TYPE_REQUIRED;
            $a->proposedstarttime = new Horde_Date('2026-05-01 10:00:00', 'UTC');
            $plain = self::encode($a);
            $a->clearProposedTimes = true;
            $cleared = self::encode($a);
            if (!$clears) {
                $this->assertSame($plain, $cleared);
                continue;
            }
            $xml = wbxml_to_xml($cleared);
            $this->assertStringContainsString('<ProposedStartTime xmlns="MeetingResponse:"/>', $xml);
            $this->assertStringContainsString('<ProposedEndTime xmlns="MeetingResponse:"/>', $xml);
            $this->assertStringNotContainsString('20260501', $xml);
        }
    }

    public function testExceptionAt16UsesInstanceIdAndLocation(): void
    {
        $a = new Horde_ActiveSync_Message_Appointment(['protocolversion' => '16.0']);
        $a->subject = 'Series';
        $a->starttime = new Horde_Date('2026-03-02 09:30:00', 'Europe/Berlin');
        $a->endtime = new Horde_Date('2026-03-02 10:30:00', 'Europe/Berlin');
        $a->setLocation('Room 1');
        $a->clientuid = 'client-uid-1';
        $e = new Horde_ActiveSync_Message_Exception(['protocolversion' => '16.0']);
        $e->instanceid = new Horde_Date('2026-03-09 08:30:00', 'UTC');
        $e->subject = 'Moved';
        $location = new Horde_ActiveSync_Message_AirSyncBaseLocation(['protocolversion' => '16.0']);
        $location->displayname = 'Room 2';
        $location->latitude = '52.52';
        $location->longitude = '13.40';
        $e->location = $location;
        $a->addException($e);
        $d = new Horde_ActiveSync_Message_Exception(['protocolversion' => '16.0']);
        $d->instanceid = new Horde_Date('2026-03-16 08:30:00', 'UTC');
        $d->setDeletedFlag(1);
        $a->addException($d);

        $bytes = self::encode($a);
        $xml = wbxml_to_xml($bytes);
        $this->assertStringContainsString('<InstanceId xmlns="AirSyncBase:">20260309T083000Z</InstanceId>', $xml);
        $this->assertStringContainsString('<DisplayName>Room 1</DisplayName>', $xml);
        $this->assertStringContainsString('<ClientUid xmlns="Calendar:">client-uid-1</ClientUid>', $xml);
        $this->assertStringNotContainsString('ExceptionStartTime', $xml);

        $b = self::decode('Horde_ActiveSync_Message_Appointment', '16.0', $bytes);
        $this->assertInstanceOf(Horde_ActiveSync_Message_AirSyncBaseLocation::class, $b->location);
        $this->assertSame('Room 1', $b->location->displayname);
        $exceptions = $b->getExceptions();
        $this->assertCount(2, $exceptions);
        $this->assertSame('2026-03-09 08:30:00', (string)$exceptions[0]->instanceid);
        $this->assertSame('52.52', $exceptions[0]->location->latitude);
        $this->assertSame('1', $exceptions[1]->deleted);
        $this->assertSame('client-uid-1', $b->clientuid);
        // an exception's missing times are its series'
        $this->assertEquals($b->getStarttime(), $exceptions[1]->getStarttime());
    }

    public function testEas16DropsServerFieldsFromClients(): void
    {
        $a = new Horde_ActiveSync_Message_Appointment(['protocolversion' => '14.1']);
        $a->subject = 'x';
        $a->uid = 'client-sent-uid';
        $a->setOrganizer(['name' => 'Ann', 'email' => 'ann@example.com']);
        $a->dtstamp = new Horde_Date('2026-01-01 00:00:00', 'UTC');
        $bytes = self::encode($a);
        $b = self::decode('Horde_ActiveSync_Message_Appointment', '16.0', $bytes, Decode::logger($log));
        $this->assertSame('x', $b->subject);
        $this->assertFalse($b->getProperty('uid'));
        $this->assertFalse($b->getProperty('organizeremail'));
        $this->assertFalse($b->getProperty('dtstamp'));
        $this->assertStringContainsString('Dropping uid', Decode::logged($log));
    }

    public function testAllDayAt16HasNoZoneAndUtcDates(): void
    {
        foreach (['16.0', '16.1'] as $version) {
            $a = new Horde_ActiveSync_Message_Appointment(['protocolversion' => $version]);
            // the first of a month east of UTC: Horde's conversion lands in
            // the month before
            $start = new Horde_Date('2026-03-01 00:00:00', 'Europe/Berlin');
            $a->setTimezone($start);
            $a->setDatetime(['start' => $start, 'end' => new Horde_Date('2026-03-02 00:00:00', 'Europe/Berlin')]);
            $this->assertSame(Horde_ActiveSync_Message_Appointment::IS_ALL_DAY, $a->alldayevent);
            $xml = wbxml_to_xml(self::encode($a));
            $this->assertStringNotContainsString('TimeZone', $xml, $version);
            $this->assertStringContainsString('<StartTime xmlns="Calendar:">20260301T000000Z</StartTime>', $xml);
            $this->assertStringContainsString('<EndTime xmlns="Calendar:">20260302T000000Z</EndTime>', $xml);
        }
    }

    public function testForwardeesAt16(): void
    {
        $m = new Horde_ActiveSync_Message_SendMail(['protocolversion' => '16.0']);
        $m->clientid = 'c1';
        $m->saveinsent = true;
        foreach (['Bob' => 'bob@example.com', 'Cé' => 'ce@example.org'] as $name => $email) {
            $f = new Horde_ActiveSync_Message_Forwardee(['protocolversion' => '16.0']);
            $f->name = $name;
            $f->email = $email;
            $forwardees[] = $f;
        }
        $m->forwardees = $forwardees;
        $bytes = self::encode($m);
        $this->assertStringContainsString('<ForwardeeEmail>ce@example.org</ForwardeeEmail>', wbxml_to_xml($bytes));
        $back = self::decode('Horde_ActiveSync_Message_SendMail', '16.0', $bytes);
        $this->assertCount(2, $back->forwardees);
        $this->assertSame('Cé', $back->forwardees[1]->name);
        $this->assertTrue($back->saveinsent);
        // both flags always go out (empty), so they always come back set,
        // as with Horde
        $this->assertTrue($back->replacemime);
    }

    public function testMailAt16LocationAndUid(): void
    {
        $m = new Horde_ActiveSync_Message_Mail(['protocolversion' => '16.1']);
        $m->subject = 'Invite';
        $location = new Horde_ActiveSync_Message_AirSyncBaseLocation(['protocolversion' => '16.1']);
        $location->displayname = 'Café';
        $m->location = $location;
        $m->uid = 'event-uid';
        $bytes = self::encode($m);
        $xml = wbxml_to_xml($bytes);
        $this->assertStringContainsString('<UID xmlns="Calendar:">event-uid</UID>', $xml);
        $back = self::decode('Horde_ActiveSync_Message_Mail', '16.1', $bytes);
        $this->assertSame('Café', $back->location->displayname);
        $this->assertSame('event-uid', $back->uid);
        // flag and categories go out empty when unset
        $this->assertStringContainsString('<Flag xmlns="Email:"/>', $xml);
        $this->assertStringContainsString('<Categories xmlns="Email:"/>', $xml);
    }

    private static function meetingRequest(string $version, array $lines = [], string $method = 'REQUEST')
    {
        $ics = implode("\r\n", array_merge([
            'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', 'METHOD:' . $method, 'BEGIN:VEVENT',
            'UID:test-event-uid@example.test', 'DTSTART:20260618T220000Z', 'DTEND:20260618T230000Z',
            'DTSTAMP:20260619T195852Z', 'ORGANIZER:mailto:organizer@example.test',
            'ATTENDEE:mailto:attendee@example.test',
        ], $lines, ['END:VEVENT', 'END:VCALENDAR', '']));
        $vcal = new Horde_Icalendar();
        $vcal->parseVcalendar($ics);
        $m = new Horde_ActiveSync_Message_MeetingRequest(['protocolversion' => $version]);
        $m->fromvEvent($vcal);
        return $m;
    }

    public function testMeetingRequestFromEvent(): void
    {
        foreach (['DISALLOW-COUNTER:TRUE', 'X-MS-DISALLOW-COUNTER:TRUE', 'X-MICROSOFT-DISALLOW-COUNTER:TRUE'] as $line) {
            $this->assertTrue(self::meetingRequest('16.1', [$line])->getProperty('disallownewtimeproposal'));
        }
        $this->assertFalse(self::meetingRequest('16.1')->getProperty('disallownewtimeproposal'));
        $this->assertFalse(self::meetingRequest('12.1', ['DISALLOW-COUNTER:TRUE'])->propertyExists('disallownewtimeproposal'));

        $cancel = self::meetingRequest('16.1', [], 'CANCEL');
        $this->assertSame(Horde_ActiveSync_Message_MeetingRequest::MEETING_MESSAGE_CANCEL, $cancel->getProperty('meetingmessagetype'));
        $this->assertSame('0', $cancel->getProperty('responserequested'));

        $single = self::meetingRequest('16.1');
        $this->assertSame('0', $single->getProperty('instancetype'));
        $this->assertSame([], $single->getProperty('recurrences'));
        $this->assertSame('organizer@example.test', $single->organizer);
        $this->assertSame('test-event-uid@example.test',
                          \Horde_ActiveSync_Utils::getUidFromGoid($single->globalobjid));

        $series = self::meetingRequest('16.1', ['RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=5']);
        $this->assertSame('1', $series->getProperty('instancetype'));
        $recurrences = $series->getProperty('recurrences');
        $this->assertCount(1, $recurrences);
        $this->assertInstanceOf(Horde_ActiveSync_Message_MeetingRequestRecurrence::class, $recurrences[0]);
        $this->assertSame(Horde_ActiveSync_Message_Recurrence::TYPE_WEEKLY, $recurrences[0]->getProperty('type'));
        $this->assertSame(5, (int)$recurrences[0]->getProperty('occurrences'));
        $this->assertSame(Horde_ActiveSync_Message_Recurrence::CALENDAR_TYPE_GREGORIAN,
                          $recurrences[0]->getProperty('calendartype'));

        $occurrence = self::meetingRequest('16.1', ['RECURRENCE-ID:20260618T220000Z']);
        $this->assertSame('3', $occurrence->getProperty('instancetype'));
        $this->assertInstanceOf(Horde_Date::class, $occurrence->getProperty('recurrenceid'));

        // and on the wire: the recurrence in the Email page, its calendar
        // type in Email2
        $mail = new Horde_ActiveSync_Message_Mail(['protocolversion' => '14.1']);
        $mail->meetingrequest = self::meetingRequest('14.1', ['RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=5', 'DISALLOW-COUNTER:TRUE']);
        $bytes = self::encode($mail);
        $xml = wbxml_to_xml($bytes);
        $this->assertMatchesRegularExpression('~<Recurrences>\s*<Recurrence>\s*<Type>1</Type>~', $xml);
        $this->assertStringContainsString('<CalendarType xmlns="Email2:">1</CalendarType>', $xml);
        $this->assertStringContainsString('<DisallowNewTimeProposal>1</DisallowNewTimeProposal>', $xml);
        $back = self::decode('Horde_ActiveSync_Message_Mail', '14.1', $bytes);
        $this->assertSame('5', $back->meetingrequest->recurrences[0]->occurrences);
        $this->assertSame('1', $back->meetingrequest->disallownewtimeproposal);
    }

    public function testTaskRecurrenceInstanceMasterChange(): void
    {
        $master = function (array $set, array $setRecurrence = []) {
            $task = new Horde_ActiveSync_Message_Task();
            $recurrence = Horde_ActiveSync::messageFactory('TaskRecurrence');
            foreach ($setRecurrence as $k => $v) {
                $recurrence->$k = $v;
            }
            $task->recurrence = $recurrence;
            foreach ($set as $k => $v) {
                $task->$k = $v;
            }
            return $task->isRecurrenceInstanceMasterChange();
        };
        $this->assertTrue($master([], ['occurrences' => 4]));
        $this->assertTrue($master(['complete' => Horde_ActiveSync_Message_Task::TASK_COMPLETE_TRUE]));
        $this->assertTrue($master(['deadoccur' => true]));
        $this->assertTrue($master([], ['deadoccur' => true]));
        $this->assertFalse($master(['subject' => 'Updated title']));
        $this->assertFalse((new Horde_ActiveSync_Message_Task())->isRecurrenceInstanceMasterChange());
    }

    public function testAppointmentHelpers(): void
    {
        $a = new Horde_ActiveSync_Message_Appointment(['protocolversion' => '14.1']);
        $start = new Horde_Date('1970-03-20T00:00:00', 'America/New_York');
        $a->setDatetime(['start' => $start, 'end' => new Horde_Date('1970-03-21T23:59:00', 'America/New_York')]);
        $this->assertSame('1970-03-22 00:00:00', (string)$a->endtime);
        $a->setDatetime(['start' => new Horde_Date('1970-03-20T04:00:00', 'America/New_York'), 'allday' => true]);
        $this->assertSame('1970-03-20 00:00:00', (string)$a->starttime);
        $this->assertSame('1970-03-21 00:00:00', (string)$a->endtime);

        $a = new Horde_ActiveSync_Message_Appointment(['protocolversion' => '14.1']);
        $start = new Horde_Date('2026-07-01 10:00:00', 'Europe/Berlin');
        $a->setTimezone($start);
        $this->assertSame('America/New_York', date_default_timezone_get());
        $this->assertSame('Europe/Berlin', $a->getTimezone());
        $a->setTimezone('America/New_York');
        $this->assertSame('America/New_York', $a->getTimezone());
        $a->starttime = $start;
        $a->endtime = $start->add(['hour' => 1]);
        $r = new Horde_Date_Recurrence($start);
        $r->setRecurType(Horde_Date_Recurrence::RECUR_MONTHLY_WEEKDAY);
        $r->setRecurInterval(2);
        $r->setRecurCount(4);
        $a->setRecurrence($r);
        $back = $a->getRecurrence();
        $this->assertSame(Horde_Date_Recurrence::RECUR_MONTHLY_WEEKDAY, $back->getRecurType());
        $this->assertSame(2, $back->getRecurInterval());
        $this->assertSame(4, $back->getRecurCount());

        try {
            $a->addAttachment(new \Horde_ActiveSync_Message_AirSyncBaseAttachment());
            $this->fail('no exception');
        } catch (\Horde_ActiveSync_Exception $e) {
            $this->assertSame('Property unavailable', $e->getMessage());
        }
        $this->assertSame('Calendar', $a->getClass());
    }

    public function testEncodingValidationErrors(): void
    {
        $r = new Horde_ActiveSync_Message_Recurrence(['protocolversion' => '14.1']);
        $r->type = Horde_ActiveSync_Message_Recurrence::TYPE_WEEKLY;
        try {
            self::encode($r);
            $this->fail('no exception');
        } catch (\Horde_ActiveSync_Exception $e) {
            $this->assertSame('Pre-encoding validation failed for Horde_ActiveSync_Message_Recurrence item',
                              $e->getMessage());
        }
        $a = new Horde_ActiveSync_Message_Appointment(['protocolversion' => '14.1']);
        $a->alldayevent = 1;
        $a->starttime = new Horde_Date('2026-01-01 10:00:00', 'UTC');
        $this->expectException(\Horde_ActiveSync_Exception::class);
        self::encode($a);
    }

    public function testStreamsAndMultipart(): void
    {
        // a streamed body is written with CRLF line ends, and closed
        $body = new \Horde_ActiveSync_Message_AirSyncBaseBody(['protocolversion' => '14.1']);
        $body->type = 1;
        $s = fopen('php://temp', 'w+');
        fwrite($s, "one\ntwo\rthree\r\n");
        $body->data = $s;
        $this->assertStringContainsString("one\r\ntwo\r\nthree\r\n", self::encode($body));
        $this->assertFalse(is_resource($s));

        // in a multipart response the data becomes a part
        $out = fopen('php://memory', 'w+');
        $encoder = new Horde_ActiveSync_Wbxml_Encoder($out);
        $encoder->startWBXML(true);
        $encoder->startTag('ItemOperations:ItemOperations');
        $attachment = new \Horde_ActiveSync_Message_AirSyncBaseFileAttachment(['protocolversion' => '14.1']);
        $attachment->contenttype = 'text/plain';
        $attachment->data = 'attachment bytes';
        $attachment->encodeStream($encoder);
        $encoder->endTag();
        $this->assertSame(['attachment bytes'], $encoder->getParts());
        rewind($out);
        $this->assertStringEndsWith('attachment bytes', stream_get_contents($out));

        // otherwise base64
        $attachment = new \Horde_ActiveSync_Message_AirSyncBaseFileAttachment(['protocolversion' => '14.1']);
        $attachment->data = 'attachment bytes';
        $this->assertStringContainsString(base64_encode('attachment bytes'), self::encode($attachment));
    }

    public function testMappingsCompiledPerVersion(): void
    {
        // the same class at two versions in one request
        foreach (['2.5', '14.1', '2.5', '16.0', '14.1'] as $version) {
            $c = new Horde_ActiveSync_Message_Contact(['protocolversion' => $version]);
            $c->firstname = 'A';
            if ($version < 12) {
                $c->body = 'text';
            } else {
                $body = new \Horde_ActiveSync_Message_AirSyncBaseBody(['protocolversion' => $version]);
                $body->data = 'text';
                $c->airsyncbasebody = $body;
            }
            $xml = wbxml_to_xml(self::encode($c));
            $this->assertSame($version < 12, strpos($xml, '<Body xmlns="Contacts:">text</Body>') !== false, $version);
            $this->assertSame($version >= 12, strpos($xml, '<Data>text</Data>') !== false, $version);
        }
        // a subclass that edits its mapping per object gets it honoured
        $custom = new class(['protocolversion' => '14.1']) extends Horde_ActiveSync_Message_Contact {
            public function __construct(array $options = array())
            {
                parent::__construct($options);
                $this->_mapping = [self::LASTNAME => [self::KEY_ATTRIBUTE => 'firstname']];
            }
        };
        $custom->firstname = 'Only';
        $this->assertStringContainsString('<LastName xmlns="Contacts:">Only</LastName>', wbxml_to_xml(self::encode($custom)));
    }
}
