/*
 * Horde\ActiveSync\Native\WbxmlDecoder: the streaming decoder behind
 * Horde_ActiveSync_Wbxml_Decoder, returning Horde's element arrays.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "eas_php.h"
#include "ext/standard/php_var.h"
#include "../src/wbxml/eas_wbxml_reader.h"

/* Horde_ActiveSync_Wbxml element array keys and values. */
#define EN_TYPE             1
#define EN_TAG              2
#define EN_CONTENT          3
#define EN_FLAGS            4
#define EN_TYPE_STARTTAG    1
#define EN_TYPE_ENDTAG      2
#define EN_TYPE_CONTENT     3
#define EN_FLAGS_CONTENT    1

#define LOG_DETAILED        1
#define LOG_MAXCONTENT      50

#define UNGET_MAX           4
#define OPAQUE_FIRST_ALLOC  ((size_t)1 << 20)

typedef struct {
    eas_wbxml_reader *reader;
    zval input;                 /* keeps the stream or string alive */
    eas_php_string_source string_source;
    php_stream *stream;
    int header_state;           /* -1 not read, 0 not WBXML, 1 WBXML */
    int header_version;         /* first byte, -1 for empty input */
    eas_wbxml_header header;

    zval unget[UNGET_MAX];      /* a stack: peek() after getElement() needs two */
    const eas_tag *unget_tags[UNGET_MAX]; /* their tags, NULL when not known */
    int unget_count;
    const eas_tag *cur_tag;     /* tag of the last start tag handed out, if known */
    zval last_start;

    zend_array **start_cache;   /* per tag id and content flag */
    zend_array *end_array;
    size_t opaque_stream_threshold;

    zval logger;
    zend_long log_level;
    zend_object std;
} decoder_obj;

static zend_object_handlers decoder_handlers;
zend_class_entry *eas_ce_wbxml_decoder;

static inline decoder_obj *decoder_from(zend_object *obj)
{
    return (decoder_obj *)((char *)obj - XtOffsetOf(decoder_obj, std));
}

#define THIS_DECODER() decoder_from(Z_OBJ_P(ZEND_THIS))

static zend_object *decoder_create(zend_class_entry *ce)
{
    decoder_obj *d = zend_object_alloc(sizeof(decoder_obj), ce);

    zend_object_std_init(&d->std, ce);
    object_properties_init(&d->std, ce);
    d->std.handlers = &decoder_handlers;
    d->header_state = -1;
    d->header_version = -1;
    ZVAL_UNDEF(&d->input);
    ZVAL_FALSE(&d->last_start);
    ZVAL_NULL(&d->logger);
    d->log_level = 2;
    return &d->std;
}

static void decoder_free(zend_object *obj)
{
    decoder_obj *d = decoder_from(obj);

    eas_wbxml_reader_free(d->reader);
    for (int i = 0; i < d->unget_count; i++) {
        zval_ptr_dtor(&d->unget[i]);
    }
    zval_ptr_dtor(&d->last_start);
    zval_ptr_dtor(&d->logger);
    zval_ptr_dtor(&d->input);
    if (d->start_cache) {
        for (unsigned i = 0; i < 2u * EAS_TAG_END_; i++) {
            if (d->start_cache[i]) {
                zend_array_release(d->start_cache[i]);
            }
        }
        efree(d->start_cache);
    }
    if (d->end_array) {
        zend_array_release(d->end_array);
    }
    zend_object_std_dtor(obj);
}

static HashTable *decoder_get_gc(zend_object *obj, zval **table, int *n)
{
    decoder_obj *d = decoder_from(obj);
    *table = &d->logger;
    *n = 1;
    return zend_std_get_properties(obj);
}

static int ensure_reader(decoder_obj *d)
{
    if (!d->reader) {
        zend_throw_error(NULL, "WbxmlDecoder is not initialized");
        return -1;
    }
    return 0;
}

/* --- logging, as Horde_ActiveSync_Wbxml_Decoder::_logToken does it ------ */

