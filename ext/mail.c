/*
 * The MIME scanner and the body text helpers of src/mail, for the mail
 * classes in php/Horde/ActiveSync (Rfc822, Imap/MessageBodyData).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "eas_php.h"
#include "../src/mail/eas_mime.h"
#include "../src/mail/eas_text.h"
#include "mail_arginfo.h"

void eas_php_register_mail(void)
{
    register_class_Horde_ActiveSync_Native_MimeScanner();
    register_class_Horde_ActiveSync_Native_MailText();
}

/* A zend_string holding text with LF line endings. */
static zend_string *to_lf(zend_string *in)
{
    zend_string *out = zend_string_alloc(ZSTR_LEN(in), 0);
    size_t len = eas_mime_eol_lf((const unsigned char *)ZSTR_VAL(in), ZSTR_LEN(in), (unsigned char *)ZSTR_VAL(out));
    ZSTR_VAL(out)[len] = '\0';
    ZSTR_LEN(out) = len;
    return out;
}

ZEND_METHOD(Horde_ActiveSync_Native_MimeScanner, scan)
{
    zend_string *document;
    bool force = 0;
    zend_long max_depth = EAS_MIME_DEFAULT_MAX_DEPTH, max_parts = EAS_MIME_DEFAULT_MAX_PARTS;

    ZEND_PARSE_PARAMETERS_START(1, 4)
        Z_PARAM_STR(document)
        Z_PARAM_OPTIONAL
        Z_PARAM_BOOL(force)
        Z_PARAM_LONG(max_depth)
        Z_PARAM_LONG(max_parts)
    ZEND_PARSE_PARAMETERS_END();

    if (max_depth < 1 || max_depth > 1000) {
        zend_argument_value_error(3, "must be between 1 and 1000");
        RETURN_THROWS();
    }
    if (max_parts < 1 || max_parts > 1000000) {
        zend_argument_value_error(4, "must be between 1 and 1000000");
        RETURN_THROWS();
    }

    zend_string *text = to_lf(document);
    eas_mime_doc doc;
    eas_error err = { 0 };
    eas_mime_limits limits = { (unsigned)max_depth, (size_t)max_parts };
    eas_mime_doc_init(&doc, &eas_php_allocator);
    if (eas_mime_scan(&doc, (const unsigned char *)ZSTR_VAL(text), ZSTR_LEN(text), force, &limits, &err) != 0) {
        eas_mime_doc_free(&doc);
        zend_string_release(text);
        eas_php_throw("Invalid MIME message: %s", err.message);
        RETURN_THROWS();
    }

    zval parts;
    array_init_size(&parts, (uint32_t)doc.nparts);
    for (size_t i = 0; i < doc.nparts; i++) {
        const eas_mime_part *p = &doc.parts[i];
        zval part, fields;
        array_init_size(&part, 10);
        add_assoc_long(&part, "parent", p->parent);
        add_assoc_long(&part, "depth", p->depth);
        add_assoc_long(&part, "kind", p->kind);
        add_assoc_bool(&part, "mime", p->mime);
        add_assoc_long(&part, "body", (zend_long)p->body_off);
        add_assoc_long(&part, "length", (zend_long)p->body_len);
        add_assoc_string(&part, "type", p->type);
        if (p->has_boundary) {
            add_assoc_stringl(&part, "boundary", (const char *)doc.values.data + p->boundary_off, p->boundary_len);
        } else {
            add_assoc_null(&part, "boundary");
        }
        array_init_size(&fields, p->field_count);
        for (uint32_t k = 0; k < p->field_count; k++) {
            const eas_mime_field *f = &doc.fields[p->field_first + k];
            zval pair;
            array_init_size(&pair, 2);
            add_next_index_stringl(&pair, f->name, f->name_len);
            add_next_index_stringl(&pair, f->value_len ? (const char *)doc.values.data + f->value_off : "",
                                   f->value_len);
            add_next_index_zval(&fields, &pair);
        }
        add_assoc_zval(&part, "fields", &fields);
        add_next_index_zval(&parts, &part);
    }
    eas_mime_doc_free(&doc);

    array_init_size(return_value, 2);
    add_assoc_str(return_value, "text", text);
    add_assoc_zval(return_value, "parts", &parts);
}

static int add_span(void *ctx, size_t off, size_t len)
{
    zval span;
    array_init_size(&span, 2);
    add_next_index_long(&span, (zend_long)off);
    add_next_index_long(&span, (zend_long)len);
    add_next_index_zval((zval *)ctx, &span);
    return 0;
}

