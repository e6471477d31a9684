<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * A document library item's content in an ItemOperations Fetch response.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_Document extends Horde_ActiveSync_Message_AirSyncBaseFileAttachment
{
    protected $_mapping = array(
        'ItemOperations:Range'   => array(self::KEY_ATTRIBUTE => 'range'),
        'ItemOperations:Total'   => array(self::KEY_ATTRIBUTE => 'total'),
        'ItemOperations:Data'    => array(self::KEY_ATTRIBUTE => 'data'),
        'ItemOperations:Version' => array(self::KEY_ATTRIBUTE => 'version', self::KEY_TYPE => self::TYPE_DATE),
    );

    protected $_properties = array(
        'range'   => false,
        'total'   => false,
        'data'    => false,
        'version' => false,
    );
}