static void log_call(decoder_obj *d, const char *method, zend_string *text, zend_long indent, int with_indent)
{
    zval fname, params[2], rv;

    ZVAL_STRING(&fname, method);
    ZVAL_STR_COPY(&params[0], text);
    ZVAL_LONG(&params[1], indent);
    ZVAL_UNDEF(&rv);
    call_user_function(NULL, &d->logger, &fname, &rv, with_indent ? 2 : 1, params);
    zval_ptr_dtor(&rv);
    zval_ptr_dtor(&params[0]);
    zval_ptr_dtor(&fname);
}

static void log_token(decoder_obj *d, const eas_wbxml_token *tok, zval *el)
{
    zend_string *text;
    unsigned depth = eas_wbxml_reader_depth(d->reader);

    switch (tok->kind) {
    case EAS_WBXML_TOK_START:
        if (tok->has_content) {
            text = zend_strpprintf(0, "<%s>", tok->tag->name);
            log_call(d, "client", text, (zend_long)depth - 1, 1);
        } else {
            text = zend_strpprintf(0, "<%s />", tok->tag->name);
            log_call(d, "client", text, depth, 1);
        }
        break;
    case EAS_WBXML_TOK_END:
        text = zend_strpprintf(0, "</%s>", tok->tag ? tok->tag->name : "");
        log_call(d, "client", text, depth, 1);
        break;
    default: {
        zval *content = zend_hash_index_find(Z_ARRVAL_P(el), EN_CONTENT);
        if (content && Z_TYPE_P(content) == IS_STRING) {
            size_t chars = eas_php_utf8_length(Z_STRVAL_P(content), Z_STRLEN_P(content));
            if (d->log_level != LOG_DETAILED && chars > LOG_MAXCONTENT) {
                text = zend_strpprintf(0, "[%zu bytes of content]", chars);
            } else {
                text = zend_string_copy(Z_STR_P(content));
            }
        } else {
            text = zend_string_init("[STREAM]", sizeof("[STREAM]") - 1, 0);
        }
        log_call(d, "client", text, (zend_long)depth + 1, 1);
        break;
    }
    }
    zend_string_release(text);
}

static void log_error(decoder_obj *d, const char *message)
{
    if (Z_TYPE(d->logger) == IS_OBJECT) {
        zend_string *text = zend_string_init(message, strlen(message), 0);
        log_call(d, "err", text, 0, 0);
        zend_string_release(text);
    }
}

/* --- element arrays -------------------------------------------------------- */

static zend_array *start_array(decoder_obj *d, const eas_tag *tag, int content)
{
    unsigned slot = 2u * tag->id + (content ? 1u : 0u);
    zend_array *arr;

    if (!d->start_cache) {
        d->start_cache = ecalloc(2u * EAS_TAG_END_, sizeof(zend_array *));
    }
    arr = d->start_cache[slot];
    if (!arr) {
        zval tmp;
        arr = zend_new_array(3);
        ZVAL_LONG(&tmp, EN_TYPE_STARTTAG);
        zend_hash_index_add_new(arr, EN_TYPE, &tmp);
        ZVAL_STRINGL(&tmp, tag->name, tag->name_len);
        zend_hash_index_add_new(arr, EN_TAG, &tmp);
        ZVAL_LONG(&tmp, content ? EN_FLAGS_CONTENT : 0);
        zend_hash_index_add_new(arr, EN_FLAGS, &tmp);
        d->start_cache[slot] = arr;
    }
    GC_ADDREF(arr);
    return arr;
}

static zend_array *end_array(decoder_obj *d)
{
    if (!d->end_array) {
        zval tmp;
        d->end_array = zend_new_array(1);
        ZVAL_LONG(&tmp, EN_TYPE_ENDTAG);
        zend_hash_index_add_new(d->end_array, EN_TYPE, &tmp);
    }
    GC_ADDREF(d->end_array);
    return d->end_array;
}

