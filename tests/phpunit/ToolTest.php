<?php
/**
 * php/bin/eas-wbxml: WBXML to XML and back gives the same bytes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test;

use Horde\ActiveSync\Test\Support\Documents;
use Horde\ActiveSync\Test\Support\Oracle;
use PHPUnit\Framework\TestCase;

class ToolTest extends TestCase
{
    private static function tool(array $args, string $stdin, &$stderr = null, &$rc = null): string
    {
        $cmd = escapeshellarg(PHP_BINARY) . ' -d extension=' . escapeshellarg(EAS_EXTENSION_PATH) . ' '
            . escapeshellarg(EAS_TEST_ROOT . '/php/bin/eas-wbxml') . ' ' . implode(' ', array_map('escapeshellarg', $args));
        $proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
        fwrite($pipes[0], $stdin);
        fclose($pipes[0]);
        $out = stream_get_contents($pipes[1]);
        $stderr = stream_get_contents($pipes[2]);
        $rc = proc_close($proc);
        return $out;
    }

    public function testRoundTrips(): void
    {
        $docs = [];
        foreach (Documents::clientRequests() as $name => $calls) {
            $docs[$name] = $calls->replay();
        }
        $docs['contacts'] = Documents::contactsSync(20)->replay();
        $docs['mails'] = Documents::mailsSync(5)->replay();
        for ($seed = 1; $seed <= 10; $seed++) {
            $docs["random-$seed"] = Documents::random($seed, 120)->replay();
        }
        if (Oracle::available()) {
            // Horde 5 fragments, binary ConversationId in STR_I included
            $docs['horde mail 14.1'] = Oracle::message('mail', '14.1');
            $docs['horde appointment 14.1'] = Oracle::message('appointment', '14.1');
        }
        foreach ($docs as $name => $bytes) {
            $xml = self::tool([], $bytes, $err, $rc);
            $this->assertSame(0, $rc, "$name: $err");
            $this->assertStringContainsString('<', $xml);
            $back = self::tool(['encode'], $xml, $err, $rc);
            $this->assertSame(0, $rc, "$name: $err");
            $this->assertSame(bin2hex($bytes), bin2hex($back), $name);
        }
    }

    public function testErrorsAndTagLookup(): void
    {
        self::tool(['decode'], "\x03\x01\x6a\x00\x45\x7f", $err, $rc);
        $this->assertSame(1, $rc);
        $this->assertSame("eas-wbxml: WBXML: unknown tag 0x3f on code page 0 (AirSync) at byte 5\n", $err);
        self::tool(['--strict'], "\x03\x01\x6a\x00\x45\x03\xff\x00\x01", $err, $rc);
        $this->assertSame(1, $rc);
        self::tool(['encode'], '<Sync xmlns="AirSync:"><Nope/></Sync>', $err, $rc);
        $this->assertSame("eas-wbxml: unknown element Nope in namespace \"AirSync:\"\n", $err);
        self::tool(['encode'], '<Sync xmlns="AirSync:">', $err, $rc);
        $this->assertSame(1, $rc);
        $this->assertStringContainsString('XML error', $err);
        $out = self::tool(['tag', '25', '0x22'], '');
        $this->assertStringContainsString("name       Find:Picture\n", $out);
        $this->assertStringContainsString("since      16.1\n", $out);
    }
}
