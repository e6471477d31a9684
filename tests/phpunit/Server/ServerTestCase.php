<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use Horde\ActiveSync\Embedded\Client;
use Horde\ActiveSync\Embedded\Response;
use Horde\ActiveSync\Embedded\Session;
use Horde\ActiveSync\Test\Support\HttpServer;
use PHPUnit\Framework\TestCase;

/**
 * End-to-end tests over real HTTP: an embedded server in a `php -S`
 * process, a scripted device talking WBXML to it.
 */
abstract class ServerTestCase extends TestCase
{
    /** @var HttpServer[] */
    protected $servers = [];

    /**
     * Skips a test that needs the message and folder classes (written by
     * another part of the project) while they are missing; EAS_TEST_ROUTER
     * names a front controller that provides them otherwise.
     */
    protected function requireMessages(): void
    {
        foreach (['Message/Folder', 'Message/Contact', 'Message/Appointment', 'Message/Task', 'Message/Note'] as $class) {
            if (!is_file(EAS_TEST_ROOT . '/php/Horde/ActiveSync/' . $class . '.php') && !getenv('EAS_TEST_ROUTER')) {
                $this->markTestSkipped('Horde_ActiveSync_' . str_replace('/', '_', $class) . ' is not written yet');
            }
        }
    }

    protected function tearDown(): void
    {
        foreach ($this->servers as $server) {
            $errors = $server->errors();
            $server->stop();
            if ($server->engine === 'native' && !$this->hasFailed()) {
                $this->assertSame('', $errors, 'the server wrote PHP errors or warnings');
            }
        }
        $this->servers = [];
    }

    protected function server(string $engine = 'native', array $config = []): HttpServer
    {
        return $this->servers[] = new HttpServer($engine, $config);
    }

    /**
     * A client provisioned and with its folders synced.
     *
     * @return array{0: Client, 1: Session}
     */
    protected function device(HttpServer $server, string $version, string $device, array $options = []): array
    {
        $store = $server->store();
        Session::seed($store, $options['user'] ?? 'demo');
        $client = $server->client($version, $device, $options);
        $session = new Session($client, $store);
        $session->provision();
        $session->folderSync();
        return [$client, $session];
    }

    protected function xml(Response $response): string
    {
        return $response->xml();
    }

    /**
     * Provisions a client (the three exchanges) without a Session.
     */
    protected function provision(HttpServer $server, Client $client): void
    {
        (new Session($client, $server->store()))->provision();
    }

    /**
     * A request as raw bytes (a hostile or malformed one).
     */
    protected function raw(HttpServer $server, string $requestLine, array $headers = [], string $body = ''): Response
    {
        $lines = [$requestLine, 'Host: 127.0.0.1:' . $server->port];
        foreach ($headers as $name => $value) {
            $lines[] = $name . ': ' . $value;
        }
        if ($body !== '' || strncmp($requestLine, 'POST', 4) === 0) {
            $lines[] = 'Content-Length: ' . strlen($body);
        }
        return $server->client('14.1')->sendRaw(implode("\r\n", $lines) . "\r\n\r\n" . $body);
    }
}
