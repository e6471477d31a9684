<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * An attachment a client adds to a draft or calendar item (EAS 16.0,
 * MS-ASAIRS Add).
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_AirSyncBaseAdd extends Horde_ActiveSync_Message_Base
{
    protected $_mapping = array(
        Horde_ActiveSync::AIRSYNCBASE_CLIENTID        => array(self::KEY_ATTRIBUTE => 'clientid'),
        Horde_ActiveSync::AIRSYNCBASE_CONTENT         => array(self::KEY_ATTRIBUTE => 'content'),
        Horde_ActiveSync::AIRSYNCBASE_CONTENTID       => array(self::KEY_ATTRIBUTE => 'contentid'),
        Horde_ActiveSync::AIRSYNCBASE_CONTENTLOCATION => array(self::KEY_ATTRIBUTE => 'contentlocation'),
        Horde_ActiveSync::AIRSYNCBASE_CONTENTTYPE     => array(self::KEY_ATTRIBUTE => 'contenttype'),
        Horde_ActiveSync::AIRSYNCBASE_DISPLAYNAME     => array(self::KEY_ATTRIBUTE => 'displayname'),
        Horde_ActiveSync::AIRSYNCBASE_ISINLINE        => array(self::KEY_ATTRIBUTE => 'isinline'),
        Horde_ActiveSync::AIRSYNCBASE_METHOD          => array(self::KEY_ATTRIBUTE => 'method'),
    );

    protected $_properties = array(
        'clientid'        => false,
        'content'         => false,
        'contentid'       => false,
        'contentlocation' => false,
        'contenttype'     => false,
        'displayname'     => false,
        'isinline'        => false,
        'method'          => false,
    );

    public function getClass()
    {
        return 'AirSyncBaseAdd';
    }
}
