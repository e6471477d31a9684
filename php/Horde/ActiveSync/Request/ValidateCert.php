<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * ValidateCert (MS-ASCMD 2.2.1.22): are these S/MIME certificates valid
 * and trusted (by the bundle of setRootCertificatePath())?
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_ValidateCert extends Horde_ActiveSync_Request_SyncBase
{
    const VALIDATECERT_VALIDATECERT     = 'ValidateCert:ValidateCert';
    const VALIDATECERT_CERTIFICATES     = 'ValidateCert:Certificates';
    const VALIDATECERT_CERTIFICATE      = 'ValidateCert:Certificate';
    const VALIDATECERT_CERTIFICATECHAIN = 'ValidateCert:CertificateChain';
    const VALIDATECERT_CHECKCRL         = 'ValidateCert:CheckCRL';
    const VALIDATECERT_STATUS           = 'ValidateCert:Status';

    const STATUS_SUCCESS                = 1;
    const STATUS_PROTERR                = 2;
    const STATUS_SIGERR                 = 3;
    const STATUS_UNTRUSTED              = 4;
    const STATUS_EXPIRED                = 7;
    const STATUS_PURPOSE_INVALID        = 9;
    const STATUS_MISSING_INFO           = 10;
    const STATUS_UNKNOWN                = 17;

    /** Certificates one request may ask about. */
    const MAX_CERTIFICATES = 100;

    /**
     * @return boolean
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _handle()
    {
        $this->_logger->meta('Handling ValidateCertificate command.');
        if (!$this->_decoder->getElementStartTag(self::VALIDATECERT_VALIDATECERT)) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('No ValidateCert.');
        }
        $certificates = [];
        $chain = [];
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            if ($tag == self::VALIDATECERT_CERTIFICATES || $tag == self::VALIDATECERT_CERTIFICATECHAIN) {
                $listOpen = $this->_enter();
                while ($listOpen && ($inner = $this->_nextChild()) !== null) {
                    if ($inner == self::VALIDATECERT_CERTIFICATE) {
                        if ($tag == self::VALIDATECERT_CERTIFICATES) {
                            $certificates[] = $this->_content();
                        } else {
                            $chain[] = $this->_content();
                        }
                    } else {
                        $this->_skipElement();
                    }
                }
            } else {
                $this->_skipElement();
            }
        }
        $status = count($certificates) > self::MAX_CERTIFICATES ? self::STATUS_PROTERR : self::STATUS_SUCCESS;

        $this->_encoder->startWBXML();
        $this->_encoder->startTag(self::VALIDATECERT_VALIDATECERT);
        $this->_element(self::VALIDATECERT_STATUS, $status);
        if ($status == self::STATUS_SUCCESS) {
            foreach ($certificates as $certificate) {
                $this->_encoder->startTag(self::VALIDATECERT_CERTIFICATE);
                $this->_element(self::VALIDATECERT_STATUS, $this->_validate($certificate, $chain));
                $this->_encoder->endTag();
            }
        }
        $this->_encoder->endTag();
        return true;
    }

    /**
     * @param string $certificate  Base64 DER.
     * @param array $chain         Base64 DER intermediates.
     *
     * @return integer  A status.
     */
    protected function _validate($certificate, array $chain)
    {
        $der = base64_decode((string)$certificate, true);
        if ($der === false || $der === '' || !function_exists('openssl_x509_parse')) {
            return self::STATUS_MISSING_INFO;
        }
        $pem = $this->_pem($der);
        $parsed = @openssl_x509_parse($pem, false);
        if (!$parsed) {
            return self::STATUS_MISSING_INFO;
        }
        $now = time();
        if ($parsed['validFrom_time_t'] > $now || $parsed['validTo_time_t'] < $now) {
            return self::STATUS_EXPIRED;
        }
        $cas = [];
        if ($this->_activeSync->certPath) {
            $cas[] = $this->_activeSync->certPath;
        }
        $untrusted = null;
        if ($chain) {
            $untrusted = tempnam(sys_get_temp_dir(), 'eas-chain');
            foreach ($chain as $link) {
                $linkDer = base64_decode((string)$link, true);
                if ($linkDer !== false) {
                    file_put_contents($untrusted, $this->_pem($linkDer), FILE_APPEND);
                }
            }
        }
        $result = @openssl_x509_checkpurpose($pem, X509_PURPOSE_SMIME_SIGN, $cas, $untrusted);
        if ($untrusted) {
            unlink($untrusted);
        }
        if ($result === true) {
            return self::STATUS_SUCCESS;
        }
        // false: untrusted or not for S/MIME (openssl does not say which);
        // -1: it could not tell.
        return $result === false ? self::STATUS_UNTRUSTED : self::STATUS_UNKNOWN;
    }

    protected function _pem($der)
    {
        return "-----BEGIN CERTIFICATE-----\n" . chunk_split(base64_encode($der), 64, "\n") . "-----END CERTIFICATE-----\n";
    }

    protected function _element($tag, $content)
    {
        $this->_encoder->startTag($tag);
        $this->_encoder->content($content);
        $this->_encoder->endTag();
    }
}
