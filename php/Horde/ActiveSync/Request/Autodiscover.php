<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Autodiscover (MS-ASCMD 2.2.1.1): the server URL for a mail address, as
 * POX (the mobilesync and outlook schemas) or, for version 2 requests
 * (autodiscover.json), JSON. It authenticates on its own: the address is
 * the user name.
 *
 * The request is XML from an unauthenticated client: read without
 * network access or entity expansion, answered with every value escaped
 * (Horde inserts the values as they come).
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_Autodiscover extends Horde_ActiveSync_Request_Base
{
    const MOBILESYNC_REQUEST  = 'http://schemas.microsoft.com/exchange/autodiscover/mobilesync/requestschema/2006';
    const MOBILESYNC_RESPONSE = 'http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006';
    const OUTLOOK_RESPONSE    = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';
    const RESPONSE_SCHEMA     = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';

    /** The largest request accepted. */
    const MAX_REQUEST = 65536;

    /**
     * @param Horde_ActiveSync $as
     * @param Horde_ActiveSync_Device $device  Unused (no device yet).
     */
    public function __construct(Horde_ActiveSync $as, $device = null)
    {
        parent::__construct($as);
    }

    /**
     * @param Horde_Controller_Request_Http $request
     *
     * @return string  The content type.
     * @throws Horde_Exception_AuthenticationFailure
     */
    public function handle($request = null)
    {
        $request = $request ?: $this->_request;
        $server = $request->getServerVars();
        if (!empty($server['REQUEST_URI']) && stripos($server['REQUEST_URI'], 'autodiscover/autodiscover.json') !== false) {
            $get = $request->getGetVars();
            $params = ['protocol' => isset($get['Protocol']) ? (string)$get['Protocol'] : ''];
            $results = $this->_driver->autoDiscover($params, 2);
            if (!empty($results['url'])) {
                $this->_encoder->getStream()->add(json_encode(['Protocol' => $params['protocol'], 'Url' => $results['url']]));
            }
            return 'application/json';
        }

        $fields = $this->_parseRequest();
        $credentials = new Horde_ActiveSync_Credentials($this->_activeSync);
        if ($fields === null && empty($credentials->username)) {
            throw new Horde_Exception_AuthenticationFailure('No username provided.');
        }
        if ($fields !== null && $fields['email'] !== '') {
            // Autodiscover authenticates with the address (some Android
            // clients send no body and their address as the user name).
            $credentials->username = $fields['email'];
        }
        if (!$this->_activeSync->authenticate($credentials)) {
            throw new Horde_Exception_AuthenticationFailure();
        }
        $params = $fields !== null
            ? ['request_schema' => $fields['schema'], 'response_schema' => $fields['response']]
            : ['request_schema' => self::MOBILESYNC_REQUEST, 'response_schema' => self::MOBILESYNC_RESPONSE];
        $results = (array)$this->_driver->autoDiscover($params);
        $this->_encoder->getStream()->add(!empty($results['raw_xml'])
            ? $results['raw_xml']
            : $this->_buildResponseString($results + $params));
        return 'text/xml';
    }

    protected function _handle()
    {
    }

    /**
     * The request's address and schemas; null without a usable body.
     */
    protected function _parseRequest()
    {
        $body = $this->_decoder->getStream()->getString(0, self::MAX_REQUEST + 1);
        if (trim((string)$body) === '' || strlen($body) > self::MAX_REQUEST) {
            return null;
        }
        $reader = new XMLReader();
        if (!@$reader->XML($body, 'UTF-8', LIBXML_NONET)) {
            return null;
        }
        $fields = ['email' => '', 'schema' => '', 'response' => ''];
        $previous = libxml_use_internal_errors(true);
        while (@$reader->read()) {
            if ($reader->nodeType == XMLReader::DOC_TYPE) {
                // No DTDs: nothing an unauthenticated client sends needs one.
                $fields = null;
                break;
            }
            if ($reader->nodeType != XMLReader::ELEMENT) {
                continue;
            }
            switch (strtolower($reader->localName)) {
            case 'request':
                $fields['schema'] = (string)$reader->namespaceURI;
                break;
            case 'emailaddress':
                $fields['email'] = trim($reader->readString());
                break;
            case 'acceptableresponseschema':
                $fields['response'] = trim($reader->readString());
                break;
            }
        }
        libxml_clear_errors();
        libxml_use_internal_errors($previous);
        if ($fields === null || ($fields['email'] === '' && $fields['schema'] === '')) {
            return null;
        }
        return $fields;
    }

    /**
     * The response document for the request's schema.
     *
     * @param array $p  request_schema, response_schema, culture,
     *                  display_name, email, url, username, imap, pop, smtp.
     *
     * @return string
     */
    protected function _buildResponseString(array $p)
    {
        $x = function ($key, $from = null) use ($p) {
            $from = $from === null ? $p : $from;
            return htmlspecialchars(isset($from[$key]) ? (string)$from[$key] : '', ENT_XML1 | ENT_QUOTES, 'UTF-8');
        };
        $schema = isset($p['request_schema']) ? (string)$p['request_schema'] : '';
        if ($schema === '' || stripos($schema, 'autodiscover/mobilesync') !== false) {
            return '<?xml version="1.0" encoding="utf-8"?>' . "\n"
                . '<Autodiscover xmlns="' . self::RESPONSE_SCHEMA . '">'
                . '<Response xmlns="' . self::MOBILESYNC_RESPONSE . '">'
                . '<Culture>' . ($x('culture') ?: 'en:en') . '</Culture>'
                . '<User><DisplayName>' . $x('display_name') . '</DisplayName>'
                . '<EMailAddress>' . $x('email') . '</EMailAddress></User>'
                . '<Action><Settings><Server><Type>MobileSync</Type>'
                . '<Url>' . $x('url') . '</Url><Name>' . $x('url') . '</Name>'
                . '</Server></Settings></Action></Response></Autodiscover>';
        }
        if (stripos($schema, 'autodiscover/outlook') === false || empty($p['response_schema'])) {
            return $this->_buildFailureResponse(isset($p['email']) ? $p['email'] : '', '600',
                !empty($p['response_schema']) ? $p['response_schema'] : self::OUTLOOK_RESPONSE);
        }
        $xml = '<?xml version="1.0" encoding="utf-8"?>' . "\n"
            . '<Autodiscover xmlns="' . self::RESPONSE_SCHEMA . '">'
            . '<Response xmlns="' . $x('response_schema') . '">'
            . '<User><DisplayName>' . $x('display_name') . '</DisplayName></User>'
            . '<Account><AccountType>email</AccountType><Action>settings</Action>';
        foreach (['imap' => 'IMAP', 'pop' => 'POP3', 'smtp' => 'SMTP'] as $key => $type) {
            if (empty($p[$key]) || !is_array($p[$key])) {
                continue;
            }
            $xml .= '<Protocol><Type>' . $type . '</Type>'
                . '<Server>' . $x('host', $p[$key]) . '</Server>'
                . '<Port>' . $x('port', $p[$key]) . '</Port>'
                . '<LoginName>' . $x('username') . '</LoginName>'
                . '<DomainRequired>off</DomainRequired><SPA>off</SPA>'
                . '<Encryption>' . $this->_encryption($p[$key]) . '</Encryption>'
                . '<AuthRequired>on</AuthRequired>'
                . ($key == 'smtp' ? '<UsePOPAuth>' . (!empty($p[$key]['popauth']) ? 'on' : 'off') . '</UsePOPAuth>' : '')
                . '</Protocol>';
        }
        return $xml . '</Account></Response></Autodiscover>';
    }

    protected function _encryption(array $settings)
    {
        if (!empty($settings['encryption'])) {
            return htmlspecialchars((string)$settings['encryption'], ENT_XML1 | ENT_QUOTES, 'UTF-8');
        }
        return !empty($settings['ssl']) ? 'SSL' : 'None';
    }

    /**
     * An error document (600: invalid request, 601: no provider).
     */
    protected function _buildFailureResponse($email, $status, $responseSchema)
    {
        return '<?xml version="1.0" encoding="utf-8"?>' . "\n"
            . '<Autodiscover xmlns="' . self::RESPONSE_SCHEMA . '">'
            . '<Response xmlns="' . htmlspecialchars($responseSchema, ENT_XML1 | ENT_QUOTES, 'UTF-8') . '">'
            . '<Culture>en:us</Culture>'
            . '<User><EMailAddress>' . htmlspecialchars($email, ENT_XML1 | ENT_QUOTES, 'UTF-8') . '</EMailAddress></User>'
            . '<Action><Error><Status>' . (int)$status . '</Status>'
            . '<Message>Unable to autoconfigure the supplied email address.</Message>'
            . '<DebugData>MailUser</DebugData></Error></Action></Response></Autodiscover>';
    }
}
