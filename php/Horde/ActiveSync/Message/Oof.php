<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Out-of-office settings (MS-ASCMD Settings Oof): state, period and the
 * messages, which follow each other without a container.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_Oof extends Horde_ActiveSync_Message_Base
{
    /**
     * Horde_ActiveSync_Message_OofMessage objects.
     *
     * @var array
     */
    public $messages = array();

    protected $_mapping = array(
        'Settings:OofState'   => array(self::KEY_ATTRIBUTE => 'state'),
        'Settings:StartTime'  => array(self::KEY_ATTRIBUTE => 'starttime', self::KEY_TYPE => self::TYPE_DATE_DASHES),
        'Settings:EndTime'    => array(self::KEY_ATTRIBUTE => 'endtime', self::KEY_TYPE => self::TYPE_DATE_DASHES),
        'Settings:OofMessage' => array(
            self::KEY_ATTRIBUTE => 'messages',
            self::KEY_TYPE      => 'Horde_ActiveSync_Message_OofMessage',
            self::KEY_VALUES    => 'Settings:OofMessage',
            self::KEY_PROPERTY  => self::PROPERTY_NO_CONTAINER,
        ),
        'Settings:BodyType'   => array(self::KEY_ATTRIBUTE => 'bodytype'),
    );

    protected $_properties = array(
        'state'     => false,
        'starttime' => false,
        'endtime'   => false,
        'bodytype'  => false,
    );
}
