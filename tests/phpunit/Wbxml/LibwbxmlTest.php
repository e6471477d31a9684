<?php
/**
 * Our code pages and decoder against Debian's libwbxml (wbxml2xml,
 * xml2wbxml from libwbxml2-utils 0.11.8), an independent implementation.
 * libwbxml has no EAS 16.1 tokens and spells some names its own way; both
 * are listed here as data, and everything else must agree.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Wbxml;

use DOMDocument;
use DOMElement;
use Horde\ActiveSync\Test\Support\Calls;
use Horde\ActiveSync\Test\Support\Documents;
use Horde_ActiveSync_Wbxml_Decoder;
use PHPUnit\Framework\TestCase;

use function Horde\ActiveSync\Native\wbxml_code_pages;
use function Horde\ActiveSync\Native\wbxml_tag;

class LibwbxmlTest extends TestCase
{
    /** libwbxml's spellings where they differ from MS-ASWBXML's: page => [ours => theirs]. */
    const SPELLINGS = [
        1 => ['AssistantPhoneNumber' => 'AssistantTelephoneNumber'],
        2 => ['AttOid' => 'AttOId', 'ReplyTo' => 'Reply-To', 'DtStamp' => 'DTStamp', 'Type' => 'Recurrence_Type',
              'Until' => 'Recurrence_Until', 'Occurrences' => 'Recurrence_Occurrences',
              'Interval' => 'Recurrence_Interval', 'DayOfWeek' => 'Recurrence_DayOfWeek',
              'DayOfMonth' => 'Recurrence_DayOfMonth', 'WeekOfMonth' => 'Recurrence_WeekOfMonth',
              'MonthOfYear' => 'Recurrence_MonthOfYear'],
        3 => ['Lifetime' => 'LifeTime'],
        4 => ['Email' => 'Attendee_Email', 'Name' => 'Attendee_Name', 'CompressedRTF' => 'Compressed_RTF',
              'DtStamp' => 'DTStamp', 'Deleted' => 'Exception_Deleted', 'ExceptionStartTime' => 'Exception_StartTime',
              'OrganizerEmail' => 'Organizer_Email', 'OrganizerName' => 'Organizer_Name',
              'Type' => 'Recurrence_Type', 'Until' => 'Recurrence_Until', 'Occurrences' => 'Recurrence_Occurrences',
              'Interval' => 'Recurrence_Interval', 'DayOfWeek' => 'Recurrence_DayOfWeek',
              'DayOfMonth' => 'Recurrence_DayOfMonth', 'WeekOfMonth' => 'Recurrence_WeekOfMonth',
              'MonthOfYear' => 'Recurrence_MonthOfYear', 'AttendeeStatus' => 'Attendee_Status',
              'AttendeeType' => 'Attendee_Type'],
        9 => ['UtcDueDate' => 'UTCDueDate', 'UtcStartDate' => 'UTCStartDate', 'Type' => 'Recurrence_Type',
              'Start' => 'Recurrence_Start', 'Until' => 'Recurrence_Until', 'Occurrences' => 'Recurrence_Occurrences',
              'Interval' => 'Recurrence_Interval', 'DayOfMonth' => 'Recurrence_DayOfMonth',
              'DayOfWeek' => 'Recurrence_DayOfWeek', 'WeekOfMonth' => 'Recurrence_WeekOfMonth',
              'MonthOfYear' => 'Recurrence_MonthOfYear', 'Regenerate' => 'Recurrence_Regenerate',
              'DeadOccur' => 'Recurrence_DeadOccur'],
        18 => ['RightsManagementInformation' => 'ihsManagementInformation'],
        21 => ['Mime' => 'MIME'],
        24 => ['Owner' => 'RMOwner'],
    ];

    /** Tokens libwbxml 0.11.8 does not know: EAS 16.1 and Horde's legacy ones. */
    private static function unknownToLibwbxml(int $page, int $token): bool
    {
        return $page === 25
            || ($page === 4 && $token >= 0x2b && $token <= 0x32)
            || ($page === 8 && in_array($token, [0x10, 0x11], true))
            || ($page === 14 && $token === 0x3b)
            || ($page === 21 && $token === 0x0a)
            || $page === 254;
    }

    protected function setUp(): void
    {
        $this->assertNotEmpty(shell_exec('command -v wbxml2xml'), 'wbxml2xml (libwbxml2-utils) is not installed');
    }

    private static function wbxml2xml(string $bytes): DOMDocument
    {
        $in = tempnam(sys_get_temp_dir(), 'eas-lw');
        $out = $in . '.xml';
        file_put_contents($in, $bytes);
        exec('wbxml2xml -l ACTIVESYNC -m 0 -o ' . escapeshellarg($out) . ' ' . escapeshellarg($in) . ' 2>&1', $lines, $rc);
        $xml = @file_get_contents($out);
        @unlink($in);
        @unlink($out);
        if ($rc !== 0 || !$xml) {
            throw new \RuntimeException('wbxml2xml failed: ' . implode(' ', $lines));
        }
        $doc = new DOMDocument();
        $doc->loadXML($xml);
        return $doc;
    }

    /** Events of libwbxml's rendering: [ns, name] starts, ['/'] ends, ['#', text]. */
    private static function theirEvents(DOMElement $el, array &$out): void
    {
        $out[] = [$el->namespaceURI, $el->localName];
        $text = '';
        foreach ($el->childNodes as $child) {
            if ($child instanceof DOMElement) {
                if ($text !== '') {
                    $out[] = ['#', $text];
                    $text = '';
                }
                self::theirEvents($child, $out);
            } else {
                $text .= $child->textContent;
            }
        }
        if ($text !== '') {
            $out[] = ['#', $text];
        }
        $out[] = ['/'];
    }

    /** The same events from our decoder, with libwbxml's spellings. */
    private static function ourEvents(string $bytes): array
    {
        $d = new Horde_ActiveSync_Wbxml_Decoder($bytes);
        $d->readWbxmlHeader();
        $out = [];
        $names = [];
        foreach (wbxml_code_pages() as $page => $info) {
            foreach ($info['tags'] as $token => $name) {
                $spec = wbxml_tag($page, $token)['spec'];
                $names[$name] = [$info['xmlns'], self::SPELLINGS[$page][$spec] ?? $spec];
            }
        }
        while (($el = $d->getElement()) !== false) {
            switch ($el[1]) {
            case 1:
                $out[] = $names[$el[2]];
                if (!($el[4] & 1)) {
                    $out[] = ['/'];
                }
                break;
            case 2:
                $out[] = ['/'];
                break;
            default:
                $out[] = ['#', $el[3]];
            }
        }
        return $out;
    }

    public function testEveryTokenAgreesWithLibwbxml(): void
    {
        // One document: a Sync holding every tag of every page, empty.
        $bytes = "\x03\x01\x6a\x00\x45";
        $expected = [];
        $unknown = 0;
        foreach (wbxml_code_pages() as $page => $info) {
            foreach ($info['tags'] as $token => $name) {
                if (self::unknownToLibwbxml($page, $token)) {
                    $unknown++;
                    continue;
                }
                $bytes .= "\x00" . chr($page) . chr($token);
                $spec = wbxml_tag($page, $token)['spec'];
                $expected[] = sprintf('%s%s', $info['xmlns'], self::SPELLINGS[$page][$spec] ?? $spec);
            }
        }
        $bytes .= "\x00\x00\x01";
        $root = self::wbxml2xml($bytes)->documentElement;
        $this->assertSame('Sync', $root->localName);
        $theirs = [];
        foreach ($root->childNodes as $child) {
            if ($child instanceof DOMElement) {
                $theirs[] = $child->namespaceURI . $child->localName;
            }
        }
        $this->assertSame($expected, $theirs);
        $this->assertGreaterThan(600, count($expected));
        $this->assertSame(38, $unknown);
    }

    public function testDocumentsDecodeAlike(): void
    {
        $docs = [Documents::contactsSync(30)];
        foreach (Documents::clientRequests() as $name => $calls) {
            if (!in_array($name, ['find', 'find-gal', 'provision-ack', 'meetingresponse', 'sync-calendar-16',
                                  'sendmail', 'smartreply'], true)) {
                $docs[] = $calls;
            }
        }
        $checked = 0;
        foreach ($docs as $calls) {
            $bytes = $calls->replay();
            $theirs = [];
            self::theirEvents(self::wbxml2xml($bytes)->documentElement, $theirs);
            $this->assertSame($theirs, self::ourEvents($bytes));
            $checked += count($theirs);
        }
        $this->assertGreaterThan(2000, $checked);
    }

    public function testLibwbxmlEncodingsDecodeAlike(): void
    {
        // libwbxml's xml2wbxml as an independent encoder: render with
        // wbxml2xml, encode back with xml2wbxml, decode with ours.
        $calls = Documents::contactsSync(5);
        $xmlFile = tempnam(sys_get_temp_dir(), 'eas-lw') . '.xml';
        file_put_contents($xmlFile, self::wbxml2xml($calls->replay())->saveXML());
        $outFile = $xmlFile . '.wbxml';
        exec('xml2wbxml -n -o ' . escapeshellarg($outFile) . ' ' . escapeshellarg($xmlFile) . ' 2>&1', $lines, $rc);
        $theirBytes = (string)@file_get_contents($outFile);
        @unlink($xmlFile);
        @unlink($outFile);
        $this->assertSame(0, $rc, implode(' ', $lines));
        $this->assertSame(self::ourEvents($calls->replay()), self::ourEvents($theirBytes));
    }
}
