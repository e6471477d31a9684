<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Bounds the requests a server handles at once, across processes (php-fpm
 * workers, php -S children): each request holds one of a fixed number of
 * slots, a lock file in a directory. When every slot is taken the server
 * answers HTTP 503 with Retry-After (MS-ASHTTP 3.1.5.2.3) instead of
 * queueing: hanging Ping and Sync requests otherwise exhaust the workers
 * and every client times out.
 *
 * Locks are flock() locks, so a crashed process frees its slot.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Throttle
{
    /**
     * @var string
     */
    protected $_dir;

    /**
     * @var integer
     */
    protected $_slots;

    /**
     * @var integer
     */
    protected $_retryAfter;

    /**
     * @param string $dir          Directory for the slot files (created).
     * @param integer $slots       Requests handled at once.
     * @param integer $retryAfter  Seconds a refused client should wait.
     * @throws InvalidArgumentException
     */
    public function __construct($dir, $slots, $retryAfter = 30)
    {
        if ($slots < 1) {
            throw new InvalidArgumentException('A throttle needs at least one slot.');
        }
        if (!is_dir($dir) && !@mkdir($dir, 0700, true) && !is_dir($dir)) {
            throw new InvalidArgumentException('Cannot create throttle directory ' . $dir);
        }
        $this->_dir = $dir;
        $this->_slots = (int)$slots;
        $this->_retryAfter = (int)$retryAfter;
    }

    /**
     * Takes a free slot without waiting.
     *
     * @return resource|null  The slot, or null when all are taken.
     */
    public function acquire()
    {
        // Start at a random slot so concurrent requests do not all probe
        // slot 0 first.
        $start = mt_rand(0, $this->_slots - 1);
        for ($i = 0; $i < $this->_slots; $i++) {
            $file = sprintf('%s/slot-%d.lock', $this->_dir, ($start + $i) % $this->_slots);
            $handle = @fopen($file, 'c');
            if ($handle === false) {
                continue;
            }
            if (flock($handle, LOCK_EX | LOCK_NB)) {
                return $handle;
            }
            fclose($handle);
        }
        return null;
    }

    /**
     * @param resource $slot  What acquire() returned.
     */
    public function release($slot)
    {
        if (is_resource($slot)) {
            flock($slot, LOCK_UN);
            fclose($slot);
        }
    }

    /**
     * @return integer  Seconds for the Retry-After header.
     */
    public function retryAfter()
    {
        return $this->_retryAfter;
    }

    /**
     * @return string  Why requests are refused, for X-MS-ASThrottle and logs.
     */
    public function reason()
    {
        return sprintf('MaxConcurrentRequests=%d', $this->_slots);
    }
}
