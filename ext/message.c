/*
 * Horde\ActiveSync\Native\MessageCodec: the encodeStream()/decodeStream()
 * walk of Horde_ActiveSync_Message_Base, done over the message object's own
 * $_mapping and $_properties without a PHP call per property.
 *
 * Each class's mapping is compiled once per request and protocol version
 * into a profile: per mapping entry its tag, the property it reads or
 * writes, how the value is typed and whether the negotiated version has the
 * tag. A profile is reused for every object whose $_mapping still has the
 * same entries (checked cheaply on each use), so objects that edit their
 * mapping get a profile of their own.
 *
 * The behaviour Horde's message classes layer on top of the base walk
 * (_checkSendEmpty(), _checkEncoding(), _formatDate(), ... overrides) is
 * known here for this package's classes and replayed natively; any other
 * override, in a class this file does not know, is called in PHP.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "eas_php.h"
#include "php_horde_activesync.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "ext/date/php_date.h"
#include "ext/standard/base64.h"
#include "ext/spl/spl_exceptions.h"

#include "../src/message/eas_msgdate.h"
#include "../src/message/eas_msgtext.h"
#include "../src/message/eas_tzblob.h"
#include "message_arginfo.h"

/* Horde_ActiveSync_Message_Base's mapping keys and types. */
#define KEY_ATTRIBUTE         1
#define KEY_VALUES            2
#define KEY_TYPE              3
#define KEY_PROPERTY          4
#define TYPE_DATE             1
#define TYPE_HEX              2
#define TYPE_DATE_DASHES      3
#define TYPE_MAPI_STREAM      4
#define TYPE_DATE_LOCAL       6
#define PROPERTY_NO_CONTAINER 7

/* Element arrays of Horde_ActiveSync_Wbxml. */
#define EN_TYPE          1
#define EN_FLAGS         4
#define EN_TYPE_STARTTAG 1
#define EN_TYPE_ENDTAG   2
#define EN_TYPE_CONTENT  3
#define EN_FLAGS_CONTENT 1

/* Nesting of message objects: a cycle in an object graph stops here. */
#define MAX_OBJECT_DEPTH 64

/* How a mapping entry types its value (KEY_TYPE). */
typedef enum {
    KIND_SCALAR,        /* no KEY_TYPE */
    KIND_DATE,          /* TYPE_DATE: 20260302T093000Z, UTC */
    KIND_DATE_DASHES,   /* TYPE_DATE_DASHES: 2026-03-02T09:30:00.000Z, UTC */
    KIND_DATE_LOCAL,    /* TYPE_DATE_LOCAL: the dashed form, wall-clock */
    KIND_HEX,           /* TYPE_HEX */
    KIND_MAPI_STREAM,   /* TYPE_MAPI_STREAM: content as it is */
    KIND_OPAQUE,        /* 'opaque': written as OPAQUE */
    KIND_CLASS,         /* a class name: a message object */
    KIND_OTHER          /* any other KEY_TYPE: content through _checkEncoding() */
} value_kind;

/* When an empty value is still written, as an empty element
 * (_checkSendEmpty()). */
typedef enum {
    SEND_EMPTY_NEVER,
    SEND_EMPTY_ALWAYS,
    SEND_EMPTY_IF_BODYSIZE,     /* Contact, Task: BodyTruncated when bodysize > 0 */
    SEND_EMPTY_CLEAR_PROPOSAL,  /* Attendee: proposed times when clearing them (16.1) */
    SEND_EMPTY_PHP              /* ask the object */
} send_empty_rule;

/* Behaviours of the methods the walk consults, by the class declaring the
 * method the object has. */
typedef enum {
    HOOK_BASE = 0,   /* Horde_ActiveSync_Message_Base's own */
    HOOK_PHP,        /* an override this file does not know: call it */
    /* _checkSendEmpty() */
    HOOK_SEND_EMPTY_BODYSIZE,
    HOOK_SEND_EMPTY_MAIL,
    HOOK_SEND_EMPTY_ALWAYS,
    HOOK_SEND_EMPTY_SENDMAIL,
    HOOK_SEND_EMPTY_ATTENDEE,
    /* _checkEncoding() */
    HOOK_ENCODING_BASE64_DATA,
    /* _formatDate(), _parseDate() */
    HOOK_DATES_CONTACT,
    /* __get() */
    HOOK_GET_SENDMAIL,
    /* _validateDecodedValues(), _preEncodeValidation() */
    HOOK_CHECK_WEEKLY_DAYS,     /* a weekly recurrence names its days */
    HOOK_CHECK_ATTENDEE,        /* no status from an EAS 16.0 client */
    HOOK_CHECK_APPOINTMENT,     /* version and all-day rules, in PHP when they apply */
    HOOK_CHECK_EXCEPTION        /* all-day rules, in PHP when they apply */
} hook_kind;

typedef struct {
    const char *class_lc;
    const char *method_lc;
    hook_kind kind;
} known_hook;

/* The overrides of this package's message classes that are replayed here.
 * Each must do what the PHP method of that class does. */
static const known_hook known_hooks[] = {
    { "horde_activesync_message_contact", "_checksendempty", HOOK_SEND_EMPTY_BODYSIZE },
    { "horde_activesync_message_contact", "_formatdate", HOOK_DATES_CONTACT },
    { "horde_activesync_message_contact", "_parsedate", HOOK_DATES_CONTACT },
    { "horde_activesync_message_task", "_checksendempty", HOOK_SEND_EMPTY_BODYSIZE },
    { "horde_activesync_message_mail", "_checksendempty", HOOK_SEND_EMPTY_MAIL },
    { "horde_activesync_message_oofmessage", "_checksendempty", HOOK_SEND_EMPTY_ALWAYS },
    { "horde_activesync_message_sendmail", "_checksendempty", HOOK_SEND_EMPTY_SENDMAIL },
    { "horde_activesync_message_sendmail", "__get", HOOK_GET_SENDMAIL },
    { "horde_activesync_message_attendee", "_checksendempty", HOOK_SEND_EMPTY_ATTENDEE },
    { "horde_activesync_message_airsyncbasefileattachment", "_checkencoding", HOOK_ENCODING_BASE64_DATA },
    { "horde_activesync_message_airsyncbaselocation", "_checkencoding", HOOK_ENCODING_BASE64_DATA },
    { "horde_activesync_message_recurrence", "_validatedecodedvalues", HOOK_CHECK_WEEKLY_DAYS },
    { "horde_activesync_message_recurrence", "_preencodevalidation", HOOK_CHECK_WEEKLY_DAYS },
    { "horde_activesync_message_meetingrequestrecurrence", "_validatedecodedvalues", HOOK_CHECK_WEEKLY_DAYS },
    { "horde_activesync_message_meetingrequestrecurrence", "_preencodevalidation", HOOK_CHECK_WEEKLY_DAYS },
    { "horde_activesync_message_attendee", "_validatedecodedvalues", HOOK_CHECK_ATTENDEE },
    { "horde_activesync_message_appointment", "_validatedecodedvalues", HOOK_CHECK_APPOINTMENT },
    { "horde_activesync_message_appointment", "_preencodevalidation", HOOK_CHECK_APPOINTMENT },
    { "horde_activesync_message_exception", "_preencodevalidation", HOOK_CHECK_EXCEPTION },
};

typedef struct {
    zend_string *key;           /* mapping key: the tag name */
    zend_array *map;            /* the mapping value, for the reuse check */
    const eas_tag *tag;         /* NULL: a name the code pages do not have */
    zend_string *attr;          /* KEY_ATTRIBUTE */
    zend_property_info *decl;   /* a declared property of that name, or NULL */
    value_kind kind;
    zend_string *class_name;    /* KIND_CLASS */
    zend_class_entry *class_ce; /* resolved on first use; NULL before */
    int class_missing;          /* the class could not be loaded */
    int has_values;             /* KEY_VALUES: an array of values */
    int no_container;           /* PROPERTY_NO_CONTAINER */
    const eas_tag *value_tag;   /* KEY_VALUES as one tag */
    uint32_t multi_count;       /* KEY_VALUES as a list of tags ... */
    const eas_tag **multi_tags;
    zend_string **multi_classes; /* ... with the classes in KEY_TYPE */
    zend_class_entry **multi_ces;
    int in_version;             /* the negotiated version has the tag */
    send_empty_rule send_empty;
    int multipart_data;         /* a Data tag that becomes a part in multipart responses */
    int base64;                 /* _checkEncoding() base64-encodes it */
    uint32_t hint;              /* where attr was last found in a _properties array */
} map_entry;

typedef struct profile {
    zend_class_entry *ce;
    unsigned version;           /* 25, 120, 121, 140, 141, 160, 161 */
    uint32_t count;
    map_entry *entries;
    uint16_t *by_tag;           /* tag id -> entry index + 1 */
    hook_kind encode_stream, decode_stream, pre_encode, validate;
    hook_kind send_empty, check_encoding, dates, get, isset_, set;
    /* The class and its ancestors are this package's (declared next to
     * the base class): their mappings depend on the version alone, so
     * the same tags in the same order are the same mapping. */
    int sealed;
    /* The last mapping array found to match (held): messages built from
     * the same shape share it, and a pointer comparison settles them. */
    zend_array *matched;
    struct profile *next;
} profile;

/* A zone PHP knows, with its offsets from 1970 to 2100 for the quick
 * wall-clock conversion (none for zones without transition data). */
typedef struct {
    zval object;                /* the DateTimeZone */
    int64_t *at;                /* transition instants, ascending ... */
    int32_t *offset;            /* ... and the UTC offset from each on */
    uint32_t count;
} zone_info;

/* What lives for one request. */
typedef struct eas_message_state {
    HashTable profiles;         /* class entry pointer -> profile list */
    HashTable timezones;        /* zone name -> zone_info, or NULL when unknown */
    zend_class_entry *base_ce;
    zend_class_entry *date_ce;
    /* Classes declared when Horde_Date was last looked for in vain, plus
     * one (0: not looked for): classes are only ever added during a
     * request, so the same count means it is still not there. */
    uint32_t date_missing_at;
    uint32_t off_mapping, off_properties, off_exists, off_version, off_logger, off_device, off_command;
    uint32_t off_date[7];       /* Horde_Date: _year .. _sec, _timezone */
    uint32_t off_date_cache;
    int date_statics_ready;     /* a Horde_Date was built the PHP way */
    zend_string *utc;
    zend_string *date_field_names[7];
    zend_string *last_version;  /* the last $_version string seen ... */
    unsigned last_version_code; /* ... and its code */
    HashTable sealed;           /* class entry pointer -> sealed_class() */
    zend_string *shapes_name;   /* "_shapes" */
} request_state;

static zend_class_entry *codec_ce;

/* --- request state -------------------------------------------------------- */

static void profile_free(profile *p)
{
    while (p) {
        profile *next = p->next;
        for (uint32_t i = 0; i < p->count; i++) {
            map_entry *e = &p->entries[i];
            zend_string_release(e->key);
            zend_array_release(e->map);
            if (e->attr) {
                zend_string_release(e->attr);
            }
            if (e->class_name) {
                zend_string_release(e->class_name);
            }
            for (uint32_t k = 0; k < e->multi_count; k++) {
                if (e->multi_classes[k]) {
                    zend_string_release(e->multi_classes[k]);
                }
            }
            if (e->multi_count) {
                efree(e->multi_tags);
                efree(e->multi_classes);
                efree(e->multi_ces);
            }
        }
        if (p->entries) {
            efree(p->entries);
        }
        if (p->by_tag) {
            efree(p->by_tag);
        }
        if (p->matched) {
            zend_array_release(p->matched);
        }
        efree(p);
        p = next;
    }
}

static void profile_list_dtor(zval *zv)
{
    profile_free(Z_PTR_P(zv));
}

static void zone_info_dtor(zval *zv)
{
    zone_info *z = Z_PTR_P(zv);

    if (z) {
        zval_ptr_dtor(&z->object);
        if (z->at) {
            efree(z->at);
            efree(z->offset);
        }
        efree(z);
    }
}

static request_state *get_state(void)
{
    request_state *state = EAS_G(message_state);

    if (!state) {
        static const char *const fields[7] = { "_year", "_month", "_mday", "_hour", "_min", "_sec", "_timezone" };
        state = ecalloc(1, sizeof(*state));
        zend_hash_init(&state->profiles, 16, NULL, profile_list_dtor, 0);
        zend_hash_init(&state->timezones, 8, NULL, zone_info_dtor, 0);
        zend_hash_init(&state->sealed, 16, NULL, NULL, 0);
        state->shapes_name = zend_string_init("_shapes", sizeof("_shapes") - 1, 0);
        state->utc = zend_string_init("UTC", 3, 0);
        for (int i = 0; i < 7; i++) {
            state->date_field_names[i] = zend_string_init(fields[i], strlen(fields[i]), 0);
        }
        EAS_G(message_state) = state;
    }
    return state;
}

void eas_php_message_request_startup(void)
{
    EAS_G(message_state) = NULL;
}

void eas_php_message_request_shutdown(void)
{
    request_state *state = EAS_G(message_state);

    if (state) {
        zend_hash_destroy(&state->profiles);
        zend_hash_destroy(&state->timezones);
        zend_hash_destroy(&state->sealed);
        zend_string_release(state->shapes_name);
        zend_string_release(state->utc);
        if (state->last_version) {
            zend_string_release(state->last_version);
        }
        for (int i = 0; i < 7; i++) {
            zend_string_release(state->date_field_names[i]);
        }
        efree(state);
        EAS_G(message_state) = NULL;
    }
}

/* --- small helpers ------------------------------------------------------- */

static zend_property_info *find_property(zend_class_entry *ce, const char *name)
{
    zend_property_info *info = zend_hash_str_find_ptr(&ce->properties_info, name, strlen(name));
    return info && !(info->flags & ZEND_ACC_STATIC) ? info : NULL;
}

/* The property slot of a declared property, dereferenced. */
static inline zval *slot(zend_object *obj, uint32_t offset)
{
    zval *zv = OBJ_PROP(obj, offset);
    ZVAL_DEREF(zv);
    return zv;
}

/* Whether an object has dynamic properties besides its declared ones. */
static inline int has_dynamic_properties(zend_object *obj)
{
    return obj->properties && zend_hash_num_elements(obj->properties) > (uint32_t)obj->ce->default_properties_count;
}

/* Finds Horde_ActiveSync_Message_Base above a class and the offsets of its
 * properties. -1 (with an exception) when the class is not a message. */
