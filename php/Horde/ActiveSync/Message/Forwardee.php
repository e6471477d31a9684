<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * A recipient added to a SmartForward (EAS 16.0, ComposeMail Forwardee).
 * (Horde 5 names constants SendMail does not have and cannot build one.)
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_Forwardee extends Horde_ActiveSync_Message_Base
{
    protected $_mapping = array(
        Horde_ActiveSync_Message_SendMail::COMPOSEMAIL_FORWARDEENAME  => array(self::KEY_ATTRIBUTE => 'name'),
        Horde_ActiveSync_Message_SendMail::COMPOSEMAIL_FORWARDEEEMAIL => array(self::KEY_ATTRIBUTE => 'email'),
    );

    protected $_properties = array(
        'name'  => false,
        'email' => false,
    );
}
