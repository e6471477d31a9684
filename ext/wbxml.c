/*
 * The WBXML feature: its classes and the module functions over the code
 * page table and the XML rendering.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "eas_php.h"
#include "ext/spl/spl_exceptions.h"
#include "../src/wbxml/eas_wbxml_reader.h"
#include "../src/wbxml/eas_wbxml_xml.h"
#include "wbxml_arginfo.h"

zend_class_entry *eas_ce_wbxml_exception;

void eas_php_register_wbxml(void)
{
    eas_ce_wbxml_exception = register_class_Horde_ActiveSync_Native_WbxmlException(spl_ce_RuntimeException);
    eas_php_setup_decoder(register_class_Horde_ActiveSync_Native_WbxmlDecoder());
    eas_php_setup_encoder(register_class_Horde_ActiveSync_Native_WbxmlEncoder());
}

/* --- functions ------------------------------------------------------------ */

static const char *version_string(unsigned v, char *buf, size_t size)
{
    snprintf(buf, size, "%u.%u", v / 10, v % 10);
    return buf;
}

static void tag_to_array(zval *out, const eas_tag *t)
{
    const eas_page_info *p = eas_page_by_number(t->page);
    char v[8];

    array_init_size(out, 9);
    add_assoc_stringl(out, "name", t->name, t->name_len);
    add_assoc_stringl(out, "spec", t->spec, t->spec_len);
    add_assoc_string(out, "namespace", p->spec_ns);
    add_assoc_string(out, "xmlns", p->xmlns);
    add_assoc_long(out, "page", t->page);
    add_assoc_long(out, "token", t->token);
    add_assoc_string(out, "since", version_string(t->since, v, sizeof(v)));
    if (t->until) {
        add_assoc_string(out, "until", version_string(t->until, v, sizeof(v)));
    } else {
        add_assoc_null(out, "until");
    }
    add_assoc_bool(out, "legacy", (t->flags & EAS_TF_LEGACY) != 0);
}

PHP_FUNCTION(Horde_ActiveSync_Native_wbxml_tag)
{
    zend_string *name = NULL;
    zend_long page = 0;
    zend_long token = 0;
    bool token_null = 1;
    const eas_tag *t;

    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_STR_OR_LONG(name, page)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG_OR_NULL(token, token_null)
    ZEND_PARSE_PARAMETERS_END();

    if (name) {
        t = eas_tag_by_name(ZSTR_VAL(name), ZSTR_LEN(name));
    } else if (token_null) {
        zend_argument_value_error(2, "must be given with a code page number");
        RETURN_THROWS();
    } else {
        t = (page >= 0 && page <= 255 && token >= 0 && token <= 63)
            ? eas_tag_by_token((unsigned)page, (unsigned)token) : NULL;
    }
    if (!t) {
        RETURN_NULL();
    }
    tag_to_array(return_value, t);
}

PHP_FUNCTION(Horde_ActiveSync_Native_wbxml_code_pages)
{
    ZEND_PARSE_PARAMETERS_NONE();

    array_init_size(return_value, EAS_PAGE_COUNT);
    for (unsigned i = 0; i < EAS_PAGE_COUNT; i++) {
        const eas_page_info *p = eas_page_by_index(i);
        zval page, tags;

        array_init(&page);
        add_assoc_string(&page, "horde", p->horde_ns);
        add_assoc_string(&page, "spec", p->spec_ns);
        add_assoc_string(&page, "xmlns", p->xmlns);
        array_init(&tags);
        for (unsigned token = 0; token < 64; token++) {
            const eas_tag *t = eas_tag_by_token(p->number, token);
            if (t) {
                add_index_stringl(&tags, token, t->name, t->name_len);
            }
        }
        add_assoc_zval(&page, "tags", &tags);
        add_index_zval(return_value, p->number, &page);
    }
}

PHP_FUNCTION(Horde_ActiveSync_Native_wbxml_to_xml)
{
    zval *input;
    HashTable *options = NULL;
    eas_php_string_source str_src;
    eas_source source;
    eas_wbxml_reader *reader;
    smart_str out = {0};
    eas_error err;

    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_ZVAL(input)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(options)
    ZEND_PARSE_PARAMETERS_END();
    if (Z_TYPE_P(input) == IS_STRING) {
        source = eas_php_string_source_init(&str_src, Z_STR_P(input));
    } else {
        php_stream *stream = eas_php_stream_arg(input, 1);
        if (!stream) {
            RETURN_THROWS();
        }
        source = eas_php_stream_source(stream);
    }
    reader = eas_wbxml_reader_new(&eas_php_allocator, source, NULL);
    /* Captures of server output may carry binary text (Horde 5 writes
     * ConversationId as STR_I): render it as base64 unless asked to check. */
    zval *check = options ? zend_hash_str_find(options, "validateUtf8", sizeof("validateUtf8") - 1) : NULL;
    eas_wbxml_reader_set_check_utf8(reader, check && zend_is_true(check));
    memset(&err, 0, sizeof(err));
    if (eas_wbxml_to_xml(&eas_php_allocator, reader, eas_php_smart_str_sink(&out), &err) != 0) {
        eas_wbxml_reader_free(reader);
        smart_str_free(&out);
        eas_php_throw_error(&err);
        RETURN_THROWS();
    }
    eas_wbxml_reader_free(reader);
    RETURN_STR(smart_str_extract(&out));
}