static int resolve_base(zend_class_entry *ce)
{
    request_state *st = get_state();
    zend_class_entry *c = ce;
    struct { const char *name; uint32_t *off; } props[] = {
        { "_mapping", &st->off_mapping }, { "_properties", &st->off_properties },
        { "_exists", &st->off_exists }, { "_version", &st->off_version },
        { "_logger", &st->off_logger }, { "_device", &st->off_device },
        { "commandType", &st->off_command },
    };

    if (st->base_ce) {
        if (instanceof_function(ce, st->base_ce)) {
            return 0;
        }
        zend_throw_error(zend_ce_type_error, "%s is not a Horde_ActiveSync_Message_Base", ZSTR_VAL(ce->name));
        return -1;
    }
    while (c && !zend_string_equals_literal_ci(c->name, "Horde_ActiveSync_Message_Base")) {
        c = c->parent;
    }
    if (!c) {
        zend_throw_error(zend_ce_type_error, "%s is not a Horde_ActiveSync_Message_Base", ZSTR_VAL(ce->name));
        return -1;
    }
    for (size_t i = 0; i < sizeof(props) / sizeof(props[0]); i++) {
        zend_property_info *info = find_property(c, props[i].name);
        if (!info) {
            zend_throw_error(NULL, "Horde_ActiveSync_Message_Base lacks $%s", props[i].name);
            return -1;
        }
        *props[i].off = info->offset;
    }
    st->base_ce = c;
    return 0;
}

/* Horde_Date's class and property offsets, when the class is loaded. */
static zend_class_entry *date_class(void)
{
    request_state *st = get_state();
    static const char *const fields[7] = { "_year", "_month", "_mday", "_hour", "_min", "_sec", "_timezone" };
    zend_class_entry *ce;
    zend_string *name;

    if (st->date_ce) {
        return st->date_ce;
    }
    /* Messages without dates ask once per sub-message object. */
    if (st->date_missing_at == zend_hash_num_elements(EG(class_table)) + 1) {
        return NULL;
    }
    name = zend_string_init("Horde_Date", sizeof("Horde_Date") - 1, 0);
    ce = zend_lookup_class_ex(name, NULL, ZEND_FETCH_CLASS_NO_AUTOLOAD);
    zend_string_release(name);
    if (!ce) {
        st->date_missing_at = zend_hash_num_elements(EG(class_table)) + 1;
        return NULL;
    }
    for (int i = 0; i < 7; i++) {
        zend_property_info *info = find_property(ce, fields[i]);
        if (!info) {
            return NULL;
        }
        st->off_date[i] = info->offset;
    }
    {
        zend_property_info *info = find_property(ce, "_formatCache");
        if (!info) {
            return NULL;
        }
        st->off_date_cache = info->offset;
    }
    st->date_ce = ce;
    return ce;
}

/* Horde_Date, loading it if needed (decoding dates creates them). */
static zend_class_entry *date_class_load(void)
{
    zend_class_entry *ce = date_class();
    if (!ce && !EG(exception)) {
        zend_string *name = zend_string_init("Horde_Date", sizeof("Horde_Date") - 1, 0);
        zend_lookup_class(name);
        zend_string_release(name);
        ce = EG(exception) ? NULL : date_class();
    }
    return ce;
}

static int is_horde_date(zval *v)
{
    zend_class_entry *ce;
    return Z_TYPE_P(v) == IS_OBJECT && (ce = date_class()) != NULL && instanceof_function(Z_OBJCE_P(v), ce);
}

/* Calls a method by name on an object, whatever its visibility: the walk
 * runs on behalf of the object's own class (its protected hooks), or calls
 * public methods and __call() levels of loggers. */
static int call_method(zend_object *obj, const char *name, zval *retval, uint32_t argc, zval *argv)
{
    size_t len = strlen(name);
    zend_string *lc = zend_string_alloc(len, 0);
    zend_function *fn;

    zend_str_tolower_copy(ZSTR_VAL(lc), name, len);
    fn = zend_hash_find_ptr(&obj->ce->function_table, lc);
    if (!fn) {
        fn = obj->handlers->get_method(&obj, lc, NULL);
    }
    zend_string_release(lc);
    if (!fn) {
        if (!EG(exception)) {
            zend_throw_error(NULL, "Call to undefined method %s::%s()", ZSTR_VAL(obj->ce->name), name);
        }
        return -1;
    }
    ZVAL_UNDEF(retval);
    zend_call_known_instance_method(fn, obj, retval, argc, argv);
    if (EG(exception)) {
        zval_ptr_dtor(retval);
        ZVAL_UNDEF(retval);
        return -1;
    }
    if (Z_ISUNDEF_P(retval)) {
        ZVAL_NULL(retval);
    }
    return 0;
}

/* Sends one line to the message's logger (err, notice, meta, ...). */
static void message_log(zend_object *msg, const char *level, const char *fmt, ...)
{
    zval *logger = slot(msg, get_state()->off_logger);
    zval arg, rv;
    va_list ap;

    if (Z_TYPE_P(logger) != IS_OBJECT || EG(exception)) {
        return;
    }
    va_start(ap, fmt);
    ZVAL_STR(&arg, zend_vstrpprintf(0, fmt, ap));
    va_end(ap);
    if (call_method(Z_OBJ_P(logger), level, &rv, 1, &arg) == 0) {
        zval_ptr_dtor(&rv);
    } else if (EG(exception)) {
        /* a logger that fails must not turn a message into an error */
        zend_clear_exception();
    }
    zval_ptr_dtor(&arg);
}

static unsigned version_code(zval *v)
{
    request_state *st = get_state();
    unsigned code;
    double d;

    if (Z_TYPE_P(v) == IS_STRING && Z_STR_P(v) == st->last_version) {
        return st->last_version_code;
    }
    d = zval_get_double(v);
    code = d >= 2.5 ? (d > 1000 ? 10000 : (unsigned)(d * 10 + 0.5)) : 25;
    if (Z_TYPE_P(v) == IS_STRING) {
        if (st->last_version) {
            zend_string_release(st->last_version);
        }
        st->last_version = zend_string_copy(Z_STR_P(v));
        st->last_version_code = code;
    }
    return code;
}

/* --- profiles ------------------------------------------------------------- */

static hook_kind hook_of(zend_class_entry *ce, const char *method_lc)
{
    zend_function *fn = zend_hash_str_find_ptr(&ce->function_table, method_lc, strlen(method_lc));
    zend_class_entry *scope;

    if (!fn) {
        return HOOK_BASE;
    }
    scope = fn->common.scope;
    if (scope == get_state()->base_ce) {
        return HOOK_BASE;
    }
    for (size_t i = 0; i < sizeof(known_hooks) / sizeof(known_hooks[0]); i++) {
        size_t len = strlen(known_hooks[i].class_lc);
        if (strcmp(known_hooks[i].method_lc, method_lc) == 0 && ZSTR_LEN(scope->name) == len &&
            zend_binary_strcasecmp(ZSTR_VAL(scope->name), len, known_hooks[i].class_lc, len) == 0) {
            return known_hooks[i].kind;
        }
    }
    return HOOK_PHP;
}

static const eas_tag *tag_of(zval *name)
{
    if (Z_TYPE_P(name) != IS_STRING) {
        return NULL;
    }
    return eas_tag_by_name(Z_STRVAL_P(name), Z_STRLEN_P(name));
}

static send_empty_rule send_empty_for(hook_kind hook, const eas_tag *tag)
{
    switch (hook) {
    case HOOK_BASE:
        return SEND_EMPTY_NEVER;
    case HOOK_SEND_EMPTY_ALWAYS:
        return SEND_EMPTY_ALWAYS;
    case HOOK_SEND_EMPTY_BODYSIZE:
        return tag && (tag->id == EAS_TAG_CONTACTS_BodyTruncated || tag->id == EAS_TAG_TASKS_BodyTruncated)
            ? SEND_EMPTY_IF_BODYSIZE : SEND_EMPTY_NEVER;
    case HOOK_SEND_EMPTY_MAIL:
        return tag && (tag->id == EAS_TAG_EMAIL_Flag || tag->id == EAS_TAG_EMAIL_Categories)
            ? SEND_EMPTY_ALWAYS : SEND_EMPTY_NEVER;
    case HOOK_SEND_EMPTY_SENDMAIL:
        return tag && (tag->id == EAS_TAG_COMPOSEMAIL_SaveInSentItems || tag->id == EAS_TAG_COMPOSEMAIL_ReplaceMime)
            ? SEND_EMPTY_ALWAYS : SEND_EMPTY_NEVER;
    case HOOK_SEND_EMPTY_ATTENDEE:
        return tag && (tag->id == EAS_TAG_MEETINGRESPONSE_ProposedStartTime ||
                       tag->id == EAS_TAG_MEETINGRESPONSE_ProposedEndTime)
            ? SEND_EMPTY_CLEAR_PROPOSAL : SEND_EMPTY_NEVER;
    default:
        return SEND_EMPTY_PHP;
    }
}

static void compile_entry(profile *p, map_entry *e, zend_string *key, zval *map)
{
    request_state *st = get_state();
    HashTable *m = Z_ARRVAL_P(map);
    zval *attr = zend_hash_index_find(m, KEY_ATTRIBUTE);
    zval *values = zend_hash_index_find(m, KEY_VALUES);
    zval *type = zend_hash_index_find(m, KEY_TYPE);
    zval *prop = zend_hash_index_find(m, KEY_PROPERTY);

    e->key = zend_string_copy(key);
    GC_TRY_ADDREF(m);
    e->map = m;
    e->tag = eas_tag_by_name(ZSTR_VAL(key), ZSTR_LEN(key));
    if (attr) {
        ZVAL_DEREF(attr);
        e->attr = zval_get_string(attr);
        e->decl = zend_hash_find_ptr(&p->ce->properties_info, e->attr);
        if (e->decl && ((e->decl->flags & ZEND_ACC_STATIC) ||
                        ((e->decl->flags & ZEND_ACC_PRIVATE) && e->decl->ce != st->base_ce))) {
            e->decl = NULL;
        }
    }
    e->kind = KIND_SCALAR;
    if (type) {
        ZVAL_DEREF(type);
        if (Z_TYPE_P(type) == IS_LONG) {
            switch (Z_LVAL_P(type)) {
            case TYPE_DATE: e->kind = KIND_DATE; break;
            case TYPE_DATE_DASHES: e->kind = KIND_DATE_DASHES; break;
            case TYPE_DATE_LOCAL: e->kind = KIND_DATE_LOCAL; break;
            case TYPE_HEX: e->kind = KIND_HEX; break;
            case TYPE_MAPI_STREAM: e->kind = KIND_MAPI_STREAM; break;
            default: e->kind = KIND_OTHER; break;
            }
        } else if (Z_TYPE_P(type) == IS_STRING) {
            if (zend_string_equals_literal(Z_STR_P(type), "opaque")) {
                e->kind = KIND_OPAQUE;
            } else {
                e->kind = KIND_CLASS;
                e->class_name = zend_string_copy(Z_STR_P(type));
            }
        } else if (Z_TYPE_P(type) == IS_ARRAY) {
            e->kind = KIND_CLASS;
        } else {
            e->kind = KIND_OTHER;
        }
    }
    if (values) {
        ZVAL_DEREF(values);
        e->has_values = 1;
        if (Z_TYPE_P(values) == IS_ARRAY) {
            uint32_t n = zend_hash_num_elements(Z_ARRVAL_P(values)), k = 0;
            zval *v;
            e->multi_count = n ? n : 0;
            if (n) {
                e->multi_tags = ecalloc(n, sizeof(*e->multi_tags));
                e->multi_classes = ecalloc(n, sizeof(*e->multi_classes));
                e->multi_ces = ecalloc(n, sizeof(*e->multi_ces));
                ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(values), v) {
                    zval *cls;
                    ZVAL_DEREF(v);
                    e->multi_tags[k] = tag_of(v);
                    if (type && Z_TYPE_P(type) == IS_ARRAY && (cls = zend_hash_index_find(Z_ARRVAL_P(type), k)) != NULL) {
                        ZVAL_DEREF(cls);
                        if (Z_TYPE_P(cls) == IS_STRING) {
                            e->multi_classes[k] = zend_string_copy(Z_STR_P(cls));
                        }
                    }
                    k++;
                } ZEND_HASH_FOREACH_END();
            }
        } else {
            e->value_tag = tag_of(values);
        }
    }
    if (prop) {
        ZVAL_DEREF(prop);
        e->no_container = Z_TYPE_P(prop) == IS_LONG && Z_LVAL_P(prop) == PROPERTY_NO_CONTAINER;
    }
    e->in_version = e->tag && eas_tag_in_version(e->tag, p->version);
    e->send_empty = send_empty_for(p->send_empty, e->tag);
    e->multipart_data = e->tag && (e->tag->id == EAS_TAG_AIRSYNC_ApplicationData || e->tag->id == EAS_TAG_AIRSYNCBASE_Data ||
                                   e->tag->id == EAS_TAG_ITEMOPERATIONS_Data);
    e->base64 = p->check_encoding == HOOK_ENCODING_BASE64_DATA && e->tag &&
                e->tag->id == EAS_TAG_ITEMOPERATIONS_Data;
}

/* Whether a class and its ancestors up to the base class are declared in
 * the base class's directory (this package's message classes). */
static int sealed_class(zend_class_entry *ce)
{
    zend_class_entry *base = get_state()->base_ce;
    const char *dir, *slash;
    size_t dir_len;

    if (base->type != ZEND_USER_CLASS || !base->info.user.filename) {
        return 0;
    }
    dir = ZSTR_VAL(base->info.user.filename);
    slash = strrchr(dir, '/');
    if (!slash) {
        return 0;
    }
    dir_len = (size_t)(slash - dir) + 1;
    for (; ce && ce != base; ce = ce->parent) {
        zend_string *file;
        if (ce->type != ZEND_USER_CLASS || !(file = ce->info.user.filename) || ZSTR_LEN(file) <= dir_len ||
            memcmp(ZSTR_VAL(file), dir, dir_len) != 0 || memchr(ZSTR_VAL(file) + dir_len, '/',
                                                             ZSTR_LEN(file) - dir_len)) {
            return 0;
        }
    }
    return ce == base;
}

