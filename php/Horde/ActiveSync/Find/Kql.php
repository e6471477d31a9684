<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

use Horde\ActiveSync\Native\KqlException;
use Horde\ActiveSync\Native\KqlQuery;

/**
 * Keyword Query Language (KQL) of EAS Find requests: parsing and the IMAP
 * search it means, over the extension's parser (src/kql).
 *
 * The KQL subset and its IMAP mapping are described in docs/kql.md. Dates
 * (today, last week, 3/15/2024, ...) are relative to "now" in a time zone:
 * options 'now' (Unix time or DateTimeInterface; default: the current
 * time) and 'timezone' (name or DateTimeZone; default: PHP's default
 * time zone). Further options: 'weekStart' (0 Sunday, 1 Monday; default 1),
 * 'dateOrder' ('mdy' or 'dmy' for 3/4/2024; default 'mdy'), 'maxLength',
 * 'maxDepth', 'maxNodes'.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Find_Kql
{
    /**
     * The IMAP search a query means.
     *
     * An empty query (or only spaces) gives an empty search, which matches
     * every message, as Horde's does.
     *
     * @param string $text     The query from the client (Find's FreeText).
     * @param array  $options  See the class description.
     *
     * @return Horde_Imap_Client_Search_Query
     * @throws Horde_ActiveSync_Exception  When the query is not valid KQL;
     *                                     its previous exception is the
     *                                     KqlException with the position.
     */
    public static function toImapQuery(string $text, array $options = []): Horde_Imap_Client_Search_Query
    {
        if (trim($text) === '') {
            return self::_query();
        }
        try {
            $plan = KqlQuery::imapPlan($text, self::nativeOptions($options));
        } catch (KqlException $e) {
            throw new Horde_ActiveSync_Exception($e);
        }
        return self::buildImapQuery($plan);
    }

    /**
     * The query as a tree of plain arrays (see docs/kql.md), for drivers
     * that search something other than IMAP.
     *
     * @param string $text     The query.
     * @param array  $options  See the class description.
     *
     * @return array
     * @throws Horde_ActiveSync_Exception  When the query is not valid KQL.
     */
    public static function parse(string $text, array $options = []): array
    {
        try {
            return KqlQuery::parse($text, self::nativeOptions($options))->toArray();
        } catch (KqlException $e) {
            throw new Horde_ActiveSync_Exception($e);
        }
    }

    /**
     * The extension's options for ours: 'now' as a Unix time and the
     * time zone as its UTC offset at that moment.
     *
     * @param array $options  See the class description.
     *
     * @return array
     */
    public static function nativeOptions(array $options): array
    {
        $now = $options['now'] ?? time();
        if ($now instanceof DateTimeInterface) {
            $now = $now->getTimestamp();
        }
        $zone = $options['timezone'] ?? date_default_timezone_get();
        $native = ['now' => (int)$now, 'tzOffset' => self::_offset($zone, (int)$now)];
        foreach (['weekStart', 'dateOrder', 'maxLength', 'maxDepth', 'maxNodes'] as $name) {
            if (isset($options[$name])) {
                $native[$name] = $options[$name];
            }
        }
        return $native;
    }

    /**
     * The UTC offset of a zone at a moment. A request asks once, tests and
     * benchmarks many times: the last answer is kept.
     *
     * @param string|DateTimeZone $zone
     * @param int $now
     *
     * @return int  Seconds east of UTC.
     */
    protected static function _offset($zone, int $now): int
    {
        static $last = [null, null, 0];
        if (is_string($zone) && $last[0] === $zone && $last[1] === $now) {
            return $last[2];
        }
        $tz = $zone instanceof DateTimeZone ? $zone : new DateTimeZone($zone);
        $offset = $tz->getOffset(new DateTimeImmutable('@' . $now));
        if (is_string($zone)) {
            $last = [$zone, $now, $offset];
        }
        return $offset;
    }

    /**
     * The Horde_Imap_Client query for an IMAP plan of the extension
     * (KqlQuery::toImapPlan()): one query object per node, groups through
     * andSearch() / orSearch(), negations on the criteria.
     *
     * @param array $plan  The plan.
     *
     * @return Horde_Imap_Client_Search_Query
     */
    public static function buildImapQuery(array $plan): Horde_Imap_Client_Search_Query
    {
        // cloning a prepared query is cheaper than new + charset()
        static $proto, $utc;
        if (!$proto) {
            $proto = self::_query();
            $utc = new DateTimeZone('UTC');
        }
        $query = clone $proto;
        switch ($plan['op']) {
        case 'and':
        case 'or':
            $parts = [];
            foreach ($plan['nodes'] as $node) {
                $parts[] = self::buildImapQuery($node);
            }
            if ($plan['op'] === 'and') {
                $query->andSearch($parts);
            } else {
                $query->orSearch($parts);
            }
            break;
        case 'text':
            $query->text($plan['text'], false, $plan['not']);
            break;
        case 'body':
            $query->text($plan['text'], true, $plan['not']);
            break;
        case 'header':
            $query->headerText($plan['header'], $plan['text'], $plan['not']);
            break;
        case 'date':
            $query->dateSearch(new DateTime($plan['date'], $utc), $plan['range'], $plan['sent'], $plan['not']);
            break;
        case 'size':
            $query->size($plan['size'], $plan['larger'], $plan['not']);
            break;
        case 'flag':
            $query->flag($plan['flag'], $plan['set']);
            break;
        case 'keyword':
            $query->flag(self::categoryKeyword($plan['category'], $plan['flag']), $plan['set']);
            break;
        case 'none':
            // no message is smaller than nothing
            $query->size(0, false);
            break;
        }
        return $query;
    }

    /**
     * The IMAP keyword Horde's IMAP adapter stores an EAS category as.
     *
     * @param string $category  The category.
     * @param string $ascii     The extension's keyword, right for ASCII names.
     *
     * @return string
     */
    public static function categoryKeyword(string $category, string $ascii = ''): string
    {
        if ($ascii !== '' && !preg_match('/[\x80-\xff]/', $category)) {
            return $ascii;
        }
        $atom = new Horde_Imap_Client_Data_Format_Atom(
            strtr(Horde_String_Transliterate::toAscii($category), ' ', '_')
        );
        return Horde_String::lower($atom->stripNonAtomCharacters());
    }

    /**
     * @return Horde_Imap_Client_Search_Query  An empty query in UTF-8.
     */
    protected static function _query(): Horde_Imap_Client_Search_Query
    {
        $query = new Horde_Imap_Client_Search_Query();
        $query->charset('UTF-8', false);
        return $query;
    }
}
