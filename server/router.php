<?php
/**
 * Front controller of the embedded EAS server, for PHP's built-in web
 * server:
 *
 *   php -d extension=horde_activesync.so -S 127.0.0.1:8080 server/router.php
 *
 * It answers /Microsoft-Server-ActiveSync (and Autodiscover). The
 * configuration is the PHP file named by $EAS_SERVER_CONFIG (an array over
 * Horde\ActiveSync\Embedded\Server::defaults()), else server/config.php
 * when present.
 *
 * EAS_ENGINE=horde runs Debian's pure-PHP php-horde-activesync instead of
 * this project's engine, with the same driver and front controller (the
 * differential tests and the benchmark do).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

$root = dirname(__DIR__);
$engine = getenv('EAS_ENGINE') === 'horde' ? 'horde' : 'native';

if ($engine === 'native' && !extension_loaded('horde_activesync')) {
    header('HTTP/1.1 500 Internal Server Error', true, 500);
    echo "The horde_activesync extension is not loaded.\n";
    return true;
}

// include, not is_file() + require: opcache answers an include of a
// cached file (an absolute path, or one found on the include path) without
// asking the file system, which is most of the cost of loading a class.
// A class that does not exist fails the include quietly.
spl_autoload_register(function ($class) use ($root, $engine) {
    if (strncmp($class, 'Horde\\ActiveSync\\Embedded\\', 26) === 0) {
        @include $root . '/php/' . str_replace('\\', '/', $class) . '.php';
    } elseif ($engine === 'native' && strncmp($class, 'Horde_ActiveSync', 16) === 0) {
        // Only this project's classes: never a mix with Debian's.
        @include $root . '/php/' . str_replace('_', '/', $class) . '.php';
    } elseif (strncmp($class, 'Horde_', 6) === 0 || strncmp($class, 'Horde\\', 6) === 0) {
        // Horde's other libraries (Horde_Imap_Client uses Horde\Socket\...),
        // from the include path. Some implement Serializable alone, which
        // PHP 8.1+ reports as deprecated when the class is declared: the
        // @ keeps theirs out of the log too.
        @include strtr($class, ['_' => '/', '\\' => '/']) . '.php';
    }
});

$configFile = getenv('EAS_SERVER_CONFIG') ?: __DIR__ . '/config.php';
$config = is_file($configFile) ? require $configFile : [];
(new Horde\ActiveSync\Embedded\Server(is_array($config) ? $config : []))->handle();
return true;
