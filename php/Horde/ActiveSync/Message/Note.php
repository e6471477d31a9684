<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * A note (EAS 14.0, MS-ASNOTE).
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_Note extends Horde_ActiveSync_Message_Base
{
    const SUBJECT          = 'Notes:Subject';
    const MESSAGECLASS     = 'Notes:MessageClass';
    const LASTMODIFIEDDATE = 'Notes:LastModifiedDate';
    const CATEGORIES       = 'Notes:Categories';
    const CATEGORY         = 'Notes:Category';

    /**
     * The note's categories (a real property, as in Horde).
     *
     * @var array
     */
    public $categories = array();

    protected $_mapping = array(
        Horde_ActiveSync::AIRSYNCBASE_BODY => array(self::KEY_ATTRIBUTE => 'body', self::KEY_TYPE => 'Horde_ActiveSync_Message_AirSyncBaseBody'),
        self::CATEGORIES                   => array(self::KEY_ATTRIBUTE => 'categories', self::KEY_VALUES => self::CATEGORY),
        self::LASTMODIFIEDDATE             => array(self::KEY_ATTRIBUTE => 'lastmodified', self::KEY_TYPE => self::TYPE_DATE),
        self::MESSAGECLASS                 => array(self::KEY_ATTRIBUTE => 'messageclass'),
        self::SUBJECT                      => array(self::KEY_ATTRIBUTE => 'subject'),
    );

    protected $_properties = array(
        'body'         => false,
        'lastmodified' => false,
        'messageclass' => false,
        'subject'      => false,
    );

    public function getClass()
    {
        return 'Notes';
    }
}