ZEND_METHOD(Horde_ActiveSync_Native_MimeScanner, split)
{
    zend_string *body, *boundary;

    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_STR(body)
        Z_PARAM_STR(boundary)
    ZEND_PARSE_PARAMETERS_END();

    array_init(return_value);
    eas_mime_split((const unsigned char *)ZSTR_VAL(body), ZSTR_LEN(body), (const unsigned char *)ZSTR_VAL(boundary),
                   ZSTR_LEN(boundary), add_span, return_value);
}

ZEND_METHOD(Horde_ActiveSync_Native_MimeScanner, toLf)
{
    zend_string *text;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(text)
    ZEND_PARSE_PARAMETERS_END();

    if (!memchr(ZSTR_VAL(text), '\r', ZSTR_LEN(text))) {
        RETURN_STR_COPY(text);
    }
    RETURN_STR(to_lf(text));
}

/* An eas_buf's bytes as a PHP string (the buffer is freed). */
static zend_string *buf_string(eas_buf *b)
{
    zend_string *s = zend_string_init(b->len ? (const char *)b->data : "", b->len, 0);
    eas_buf_free(b);
    return s;
}

ZEND_METHOD(Horde_ActiveSync_Native_MailText, crlf)
{
    zend_string *text;
    eas_buf out;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(text)
    ZEND_PARSE_PARAMETERS_END();

    eas_buf_init(&out, &eas_php_allocator);
    if (eas_text_crlf((const unsigned char *)ZSTR_VAL(text), ZSTR_LEN(text), &out) != 0) {
        eas_buf_free(&out);
        eas_php_throw("Text too large");
        RETURN_THROWS();
    }
    RETURN_STR(buf_string(&out));
}

ZEND_METHOD(Horde_ActiveSync_Native_MailText, truncateUtf8)
{
    zend_string *text;
    zend_long chars;

    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_STR(text)
        Z_PARAM_LONG(chars)
    ZEND_PARSE_PARAMETERS_END();

    if (chars < 0) {
        zend_argument_value_error(2, "must be greater than or equal to 0");
        RETURN_THROWS();
    }
    size_t n = eas_text_utf8_prefix((const unsigned char *)ZSTR_VAL(text), ZSTR_LEN(text), (size_t)chars);
    if (n == ZSTR_LEN(text)) {
        RETURN_STR_COPY(text);
    }
    RETURN_STRINGL(ZSTR_VAL(text), n);
}

ZEND_METHOD(Horde_ActiveSync_Native_MailText, isUtf8)
{
    zend_string *text;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(text)
    ZEND_PARSE_PARAMETERS_END();

    RETURN_BOOL(eas_text_utf8_valid((const unsigned char *)ZSTR_VAL(text), ZSTR_LEN(text)));
}

ZEND_METHOD(Horde_ActiveSync_Native_MailText, toUtf8)
{
    zend_string *text, *charset;
    eas_buf out;

    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_STR(text)
        Z_PARAM_STR(charset)
    ZEND_PARSE_PARAMETERS_END();

    eas_charset cs = eas_text_charset(ZSTR_VAL(charset), ZSTR_LEN(charset));
    const unsigned char *p = (const unsigned char *)ZSTR_VAL(text);
    size_t len = ZSTR_LEN(text);
    switch (cs) {
    case EAS_CHARSET_UTF8:
        if (eas_text_utf8_valid(p, len)) {
            RETURN_STR_COPY(text);
        }
        RETURN_NULL();
    case EAS_CHARSET_ASCII:
    case EAS_CHARSET_LATIN1:
    case EAS_CHARSET_CP1252: {
        /* 7-bit text reads the same in all of them; us-ascii with 8-bit
         * bytes is read as ISO-8859-1, as Horde_String does */
        size_t i = 0;
        while (i < len && !(p[i] & 0x80)) {
            i++;
        }
        if (i == len) {
            RETURN_STR_COPY(text);
        }
        eas_buf_init(&out, &eas_php_allocator);
        if (eas_text_single_to_utf8(cs == EAS_CHARSET_CP1252 ? cs : EAS_CHARSET_LATIN1, p, len, &out) != 0) {
            eas_buf_free(&out);
            eas_php_throw("Text too large");
            RETURN_THROWS();
        }
        RETURN_STR(buf_string(&out));
    }
    default:
        RETURN_NULL();
    }
}
