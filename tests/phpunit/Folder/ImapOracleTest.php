<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Folder;

use Horde\ActiveSync\Test\Support\FolderOracle;
use Horde\ActiveSync\Test\Support\FolderScripts;
use PHPUnit\Framework\TestCase;

/**
 * Our Horde_ActiveSync_Folder_Imap against Debian's on thousands of random
 * mailbox histories: every answer of every step must be the same, and the
 * state each engine stores must continue identically in the other one.
 */
class ImapOracleTest extends TestCase
{
    protected function setUp(): void
    {
        if (!FolderOracle::available()) {
            $this->markTestSkipped("Debian's php-horde-activesync is not installed");
        }
    }

    /** @return array<string, array{0: int, 1: int, 2: int, 3: int}> [first seed, scripts, rounds, mailbox size] */
    public static function batches(): array
    {
        $base = (int)(getenv('EAS_PROPERTY_SEED') ?: 20260501);
        return [
            'small mailboxes' => [$base, 2000, 6, 40],
            'mailboxes past the compression limit' => [$base + 100000, 12, 4, 1500],
        ];
    }

    /** @dataProvider batches */
    public function testSameAnswersAsHorde(int $seed, int $count, int $rounds, int $size): void
    {
        $steps = 0;
        // In chunks: the observations of a chunk are kept in memory on both sides.
        for ($first = 0; $first < $count; $first += 250) {
            $steps += $this->compareChunk($seed + $first, min(250, $count - $first), $rounds, $size);
        }
        $this->assertGreaterThan($count * $rounds, $steps);
    }

    private function compareChunk(int $seed, int $count, int $rounds, int $size): int
    {
        $scripts = $continuations = [];
        for ($i = 0; $i < $count; $i++) {
            [$scripts[], $continuations[]] = FolderScripts::generate($seed + $i, $rounds, $size);
        }
        $ours = FolderOracle::ours($scripts);
        $horde = FolderOracle::horde($scripts);
        $steps = 0;
        foreach ($scripts as $i => $script) {
            $a = self::withoutDumps($ours[$i]);
            $b = self::withoutDumps($horde[$i]);
            $this->assertSame(count($b), count($a), 'seed ' . ($seed + $i));
            foreach ($b as $step => $expected) {
                if ($expected != $a[$step]) {
                    $this->fail(sprintf("seed %d, observation %d differs:\nHorde: %s\nours:  %s\nscript: %s",
                        $seed + $i, $step, json_encode($expected), json_encode($a[$step]), json_encode($script)));
                }
                $steps++;
            }
        }

        // Each engine's stored state read by the other, then one more Sync:
        // the four runs must agree.
        $phase2 = [];
        foreach ($continuations as $i => $ops) {
            $phase2[] = array_merge([['load', end($ours[$i])['dump']]], $ops);
            $phase2[] = array_merge([['load', end($horde[$i])['dump']]], $ops);
        }
        $ours2 = FolderOracle::ours($phase2);
        $horde2 = FolderOracle::horde($phase2);
        for ($i = 0; $i < count($phase2); $i += 2) {
            $what = ', seed ' . ($seed + $i / 2);
            $this->assertEquals($horde2[$i + 1], $horde2[$i], 'Horde reading our state' . $what);
            $this->assertEquals($horde2[$i + 1], $ours2[$i + 1], 'ours reading Horde\'s state' . $what);
            $this->assertEquals($horde2[$i + 1], $ours2[$i], 'ours reading ours' . $what);
        }
        return $steps;
    }

    private static function withoutDumps(array $observations): array
    {
        return array_values(array_filter($observations, fn($o) => !isset($o['dump'])));
    }
}
