<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * The credentials of a request: HTTP Basic (as PHP saw it, or from an
 * Authorization header a rewrite passed on), or a bare user name from the
 * query when the client authenticates with a certificate.
 *
 * @property string $username        The user name (false when none).
 * @property-read string $password   The password (false when none).
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Credentials
{
    /**
     * @var Horde_ActiveSync
     */
    protected $_server;

    /**
     * [user name, password].
     *
     * @var array
     */
    protected $_credentials = [];

    /**
     * @param Horde_ActiveSync $server
     */
    public function __construct(Horde_ActiveSync $server)
    {
        $this->_server = $server;
        $this->_credentials = $this->_getCredentials();
    }

    public function __get($property)
    {
        switch ($property) {
        case 'username':
            return !empty($this->_credentials[0]) ? $this->_credentials[0] : false;
        case 'password':
            return !empty($this->_credentials[1]) ? $this->_credentials[1] : false;
        }
        return null;
    }

    public function __set($property, $value)
    {
        if ($property !== 'username') {
            throw new InvalidArgumentException(sprintf('%s is not a valid property.', $property));
        }
        $this->_credentials[0] = $value;
    }

    /**
     * @return array  [user name, password], empty strings when absent.
     */
    protected function _getCredentials()
    {
        $server = $this->_server->request->getServerVars();
        if (!empty($server['PHP_AUTH_PW'])) {
            return [(string)$server['PHP_AUTH_USER'], (string)$server['PHP_AUTH_PW']];
        }
        foreach (['HTTP_AUTHORIZATION', 'REDIRECT_HTTP_AUTHORIZATION', 'Authorization'] as $key) {
            if (empty($server[$key])) {
                continue;
            }
            if (stripos($server[$key], 'Basic ') !== 0) {
                break;
            }
            // strict: a mangled header is no credentials, not garbage ones
            $pair = base64_decode(trim(substr($server[$key], 6)), true);
            if ($pair !== false && strpos($pair, ':') !== false) {
                return explode(':', $pair, 2);
            }
            break;
        }
        // Certificate authentication: no password, the user from the query.
        $get = $this->_server->getGetVars();
        return [!empty($get['User']) ? (string)$get['User'] : '', ''];
    }
}
