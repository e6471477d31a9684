<?php
/**
 * Horde_ActiveSync_Log_Logger: a logger whose only handlers are null
 * handlers drops events before building them, and logs again as soon as
 * a real handler is added; bad level names are refused either way.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use Horde_ActiveSync_Log_Logger;
use Horde_Log_Exception;
use Horde_Log_Handler_Mock;
use Horde_Log_Handler_Null;
use PHPUnit\Framework\TestCase;

class LoggerTest extends TestCase
{
    public function testNullHandlersDiscardUntilARealHandlerComes(): void
    {
        $logger = new Horde_ActiveSync_Log_Logger(new Horde_Log_Handler_Null());
        $logger->meta('dropped');
        $logger->server('dropped', 2);
        $logger->log(['message' => 'dropped', 'level' => Horde_ActiveSync_Log_Logger::META]);

        $mock = new Horde_Log_Handler_Mock();
        $logger->addHandler($mock);
        $logger->client('kept', 3);
        $logger->log(['message' => 'also kept', 'level' => Horde_ActiveSync_Log_Logger::META]);
        $this->assertSame(['kept', 'also kept'], array_column($mock->events, 'message'));
        $this->assertSame(3, $mock->events[0]['indent']);
        $this->assertSame('CLIENT', $mock->events[0]['levelName']);
    }

    public function testEveryLoggerHasHordesLevelsAndTheEngines(): void
    {
        foreach ([new Horde_ActiveSync_Log_Logger(), new Horde_ActiveSync_Log_Logger(new Horde_Log_Handler_Null()),
                  unserialize(serialize(new Horde_ActiveSync_Log_Logger()))] as $logger) {
            foreach (['EMERG', 'ERR', 'WARN', 'INFO', 'DEBUG', 'SERVER', 'CLIENT', 'META'] as $level) {
                $this->assertTrue($logger->hasLevel($level), $level);
            }
            try {
                $logger->addLevel('meta', 99);
                $this->fail('an existing level was overwritten');
            } catch (Horde_Log_Exception $e) {
                $this->addToAssertionCount(1);
            }
        }
        $mock = new Horde_Log_Handler_Mock();
        $logger->addHandler($mock);
        $logger->err('kept');
        $logger->server('kept', 1);
        $this->assertSame(['ERR', 'SERVER'], array_column($mock->events, 'levelName'));
    }

    public function testBadLevelsAreRefusedAlsoWhenDiscarding(): void
    {
        $logger = new Horde_ActiveSync_Log_Logger(new Horde_Log_Handler_Null());
        $this->expectException(Horde_Log_Exception::class);
        $logger->nosuchlevel('x');
    }
}
