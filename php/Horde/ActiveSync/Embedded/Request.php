<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Embedded;

use Horde_Controller_Request_Http;

/**
 * The embedded server's HTTP request: Horde_Controller_Request_Http with a
 * cheaper getHeader(). Horde's lowercases each asked name through
 * Horde_String::lower(), which switches the process locale twice per new
 * name; header names are ASCII, so an ASCII-only mapping gives the same
 * answer in any locale. Horde_ActiveSync asks for five headers a request.
 *
 * @package ActiveSync
 */
class Request extends Horde_Controller_Request_Http
{
    const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const LOWER = 'abcdefghijklmnopqrstuvwxyz';

    public function getHeader($name)
    {
        return $this->getHeaders()[strtr((string)$name, self::UPPER, self::LOWER)] ?? null;
    }
}
