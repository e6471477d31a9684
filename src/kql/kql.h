/*
 * Keyword Query Language (KQL) as EAS clients send it in Find's FreeText:
 * parsing into a normalized syntax tree, and translation to IMAP SEARCH.
 *
 * The parser follows Microsoft's KQL: operators are uppercase words (AND,
 * OR, NOT, NEAR, ONEAR), + and - mark required and excluded terms, NOT binds
 * tightest, then AND, then OR, and juxtaposition (the implicit AND) binds
 * loosest; restrictions on one property joined implicitly with ':' or '='
 * are ORed (MS-KQL 2.2.4). Property values must follow the operator without
 * a space. Dates resolve against a caller-supplied "now" and UTC offset so
 * that a query means the same thing in every test run.
 *
 * A parse never reads past the input, allocates once (bounded by the input
 * length and the node limit) and recurses at most max_depth levels.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_KQL_H
#define EAS_KQL_H

#include <stddef.h>
#include <stdint.h>

#include "../common/eas_alloc.h"
#include "../common/eas_buf.h"
#include "../common/eas_error.h"

#define KQL_DEFAULT_MAX_LENGTH 4096
#define KQL_DEFAULT_MAX_DEPTH 32
#define KQL_DEFAULT_MAX_NODES 256
/* Hard ceilings for the configurable limits. */
#define KQL_LIMIT_MAX_LENGTH 65536
#define KQL_LIMIT_MAX_DEPTH 256
#define KQL_LIMIT_MAX_NODES 16384

/* How numeric dates with slashes read: 3/4/2024. */
typedef enum {
    KQL_DATE_MDY = 0, /* March 4 (en-US, Horde 6's reading) */
    KQL_DATE_DMY = 1  /* 3 April */
} kql_date_order;

typedef struct kql_options {
    int64_t now;         /* Unix time the date keywords are relative to */
    int32_t tz_offset;   /* seconds east of UTC in effect at `now` */
    uint8_t week_start;  /* 0 = Sunday, 1 = Monday (default) */
    uint8_t date_order;  /* kql_date_order */
    uint32_t max_length; /* bytes */
    uint32_t max_depth;  /* nesting of parentheses and NOT / - */
    uint32_t max_nodes;  /* syntax tree nodes */
} kql_options;

void kql_options_init(kql_options *opt);

typedef enum {
    KQL_E_NONE = 0,
    KQL_E_EMPTY,               /* nothing but spaces */
    KQL_E_TOO_LONG,
    KQL_E_TOO_DEEP,
    KQL_E_TOO_COMPLEX,         /* more nodes than max_nodes */
    KQL_E_ENCODING,            /* not UTF-8 */
    KQL_E_CONTROL,             /* a control character */
    KQL_E_UNTERMINATED_PHRASE,
    KQL_E_UNCLOSED_PAREN,
    KQL_E_UNMATCHED_PAREN,
    KQL_E_EMPTY_GROUP,         /* () */
    KQL_E_MISSING_OPERAND,     /* AND / OR / NOT / + / - without what it joins */
    KQL_E_UNKNOWN_PROPERTY,
    KQL_E_MISSING_VALUE,       /* from: followed by a space or the end */
    KQL_E_EMPTY_VALUE,         /* "" */
    KQL_E_BAD_VALUE,           /* not a date, size, boolean, importance or kind */
    KQL_E_BAD_OPERATOR,        /* an operator the property does not take */
    KQL_E_BAD_RANGE,           /* a..b with b before a, or a missing bound */
    KQL_E_NESTED_PROPERTY,     /* from:(to:x) */
    KQL_E_LONE_WILDCARD,       /* * without a prefix */
    KQL_E_NOMEM,
    KQL_E_COUNT
} kql_errcode;

typedef struct kql_error {
    kql_errcode code;
    uint32_t offset;      /* byte offset in the query */
    uint32_t char_offset; /* the same position in characters (code points) */
    char message[EAS_ERROR_MESSAGE_MAX];
} kql_error;

/* A stable short name for each code ("unterminated-phrase", ...). */
const char *kql_errcode_name(kql_errcode code);

typedef enum {
    KQL_N_AND = 1,
    KQL_N_OR,
    KQL_N_NOT,
    KQL_N_TEXT, /* free text: a word, phrase or prefix */
    KQL_N_PROP  /* a property restriction */
} kql_kind;

