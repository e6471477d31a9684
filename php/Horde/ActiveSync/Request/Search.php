<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Search (MS-ASCMD 2.2.1.16): the global address list, mailboxes and
 * document libraries.
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_Search extends Horde_ActiveSync_Request_SyncBase
{
    const SEARCH_SEARCH              = 'Search:Search';
    const SEARCH_STORE               = 'Search:Store';
    const SEARCH_NAME                = 'Search:Name';
    const SEARCH_QUERY               = 'Search:Query';
    const SEARCH_OPTIONS             = 'Search:Options';
    const SEARCH_RANGE               = 'Search:Range';
    const SEARCH_STATUS              = 'Search:Status';
    const SEARCH_RESPONSE            = 'Search:Response';
    const SEARCH_RESULT              = 'Search:Result';
    const SEARCH_PROPERTIES          = 'Search:Properties';
    const SEARCH_TOTAL               = 'Search:Total';
    const SEARCH_EQUALTO             = 'Search:EqualTo';
    const SEARCH_VALUE               = 'Search:Value';
    const SEARCH_AND                 = 'Search:And';
    const SEARCH_OR                  = 'Search:Or';
    const SEARCH_FREETEXT            = 'Search:FreeText';
    const SEARCH_DEEPTRAVERSAL       = 'Search:DeepTraversal';
    const SEARCH_LONGID              = 'Search:LongId';
    const SEARCH_REBUILDRESULTS      = 'Search:RebuildResults';
    const SEARCH_LESSTHAN            = 'Search:LessThan';
    const SEARCH_GREATERTHAN         = 'Search:GreaterThan';
    const SEARCH_SCHEMA              = 'Search:Schema';
    const SEARCH_SUPPORTED           = 'Search:Supported';
    const SEARCH_USERNAME            = 'Search:UserName';
    const SEARCH_PASSWORD            = 'Search:Password';
    const SEARCH_CONVERSATIONID      = 'Search:ConversationId';
    const SEARCH_PICTURE             = 'Search:Picture';
    const SEARCH_MAXSIZE             = 'Search:MaxSize';
    const SEARCH_MAXPICTURES         = 'Search:MaxPictures';

    const SEARCH_STATUS_SUCCESS      = 1;
    const SEARCH_STATUS_ERROR        = 3;

    const STATUS_PROTERROR           = 3;

    const STORE_STATUS_SUCCESS       = 1;
    const STORE_STATUS_PROTERR       = 2;
    const STORE_STATUS_SERVERERR     = 3;
    const STORE_STATUS_BADLINK       = 4;
    const STORE_STATUS_NOTFOUND      = 6;
    const STORE_STATUS_CONNECTIONERR = 7;
    const STORE_STATUS_COMPLEX       = 8;
    const STORE_STATUS_FOLDERSYNC    = 11;

    /** MS-ASCMD 2.2.3.139: results per response at most. */
    const MAX_RANGE = 100;

    /**
     * @var Horde_ActiveSync_Collections
     */
    protected $_collections;

    /**
     * @return boolean
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _handle()
    {
        $this->_logger->meta('Handling SEARCH command.');
        if (!$this->checkPolicyKey($this->_activeSync->getPolicyKey(), self::SEARCH_SEARCH)) {
            return true;
        }
        $this->_collections = $this->_activeSync->getCollectionsObject();
        if (!$this->_decoder->getElementStartTag(self::SEARCH_SEARCH)
            || !$this->_decoder->getElementStartTag(self::SEARCH_STORE)) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('Missing required SEARCH|STORE');
        }
        $name = null;
        $query = ['query' => false];
        $bodyprefs = [];
        $mime = Horde_ActiveSync::MIME_SUPPORT_NONE;
        $searchStatus = self::SEARCH_STATUS_SUCCESS;
        $storeStatus = self::STORE_STATUS_SUCCESS;
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case self::SEARCH_NAME:
                $name = strtolower($this->_content());
                break;
            case self::SEARCH_QUERY:
                if ($name === 'gal') {
                    $query['query'] = $this->_content();
                } elseif ($name === 'mailbox' || $name === 'documentlibrary') {
                    $query['query'] = $this->_enter() ? $this->_parseQuery(0) : [];
                    if (!$query['query']) {
                        $searchStatus = self::SEARCH_STATUS_ERROR;
                        $storeStatus = self::STORE_STATUS_FOLDERSYNC;
                    }
                } else {
                    $this->_skipElement();
                }
                break;
            case self::SEARCH_OPTIONS:
                $this->_parseOptions($query, $bodyprefs, $mime);
                break;
            default:
                $this->_skipElement();
            }
        }
        if (!$this->_decoder->getElementEndTag()) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('Search not closed.');
        }
        if (!in_array($name, ['gal', 'mailbox', 'documentlibrary'], true)) {
            $searchStatus = self::SEARCH_STATUS_ERROR;
            $storeStatus = self::STORE_STATUS_PROTERR;
            $query['query'] = false;
        }

        [$first, $last] = $this->_range(isset($query['range']) ? $query['range'] : '0-99');
        if ($first === null) {
            $storeStatus = self::STORE_STATUS_PROTERR;
            $query['query'] = false;
        } else {
            $query['range'] = $first . '-' . $last;
        }
        if ($name === 'mailbox') {
            $query['rebuildresults'] = !empty($query['rebuildresults']);
            $query['deeptraversal'] = !empty($query['deeptraversal']);
        }

        $result = ['rows' => [], 'total' => 0];
        if ($query['query'] && $storeStatus == self::STORE_STATUS_SUCCESS) {
            try {
                $result = (array)$this->_driver->getSearchResults($name, $query);
                $result['rows'] = isset($result['rows']) && is_array($result['rows']) ? $result['rows'] : [];
                if (empty($result['total'])) {
                    $result['total'] = count($result['rows']);
                }
                if (!empty($result['status']) && $result['status'] != self::STORE_STATUS_SUCCESS) {
                    $storeStatus = $result['status'];
                }
            } catch (Horde_ActiveSync_Exception $e) {
                $this->_logger->err($e->getMessage());
                $storeStatus = self::STORE_STATUS_SERVERERR;
            }
        }

        $this->_encoder->startWBXML();
        $this->_encoder->startTag(self::SEARCH_SEARCH);
        $this->_element(self::SEARCH_STATUS, $searchStatus);
        $this->_encoder->startTag(self::SEARCH_RESPONSE);
        $this->_encoder->startTag(self::SEARCH_STORE);
        $this->_element(self::SEARCH_STATUS, $storeStatus);
        $count = 0;
        if ($storeStatus == self::STORE_STATUS_SUCCESS) {
            foreach ($result['rows'] as $row) {
                if ($count > $last - $first) {
                    break;
                }
                if ($this->_result($name, $row, $bodyprefs, $mime)) {
                    $count++;
                }
            }
            if ($count) {
                $this->_element(self::SEARCH_RANGE, $first . '-' . ($first + $count - 1));
                $this->_element(self::SEARCH_TOTAL, $result['total']);
            }
        }
        $this->_encoder->endTag(); // Store
        $this->_encoder->endTag(); // Response
        $this->_encoder->endTag(); // Search
        return true;
    }

    /**
     * A range "first-last" within the limits, or [null, null].
     */
    protected function _range($range)
    {
        if (!preg_match('/^(\d{1,9})-(\d{1,9})$/', (string)$range, $m) || (int)$m[2] < (int)$m[1]) {
            return [null, null];
        }
        return [(int)$m[1], min((int)$m[2], (int)$m[1] + self::MAX_RANGE - 1)];
    }

    protected function _parseOptions(array &$query, array &$bodyprefs, &$mime)
    {
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case self::SEARCH_RANGE:
                $query['range'] = $this->_content();
                break;
            case self::SEARCH_DEEPTRAVERSAL:
                $this->_content();
                $query['deeptraversal'] = true;
                break;
            case self::SEARCH_REBUILDRESULTS:
                $this->_content();
                $query['rebuildresults'] = true;
                break;
            case self::SEARCH_USERNAME:
                $query['username'] = $this->_content();
                break;
            case self::SEARCH_PASSWORD:
                $query['password'] = $this->_content();
                break;
            case self::SEARCH_SCHEMA:
                $query['schema'] = true;
                $this->_skipElement();
                break;
            case self::SEARCH_PICTURE:
                $query[self::SEARCH_PICTURE] = true;
                $inner = $this->_enter();
                while ($inner && ($field = $this->_nextChild()) !== null) {
                    if ($field == self::SEARCH_MAXSIZE || $field == self::SEARCH_MAXPICTURES) {
                        $query[$field] = $this->_content();
                    } else {
                        $this->_skipElement();
                    }
                }
                break;
            case Horde_ActiveSync::AIRSYNCBASE_BODYPREFERENCE:
                $prefs = [];
                $this->_bodyPrefs($prefs);
                $bodyprefs = $prefs['bodyprefs'] + $bodyprefs;
                break;
            case Horde_ActiveSync::SYNC_MIMESUPPORT:
                $mime = (int)$this->_content();
                break;
            case Horde_ActiveSync::RM_SUPPORT:
                $query['rightsmanagement'] = $this->_content();
                break;
            case Horde_ActiveSync::AIRSYNCBASE_BODYPARTPREFERENCE:
                $this->_bodyPartPrefs($query);
                break;
            default:
                $this->_skipElement();
            }
        }
    }

    /**
     * The Query of a mailbox or document library search (its start tag
     * read): conditions, nested under And, Or, EqualTo, LessThan,
     * GreaterThan. Nesting is bounded by the decoder's depth limit.
     *
     * @param integer $depth
     *
     * @return array
     */
    protected function _parseQuery($depth)
    {
        $query = [];
        while (($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case self::SEARCH_AND:
            case self::SEARCH_OR:
            case self::SEARCH_EQUALTO:
            case self::SEARCH_LESSTHAN:
            case self::SEARCH_GREATERTHAN:
                $q = ['op' => $tag, 'value' => $this->_enter() ? $this->_parseQuery($depth + 1) : []];
                if ($depth > 0) {
                    $query['subquery'][] = $q;
                } else {
                    $query[] = $q;
                }
                break;
            case self::SEARCH_FREETEXT:
            case Horde_ActiveSync::SYNC_FOLDERID:
            case Horde_ActiveSync::SYNC_FOLDERTYPE:
            case Horde_ActiveSync::SYNC_DOCUMENTLIBRARY_LINKID:
                $query[$tag] = $this->_content();
                if ($tag == Horde_ActiveSync::SYNC_FOLDERID) {
                    try {
                        $query['serverid'] = $this->_collections->getBackendIdForFolderUid($query[$tag]);
                    } catch (Horde_ActiveSync_Exception_FolderGone $e) {
                        $this->_logger->err($e->getMessage());
                    }
                }
                break;
            case self::SEARCH_VALUE:
                $query['value'] = $this->_content();
                break;
            case 'POOMMAIL:DateReceived':
                // the property a comparison applies to: an empty element
                $this->_content();
                $query[$tag] = true;
                break;
            default:
                $this->_skipElement();
            }
        }
        // LessThan/GreaterThan of DateReceived: "property, Value".
        if (isset($query['POOMMAIL:DateReceived'], $query['value'])) {
            try {
                $query['POOMMAIL:DateReceived'] = new Horde_Date($query['value']);
            } catch (Horde_Date_Exception $e) {
                unset($query['POOMMAIL:DateReceived']);
            }
        }
        return $query;
    }

    /**
     * One Result.
     *
     * @return boolean  Whether it was written.
     */
    protected function _result($name, $row, array $bodyprefs, $mime)
    {
        switch ($name) {
        case 'documentlibrary':
            $doc = Horde_ActiveSync::messageFactory('DocumentLibrary');
            $doc->linkid = $row['linkid'];
            $doc->displayname = $row['name'];
            $doc->isfolder = !empty($row['is_folder']) ? '1' : '0';
            $doc->creationdate = $row['created'];
            $doc->lastmodifieddate = $row['modified'];
            $doc->ishidden = '0';
            $doc->contentlength = $row['content-length'];
            if (!empty($row['content-type'])) {
                $doc->contenttype = $row['content-type'];
            }
            $this->_encoder->startTag(self::SEARCH_RESULT);
            $this->_encoder->startTag(self::SEARCH_PROPERTIES);
            $doc->encodeStream($this->_encoder);
            $this->_encoder->endTag();
            $this->_encoder->endTag();
            return true;
        case 'gal':
            $this->_encoder->startTag(self::SEARCH_RESULT);
            $this->_encoder->startTag(self::SEARCH_PROPERTIES);
            foreach ([Horde_ActiveSync::GAL_DISPLAYNAME, Horde_ActiveSync::GAL_PHONE, Horde_ActiveSync::GAL_OFFICE,
                      Horde_ActiveSync::GAL_TITLE, Horde_ActiveSync::GAL_COMPANY, Horde_ActiveSync::GAL_ALIAS,
                      Horde_ActiveSync::GAL_FIRSTNAME, Horde_ActiveSync::GAL_LASTNAME, Horde_ActiveSync::GAL_HOMEPHONE,
                      Horde_ActiveSync::GAL_MOBILEPHONE, Horde_ActiveSync::GAL_EMAILADDRESS] as $field) {
                if (isset($row[$field]) && $row[$field] !== '') {
                    $this->_element($field, $row[$field]);
                }
            }
            if ($this->_device->version >= Horde_ActiveSync::VERSION_FOURTEENONE && !empty($row[Horde_ActiveSync::GAL_PICTURE])) {
                $this->_encoder->startTag(Horde_ActiveSync::GAL_PICTURE);
                $row[Horde_ActiveSync::GAL_PICTURE]->encodeStream($this->_encoder);
                $this->_encoder->endTag();
            }
            $this->_encoder->endTag();
            $this->_encoder->endTag();
            return true;
        case 'mailbox':
            try {
                $msg = $this->_driver->itemOperationsFetchMailbox($row['uniqueid'], $bodyprefs, $mime);
            } catch (Horde_Exception_NotFound $e) {
                return false;
            }
            $this->_encoder->startTag(self::SEARCH_RESULT);
            $this->_element(Horde_ActiveSync::SYNC_FOLDERTYPE, Horde_ActiveSync::CLASS_EMAIL);
            $this->_element(self::SEARCH_LONGID, $row['uniqueid']);
            $this->_element(Horde_ActiveSync::SYNC_FOLDERID, $this->_collections->getFolderUidForBackendId($row['searchfolderid']));
            $this->_encoder->startTag(self::SEARCH_PROPERTIES);
            $msg->encodeStream($this->_encoder);
            $this->_encoder->endTag();
            $this->_encoder->endTag();
            return true;
        }
        return false;
    }

    protected function _element($tag, $content)
    {
        $this->_encoder->startTag($tag);
        $this->_encoder->content($content);
        $this->_encoder->endTag();
    }
}
