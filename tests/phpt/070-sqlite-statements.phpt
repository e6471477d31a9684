--TEST--
SqliteStatements: kept statements answer as PDO does, stay within their cap, leave no snapshot or lock behind
--EXTENSIONS--
pdo
pdo_sqlite
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\SqliteStatements as S;

$file = sys_get_temp_dir() . '/eas-070-' . getmypid() . '.sqlite';
@unlink($file);
$pdo = new PDO("sqlite:$file", null, null, [PDO::ATTR_PERSISTENT => true, PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
$pdo->exec('PRAGMA journal_mode = WAL');
$pdo->exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, v REAL, b BLOB)');
$other = new PDO("sqlite:$file", null, null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);

echo "supports: ";
var_dump(S::supports($pdo), S::supports($other));

echo "writes: ";
var_dump(S::run($pdo, 'INSERT INTO t (name, v, b) VALUES (?, ?, ?)', ['ann', 1.5, "x\0y"], S::CHANGES, 0b100));
S::run($pdo, 'INSERT INTO t (name, v, b) VALUES (?, ?, ?)', ['bob', null, 7], S::CHANGES);
S::run($pdo, 'INSERT INTO t (name, v, b) VALUES (?, ?, ?)', ['cy', true, false], S::CHANGES);
var_dump(S::run($pdo, 'UPDATE t SET v = v + ? WHERE v IS NOT NULL', [1], S::CHANGES));
var_dump($pdo->query("SELECT typeof(b) FROM t WHERE name = 'ann'")->fetchColumn());

echo "as PDO fetches:\n";
$pdoFetch = function (string $sql, array $params, int $mode) use ($other) {
    $stmt = $other->prepare($sql);
    $stmt->execute($params);
    switch ($mode) {
    case S::VALUE: return $stmt->fetchColumn(0);
    case S::ROW: return $stmt->fetch(PDO::FETCH_ASSOC);
    case S::ALL: return $stmt->fetchAll(PDO::FETCH_ASSOC);
    case S::COLUMN: return $stmt->fetchAll(PDO::FETCH_COLUMN, 0);
    case S::PAIRS: return $stmt->fetchAll(PDO::FETCH_KEY_PAIR);
    }
};
foreach ([
    ['SELECT * FROM t ORDER BY id', [], S::ALL],
    ['SELECT * FROM t WHERE id > ? ORDER BY id', [1], S::ROW],
    ['SELECT * FROM t WHERE id > ?', [99], S::ROW],
    ['SELECT name FROM t WHERE id = ?', [2], S::VALUE],
    ['SELECT name FROM t WHERE id = ?', [99], S::VALUE],
    ['SELECT name FROM t ORDER BY name DESC', [], S::COLUMN],
    ['SELECT id, name FROM t', [], S::PAIRS],
    ['SELECT name, v FROM t', [], S::PAIRS],
    ['SELECT id AS n, name AS n FROM t ORDER BY id', [], S::ALL],
] as [$sql, $params, $mode]) {
    $mine = S::run($pdo, $sql, $params, $mode);
    echo $mine === $pdoFetch($sql, $params, $mode) ? 'same' : 'DIFFERENT', ': ', json_encode($mine), "\n";
}
$pdo->setAttribute(PDO::ATTR_STRINGIFY_FETCHES, true);
$other->setAttribute(PDO::ATTR_STRINGIFY_FETCHES, true);
$sql = 'SELECT id, v FROM t ORDER BY id';
echo 'stringified ', S::run($pdo, $sql) === $pdoFetch($sql, [], S::ALL) ? 'same' : 'DIFFERENT', ': ', json_encode(S::run($pdo, $sql)), "\n";
$pdo->setAttribute(PDO::ATTR_STRINGIFY_FETCHES, false);

echo "errors:\n";
foreach ([
    fn () => S::run($pdo, 'INSERT INTO t (name) VALUES (?)', ['ann'], S::CHANGES),
    fn () => S::run($pdo, 'SELEC 1'),
    fn () => S::run($pdo, 'SELECT ?', []),
    fn () => S::run($pdo, 'SELECT ?', [[1]]),
    fn () => S::run($pdo, 'SELECT ?', [new stdClass()]),
    fn () => S::run($pdo, 'SELECT 1; DELETE FROM t'),
    fn () => S::run($pdo, "SELECT 1\0; DELETE FROM t"),
    fn () => S::run($pdo, ''),
    fn () => S::run($pdo, 'SELECT 1, 2, 3', [], S::PAIRS),
    fn () => S::run($pdo, 'SELECT 1', [], 0),
    fn () => S::run($other, 'SELECT 1'),
    fn () => S::run(new ArrayObject(), 'SELECT 1'),
] as $call) {
    try {
        $call();
        echo "no error\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), $e instanceof PDOException ? ' ' . json_encode([$e->getCode(), $e->errorInfo]) : '', "\n";
    }
}
try {
    $other->exec("INSERT INTO t (name) VALUES ('ann')");
} catch (PDOException $e) {
    echo 'PDO says: ', $e->getMessage(), ' ', json_encode([$e->getCode(), $e->errorInfo]), "\n";
}
echo 'still there: ', S::run($pdo, 'SELECT count(*) FROM t', [], S::VALUE), "\n";

echo "kept: ";
$before = S::cached($pdo);
for ($i = 0; $i < 3; $i++) {
    S::run($pdo, 'SELECT name FROM t WHERE id = ?', [$i], S::VALUE);
}
var_dump(S::cached($pdo) === $before);
for ($i = 0; $i < S::CACHE_SIZE + 10; $i++) {
    S::run($pdo, "SELECT $i AS n", [], S::VALUE);
}
var_dump(S::cached($pdo) === S::CACHE_SIZE, S::run($pdo, 'SELECT 7 AS n', [], S::VALUE));

echo "no snapshot left: ";
// A one-row read of a many-row table, then a write by another connection:
// this connection's next write must see it, not a snapshot of the read.
S::run($pdo, 'SELECT * FROM t ORDER BY id', [], S::ROW);
S::run($pdo, 'SELECT name FROM t ORDER BY id', [], S::VALUE);
$other->exec("INSERT INTO t (name) VALUES ('dee')");
var_dump(S::run($pdo, 'UPDATE t SET v = 0 WHERE name = ?', ['dee'], S::CHANGES));

echo "one connection, one transaction: ";
var_dump(S::inTransaction($pdo));
$pdo->exec('BEGIN IMMEDIATE');
// PDO 8.2 does not see a transaction begun by SQL; the extension does.
var_dump(S::inTransaction($pdo), $pdo->inTransaction());
S::run($pdo, 'INSERT INTO t (name) VALUES (?)', ['eve'], S::CHANGES);
$pdo->exec('ROLLBACK');
var_dump(S::inTransaction($pdo), S::run($pdo, 'SELECT count(*) FROM t WHERE name = ?', ['eve'], S::VALUE));

echo "transaction control as kept statements: ";
S::run($pdo, 'BEGIN IMMEDIATE', [], S::CHANGES);
S::run($pdo, 'INSERT INTO t (name) VALUES (?)', ['fay'], S::CHANGES);
var_dump(S::inTransaction($pdo));
S::run($pdo, 'COMMIT', [], S::CHANGES);
S::run($pdo, 'BEGIN IMMEDIATE', [], S::CHANGES);
S::run($pdo, 'DELETE FROM t WHERE name = ?', ['fay'], S::CHANGES);
S::run($pdo, 'ROLLBACK', [], S::CHANGES);
// Committed, and then not deleted; another connection sees it.
var_dump(S::inTransaction($pdo), $other->query("SELECT count(*) FROM t WHERE name = 'fay'")->fetchColumn());
try {
    S::run($pdo, 'COMMIT', [], S::CHANGES);
} catch (PDOException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    S::inTransaction(new PDO('sqlite::memory:'));
} catch (ValueError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}

echo "schema change: ";
$other->exec('ALTER TABLE t ADD COLUMN w TEXT DEFAULT \'new\'');
var_dump(array_keys(S::run($pdo, 'SELECT * FROM t ORDER BY id', [], S::ROW)));

echo "nested: ";
// A SQL function that runs the statement being stepped: it gets one of its own.
$pdo->sqliteCreateFunction('again', function ($id) use ($pdo) {
    return S::run($pdo, 'SELECT name || again(0) FROM t WHERE id = ?', [$id], S::VALUE) ?: '';
});
var_dump(S::run($pdo, 'SELECT name || again(0) FROM t WHERE id = ?', [1], S::VALUE));
var_dump(S::run($pdo, 'SELECT name || again(0) FROM t WHERE id = ?', [2], S::VALUE));

unset($other);
@unlink($file);
@unlink("$file-wal");
@unlink("$file-shm");
?>
--EXPECT--
supports: bool(true)
bool(false)
writes: int(1)
int(2)
string(4) "blob"
as PDO fetches:
same: [{"id":1,"name":"ann","v":2.5,"b":"x\u0000y"},{"id":2,"name":"bob","v":null,"b":7},{"id":3,"name":"cy","v":2,"b":0}]
same: {"id":2,"name":"bob","v":null,"b":7}
same: false
same: "bob"
same: false
same: ["cy","bob","ann"]
same: {"1":"ann","2":"bob","3":"cy"}
same: {"ann":2.5,"bob":null,"cy":2}
same: [{"n":"ann"},{"n":"bob"},{"n":"cy"}]
stringified same: [{"id":"1","v":"2.5"},{"id":"2","v":null},{"id":"3","v":"2"}]
errors:
PDOException: SQLSTATE[23000]: Integrity constraint violation: 19 UNIQUE constraint failed: t.name ["23000",["23000",19,"UNIQUE constraint failed: t.name"]]
PDOException: SQLSTATE[HY000]: General error: 1 near "SELEC": syntax error ["HY000",["HY000",1,"near \"SELEC\": syntax error"]]
ValueError: Horde\ActiveSync\Native\SqliteStatements::run(): Argument #3 ($params) must have 1 element, 0 given
TypeError: Horde\ActiveSync\Native\SqliteStatements::run(): Argument #3 ($params) must contain only null, bool, int, float or string values, array given at 0
TypeError: Horde\ActiveSync\Native\SqliteStatements::run(): Argument #3 ($params) must contain only null, bool, int, float or string values, stdClass given at 0
ValueError: Horde\ActiveSync\Native\SqliteStatements::run(): Argument #2 ($sql) must contain one statement
ValueError: Horde\ActiveSync\Native\SqliteStatements::run(): Argument #2 ($sql) must contain one statement
ValueError: Horde\ActiveSync\Native\SqliteStatements::run(): Argument #2 ($sql) must contain a statement
ValueError: Horde\ActiveSync\Native\SqliteStatements::run(): Argument #2 ($sql) must select two columns
ValueError: Horde\ActiveSync\Native\SqliteStatements::run(): Argument #4 ($fetch) must be one of the SqliteStatements fetch constants
ValueError: Horde\ActiveSync\Native\SqliteStatements::run(): Argument #1 ($pdo) cannot be used: the PDO connection is not persistent (PDO::ATTR_PERSISTENT)
TypeError: Horde\ActiveSync\Native\SqliteStatements::run(): Argument #1 ($pdo) must be of type PDO, ArrayObject given
PDO says: SQLSTATE[23000]: Integrity constraint violation: 19 UNIQUE constraint failed: t.name ["23000",["23000",19,"UNIQUE constraint failed: t.name"]]
still there: 3
kept: bool(true)
bool(true)
int(7)
no snapshot left: int(1)
one connection, one transaction: bool(false)
bool(true)
bool(false)
bool(false)
int(0)
transaction control as kept statements: bool(true)
bool(false)
string(1) "1"
PDOException: SQLSTATE[HY000]: General error: 1 cannot commit - no transaction is active
ValueError: Horde\ActiveSync\Native\SqliteStatements::inTransaction(): Argument #1 ($pdo) cannot be used: the PDO connection is not persistent (PDO::ATTR_PERSISTENT)
schema change: array(5) {
  [0]=>
  string(2) "id"
  [1]=>
  string(4) "name"
  [2]=>
  string(1) "v"
  [3]=>
  string(1) "b"
  [4]=>
  string(1) "w"
}
nested: string(3) "ann"
string(3) "bob"
