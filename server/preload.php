<?php
/**
 * opcache preload script of the engine: its classes are compiled and linked
 * once, when PHP starts, instead of being loaded by every request (about
 * 12% of a Ping's instructions). In php.ini of php-fpm (or on the php -S
 * command line of the embedded server):
 *
 *   opcache.preload = /path/to/server/preload.php
 *   opcache.preload_user = www-data      ; the pool's user, when PHP starts as root
 *
 * PHP must then restart (php-fpm reload) whenever the engine's files change.
 * Class files whose parents cannot be loaded (an optional Horde library
 * that is not installed) are left to the autoloader.
 *
 * A server of Debian's php-horde-activesync (EAS_ENGINE=horde, for the
 * differential tests and the benchmark) preloads nothing from here: its
 * classes have our classes' names. The benchmark preloads it with
 * tests/phpunit/Support/preload-horde.php.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

if (getenv('EAS_ENGINE') === 'horde') {
    return;
}
require __DIR__ . '/autoload.php';
// Installed by Composer (vendor/horde/activesync-native/server/): Horde's
// libraries are found through Composer's class loader.
if (is_file(dirname(__DIR__, 3) . '/autoload.php')) {
    require_once dirname(__DIR__, 3) . '/autoload.php';
}

$php = dirname(__DIR__) . '/php';
$preloader = new Horde\ActiveSync\Embedded\Preloader(['Horde\\ActiveSync\\' => $php, 'Horde_ActiveSync' => $php]);
$preloader->preload(["$php/Horde"]);
