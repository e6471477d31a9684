/*
 * KqlQuery and KqlException: the KQL parser of src/kql for PHP. The tree
 * and the IMAP plan become arrays with interned keys; the query object owns
 * the parsed tree (emalloc'ed through the allocator hooks).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "eas_php.h"
#include "zend_exceptions.h"
#include "ext/spl/spl_exceptions.h"
#include "../src/kql/kql.h"
#include "kql_arginfo.h"

typedef struct {
    kql_query q;
    int parsed;
    zend_object std;
} kql_obj;

static zend_class_entry *ce_query;
static zend_class_entry *ce_exception;
static zend_object_handlers query_handlers;

/* Keys and values of the arrays, interned once. */
enum {
    K_OP, K_NODES, K_NODE, K_VALUE, K_MATCH, K_POS, K_LEN, K_PROPERTY, K_OPERATOR, K_TYPE, K_TEXT, K_SINCE,
    K_BEFORE, K_MIN, K_MAX, K_REQUIRED, K_HEADER, K_NOT, K_RANGE, K_DATE, K_SENT, K_LARGER, K_SIZE, K_FLAG,
    K_SET, K_CATEGORY, K_QUOTED,
    V_AND, V_OR, V_NOT, V_TEXT, V_PROPERTY, V_WORD, V_PHRASE, V_PREFIX, V_BOOL, V_IMPORTANCE, V_KIND,
    V_BODY, V_HEADER, V_ALL, V_NONE, V_SINCE, V_BEFORE, V_ON, V_KEYWORD, V_LOW, V_NORMAL, V_HIGH,
    K_COUNT
};

static const char *const key_names[K_COUNT] = {
    "op", "nodes", "node", "value", "match", "pos", "len", "property", "operator", "type", "text", "since",
    "before", "min", "max", "required", "header", "not", "range", "date", "sent", "larger", "size", "flag",
    "set", "category", "quoted",
    "and", "or", "not", "text", "property", "word", "phrase", "prefix", "bool", "importance", "kind",
    "body", "header", "all", "none", "SINCE", "BEFORE", "ON", "keyword", "low", "normal", "high",
};

static zend_string *keys[K_COUNT];

static inline kql_obj *kql_from(zend_object *obj)
{
    return (kql_obj *)((char *)obj - XtOffsetOf(kql_obj, std));
}

static zend_object *query_create(zend_class_entry *ce)
{
    kql_obj *o = zend_object_alloc(sizeof(kql_obj), ce);

    zend_object_std_init(&o->std, ce);
    object_properties_init(&o->std, ce);
    o->std.handlers = &query_handlers;
    o->parsed = 0;
    return &o->std;
}

static void query_free(zend_object *obj)
{
    kql_obj *o = kql_from(obj);

    if (o->parsed) {
        kql_query_free(&o->q);
    }
    zend_object_std_dtor(obj);
}

