<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * The security policy a Provision response carries: the EAS 2.5 XML
 * document (MS-WAP-Provisioning-XML) or the EASProvisionDoc of EAS 12.0
 * and later, from the driver's getCurrentPolicy() over Horde's defaults.
 * Settings equal to their default are not sent.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Policies
{
    const POLICY_PIN                     = 'DevicePasswordEnabled';
    const POLICY_AEFVALUE                = 'MaxInactivityTimeDeviceLock';
    const POLICY_CODEFREQ                = 'codewordfrequency';
    const POLICY_MINLENGTH               = 'MinDevicePasswordLength';
    const POLICY_COMPLEXITY              = 'AlphanumericDevicePasswordRequired';
    const POLICY_ENCRYPTION              = 'DeviceEncryptionEnabled';
    const POLICY_ATC                     = 'AttachmentsEnabled';
    const POLICY_MAXATCSIZE              = 'MaxAttachmentSize';
    const POLICY_MAXFAILEDATTEMPTS       = 'MaxDevicePasswordFailedAttempts';
    const POLICY_ALLOW_SDCARD            = 'AllowStorageCard';
    const POLICY_ALLOW_CAMERA            = 'AllowCamera';
    const POLICY_ALLOW_SMS               = 'AllowTextMessaging';
    const POLICY_ALLOW_WIFI              = 'AllowWiFi';
    const POLICY_ALLOW_BLUETOOTH         = 'AllowBluetooth';
    const POLICY_ALLOW_POPIMAP           = 'AllowPOPIMAPEmail';
    const POLICY_ALLOW_BROWSER           = 'AllowBrowser';
    const POLICY_REQUIRE_SMIME_SIGNED    = 'RequireSignedSMIMEMessages';
    const POLICY_REQUIRE_SMIME_ENCRYPTED = 'RequireEncryptedSMIMEMessages';
    const POLICY_DEVICE_ENCRYPTION       = 'RequireDeviceEncryption';
    const POLICY_ALLOW_HTML              = 'AllowHTMLEmail';
    const POLICY_MAX_EMAIL_AGE           = 'MaxEmailAgeFilter';
    const POLICY_ROAMING_NOPUSH          = 'RequireManualSyncWhenRoaming';

    /**
     * Defaults of every version.
     *
     * @var array
     */
    protected $_defaults = [
        self::POLICY_PIN               => false,
        self::POLICY_AEFVALUE          => '0',
        self::POLICY_MAXFAILEDATTEMPTS => '5',
        self::POLICY_CODEFREQ          => '0',
        self::POLICY_MINLENGTH         => '5',
    ];

    /**
     * Defaults from EAS 12.0 on.
     *
     * @var array
     */
    protected $_defaults_twelve = [
        self::POLICY_ATC        => '1',
        self::POLICY_ENCRYPTION => '0',
        self::POLICY_MAXATCSIZE => '5000000',
        self::POLICY_COMPLEXITY => '0',
    ];

    /**
     * Defaults from EAS 12.1 on (1 allows, 0 forbids).
     *
     * @var array
     */
    protected $_defaults_twelveone = [
        self::POLICY_ALLOW_SDCARD            => '1',
        self::POLICY_ALLOW_CAMERA            => '1',
        self::POLICY_ALLOW_SMS               => '1',
        self::POLICY_ALLOW_WIFI              => '1',
        self::POLICY_ALLOW_BLUETOOTH         => '1',
        self::POLICY_ALLOW_POPIMAP           => '1',
        self::POLICY_ALLOW_BROWSER           => '1',
        self::POLICY_REQUIRE_SMIME_ENCRYPTED => '0',
        self::POLICY_REQUIRE_SMIME_SIGNED    => '0',
        self::POLICY_DEVICE_ENCRYPTION       => '0',
        self::POLICY_ALLOW_HTML              => '1',
        self::POLICY_MAX_EMAIL_AGE           => '0',
        self::POLICY_ROAMING_NOPUSH          => '0',
    ];

    /**
     * The driver's settings.
     *
     * @var array
     */
    protected $_overrides;

    /**
     * @var Horde_ActiveSync_Wbxml_Encoder
     */
    protected $_encoder;

    /**
     * @var string
     */
    protected $_version;

    /**
     * Defaults and overrides merged.
     *
     * @var array
     */
    protected $_policies = [];

    /**
     * @param Horde_ActiveSync_Wbxml_Encoder $encoder  Where the policy goes.
     * @param string $version    The protocol version.
     * @param array $policies    Policy name => value.
     */
    public function __construct(
        Horde_ActiveSync_Wbxml_Encoder $encoder = null,
        $version = Horde_ActiveSync::VERSION_TWELVEONE,
        array $policies = [])
    {
        $this->_encoder = $encoder;
        if ($version >= Horde_ActiveSync::VERSION_TWELVE) {
            $this->_defaults = array_merge($this->_defaults, $this->_defaults_twelve);
        }
        if ($version >= Horde_ActiveSync::VERSION_TWELVEONE) {
            $this->_defaults = array_merge($this->_defaults, $this->_defaults_twelveone);
        }
        $this->_version = $version;
        $this->_overrides = $policies;
    }

    /**
     * @return string[]  Every policy name the version knows.
     */
    public function getAvailablePolicies()
    {
        return array_keys($this->_defaults);
    }

    /**
     * Whether a device of this version can apply the policy: a client older
     * than 12.1 knows none of the 12.1 settings, so they must keep their
     * defaults.
     *
     * @return boolean
     */
    public function validatePolicyVersion()
    {
        if ($this->_version >= Horde_ActiveSync::VERSION_TWELVEONE) {
            return true;
        }
        foreach ($this->_getPolicies() as $name => $value) {
            if (isset($this->_defaults_twelveone[$name]) && $this->_defaults_twelveone[$name] != $value) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the EAS 2.5 policy document (Provision:Data as text).
     *
     * @throws Horde_ActiveSync_Exception
     */
    public function toXml()
    {
        if (empty($this->_encoder)) {
            throw new Horde_ActiveSync_Exception('No output stream');
        }
        $policies = array_merge($this->_defaults, $this->_overrides);
        $pin = !empty($policies[self::POLICY_PIN]);
        // 4131: "require a PIN" is its negation, 0 when a PIN is required.
        $xml = '<wap-provisioningdoc><characteristic type="SecurityPolicy">'
            . '<parm name="4131" value="' . ($pin ? 0 : 1) . '"/></characteristic>';
        if ($pin) {
            $lockAfter = !empty($policies[self::POLICY_AEFVALUE]) ? $policies[self::POLICY_AEFVALUE] : null;
            $xml .= '<characteristic type="Registry">'
                . '<characteristic type="HKLM\Comm\Security\Policy\LASSD\AE\{50C13377-C66D-400C-889E-C316FC4AB374}">'
                . '<parm name="AEFrequencyType" value="' . ($lockAfter ? 1 : 0) . '"/>'
                . ($lockAfter ? '<parm name="AEFrequencyValue" value="' . $this->_xml($lockAfter) . '"/>' : '')
                . '</characteristic>';
            if (!empty($policies[self::POLICY_MAXFAILEDATTEMPTS])) {
                $xml .= '<characteristic type="HKLM\Comm\Security\Policy\LASSD"><parm name="DeviceWipeThreshold" value="'
                    . $this->_xml($policies[self::POLICY_MAXFAILEDATTEMPTS]) . '"/></characteristic>';
            }
            if (!empty($policies[self::POLICY_CODEFREQ])) {
                $xml .= '<characteristic type="HKLM\Comm\Security\Policy\LASSD"><parm name="CodewordFrequency" value="'
                    . $this->_xml($policies[self::POLICY_CODEFREQ]) . '"/></characteristic>';
            }
            if (!empty($policies[self::POLICY_MINLENGTH])) {
                $xml .= '<characteristic type="HKLM\Comm\Security\Policy\LASSD\LAP\lap_pw"><parm name="MinimumPasswordLength" value="'
                    . $this->_xml($policies[self::POLICY_MINLENGTH]) . '"/></characteristic>';
            }
            if (isset($policies[self::POLICY_COMPLEXITY]) && $policies[self::POLICY_COMPLEXITY] !== false) {
                $xml .= '<characteristic type="HKLM\Comm\Security\Policy\LASSD\LAP\lap_pw"><parm name="PasswordComplexity" value="'
                    . $this->_xml($policies[self::POLICY_COMPLEXITY]) . '"/></characteristic>';
            }
            $xml .= '</characteristic>';
        }
        $this->_encoder->content($xml . '</wap-provisioningdoc>');
    }

    /**
     * Writes the EASProvisionDoc (EAS 12.0 and later).
     *
     * @throws Horde_ActiveSync_Exception
     */
    public function toWbxml()
    {
        if (empty($this->_encoder)) {
            throw new Horde_ActiveSync_Exception('No output stream');
        }
        $policies = $this->_getPolicies();
        $this->_encoder->startTag('Provision:EASProvisionDoc');
        $this->_sendPolicy(self::POLICY_PIN, $policies[self::POLICY_PIN] ? '1' : '0');
        if ($policies[self::POLICY_PIN]) {
            // Horde sends AlphanumericDevicePasswordRequired twice (its raw
            // value, then as 0/1); once, as the boolean MS-ASPROV defines.
            $this->_sendPolicy(self::POLICY_COMPLEXITY, $policies[self::POLICY_COMPLEXITY] >= 1 ? '1' : '0', true);
            $this->_sendPolicy(self::POLICY_MINLENGTH, $policies[self::POLICY_MINLENGTH], true);
            $this->_sendPolicy(self::POLICY_MAXFAILEDATTEMPTS, $policies[self::POLICY_MAXFAILEDATTEMPTS], true);
        }
        $this->_sendPolicy(self::POLICY_ENCRYPTION, $policies[self::POLICY_ENCRYPTION], true);
        $this->_sendPolicy(self::POLICY_ATC, $policies[self::POLICY_ATC], false);
        $this->_sendPolicy(self::POLICY_AEFVALUE, $policies[self::POLICY_AEFVALUE], true);
        $this->_sendPolicy(self::POLICY_MAXATCSIZE, $policies[self::POLICY_MAXATCSIZE], true);
        if ($this->_version > Horde_ActiveSync::VERSION_TWELVE) {
            foreach ([self::POLICY_ALLOW_SDCARD, self::POLICY_ALLOW_CAMERA, self::POLICY_DEVICE_ENCRYPTION,
                      self::POLICY_ALLOW_WIFI, self::POLICY_ALLOW_SMS, self::POLICY_ALLOW_POPIMAP,
                      self::POLICY_ALLOW_BLUETOOTH, self::POLICY_ROAMING_NOPUSH, self::POLICY_ALLOW_HTML,
                      self::POLICY_MAX_EMAIL_AGE, self::POLICY_REQUIRE_SMIME_SIGNED,
                      self::POLICY_REQUIRE_SMIME_ENCRYPTED, self::POLICY_ALLOW_BROWSER] as $name) {
                $this->_sendPolicy($name, $policies[$name], true);
            }
        }
        $this->_encoder->endTag();
    }

    /**
     * @param string $policy
     * @param mixed $value
     * @param boolean $nodefault  Skip the setting when it has its default.
     */
    protected function _sendPolicy($policy, $value, $nodefault = false)
    {
        if ($nodefault && isset($this->_defaults[$policy]) && $value == $this->_defaults[$policy]) {
            return;
        }
        if ($value === false) {
            $value = 0;
        } elseif ($value === true) {
            $value = 1;
        }
        $this->_encoder->startTag('Provision:' . $policy);
        $this->_encoder->content((string)$value);
        $this->_encoder->endTag();
    }

    /**
     * @return array  Defaults and overrides.
     */
    protected function _getPolicies()
    {
        if (empty($this->_policies)) {
            $this->_policies = array_merge($this->_defaults, $this->_overrides);
        }
        return $this->_policies;
    }

    /**
     * A value for an XML attribute.
     */
    protected function _xml($value)
    {
        return htmlspecialchars((string)$value, ENT_QUOTES | ENT_XML1, 'UTF-8');
    }
}
