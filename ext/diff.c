/*
 * The diff engines for PHP: Horde\ActiveSync\Native\ImapFolderState over
 * src/diff/eas_imap_state.c and Horde\ActiveSync\Native\ChangeSet over
 * src/diff/eas_changes.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "eas_php.h"
#include "../src/diff/eas_changes.h"
#include "../src/diff/eas_imap_state.h"
#include "../src/diff/eas_rangeset.h"
#include "ext/spl/spl_exceptions.h"
#include "zend_exceptions.h"
#include "../src/diff/eas_uidset.h"
#include "diff_arginfo.h"

typedef struct {
    eas_imap_state st;
    zend_object std;
} folder_obj;

static zend_object_handlers folder_handlers;
static zend_object_handlers range_handlers;
static zend_class_entry *range_ce;

typedef struct {
    eas_rangeset set;
    zend_object std;
} range_obj;

static inline range_obj *range_from(zend_object *obj)
{
    return (range_obj *)((char *)obj - XtOffsetOf(range_obj, std));
}

#define THIS_RANGES() (&range_from(Z_OBJ_P(ZEND_THIS))->set)
static zend_string *key_read, *key_flagged, *key_draft;

static inline folder_obj *folder_from(zend_object *obj)
{
    return (folder_obj *)((char *)obj - XtOffsetOf(folder_obj, std));
}

#define THIS_STATE() (&folder_from(Z_OBJ_P(ZEND_THIS))->st)

static zend_object *folder_create(zend_class_entry *ce)
{
    folder_obj *f = zend_object_alloc(sizeof(folder_obj), ce);

    zend_object_std_init(&f->std, ce);
    object_properties_init(&f->std, ce);
    f->std.handlers = &folder_handlers;
    eas_imap_state_init(&f->st, &eas_php_allocator);
    return &f->std;
}

static void folder_free(zend_object *obj)
{
    eas_imap_state_free(&folder_from(obj)->st);
    zend_object_std_dtor(obj);
}

static void copy_vec(eas_u32vec *to, const eas_u32vec *from)
{
    to->len = 0;
    if (eas_u32vec_append(to, from->v, from->len) != 0) {
        zend_error_noreturn(E_ERROR, "out of memory");
    }
}

static void copy_flags(eas_flagset *to, const eas_flagset *from)
{
    size_t i;

    eas_flagset_clear(to);
    for (i = 0; i < from->uids.len; i++) {
        if (eas_flagset_push(to, from->uids.v[i], from->bits[i]) != 0) {
            zend_error_noreturn(E_ERROR, "out of memory");
        }
    }
}

static zend_object *folder_clone(zend_object *old)
{
    zend_object *obj = folder_create(old->ce);
    eas_imap_state *to = &folder_from(obj)->st;
    const eas_imap_state *from = &folder_from(old)->st;

    zend_objects_clone_members(obj, old);
    copy_flags(&to->known, &from->known);
    copy_vec(&to->added, &from->added);
    copy_vec(&to->changed, &from->changed);
    copy_vec(&to->removed, &from->removed);
    copy_vec(&to->soft, &from->soft);
    copy_flags(&to->reported, &from->reported);
    to->primed = from->primed;
    return obj;
}

static void nomem(void)
{
    zend_error_noreturn(E_ERROR, "horde_activesync: out of memory");
}

static zend_object *range_create(zend_class_entry *ce)
{
    range_obj *r = zend_object_alloc(sizeof(range_obj), ce);

    zend_object_std_init(&r->std, ce);
    object_properties_init(&r->std, ce);
    r->std.handlers = &range_handlers;
    eas_rangeset_init(&r->set, &eas_php_allocator);
    return &r->std;
}

static void range_free(zend_object *obj)
{
    eas_rangeset_free(&range_from(obj)->set);
    zend_object_std_dtor(obj);
}

static zend_object *range_clone(zend_object *old)
{
    zend_object *obj = range_create(old->ce);

    zend_objects_clone_members(obj, old);
    if (eas_rangeset_copy(&range_from(obj)->set, &range_from(old)->set) != 0) {
        zend_error_noreturn(E_ERROR, "horde_activesync: out of memory");
    }
    return obj;
}

void eas_php_register_diff(void)
{
    zend_class_entry *ce = register_class_Horde_ActiveSync_Native_ImapFolderState();

    range_ce = register_class_Horde_ActiveSync_Native_RangeSet();
    range_ce->create_object = range_create;
    memcpy(&range_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
    range_handlers.offset = XtOffsetOf(range_obj, std);
    range_handlers.free_obj = range_free;
    range_handlers.clone_obj = range_clone;

    ce->create_object = folder_create;
    memcpy(&folder_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
    folder_handlers.offset = XtOffsetOf(folder_obj, std);
    folder_handlers.free_obj = folder_free;
    folder_handlers.clone_obj = folder_clone;
    register_class_Horde_ActiveSync_Native_ChangeSet();
    key_read = zend_string_init_interned("read", 4, 1);
    key_flagged = zend_string_init_interned("flagged", 7, 1);
    key_draft = zend_string_init_interned("draft", 5, 1);
}

/* --- reading PHP values ----------------------------------------------------- */

