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

$engine = getenv('EAS_ENGINE') === 'horde' ? 'horde' : 'native';

if ($engine === 'native' && !extension_loaded('horde_activesync')) {
    header('HTTP/1.1 500 Internal Server Error', true, 500);
    echo "The horde_activesync extension is not loaded.\n";
    return true;
}

require __DIR__ . '/autoload.php';

$configFile = getenv('EAS_SERVER_CONFIG') ?: __DIR__ . '/config.php';
$config = is_file($configFile) ? require $configFile : [];
(new Horde\ActiveSync\Embedded\Server(is_array($config) ? $config : []))->handle();
return true;
