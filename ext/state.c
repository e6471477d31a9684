/*
 * Sync keys and the native state codec: PHP values walked into the
 * src/state pack format and back.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "eas_php.h"
#include "ext/standard/base64.h"
#include "zend_interfaces.h"
#if PHP_VERSION_ID >= 80200
#include "ext/random/php_random.h"
#else
#include "ext/standard/php_random.h"
#endif
#include "../src/state/eas_pack.h"
#include "../src/state/eas_synckey.h"
#include "state_arginfo.h"

#define TEXT_PREFIX "EAS1:"
#define TEXT_PREFIX_LEN (sizeof(TEXT_PREFIX) - 1)

void eas_php_register_state(void)
{
    register_class_Horde_ActiveSync_Native_SyncKey();
    register_class_Horde_ActiveSync_Native_StateCodec();
}

/* --- sync keys ------------------------------------------------------------ */

static void throw_state_error(const char *what, const eas_error *err)
{
    eas_php_throw("%s: %s (at byte %llu)", what, err->code == EAS_OK ? "unknown error" : err->message,
                  (unsigned long long)err->offset);
}

/* Parses or throws; returns the form. */
static eas_synckey_form parse_key(zend_string *text, eas_synckey *key)
{
    eas_error err = { 0 };
    eas_synckey_form form = eas_synckey_parse(ZSTR_VAL(text), ZSTR_LEN(text), key, &err);

    if (form == EAS_SYNCKEY_MALFORMED) {
        throw_state_error("Invalid sync key", &err);
    }
    return form;
}

static zend_string *generate_key(void)
{
    unsigned char rnd[16];
    char key[EAS_SYNCKEY_NEW_MAX];
    size_t len;

    if (php_random_bytes_throw(rnd, sizeof(rnd)) == FAILURE) {
        return NULL;
    }
    len = eas_synckey_generate(rnd, key);
    return zend_string_init(key, len, 0);
}

