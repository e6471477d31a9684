<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * A stream handler whose messages may also be streams (large protocol
 * content), copied to the log without loading them whole.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Log_Handler extends Horde_Log_Handler_Stream
{
    /**
     * @param array $event  The log event.
     *
     * @return boolean  true.
     * @throws Horde_Log_Exception
     */
    public function write($event)
    {
        $prefix = $this->_formatter->format($event);
        $message = $event['message'];
        if (!is_resource($message)) {
            if (@fwrite($this->_stream, $prefix . $message . PHP_EOL) === false) {
                throw new Horde_Log_Exception(__CLASS__ . ': Unable to write to stream');
            }
            return true;
        }
        if (@fwrite($this->_stream, $prefix) === false) {
            throw new Horde_Log_Exception(__CLASS__ . ': Unable to write to stream');
        }
        rewind($message);
        stream_copy_to_stream($message, $this->_stream);
        fwrite($this->_stream, PHP_EOL);
        rewind($message);
        return true;
    }
}
