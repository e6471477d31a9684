/*
 * Horde\ActiveSync\Native\WbxmlEncoder: the buffered encoder behind
 * Horde_ActiveSync_Wbxml_Encoder, with its multipart responses
 * (MS-ASCMD 2.2.1.10.1, MS-ASAcceptMultiPart) and protocol logging.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "eas_php.h"
#include "SAPI.h"
#include "ext/standard/php_string.h"
#include "../src/wbxml/eas_wbxml_writer.h"

#define LOG_DETAILED   1
#define LOG_MAXCONTENT 50

typedef struct {
    eas_wbxml_writer *writer;
    zval output;                /* the output stream resource */
    php_stream *stream;

    int multipart;
    int multipart_done;
    smart_str multipart_body;   /* the WBXML part, collected before the parts */
    zval parts;

    zval logger;
    zend_long log_level;
    zend_long log_depth;        /* Horde's _logStack: written start tags with content */

    /* Tag names resolved so far, by string pointer: callers pass the same
     * (mostly interned) strings again and again. Entries hold a reference
     * so a pointer cannot be reused by another string. */
    struct {
        zend_string *name;
        const eas_tag *tag;
    } tag_cache[256];

    zend_object std;
} encoder_obj;

static zend_object_handlers encoder_handlers;
zend_class_entry *eas_ce_wbxml_encoder;

static inline encoder_obj *encoder_from(zend_object *obj)
{
    return (encoder_obj *)((char *)obj - XtOffsetOf(encoder_obj, std));
}

#define THIS_ENCODER() encoder_from(Z_OBJ_P(ZEND_THIS))

static zend_object *encoder_create(zend_class_entry *ce)
{
    encoder_obj *e = zend_object_alloc(sizeof(encoder_obj), ce);

    zend_object_std_init(&e->std, ce);
    object_properties_init(&e->std, ce);
    e->std.handlers = &encoder_handlers;
    ZVAL_UNDEF(&e->output);
    array_init(&e->parts);
    ZVAL_NULL(&e->logger);
    e->log_level = 2;
    return &e->std;
}

/* The output stream if it is still open. */
static php_stream *live_stream(encoder_obj *e)
{
    if (Z_TYPE(e->output) != IS_RESOURCE) {
        return NULL;
    }
    return (php_stream *)zend_fetch_resource2_ex(&e->output, NULL, php_file_le_stream(), php_file_le_pstream());
}

static void encoder_free(zend_object *obj)
{
    encoder_obj *e = encoder_from(obj);

    if (e->writer) {
        /* Hand over what is still buffered, if anyone can take it. */
        if (!e->multipart || e->multipart_done) {
            php_stream *s = live_stream(e);
            if (s == e->stream && s) {
                eas_wbxml_writer_flush(e->writer);
            }
        }
        eas_wbxml_writer_free(e->writer);
    }
    for (size_t i = 0; i < sizeof(e->tag_cache) / sizeof(e->tag_cache[0]); i++) {
        if (e->tag_cache[i].name) {
            zend_string_release(e->tag_cache[i].name);
        }
    }
    smart_str_free(&e->multipart_body);
    zval_ptr_dtor(&e->parts);
    zval_ptr_dtor(&e->logger);
    zval_ptr_dtor(&e->output);
    zend_object_std_dtor(obj);
}

static HashTable *encoder_get_gc(zend_object *obj, zval **table, int *n)
{
    encoder_obj *e = encoder_from(obj);
    *table = &e->logger;
    *n = 1;
    return zend_std_get_properties(obj);
}

static int ensure_writer(encoder_obj *e)
{
    if (!e->writer) {
        zend_throw_error(NULL, "WbxmlEncoder is not initialized");
        return -1;
    }
    return 0;
}

static int writer_failed(encoder_obj *e)
{
    if (!EG(exception)) {
        eas_php_throw_error(eas_wbxml_writer_error(e->writer));
    }
    return -1;
}

/* --- logging, as Horde_ActiveSync_Wbxml_Encoder's _log* methods do it ---- */

static void log_server(encoder_obj *e, zend_string *text, zend_long indent)
{
    zval fname, params[2], rv;

    ZVAL_STRING(&fname, "server");
    ZVAL_STR_COPY(&params[0], text);
    ZVAL_LONG(&params[1], indent);
    ZVAL_UNDEF(&rv);
    call_user_function(NULL, &e->logger, &fname, &rv, 2, params);
    zval_ptr_dtor(&rv);
    zval_ptr_dtor(&params[0]);
    zval_ptr_dtor(&fname);
}

