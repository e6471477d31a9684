<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Sends server changes to the client, one at a time.
 *
 * @package ActiveSync
 */
abstract class Horde_ActiveSync_Connector_Exporter_Base
{
    /**
     * @var Horde_ActiveSync_Wbxml_Encoder
     */
    protected $_encoder;

    /**
     * The changes to send.
     *
     * @var array
     */
    protected $_changes = [];

    /**
     * How many were sent (the next one's index).
     *
     * @var integer
     */
    protected $_step = 0;

    /**
     * @var Horde_ActiveSync
     */
    protected $_as;

    /**
     * @var Horde_ActiveSync_Log_Logger
     */
    protected $_logger;

    /**
     * @var integer
     */
    protected $_procid;

    /**
     * @param Horde_ActiveSync $as
     * @param Horde_ActiveSync_Wbxml_Encoder $encoder
     */
    public function __construct(Horde_ActiveSync $as, Horde_ActiveSync_Wbxml_Encoder $encoder = null)
    {
        $this->_as = $as;
        $this->_encoder = $encoder;
        $this->_logger = $as->logger ?: new Horde_ActiveSync_Log_Logger(new Horde_Log_Handler_Null());
        $this->_procid = getmypid();
    }

    /**
     * @param array $changes     The changes (from the collections).
     * @param array $collection  The collection they belong to.
     */
    public function setChanges($changes, $collection = null)
    {
        $this->_changes = $changes;
        $this->_step = 0;
    }

    /**
     * Sends the next change.
     *
     * @return boolean|Exception  true when one was sent, false when none is
     *                            left, an exception for an item skipped.
     */
    abstract public function sendNextChange();
}
