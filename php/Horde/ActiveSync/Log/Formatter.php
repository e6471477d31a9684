<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Formats protocol log lines: "[pid][timestamp] I: " for what the client
 * sent, "O: " for what the server sent, ">>>: " for everything else, then
 * the element's nesting as indentation.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Log_Formatter implements Horde_Log_Formatter
{
    /**
     * @var array
     */
    protected $_levelMap = [
        'CLIENT' => 'I',
        'SERVER' => 'O',
        'META' => '>>>',
    ];

    /**
     * @param array $event  The log event.
     *
     * @return string  The line's prefix (the handler appends the message).
     */
    public function format($event)
    {
        $level = isset($event['levelName']) ? $event['levelName'] : '';
        return sprintf('[%d][%s] %s: %s',
            getmypid(),
            isset($event['timestamp']) ? $event['timestamp'] : date('c'),
            isset($this->_levelMap[$level]) ? $this->_levelMap[$level] : $level,
            empty($event['indent']) ? '' : str_repeat(' ', (int)$event['indent']));
    }
}
