<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * An attachment a client removes (EAS 16.0, MS-ASAIRS Delete).
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_AirSyncBaseDelete extends Horde_ActiveSync_Message_Base
{
    protected $_mapping = array(
        Horde_ActiveSync::AIRSYNCBASE_FILEREFERENCE => array(self::KEY_ATTRIBUTE => 'filereference'),
    );

    protected $_properties = array(
        'filereference' => false,
    );

    public function getClass()
    {
        return 'AirSyncBaseDelete';
    }
}
