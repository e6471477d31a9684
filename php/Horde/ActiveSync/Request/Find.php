<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Find (MS-ASCMD 2.2.1.2, EAS 16): a KQL search of the mailbox, or a search
 * of the global address list.
 *
 * The request is checked against MS-ASCMD's schema (FindRequest.xsd) while
 * it is read: a missing or repeated element, an element out of place, a
 * SearchId that is not a GUID, a Range outside 0-999 or reversed, a class
 * other than Email, a query that is not valid KQL all answer Status 2; a
 * CollectionId the device's folder list does not have answers 3 (FolderSync
 * required); a first request of a search whose Range does not start at 0
 * answers 4 (StartWithRangeZero) in the Response. Searches are remembered
 * per device (their SearchId, in the sync cache), so a client pages through
 * a search by asking the same SearchId for the next Range.
 *
 * Accepted beyond the schema, as Horde 6 reads them: Options after
 * ExecuteSearch, and AirSyncBase:BodyPreference and AirSync:MIMESupport in
 * Options (they reach the driver's getFindResults()).
 *
 * The driver's getFindResults() searches (Horde_ActiveSync_Driver_Base's
 * default goes through getSearchResults(), see
 * Horde_ActiveSync_Find_QueryMapper); a mail result's properties are read
 * from the message itemOperationsFetchMailbox() returns, as Horde 6 does.
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_Find extends Horde_ActiveSync_Request_SyncBase
{
    const FIND_FIND                   = 'Find:Find';
    const FIND_SEARCHID               = 'Find:SearchId';
    const FIND_EXECUTESEARCH          = 'Find:ExecuteSearch';
    const FIND_MAILBOXSEARCHCRITERION = 'Find:MailBoxSearchCriterion';
    const FIND_GALSEARCHCRITERION     = 'Find:GALSearchCriterion';
    const FIND_QUERY                  = 'Find:Query';
    const FIND_FREETEXT               = 'Find:FreeText';
    const FIND_OPTIONS                = 'Find:Options';
    const FIND_RANGE                  = 'Find:Range';
    const FIND_DEEPTRAVERSAL          = 'Find:DeepTraversal';
    const FIND_PICTURE                = 'Find:Picture';
    const FIND_MAXSIZE                = 'Find:MaxSize';
    const FIND_MAXPICTURES            = 'Find:MaxPictures';
    const FIND_STATUS                 = 'Find:Status';
    const FIND_RESPONSE               = 'Find:Response';
    const FIND_RESULT                 = 'Find:Result';
    const FIND_PROPERTIES             = 'Find:Properties';
    const FIND_TOTAL                  = 'Find:Total';
    const FIND_DISPLAYCC              = 'Find:DisplayCc';
    const FIND_DISPLAYBCC             = 'Find:DisplayBcc';
    const FIND_PREVIEW                = 'Find:Preview';
    const FIND_HASATTACHMENTS         = 'Find:HasAttachments';

    /* MS-ASCMD 2.2.3.177.2 */
    const STATUS_SUCCESS              = 1;
    const STATUS_ERROR                = 2;
    const STATUS_FOLDERSYNC_REQUIRED  = 3;
    const STATUS_START_WITH_RANGE_ZERO = 4;

    /**
     * Store statuses as Horde 6's drivers report them in
     * Horde_ActiveSync_Find_Results: 3 is answered as a server error
     * (111, the common status), 12 as an invalid request (2); Find defines
     * neither.
     */
    const STORE_STATUS_SUCCESS        = 1;
    const STORE_STATUS_SERVERERR      = 3;
    const STORE_STATUS_RANGEERR       = 12;

    /** Results per response at most (a mail result costs a fetch). */
    const MAX_RESULTS = 100;

    /** MS-ASCMD 2.2.3.143.1: 0 <= m <= n <= 999. */
    const RANGE_PATTERN = '/^([0-9]{1,3})-([0-9]{1,3})$/D';

    /** FindRequest.xsd: the SearchId is a GUID. */
    const SEARCHID_PATTERN = '/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/D';

    /** The longest GAL query or (joined) FreeText, in bytes (KQL's limit). */
    const MAX_QUERY = 4096;

    /** Searches remembered per device for paging. */
    const MAX_SEARCHES = 20;

    /** Characters of a Preview (MS-ASCMD 2.2.3.137). */
    const PREVIEW_LENGTH = 255;

    /** GAL properties in MS-ASCMD 2.2.3.139.1's order (also Horde's Search's). */
    const GAL_PROPERTIES = [
        Horde_ActiveSync::GAL_DISPLAYNAME, Horde_ActiveSync::GAL_PHONE, Horde_ActiveSync::GAL_OFFICE,
        Horde_ActiveSync::GAL_TITLE, Horde_ActiveSync::GAL_COMPANY, Horde_ActiveSync::GAL_ALIAS,
        Horde_ActiveSync::GAL_FIRSTNAME, Horde_ActiveSync::GAL_LASTNAME, Horde_ActiveSync::GAL_HOMEPHONE,
        Horde_ActiveSync::GAL_MOBILEPHONE, Horde_ActiveSync::GAL_EMAILADDRESS,
    ];

    /**
     * @var Horde_ActiveSync_Collections
     */
    protected $_collections;

    /**
     * @return boolean
     * @throws Horde_ActiveSync_Exception_InvalidRequest  for a client older than EAS 16.0.
     */
    protected function _handle()
    {
        $this->_logger->meta('Handling FIND command.');
        if (version_compare((string)$this->_device->version, Horde_ActiveSync::VERSION_SIXTEEN, '<')) {
            throw new Horde_ActiveSync_Exception_InvalidRequest(sprintf(
                'Find is an EAS 16.0 command; the client speaks %s.', $this->_device->version));
        }
        if (!$this->checkPolicyKey($this->_activeSync->getPolicyKey(), self::FIND_FIND)) {
            return true;
        }
        $this->_collections = $this->_activeSync->getCollectionsObject();

        try {
            $request = $this->_parseRequest();
            $this->_validate($request);
        } catch (Horde_ActiveSync_Exception_InvalidRequest $e) {
            $this->_logger->err('FIND: invalid request: ' . $e->getMessage());
            return $this->_status(self::STATUS_ERROR);
        }

        if ($request['type'] === 'mailbox' && $request['collectionid'] !== null) {
            try {
                $request['serverid'] = $this->_collections->getBackendIdForFolderUid($request['collectionid']);
            } catch (Horde_ActiveSync_Exception $e) {
                $this->_logger->err(sprintf('FIND: unknown folder %s: FolderSync required.', $request['collectionid']));
                return $this->_status(self::STATUS_FOLDERSYNC_REQUIRED);
            }
            $class = $this->_collections->getCollectionClass($request['collectionid']);
            if ($class !== false && $class !== Horde_ActiveSync::CLASS_EMAIL) {
                $this->_logger->err(sprintf('FIND: %s is a %s folder, not mail.', $request['collectionid'], $class));
                return $this->_status(self::STATUS_ERROR);
            }
        }

        [$start, $end] = $request['range'];
        if ($start > 0 && !$this->_searchKnown($request['searchid'])) {
            $this->_logger->err(sprintf('FIND: the first request of search %s asks for %d-%d.',
                $request['searchid'], $start, $end));
            return $this->_response(self::STATUS_START_WITH_RANGE_ZERO);
        }
        $params = $this->_params($request);
        $this->_logger->info(sprintf('FIND: %s search %s, range %d-%d, %s.', $request['type'], $request['searchid'],
            $start, $start + $params->limit - 1, $params->deepTraversal ? 'with subfolders' : 'one folder or all'));

        try {
            $results = $this->_driver->getFindResults($params, $request['bodyprefs'], $request['mimesupport']);
        } catch (Horde_Exception $e) {
            $this->_logger->err('FIND: the search failed: ' . $e->getMessage());
            return $this->_status(Horde_ActiveSync_Status::SERVER_ERROR_RETRY);
        }
        if (!($results instanceof Horde_ActiveSync_Find_Results) || $results->rows === null) {
            $this->_logger->err('FIND: the driver returned no results.');
            return $this->_status(Horde_ActiveSync_Status::SERVER_ERROR_RETRY);
        }
        if (($status = $this->_driverStatus($results)) !== null) {
            return $status;
        }
        if ($start === 0) {
            $this->_rememberSearch($request['searchid']);
        }

        $this->_encoder->startWBXML();
        $this->_encoder->startTag(self::FIND_FIND);
        $this->_element(self::FIND_STATUS, self::STATUS_SUCCESS);
        $this->_encoder->startTag(self::FIND_RESPONSE);
        $this->_element(Horde_ActiveSync_Request_ItemOperations::ITEMOPERATIONS_STORE, 'Mailbox');
        $this->_element(self::FIND_STATUS, self::STATUS_SUCCESS);
        $returned = 0;
        foreach (array_slice($results->rows, 0, $params->limit) as $row) {
            if (!is_array($row)) {
                continue;
            }
            $written = $request['type'] === 'gal'
                ? $this->_galResult($row)
                : $this->_mailResult($row, $request);
            if ($written) {
                $returned++;
            }
        }
        $total = max(0, (int)$results->total);
        if ($returned) {
            $this->_element(self::FIND_RANGE, $start . '-' . ($start + $returned - 1));
            // a driver's total below what it returned is wrong
            $total = max($total, $start + $returned);
        }
        $this->_element(self::FIND_TOTAL, $total);
        $this->_encoder->endTag(); // Response
        $this->_encoder->endTag(); // Find
        return true;
    }

    /* ---- reading the request ---------------------------------------- */

    /**
     * The request as read, checked against the schema's structure.
     *
     * @return array  searchid, type ('mailbox' or 'gal'), freetext (list),
     *                classes, collectionid, galtext, range ([m, n] or
     *                null), deeptraversal, picture (null or maxsize and
     *                maxpictures), bodyprefs, mimesupport.
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _parseRequest()
    {
        if (!$this->_decoder->getElementStartTag(self::FIND_FIND)) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('no Find element');
        }
        $request = [
            'searchid' => null, 'type' => null, 'freetext' => [], 'classes' => [], 'collectionid' => null,
            'galtext' => null, 'range' => null, 'deeptraversal' => false, 'picture' => null,
            'bodyprefs' => [], 'mimesupport' => Horde_ActiveSync::MIME_SUPPORT_NONE, 'options' => 0,
        ];
        $executed = false;
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case self::FIND_SEARCHID:
                $this->_once($request['searchid'] === null, $tag);
                $request['searchid'] = $this->_content();
                break;
            case self::FIND_EXECUTESEARCH:
                $this->_once(!$executed, $tag);
                $executed = true;
                $this->_parseExecuteSearch($request);
                break;
            case self::FIND_OPTIONS:
                // Horde 6 reads Options here too.
                $this->_parseOptions($request);
                break;
            default:
                $this->_unexpected($tag, self::FIND_FIND);
            }
        }
        if (!$executed || $request['type'] === null) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('no ExecuteSearch with a search criterion');
        }
        return $request;
    }

    protected function _parseExecuteSearch(array &$request)
    {
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case self::FIND_MAILBOXSEARCHCRITERION:
            case self::FIND_GALSEARCHCRITERION:
                // a choice of exactly one
                $this->_once($request['type'] === null, $tag);
                $request['type'] = $tag === self::FIND_GALSEARCHCRITERION ? 'gal' : 'mailbox';
                $this->_parseCriterion($request);
                break;
            default:
                $this->_unexpected($tag, self::FIND_EXECUTESEARCH);
            }
        }
    }

    protected function _parseCriterion(array &$request)
    {
        $query = false;
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case self::FIND_QUERY:
                $this->_once(!$query, $tag);
                $query = true;
                if ($request['type'] === 'gal') {
                    // GALSearchCriterion's Query is text (Horde 6 reads text
                    // from GALSearchCriterion itself).
                    $request['galtext'] = $this->_content();
                } else {
                    $this->_parseMailboxQuery($request);
                }
                break;
            case self::FIND_OPTIONS:
                $this->_parseOptions($request);
                break;
            default:
                $this->_unexpected($tag, $request['type'] === 'gal' ? self::FIND_GALSEARCHCRITERION
                    : self::FIND_MAILBOXSEARCHCRITERION);
            }
        }
        if (!$query) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('a search criterion without Query');
        }
    }

    protected function _parseMailboxQuery(array &$request)
    {
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case self::FIND_FREETEXT:
                $request['freetext'][] = $this->_content();
                break;
            case Horde_ActiveSync::SYNC_FOLDERTYPE:
                $request['classes'][] = $this->_content();
                break;
            case Horde_ActiveSync::SYNC_FOLDERID:
                $this->_once($request['collectionid'] === null, 'CollectionId');
                $request['collectionid'] = $this->_content();
                break;
            default:
                $this->_unexpected($tag, self::FIND_QUERY);
            }
        }
    }

    protected function _parseOptions(array &$request)
    {
        // One Options element per request, wherever it stands.
        $this->_once($request['options']++ === 0, self::FIND_OPTIONS);
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case self::FIND_RANGE:
                $this->_once($request['range'] === null, $tag);
                $range = $this->_content();
                if (!preg_match(self::RANGE_PATTERN, $range, $m) || (int)$m[1] > (int)$m[2]) {
                    throw new Horde_ActiveSync_Exception_InvalidRequest(sprintf('Range "%s" is not m-n with 0 <= m <= n <= 999',
                        substr($range, 0, 32)));
                }
                $request['range'] = [(int)$m[1], (int)$m[2]];
                break;
            case self::FIND_DEEPTRAVERSAL:
                $this->_once(!$request['deeptraversal'], $tag);
                // an empty tag; content is not expected but harmless
                $this->_content();
                $request['deeptraversal'] = true;
                break;
            case self::FIND_PICTURE:
                $this->_once($request['picture'] === null, $tag);
                $request['picture'] = $this->_parsePicture();
                break;
            case Horde_ActiveSync::AIRSYNCBASE_BODYPREFERENCE:
                $this->_bodyPrefs($request);
                break;
            case Horde_ActiveSync::SYNC_MIMESUPPORT:
                $mime = $this->_content();
                if (!preg_match('/^[0-2]$/D', $mime)) {
                    throw new Horde_ActiveSync_Exception_InvalidRequest('MIMESupport must be 0, 1 or 2');
                }
                $request['mimesupport'] = (int)$mime;
                break;
            default:
                $this->_unexpected($tag, self::FIND_OPTIONS);
            }
        }
    }

    /**
     * @return array  maxsize, maxpictures (null when not given).
     */
    protected function _parsePicture()
    {
        $picture = ['maxsize' => null, 'maxpictures' => null];
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case self::FIND_MAXSIZE:
            case self::FIND_MAXPICTURES:
                $key = $tag === self::FIND_MAXSIZE ? 'maxsize' : 'maxpictures';
                $this->_once($picture[$key] === null, $tag);
                $value = $this->_content();
                // xs:unsignedInt
                if (!preg_match('/^[0-9]{1,10}$/D', $value) || (int)$value > 4294967295) {
                    throw new Horde_ActiveSync_Exception_InvalidRequest($tag . ' is not an unsigned 32-bit integer');
                }
                $picture[$key] = (int)$value;
                break;
            default:
                $this->_unexpected($tag, self::FIND_PICTURE);
            }
        }
        return $picture;
    }

    /**
     * What the schema asks beyond structure; fills the defaults.
     *
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _validate(array &$request)
    {
        if ($request['searchid'] === null) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('no SearchId');
        }
        if (!preg_match(self::SEARCHID_PATTERN, $request['searchid'])) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('the SearchId is not a GUID');
        }
        if ($request['range'] === null) {
            // MS-ASCMD: the mailbox default, as Search's 0-99
            $request['range'] = [0, self::MAX_RESULTS - 1];
        }
        if ($request['type'] === 'gal') {
            $text = trim((string)$request['galtext']);
            if ($text === '' || strlen($text) > self::MAX_QUERY) {
                throw new Horde_ActiveSync_Exception_InvalidRequest('an empty or overlong GAL query');
            }
            $request['galtext'] = $text;
            return;
        }
        foreach ($request['classes'] as $class) {
            if ($class !== Horde_ActiveSync::CLASS_EMAIL) {
                throw new Horde_ActiveSync_Exception_InvalidRequest(sprintf('Find searches mail, not "%s"',
                    substr($class, 0, 32)));
            }
        }
        $request['freetext'] = $this->_joinFreeText($request['freetext']);
        try {
            Horde_ActiveSync_Find_Kql::parse($request['freetext']);
        } catch (Horde_ActiveSync_Exception $e) {
            $kql = $e->getPrevious();
            throw new Horde_ActiveSync_Exception_InvalidRequest($kql instanceof Horde\ActiveSync\Native\KqlException
                ? sprintf('the query is not valid KQL: %s at character %d', $kql->getReason(), $kql->getCharOffset())
                : 'the query is not valid KQL: ' . $e->getMessage());
        }
    }

    /**
     * The FreeText elements as one KQL query (the schema allows several):
     * each in parentheses, side by side, i.e. all must match.
     *
     * @param string[] $texts
     *
     * @return string
     * @throws Horde_ActiveSync_Exception_InvalidRequest  when there is none.
     */
    protected function _joinFreeText(array $texts)
    {
        $texts = array_values(array_filter($texts, function ($text) {
            return trim($text) !== '';
        }));
        if (!$texts) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('a mailbox query without FreeText');
        }
        $joined = count($texts) === 1 ? $texts[0] : '(' . implode(') (', $texts) . ')';
        if (strlen($joined) > self::MAX_QUERY) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('the query is longer than ' . self::MAX_QUERY . ' bytes');
        }
        return $joined;
    }

    /**
     * @throws Horde_ActiveSync_Exception_InvalidRequest  unless $first.
     */
    protected function _once($first, $tag)
    {
        if (!$first) {
            throw new Horde_ActiveSync_Exception_InvalidRequest(sprintf('%s given twice', $tag));
        }
    }

    /**
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _unexpected($tag, $parent)
    {
        throw new Horde_ActiveSync_Exception_InvalidRequest(sprintf('%s is not allowed in %s', $tag, $parent));
    }

    /**
     * @return Horde_ActiveSync_Find_Params
     */
    protected function _params(array $request)
    {
        [$start, $end] = $request['range'];
        $options = [];
        if ($request['picture'] !== null) {
            $options[self::FIND_PICTURE] = true;
            if ($request['picture']['maxsize'] !== null) {
                $options[self::FIND_MAXSIZE] = $request['picture']['maxsize'];
            }
            if ($request['picture']['maxpictures'] !== null) {
                $options[self::FIND_MAXPICTURES] = $request['picture']['maxpictures'];
            }
        }
        if ($request['type'] === 'gal') {
            $query = ['text' => $request['galtext']];
        } else {
            $query = ['freetext' => $request['freetext'], 'class' => Horde_ActiveSync::CLASS_EMAIL];
            if ($request['collectionid'] !== null) {
                $query['collectionid'] = $request['collectionid'];
                $query['serverid'] = $request['serverid'];
            }
        }
        return new Horde_ActiveSync_Find_Params(
            type: $request['type'],
            searchId: $request['searchid'],
            query: $query,
            options: $options,
            start: $start,
            limit: min($end - $start + 1, self::MAX_RESULTS),
            // not used for the GAL (MS-ASCMD 2.2.3.41.1)
            deepTraversal: $request['type'] === 'mailbox' && $request['deeptraversal'],
        );
    }

    /**
     * The answer for a driver's failure status, or null when it reports
     * success.
     *
     * @return boolean|null
     */
    protected function _driverStatus(Horde_ActiveSync_Find_Results $results)
    {
        $status = (int)$results->status;
        if ($status === self::STATUS_ERROR || $status === self::STATUS_FOLDERSYNC_REQUIRED) {
            return $this->_status($status);
        }
        switch ((int)$results->storeStatus) {
        case self::STORE_STATUS_SUCCESS:
            break;
        case self::STATUS_ERROR:
        case self::STATUS_START_WITH_RANGE_ZERO:
            return $this->_response((int)$results->storeStatus);
        case self::STORE_STATUS_RANGEERR:
            return $this->_status(self::STATUS_ERROR);
        default:
            $status = 0;
        }
        if ($status !== self::STATUS_SUCCESS) {
            $this->_logger->err(sprintf('FIND: the driver reports status %d, store status %d.',
                $results->status, $results->storeStatus));
            return $this->_status(Horde_ActiveSync_Status::SERVER_ERROR_RETRY);
        }
        return null;
    }

    /* ---- searches of this device, for paging -------------------------- */

    /**
     * @return Horde_ActiveSync_SyncCache
     */
    protected function _searchCache()
    {
        return $this->_activeSync->getSyncCache();
    }

    /**
     * Whether the device started this search (with a Range from 0).
     */
    protected function _searchKnown($searchId)
    {
        $searches = $this->_searchCache()->findsearches;
        return is_array($searches) && isset($searches[strtolower($searchId)]);
    }

    /**
     * Remembers a search the device started, the newest MAX_SEARCHES.
     */
    protected function _rememberSearch($searchId)
    {
        $cache = $this->_searchCache();
        $searches = is_array($cache->findsearches) ? $cache->findsearches : [];
        unset($searches[strtolower($searchId)]);
        $searches[strtolower($searchId)] = time();
        $cache->findsearches = array_slice($searches, -self::MAX_SEARCHES, null, true);
        $cache->save();
    }

    /* ---- writing the response ------------------------------------------ */

    /**
     * A response with only the Find status.
     *
     * @return boolean
     */
    protected function _status($status)
    {
        $this->_encoder->startWBXML();
        $this->_encoder->startTag(self::FIND_FIND);
        $this->_element(self::FIND_STATUS, $status);
        $this->_encoder->endTag();
        return true;
    }

    /**
     * A response whose Response carries the status (2 or 4).
     *
     * @return boolean
     */
    protected function _response($status)
    {
        $this->_encoder->startWBXML();
        $this->_encoder->startTag(self::FIND_FIND);
        $this->_element(self::FIND_STATUS, self::STATUS_SUCCESS);
        $this->_encoder->startTag(self::FIND_RESPONSE);
        $this->_element(Horde_ActiveSync_Request_ItemOperations::ITEMOPERATIONS_STORE, 'Mailbox');
        $this->_element(self::FIND_STATUS, $status);
        $this->_encoder->endTag();
        $this->_encoder->endTag();
        return true;
    }

    /**
     * One GAL entry: its properties (a GAL entry has no class, server id or
     * collection, which the schema's Result asks for; Horde 6 writes none).
     *
     * @param array $row  GAL:* => value, GAL:Picture => a GalPicture.
     *
     * @return boolean  Whether it was written.
     */
    protected function _galResult(array $row)
    {
        $values = [];
        foreach (self::GAL_PROPERTIES as $tag) {
            if (isset($row[$tag]) && is_scalar($row[$tag]) && (string)$row[$tag] !== '') {
                $values[$tag] = (string)$row[$tag];
            }
        }
        $picture = isset($row[Horde_ActiveSync::GAL_PICTURE])
            && $row[Horde_ActiveSync::GAL_PICTURE] instanceof Horde_ActiveSync_Message_Base
            ? $row[Horde_ActiveSync::GAL_PICTURE] : null;
        if (!$values && !$picture) {
            return false;
        }
        $this->_encoder->startTag(self::FIND_RESULT);
        $this->_encoder->startTag(self::FIND_PROPERTIES);
        foreach ($values as $tag => $value) {
            $this->_element($tag, $value);
        }
        if ($picture) {
            $this->_encoder->startTag(Horde_ActiveSync::GAL_PICTURE);
            $picture->encodeStream($this->_encoder);
            $this->_encoder->endTag();
        }
        $this->_encoder->endTag();
        $this->_encoder->endTag();
        return true;
    }

    /**
     * One mail result: class, server id (the IMAP UID), the folder the
     * device knows it in, and the properties a result list shows.
     *
     * @param array $row  uniqueid ("mailbox:uid"), searchfolderid.
     *
     * @return boolean  Whether it was written.
     */
    protected function _mailResult(array $row, array $request)
    {
        $longid = isset($row['uniqueid']) && is_scalar($row['uniqueid']) ? (string)$row['uniqueid'] : '';
        $colon = strrpos($longid, ':');
        if ($colon === false || $colon === strlen($longid) - 1) {
            $this->_logger->err(sprintf('FIND: a result without a usable id (%s).', substr($longid, 0, 64)));
            return false;
        }
        $mailbox = isset($row['searchfolderid']) && is_scalar($row['searchfolderid'])
            ? (string)$row['searchfolderid'] : substr($longid, 0, $colon);
        $folderUid = $this->_collections->getFolderUidForBackendId($mailbox);
        if ($folderUid === false && $request['collectionid'] !== null && $mailbox === (string)$request['serverid']) {
            $folderUid = $request['collectionid'];
        }
        if ($folderUid === false) {
            $this->_logger->err(sprintf('FIND: the device does not know the folder %s; result skipped.', $mailbox));
            return false;
        }
        try {
            $message = $this->_driver->itemOperationsFetchMailbox($longid, $this->_previewPrefs($request),
                $request['mimesupport']);
        } catch (Horde_Exception_NotFound $e) {
            $this->_logger->info(sprintf('FIND: %s is gone; result skipped.', $longid));
            return false;
        } catch (Horde_ActiveSync_Exception $e) {
            $this->_logger->err(sprintf('FIND: %s cannot be fetched (%s); result skipped.', $longid, $e->getMessage()));
            return false;
        }
        if (!($message instanceof Horde_ActiveSync_Message_Mail)) {
            return false;
        }
        $this->_encoder->startTag(self::FIND_RESULT);
        $this->_element(Horde_ActiveSync::SYNC_FOLDERTYPE, Horde_ActiveSync::CLASS_EMAIL);
        $this->_element(Horde_ActiveSync::SYNC_SERVERENTRYID, substr($longid, $colon + 1));
        $this->_element(Horde_ActiveSync::SYNC_FOLDERID, $folderUid);
        $this->_encoder->startTag(self::FIND_PROPERTIES);
        foreach (self::mailProperties($message) as $tag => $value) {
            $this->_element($tag, $value);
        }
        $this->_encoder->endTag(); // Properties
        $this->_encoder->endTag(); // Result
        return true;
    }

    /**
     * The body preferences a result is fetched with: plain text for the
     * Preview (the response carries no body), or the Preview length the
     * client asked for.
     *
     * @return array
     */
    protected function _previewPrefs(array $request)
    {
        $chars = self::PREVIEW_LENGTH;
        foreach ($request['bodyprefs'] as $pref) {
            if (!empty($pref['preview']) && (int)$pref['preview'] > 0) {
                $chars = min($chars, (int)$pref['preview']);
            }
        }
        return [Horde_ActiveSync::BODYPREF_TYPE_PLAIN => [
            'type' => Horde_ActiveSync::BODYPREF_TYPE_PLAIN,
            // up to 4 bytes a character, and room for the whitespace folded
            'truncationsize' => 8 * $chars,
            'preview' => $chars,
        ]];
    }

    /**
     * The properties of a mail result (MS-ASCMD 2.2.3.139.1), in the
     * specification's order; empty ones are left out.
     *
     * @param Horde_ActiveSync_Message_Mail $message
     *
     * @return array  tag => text.
     */
    public static function mailProperties(Horde_ActiveSync_Message_Mail $message)
    {
        $properties = [
            Horde_ActiveSync_Message_Mail::POOMMAIL_SUBJECT => (string)$message->subject,
            Horde_ActiveSync_Message_Mail::POOMMAIL_DATERECEIVED => $message->datereceived instanceof Horde_Date
                ? gmdate('Y-m-d\TH:i:s.000\Z', $message->datereceived->timestamp()) : '',
            Horde_ActiveSync_Message_Mail::POOMMAIL_DISPLAYTO => (string)$message->displayto,
            self::FIND_DISPLAYCC => self::displayNames((string)$message->cc),
            self::FIND_DISPLAYBCC => self::displayNames((string)$message->bcc),
            // unset reads as '' (normal importance)
            Horde_ActiveSync_Message_Mail::POOMMAIL_IMPORTANCE => is_numeric($message->importance)
                ? (string)(int)$message->importance : '1',
            Horde_ActiveSync_Message_Mail::POOMMAIL_READ => $message->read ? '1' : '0',
            Horde_ActiveSync_Message_Mail::POOMMAIL2_ISDRAFT => $message->isdraft ? '1' : '0',
            self::FIND_PREVIEW => self::preview($message),
            self::FIND_HASATTACHMENTS => empty($message->airsyncbaseattachments) ? '0' : '1',
            Horde_ActiveSync_Message_Mail::POOMMAIL_FROM => (string)$message->from,
        ];
        return array_filter($properties, function ($value) {
            return $value !== '';
        });
    }

    /**
     * The display names of an address list ("Name <a@b>, c@d" gives
     * "Name;c@d"), as DisplayTo lists them.
     *
     * @param string $addresses
     *
     * @return string
     */
    public static function displayNames($addresses)
    {
        if (trim($addresses) === '') {
            return '';
        }
        $labels = [];
        try {
            $list = (new Horde_Mail_Rfc822())->parseAddressList($addresses);
        } catch (Horde_Mail_Exception $e) {
            return $addresses;
        }
        foreach ($list->base_addresses as $address) {
            $labels[] = strlen((string)$address->personal) ? $address->personal : $address->bare_address;
        }
        return implode(';', $labels);
    }

    /**
     * Up to 255 characters of the text body, whitespace folded.
     *
     * @param Horde_ActiveSync_Message_Mail $message
     *
     * @return string
     */
    public static function preview(Horde_ActiveSync_Message_Mail $message)
    {
        $body = $message->airsyncbasebody;
        if (!$body) {
            return '';
        }
        $text = $body->preview;
        if ($text === false || $text === null || $text === '') {
            $data = $body->data;
            if (is_resource($data)) {
                rewind($data);
                $text = (string)stream_get_contents($data, self::PREVIEW_LENGTH * 8);
            } elseif ($data instanceof Horde_Stream) {
                $data->rewind();
                $text = (string)$data->substring(0, self::PREVIEW_LENGTH * 8);
            } else {
                $text = is_scalar($data) ? substr((string)$data, 0, self::PREVIEW_LENGTH * 8) : '';
            }
        }
        $text = trim((string)preg_replace('/\s+/u', ' ', Horde\ActiveSync\Native\MailText::truncateUtf8(
            (string)$text, self::PREVIEW_LENGTH * 2)));
        return Horde\ActiveSync\Native\MailText::truncateUtf8($text, self::PREVIEW_LENGTH);
    }

    protected function _element($tag, $content)
    {
        $this->_encoder->startTag($tag);
        $this->_encoder->content((string)$content);
        $this->_encoder->endTag();
    }
}
