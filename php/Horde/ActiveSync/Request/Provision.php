<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Provision (MS-ASPROV): the policy download (phase 2, a temporary key and
 * the policy), the acknowledgement (phase 3, the final key), remote wipes
 * (full, and the EAS 16.1 account-only wipe) and their acknowledgements.
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_Provision extends Horde_ActiveSync_Request_Base
{
    const STATUS_SUCCESS           = 1;
    const STATUS_PROTERROR         = 2; // global status
    const STATUS_NOTDEFINED        = 2; // policy status
    const STATUS_SERVERERROR       = 3; // global
    const STATUS_POLICYUNKNOWN     = 3; // policy
    const STATUS_DEVEXTMANAGED     = 4; // global
    const STATUS_POLICYCORRUPT     = 4; // policy
    const STATUS_POLKEYMISM        = 5;

    /* What the client reports after applying the policy. */
    const STATUS_CLIENT_SUCCESS    = 1;
    const STATUS_CLIENT_PARTIAL    = 2;
    const STATUS_CLIENT_FAILED     = 3;
    const STATUS_CLIENT_THIRDPARTY = 4;

    const PROVISION_ACCOUNTONLYREMOTEWIPE = 'Provision:AccountOnlyRemoteWipe';

    protected $_reportsGlobalErrors = true;

    /**
     * @return boolean
     */
    protected function _handle()
    {
        $status = self::STATUS_SUCCESS;
        $policyStatus = self::STATUS_SUCCESS;
        $policytype = null;
        $policykey = null;
        $deviceinfo = false;

        if ($error = $this->_activeSync->checkGlobalError()) {
            $this->_globalError($error);
            return true;
        }

        $phase2 = true;
        if (!$this->_decoder->getElementStartTag(Horde_ActiveSync::PROVISION_PROVISION)) {
            return $this->_globalError(self::STATUS_PROTERROR);
        }

        // A wipe acknowledgement alone (Android sends it so).
        if (($wipe = $this->_wipeAcknowledgement()) !== null) {
            if ($wipe === false) {
                return $this->_globalError(self::STATUS_PROTERROR);
            }
            $policytype = $this->_device->version < Horde_ActiveSync::VERSION_TWELVE
                ? Horde_ActiveSync::POLICYTYPE_XML
                : Horde_ActiveSync::POLICYTYPE_WBXML;
        } else {
            if ($deviceinfo = $this->_handleSettings()) {
                $deviceinfo['version'] = $this->_device->version;
                $this->_device->setDeviceProperties($deviceinfo);
                $this->_device->save();
            }
            if (!$this->_decoder->getElementStartTag(Horde_ActiveSync::PROVISION_POLICIES)
                || !$this->_decoder->getElementStartTag(Horde_ActiveSync::PROVISION_POLICY)) {
                return $this->_globalError(self::STATUS_PROTERROR);
            }
            if (!$this->_decoder->getElementStartTag(Horde_ActiveSync::PROVISION_POLICYTYPE)) {
                // iOS 5 sends a Status before its wipe acknowledgement.
                if ($this->_decoder->getElementStartTag(Horde_ActiveSync::PROVISION_STATUS)) {
                    $this->_decoder->getElementContent();
                    $this->_decoder->getElementEndTag();
                }
            } else {
                $policytype = $this->_decoder->getElementContent();
                $expected = $this->_device->version < Horde_ActiveSync::VERSION_TWELVE
                    ? Horde_ActiveSync::POLICYTYPE_XML
                    : Horde_ActiveSync::POLICYTYPE_WBXML;
                if ($policytype !== $expected) {
                    $this->_logger->err(sprintf('EAS %s expects policy type %s, not %s.',
                        $this->_device->version, $expected, $policytype));
                    $policyStatus = self::STATUS_POLICYUNKNOWN;
                }
                if (!$this->_decoder->getElementEndTag()) {
                    return $this->_globalError(self::STATUS_PROTERROR);
                }
            }

            // Only the acknowledgement (phase 3) carries a key.
            if ($this->_decoder->getElementStartTag(Horde_ActiveSync::PROVISION_POLICYKEY)) {
                $policykey = $this->_decoder->getElementContent();
                $this->_logger->meta(sprintf('PHASE 3 policykey sent from client: %s', $policykey));
                if (!$this->_decoder->getElementEndTag()
                    || !$this->_decoder->getElementStartTag(Horde_ActiveSync::PROVISION_STATUS)) {
                    return $this->_globalError(self::STATUS_PROTERROR);
                }
                if ($this->_decoder->getElementContent() != self::STATUS_CLIENT_SUCCESS) {
                    $this->_logger->err('Policy not accepted by device: ' . $this->_device->id);
                    if ($this->_provisioning == Horde_ActiveSync::PROVISIONING_LOOSE) {
                        $this->_sendNoProvisionNeededResponse($status);
                        return true;
                    }
                    $policyStatus = self::STATUS_POLICYCORRUPT;
                }
                if (!$this->_decoder->getElementEndTag()) {
                    return $this->_globalError(self::STATUS_PROTERROR);
                }
                $phase2 = false;
            }
            if (!$this->_decoder->getElementEndTag() || !$this->_decoder->getElementEndTag()) {
                return $this->_globalError(self::STATUS_PROTERROR);
            }
            if ($this->_wipeAcknowledgement() === false) {
                return $this->_globalError(self::STATUS_PROTERROR);
            }
        }

        if (!$this->_decoder->getElementEndTag()) {
            return $this->_globalError(self::STATUS_PROTERROR);
        }

        if ($this->_provisioning === false) {
            $this->_sendNoProvisionNeededResponse($status);
            return true;
        }
        if ($policytype === null) {
            $policytype = $this->_device->version < Horde_ActiveSync::VERSION_TWELVE
                ? Horde_ActiveSync::POLICYTYPE_XML
                : Horde_ActiveSync::POLICYTYPE_WBXML;
        }

        $this->_encoder->startWBXML();

        if (!$phase2) {
            // The acknowledgement must name the key phase 2 handed out.
            $this->_logger->meta(sprintf('Verifying Phase 3 policykey: From Device: %s, Stored: %s',
                $policykey, $this->_device->policykey));
            if ($this->_state->getPolicyKey($this->_device->id) != $policykey) {
                $policyStatus = self::STATUS_POLKEYMISM;
            } else {
                $policykey = $this->_state->generatePolicyKey();
                $this->_state->setPolicyKey($this->_device->id, $policykey);
                $this->_state->setDeviceRWStatus($this->_device->id, Horde_ActiveSync::RWSTATUS_OK);
            }
            $this->_cleanUpAfterPairing();
        } else {
            $policykey = $this->_state->generatePolicyKey();
            $this->_logger->meta(sprintf('Generating PHASE2 policykey: %s', $policykey));
            $this->_state->setPolicyKey($this->_device->id, $policykey);
        }

        // Horde builds the policy only in PROVISIONING_FORCE mode and then
        // fails on the missing object in 'loose' mode; it is always needed.
        $policy = new Horde_ActiveSync_Policies(
            $this->_encoder, $this->_device->version, (array)$this->_driver->getCurrentPolicy($deviceinfo));
        if ($phase2 && $status == self::STATUS_SUCCESS && $policyStatus == self::STATUS_SUCCESS
            && $this->_provisioning === Horde_ActiveSync::PROVISIONING_FORCE && !$policy->validatePolicyVersion()) {
            $this->_handleVersionMismatch();
            return true;
        }

        $this->_encoder->startTag(Horde_ActiveSync::PROVISION_PROVISION);
        $this->_encoder->startTag(Horde_ActiveSync::PROVISION_STATUS);
        $this->_encoder->content($status);
        $this->_encoder->endTag();
        $this->_encoder->startTag(Horde_ActiveSync::PROVISION_POLICIES);
        $this->_encoder->startTag(Horde_ActiveSync::PROVISION_POLICY);
        $this->_encoder->startTag(Horde_ActiveSync::PROVISION_POLICYTYPE);
        $this->_encoder->content($policytype);
        $this->_encoder->endTag();
        $this->_encoder->startTag(Horde_ActiveSync::PROVISION_STATUS);
        $this->_encoder->content($policyStatus);
        $this->_encoder->endTag();
        $this->_encoder->startTag(Horde_ActiveSync::PROVISION_POLICYKEY);
        $this->_encoder->content($policykey);
        $this->_encoder->endTag();
        if ($phase2 && $status == self::STATUS_SUCCESS && $policyStatus == self::STATUS_SUCCESS) {
            $this->_encoder->startTag(Horde_ActiveSync::PROVISION_DATA);
            if ($policytype == Horde_ActiveSync::POLICYTYPE_XML) {
                $policy->toXml();
            } else {
                $policy->toWbxml();
            }
            $this->_encoder->endTag();
        }
        $this->_encoder->endTag(); // Policy
        $this->_encoder->endTag(); // Policies

        $rwstatus = $this->_state->getDeviceRWStatus($this->_device->id);
        if ($rwstatus == Horde_ActiveSync::RWSTATUS_PENDING || $rwstatus == Horde_ActiveSync::RWSTATUS_WIPED) {
            $this->_encoder->startTag(Horde_ActiveSync::PROVISION_REMOTEWIPE, false, true);
            $this->_state->setDeviceRWStatus($this->_device->id, Horde_ActiveSync::RWSTATUS_WIPED);
        } elseif ($this->_device->version >= Horde_ActiveSync::VERSION_SIXTEENONE
            && method_exists($this->_state, 'getAccountOnlyRWStatus')) {
            $accountOnly = $this->_state->getAccountOnlyRWStatus($this->_device->id);
            if ($accountOnly == Horde_ActiveSync::RWSTATUS_ACCOUNTONLY_PENDING
                || $accountOnly == Horde_ActiveSync::RWSTATUS_ACCOUNTONLY_WIPED) {
                $this->_encoder->startTag(self::PROVISION_ACCOUNTONLYREMOTEWIPE, false, true);
            }
        }
        $this->_encoder->endTag(); // Provision
        return true;
    }

    /**
     * Reads a RemoteWipe or (16.1) AccountOnlyRemoteWipe acknowledgement,
     * recording a successful wipe.
     *
     * @return boolean|null  null when there is none, false when malformed.
     */
    protected function _wipeAcknowledgement()
    {
        $accountOnly = false;
        if (!$this->_decoder->getElementStartTag(Horde_ActiveSync::PROVISION_REMOTEWIPE)) {
            if ($this->_device->version < Horde_ActiveSync::VERSION_SIXTEENONE
                || !$this->_decoder->getElementStartTag(self::PROVISION_ACCOUNTONLYREMOTEWIPE)) {
                return null;
            }
            $accountOnly = true;
        }
        if (!$this->_decoder->getElementStartTag(Horde_ActiveSync::PROVISION_STATUS)) {
            return false;
        }
        $status = $this->_decoder->getElementContent();
        if (!$this->_decoder->getElementEndTag() || !$this->_decoder->getElementEndTag()) {
            return false;
        }
        if ($status != self::STATUS_CLIENT_SUCCESS) {
            $this->_logger->err(sprintf('Device %s reports a failed wipe: %s', $this->_device->id, $status));
            return true;
        }
        if ($accountOnly) {
            $this->_state->setAccountOnlyRWStatus(
                $this->_device->id, $this->_device->user, Horde_ActiveSync::RWSTATUS_ACCOUNTONLY_WIPED);
        } else {
            $this->_state->setDeviceRWStatus($this->_device->id, Horde_ActiveSync::RWSTATUS_WIPED);
        }
        return true;
    }

    /**
     * The response when the server needs no provisioning.
     *
     * @param integer $status
     */
    protected function _sendNoProvisionNeededResponse($status)
    {
        $this->_encoder->startWBXML();
        $this->_encoder->startTag(Horde_ActiveSync::PROVISION_PROVISION);
        $this->_encoder->startTag(Horde_ActiveSync::PROVISION_STATUS);
        $this->_encoder->content($status);
        $this->_encoder->endTag();
        $this->_encoder->startTag(Horde_ActiveSync::PROVISION_POLICIES);
        $this->_encoder->startTag(Horde_ActiveSync::PROVISION_POLICY);
        $this->_encoder->startTag(Horde_ActiveSync::PROVISION_STATUS);
        $this->_encoder->content(self::STATUS_NOTDEFINED);
        $this->_encoder->endTag();
        $this->_encoder->endTag();
        $this->_encoder->endTag();
        $this->_encoder->endTag();
    }

    /**
     * Writes a Provision with only a Status.
     *
     * @param integer $status
     *
     * @return boolean  false: the request failed.
     */
    protected function _globalError($status)
    {
        $this->_encoder->startWBXML();
        $this->_encoder->startTag(Horde_ActiveSync::PROVISION_PROVISION);
        $this->_encoder->startTag(Horde_ActiveSync::PROVISION_STATUS);
        $this->_encoder->content($status);
        $this->_encoder->endTag();
        $this->_encoder->endTag();
        // The status is the answer (Horde returns false: HTTP 500 instead).
        return true;
    }

    /**
     * The DeviceInformation of EAS 14.1's Provision.
     *
     * @return array|boolean  Settings name => value, false when absent.
     */
    protected function _handleSettings()
    {
        if (!$this->_decoder->getElementStartTag(Horde_ActiveSync_Request_Settings::SETTINGS_DEVICEINFORMATION)) {
            return false;
        }
        if (!$this->_decoder->getElementStartTag(Horde_ActiveSync_Request_Settings::SETTINGS_SET)) {
            return false;
        }
        $settings = Horde_ActiveSync::messageFactory('DeviceInformation');
        $settings->decodeStream($this->_decoder);
        $info = Horde_ActiveSync_Request_Settings::deviceInformation($settings);
        $this->_decoder->getElementEndTag();
        $this->_decoder->getElementEndTag();
        return $info;
    }

    /**
     * The response for a device too old for the required policy.
     */
    protected function _handleVersionMismatch()
    {
        $this->_encoder->startTag(Horde_ActiveSync::PROVISION_PROVISION);
        $this->_encoder->startTag(Horde_ActiveSync::PROVISION_STATUS);
        $this->_encoder->content(Horde_ActiveSync_Status::DEVICE_NOT_FULLY_PROVISIONABLE);
        $this->_encoder->endTag();
        $this->_encoder->endTag();
    }
}
