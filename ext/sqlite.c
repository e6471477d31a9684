/*
 * SQLite statements kept prepared for the life of a worker.
 *
 * PHP frees a PDOStatement at the end of the request, so a request that
 * runs a dozen statements compiles a dozen statements: for a Ping that is
 * most of the time it spends in SQLite. A persistent PDO connection,
 * though, keeps its sqlite3 handle for the life of the worker, and so can
 * the statements prepared on it. This file runs SQL on that handle (the
 * same connection, so the same transactions as the PDO object's own exec()
 * calls) and keeps each statement, per connection and per thread, in the
 * module globals.
 *
 * Why this is safe:
 *  - pdo_sqlite closes a persistent handle only when the process ends
 *    (PDO_SQLITE has no liveness check that could replace it), and it
 *    closes it with sqlite3_close_v2(), which keeps the handle alive until
 *    the last statement is finalized: the globals' destructor finalizes
 *    ours after that (and with plain sqlite3_close() the handle stays
 *    open, so finalizing is still valid).
 *  - A statement is reset as soon as its rows are read, also on errors, so
 *    no read snapshot or lock outlives the call; one a fatal error left
 *    mid-step is reset at the end of that request (RSHUTDOWN).
 *  - sqlite3_prepare_v2() statements recompile themselves after a schema
 *    change.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "eas_php.h"
#include "php_horde_activesync.h"

#ifdef HAVE_EAS_SQLITE

#include <sqlite3.h>
#include "ext/pdo/php_pdo_driver.h"
#include "zend_exceptions.h"

/* Fetch modes of run(), and how many statements a connection keeps. */
#define EAS_SQLITE_VALUE      1
#define EAS_SQLITE_ROW        2
#define EAS_SQLITE_ALL        3
#define EAS_SQLITE_COLUMN     4
#define EAS_SQLITE_PAIRS      5
#define EAS_SQLITE_CHANGES    6
#define EAS_SQLITE_CACHE_SIZE 64

#include "sqlite_arginfo.h"

/* pdo_sqlite's driver_data starts with the sqlite3 handle (its
 * pdo_sqlite_db_handle, not installed as a header). */
typedef struct {
    sqlite3 *db;
} eas_pdo_sqlite_head;

typedef struct {
    sqlite3_stmt *stmt;
    bool busy; /* being stepped: a nested call on the same SQL prepares its own */
} eas_cached_stmt;

typedef struct {
    sqlite3 *db;
    HashTable stmts; /* SQL => eas_cached_stmt*, oldest first */
    HashTable temps; /* address => eas_cached_stmt* of the nested calls' own statements, while they run */
} eas_sqlite_conn;

void eas_php_register_sqlite(void)
{
    register_class_Horde_ActiveSync_Native_SqliteStatements();
}

static void cached_stmt_dtor(zval *zv)
{
    eas_cached_stmt *cs = Z_PTR_P(zv);

    sqlite3_finalize(cs->stmt);
    pefree(cs, 1);
}

static void conn_dtor(zval *zv)
{
    eas_sqlite_conn *conn = Z_PTR_P(zv);

    zend_hash_destroy(&conn->stmts);
    zend_hash_destroy(&conn->temps);
    pefree(conn, 1);
}

/* A request that ended inside run() (a fatal error that unwound through
 * sqlite3_step(), from a SQL function's PHP callback, say) left its
 * statement mid-step: reset it before the worker's next request, or it
 * would keep its read snapshot (or a write lock) for good. */
void eas_php_sqlite_request_shutdown(void)
{
    eas_sqlite_conn *conn;
    eas_cached_stmt *cs;

    if (EAS_G(sqlite_busy) == 0 || !EAS_G(sqlite_connections)) {
        return;
    }
    ZEND_HASH_FOREACH_PTR(EAS_G(sqlite_connections), conn) {
        zend_hash_clean(&conn->temps);
        ZEND_HASH_FOREACH_PTR(&conn->stmts, cs) {
            if (cs->busy) {
                sqlite3_reset(cs->stmt);
                sqlite3_clear_bindings(cs->stmt);
                cs->busy = false;
            }
        } ZEND_HASH_FOREACH_END();
    } ZEND_HASH_FOREACH_END();
    EAS_G(sqlite_busy) = 0;
}

void eas_php_sqlite_globals_dtor(HashTable **connections)
{
    if (*connections) {
        zend_hash_destroy(*connections);
        pefree(*connections, 1);
        *connections = NULL;
    }
}

