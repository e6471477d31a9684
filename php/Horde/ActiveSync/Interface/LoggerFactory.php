<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Creates the logger of a request (per device, per request, one file, ...).
 *
 * @package ActiveSync
 */
interface Horde_ActiveSync_Interface_LoggerFactory
{
    /**
     * @param array $properties  The request's GET variables: DeviceId, Cmd.
     *
     * @return Horde_Log_Logger
     */
    public function create($properties = []);
}
