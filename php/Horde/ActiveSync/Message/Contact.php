<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * A contact (MS-ASCNTC): the Contacts and Contacts2 code pages, with the
 * body in AirSyncBase from EAS 12.0 on.
 *
 * Dates (birthday, anniversary) are UTC on the wire; devices disagree on
 * the time of day they mean, which Horde_ActiveSync_Device normalizes.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_Contact extends Horde_ActiveSync_Message_Base
{
    /* Contacts code page */
    const ANNIVERSARY           = 'POOMCONTACTS:Anniversary';
    const ASSISTANTNAME         = 'POOMCONTACTS:AssistantName';
    const ASSISTNAMEPHONENUMBER = 'POOMCONTACTS:AssistnamePhoneNumber';
    const BIRTHDAY              = 'POOMCONTACTS:Birthday';
    const BODY                  = 'POOMCONTACTS:Body';
    const BODYSIZE              = 'POOMCONTACTS:BodySize';
    const BODYTRUNCATED         = 'POOMCONTACTS:BodyTruncated';
    const BUSINESS2PHONENUMBER  = 'POOMCONTACTS:Business2PhoneNumber';
    const BUSINESSCITY          = 'POOMCONTACTS:BusinessCity';
    const BUSINESSCOUNTRY       = 'POOMCONTACTS:BusinessCountry';
    const BUSINESSPOSTALCODE    = 'POOMCONTACTS:BusinessPostalCode';
    const BUSINESSSTATE         = 'POOMCONTACTS:BusinessState';
    const BUSINESSSTREET        = 'POOMCONTACTS:BusinessStreet';
    const BUSINESSFAXNUMBER     = 'POOMCONTACTS:BusinessFaxNumber';
    const BUSINESSPHONENUMBER   = 'POOMCONTACTS:BusinessPhoneNumber';
    const CARPHONENUMBER        = 'POOMCONTACTS:CarPhoneNumber';
    const CATEGORIES            = 'POOMCONTACTS:Categories';
    const CATEGORY              = 'POOMCONTACTS:Category';
    const CHILDREN              = 'POOMCONTACTS:Children';
    const CHILD                 = 'POOMCONTACTS:Child';
    const COMPANYNAME           = 'POOMCONTACTS:CompanyName';
    const DEPARTMENT            = 'POOMCONTACTS:Department';
    const EMAIL1ADDRESS         = 'POOMCONTACTS:Email1Address';
    const EMAIL2ADDRESS         = 'POOMCONTACTS:Email2Address';
    const EMAIL3ADDRESS         = 'POOMCONTACTS:Email3Address';
    const FILEAS                = 'POOMCONTACTS:FileAs';
    const FIRSTNAME             = 'POOMCONTACTS:FirstName';
    const HOME2PHONENUMBER      = 'POOMCONTACTS:Home2PhoneNumber';
    const HOMECITY              = 'POOMCONTACTS:HomeCity';
    const HOMECOUNTRY           = 'POOMCONTACTS:HomeCountry';
    const HOMEPOSTALCODE        = 'POOMCONTACTS:HomePostalCode';
    const HOMESTATE             = 'POOMCONTACTS:HomeState';
    const HOMESTREET            = 'POOMCONTACTS:HomeStreet';
    const HOMEFAXNUMBER         = 'POOMCONTACTS:HomeFaxNumber';
    const HOMEPHONENUMBER       = 'POOMCONTACTS:HomePhoneNumber';
    const JOBTITLE              = 'POOMCONTACTS:JobTitle';
    const LASTNAME              = 'POOMCONTACTS:LastName';
    const MIDDLENAME            = 'POOMCONTACTS:MiddleName';
    const MOBILEPHONENUMBER     = 'POOMCONTACTS:MobilePhoneNumber';
    const OFFICELOCATION        = 'POOMCONTACTS:OfficeLocation';
    const OTHERCITY             = 'POOMCONTACTS:OtherCity';
    const OTHERCOUNTRY          = 'POOMCONTACTS:OtherCountry';
    const OTHERPOSTALCODE       = 'POOMCONTACTS:OtherPostalCode';
    const OTHERSTATE            = 'POOMCONTACTS:OtherState';
    const OTHERSTREET           = 'POOMCONTACTS:OtherStreet';
    const PAGERNUMBER           = 'POOMCONTACTS:PagerNumber';
    const RADIOPHONENUMBER      = 'POOMCONTACTS:RadioPhoneNumber';
    const SPOUSE                = 'POOMCONTACTS:Spouse';
    const SUFFIX                = 'POOMCONTACTS:Suffix';
    const TITLE                 = 'POOMCONTACTS:Title';
    const WEBPAGE               = 'POOMCONTACTS:WebPage';
    const YOMICOMPANYNAME       = 'POOMCONTACTS:YomiCompanyName';
    const YOMIFIRSTNAME         = 'POOMCONTACTS:YomiFirstName';
    const YOMILASTNAME          = 'POOMCONTACTS:YomiLastName';
    const RTF                   = 'POOMCONTACTS:Rtf';
    const PICTURE               = 'POOMCONTACTS:Picture';

    /* Contacts2 code page */
    const CUSTOMERID            = 'POOMCONTACTS2:CustomerId';
    const GOVERNMENTID          = 'POOMCONTACTS2:GovernmentId';
    const IMADDRESS             = 'POOMCONTACTS2:IMAddress';
    const IMADDRESS2            = 'POOMCONTACTS2:IMAddress2';
    const IMADDRESS3            = 'POOMCONTACTS2:IMAddress3';
    const MANAGERNAME           = 'POOMCONTACTS2:ManagerName';
    const COMPANYMAINPHONE      = 'POOMCONTACTS2:CompanyMainPhone';
    const ACCOUNTNAME           = 'POOMCONTACTS2:AccountName';
    const NICKNAME              = 'POOMCONTACTS2:NickName';
    const MMS                   = 'POOMCONTACTS2:MMS';

    /* EAS 14.0: only in Recipient Information Cache responses */
    const ALIAS                 = 'POOMCONTACTS:Alias';
    const WEIGHTEDRANK          = 'POOMCONTACTS:WeightedRank';

    /**
     * The contact's categories (a real property, not a mapped one, as in
     * Horde).
     *
     * @var array
     */
    public $categories = array();

    protected $_mapping = array(
        self::ANNIVERSARY           => array(self::KEY_ATTRIBUTE => 'anniversary', self::KEY_TYPE => self::TYPE_DATE_DASHES),
        self::BIRTHDAY              => array(self::KEY_ATTRIBUTE => 'birthday', self::KEY_TYPE => self::TYPE_DATE_DASHES),
        self::WEBPAGE               => array(self::KEY_ATTRIBUTE => 'webpage'),
        self::CHILDREN              => array(self::KEY_ATTRIBUTE => 'children', self::KEY_VALUES => self::CHILD),
        self::BUSINESSCOUNTRY       => array(self::KEY_ATTRIBUTE => 'businesscountry'),
        self::DEPARTMENT            => array(self::KEY_ATTRIBUTE => 'department'),
        self::EMAIL1ADDRESS         => array(self::KEY_ATTRIBUTE => 'email1address'),
        self::EMAIL2ADDRESS         => array(self::KEY_ATTRIBUTE => 'email2address'),
        self::EMAIL3ADDRESS         => array(self::KEY_ATTRIBUTE => 'email3address'),
        self::BUSINESSFAXNUMBER     => array(self::KEY_ATTRIBUTE => 'businessfaxnumber'),
        self::FILEAS                => array(self::KEY_ATTRIBUTE => 'fileas'),
        self::FIRSTNAME             => array(self::KEY_ATTRIBUTE => 'firstname'),
        self::HOMECITY              => array(self::KEY_ATTRIBUTE => 'homecity'),
        self::HOMECOUNTRY           => array(self::KEY_ATTRIBUTE => 'homecountry'),
        self::HOMEFAXNUMBER         => array(self::KEY_ATTRIBUTE => 'homefaxnumber'),
        self::HOMEPHONENUMBER       => array(self::KEY_ATTRIBUTE => 'homephonenumber'),
        self::HOME2PHONENUMBER      => array(self::KEY_ATTRIBUTE => 'home2phonenumber'),
        self::HOMEPOSTALCODE        => array(self::KEY_ATTRIBUTE => 'homepostalcode'),
        self::HOMESTATE             => array(self::KEY_ATTRIBUTE => 'homestate'),
        self::HOMESTREET            => array(self::KEY_ATTRIBUTE => 'homestreet'),
        self::BUSINESSCITY          => array(self::KEY_ATTRIBUTE => 'businesscity'),
        self::MIDDLENAME            => array(self::KEY_ATTRIBUTE => 'middlename'),
        self::MOBILEPHONENUMBER     => array(self::KEY_ATTRIBUTE => 'mobilephonenumber'),
        self::SUFFIX                => array(self::KEY_ATTRIBUTE => 'suffix'),
        self::COMPANYNAME           => array(self::KEY_ATTRIBUTE => 'companyname'),
        self::OTHERCITY             => array(self::KEY_ATTRIBUTE => 'othercity'),
        self::OTHERCOUNTRY          => array(self::KEY_ATTRIBUTE => 'othercountry'),
        self::CARPHONENUMBER        => array(self::KEY_ATTRIBUTE => 'carphonenumber'),
        self::OTHERPOSTALCODE       => array(self::KEY_ATTRIBUTE => 'otherpostalcode'),
        self::OTHERSTATE            => array(self::KEY_ATTRIBUTE => 'otherstate'),
        self::OTHERSTREET           => array(self::KEY_ATTRIBUTE => 'otherstreet'),
        self::PAGERNUMBER           => array(self::KEY_ATTRIBUTE => 'pagernumber'),
        self::TITLE                 => array(self::KEY_ATTRIBUTE => 'title'),
        self::BUSINESSPOSTALCODE    => array(self::KEY_ATTRIBUTE => 'businesspostalcode'),
        self::ASSISTANTNAME         => array(self::KEY_ATTRIBUTE => 'assistantname'),
        self::ASSISTNAMEPHONENUMBER => array(self::KEY_ATTRIBUTE => 'assistnamephonenumber'),
        self::LASTNAME              => array(self::KEY_ATTRIBUTE => 'lastname'),
        self::SPOUSE                => array(self::KEY_ATTRIBUTE => 'spouse'),
        self::BUSINESSSTATE         => array(self::KEY_ATTRIBUTE => 'businessstate'),
        self::BUSINESSSTREET        => array(self::KEY_ATTRIBUTE => 'businessstreet'),
        self::BUSINESSPHONENUMBER   => array(self::KEY_ATTRIBUTE => 'businessphonenumber'),
        self::BUSINESS2PHONENUMBER  => array(self::KEY_ATTRIBUTE => 'business2phonenumber'),
        self::JOBTITLE              => array(self::KEY_ATTRIBUTE => 'jobtitle'),
        self::YOMIFIRSTNAME         => array(self::KEY_ATTRIBUTE => 'yomifirstname'),
        self::YOMILASTNAME          => array(self::KEY_ATTRIBUTE => 'yomilastname'),
        self::YOMICOMPANYNAME       => array(self::KEY_ATTRIBUTE => 'yomicompanyname'),
        self::OFFICELOCATION        => array(self::KEY_ATTRIBUTE => 'officelocation'),
        self::RADIOPHONENUMBER      => array(self::KEY_ATTRIBUTE => 'radiophonenumber'),
        self::CATEGORIES            => array(self::KEY_ATTRIBUTE => 'categories', self::KEY_VALUES => self::CATEGORY),
        self::PICTURE               => array(self::KEY_ATTRIBUTE => 'picture'),
        self::CUSTOMERID            => array(self::KEY_ATTRIBUTE => 'customerid'),
        self::GOVERNMENTID          => array(self::KEY_ATTRIBUTE => 'governmentid'),
        self::IMADDRESS             => array(self::KEY_ATTRIBUTE => 'imaddress'),
        self::IMADDRESS2            => array(self::KEY_ATTRIBUTE => 'imaddress2'),
        self::IMADDRESS3            => array(self::KEY_ATTRIBUTE => 'imaddress3'),
        self::MANAGERNAME           => array(self::KEY_ATTRIBUTE => 'managername'),
        self::COMPANYMAINPHONE      => array(self::KEY_ATTRIBUTE => 'companymainphone'),
        self::ACCOUNTNAME           => array(self::KEY_ATTRIBUTE => 'accountname'),
        self::NICKNAME              => array(self::KEY_ATTRIBUTE => 'nickname'),
        self::MMS                   => array(self::KEY_ATTRIBUTE => 'mms'),
    );

    protected $_properties = array(
        'anniversary'           => false,
        'assistantname'         => false,
        'assistnamephonenumber' => false,
        'birthday'              => false,
        'business2phonenumber'  => false,
        'businesscity'          => false,
        'businesscountry'       => false,
        'businesspostalcode'    => false,
        'businessstate'         => false,
        'businessstreet'        => false,
        'businessfaxnumber'     => false,
        'businessphonenumber'   => false,
        'carphonenumber'        => false,
        'children'              => array(),
        'companyname'           => false,
        'department'            => false,
        'email1address'         => false,
        'email2address'         => false,
        'email3address'         => false,
        'fileas'                => false,
        'firstname'             => false,
        'home2phonenumber'      => false,
        'homecity'              => false,
        'homecountry'           => false,
        'homepostalcode'        => false,
        'homestate'             => false,
        'homestreet'            => false,
        'homefaxnumber'         => false,
        'homephonenumber'       => false,
        'jobtitle'              => false,
        'lastname'              => false,
        'middlename'            => false,
        'mobilephonenumber'     => false,
        'officelocation'        => false,
        'othercity'             => false,
        'othercountry'          => false,
        'otherpostalcode'       => false,
        'otherstate'            => false,
        'otherstreet'           => false,
        'pagernumber'           => false,
        'radiophonenumber'      => false,
        'spouse'                => false,
        'suffix'                => false,
        'title'                 => false,
        'webpage'               => false,
        'yomicompanyname'       => false,
        'yomifirstname'         => false,
        'yomilastname'          => false,
        'picture'               => false,
        'categories'            => false,
        'customerid'            => false,
        'governmentid'          => false,
        'imaddress'             => false,
        'imaddress2'            => false,
        'imaddress3'            => false,
        'managername'           => false,
        'companymainphone'      => false,
        'accountname'           => false,
        'nickname'              => false,
        'mms'                   => false,
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
        if ($this->_version < Horde_ActiveSync::VERSION_TWELVE) {
            // EAS 2.5: the body in the Contacts page itself
            $this->_mapping += array(
                self::BODY          => array(self::KEY_ATTRIBUTE => 'body'),
                self::BODYSIZE      => array(self::KEY_ATTRIBUTE => 'bodysize'),
                self::BODYTRUNCATED => array(self::KEY_ATTRIBUTE => 'bodytruncated'),
                self::RTF           => array(self::KEY_ATTRIBUTE => 'rtf'),
            );
            $this->_properties += array(
                'body'          => false,
                'bodysize'      => false,
                'bodytruncated' => 0,
                'rtf'           => false,
            );
            return;
        }
        $this->_mapping += array(
            Horde_ActiveSync::AIRSYNCBASE_BODY => array(self::KEY_ATTRIBUTE => 'airsyncbasebody', self::KEY_TYPE => 'Horde_ActiveSync_Message_AirSyncBaseBody'),
        );
        $this->_properties += array('airsyncbasebody' => false);
        if ($this->_version > Horde_ActiveSync::VERSION_TWELVEONE) {
            $this->_mapping += array(
                self::ALIAS        => array(self::KEY_ATTRIBUTE => 'alias'),
                self::WEIGHTEDRANK => array(self::KEY_ATTRIBUTE => 'weightedrank'),
            );
            $this->_properties += array(
                'alias'        => false,
                'weightedrank' => false,
            );
        }
    }

    /**
     * @return string  The collection class: 'Contacts'.
     */
    public function getClass()
    {
        return 'Contacts';
    }

    /**
     * An EAS 2.5 body cut short still says so: BodyTruncated is written
     * empty when there is a body size.
     */
    protected function _checkSendEmpty($tag)
    {
        return $tag == self::BODYTRUNCATED && $this->bodysize > 0;
    }

    /**
     * Clients send birthdays as dates without a time or zone; they are
     * taken as UTC, then adjusted for the device's habits.
     */
    protected function _parseDate($ts)
    {
        $date = parent::_parseDate($ts);
        if (!$date) {
            return false;
        }
        if ($date->timezone != 'UTC') {
            $date->setTimezone('UTC');
        }
        return empty($this->_device)
            ? $date
            : $this->_device->normalizePoomContactsDates($date);
    }

    protected function _formatDate(Horde_Date $dt, $type)
    {
        if (!empty($this->_device)) {
            $dt = $this->_device->normalizePoomContactsDates($dt, true);
        }
        return parent::_formatDate($dt, $type);
    }

    /**
     * As the base class, with two device quirks for the picture: iOS 8.2+
     * sends an empty Picture element when it did not change the picture,
     * and iOS 4 sends no Supported list yet omits unchanged pictures.
     *
     * @param string $property
     * @param array $options  ignoreEmptyPictureTagCheck: skip the first quirk.
     *
     * @return boolean
     */
    public function isGhosted($property, $options = array())
    {
        if ($property == $this->_mapping[self::PICTURE][self::KEY_ATTRIBUTE] && !empty($this->_device)) {
            $sent = !empty($this->_exists[$property]);
            if (empty($options['ignoreEmptyPictureTagCheck']) &&
                $this->_device->hasQuirk(Horde_ActiveSync_Device::QUIRK_INCORRECTLY_SENDS_EMPTY_PICTURE_TAG) &&
                (!$sent || $this->{$property} == '')) {
                return true;
            }
            if (!$sent && empty($this->_supported) &&
                $this->_device->hasQuirk(Horde_ActiveSync_Device::QUIRK_NEEDS_SUPPORTED_PICTURE_TAG)) {
                return true;
            }
        }

        return parent::isGhosted($property);
    }
}