/* The sqlite3 handle of a PDO_SQLITE object, or NULL with *why set. */
static sqlite3 *pdo_sqlite_handle(zend_object *obj, pdo_dbh_t **dbh_out, const char **why)
{
    pdo_dbh_t *dbh = php_pdo_dbh_fetch_inner(obj);

    *dbh_out = dbh;
    if (!dbh || !dbh->driver || !dbh->driver_data || dbh->is_closed) {
        *why = "the PDO object is not connected";
        return NULL;
    }
    if (strcmp(dbh->driver->driver_name, "sqlite") != 0) {
        *why = "the PDO connection is not PDO_SQLITE";
        return NULL;
    }
    if (!dbh->is_persistent) {
        *why = "the PDO connection is not persistent (PDO::ATTR_PERSISTENT)";
        return NULL;
    }
    return ((eas_pdo_sqlite_head *)dbh->driver_data)->db;
}

static bool is_pdo(zval *zv)
{
    zend_class_entry *pdo_ce = zend_hash_str_find_ptr(CG(class_table), "pdo", sizeof("pdo") - 1);

    return pdo_ce && instanceof_function(Z_OBJCE_P(zv), pdo_ce);
}

/* The sqlite3 handle of argument 1 and its PDO handle in *dbh_out; NULL
 * with an exception when it is no persistent PDO_SQLITE connection. */
static sqlite3 *handle_arg(zval *pdo, pdo_dbh_t **dbh_out)
{
    const char *why = NULL;
    sqlite3 *db;

    if (!is_pdo(pdo)) {
        zend_argument_type_error(1, "must be of type PDO, %s given", zend_zval_type_name(pdo));
        return NULL;
    }
    db = pdo_sqlite_handle(Z_OBJ_P(pdo), dbh_out, &why);
    if (!db) {
        zend_argument_value_error(1, "cannot be used: %s", why);
    }
    return db;
}

/* The connection's cache, created on first use, and its PDO handle in
 * *dbh_out; NULL with an exception. */
static eas_sqlite_conn *conn_for(zval *pdo, bool create, pdo_dbh_t **dbh_out)
{
    HashTable **connections = &EAS_G(sqlite_connections);
    pdo_dbh_t *dbh;
    sqlite3 *db;
    eas_sqlite_conn *conn;

    if (!(db = handle_arg(pdo, &dbh))) {
        return NULL;
    }
    *dbh_out = dbh;
    if (!*connections) {
        *connections = pemalloc(sizeof(HashTable), 1);
        zend_hash_init(*connections, 4, NULL, conn_dtor, 1);
    }
    /* Keyed by the persistent pdo_dbh_t, which lives as long as the
     * worker; a handle that changed under it drops the old statements. */
    conn = zend_hash_index_find_ptr(*connections, (zend_ulong)(uintptr_t)dbh);
    if (conn && conn->db != db) {
        zend_hash_index_del(*connections, (zend_ulong)(uintptr_t)dbh);
        conn = NULL;
    }
    if (!conn && create) {
        conn = pemalloc(sizeof(*conn), 1);
        conn->db = db;
        zend_hash_init(&conn->stmts, 16, NULL, cached_stmt_dtor, 1);
        zend_hash_init(&conn->temps, 2, NULL, cached_stmt_dtor, 1);
        zend_hash_index_add_new_ptr(*connections, (zend_ulong)(uintptr_t)dbh, conn);
    }
    return conn;
}

/* Raises PDOException as PDO words it, for an SQLite result code. */
static void throw_sqlite(int rc, const char *message)
{
    zend_class_entry *ce = zend_hash_str_find_ptr(CG(class_table), "pdoexception", sizeof("pdoexception") - 1);
    const char *state = "HY000", *what = "General error";
    zend_string *text;
    zend_object *exception;
    zval info;

    if ((rc & 0xff) == SQLITE_CONSTRAINT) {
        state = "23000";
        what = "Integrity constraint violation";
    }
    text = zend_strpprintf(0, "SQLSTATE[%s]: %s: %d %s", state, what, rc & 0xff, message);
    exception = zend_throw_exception(ce ? ce : zend_ce_exception, ZSTR_VAL(text), 0);
    zend_string_release(text);
    if (ce) {
        zend_update_property_string(ce, exception, "code", sizeof("code") - 1, state);
        array_init_size(&info, 3);
        add_next_index_string(&info, state);
        add_next_index_long(&info, rc & 0xff);
        add_next_index_string(&info, message);
        zend_update_property(ce, exception, "errorInfo", sizeof("errorInfo") - 1, &info);
        zval_ptr_dtor(&info);
    }
}

