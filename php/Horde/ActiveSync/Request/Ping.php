<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Ping (MS-ASCMD 2.2.1.13): wait until a folder changes or the heartbeat
 * ends. An empty Ping repeats the last one (heartbeat and folders from the
 * cache).
 *
 * Beyond Horde: the policy key is checked (MS-ASPROV), and a device that
 * keeps answering "FolderSync required" with Pings (the loop guard) has
 * its ghost collections removed so that it pings the rest again.
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_Ping extends Horde_ActiveSync_Request_Base
{
    const STATUS_NOCHANGES      = 1;
    const STATUS_NEEDSYNC       = 2;
    const STATUS_MISSING        = 3;
    const STATUS_PROTERROR      = 4;
    const STATUS_HBOUTOFBOUNDS  = 5;
    const STATUS_MAXFOLDERS     = 6;
    const STATUS_FOLDERSYNCREQD = 7;
    const STATUS_SERVERERROR    = 8;

    const PING              = 'Ping:Ping';
    const STATUS            = 'Ping:Status';
    const HEARTBEATINTERVAL = 'Ping:HeartbeatInterval';
    const FOLDERS           = 'Ping:Folders';
    const FOLDER            = 'Ping:Folder';
    const SERVERENTRYID     = 'Ping:ServerEntryId';
    const FOLDERTYPE        = 'Ping:FolderType';
    const MAXFOLDERS        = 'Ping:MaxFolders';
    const VERSION           = 'Ping:Version';

    protected $_reportsGlobalErrors = true;

    /**
     * The driver's ping settings.
     *
     * @var array
     */
    protected $_pingSettings;

    /**
     * A heartbeat within the configured bounds; out of bounds sets status 5.
     *
     * @param integer $lifetime
     *
     * @return integer
     */
    protected function _checkHeartbeat($lifetime)
    {
        if (!empty($this->_pingSettings['forcedheartbeat'])) {
            return (int)$this->_pingSettings['forcedheartbeat'];
        }
        $lifetime = (int)$lifetime;
        $min = isset($this->_pingSettings['heartbeatmin']) ? (int)$this->_pingSettings['heartbeatmin'] : 60;
        $max = isset($this->_pingSettings['heartbeatmax']) ? (int)$this->_pingSettings['heartbeatmax'] : 2700;
        if ($lifetime !== 0 && $lifetime < $min) {
            $this->_statusCode = self::STATUS_HBOUTOFBOUNDS;
            return $min;
        }
        if ($lifetime > $max) {
            $this->_statusCode = self::STATUS_HBOUTOFBOUNDS;
            return $max;
        }
        return $lifetime;
    }

    /**
     * @return boolean
     */
    protected function _handle()
    {
        $forceCacheSave = false;
        $this->_logger->meta(sprintf('Handling PING command received at timestamp: %s.', time()));

        if ($error = $this->_activeSync->checkGlobalError()) {
            $this->_statusCode = $error;
            return $this->_handleGlobalError();
        }
        if (!$this->checkPolicyKey($this->_activeSync->getPolicyKey(), self::PING)) {
            return true;
        }

        $collections = $this->_activeSync->getCollectionsObject();
        $this->_pingSettings = $this->_driver->getHeartbeatConfig();
        $interval = !empty($this->_pingSettings['waitinterval']) ? (int)$this->_pingSettings['waitinterval'] : 10;
        if (!($heartbeat = $collections->getHeartbeat())) {
            $heartbeat = !empty($this->_pingSettings['heartbeatdefault']) ? $this->_pingSettings['heartbeatdefault'] : 60;
        }
        $this->_statusCode = self::STATUS_NOCHANGES;

        if (!$this->_decoder->getElementStartTag(self::PING)) {
            $this->_logger->info('Handling empty PING request.');
            $collections->loadCollectionsFromCache();
            if ($collections->collectionCount() == 0 || !$collections->havePingableCollections()) {
                $this->_logger->warn('Empty PING request with no cached collections. Request full PING.');
                $this->_statusCode = self::STATUS_MISSING;
                return $this->_handleGlobalError();
            }
        } else {
            try {
                $forceCacheSave = $this->_parse($collections, $heartbeat);
            } catch (Horde_ActiveSync_Exception_InvalidRequest $e) {
                $this->_logger->err('PING: ' . $e->getMessage());
                $this->_statusCode = self::STATUS_PROTERROR;
                return $this->_handleGlobalError();
            }
            if ($this->_statusCode == self::STATUS_MISSING) {
                return $this->_handleGlobalError();
            }
        }

        if ($this->_statusCode == self::STATUS_NOCHANGES) {
            $changes = $collections->pollForChanges($heartbeat, $interval, ['pingable' => true]);
            if ($changes === Horde_ActiveSync_Collections::COLLECTION_ERR_FOLDERSYNC_REQUIRED
                && $collections->folderSyncRequired() >= Horde_ActiveSync_Collections::FSR_LOOP_LIMIT
                && $collections->healGhostCollections() && $collections->collectionCount()) {
                $this->_logger->notice('PING: the device ignores FolderSync required; pinging the rest.');
                $changes = $collections->pollForChanges($heartbeat, $interval, ['pingable' => true]);
            }
            if ($changes !== true && $changes !== false) {
                switch ($changes) {
                case Horde_ActiveSync_Collections::COLLECTION_ERR_STALE:
                    // A newer request of the device answers.
                    $this->_logger->info('Changes in cache detected during PING, exiting here.');
                    return true;
                case Horde_ActiveSync_Collections::COLLECTION_ERR_FOLDERSYNC_REQUIRED:
                    $this->_statusCode = self::STATUS_FOLDERSYNCREQD;
                    return $this->_handleGlobalError();
                case Horde_ActiveSync_Collections::COLLECTION_ERR_AUTHENTICATION:
                    // It worked when the request started: a transient error.
                    $this->_statusCode = self::STATUS_SERVERERROR;
                    return $this->_handleGlobalError();
                case Horde_ActiveSync_Collections::COLLECTION_ERR_SYNC_REQUIRED:
                    $this->_statusCode = self::STATUS_NEEDSYNC;
                    break;
                default:
                    if ($this->_device->version < Horde_ActiveSync::VERSION_FOURTEEN) {
                        $this->_statusCode = self::STATUS_SERVERERROR;
                    } else {
                        $this->_statusCode = Horde_ActiveSync_Status::STATEFILE_NOT_FOUND;
                    }
                    return $this->_handleGlobalError();
                }
            } elseif ($changes) {
                $collections->resetFolderSyncRequired();
                $collections->save(true);
                $this->_statusCode = self::STATUS_NEEDSYNC;
            } else {
                $collections->resetFolderSyncRequired();
                if ($forceCacheSave) {
                    $collections->save(true);
                }
            }
        }

        $this->_encoder->startWBXML();
        $this->_encoder->startTag(self::PING);
        $this->_element(self::STATUS, $this->_statusCode);
        if ($this->_statusCode == self::STATUS_HBOUTOFBOUNDS) {
            $this->_element(self::HEARTBEATINTERVAL, $heartbeat);
        } elseif ($collections->collectionCount() && $this->_statusCode != self::STATUS_NOCHANGES) {
            $this->_encoder->startTag(self::FOLDERS);
            foreach ($collections as $id => $collection) {
                if ($collections->getChangesFlag($id)) {
                    $this->_element(self::FOLDER, $id);
                }
            }
            $this->_encoder->endTag();
        }
        $this->_encoder->endTag();
        return true;
    }

    /**
     * The Ping body.
     *
     * @param Horde_ActiveSync_Collections $collections
     * @param integer $heartbeat  Set to the requested heartbeat.
     *
     * @return boolean  Whether the cache must be saved (new heartbeat).
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _parse(Horde_ActiveSync_Collections $collections, &$heartbeat)
    {
        $save = false;
        if ($this->_decoder->getElementStartTag(self::HEARTBEATINTERVAL)) {
            $requested = $this->_decoder->getElementContent();
            if (!$this->_decoder->getElementEndTag() || !ctype_digit((string)$requested)) {
                throw new Horde_ActiveSync_Exception_InvalidRequest('Malformed HeartbeatInterval.');
            }
            if (!($heartbeat = $this->_checkHeartbeat($requested))) {
                $heartbeat = $this->_pingSettings['heartbeatdefault'];
            }
            $collections->setHeartbeat(['hbinterval' => $heartbeat]);
            $save = true;
        }
        if ($this->_decoder->getElementStartTag(self::FOLDERS)) {
            while ($this->_decoder->getElementStartTag(self::FOLDER)) {
                $collection = [];
                if ($this->_decoder->getElementStartTag(self::SERVERENTRYID)) {
                    $collection['id'] = $this->_decoder->getElementContent();
                    $this->_decoder->getElementEndTag();
                }
                if ($this->_decoder->getElementStartTag(self::FOLDERTYPE)) {
                    $collection['class'] = $this->_decoder->getElementContent();
                    $this->_decoder->getElementEndTag();
                }
                if (!$this->_decoder->getElementEndTag() || empty($collection['id'])) {
                    throw new Horde_ActiveSync_Exception_InvalidRequest('Malformed Folder.');
                }
                try {
                    // Collections pinged before their first Sync are
                    // ignored: answering errors loops broken iOS clients.
                    $collections->addCollection($collection, true);
                } catch (Horde_ActiveSync_Exception_StateGone $e) {
                }
            }
            // Ping sends all or nothing: remember what an empty Ping pings.
            $collections->validateFromCache();
            $collections->updatePingableFlag();
            if (!$this->_decoder->getElementEndTag()) {
                throw new Horde_ActiveSync_Exception_InvalidRequest('Folders not closed.');
            }
        } else {
            $collections->loadCollectionsFromCache();
            if ($collections->collectionCount() == 0) {
                $this->_logger->warn('PING without folders and none cached: the client must send them.');
                $this->_statusCode = self::STATUS_MISSING;
            }
        }
        if (!$this->_decoder->getElementEndTag()) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('Ping not closed.');
        }
        return $save;
    }

    protected function _element($tag, $content)
    {
        $this->_encoder->startTag($tag);
        $this->_encoder->content($content);
        $this->_encoder->endTag();
    }

    /**
     * Writes Ping with only a status.
     *
     * @return boolean  true.
     */
    protected function _handleGlobalError()
    {
        $this->_encoder->startWBXML();
        $this->_encoder->startTag(self::PING);
        $this->_element(self::STATUS, $this->_statusCode);
        $this->_encoder->endTag();
        return true;
    }
}