static profile *compile_profile(zend_class_entry *ce, unsigned version, HashTable *mapping)
{
    profile *p = ecalloc(1, sizeof(*p));
    zend_string *key;
    zval *map;
    uint32_t i = 0;

    p->ce = ce;
    p->version = version;
    p->sealed = sealed_class(ce);
    p->encode_stream = hook_of(ce, "encodestream");
    p->decode_stream = hook_of(ce, "decodestream");
    p->pre_encode = hook_of(ce, "_preencodevalidation");
    p->validate = hook_of(ce, "_validatedecodedvalues");
    p->send_empty = hook_of(ce, "_checksendempty");
    p->check_encoding = hook_of(ce, "_checkencoding");
    p->dates = hook_of(ce, "_formatdate");
    if (p->dates != hook_of(ce, "_parsedate")) {
        p->dates = HOOK_PHP;
    }
    p->get = hook_of(ce, "__get");
    p->isset_ = hook_of(ce, "__isset");
    p->set = hook_of(ce, "__set");
    p->by_tag = ecalloc(EAS_TAG_END_, sizeof(uint16_t));
    p->entries = ecalloc(zend_hash_num_elements(mapping) + 1, sizeof(map_entry));
    ZEND_HASH_FOREACH_STR_KEY_VAL(mapping, key, map) {
        ZVAL_DEREF(map);
        if (!key || Z_TYPE_P(map) != IS_ARRAY) {
            /* not a mapping entry Horde could use either; keep the count */
            key = key ? key : ZSTR_EMPTY_ALLOC();
            p->entries[i].key = zend_string_copy(key);
            p->entries[i].map = (zend_array *)&zend_empty_array;
            i++;
            continue;
        }
        compile_entry(p, &p->entries[i], key, map);
        if (p->entries[i].tag && !p->by_tag[p->entries[i].tag->id] && i < UINT16_MAX) {
            p->by_tag[p->entries[i].tag->id] = (uint16_t)(i + 1);
        }
        i++;
    } ZEND_HASH_FOREACH_END();
    p->count = i;
    return p;
}

static int same_map(map_entry *e, zval *map)
{
    HashTable *m;
    static const zend_ulong keys[] = { KEY_ATTRIBUTE, KEY_VALUES, KEY_TYPE, KEY_PROPERTY };

    ZVAL_DEREF(map);
    if (Z_TYPE_P(map) != IS_ARRAY) {
        return e->map == &zend_empty_array && !e->attr;
    }
    m = Z_ARRVAL_P(map);
    if (m == e->map) {
        return 1;
    }
    /* Built anew for this object (version-dependent entries): compare. */
    if (zend_hash_num_elements(m) != zend_hash_num_elements(e->map)) {
        return 0;
    }
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        zval *a = zend_hash_index_find(m, keys[i]);
        zval *b = zend_hash_index_find(e->map, keys[i]);
        if (!a != !b || (a && !zend_is_identical(a, b))) {
            return 0;
        }
    }
    return 1;
}

static int profile_matches(profile *p, HashTable *mapping)
{
    zend_string *key;
    zval *map;
    uint32_t i = 0;

    if (zend_hash_num_elements(mapping) != p->count) {
        return 0;
    }
    ZEND_HASH_FOREACH_STR_KEY_VAL(mapping, key, map) {
        map_entry *e = &p->entries[i++];
        if (p->sealed && key == e->key) {
            continue;
        }
        if (!key || (key != e->key && !zend_string_equals(key, e->key)) || !same_map(e, map)) {
            return 0;
        }
    } ZEND_HASH_FOREACH_END();
    return 1;
}


/* The profile of a message object, compiled on first sight. */
static profile *profile_of(zend_object *obj)
{
    request_state *st = get_state();
    zval *mapping, *list;
    unsigned version;
    profile *p, *head;
    int n = 0;

    if (resolve_base(obj->ce) != 0) {
        return NULL;
    }
    mapping = slot(obj, st->off_mapping);
    if (Z_TYPE_P(mapping) != IS_ARRAY) {
        eas_php_throw("%s has no property mapping", ZSTR_VAL(obj->ce->name));
        return NULL;
    }
    version = version_code(slot(obj, st->off_version));
    list = zend_hash_index_find(&st->profiles, (zend_ulong)(uintptr_t)obj->ce);
    head = list ? Z_PTR_P(list) : NULL;
    for (p = head; p; p = p->next, n++) {
        if (p->version != version) {
            continue;
        }
        if (p->matched == Z_ARRVAL_P(mapping)) {
            return p;
        }
        if (profile_matches(p, Z_ARRVAL_P(mapping))) {
            if (p->matched) {
                zend_array_release(p->matched);
            }
            p->matched = Z_ARRVAL_P(mapping);
            GC_TRY_ADDREF(p->matched);
            return p;
        }
    }
    p = compile_profile(obj->ce, version, Z_ARRVAL_P(mapping));
    if (n >= 16 && head) {
        /* objects rewriting their mapping over and over: start afresh */
        profile_free(head->next);
        head->next = NULL;
    }
    p->next = head;
    if (list) {
        Z_PTR_P(list) = p;
    } else {
        zend_hash_index_add_new_ptr(&st->profiles, (zend_ulong)(uintptr_t)obj->ce, p);
    }
    return p;
}

/* --- property access, as $this->{$attr} inside the base class ------------ */

/* The value of attr in a _properties array, or NULL. The messages of a
 * class are mostly clones of one object (a driver's prototype, the class's
 * defaults), so their arrays have one layout: the bucket the entry was
 * found in last time is tried before hashing. */
static zval *property_slot(HashTable *props, map_entry *e)
{
    zval *v;

    if (HT_IS_PACKED(props)) {
        return NULL;    /* no string keys */
    }
    if (e->hint < props->nNumUsed) {
        Bucket *b = props->arData + e->hint;
        if (Z_TYPE(b->val) != IS_UNDEF && b->key &&
            (b->key == e->attr || (b->h == ZSTR_H(e->attr) && zend_string_equal_content(b->key, e->attr)))) {
            return &b->val;
        }
    }
    v = zend_hash_find(props, e->attr);
    if (v) {
        /* the zval is a Bucket's first member */
        e->hint = (uint32_t)((Bucket *)v - props->arData);
    }
    return v;
}

/* The value of a property for encoding: 1 and a copy in *out when it is set
 * (isset()), 0 when not, -1 on error. Horde's __get() turns false into ''. */
static int read_value(zend_object *obj, profile *p, map_entry *e, zval *out)
{
    request_state *st = get_state();
    zval *v, *props;

    ZVAL_UNDEF(out);
    if (!e->attr) {
        return 0;
    }
    if (e->decl) {
        v = OBJ_PROP(obj, e->decl->offset);
        if (!Z_ISUNDEF_P(v)) {
            ZVAL_DEREF(v);
            if (Z_TYPE_P(v) == IS_NULL) {
                return 0;
            }
            ZVAL_COPY(out, v);
            return 1;
        }
    } else if (has_dynamic_properties(obj) && (v = zend_hash_find(obj->properties, e->attr)) != NULL &&
               Z_TYPE_P(v) != IS_INDIRECT) {
        /* a dynamic property */
        ZVAL_DEREF(v);
        if (Z_TYPE_P(v) == IS_NULL) {
            return 0;
        }
        ZVAL_COPY(out, v);
        return 1;
    }
    if (p->isset_ != HOOK_BASE || (p->get != HOOK_BASE && p->get != HOOK_GET_SENDMAIL)) {
        /* overridden magic: let PHP answer, from the base class's scope */
        zend_class_entry *old = EG(fake_scope);
        zval rv;
        int has;
        EG(fake_scope) = st->base_ce;
        has = obj->handlers->has_property(obj, e->attr, ZEND_PROPERTY_ISSET, NULL);
        if (has && !EG(exception)) {
            v = obj->handlers->read_property(obj, e->attr, BP_VAR_R, NULL, &rv);
            if (!EG(exception)) {
                ZVAL_COPY_DEREF(out, v);
            }
            if (v == &rv) {
                zval_ptr_dtor(&rv);
            }
        }
        EG(fake_scope) = old;
        if (EG(exception)) {
            zval_ptr_dtor(out);
            ZVAL_UNDEF(out);
            return -1;
        }
        return has && !Z_ISUNDEF_P(out) ? 1 : 0;
    }
    props = slot(obj, st->off_properties);
    if (Z_TYPE_P(props) != IS_ARRAY || (v = property_slot(Z_ARRVAL_P(props), e)) == NULL) {
        return 0;
    }
    ZVAL_DEREF(v);
    if (Z_TYPE_P(v) == IS_NULL) {
        return 0;
    }
    if (p->get == HOOK_GET_SENDMAIL &&
        (zend_string_equals_literal(e->attr, "saveinsent") || zend_string_equals_literal(e->attr, "replacemime"))) {
        ZVAL_BOOL(out, Z_TYPE_P(v) != IS_FALSE);
        return 1;
    }
    if (Z_TYPE_P(v) == IS_FALSE) {
        ZVAL_EMPTY_STRING(out);
        return 1;
    }
    ZVAL_COPY(out, v);
    return 1;
}

/* A property read the way $this->$name does from the base class (used for
 * the few rules that consult another property). */
static void read_named(zend_object *obj, profile *p, const char *name, zval *out)
{
    map_entry tmp;
    memset(&tmp, 0, sizeof(tmp));
    tmp.attr = zend_string_init(name, strlen(name), 0);
    tmp.decl = find_property(obj->ce, name);
    if (read_value(obj, p, &tmp, out) != 1) {
        ZVAL_NULL(out);
    }
    zend_string_release(tmp.attr);
}

static zval *separated_array_slot(zend_object *obj, uint32_t offset)
{
    zval *zv = slot(obj, offset);
    if (Z_TYPE_P(zv) != IS_ARRAY) {
        zval_ptr_dtor(zv);
        array_init(zv);
    }
    SEPARATE_ARRAY(zv);
    return zv;
}

/* $this->{$attr} = $value (takes value over). 0, or -1 with an exception. */
static int write_value(zend_object *obj, profile *p, map_entry *e, zval *value)
{
    request_state *st = get_state();
    zval *props, *v, t;

    if (!e->attr) {
        zval_ptr_dtor(value);
        return 0;
    }
    if (e->decl) {
        v = OBJ_PROP(obj, e->decl->offset);
        if (!Z_ISUNDEF_P(v)) {
            zval garbage;
            ZVAL_DEREF(v);
            ZVAL_COPY_VALUE(&garbage, v);
            ZVAL_COPY_VALUE(v, value);
            zval_ptr_dtor(&garbage);
            return 0;
        }
    }
    if (p->set != HOOK_BASE) {
        zend_class_entry *old = EG(fake_scope);
        EG(fake_scope) = st->base_ce;
        obj->handlers->write_property(obj, e->attr, value, NULL);
        EG(fake_scope) = old;
        zval_ptr_dtor(value);
        return EG(exception) ? -1 : 0;
    }
    props = slot(obj, st->off_properties);
    if (Z_TYPE_P(props) != IS_ARRAY || !zend_hash_find(Z_ARRVAL_P(props), e->attr)) {
        /* Horde's __set() throws here; a client's data is not worth that */
        message_log(obj, "err", "Unknown property: %s", ZSTR_VAL(e->attr));
        zval_ptr_dtor(value);
        return 0;
    }
    props = separated_array_slot(obj, st->off_properties);
    v = zend_hash_find(Z_ARRVAL_P(props), e->attr);
    if (!v) {
        zend_hash_update(Z_ARRVAL_P(props), e->attr, value);
    } else {
        /* $this->_properties[$attr] = $value, through a reference if one is there */
        zval garbage;
        ZVAL_DEREF(v);
        ZVAL_COPY_VALUE(&garbage, v);
        ZVAL_COPY_VALUE(v, value);
        zval_ptr_dtor(&garbage);
    }
    props = separated_array_slot(obj, st->off_exists);
    ZVAL_TRUE(&t);
    zend_hash_update(Z_ARRVAL_P(props), e->attr, &t);
    return 0;
}

/* $this->{$attr}[] = $value, or the first element via write_value(). */
static int append_value(zend_object *obj, profile *p, map_entry *e, zval *value)
{
    request_state *st = get_state();
    zval *v = NULL, *props, arr;

    if (!e->attr) {
        zval_ptr_dtor(value);
        return 0;
    }
    if (e->decl && !Z_ISUNDEF_P(OBJ_PROP(obj, e->decl->offset))) {
        v = slot(obj, e->decl->offset);
    } else if (p->get == HOOK_BASE || p->get == HOOK_GET_SENDMAIL) {
        props = slot(obj, st->off_properties);
        if (Z_TYPE_P(props) == IS_ARRAY && (v = zend_hash_find(Z_ARRVAL_P(props), e->attr)) != NULL) {
            ZVAL_DEREF(v);
            if (Z_TYPE_P(v) == IS_ARRAY) {
                props = separated_array_slot(obj, st->off_properties);
                v = zend_hash_find(Z_ARRVAL_P(props), e->attr);
                ZVAL_DEREF(v);
            }
        }
    }
    if (v && Z_TYPE_P(v) == IS_ARRAY) {
        SEPARATE_ARRAY(v);
        zend_hash_next_index_insert(Z_ARRVAL_P(v), value);
        return 0;
    }
    array_init(&arr);
    zend_hash_next_index_insert(Z_ARRVAL(arr), value);
    return write_value(obj, p, e, &arr);
}

/* --- dates ---------------------------------------------------------------- */

static int date_fields(zend_object *date, eas_civil *c)
{
    request_state *st = get_state();
    c->year = zval_get_long(slot(date, st->off_date[0]));
    c->month = zval_get_long(slot(date, st->off_date[1]));
    c->day = zval_get_long(slot(date, st->off_date[2]));
    c->hour = zval_get_long(slot(date, st->off_date[3]));
    c->minute = zval_get_long(slot(date, st->off_date[4]));
    c->second = zval_get_long(slot(date, st->off_date[5]));
    return eas_civil_normalize(c);
}