/* A kept statement for $sql, prepared on a miss; NULL with an exception. */
static eas_cached_stmt *statement_for(eas_sqlite_conn *conn, zend_string *sql, bool *temporary)
{
    eas_cached_stmt *cs = zend_hash_str_find_ptr(&conn->stmts, ZSTR_VAL(sql), ZSTR_LEN(sql));
    sqlite3_stmt *stmt = NULL;
    const char *tail = NULL, *end = ZSTR_VAL(sql) + ZSTR_LEN(sql);
    int rc;

    *temporary = false;
    if (cs && !cs->busy) {
        return cs;
    }
    rc = sqlite3_prepare_v2(conn->db, ZSTR_VAL(sql), (int)MIN(ZSTR_LEN(sql), INT_MAX), &stmt, &tail);
    if (rc != SQLITE_OK) {
        throw_sqlite(rc, sqlite3_errmsg(conn->db));
        return NULL;
    }
    if (!stmt) {
        zend_argument_value_error(2, "must contain a statement");
        return NULL;
    }
    /* Only blanks and semicolons may follow: a second statement (or text
     * after a NUL, where SQLite stops reading) would be silently ignored. */
    while (tail && tail < end && (*tail == ' ' || *tail == '\t' || *tail == '\n' || *tail == '\r' || *tail == ';')) {
        tail++;
    }
    if (tail && tail < end) {
        sqlite3_finalize(stmt);
        zend_argument_value_error(2, "must contain one statement");
        return NULL;
    }
    cs = pemalloc(sizeof(*cs), 1);
    cs->stmt = stmt;
    cs->busy = false;
    if (zend_hash_str_exists(&conn->stmts, ZSTR_VAL(sql), ZSTR_LEN(sql))) {
        /* The kept one is in use further up the stack: this one is freed
         * after the call (or at the end of a request that died in it). */
        *temporary = true;
        zend_hash_index_add_new_ptr(&conn->temps, (zend_ulong)(uintptr_t)cs, cs);
        return cs;
    }
    if (zend_hash_num_elements(&conn->stmts) >= EAS_SQLITE_CACHE_SIZE) {
        zend_string *oldest;
        eas_cached_stmt *old;

        ZEND_HASH_FOREACH_STR_KEY_PTR(&conn->stmts, oldest, old) {
            if (!old->busy) {
                zend_hash_del(&conn->stmts, oldest);
                break;
            }
        } ZEND_HASH_FOREACH_END();
    }
    zend_hash_str_add_new_ptr(&conn->stmts, ZSTR_VAL(sql), ZSTR_LEN(sql), cs);
    return cs;
}

/* Binds $params; false with an exception. */
static bool bind_params(sqlite3 *db, sqlite3_stmt *stmt, HashTable *params, zend_long blobs)
{
    int expected = sqlite3_bind_parameter_count(stmt);
    uint32_t given = params ? zend_hash_num_elements(params) : 0;
    zval *value;
    int i = 0, rc = SQLITE_OK;

    if ((uint32_t)expected != given) {
        zend_argument_value_error(3, "must have %d element%s, %u given", expected, expected == 1 ? "" : "s", given);
        return false;
    }
    if (!params) {
        return true;
    }
    ZEND_HASH_FOREACH_VAL(params, value) {
        bool blob = i < 63 && (blobs & ((zend_long)1 << i));

        ZVAL_DEREF(value);
        i++;
        switch (Z_TYPE_P(value)) {
        case IS_NULL:
            rc = sqlite3_bind_null(stmt, i);
            break;
        case IS_FALSE:
        case IS_TRUE:
            rc = sqlite3_bind_int64(stmt, i, Z_TYPE_P(value) == IS_TRUE);
            break;
        case IS_LONG:
            rc = sqlite3_bind_int64(stmt, i, (sqlite3_int64)Z_LVAL_P(value));
            break;
        case IS_DOUBLE:
            rc = sqlite3_bind_double(stmt, i, Z_DVAL_P(value));
            break;
        case IS_STRING:
            /* Static: $params outlives the statement's use in this call,
             * and the bindings are cleared before it returns. */
            rc = blob ? sqlite3_bind_blob64(stmt, i, Z_STRVAL_P(value), Z_STRLEN_P(value), SQLITE_STATIC)
                      : sqlite3_bind_text64(stmt, i, Z_STRVAL_P(value), Z_STRLEN_P(value), SQLITE_STATIC, SQLITE_UTF8);
            break;
        default:
            zend_argument_type_error(3, "must contain only null, bool, int, float or string values, %s given at %d",
                                     zend_zval_type_name(value), i - 1);
            return false;
        }
        if (rc != SQLITE_OK) {
            throw_sqlite(rc, sqlite3_errmsg(db));
            return false;
        }
    } ZEND_HASH_FOREACH_END();
    return true;
}