/* A UID from an int or a numeric string; 0 when it is not one. */
static uint32_t uid_of(zval *zv)
{
    zend_long l;
    double d;

    ZVAL_DEREF(zv);
    switch (Z_TYPE_P(zv)) {
    case IS_LONG:
        l = Z_LVAL_P(zv);
        break;
    case IS_STRING:
        if (is_numeric_string(Z_STRVAL_P(zv), Z_STRLEN_P(zv), &l, &d, 0) != IS_LONG) {
            return 0;
        }
        break;
    default:
        return 0;
    }
    return (l >= 1 && (zend_ulong)l <= UINT32_MAX) ? (uint32_t)l : 0;
}

static uint32_t uid_of_key(zend_ulong index, zend_string *key)
{
    zval tmp;

    if (key) {
        ZVAL_STR(&tmp, key);
        return uid_of(&tmp);
    }
    return index >= 1 && index <= UINT32_MAX ? (uint32_t)index : 0;
}

static void bad_uid(zval *zv)
{
    ZVAL_DEREF(zv);
    if (Z_TYPE_P(zv) == IS_STRING || Z_TYPE_P(zv) == IS_LONG) {
        zend_string *text = zval_get_string(zv);
        eas_php_throw("Invalid message UID \"%.*s\"", (int)MIN(ZSTR_LEN(text), 40), ZSTR_VAL(text));
        zend_string_release(text);
    } else {
        eas_php_throw("Invalid message UID of type %s", zend_zval_type_name(zv));
    }
}

/* The values of an array as UIDs (in order); -1 with an exception. */
static int uids_from(HashTable *ht, eas_u32vec *out)
{
    zval *item;

    out->len = 0;
    if (eas_u32vec_reserve(out, zend_hash_num_elements(ht)) != 0) {
        nomem();
    }
    ZEND_HASH_FOREACH_VAL(ht, item) {
        uint32_t uid = uid_of(item);
        if (!uid) {
            bad_uid(item);
            return -1;
        }
        out->v[out->len++] = uid;
    } ZEND_HASH_FOREACH_END();
    return 0;
}

static unsigned flag_value(zval *v)
{
    ZVAL_DEREF(v);
    if (Z_TYPE_P(v) == IS_NULL) {
        return EAS_FLAG_UNSET; /* isset() is false */
    }
    return zend_is_true(v) ? EAS_FLAG_ON : EAS_FLAG_OFF;
}

static int key_is(zend_string *key, zend_string *name)
{
    return key == name || zend_string_equal_content(key, name);
}

/* One of Horde's flag entries: an array of read/flagged/draft, or
 * anything else (Horde's list position), which has no flags. The entry is
 * walked once (it holds one or two keys) rather than probed per name. */
static uint8_t bits_of(zval *v)
{
    HashTable *fields;
    zend_string *key;
    zval *value;
    unsigned read = EAS_FLAG_UNSET, flagged = EAS_FLAG_UNSET, draft = EAS_FLAG_UNSET;

    ZVAL_DEREF(v);
    if (Z_TYPE_P(v) != IS_ARRAY) {
        return 0;
    }
    fields = Z_ARRVAL_P(v);
    if (zend_hash_num_elements(fields) == 0) {
        return EAS_FLAGS_EMPTY;
    }
    ZEND_HASH_FOREACH_STR_KEY_VAL(fields, key, value) {
        if (!key) {
            continue;
        }
        if (key_is(key, key_read)) {
            read = flag_value(value);
        } else if (key_is(key, key_flagged)) {
            flagged = flag_value(value);
        } else if (key_is(key, key_draft)) {
            draft = flag_value(value);
        }
    } ZEND_HASH_FOREACH_END();
    return EAS_FLAG_MAKE(read, flagged, draft);
}

