<?php
/**
 * PHPUnit bootstrap: our Horde_ActiveSync_* classes from php/, the other
 * Horde libraries (Horde_Log, Horde_Stream, Horde_Exception, ...) from
 * Debian's include path. Debian's own Horde_ActiveSync is never loaded here:
 * it runs in tests/oracle/horde.php, in its own process.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

if (!extension_loaded('horde_activesync')) {
    fwrite(STDERR, "The horde_activesync extension is not loaded (php -d extension=modules/horde_activesync.so).\n");
    exit(1);
}

define('EAS_TEST_ROOT', dirname(__DIR__, 2));
// The extension file, for tests that start PHP processes of their own:
// $EAS_EXTENSION, else what tools/build-ext.sh builds, else the installed one.
define('EAS_EXTENSION_PATH', (function () {
    foreach ([getenv('EAS_EXTENSION'), EAS_TEST_ROOT . '/build/php-gcc/modules/horde_activesync.so',
              ini_get('extension_dir') . '/horde_activesync.so'] as $candidate) {
        if ($candidate && is_file($candidate)) {
            return $candidate;
        }
    }
    return 'horde_activesync';
})());

spl_autoload_register(function ($class) {
    if (strncmp($class, 'Horde_ActiveSync', 16) === 0) {
        $file = EAS_TEST_ROOT . '/php/' . str_replace('_', '/', $class) . '.php';
        if (is_file($file)) {
            require $file;
        }
        return;
    }
    if (strncmp($class, 'Horde\\ActiveSync\\Test\\', 22) === 0) {
        $file = __DIR__ . '/' . str_replace('\\', '/', substr($class, 22)) . '.php';
        if (is_file($file)) {
            require $file;
        }
        return;
    }
    if (strncmp($class, 'Horde\\ActiveSync\\', 17) === 0) {
        // The embedded server, the operations monitor, the lock files
        // (the extension declares Horde\ActiveSync\Native itself).
        $file = EAS_TEST_ROOT . '/php/' . str_replace('\\', '/', $class) . '.php';
        if (is_file($file)) {
            require $file;
        }
        return;
    }
    if (strncmp($class, 'Horde_', 6) === 0 || strncmp($class, 'Horde\\', 6) === 0) {
        $file = stream_resolve_include_path(str_replace(['_', '\\'], '/', $class) . '.php');
        if ($file) {
            // Debian's Horde libraries declare some classes PHP 8.1+ calls
            // deprecated (Serializable without __serialize); that is theirs.
            $level = error_reporting(error_reporting() & ~E_DEPRECATED);
            try {
                require $file;
            } finally {
                error_reporting($level);
            }
        }
    }
});
