<?php
/**
 * The Message_Mail objects a Sync sends, built end to end: the corpus
 * appended to the Dovecot of tools/test.sh, fetched through
 * Horde_ActiveSync_Imap_Adapter::getMessages() and the EasMessageBuilder
 * classes, for every EAS version and the body preferences clients send
 * (types 1-4, truncation, AllOrNone, MIME support levels, Preview,
 * BodyPart). Debian's classes do the same in a child process
 * (tests/oracle/mail.php build); the objects and their WBXML must be
 * identical, except where Horde is wrong: each such place is asserted
 * here as what Horde does and what we do instead.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Mail;

use Horde\ActiveSync\Test\Support\MailCorpus;
use Horde\ActiveSync\Test\Support\MailOracle;
use Horde\ActiveSync\Test\Support\MimeDump;
use Horde_ActiveSync;
use Horde_ActiveSync_Imap_EasMessageBuilder;
use Horde_ActiveSync_Imap_Message;
use Horde_ActiveSync_Message_AirSyncBaseAttachment;
use Horde_Imap_Client_Mailbox;
use PHPUnit\Framework\TestCase;

class MessageBuilderTest extends TestCase
{
    private static $imap;
    private static $mbox;
    /** @var array<int, string> uid => corpus kind */
    private static $kinds = [];
    /** @var array<int, string[]> uid => IMAP flags */
    private static $flags = [];

    const FLAG_SETS = [['\\Flagged'], ['\\Seen', '$label1'], ['\\Seen', '\\Answered'], ['$Forwarded', '$label2'], []];

    public static function setUpBeforeClass(): void
    {
        if (!getenv('EAS_TEST_IMAP')) {
            return;
        }
        self::$imap = MimeDump::imapClient(getenv('EAS_TEST_IMAP'));
        self::$mbox = 'BuildTest' . getmypid();
        self::$imap->createMailbox(self::$mbox);
        $corpus = (new MailCorpus(33))->all();
        $append = [];
        $i = 0;
        foreach ($corpus as $doc) {
            $append[] = ['data' => $doc, 'flags' => self::FLAG_SETS[$i++ % count(self::FLAG_SETS)]];
        }
        $uids = self::$imap->append(self::$mbox, $append)->ids;
        self::$kinds = array_combine($uids, array_keys($corpus));
        foreach ($uids as $n => $uid) {
            self::$flags[$uid] = $append[$n]['flags'];
        }
    }

    public static function tearDownAfterClass(): void
    {
        if (self::$imap) {
            self::$imap->deleteMailbox(self::$mbox);
            self::$imap->logout();
        }
    }

    protected function setUp(): void
    {
        if (!self::$imap) {
            if (getenv('EAS_REQUIRE_DB')) {
                $this->fail('Dovecot required (EAS_REQUIRE_DB) but EAS_TEST_IMAP is not set');
            }
            $this->markTestSkipped('no IMAP server (tools/test.sh starts one)');
        }
    }

    public static function versions(): array
    {
        $out = [];
        foreach (['2.5', '12.0', '12.1', '14.0', '14.1', '16.0', '16.1'] as $v) {
            $out[$v] = [$v];
        }
        return $out;
    }

    /** The option sets Horde_Core's driver passes for a collection, by name. */
    public static function optionSets(string $version): array
    {
        $plain = Horde_ActiveSync::BODYPREF_TYPE_PLAIN;
        $html = Horde_ActiveSync::BODYPREF_TYPE_HTML;
        $rtf = Horde_ActiveSync::BODYPREF_TYPE_RTF;
        $mime = Horde_ActiveSync::BODYPREF_TYPE_MIME;
        $sets = [
            'none' => [],
            'truncation 500' => ['truncation' => 500],
            'plain 200' => ['bodyprefs' => [$plain => ['type' => $plain, 'truncationsize' => 200]]],
            'mime, support 2' => ['mimesupport' => 2, 'bodyprefs' => [$mime => ['type' => $mime]]],
        ];
        if ($version === '2.5') {
            return array_map(function ($s) use ($version) {
                return ['protocolversion' => $version] + $s;
            }, $sets);
        }
        $sets += [
            'plain' => ['bodyprefs' => [$plain => ['type' => $plain]]],
            'plain 200 allornone' => ['bodyprefs' => [$plain => ['type' => $plain, 'truncationsize' => 200, 'allornone' => 1]]],
            'html' => ['bodyprefs' => [$html => ['type' => $html]]],
            'html 300' => ['bodyprefs' => [$html => ['type' => $html, 'truncationsize' => 300]]],
            'html 300 allornone' => ['bodyprefs' => [$html => ['type' => $html, 'truncationsize' => 300, 'allornone' => 1]]],
            'plain 1000 + html' => ['bodyprefs' => [$plain => ['type' => $plain, 'truncationsize' => 1000], $html => ['type' => $html]]],
            'rtf' => ['bodyprefs' => [$rtf => ['type' => $rtf, 'truncationsize' => 1000]]],
            'mime, support 0' => ['mimesupport' => 0, 'bodyprefs' => [$mime => ['type' => $mime]]],
            'mime 2000, support 1' => ['mimesupport' => 1, 'bodyprefs' => [$mime => ['type' => $mime, 'truncationsize' => 2000]]],
            'mime + html' => ['mimesupport' => 1, 'bodyprefs' => [$html => ['type' => $html], $mime => ['type' => $mime]]],
            'html, preview 100' => ['bodyprefs' => [$html => ['type' => $html, 'preview' => 100]]],
            'plain 50, preview 40' => ['bodyprefs' => [$plain => ['type' => $plain, 'truncationsize' => 50, 'preview' => 40]]],
            'html + bodypart' => ['bodyprefs' => [$html => ['type' => $html]],
                                  'bodypartprefs' => ['type' => $html, 'truncationsize' => 500, 'preview' => 60]],
        ];
        return array_map(function ($s) use ($version) {
            return ['protocolversion' => $version] + $s;
        }, $sets);
    }

    /**
     * @dataProvider versions
     */
    public function testSameObjectsAndWbxmlAsHorde(string $version): void
    {
        if (!MailOracle::available()) {
            $this->markTestSkipped('Debian php-horde-activesync is not installed');
        }
        $sets = self::optionSets($version);
        $uids = array_keys(self::$kinds);
        $theirs = MailOracle::run('build', [], 600,
            array_merge([self::$mbox, MailOracle::file(json_encode($sets))], array_map('strval', $uids)),
            count($sets) * count($uids));
        $row = 0;
        $compared = 0;
        foreach ($sets as $name => $options) {
            $built = MimeDump::buildMails(self::$imap, self::$mbox, $uids, $options);
            foreach ($uids as $uid) {
                $compared += $this->compare($built[$uid], $theirs[$row++], $uid, "$name (EAS $version)", $options);
            }
        }
        // most messages are compared whole, objects and bytes
        $this->assertGreaterThan(count($sets) * count($uids) * 0.7, $compared);
    }

    /**
     * Imap_Message::prefetchBodyData(): the body parts of many messages in
     * a few FETCH commands; the messages built from them are the same.
     */
    public function testPrefetchedBodiesBuildTheSameMessages(): void
    {
        $params = \Horde\ActiveSync\Test\Support\Imap::params();
        // Horde_Imap_Client_Socket implements Serializable alone, which PHP
        // reports as deprecated when a class extends it: that is Horde's
        $level = error_reporting(error_reporting() & ~E_DEPRECATED);
        $imap = new class(['hostspec' => $params['host'], 'port' => (int)$params['port'], 'username' => $params['username'],
                           'password' => $params['password'], 'secure' => false]) extends \Horde_Imap_Client_Socket {
            public $fetches = 0;
            public $uids = [];

            public function fetch($mailbox, $query, array $options = array())
            {
                $this->fetches++;
                $this->uids = array_merge($this->uids, $options['ids']->ids);
                return parent::fetch($mailbox, $query, $options);
            }
        };
        error_reporting($level);
        $uids = array_keys(self::$kinds);
        $fetched = MimeDump::fetch($imap, self::$mbox, $uids);
        $logger = new \Horde_Log_Logger(new \Horde_Log_Handler_Null());
        $mbox = new Horde_Imap_Client_Mailbox(self::$mbox);
        $version = new \ReflectionProperty('Horde_ActiveSync', '_version');
        $version->setAccessible(true);
        $boundaries = function ($bytes) {
            return preg_replace('/=_[A-Za-z0-9_-]{23}/', '=_(random)', $bytes);
        };
        $sets = ['html' => self::optionSets('14.1')['html'], 'plain 200' => self::optionSets('12.1')['plain 200'],
                 'mime 2000' => self::optionSets('16.1')['mime 2000, support 1'],
                 'bodypart' => self::optionSets('16.1')['html + bodypart'], '2.5' => self::optionSets('2.5')['none']];
        foreach ($sets as $name => $options) {
            $version->setValue(null, $options['protocolversion']);
            $one = $bulk = [];
            foreach ($fetched as $uid => $data) {
                $m = Horde_ActiveSync_Imap_EasMessageBuilder::create(
                    new Horde_ActiveSync_Imap_Message($imap, $mbox, $data), $options, $logger)->getMessageObject();
                $one[$uid] = [json_encode(MimeDump::message($m)), $boundaries(MimeDump::wbxml($m))];
            }
            $messages = [];
            foreach ($fetched as $uid => $data) {
                $messages[$uid] = new Horde_ActiveSync_Imap_Message($imap, $mbox, $data);
            }
            $imap->fetches = 0;
            Horde_ActiveSync_Imap_Message::prefetchBodyData($messages, $options);
            // a FETCH per set of part ids, and a few to isolate the message
            // whose broken base64 the server cannot decode
            $this->assertLessThan(count($messages) / 2, $imap->fetches, $name);
            $imap->fetches = 0;
            $imap->uids = [];
            foreach ($messages as $uid => $message) {
                $m = Horde_ActiveSync_Imap_EasMessageBuilder::create($message, $options, $logger)->getMessageObject();
                $this->assertSame($one[$uid][1], $boundaries(MimeDump::wbxml($m)), "$name, " . self::$kinds[$uid]);
            }
            if ($name !== 'mime 2000') {
                // besides MIME bodies (attachments), only delivery reports
                // and invitations read another part, and the message the
                // server cannot decode fetches its own
                $kinds = array_unique(array_map(function ($uid) {
                    return self::$kinds[$uid];
                }, $imap->uids));
                sort($kinds);
                $this->assertSame(array_values(array_intersect($kinds, ['broken-bad-base64', 'ical-reply', 'ical-request', 'report-dsn', 'report-mdn'])), array_values($kinds), $name);
            }
        }
        $imap->logout();
    }

    /** Imap_Message::getAttachments(): what a client lists and fetches by name. */
    public function testAttachments(): void
    {
        $uids = array_flip(self::$kinds);
        $fetched = MimeDump::fetch(self::$imap, self::$mbox, array_values($uids));
        $message = function (string $kind) use ($uids, $fetched) {
            return new Horde_ActiveSync_Imap_Message(self::$imap, new Horde_Imap_Client_Mailbox(self::$mbox), $fetched[$uids[$kind]]);
        };

        $list = $message('mixed-attachments')->getAttachments('14.1');
        $this->assertSame(['report.pdf', 'photo.png', 'notes.txt'], array_map(function ($a) {
            return $a->displayname;
        }, $list));
        $uid = $uids['mixed-attachments'];
        // the file name the client fetches it by: mailbox:uid:MIME id
        $this->assertSame([self::$mbox . ":$uid:2", self::$mbox . ":$uid:3", self::$mbox . ":$uid:4"],
            array_map(function ($a) {
                return $a->attname;
            }, $list));
        foreach ($list as $a) {
            $this->assertInstanceOf(Horde_ActiveSync_Message_AirSyncBaseAttachment::class, $a);
            $this->assertSame(Horde_ActiveSync_Message_AirSyncBaseAttachment::ATT_TYPE_NORMAL, $a->attmethod);
            $this->assertEmpty($a->isinline);
        }
        // the size of an encoded part is Horde_Mime_Part's estimate from
        // the server's (encoded) size, as in Horde (compared in ImapMessageTest)
        $this->assertEqualsWithDelta(12000, $list[1]->attsize, 3000);
        // the line end before a boundary belongs to the boundary
        $this->assertSame(strlen("attached notes"), $list[2]->attsize);

        $inline = $message('related-inline')->getAttachments('16.1');
        $this->assertSame(['logo.gif', 'archive.zip'], array_map(function ($a) {
            return $a->displayname;
        }, $inline));
        $this->assertTrue($inline[0]->isinline);
        $this->assertSame('logo@example.com', $inline[0]->contentid);

        $forwarded = $message('forwarded-rfc822')->getAttachments('14.1');
        $this->assertCount(1, $forwarded);
        $this->assertStringEndsWith('.eml', $forwarded[0]->displayname);

        $mdn = $message('report-mdn')->getAttachments('14.1');
        $this->assertSame([Horde_ActiveSync_Message_AirSyncBaseAttachment::ATT_TYPE_EMBEDDED],
            array_map(function ($a) {
                return $a->attmethod;
            }, $mdn));

        // EAS 2.5: Email's Attachment, the Content-ID as AttOid
        $old = $message('related-inline')->getAttachments('2.5');
        $this->assertInstanceOf(\Horde_ActiveSync_Message_Attachment::class, $old[0]);
        $this->assertSame('logo@example.com', $old[0]->attoid);
        $this->assertEqualsWithDelta(2000, $old[0]->attsize, 500);

        $this->assertSame([], $message('plain-ascii')->getAttachments('14.1'));
        // a signature is no attachment, the signed text is the body
        $this->assertSame([], $message('smime-signed')->getAttachments('14.1'));
    }

    /**
     * One message: our object against Horde's picture and bytes.
     *
     * @return int  1 when compared in full, 0 when Horde failed.
     */
    private function compare($ours, array $theirs, int $uid, string $set, array $options): int
    {
        $kind = self::$kinds[$uid];
        $what = "$kind, $set";
        $this->assertNotInstanceOf(\Throwable::class, $ours, $what . ': ' . ($ours instanceof \Throwable ? $ours->getMessage() : ''));
        $dump = MimeDump::message($ours);
        $version = $options['protocolversion'];

        if (isset($theirs['error'])) {
            $this->hordeFailed($theirs['error'], $dump, $uid, $what, $options);
            return 0;
        }

        // Horde 6's MeetingRequest (ours) has DisallowNewTimeProposal and
        // sets InstanceType; the values Horde 5 encodes are the same
        if (isset($dump['properties']['meetingrequest']['properties'])) {
            unset($dump['properties']['meetingrequest']['properties']['disallownewtimeproposal'],
                  $dump['properties']['meetingrequest']['exists']['instancetype']);
        }

        $body = $dump['properties']['airsyncbasebody']['properties'] ?? null;
        $prefs = $options['bodyprefs'] ?? [];

        // Preview (14.0+): Horde's builder never stores its options, so it
        // never sends one; we send the first characters of the plain text
        $previewChars = (int)($prefs[$body['type'] ?? 0]['preview'] ?? 0);
        if ($body && ($body['preview'] ?? false) !== false) {
            $this->assertTrue($version >= 14 && $previewChars > 0, $what);
            $this->assertLessThanOrEqual($previewChars, mb_strlen($body['preview'], 'UTF-8'), $what);
            $this->assertNotSame('', $body['preview'], $what);
            $ours->airsyncbasebody->preview = false;
            unset($dump['properties']['airsyncbasebody']['exists']['preview']);
            $dump['properties']['airsyncbasebody']['properties']['preview'] = false;
        }

        // BodyPart (14.1+): never sent by Horde, for the same reason
        if (($dump['properties']['airsyncbasebodypart'] ?? false) !== false) {
            $this->assertTrue($version >= 14.1 && !empty($options['bodypartprefs']), $what);
            $part = $dump['properties']['airsyncbasebodypart']['properties'];
            $this->assertSame(1, $part['status'], $what);
            $data = base64_decode($part['data']['@stream']);
            // cut to 500 characters before line ends become CRLF
            $this->assertLessThanOrEqual(500 + substr_count($data, "\r\n"), mb_strlen($data, 'UTF-8'), $what);
            if ($part['truncated']) {
                $this->assertGreaterThanOrEqual(500, mb_strlen($data, 'UTF-8'), $what);
            }
            if (!empty($options['bodypartprefs']['preview']) && $part['preview'] !== false) {
                $this->assertLessThanOrEqual(60, mb_strlen($part['preview'], 'UTF-8'), $what);
            }
            $ours->airsyncbasebodypart = false;
            $dump['properties']['airsyncbasebodypart'] = false;
            unset($dump['exists']['airsyncbasebodypart']);
        }

        $theirBody = $theirs['dump']['properties']['airsyncbasebody']['properties'] ?? null;
        // a MIME body rebuilt by Horde_Mime has random boundaries: ours
        // take Horde's (same length) before comparing
        if ($body && $body['type'] == Horde_ActiveSync::BODYPREF_TYPE_MIME && is_array($body['data'])) {
            $mine = base64_decode($dump['properties']['airsyncbasebody']['properties']['data']['@stream']);
            $same = self::sameBoundaries($mine, base64_decode($theirBody['data']['@stream']));
            if ($same !== $mine) {
                $dump['properties']['airsyncbasebody']['properties']['data']['@stream'] = base64_encode($same);
                $ours->airsyncbasebody->data = self::stream($same);
            }
        }

        // MIME truncation: Horde logs the TruncationSize as 0 and sends the
        // whole message marked as not truncated (its options again)
        if ($body && $body['type'] == Horde_ActiveSync::BODYPREF_TYPE_MIME && $body['truncated'] === '1') {
            $limit = $prefs[Horde_ActiveSync::BODYPREF_TYPE_MIME]['truncationsize'] ?? $options['truncation'];
            $full = base64_decode($theirBody['data']['@stream']);
            $this->assertSame('0', $theirBody['truncated'], $what);
            $this->assertGreaterThan($limit, strlen($full), $what);
            $this->assertSame(substr($full, 0, $limit),
                base64_decode($dump['properties']['airsyncbasebody']['properties']['data']['@stream']), $what);
            $ours->airsyncbasebody->data = self::stream($full);
            $ours->airsyncbasebody->truncated = '0';
            $dump['properties']['airsyncbasebody']['properties']['data'] = $theirBody['data'];
            $dump['properties']['airsyncbasebody']['properties']['truncated'] = '0';
        }

        // EAS 2.5, message without a text/plain part: Horde sends an empty
        // body; ours is the HTML's text
        if ($version === '2.5' && $this->lacksPlainText($uid) && $dump['properties']['body'] !== false) {
            $this->assertNotSame('', base64_decode($dump['properties']['body']['@stream']), $what);
            $this->assertSame('', base64_decode($theirs['dump']['properties']['body']['@stream']), $what);
            foreach (['body', 'bodysize', 'bodytruncated'] as $p) {
                $dump['properties'][$p] = $theirs['dump']['properties'][$p];
            }
            $ours->body = self::stream('');
            $ours->bodysize = $theirs['dump']['properties']['bodysize'];
            $ours->bodytruncated = $theirs['dump']['properties']['bodytruncated'];
        }

        $this->assertSameTree($theirs['dump'], $dump, $what);
        $this->assertSame(base64_decode($theirs['wbxml']), MimeDump::wbxml($ours), "$what: WBXML");
        return 1;
    }

    /** What Horde failed on, and what we send instead. */
    private function hordeFailed(string $error, array $dump, int $uid, string $what, array $options): void
    {
        $kind = self::$kinds[$uid];
        $version = $options['protocolversion'];
        if (strpos($error, 'Unknown property: flag') !== false) {
            // a \Flagged message for EAS 2.5: Horde sets Flag, which 2.5
            // mail does not have
            $this->assertSame('2.5', $version, $what);
            $this->assertContains('\\Flagged', self::$flags[$uid], $what);
            $this->assertArrayNotHasKey('flag', $dump['exists'], $what);
            return;
        }
        if (strpos($error, 'Call to a member function length() on null') !== false) {
            // EAS 2.5 and no text/plain part: Horde has no plain text
            // data; ours is the HTML's text, or no body for mail without
            // text (S/MIME encrypted)
            $this->assertSame('2.5', $version, $what);
            $this->assertTrue($this->lacksPlainText($uid), $what);
            if ($kind === 'smime-encrypted') {
                $this->assertFalse($dump['properties']['body'], $what);
            } else {
                $this->assertIsArray($dump['properties']['body'], $what);
                $this->assertNotSame('', base64_decode($dump['properties']['body']['@stream']), $what);
            }
            return;
        }
        if (strpos($error, 'ValueError: mb_substr()') === 0) {
            // a charset mbstring does not know: we cut by bytes
            $this->assertSame('charset-unknown', $kind, $what);
            return;
        }
        if (strpos($error, 'TypeError: Horde_ActiveSync_Imap_MessageBodyData::_getBodyPart()') === 0) {
            // BodyPart asked for mail without text: we send none
            $this->assertNotEmpty($options['bodypartprefs'], $what);
            $this->assertFalse($dump['properties']['airsyncbasebodypart'] ?? false, $what);
            return;
        }
        $this->fail("$what: Horde failed unexpectedly: $error");
    }

    /** Messages whose body has no text/plain part (HTML only, or no text at all). */
    private function lacksPlainText(int $uid): bool
    {
        return in_array(self::$kinds[$uid], ['html-only', 'html-large', 'charset-koi8r', 'charset-cp1252',
                                             'broken-no-mime-version', 'related-inline', 'smime-encrypted'], true);
    }

    /**
     * $mine with the random boundaries Horde_Mime made replaced, in order,
     * by those of $theirs (same length), also one cut at the end of a
     * truncated body.
     */
    private static function sameBoundaries(string $mine, string $theirs): string
    {
        $pattern = '/boundary="(=_[A-Za-z0-9_-]{20,})"/';
        preg_match_all($pattern, $mine, $a);
        preg_match_all($pattern, $theirs, $b);
        $map = [];
        foreach ($a[1] as $i => $boundary) {
            if (isset($b[1][$i]) && strlen($boundary) === strlen($b[1][$i])) {
                $map[$boundary] = $b[1][$i];
            }
        }
        $out = strtr($mine, $map);
        foreach ($map as $from => $to) {
            for ($len = strlen($from) - 1; $len > 0; $len--) {
                if (substr($out, -$len - 2) === '--' . substr($from, 0, $len)) {
                    return substr($out, 0, -$len) . substr($to, 0, $len);
                }
            }
        }
        return $out;
    }

    /** assertEquals with a short report: the paths that differ. */
    private function assertSameTree($expected, $actual, string $what): void
    {
        $diffs = self::diff($expected, $actual, '');
        $this->assertSame([], array_slice($diffs, 0, 8), $what);
    }

    private static function diff($a, $b, string $path): array
    {
        if (is_array($a) && is_array($b)) {
            $out = [];
            foreach (array_unique(array_merge(array_keys($a), array_keys($b))) as $k) {
                if (!array_key_exists($k, $a)) {
                    $out[] = "$path/$k: only ours: " . substr(json_encode($b[$k]), 0, 200);
                } elseif (!array_key_exists($k, $b)) {
                    $out[] = "$path/$k: only Horde's: " . substr(json_encode($a[$k]), 0, 200);
                } else {
                    $out = array_merge($out, self::diff($a[$k], $b[$k], "$path/$k"));
                }
            }
            return $out;
        }
        if ($a == $b && gettype($a) === gettype($b)) {
            return [];
        }
        if (is_string($a) && is_string($b) && strlen($a) > 100) {
            $at = strspn($a ^ $b, "\0");
            return ["$path: differ at byte $at: Horde's " . json_encode(substr($a, $at, 60)) . ' ours ' . json_encode(substr($b, $at, 60))];
        }
        return ["$path: Horde's " . substr(json_encode($a), 0, 200) . ' ours ' . substr(json_encode($b), 0, 200)];
    }

    private static function stream(string $data)
    {
        $s = fopen('php://temp', 'w+');
        fwrite($s, $data);
        rewind($s);
        return $s;
    }
}
