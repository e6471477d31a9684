<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

/**
 * An address header that is written without IDNA-encoding its domains: the
 * fallback when an address in a message cannot be IDNA-encoded, so that the
 * message still reaches the device with its recipients rather than failing
 * whole.
 */
class Horde_ActiveSync_Mime_Headers_Addresses extends Horde_Mime_Headers_Addresses
{
    /**
     * @param array $alist  Horde_Mail_Rfc822_List objects.
     * @param array $opts   As Horde_Mime_Headers_Addresses::doSendEncode();
     *                      'idn' is always false.
     */
    public static function doSendEncode($alist, array $opts = array())
    {
        $opts['idn'] = false;
        return parent::doSendEncode($alist, $opts);
    }

    protected function _sendEncode($opts)
    {
        return self::doSendEncode($this->getAddressList(), $opts);
    }
}
