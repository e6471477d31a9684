<?php
/**
 * The Dovecot server tools/test.sh starts (EAS_TEST_IMAP: "host=... port=...
 * username=... password=..."; a second user eas2 has the same password),
 * reached through Horde_Imap_Client as Horde's driver reaches it. With
 * EAS_REQUIRE_DB=1 a missing server fails the test instead of skipping it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Support;

use Horde_ActiveSync_Interface_ImapFactory;
use Horde_Imap_Client_Socket;
use PHPUnit\Framework\TestCase;

final class Imap
{
    private static $autoload = false;

    public static function params(): ?array
    {
        $spec = getenv('EAS_TEST_IMAP');
        if (!$spec) {
            return null;
        }
        $params = [];
        foreach (preg_split('/\s+/', trim($spec)) as $pair) {
            [$key, $value] = explode('=', $pair, 2) + [1 => ''];
            $params[$key] = $value;
        }
        return $params;
    }

    /**
     * A logged-in client. $class may be a subclass of Horde_Imap_Client_Socket
     * (to make the server look like one without CONDSTORE, say).
     */
    public static function client(TestCase $test, string $user = '', string $class = Horde_Imap_Client_Socket::class)
    {
        self::quietAutoload();
        $params = self::params();
        if ($params === null) {
            if (getenv('EAS_REQUIRE_DB')) {
                TestCase::fail('IMAP server required (EAS_REQUIRE_DB) but EAS_TEST_IMAP is not set');
            }
            $test->markTestSkipped('no IMAP server (tools/test.sh starts Dovecot)');
        }
        $client = new $class([
            'hostspec' => $params['host'], 'port' => (int)$params['port'],
            'username' => $user ?: $params['username'], 'password' => $params['password'],
            'secure' => false, 'timeout' => 10,
            // As Horde configures it: with a cache the client enables
            // QRESYNC (or CONDSTORE), which HIGHESTMODSEQ and VANISHED need.
            'cache' => ['backend' => new \Horde_Imap_Client_Cache_Backend_Null(),
                        'fields' => [\Horde_Imap_Client::FETCH_FLAGS]],
        ]);
        $client->login();
        return $client;
    }

    /** The factory Horde_Core gives the adapter: here, one client and its mailbox list. */
    public static function factory($client, array $keywords = []): Horde_ActiveSync_Interface_ImapFactory
    {
        return new class($client, $keywords) implements Horde_ActiveSync_Interface_ImapFactory {
            private $client;
            private $keywords;

            public function __construct($client, array $keywords)
            {
                $this->client = $client;
                $this->keywords = $keywords;
            }

            public function getImapOb()
            {
                return $this->client;
            }

            public function getMailboxes($force = false)
            {
                $out = [];
                foreach ($this->client->listMailboxes('*') as $name => $data) {
                    $out[$name] = ['ob' => $data['mailbox']];
                }
                return $out;
            }

            public function getSpecialMailboxes()
            {
                return [];
            }

            public function getMsgFlags()
            {
                return $this->keywords;
            }
        };
    }

    /**
     * Horde's IMAP and MIME libraries implement Serializable alone, which
     * PHP 8.1+ reports as deprecated when the class is declared; that is
     * theirs, not ours to fail on. They are loaded with the report muted.
     */
    public static function quietAutoload(): void
    {
        if (self::$autoload) {
            return;
        }
        self::$autoload = true;
        spl_autoload_register(function ($class) {
            // Horde_Imap_Client also uses namespaced Horde libraries (Horde\Socket\Client).
            $ours = strncmp($class, 'Horde\\ActiveSync\\', 17) === 0;
            $theirs = !$ours && strncmp($class, 'Horde\\', 6) === 0;
            foreach (['Horde_Imap_Client', 'Horde_Mime', 'Horde_Mail', 'Horde_Stream', 'Horde_Support'] as $prefix) {
                $theirs = $theirs || strncmp($class, $prefix, strlen($prefix)) === 0;
            }
            if (!$theirs) {
                return;
            }
            $file = stream_resolve_include_path(strtr($class, ['_' => '/', '\\' => '/']) . '.php');
            if ($file) {
                $level = error_reporting(error_reporting() & ~E_DEPRECATED);
                try {
                    require $file;
                } finally {
                    error_reporting($level);
                }
            }
        }, true, true);
    }
}
