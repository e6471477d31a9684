<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use Horde_ActiveSync;
use Horde_ActiveSync_Log_Factory;
use Horde_ActiveSync_Throttle;
use PHPUnit\Framework\TestCase;

/**
 * Pieces of the front class that need no HTTP: protocol logs named after
 * device ids, the request throttle, the announced versions and commands.
 */
class FrontTest extends TestCase
{
    /** @var string */
    private $dir;

    protected function setUp(): void
    {
        $this->dir = sys_get_temp_dir() . '/eas-front-' . getmypid() . '-' . bin2hex(random_bytes(4));
        mkdir($this->dir . '/logs/inner', 0700, true);
    }

    protected function tearDown(): void
    {
        exec('rm -rf ' . escapeshellarg($this->dir));
    }

    public function testLogFilesStayInTheirDirectory(): void
    {
        foreach (['perdevice', 'perrequest'] as $type) {
            $factory = new Horde_ActiveSync_Log_Factory(['type' => $type, 'path' => $this->dir . '/logs/inner']);
            foreach (['../escape', '..', '/etc/x', "a\0b", 'A/B', str_repeat('A', 129), ''] as $device) {
                $factory->create(['DeviceId' => $device, 'Cmd' => 'Sync'])->meta('hello');
            }
            $factory->create(['DeviceId' => 'good.device-1', 'Cmd' => '../Sync'])->meta('hello');
        }
        $found = [];
        $it = new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator($this->dir, \FilesystemIterator::SKIP_DOTS));
        foreach ($it as $file) {
            $found[] = substr($file->getPathname(), strlen($this->dir));
        }
        sort($found);
        $this->assertCount(2, $found);
        $this->assertSame('/logs/inner/GOOD.DEVICE-1.txt', $found[0]);
        $this->assertMatchesRegularExpression('#^/logs/inner/GOOD\.DEVICE-1/\d+-\d+-UnknownCmd\.txt$#', $found[1]);
        $this->assertStringContainsString('hello', file_get_contents($this->dir . $found[0]));
    }

    public function testThrottleSlots(): void
    {
        $throttle = new Horde_ActiveSync_Throttle($this->dir . '/slots', 2, 9);
        $a = $throttle->acquire();
        $b = $throttle->acquire();
        $this->assertNotNull($a);
        $this->assertNotNull($b);
        // A separate throttle object stands for another process.
        $other = new Horde_ActiveSync_Throttle($this->dir . '/slots', 2, 9);
        $this->assertNull($other->acquire());
        $throttle->release($a);
        $c = $other->acquire();
        $this->assertNotNull($c);
        $this->assertSame(9, $throttle->retryAfter());
        $this->assertSame('MaxConcurrentRequests=2', $throttle->reason());
        $throttle->release($b);
        $other->release($c);
    }

    public function testThrottleNeedsASlot(): void
    {
        $this->expectException(\InvalidArgumentException::class);
        new Horde_ActiveSync_Throttle($this->dir . '/slots', 0);
    }

    public function testVersionConstants(): void
    {
        // Horde's constants, and 16.1 next to them.
        $this->assertSame('2.5', Horde_ActiveSync::VERSION_TWOFIVE);
        $this->assertSame('16.0', Horde_ActiveSync::VERSION_SIXTEEN);
        $this->assertSame('16.1', Horde_ActiveSync::VERSION_SIXTEENONE);
        $this->assertSame(4, Horde_ActiveSync::RWSTATUS_ACCOUNTONLY_PENDING);
        $this->assertSame(5, Horde_ActiveSync::RWSTATUS_ACCOUNTONLY_WIPED);
    }
}