static void trace_tag(void *ctx, eas_wbxml_trace_event event, const eas_tag *tag)
{
    encoder_obj *e = ctx;
    zend_string *text;

    if (EG(exception)) {
        return;
    }
    switch (event) {
    case EAS_WBXML_TRACE_START:
        text = zend_strpprintf(0, "<%s>", tag->name);
        log_server(e, text, e->log_depth++);
        break;
    case EAS_WBXML_TRACE_EMPTY:
        text = zend_strpprintf(0, "<%s />", tag->name);
        log_server(e, text, e->log_depth);
        break;
    default:
        text = zend_strpprintf(0, "</%s>", tag->name);
        log_server(e, text, --e->log_depth);
        break;
    }
    zend_string_release(text);
}

static void log_content(encoder_obj *e, const char *data, size_t len, int is_stream)
{
    zend_string *text;

    if (Z_TYPE(e->logger) != IS_OBJECT || EG(exception)) {
        return;
    }
    if (is_stream && e->log_level != LOG_DETAILED) {
        text = zend_string_init("[STREAM]", sizeof("[STREAM]") - 1, 0);
    } else {
        size_t chars = eas_php_utf8_length(data, len);
        if (!is_stream && e->log_level != LOG_DETAILED && chars > LOG_MAXCONTENT) {
            text = zend_strpprintf(0, "[%zu bytes of content]", chars);
        } else {
            text = zend_string_init(data, len, 0);
        }
    }
    log_server(e, text, e->log_depth);
    zend_string_release(text);
}

/* --- output plumbing ------------------------------------------------------- */

static int set_output(encoder_obj *e, zval *zv, uint32_t arg_num)
{
    php_stream *stream = eas_php_stream_arg(zv, arg_num);

    if (!stream) {
        return -1;
    }
    zval_ptr_dtor(&e->output);
    ZVAL_COPY(&e->output, zv);
    e->stream = stream;
    return 0;
}

static int flush_to_stream(encoder_obj *e)
{
    if (eas_wbxml_writer_flush(e->writer) != 0) {
        return writer_failed(e);
    }
    return 0;
}

/* Size of a stream's content from its start, or -1 when it cannot tell. */
static zend_off_t stream_size(php_stream *s)
{
    php_stream_statbuf ssb;

    if (php_stream_stat(s, &ssb) == 0 && (ssb.sb.st_mode & S_IFMT) == S_IFREG) {
        return (zend_off_t)ssb.sb.st_size;
    }
    return -1;
}

/* A stream argument rewound, with its length; streams that cannot tell
 * their length are copied to a php://temp first (returned in *owned). */
static php_stream *measured_stream(zval *zv, zend_off_t *len, php_stream **owned)
{
    php_stream *s = eas_php_stream_arg(zv, 1);

    *owned = NULL;
    if (!s) {
        return NULL;
    }
    if (php_stream_rewind(s) == 0 && (*len = stream_size(s)) >= 0) {
        return s;
    }
    *owned = php_stream_temp_new();
    if (!*owned || php_stream_copy_to_stream_ex(s, *owned, PHP_STREAM_COPY_ALL, NULL) != SUCCESS) {
        if (*owned) {
            php_stream_close(*owned);
        }
        eas_php_throw("WBXML: cannot read the content stream");
        return NULL;
    }
    *len = php_stream_tell(*owned);
    php_stream_rewind(*owned);
    return *owned;
}

/* Copies exactly len bytes of s into the writer. */
static int copy_exact(encoder_obj *e, php_stream *s, zend_off_t len, int strip_nul)
{
    char chunk[8192];
    zend_off_t left = len;

    while (left != 0) {
        size_t want = (len < 0 || left > (zend_off_t)sizeof(chunk)) ? sizeof(chunk) : (size_t)left;
        ssize_t n = php_stream_read(s, chunk, want);
        if (n < 0) {
            eas_php_throw("WBXML: reading the content stream failed");
            return -1;
        }
        if (n == 0) {
            if (len < 0) {
                return 0;
            }
            eas_php_throw("WBXML: the content stream ended %lld bytes short of its length",
                          (long long)left);
            return -1;
        }
        if ((strip_nul ? eas_wbxml_writer_text_chunk(e->writer, (unsigned char *)chunk, (size_t)n)
                       : eas_wbxml_writer_raw(e->writer, (unsigned char *)chunk, (size_t)n)) != 0) {
            return writer_failed(e);
        }
        if (len >= 0) {
            left -= n;
        }
    }
    return 0;
}

