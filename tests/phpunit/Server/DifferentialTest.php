<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use Horde\ActiveSync\Embedded\Session;
use Horde\ActiveSync\Embedded\Store;
use Throwable;

/**
 * The same device session against Debian's pure-PHP php-horde-activesync
 * (in its own `php -S` process, /usr/share/php first, none of this
 * project's Horde_ActiveSync classes) and against this engine, with the
 * same embedded driver: the responses agree modulo sync keys and policy
 * keys, except where Horde breaks the protocol (listed below).
 */
class DifferentialTest extends ServerTestCase
{
    protected function setUp(): void
    {
        if (!is_file('/usr/share/php/Horde/ActiveSync.php')) {
            $this->markTestSkipped("Debian's php-horde-activesync is not installed");
        }
        $this->requireMessages();
    }

    /**
     * @dataProvider versions
     */
    public function testSameResponsesAsHorde(string $version): void
    {
        [$ours, $oursError] = $this->_session('native', $version);
        [$theirs, $theirsError] = $this->_session('horde', $version);
        $this->assertNull($oursError, (string)$oursError);

        // Everything up to and including FolderDelete.
        $end = array_search('FolderSync: nothing new', array_column($ours, 'title'), true);
        $this->assertNotFalse($end);
        $this->assertGreaterThan(20, $end);
        for ($i = 0; $i < $end; $i++) {
            $this->assertArrayHasKey($i, $theirs, "Horde's session ended early: $theirsError");
            $a = $ours[$i];
            $b = $theirs[$i];
            $this->assertSame($b['title'] . ' ' . $b['command'], $a['title'] . ' ' . $a['command']);
            $this->assertSame($b['status'], $a['status'], $a['title']);
            $theirsXml = $this->_normalize($b['response']);
            if ($a['title'] === 'FolderSync before provisioning' && $version >= '14.0') {
                // Horde writes AirSync's Status into FolderSync (MS-ASCMD:
                // FolderHierarchy's Status; clients ignore the other).
                $this->assertStringContainsString('<Status xmlns="AirSync:">142</Status>', $theirsXml);
                $theirsXml = str_replace('<Status xmlns="AirSync:">', '<Status>', $theirsXml);
            }
            if ($a['title'] === 'Sync Contacts: device adds, changes, deletes' && $version >= '16.0') {
                // EAS 16: Horde answers a successful change of a contact with
                // a Change reply without ServerId (MS-ASCMD 2.2.3.24: only
                // changes that add attachments, and failures, get replies).
                $pattern = '#\s*<Change>\s*<Status>1</Status>\s*</Change>#';
                $this->assertMatchesRegularExpression($pattern, $theirsXml);
                $theirsXml = preg_replace($pattern, '', $theirsXml);
            }
            $this->assertSame($theirsXml, $this->_normalize($a['response']), sprintf('%s (EAS %s)', $a['title'], $version));
        }

        // After FolderDelete Horde makes the device provision again (its
        // removeState() drops the device's policy key with the folder's
        // state) ...
        $this->assertSame('FolderSync: nothing new', $theirs[$end]['title']);
        $this->assertSame(449, $theirs[$end]['status']);
        // ... and then fails: from 12.1 with HTTP 500 (a typo in
        // validateHierarchyChanges), with 2.5 by sending the device its own
        // folder deletion back (the importer records it as a server change).
        $this->assertNotNull($theirsError);
        $last = end($theirs);
        if ($version >= '12.1') {
            $this->assertSame(500, $last['status']);
        } else {
            $this->assertStringContainsString('<Delete>', $last['response']);
        }
        $last = end($ours);
        $this->assertSame(200, $last['status']);
        $this->assertStringNotContainsString('<Delete>', $last['response']);
    }

    public static function versions(): array
    {
        // Debian's library speaks up to 16.0.
        return ['2.5' => ['2.5'], '12.1' => ['12.1'], '14.1' => ['14.1'], '16.0' => ['16.0']];
    }

    /**
     * @return array{0: array[], 1: ?string}  The transcript, the error that ended it.
     */
    private function _session(string $engine, string $version): array
    {
        $server = $this->server($engine, ['version' => '16.0']);
        $store = $server->store();
        Session::seed($store, 'demo');
        $session = new Session($server->client($version, 'DIFF' . str_replace('.', '', $version)), $store);
        $error = null;
        try {
            $session->options();
            $session->provision();
            if ($version >= '12.0') {
                $session->settings();
            }
            $session->folderSync();
            foreach ($session->classes() as $class) {
                $session->initialSync($class);
            }
            $session->estimate(Store::CONTACTS);
            $session->serverChanges();
            $session->clientChanges();
            $session->fetch(Store::CONTACTS);
            $session->pingSeesChange();
            $session->lostResponse();
            $session->folderChanges();
        } catch (Throwable $e) {
            $error = $e->getMessage();
        }
        return [$session->transcript(), $error];
    }

    /**
     * Sync keys ({uuid}counter) and policy keys differ by design.
     */
    private function _normalize(string $xml): string
    {
        $xml = preg_replace('/\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}\d+/', '{KEY}', $xml);
        $xml = preg_replace('#<PolicyKey>\d+</PolicyKey>#', '<PolicyKey>N</PolicyKey>', $xml);
        // The order of a FolderSync's additions carries no meaning (beyond
        // parents first, which a flat hierarchy does not test): Horde sorts
        // by id descending, this engine's hierarchy diff does not.
        return preg_replace_callback('#(<Changes>\s*<Count>\d+</Count>)((?:\s*<Add>.*?</Add>)+)#s', function ($m) {
            preg_match_all('#\s*<Add>.*?</Add>#s', $m[2], $adds);
            sort($adds[0]);
            return $m[1] . implode('', $adds[0]);
        }, $xml);
    }
}
