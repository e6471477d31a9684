<?php
/**
 * The shared table of KQL cases (tests/data/kql-cases.txt) through the
 * extension and the Horde classes: the tree as a string and as arrays, the
 * IMAP translation as the extension renders it and as the
 * Horde_Imap_Client_Search_Query that Horde_ActiveSync_Find_Kql builds
 * writes it, and every malformed query's error and position.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Find;

use DateTimeZone;
use Horde\ActiveSync\Native\KqlException;
use Horde\ActiveSync\Native\KqlQuery;
use Horde_ActiveSync_Exception;
use Horde_ActiveSync_Find_Kql;
use Horde\ActiveSync\Test\Support\HordeLegacy;
use PHPUnit\Framework\TestCase;

class KqlTableTest extends TestCase
{
    public const NOW = 1710504000;

    protected function setUp(): void
    {
        HordeLegacy::use();
    }

    protected function tearDown(): void
    {
        HordeLegacy::restore();
    }

    /** @return array<string, array{string, array, ?string, ?string, ?string}> */
    public static function cases(): array
    {
        $cases = [];
        $options = self::defaults();
        foreach (file(EAS_TEST_ROOT . '/tests/data/kql-cases.txt', FILE_IGNORE_NEW_LINES) as $n => $line) {
            if ($line === '' || $line[0] === '#') {
                continue;
            }
            if ($line[0] === '@') {
                [$name, $arg] = explode(' ', $line, 2) + [1 => ''];
                $options = self::directive($name, $arg, $options);
                continue;
            }
            $fields = explode("\t", $line);
            $query = self::unescape($fields[0]);
            if ($fields[1][0] === '!') {
                $cases[sprintf('line %d: %s', $n + 1, $fields[0])] = [$query, $options, null, null, substr($fields[1], 1)];
            } else {
                $imap = isset($fields[2]) ? str_replace('\r\n', "\r\n", $fields[2]) : null;
                $cases[sprintf('line %d: %s', $n + 1, $fields[0])] = [$query, $options, $fields[1], $imap, null];
            }
        }
        return $cases;
    }

    private static function defaults(): array
    {
        return ['now' => self::NOW, 'tzOffset' => 0];
    }

    private static function directive(string $name, string $arg, array $options): array
    {
        switch ($name) {
        case '@reset': return self::defaults();
        case '@now': $options['now'] = (int)$arg; break;
        case '@tz': $options['tzOffset'] = (int)$arg; break;
        case '@week': $options['weekStart'] = (int)$arg; break;
        case '@order': $options['dateOrder'] = $arg; break;
        case '@length': $options['maxLength'] = (int)$arg; break;
        case '@depth': $options['maxDepth'] = (int)$arg; break;
        case '@nodes': $options['maxNodes'] = (int)$arg; break;
        default: throw new \RuntimeException("unknown directive $name");
        }
        return $options;
    }

    private static function unescape(string $s): string
    {
        return preg_replace_callback('/\\\\(x[0-9A-Fa-f]{2}|[trn\\\\])/', function ($m) {
            $c = $m[1];
            return $c[0] === 'x' ? chr(hexdec(substr($c, 1))) : ['t' => "\t", 'r' => "\r", 'n' => "\n", '\\' => '\\'][$c];
        }, $s);
    }

    /** The Horde class's options for the extension's: a fixed-offset zone. */
    private static function hordeOptions(array $native): array
    {
        $options = $native;
        unset($options['tzOffset']);
        $offset = $native['tzOffset'];
        $options['timezone'] = new DateTimeZone(sprintf('%s%02d:%02d', $offset < 0 ? '-' : '+', intdiv(abs($offset), 3600), abs($offset) % 3600 / 60));
        return $options;
    }

    public function testTheTableIsLargeAndCoversErrors(): void
    {
        $cases = self::cases();
        $errors = array_filter($cases, function ($c) {
            return $c[4] !== null;
        });
        $this->assertGreaterThanOrEqual(200, count($cases));
        $this->assertGreaterThanOrEqual(40, count($errors));
        // every error the parser can report appears in the table
        $reasons = array_unique(array_map(function ($c) {
            return explode('@', $c[4])[0];
        }, $errors));
        $consts = (new \ReflectionClass(KqlException::class))->getConstants();
        foreach ($consts as $name => $code) {
            $this->assertContains(strtolower(str_replace(['_PARENTHESIS', '_'], ['-parenthesis', '-'], $name)), $reasons, $name);
        }
    }

    /** @dataProvider cases */
    public function testCase(string $query, array $options, ?string $tree, ?string $imap, ?string $error): void
    {
        if ($error !== null) {
            try {
                KqlQuery::parse($query, $options);
                $this->fail("parsed, expected $error");
            } catch (KqlException $e) {
                $this->assertSame($error, sprintf('%s@%d/%d', $e->getReason(), $e->getOffset(), $e->getCharOffset()));
                $this->assertStringContainsString('at character ' . $e->getCharOffset(), $e->getMessage());
            }
            try {
                Horde_ActiveSync_Find_Kql::toImapQuery($query, self::hordeOptions($options));
                $this->assertSame('', trim($query), 'only an empty query gives a query');
            } catch (Horde_ActiveSync_Exception $e) {
                $this->assertInstanceOf(KqlException::class, $e->getPrevious());
                $this->assertSame($e->getPrevious()->getCode(), $e->getCode());
            }
            return;
        }

        $q = KqlQuery::parse($query, $options);
        $this->assertSame($tree, (string)$q);
        $this->assertSame($tree, self::render($q->toArray(), $query), 'toArray()');
        $this->assertSame($query, $q->getQuery());
        if ($imap === null) {
            return;
        }
        $this->assertSame($imap, $q->toImapString());
        $this->assertEquals($q->toImapPlan(), KqlQuery::imapPlan($query, $options));

        // Horde_Imap_Client writes ASCII queries exactly as the extension does
        // (it cannot write non-ASCII strings without a server, and it
        // transliterates non-ASCII category names)
        $horde = Horde_ActiveSync_Find_Kql::toImapQuery($query, self::hordeOptions($options));
        if (!preg_match('/[\x80-\xff]/', $query)) {
            $this->assertSame($imap, (string)$horde);
        }
    }

    /** The tree's compact form from the arrays of toArray() (as src/kql/kql_tree.c writes it). */
    private static function render(array $node, string $query): string
    {
        // spans stay inside the query
        \PHPUnit\Framework\Assert::assertLessThanOrEqual(strlen($query), $node['pos'] + $node['len']);
        switch ($node['op']) {
        case 'and':
        case 'or':
            return '(' . $node['op'] . ' ' . implode(' ', array_map(function ($n) use ($query) {
                return self::render($n, $query);
            }, $node['nodes'])) . ')';
        case 'not':
            return '(not ' . self::render($node['node'], $query) . ')';
        case 'text':
            return self::value($node, $query);
        }
        $p = $node['property'];
        switch ($node['type']) {
        case 'text':
            return $p . $node['operator'] . self::value($node, $query);
        case 'date':
            return sprintf('%s[%s,%s)', $p, $node['since'] ?? '-inf', $node['before'] ?? 'inf');
        case 'size':
            return sprintf('%s[%d,%s]', $p, $node['min'] ?? 0, $node['max'] ?? 'inf');
        case 'bool':
            return $p . ':' . ($node['value'] ? 'true' : 'false');
        default:
            return $p . ':' . $node['value'];
        }
    }

    private static function value(array $node, string $query): string
    {
        $v = empty($node['quoted']) ? $node['value'] : '"' . $node['value'] . '"';
        return $node['match'] === 'prefix' ? $v . '*' : $v;
    }
}
