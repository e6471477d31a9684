<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * What every command handler shares: the server's collaborators, the
 * policy-key check (HTTP 449 and the in-band provisioning statuses, remote
 * wipes) and the refusal of devices the server blocked.
 *
 * @package ActiveSync
 * @internal
 */
abstract class Horde_ActiveSync_Request_Base
{
    /**
     * @var Horde_ActiveSync_Driver_Base
     */
    protected $_driver;

    /**
     * @var Horde_ActiveSync_State_Base
     */
    protected $_state;

    /**
     * @var Horde_ActiveSync_Wbxml_Encoder
     */
    protected $_encoder;

    /**
     * @var Horde_ActiveSync_Wbxml_Decoder
     */
    protected $_decoder;

    /**
     * @var Horde_Controller_Request_Http
     */
    protected $_request;

    /**
     * Horde_ActiveSync::PROVISIONING_FORCE, _LOOSE or _NONE.
     *
     * @var boolean|string
     */
    protected $_provisioning;

    /**
     * The status to send on failure.
     *
     * @var integer
     */
    protected $_statusCode = 0;

    /**
     * @var Horde_ActiveSync
     */
    protected $_activeSync;

    /**
     * @var Horde_ActiveSync_Log_Logger
     */
    protected $_logger;

    /**
     * @var Horde_ActiveSync_Device
     */
    protected $_device;

    /**
     * @var integer
     */
    protected $_procid;

    /**
     * Commands that report the server's global errors (blocked device,
     * denied user) in their own response; every other command is refused
     * with HTTP 403 instead (Horde lets them run).
     *
     * @var boolean
     */
    protected $_reportsGlobalErrors = false;

    /**
     * @param Horde_ActiveSync $as  The server.
     */
    public function __construct(Horde_ActiveSync $as)
    {
        $this->_activeSync = $as;
        $this->_driver = $as->driver;
        $this->_encoder = $as->encoder;
        $this->_decoder = $as->decoder;
        $this->_request = $as->request;
        $this->_provisioning = $as->provisioning;
        $this->_state = $as->state;
        $this->_device = $as->device;
        $this->_procid = getmypid();
        $this->_logger = $as->logger ?: new Horde_ActiveSync_Log_Logger(new Horde_Log_Handler_Null());
    }

    /**
     * Whether the client's policy key is current. When it is not, the
     * response is already written: HTTP 449 (and, from EAS 14.0, the
     * command's status 142 or 144; 140 when a wipe is pending).
     *
     * @param string $sentKey      The client's policy key.
     * @param string $requestType  The command's root tag, for the in-band status.
     *
     * @return boolean
     */
    public function checkPolicyKey($sentKey, $requestType = null)
    {
        $this->_logger->meta(sprintf(
            'Checking policykey for device: %s user: %s', $this->_device->id, $this->_driver->getUser()));

        if (empty($sentKey) && !$this->_device->enforceProvisioning()
            && $this->_provisioning === Horde_ActiveSync::PROVISIONING_LOOSE) {
            $sentKey = null;
            $this->_logger->meta(sprintf(
                'Allowing %s to connect since PROVISIONING_LOOSE is true and device is either non-provisionable or has broken provisioning.',
                $this->_device->id));
        } elseif (empty($sentKey) && $this->_device->isNonProvisionable()) {
            $this->_logger->meta(sprintf('Allowing %s to connect since it is non-provisionable.', $this->_device->id));
            $sentKey = null;
        }

        if ($this->_provisioning === Horde_ActiveSync::PROVISIONING_NONE) {
            $this->_logger->info(sprintf('Policykey: %s verified.', $sentKey));
            return true;
        }

        $storedKey = $this->_state->getPolicyKey($this->_device->id);
        $this->_logger->meta(sprintf('Stored key: %s', $storedKey));

        if ($this->_wipePending()) {
            // HTTP 449 as well: clients before 14.0 read no status, and the
            // wipe reaches them only through Provision (Horde sends 140
            // alone, which such clients take for a success).
            $this->_activeSync->provisioningRequired();
            if ($this->_device->version > Horde_ActiveSync::VERSION_TWELVEONE) {
                $this->_requireProvisionWbxml($requestType, Horde_ActiveSync_Status::REMOTEWIPE_REQUESTED);
            }
            return false;
        }

        if ((empty($storedKey) || $storedKey != $sentKey)
            && ($this->_provisioning != Horde_ActiveSync::PROVISIONING_LOOSE || !is_null($sentKey))) {
            // Headers and, for clients that read it, the in-band status: some
            // clients claim 14.x but only react to one of them.
            $this->_activeSync->provisioningRequired();
            if ($this->_device->version > Horde_ActiveSync::VERSION_TWELVEONE) {
                // MS-ASPROV 3.2.5.1.2: 142 when the client sent no key, 144
                // when it sent one we do not know (Horde sends 142 for both).
                $this->_requireProvisionWbxml($requestType, empty($sentKey)
                    ? Horde_ActiveSync_Status::DEVICE_NOT_PROVISIONED
                    : Horde_ActiveSync_Status::INVALID_POLICY_KEY);
            }
            return false;
        }

        $this->_logger->info(sprintf('Policykey: %s verified.', $sentKey));
        return true;
    }