static void content_array(zval *el, zval *content)
{
    zval tmp;
    array_init_size(el, 2);
    ZVAL_LONG(&tmp, EN_TYPE_CONTENT);
    zend_hash_index_add_new(Z_ARRVAL_P(el), EN_TYPE, &tmp);
    zend_hash_index_add_new(Z_ARRVAL_P(el), EN_CONTENT, content);
}

/* Reads a streamed OPAQUE block into a string, growing it only as data
 * arrives so a lying length prefix cannot make us allocate it up front. */
static int opaque_to_string(decoder_obj *d, size_t total, zval *out)
{
    size_t cap = total < OPAQUE_FIRST_ALLOC ? total : OPAQUE_FIRST_ALLOC;
    zend_string *s = zend_string_alloc(cap, 0);
    size_t len = 0;

    while (len < total) {
        long n;
        if (len == cap) {
            cap = cap > total / 2 ? total : cap * 2;
            s = zend_string_extend(s, cap, 0);
        }
        n = eas_wbxml_reader_read_opaque(d->reader, (unsigned char *)ZSTR_VAL(s) + len, cap - len);
        if (n <= 0) {
            zend_string_efree(s);
            return -1;
        }
        len += (size_t)n;
    }
    ZSTR_VAL(s)[len] = '\0';
    ZSTR_LEN(s) = len;
    ZVAL_NEW_STR(out, s);
    return 0;
}

/* Copies a streamed OPAQUE block into a php://temp stream. */
static int opaque_to_stream(decoder_obj *d, zval *out)
{
    php_stream *tmp = php_stream_temp_new();
    char chunk[8192];
    long n;

    if (!tmp) {
        eas_php_throw("WBXML: cannot create a temporary stream for OPAQUE content");
        return -1;
    }
    while ((n = eas_wbxml_reader_read_opaque(d->reader, (unsigned char *)chunk, sizeof(chunk))) > 0) {
        if (php_stream_write(tmp, chunk, (size_t)n) != n) {
            php_stream_close(tmp);
            eas_php_throw("WBXML: writing OPAQUE content to a temporary stream failed");
            return -1;
        }
    }
    if (n < 0) {
        php_stream_close(tmp);
        return -1;
    }
    php_stream_rewind(tmp);
    php_stream_to_zval(tmp, out);
    return 0;
}

/* Decodes the next token into el (false at the end): 0 on success, -1 with
 * an exception raised. With bare and no logger, content comes back as the
 * bare string (or stream) in *el and 1 is returned: callers that only want
 * content skip the element array. */
static int read_token_ex(decoder_obj *d, zval *el, int bare)
{
    eas_wbxml_token tok;
    zval content;

    d->cur_tag = NULL;
    switch (eas_wbxml_reader_next(d->reader, &tok)) {
    case EAS_WBXML_TOK_EOF:
        ZVAL_FALSE(el);
        return 0;
    case EAS_WBXML_TOK_ERROR:
        log_error(d, eas_wbxml_reader_error(d->reader)->message);
        eas_php_throw_error(eas_wbxml_reader_error(d->reader));
        return -1;
    case EAS_WBXML_TOK_START:
        ZVAL_ARR(el, start_array(d, tok.tag, tok.has_content));
        d->cur_tag = tok.tag;
        break;
    case EAS_WBXML_TOK_END:
        ZVAL_ARR(el, end_array(d));
        break;
    default:
        if (!tok.streamed) {
            if (tok.len == 0) {
                ZVAL_EMPTY_STRING(&content);
            } else if (tok.len == 1) {
                ZVAL_CHAR(&content, tok.data[0]);
            } else {
                ZVAL_STRINGL(&content, (const char *)tok.data, tok.len);
            }
        } else if (d->opaque_stream_threshold && tok.len > d->opaque_stream_threshold) {
            if (opaque_to_stream(d, &content) != 0) {
                if (!EG(exception)) {
                    eas_php_throw_error(eas_wbxml_reader_error(d->reader));
                }
                return -1;
            }
        } else if (opaque_to_string(d, tok.len, &content) != 0) {
            eas_php_throw_error(eas_wbxml_reader_error(d->reader));
            return -1;
        }
        if (bare && Z_TYPE(d->logger) != IS_OBJECT) {
            ZVAL_COPY_VALUE(el, &content);
            return 1;
        }
        content_array(el, &content);
        break;
    }
    if (Z_TYPE(d->logger) == IS_OBJECT) {
        log_token(d, &tok, el);
    }
    return 0;
}

