<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Embedded;

use Horde_ActiveSync_Interface_LoggerFactory;
use Horde_ActiveSync_Log_Logger;
use Horde_Log_Handler_Null;

/**
 * The logger of a server that logs nothing: every call returns at once.
 * A logger with a null handler still formats each event (a date, an
 * array) before dropping it, and the engine logs several times per
 * message of a Sync.
 *
 * @package ActiveSync
 */
class NullLogger extends Horde_ActiveSync_Log_Logger implements Horde_ActiveSync_Interface_LoggerFactory
{
    public function __construct()
    {
        parent::__construct(new Horde_Log_Handler_Null());
    }

    public function __call($method, $params)
    {
    }

    public function log($event, $level = null)
    {
    }

    /**
     * As its own factory (Horde_ActiveSync::setLogger() takes one).
     */
    public function create($properties = [])
    {
        return $this;
    }
}
