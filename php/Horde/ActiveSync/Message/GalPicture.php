<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * A contact photo in GAL search results (EAS 14.1, GAL Picture).
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_GalPicture extends Horde_ActiveSync_Message_Base
{
    protected $_mapping = array(
        Horde_ActiveSync::GAL_STATUS => array(self::KEY_ATTRIBUTE => 'status'),
        Horde_ActiveSync::GAL_DATA   => array(self::KEY_ATTRIBUTE => 'data'),
    );

    protected $_properties = array(
        'status' => false,
        'data'   => false,
    );
}