/* The transitions of a zone from 1970 to 2100, from getTransitions(). */
static void load_transitions(zone_info *z)
{
    zend_function *fn = zend_hash_str_find_ptr(&Z_OBJCE(z->object)->function_table, "gettransitions",
                                               sizeof("gettransitions") - 1);
    zval args[2], rv, *t;
    uint32_t n = 0;

    if (!fn) {
        return;
    }
    ZVAL_LONG(&args[0], 0);
    ZVAL_LONG(&args[1], INT64_C(4102444800));
    ZVAL_UNDEF(&rv);
    zend_call_known_instance_method(fn, Z_OBJ(z->object), &rv, 2, args);
    if (EG(exception)) {
        zend_clear_exception();
        zval_ptr_dtor(&rv);
        return;
    }
    if (Z_TYPE(rv) != IS_ARRAY || zend_hash_num_elements(Z_ARRVAL(rv)) == 0) {
        zval_ptr_dtor(&rv);
        return;
    }
    z->at = safe_emalloc(zend_hash_num_elements(Z_ARRVAL(rv)), sizeof(int64_t), 0);
    z->offset = safe_emalloc(zend_hash_num_elements(Z_ARRVAL(rv)), sizeof(int32_t), 0);
    ZEND_HASH_FOREACH_VAL(Z_ARRVAL(rv), t) {
        zval *ts, *off;
        if (Z_TYPE_P(t) != IS_ARRAY || !(ts = zend_hash_str_find(Z_ARRVAL_P(t), "ts", 2)) ||
            !(off = zend_hash_str_find(Z_ARRVAL_P(t), "offset", 6)) ||
            (n > 0 && zval_get_long(ts) <= z->at[n - 1])) {
            n = 0;
            break;
        }
        z->at[n] = zval_get_long(ts);
        z->offset[n] = (int32_t)zval_get_long(off);
        n++;
    } ZEND_HASH_FOREACH_END();
    zval_ptr_dtor(&rv);
    if (n == 0) {
        efree(z->at);
        efree(z->offset);
        z->at = NULL;
        z->offset = NULL;
    }
    z->count = n;
}

/* A zone by name, cached for the request; NULL when PHP does not know it. */
static zone_info *zone_of(zend_string *name)
{
    request_state *st = get_state();
    zval *cached = zend_hash_find(&st->timezones, name);
    zone_info *z;
    zval arg;

    if (cached) {
        return Z_PTR_P(cached);
    }
    z = ecalloc(1, sizeof(*z));
    object_init_ex(&z->object, php_date_get_timezone_ce());
    ZVAL_STR_COPY(&arg, name);
    zend_call_known_instance_method_with_1_params(Z_OBJCE(z->object)->constructor, Z_OBJ(z->object), NULL, &arg);
    zval_ptr_dtor(&arg);
    if (EG(exception)) {
        zend_clear_exception();
        zval_ptr_dtor(&z->object);
        efree(z);
        z = NULL;
    } else {
        load_transitions(z);
    }
    zend_hash_add_new_ptr(&st->timezones, name, z);
    return z;
}

static zval *timezone_object(zend_string *name)
{
    zone_info *z = zone_of(name);
    return z ? &z->object : NULL;
}

/*
 * The instant of a wall-clock time from the zone's table, when the answer
 * cannot depend on how an ambiguous or skipped time is resolved: the time
 * is more than a day away from every transition. 1 with *utc set, else 0.
 */
static int wall_to_utc_table(const zone_info *z, int64_t wall, int64_t *utc)
{
    uint32_t lo = 0, hi, k;
    int64_t u;

    if (!z->at || z->count == 0) {
        return 0;
    }
    /* the period the wall time would fall in were it UTC, then the one
     * its instant falls in */
    for (int pass = 0; pass < 2; pass++) {
        int64_t probe = pass == 0 ? wall : wall - z->offset[lo];
        uint32_t a = 0, b = z->count;
        if (probe < z->at[0]) {
            return 0;
        }
        while (b - a > 1) {
            uint32_t mid = a + (b - a) / 2;
            if (z->at[mid] <= probe) {
                a = mid;
            } else {
                b = mid;
            }
        }
        lo = a;
    }
    k = lo;
    hi = k + 1;
    u = wall - z->offset[k];
    if (u - z->at[k] <= 86400 || (hi < z->count && z->at[hi] - u <= 86400) ||
        (hi == z->count && u >= INT64_C(4102444800) - 86400)) {
        return 0;
    }
    *utc = u;
    return 1;
}

/* DateTime::setDate() and setTime() on a DateTime object. */
static int datetime_set(zval *dt, const char *method, zend_long a, zend_long b, zend_long c)
{
    zend_function *fn = zend_hash_str_find_ptr(&Z_OBJCE_P(dt)->function_table, method, strlen(method));
    zval args[3], rv;

    if (!fn) {
        return -1;
    }
    ZVAL_LONG(&args[0], a);
    ZVAL_LONG(&args[1], b);
    ZVAL_LONG(&args[2], c);
    ZVAL_UNDEF(&rv);
    zend_call_known_instance_method(fn, Z_OBJ_P(dt), &rv, 3, args);
    zval_ptr_dtor(&rv);
    return EG(exception) ? -1 : 0;
}

/*
 * Wall-clock fields in a zone to UTC, the way Horde_Date::toDateTime()
 * gets there: a DateTime for now in the zone, then setDate() and
 * setTime(). For a wall-clock time that occurs twice (the hour DST ends)
 * timelib keeps the daylight flag of "now", so the same fields can give
 * different instants in summer and in winter; following the same steps
 * gives Horde's answer. -1 when the zone is not one PHP knows.
 */
static int wall_to_utc(zend_string *zone, eas_civil *c)
{
    zone_info *z;
    zval dt;
    int64_t sse, wall;

    if (zend_string_equals(zone, get_state()->utc)) {
        return 0;
    }
    if (!(z = zone_of(zone))) {
        return -1;
    }
    if (eas_civil_to_seconds(c, &wall) == 0 && wall_to_utc_table(z, wall, &sse)) {
        eas_civil_from_seconds(sse, c);
        return 0;
    }
    php_date_instantiate(php_date_get_date_ce(), &dt);
    if (!php_date_initialize(Z_PHPDATE_P(&dt), "", 0, NULL, &z->object, 0) || EG(exception) ||
        datetime_set(&dt, "setdate", (zend_long)c->year, (zend_long)c->month, (zend_long)c->day) != 0 ||
        datetime_set(&dt, "settime", (zend_long)c->hour, (zend_long)c->minute, (zend_long)c->second) != 0) {
        zend_clear_exception();
        zval_ptr_dtor(&dt);
        return -1;
    }
    sse = Z_PHPDATE_P(&dt)->time->sse;
    zval_ptr_dtor(&dt);
    eas_civil_from_seconds(sse, c);
    return 0;
}

/* Horde_Date::setTimezone('UTC') on the object's fields. */
static void date_store_utc(zend_object *date, const eas_civil *c)
{
    request_state *st = get_state();
    zend_long values[6] = { (zend_long)c->year, (zend_long)c->month, (zend_long)c->day,
                            (zend_long)c->hour, (zend_long)c->minute, (zend_long)c->second };
    zval *cache;

    for (int i = 0; i < 6; i++) {
        zval *f = slot(date, st->off_date[i]);
        zval_ptr_dtor(f);
        ZVAL_LONG(f, values[i]);
    }
    {
        zval *tz = slot(date, st->off_date[6]);
        zval_ptr_dtor(tz);
        ZVAL_STR_COPY(tz, st->utc);
    }
    cache = slot(date, st->off_date_cache);
    if (Z_TYPE_P(cache) != IS_ARRAY || zend_hash_num_elements(Z_ARRVAL_P(cache)) > 0) {
        zval_ptr_dtor(cache);
        array_init(cache);
    }
}

/*
 * _formatDate() of the base class: TYPE_DATE and TYPE_DATE_DASHES convert
 * the date to UTC in place first; TYPE_DATE_LOCAL writes the wall clock.
 * 1 with the text, 0 when this needs PHP (a zone PHP's parser cannot take
 * in a string), -1 on error.
 */
static int format_date_native(zend_object *date, value_kind kind, char *out, size_t *len)
{
    eas_civil c;

    if (date_fields(date, &c) != 0) {
        return 0;
    }
    if (kind != KIND_DATE_LOCAL) {
        zval *zone = slot(date, get_state()->off_date[6]);
        if (Z_TYPE_P(zone) != IS_STRING || wall_to_utc(Z_STR_P(zone), &c) != 0) {
            return 0;
        }
        date_store_utc(date, &c);
    }
    *len = eas_date_format_text(&c, kind == KIND_DATE ? EAS_DATE_COMPACT : EAS_DATE_DASHES, out);
    return 1;
}

static const char *php_date_format_for(value_kind kind)
{
    switch (kind) {
    case KIND_DATE: return "Ymd\\THis\\Z";
    case KIND_DATE_DASHES: return "Y-m-d\\TH:i:s\\.000\\Z";
    default: return "Y-m-d\\TH:i:s\\.000\\Z";
    }
}

/* The same in PHP: $date->setTimezone('UTC')->format(...), or format(). */
static int format_date_php(zend_object *date, value_kind kind, zval *out)
{
    zval arg, rv;

    if (kind != KIND_DATE_LOCAL) {
        ZVAL_STR_COPY(&arg, get_state()->utc);
        if (call_method(date, "setTimezone", &rv, 1, &arg) != 0) {
            zval_ptr_dtor(&arg);
            return -1;
        }
        zval_ptr_dtor(&arg);
        zval_ptr_dtor(&rv);
    }
    ZVAL_STRING(&arg, php_date_format_for(kind));
    if (call_method(date, "format", out, 1, &arg) != 0) {
        zval_ptr_dtor(&arg);
        return -1;
    }
    zval_ptr_dtor(&arg);
    return 0;
}

static int type_of_kind(value_kind kind)
{
    return kind == KIND_DATE ? TYPE_DATE : kind == KIND_DATE_DASHES ? TYPE_DATE_DASHES : TYPE_DATE_LOCAL;
}

/* Whether a Horde_Date's __toString() gives text: its default format is
 * not empty and its zone is one PHP knows (else it gives ''). */
static int horde_date_has_text(zend_object *date)
{
    zend_property_info *info;
    zval *zone, *format;

    if (!date_class() || !instanceof_function(date->ce, date_class())) {
        return 0;
    }
    info = find_property(date->ce, "_defaultFormat");
    if (!info) {
        return 0;
    }
    format = slot(date, info->offset);
    zone = slot(date, get_state()->off_date[6]);
    return Z_TYPE_P(format) == IS_STRING && Z_STRLEN_P(format) > 0 && Z_TYPE_P(zone) == IS_STRING &&
        (zend_string_equals(Z_STR_P(zone), get_state()->utc) || timezone_object(Z_STR_P(zone)) != NULL);
}

/* A new Horde_Date with raw fields in UTC, without its constructor. */
static int new_utc_date(const eas_civil *c, zval *out)
{
    request_state *st = get_state();
    zend_class_entry *ce = date_class_load();

    if (!ce) {
        return -1;
    }
    if (!st->date_statics_ready) {
        /* Horde_Date's constructor sets up class statics once */
        zval probe;
        object_init_ex(&probe, ce);
        if (ce->constructor) {
            zend_call_known_instance_method_with_0_params(ce->constructor, Z_OBJ(probe), NULL);
        }
        zval_ptr_dtor(&probe);
        if (EG(exception)) {
            return -1;
        }
        st->date_statics_ready = 1;
    }
    object_init_ex(out, ce);
    date_store_utc(Z_OBJ_P(out), c);
    return 0;
}

/* A raw property value ($this->_properties[$name]), or NULL. */
static zval *raw_property(zend_object *obj, const char *name)
{
    zval *props = slot(obj, get_state()->off_properties);
    zval *v;

    if (Z_TYPE_P(props) != IS_ARRAY || !(v = zend_hash_str_find(Z_ARRVAL_P(props), name, strlen(name)))) {
        return NULL;
    }
    ZVAL_DEREF(v);
    return v;
}

/* PHP's loose comparison of a value with an integer or a numeric string. */
static int compare_long(zval *v, zend_long n)
{
    zval other;
    ZVAL_LONG(&other, n);
    return v ? zend_compare(v, &other) : zend_compare(&EG(uninitialized_zval), &other);
}

/* The message's version against a version code (EAS_V16_0, ...): as
 * PHP compares the numeric strings. */
static int compare_version(zend_object *obj, unsigned code)
{
    unsigned mine = version_code(slot(obj, get_state()->off_version));
    return mine < code ? -1 : mine > code ? 1 : 0;
}

/*
 * A validation hook: 1 valid, 0 not, -1 error. The known rules are
 * checked here and call PHP only when they need what PHP does (date
 * arithmetic of all-day items, the EAS 16.0 rules).
 */
static int run_check(zend_object *obj, hook_kind hook, const char *method)
{
    zval rv, *v;
    int ok;

    switch (hook) {
    case HOOK_BASE:
        return 1;
    case HOOK_CHECK_WEEKLY_DAYS:
        /* type == TYPE_WEEKLY && dayofweek < 1 is invalid */
        return !(compare_long(raw_property(obj, "type"), 1) == 0 &&
                 compare_long(raw_property(obj, "dayofweek"), 1) < 0);
    case HOOK_CHECK_ATTENDEE:
        v = raw_property(obj, "status");
        return !(compare_version(obj, EAS_V16_0) == 0 && v && zend_is_true(v));
    case HOOK_CHECK_APPOINTMENT:
        if (strcmp(method, "_validateDecodedValues") == 0) {
            if (compare_version(obj, EAS_V16_0) < 0) {
                return 1;
            }
        } else if (!(v = raw_property(obj, "alldayevent")) || !zend_is_true(v)) {
            return 1;
        }
        break;
    case HOOK_CHECK_EXCEPTION:
        if (!(v = raw_property(obj, "alldayevent")) || !zend_is_true(v)) {
            return 1;
        }
        break;
    default:
        break;
    }
    if (call_method(obj, method, &rv, 0, NULL) != 0) {
        return -1;
    }
    ok = zend_is_true(&rv);
    zval_ptr_dtor(&rv);
    return ok;
}

/* --- encoding -------------------------------------------------------------- */

typedef struct {
    zval encoder;               /* the Horde_ActiveSync_Wbxml_Encoder (PHP) */
    zend_object *native;        /* its Native\WbxmlEncoder */
    int multipart;
} encode_ctx;

static int encode_object(encode_ctx *ctx, zend_object *obj, int depth);

static int enc_start(encode_ctx *ctx, const eas_tag *tag, int empty)
{
    return eas_php_encoder_start(ctx->native, tag, empty);
}

static int enc_end(encode_ctx *ctx)
{
    return eas_php_encoder_end(ctx->native);
}

