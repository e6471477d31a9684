<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * An entry of the recipient information cache (EAS 14.0): contact fields
 * plus the alias and weighted rank.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_RecipientInformation extends Horde_ActiveSync_Message_Base
{
    protected $_mapping = array(
        Horde_ActiveSync_Message_Contact::EMAIL1ADDRESS => array(self::KEY_ATTRIBUTE => 'email1address'),
        Horde_ActiveSync_Message_Contact::FILEAS        => array(self::KEY_ATTRIBUTE => 'fileas'),
        Horde_ActiveSync_Message_Contact::ALIAS         => array(self::KEY_ATTRIBUTE => 'alias'),
        Horde_ActiveSync_Message_Contact::WEIGHTEDRANK  => array(self::KEY_ATTRIBUTE => 'weightedrank'),
    );

    protected $_properties = array(
        'email1address' => false,
        'fileas'        => false,
        'alias'         => false,
        'weightedrank'  => false,
    );

    public function getClass()
    {
        return 'RI';
    }
}
