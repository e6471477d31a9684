<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * One out-of-office message and whom it applies to. The audience flags
 * are empty elements; every property is written even when empty.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_OofMessage extends Horde_ActiveSync_Message_Base
{
    /**
     * Set (to anything but null) when the message is for one audience.
     *
     * @var mixed
     */
    public $internal;
    public $externalknown;
    public $externalunknown;

    protected $_mapping = array(
        'Settings:AppliesToInternal'        => array(self::KEY_ATTRIBUTE => 'internal'),
        'Settings:AppliesToExternalKnown'   => array(self::KEY_ATTRIBUTE => 'externalknown'),
        'Settings:AppliesToExternalUnknown' => array(self::KEY_ATTRIBUTE => 'externalunknown'),
        'Settings:Enabled'                  => array(self::KEY_ATTRIBUTE => 'enabled'),
        'Settings:ReplyMessage'             => array(self::KEY_ATTRIBUTE => 'reply'),
        'Settings:BodyType'                 => array(self::KEY_ATTRIBUTE => 'bodytype'),
    );

    protected $_properties = array(
        'enabled'  => false,
        'reply'    => false,
        'bodytype' => false,
    );

    protected function _checkSendEmpty($tag)
    {
        return true;
    }
}
