<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Creates request loggers: one file for everything ('onefile'), one per
 * device ('perdevice': PATH/DEVICEID.txt, the protocol log administrators
 * read), or one per request ('perrequest': PATH/DEVICEID/time-pid-Cmd.txt).
 * Requests without a device id are not logged.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Log_Factory implements Horde_ActiveSync_Interface_LoggerFactory
{
    /**
     * @var array
     */
    protected $_params;

    /**
     * @param array $params
     *   - type:  'onefile', 'perdevice' or 'perrequest'.
     *   - path:  The file ('onefile') or directory.
     *   - level: 'CLIENT' (WBXML in and out, little else) or 'META'
     *            (everything); default 'META'.
     */
    public function __construct(array $params)
    {
        if (empty($params['level'])) {
            $params['level'] = 'META';
        }
        $this->_params = $params;
    }

    /**
     * @param array $properties  DeviceId and Cmd of the request.
     *
     * @return Horde_ActiveSync_Log_Logger
     */
    public function create($properties = [])
    {
        $stream = false;
        $device = isset($properties['DeviceId']) ? strtoupper((string)$properties['DeviceId']) : '';
        // The id becomes part of a file name: never a path.
        if (!empty($this->_params['path']) && preg_match('/^[A-Z0-9_-][A-Z0-9._-]{0,127}$/D', $device)) {
            $stream = $this->_open($device, isset($properties['Cmd']) ? (string)$properties['Cmd'] : '');
        }
        if (!$stream) {
            return new Horde_ActiveSync_Log_Logger(new Horde_Log_Handler_Null());
        }
        $handler = new Horde_ActiveSync_Log_Handler($stream, false, new Horde_ActiveSync_Log_Formatter());
        $level = strtoupper($this->_params['level']);
        $handler->addFilter(defined('Horde_ActiveSync_Log_Logger::' . $level)
            ? constant('Horde_ActiveSync_Log_Logger::' . $level)
            : Horde_ActiveSync_Log_Logger::META);
        return new Horde_ActiveSync_Log_Logger($handler);
    }

    /**
     * @return resource|false
     */
    protected function _open($device, $cmd)
    {
        $path = $this->_params['path'];
        switch (isset($this->_params['type']) ? $this->_params['type'] : '') {
        case 'onefile':
            return @fopen($path, 'a');
        case 'perdevice':
            return @fopen($path . '/' . $device . '.txt', 'a');
        case 'perrequest':
            $dir = $path . '/' . $device;
            if (!is_dir($dir) && !@mkdir($dir, 0755, true) && !is_dir($dir)) {
                return false;
            }
            $cmd = preg_match('/^[A-Za-z]{1,32}$/D', $cmd) ? $cmd : 'UnknownCmd';
            return @fopen(sprintf('%s/%d-%d-%s.txt', $dir, time(), getmypid(), $cmd), 'a');
        }
        return false;
    }
}