ZEND_METHOD(Horde_ActiveSync_Native_SyncKey, generate)
{
    zend_string *key;

    ZEND_PARSE_PARAMETERS_NONE();
    if ((key = generate_key()) != NULL) {
        RETURN_STR(key);
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_SyncKey, parse)
{
    zend_string *text;
    eas_synckey key;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(text)
    ZEND_PARSE_PARAMETERS_END();

    switch (parse_key(text, &key)) {
    case EAS_SYNCKEY_INITIAL:
        RETURN_NULL();
    case EAS_SYNCKEY_VALID:
        array_init_size(return_value, 4);
        add_assoc_stringl(return_value, "uid", key.uid, key.uid_len);
        add_assoc_long(return_value, "counter", (zend_long)key.counter);
        add_assoc_stringl(return_value, "digits", key.digits, key.digits_len);
        add_assoc_bool(return_value, "hex", key.uid_is_hex);
        return;
    default:
        return;
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_SyncKey, isValid)
{
    zend_string *text;
    eas_synckey key;
    eas_error err = { 0 };

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(text)
    ZEND_PARSE_PARAMETERS_END();
    RETURN_BOOL(eas_synckey_parse(ZSTR_VAL(text), ZSTR_LEN(text), &key, &err) != EAS_SYNCKEY_MALFORMED);
}

ZEND_METHOD(Horde_ActiveSync_Native_SyncKey, next)
{
    zend_string *text, *key;
    eas_synckey parsed;
    eas_error err = { 0 };
    char out[EAS_SYNCKEY_MAX + 1];
    size_t len;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(text)
    ZEND_PARSE_PARAMETERS_END();

    switch (parse_key(text, &parsed)) {
    case EAS_SYNCKEY_INITIAL:
        if ((key = generate_key()) != NULL) {
            RETURN_STR(key);
        }
        return;
    case EAS_SYNCKEY_VALID:
        if ((len = eas_synckey_next(&parsed, out, sizeof(out), &err)) == 0) {
            throw_state_error("Cannot advance sync key", &err);
            return;
        }
        RETURN_STRINGL(out, len);
    default:
        return;
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_SyncKey, relate)
{
    zend_string *presented, *latest;
    eas_synckey a, b;

    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_STR(presented)
        Z_PARAM_STR(latest)
    ZEND_PARSE_PARAMETERS_END();

    if (parse_key(presented, &a) != EAS_SYNCKEY_VALID || EG(exception)) {
        if (!EG(exception)) {
            zend_argument_value_error(1, "must be a sync key other than \"0\"");
        }
        return;
    }
    if (parse_key(latest, &b) != EAS_SYNCKEY_VALID || EG(exception)) {
        if (!EG(exception)) {
            zend_argument_value_error(2, "must be a sync key other than \"0\"");
        }
        return;
    }
    RETURN_LONG(eas_synckey_relate(&a, &b));
}

/* --- packing ----------------------------------------------------------------- */

typedef struct {
    eas_pack_writer w;
} packer;

static int pack_zval(packer *p, zval *zv, unsigned depth);

static int pack_array(packer *p, HashTable *ht, unsigned depth)
{
    uint32_t count = zend_hash_num_elements(ht);
    zend_string *key;
    zend_ulong index;
    zval *item;

    if (zend_array_is_list(ht)) {
        int all_ints = count >= 2;
        ZEND_HASH_FOREACH_VAL(ht, item) {
            ZVAL_DEREF(item);
            if (Z_TYPE_P(item) != IS_LONG) {
                all_ints = 0;
                break;
            }
        } ZEND_HASH_FOREACH_END();
        if (all_ints) {
            int64_t *values = safe_emalloc(count, sizeof(int64_t), 0);
            size_t n = 0;
            int rc;
            ZEND_HASH_FOREACH_VAL(ht, item) {
                ZVAL_DEREF(item);
                values[n++] = (int64_t)Z_LVAL_P(item);
            } ZEND_HASH_FOREACH_END();
            rc = eas_pack_put_int_list(&p->w, values, n);
            efree(values);
            return rc;
        }
        if (eas_pack_begin_list(&p->w, count)) {
            return -1;
        }
        ZEND_HASH_FOREACH_VAL(ht, item) {
            if (pack_zval(p, item, depth + 1)) {
                return -1;
            }
        } ZEND_HASH_FOREACH_END();
        return 0;
    }
    if (eas_pack_begin_map(&p->w, count)) {
        return -1;
    }
    ZEND_HASH_FOREACH_KEY_VAL(ht, index, key, item) {
        int rc = key ? eas_pack_put_key(&p->w, ZSTR_VAL(key), ZSTR_LEN(key))
                     : eas_pack_put_int(&p->w, (int64_t)index);
        if (rc || pack_zval(p, item, depth + 1)) {
            return -1;
        }
    } ZEND_HASH_FOREACH_END();
    return 0;
}

/* The declared and dynamic properties serialize() would write, mangled names as keys. */
static int pack_properties(packer *p, zend_object *obj, unsigned depth)
{
    HashTable *props = zend_get_properties_for(&(zval){ .value.obj = obj, .u1.type_info = IS_OBJECT_EX },
                                               ZEND_PROP_PURPOSE_SERIALIZE);
    uint32_t count = 0;
    zend_string *key;
    zend_ulong index;
    zval *item;
    int rc = 0;

    if (props) {
        ZEND_HASH_FOREACH_VAL_IND(props, item) {
            if (Z_TYPE_P(item) != IS_UNDEF) {
                count++;
            }
        } ZEND_HASH_FOREACH_END();
    }
    if (eas_pack_begin_map(&p->w, count)) {
        rc = -1;
    }
    if (props && rc == 0) {
        ZEND_HASH_FOREACH_KEY_VAL_IND(props, index, key, item) {
            if (Z_TYPE_P(item) == IS_UNDEF) {
                continue;
            }
            rc = key ? eas_pack_put_key(&p->w, ZSTR_VAL(key), ZSTR_LEN(key)) : eas_pack_put_int(&p->w, (int64_t)index);
            if (rc || (rc = pack_zval(p, item, depth + 1)) != 0) {
                break;
            }
        } ZEND_HASH_FOREACH_END();
    }
    if (props) {
        zend_release_properties(props);
    }
    return rc;
}

static int pack_object(packer *p, zval *zv, unsigned depth)
{
    zend_object *obj = Z_OBJ_P(zv);
    zend_class_entry *ce = obj->ce;
    zval result;
    int rc;

    if ((ce->ce_flags & (ZEND_ACC_NOT_SERIALIZABLE | ZEND_ACC_ANON_CLASS)) || (ce->ce_flags & ZEND_ACC_ENUM)) {
        eas_php_throw("State: objects of class %s cannot be stored", ZSTR_VAL(ce->name));
        return -1;
    }
    if (ce->__serialize) {
        zend_call_known_instance_method_with_0_params(ce->__serialize, obj, &result);
        if (EG(exception)) {
            zval_ptr_dtor(&result);
            return -1;
        }
        if (Z_TYPE(result) != IS_ARRAY) {
            zval_ptr_dtor(&result);
            zend_type_error("%s::__serialize() must return an array", ZSTR_VAL(ce->name));
            return -1;
        }
        rc = eas_pack_begin_object(&p->w, ZSTR_VAL(ce->name), ZSTR_LEN(ce->name), EAS_PACK_OBJECT_SERIALIZE)
             || pack_array(p, Z_ARRVAL(result), depth + 1) ? -1 : 0;
        zval_ptr_dtor(&result);
        return rc;
    }
    if (ce->serialize) {
        zend_call_method_with_0_params(obj, ce, NULL, "serialize", &result);
        if (EG(exception)) {
            zval_ptr_dtor(&result);
            return -1;
        }
        if (Z_TYPE(result) != IS_STRING) {
            zval_ptr_dtor(&result);
            zend_type_error("%s::serialize() must return a string", ZSTR_VAL(ce->name));
            return -1;
        }
        rc = eas_pack_begin_object(&p->w, ZSTR_VAL(ce->name), ZSTR_LEN(ce->name), EAS_PACK_OBJECT_SERIALIZABLE)
             || eas_pack_put_string(&p->w, Z_STRVAL(result), Z_STRLEN(result)) ? -1 : 0;
        zval_ptr_dtor(&result);
        return rc;
    }
    if (eas_pack_begin_object(&p->w, ZSTR_VAL(ce->name), ZSTR_LEN(ce->name), EAS_PACK_OBJECT_PROPERTIES)) {
        return -1;
    }
    return pack_properties(p, obj, depth + 1);
}

static int pack_zval(packer *p, zval *zv, unsigned depth)
{
    if (depth > EAS_PACK_MAX_DEPTH) {
        eas_php_throw("State: value nests deeper than %d levels (a recursive structure?)", EAS_PACK_MAX_DEPTH);
        return -1;
    }
    ZVAL_DEREF(zv);
    switch (Z_TYPE_P(zv)) {
    case IS_NULL:
        return eas_pack_put_null(&p->w);
    case IS_FALSE:
        return eas_pack_put_bool(&p->w, 0);
    case IS_TRUE:
        return eas_pack_put_bool(&p->w, 1);
    case IS_LONG:
        return eas_pack_put_int(&p->w, (int64_t)Z_LVAL_P(zv));
    case IS_DOUBLE:
        return eas_pack_put_double(&p->w, Z_DVAL_P(zv));
    case IS_STRING:
        return eas_pack_put_string(&p->w, Z_STRVAL_P(zv), Z_STRLEN_P(zv));
    case IS_ARRAY:
        return pack_array(p, Z_ARRVAL_P(zv), depth);
    case IS_OBJECT:
        return pack_object(p, zv, depth);
    default:
        eas_php_throw("State: a %s cannot be stored", zend_zval_type_name(zv));
        return -1;
    }
}

/* Packs into a new zend_string, or NULL with an exception. */
static zend_string *pack_value(zval *value, zend_long kind)
{
    packer p;
    zend_string *out = NULL;

    if (kind < 0 || kind > 255) {
        zend_argument_value_error(2, "must be between 0 and 255");
        return NULL;
    }
    eas_pack_writer_init(&p.w, &eas_php_allocator);
    if (pack_zval(&p, value, 0) == 0 && eas_pack_finish(&p.w, (unsigned)kind) == 0) {
        out = zend_string_init((const char *)p.w.out.data, p.w.out.len, 0);
    } else if (!EG(exception)) {
        eas_php_throw("State: value too large to store");
    }
    eas_pack_writer_free(&p.w);
    return out;
}

ZEND_METHOD(Horde_ActiveSync_Native_StateCodec, pack)
{
    zval *value;
    zend_long kind = 0;
    zend_string *out;

    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_ZVAL(value)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG(kind)
    ZEND_PARSE_PARAMETERS_END();
    if ((out = pack_value(value, kind)) != NULL) {
        RETURN_STR(out);
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_StateCodec, packText)
{
    zval *value;
    zend_long kind = 0;
    zend_string *raw, *b64, *out;

    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_ZVAL(value)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG(kind)
    ZEND_PARSE_PARAMETERS_END();
    if ((raw = pack_value(value, kind)) == NULL) {
        return;
    }
    b64 = php_base64_encode((const unsigned char *)ZSTR_VAL(raw), ZSTR_LEN(raw));
    zend_string_release(raw);
    out = zend_string_concat2(TEXT_PREFIX, TEXT_PREFIX_LEN, ZSTR_VAL(b64), ZSTR_LEN(b64));
    zend_string_release(b64);
    RETURN_STR(out);
}

/* --- unpacking -------------------------------------------------------------- */

typedef struct {
    eas_pack_reader r;
    HashTable *allowed;
    /* Interned strings built once each: map keys repeat in every row. */
    zend_string **keys;
    size_t nkeys;
} unpacker;

/* The zend_string for an interned string (a new reference), else a new string. */
static zend_string *key_string(unpacker *u, const eas_pack_value *v)
{
    if (v->key_index == EAS_PACK_NO_KEY) {
        return zend_string_init(v->s, v->len, 0);
    }
    if (v->key_index >= u->nkeys) {
        size_t n = MAX(v->key_index + 1, u->nkeys * 2);
        u->keys = erealloc(u->keys, n * sizeof(zend_string *));
        memset(u->keys + u->nkeys, 0, (n - u->nkeys) * sizeof(zend_string *));
        u->nkeys = n;
    }
    if (!u->keys[v->key_index]) {
        u->keys[v->key_index] = zend_string_init(v->s, v->len, 0);
        zend_string_hash_val(u->keys[v->key_index]);
    }
    return zend_string_copy(u->keys[v->key_index]);
}

static void unpacker_free(unpacker *u)
{
    size_t i;

    for (i = 0; i < u->nkeys; i++) {
        if (u->keys[i]) {
            zend_string_release(u->keys[i]);
        }
    }
    if (u->keys) {
        efree(u->keys);
    }
    eas_pack_reader_free(&u->r);
}

static int unpack_zval(unpacker *u, zval *out, unsigned depth);

static int read_error(const eas_error *err)
{
    if (!EG(exception)) {
        throw_state_error("Corrupt state data", err);
    }
    return -1;
}

static int class_allowed(unpacker *u, const char *name, size_t len)
{
    zval *prefix;

    ZEND_HASH_FOREACH_VAL(u->allowed, prefix) {
        if (Z_TYPE_P(prefix) == IS_STRING && Z_STRLEN_P(prefix) <= len &&
            memcmp(Z_STRVAL_P(prefix), name, Z_STRLEN_P(prefix)) == 0) {
            return 1;
        }
    } ZEND_HASH_FOREACH_END();
    return 0;
}

/* Restores declared properties as unserialize() does: by the visibility
 * the mangled name records, not the caller's scope. Properties the class no
 * longer declares are dropped rather than created dynamically. */
static void load_properties(zend_object *obj, HashTable *props)
{
    zend_string *key;
    zval *value;

    ZEND_HASH_FOREACH_STR_KEY_VAL(props, key, value) {
        zend_class_entry *scope = obj->ce;
        const char *cls = NULL, *name;
        size_t name_len;
        zend_property_info *info;
        zend_string *pname;

        if (!key) {
            continue;
        }
        if (ZSTR_LEN(key) && ZSTR_VAL(key)[0] == '\0') {
            if (zend_unmangle_property_name_ex(key, &cls, &name, &name_len) != SUCCESS) {
                continue;
            }
            if (cls[0] != '*') {
                zend_string *cname = zend_string_init(cls, strlen(cls), 0);
                scope = zend_lookup_class_ex(cname, NULL, ZEND_FETCH_CLASS_NO_AUTOLOAD);
                zend_string_release(cname);
                if (!scope || !instanceof_function(obj->ce, scope)) {
                    continue;
                }
            }
        } else {
            name = ZSTR_VAL(key);
            name_len = ZSTR_LEN(key);
        }
        info = zend_hash_str_find_ptr(&scope->properties_info, name, name_len);
        if (!info || (info->flags & ZEND_ACC_STATIC)) {
            continue;
        }
        pname = zend_string_init(name, name_len, 0);
        zend_update_property_ex(scope, obj, pname, value);
        zend_string_release(pname);
        if (EG(exception)) {
            return;
        }
    } ZEND_HASH_FOREACH_END();
}

static int unpack_object(unpacker *u, const eas_pack_value *head, zval *out, unsigned depth)
{
    zend_string *name;
    zend_class_entry *ce;
    zval body, result;

    if (!class_allowed(u, head->s, head->len)) {
        eas_php_throw("State: class %.*s is not allowed in stored state", (int)MIN(head->len, 128), head->s);
        return -1;
    }
    name = zend_string_init(head->s, head->len, 0);
    ce = zend_lookup_class(name);
    zend_string_release(name);
    if (!ce) {
        if (!EG(exception)) {
            eas_php_throw("State: stored class %.*s does not exist", (int)MIN(head->len, 128), head->s);
        }
        return -1;
    }
    if ((ce->ce_flags & (ZEND_ACC_INTERFACE | ZEND_ACC_TRAIT | ZEND_ACC_EXPLICIT_ABSTRACT_CLASS | ZEND_ACC_ENUM |
                         ZEND_ACC_NOT_SERIALIZABLE | ZEND_ACC_ANON_CLASS))) {
        eas_php_throw("State: stored class %s cannot be instantiated", ZSTR_VAL(ce->name));
        return -1;
    }
    if (unpack_zval(u, &body, depth + 1)) {
        return -1;
    }
    if ((head->mode == EAS_PACK_OBJECT_SERIALIZABLE) != (Z_TYPE(body) == IS_STRING) ||
        (head->mode != EAS_PACK_OBJECT_SERIALIZABLE && Z_TYPE(body) != IS_ARRAY)) {
        zval_ptr_dtor(&body);
        eas_php_throw("State: stored %s has contents of the wrong type", ZSTR_VAL(ce->name));
        return -1;
    }
    if (object_init_ex(out, ce) == FAILURE) {
        zval_ptr_dtor(&body);
        return -1;
    }
    switch (head->mode) {
    case EAS_PACK_OBJECT_SERIALIZE:
        if (!ce->__unserialize) {
            eas_php_throw("State: stored %s needs __unserialize()", ZSTR_VAL(ce->name));
            break;
        }
        zend_call_known_instance_method_with_1_params(ce->__unserialize, Z_OBJ_P(out), NULL, &body);
        break;
    case EAS_PACK_OBJECT_SERIALIZABLE:
        if (!ce->unserialize) {
            eas_php_throw("State: stored %s is no longer Serializable", ZSTR_VAL(ce->name));
            break;
        }
        zend_call_method_with_1_params(Z_OBJ_P(out), ce, NULL, "unserialize", &result, &body);
        zval_ptr_dtor(&result);
        break;
    default:
        load_properties(Z_OBJ_P(out), Z_ARRVAL(body));
        if (!EG(exception) && zend_hash_str_exists(&ce->function_table, "__wakeup", sizeof("__wakeup") - 1)) {
            zend_call_method_with_0_params(Z_OBJ_P(out), ce, NULL, "__wakeup", &result);
            zval_ptr_dtor(&result);
        }
        break;
    }
    zval_ptr_dtor(&body);
    if (EG(exception)) {
        zval_ptr_dtor(out);
        ZVAL_UNDEF(out);
        return -1;
    }
    return 0;
}

static int unpack_zval(unpacker *u, zval *out, unsigned depth)
{
    eas_pack_value v;
    eas_error err = { 0 };
    uint64_t i;

    ZVAL_UNDEF(out);
    if (depth > EAS_PACK_MAX_DEPTH) {
        eas_php_throw("State: stored value nests deeper than %d levels", EAS_PACK_MAX_DEPTH);
        return -1;
    }
    if (eas_pack_read(&u->r, &v, &err)) {
        return read_error(&err);
    }
    switch (v.type) {
    case EAS_PACK_NULL:
        ZVAL_NULL(out);
        return 0;
    case EAS_PACK_FALSE:
        ZVAL_FALSE(out);
        return 0;
    case EAS_PACK_TRUE:
        ZVAL_TRUE(out);
        return 0;
    case EAS_PACK_INT:
        ZVAL_LONG(out, (zend_long)v.i);
        return 0;
    case EAS_PACK_DOUBLE:
        ZVAL_DOUBLE(out, v.d);
        return 0;
    case EAS_PACK_STRING:
        if (v.key_index != EAS_PACK_NO_KEY) {
            ZVAL_STR(out, key_string(u, &v));
        } else {
            ZVAL_STRINGL_FAST(out, v.s, v.len);
        }
        return 0;
    case EAS_PACK_INTLIST:
        array_init_size(out, (uint32_t)v.count);
        zend_hash_real_init_packed(Z_ARRVAL_P(out));
        ZEND_HASH_FILL_PACKED(Z_ARRVAL_P(out)) {
            for (i = 0; i < v.count; i++) {
                int64_t x;
                if (eas_pack_read_list_int(&u->r, &x, &err)) {
                    break;
                }
                ZEND_HASH_FILL_SET_LONG((zend_long)x);
                ZEND_HASH_FILL_NEXT();
            }
        } ZEND_HASH_FILL_END();
        if (err.code != EAS_OK) {
            zval_ptr_dtor(out);
            ZVAL_UNDEF(out);
            return read_error(&err);
        }
        return 0;
    case EAS_PACK_LIST:
        array_init_size(out, (uint32_t)v.count);
        zend_hash_real_init_packed(Z_ARRVAL_P(out));
        for (i = 0; i < v.count; i++) {
            zval item;
            if (unpack_zval(u, &item, depth + 1)) {
                zval_ptr_dtor(out);
                ZVAL_UNDEF(out);
                return -1;
            }
            zend_hash_next_index_insert_new(Z_ARRVAL_P(out), &item);
        }
        return 0;
    case EAS_PACK_MAP:
        array_init_size(out, (uint32_t)v.count);
        for (i = 0; i < v.count; i++) {
            eas_pack_value key;
            zval item;
            if (eas_pack_read(&u->r, &key, &err) ||
                (key.type != EAS_PACK_INT && key.type != EAS_PACK_STRING)) {
                zval_ptr_dtor(out);
                ZVAL_UNDEF(out);
                if (err.code == EAS_OK) {
                    eas_error_set(&err, EAS_ERR_SYNTAX, 0, "map key is neither integer nor string");
                }
                return read_error(&err);
            }
            if (unpack_zval(u, &item, depth + 1)) {
                zval_ptr_dtor(out);
                ZVAL_UNDEF(out);
                return -1;
            }
            if (key.type == EAS_PACK_INT) {
                zend_hash_index_update(Z_ARRVAL_P(out), (zend_ulong)key.i, &item);
            } else {
                zend_string *name = key_string(u, &key);
                zend_symtable_update(Z_ARRVAL_P(out), name, &item);
                zend_string_release(name);
            }
        }
        return 0;
    case EAS_PACK_OBJECT:
        return unpack_object(u, &v, out, depth);
    default:
        eas_error_set(&err, EAS_ERR_SYNTAX, 0, "unexpected tag 0x%02x", (unsigned)v.type);
        return read_error(&err);
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_StateCodec, unpack)
{
    zend_string *data;
    HashTable *allowed = NULL;
    zval *kind = NULL;
    zend_string *decoded = NULL;
    const char *bytes;
    size_t len;
    unpacker u;
    eas_error err = { 0 };
    zval default_allowed, prefix;

    ZEND_PARSE_PARAMETERS_START(1, 3)
        Z_PARAM_STR(data)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(allowed)
        Z_PARAM_ZVAL(kind)
    ZEND_PARSE_PARAMETERS_END();

    bytes = ZSTR_VAL(data);
    len = ZSTR_LEN(data);
    if (len >= TEXT_PREFIX_LEN && memcmp(bytes, TEXT_PREFIX, TEXT_PREFIX_LEN) == 0) {
        decoded = php_base64_decode_ex((const unsigned char *)bytes + TEXT_PREFIX_LEN, len - TEXT_PREFIX_LEN, 1);
        if (!decoded) {
            eas_php_throw("Corrupt state data: the text form is not valid base64");
            return;
        }
        bytes = ZSTR_VAL(decoded);
        len = ZSTR_LEN(decoded);
    }
    ZVAL_UNDEF(&default_allowed);
    if (!allowed) {
        array_init(&default_allowed);
        ZVAL_STRING(&prefix, "Horde_ActiveSync_");
        add_next_index_zval(&default_allowed, &prefix);
        allowed = Z_ARRVAL(default_allowed);
    }
    u.allowed = allowed;
    u.keys = NULL;
    u.nkeys = 0;
    if (eas_pack_open(&u.r, bytes, len, &eas_php_allocator, &err)) {
        read_error(&err);
    } else if (unpack_zval(&u, return_value, 0) == 0 && eas_pack_close(&u.r, &err) != 0) {
        zval_ptr_dtor(return_value);
        ZVAL_NULL(return_value);
        read_error(&err);
    } else if (kind && !EG(exception)) {
        ZEND_TRY_ASSIGN_REF_LONG(kind, (zend_long)u.r.kind);
    }
    unpacker_free(&u);
    zval_ptr_dtor(&default_allowed);
    if (decoded) {
        zend_string_release(decoded);
    }
    if (EG(exception) && Z_TYPE_P(return_value) != IS_UNDEF) {
        zval_ptr_dtor(return_value);
        ZVAL_NULL(return_value);
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_StateCodec, isNative)
{
    zend_string *data;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(data)
    ZEND_PARSE_PARAMETERS_END();
    RETURN_BOOL(eas_pack_is_frame(ZSTR_VAL(data), ZSTR_LEN(data)) ||
                (ZSTR_LEN(data) >= TEXT_PREFIX_LEN && memcmp(ZSTR_VAL(data), TEXT_PREFIX, TEXT_PREFIX_LEN) == 0));
}