/* uid => flags into a normalized flag set; -1 with an exception. */
static int flags_from(HashTable *ht, eas_flagset *out)
{
    zend_string *key;
    zend_ulong index;
    zval *item;

    eas_flagset_clear(out);
    if (eas_flagset_reserve(out, zend_hash_num_elements(ht)) != 0) {
        nomem();
    }
    ZEND_HASH_FOREACH_KEY_VAL(ht, index, key, item) {
        uint32_t uid = uid_of_key(index, key);
        if (!uid) {
            zval k;
            if (key) {
                ZVAL_STR(&k, key);
            } else {
                ZVAL_LONG(&k, (zend_long)index);
            }
            bad_uid(&k);
            return -1;
        }
        if (eas_flagset_push(out, uid, bits_of(item)) != 0) {
            nomem();
        }
    } ZEND_HASH_FOREACH_END();
    if (eas_flagset_normalize(out) != 0) {
        nomem();
    }
    return 0;
}

static void return_uids(zval *return_value, const uint32_t *v, size_t n)
{
    size_t i;

    array_init_size(return_value, (uint32_t)n);
    if (!n) {
        return;
    }
    zend_hash_real_init_packed(Z_ARRVAL_P(return_value));
    ZEND_HASH_FILL_PACKED(Z_ARRVAL_P(return_value)) {
        for (i = 0; i < n; i++) {
            ZEND_HASH_FILL_SET_LONG((zend_long)v[i]);
            ZEND_HASH_FILL_NEXT();
        }
    } ZEND_HASH_FILL_END();
}

/* --- ImapFolderState ------------------------------------------------------- */

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, setChanges)
{
    HashTable *uids_ht, *flags_ht;
    zend_long uidnext;
    bool condstore, reset;
    eas_imap_state *st = THIS_STATE();
    eas_u32vec uids;
    eas_flagset flags;
    eas_imap_changes_in in;

    ZEND_PARSE_PARAMETERS_START(5, 5)
        Z_PARAM_ARRAY_HT(uids_ht)
        Z_PARAM_ARRAY_HT(flags_ht)
        Z_PARAM_LONG(uidnext)
        Z_PARAM_BOOL(condstore)
        Z_PARAM_BOOL(reset)
    ZEND_PARSE_PARAMETERS_END();

    eas_u32vec_init(&uids, &eas_php_allocator);
    eas_flagset_init(&flags, &eas_php_allocator);
    if (uids_from(uids_ht, &uids) == 0 && flags_from(flags_ht, &flags) == 0) {
        in.uids = uids.v;
        in.count = uids.len;
        in.flags = &flags;
        in.uidnext = uidnext < 0 ? 0 : (uint64_t)uidnext;
        in.condstore = condstore;
        in.reset_min_uid = reset;
        if (eas_imap_set_changes(st, &in) != 0) {
            nomem();
        }
    }
    eas_u32vec_free(&uids);
    eas_flagset_free(&flags);
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, setRemoved)
{
    HashTable *ht;
    eas_u32vec uids;
    int rc = 0;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(ht)
    ZEND_PARSE_PARAMETERS_END();

    eas_u32vec_init(&uids, &eas_php_allocator);
    if (uids_from(ht, &uids) == 0) {
        rc = eas_imap_set_removed(THIS_STATE(), uids.v, uids.len);
        if (rc < 0) {
            nomem();
        }
    }
    eas_u32vec_free(&uids);
    if (!EG(exception)) {
        RETURN_BOOL(rc == 0);
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, prime)
{
    HashTable *ht;
    eas_u32vec uids;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(ht)
    ZEND_PARSE_PARAMETERS_END();

    eas_u32vec_init(&uids, &eas_php_allocator);
    if (uids_from(ht, &uids) == 0 && eas_imap_prime(THIS_STATE(), uids.v, uids.len) != 0) {
        nomem();
    }
    eas_u32vec_free(&uids);
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, takeSoftDeleted)
{
    eas_u32vec out;

    ZEND_PARSE_PARAMETERS_NONE();
    eas_u32vec_init(&out, &eas_php_allocator);
    if (eas_imap_take_soft_deleted(THIS_STATE(), &out) != 0) {
        nomem();
    }
    return_uids(return_value, out.v, out.len);
    eas_u32vec_free(&out);
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, setSoftDeleted)
{
    HashTable *ht;
    eas_u32vec uids;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(ht)
    ZEND_PARSE_PARAMETERS_END();

    eas_u32vec_init(&uids, &eas_php_allocator);
    if (uids_from(ht, &uids) == 0 && eas_imap_set_soft_deleted(THIS_STATE(), uids.v, uids.len) != 0) {
        nomem();
    }
    eas_u32vec_free(&uids);
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, update)
{
    bool condstore;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_BOOL(condstore)
    ZEND_PARSE_PARAMETERS_END();
    if (eas_imap_update(THIS_STATE(), condstore) != 0) {
        nomem();
    }
}

/* A UID argument given as int or string; 0 with an exception. */
static uint32_t uid_arg(zend_string *s, zend_long l)
{
    zval tmp;
    uint32_t uid;

    if (s) {
        ZVAL_STR(&tmp, s);
    } else {
        ZVAL_LONG(&tmp, l);
    }
    if ((uid = uid_of(&tmp)) == 0) {
        bad_uid(&tmp);
    }
    return uid;
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, acknowledge)
{
    zend_string *s;
    zend_long l;
    uint32_t uid;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR_OR_LONG(s, l)
    ZEND_PARSE_PARAMETERS_END();
    if ((uid = uid_arg(s, l)) != 0 && eas_imap_acknowledge(THIS_STATE(), uid) != 0) {
        nomem();
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, contains)
{
    zend_string *s;
    zend_long l;
    zval tmp;
    uint32_t uid;
    const eas_imap_state *st = THIS_STATE();

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR_OR_LONG(s, l)
    ZEND_PARSE_PARAMETERS_END();
    if (s) {
        ZVAL_STR(&tmp, s);
    } else {
        ZVAL_LONG(&tmp, l);
    }
    uid = uid_of(&tmp);
    RETURN_BOOL(uid && eas_uidset_contains(st->known.uids.v, st->known.uids.len, uid));
}

#define RETURN_VEC(field) do { \
        const eas_imap_state *st_ = THIS_STATE(); \
        ZEND_PARSE_PARAMETERS_NONE(); \
        return_uids(return_value, st_->field.v, st_->field.len); \
    } while (0)

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, added)
{
    RETURN_VEC(added);
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, changed)
{
    RETURN_VEC(changed);
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, removed)
{
    RETURN_VEC(removed);
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, softDeleted)
{
    RETURN_VEC(soft);
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, messages)
{
    RETURN_VEC(known.uids);
}

