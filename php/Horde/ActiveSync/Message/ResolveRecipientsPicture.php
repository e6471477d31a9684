<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * A contact photo in ResolveRecipients responses (EAS 14.1); the image
 * is written as OPAQUE data.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_ResolveRecipientsPicture extends Horde_ActiveSync_Message_Base
{
    protected $_mapping = array(
        'ResolveRecipients:Status' => array(self::KEY_ATTRIBUTE => 'status'),
        'ResolveRecipients:Data'   => array(self::KEY_ATTRIBUTE => 'data', self::KEY_TYPE => 'opaque'),
    );

    protected $_properties = array(
        'status' => false,
        'data'   => false,
    );
}
