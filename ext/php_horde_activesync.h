/*
 * horde_activesync: the native Exchange ActiveSync engine for Horde.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PHP_HORDE_ACTIVESYNC_H
#define PHP_HORDE_ACTIVESYNC_H

extern zend_module_entry horde_activesync_module_entry;
#define phpext_horde_activesync_ptr &horde_activesync_module_entry

#define PHP_HORDE_ACTIVESYNC_VERSION "0.1.0"

struct eas_message_state;

/* Per worker (per thread with ZTS). */
ZEND_BEGIN_MODULE_GLOBALS(horde_activesync)
    /* ext/message.c: compiled mappings and other caches of this request
     * (created on first use, freed in RSHUTDOWN). */
    struct eas_message_state *message_state;
    /* ext/sqlite.c: prepared statements per persistent PDO_SQLITE
     * connection (pdo_dbh_t address => connection's cache), kept across
     * requests. */
    HashTable *sqlite_connections;
    /* ext/sqlite.c: kept statements being stepped right now (a request
     * that ended with some resets them in RSHUTDOWN). */
    uint32_t sqlite_busy;
ZEND_END_MODULE_GLOBALS(horde_activesync)

ZEND_EXTERN_MODULE_GLOBALS(horde_activesync)
#define EAS_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(horde_activesync, v)

#if defined(ZTS) && defined(COMPILE_DL_HORDE_ACTIVESYNC)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

#endif
