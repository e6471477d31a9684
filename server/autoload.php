<?php
/**
 * The class loader of the embedded server's front controller
 * (server/router.php) and of its opcache preload script
 * (server/preload.php): this project's classes from php/, Horde's other
 * libraries from the include path. With EAS_ENGINE=horde the
 * Horde_ActiveSync classes come from the include path too: Debian's
 * php-horde-activesync, which the differential tests and the benchmark
 * run with the same driver.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

(function () {
    $root = dirname(__DIR__);
    $engine = getenv('EAS_ENGINE') === 'horde' ? 'horde' : 'native';
    // include, not is_file() + require: opcache answers an include of a
    // cached file (an absolute path, or one found on the include path)
    // without asking the file system, which is most of the cost of loading
    // a class. A class that does not exist fails the include quietly.
    spl_autoload_register(function ($class) use ($root, $engine) {
        if (strncmp($class, 'Horde\\ActiveSync\\', 17) === 0) {
            // The embedded server, the operations monitor: namespaced, ours
            // for both engines.
            @include $root . '/php/' . str_replace('\\', '/', $class) . '.php';
        } elseif ($engine === 'native' && strncmp($class, 'Horde_ActiveSync', 16) === 0) {
            // Only this project's classes: never a mix with Debian's.
            @include $root . '/php/' . str_replace('_', '/', $class) . '.php';
        } elseif (strncmp($class, 'Horde_', 6) === 0 || strncmp($class, 'Horde\\', 6) === 0) {
            // Horde's other libraries (Horde_Imap_Client uses
            // Horde\Socket\...), from the include path. Some implement
            // Serializable alone, which PHP 8.1+ reports as deprecated when
            // the class is declared: the @ keeps theirs out of the log too.
            @include strtr($class, ['_' => '/', '\\' => '/']) . '.php';
        }
    });
})();