/* Calls $obj->encodeStream($encoder) in PHP (an override). */
static int encode_via_php(encode_ctx *ctx, zend_object *obj)
{
    zval ref, rv;
    int rc;

    ZVAL_NEW_REF(&ref, &ctx->encoder);
    Z_TRY_ADDREF(ctx->encoder);
    rc = call_method(obj, "encodeStream", &rv, 1, &ref);
    zval_ptr_dtor(&ref);
    if (rc == 0) {
        zval_ptr_dtor(&rv);
    }
    return rc;
}

/* A child message object: native walk or its own encodeStream(). */
static int encode_child(encode_ctx *ctx, zend_object *child, int depth)
{
    request_state *st = get_state();

    if (!st->base_ce || !instanceof_function(child->ce, st->base_ce)) {
        /* not a message: Horde calls encodeStream() on whatever is there */
        if (!zend_hash_str_exists(&child->ce->function_table, "encodestream", sizeof("encodestream") - 1)) {
            eas_php_throw("Cannot encode a %s inside a message", ZSTR_VAL(child->ce->name));
            return -1;
        }
        return encode_via_php(ctx, child);
    }
    return encode_object(ctx, child, depth + 1);
}

static size_t eol_filter(void *ctx, const unsigned char *in, size_t len, unsigned char *out)
{
    (void)ctx;
    return in ? eas_eol_crlf_chunk(in, len, out) : 0;
}

static size_t base64_filter(void *ctx, const unsigned char *in, size_t len, unsigned char *out)
{
    return in ? eas_base64_update(ctx, in, len, (char *)out) : eas_base64_final(ctx, (char *)out);
}

/* Content through the object's _checkEncoding(). Takes over value. */
static int encode_checked_content(encode_ctx *ctx, zend_object *obj, profile *p, map_entry *e, zval *value)
{
    int rc;

    if (p->check_encoding == HOOK_PHP) {
        zval args[2], rv;
        ZVAL_COPY_VALUE(&args[0], value);
        ZVAL_STR_COPY(&args[1], e->key);
        rc = call_method(obj, "_checkEncoding", &rv, 2, args);
        zval_ptr_dtor(&args[0]);
        zval_ptr_dtor(&args[1]);
        if (rc != 0) {
            return -1;
        }
        rc = eas_php_encoder_content(ctx->native, &rv, 0);
        zval_ptr_dtor(&rv);
        return rc;
    }
    if (e->base64) {
        if (Z_TYPE_P(value) == IS_RESOURCE) {
            eas_base64 b64;
            eas_base64_init(&b64);
            /* Horde copies the stream into a base64-encoding php://temp and
             * closes that copy, not the original */
            rc = eas_php_encoder_stream_text(ctx->native, value, base64_filter, &b64, 0);
        } else {
            zend_string *raw = zval_get_string(value);
            zend_string *enc = php_base64_encode((const unsigned char *)ZSTR_VAL(raw), ZSTR_LEN(raw));
            rc = eas_php_encoder_text(ctx->native, ZSTR_VAL(enc), ZSTR_LEN(enc));
            zend_string_release(enc);
            zend_string_release(raw);
        }
        zval_ptr_dtor(value);
        return rc;
    }
    if (Z_TYPE_P(value) == IS_RESOURCE && p->check_encoding == HOOK_BASE) {
        /* Horde reads streamed bodies through its NUL and EOL filters */
        rc = eas_php_encoder_stream_text(ctx->native, value, eol_filter, NULL, 1);
        zval_ptr_dtor(value);
        return rc;
    }
    rc = eas_php_encoder_content(ctx->native, value, 0);
    zval_ptr_dtor(value);
    return rc;
}

/* Whether an empty value is written as an empty element. */
static int send_empty(zend_object *obj, profile *p, map_entry *e)
{
    zval v, rv, arg;
    int yes;

    switch (e->send_empty) {
    case SEND_EMPTY_ALWAYS:
        return 1;
    case SEND_EMPTY_IF_BODYSIZE:
        read_named(obj, p, "bodysize", &v);
        ZVAL_LONG(&arg, 0);
        yes = zend_compare(&v, &arg) > 0;
        zval_ptr_dtor(&v);
        return yes;
    case SEND_EMPTY_CLEAR_PROPOSAL:
        read_named(obj, p, "clearProposedTimes", &v);
        yes = zend_is_true(&v) && p->version >= EAS_V16_1;
        zval_ptr_dtor(&v);
        return yes;
    case SEND_EMPTY_PHP:
        ZVAL_STR_COPY(&arg, e->key);
        if (call_method(obj, "_checkSendEmpty", &rv, 1, &arg) != 0) {
            zval_ptr_dtor(&arg);
            return -1;
        }
        zval_ptr_dtor(&arg);
        yes = zend_is_true(&rv);
        zval_ptr_dtor(&rv);
        return yes;
    default:
        return 0;
    }
}

/* A date-typed value. Takes over value. */
static int encode_date(encode_ctx *ctx, zend_object *obj, profile *p, map_entry *e, zval *value)
{
    zval date, text;
    int rc = 0;

    ZVAL_UNDEF(&date);
    if (!zend_is_true(value)) {
        /* Horde leaves empty() dates out (its 1970-01-01) */
        zval_ptr_dtor(value);
        return 0;
    }
    if (is_horde_date(value)) {
        ZVAL_COPY_VALUE(&date, value);
    } else {
        /* Horde requires a Horde_Date here; take what it can be made from */
        zend_class_entry *ce = date_class_load();
        if (!ce || (Z_TYPE_P(value) != IS_STRING && Z_TYPE_P(value) != IS_LONG && Z_TYPE_P(value) != IS_DOUBLE &&
                    !(Z_TYPE_P(value) == IS_OBJECT && instanceof_function(Z_OBJCE_P(value), php_date_get_interface_ce())))) {
            message_log(obj, "err", "%s: %s is not a date; left out", ZSTR_VAL(obj->ce->name), ZSTR_VAL(e->key));
            zval_ptr_dtor(value);
            return EG(exception) ? -1 : 0;
        }
        object_init_ex(&date, ce);
        zend_call_known_instance_method_with_1_params(ce->constructor, Z_OBJ(date), NULL, value);
        zval_ptr_dtor(value);
        if (EG(exception)) {
            zend_clear_exception();
            zval_ptr_dtor(&date);
            message_log(obj, "err", "%s: %s is not a date; left out", ZSTR_VAL(obj->ce->name), ZSTR_VAL(e->key));
            return 0;
        }
    }
    if (p->dates == HOOK_PHP) {
        zval args[2];
        ZVAL_COPY(&args[0], &date);
        ZVAL_LONG(&args[1], type_of_kind(e->kind));
        rc = call_method(obj, "_formatDate", &text, 2, args);
        zval_ptr_dtor(&args[0]);
        if (rc == 0) {
            rc = eas_php_encoder_content(ctx->native, &text, 0);
            zval_ptr_dtor(&text);
        }
        zval_ptr_dtor(&date);
        return rc;
    }
    if (p->dates == HOOK_DATES_CONTACT) {
        zval *device = slot(obj, get_state()->off_device);
        if (zend_is_true(device) && Z_TYPE_P(device) == IS_OBJECT) {
            zval args[2], normalized;
            ZVAL_COPY(&args[0], &date);
            ZVAL_TRUE(&args[1]);
            rc = call_method(Z_OBJ_P(device), "normalizePoomContactsDates", &normalized, 2, args);
            zval_ptr_dtor(&args[0]);
            zval_ptr_dtor(&date);
            if (rc != 0) {
                return -1;
            }
            if (!is_horde_date(&normalized)) {
                zval_ptr_dtor(&normalized);
                eas_php_throw("normalizePoomContactsDates() did not return a Horde_Date");
                return -1;
            }
            ZVAL_COPY_VALUE(&date, &normalized);
        }
    }
    {
        char buf[EAS_DATE_TEXT_MAX];
        size_t len;
        int native = format_date_native(Z_OBJ(date), e->kind, buf, &len);
        if (native == 1) {
            rc = eas_php_encoder_text(ctx->native, buf, len);
        } else if (format_date_php(Z_OBJ(date), e->kind, &text) == 0) {
            rc = eas_php_encoder_content(ctx->native, &text, 0);
            zval_ptr_dtor(&text);
        } else {
            rc = -1;
        }
    }
    zval_ptr_dtor(&date);
    return rc;
}

/* The simple (not array, not object) value of an entry. Takes over value. */
static int encode_simple(encode_ctx *ctx, zend_object *obj, profile *p, map_entry *e, zval *value)
{
    zend_long parts;
    int rc;

    if (Z_TYPE_P(value) == IS_ARRAY) {
        /* Horde's strlen() of an array is a TypeError */
        message_log(obj, "err", "%s: %s holds an array; left out", ZSTR_VAL(obj->ce->name), ZSTR_VAL(e->key));
        zval_ptr_dtor(value);
        return EG(exception) ? -1 : 0;
    }
    if ((Z_TYPE_P(value) == IS_RESOURCE && Z_RES_P(value)->type != php_file_le_stream() &&
         Z_RES_P(value)->type != php_file_le_pstream()) ||
        (Z_TYPE_P(value) == IS_OBJECT && !Z_OBJCE_P(value)->__tostring)) {
        /* a closed stream, another resource, an object that is no text:
         * Horde's strlen() of it is a TypeError */
        message_log(obj, "err", "%s: %s holds %s; left out", ZSTR_VAL(obj->ce->name), ZSTR_VAL(e->key),
                    Z_TYPE_P(value) == IS_OBJECT ? "an object that is not text" : "no open stream");
        zval_ptr_dtor(value);
        return EG(exception) ? -1 : 0;
    }
    if (Z_TYPE_P(value) != IS_RESOURCE) {
        int empty;
        if (Z_TYPE_P(value) == IS_STRING) {
            empty = Z_STRLEN_P(value) == 0;
        } else if (Z_TYPE_P(value) == IS_FALSE || Z_TYPE_P(value) == IS_NULL) {
            empty = 1;
        } else if (Z_TYPE_P(value) == IS_OBJECT && horde_date_has_text(Z_OBJ_P(value))) {
            /* what Horde_Date::__toString() would say, without the call */
            empty = 0;
        } else if (Z_TYPE_P(value) == IS_OBJECT) {
            zend_string *s = zval_try_get_string(value);
            if (!s) {
                zval_ptr_dtor(value);
                return -1;
            }
            empty = ZSTR_LEN(s) == 0;
            zend_string_release(s);
        } else {
            empty = 0;   /* numbers and true always have a length */
        }
        if (empty) {
            zval_ptr_dtor(value);
            rc = send_empty(obj, p, e);
            if (rc < 0) {
                return -1;
            }
            return rc ? enc_start(ctx, e->tag, 1) : 0;
        }
    }
    if (ctx->multipart && e->multipart_data) {
        message_log(obj, "meta", "HANDLING MULTIPART OUTPUT");
        eas_php_encoder_add_part(ctx->native, value);
        zval_ptr_dtor(value);
        parts = eas_php_encoder_part_count(ctx->native) - 1;
        {
            char num[24];
            int n = snprintf(num, sizeof(num), ZEND_LONG_FMT, parts);
            const eas_tag *part = eas_tag_get(EAS_TAG_ITEMOPERATIONS_Part);
            if (enc_start(ctx, part, 0) != 0 || eas_php_encoder_text(ctx->native, num, (size_t)n) != 0 ||
                enc_end(ctx) != 0) {
                return -1;
            }
        }
        return 0;
    }
    if (enc_start(ctx, e->tag, 0) != 0) {
        zval_ptr_dtor(value);
        return -1;
    }
    switch (e->kind) {
    case KIND_OPAQUE:
        rc = eas_php_encoder_content(ctx->native, value, 1);
        zval_ptr_dtor(value);
        break;
    case KIND_DATE:
    case KIND_DATE_DASHES:
    case KIND_DATE_LOCAL:
        rc = encode_date(ctx, obj, p, e, value);
        break;
    case KIND_HEX: {
        zend_string *raw = zval_get_string(value);
        char *hex = emalloc(ZSTR_LEN(raw) * 2 + 1);
        eas_hex_encode((const unsigned char *)ZSTR_VAL(raw), ZSTR_LEN(raw), hex);
        rc = eas_php_encoder_text(ctx->native, hex, ZSTR_LEN(raw) * 2);
        efree(hex);
        zend_string_release(raw);
        zval_ptr_dtor(value);
        break;
    }
    case KIND_MAPI_STREAM:
        rc = eas_php_encoder_content(ctx->native, value, 0);
        zval_ptr_dtor(value);
        break;
    default:
        rc = encode_checked_content(ctx, obj, p, e, value);
        break;
    }
    if (rc != 0) {
        return -1;
    }
    return enc_end(ctx);
}

/* The tag a multi-typed container gives an object: by its exact class. */
static const eas_tag *multi_tag_for(map_entry *e, zend_object *element)
{
    for (uint32_t k = 0; k < e->multi_count; k++) {
        if (e->multi_classes[k] && zend_string_equals(e->multi_classes[k], element->ce->name)) {
            return e->multi_tags[k];
        }
    }
    /* Horde's array_search() gives false, which indexes the first tag */
    return e->multi_count ? e->multi_tags[0] : NULL;
}

