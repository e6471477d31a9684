<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Settings (MS-ASCMD 2.2.1.18): out of office, device information, user
 * information (e-mail addresses, EAS 14.1 accounts), device password and
 * rights management information.
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_Settings extends Horde_ActiveSync_Request_Base
{
    const SETTINGS_SETTINGS                 = 'Settings:Settings';
    const SETTINGS_STATUS                   = 'Settings:Status';
    const SETTINGS_GET                      = 'Settings:Get';
    const SETTINGS_SET                      = 'Settings:Set';
    const SETTINGS_OOF                      = 'Settings:Oof';
    const SETTINGS_OOFSTATE                 = 'Settings:OofState';
    const SETTINGS_STARTTIME                = 'Settings:StartTime';
    const SETTINGS_ENDTIME                  = 'Settings:EndTime';
    const SETTINGS_OOFMESSAGE               = 'Settings:OofMessage';
    const SETTINGS_APPLIESTOINTERNAL        = 'Settings:AppliesToInternal';
    const SETTINGS_APPLIESTOEXTERNALKNOWN   = 'Settings:AppliesToExternalKnown';
    const SETTINGS_APPLIESTOEXTERNALUNKNOWN = 'Settings:AppliesToExternalUnknown';
    const SETTINGS_ENABLED                  = 'Settings:Enabled';
    const SETTINGS_REPLYMESSAGE             = 'Settings:ReplyMessage';
    const SETTINGS_BODYTYPE                 = 'Settings:BodyType';
    const SETTINGS_DEVICEPASSWORD           = 'Settings:DevicePassword';
    const SETTINGS_PASSWORD                 = 'Settings:Password';
    const SETTINGS_DEVICEINFORMATION        = 'Settings:DeviceInformation';
    const SETTINGS_MODEL                    = 'Settings:Model';
    const SETTINGS_IMEI                     = 'Settings:IMEI';
    const SETTINGS_FRIENDLYNAME             = 'Settings:FriendlyName';
    const SETTINGS_OS                       = 'Settings:OS';
    const SETTINGS_OSLANGUAGE               = 'Settings:OSLanguage';
    const SETTINGS_PHONENUMBER              = 'Settings:PhoneNumber';
    const SETTINGS_USERINFORMATION          = 'Settings:UserInformation';
    const SETTINGS_EMAILADDRESSES           = 'Settings:EmailAddresses';
    const SETTINGS_SMTPADDRESS              = 'Settings:SmtpAddress';
    const SETTINGS_USERAGENT                = 'Settings:UserAgent';
    const SETTINGS_ENABLEOUTBOUNDSMS        = 'Settings:EnableOutboundSMS';
    const SETTINGS_MOBILEOPERATOR           = 'Settings:MobileOperator';
    const SETTINGS_PRIMARYSMTPADDRESS       = 'Settings:PrimarySmtpAddress';
    const SETTINGS_ACCOUNTS                 = 'Settings:Accounts';
    const SETTINGS_ACCOUNT                  = 'Settings:Account';
    const SETTINGS_ACCOUNTID                = 'Settings:AccountId';
    const SETTINGS_USERDISPLAYNAME          = 'Settings:UserDisplayName';
    const SETTINGS_RIGHTSMANAGEMENTINFO     = 'Settings:RightsManagementInformation';
    const SETTINGS_ACCOUNTNAME              = 'Settings:AccountName';

    const STATUS_SUCCESS                    = 1;
    const STATUS_ERROR                      = 2;
    const STATUS_UNAVAILABLE                = 4;

    const OOF_STATE_TIMEBASED               = 2;
    const OOF_STATE_ENABLED                 = 1; // OOF_STATE_GLOBAL in MS-ASCMD
    const OOF_STATE_DISABLED                = 0;

    /**
     * The stored form of a DeviceInformation message.
     *
     * @param Horde_ActiveSync_Message_DeviceInformation $settings
     *
     * @return array  SETTINGS_* name => value.
     */
    public static function deviceInformation($settings)
    {
        return [
            self::SETTINGS_MODEL => $settings->model,
            self::SETTINGS_IMEI => $settings->imei,
            self::SETTINGS_FRIENDLYNAME => $settings->friendlyname,
            self::SETTINGS_OS => $settings->os,
            self::SETTINGS_OSLANGUAGE => $settings->oslanguage,
            self::SETTINGS_PHONENUMBER => $settings->phonenumber,
            self::SETTINGS_USERAGENT => $settings->useragent,
            self::SETTINGS_MOBILEOPERATOR => $settings->mobileoperator,
            self::SETTINGS_ENABLEOUTBOUNDSMS => $settings->enableoutboundsms,
        ];
    }

    /**
     * Answers a malformed request with the protocol error status (Horde
     * throws, an HTTP 500).
     *
     * @param string $what
     *
     * @return boolean
     */
    protected function _protocolError($what)
    {
        $this->_logger->err('SETTINGS: protocol error: ' . $what);
        $this->_encoder->startWBXML();
        $this->_encoder->startTag(self::SETTINGS_SETTINGS);
        $this->_encoder->startTag(self::SETTINGS_STATUS);
        $this->_encoder->content(self::STATUS_ERROR);
        $this->_encoder->endTag();
        $this->_encoder->endTag();
        return true;
    }

    /**
     * @return boolean
     * @throws Horde_ActiveSync_Exception
     */
    protected function _handle()
    {
        if (!$this->_decoder->getElementStartTag(self::SETTINGS_SETTINGS)) {
            return $this->_protocolError('no Settings element');
        }
        $request = [];
        $deviceProperties = null;
        $kinds = [self::SETTINGS_OOF, self::SETTINGS_DEVICEINFORMATION, self::SETTINGS_USERINFORMATION,
                  self::SETTINGS_DEVICEPASSWORD, self::SETTINGS_RIGHTSMANAGEMENTINFO];
        while (($kind = $this->_nextStartTag($kinds)) !== null) {
            while (($action = $this->_nextStartTag([self::SETTINGS_GET, self::SETTINGS_SET])) !== null) {
                if ($action == self::SETTINGS_GET) {
                    switch ($kind) {
                    case self::SETTINGS_OOF:
                        $oof = Horde_ActiveSync::messageFactory('Oof');
                        $oof->decodeStream($this->_decoder);
                        $request['get']['oof']['bodytype'] = $oof->bodytype;
                        $this->_decoder->getElementEndTag();
                        break;
                    case self::SETTINGS_USERINFORMATION:
                        // an empty <Get/>
                        $request['get']['userinformation'] = [];
                        $this->_decoder->getElementContent();
                        break;
                    case self::SETTINGS_RIGHTSMANAGEMENTINFO:
                        $request['get']['rightsmanagementinfo'] = true;
                        $this->_decoder->getElementContent();
                        break;
                    default:
                        return $this->_protocolError('Get of ' . $kind);
                    }
                    continue;
                }
                switch ($kind) {
                case self::SETTINGS_OOF:
                    $oof = Horde_ActiveSync::messageFactory('Oof');
                    $oof->decodeStream($this->_decoder);
                    $request['set']['oof'] = [
                        'oofstate' => $oof->state,
                        'starttime' => $oof->starttime,
                        'endtime' => $oof->endtime,
                        'oofmsgs' => [],
                    ];
                    foreach ((array)$oof->messages as $msg) {
                        $request['set']['oof']['oofmsgs'][] = [
                            'appliesto' => !empty($msg->internal)
                                ? self::SETTINGS_APPLIESTOINTERNAL
                                : (!empty($msg->externalknown)
                                    ? self::SETTINGS_APPLIESTOEXTERNALKNOWN
                                    : self::SETTINGS_APPLIESTOEXTERNALUNKNOWN),
                            'enabled' => $msg->enabled,
                            'replymessage' => $msg->reply,
                            'bodytype' => $msg->bodytype,
                        ];
                    }
                    break;
                case self::SETTINGS_DEVICEINFORMATION:
                    $settings = Horde_ActiveSync::messageFactory('DeviceInformation');
                    $settings->decodeStream($this->_decoder);
                    $deviceProperties = array_merge((array)$this->_device->properties, self::deviceInformation($settings));
                    try {
                        $deviceProperties['version'] = $this->_device->version;
                        $this->_device->setDeviceProperties($deviceProperties);
                        $this->_device->save();
                    } catch (Horde_ActiveSync_Exception $e) {
                        $this->_logger->err($e->getMessage());
                        $deviceProperties = null;
                    }
                    break;
                case self::SETTINGS_DEVICEPASSWORD:
                    $password = false;
                    if ($this->_decoder->getElementStartTag(self::SETTINGS_PASSWORD)
                        && ($password = $this->_decoder->getElementContent()) !== false) {
                        $this->_decoder->getElementEndTag();
                    }
                    $request['set']['devicepassword'] = $password;
                    break;
                default:
                    return $this->_protocolError('Set of ' . $kind);
                }
                $this->_decoder->getElementEndTag(); // Set
            }
            $this->_decoder->getElementEndTag(); // the setting
        }
        $this->_decoder->getElementEndTag(); // Settings

        $result = [];
        if (isset($request['set'])) {
            $result['set'] = $this->_driver->setSettings($request['set'], $this->_device->id);
        }
        if (isset($request['get'])) {
            $result['get'] = $this->_driver->getSettings($request['get'], $this->_device->id);
        }

        $this->_encoder->startWBXML();
        $this->_encoder->startTag(self::SETTINGS_SETTINGS);
        $this->_status(self::STATUS_SUCCESS);
        if (isset($request['set']['oof'])) {
            $this->_encoder->startTag(self::SETTINGS_OOF);
            $this->_status(isset($result['set']['oof']) ? $result['set']['oof'] : self::OOF_STATE_DISABLED);
            $this->_encoder->endTag();
        }
        if ($deviceProperties !== null) {
            $this->_encoder->startTag(self::SETTINGS_DEVICEINFORMATION);
            $this->_status(self::STATUS_SUCCESS);
            $this->_encoder->endTag();
        }
        if (isset($request['set']['devicepassword'])) {
            $this->_encoder->startTag(self::SETTINGS_DEVICEPASSWORD);
            $this->_status(isset($result['set']['devicepassword']) ? $result['set']['devicepassword'] : 0);
            $this->_encoder->endTag();
        }
        if (isset($request['get']['userinformation']) && isset($result['get']['userinformation'])) {
            $this->_userInformation($result['get']['userinformation']);
        }
        if (isset($request['get']['oof'])) {
            $info = isset($result['get']['oof']) ? (array)$result['get']['oof'] : [];
            $status = isset($info['status']) ? $info['status'] : self::STATUS_UNAVAILABLE;
            $this->_encoder->startTag(self::SETTINGS_OOF);
            $this->_status($status);
            if ($status == self::STATUS_SUCCESS) {
                $this->_encoder->startTag(self::SETTINGS_GET);
                $this->_getOofObject($info)->encodeStream($this->_encoder);
                $this->_encoder->endTag();
            }
            $this->_encoder->endTag();
        }
        if (isset($request['get']['rightsmanagementinfo'])) {
            $this->_encoder->startTag(self::SETTINGS_RIGHTSMANAGEMENTINFO);
            $this->_status(self::STATUS_SUCCESS);
            $this->_encoder->endTag();
        }
        $this->_encoder->endTag(); // Settings
        return true;
    }

    /**
     * The next start tag among $tags, consumed; null when another follows.
     */
    protected function _nextStartTag(array $tags)
    {
        foreach ($tags as $tag) {
            if ($this->_decoder->getElementStartTag($tag)) {
                return $tag;
            }
        }
        return null;
    }

    protected function _status($status)
    {
        $this->_encoder->startTag(self::SETTINGS_STATUS);
        $this->_encoder->content($status);
        $this->_encoder->endTag();
    }

    /**
     * UserInformation: the addresses, or (EAS 14.1) the accounts.
     *
     * @param array $info  status, emailaddresses, accounts.
     */
    protected function _userInformation(array $info)
    {
        $this->_encoder->startTag(self::SETTINGS_USERINFORMATION);
        $this->_status(isset($info['status']) ? $info['status'] : self::STATUS_SUCCESS);
        $this->_encoder->startTag(self::SETTINGS_GET);
        if ($this->_device->version >= Horde_ActiveSync::VERSION_FOURTEENONE && !empty($info['accounts'])) {
            $this->_encoder->startTag(self::SETTINGS_ACCOUNTS);
            $havePrimary = false;
            foreach ($info['accounts'] as $account) {
                $this->_encoder->startTag(self::SETTINGS_ACCOUNT);
                foreach (['id' => self::SETTINGS_ACCOUNTID, 'accountname' => self::SETTINGS_ACCOUNTNAME,
                          'fullname' => self::SETTINGS_USERDISPLAYNAME] as $key => $tag) {
                    if (!empty($account[$key])) {
                        $this->_encoder->startTag($tag);
                        $this->_encoder->content($account[$key]);
                        $this->_encoder->endTag();
                    }
                }
                if (!empty($account['emailaddresses'])) {
                    // Horde closes the PrimarySmtpAddress element only for
                    // the first account and so nests every later SmtpAddress
                    // wrongly; here each account's list is well formed.
                    $this->_encoder->startTag(self::SETTINGS_EMAILADDRESSES);
                    if (!$havePrimary) {
                        $this->_encoder->startTag(self::SETTINGS_PRIMARYSMTPADDRESS);
                        $this->_encoder->content($account['emailaddresses'][0]);
                        $this->_encoder->endTag();
                        $havePrimary = true;
                    }
                    foreach ($account['emailaddresses'] as $address) {
                        $this->_encoder->startTag(self::SETTINGS_SMTPADDRESS);
                        $this->_encoder->content($address);
                        $this->_encoder->endTag();
                    }
                    $this->_encoder->endTag();
                }
                $this->_encoder->endTag(); // Account
            }
            $this->_encoder->endTag(); // Accounts
        } else {
            $this->_encoder->startTag(self::SETTINGS_EMAILADDRESSES);
            foreach (empty($info['emailaddresses']) ? [] : $info['emailaddresses'] as $address) {
                $this->_encoder->startTag(self::SETTINGS_SMTPADDRESS);
                $this->_encoder->content($address);
                $this->_encoder->endTag();
            }
            $this->_encoder->endTag();
        }
        $this->_encoder->endTag(); // Get
        $this->_encoder->endTag(); // UserInformation
    }

    /**
     * The driver's out-of-office array as a message.
     *
     * @param array $info  oofstate, starttime, endtime, oofmsgs.
     *
     * @return Horde_ActiveSync_Message_Oof
     */
    protected function _getOofObject(array $info)
    {
        $oof = Horde_ActiveSync::messageFactory('Oof');
        $oof->state = isset($info['oofstate']) ? $info['oofstate'] : self::OOF_STATE_DISABLED;
        if (!empty($info['starttime'])) {
            $oof->starttime = new Horde_Date($info['starttime']);
            $oof->endtime = new Horde_Date($info['endtime']);
        }
        $first = isset($info['oofmsgs'][0]) ? $info['oofmsgs'][0] : [];
        $msg = Horde_ActiveSync::messageFactory('OofMessage');
        $msg->internal = '';
        $msg->enabled = !empty($first['enabled']) ? 1 : '0';
        $msg->reply = isset($first['replymessage']) ? $first['replymessage'] : '';
        $msg->bodytype = 'text';
        $oof->messages[] = $msg;
        return $oof;
    }
}
