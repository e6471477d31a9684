<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * A SendMail, SmartReply or SmartForward request of EAS 14.0+ (MS-ASCMD
 * ComposeMail).
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_SendMail extends Horde_ActiveSync_Message_Base
{
    const COMPOSEMAIL_SENDMAIL        = 'ComposeMail:SendMail';
    const COMPOSEMAIL_SMARTFORWARD    = 'ComposeMail:SmartForward';
    const COMPOSEMAIL_SMARTREPLY      = 'ComposeMail:SmartReply';
    const COMPOSEMAIL_SAVEINSENTITEMS = 'ComposeMail:SaveInSentItems';
    const COMPOSEMAIL_REPLACEMIME     = 'ComposeMail:ReplaceMime';
    const COMPOSEMAIL_TYPE            = 'ComposeMail:Type';
    const COMPOSEMAIL_SOURCE          = 'ComposeMail:Source';
    const COMPOSEMAIL_MIME            = 'ComposeMail:MIME';
    const COMPOSEMAIL_CLIENTID        = 'ComposeMail:ClientId';
    const COMPOSEMAIL_STATUS          = 'ComposeMail:Status';
    const COMPOSEMAIL_ACCOUNTID       = 'ComposeMail:AccountId';
    const COMPOSEMAIL_FORWARDEES      = 'ComposeMail:Forwardees';
    const COMPOSEMAIL_FORWARDEE       = 'ComposeMail:Forwardee';
    const COMPOSEMAIL_FORWARDEENAME   = 'ComposeMail:ForwardeeName';
    const COMPOSEMAIL_FORWARDEEEMAIL  = 'ComposeMail:ForwardeeEmail';

    protected $_mapping = array(
        self::COMPOSEMAIL_CLIENTID        => array(self::KEY_ATTRIBUTE => 'clientid'),
        self::COMPOSEMAIL_SAVEINSENTITEMS => array(self::KEY_ATTRIBUTE => 'saveinsent'),
        self::COMPOSEMAIL_REPLACEMIME     => array(self::KEY_ATTRIBUTE => 'replacemime'),
        self::COMPOSEMAIL_ACCOUNTID       => array(self::KEY_ATTRIBUTE => 'accountid'),
        self::COMPOSEMAIL_SOURCE          => array(self::KEY_ATTRIBUTE => 'source', self::KEY_TYPE => 'Horde_ActiveSync_Message_SendMailSource'),
        self::COMPOSEMAIL_MIME            => array(self::KEY_ATTRIBUTE => 'mime'),
        Horde_ActiveSync::RM_TEMPLATEID   => array(self::KEY_ATTRIBUTE => 'templateid'),
    );

    protected $_properties = array(
        'clientid'    => false,
        'saveinsent'  => false,
        'replacemime' => false,
        'accountid'   => false,
        'source'      => false,
        'mime'        => false,
        'templateid'  => false,
    );

    public function __construct(array $options = array())
    {
        parent::__construct($options);
        if (!$this->_shaped()) {
            $this->_mapVersion();
            $this->_keepShape(__CLASS__);
        }
    }

    /**
     * Adds the tags and properties of the protocol version.
     */
    private function _mapVersion()
    {
        if ($this->_version >= Horde_ActiveSync::VERSION_SIXTEEN) {
            $this->_mapping += array(
                self::COMPOSEMAIL_FORWARDEES => array(self::KEY_ATTRIBUTE => 'forwardees', self::KEY_TYPE => 'Horde_ActiveSync_Message_Forwardee', self::KEY_VALUES => self::COMPOSEMAIL_FORWARDEE),
            );
            $this->_properties += array('forwardees' => false);
        }
    }

    /**
     * SaveInSentItems and ReplaceMime are flags: present (even empty) is
     * true.
     */
    public function &__get($property)
    {
        if ($property == 'saveinsent' || $property == 'replacemime') {
            $flag = $this->_properties[$property] !== false;
            return $flag;
        }
        return parent::__get($property);
    }

    public function getClass()
    {
        return 'SendMail';
    }

    protected function _checkSendEmpty($tag)
    {
        return $tag == self::COMPOSEMAIL_SAVEINSENTITEMS || $tag == self::COMPOSEMAIL_REPLACEMIME;
    }
}