typedef struct {
    php_stream *stream;     /* NULL for a string part */
    php_stream *owned;      /* temporary copy to close */
    zend_off_t len;
} part_source;

static void release_parts(part_source *src, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (src[i].owned) {
            php_stream_close(src[i].owned);
        }
    }
    efree(src);
}

static void put_le32(unsigned char *p, uint64_t v)
{
    p[0] = (unsigned char)(v & 0xff);
    p[1] = (unsigned char)((v >> 8) & 0xff);
    p[2] = (unsigned char)((v >> 16) & 0xff);
    p[3] = (unsigned char)((v >> 24) & 0xff);
}

/* Writes the multipart response: a little-endian part count, an
 * (offset, length) pair per part, the WBXML, then the parts. */
static int finish_multipart(encoder_obj *e)
{
    HashTable *parts = Z_ARRVAL(e->parts);
    size_t count = zend_hash_num_elements(parts);
    size_t header_len = 4 + 8 * (count + 1);
    part_source *src = ecalloc(count + 1, sizeof(*src));
    unsigned char *header;
    size_t wbxml_len, i = 0;
    uint64_t offset;
    zval *part;

    if (flush_to_stream(e) != 0) {
        efree(src);
        return -1;
    }
    e->multipart_done = 1;
    eas_wbxml_writer_swap_sink(e->writer, eas_php_stream_sink(e->stream), NULL);
    wbxml_len = e->multipart_body.s ? ZSTR_LEN(e->multipart_body.s) : 0;

    /* Measure every part once: streams may not be readable twice. */
    ZEND_HASH_FOREACH_VAL(parts, part) {
        if (Z_TYPE_P(part) == IS_RESOURCE) {
            src[i].stream = measured_stream(part, &src[i].len, &src[i].owned);
            if (!src[i].stream) {
                release_parts(src, i);
                return -1;
            }
        } else {
            src[i].len = (zend_off_t)Z_STRLEN_P(part);
        }
        i++;
    } ZEND_HASH_FOREACH_END();

    header = emalloc(header_len);
    put_le32(header, count + 1);
    offset = header_len;
    put_le32(header + 4, offset);
    put_le32(header + 8, wbxml_len);
    offset += wbxml_len;
    for (i = 0; i < count; i++) {
        put_le32(header + 12 + 8 * i, offset);
        put_le32(header + 16 + 8 * i, (uint64_t)src[i].len);
        offset += (uint64_t)src[i].len;
    }
    if (offset > UINT32_MAX) {
        efree(header);
        release_parts(src, count);
        eas_php_throw("WBXML: multipart response larger than 4 GiB");
        return -1;
    }
    if (eas_wbxml_writer_raw(e->writer, header, header_len) != 0 ||
        (wbxml_len && eas_wbxml_writer_raw(e->writer, (unsigned char *)ZSTR_VAL(e->multipart_body.s),
                                           wbxml_len) != 0)) {
        efree(header);
        release_parts(src, count);
        return writer_failed(e);
    }
    efree(header);
    smart_str_free(&e->multipart_body);

    i = 0;
    ZEND_HASH_FOREACH_VAL(parts, part) {
        int rc = src[i].stream
            ? copy_exact(e, src[i].stream, src[i].len, 0)
            : (eas_wbxml_writer_raw(e->writer, (unsigned char *)Z_STRVAL_P(part), Z_STRLEN_P(part)) == 0
                   ? 0 : writer_failed(e));
        if (rc != 0) {
            release_parts(src, count);
            return -1;
        }
        if (src[i].stream) {
            /* Horde closes stream parts once written */
            zend_list_close(Z_RES_P(part));
        }
        i++;
    } ZEND_HASH_FOREACH_END();
    release_parts(src, count);
    return flush_to_stream(e);
}

static const eas_tag *lookup_tag(encoder_obj *e, zend_string *name)
{
    size_t slot = ((uintptr_t)name >> 4) & (sizeof(e->tag_cache) / sizeof(e->tag_cache[0]) - 1);
    const eas_tag *tag;

    if (e->tag_cache[slot].name == name) {
        return e->tag_cache[slot].tag;
    }
    tag = eas_tag_by_name(ZSTR_VAL(name), ZSTR_LEN(name));
    if (tag) {
        if (e->tag_cache[slot].name) {
            zend_string_release(e->tag_cache[slot].name);
        }
        e->tag_cache[slot].name = zend_string_copy(name);
        e->tag_cache[slot].tag = tag;
    }
    return tag;
}

