/*
 * Module entry, shared helpers and the codec functions.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "ext/standard/info.h"
#include "zend_exceptions.h"

#include "php_horde_activesync.h"
#include "eas_php.h"
#include "horde_activesync_arginfo.h"

ZEND_DECLARE_MODULE_GLOBALS(horde_activesync)

/* --- allocator hooks ---------------------------------------------------- */

static void *zend_hook_alloc(void *ctx, size_t size)
{
    (void)ctx;
    return emalloc(size);
}

static void *zend_hook_realloc(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    return erealloc(ptr, size);
}

static void zend_hook_free(void *ctx, void *ptr)
{
    (void)ctx;
    efree(ptr);
}

const eas_allocator eas_php_allocator = { zend_hook_alloc, zend_hook_realloc, zend_hook_free, NULL };

/* --- exceptions ---------------------------------------------------------- */

static void throw_message(zend_string *message)
{
    zend_string *name = zend_string_init("Horde_ActiveSync_Exception", sizeof("Horde_ActiveSync_Exception") - 1, 0);
    zend_class_entry *ce = zend_lookup_class(name);

    zend_string_release(name);
    if (EG(exception)) {
        /* the autoloader failed: keep its exception */
        return;
    }
    if (!ce || !instanceof_function(ce, zend_ce_throwable)) {
        ce = eas_ce_wbxml_exception;
    }
    zend_throw_exception(ce, ZSTR_VAL(message), 0);
}

void eas_php_throw(const char *fmt, ...)
{
    va_list ap;
    zend_string *message;

    va_start(ap, fmt);
    message = zend_vstrpprintf(0, fmt, ap);
    va_end(ap);
    throw_message(message);
    zend_string_release(message);
}

void eas_php_throw_error(const eas_error *err)
{
    eas_php_throw("WBXML: %s", err->code == EAS_OK ? "unknown error" : err->message);
}

/* --- stream adapters ---------------------------------------------------- */

php_stream *eas_php_stream_arg(zval *zv, uint32_t arg_num)
{
    php_stream *stream;

    if (Z_TYPE_P(zv) != IS_RESOURCE) {
        zend_argument_type_error(arg_num, "must be a stream resource, %s given", zend_zval_type_name(zv));
        return NULL;
    }
    stream = (php_stream *)zend_fetch_resource2(Z_RES_P(zv), "stream", php_file_le_stream(), php_file_le_pstream());
    if (!stream) {
        /* zend_fetch_resource2 raised a TypeError */
        return NULL;
    }
    return stream;
}

static long stream_read(void *ctx, unsigned char *buf, size_t cap)
{
    ssize_t n = php_stream_read((php_stream *)ctx, (char *)buf, cap);
    return n < 0 ? -1 : (long)n;
}

eas_source eas_php_stream_source(php_stream *stream)
{
    eas_source s;
    s.read = stream_read;
    s.ctx = stream;
    return s;
}

