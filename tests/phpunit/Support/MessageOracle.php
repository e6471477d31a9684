<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Support;

use RuntimeException;

require_once EAS_TEST_ROOT . '/tests/oracle/message_lib.php';

/**
 * Runs message jobs (tests/oracle/message_lib.php) with Debian's
 * php-horde-activesync in a child process, and with ours in this one.
 */
class MessageOracle
{
    /** Results of Debian's Horde for the jobs, in order. */
    public static function theirs(array $jobs): array
    {
        $file = tempnam(sys_get_temp_dir(), 'eas-msg');
        file_put_contents($file, json_encode($jobs));
        $cmd = 'php -d include_path=.:/usr/share/php '
            . escapeshellarg(EAS_TEST_ROOT . '/tests/oracle/message_codec.php') . ' ' . escapeshellarg($file);
        $proc = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        proc_close($proc);
        unlink($file);
        $results = json_decode($out, true);
        if (!is_array($results) || count($results) !== count($jobs)) {
            throw new RuntimeException("message oracle failed: $err " . substr($out, 0, 500));
        }
        return $results;
    }

    /** Results of our engine for the jobs, in order. */
    public static function ours(array $jobs): array
    {
        $zone = date_default_timezone_get();
        date_default_timezone_set(getenv('EAS_ORACLE_TZ') ?: 'UTC');
        try {
            return ml_run($jobs);
        } finally {
            date_default_timezone_set($zone);
        }
    }

    /**
     * A dump with dates as UTC instants, so that a date Horde converted
     * to UTC in place and one left in its zone compare equal.
     */
    public static function instants($dump)
    {
        if (!is_array($dump)) {
            return $dump;
        }
        if (isset($dump['@date'], $dump['tz'])) {
            $d = new \DateTime($dump['@date'], new \DateTimeZone($dump['tz']));
            return ['@instant' => $d->getTimestamp()];
        }
        return array_map([self::class, 'instants'], $dump);
    }

    /**
     * Takes out of our dumps the properties Horde 5 does not have and
     * this package adds (Horde 6 and EAS 16.1): listed per class.
     */
    public static function withoutAdditions($dump, array $additions)
    {
        if (!is_array($dump)) {
            return $dump;
        }
        if (isset($dump['class'], $dump['properties'])) {
            foreach ($additions[$dump['class']] ?? [] as $name) {
                unset($dump['properties'][$name], $dump['exists'][$name], $dump['public'][$name]);
            }
        }
        return array_map(function ($v) use ($additions) {
            return self::withoutAdditions($v, $additions);
        }, $dump);
    }
}