static void add_flag(HashTable *ht, zend_string *name, unsigned value)
{
    zval v;

    if (value != EAS_FLAG_UNSET) {
        ZVAL_LONG(&v, value == EAS_FLAG_ON);
        zend_hash_add_new(ht, name, &v);
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, messageMap)
{
    const eas_imap_state *st = THIS_STATE();
    size_t i;

    ZEND_PARSE_PARAMETERS_NONE();
    array_init_size(return_value, (uint32_t)st->known.uids.len);
    for (i = 0; i < st->known.uids.len; i++) {
        uint8_t bits = st->known.bits[i];
        zval entry;
        if (bits & EAS_FLAGS_EMPTY) {
            array_init(&entry);
        } else if (bits == 0) {
            ZVAL_LONG(&entry, 1);
        } else {
            array_init_size(&entry, 3);
            add_flag(Z_ARRVAL(entry), key_read, EAS_FLAG_GET(bits, EAS_FLAG_READ_SHIFT));
            add_flag(Z_ARRVAL(entry), key_flagged, EAS_FLAG_GET(bits, EAS_FLAG_FLAGGED_SHIFT));
            add_flag(Z_ARRVAL(entry), key_draft, EAS_FLAG_GET(bits, EAS_FLAG_DRAFT_SHIFT));
        }
        zend_hash_index_add_new(Z_ARRVAL_P(return_value), (zend_ulong)st->known.uids.v[i], &entry);
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, sequence)
{
    const eas_imap_state *st = THIS_STATE();
    eas_buf b;

    ZEND_PARSE_PARAMETERS_NONE();
    eas_buf_init(&b, &eas_php_allocator);
    if (eas_uidset_format(&b, st->known.uids.v, st->known.uids.len) != 0) {
        nomem();
    }
    RETVAL_STRINGL((const char *)b.data, b.len);
    eas_buf_free(&b);
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, count)
{
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_LONG((zend_long)THIS_STATE()->known.uids.len);
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, minUid)
{
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_LONG((zend_long)eas_imap_min_uid(THIS_STATE()));
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, isPrimed)
{
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_BOOL(THIS_STATE()->primed);
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, hasPending)
{
    const eas_imap_state *st = THIS_STATE();

    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_BOOL(st->added.len || st->changed.len || st->removed.len || st->soft.len || st->reported.uids.len ||
                st->primed);
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, encode)
{
    eas_buf b;

    ZEND_PARSE_PARAMETERS_NONE();
    eas_buf_init(&b, &eas_php_allocator);
    if (eas_imap_encode_known(THIS_STATE(), &b) != 0) {
        nomem();
    }
    RETVAL_STRINGL((const char *)b.data, b.len);
    eas_buf_free(&b);
}

static size_t max_arg(zend_long max)
{
    return max < 0 ? 0 : (size_t)max;
}

/* Replaces the known set (flags cleared) with a normalized UID set. */
static void set_known(eas_imap_state *st, eas_u32vec *uids)
{
    eas_flagset_clear(&st->known);
    if (eas_uidset_normalize(uids) != 0) {
        nomem();
    }
    for (size_t i = 0; i < uids->len; i++) {
        if (eas_flagset_push(&st->known, uids->v[i], 0) != 0) {
            nomem();
        }
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, decode)
{
    zend_string *data;
    zend_long max = 10000000;
    eas_error err = { 0 };
    eas_imap_state *st = THIS_STATE(), tmp;

    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_STR(data)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG(max)
    ZEND_PARSE_PARAMETERS_END();
    /* into a scratch state first: a damaged list leaves the old one alone */
    eas_imap_state_init(&tmp, &eas_php_allocator);
    if (eas_imap_decode_known(&tmp, (const unsigned char *)ZSTR_VAL(data), ZSTR_LEN(data), max_arg(max), &err) != 0) {
        eas_php_throw("Corrupt message list: %s (at byte %llu)", err.message, (unsigned long long)err.offset);
    } else {
        eas_flagset swap = st->known;
        st->known = tmp.known;
        tmp.known = swap;
    }
    eas_imap_state_free(&tmp);
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, loadSequence)
{
    zend_string *text;
    zend_long max = 10000000;
    eas_error err = { 0 };
    eas_u32vec uids;

    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_STR(text)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG(max)
    ZEND_PARSE_PARAMETERS_END();
    eas_u32vec_init(&uids, &eas_php_allocator);
    if (eas_uidset_parse(&uids, ZSTR_VAL(text), ZSTR_LEN(text), max_arg(max), &err) != 0) {
        eas_php_throw("Corrupt message list: %s (at byte %llu)", err.message, (unsigned long long)err.offset);
    } else {
        set_known(THIS_STATE(), &uids);
    }
    eas_u32vec_free(&uids);
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, loadList)
{
    HashTable *ht;
    eas_u32vec uids;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(ht)
    ZEND_PARSE_PARAMETERS_END();
    eas_u32vec_init(&uids, &eas_php_allocator);
    if (uids_from(ht, &uids) == 0) {
        set_known(THIS_STATE(), &uids);
    }
    eas_u32vec_free(&uids);
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, loadMap)
{
    HashTable *ht;
    eas_flagset map;
    eas_imap_state *st = THIS_STATE();

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(ht)
    ZEND_PARSE_PARAMETERS_END();
    eas_flagset_init(&map, &eas_php_allocator);
    if (flags_from(ht, &map) == 0) {
        eas_flagset_free(&st->known);
        st->known = map;
        return;
    }
    eas_flagset_free(&map);
}

/* A STATUS value: a non-negative int or numeric string, else 0. */
static uint64_t status_value(HashTable *ht, const char *name, int *present)
{
    zval *v = zend_hash_str_find(ht, name, strlen(name));
    zend_long l = 0;
    double d;

    if (present) {
        *present = v != NULL && zend_is_true(v);
    }
    if (!v) {
        return 0;
    }
    ZVAL_DEREF(v);
    if (Z_TYPE_P(v) == IS_LONG) {
        l = Z_LVAL_P(v);
    } else if (Z_TYPE_P(v) == IS_STRING) {
        zend_uchar t = is_numeric_string(Z_STRVAL_P(v), Z_STRLEN_P(v), &l, &d, 0);
        if (t == IS_DOUBLE) {
            l = d >= 0 && d < 9.2e18 ? (zend_long)d : 0;
        } else if (t != IS_LONG) {
            l = 0;
        }
    } else if (Z_TYPE_P(v) == IS_DOUBLE) {
        l = Z_DVAL_P(v) >= 0 && Z_DVAL_P(v) < 9.2e18 ? (zend_long)Z_DVAL_P(v) : 0;
    }
    return l < 0 ? 0 : (uint64_t)l;
}

static eas_imap_status status_of(HashTable *ht, int *has_uidvalidity)
{
    eas_imap_status s;

    s.uidvalidity = status_value(ht, "uidvalidity", has_uidvalidity);
    s.uidnext = status_value(ht, "uidnext", NULL);
    s.highestmodseq = status_value(ht, "highestmodseq", NULL);
    s.messages = status_value(ht, "messages", NULL);
    return s;
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, plan)
{
    HashTable *saved_ht, *current_ht;
    bool softdelete = 0, refresh = 0;
    eas_imap_status saved, current;
    eas_imap_plan plan;
    int has_validity;

    ZEND_PARSE_PARAMETERS_START(2, 4)
        Z_PARAM_ARRAY_HT(saved_ht)
        Z_PARAM_ARRAY_HT(current_ht)
        Z_PARAM_OPTIONAL
        Z_PARAM_BOOL(softdelete)
        Z_PARAM_BOOL(refresh)
    ZEND_PARSE_PARAMETERS_END();
    saved = status_of(saved_ht, &has_validity);
    current = status_of(current_ht, NULL);
    plan = eas_imap_plan_sync(&saved, has_validity, &current, softdelete, refresh);
    array_init_size(return_value, 2);
    add_assoc_long(return_value, "plan", (zend_long)plan.kind);
    add_assoc_bool(return_value, "modseqValid", plan.modseq_valid);
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, pingChanged)
{
    HashTable *wm_ht, *current_ht;
    eas_imap_status wm, current;

    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_ARRAY_HT(wm_ht)
        Z_PARAM_ARRAY_HT(current_ht)
    ZEND_PARSE_PARAMETERS_END();
    wm = status_of(wm_ht, NULL);
    current = status_of(current_ht, NULL);
    RETURN_BOOL(eas_imap_ping_changed(&wm, &current));
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, toSequence)
{
    HashTable *ht;
    eas_u32vec uids;
    eas_buf b;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(ht)
    ZEND_PARSE_PARAMETERS_END();
    eas_u32vec_init(&uids, &eas_php_allocator);
    eas_buf_init(&b, &eas_php_allocator);
    if (uids_from(ht, &uids) == 0) {
        if (eas_uidset_normalize(&uids) != 0 || eas_uidset_format(&b, uids.v, uids.len) != 0) {
            nomem();
        }
        RETVAL_STRINGL(b.len ? (const char *)b.data : "", b.len);
    }
    eas_buf_free(&b);
    eas_u32vec_free(&uids);
}

ZEND_METHOD(Horde_ActiveSync_Native_ImapFolderState, fromSequence)
{
    zend_string *text;
    zend_long max = 10000000;
    eas_error err = { 0 };
    eas_u32vec uids;

    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_STR(text)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG(max)
    ZEND_PARSE_PARAMETERS_END();
    eas_u32vec_init(&uids, &eas_php_allocator);
    if (eas_uidset_parse(&uids, ZSTR_VAL(text), ZSTR_LEN(text), max_arg(max), &err) != 0) {
        eas_php_throw("Invalid UID set: %s (at byte %llu)", err.message, (unsigned long long)err.offset);
    } else {
        return_uids(return_value, uids.v, uids.len);
    }
    eas_u32vec_free(&uids);
}

/* --- ChangeSet ----------------------------------------------------------------- */

/* Strings the lists hold for the C side; converted scalars are kept here. */
typedef struct {
    zend_string **owned;
    size_t count;
    size_t cap;
} string_pool;

static void pool_free(string_pool *p)
{
    for (size_t i = 0; i < p->count; i++) {
        zend_string_release(p->owned[i]);
    }
    if (p->owned) {
        efree(p->owned);
    }
}

/* A field as text: strings as they are, other scalars converted; absent
 * for a missing key, null, arrays and objects. */
static eas_strref field_of(HashTable *ht, const char *name, string_pool *pool)
{
    eas_strref r = { NULL, 0 };
    zval *v = zend_hash_str_find(ht, name, strlen(name));
    zend_string *s;

    if (!v) {
        return r;
    }
    ZVAL_DEREF(v);
    switch (Z_TYPE_P(v)) {
    case IS_STRING:
        r.s = Z_STRVAL_P(v);
        r.len = Z_STRLEN_P(v);
        return r;
    case IS_LONG:
    case IS_DOUBLE:
    case IS_TRUE:
    case IS_FALSE:
        s = zval_get_string(v);
        if (pool->count == pool->cap) {
            pool->cap = pool->cap ? pool->cap * 2 : 16;
            pool->owned = erealloc(pool->owned, pool->cap * sizeof(zend_string *));
        }
        pool->owned[pool->count++] = s;
        r.s = ZSTR_VAL(s);
        r.len = ZSTR_LEN(s);
        return r;
    default:
        return r;
    }
}

static int stats_from(HashTable *ht, eas_folder_stat **out, size_t *n, string_pool *pool, uint32_t arg)
{
    zval *item;
    size_t i = 0;

    *n = zend_hash_num_elements(ht);
    *out = safe_emalloc(*n ? *n : 1, sizeof(eas_folder_stat), 0);
    ZEND_HASH_FOREACH_VAL(ht, item) {
        ZVAL_DEREF(item);
        if (Z_TYPE_P(item) != IS_ARRAY) {
            zend_argument_type_error(arg, "must hold folder stat arrays, %s found", zend_zval_type_name(item));
            return -1;
        }
        (*out)[i].id = field_of(Z_ARRVAL_P(item), "id", pool);
        (*out)[i].parent = field_of(Z_ARRVAL_P(item), "parent", pool);
        (*out)[i].name = field_of(Z_ARRVAL_P(item), "mod", pool);
        (*out)[i].serverid = field_of(Z_ARRVAL_P(item), "serverid", pool);
        (*out)[i].type = field_of(Z_ARRVAL_P(item), "type", pool);
        i++;
    } ZEND_HASH_FOREACH_END();
    return 0;
}

ZEND_METHOD(Horde_ActiveSync_Native_ChangeSet, hierarchy)
{
    HashTable *saved_ht, *current_ht;
    eas_folder_stat *saved = NULL, *current = NULL;
    size_t nsaved, ncurrent, count, i;
    eas_hier_change *changes;
    string_pool pool = { NULL, 0, 0 };

    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_ARRAY_HT(saved_ht)
        Z_PARAM_ARRAY_HT(current_ht)
    ZEND_PARSE_PARAMETERS_END();
    if (stats_from(saved_ht, &saved, &nsaved, &pool, 1) == 0 &&
        stats_from(current_ht, &current, &ncurrent, &pool, 2) == 0) {
        if (eas_hierarchy_diff(saved, nsaved, current, ncurrent, &eas_php_allocator, &changes, &count) != 0) {
            nomem();
        }
        array_init_size(return_value, (uint32_t)count);
        for (i = 0; i < count; i++) {
            zval entry;
            const char *kind = changes[i].kind == EAS_CHANGE_DELETE ? "delete"
                             : changes[i].kind == EAS_CHANGE_ADD ? "add" : "change";
            array_init_size(&entry, 3);
            add_next_index_string(&entry, kind);
            add_next_index_long(&entry, (zend_long)changes[i].index);
            add_next_index_long(&entry, (zend_long)changes[i].what);
            add_next_index_zval(return_value, &entry);
        }
        efree(changes);
    }
    if (saved) {
        efree(saved);
    }
    if (current) {
        efree(current);
    }
    pool_free(&pool);
}

static eas_change_kind pim_kind(zval *change)
{
    zval *type, *flags;

    ZVAL_DEREF(change);
    if (Z_TYPE_P(change) != IS_ARRAY || !(type = zend_hash_str_find(Z_ARRVAL_P(change), "type", 4))) {
        return EAS_CHANGE_OTHER;
    }
    ZVAL_DEREF(type);
    if (Z_TYPE_P(type) != IS_STRING) {
        return EAS_CHANGE_OTHER;
    }
    if (zend_string_equals_literal(Z_STR_P(type), "change")) {
        flags = zend_hash_str_find(Z_ARRVAL_P(change), "flags", 5);
        if (flags) {
            ZVAL_DEREF(flags);
        }
        return flags && Z_TYPE_P(flags) == IS_STRING && zend_string_equals_literal(Z_STR_P(flags), "NewMessage")
                   ? EAS_CHANGE_ADD : EAS_CHANGE_MODIFY;
    }
    if (zend_string_equals_literal(Z_STR_P(type), "delete")) {
        return EAS_CHANGE_DELETE;
    }
    if (zend_string_equals_literal(Z_STR_P(type), "softdelete")) {
        return EAS_CHANGE_SOFTDELETE;
    }
    return EAS_CHANGE_OTHER;
}

ZEND_METHOD(Horde_ActiveSync_Native_ChangeSet, normalizePim)
{
    HashTable *ht;
    eas_pim_change *in;
    zval *item, *keys;
    zend_string *key;
    zend_ulong index;
    size_t n, i = 0, count, *keep;
    string_pool pool = { NULL, 0, 0 };

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(ht)
    ZEND_PARSE_PARAMETERS_END();
    n = zend_hash_num_elements(ht);
    in = safe_emalloc(n ? n : 1, sizeof(eas_pim_change), 0);
    keys = safe_emalloc(n ? n : 1, sizeof(zval), 0);
    ZEND_HASH_FOREACH_KEY_VAL(ht, index, key, item) {
        zval *deref = item;
        ZVAL_DEREF(deref);
        in[i].kind = pim_kind(deref);
        in[i].id.s = NULL;
        in[i].id.len = 0;
        if (in[i].kind != EAS_CHANGE_OTHER) {
            in[i].id = field_of(Z_ARRVAL_P(deref), "id", &pool);
            if (!in[i].id.s) {
                in[i].kind = EAS_CHANGE_OTHER; /* no id: nothing to collapse it with */
            }
        }
        if (key) {
            ZVAL_STR(&keys[i], key);
        } else {
            ZVAL_LONG(&keys[i], (zend_long)index);
        }
        i++;
    } ZEND_HASH_FOREACH_END();
    if (eas_pim_normalize(in, n, &eas_php_allocator, &keep, &count) != 0) {
        nomem();
    }
    array_init_size(return_value, (uint32_t)count);
    for (i = 0; i < count; i++) {
        Z_TRY_ADDREF(keys[keep[i]]);
        add_next_index_zval(return_value, &keys[keep[i]]);
    }
    efree(keep);
    efree(in);
    efree(keys);
    pool_free(&pool);
}

/* --- RangeSet ------------------------------------------------------------------ */

static void range_check(int rc)
{
    if (rc != 0) {
        nomem();
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, addRange)
{
    zend_long start, end;

    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_LONG(start)
        Z_PARAM_LONG(end)
    ZEND_PARSE_PARAMETERS_END();
    range_check(eas_rangeset_add(THIS_RANGES(), (int64_t)start, (int64_t)end));
}

ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, removeRange)
{
    zend_long start, end;

    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_LONG(start)
        Z_PARAM_LONG(end)
    ZEND_PARSE_PARAMETERS_END();
    range_check(eas_rangeset_remove(THIS_RANGES(), (int64_t)start, (int64_t)end));
}

ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, contains)
{
    zend_long n;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_LONG(n)
    ZEND_PARSE_PARAMETERS_END();
    RETURN_BOOL(eas_rangeset_contains(THIS_RANGES(), (int64_t)n));
}

ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, count)
{
    uint64_t n;

    ZEND_PARSE_PARAMETERS_NONE();
    n = eas_rangeset_count(THIS_RANGES());
    RETURN_LONG(n > (uint64_t)ZEND_LONG_MAX ? ZEND_LONG_MAX : (zend_long)n);
}

#define RANGE_OP(name, fn) \
    ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, name) \
    { \
        zval *other; \
        eas_rangeset *set = THIS_RANGES(); \
        ZEND_PARSE_PARAMETERS_START(1, 1) \
            Z_PARAM_OBJECT_OF_CLASS(other, range_ce) \
        ZEND_PARSE_PARAMETERS_END(); \
        range_check(fn(set, set, &range_from(Z_OBJ_P(other))->set)); \
    }

