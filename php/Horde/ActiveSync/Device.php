<?php
/**
 * Horde_ActiveSync_Device: one device of one user, as the state backend
 * stores it (id, type, user agent, policy key, wipe status, supported
 * fields, device properties), plus what the protocol layer needs to know
 * about the client behind it (family, OS version, quirks, multiplexing).
 *
 * Known properties are in $this->properties (a serialized array in
 * horde_activesync_device.device_properties); the version, OS, multiplex
 * bitmask, announced version and blocked flag live there too.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
class Horde_ActiveSync_Device
{
    const MODEL             = 'Settings:Model';
    const IMEI              = 'Settings:IMEI';
    const NAME              = 'Settings:FriendlyName';
    const OS                = 'Settings:OS';
    const OS_LANGUAGE       = 'Settings:OSLanguage';
    const PHONE_NUMBER      = 'Settings:PhoneNumber';
    const OPERATOR          = 'Settings:MobileOperator';
    const VERSION           = 'version';
    const MULTIPLEX         = 'multiplex';
    const ANNOUNCED_VERSION = 'announcedVersion';
    const BLOCKED           = 'blocked';

    const MULTIPLEX_CONTACTS = 1;
    const MULTIPLEX_CALENDAR = 2;
    const MULTIPLEX_TASKS    = 4;
    const MULTIPLEX_NOTES    = 8;

    const TYPE_IPHONE     = 'iphone';
    const TYPE_IPOD       = 'ipod';
    const TYPE_IPAD       = 'ipad';
    const TYPE_WEBOS      = 'webos';
    const TYPE_ANDROID    = 'android';
    const TYPE_BLACKBERRY = 'blackberry';
    const TYPE_WP         = 'windowsphone';
    const TYPE_TOUCHDOWN  = 'touchdown';
    const TYPE_UNKNOWN    = 'unknown';
    const TYPE_NINE       = 'nine';
    const TYPE_GMAIL      = 'gmail';

    /** iOS 4 only shows contact pictures when the Picture tag is in Supported. */
    const QUIRK_NEEDS_SUPPORTED_PICTURE_TAG = 1;
    /** iOS 8.2+ sends an empty Picture when it means "unchanged". */
    const QUIRK_INCORRECTLY_SENDS_EMPTY_PICTURE_TAG = 2;
    /** Outlook reads TNEF (winmail.dat) itself. */
    const QUIRK_SUPPORTS_TNEF = 3;

    /** Properties stored inside 'properties' but read and written as top-level. */
    protected const NESTED = [self::MULTIPLEX, self::ANNOUNCED_VERSION, self::BLOCKED, self::VERSION, self::OS];

    protected $_properties = [];
    protected $_state;
    protected $_dirty = [];
    protected $_multiplexSet = false;
    protected $_clientType;
    protected $_iOSVersion;

    public function __construct(Horde_ActiveSync_State_Base $state, array $data = [])
    {
        $this->_state = $state;
        $this->_properties = $data;
    }

    public function &__get($property)
    {
        $value = null;
        if ($property === self::MULTIPLEX && !$this->_multiplexSet
            && empty($this->_properties['properties'][self::MULTIPLEX])) {
            // Nothing forced: guess from the client, and remember a guess
            // that differs from what is stored (a guess of 0 that is
            // already stored, or left unset, is not written again).
            $guess = $this->_sniffMultiplex();
            if ((int)$guess !== (int)($this->_properties['properties'][self::MULTIPLEX] ?? 0)) {
                $this->multiplex = $guess;
                $this->save();
            } else {
                $this->_multiplexSet = true;
            }
        }
        if ($property === 'clientType') {
            if (!isset($this->_clientType)) {
                $this->_clientType = $this->_getClientType();
            }
            $value = $this->_clientType;
        } elseif (in_array($property, self::NESTED, true)) {
            $value = $this->_properties['properties'][$property] ?? null;
        } elseif ($property === 'properties') {
            $value = $this->_properties['properties'] ?? [];
        } elseif (isset($this->_properties[$property])) {
            $value = $this->_properties[$property];
        }
        return $value;
    }

    public function __set($property, $value)
    {
        if (in_array($property, self::NESTED, true)) {
            if ($property === self::MULTIPLEX) {
                $this->_multiplexSet = true;
            }
            $stored = $this->_properties['properties'] ?? [];
            if (!array_key_exists($property, $stored) || $stored[$property] != $value) {
                $this->setDeviceProperties([$property => $value]);
            }
        } elseif ($property === 'clientType') {
            $this->_clientType = $value;
        } elseif (!isset($this->_properties[$property]) || $value != $this->_properties[$property]) {
            $this->_properties[$property] = $value;
            $this->_dirty[$property] = true;
        }
    }

    public function __isset($property)
    {
        // As __get() reads them: the nested ones from 'properties'.
        if (in_array($property, self::NESTED, true)) {
            return !empty($this->_properties['properties'][$property]);
        }
        return !empty($this->_properties[$property]);
    }

    /** Records the versions the client announced; true when they changed since last time. */
    public function needsVersionUpdate($supported)
    {
        $known = $this->properties[self::ANNOUNCED_VERSION] ?? null;
        if ($known == $supported) {
            return false;
        }
        $this->setDeviceProperties([self::ANNOUNCED_VERSION => $supported]);
        return !empty($known);
    }

    /** Clients that cannot apply policies (Outlook, Microsoft's connectivity tester). */
    public function isNonProvisionable()
    {
        return strpos((string)$this->deviceType, 'MicrosoftOutlook') !== false
            || strpos((string)$this->userAgent, 'Outlook') !== false
            || $this->deviceType === 'TestActiveSyncConnectivity';
    }

    public function enforceProvisioning()
    {
        $agent = (string)$this->userAgent;
        if (strpos($agent, 'Android') !== false) {
            // Android's stock client before EAS 1.2 cannot provision.
            return preg_match('@EAS[/-]?([.0-9]{2,})@', $agent, $m) && $m[1] > 1.2;
        }
        return !$this->isNonProvisionable();
    }

    public function setDeviceProperties(array $data)
    {
        $data = array_merge($this->properties, $data);
        if (empty($data['userAgent']) && !empty($this->_properties['userAgent'])) {
            $data['userAgent'] = $this->_properties['userAgent'];
        }
        $this->_properties['properties'] = $data;
        $this->_dirty['properties'] = true;
    }

    /** Label => value, for administrators and users. */
    public function getFormattedDeviceProperties()
    {
        $data = [
            Horde_ActiveSync_Translation::t('Id') => $this->id,
            Horde_ActiveSync_Translation::t('Policy Key') => $this->policykey,
            Horde_ActiveSync_Translation::t('User Agent') => $this->userAgent,
        ];
        $labels = [
            self::MODEL => 'Model', self::IMEI => 'IMEI', self::NAME => 'Common Name',
            self::OPERATOR => 'Mobile Operator', self::OS => 'OS', self::OS_LANGUAGE => 'OS Language',
            self::PHONE_NUMBER => 'Phone Number', self::VERSION => 'EAS Version',
            self::MULTIPLEX => 'Forced Multiplexed Bitmask',
        ];
        foreach ($labels as $key => $label) {
            if (!empty($this->properties[$key])) {
                $data[Horde_ActiveSync_Translation::t($label)] = $this->properties[$key];
            }
        }
        return $data;
    }

    public function getLastSyncTimestamp()
    {
        return $this->_state->getLastSyncTimestamp($this->id, $this->user);
    }

    public function save($all = true)
    {
        if ($all) {
            // Writes the properties too.
            $this->_state->setDeviceInfo($this, $this->_dirty);
        } elseif (!empty($this->_dirty['properties'])) {
            $this->_state->setDeviceProperties($this->properties, $this->id);
        }
        $this->_dirty = [];
    }

    public function getMajorVersion()
    {
        return $this->_versionPart(1);
    }

    public function getMinorVersion()
    {
        return $this->_versionPart(2);
    }

    /**
     * Birthdays and anniversaries: each client family stores these all-day
     * dates at its own time of day; map between that and a plain date.
     */
    public function normalizePoomContactsDates($date, $toEas = false)
    {
        $type = Horde_String::lower((string)$this->clientType);
        $time = null;
        switch ($type) {
        case self::TYPE_WP:
        case 'wp8':
        case 'wp':
        case self::TYPE_GMAIL:
            $time = '';
            break;
        case self::TYPE_ANDROID:
            if (stripos((string)$this->deviceType, 'samsung') === 0) {
                $time = '';
            } elseif ($this->getMajorVersion() >= 4 && $this->getMajorVersion() <= 10) {
                $time = ' 08:00:00';
            }
            break;
        case self::TYPE_IPAD:
        case self::TYPE_IPHONE:
        case self::TYPE_IPOD:
            if ($this->getMajorVersion() < 5) {
                return $toEas
                    ? new Horde_Date($date->format('Y-m-d'), 'UTC')
                    : new Horde_Date($date->format('Y-m-d'));
            }
            $time = ' 00:00:00';
            break;
        case self::TYPE_NINE:
            $time = ' 00:00:00';
            break;
        case self::TYPE_BLACKBERRY:
            $time = ' 11:00:00';
            break;
        }
        if ($time === null) {
            return $date;
        }
        if ($toEas) {
            return new Horde_Date($date->format('Y-m-d') . $time, 'UTC');
        }
        $date = new Horde_Date($date->format('Y-m-d'));
        return $date->setTimezone('UTC');
    }

    public function hasQuirk($quirk)
    {
        switch ($quirk) {
        case self::QUIRK_NEEDS_SUPPORTED_PICTURE_TAG:
            return $this->_isIos() && $this->getMajorVersion() == 4;
        case self::QUIRK_INCORRECTLY_SENDS_EMPTY_PICTURE_TAG:
            return $this->_isIos() && $this->getMajorVersion() >= 8 && $this->getMinorVersion() > 1;
        case self::QUIRK_SUPPORTS_TNEF:
            return strpos((string)$this->deviceType, 'MicrosoftOutlook') !== false
                || strpos((string)$this->deviceType, 'WindowsOutlook') !== false
                || strpos((string)$this->userAgent, 'Outlook') !== false;
        default:
            return false;
        }
    }

    public function __toString()
    {
        return serialize($this->_properties);
    }

    /** Part $n (1 major, 2 minor) of the client's OS or app version; 0 if unknown. */
    protected function _versionPart($n)
    {
        $agent = (string)$this->userAgent;
        $os = (string)($this->properties[self::OS] ?? '');
        switch (Horde_String::lower((string)$this->clientType)) {
        case self::TYPE_BLACKBERRY:
            return preg_match('/(.+)\/(.+)/', $agent, $m) ? $m[2] : 0;
        case self::TYPE_IPOD:
        case self::TYPE_IPAD:
        case self::TYPE_IPHONE:
            if (empty($this->_iOSVersion)) {
                $this->_iOSVersion = $this->_getIosVersion();
            }
            return preg_match('/(\d+)\.(\d+)/', (string)$this->_iOSVersion, $m) ? $m[$n] : 0;
        case self::TYPE_NINE:
            if ($n == 2) {
                return 0;
            }
            // Nine reports its version like Android does.
        case self::TYPE_ANDROID:
            if ($os !== '' && preg_match('/(\d+)\.(\d+)/', $os, $m)) {
                return $m[$n];
            }
            if (preg_match('/Android\/(\d+)\.(\d+)/', $agent, $m)) {
                return $m[$n];
            }
            return preg_match('/(.+)\/(\d+)\.(\d+)/', $agent, $m) ? $m[$n + 1] : 0;
        case self::TYPE_TOUCHDOWN:
            return preg_match('/(.+)\/(\d+)\.(\d+)/', $agent, $m) ? $m[$n + 1] : 0;
        }
        return 0;
    }

    protected function _getIosVersion()
    {
        $os = (string)($this->properties[self::OS] ?? '');
        if ($os !== '' && preg_match('/\d+\.\d+\.?\d?/', $os, $m)) {
            return $m[0];
        }
        foreach (Horde_ActiveSync_Device_Ios::$VERSION_MAP as $build => $version) {
            if (preg_match('/\w+\/(' . preg_quote((string)$build, '/') . ')$/', (string)$this->userAgent)) {
                return $version;
            }
        }
        return null;
    }

    protected function _getClientType()
    {
        $os = (string)($this->properties[self::OS] ?? '');
        $agent = (string)$this->userAgent;
        if (stripos($os, 'Android') === false
            && Horde_String::lower((string)$this->deviceType) != self::TYPE_ANDROID) {
            return $this->deviceType;
        }
        if (strpos($agent, 'TouchDown') !== false) {
            return self::TYPE_TOUCHDOWN;
        }
        if ($this->_isNine()) {
            return self::TYPE_NINE;
        }
        if (stripos($agent, 'Android-Mail') !== false) {
            return self::TYPE_GMAIL;
        }
        return stripos($agent, 'Android') !== false ? $this->deviceType : self::TYPE_ANDROID;
    }

    /** Nine's device ids are hex-encoded and start with "nine". */
    protected function _isNine()
    {
        $id = (string)$this->id;
        return $id !== '' && strlen($id) % 2 == 0 && ctype_xdigit($id)
            && stripos((string)hex2bin($id), 'nine') === 0;
    }

    /** Which PIM classes this client can only show as one folder each. */
    protected function _sniffMultiplex()
    {
        $all = self::MULTIPLEX_CONTACTS | self::MULTIPLEX_CALENDAR | self::MULTIPLEX_NOTES | self::MULTIPLEX_TASKS;
        $agent = (string)$this->userAgent;
        if ($this->_isIos()) {
            return self::MULTIPLEX_NOTES;
        }
        if (Horde_String::lower((string)$this->clientType) == self::TYPE_ANDROID) {
            if (stripos((string)$this->deviceType, 'samsung') === 0
                || stripos((string)$this->model, 'HTCOnemini2') === 0
                || $this->deviceType == 'HTCOnemini2') {
                return $all;
            }
            if (strpos($agent, 'Android-Mail/7.5') !== false) {
                return 0;
            }
            $os = (string)($this->properties[self::OS] ?? '');
            if (preg_match('/(\d+\.\d+(\.\d+)*)/', $os, $m) && version_compare($m[0], '4.4.0') >= 0) {
                return self::MULTIPLEX_NOTES | self::MULTIPLEX_CONTACTS | self::MULTIPLEX_TASKS;
            }
            return $all;
        }
        if (strpos($agent, 'MSFT-WP/8.10') !== false) {
            return self::MULTIPLEX_CONTACTS;
        }
        if (strpos($agent, 'MSFT-WP/8.0') !== false || $this->deviceType == 'WP8') {
            return self::MULTIPLEX_CONTACTS | self::MULTIPLEX_CALENDAR;
        }
        if (strpos($agent, 'MSFT-PPC') !== false || $this->deviceType == 'PocketPC') {
            return $all;
        }
        if (strpos($agent, 'Outlook/15.0') !== false || strpos($agent, 'Outlook/16.0') !== false) {
            return self::MULTIPLEX_CONTACTS;
        }
        return 0;
    }

    protected function _isIos()
    {
        $agent = (string)$this->userAgent;
        return strpos((string)($this->properties[self::OS] ?? ''), 'iOS') === 0
            || strpos($agent, 'iOS') === 0
            || strpos($agent, 'Apple-') === 0
            || in_array(Horde_String::lower((string)$this->clientType),
                        [self::TYPE_IPAD, self::TYPE_IPOD, self::TYPE_IPHONE], true);
    }
}
