<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Logger with the ActiveSync levels: SERVER (what we send), CLIENT (what the
 * device sent) and META. client() and server() take an indent level, the
 * nesting depth of the WBXML element being logged.
 *
 * @method void client(string $message, int $indent)
 * @method void server(string $message, int $indent)
 * @method void meta(string $message)
 * @package ActiveSync
 */
class Horde_ActiveSync_Log_Logger extends Horde_Log_Logger
{
    const SERVER = 10;
    const CLIENT = 11;
    const META   = 12;

    /**
     * Whether every handler is a null handler (null: not known yet). The
     * engine logs several hundred lines per request; with nowhere to go,
     * each costs a method call and no more.
     *
     * @var boolean|null
     */
    protected $_discards;

    /**
     * Horde_Log's levels and the three above (also after unserialize()).
     * A request builds a null logger in a dozen places: the reflection is
     * done once a request, and addLevel()'s locale switching not at all.
     */
    protected function _init()
    {
        static $levels;
        if ($levels === null) {
            parent::_init();
            $levels = $this->_levels + ['SERVER' => self::SERVER, 'CLIENT' => self::CLIENT, 'META' => self::META];
        }
        $this->_levels = $levels;
    }

    /**
     * $log->levelname($message[, $indent]) logs at that level.
     *
     * @param string $method  Level name.
     * @param array $params   The message, and for client/server the indent.
     *
     * @throws Horde_Log_Exception for an unknown level.
     */
    public function __call($method, $params)
    {
        $levelName = strtoupper($method);
        if (!isset($this->_levels[$levelName])) {
            throw new Horde_Log_Exception('Bad log level ' . $levelName);
        }
        if ($this->_discards ??= $this->_discardsAll()) {
            return;
        }
        $withIndent = $method === 'client' || $method === 'server';
        $this->log([
            'message' => $params[0] ?? '',
            'indent' => $withIndent ? ($params[1] ?? 0) : 0,
            'level' => $this->_levels[$levelName],
            'timestamp' => date('c'),
        ]);
    }

    public function addHandler($handler)
    {
        $this->_discards = null;
        parent::addHandler($handler);
    }

    public function log($event, $level = null)
    {
        if ($this->_discards ??= $this->_discardsAll()) {
            return;
        }
        parent::log($event, $level);
    }

    protected function _discardsAll()
    {
        foreach ($this->_handlers as $handler) {
            if (!$handler instanceof Horde_Log_Handler_Null) {
                return false;
            }
        }
        return (bool)$this->_handlers;
    }
}
