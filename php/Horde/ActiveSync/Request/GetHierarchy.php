<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * GetHierarchy (EAS 2.5): the folder list, without state. Horde's version
 * names a constant its class does not have and fails.
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_GetHierarchy extends Horde_ActiveSync_Request_Base
{
    /**
     * @return boolean
     */
    protected function _handle()
    {
        if (!$this->checkPolicyKey($this->_activeSync->getPolicyKey(), Horde_ActiveSync::FOLDERHIERARCHY_FOLDERS)) {
            return true;
        }
        $folders = $this->_driver->getFolders();
        $this->_encoder->startWBXML();
        $this->_encoder->startTag(Horde_ActiveSync::FOLDERHIERARCHY_FOLDERS);
        foreach ($folders as $folder) {
            $this->_encoder->startTag(Horde_ActiveSync::FOLDERHIERARCHY_FOLDER);
            $folder->encodeStream($this->_encoder);
            $this->_encoder->endTag();
        }
        $this->_encoder->endTag();
        return true;
    }
}