    /**
     * Whether a full wipe, or (EAS 16.1) an account-only wipe, waits for
     * this device.
     *
     * @return boolean
     */
    protected function _wipePending()
    {
        if ($this->_state->getDeviceRWStatus($this->_device->id) == Horde_ActiveSync::RWSTATUS_PENDING) {
            return true;
        }
        if (!method_exists($this->_state, 'getAccountOnlyRWStatus')) {
            return false;
        }
        if ($this->_state->getAccountOnlyRWStatus($this->_device->id) != Horde_ActiveSync::RWSTATUS_ACCOUNTONLY_PENDING) {
            return false;
        }
        if ($this->_device->version < Horde_ActiveSync::VERSION_SIXTEENONE) {
            $this->_logger->warn(sprintf(
                'Account-only wipe pending for %s, but the device speaks %s (16.1 needed).',
                $this->_device->id, $this->_device->version));
            return false;
        }
        return true;
    }

    /**
     * @param Horde_Log_Logger $logger
     */
    public function setLogger(Horde_Log_Logger $logger)
    {
        $this->_logger = Horde_ActiveSync::_wrapLogger($logger);
    }

    /**
     * Handles the request.
     *
     * @return string|boolean  true, a content type, or false on failure.
     */
    public function handle()
    {
        $this->_logger->info(sprintf(
            '%sRequest being handled for device: %s, of type: %s, supporting protocol version: %s, using Horde_ActiveSync v%s',
            str_repeat('-', 10), $this->_device->id, $this->_device->deviceType, $this->_device->version,
            Horde_ActiveSync::LIBRARY_VERSION));
        $this->_logger->meta(sprintf('GET VARIABLES: %s', print_r($this->_activeSync->getGetVars(), true)));
        $this->_logger->meta(sprintf('%sDevice data: %s', str_repeat('-', 10), $this->_device->__toString()));

        if (!$this->_reportsGlobalErrors && ($error = $this->_activeSync->checkGlobalError())) {
            $this->_logger->err(sprintf('Refusing the request: status %d.', $error));
            if (!headers_sent()) {
                header('HTTP/1.1 403 Forbidden', true, 403);
            }
            return true;
        }
        try {
            return $this->_handle();
        } catch (Exception $e) {
            $this->_logger->err($e->getMessage());
            throw $e;
        }
    }

    /**
     * Whether the client went away (it stops streamed responses early).
     *
     * @return boolean
     */
    protected function _clientDisconnected()
    {
        return connection_status() != CONNECTION_NORMAL;
    }

    /**
     * Forgets the throw-away device Android registers while validating an
     * account (it is never used again).
     */
    protected function _cleanUpAfterPairing()
    {
        if ($this->_device->id == 'validate') {
            $this->_logger->meta('Removing state for bogus VALIDATE device.');
            $this->_state->removeState(['devId' => 'validate']);
        }
    }

    /**
     * Writes "<requestType><Status>status</Status></requestType>", the
     * Status of the command's own code page (Horde writes AirSync:Status
     * whatever the command, which clients of FolderSync or Ping do not
     * read as their status).
     *
     * @param string $requestType  The command's root tag.
     * @param integer $status
     */
    protected function _requireProvisionWbxml($requestType, $status)
    {
        $pos = strpos((string)$requestType, ':');
        $this->_encoder->startWBXML();
        $this->_encoder->startTag($requestType);
        $this->_encoder->startTag($pos === false ? Horde_ActiveSync::SYNC_STATUS : substr($requestType, 0, $pos) . ':Status');
        $this->_encoder->content($status);
        $this->_encoder->endTag();
        $this->_encoder->endTag();
    }

    /**
     * @return string|boolean
     */
    abstract protected function _handle();
}