static int read_token(decoder_obj *d, zval *el)
{
    return read_token_ex(d, el, 0);
}

/* getToken(): the unget stack first, then the input. */
static int next_token(decoder_obj *d, zval *el)
{
    if (d->unget_count > 0) {
        d->unget_count--;
        ZVAL_COPY_VALUE(el, &d->unget[d->unget_count]);
        d->cur_tag = d->unget_tags[d->unget_count];
        return 0;
    }
    return read_token(d, el);
}

/* Takes over el, whose tag (for start tags) is tag or not known (NULL).
 * Ungetting false is a no-op, as in Horde. */
static void unget_tagged(decoder_obj *d, zval *el, const eas_tag *tag)
{
    if (Z_TYPE_P(el) == IS_FALSE) {
        return;
    }
    if (d->unget_count == UNGET_MAX) {
        log_error(d, "Double unget!");
        zval_ptr_dtor(&d->unget[0]);
        memmove(&d->unget[0], &d->unget[1], sizeof(zval) * (UNGET_MAX - 1));
        memmove(&d->unget_tags[0], &d->unget_tags[1], sizeof(d->unget_tags[0]) * (UNGET_MAX - 1));
        d->unget_count--;
    }
    d->unget_tags[d->unget_count] = tag;
    ZVAL_COPY_VALUE(&d->unget[d->unget_count++], el);
}

/* Puts back the element the last next_token() returned. */
static void unget_token(decoder_obj *d, zval *el)
{
    unget_tagged(d, el, d->cur_tag);
}

static inline zend_long element_type(zval *el)
{
    zval *type = zend_hash_index_find(Z_ARRVAL_P(el), EN_TYPE);
    return type && Z_TYPE_P(type) == IS_LONG ? Z_LVAL_P(type) : 0;
}

/* getElement(): a token, with consecutive content merged. */
static int next_element(decoder_obj *d, zval *el)
{
    zval next;
    zval *content;

    if (next_token(d, el) != 0) {
        return -1;
    }
    if (Z_TYPE_P(el) != IS_ARRAY || element_type(el) != EN_TYPE_CONTENT) {
        return 0;
    }
    for (;;) {
        if (next_token(d, &next) != 0) {
            zval_ptr_dtor(el);
            return -1;
        }
        if (Z_TYPE(next) == IS_FALSE) {
            /* Horde answers false when content runs into the end of input */
            zval_ptr_dtor(el);
            ZVAL_FALSE(el);
            return 0;
        }
        if (element_type(&next) != EN_TYPE_CONTENT) {
            unget_token(d, &next);
            d->cur_tag = NULL;
            return 0;
        }
        SEPARATE_ARRAY(el);
        content = zend_hash_index_find(Z_ARRVAL_P(el), EN_CONTENT);
        if (content && Z_TYPE_P(content) == IS_STRING) {
            zval *more = zend_hash_index_find(Z_ARRVAL(next), EN_CONTENT);
            if (more && Z_TYPE_P(more) == IS_STRING) {
                zend_string *joined = zend_string_concat2(Z_STRVAL_P(content), Z_STRLEN_P(content),
                                                          Z_STRVAL_P(more), Z_STRLEN_P(more));
                zval_ptr_dtor(content);
                ZVAL_STR(content, joined);
            }
        }
        zval_ptr_dtor(&next);
    }
}

/* --- methods --------------------------------------------------------------- */

