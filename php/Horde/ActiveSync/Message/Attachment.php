<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * A mail attachment in EAS 2.5 (Email code page).
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_Attachment extends Horde_ActiveSync_Message_Base
{
    const POOMMAIL_ATTNAME     = 'POOMMAIL:AttName';
    const POOMMAIL_ATTSIZE     = 'POOMMAIL:AttSize';
    const POOMMAIL_ATTOID      = 'POOMMAIL:AttOid';
    const POOMMAIL_ATTMETHOD   = 'POOMMAIL:AttMethod';
    const POOMMAIL_ATTREMOVED  = 'POOMMAIL:AttRemoved';
    const POOMMAIL_DISPLAYNAME = 'POOMMAIL:DisplayName';

    /* Attachment methods */
    const ATT_TYPE_NORMAL   = 1;
    const ATT_TYPE_EMBEDDED = 5;
    const ATT_TYPE_OLE      = 6;

    protected $_mapping = array(
        self::POOMMAIL_ATTMETHOD   => array(self::KEY_ATTRIBUTE => 'attmethod'),
        self::POOMMAIL_ATTSIZE     => array(self::KEY_ATTRIBUTE => 'attsize'),
        self::POOMMAIL_DISPLAYNAME => array(self::KEY_ATTRIBUTE => 'displayname'),
        self::POOMMAIL_ATTNAME     => array(self::KEY_ATTRIBUTE => 'attname'),
        self::POOMMAIL_ATTOID      => array(self::KEY_ATTRIBUTE => 'attoid'),
        self::POOMMAIL_ATTREMOVED  => array(self::KEY_ATTRIBUTE => 'attremoved'),
    );

    protected $_properties = array(
        'attmethod'   => false,
        'attsize'     => false,
        'displayname' => false,
        'attname'     => false,
        'attoid'      => false,
        'attremoved'  => false,
    );

    public function getClass()
    {
        return 'Attachment';
    }
}