static int start_tag(encoder_obj *e, zend_string *name, int output_empty)
{
    const eas_tag *tag = lookup_tag(e, name);

    if (!tag) {
        eas_php_throw("WBXML: unknown tag \"%s\"", ZSTR_VAL(name));
        return -1;
    }
    if (eas_wbxml_writer_start(e->writer, tag, output_empty) != 0) {
        return writer_failed(e);
    }
    return 0;
}

static int end_tag(encoder_obj *e)
{
    int written = 0;

    if (eas_wbxml_writer_depth(e->writer) == 0) {
        return 0;   /* Horde ignores an end tag with nothing open */
    }
    if (eas_wbxml_writer_end(e->writer, &written) != 0) {
        return writer_failed(e);
    }
    if (written && eas_wbxml_writer_depth(e->writer) == 0) {
        /* The document is complete: let readers of the stream see it. */
        if (e->multipart && !e->multipart_done) {
            return finish_multipart(e);
        }
        return flush_to_stream(e);
    }
    return 0;
}

/* String content: text drops NULs and skips empty text; OPAQUE is written
 * as it is, empty or not, as Horde does. */
static int string_content(encoder_obj *e, zend_string *str, int opaque)
{
    uint64_t before = eas_wbxml_writer_offset(e->writer);
    int rc;

    if (opaque) {
        rc = eas_wbxml_writer_opaque_begin(e->writer, ZSTR_LEN(str));
        if (rc == 0) {
            log_content(e, ZSTR_VAL(str), ZSTR_LEN(str), 0);
            rc = eas_wbxml_writer_raw(e->writer, (unsigned char *)ZSTR_VAL(str), ZSTR_LEN(str));
        }
    } else {
        rc = eas_wbxml_writer_text(e->writer, (unsigned char *)ZSTR_VAL(str), ZSTR_LEN(str));
        if (rc == 0 && Z_TYPE(e->logger) == IS_OBJECT && eas_wbxml_writer_offset(e->writer) != before) {
            if (memchr(ZSTR_VAL(str), 0, ZSTR_LEN(str))) {
                zend_string *clean = php_str_to_str(ZSTR_VAL(str), ZSTR_LEN(str), "\0", 1, "", 0);
                log_content(e, ZSTR_VAL(clean), ZSTR_LEN(clean), 0);
                zend_string_release(clean);
            } else {
                log_content(e, ZSTR_VAL(str), ZSTR_LEN(str), 0);
            }
        }
    }
    return rc == 0 ? 0 : writer_failed(e);
}

