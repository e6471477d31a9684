<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\State;

use Horde_ActiveSync_Exception;

/**
 * Collection locks as flock()ed files in one directory, for state that
 * lives on one host (the embedded server's SQLite database): taking a lock
 * writes nothing to the database, where a row lock costs a commit of its
 * own, and a lock dies with the process that holds it (at the latest when
 * its request ends), so none is ever stale.
 *
 * The files stay (one per user, device and collection): removing a lock
 * file while another process waits on it would let two hold "the" lock.
 *
 * @package ActiveSync
 */
final class FileLocks
{
    /** @var string */
    private $_dir;

    /** @var resource[]  lock key => open handle of a lock held */
    private $_held = [];

    public function __construct(string $dir)
    {
        $this->_dir = rtrim($dir, '/');
    }

    /**
     * Takes a lock if it is free, without waiting.
     *
     * @param string $key  Any string naming what is locked.
     *
     * @return boolean  Whether this object holds it now.
     * @throws Horde_ActiveSync_Exception  The directory cannot hold locks.
     */
    public function tryLock(string $key): bool
    {
        if (isset($this->_held[$key])) {
            return true;
        }
        $path = $this->_dir . '/' . hash('sha1', $key) . '.lock';
        $handle = @fopen($path, 'c');
        if ($handle === false) {
            if (!is_dir($this->_dir)) {
                // Parallel requests may create it at once.
                @mkdir($this->_dir, 0700, true);
            }
            $handle = @fopen($path, 'c');
            if ($handle === false) {
                throw new Horde_ActiveSync_Exception(sprintf('Cannot create the lock file %s.', $path));
            }
        }
        if (!flock($handle, LOCK_EX | LOCK_NB)) {
            fclose($handle);
            return false;
        }
        $this->_held[$key] = $handle;
        return true;
    }

    /** Lets a lock go; one not held is ignored. */
    public function unlock(string $key): void
    {
        if (!isset($this->_held[$key])) {
            return;
        }
        flock($this->_held[$key], LOCK_UN);
        fclose($this->_held[$key]);
        unset($this->_held[$key]);
    }
}