void eas_php_register_kql(void)
{
    for (int i = 0; i < K_COUNT; i++) {
        keys[i] = zend_string_init_interned(key_names[i], strlen(key_names[i]), 1);
    }
    ce_exception = register_class_Horde_ActiveSync_Native_KqlException(spl_ce_RuntimeException);
    ce_query = register_class_Horde_ActiveSync_Native_KqlQuery();
    ce_query->create_object = query_create;
    memcpy(&query_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
    query_handlers.offset = XtOffsetOf(kql_obj, std);
    query_handlers.free_obj = query_free;
    query_handlers.clone_obj = NULL;
}

/* --- parsing ------------------------------------------------------------ */

static void throw_syntax(const kql_error *err)
{
    zval ex;
    zend_string *msg = zend_strpprintf(0, "Invalid KQL query: %s (at character %u)", err->message,
                                       (unsigned)err->char_offset);

    object_init_ex(&ex, ce_exception);
    zend_update_property_str(ce_exception, Z_OBJ(ex), "message", sizeof("message") - 1, msg);
    zend_update_property_long(ce_exception, Z_OBJ(ex), "code", sizeof("code") - 1, (zend_long)err->code);
    zend_update_property_string(ce_exception, Z_OBJ(ex), "reason", sizeof("reason") - 1,
                                kql_errcode_name(err->code));
    zend_update_property_long(ce_exception, Z_OBJ(ex), "offset", sizeof("offset") - 1, (zend_long)err->offset);
    zend_update_property_long(ce_exception, Z_OBJ(ex), "charOffset", sizeof("charOffset") - 1,
                              (zend_long)err->char_offset);
    zend_string_release(msg);
    zend_throw_exception_object(&ex);
}

static int option_long(zval *v, const char *name, zend_long min, zend_long max, zend_long *out)
{
    if (Z_TYPE_P(v) != IS_LONG) {
        zend_type_error("KQL option \"%s\" must be of type int, %s given", name, zend_zval_type_name(v));
        return -1;
    }
    if (Z_LVAL_P(v) < min || Z_LVAL_P(v) > max) {
        zend_value_error("KQL option \"%s\" must be between " ZEND_LONG_FMT " and " ZEND_LONG_FMT, name, min, max);
        return -1;
    }
    *out = Z_LVAL_P(v);
    return 0;
}

static int read_options(HashTable *ht, kql_options *opt)
{
    zend_string *key;
    zval *v;
    zend_long n;

    kql_options_init(opt);
    opt->now = (int64_t)time(NULL);
    if (!ht) {
        return 0;
    }
    ZEND_HASH_FOREACH_STR_KEY_VAL(ht, key, v) {
        ZVAL_DEREF(v);
        if (!key) {
            zend_value_error("KQL options must be named");
            return -1;
        }
        if (zend_string_equals_literal(key, "now")) {
            if (option_long(v, "now", ZEND_LONG_MIN, ZEND_LONG_MAX, &n)) {
                return -1;
            }
            opt->now = (int64_t)n;
        } else if (zend_string_equals_literal(key, "tzOffset")) {
            if (option_long(v, "tzOffset", -26 * 3600, 26 * 3600, &n)) {
                return -1;
            }
            opt->tz_offset = (int32_t)n;
        } else if (zend_string_equals_literal(key, "weekStart")) {
            if (option_long(v, "weekStart", 0, 1, &n)) {
                return -1;
            }
            opt->week_start = (uint8_t)n;
        } else if (zend_string_equals_literal(key, "dateOrder")) {
            if (Z_TYPE_P(v) != IS_STRING ||
                !(zend_string_equals_literal(Z_STR_P(v), "mdy") || zend_string_equals_literal(Z_STR_P(v), "dmy"))) {
                zend_value_error("KQL option \"dateOrder\" must be \"mdy\" or \"dmy\"");
                return -1;
            }
            opt->date_order = zend_string_equals_literal(Z_STR_P(v), "dmy") ? KQL_DATE_DMY : KQL_DATE_MDY;
        } else if (zend_string_equals_literal(key, "maxLength")) {
            if (option_long(v, "maxLength", 1, KQL_LIMIT_MAX_LENGTH, &n)) {
                return -1;
            }
            opt->max_length = (uint32_t)n;
        } else if (zend_string_equals_literal(key, "maxDepth")) {
            if (option_long(v, "maxDepth", 1, KQL_LIMIT_MAX_DEPTH, &n)) {
                return -1;
            }
            opt->max_depth = (uint32_t)n;
        } else if (zend_string_equals_literal(key, "maxNodes")) {
            if (option_long(v, "maxNodes", 4, KQL_LIMIT_MAX_NODES, &n)) {
                return -1;
            }
            opt->max_nodes = (uint32_t)n;
        } else {
            zend_value_error("Unknown KQL option \"%s\"", ZSTR_VAL(key));
            return -1;
        }
    } ZEND_HASH_FOREACH_END();
    return 0;
}

static int parse_into(kql_query *q, zend_string *text, HashTable *options)
{
    kql_options opt;
    kql_error err;

    if (read_options(options, &opt) != 0) {
        return -1;
    }
    if (kql_parse(q, ZSTR_VAL(text), ZSTR_LEN(text), &opt, &eas_php_allocator, &err) != 0) {
        throw_syntax(&err);
        return -1;
    }
    return 0;
}

/* --- arrays -------------------------------------------------------------- */

static inline void put_key(HashTable *ht, int k, zval *v)
{
    zend_hash_add_new(ht, keys[k], v);
}

static void put_interned(HashTable *ht, int k, int value)
{
    zval v;
    ZVAL_INTERNED_STR(&v, keys[value]);
    put_key(ht, k, &v);
}

static void put_long(HashTable *ht, int k, zend_long n)
{
    zval v;
    ZVAL_LONG(&v, n);
    put_key(ht, k, &v);
}

static void put_bool(HashTable *ht, int k, int b)
{
    zval v;
    ZVAL_BOOL(&v, b);
    put_key(ht, k, &v);
}

static void put_null(HashTable *ht, int k)
{
    zval v;
    ZVAL_NULL(&v);
    put_key(ht, k, &v);
}

static void put_stringl(HashTable *ht, int k, const char *s, size_t len)
{
    zval v;
    ZVAL_STRINGL_FAST(&v, s, len);
    put_key(ht, k, &v);
}

static void put_string(HashTable *ht, int k, const char *s)
{
    put_stringl(ht, k, s, strlen(s));
}

static void put_day(HashTable *ht, int k, int64_t day)
{
    char s[16];
    int64_t y;
    unsigned m, d;

    if (day == KQL_DAY_MIN || day == KQL_DAY_MAX) {
        put_null(ht, k);
        return;
    }
    kql_civil_from_days(day, &y, &m, &d);
    snprintf(s, sizeof(s), "%04d-%02u-%02u", (int)y, m, d);
    put_string(ht, k, s);
}

static void tree_to_array(const kql_query *q, uint32_t i, zval *out)
{
    const kql_node *x = &q->nodes[i];
    HashTable *ht;

    array_init_size(out, 8);
    ht = Z_ARRVAL_P(out);
    switch ((kql_kind)x->kind) {
    case KQL_N_AND:
    case KQL_N_OR: {
        zval list, child;

        put_interned(ht, K_OP, x->kind == KQL_N_AND ? V_AND : V_OR);
        array_init_size(&list, x->count);
        for (uint32_t c = x->first; c != 0; c = q->nodes[c - 1].next) {
            tree_to_array(q, c - 1, &child);
            zend_hash_next_index_insert_new(Z_ARRVAL(list), &child);
        }
        put_key(ht, K_NODES, &list);
        break;
    }
    case KQL_N_NOT: {
        zval child;

        put_interned(ht, K_OP, V_NOT);
        tree_to_array(q, x->first - 1, &child);
        put_key(ht, K_NODE, &child);
        break;
    }
    case KQL_N_TEXT:
        put_interned(ht, K_OP, V_TEXT);
        put_stringl(ht, K_VALUE, q->src + x->text, x->text_len);
        put_interned(ht, K_MATCH, x->match == KQL_M_PREFIX ? V_PREFIX : x->match == KQL_M_PHRASE ? V_PHRASE : V_WORD);
        break;
    case KQL_N_PROP:
        put_interned(ht, K_OP, V_PROPERTY);
        put_string(ht, K_PROPERTY, kql_prop_name((kql_prop)x->prop));
        put_string(ht, K_OPERATOR, kql_op_name((kql_op)x->op));
        put_stringl(ht, K_TEXT, q->src + x->text, x->text_len);
        switch ((kql_vtype)x->vtype) {
        case KQL_V_TEXT:
            put_interned(ht, K_TYPE, V_TEXT);
            put_stringl(ht, K_VALUE, q->src + x->text, x->text_len);
            put_interned(ht, K_MATCH,
                         x->match == KQL_M_PREFIX ? V_PREFIX : x->match == KQL_M_PHRASE ? V_PHRASE : V_WORD);
            break;
        case KQL_V_DATE:
            put_interned(ht, K_TYPE, K_DATE);
            put_day(ht, K_SINCE, x->lo);
            put_day(ht, K_BEFORE, x->hi);
            break;
        case KQL_V_SIZE:
            put_interned(ht, K_TYPE, K_SIZE);
            if (x->lo > 0) {
                put_long(ht, K_MIN, (zend_long)x->lo);
            } else {
                put_null(ht, K_MIN);
            }
            if (x->hi != KQL_SIZE_MAX) {
                put_long(ht, K_MAX, (zend_long)x->hi);
            } else {
                put_null(ht, K_MAX);
            }
            break;
        case KQL_V_BOOL:
            put_interned(ht, K_TYPE, V_BOOL);
            put_bool(ht, K_VALUE, x->lo != 0);
            break;
        case KQL_V_IMPORTANCE:
            put_interned(ht, K_TYPE, V_IMPORTANCE);
            put_interned(ht, K_VALUE, x->lo == 0 ? V_LOW : x->lo == 1 ? V_NORMAL : V_HIGH);
            break;
        case KQL_V_KIND:
            put_interned(ht, K_TYPE, V_KIND);
            put_string(ht, K_VALUE, kql_item_kind_name((kql_item_kind)x->lo));
            break;
        }
        break;
    }
    if (x->flags & KQL_F_QUOTED) {
        put_bool(ht, K_QUOTED, 1);
    }
    if (x->flags & KQL_F_REQUIRED) {
        put_bool(ht, K_REQUIRED, 1);
    }
    put_long(ht, K_POS, (zend_long)x->pos);
    put_long(ht, K_LEN, (zend_long)x->len);
}

static void plan_to_array(const kql_imap *plan, uint32_t *i, zval *out)
{
    const kql_imap_item *it = &plan->items[(*i)++];
    const char *str = plan->strings.data ? (const char *)plan->strings.data + it->str : "";
    HashTable *ht;

    array_init_size(out, 6);
    ht = Z_ARRVAL_P(out);
    switch ((kql_imap_key)it->key) {
    case KQL_I_AND:
    case KQL_I_OR: {
        zval list, child;

        put_interned(ht, K_OP, it->key == KQL_I_AND ? V_AND : V_OR);
        array_init_size(&list, it->count);
        for (uint32_t c = 0; c < it->count; c++) {
            plan_to_array(plan, i, &child);
            zend_hash_next_index_insert_new(Z_ARRVAL(list), &child);
        }
        put_key(ht, K_NODES, &list);
        return;
    }
    case KQL_I_TEXT:
    case KQL_I_BODY:
        put_interned(ht, K_OP, it->key == KQL_I_TEXT ? V_TEXT : V_BODY);
        put_stringl(ht, K_TEXT, str, it->str_len);
        break;
    case KQL_I_HEADER:
        put_interned(ht, K_OP, V_HEADER);
        put_string(ht, K_HEADER, it->name);
        put_stringl(ht, K_TEXT, str, it->str_len);
        break;
    case KQL_I_DATE:
    case KQL_I_SENTDATE:
        put_interned(ht, K_OP, K_DATE);
        put_interned(ht, K_RANGE, it->range == KQL_D_SINCE ? V_SINCE : it->range == KQL_D_BEFORE ? V_BEFORE : V_ON);
        put_day(ht, K_DATE, it->num);
        put_bool(ht, K_SENT, it->key == KQL_I_SENTDATE);
        break;
    case KQL_I_LARGER:
    case KQL_I_SMALLER:
        put_interned(ht, K_OP, K_SIZE);
        put_bool(ht, K_LARGER, it->key == KQL_I_LARGER);
        put_long(ht, K_SIZE, (zend_long)it->num);
        break;
    case KQL_I_FLAG:
        if (it->system) {
            put_interned(ht, K_OP, K_FLAG);
            put_string(ht, K_FLAG, it->name);
        } else {
            put_interned(ht, K_OP, V_KEYWORD);
            put_stringl(ht, K_FLAG, str, it->str_len);
            put_stringl(ht, K_CATEGORY, (const char *)plan->strings.data + it->orig, it->orig_len);
        }
        put_bool(ht, K_SET, !it->negate);
        return;
    case KQL_I_NONE:
        put_interned(ht, K_OP, V_NONE);
        return;
    }
    put_bool(ht, K_NOT, it->negate);
}

static int plan_of(const kql_query *q, zval *out)
{
    kql_imap plan;
    uint32_t i = 0;

    if (kql_to_imap(q, &plan, &eas_php_allocator) != 0) {
        zend_throw_error(NULL, "KQL: out of memory");
        return -1;
    }
    if (plan.count == 0) {
        array_init_size(out, 1);
        put_interned(Z_ARRVAL_P(out), K_OP, V_ALL);
    } else {
        plan_to_array(&plan, &i, out);
    }
    kql_imap_free(&plan);
    return 0;
}

/* --- methods ------------------------------------------------------------- */

#define THIS_KQL() kql_from(Z_OBJ_P(ZEND_THIS))

static int ensure_parsed(kql_obj *o)
{
    if (!o->parsed) {
        zend_throw_error(NULL, "KqlQuery is not initialized");
        return -1;
    }
    return 0;
}

ZEND_METHOD(Horde_ActiveSync_Native_KqlException, getReason)
{
    zval *v, rv;

    ZEND_PARSE_PARAMETERS_NONE();
    v = zend_read_property(ce_exception, Z_OBJ_P(ZEND_THIS), "reason", sizeof("reason") - 1, 1, &rv);
    RETURN_COPY_DEREF(v);
}

ZEND_METHOD(Horde_ActiveSync_Native_KqlException, getOffset)
{
    zval *v, rv;

    ZEND_PARSE_PARAMETERS_NONE();
    v = zend_read_property(ce_exception, Z_OBJ_P(ZEND_THIS), "offset", sizeof("offset") - 1, 1, &rv);
    RETURN_COPY_DEREF(v);
}

ZEND_METHOD(Horde_ActiveSync_Native_KqlException, getCharOffset)
{
    zval *v, rv;

    ZEND_PARSE_PARAMETERS_NONE();
    v = zend_read_property(ce_exception, Z_OBJ_P(ZEND_THIS), "charOffset", sizeof("charOffset") - 1, 1, &rv);
    RETURN_COPY_DEREF(v);
}

ZEND_METHOD(Horde_ActiveSync_Native_KqlQuery, __construct)
{
    ZEND_PARSE_PARAMETERS_NONE();
}

ZEND_METHOD(Horde_ActiveSync_Native_KqlQuery, parse)
{
    zend_string *text;
    HashTable *options = NULL;
    kql_obj *o;

    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_STR(text)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(options)
    ZEND_PARSE_PARAMETERS_END();

    object_init_ex(return_value, ce_query);
    o = kql_from(Z_OBJ_P(return_value));
    if (parse_into(&o->q, text, options) != 0) {
        zval_ptr_dtor(return_value);
        ZVAL_NULL(return_value);
        return;
    }
    o->parsed = 1;
}

ZEND_METHOD(Horde_ActiveSync_Native_KqlQuery, imapPlan)
{
    zend_string *text;
    HashTable *options = NULL;
    kql_query q;

    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_STR(text)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(options)
    ZEND_PARSE_PARAMETERS_END();

    if (parse_into(&q, text, options) != 0) {
        return;
    }
    plan_of(&q, return_value);
    kql_query_free(&q);
}

ZEND_METHOD(Horde_ActiveSync_Native_KqlQuery, getQuery)
{
    kql_obj *o = THIS_KQL();

    ZEND_PARSE_PARAMETERS_NONE();
    if (ensure_parsed(o) == 0) {
        RETURN_STRINGL(o->q.src, o->q.src_len);
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_KqlQuery, toArray)
{
    kql_obj *o = THIS_KQL();

    ZEND_PARSE_PARAMETERS_NONE();
    if (ensure_parsed(o) == 0) {
        tree_to_array(&o->q, o->q.root, return_value);
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_KqlQuery, toImapPlan)
{
    kql_obj *o = THIS_KQL();

    ZEND_PARSE_PARAMETERS_NONE();
    if (ensure_parsed(o) == 0) {
        plan_of(&o->q, return_value);
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_KqlQuery, toImapString)
{
    kql_obj *o = THIS_KQL();
    kql_imap plan;
    eas_buf out;

    ZEND_PARSE_PARAMETERS_NONE();
    if (ensure_parsed(o) != 0) {
        return;
    }
    if (kql_to_imap(&o->q, &plan, &eas_php_allocator) != 0) {
        zend_throw_error(NULL, "KQL: out of memory");
        return;
    }
    eas_buf_init(&out, &eas_php_allocator);
    if (kql_imap_render(&plan, &out) != 0) {
        zend_throw_error(NULL, "KQL: out of memory");
    } else {
        RETVAL_STRINGL((const char *)out.data, out.len);
    }
    eas_buf_free(&out);
    kql_imap_free(&plan);
}

ZEND_METHOD(Horde_ActiveSync_Native_KqlQuery, __toString)
{
    kql_obj *o = THIS_KQL();
    eas_buf out;

    ZEND_PARSE_PARAMETERS_NONE();
    if (ensure_parsed(o) != 0) {
        return;
    }
    eas_buf_init(&out, &eas_php_allocator);
    if (kql_render_tree(&o->q, &out) != 0) {
        zend_throw_error(NULL, "KQL: out of memory");
    } else {
        RETVAL_STRINGL((const char *)out.data, out.len);
    }
    eas_buf_free(&out);
}
