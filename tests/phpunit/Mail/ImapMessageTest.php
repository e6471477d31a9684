<?php
/**
 * Horde_ActiveSync_Imap_Message and Imap_MessageBodyData on a real Dovecot
 * (tools/test.sh starts it: EAS_TEST_IMAP), against Debian's classes
 * reading the same messages from the same server.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Mail;

use Horde\ActiveSync\Test\Support\MailCorpus;
use Horde\ActiveSync\Test\Support\MailOracle;
use Horde\ActiveSync\Test\Support\MimeDump;
use Horde_ActiveSync;
use Horde_ActiveSync_Imap_Message;
use Horde_Imap_Client_Mailbox;
use PHPUnit\Framework\TestCase;

class ImapMessageTest extends TestCase
{
    private static $imap;
    private static $mbox;
    /** @var array<string, int> kind => uid */
    private static $uids = [];

    public static function setUpBeforeClass(): void
    {
        if (!getenv('EAS_TEST_IMAP')) {
            return;
        }
        self::$imap = MimeDump::imapClient(getenv('EAS_TEST_IMAP'));
        self::$mbox = 'MailTest' . getmypid();
        self::$imap->createMailbox(self::$mbox);
        $corpus = (new MailCorpus(21))->all();
        $append = [];
        $i = 0;
        foreach ($corpus as $kind => $doc) {
            $append[] = ['data' => $doc, 'flags' => $i++ % 3 ? ['\\Seen'] : ['\\Flagged']];
        }
        $ids = self::$imap->append(self::$mbox, $append)->ids;
        self::$uids = array_combine(array_keys($corpus), $ids);
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

    public static function bodyPreferences(): array
    {
        $p = Horde_ActiveSync::BODYPREF_TYPE_PLAIN;
        $h = Horde_ActiveSync::BODYPREF_TYPE_HTML;
        $m = Horde_ActiveSync::BODYPREF_TYPE_MIME;
        return [
            '2.5' => [['protocolversion' => '2.5', 'truncation' => 4]],
            '12.1 plain 5120' => [['protocolversion' => '12.1', 'bodyprefs' => [$p => ['type' => $p, 'truncationsize' => 5120]]]],
            '12.1 plain 200 allornone' => [['protocolversion' => '12.1', 'bodyprefs' => [$p => ['type' => $p, 'truncationsize' => 200, 'allornone' => 1]]]],
            '14.1 html 51200' => [['protocolversion' => '14.1', 'bodyprefs' => [$h => ['type' => $h, 'truncationsize' => 51200]]]],
            '14.1 html 300 allornone' => [['protocolversion' => '14.1', 'bodyprefs' => [$h => ['type' => $h, 'truncationsize' => 300, 'allornone' => 1]]]],
            '14.1 html+plain' => [['protocolversion' => '14.1', 'bodyprefs' => [$p => ['type' => $p, 'truncationsize' => 1000], $h => ['type' => $h]]]],
            '16.1 mime' => [['protocolversion' => '16.1', 'mimesupport' => 2, 'bodyprefs' => [$m => ['type' => $m, 'truncationsize' => 102400]]]],
            '16.1 html bodypart' => [['protocolversion' => '16.1', 'bodyprefs' => [$h => ['type' => $h]], 'bodypartprefs' => ['truncationsize' => 500]]],
            '14.0 none' => [['protocolversion' => '14.0']],
        ];
    }

    /**
     * @dataProvider bodyPreferences
     */
    public function testSameAsHorde(array $options): void
    {
        if (!MailOracle::available()) {
            $this->markTestSkipped('Debian php-horde-activesync is not installed');
        }
        $theirs = MailOracle::run('imap', [], 300,
            array_merge([self::$mbox, MailOracle::file(json_encode($options))], array_map('strval', array_values(self::$uids))));
        $fetched = MimeDump::fetch(self::$imap, self::$mbox, array_values(self::$uids));
        $checked = 0;
        foreach (array_keys(self::$uids) as $i => $kind) {
            $uid = self::$uids[$kind];
            $ours = json_decode(json_encode(MimeDump::imapMessage(self::$imap, self::$mbox, $fetched[$uid], $options)), true);
            $this->assertArrayNotHasKey('error', $ours, $kind . ': ' . ($ours['error'] ?? ''));
            if (isset($theirs[$i]['error'])) {
                // Horde stops with a ValueError on charsets mbstring does
                // not know (we read them as bytes), and with a TypeError on
                // a BodyPart for mail without text (we send none)
                $known = $kind === 'charset-unknown' ? 'ValueError' : 'TypeError: Horde_ActiveSync_Imap_MessageBodyData::_getBodyPart()';
                $this->assertStringStartsWith($known, $theirs[$i]['error'], $kind);
                if ($kind !== 'charset-unknown') {
                    $this->assertFalse($ours['bodyPart'], $kind);
                }
                continue;
            }
            if ($options['protocolversion'] == '2.5' && in_array($kind, ['html-only', 'html-large', 'charset-koi8r', 'charset-cp1252', 'broken-no-mime-version', 'related-inline'], true)) {
                // Horde fetches only a text/plain part for 2.5: HTML-only
                // mail reaches the device without a body
                $this->assertNotEmpty(base64_decode($ours['plain']['body']), $kind);
                $this->assertSame('', base64_decode($theirs[$i]['plain']['body'] ?? ''), $kind);
                unset($ours['plain'], $theirs[$i]['plain'], $ours['html'], $theirs[$i]['html'], $ours['native'], $theirs[$i]['native']);
            }
            if (!empty($ours['bodyPart']) && !empty($theirs[$i]['bodyPart'])) {
                // Horde calls a BodyPart truncated when the size the server
                // gives for the part (BINARY.SIZE) exceeds the text; ours
                // when the cut shortened the text. Dovecot's size of a
                // quoted-printable part inside multipart/related is not its
                // decoded length.
                if ($ours['bodyPart']['truncated']) {
                    $this->assertGreaterThanOrEqual($options['bodypartprefs']['truncationsize'],
                        mb_strlen(base64_decode($ours['bodyPart']['body']), 'UTF-8'), $kind);
                }
                unset($ours['bodyPart']['size'], $ours['bodyPart']['truncated'],
                      $theirs[$i]['bodyPart']['size'], $theirs[$i]['bodyPart']['truncated']);
            }
            $this->assertEquals($theirs[$i], $ours, "$kind with " . json_encode($options));
            $checked++;
        }
        $this->assertGreaterThan(30, $checked);
    }

    public function testBodiesAreUtf8WithCrlf(): void
    {
        $p = Horde_ActiveSync::BODYPREF_TYPE_PLAIN;
        $fetched = MimeDump::fetch(self::$imap, self::$mbox, array_values(self::$uids));
        foreach (['charset-shift-jis', 'charset-koi8r', 'charset-unknown', 'charset-mislabeled', 'plain-latin1', 'lf-only'] as $kind) {
            $msg = new Horde_ActiveSync_Imap_Message(self::$imap, new Horde_Imap_Client_Mailbox(self::$mbox), $fetched[self::$uids[$kind]]);
            $plain = $msg->getMessageBodyDataObject(['protocolversion' => '14.1', 'bodyprefs' => [$p => ['type' => $p, 'truncationsize' => 50]]])->plain;
            $body = $plain['body']->getString(0);
            $this->assertTrue(mb_check_encoding($body, 'UTF-8'), $kind);
            $this->assertDoesNotMatchRegularExpression('/\r(?!\n)|(?<!\r)\n/', $body, $kind);
            $this->assertTrue($plain['truncated'], $kind);
            if ($kind !== 'charset-mislabeled') {
                // cut before conversion, in the declared charset, as Horde does
                $this->assertLessThanOrEqual(50 + substr_count($body, "\r\n"), mb_strlen($body, 'UTF-8'), $kind);
            }
        }
    }
}
