<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * GetItemEstimate (MS-ASCMD 2.2.1.9): how many changes a Sync of each
 * collection would bring.
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_GetItemEstimate extends Horde_ActiveSync_Request_SyncBase
{
    const STATUS_SUCCESS    = 1;
    const STATUS_INVALIDCOL = 2;
    const STATUS_NOTPRIMED  = 3;
    const STATUS_KEYMISM    = 4;

    const GETITEMESTIMATE = 'GetItemEstimate:GetItemEstimate';
    const VERSION         = 'GetItemEstimate:Version';
    const FOLDERS         = 'GetItemEstimate:Folders';
    const FOLDER          = 'GetItemEstimate:Folder';
    const FOLDERTYPE      = 'GetItemEstimate:FolderType';
    const FOLDERID        = 'GetItemEstimate:FolderId';
    const DATETIME        = 'GetItemEstimate:DateTime';
    const ESTIMATE        = 'GetItemEstimate:Estimate';
    const RESPONSE        = 'GetItemEstimate:Response';
    const STATUS          = 'GetItemEstimate:Status';

    /**
     * @return boolean
     * @throws Horde_ActiveSync_Exception_InvalidRequest  for a malformed body.
     */
    protected function _handle()
    {
        $this->_logger->meta('Handling GETITEMESTIMATE command.');
        if (!$this->checkPolicyKey($this->_activeSync->getPolicyKey(), self::GETITEMESTIMATE)) {
            return true;
        }
        if (!$this->_decoder->getElementStartTag(self::GETITEMESTIMATE)
            || !$this->_decoder->getElementStartTag(self::FOLDERS)) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('No GetItemEstimate/Folders.');
        }
        $collections = $this->_activeSync->getCollectionsObject();
        $requested = [];
        while ($this->_decoder->getElementStartTag(self::FOLDER)) {
            $requested[] = $this->_parseFolder();
        }
        if (!$this->_decoder->getElementEndTag() || !$this->_decoder->getElementEndTag()) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('GetItemEstimate not closed.');
        }

        // Add the valid ones, complete them from the cache, then count.
        foreach ($requested as $i => $collection) {
            if ($collection['status'] != self::STATUS_SUCCESS) {
                continue;
            }
            try {
                $collections->addCollection($collection);
            } catch (Horde_ActiveSync_Exception_StateGone $e) {
                $requested[$i]['status'] = self::STATUS_INVALIDCOL;
            }
        }
        $collections->validateFromCache();
        $loaded = iterator_to_array($collections);
        $results = [];
        foreach ($requested as $collection) {
            $status = $collection['status'];
            $count = 0;
            if ($status == self::STATUS_SUCCESS) {
                $collection = $loaded[$collection['id']];
                try {
                    $collections->initCollectionState($collection);
                    $count = $collections->getCollectionChangeCount();
                } catch (Horde_ActiveSync_Exception_StateGone $e) {
                    $this->_logger->warn('GetItemEstimate: ' . $e->getMessage());
                    $status = self::STATUS_KEYMISM;
                } catch (Horde_ActiveSync_Exception_FolderGone $e) {
                    $status = self::STATUS_INVALIDCOL;
                } catch (Horde_ActiveSync_Exception_StaleState $e) {
                    $this->_logger->warn(sprintf('Stale state detected: %s', $e->getMessage()));
                    $status = self::STATUS_KEYMISM;
                } catch (Horde_ActiveSync_Exception $e) {
                    $this->_logger->err('GetItemEstimate: ' . $e->getMessage());
                    $status = self::STATUS_NOTPRIMED;
                }
            }
            $results[] = [$collection, $status, $count];
        }

        $this->_encoder->startWBXML();
        $this->_encoder->startTag(self::GETITEMESTIMATE);
        foreach ($results as [$collection, $status, $count]) {
            $this->_encoder->startTag(self::RESPONSE);
            $this->_element(self::STATUS, $status);
            $this->_encoder->startTag(self::FOLDER);
            if ($this->_device->version <= Horde_ActiveSync::VERSION_TWELVE && !empty($collection['class'])) {
                $this->_element(self::FOLDERTYPE, $collection['class']);
            }
            $this->_element(self::FOLDERID, $collection['id']);
            if ($status == self::STATUS_SUCCESS) {
                $this->_element(self::ESTIMATE, $count);
            }
            $this->_encoder->endTag();
            $this->_encoder->endTag();
        }
        $this->_encoder->endTag();
        return true;
    }

    /**
     * One Folder (Collection) of the request, its start tag read.
     */
    protected function _parseFolder()
    {
        $collection = ['id' => '', 'synckey' => '0', 'filtertype' => false, 'conversationmode' => false,
                       'status' => self::STATUS_SUCCESS];
        $haveKey = false;
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case self::FOLDERTYPE:
                $collection['class'] = $this->_content();
                break;
            case self::FOLDERID:
                $collection['id'] = $this->_content();
                break;
            case Horde_ActiveSync::SYNC_FILTERTYPE:
                $collection['filtertype'] = $this->_content();
                break;
            case Horde_ActiveSync::SYNC_SYNCKEY:
                $collection['synckey'] = $this->_content();
                $haveKey = true;
                break;
            case Horde_ActiveSync::SYNC_CONVERSATIONMODE:
                $collection['conversationmode'] = $this->_content() !== '0';
                break;
            case Horde_ActiveSync::SYNC_OPTIONS:
                $optionsOpen = $this->_enter();
                while ($optionsOpen && ($option = $this->_nextChild()) !== null) {
                    if ($option == Horde_ActiveSync::SYNC_FOLDERTYPE) {
                        $collection['class'] = $this->_content();
                    } elseif ($option == Horde_ActiveSync::SYNC_FILTERTYPE) {
                        $collection['filtertype'] = $this->_content();
                    } elseif ($option == Horde_ActiveSync::SYNC_MAXITEMS) {
                        $this->_content();
                        // MaxItems is for the recipient information cache only.
                        if ($collection['id'] !== 'RI') {
                            $collection['status'] = self::STATUS_INVALIDCOL;
                        }
                    } else {
                        $this->_skipElement();
                    }
                }
                break;
            default:
                $this->_skipElement();
            }
        }
        if ($collection['id'] === '') {
            $collection['status'] = self::STATUS_INVALIDCOL;
        } elseif (!$haveKey || $collection['synckey'] === '' || $collection['synckey'] === '0') {
            $collection['status'] = self::STATUS_NOTPRIMED;
        }
        if (empty($collection['class'])) {
            unset($collection['class']);
        }
        return $collection;
    }

    protected function _element($tag, $content)
    {
        $this->_encoder->startTag($tag);
        $this->_encoder->content($content);
        $this->_encoder->endTag();
    }
}