static int encode_array(encode_ctx *ctx, zend_object *obj, profile *p, map_entry *e, zval *value, int depth)
{
    HashTable *list = Z_ARRVAL_P(value);
    zval *el;
    int rc;

    if (zend_hash_num_elements(list) == 0) {
        rc = send_empty(obj, p, e);
        if (rc < 0) {
            return -1;
        }
        return rc ? enc_start(ctx, e->tag, 1) : 0;
    }
    if (!e->no_container && enc_start(ctx, e->tag, 0) != 0) {
        return -1;
    }
    ZEND_HASH_FOREACH_VAL(list, el) {
        ZVAL_DEREF(el);
        if (Z_TYPE_P(el) == IS_OBJECT) {
            zval hold;
            const eas_tag *t = e->multi_count ? multi_tag_for(e, Z_OBJ_P(el)) : e->value_tag;
            if (!t) {
                message_log(obj, "err", "%s: no tag for a %s in %s", ZSTR_VAL(obj->ce->name),
                            ZSTR_VAL(Z_OBJCE_P(el)->name), ZSTR_VAL(e->key));
                continue;
            }
            if (!eas_tag_in_version(t, p->version)) {
                /* e.g. AirSyncBase:Add among the attachments before 16.0 */
                continue;
            }
            ZVAL_COPY(&hold, el);
            rc = enc_start(ctx, t, 0) == 0 && encode_child(ctx, Z_OBJ(hold), depth) == 0 && enc_end(ctx) == 0 ? 0 : -1;
            zval_ptr_dtor(&hold);
            if (rc != 0) {
                return -1;
            }
        } else if (Z_TYPE_P(el) == IS_ARRAY || e->multi_count || !e->value_tag ||
                   !eas_tag_in_version(e->value_tag, p->version)) {
            message_log(obj, "err", "%s: unexpected value in %s; left out", ZSTR_VAL(obj->ce->name), ZSTR_VAL(e->key));
        } else {
            zend_string *s = zval_try_get_string(el);
            if (!s) {
                return -1;
            }
            /* empty items are never written */
            if (ZSTR_LEN(s) > 0) {
                if (enc_start(ctx, e->value_tag, 0) != 0 ||
                    eas_php_encoder_text(ctx->native, ZSTR_VAL(s), ZSTR_LEN(s)) != 0 || enc_end(ctx) != 0) {
                    zend_string_release(s);
                    return -1;
                }
            }
            zend_string_release(s);
        }
    } ZEND_HASH_FOREACH_END();
    if (!e->no_container && enc_end(ctx) != 0) {
        return -1;
    }
    return EG(exception) ? -1 : 0;
}

static int encode_object(encode_ctx *ctx, zend_object *obj, int depth)
{
    profile *p;
    zval *props;

    if (depth > MAX_OBJECT_DEPTH) {
        eas_php_throw("Message objects nested deeper than %d (a cycle?)", MAX_OBJECT_DEPTH);
        return -1;
    }
    if (!(p = profile_of(obj))) {
        return -1;
    }
    if (depth > 0 && p->encode_stream != HOOK_BASE) {
        return encode_via_php(ctx, obj);
    }
    if (p->pre_encode != HOOK_BASE) {
        int ok = run_check(obj, p->pre_encode, "_preEncodeValidation");
        if (ok < 0) {
            return -1;
        }
        if (!ok) {
            message_log(obj, "err", "Pre-encoding validation failed for %s item", ZSTR_VAL(obj->ce->name));
            eas_php_throw("Pre-encoding validation failed for %s item", ZSTR_VAL(obj->ce->name));
            return -1;
        }
        /* the hook may have changed the mapping */
        if (!(p = profile_of(obj))) {
            return -1;
        }
    }
    /* Where read_value() would look, when it is the _properties array
     * alone (no magic of the class's own, no dynamic properties): most of a
     * message's properties are empty, and are passed over here. */
    props = p->get == HOOK_BASE && p->isset_ == HOOK_BASE && !has_dynamic_properties(obj)
        ? slot(obj, get_state()->off_properties) : NULL;
    for (uint32_t i = 0; i < p->count; i++) {
        map_entry *e = &p->entries[i];
        zval value;
        int rc;

        if (!e->tag || !e->in_version) {
            /* a name the code pages lack, or a tag the negotiated version
             * does not have */
            continue;
        }
        if (e->send_empty == SEND_EMPTY_CLEAR_PROPOSAL && (rc = send_empty(obj, p, e)) != 0) {
            /* an attendee's withdrawn time proposal: empty elements clear
             * what the client has, whatever the properties hold */
            if (rc < 0 || enc_start(ctx, e->tag, 1) != 0) {
                return -1;
            }
            continue;
        }
        if (props && e->attr && !e->decl && e->send_empty == SEND_EMPTY_NEVER && Z_TYPE_P(props) == IS_ARRAY) {
            /* unset, null, false or '': read_value() and encode_simple()
             * would write nothing for it (no empty element) */
            zval *v = property_slot(Z_ARRVAL_P(props), e);
            if (v) {
                ZVAL_DEREF(v);
            }
            if (!v || Z_TYPE_P(v) == IS_NULL || Z_TYPE_P(v) == IS_FALSE ||
                (Z_TYPE_P(v) == IS_STRING && Z_STRLEN_P(v) == 0)) {
                continue;
            }
        }
        rc = read_value(obj, p, e, &value);
        if (rc <= 0) {
            if (rc < 0) {
                return -1;
            }
            continue;
        }
        if (Z_TYPE(value) == IS_OBJECT && !is_horde_date(&value)) {
            rc = enc_start(ctx, e->tag, 0) == 0 && encode_child(ctx, Z_OBJ(value), depth) == 0 && enc_end(ctx) == 0
                ? 0 : -1;
            zval_ptr_dtor(&value);
        } else if (e->has_values && Z_TYPE(value) == IS_ARRAY) {
            rc = encode_array(ctx, obj, p, e, &value, depth);
            zval_ptr_dtor(&value);
        } else {
            rc = encode_simple(ctx, obj, p, e, &value);
        }
        if (rc != 0 || EG(exception)) {
            return -1;
        }
    }
    return 0;
}

/* The native object behind a Horde_ActiveSync_Wbxml_* object. */
static zend_object *native_of(zval *outer, zend_class_entry *native_ce, const char *what)
{
    zend_property_info *info;
    zval *n;

    if (Z_TYPE_P(outer) == IS_OBJECT && instanceof_function(Z_OBJCE_P(outer), native_ce)) {
        return Z_OBJ_P(outer);
    }
    info = Z_TYPE_P(outer) == IS_OBJECT ? find_property(Z_OBJCE_P(outer), "_native") : NULL;
    if (!info) {
        zend_throw_error(zend_ce_type_error, "expected a Horde_ActiveSync_Wbxml_%s", what);
        return NULL;
    }
    n = slot(Z_OBJ_P(outer), info->offset);
    if (Z_TYPE_P(n) != IS_OBJECT || !instanceof_function(Z_OBJCE_P(n), native_ce)) {
        zend_throw_error(NULL, "the Horde_ActiveSync_Wbxml_%s has no native codec", what);
        return NULL;
    }
    return Z_OBJ_P(n);
}

ZEND_METHOD(Horde_ActiveSync_Native_MessageCodec, encode)
{
    zend_object *message;
    zval *encoder, *mp;
    encode_ctx ctx;
    zend_property_info *info;

    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_OBJ(message)
        Z_PARAM_OBJECT(encoder)
    ZEND_PARSE_PARAMETERS_END();

    if (!(ctx.native = native_of(encoder, eas_ce_wbxml_encoder, "Encoder"))) {
        RETURN_THROWS();
    }
    ZVAL_COPY_VALUE(&ctx.encoder, encoder);
    ctx.multipart = 0;
    if (Z_OBJ_P(encoder) != ctx.native && (info = find_property(Z_OBJCE_P(encoder), "multipart")) != NULL) {
        mp = slot(Z_OBJ_P(encoder), info->offset);
        ctx.multipart = zend_is_true(mp);
    }
    GC_ADDREF(message);
    if (encode_object(&ctx, message, 0) != 0 && !EG(exception)) {
        eas_php_throw("Encoding a %s failed", ZSTR_VAL(message->ce->name));
    }
    OBJ_RELEASE(message);
}

/* --- decoding -------------------------------------------------------------- */

typedef struct {
    zval decoder;               /* the Horde_ActiveSync_Wbxml_Decoder (PHP) */
    zend_object *native;
    zval child_options;         /* the constructor options of sub-messages ... */
    zval options_version;       /* ... built for this version ... */
    zval options_logger;        /* ... and this logger */
} decode_ctx;

static int decode_object(decode_ctx *ctx, zend_object *obj, int depth);

static zend_long element_type(zval *el)
{
    zval *t;
    if (Z_TYPE_P(el) != IS_ARRAY || (t = zend_hash_index_find(Z_ARRVAL_P(el), EN_TYPE)) == NULL) {
        return 0;
    }
    return zval_get_long(t);
}

static int element_has_content(zval *el)
{
    zval *f = Z_TYPE_P(el) == IS_ARRAY ? zend_hash_index_find(Z_ARRVAL_P(el), EN_FLAGS) : NULL;
    return f && (zval_get_long(f) & EN_FLAGS_CONTENT);
}

/* Skips the rest of an element whose start tag (with content) was read. */
static int skip_element(decode_ctx *ctx)
{
    unsigned depth = 1;

    while (depth > 0) {
        zval el;
        zend_long type;
        if (eas_php_decoder_next(ctx->native, 0, &el, NULL) != 0) {
            return -1;
        }
        if (Z_TYPE(el) == IS_FALSE) {
            return 0;
        }
        type = element_type(&el);
        if (type == EN_TYPE_STARTTAG && element_has_content(&el)) {
            depth++;
        } else if (type == EN_TYPE_ENDTAG) {
            depth--;
        }
        zval_ptr_dtor(&el);
    }
    return 0;
}

/* Calls $obj->decodeStream($decoder) in PHP (an override). */
static int decode_via_php(decode_ctx *ctx, zend_object *obj)
{
    zval ref, rv;
    int rc;

    ZVAL_NEW_REF(&ref, &ctx->decoder);
    Z_TRY_ADDREF(ctx->decoder);
    rc = call_method(obj, "decodeStream", &rv, 1, &ref);
    zval_ptr_dtor(&ref);
    if (rc == 0) {
        zval_ptr_dtor(&rv);
    }
    return rc;
}

/* The class of a child message; NULL when it cannot be one (logged). */
static zend_class_entry *child_class(zend_object *obj, zend_string *name, zend_class_entry **cache, int *missing)
{
    zend_class_entry *ce;

    if (*cache) {
        return *cache;
    }
    if (*missing || !name) {
        return NULL;
    }
    ce = zend_lookup_class(name);
    if (EG(exception)) {
        return NULL;
    }
    if (!ce || !instanceof_function(ce, get_state()->base_ce) ||
        (ce->ce_flags & (ZEND_ACC_INTERFACE | ZEND_ACC_TRAIT | ZEND_ACC_EXPLICIT_ABSTRACT_CLASS))) {
        *missing = 1;
        message_log(obj, "err", "%s maps to %s, which is not a message class", ZSTR_VAL(obj->ce->name),
                    ZSTR_VAL(name));
        return NULL;
    }
    *cache = ce;
    return ce;
}

/* The constructor options of a parent's sub-messages: its version and
 * logger, as Horde passes them. Built once per decode while they stay. */
static zval *child_options(decode_ctx *ctx, zend_object *parent)
{
    request_state *st = get_state();
    zval *version = slot(parent, st->off_version);
    zval *logger = slot(parent, st->off_logger);

    if (Z_TYPE(ctx->child_options) == IS_ARRAY && zend_is_identical(version, &ctx->options_version) &&
        zend_is_identical(logger, &ctx->options_logger)) {
        return &ctx->child_options;
    }
    zval_ptr_dtor(&ctx->child_options);
    zval_ptr_dtor(&ctx->options_version);
    zval_ptr_dtor(&ctx->options_logger);
    ZVAL_COPY(&ctx->options_version, version);
    ZVAL_COPY(&ctx->options_logger, logger);
    array_init_size(&ctx->child_options, 2);
    Z_TRY_ADDREF_P(version);
    add_assoc_zval(&ctx->child_options, "protocolversion", version);
    Z_TRY_ADDREF_P(logger);
    add_assoc_zval(&ctx->child_options, "logger", logger);
    return &ctx->child_options;
}

/* sealed_class(), remembered per class. */
static int sealed_cached(zend_class_entry *ce)
{
    request_state *st = get_state();
    zval *v = zend_hash_index_find(&st->sealed, (zend_ulong)(uintptr_t)ce);
    zval flag;

    if (v) {
        return Z_TYPE_P(v) == IS_TRUE;
    }
    ZVAL_BOOL(&flag, sealed_class(ce));
    zend_hash_index_add_new(&st->sealed, (zend_ulong)(uintptr_t)ce, &flag);
    return Z_TYPE(flag) == IS_TRUE;
}

/*
 * Builds a sub-message without calling its constructor, when that gives
 * the same object: the class is this package's (its constructors only set
 * the logger, the version and the version's mapping), an earlier message
 * of the class and version left its shape in Base::$_shapes, and the
 * parent's logger is one the constructor would keep as it is. 1 when
 * done, 0 when the constructor must run.
 */
static int new_child_from_shape(zend_object *parent, zend_class_entry *ce, zval *out)
{
    request_state *st = get_state();
    zval *version = slot(parent, st->off_version);
    zval *logger = slot(parent, st->off_logger);
    zend_class_entry *logger_ce, *old_scope;
    zend_property_info *info;
    zval *shapes, *by_class, *shape, *mapping, *properties;
    zend_string *logger_name;

    if (Z_TYPE_P(version) != IS_STRING || !zend_is_true(version) || Z_TYPE_P(logger) != IS_OBJECT ||
        !sealed_cached(ce)) {
        return 0;
    }
    logger_name = zend_string_init("Horde_ActiveSync_Log_Logger", sizeof("Horde_ActiveSync_Log_Logger") - 1, 0);
    logger_ce = zend_lookup_class_ex(logger_name, NULL, ZEND_FETCH_CLASS_NO_AUTOLOAD);
    zend_string_release(logger_name);
    if (!logger_ce || !instanceof_function(Z_OBJCE_P(logger), logger_ce)) {
        return 0;
    }
    old_scope = EG(fake_scope);
    EG(fake_scope) = st->base_ce;
    shapes = zend_std_get_static_property_with_info(st->base_ce, st->shapes_name, BP_VAR_IS, &info);
    EG(fake_scope) = old_scope;
    if (!shapes) {
        return 0;
    }
    ZVAL_DEREF(shapes);
    if (Z_TYPE_P(shapes) != IS_ARRAY || !(by_class = zend_hash_find(Z_ARRVAL_P(shapes), ce->name)) ||
        Z_TYPE_P(by_class) != IS_ARRAY || !(shape = zend_symtable_find(Z_ARRVAL_P(by_class), Z_STR_P(version))) ||
        Z_TYPE_P(shape) != IS_ARRAY || !(mapping = zend_hash_index_find(Z_ARRVAL_P(shape), 0)) ||
        !(properties = zend_hash_index_find(Z_ARRVAL_P(shape), 1))) {
        return 0;
    }
    if (object_init_ex(out, ce) != SUCCESS) {
        return 0;
    }
    {
        struct { uint32_t off; zval *value; } set[] = {
            { st->off_logger, logger }, { st->off_version, version },
            { st->off_mapping, mapping }, { st->off_properties, properties },
        };
        for (size_t i = 0; i < sizeof(set) / sizeof(set[0]); i++) {
            zval *dst = slot(Z_OBJ_P(out), set[i].off);
            zval_ptr_dtor(dst);
            ZVAL_COPY_DEREF(dst, set[i].value);
        }
    }
    return 1;
}

