<?php
/**
 * The embedded server's request answers getHeader() as Horde's
 * Horde_Controller_Request_Http does, whatever the case asked for.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use Horde\ActiveSync\Embedded\Request;
use Horde_Controller_Request_Http;
use PHPUnit\Framework\TestCase;

class RequestTest extends TestCase
{
    /** @var array */
    private $server;

    protected function setUp(): void
    {
        $this->server = $_SERVER;
        $_SERVER['HTTP_MS_ASPROTOCOLVERSION'] = '16.1';
        $_SERVER['HTTP_X_MS_POLICYKEY'] = '1234';
        $_SERVER['HTTP_USER_AGENT'] = 'Outlook/16.0';
        $_SERVER['HTTP_IF'] = 'i';
    }

    protected function tearDown(): void
    {
        $_SERVER = $this->server;
    }

    public function testHeadersAsHordesRequestGivesThem(): void
    {
        $names = ['MS-ASProtocolVersion', 'ms-asprotocolversion', 'X-MS-PolicyKey', 'User-Agent',
                  'USER-AGENT', 'If', 'MS-ASAcceptMultiPart', ''];
        $horde = new Horde_Controller_Request_Http();
        $ours = new Request();
        foreach ($names as $name) {
            $this->assertSame($horde->getHeader($name), $ours->getHeader($name), $name);
        }
        $this->assertSame('16.1', $ours->getHeader('MS-ASProtocolVersion'));
        $this->assertNull($ours->getHeader('MS-ASAcceptMultiPart'));
        $this->assertSame($horde->getHeaders(), $ours->getHeaders());
    }
}
