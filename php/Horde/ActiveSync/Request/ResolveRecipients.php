<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * ResolveRecipients (MS-ASCMD 2.2.1.15): recipients resolved against the
 * directory, with certificates, availability (14.0) and pictures (14.1).
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_ResolveRecipients extends Horde_ActiveSync_Request_SyncBase
{
    const TAG_RESOLVERECIPIENTS      = 'ResolveRecipients:ResolveRecipients';
    const TAG_RESPONSE               = 'ResolveRecipients:Response';
    const TAG_STATUS                 = 'ResolveRecipients:Status';
    const TAG_TYPE                   = 'ResolveRecipients:Type';
    const TAG_RECIPIENT              = 'ResolveRecipients:Recipient';
    const TAG_DISPLAYNAME            = 'ResolveRecipients:DisplayName';
    const TAG_EMAILADDRESS           = 'ResolveRecipients:EmailAddress';
    const TAG_CERTIFICATES           = 'ResolveRecipients:Certificates';
    const TAG_CERTIFICATE            = 'ResolveRecipients:Certificate';
    const TAG_MINICERTIFICATE        = 'ResolveRecipients:MiniCertificate';
    const TAG_OPTIONS                = 'ResolveRecipients:Options';
    const TAG_TO                     = 'ResolveRecipients:To';
    const TAG_CERTIFICATERETRIEVAL   = 'ResolveRecipients:CertificateRetrieval';
    const TAG_RECIPIENTCOUNT         = 'ResolveRecipients:RecipientCount';
    const TAG_MAXCERTIFICATES        = 'ResolveRecipients:MaxCertificates';
    const TAG_MAXAMBIGUOUSRECIPIENTS = 'ResolveRecipients:MaxAmbiguousRecipients';
    const TAG_CERTIFICATECOUNT       = 'ResolveRecipients:CertificateCount';
    const TAG_MAXSIZE                = 'ResolveRecipients:MaxSize';
    const TAG_DATA                   = 'ResolveRecipients:Data';
    const TAG_PICTURE                = 'ResolveRecipients:Picture';
    const TAG_MAXPICTURES            = 'ResolveRecipients:MaxPictures';
    const TAG_AVAILABILITY           = 'ResolveRecipients:Availability';
    const TAG_STARTTIME              = 'ResolveRecipients:StartTime';
    const TAG_ENDTIME                = 'ResolveRecipients:EndTime';
    const TAG_MERGEDFREEBUSY         = 'ResolveRecipients:MergedFreeBusy';

    const CERT_RETRIEVAL_NONE        = 1;
    const CERT_RETRIEVAL_FULL        = 2;
    const CERT_RETRIEVAL_MINI        = 3;

    const STATUS_SUCCESS             = 1;
    const STATUS_PROTERR             = 5;
    const STATUS_SERVERERR           = 6;

    const STATUS_RESPONSE_SUCCESS    = 1;
    const STATUS_RESPONSE_AMBSUGG    = 2;
    const STATUS_RESPONSE_NONE       = 4;

    const STATUS_CERT_SUCCESS        = 1;
    const STATUS_CERT_NOCERT         = 7;
    const STATUS_LIMIT               = 8;

    const STATUS_AVAIL_SUCCESS       = 1;
    const STATUS_AVAIL_MAXRECIPIENTS = 160;
    const STATUS_AVAIL_MAXLIST       = 161;
    const STATUS_AVAIL_TEMPFAILURE   = 162;
    const STATUS_AVAIL_NOTFOUND      = 163;

    /** MS-ASCMD 2.2.3.177: at most 100 recipients per request. */
    const MAX_RECIPIENTS = 100;

    /**
     * @return boolean
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _handle()
    {
        $this->_logger->meta('Handling RESOLVERECIPIENTS command.');
        if (!$this->checkPolicyKey($this->_activeSync->getPolicyKey(), self::TAG_RESOLVERECIPIENTS)) {
            return true;
        }
        if (!$this->_decoder->getElementStartTag(self::TAG_RESOLVERECIPIENTS)) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('No ResolveRecipients.');
        }
        $to = [];
        $options = [];
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            if ($tag == self::TAG_TO) {
                $to[] = $this->_content();
            } elseif ($tag == self::TAG_OPTIONS) {
                $this->_parseOptions($options);
            } else {
                $this->_skipElement();
            }
        }
        $status = count($to) > self::MAX_RECIPIENTS || !$to ? self::STATUS_PROTERR : self::STATUS_SUCCESS;

        $results = [];
        if ($status == self::STATUS_SUCCESS) {
            $driverOptions = [
                'maxcerts' => !empty($options[self::TAG_MAXCERTIFICATES]) ? $options[self::TAG_MAXCERTIFICATES] : false,
                'maxambiguous' => !empty($options[self::TAG_MAXAMBIGUOUSRECIPIENTS]) ? $options[self::TAG_MAXAMBIGUOUSRECIPIENTS] : false,
                'starttime' => !empty($options[self::TAG_STARTTIME]) ? new Horde_Date($options[self::TAG_STARTTIME], 'utc') : false,
                'endtime' => !empty($options[self::TAG_ENDTIME]) ? new Horde_Date($options[self::TAG_ENDTIME], 'utc') : false,
                'pictures' => !empty($options[self::TAG_PICTURE]),
                'maxsize' => !empty($options[self::TAG_MAXSIZE]) ? $options[self::TAG_MAXSIZE] : false,
                'maxpictures' => !empty($options[self::TAG_MAXPICTURES]) ? $options[self::TAG_MAXPICTURES] : false,
            ];
            try {
                foreach ($to as $item) {
                    $results[$item] = (array)$this->_driver->resolveRecipient(
                        isset($options[self::TAG_CERTIFICATERETRIEVAL]) ? 'certificate' : 'availability',
                        $item, $driverOptions);
                }
            } catch (Horde_ActiveSync_Exception $e) {
                $this->_logger->err($e->getMessage());
                $status = self::STATUS_SERVERERR;
            }
        }

        $this->_encoder->startWBXML();
        $this->_encoder->startTag(self::TAG_RESOLVERECIPIENTS);
        $this->_element(self::TAG_STATUS, $status);
        if ($status == self::STATUS_SUCCESS) {
            foreach ($to as $item) {
                $this->_response($item, $results[$item], $options);
            }
        }
        $this->_encoder->endTag();
        return true;
    }

    protected function _parseOptions(array &$options)
    {
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case self::TAG_CERTIFICATERETRIEVAL:
            case self::TAG_MAXCERTIFICATES:
            case self::TAG_MAXAMBIGUOUSRECIPIENTS:
                $options[$tag] = $this->_content();
                break;
            case self::TAG_AVAILABILITY:
            case self::TAG_PICTURE:
                $options[$tag] = true;
                $inner = $this->_enter();
                while ($inner && ($field = $this->_nextChild()) !== null) {
                    if (in_array($field, [self::TAG_STARTTIME, self::TAG_ENDTIME, self::TAG_MAXSIZE, self::TAG_MAXPICTURES], true)) {
                        $options[$field] = $this->_content();
                    } else {
                        $this->_skipElement();
                    }
                }
                break;
            default:
                $this->_skipElement();
            }
        }
    }

    protected function _response($item, array $results, array $options)
    {
        $this->_encoder->startTag(self::TAG_RESPONSE);
        $this->_element(self::TAG_TO, $item);
        $this->_element(self::TAG_STATUS, !$results ? self::STATUS_RESPONSE_NONE
            : (count($results) > 1 ? self::STATUS_RESPONSE_AMBSUGG : self::STATUS_RESPONSE_SUCCESS));
        $this->_element(self::TAG_RECIPIENTCOUNT, count($results));
        foreach ($results as $value) {
            $this->_encoder->startTag(self::TAG_RECIPIENT);
            $this->_element(self::TAG_TYPE, $value['type']);
            $this->_element(self::TAG_DISPLAYNAME, $value['displayname']);
            $this->_element(self::TAG_EMAILADDRESS, $value['emailaddress']);
            $retrieval = isset($options[self::TAG_CERTIFICATERETRIEVAL]) ? (int)$options[self::TAG_CERTIFICATERETRIEVAL] : 0;
            if ($retrieval > self::CERT_RETRIEVAL_NONE) {
                $entries = isset($value['entries']) ? (array)$value['entries'] : [];
                $this->_encoder->startTag(self::TAG_CERTIFICATES);
                $this->_element(self::TAG_STATUS, $entries ? self::STATUS_CERT_SUCCESS : self::STATUS_CERT_NOCERT);
                $this->_element(self::TAG_CERTIFICATECOUNT, count($entries));
                foreach ($entries as $cert) {
                    $this->_element($retrieval == self::CERT_RETRIEVAL_MINI ? self::TAG_MINICERTIFICATE : self::TAG_CERTIFICATE, $cert);
                }
                $this->_encoder->endTag();
            }
            if (isset($options[self::TAG_AVAILABILITY])) {
                $this->_encoder->startTag(self::TAG_AVAILABILITY);
                $this->_element(self::TAG_STATUS, empty($value['availability'])
                    ? self::STATUS_AVAIL_NOTFOUND : self::STATUS_AVAIL_SUCCESS);
                if (!empty($value['availability'])) {
                    $this->_element(self::TAG_MERGEDFREEBUSY, $value['availability']);
                }
                $this->_encoder->endTag();
            }
            if ($this->_device->version >= Horde_ActiveSync::VERSION_FOURTEENONE
                && isset($options[self::TAG_PICTURE]) && !empty($value['picture'])) {
                $this->_encoder->startTag(self::TAG_PICTURE);
                $value['picture']->encodeStream($this->_encoder);
                $this->_encoder->endTag();
            }
            $this->_encoder->endTag();
        }
        $this->_encoder->endTag();
    }

    protected function _element($tag, $content)
    {
        $this->_encoder->startTag($tag);
        $this->_encoder->content($content);
        $this->_encoder->endTag();
    }
}