/* new $class(['protocolversion' => ..., 'logger' => ...]) with the
 * parent's commandType, as Horde builds sub-objects. */
static int new_child(decode_ctx *ctx, zend_object *parent, zend_class_entry *ce, zval *out)
{
    request_state *st = get_state();

    if (!new_child_from_shape(parent, ce, out)) {
        if (object_init_ex(out, ce) != SUCCESS) {
            return -1;
        }
        if (ce->constructor) {
            zend_call_known_instance_method_with_1_params(ce->constructor, Z_OBJ_P(out), NULL,
                                                          child_options(ctx, parent));
        }
        if (EG(exception)) {
            zval_ptr_dtor(out);
            ZVAL_UNDEF(out);
            return -1;
        }
    }
    {
        zval *cmd = slot(Z_OBJ_P(out), st->off_command);
        zval *mine = slot(parent, st->off_command);
        zval_ptr_dtor(cmd);
        ZVAL_COPY(cmd, mine);
    }
    return 0;
}

/* A child object from the element whose start tag was just read. With
 * has_content, decodes it; an empty element gives an empty object. */
static int decode_child(decode_ctx *ctx, zend_object *parent, zend_class_entry *ce, int has_content, int depth,
                        zval *out)
{
    if (new_child(ctx, parent, ce, out) != 0) {
        return -1;
    }
    if (has_content && decode_object(ctx, Z_OBJ_P(out), depth + 1) != 0) {
        zval_ptr_dtor(out);
        ZVAL_UNDEF(out);
        return -1;
    }
    return 0;
}

/* _parseDate() of the content. Takes over content. */
static int decode_date(decode_ctx *ctx, zend_object *obj, profile *p, zval *content, zval *out)
{
    eas_civil c;
    int rc;

    (void)ctx;
    if (Z_TYPE_P(content) != IS_STRING) {
        /* no content, or a stream: not a date */
        zval_ptr_dtor(content);
        ZVAL_FALSE(out);
        return 0;
    }
    if (p->dates != HOOK_PHP && eas_date_parse_utc(Z_STRVAL_P(content), Z_STRLEN_P(content), &c)) {
        zval_ptr_dtor(content);
        if (new_utc_date(&c, out) != 0) {
            return -1;
        }
        if (p->dates == HOOK_DATES_CONTACT) {
            zval *device = slot(obj, get_state()->off_device);
            if (zend_is_true(device) && Z_TYPE_P(device) == IS_OBJECT) {
                zval normalized;
                rc = call_method(Z_OBJ_P(device), "normalizePoomContactsDates", &normalized, 1, out);
                zval_ptr_dtor(out);
                if (rc != 0) {
                    ZVAL_UNDEF(out);
                    return -1;
                }
                ZVAL_COPY_VALUE(out, &normalized);
            }
        }
        return 0;
    }
    /* the general case: the object's own _parseDate() */
    rc = call_method(obj, "_parseDate", out, 1, content);
    zval_ptr_dtor(content);
    return rc;
}

/*
 * The end tag of an element whose value was read. What else a client put
 * in the element (more elements, stray content) is skipped and logged;
 * Horde gives up on the message there. Only input ending before the end
 * tag is an error.
 */
static int expect_end_or_throw(decode_ctx *ctx, zend_object *obj, map_entry *e)
{
    for (;;) {
        zval el;
        zend_long type;
        int rc = eas_php_decoder_end_tag(ctx->native);

        if (rc != 0) {
            return rc < 0 ? -1 : 0;
        }
        if (eas_php_decoder_next(ctx->native, 0, &el, NULL) != 0) {
            return -1;
        }
        if (Z_TYPE(el) == IS_FALSE) {
            message_log(obj, "err", "Unable to get end tag for %s.", ZSTR_VAL(e->key));
            eas_php_throw("Missing expected wbxml end tag");
            return -1;
        }
        type = element_type(&el);
        message_log(obj, "err", "%s: unexpected %s in %s; skipped", ZSTR_VAL(obj->ce->name),
                    type == EN_TYPE_STARTTAG ? "element" : "content", ZSTR_VAL(e->key));
        rc = type == EN_TYPE_STARTTAG && element_has_content(&el);
        zval_ptr_dtor(&el);
        if (rc && skip_element(ctx) != 0) {
            return -1;
        }
    }
}

/* Skips to the end tag of a container whose children did not match. */
static int skip_rest_of_container(decode_ctx *ctx, zend_object *obj, map_entry *e)
{
    message_log(obj, "err", "%s: unexpected element in %s; skipping to its end", ZSTR_VAL(obj->ce->name),
                ZSTR_VAL(e->key));
    for (;;) {
        zval el;
        zend_long type;
        if (eas_php_decoder_next(ctx->native, 0, &el, NULL) != 0) {
            return -1;
        }
        if (Z_TYPE(el) == IS_FALSE) {
            return 0;
        }
        type = element_type(&el);
        if (type == EN_TYPE_ENDTAG) {
            zval_ptr_dtor(&el);
            return 0;
        }
        if (type == EN_TYPE_STARTTAG && element_has_content(&el)) {
            zval_ptr_dtor(&el);
            if (skip_element(ctx) != 0) {
                return -1;
            }
            continue;
        }
        zval_ptr_dtor(&el);
    }
}

/*
 * An entry with KEY_VALUES: a container of values (or, without a
 * container, values side by side). start_has_content describes the start
 * tag the caller read: for PROPERTY_NO_CONTAINER it is the first value's.
 */
static int decode_values(decode_ctx *ctx, zend_object *obj, profile *p, map_entry *e, int start_has_content,
                         int depth)
{
    for (;;) {
        zval value, el;
        const eas_tag *tag = NULL;
        int value_has_content = 1;

        ZVAL_UNDEF(&value);
        if (e->multi_count) {
            /* a container of differently typed objects: up to its end tag */
            if (eas_php_decoder_next(ctx->native, 0, &el, &tag) != 0) {
                return -1;
            }
            if (Z_TYPE(el) == IS_FALSE) {
                return 0;
            }
            if (element_type(&el) == EN_TYPE_ENDTAG) {
                eas_php_decoder_unget(ctx->native, &el, NULL);
                break;
            }
            if (element_type(&el) != EN_TYPE_STARTTAG) {
                message_log(obj, "err", "%s: content where %s expects elements; ignored", ZSTR_VAL(obj->ce->name),
                            ZSTR_VAL(e->key));
                zval_ptr_dtor(&el);
                continue;
            }
            value_has_content = element_has_content(&el);
            zval_ptr_dtor(&el);
            if (!value_has_content) {
                /* <Add/>: an item without anything in it */
                message_log(obj, "notice", "%s: empty item in %s ignored", ZSTR_VAL(obj->ce->name),
                            ZSTR_VAL(e->key));
                continue;
            }
            {
                uint32_t k;
                zend_class_entry *ce = NULL;
                for (k = 0; k < e->multi_count; k++) {
                    if (tag && e->multi_tags[k] == tag) {
                        int missing = 0;
                        ce = child_class(obj, e->multi_classes[k], &e->multi_ces[k], &missing);
                        break;
                    }
                }
                if (EG(exception)) {
                    return -1;
                }
                if (!ce) {
                    /* Horde: "Error in message map configuration" */
                    message_log(obj, "err", "%s: unexpected %s in %s; skipped", ZSTR_VAL(obj->ce->name),
                                tag ? tag->name : "element", ZSTR_VAL(e->key));
                    if (value_has_content && skip_element(ctx) != 0) {
                        return -1;
                    }
                    continue;
                }
                if (decode_child(ctx, obj, ce, value_has_content, depth, &value) != 0) {
                    return -1;
                }
            }
        } else {
            if (!e->no_container) {
                int rc = eas_php_decoder_start_tag(ctx->native, e->value_tag, &el);
                if (rc < 0) {
                    return -1;
                }
                if (rc == 0) {
                    /* the container's end, or something that is no value:
                     * Horde stops there; we skip it and read on */
                    zend_long type;
                    if (eas_php_decoder_next(ctx->native, 0, &el, &tag) != 0) {
                        return -1;
                    }
                    if (Z_TYPE(el) == IS_FALSE) {
                        break;
                    }
                    type = element_type(&el);
                    if (type == EN_TYPE_ENDTAG) {
                        eas_php_decoder_unget(ctx->native, &el, NULL);
                        break;
                    }
                    if (type == EN_TYPE_STARTTAG) {
                        value_has_content = element_has_content(&el);
                        zval_ptr_dtor(&el);
                        message_log(obj, "err", "%s: unexpected %s in %s; skipped", ZSTR_VAL(obj->ce->name),
                                    tag ? tag->name : "element", ZSTR_VAL(e->key));
                        if (value_has_content && skip_element(ctx) != 0) {
                            return -1;
                        }
                    } else {
                        zval_ptr_dtor(&el);
                        message_log(obj, "err", "%s: content where %s expects elements; ignored",
                                    ZSTR_VAL(obj->ce->name), ZSTR_VAL(e->key));
                    }
                    continue;
                }
                value_has_content = element_has_content(&el);
                zval_ptr_dtor(&el);
            } else {
                /* the caller read the start tag, and only calls with content */
                value_has_content = start_has_content;
            }
            if (!value_has_content) {
                /* <Category/>, <Attendee/>: nothing to add, and no end tag follows */
                message_log(obj, "notice", "%s: empty item in %s ignored", ZSTR_VAL(obj->ce->name), ZSTR_VAL(e->key));
                if (e->no_container) {
                    break;
                }
                continue;
            }
            if (e->kind == KIND_CLASS &&
                child_class(obj, e->class_name, &e->class_ce, &e->class_missing) != NULL) {
                if (decode_child(ctx, obj, e->class_ce, value_has_content, depth, &value) != 0) {
                    return -1;
                }
            } else if (EG(exception)) {
                return -1;
            } else if (eas_php_decoder_content(ctx->native, &value) < 0) {
                return -1;
            }
        }
        if (append_value(obj, p, e, &value) != 0) {
            return -1;
        }
        if (expect_end_or_throw(ctx, obj, e) != 0) {
            return -1;
        }
        if (e->no_container) {
            /* the next sibling, if any, comes back through the caller's
             * loop, which maps it to this entry again */
            break;
        }
    }
    if (!e->no_container) {
        int rc = eas_php_decoder_end_tag(ctx->native);
        if (rc < 0) {
            return -1;
        }
        if (rc == 0) {
            /* Horde stops decoding the whole message here, silently */
            return skip_rest_of_container(ctx, obj, e);
        }
    }
    return 0;
}

static int decode_object(decode_ctx *ctx, zend_object *obj, int depth)
{
    profile *p;

    if (depth > MAX_OBJECT_DEPTH) {
        eas_php_throw("Message objects nested deeper than %d", MAX_OBJECT_DEPTH);
        return -1;
    }
    if (!(p = profile_of(obj))) {
        return -1;
    }
    if (depth > 0 && p->decode_stream != HOOK_BASE) {
        return decode_via_php(ctx, obj);
    }
    for (;;) {
        zval el, value;
        const eas_tag *tag = NULL;
        zend_long type;
        map_entry *e;
        int has_content, idx;

        if (eas_php_decoder_next(ctx->native, 1, &el, &tag) != 0) {
            return -1;
        }
        if (Z_TYPE(el) == IS_FALSE) {
            break;
        }
        type = element_type(&el);
        if (type == EN_TYPE_ENDTAG) {
            eas_php_decoder_unget(ctx->native, &el, NULL);
            break;
        }
        if (type != EN_TYPE_STARTTAG) {
            message_log(obj, "err", "Unexpected content in type");
            zval_ptr_dtor(&el);
            break;
        }
        has_content = element_has_content(&el);
        zval_ptr_dtor(&el);
        idx = tag ? p->by_tag[tag->id] : 0;
        e = idx ? &p->entries[idx - 1] : NULL;

        if (!e) {
            /* Horde gives up on the message here; a client's stray element
             * is skipped instead */
            message_log(obj, "err", "Tag %s unexpected in type XML type %s. Skipping it.",
                        tag ? tag->name : "(unknown)", ZSTR_VAL(obj->ce->name));
            if (has_content && skip_element(ctx) != 0) {
                return -1;
            }
            continue;
        }
        if (!has_content) {
            /* an empty element: a sane empty value */
            if (e->has_values) {
                array_init(&value);
                if (write_value(obj, p, e, &value) != 0) {
                    return -1;
                }
            } else if (e->kind == KIND_SCALAR || e->kind == KIND_DATE || e->kind == KIND_DATE_DASHES) {
                ZVAL_EMPTY_STRING(&value);
                if (write_value(obj, p, e, &value) != 0) {
                    return -1;
                }
            }
            continue;
        }
        if (e->has_values) {
            if (decode_values(ctx, obj, p, e, has_content, depth) != 0) {
                return -1;
            }
            continue;
        }
        switch (e->kind) {
        case KIND_DATE:
        case KIND_DATE_DASHES:
        case KIND_DATE_LOCAL: {
            zval content;
            if (eas_php_decoder_content(ctx->native, &content) < 0 ||
                decode_date(ctx, obj, p, &content, &value) != 0) {
                return -1;
            }
            break;
        }
        case KIND_HEX: {
            zval content;
            if (eas_php_decoder_content(ctx->native, &content) < 0) {
                return -1;
            }
            if (Z_TYPE(content) == IS_STRING) {
                zend_string *bin = zend_string_alloc((Z_STRLEN(content) + 1) / 2, 0);
                ZSTR_LEN(bin) = eas_hex_decode(Z_STRVAL(content), Z_STRLEN(content), (unsigned char *)ZSTR_VAL(bin));
                ZSTR_VAL(bin)[ZSTR_LEN(bin)] = '\0';
                ZVAL_STR(&value, bin);
            } else {
                ZVAL_EMPTY_STRING(&value);
            }
            zval_ptr_dtor(&content);
            break;
        }
        default:
            if (e->kind == KIND_CLASS && !e->has_values &&
                child_class(obj, e->class_name, &e->class_ce, &e->class_missing) != NULL) {
                if (decode_child(ctx, obj, e->class_ce, 1, depth, &value) != 0) {
                    return -1;
                }
                break;
            }
            if (EG(exception)) {
                return -1;
            }
            {
                int rc = eas_php_decoder_content(ctx->native, &value);
                if (rc < 0) {
                    return -1;
                }
                if (rc == 0) {
                    ZVAL_EMPTY_STRING(&value);
                    message_log(obj, "notice", "Unable to get expected content for %s: Setting to an empty string.",
                                ZSTR_VAL(e->key));
                }
            }
            break;
        }
        if (expect_end_or_throw(ctx, obj, e) != 0) {
            zval_ptr_dtor(&value);
            return -1;
        }
        if (write_value(obj, p, e, &value) != 0) {
            return -1;
        }
    }
    if (p->validate != HOOK_BASE) {
        int ok = run_check(obj, p->validate, "_validateDecodedValues");
        if (ok < 0) {
            return -1;
        }
        if (!ok) {
            eas_php_throw("Invalid values detected in %s.", ZSTR_VAL(obj->ce->name));
            return -1;
        }
    }
    return 0;
}

