<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Support;

/**
 * Debian's Horde libraries (Horde_Imap_Client, Horde_Mime, ...) raise PHP
 * 8.1+ deprecations of their own (Serializable without __serialize(),
 * deprecated at class declaration, where a deprecation PHPUnit turns into
 * an exception is fatal). Tests that drive those libraries ignore
 * deprecations raised inside them, and only those; use() in setUp(),
 * restore() in tearDown().
 */
final class HordeLegacy
{
    /** @var bool */
    private static $installed = false;

    public static function use(): void
    {
        self::autoloadNamespaced();
        $previous = null;
        $previous = set_error_handler(function ($no, $message, $file = '', $line = 0) use (&$previous) {
            if ($no === E_DEPRECATED && strncmp((string)$file, '/usr/share/php/', 15) === 0) {
                return true;
            }
            return $previous ? $previous($no, $message, $file, $line) : false;
        });
        self::$installed = true;
    }

    /**
     * Debian's Horde libraries also have namespaced classes (Horde\Socket\Client
     * under Horde_Imap_Client_Socket); the bootstrap loads only Horde_*.
     */
    public static function autoloadNamespaced(): void
    {
        static $registered = false;
        if ($registered) {
            return;
        }
        $registered = true;
        spl_autoload_register(function ($class) {
            if (strncmp($class, 'Horde\\', 6) === 0 && strncmp($class, 'Horde\\ActiveSync\\', 17) !== 0) {
                $file = stream_resolve_include_path(str_replace('\\', '/', $class) . '.php');
                if ($file) {
                    require $file;
                }
            }
        });
    }

    public static function restore(): void
    {
        if (self::$installed) {
            restore_error_handler();
            self::$installed = false;
        }
    }
}
