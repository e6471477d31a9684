<?php
/**
 * Front controller of the end-to-end Find tests on mail: server/router.php
 * with MailFindDriver loadable (the configuration names it as 'driver').
 * Debian's IMAP and MIME libraries raise PHP 8.1+ deprecations of their
 * own; those, and only those, are not logged as the server's errors.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

set_error_handler(function ($no, $message, $file = '') {
    return $no === E_DEPRECATED && strncmp((string)$file, '/usr/share/php/', 15) === 0;
});
// The test driver, and namespaced Horde libraries (Horde\Socket\Client
// under Horde_Imap_Client).
spl_autoload_register(function ($class) {
    if ($class === 'Horde\\ActiveSync\\Test\\Support\\MailFindDriver') {
        require __DIR__ . '/MailFindDriver.php';
    } elseif (strncmp($class, 'Horde\\', 6) === 0 && strncmp($class, 'Horde\\ActiveSync\\', 17) !== 0) {
        $file = stream_resolve_include_path(str_replace('\\', '/', $class) . '.php');
        if ($file) {
            require $file;
        }
    }
});
return require dirname(__DIR__, 3) . '/server/router.php';