RANGE_OP(union, eas_rangeset_union)
RANGE_OP(subtract, eas_rangeset_subtract)
RANGE_OP(intersect, eas_rangeset_intersect)

ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, diff)
{
    zval *a, *b, parts[3];
    int i;

    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_OBJECT_OF_CLASS(a, range_ce)
        Z_PARAM_OBJECT_OF_CLASS(b, range_ce)
    ZEND_PARSE_PARAMETERS_END();
    for (i = 0; i < 3; i++) {
        object_init_ex(&parts[i], range_ce);
    }
    range_check(eas_rangeset_diff(&range_from(Z_OBJ_P(a))->set, &range_from(Z_OBJ_P(b))->set,
                                  &range_from(Z_OBJ(parts[0]))->set, &range_from(Z_OBJ(parts[1]))->set,
                                  &range_from(Z_OBJ(parts[2]))->set));
    array_init_size(return_value, 3);
    for (i = 0; i < 3; i++) {
        add_next_index_zval(return_value, &parts[i]);
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, ranges)
{
    const eas_rangeset *set = THIS_RANGES();
    size_t i;

    ZEND_PARSE_PARAMETERS_NONE();
    array_init_size(return_value, (uint32_t)set->n);
    for (i = 0; i < set->n; i++) {
        zval pair;
        array_init_size(&pair, 2);
        add_next_index_long(&pair, (zend_long)set->v[2 * i]);
        add_next_index_long(&pair, (zend_long)set->v[2 * i + 1]);
        add_next_index_zval(return_value, &pair);
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, __toString)
{
    eas_buf b;

    ZEND_PARSE_PARAMETERS_NONE();
    eas_buf_init(&b, &eas_php_allocator);
    range_check(eas_rangeset_format(THIS_RANGES(), &b));
    RETVAL_STRINGL(b.len ? (const char *)b.data : "", b.len);
    eas_buf_free(&b);
}

ZEND_METHOD(Horde_ActiveSync_Native_RangeSet, fromString)
{
    zend_string *text;
    eas_error err = { 0 };

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(text)
    ZEND_PARSE_PARAMETERS_END();
    object_init_ex(return_value, range_ce);
    if (eas_rangeset_parse(&range_from(Z_OBJ_P(return_value))->set, ZSTR_VAL(text), ZSTR_LEN(text), &err) != 0) {
        zval_ptr_dtor(return_value);
        ZVAL_NULL(return_value);
        zend_throw_exception_ex(spl_ce_InvalidArgumentException, 0, "Invalid range set: %s (at byte %llu)",
                                err.message, (unsigned long long)err.offset);
    }
}
