<?php
/**
 * server/preload.php: the embedded server runs with the engine preloaded
 * by opcache, and the Preloader leaves a class file whose parents cannot be
 * loaded to the autoloader instead of ending PHP's start.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use Horde\ActiveSync\Embedded\Preloader;
use Horde\ActiveSync\Embedded\Session;
use Horde\ActiveSync\Embedded\Store;
use Horde\ActiveSync\Test\Support\HttpServer;
use PHPUnit\Framework\TestCase;

class PreloadTest extends TestCase
{
    private $dir;

    protected function tearDown(): void
    {
        if ($this->dir) {
            exec('rm -rf ' . escapeshellarg($this->dir));
        }
    }

    private static function status(HttpServer $server, array $classes): array
    {
        $query = http_build_query(['class' => $classes]);
        $json = file_get_contents($server->url() . '/preload-status?' . $query);
        return json_decode((string)$json, true) ?: [];
    }

    public function testTheServerRunsWithTheEnginePreloaded(): void
    {
        $server = new HttpServer('native', ['version' => '16.1'],
            HttpServer::preloadIni(EAS_TEST_ROOT . '/server/preload.php'),
            EAS_TEST_ROOT . '/tests/phpunit/Support/preload-router.php');
        try {
            $status = self::status($server, ['Horde_ActiveSync_Request_Sync', 'Horde\\ActiveSync\\Embedded\\Server',
                'Horde_ActiveSync_Message_Contact', 'Horde_Date']);
            $this->assertGreaterThan(100, $status['count'] ?? 0, 'the engine\'s classes are preloaded');
            $this->assertSame(EAS_TEST_ROOT . '/php/Horde/ActiveSync/Request/Sync.php',
                $status['classes']['Horde_ActiveSync_Request_Sync']);
            $this->assertNotNull($status['classes']['Horde\\ActiveSync\\Embedded\\Server']);
            $this->assertNotNull($status['classes']['Horde_ActiveSync_Message_Contact']);
            $this->assertNotNull($status['classes']['Horde_Date'], 'and Horde classes every request uses');

            $store = $server->store();
            $store->add('demo', Store::CONTACTS, ['firstname' => 'Ann', 'lastname' => 'Lee', 'body' => 'Notes.']);
            $session = new Session($server->client('16.1', 'PRELOADED'), $store);
            $session->provision();
            $session->folderSync();
            $session->sync(Store::CONTACTS, ['getchanges' => false]);
            $response = $session->sync(Store::CONTACTS);
            $this->assertStringContainsString('<FirstName xmlns="Contacts:">Ann</FirstName>', $response->xml());
            $this->assertSame('', $server->errors(), 'nothing logged, at start or since');
        } finally {
            $server->stop();
        }
    }

    public function testDebiansEngineIsPreloadedFromItsOwnFilesForTheBenchmark(): void
    {
        if (!is_file('/usr/share/php/Horde/ActiveSync.php')) {
            $this->markTestSkipped("Debian's php-horde-activesync is not installed");
        }
        $server = new HttpServer('horde', [],
            HttpServer::preloadIni(EAS_TEST_ROOT . '/tests/phpunit/Support/preload-horde.php'),
            EAS_TEST_ROOT . '/tests/phpunit/Support/preload-router.php');
        try {
            $status = self::status($server, ['Horde_ActiveSync_Request_Sync', 'Horde\\ActiveSync\\Embedded\\Driver']);
            $this->assertSame('/usr/share/php/Horde/ActiveSync/Request/Sync.php',
                $status['classes']['Horde_ActiveSync_Request_Sync']);
            $this->assertSame(EAS_TEST_ROOT . '/php/Horde/ActiveSync/Embedded/Driver.php',
                $status['classes']['Horde\\ActiveSync\\Embedded\\Driver']);
            $session = new Session($server->client('14.1', 'PRELOADEDHORDE'), $server->store());
            $session->provision();
            $this->assertNotEmpty($session->folderSync());
        } finally {
            $server->stop();
        }

        // Our preload script leaves a server of Debian's engine alone: its
        // classes have our classes' names.
        $args = [PHP_BINARY, '-d', 'include_path=.:/usr/share/php', '-d', 'extension=' . EAS_EXTENSION_PATH];
        foreach (HttpServer::preloadIni(EAS_TEST_ROOT . '/server/preload.php') as $key => $value) {
            array_push($args, '-d', "$key=$value");
        }
        array_push($args, '-r', 'echo count(opcache_get_status(false)["preload_statistics"]["classes"] ?? []);');
        $process = proc_open($args, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null,
            ['EAS_ENGINE' => 'horde', 'PATH' => getenv('PATH')]);
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        proc_close($process);
        $this->assertSame('0', $out, $err);
    }

    /**
     * Missing parents and traits, also through a class of the tree, a
     * namespace's imports and relative names, an interface of the same
     * file, PHP's own interfaces, and names the tokenizer must not take for
     * declarations or imports.
     */
    public function testFilesWhoseParentsCannotBeLoadedAreLeftOut(): void
    {
        $this->dir = sys_get_temp_dir() . '/eas-preload-' . bin2hex(random_bytes(4));
        $tag = 'P' . bin2hex(random_bytes(4));
        $files = [
            'Missing.php' => "<?php\nclass Horde_ActiveSync_{$tag}_Missing extends Horde_NoSuchLibrary_Base {}\n",
            'OnMissing.php' => "<?php\nclass Horde_ActiveSync_{$tag}_OnMissing extends Horde_ActiveSync_{$tag}_Missing {}\n",
            'Counted.php' => "<?php\n/** extends Horde_NoSuchLibrary_Base in a comment */\n"
                . "class Horde_ActiveSync_{$tag}_Counted implements \\Countable, IteratorAggregate\n{\n"
                . "    public function count(): int { return \\Horde_ActiveSync_{$tag}_Counted::class === '' ? 1 : 0; }\n"
                . "    public function getIterator(): Iterator { return new class([]) extends ArrayIterator {}; }\n"
                . "    public function later() { \$x = 1; return function () use (\$x) { return \$x; }; }\n}\n",
            'Traited.php' => "<?php\ntrait Horde_ActiveSync_{$tag}_Helper {}\n"
                . "class Horde_ActiveSync_{$tag}_Traited\n{\n    use Horde_ActiveSync_{$tag}_Helper;\n}\n",
            'NoTrait.php' => "<?php\nclass Horde_ActiveSync_{$tag}_NoTrait\n{\n    use Horde_NoSuchLibrary_Trait;\n}\n",
            'Space/Imported.php' => "<?php\nnamespace Horde\\ActiveSync\\{$tag}\\Space;\n\n"
                . "use Horde_ActiveSync_{$tag}_Counted as Base;\n\nclass Imported extends Base {}\n",
            'Space/Relative.php' => "<?php\nnamespace Horde\\ActiveSync\\{$tag}\\Space;\n\nclass Relative extends Imported {}\n",
            'Space/Lost.php' => "<?php\nnamespace Horde\\ActiveSync\\{$tag}\\Space;\n\nclass Lost extends Nowhere {}\n",
            'Both.php' => "<?php\ninterface Horde_ActiveSync_{$tag}_Marker {}\n"
                . "final class Horde_ActiveSync_{$tag}_Both implements Horde_ActiveSync_{$tag}_Marker {}\n",
        ];
        foreach ($files as $name => $source) {
            @mkdir(dirname("$this->dir/Horde/ActiveSync/$tag/$name"), 0700, true);
            file_put_contents("$this->dir/Horde/ActiveSync/$tag/$name", $source);
        }
        $preloader = new Preloader(['Horde\\ActiveSync\\' => $this->dir, 'Horde_ActiveSync' => $this->dir]);
        [$loaded, $skipped] = $preloader->preload(["$this->dir/Horde/ActiveSync/$tag"]);
        $short = function (array $paths) use ($tag) {
            return array_map(function ($path) use ($tag) {
                return substr($path, strpos($path, "/$tag/") + strlen($tag) + 2);
            }, $paths);
        };
        $this->assertSame(['Both.php', 'Counted.php', 'Space/Imported.php', 'Space/Relative.php', 'Traited.php'],
            $short($loaded));
        $this->assertSame(['Missing.php', 'NoTrait.php', 'OnMissing.php', 'Space/Lost.php'], $short($skipped));
        $this->assertTrue(class_exists("Horde\\ActiveSync\\$tag\\Space\\Relative", false));
        $this->assertFalse(class_exists("Horde_ActiveSync_{$tag}_Missing", false));
    }
}