/* One column as pdo_sqlite returns it, then stringified as PDO does with
 * PDO::ATTR_STRINGIFY_FETCHES. */
static void column_value(sqlite3_stmt *stmt, int col, bool stringify, zval *out)
{
    switch (sqlite3_column_type(stmt, col)) {
    case SQLITE_NULL:
        ZVAL_NULL(out);
        return;
    case SQLITE_INTEGER: {
        sqlite3_int64 n = sqlite3_column_int64(stmt, col);

        if (n < ZEND_LONG_MIN || n > ZEND_LONG_MAX) {
            break; /* as text, like pdo_sqlite on 32-bit builds */
        }
        ZVAL_LONG(out, (zend_long)n);
        if (stringify) {
            convert_to_string(out);
        }
        return;
    }
    case SQLITE_FLOAT:
        ZVAL_DOUBLE(out, sqlite3_column_double(stmt, col));
        if (stringify) {
            convert_to_string(out);
        }
        return;
    case SQLITE_BLOB: {
        const void *blob = sqlite3_column_blob(stmt, col);

        ZVAL_STRINGL_FAST(out, blob ? blob : "", (size_t)sqlite3_column_bytes(stmt, col));
        return;
    }
    default:
        break;
    }
    {
        const unsigned char *text = sqlite3_column_text(stmt, col);

        ZVAL_STRINGL_FAST(out, text ? (const char *)text : "", (size_t)sqlite3_column_bytes(stmt, col));
    }
}

/* Column names as keys, taken after the first step: a statement that
 * SQLite prepared again for a changed schema may have other columns. */
typedef struct {
    int count;
    zend_string *small[16];
    zend_string **names;
} eas_row_keys;

static void row_keys_init(eas_row_keys *keys, sqlite3_stmt *stmt)
{
    int c;

    keys->count = sqlite3_column_count(stmt);
    keys->names = keys->count > (int)(sizeof(keys->small) / sizeof(keys->small[0]))
                      ? safe_emalloc((size_t)keys->count, sizeof(zend_string *), 0)
                      : keys->small;
    for (c = 0; c < keys->count; c++) {
        const char *name = sqlite3_column_name(stmt, c);

        keys->names[c] = zend_string_init(name ? name : "", name ? strlen(name) : 0, 0);
    }
}

static void row_keys_free(eas_row_keys *keys)
{
    int c;

    for (c = 0; c < keys->count; c++) {
        zend_string_release(keys->names[c]);
    }
    if (keys->names != keys->small) {
        efree(keys->names);
    }
}

/* Steps through the rows into *result as $fetch asks; false with an
 * exception (and *result left undefined). */
static bool fetch_rows(sqlite3 *db, sqlite3_stmt *stmt, zend_long fetch, bool stringify, zval *result)
{
    eas_row_keys keys = { -1, { NULL }, NULL };
    int rc, c;

    /* Checked before any step: a statement with the wrong shape runs not at all. */
    if ((fetch == EAS_SQLITE_VALUE || fetch == EAS_SQLITE_COLUMN) && sqlite3_column_count(stmt) < 1) {
        zend_argument_value_error(2, "must select a column");
        return false;
    }
    if (fetch == EAS_SQLITE_PAIRS && sqlite3_column_count(stmt) != 2) {
        zend_argument_value_error(2, "must select two columns");
        return false;
    }
    if (fetch == EAS_SQLITE_ALL || fetch == EAS_SQLITE_COLUMN || fetch == EAS_SQLITE_PAIRS) {
        array_init(result);
    } else {
        ZVAL_FALSE(result);
    }
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        zval row, value, key;

        switch (fetch) {
        case EAS_SQLITE_VALUE:
            column_value(stmt, 0, stringify, result);
            break;
        case EAS_SQLITE_COLUMN:
            column_value(stmt, 0, stringify, &value);
            add_next_index_zval(result, &value);
            break;
        case EAS_SQLITE_PAIRS:
            column_value(stmt, 0, stringify, &key);
            column_value(stmt, 1, stringify, &value);
            if (Z_TYPE(key) == IS_LONG) {
                zend_hash_index_update(Z_ARRVAL_P(result), Z_LVAL(key), &value);
            } else {
                convert_to_string(&key);
                zend_symtable_update(Z_ARRVAL_P(result), Z_STR(key), &value);
            }
            zval_ptr_dtor(&key);
            break;
        case EAS_SQLITE_ROW:
        case EAS_SQLITE_ALL:
            if (keys.count < 0) {
                row_keys_init(&keys, stmt);
            }
            array_init_size(&row, (uint32_t)keys.count);
            for (c = 0; c < keys.count; c++) {
                column_value(stmt, c, stringify, &value);
                zend_symtable_update(Z_ARRVAL(row), keys.names[c], &value);
            }
            if (fetch == EAS_SQLITE_ROW) {
                ZVAL_COPY_VALUE(result, &row);
            } else {
                add_next_index_zval(result, &row);
            }
            break;
        default:
            break;
        }
        if (fetch == EAS_SQLITE_VALUE || fetch == EAS_SQLITE_ROW) {
            /* One row is the answer; the caller's reset ends the read. */
            rc = SQLITE_DONE;
            break;
        }
    }
    if (keys.count >= 0) {
        row_keys_free(&keys);
    }
    if (rc != SQLITE_DONE) {
        zval_ptr_dtor(result);
        throw_sqlite(rc, sqlite3_errmsg(db));
        return false;
    }
    if (fetch == EAS_SQLITE_CHANGES) {
        ZVAL_LONG(result, (zend_long)sqlite3_changes(db));
    }
    return true;
}