typedef enum {
    KQL_P_NONE = 0,
    KQL_P_FROM,
    KQL_P_TO,
    KQL_P_CC,
    KQL_P_BCC,
    KQL_P_PARTICIPANTS,
    KQL_P_SUBJECT,
    KQL_P_BODY,
    KQL_P_ATTACHMENT, /* attachment, attachmentnames, attachments */
    KQL_P_HASATTACHMENT,
    KQL_P_RECEIVED,
    KQL_P_SENT,
    KQL_P_SIZE,
    KQL_P_CATEGORY,
    KQL_P_IMPORTANCE,
    KQL_P_ISREAD,
    KQL_P_ISFLAGGED,
    KQL_P_KIND,
    KQL_P_COUNT
} kql_prop;

/* Canonical property name ("from", ...). */
const char *kql_prop_name(kql_prop prop);

typedef enum {
    KQL_OP_COLON = 0, /* : contains */
    KQL_OP_EQ,        /* = */
    KQL_OP_NE,        /* <> (the tree holds NOT over = instead) */
    KQL_OP_LT,
    KQL_OP_LE,
    KQL_OP_GT,
    KQL_OP_GE,
    KQL_OP_RANGE      /* a..b */
} kql_op;

const char *kql_op_name(kql_op op);

/* How a text value matches. */
typedef enum {
    KQL_M_WORD = 0,
    KQL_M_PHRASE,
    KQL_M_PREFIX /* foo* */
} kql_match;

/* Value types of restrictions. */
typedef enum {
    KQL_V_TEXT = 0,   /* text: [text, text_len) */
    KQL_V_DATE,       /* days since 1970-01-01 in [lo, hi); unbounded: KQL_DAY_MIN / KQL_DAY_MAX */
    KQL_V_SIZE,       /* bytes in [lo, hi] inclusive; unbounded: 0 / KQL_SIZE_MAX */
    KQL_V_BOOL,       /* lo: 0 or 1 */
    KQL_V_IMPORTANCE, /* lo: 0 low, 1 normal, 2 high (EAS Importance) */
    KQL_V_KIND        /* lo: kql_item_kind */
} kql_vtype;

#define KQL_DAY_MIN INT64_MIN
#define KQL_DAY_MAX INT64_MAX
#define KQL_SIZE_MAX INT64_MAX
/* IMAP sizes are 32-bit numbers (RFC 3501 number). */
#define KQL_SIZE_LIMIT 4294967295LL

typedef enum {
    KQL_K_EMAIL = 0, /* email, emails, mail, message(s) */
    KQL_K_MEETING,   /* meeting(s), calendar */
    KQL_K_CONTACT,   /* contact(s) */
    KQL_K_TASK,      /* task(s) */
    KQL_K_NOTE,      /* note(s) */
    KQL_K_DOC,       /* doc(s), document(s) */
    KQL_K_IM,        /* im, chat */
    KQL_K_COUNT
} kql_item_kind;

const char *kql_item_kind_name(kql_item_kind kind);

#define KQL_F_REQUIRED 1 /* written with + */
#define KQL_F_QUOTED 2   /* the value was a phrase (also for a phrase prefix "a b"*) */

typedef struct kql_node {
    uint8_t kind;  /* kql_kind */
    uint8_t prop;  /* kql_prop (KQL_N_PROP) */
    uint8_t op;    /* kql_op as written (KQL_N_PROP) */
    uint8_t match; /* kql_match of text values */
    uint8_t vtype; /* kql_vtype (KQL_N_PROP) */
    uint8_t flags;
    uint16_t reserved;
    uint32_t pos, len;        /* the node's span in the query, bytes */
    uint32_t first, next;     /* first child / next sibling: index + 1, 0 for none */
    uint32_t count;           /* children of AND / OR / NOT */
    uint32_t text, text_len;  /* the value (text without quotes or *), or the value as written */
    int64_t lo, hi;
} kql_node;

typedef struct kql_query {
    void *block;        /* one allocation: the first nodes, then src */
    char *src;          /* a NUL-terminated copy of the query */
    uint32_t src_len;
    kql_node *nodes;
    uint32_t count;     /* nodes used */
    uint32_t cap;
    uint32_t root;      /* index of the root node */
    const eas_allocator *alloc;
} kql_query;