static size_t option_size(HashTable *options, const char *name, size_t fallback)
{
    zval *v = options ? zend_hash_str_find(options, name, strlen(name)) : NULL;
    if (!v) {
        return fallback;
    }
    if (Z_TYPE_P(v) != IS_LONG || Z_LVAL_P(v) < 0) {
        zend_value_error("Option \"%s\" must be a non-negative integer", name);
        return fallback;
    }
    return (size_t)Z_LVAL_P(v);
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, __construct)
{
    zval *input;
    HashTable *options = NULL;
    decoder_obj *d = THIS_DECODER();
    eas_wbxml_limits limits;
    eas_source source;
    zval *v;

    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_ZVAL(input)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(options)
    ZEND_PARSE_PARAMETERS_END();

    if (d->reader) {
        zend_throw_error(NULL, "WbxmlDecoder is already initialized");
        RETURN_THROWS();
    }
    eas_wbxml_limits_default(&limits);
    limits.max_string = option_size(options, "maxStringLength", limits.max_string);
    limits.max_opaque = option_size(options, "maxOpaqueLength", limits.max_opaque);
    limits.max_depth = (unsigned)option_size(options, "maxDepth", limits.max_depth);
    limits.buffer_size = option_size(options, "bufferSize", limits.buffer_size);
    d->opaque_stream_threshold = option_size(options, "opaqueStreamThreshold", 0);
    if (EG(exception)) {
        RETURN_THROWS();
    }
    if (limits.max_depth == 0 || limits.max_depth > 100000) {
        zend_value_error("Option \"maxDepth\" must be between 1 and 100000");
        RETURN_THROWS();
    }

    if (Z_TYPE_P(input) == IS_STRING) {
        ZVAL_COPY(&d->input, input);
        source = eas_php_string_source_init(&d->string_source, Z_STR(d->input));
    } else {
        php_stream *stream = eas_php_stream_arg(input, 1);
        if (!stream) {
            RETURN_THROWS();
        }
        ZVAL_COPY(&d->input, input);
        d->stream = stream;
        source = eas_php_stream_source(stream);
    }
    d->reader = eas_wbxml_reader_new(&eas_php_allocator, source, &limits);
    if (options && (v = zend_hash_str_find(options, "validateUtf8", sizeof("validateUtf8") - 1)) && !zend_is_true(v)) {
        eas_wbxml_reader_set_check_utf8(d->reader, 0);
    }
    if (d->opaque_stream_threshold) {
        eas_wbxml_reader_set_opaque_inline_max(d->reader,
            d->opaque_stream_threshold < limits.buffer_size ? d->opaque_stream_threshold : limits.buffer_size);
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, readHeader)
{
    decoder_obj *d = THIS_DECODER();
    int rc;

    ZEND_PARSE_PARAMETERS_NONE();
    if (ensure_reader(d) != 0) {
        RETURN_THROWS();
    }
    rc = eas_wbxml_reader_header(d->reader, &d->header);
    if (rc < 0) {
        log_error(d, eas_wbxml_reader_error(d->reader)->message);
        eas_php_throw_error(eas_wbxml_reader_error(d->reader));
        RETURN_THROWS();
    }
    d->header_state = rc;
    d->header_version = (rc == 0 && eas_wbxml_reader_at_end(d->reader)) ? -1 : d->header.version;
    RETURN_BOOL(rc == 1);
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, getHeader)
{
    decoder_obj *d = THIS_DECODER();

    ZEND_PARSE_PARAMETERS_NONE();
    array_init_size(return_value, 5);
    if (d->header_version < 0) {
        add_assoc_null(return_value, "version");
    } else {
        add_assoc_long(return_value, "version", d->header_version);
    }
    if (d->header_state == 1) {
        add_assoc_long(return_value, "publicid", d->header.public_id);
        if (d->header.public_id == 0) {
            add_assoc_long(return_value, "publicstringid", d->header.public_string);
        } else {
            add_assoc_null(return_value, "publicstringid");
        }
        add_assoc_long(return_value, "charsetid", d->header.charset);
        add_assoc_stringl(return_value, "stringtable", (const char *)d->header.string_table,
                          d->header.string_table_len);
    } else {
        add_assoc_null(return_value, "publicid");
        add_assoc_null(return_value, "publicstringid");
        add_assoc_null(return_value, "charsetid");
        add_assoc_null(return_value, "stringtable");
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, getToken)
{
    decoder_obj *d = THIS_DECODER();

    ZEND_PARSE_PARAMETERS_NONE();
    if (ensure_reader(d) != 0 || next_token(d, return_value) != 0) {
        RETURN_THROWS();
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, getElement)
{
    decoder_obj *d = THIS_DECODER();

    ZEND_PARSE_PARAMETERS_NONE();
    if (ensure_reader(d) != 0 || next_element(d, return_value) != 0) {
        RETURN_THROWS();
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, peek)
{
    decoder_obj *d = THIS_DECODER();
    zval copy;

    ZEND_PARSE_PARAMETERS_NONE();
    if (ensure_reader(d) != 0 || next_element(d, return_value) != 0) {
        RETURN_THROWS();
    }
    ZVAL_COPY(&copy, return_value);
    unget_token(d, &copy);
    if (Z_TYPE(copy) == IS_FALSE) {
        zval_ptr_dtor(&copy);
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, unget)
{
    decoder_obj *d = THIS_DECODER();
    zval *el, copy;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ZVAL(el)
    ZEND_PARSE_PARAMETERS_END();
    ZVAL_COPY(&copy, el);
    unget_tagged(d, &copy, NULL);
}

/* getElementStartTag(): the next token if it is the start tag named name
 * (or, from C, the tag want); 1 and the element in *out when it is, 0 when
 * not (the token stays), -1 on error. */
static int expect_start(decoder_obj *d, zend_string *name, const eas_tag *want, zval *out)
{
    zval el, *tag_name;
    int match = 0;

    if (next_token(d, &el) != 0) {
        return -1;
    }
    if (Z_TYPE(el) == IS_FALSE) {
        ZVAL_FALSE(out);
        return 0;
    }
    if (element_type(&el) == EN_TYPE_STARTTAG) {
        if (want && d->cur_tag) {
            match = d->cur_tag == want;
        } else if ((tag_name = zend_hash_index_find(Z_ARRVAL(el), EN_TAG)) != NULL && Z_TYPE_P(tag_name) == IS_STRING) {
            match = name ? zend_string_equals(Z_STR_P(tag_name), name)
                         : (Z_STRLEN_P(tag_name) == want->name_len &&
                            memcmp(Z_STRVAL_P(tag_name), want->name, want->name_len) == 0);
        }
    }
    zval_ptr_dtor(&d->last_start);
    if (match) {
        ZVAL_COPY(&d->last_start, &el);
        ZVAL_COPY_VALUE(out, &el);
        return 1;
    }
    ZVAL_FALSE(&d->last_start);
    unget_token(d, &el);
    ZVAL_FALSE(out);
    return 0;
}

/* getElementEndTag(): 1 when the next token is an end tag (consumed), 0
 * when not (logged; the token stays), -1 on error. */
static int expect_end(decoder_obj *d, zval *out)
{
    zval el;

    if (next_token(d, &el) != 0) {
        return -1;
    }
    if (Z_TYPE(el) == IS_FALSE) {
        ZVAL_FALSE(out);
        return 0;
    }
    if (element_type(&el) == EN_TYPE_ENDTAG) {
        ZVAL_COPY_VALUE(out, &el);
        return 1;
    }
    if (Z_TYPE(d->logger) == IS_OBJECT) {
        smart_str dump = {0};
        log_error(d, "Unmatched end tag:");
        php_var_export_ex(&el, 1, &dump);
        smart_str_0(&dump);
        log_error(d, dump.s ? ZSTR_VAL(dump.s) : "");
        smart_str_free(&dump);
    }
    unget_token(d, &el);
    ZVAL_FALSE(out);
    return 0;
}

/* getElementContent(): 1 and the content in *out when the next token is
 * content, 0 when not (the token stays), -1 on error. */
static int expect_content(decoder_obj *d, zval *out)
{
    zval el, *content;

    if (d->unget_count == 0) {
        int rc = read_token_ex(d, &el, 1);
        if (rc < 0) {
            return -1;
        }
        if (rc == 1) {
            ZVAL_COPY_VALUE(out, &el);
            return 1;
        }
    } else if (next_token(d, &el) != 0) {
        return -1;
    }
    if (Z_TYPE(el) == IS_FALSE) {
        ZVAL_FALSE(out);
        return 0;
    }
    if (element_type(&el) == EN_TYPE_CONTENT && (content = zend_hash_index_find(Z_ARRVAL(el), EN_CONTENT))) {
        ZVAL_COPY(out, content);
        zval_ptr_dtor(&el);
        return 1;
    }
    unget_token(d, &el);
    ZVAL_FALSE(out);
    return 0;
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, getElementStartTag)
{
    decoder_obj *d = THIS_DECODER();
    zend_string *tag;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(tag)
    ZEND_PARSE_PARAMETERS_END();
    if (ensure_reader(d) != 0 || expect_start(d, tag, NULL, return_value) < 0) {
        RETURN_THROWS();
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, getElementEndTag)
{
    decoder_obj *d = THIS_DECODER();

    ZEND_PARSE_PARAMETERS_NONE();
    if (ensure_reader(d) != 0 || expect_end(d, return_value) < 0) {
        RETURN_THROWS();
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, getElementContent)
{
    decoder_obj *d = THIS_DECODER();

    ZEND_PARSE_PARAMETERS_NONE();
    if (ensure_reader(d) != 0 || expect_content(d, return_value) < 0) {
        RETURN_THROWS();
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, getLastStartElement)
{
    decoder_obj *d = THIS_DECODER();

    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_COPY(&d->last_start);
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, decodeAll)
{
    decoder_obj *d = THIS_DECODER();
    zval el;

    ZEND_PARSE_PARAMETERS_NONE();
    if (ensure_reader(d) != 0) {
        RETURN_THROWS();
    }
    array_init(return_value);
    for (;;) {
        if (next_token(d, &el) != 0) {
            RETURN_THROWS();
        }
        if (Z_TYPE(el) == IS_FALSE) {
            return;
        }
        zend_hash_next_index_insert_new(Z_ARRVAL_P(return_value), &el);
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, remainingInput)
{
    decoder_obj *d = THIS_DECODER();
    php_stream *tmp;
    const unsigned char *pending;
    size_t len;

    ZEND_PARSE_PARAMETERS_NONE();
    if (ensure_reader(d) != 0) {
        RETURN_THROWS();
    }
    tmp = php_stream_temp_new();
    if (!tmp) {
        eas_php_throw("WBXML: cannot create a temporary stream");
        RETURN_THROWS();
    }
    pending = eas_wbxml_reader_pending(d->reader, &len);
    if (len > 0 && php_stream_write(tmp, (const char *)pending, len) != (ssize_t)len) {
        php_stream_close(tmp);
        eas_php_throw("WBXML: copying the input failed");
        RETURN_THROWS();
    }
    if (d->stream) {
        size_t copied;
        if (php_stream_copy_to_stream_ex(d->stream, tmp, PHP_STREAM_COPY_ALL, &copied) != SUCCESS) {
            php_stream_close(tmp);
            eas_php_throw("WBXML: copying the input failed");
            RETURN_THROWS();
        }
    } else {
        eas_php_string_source *s = &d->string_source;
        if (s->pos < s->len) {
            php_stream_write(tmp, s->data + s->pos, s->len - s->pos);
        }
        s->pos = s->len;
    }
    php_stream_rewind(tmp);
    php_stream_to_zval(tmp, return_value);
    /* The input now belongs to the caller: decoding goes on with nothing. */
    eas_wbxml_reader_free(d->reader);
    zval_ptr_dtor(&d->input);
    ZVAL_EMPTY_STRING(&d->input);
    d->stream = NULL;
    d->reader = eas_wbxml_reader_new(&eas_php_allocator,
                                     eas_php_string_source_init(&d->string_source, Z_STR(d->input)), NULL);
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, hasReadInput)
{
    decoder_obj *d = THIS_DECODER();
    size_t len = 0;

    ZEND_PARSE_PARAMETERS_NONE();
    if (d->reader) {
        eas_wbxml_reader_pending(d->reader, &len);
    }
    RETURN_BOOL(d->reader && (len > 0 || eas_wbxml_reader_offset(d->reader) > 0));
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, getOffset)
{
    decoder_obj *d = THIS_DECODER();

    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_LONG(d->reader ? (zend_long)eas_wbxml_reader_offset(d->reader) : 0);
}

ZEND_METHOD(Horde_ActiveSync_Native_WbxmlDecoder, setLogger)
{
    decoder_obj *d = THIS_DECODER();
    zend_object *logger = NULL;
    zend_long level = 2;

    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_OBJ_OR_NULL(logger)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG(level)
    ZEND_PARSE_PARAMETERS_END();
    zval_ptr_dtor(&d->logger);
    if (logger) {
        ZVAL_OBJ_COPY(&d->logger, logger);
    } else {
        ZVAL_NULL(&d->logger);
    }
    d->log_level = level;
}

void eas_php_setup_decoder(zend_class_entry *ce)
{
    eas_ce_wbxml_decoder = ce;
    ce->create_object = decoder_create;
    memcpy(&decoder_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
    decoder_handlers.offset = XtOffsetOf(decoder_obj, std);
    decoder_handlers.free_obj = decoder_free;
    decoder_handlers.get_gc = decoder_get_gc;
    decoder_handlers.clone_obj = NULL;
}

/* --- C access for ext/message.c ------------------------------------------- */

static decoder_obj *live_decoder(zend_object *obj)
{
    decoder_obj *d = decoder_from(obj);
    return ensure_reader(d) == 0 ? d : NULL;
}

/* The tag of the element next_token()/next_element() just returned. */
static const eas_tag *current_tag(decoder_obj *d, zval *el)
{
    zval *name;

    if (Z_TYPE_P(el) != IS_ARRAY || element_type(el) != EN_TYPE_STARTTAG) {
        return NULL;
    }
    if (d->cur_tag) {
        return d->cur_tag;
    }
    /* put back by PHP code: look the name up */
    name = zend_hash_index_find(Z_ARRVAL_P(el), EN_TAG);
    if (name && Z_TYPE_P(name) == IS_STRING) {
        d->cur_tag = eas_tag_by_name(Z_STRVAL_P(name), Z_STRLEN_P(name));
    }
    return d->cur_tag;
}

int eas_php_decoder_next(zend_object *obj, int merge, zval *el, const eas_tag **tag)
{
    decoder_obj *d = live_decoder(obj);

    if (!d || (merge ? next_element(d, el) : next_token(d, el)) != 0) {
        return -1;
    }
    if (tag) {
        *tag = current_tag(d, el);
    }
    return 0;
}

void eas_php_decoder_unget(zend_object *obj, zval *el, const eas_tag *tag)
{
    unget_tagged(decoder_from(obj), el, tag);
}

int eas_php_decoder_start_tag(zend_object *obj, const eas_tag *want, zval *el)
{
    decoder_obj *d = live_decoder(obj);
    return d ? expect_start(d, NULL, want, el) : -1;
}

int eas_php_decoder_end_tag(zend_object *obj)
{
    decoder_obj *d = live_decoder(obj);
    zval el;
    int rc;

    if (!d) {
        return -1;
    }
    rc = expect_end(d, &el);
    if (rc > 0) {
        zval_ptr_dtor(&el);
    }
    return rc;
}

int eas_php_decoder_content(zend_object *obj, zval *out)
{
    decoder_obj *d = live_decoder(obj);
    return d ? expect_content(d, out) : -1;
}

void eas_php_decoder_log_error(zend_object *obj, const char *message)
{
    log_error(decoder_from(obj), message);
}