ZEND_METHOD(Horde_ActiveSync_Native_SqliteStatements, supports)
{
    zval *pdo;
    pdo_dbh_t *dbh;
    const char *why;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_OBJECT(pdo)
    ZEND_PARSE_PARAMETERS_END();
    RETURN_BOOL(is_pdo(pdo) && pdo_sqlite_handle(Z_OBJ_P(pdo), &dbh, &why) != NULL);
}

ZEND_METHOD(Horde_ActiveSync_Native_SqliteStatements, run)
{
    zval *pdo;
    zend_string *sql;
    HashTable *params = NULL;
    zend_long fetch = EAS_SQLITE_ALL, blobs = 0;
    eas_sqlite_conn *conn;
    eas_cached_stmt *cs;
    bool temporary;
    pdo_dbh_t *dbh;
    zval result;

    ZEND_PARSE_PARAMETERS_START(2, 5)
        Z_PARAM_OBJECT(pdo)
        Z_PARAM_STR(sql)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(params)
        Z_PARAM_LONG(fetch)
        Z_PARAM_LONG(blobs)
    ZEND_PARSE_PARAMETERS_END();

    if (fetch < EAS_SQLITE_VALUE || fetch > EAS_SQLITE_CHANGES) {
        zend_argument_value_error(4, "must be one of the SqliteStatements fetch constants");
        RETURN_THROWS();
    }
    conn = conn_for(pdo, true, &dbh);
    if (!conn) {
        RETURN_THROWS();
    }
    cs = statement_for(conn, sql, &temporary);
    if (!cs) {
        RETURN_THROWS();
    }
    cs->busy = true;
    EAS_G(sqlite_busy)++;
    if (bind_params(conn->db, cs->stmt, params, blobs)
        && fetch_rows(conn->db, cs->stmt, fetch, dbh->stringify, &result)) {
        ZVAL_COPY_VALUE(return_value, &result);
    }
    /* Always: a statement left mid-read would keep its snapshot (and on a
     * write, the lock) into the next request. */
    sqlite3_reset(cs->stmt);
    sqlite3_clear_bindings(cs->stmt);
    cs->busy = false;
    EAS_G(sqlite_busy)--;
    if (temporary) {
        zend_hash_index_del(&conn->temps, (zend_ulong)(uintptr_t)cs);
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_SqliteStatements, cached)
{
    zval *pdo;
    eas_sqlite_conn *conn;
    pdo_dbh_t *dbh;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_OBJECT(pdo)
    ZEND_PARSE_PARAMETERS_END();
    conn = conn_for(pdo, false, &dbh);
    if (EG(exception)) {
        RETURN_THROWS();
    }
    RETURN_LONG(conn ? (zend_long)zend_hash_num_elements(&conn->stmts) : 0);
}

ZEND_METHOD(Horde_ActiveSync_Native_SqliteStatements, inTransaction)
{
    zval *pdo;
    pdo_dbh_t *dbh;
    sqlite3 *db;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_OBJECT(pdo)
    ZEND_PARSE_PARAMETERS_END();
    if (!(db = handle_arg(pdo, &dbh))) {
        RETURN_THROWS();
    }
    RETURN_BOOL(!sqlite3_get_autocommit(db));
}

#else /* !HAVE_EAS_SQLITE */

void eas_php_register_sqlite(void)
{
}

void eas_php_sqlite_request_shutdown(void)
{
}

void eas_php_sqlite_globals_dtor(HashTable **connections)
{
    (void)connections;
}

#endif