/* Parses `len` bytes of `src`. On success returns 0 and fills q (free it
 * with kql_query_free); on failure returns -1 with err set and q empty. */
int kql_parse(kql_query *q, const char *src, size_t len, const kql_options *opt, const eas_allocator *alloc,
              kql_error *err);

void kql_query_free(kql_query *q);

static inline const kql_node *kql_node_at(const kql_query *q, uint32_t index)
{
    return &q->nodes[index];
}

/* Civil date <-> days since 1970-01-01 (proleptic Gregorian). */
int64_t kql_days_from_civil(int64_t y, unsigned m, unsigned d);
void kql_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);

/* Resolves a date value (keyword, ISO, numeric or English month name) to
 * the days [lo, hi) it covers. Returns 0, or -1 when it is not a date. */
int kql_parse_date(const char *s, size_t len, const kql_options *opt, int64_t *lo, int64_t *hi);

/* Appends the tree in a compact form (see kql_tree.c); 0 or -1. */
int kql_render_tree(const kql_query *q, eas_buf *out);

/* --- translation to IMAP SEARCH ------------------------------------------ */

/* Search keys of the translation; every leaf may be negated. */
typedef enum {
    KQL_I_AND = 1,   /* count children follow */
    KQL_I_OR,        /* count children follow */
    KQL_I_TEXT,      /* TEXT str */
    KQL_I_BODY,      /* BODY str */
    KQL_I_HEADER,    /* header str: FROM, TO, CC, BCC, SUBJECT or HEADER name str */
    KQL_I_DATE,      /* SINCE / BEFORE / ON day (internal date) */
    KQL_I_SENTDATE,  /* SENTSINCE / SENTBEFORE / SENTON day (Date: header) */
    KQL_I_LARGER,    /* LARGER num */
    KQL_I_SMALLER,   /* SMALLER num */
    KQL_I_FLAG,      /* a system flag (SEEN, FLAGGED) or keyword: set unless negated */
    KQL_I_NONE       /* matches nothing: written SMALLER 0 */
} kql_imap_key;

typedef enum { KQL_D_SINCE = 0, KQL_D_BEFORE, KQL_D_ON } kql_imap_range;

typedef struct kql_imap_item {
    uint8_t key;      /* kql_imap_key */
    uint8_t negate;
    uint8_t range;    /* kql_imap_range for dates */
    uint8_t system;   /* KQL_I_FLAG: 1 for a system flag, 0 for a keyword */
    uint32_t count;   /* KQL_I_AND / KQL_I_OR: direct children */
    const char *name; /* header or flag name (static), or NULL */
    uint32_t str, str_len; /* the search text in kql_imap.strings */
    uint32_t orig, orig_len; /* KQL_I_FLAG keyword: the category as written (in strings) */
    int64_t num;      /* day or size */
} kql_imap_item;

/* The translation in prefix order: a group is followed by its children.
 * An empty plan (count 0) matches every message. */
typedef struct kql_imap {
    kql_imap_item *items;
    uint32_t count, cap;
    eas_buf strings;
    const eas_allocator *alloc;
} kql_imap;

/* Translates a parsed query. Negations are pushed to the leaves (each leaf
 * carries `negate`), constant parts are folded. Returns 0 or -1 (no memory). */
int kql_to_imap(const kql_query *q, kql_imap *out, const eas_allocator *alloc);
void kql_imap_free(kql_imap *plan);

/* Renders a plan as the search-key part of an IMAP SEARCH command, the way
 * Horde_Imap_Client_Search_Query writes it (OR operands in parentheses,
 * header names in capitals, astrings quoted when needed, non-ASCII strings
 * as literals {n}CRLF; "ALL" for an empty plan). Returns 0 or -1. */
int kql_imap_render(const kql_imap *plan, eas_buf *out);

/* The IMAP keyword Horde's IMAP adapter stores a category as: spaces become
 * underscores, characters an atom cannot hold are dropped, lowercase.
 * (Horde transliterates non-ASCII letters first; this drops them.) */
size_t kql_category_keyword(const char *s, size_t len, char *out, size_t cap);

#endif
