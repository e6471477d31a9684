<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * A body part for conversation views (EAS 14.1, MS-ASAIRS BodyPart).
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_AirSyncBaseBodypart extends Horde_ActiveSync_Message_Base
{
    const STATUS_SUCCESS = 1;

    protected $_mapping = array(
        Horde_ActiveSync::AIRSYNCBASE_STATUS            => array(self::KEY_ATTRIBUTE => 'status'),
        Horde_ActiveSync::AIRSYNCBASE_TYPE              => array(self::KEY_ATTRIBUTE => 'type'),
        Horde_ActiveSync::AIRSYNCBASE_ESTIMATEDDATASIZE => array(self::KEY_ATTRIBUTE => 'estimateddatasize'),
        Horde_ActiveSync::AIRSYNCBASE_TRUNCATED         => array(self::KEY_ATTRIBUTE => 'truncated'),
        Horde_ActiveSync::AIRSYNCBASE_DATA              => array(self::KEY_ATTRIBUTE => 'data'),
        Horde_ActiveSync::AIRSYNCBASE_PREVIEW           => array(self::KEY_ATTRIBUTE => 'preview'),
    );

    protected $_properties = array(
        'status'            => false,
        'type'              => Horde_ActiveSync::BODYPREF_TYPE_HTML,
        'estimateddatasize' => false,
        'truncated'         => false,
        'data'              => false,
        'preview'           => false,
    );

    public function getClass()
    {
        return 'AirSyncBaseBodypart';
    }
}
