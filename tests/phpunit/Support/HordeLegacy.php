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
        $previous = null;
        $previous = set_error_handler(function ($no, $message, $file = '', $line = 0) use (&$previous) {
            if ($no === E_DEPRECATED && strncmp((string)$file, '/usr/share/php/', 15) === 0) {
                return true;
            }
            return $previous ? $previous($no, $message, $file, $line) : false;
        });
        self::$installed = true;
    }

    public static function restore(): void
    {
        if (self::$installed) {
            restore_error_handler();
            self::$installed = false;
        }
    }
}
