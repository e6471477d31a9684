<?php
/**
 * Horde's own WBXML fixtures (test/Horde/ActiveSync/fixtures/*.wbxml in
 * horde/ActiveSync) decode to the same element stream as Debian's decoder.
 * Those files are Horde's and not redistributed here: point
 * HORDE_ACTIVESYNC_FIXTURES at a directory holding them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Wbxml;

use Horde\ActiveSync\Test\Support\Decode;
use Horde\ActiveSync\Test\Support\Oracle;
use PHPUnit\Framework\TestCase;

class HordeFixturesTest extends TestCase
{
    public function testHordeFixturesDecodeAlike(): void
    {
        $dir = getenv('HORDE_ACTIVESYNC_FIXTURES');
        if (!$dir || !($files = glob("$dir/*.wbxml"))) {
            $this->markTestSkipped('set HORDE_ACTIVESYNC_FIXTURES to a directory of Horde\'s .wbxml fixtures');
        }
        $bytes = array_map('file_get_contents', $files);
        $theirs = Oracle::decode($bytes, false);
        foreach ($files as $i => $file) {
            $ours = Decode::elements($bytes[$i], false);
            $this->assertArrayNotHasKey('error', end($ours), basename($file));
            $this->assertSame($theirs[$i][0], $ours, basename($file));
        }
    }
}
