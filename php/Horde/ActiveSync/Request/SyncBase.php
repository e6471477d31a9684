<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * The request parsing Sync, GetItemEstimate, ItemOperations, Search and
 * Find share: body preferences, body part preferences, MIME support,
 * rights management.
 *
 * Malformed input raises Horde_ActiveSync_Exception_InvalidRequest (the
 * caller answers with its protocol-error status). Horde answers and then
 * calls exit(), which ends a whole php-fpm worker's request processing;
 * and its loops spin forever on an unexpected element or at the end of
 * the input. Here unknown elements are skipped and every loop ends.
 *
 * @package ActiveSync
 * @internal
 */
abstract class Horde_ActiveSync_Request_SyncBase extends Horde_ActiveSync_Request_Base
{
    /** Sync's protocol-error status; subclasses reuse it. */
    const STATUS_PROTERROR = 4;

    /**
     * BodyPartPreference (MS-ASAIRS 2.2.2.7).
     *
     * @param array $options  Receives 'bodypartprefs'.
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _bodyPartPrefs(&$options)
    {
        $options['bodypartprefs'] = [];
        $prefs = &$options['bodypartprefs'];
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case Horde_ActiveSync::AIRSYNCBASE_TYPE:
                $prefs['type'] = $this->_content($tag);
                // MS-ASAIRS 2.2.2.22.3: only HTML.
                if ($prefs['type'] != Horde_ActiveSync::BODYPREF_TYPE_HTML) {
                    throw new Horde_ActiveSync_Exception_InvalidRequest('BodyPartPreference Type must be HTML.');
                }
                break;
            case Horde_ActiveSync::AIRSYNCBASE_TRUNCATIONSIZE:
                $prefs['truncationsize'] = $this->_content($tag);
                break;
            case Horde_ActiveSync::AIRSYNCBASE_ALLORNONE:
                $prefs['allornone'] = $this->_content($tag);
                break;
            case Horde_ActiveSync::AIRSYNCBASE_PREVIEW:
                $prefs['preview'] = $this->_content($tag);
                // MS-ASAIRS 2.2.2.18.3: at most 255.
                if ($prefs['preview'] > 255) {
                    throw new Horde_ActiveSync_Exception_InvalidRequest('Preview larger than 255.');
                }
                break;
            default:
                $this->_skipElement();
            }
        }
        // MS-ASAIRS 2.2.2.1.1: AllOrNone is ignored without a truncation size.
        if (empty($prefs['truncationsize'])) {
            unset($prefs['allornone']);
        }
    }

    /**
     * One BodyPreference (MS-ASAIRS 2.2.2.8); several may follow each other.
     *
     * @param array $options  Receives 'bodyprefs', keyed by type.
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _bodyPrefs(&$options)
    {
        if (empty($options['bodyprefs'])) {
            $options['bodyprefs'] = [];
        }
        $pref = [];
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case Horde_ActiveSync::AIRSYNCBASE_TYPE:
                $pref['type'] = $this->_content($tag);
                break;
            case Horde_ActiveSync::AIRSYNCBASE_TRUNCATIONSIZE:
                $pref['truncationsize'] = $this->_content($tag);
                break;
            case Horde_ActiveSync::AIRSYNCBASE_ALLORNONE:
                $pref['allornone'] = $this->_content($tag);
                break;
            case Horde_ActiveSync::AIRSYNCBASE_PREVIEW:
                $pref['preview'] = $this->_content($tag);
                break;
            default:
                $this->_skipElement();
            }
        }
        if (!isset($pref['type']) || !preg_match('/^[1-4]$/', (string)$pref['type'])) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('BodyPreference without a valid Type.');
        }
        $options['bodyprefs'][$pref['type']] = $pref;
    }

    /**
     * RightsManagementSupport (EAS 14.1), its start tag read.
     */
    protected function _rightsManagement(&$collection)
    {
        $collection['rightsmanagement'] = $this->_contentAndEnd();
    }

    /**
     * MIMESupport, its start tag read.
     */
    protected function _mimeSupport(&$collection)
    {
        $collection['mimesupport'] = $this->_contentAndEnd();
    }

    /* ---- reading helpers --------------------------------------------- */

    /**
     * The tag of the next child element (its start tag consumed), or null
     * at the end of the current element (its end tag consumed).
     *
     * @return string|null
     * @throws Horde_ActiveSync_Exception_InvalidRequest  at the end of input.
     */
    protected function _nextChild()
    {
        do {
            $element = $this->_decoder->getElement();
            if ($element === false) {
                throw new Horde_ActiveSync_Exception_InvalidRequest('Unexpected end of the request.');
            }
            if ($element[Horde_ActiveSync_Wbxml::EN_TYPE] == Horde_ActiveSync_Wbxml::EN_TYPE_ENDTAG) {
                return null;
            }
            // Stray text is ignored like an unknown element.
        } while ($element[Horde_ActiveSync_Wbxml::EN_TYPE] != Horde_ActiveSync_Wbxml::EN_TYPE_STARTTAG);
        $this->_decoder->_ungetElement($element);
        $tag = $element[Horde_ActiveSync_Wbxml::EN_TAG];
        $this->_pending = $this->_decoder->getElementStartTag($tag);
        return $tag;
    }

    /**
     * Enters the element whose start tag was just read.
     *
     * @return boolean  false for an empty element (no children, no end tag).
     */
    protected function _enter()
    {
        $start = $this->_pending ?: $this->_decoder->getLastStartElement();
        $this->_pending = false;
        return !($start && $this->_decoder->isEmptyElement($start));
    }

    /**
     * The start element _nextChild() consumed.
     *
     * @var array|false
     */
    protected $_pending = false;

    /**
     * The text of the element whose start tag was just read, and its end
     * tag; '' for an empty element.
     *
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _content($tag = null)
    {
        if ($this->_pending && $this->_decoder->isEmptyElement($this->_pending)) {
            $this->_pending = false;
            return '';
        }
        $this->_pending = false;
        return $this->_contentAndEnd();
    }

    /**
     * Text (possibly none) and the end tag.
     *
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _contentAndEnd()
    {
        $last = $this->_decoder->getLastStartElement();
        if ($last && $this->_decoder->isEmptyElement($last)) {
            return '';
        }
        $content = $this->_decoder->getElementContent();
        if (!$this->_decoder->getElementEndTag()) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('An element is not closed.');
        }
        return $content === false ? '' : $content;
    }

    /**
     * Skips the element whose start tag was just consumed, with everything
     * in it.
     *
     * @throws Horde_ActiveSync_Exception_InvalidRequest  at the end of input.
     */
    protected function _skipElement()
    {
        $start = $this->_pending ?: $this->_decoder->getLastStartElement();
        $this->_pending = false;
        if ($start && $this->_decoder->isEmptyElement($start)) {
            return;
        }
        $depth = 1;
        while ($depth > 0) {
            $element = $this->_decoder->getElement();
            if ($element === false) {
                throw new Horde_ActiveSync_Exception_InvalidRequest('Unexpected end of the request.');
            }
            if ($element[Horde_ActiveSync_Wbxml::EN_TYPE] == Horde_ActiveSync_Wbxml::EN_TYPE_STARTTAG) {
                if (!$this->_decoder->isEmptyElement($element)) {
                    $depth++;
                }
            } elseif ($element[Horde_ActiveSync_Wbxml::EN_TYPE] == Horde_ActiveSync_Wbxml::EN_TYPE_ENDTAG) {
                $depth--;
            }
        }
    }
}
