<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Embedded;

use Horde\ActiveSync\Native\SqliteStatements;
use PDO;
use RuntimeException;
use UnexpectedValueException;

/**
 * The embedded server's data: users, folders and items (contacts,
 * appointments, tasks, notes) in one SQLite file, with a change log whose
 * sequence numbers are the driver's sync stamps. Every write appends to the
 * log in the same transaction, so a sync never misses a change nor sees
 * half of one.
 *
 * Items are property arrays (JSON); the driver turns them into EAS messages.
 *
 * @package ActiveSync
 */
class Store
{
    const CONTACTS = 'Contacts';
    const CALENDAR = 'Calendar';
    const TASKS = 'Tasks';
    const NOTES = 'Notes';

    /**
     * @var PDO
     */
    protected $_db;

    /**
     * @param string $file         The SQLite file (created with its schema).
     * @param boolean $persistent  Keep the connection open in the worker
     *                             between requests (the server's choice).
     */
    public function __construct($file, $persistent = false)
    {
        $fresh = true;
        if ($persistent) {
            $this->_db = Connection::open('sqlite:' . $file, null, null, $fresh);
        } else {
            $this->_db = new PDO('sqlite:' . $file, null, null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
            // Parallel requests (Ping next to Sync) share the file.
            $this->_db->exec('PRAGMA busy_timeout = 10000');
            $this->_db->exec('PRAGMA journal_mode = WAL');
            $this->_db->exec('PRAGMA synchronous = NORMAL');
        }
        $this->_db->setAttribute(PDO::ATTR_DEFAULT_FETCH_MODE, PDO::FETCH_ASSOC);
        $this->_kept = $persistent && Connection::keepsStatements($this->_db);
        if ($fresh) {
            // A worker's connection that has seen the schema once goes on
            // seeing it (only this class changes it).
            $this->_createSchema();
        }
    }

    /**
     * Nesting depth of transaction().
     *
     * @var integer
     */
    protected $_depth = 0;

    /**
     * This request's statements by SQL text: parsing is most of what a
     * short statement costs SQLite, and a Sync that reads its items one at
     * a time (Horde's getMessage() path) runs the same few over and over.
     *
     * @var \PDOStatement[]
     */
    protected $_statements = [];

    /**
     * Whether the extension keeps this connection's statements for the
     * worker's later requests (a persistent connection), in place of
     * $_statements.
     *
     * @var boolean
     */
    protected $_kept = false;

    /**
     * Schema version kept in SQLite's user_version.
     */
    const SCHEMA_VERSION = 1;

    /**
     * Seconds a verified password is remembered (see checkPassword()).
     */
    const AUTH_CACHE_LIFETIME = 3600;

    protected function _createSchema()
    {
        if ((int)$this->_db->query('PRAGMA user_version')->fetchColumn() === self::SCHEMA_VERSION) {
            return;
        }
        $this->_db->exec('CREATE TABLE IF NOT EXISTS eas_users (
            name TEXT PRIMARY KEY, password TEXT NOT NULL, email TEXT NOT NULL, fullname TEXT NOT NULL)');
        $this->_db->exec('CREATE TABLE IF NOT EXISTS eas_folders (
            user TEXT NOT NULL, id TEXT NOT NULL, class TEXT NOT NULL, name TEXT NOT NULL,
            type INTEGER NOT NULL, parent TEXT NOT NULL DEFAULT \'0\', PRIMARY KEY (user, id))');
        $this->_db->exec('CREATE TABLE IF NOT EXISTS eas_items (
            user TEXT NOT NULL, folder TEXT NOT NULL, uid TEXT NOT NULL, data TEXT NOT NULL,
            modseq INTEGER NOT NULL, PRIMARY KEY (user, folder, uid))');
        $this->_db->exec('CREATE TABLE IF NOT EXISTS eas_changes (
            modseq INTEGER PRIMARY KEY AUTOINCREMENT, user TEXT NOT NULL, folder TEXT NOT NULL,
            uid TEXT NOT NULL, kind TEXT NOT NULL)');
        $this->_db->exec('CREATE INDEX IF NOT EXISTS eas_changes_folder ON eas_changes (user, folder, modseq)');
        $this->_db->exec('CREATE TABLE IF NOT EXISTS eas_settings (
            user TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (user, name))');
        $this->_db->exec('CREATE TABLE IF NOT EXISTS eas_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)');
        $this->_db->exec('CREATE TABLE IF NOT EXISTS eas_authcache (
            name TEXT PRIMARY KEY, salt TEXT NOT NULL, mac TEXT NOT NULL, expires INTEGER NOT NULL)');
        $this->_db->exec('PRAGMA user_version = ' . self::SCHEMA_VERSION);
    }

    /* ---- users ------------------------------------------------------- */

    /**
     * Creates a user (or resets its password) with the four default folders.
     */
    public function addUser($name, $password, $email = null, $fullname = null)
    {
        $this->transaction(function () use ($name, $password, $email, $fullname) {
            $this->_run('DELETE FROM eas_authcache WHERE name = ?', [$name]);
            $this->_run('INSERT OR REPLACE INTO eas_users (name, password, email, fullname) VALUES (?, ?, ?, ?)',
                [$name, password_hash($password, PASSWORD_DEFAULT), $email ?: $name . '@localhost', $fullname ?: $name]);
            foreach ([[self::CONTACTS, 'Contacts', 9], [self::CALENDAR, 'Calendar', 8],
                      [self::TASKS, 'Tasks', 7], [self::NOTES, 'Notes', 10]] as [$class, $label, $type]) {
                $this->_run('INSERT OR IGNORE INTO eas_folders (user, id, class, name, type) VALUES (?, ?, ?, ?, ?)',
                    [$name, $class, $class, $label, $type]);
            }
        });
    }

    /**
     * Verifies a password. A device sends it with every request, and a
     * bcrypt verification costs tens of milliseconds: a verified password
     * is remembered for an hour as an HMAC-SHA256 under a random salt (as
     * mail servers' authentication caches do), so later requests compare
     * a keyed hash instead.
     *
     * @return array|null  name, email, fullname; null for bad credentials.
     */
    public function checkPassword($name, $password)
    {
        $password = (string)$password;
        $row = $this->_one('SELECT u.name, u.password, u.email, u.fullname, c.salt, c.mac, c.expires'
            . ' FROM eas_users u LEFT JOIN eas_authcache c ON c.name = u.name WHERE u.name = ?', [$name]);
        if (!$row) {
            return null;
        }
        $cached = $row['mac'] !== null && (int)$row['expires'] > time()
            && hash_equals($row['mac'], hash_hmac('sha256', $password, $row['salt']));
        if (!$cached) {
            if (!password_verify($password, $row['password'])) {
                return null;
            }
            $salt = bin2hex(random_bytes(16));
            try {
                $this->_run('INSERT OR REPLACE INTO eas_authcache (name, salt, mac, expires) VALUES (?, ?, ?, ?)',
                    [$name, $salt, hash_hmac('sha256', $password, $salt), time() + self::AUTH_CACHE_LIFETIME]);
            } catch (\PDOException $e) {
                // A busy database only costs the next request a bcrypt.
            }
        }
        return ['name' => $row['name'], 'email' => $row['email'], 'fullname' => $row['fullname']];
    }

    /**
     * @return array|null  name, email, fullname.
     */
    public function getUser($name)
    {
        return $this->_one('SELECT name, email, fullname FROM eas_users WHERE name = ?', [$name]) ?: null;
    }

    /**
     * Every user, by full name (the embedded server's address list).
     *
     * @return array[]  name, email, fullname.
     */
    public function users()
    {
        return $this->_all('SELECT name, email, fullname FROM eas_users ORDER BY fullname, name', []);
    }

    /**
     * @return string|null  The user with this e-mail address.
     */
    public function userByEmail($email)
    {
        $row = $this->_one('SELECT name FROM eas_users WHERE email = ?', [$email]);
        return $row === false ? null : $row['name'];
    }

    /* ---- folders ----------------------------------------------------- */

    /**
     * @return array[]  id, class, name, type, parent.
     */
    public function folders($user)
    {
        return $this->_all('SELECT id, class, name, type, parent FROM eas_folders WHERE user = ? ORDER BY rowid', [$user]);
    }

    /**
     * @return array|null
     */
    public function folder($user, $id)
    {
        return $this->_one('SELECT id, class, name, type, parent FROM eas_folders WHERE user = ? AND id = ?', [$user, $id])
            ?: null;
    }

    /**
     * Creates a user folder of a class.
     *
     * @return string  Its id.
     */
    public function createFolder($user, $class, $name, $type, $parent = '0')
    {
        return $this->transaction(function () use ($user, $class, $name, $type, $parent) {
            $id = $class . ':' . $this->_next('folder');
            $this->_run('INSERT INTO eas_folders (user, id, class, name, type, parent) VALUES (?, ?, ?, ?, ?, ?)',
                [$user, $id, $class, $name, $type, (string)$parent]);
            return $id;
        });
    }

    public function renameFolder($user, $id, $name, $parent = null)
    {
        $sql = 'UPDATE eas_folders SET name = ?' . ($parent !== null ? ', parent = ?' : '') . ' WHERE user = ? AND id = ?';
        $values = $parent !== null ? [$name, (string)$parent, $user, $id] : [$name, $user, $id];
        return $this->_run($sql, $values) > 0;
    }

    /**
     * Deletes a folder and its items; the default folders stay.
     */
    public function deleteFolder($user, $id)
    {
        return $this->transaction(function () use ($user, $id) {
            if (!$this->_run('DELETE FROM eas_folders WHERE user = ? AND id = ? AND id LIKE \'%:%\'', [$user, $id])) {
                return false;
            }
            $this->_run('DELETE FROM eas_items WHERE user = ? AND folder = ?', [$user, $id]);
            return true;
        });
    }

    /* ---- items ------------------------------------------------------- */

    /**
     * Adds an item.
     *
     * @return array  uid, modseq.
     */
    public function add($user, $folder, array $data)
    {
        return $this->transaction(function () use ($user, $folder, $data) {
            $uid = sprintf('%s%06d', substr($folder, 0, 1), $this->_next('item'));
            $modseq = $this->_log($user, $folder, $uid, 'add');
            $this->_run('INSERT INTO eas_items (user, folder, uid, data, modseq) VALUES (?, ?, ?, ?, ?)',
                [$user, $folder, $uid, $this->_encodeItem($data), $modseq]);
            return ['uid' => $uid, 'modseq' => $modseq];
        });
    }

    /**
     * Replaces an item's properties.
     *
     * @return integer|null  Its new modseq, null when it does not exist.
     */
    public function change($user, $folder, $uid, array $data)
    {
        return $this->transaction(function () use ($user, $folder, $uid, $data) {
            if ($this->get($user, $folder, $uid) === null) {
                return null;
            }
            $modseq = $this->_log($user, $folder, $uid, 'change');
            $this->_run('UPDATE eas_items SET data = ?, modseq = ? WHERE user = ? AND folder = ? AND uid = ?',
                [$this->_encodeItem($data), $modseq, $user, $folder, $uid]);
            return $modseq;
        });
    }

    /**
     * @return boolean  Whether it existed.
     */
    public function delete($user, $folder, $uid)
    {
        return $this->transaction(function () use ($user, $folder, $uid) {
            if (!$this->_run('DELETE FROM eas_items WHERE user = ? AND folder = ? AND uid = ?', [$user, $folder, $uid])) {
                return false;
            }
            $this->_log($user, $folder, $uid, 'delete');
            return true;
        });
    }

    /**
     * @return array|null  The item's properties, plus _uid and _modseq.
     */
    public function get($user, $folder, $uid)
    {
        $row = $this->_one('SELECT uid, data, modseq FROM eas_items WHERE user = ? AND folder = ? AND uid = ?',
            [$user, $folder, $uid]);
        return $row ? $this->_item($row) : null;
    }

    /**
     * Items of a folder by uid.
     *
     * @param string[] $uids
     *
     * @return array  uid => item.
     */
    public function getMany($user, $folder, array $uids)
    {
        $out = [];
        foreach ($this->_rowsOf('uid, data, modseq', $user, $folder, $uids) as $row) {
            $out[$row['uid']] = $this->_item($row);
        }
        return $out;
    }

    /**
     * Which of the uids are in the folder (nothing decoded).
     *
     * @return array  uid => true.
     */
    public function existing($user, $folder, array $uids)
    {
        $out = [];
        foreach ($this->_rowsOf('uid', $user, $folder, $uids) as $row) {
            $out[$row['uid']] = true;
        }
        return $out;
    }

    /**
     * Rows of the items with these uids.
     *
     * A dense run of this store's uids (a Sync window of an initial sync,
     * a batch of recent changes) is read as one range of the primary key:
     * a walk along the index, where a list of uids costs a search per uid.
     * What the range did not give (deleted items, uids of other forms) is
     * asked for by list, 500 uids a query. Callers read 'uid' among the
     * columns.
     */
    protected function _rowsOf($columns, $user, $folder, array $uids)
    {
        $uids = array_values($uids);
        if (count($uids) >= self::RANGE_MIN && ($span = self::_span($uids)) !== null) {
            $wanted = array_flip($uids);
            $rows = $this->_all('SELECT ' . $columns . ' FROM eas_items'
                . ' WHERE user = ? AND folder = ? AND uid BETWEEN ? AND ? ORDER BY uid LIMIT ?',
                [$user, $folder, $span[0], $span[1], $span[2]]);
            foreach ($rows as $row) {
                if (isset($wanted[$row['uid']])) {
                    unset($wanted[$row['uid']]);
                    yield $row;
                }
            }
            $uids = array_map('strval', array_keys($wanted));
        }
        yield from $this->_listedRows($columns, $user, $folder, $uids);
    }

    /** Fewest uids read as a range; a shorter list is as quick by uid. */
    const RANGE_MIN = 8;

    /**
     * The lowest and highest of the uids and the number of item rows
     * between them at most, when they are a dense run of uids as add()
     * makes them (a letter and a zero-padded counter): at most twice as
     * many rows as uids. Null otherwise. The range only saves searches:
     * a uid it misses (when min() and max() compare other uid forms as
     * numbers, say) is still read by list.
     *
     * @return array|null  [first, last, rows].
     */
    protected static function _span(array $uids)
    {
        $first = (string)min($uids);
        $last = (string)max($uids);
        // One length and one letter: string order is the counter's order.
        $length = strlen($first);
        if ($length < 2 || strlen($last) !== $length || $first[0] !== $last[0]
            || !ctype_digit(substr($first, 1)) || !ctype_digit(substr($last, 1))) {
            return null;
        }
        $rows = (int)substr($last, 1) - (int)substr($first, 1) + 1;
        return $rows >= 1 && $rows <= 2 * count($uids) ? [$first, $last, $rows] : null;
    }

    /**
     * Rows of the items with these uids, 500 uids a query.
     *
     * Kept statements (a persistent connection) get the uid list padded to
     * a power of two with its last uid repeated: a handful of list
     * lengths, not one per length, stay prepared.
     */
    protected function _listedRows($columns, $user, $folder, array $uids)
    {
        foreach (array_chunk($uids, 500) as $chunk) {
            if ($this->_kept) {
                $chunk = array_pad($chunk, min(500, 1 << (int)ceil(log(count($chunk), 2))), end($chunk));
            }
            yield from $this->_all('SELECT ' . $columns . ' FROM eas_items WHERE user = ? AND folder = ? AND uid IN ('
                . implode(',', array_fill(0, count($chunk), '?')) . ')', array_merge([$user, $folder], $chunk));
        }
    }

    /**
     * Every item of a folder, in uid order.
     *
     * @return array  uid => item.
     */
    public function items($user, $folder)
    {
        // Row by row, not through _all(): a folder can be large, and only
        // its decoded items need to be held.
        $stmt = $this->_db->prepare('SELECT uid, data, modseq FROM eas_items WHERE user = ? AND folder = ? ORDER BY uid');
        $stmt->execute([$user, $folder]);
        $out = [];
        foreach ($stmt as $row) {
            $out[$row['uid']] = $this->_item($row);
        }
        return $out;
    }

    /**
     * @param integer $limit  At most this many (0: all).
     *
     * @return string[]  The folder's item uids, in items()' order.
     */
    public function uids($user, $folder, $limit = 0)
    {
        return array_map('strval', $this->_all('SELECT uid FROM eas_items WHERE user = ? AND folder = ? ORDER BY uid'
            . ($limit ? ' LIMIT ' . (int)$limit : ''), [$user, $folder], PDO::FETCH_COLUMN));
    }

    /**
     * What changed in a folder after $from up to $to: the last kind of
     * change per item, in the order of those changes.
     *
     * @return array  uid => 'add'|'change'|'delete'.
     */
    public function changes($user, $folder, $from, $to, $limit = 0)
    {
        $rows = $this->_all('SELECT uid, kind FROM eas_changes WHERE user = ? AND folder = ? AND modseq > ? AND modseq <= ?'
            . ' ORDER BY modseq' . ($limit ? ' LIMIT ' . (int)$limit : ''), [$user, $folder, (int)$from, (int)$to]);
        $out = [];
        foreach ($rows as $row) {
            $previous = isset($out[$row['uid']]) ? $out[$row['uid']] : null;
            unset($out[$row['uid']]);
            // added then changed is still new; added then deleted never was
            if ($previous === 'add' && $row['kind'] === 'change') {
                $out[$row['uid']] = 'add';
            } elseif ($previous === 'add' && $row['kind'] === 'delete') {
                $out[$row['uid']] = 'gone';
            } else {
                $out[$row['uid']] = $row['kind'];
            }
        }
        return $out;
    }

    /**
     * @return integer  The newest change's sequence number (0 when none).
     */
    public function modseq()
    {
        return (int)$this->_one('SELECT COALESCE(MAX(modseq), 0) AS modseq FROM eas_changes', [])['modseq'];
    }

    /* ---- settings ---------------------------------------------------- */

    public function setting($user, $name, $default = null)
    {
        $row = $this->_one('SELECT value FROM eas_settings WHERE user = ? AND name = ?', [$user, $name]);
        return $row === false ? $default : json_decode($row['value'], true);
    }

    public function setSetting($user, $name, $value)
    {
        $this->_run('INSERT OR REPLACE INTO eas_settings (user, name, value) VALUES (?, ?, ?)',
            [$user, $name, $this->_json($value)]);
    }

    /* ---- helpers ----------------------------------------------------- */

    /**
     * Runs $work in a transaction (nested calls join the outer one).
     */
    public function transaction(callable $work)
    {
        // PDO does not see a transaction begun by exec(): count ourselves.
        if ($this->_depth > 0) {
            return $work();
        }
        // IMMEDIATE: take the write lock first, so two writers never
        // deadlock upgrading read locks.
        $this->_control('BEGIN IMMEDIATE');
        $this->_depth++;
        try {
            $result = $work();
            $this->_control('COMMIT');
            return $result;
        } catch (\Throwable $e) {
            $this->_control('ROLLBACK');
            throw $e;
        } finally {
            $this->_depth--;
        }
    }

    /** BEGIN, COMMIT or ROLLBACK: kept statements too, where they are (exec() compiles each time). */
    protected function _control($sql)
    {
        if ($this->_kept) {
            SqliteStatements::run($this->_db, $sql, [], SqliteStatements::CHANGES);
        } else {
            $this->_db->exec($sql);
        }
    }

    protected function _log($user, $folder, $uid, $kind)
    {
        $this->_run('INSERT INTO eas_changes (user, folder, uid, kind) VALUES (?, ?, ?, ?)', [$user, $folder, $uid, $kind]);
        return (int)$this->_db->lastInsertId();
    }

    protected function _next($counter)
    {
        $this->_run('INSERT OR IGNORE INTO eas_counters (name, value) VALUES (?, 0)', [$counter]);
        $this->_run('UPDATE eas_counters SET value = value + 1 WHERE name = ?', [$counter]);
        return (int)$this->_one('SELECT value FROM eas_counters WHERE name = ?', [$counter])['value'];
    }

    /**
     * Runs a write.
     *
     * @return integer  The number of rows it changed.
     */
    protected function _run($sql, array $params)
    {
        if ($this->_kept) {
            return SqliteStatements::run($this->_db, $sql, $params, SqliteStatements::CHANGES);
        }
        return $this->_statement($sql, $params)->rowCount();
    }

    /**
     * @return array|false  The first row.
     */
    protected function _one($sql, array $params)
    {
        if ($this->_kept) {
            return SqliteStatements::run($this->_db, $sql, $params, SqliteStatements::ROW);
        }
        $stmt = $this->_statement($sql, $params);
        try {
            return $stmt->fetch(PDO::FETCH_ASSOC);
        } finally {
            $stmt->closeCursor();
        }
    }

    /**
     * @param integer $mode  PDO::FETCH_ASSOC or PDO::FETCH_COLUMN.
     *
     * @return array  Every row, as $mode fetches them.
     */
    protected function _all($sql, array $params, $mode = PDO::FETCH_ASSOC)
    {
        if ($this->_kept) {
            return SqliteStatements::run($this->_db, $sql, $params,
                $mode === PDO::FETCH_COLUMN ? SqliteStatements::COLUMN : SqliteStatements::ALL);
        }
        $stmt = $this->_statement($sql, $params);
        try {
            return $stmt->fetchAll($mode);
        } finally {
            $stmt->closeCursor();
        }
    }

    /**
     * Executes a statement of this request (prepared on first use). A
     * read's rows must be taken with _one() or _all(), which close it: an
     * open statement would keep its read snapshot.
     *
     * @return \PDOStatement
     */
    protected function _statement($sql, array $params)
    {
        $stmt = $this->_statements[$sql] ?? ($this->_statements[$sql] = $this->_db->prepare($sql));
        $stmt->execute($params);
        return $stmt;
    }

    protected function _item(array $row)
    {
        $raw = (string)$row['data'];
        $data = strncmp($raw, 'a:', 2) === 0
            ? unserialize($raw, ['allowed_classes' => false])
            : json_decode($raw, true);
        if (!is_array($data)) {
            throw new RuntimeException('Damaged item ' . $row['uid']);
        }
        $data['_uid'] = $row['uid'];
        $data['_modseq'] = (int)$row['modseq'];
        return $data;
    }

    /**
     * An item's data as stored: PHP's serialize() form, which reads back
     * in about 60% of the instructions json_decode() needs (a Sync window
     * reads a hundred items). Stores written before hold JSON, and _item()
     * reads both. Text must be UTF-8, as JSON required; the WBXML decoder
     * already refuses anything else from a device.
     *
     * @throws UnexpectedValueException
     */
    protected function _encodeItem(array $data)
    {
        if (!mb_check_encoding($data, 'UTF-8')) {
            throw new UnexpectedValueException('Item data is not UTF-8.');
        }
        return serialize($data);
    }

    protected function _json($value)
    {
        return json_encode($value, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR);
    }
}
