<?php
/**
 * Runs the mail half of the oracle (tests/oracle/mail.php: Debian's
 * Horde_ActiveSync mail classes) in a child process.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Support;

use RuntimeException;

final class MailOracle
{
    private static $dir;

    public static function available(): bool
    {
        return is_file('/usr/share/php/Horde/ActiveSync/Rfc822.php');
    }

    /**
     * One decoded JSON result per input.
     *
     * @param string[] $inputs  Documents (written to files for the child).
     */
    public static function run(string $command, array $inputs, int $timeout = 300, array $args = [], ?int $lines = null): array
    {
        $files = array_merge($args, array_map([self::class, 'file'], $inputs));
        $cmd = 'timeout ' . $timeout . ' php -d include_path=.:/usr/share/php -d memory_limit=1G -d display_errors=stderr '
            . escapeshellarg(EAS_TEST_ROOT . '/tests/oracle/mail.php') . ' ' . escapeshellarg($command) . ' '
            . implode(' ', array_map('escapeshellarg', $files));
        $proc = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        $rc = proc_close($proc);
        $expected = $lines ?? count($inputs) + ($command === 'imap' ? count($args) - 2 - count($inputs) : 0);
        $lines = $out === '' ? [] : explode("\n", rtrim($out, "\n"));
        if ($rc !== 0 || count($lines) !== $expected) {
            throw new RuntimeException("mail oracle $command failed ($rc): $err");
        }
        return array_map(function ($line) {
            return json_decode($line, true);
        }, $lines);
    }

    public static function file(string $data): string
    {
        if (!self::$dir) {
            self::$dir = sys_get_temp_dir() . '/eas-mail-oracle-' . getmypid();
            @mkdir(self::$dir);
            register_shutdown_function(function () {
                array_map('unlink', glob(self::$dir . '/*'));
                @rmdir(self::$dir);
            });
        }
        $file = self::$dir . '/' . sha1($data);
        file_put_contents($file, $data);
        return $file;
    }
}
