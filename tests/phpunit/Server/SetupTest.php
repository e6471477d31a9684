<?php
/**
 * The embedded server's setup(): run once per configuration (users,
 * migrations), answered by one marker file afterwards, and run again when
 * the configuration changes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use Horde\ActiveSync\Embedded\Server;
use PHPUnit\Framework\TestCase;

class SetupTest extends TestCase
{
    /** @var string */
    private $dir;

    protected function setUp(): void
    {
        // A glob character in the path: markers are found without glob().
        $this->dir = sys_get_temp_dir() . '/eas-setup[' . bin2hex(random_bytes(4)) . ']';
    }

    protected function tearDown(): void
    {
        exec('rm -rf ' . escapeshellarg($this->dir));
    }

    private function configure(array $users): Server
    {
        $server = new Server(['data' => $this->dir, 'users' => $users, 'persistent' => false]);
        $server->setup();
        return $server;
    }

    private function markers(): array
    {
        return array_values(preg_grep('/^setup.*\.done$/', scandir($this->dir)));
    }

    public function testSetupRunsOncePerConfiguration(): void
    {
        $server = $this->configure(['ann' => 'one']);
        $this->assertNotNull($server->store()->checkPassword('ann', 'one'));
        $markers = $this->markers();
        $this->assertCount(1, $markers);

        // Same configuration: the marker answers, nothing is set up again
        // (a user removed behind the server's back stays removed).
        $server->store()->addUser('ann', 'changed');
        $server = $this->configure(['ann' => 'one']);
        $this->assertNull($server->store()->checkPassword('ann', 'one'));
        $this->assertSame($markers, $this->markers());

        // A new user is a new configuration: set up again (the configured
        // passwords win), under a new marker, the old one gone.
        $server = $this->configure(['ann' => 'one', 'bob' => 'two']);
        $this->assertNotNull($server->store()->checkPassword('bob', 'two'));
        $this->assertNotNull($server->store()->checkPassword('ann', 'one'));
        $now = $this->markers();
        $this->assertCount(1, $now);
        $this->assertNotSame($markers, $now);

        // Back to the first configuration: set up again too.
        $server->store()->addUser('ann', 'changed');
        $server = $this->configure(['ann' => 'one']);
        $this->assertNotNull($server->store()->checkPassword('ann', 'one'));
        $this->assertSame($markers, $this->markers());
    }
}
