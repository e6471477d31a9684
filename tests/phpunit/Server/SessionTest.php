<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use Horde\ActiveSync\Embedded\Session;

/**
 * The scripted device session of tools/run.sh, per EAS version, over real
 * HTTP: provisioning, folder sync, initial and incremental sync of every
 * collection in both directions, a fetch, an estimate, a ping that sees a
 * change, a lost response answered again for the repeated key, folder
 * changes. The session itself checks what a device relies on.
 */
class SessionTest extends ServerTestCase
{
    protected function setUp(): void
    {
        $this->requireMessages();
    }

    /**
     * @dataProvider versions
     */
    public function testSession(string $version, bool $base64): void
    {
        $server = $this->server();
        $store = $server->store();
        Session::seed($store, 'demo');
        $client = $server->client($version, 'SESSION' . str_replace('.', '', $version) . ($base64 ? 'B' : ''),
            ['base64' => $base64]);
        $session = new Session($client, $store);
        $transcript = $session->run();

        $this->assertGreaterThanOrEqual(25, count($transcript));
        foreach ($transcript as $entry) {
            $this->assertContains($entry['status'], [200, 449], $entry['title']);
            if ($entry['status'] === 200 && $entry['command'] !== 'OPTIONS') {
                $this->assertNotSame('', $entry['response'], $entry['title']);
            }
        }
        $titles = array_column($transcript, 'title');
        foreach (['Sync Tasks: the response is lost', 'Sync Tasks: the same key again',
                  'Ping Contacts and Calendar: a change waits', 'FolderDelete: delete it'] as $step) {
            $this->assertContains($step, $titles);
        }
        if ($version >= '14.0') {
            $this->assertContains('Sync Notes: initial items, window 1', $titles);
        }
    }

    public static function versions(): array
    {
        return [
            '2.5' => ['2.5', false],
            '12.1' => ['12.1', false],
            '14.1' => ['14.1', false],
            '16.0' => ['16.0', false],
            '16.1' => ['16.1', false],
            '14.1 base64' => ['14.1', true],
            '16.1 base64' => ['16.1', true],
        ];
    }
}