/* --- methods --------------------------------------------------------------- */

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, __construct)
{
    encoder_obj *e = THIS_ENCODER();
    zval *output;
    HashTable *options = NULL;
    size_t buffer = 0;
    zval *v;

    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_ZVAL(output)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(options)
    ZEND_PARSE_PARAMETERS_END();

    if (e->writer) {
        zend_throw_error(NULL, "WbxmlEncoder is already initialized");
        RETURN_THROWS();
    }
    if (options && (v = zend_hash_str_find(options, "bufferSize", sizeof("bufferSize") - 1))) {
        if (Z_TYPE_P(v) != IS_LONG || Z_LVAL_P(v) < 0) {
            zend_value_error("Option \"bufferSize\" must be a non-negative integer");
            RETURN_THROWS();
        }
        buffer = (size_t)Z_LVAL_P(v);
    }
    if (set_output(e, output, 1) != 0) {
        RETURN_THROWS();
    }
    e->writer = eas_wbxml_writer_new(&eas_php_allocator, eas_php_stream_sink(e->stream), buffer);
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, startWbxml)
{
    encoder_obj *e = THIS_ENCODER();
    bool multipart = 0;

    ZEND_PARSE_PARAMETERS_START(0, 1)
        Z_PARAM_OPTIONAL
        Z_PARAM_BOOL(multipart)
    ZEND_PARSE_PARAMETERS_END();
    if (ensure_writer(e) != 0) {
        RETURN_THROWS();
    }
    e->multipart = multipart;
    if (multipart) {
        e->multipart_done = 0;
        if (eas_wbxml_writer_swap_sink(e->writer, eas_php_smart_str_sink(&e->multipart_body), NULL) != 0) {
            writer_failed(e);
            RETURN_THROWS();
        }
    }
    if (eas_wbxml_writer_header(e->writer) != 0) {
        writer_failed(e);
        RETURN_THROWS();
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, outputHeader)
{
    encoder_obj *e = THIS_ENCODER();

    ZEND_PARSE_PARAMETERS_NONE();
    if (ensure_writer(e) != 0) {
        RETURN_THROWS();
    }
    if (eas_wbxml_writer_header(e->writer) != 0) {
        writer_failed(e);
        RETURN_THROWS();
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, startTag)
{
    encoder_obj *e = THIS_ENCODER();
    zend_string *name;
    zval *attributes = NULL;
    bool output_empty = 0;

    ZEND_PARSE_PARAMETERS_START(1, 3)
        Z_PARAM_STR(name)
        Z_PARAM_OPTIONAL
        Z_PARAM_ZVAL(attributes)
        Z_PARAM_BOOL(output_empty)
    ZEND_PARSE_PARAMETERS_END();
    if (ensure_writer(e) != 0) {
        RETURN_THROWS();
    }
    if (attributes && Z_TYPE_P(attributes) == IS_ARRAY && zend_hash_num_elements(Z_ARRVAL_P(attributes)) > 0) {
        eas_php_throw("WBXML: tag \"%s\" given attributes; EAS WBXML has none", ZSTR_VAL(name));
        RETURN_THROWS();
    }
    if (start_tag(e, name, output_empty) != 0) {
        RETURN_THROWS();
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, endTag)
{
    encoder_obj *e = THIS_ENCODER();

    ZEND_PARSE_PARAMETERS_NONE();
    if (ensure_writer(e) != 0 || end_tag(e) != 0) {
        RETURN_THROWS();
    }
}

/* Writes one content value: a stream, a string or a scalar. */
static int write_content(encoder_obj *e, zval *content, int opaque)
{
    if (Z_TYPE_P(content) == IS_STRING) {
        return string_content(e, Z_STR_P(content), opaque);
    }
    if (Z_TYPE_P(content) == IS_RESOURCE) {
        zend_off_t len = -1;
        php_stream *owned = NULL;
        php_stream *s;
        int rc;

        if (opaque) {
            s = measured_stream(content, &len, &owned);
        } else {
            s = eas_php_stream_arg(content, 1);
            if (s) {
                php_stream_rewind(s);
            }
        }
        if (!s) {
            return -1;
        }
        if (Z_TYPE(e->logger) == IS_OBJECT && e->log_level == LOG_DETAILED) {
            zend_string *all = php_stream_copy_to_mem(s, PHP_STREAM_COPY_ALL, 0);
            php_stream_rewind(s);
            rc = opaque ? eas_wbxml_writer_opaque_begin(e->writer, (size_t)len) : eas_wbxml_writer_text_begin(e->writer);
            log_content(e, all ? ZSTR_VAL(all) : "", all ? ZSTR_LEN(all) : 0, 1);
            if (all) {
                zend_string_release(all);
            }
        } else {
            rc = opaque ? eas_wbxml_writer_opaque_begin(e->writer, (size_t)len) : eas_wbxml_writer_text_begin(e->writer);
            log_content(e, NULL, 0, 1);
        }
        if (rc != 0) {
            if (owned) {
                php_stream_close(owned);
            }
            return writer_failed(e);
        }
        rc = copy_exact(e, s, opaque ? len : -1, !opaque);
        if (owned) {
            php_stream_close(owned);
        }
        if (rc != 0 || (!opaque && eas_wbxml_writer_text_end(e->writer) != 0)) {
            return EG(exception) ? -1 : writer_failed(e);
        }
        /* Horde closes stream content once written */
        zend_list_close(Z_RES_P(content));
        return 0;
    }
    if (Z_TYPE_P(content) == IS_ARRAY || (Z_TYPE_P(content) == IS_OBJECT && !Z_OBJCE_P(content)->__tostring)) {
        zend_argument_type_error(1, "must be a string, a scalar or a stream resource, %s given",
                                 zend_zval_type_name(content));
        return -1;
    }
    zend_string *str = zval_try_get_string(content);
    if (!str) {
        return -1;
    }
    int rc = string_content(e, str, opaque);
    zend_string_release(str);
    return rc;
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, content)
{
    encoder_obj *e = THIS_ENCODER();
    zval *content;
    bool opaque = 0;

    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_ZVAL(content)
        Z_PARAM_OPTIONAL
        Z_PARAM_BOOL(opaque)
    ZEND_PARSE_PARAMETERS_END();
    if (ensure_writer(e) != 0 || write_content(e, content, opaque) != 0) {
        RETURN_THROWS();
    }
}

/* Horde_ActiveSync_Wbxml element keys and flags, as the decoder returns them. */
#define EL_TYPE          1
#define EL_TAG           2
#define EL_CONTENT       3
#define EL_FLAGS         4
#define EL_FLAGS_CONTENT 1
#define EL_FLAGS_OPAQUE  4

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, writeElements)
{
    encoder_obj *e = THIS_ENCODER();
    HashTable *elements;
    zval *el;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(elements)
    ZEND_PARSE_PARAMETERS_END();
    if (ensure_writer(e) != 0) {
        RETURN_THROWS();
    }
    ZEND_HASH_FOREACH_VAL(elements, el) {
        zval *type, *flags, *value;
        zend_long f;

        ZVAL_DEREF(el);
        if (Z_TYPE_P(el) != IS_ARRAY || !(type = zend_hash_index_find(Z_ARRVAL_P(el), EL_TYPE)) ||
            Z_TYPE_P(type) != IS_LONG) {
            zend_argument_value_error(1, "must hold element arrays with an EN_TYPE");
            RETURN_THROWS();
        }
        flags = zend_hash_index_find(Z_ARRVAL_P(el), EL_FLAGS);
        f = flags && Z_TYPE_P(flags) == IS_LONG ? Z_LVAL_P(flags) : 0;
        switch (Z_LVAL_P(type)) {
        case 1:
            value = zend_hash_index_find(Z_ARRVAL_P(el), EL_TAG);
            if (!value || Z_TYPE_P(value) != IS_STRING) {
                zend_argument_value_error(1, "must give start tags an EN_TAG string");
                RETURN_THROWS();
            }
            if (start_tag(e, Z_STR_P(value), !(f & EL_FLAGS_CONTENT)) != 0) {
                RETURN_THROWS();
            }
            break;
        case 2:
            if (end_tag(e) != 0) {
                RETURN_THROWS();
            }
            break;
        case 3:
            value = zend_hash_index_find(Z_ARRVAL_P(el), EL_CONTENT);
            if (!value) {
                zend_argument_value_error(1, "must give content an EN_CONTENT");
                RETURN_THROWS();
            }
            if (write_content(e, value, (f & EL_FLAGS_OPAQUE) != 0) != 0) {
                RETURN_THROWS();
            }
            break;
        default:
            zend_argument_value_error(1, "holds an element of unknown EN_TYPE " ZEND_LONG_FMT, Z_LVAL_P(type));
            RETURN_THROWS();
        }
    } ZEND_HASH_FOREACH_END();
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, addPart)
{
    encoder_obj *e = THIS_ENCODER();
    zval *data;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ZVAL(data)
    ZEND_PARSE_PARAMETERS_END();
    if (Z_TYPE_P(data) != IS_STRING && Z_TYPE_P(data) != IS_RESOURCE) {
        zend_argument_type_error(1, "must be a string or a stream resource, %s given", zend_zval_type_name(data));
        RETURN_THROWS();
    }
    Z_TRY_ADDREF_P(data);
    zend_hash_next_index_insert(Z_ARRVAL(e->parts), data);
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, getParts)
{
    encoder_obj *e = THIS_ENCODER();

    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_COPY(&e->parts);
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, isMultipart)
{
    encoder_obj *e = THIS_ENCODER();

    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_BOOL(e->multipart);
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, keepAlive)
{
    encoder_obj *e = THIS_ENCODER();

    ZEND_PARSE_PARAMETERS_NONE();
    if (ensure_writer(e) != 0) {
        RETURN_THROWS();
    }
    if (eas_wbxml_writer_keepalive(e->writer) != 0) {
        writer_failed(e);
        RETURN_THROWS();
    }
    php_stream_flush(e->stream);
    sapi_flush();
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, flush)
{
    encoder_obj *e = THIS_ENCODER();
    bool sapi = 0;

    ZEND_PARSE_PARAMETERS_START(0, 1)
        Z_PARAM_OPTIONAL
        Z_PARAM_BOOL(sapi)
    ZEND_PARSE_PARAMETERS_END();
    if (ensure_writer(e) != 0 || flush_to_stream(e) != 0) {
        RETURN_THROWS();
    }
    php_stream_flush(e->stream);
    if (sapi) {
        sapi_flush();
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, swapOutputStream)
{
    encoder_obj *e = THIS_ENCODER();
    zval *stream, previous;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ZVAL(stream)
    ZEND_PARSE_PARAMETERS_END();
    if (ensure_writer(e) != 0 || flush_to_stream(e) != 0) {
        RETURN_THROWS();
    }
    ZVAL_COPY(&previous, &e->output);
    if (set_output(e, stream, 1) != 0) {
        zval_ptr_dtor(&previous);
        RETURN_THROWS();
    }
    if (!e->multipart || e->multipart_done) {
        eas_wbxml_writer_swap_sink(e->writer, eas_php_stream_sink(e->stream), NULL);
    }
    RETURN_COPY_VALUE(&previous);
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, appendOutputStream)
{
    encoder_obj *e = THIS_ENCODER();
    zval *stream;
    php_stream *s;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ZVAL(stream)
    ZEND_PARSE_PARAMETERS_END();
    if (ensure_writer(e) != 0) {
        RETURN_THROWS();
    }
    s = eas_php_stream_arg(stream, 1);
    if (!s) {
        RETURN_THROWS();
    }
    php_stream_rewind(s);
    if (copy_exact(e, s, -1, 0) != 0) {
        RETURN_THROWS();
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, getOutputStream)
{
    encoder_obj *e = THIS_ENCODER();

    ZEND_PARSE_PARAMETERS_NONE();
    if (ensure_writer(e) != 0 || flush_to_stream(e) != 0) {
        RETURN_THROWS();
    }
    RETURN_COPY(&e->output);
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, getDepth)
{
    encoder_obj *e = THIS_ENCODER();

    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_LONG(e->writer ? (zend_long)eas_wbxml_writer_depth(e->writer) : 0);
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, getOffset)
{
    encoder_obj *e = THIS_ENCODER();

    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_LONG(e->writer ? (zend_long)eas_wbxml_writer_offset(e->writer) : 0);
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, writeRaw)
{
    encoder_obj *e = THIS_ENCODER();
    zend_string *bytes;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(bytes)
    ZEND_PARSE_PARAMETERS_END();
    if (ensure_writer(e) != 0) {
        RETURN_THROWS();
    }
    if (eas_wbxml_writer_raw(e->writer, (unsigned char *)ZSTR_VAL(bytes), ZSTR_LEN(bytes)) != 0) {
        writer_failed(e);
        RETURN_THROWS();
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, setEager)
{
    encoder_obj *e = THIS_ENCODER();
    bool eager;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_BOOL(eager)
    ZEND_PARSE_PARAMETERS_END();
    if (ensure_writer(e) != 0) {
        RETURN_THROWS();
    }
    eas_wbxml_writer_set_eager(e->writer, eager);
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlEncoder, setLogger)
{
    encoder_obj *e = THIS_ENCODER();
    zend_object *logger = NULL;
    zend_long level = 2;

    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_OBJ_OR_NULL(logger)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG(level)
    ZEND_PARSE_PARAMETERS_END();
    if (ensure_writer(e) != 0) {
        RETURN_THROWS();
    }
    zval_ptr_dtor(&e->logger);
    if (logger) {
        ZVAL_OBJ_COPY(&e->logger, logger);
        eas_wbxml_writer_set_trace(e->writer, trace_tag, e);
    } else {
        ZVAL_NULL(&e->logger);
        eas_wbxml_writer_set_trace(e->writer, NULL, NULL);
    }
    e->log_level = level;
}

void eas_php_setup_encoder(zend_class_entry *ce)
{
    eas_ce_wbxml_encoder = ce;
    ce->create_object = encoder_create;
    memcpy(&encoder_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
    encoder_handlers.offset = XtOffsetOf(encoder_obj, std);
    encoder_handlers.free_obj = encoder_free;
    encoder_handlers.get_gc = encoder_get_gc;
    encoder_handlers.clone_obj = NULL;
}

/* --- C access for ext/message.c ------------------------------------------- */

/* The encoder behind a Native\WbxmlEncoder object, ready to write. */
static encoder_obj *live_encoder(zend_object *obj)
{
    encoder_obj *e = encoder_from(obj);
    return ensure_writer(e) == 0 ? e : NULL;
}

int eas_php_encoder_start(zend_object *obj, const eas_tag *tag, int output_empty)
{
    encoder_obj *e = live_encoder(obj);

    if (!e) {
        return -1;
    }
    if (eas_wbxml_writer_start(e->writer, tag, output_empty) != 0) {
        return writer_failed(e);
    }
    return 0;
}

int eas_php_encoder_end(zend_object *obj)
{
    encoder_obj *e = live_encoder(obj);
    return e ? end_tag(e) : -1;
}

int eas_php_encoder_content(zend_object *obj, zval *content, int opaque)
{
    encoder_obj *e = live_encoder(obj);
    return e ? write_content(e, content, opaque) : -1;
}

int eas_php_encoder_text(zend_object *obj, const char *text, size_t len)
{
    encoder_obj *e = live_encoder(obj);
    uint64_t before;

    if (!e) {
        return -1;
    }
    before = eas_wbxml_writer_offset(e->writer);
    if (eas_wbxml_writer_text(e->writer, (const unsigned char *)text, len) != 0) {
        return writer_failed(e);
    }
    if (Z_TYPE(e->logger) == IS_OBJECT && eas_wbxml_writer_offset(e->writer) != before) {
        log_content(e, text, len, 0);
    }
    return 0;
}

int eas_php_encoder_stream_text(zend_object *obj, zval *resource, eas_php_chunk_filter filter, void *ctx,
                                int close_after)
{
    encoder_obj *e = live_encoder(obj);
    unsigned char in[EAS_PHP_FILTER_CHUNK];
    unsigned char *out;
    php_stream *s;
    smart_str all = {0};
    int detailed, rc = 0;

    if (!e || !(s = eas_php_stream_arg(resource, 1))) {
        return -1;
    }
    php_stream_rewind(s);
    detailed = Z_TYPE(e->logger) == IS_OBJECT && e->log_level == LOG_DETAILED;
    out = emalloc(EAS_PHP_FILTER_OUT_MAX);
    if (!detailed) {
        log_content(e, NULL, 0, 1);
        if (eas_wbxml_writer_text_begin(e->writer) != 0) {
            efree(out);
            return writer_failed(e);
        }
    }
    for (;;) {
        ssize_t n = php_stream_read(s, (char *)in, sizeof(in));
        size_t m;
        if (n < 0) {
            eas_php_throw("WBXML: reading the content stream failed");
            rc = -1;
            break;
        }
        if (n == 0) {
            m = filter(ctx, NULL, 0, out);
        } else {
            m = filter(ctx, in, (size_t)n, out);
        }
        if (m > 0) {
            if (detailed) {
                smart_str_appendl(&all, (const char *)out, m);
            } else if (eas_wbxml_writer_text_chunk(e->writer, out, m) != 0) {
                rc = writer_failed(e);
                break;
            }
        }
        if (n == 0) {
            break;
        }
    }
    efree(out);
    if (rc == 0) {
        if (detailed) {
            smart_str_0(&all);
            log_content(e, all.s ? ZSTR_VAL(all.s) : "", all.s ? ZSTR_LEN(all.s) : 0, 1);
            if (eas_wbxml_writer_text_begin(e->writer) != 0 ||
                (all.s && eas_wbxml_writer_text_chunk(e->writer, (unsigned char *)ZSTR_VAL(all.s),
                                                      ZSTR_LEN(all.s)) != 0) ||
                eas_wbxml_writer_text_end(e->writer) != 0) {
                rc = writer_failed(e);
            }
        } else if (eas_wbxml_writer_text_end(e->writer) != 0) {
            rc = writer_failed(e);
        }
    }
    smart_str_free(&all);
    if (rc == 0 && close_after) {
        /* Horde closes stream content once written */
        zend_list_close(Z_RES_P(resource));
    }
    return rc;
}

void eas_php_encoder_add_part(zend_object *obj, zval *data)
{
    encoder_obj *e = encoder_from(obj);

    Z_TRY_ADDREF_P(data);
    zend_hash_next_index_insert(Z_ARRVAL(e->parts), data);
}

zend_long eas_php_encoder_part_count(zend_object *obj)
{
    return (zend_long)zend_hash_num_elements(Z_ARRVAL(encoder_from(obj)->parts));
}
