<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * What a device says about itself in Settings (MS-ASCMD DeviceInformation).
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_DeviceInformation extends Horde_ActiveSync_Message_Base
{
    protected $_mapping = array(
        'Settings:Model'             => array(self::KEY_ATTRIBUTE => 'model'),
        'Settings:IMEI'              => array(self::KEY_ATTRIBUTE => 'imei'),
        'Settings:FriendlyName'      => array(self::KEY_ATTRIBUTE => 'friendlyname'),
        'Settings:OS'                => array(self::KEY_ATTRIBUTE => 'os'),
        'Settings:OSLanguage'        => array(self::KEY_ATTRIBUTE => 'oslanguage'),
        'Settings:PhoneNumber'       => array(self::KEY_ATTRIBUTE => 'phonenumber'),
        'Settings:UserAgent'         => array(self::KEY_ATTRIBUTE => 'useragent'),
        'Settings:MobileOperator'    => array(self::KEY_ATTRIBUTE => 'mobileoperator'),
        'Settings:EnableOutboundSMS' => array(self::KEY_ATTRIBUTE => 'enableoutboundsms'),
    );

    protected $_properties = array(
        'model'             => false,
        'imei'              => false,
        'friendlyname'      => false,
        'os'                => false,
        'oslanguage'        => false,
        'phonenumber'       => false,
        'useragent'         => false,
        'mobileoperator'    => false,
        'enableoutboundsms' => false,
    );
}