static int stream_write(void *ctx, const unsigned char *data, size_t len)
{
    php_stream *stream = ctx;

    while (len > 0) {
        ssize_t n = php_stream_write(stream, (const char *)data, len);
        if (n <= 0) {
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

eas_sink eas_php_stream_sink(php_stream *stream)
{
    eas_sink s;
    s.write = stream_write;
    s.ctx = stream;
    return s;
}

static long string_read(void *ctx, unsigned char *buf, size_t cap)
{
    eas_php_string_source *s = ctx;
    size_t n = s->len - s->pos;

    if (n > cap) {
        n = cap;
    }
    memcpy(buf, s->data + s->pos, n);
    s->pos += n;
    return (long)n;
}

eas_source eas_php_string_source_init(eas_php_string_source *s, zend_string *str)
{
    eas_source src;

    s->data = ZSTR_VAL(str);
    s->len = ZSTR_LEN(str);
    s->pos = 0;
    src.read = string_read;
    src.ctx = s;
    return src;
}

static int smart_str_write(void *ctx, const unsigned char *data, size_t len)
{
    smart_str_appendl((smart_str *)ctx, (const char *)data, len);
    return 0;
}

eas_sink eas_php_smart_str_sink(smart_str *out)
{
    eas_sink s;
    s.write = smart_str_write;
    s.ctx = out;
    return s;
}

size_t eas_php_utf8_length(const char *s, size_t len)
{
    /* Horde_String::length() converts UTF-8 to ISO-8859-1 and counts bytes:
     * every character counts one, and so does every maximal ill-formed
     * subsequence (mbstring replaces each with one '?'). */
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0, i = 0;

    while (i < len) {
        unsigned char c = p[i];
        size_t need;
        unsigned char lo = 0x80, hi = 0xbf;

        n++;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            need = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            need = 2;
            lo = c == 0xe0 ? 0xa0 : 0x80;
            hi = c == 0xed ? 0x9f : 0xbf;
        } else if (c >= 0xf0 && c <= 0xf4) {
            need = 3;
            lo = c == 0xf0 ? 0x90 : 0x80;
            hi = c == 0xf4 ? 0x8f : 0xbf;
        } else {
            i++;
            continue;
        }
        i++;
        if (i < len && p[i] >= lo && p[i] <= hi) {
            i++;
            for (size_t k = 1; k < need && i < len && (p[i] & 0xc0) == 0x80; k++) {
                i++;
            }
        }
    }
    return n;
}

/* --- module --------------------------------------------------------------- */

PHP_MINIT_FUNCTION(horde_activesync)
{
    (void)type;
    (void)module_number;
    eas_php_register_wbxml();
    eas_php_register_state();
    eas_php_register_http();
    eas_php_register_kql();
    eas_php_register_diff();
    eas_php_register_mail();
    eas_php_register_message();
    eas_php_register_sqlite();
    return SUCCESS;
}

static PHP_GINIT_FUNCTION(horde_activesync)
{
#if defined(COMPILE_DL_HORDE_ACTIVESYNC) && defined(ZTS)
    ZEND_TSRMLS_CACHE_UPDATE();
#endif
    horde_activesync_globals->message_state = NULL;
    horde_activesync_globals->sqlite_connections = NULL;
    horde_activesync_globals->sqlite_busy = 0;
}

static PHP_GSHUTDOWN_FUNCTION(horde_activesync)
{
    eas_php_sqlite_globals_dtor(&horde_activesync_globals->sqlite_connections);
}

PHP_RINIT_FUNCTION(horde_activesync)
{
    (void)type;
    (void)module_number;
    eas_php_message_request_startup();
    return SUCCESS;
}

PHP_RSHUTDOWN_FUNCTION(horde_activesync)
{
    (void)type;
    (void)module_number;
    eas_php_message_request_shutdown();
    eas_php_sqlite_request_shutdown();
    return SUCCESS;
}

PHP_MINFO_FUNCTION(horde_activesync)
{
    char tags[16];

    (void)zend_module;
    snprintf(tags, sizeof(tags), "%u", (unsigned)EAS_TAG_COUNT);
    php_info_print_table_start();
    php_info_print_table_header(2, "horde_activesync support", "enabled");
    php_info_print_table_row(2, "Version", PHP_HORDE_ACTIVESYNC_VERSION);
    php_info_print_table_row(2, "EAS protocol versions", "2.5, 12.0, 12.1, 14.0, 14.1, 16.0, 16.1");
    php_info_print_table_row(2, "WBXML tags", tags);
    php_info_print_table_end();
}

zend_module_entry horde_activesync_module_entry = {
    STANDARD_MODULE_HEADER,
    "horde_activesync",
    ext_functions,
    PHP_MINIT(horde_activesync),
    NULL,
    PHP_RINIT(horde_activesync),
    PHP_RSHUTDOWN(horde_activesync),
    PHP_MINFO(horde_activesync),
    PHP_HORDE_ACTIVESYNC_VERSION,
    PHP_MODULE_GLOBALS(horde_activesync),
    PHP_GINIT(horde_activesync),
    PHP_GSHUTDOWN(horde_activesync),
    NULL,
    STANDARD_MODULE_PROPERTIES_EX
};

#ifdef COMPILE_DL_HORDE_ACTIVESYNC
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(horde_activesync)
#endif