/* A declared, public, non-static property of the class, or NULL. */
static zend_property_info *public_property(zend_class_entry *ce, zend_string *name)
{
    zend_property_info *info = zend_hash_find_ptr(&ce->properties_info, name);
    return info && (info->flags & ZEND_ACC_PUBLIC) && !(info->flags & ZEND_ACC_STATIC) ? info : NULL;
}

/* A message's $_properties and $_exists, separated for writing. */
static void writable_arrays(zend_object *message, request_state *st, zval **props, zval **exists)
{
    *props = separated_array_slot(message, st->off_properties);
    *exists = separated_array_slot(message, st->off_exists);
}

/* Names assign() remembers the place of (a message has a dozen values). */
#define ASSIGN_HINTS 32

/* writable_arrays() for assign(): an empty $_exists is replaced by a new
 * array sized for count names. 1 when it was (the caller may then add
 * without a lookup), else 0. */
static int assign_arrays(zend_object *message, request_state *st, zval **props, zval **exists, uint32_t count)
{
    zval *zv = slot(message, st->off_exists);

    *props = separated_array_slot(message, st->off_properties);
    if (Z_TYPE_P(zv) == IS_ARRAY && zend_hash_num_elements(Z_ARRVAL_P(zv)) == 0) {
        zval_ptr_dtor(zv);
        array_init_size(zv, count);
        *exists = zv;
        return 1;
    }
    *exists = separated_array_slot(message, st->off_exists);
    return 0;
}

/* The value of key in props: at the bucket hint - 1 when it is still
 * there, else looked up; NULL when absent. */
static zval *hinted_slot(HashTable *props, uint32_t hint, zend_string *key)
{
    if (hint != 0 && hint != UINT32_MAX && hint - 1 < props->nNumUsed && !HT_IS_PACKED(props)) {
        Bucket *b = props->arData + hint - 1;
        if (Z_TYPE(b->val) != IS_UNDEF && b->key &&
            (b->key == key || (b->h == ZSTR_H(key) && zend_string_equal_content(b->key, key)))) {
            return &b->val;
        }
    }
    return zend_hash_find(props, key);
}

/* $message->$name = $value as code outside the class writes it (protected
 * and private names go to __set()). 0, or -1 with an exception. */
static int assign_from_outside(zend_object *message, zend_string *name, zval *value)
{
    zend_class_entry *old = EG(fake_scope);
    EG(fake_scope) = zend_standard_class_def;
    message->handlers->write_property(message, name, value, NULL);
    EG(fake_scope) = old;
    return EG(exception) ? -1 : 0;
}

ZEND_METHOD(Horde_ActiveSync_Native_MessageCodec, assign)
{
    zend_object *message;
    HashTable *values;
    zend_string *key;
    zend_ulong index;
    zval *value, *props, *exists, *v, t;
    request_state *st;
    profile *p;
    uint32_t hints[ASSIGN_HINTS], n;
    int fresh;

    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_OBJ(message)
        Z_PARAM_ARRAY_HT(values)
    ZEND_PARSE_PARAMETERS_END();

    if (!(p = profile_of(message))) {
        RETURN_THROWS();
    }
    if (p->set != HOOK_BASE) {
        /* A class with its own __set(): one assignment a value, in order. */
        ZEND_HASH_FOREACH_KEY_VAL(values, index, key, value) {
            zend_string *name = key ? zend_string_copy(key) : zend_long_to_str((zend_long)index);
            int failed;
            ZVAL_DEREF(value);
            failed = assign_from_outside(message, name, value);
            zend_string_release(name);
            if (failed) {
                RETURN_THROWS();
            }
        } ZEND_HASH_FOREACH_END();
        RETURN_NULL();
    }
    st = get_state();
    props = slot(message, st->off_properties);
    /* Every name first: an unknown one is returned and nothing is set.
     * Where each of the first ASSIGN_HINTS names was found is kept for the
     * writes: a public property (0), else its bucket in $_properties (+1),
     * which the separated copy has too unless PHP code ran in between
     * (checked per bucket, as property_slot() does). */
    n = 0;
    ZEND_HASH_FOREACH_KEY(values, index, key) {
        zval *found = NULL;
        if (!key) {
            RETURN_STR(zend_long_to_str((zend_long)index));
        }
        if (!public_property(message->ce, key)
            && (Z_TYPE_P(props) != IS_ARRAY || (found = zend_hash_find(Z_ARRVAL_P(props), key)) == NULL)) {
            RETURN_STR_COPY(key);
        }
        if (n < ASSIGN_HINTS) {
            hints[n] = found ? (uint32_t)((Bucket *)found - Z_ARRVAL_P(props)->arData) + 1 : 0;
        }
        n++;
    } ZEND_HASH_FOREACH_END();

    /* The two arrays are separated once, not per value; again only after
     * a public property's write, which is PHP's to do. A message's
     * $_exists is mostly still the empty one its class started with: then
     * it is made at its final size, and the names (an array's keys, so
     * distinct) go in without a lookup until PHP code may have run. */
    props = exists = NULL;
    fresh = 0;
    n = 0;
    ZEND_HASH_FOREACH_STR_KEY_VAL(values, key, value) {
        uint32_t hint = n < ASSIGN_HINTS ? hints[n] : UINT32_MAX;
        n++;
        ZVAL_DEREF(value);
        if (hint == 0 || (hint == UINT32_MAX && public_property(message->ce, key))) {
            /* a contact's categories, a message's flags */
            if (assign_from_outside(message, key, value) != 0) {
                RETURN_THROWS();
            }
            props = exists = NULL;
            fresh = 0;
            continue;
        }
        if (!props) {
            fresh = assign_arrays(message, st, &props, &exists, zend_hash_num_elements(values));
        }
        v = hinted_slot(Z_ARRVAL_P(props), hint, key);
        Z_TRY_ADDREF_P(value);
        if (v) {
            /* through a reference if one is there, as $this->_properties[$k] = $v */
            zval garbage;
            ZVAL_DEREF(v);
            ZVAL_COPY_VALUE(&garbage, v);
            ZVAL_COPY_VALUE(v, value);
            if (Z_TYPE(garbage) == IS_OBJECT || Z_TYPE(garbage) == IS_ARRAY) {
                /* a destructor may run PHP code: the arrays are taken again */
                props = NULL;
                fresh = 0;
            }
            zval_ptr_dtor(&garbage);
        } else {
            zend_hash_add_new(Z_ARRVAL_P(props), key, value);
        }
        if (!props) {
            writable_arrays(message, st, &props, &exists);
        }
        ZVAL_TRUE(&t);
        if (fresh) {
            zend_hash_add_new(Z_ARRVAL_P(exists), key, &t);
        } else {
            zend_hash_update(Z_ARRVAL_P(exists), key, &t);
        }
    } ZEND_HASH_FOREACH_END();
    RETURN_NULL();
}

ZEND_METHOD(Horde_ActiveSync_Native_MessageCodec, decode)
{
    zend_object *message;
    zval *decoder;
    decode_ctx ctx;

    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_OBJ(message)
        Z_PARAM_OBJECT(decoder)
    ZEND_PARSE_PARAMETERS_END();

    if (!(ctx.native = native_of(decoder, eas_ce_wbxml_decoder, "Decoder"))) {
        RETURN_THROWS();
    }
    ZVAL_COPY_VALUE(&ctx.decoder, decoder);
    ZVAL_UNDEF(&ctx.child_options);
    ZVAL_UNDEF(&ctx.options_version);
    ZVAL_UNDEF(&ctx.options_logger);
    GC_ADDREF(message);
    if (decode_object(&ctx, message, 0) != 0 && !EG(exception)) {
        eas_php_throw("Decoding a %s failed", ZSTR_VAL(message->ce->name));
    }
    OBJ_RELEASE(message);
    zval_ptr_dtor(&ctx.child_options);
    zval_ptr_dtor(&ctx.options_version);
    zval_ptr_dtor(&ctx.options_logger);
}

/* --- dates and time zones for PHP ----------------------------------------- */

ZEND_METHOD(Horde_ActiveSync_Native_MessageCodec, formatDate)
{
    zend_object *date;
    zend_long type;
    value_kind kind;
    char buf[EAS_DATE_TEXT_MAX];
    size_t len;

    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_OBJ(date)
        Z_PARAM_LONG(type)
    ZEND_PARSE_PARAMETERS_END();

    switch (type) {
    case TYPE_DATE: kind = KIND_DATE; break;
    case TYPE_DATE_DASHES: kind = KIND_DATE_DASHES; break;
    case TYPE_DATE_LOCAL: kind = KIND_DATE_LOCAL; break;
    default:
        zend_throw_exception(spl_ce_InvalidArgumentException, "Unidentified DATE_TYPE", 0);
        RETURN_THROWS();
    }
    if (!date_class() || !instanceof_function(date->ce, date_class())) {
        zend_argument_type_error(1, "must be a Horde_Date, %s given", ZSTR_VAL(date->ce->name));
        RETURN_THROWS();
    }
    if (format_date_native(date, kind, buf, &len) == 1) {
        RETURN_STRINGL(buf, len);
    }
    if (format_date_php(date, kind, return_value) != 0) {
        RETURN_THROWS();
    }
}

static void add_systemtime(zval *arr, const char *prefix, const eas_systemtime *t)
{
    char key[16];
    static const char *const names[8] = { "year", "month", "day", "week", "hour", "minute", "second", "millis" };
    const uint16_t values[8] = { t->year, t->month, t->day_of_week, t->day, t->hour, t->minute, t->second, t->millis };

    for (int i = 0; i < 8; i++) {
        snprintf(key, sizeof(key), "%s%s", prefix, names[i]);
        add_assoc_long(arr, key, values[i]);
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_MessageCodec, timezoneOffsets)
{
    zend_string *blob, *raw;
    zval *problem = NULL;
    eas_tzblob tz;
    int status;

    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_STR(blob)
        Z_PARAM_OPTIONAL
        Z_PARAM_ZVAL(problem)
    ZEND_PARSE_PARAMETERS_END();

    raw = php_base64_decode_ex((const unsigned char *)ZSTR_VAL(blob), ZSTR_LEN(blob), 0);
    if (!raw) {
        raw = ZSTR_EMPTY_ALLOC();
        status = 3;
        eas_tzblob_read((const unsigned char *)"", 0, &tz);
    } else {
        status = eas_tzblob_read((const unsigned char *)ZSTR_VAL(raw), ZSTR_LEN(raw), &tz);
        if (ZSTR_LEN(raw) == 0 && ZSTR_LEN(blob) > 0) {
            status = 3;
        }
    }
    zend_string_release(raw);
    if (problem) {
        ZEND_TRY_ASSIGN_REF_LONG(problem, status);
    }
    array_init_size(return_value, 23);
    add_assoc_long(return_value, "bias", tz.bias);
    add_assoc_stringl(return_value, "stdname", (const char *)tz.std_name, eas_tzblob_name_len(tz.std_name));
    add_systemtime(return_value, "std", &tz.std_date);
    add_assoc_long(return_value, "stdbias", tz.std_bias);
    add_assoc_stringl(return_value, "dstname", (const char *)tz.dst_name, eas_tzblob_name_len(tz.dst_name));
    add_systemtime(return_value, "dst", &tz.dst_date);
    add_assoc_long(return_value, "dstbias", tz.dst_bias);
    add_assoc_long(return_value, "timezone", tz.bias);
    add_assoc_long(return_value, "timezonedst", tz.dst_bias);
}

/* A field as pack() takes it: zval_get_long(), missing fields 0. */
static zend_long offset_field(HashTable *h, const char *name)
{
    zval *v = zend_hash_str_find(h, name, strlen(name));
    return v ? zval_get_long(v) : 0;
}

static void read_systemtime_offsets(HashTable *h, const char *prefix, eas_systemtime *t)
{
    char key[16];
    static const char *const names[7] = { "month", "day", "week", "hour", "minute", "second", "millis" };
    uint16_t *fields[7] = { &t->month, &t->day_of_week, &t->day, &t->hour, &t->minute, &t->second, &t->millis };

    /* Horde writes the year as 0 whatever the array says */
    t->year = 0;
    for (int i = 0; i < 7; i++) {
        snprintf(key, sizeof(key), "%s%s", prefix, names[i]);
        *fields[i] = (uint16_t)(offset_field(h, key) & 0xffff);
    }
}

ZEND_METHOD(Horde_ActiveSync_Native_MessageCodec, timezoneBlob)
{
    HashTable *offsets;
    eas_tzblob tz;
    unsigned char raw[EAS_TZBLOB_SIZE];
    zend_string *out;

    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(offsets)
    ZEND_PARSE_PARAMETERS_END();

    memset(&tz, 0, sizeof(tz));
    tz.bias = (int32_t)(uint32_t)(offset_field(offsets, "bias") & 0xffffffff);
    read_systemtime_offsets(offsets, "std", &tz.std_date);
    tz.std_bias = (int32_t)(uint32_t)(offset_field(offsets, "stdbias") & 0xffffffff);
    read_systemtime_offsets(offsets, "dst", &tz.dst_date);
    tz.dst_bias = (int32_t)(uint32_t)(offset_field(offsets, "dstbias") & 0xffffffff);
    eas_tzblob_write(&tz, raw);
    out = php_base64_encode(raw, sizeof(raw));
    RETURN_STR(out);
}

void eas_php_register_message(void)
{
    codec_ce = register_class_Horde_ActiveSync_Native_MessageCodec();
}
