<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Support;

use RuntimeException;

use function Horde\ActiveSync\Native\wbxml_tag;

/**
 * Takes out of a WBXML fragment (as Horde's message classes write it) the
 * elements a protocol version does not have, and writes the rest as Horde's
 * lazy encoder would have: a container left without children disappears.
 * Horde 5 writes some tags at every version; our engine only writes a
 * version's own tags, so this turns Horde's output into what we expect.
 */
class VersionFilter
{
    /**
     * Horde 5 writes these tags as token 0 (with the content flag): its
     * table has "Annontation" and "TemplateID" (and numbers the
     * RightsManagement page from 0).
     */
    private const MISSPELLED = [
        17 => 'AirSyncBase:Annotation',
        24 => 'RightsManagement:TemplateId',
    ];

    public static function strip(string $bytes, string $version, ?array &$removed = null): string
    {
        $removed = [];
        $code = (int)round((float)$version * 10);
        $pos = 0;
        $page = 0;
        $root = ['children' => []];
        $stack = [&$root];
        $len = strlen($bytes);
        while ($pos < $len) {
            $b = ord($bytes[$pos++]);
            $top = &$stack[count($stack) - 1];
            if ($b === 0x00) {
                $page = ord($bytes[$pos++]);
            } elseif ($b === 0x01) {
                array_pop($stack);
            } elseif ($b === 0x03) {
                $end = strpos($bytes, "\0", $pos);
                $top['children'][] = ['raw' => substr($bytes, $pos - 1, $end - $pos + 2)];
                $pos = $end + 1;
            } elseif ($b === 0xc3) {
                $start = $pos - 1;
                $n = 0;
                do {
                    $c = ord($bytes[$pos++]);
                    $n = ($n << 7) | ($c & 0x7f);
                } while ($c & 0x80);
                $top['children'][] = ['raw' => substr($bytes, $start, $pos - $start + $n)];
                $pos += $n;
            } elseif (($b & 0x3f) >= 5 || ($b === 0x40 && isset(self::MISSPELLED[$page]))) {
                // token 0: a tag Horde 5's code page table spells otherwise
                // than its message classes; take it as the tag meant
                $token = ($b & 0x3f) ?: wbxml_tag(self::MISSPELLED[$page])['token'];
                $node = ['page' => $page, 'token' => $token, 'content' => ($b & 0x40) !== 0, 'children' => []];
                $top['children'][] = &$node;
                if ($node['content']) {
                    $stack[] = &$node;
                }
                unset($node);
            } else {
                throw new RuntimeException(sprintf('unexpected byte 0x%02x at %d', $b, $pos - 1));
            }
            unset($top);
        }
        $out = '';
        $current = 0;
        foreach ($root['children'] as $child) {
            $out .= self::write($child, $code, $current, $removed);
        }
        return $out;
    }

    private static function write(array $node, int $code, int &$page, array &$removed): string
    {
        if (isset($node['raw'])) {
            return $node['raw'];
        }
        $tag = wbxml_tag($node['page'], $node['token']);
        $since = (int)round((float)$tag['since'] * 10);
        $until = $tag['until'] === null ? null : (int)round((float)$tag['until'] * 10);
        if ($code < $since || ($until !== null && $code > $until)) {
            $removed[] = $tag['name'];
            return '';
        }
        $inner = '';
        $innerPage = $node['page'];
        foreach ($node['children'] as $child) {
            $inner .= self::write($child, $code, $innerPage, $removed);
        }
        if ($node['content'] && $inner === '') {
            return '';
        }
        $out = '';
        if ($page !== $node['page']) {
            $out .= "\0" . chr($node['page']);
            $page = $node['page'];
        }
        if (!$node['content']) {
            return $out . chr($node['token']);
        }
        // children switched pages as they went; carry their last page on
        $page = $innerPage;
        return $out . chr($node['token'] | 0x40) . $inner . "\x01";
    }
}
