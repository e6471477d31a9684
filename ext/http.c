/*
 * HTTP request parsing: the MS-ASHTTP query value (src/http).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "eas_php.h"
#include "zend_exceptions.h"
#include "../src/http/eas_query.h"
#include "http_arginfo.h"

void eas_php_register_http(void)
{
    register_class_Horde_ActiveSync_Native_Query();
}

/* A malformed query is the client's fault: InvalidRequest (HTTP 400) when
 * Horde's classes are loadable. */
static void throw_invalid(const eas_error *err)
{
    zend_string *name = zend_string_init("Horde_ActiveSync_Exception_InvalidRequest",
                                         sizeof("Horde_ActiveSync_Exception_InvalidRequest") - 1, 0);
    zend_class_entry *ce = zend_lookup_class(name);

    zend_string_release(name);
    if (EG(exception)) {
        return;
    }
    if (!ce || !instanceof_function(ce, zend_ce_throwable)) {
        eas_php_throw("Invalid query: %s (at byte %llu)", err->message, (unsigned long long)err->offset);
        return;
    }
    zend_throw_exception_ex(ce, 0, "Invalid query: %s (at byte %llu)", err->message,
                            (unsigned long long)err->offset);
}

static eas_query *parse_or_throw(zend_string *query)
{
    eas_query *q = emalloc(sizeof(*q));
    eas_error err = { 0 };

    if (eas_query_parse(q, ZSTR_VAL(query), ZSTR_LEN(query), &err) != 0) {
        efree(q);
        throw_invalid(&err);
        return NULL;
    }
    return q;
}

ZEND_METHOD(Horde_ActiveSync_Native_Query, parse)
{
    zend_string *query;
    eas_query *q;
    size_t i;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(query)
    ZEND_PARSE_PARAMETERS_END();

    if (!(q = parse_or_throw(query))) {
        RETURN_THROWS();
    }
    array_init_size(return_value, (uint32_t)q->count);
    for (i = 0; i < q->count; i++) {
        const eas_query_pair *p = &q->pairs[i];
        zval v;
        if (p->is_bool) {
            ZVAL_BOOL(&v, p->value_len != 0);
        } else {
            ZVAL_STRINGL(&v, p->value, p->value_len);
        }
        zend_symtable_str_update(Z_ARRVAL_P(return_value), p->name, p->name_len, &v);
    }
    efree(q);
}

ZEND_METHOD(Horde_ActiveSync_Native_Query, form)
{
    zend_string *query;
    eas_query *q;
    const char *form;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(query)
    ZEND_PARSE_PARAMETERS_END();

    if (!(q = parse_or_throw(query))) {
        RETURN_THROWS();
    }
    form = q->form == EAS_QUERY_PLAIN ? "plain" : q->form == EAS_QUERY_BASE64 ? "base64" : "empty";
    efree(q);
    RETURN_STRING(form);
}
