<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * MoveItems (MS-ASCMD 2.2.1.12): items moved between folders.
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_MoveItems extends Horde_ActiveSync_Request_SyncBase
{
    const MOVES    = 'Move:Moves';
    const MOVE     = 'Move:Move';
    const SRCMSGID = 'Move:SrcMsgId';
    const SRCFLDID = 'Move:SrcFldId';
    const DSTFLDID = 'Move:DstFldId';
    const RESPONSE = 'Move:Response';
    const STATUS   = 'Move:Status';
    const DSTMSGID = 'Move:DstMsgId';

    const SRCMSGKEY = 'srcmsgid';
    const SRCFLDKEY = 'srcfldid';
    const DSTFLDKEY = 'dstfldid';

    const STATUS_INVALID_SRC  = 1;
    const STATUS_INVALID_DST  = 2;
    const STATUS_SUCCESS      = 3;
    const STATUS_SAME_FOLDERS = 4;
    const STATUS_SERVER_ERR   = 5;

    /**
     * @return boolean
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _handle()
    {
        $this->_logger->meta('Handling MoveItems command.');
        if (!$this->checkPolicyKey($this->_activeSync->getPolicyKey(), self::MOVES)) {
            return true;
        }
        if (!$this->_decoder->getElementStartTag(self::MOVES)) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('No Moves.');
        }
        $moves = [];
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            if ($tag != self::MOVE) {
                $this->_skipElement();
                continue;
            }
            $move = [self::SRCMSGKEY => '', self::SRCFLDKEY => '', self::DSTFLDKEY => ''];
            $moveOpen = $this->_enter();
            while ($moveOpen && ($field = $this->_nextChild()) !== null) {
                $keys = [self::SRCMSGID => self::SRCMSGKEY, self::SRCFLDID => self::SRCFLDKEY, self::DSTFLDID => self::DSTFLDKEY];
                if (isset($keys[$field])) {
                    $move[$keys[$field]] = $this->_content();
                } else {
                    $this->_skipElement();
                }
            }
            $moves[] = $move;
        }

        $this->_encoder->startWBXML();
        $this->_encoder->startTag(self::MOVES);
        $collections = $this->_activeSync->getCollectionsObject();
        foreach ($moves as $move) {
            $newId = null;
            $status = self::STATUS_SUCCESS;
            if ($move[self::SRCFLDKEY] === $move[self::DSTFLDKEY]) {
                $status = self::STATUS_SAME_FOLDERS;
            } elseif ($collections->getCollectionClass($move[self::DSTFLDKEY]) === false) {
                $status = self::STATUS_INVALID_DST;
            } else {
                try {
                    $importer = $this->_activeSync->getImporter();
                    $importer->init($this->_state, $move[self::SRCFLDKEY]);
                    $result = $importer->importMessageMove([$move[self::SRCMSGKEY]], $move[self::DSTFLDKEY]);
                    if (!empty($result['results'][$move[self::SRCMSGKEY]])) {
                        $newId = $result['results'][$move[self::SRCMSGKEY]];
                    } else {
                        $status = in_array($move[self::SRCMSGKEY], $result['missing'])
                            ? self::STATUS_INVALID_SRC : self::STATUS_SERVER_ERR;
                    }
                } catch (Horde_ActiveSync_Exception $e) {
                    $this->_logger->err($e->getMessage());
                    $status = self::STATUS_INVALID_SRC;
                }
            }
            $this->_encoder->startTag(self::RESPONSE);
            $this->_element(self::SRCMSGID, $move[self::SRCMSGKEY]);
            $this->_element(self::STATUS, $status);
            if ($status == self::STATUS_SUCCESS) {
                $this->_element(self::DSTMSGID, $newId);
            }
            $this->_encoder->endTag();
        }
        $this->_encoder->endTag();
        return true;
    }

    protected function _element($tag, $content)
    {
        $this->_encoder->startTag($tag);
        $this->_encoder->content($content);
        $this->_encoder->endTag();
    }
}
