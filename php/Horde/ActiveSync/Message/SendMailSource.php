<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * The message a SmartReply or SmartForward refers to (ComposeMail Source).
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_SendMailSource extends Horde_ActiveSync_Message_Base
{
    const COMPOSEMAIL_FOLDERID   = 'ComposeMail:FolderId';
    const COMPOSEMAIL_ITEMID     = 'ComposeMail:ItemId';
    const COMPOSEMAIL_LONGID     = 'ComposeMail:LongId';
    const COMPOSEMAIL_INSTANCEID = 'ComposeMail:InstanceId';

    protected $_mapping = array(
        self::COMPOSEMAIL_FOLDERID   => array(self::KEY_ATTRIBUTE => 'folderid'),
        self::COMPOSEMAIL_ITEMID     => array(self::KEY_ATTRIBUTE => 'itemid'),
        self::COMPOSEMAIL_LONGID     => array(self::KEY_ATTRIBUTE => 'longid'),
        self::COMPOSEMAIL_INSTANCEID => array(self::KEY_ATTRIBUTE => 'instanceid'),
    );

    protected $_properties = array(
        'folderid'   => false,
        'itemid'     => false,
        'longid'     => false,
        'instanceid' => false,
    );

    public function getClass()
    {
        return 'SendMailSource';
    }
}
