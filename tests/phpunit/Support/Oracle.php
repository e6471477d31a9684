<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Support;

use RuntimeException;

/**
 * Runs Debian's pure-PHP Horde_ActiveSync (tests/oracle/horde.php) in a
 * child process on the same inputs as our engine.
 */
class Oracle
{
    private static $tmp;

    public static function available(): bool
    {
        return is_file('/usr/share/php/Horde/ActiveSync/Wbxml/Decoder.php');
    }

    /**
     * Element streams of documents, content base64-encoded.
     *
     * @param string[] $documents
     * @return array<int, array{0: array, 1: string}> [elements, protocol log]
     */
    public static function decode(array $documents, bool $header, bool $log = false): array
    {
        $files = array_map([self::class, 'file'], $documents);
        $args = array_merge(['decode'], $files, $header ? ['--header'] : [], $log ? ['--log'] : []);
        if (!$log) {
            $lines = self::run($args);
            return array_map(function ($line) {
                return [json_decode($line, true), ''];
            }, $lines);
        }
        // one process per document so each log is separate
        $out = [];
        foreach ($files as $file) {
            $stderr = '';
            $args = ['decode', $file, '--log'];
            if ($header) {
                $args[] = '--header';
            }
            $lines = self::run($args, $stderr);
            $out[] = [json_decode($lines[0], true), $stderr];
        }
        return $out;
    }

    /**
     * Output of encoder call lists (see Calls).
     *
     * @param array[] $callLists
     * @return string[]
     */
    public static function encode(array $callLists, bool $log = false, ?array &$logs = null): array
    {
        $files = array_map(function ($calls) {
            return self::file(json_encode($calls));
        }, $callLists);
        if (!$log) {
            return array_map('base64_decode', self::run(array_merge(['encode'], $files)));
        }
        $logs = [];
        $out = [];
        foreach ($files as $file) {
            $stderr = '';
            $out[] = base64_decode(self::run(['encode', $file, '--log'], $stderr)[0]);
            $logs[] = $stderr;
        }
        return $out;
    }

    /** Horde's $_dtd: ['codes' => [page => [token => name]], 'namespaces' => ...]. */
    public static function dtd(): array
    {
        return json_decode(self::run(['dtd'])[0], true);
    }

    /** A message fragment as Horde's message classes write it. */
    public static function message(string $type, string $version): string
    {
        $stderr = '';
        $cmd = self::command(['message', $type, $version]);
        $out = self::exec($cmd, $stderr);
        if ($stderr !== '' || $out === '') {
            throw new RuntimeException("oracle message $type $version failed: $stderr");
        }
        return $out;
    }

    private static function file(string $data): string
    {
        if (!self::$tmp) {
            self::$tmp = sys_get_temp_dir() . '/eas-oracle-' . getmypid();
            @mkdir(self::$tmp);
            register_shutdown_function(function () {
                array_map('unlink', glob(self::$tmp . '/*'));
                @rmdir(self::$tmp);
            });
        }
        $file = self::$tmp . '/' . sha1($data);
        file_put_contents($file, $data);
        return $file;
    }

    private static function command(array $args): string
    {
        // The oracle must not see our extension or our classes.
        return 'php -d include_path=.:/usr/share/php '
            . escapeshellarg(EAS_TEST_ROOT . '/tests/oracle/horde.php') . ' '
            . implode(' ', array_map('escapeshellarg', $args));
    }

    private static function run(array $args, string &$stderr = null): array
    {
        $stderr = '';
        $out = self::exec(self::command($args), $stderr);
        if ($out === '' && $stderr !== '') {
            throw new RuntimeException('oracle failed: ' . $stderr);
        }
        return explode("\n", rtrim($out, "\n"));
    }

    private static function exec(string $cmd, string &$stderr): string
    {
        $proc = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        $out = stream_get_contents($pipes[1]);
        $stderr = stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        proc_close($proc);
        return $out;
    }
}
