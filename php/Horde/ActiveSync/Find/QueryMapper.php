<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Maps a Find request onto the parameters of a Search, so that a driver
 * serves both commands with one backend search: Horde 6's
 * Horde_ActiveSync_Search_Params, or the array Horde 5 drivers take in
 * getSearchResults($type, $query).
 *
 * The mailbox query keeps Find's FreeText (KQL) under the Search FreeText
 * key, marked as KQL by the KQL key (true): Horde_ActiveSync_Imap_Adapter
 * searches such a FreeText with Horde_ActiveSync_Find_Kql::toImapQuery(),
 * while a Search command's FreeText stays plain text. A backend that does
 * not know the mark searches the query as text.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Find_QueryMapper
{
    /* Horde_ActiveSync_Request_Search's names of the Search query parts. */
    const SEARCH_AND = 'Search:And';
    const SEARCH_FREETEXT = 'Search:FreeText';

    /* The criterion that marks the FreeText as KQL (a Find's). */
    const KQL = 'kql';

    /**
     * Find parameters as Search parameters.
     *
     * @param Horde_ActiveSync_Find_Params $params  The Find request.
     *
     * @return Horde_ActiveSync_Search_Params
     */
    public static function toSearchParams(Horde_ActiveSync_Find_Params $params): Horde_ActiveSync_Search_Params
    {
        if (Horde_String::lower($params->type) === 'gal') {
            return new Horde_ActiveSync_Search_Params(
                type: 'gal',
                query: [self::_galText($params)],
                options: $params->options,
                start: $params->start,
                limit: $params->limit,
                rebuildResults: false,
                deepTraversal: false,
            );
        }
        return new Horde_ActiveSync_Search_Params(
            type: 'mailbox',
            query: [['op' => self::SEARCH_AND, 'value' => self::_criteria($params)]],
            options: $params->options,
            start: $params->start,
            limit: $params->limit,
            rebuildResults: false,
            deepTraversal: $params->deepTraversal,
        );
    }

    /**
     * Find parameters as the query array of a Horde 5 driver's
     * getSearchResults($type, $query) (the shape Horde_ActiveSync_Request_Search
     * builds): 'query', 'range' ("first-last"), and for mailboxes
     * 'rebuildresults' and 'deeptraversal'; picture options for the GAL.
     *
     * @param Horde_ActiveSync_Find_Params $params  The Find request.
     *
     * @return array
     */
    public static function toSearchQuery(Horde_ActiveSync_Find_Params $params): array
    {
        $range = $params->start . '-' . ($params->start + max(1, $params->limit) - 1);
        if (Horde_String::lower($params->type) === 'gal') {
            $query = ['query' => self::_galText($params), 'range' => $range];
            foreach (['Picture' => 'Search:Picture', 'MaxSize' => 'Search:MaxSize',
                      'MaxPictures' => 'Search:MaxPictures'] as $find => $search) {
                if (isset($params->options['Find:' . $find])) {
                    $query[$search] = $params->options['Find:' . $find];
                }
            }
            return $query;
        }
        return [
            'query' => [['op' => self::SEARCH_AND, 'value' => self::_criteria($params)]],
            'range' => $range,
            'rebuildresults' => false,
            'deeptraversal' => $params->deepTraversal,
        ];
    }

    protected static function _galText(Horde_ActiveSync_Find_Params $params): string
    {
        return (string)($params->query['text'] ?? $params->query['freetext'] ?? '');
    }

    protected static function _criteria(Horde_ActiveSync_Find_Params $params): array
    {
        $criteria = [];
        if (!empty($params->query['class'])) {
            $criteria['FolderType'] = $params->query['class'];
        }
        if (!empty($params->query['serverid'])) {
            $criteria['serverid'] = $params->query['serverid'];
        }
        if (isset($params->query['freetext']) && $params->query['freetext'] !== '') {
            $criteria[self::SEARCH_FREETEXT] = $params->query['freetext'];
            $criteria[self::KQL] = true;
        }
        return $criteria;
    }
}
