<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Adapts a plain Horde_Log_Logger to the ActiveSync levels: protocol lines
 * are logged at DEBUG, prefixed with the process id and "I " (client) or
 * "O " (server) and indented.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Log_Logger_Deprecated extends Horde_Log_Logger
{
    /**
     * @var Horde_Log_Logger
     */
    protected $_logger;

    /**
     * @param Horde_Log_Handler_Base|null $handler  Unused default handler.
     * @param Horde_Log_Logger|null $logger         The logger to write to.
     */
    public function __construct($handler = null, Horde_Log_Logger $logger = null)
    {
        parent::__construct($handler);
        $this->addLevel('SERVER', Horde_ActiveSync_Log_Logger::SERVER);
        $this->addLevel('CLIENT', Horde_ActiveSync_Log_Logger::CLIENT);
        $this->addLevel('META', Horde_ActiveSync_Log_Logger::META);
        $this->_logger = $logger;
    }

    public function __call($method, $params)
    {
        $levelName = strtoupper($method);
        if (!isset($this->_levels[$levelName])) {
            throw new Horde_Log_Exception('Bad log level ' . $levelName);
        }
        if (!in_array($method, ['client', 'server', 'meta'], true)) {
            $this->_logger->log([
                'message' => array_shift($params),
                'level' => $this->_levels[$levelName],
                'indent' => 0,
            ]);
            return;
        }
        $prefix = ['client' => 'I ', 'server' => 'O ', 'meta' => ''][$method];
        $indent = $method === 'meta' ? 0 : (int)($params[1] ?? 0);
        $content = $params[0] ?? '';
        if (is_resource($content)) {
            rewind($content);
            $text = stream_get_contents($content);
            rewind($content);
            $content = $text;
        }
        $this->_logger->log([
            'message' => sprintf('[%s] %s%s %s', getmypid(), $prefix, str_repeat(' ', $indent), $content),
            'indent' => $indent,
            'level' => $this->_levels['DEBUG'],
        ]);
    }
}
