/*
 * KQL parser: recursive descent over the re2c lexer.
 *
 *   query   := seq END
 *   seq     := or+                      implicit AND, loosest
 *   or      := and ( OR and )*
 *   and     := unary ( (AND | NEAR | ONEAR) unary )*
 *   unary   := (NOT | - | +) unary | primary
 *   primary := ( seq ) | restriction | word | phrase
 *
 * Recursion happens only through NOT, -, + and parentheses, each of which
 * counts towards max_depth, so the C stack is bounded by the options.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kql.h"
#include "kql_lexer.h"
#include "../common/eas_utf8.h"

typedef struct parser {
    kql_lexer lx;
    kql_token tok;  /* the current token */
    kql_token prev; /* the token before it */
    kql_query *q;
    const kql_options *opt;
    kql_error *err;
    uint32_t depth;
    /* inside prop:( ... ): the property and operator words turn into */
    uint8_t ctx_prop, ctx_op;
} parser;

#define NONE UINT32_MAX

void kql_options_init(kql_options *opt)
{
    memset(opt, 0, sizeof(*opt));
    opt->week_start = 1;
    opt->date_order = KQL_DATE_MDY;
    opt->max_length = KQL_DEFAULT_MAX_LENGTH;
    opt->max_depth = KQL_DEFAULT_MAX_DEPTH;
    opt->max_nodes = KQL_DEFAULT_MAX_NODES;
}

const char *kql_errcode_name(kql_errcode code)
{
    static const char *const names[KQL_E_COUNT] = {
        "none", "empty", "too-long", "too-deep", "too-complex", "encoding", "control-character",
        "unterminated-phrase", "unclosed-parenthesis", "unmatched-parenthesis", "empty-group",
        "missing-operand", "unknown-property", "missing-value", "empty-value", "bad-value", "bad-operator",
        "bad-range", "nested-property", "lone-wildcard", "no-memory",
    };
    return (unsigned)code < KQL_E_COUNT ? names[code] : "unknown";
}

const char *kql_prop_name(kql_prop prop)
{
    static const char *const names[KQL_P_COUNT] = {
        "", "from", "to", "cc", "bcc", "participants", "subject", "body", "attachment", "hasattachment",
        "received", "sent", "size", "category", "importance", "isread", "isflagged", "kind",
    };
    return (unsigned)prop < KQL_P_COUNT ? names[prop] : "";
}

const char *kql_op_name(kql_op op)
{
    static const char *const names[] = { ":", "=", "<>", "<", "<=", ">", ">=", ".." };
    return (unsigned)op < sizeof(names) / sizeof(names[0]) ? names[op] : "";
}

const char *kql_item_kind_name(kql_item_kind kind)
{
    static const char *const names[KQL_K_COUNT] = { "email", "meeting", "contact", "task", "note", "doc", "im" };
    return (unsigned)kind < KQL_K_COUNT ? names[kind] : "";
}

/* --- errors ----------------------------------------------------------- */

static int fail(parser *p, kql_errcode code, uint32_t offset, const char *fmt, ...) EAS_PRINTF(4, 5);

static int fail(parser *p, kql_errcode code, uint32_t offset, const char *fmt, ...)
{
    va_list ap;

    if (p->err->code != KQL_E_NONE) {
        return -1;
    }
    p->err->code = code;
    p->err->offset = offset;
    va_start(ap, fmt);
    vsnprintf(p->err->message, sizeof(p->err->message), fmt, ap);
    va_end(ap);
    return -1;
}

/* A token's text for messages: at most 40 bytes, cut at a character. */
static int excerpt(const parser *p, uint32_t pos, uint32_t len, const char **s)
{
    const unsigned char *b = (const unsigned char *)p->q->src + pos;

    if (len > 40) {
        len = 40;
        while (len > 0 && (b[len] & 0xC0) == 0x80) {
            len--;
        }
    }
    *s = (const char *)b;
    return (int)len;
}

static const char *token_name(const kql_token *t)
{
    switch (t->type) {
    case KQL_T_AND: return "AND";
    case KQL_T_OR: return "OR";
    case KQL_T_NOT: return "NOT";
    case KQL_T_NEAR: return "NEAR";
    case KQL_T_PLUS: return "+";
    case KQL_T_MINUS: return "-";
    case KQL_T_LPAREN: return "(";
    case KQL_T_RPAREN: return ")";
    default: return "operator";
    }
}

/* --- nodes ------------------------------------------------------------- */

static uint32_t new_node(parser *p, kql_kind kind, uint32_t pos, uint32_t len)
{
    kql_query *q = p->q;
    kql_node *n;

    if (q->count == q->cap) {
        uint32_t cap = q->cap * 2;
        kql_node *nodes;

        if (q->cap >= p->opt->max_nodes) {
            fail(p, KQL_E_TOO_COMPLEX, pos, "the query has more than %u parts", (unsigned)p->opt->max_nodes);
            return NONE;
        }
        if (cap > p->opt->max_nodes) {
            cap = p->opt->max_nodes;
        }
        if (q->nodes == q->block) {
            /* the first nodes share the block with the text: move out */
            nodes = eas_alloc(q->alloc, (size_t)cap * sizeof(*nodes));
            if (nodes) {
                memcpy(nodes, q->nodes, (size_t)q->count * sizeof(*nodes));
            }
        } else {
            nodes = eas_realloc(q->alloc, q->nodes, (size_t)cap * sizeof(*nodes));
        }
        if (!nodes) {
            fail(p, KQL_E_NOMEM, pos, "out of memory");
            return NONE;
        }
        q->nodes = nodes;
        q->cap = cap;
    }
    n = &q->nodes[q->count];
    memset(n, 0, sizeof(*n));
    n->kind = (uint8_t)kind;
    n->pos = pos;
    n->len = len;
    return q->count++;
}

static kql_node *node(parser *p, uint32_t i)
{
    return &p->q->nodes[i];
}

static uint32_t node_end(parser *p, uint32_t i)
{
    return node(p, i)->pos + node(p, i)->len;
}

/* A group (AND / OR) of one child and room for more. */
static uint32_t new_group(parser *p, kql_kind kind, uint32_t child)
{
    uint32_t g = new_node(p, kind, node(p, child)->pos, node(p, child)->len);

    if (g != NONE) {
        node(p, g)->first = child + 1;
        node(p, g)->count = 1;
    }
    return g;
}

static void group_append(parser *p, uint32_t g, uint32_t *last, uint32_t child)
{
    node(p, *last)->next = child + 1;
    *last = child;
    node(p, g)->count++;
    node(p, g)->len = node_end(p, child) - node(p, g)->pos;
}

static uint32_t new_not(parser *p, uint32_t pos, uint32_t child)
{
    uint32_t n = new_node(p, KQL_N_NOT, pos, 0);

    if (n != NONE) {
        node(p, n)->first = child + 1;
        node(p, n)->count = 1;
        node(p, n)->len = node_end(p, child) - pos;
    }
    return n;
}

/* --- tokens ------------------------------------------------------------ */

static void advance(parser *p)
{
    p->prev = p->tok;
    kql_lex(&p->lx, &p->tok);
}

static int enter(parser *p, uint32_t pos)
{
    if (++p->depth > p->opt->max_depth) {
        return fail(p, KQL_E_TOO_DEEP, pos, "nesting deeper than %u levels", (unsigned)p->opt->max_depth);
    }
    return 0;
}

static int is_binary(const kql_token *t)
{
    return t->type == KQL_T_AND || t->type == KQL_T_OR || t->type == KQL_T_NEAR;
}

static int is_operator(const kql_token *t)
{
    return is_binary(t) || t->type == KQL_T_NOT || t->type == KQL_T_PLUS || t->type == KQL_T_MINUS;
}

/* --- values ------------------------------------------------------------ */

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int equals_ci(const char *s, size_t len, const char *word)
{
    size_t i = 0;

    for (; i < len && word[i]; i++) {
        if (ascii_lower((unsigned char)s[i]) != word[i]) {
            return 0;
        }
    }
    return i == len && word[i] == '\0';
}

static int parse_bool(const char *s, size_t len, int64_t *v)
{
    if (equals_ci(s, len, "true") || equals_ci(s, len, "yes") || equals_ci(s, len, "1")) {
        *v = 1;
        return 0;
    }
    if (equals_ci(s, len, "false") || equals_ci(s, len, "no") || equals_ci(s, len, "0")) {
        *v = 0;
        return 0;
    }
    return -1;
}

static int parse_importance(const char *s, size_t len, int64_t *v)
{
    if (equals_ci(s, len, "low") || equals_ci(s, len, "0")) {
        *v = 0;
    } else if (equals_ci(s, len, "normal") || equals_ci(s, len, "1")) {
        *v = 1;
    } else if (equals_ci(s, len, "high") || equals_ci(s, len, "2")) {
        *v = 2;
    } else {
        return -1;
    }
    return 0;
}

static int parse_kind(const char *s, size_t len, int64_t *v)
{
    static const struct {
        const char *name;
        kql_item_kind kind;
    } kinds[] = {
        { "email", KQL_K_EMAIL }, { "emails", KQL_K_EMAIL }, { "mail", KQL_K_EMAIL },
        { "message", KQL_K_EMAIL }, { "messages", KQL_K_EMAIL }, { "meeting", KQL_K_MEETING },
        { "meetings", KQL_K_MEETING }, { "calendar", KQL_K_MEETING }, { "contact", KQL_K_CONTACT },
        { "contacts", KQL_K_CONTACT }, { "task", KQL_K_TASK }, { "tasks", KQL_K_TASK }, { "note", KQL_K_NOTE },
        { "notes", KQL_K_NOTE }, { "doc", KQL_K_DOC }, { "docs", KQL_K_DOC }, { "document", KQL_K_DOC },
        { "documents", KQL_K_DOC }, { "im", KQL_K_IM }, { "chat", KQL_K_IM }, { "chats", KQL_K_IM },
    };

    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (equals_ci(s, len, kinds[i].name)) {
            *v = kinds[i].kind;
            return 0;
        }
    }
    return -1;
}

/* Bytes with an optional unit (B, K/KB, M/MB, G/GB, any case; 1 KB = 1024). */
static int parse_size(const char *s, size_t len, int64_t *v)
{
    size_t i = 0;
    int64_t n = 0, unit = 1;

    while (i < len && s[i] >= '0' && s[i] <= '9') {
        if (n <= KQL_SIZE_LIMIT) {
            n = n * 10 + (s[i] - '0');
        }
        i++;
    }
    if (i == 0) {
        return -1;
    }
    if (i < len) {
        const char *u = s + i;
        size_t ul = len - i;

        if (equals_ci(u, ul, "b")) {
            unit = 1;
        } else if (equals_ci(u, ul, "k") || equals_ci(u, ul, "kb")) {
            unit = 1024;
        } else if (equals_ci(u, ul, "m") || equals_ci(u, ul, "mb")) {
            unit = 1024 * 1024;
        } else if (equals_ci(u, ul, "g") || equals_ci(u, ul, "gb")) {
            unit = 1024 * 1024 * 1024;
        } else {
            return -1;
        }
    }
    if (n > KQL_SIZE_LIMIT / unit) {
        return -2;
    }
    *v = n * unit;
    return 0;
}

static int is_text_prop(kql_prop prop)
{
    switch (prop) {
    case KQL_P_FROM:
    case KQL_P_TO:
    case KQL_P_CC:
    case KQL_P_BCC:
    case KQL_P_PARTICIPANTS:
    case KQL_P_SUBJECT:
    case KQL_P_BODY:
    case KQL_P_ATTACHMENT:
    case KQL_P_CATEGORY:
        return 1;
    default:
        return 0;
    }
}

static int is_date_prop(kql_prop prop)
{
    return prop == KQL_P_RECEIVED || prop == KQL_P_SENT;
}

/* "this" / "last" followed by week / month / year: the second word joins
 * the value (received:last month). Returns the bytes to add, or 0. */
static uint32_t keyword_tail(parser *p, const kql_token *v)
{
    const unsigned char *s = p->lx.cur, *w;
    static const char *const units[] = { "week", "month", "year" };
    size_t n = 0;

    if (v->type != KQL_T_WORD || v->prefix ||
        !(equals_ci(p->q->src + v->text, v->text_len, "this") || equals_ci(p->q->src + v->text, v->text_len, "last"))) {
        return 0;
    }
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    if (s == p->lx.cur) {
        return 0;
    }
    w = s;
    while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) {
        s++;
        n++;
    }
    if (!(*s == '\0' || *s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || *s == ')')) {
        return 0;
    }
    for (size_t i = 0; i < 3; i++) {
        if (equals_ci((const char *)w, n, units[i])) {
            return (uint32_t)(s - p->lx.cur);
        }
    }
    return 0;
}

/* --- the grammar ------------------------------------------------------- */

static uint32_t parse_seq(parser *p, int in_group);

/* A text value of a property (or free text when prop is KQL_P_NONE). */
static uint32_t text_leaf(parser *p, const kql_token *t, kql_prop prop, kql_op op, uint32_t pos)
{
    uint32_t n;

    if (t->text_len == 0) {
        if (t->prefix && t->type == KQL_T_WORD) {
            return fail(p, KQL_E_LONE_WILDCARD, t->pos, "a wildcard needs the beginning of a word before it"),
                   NONE;
        }
        return fail(p, KQL_E_EMPTY_VALUE, t->pos, "empty phrase"), NONE;
    }
    n = new_node(p, prop == KQL_P_NONE ? KQL_N_TEXT : KQL_N_PROP, pos, t->pos + t->len - pos);
    if (n != NONE) {
        kql_node *x = node(p, n);
        x->prop = (uint8_t)prop;
        x->op = (uint8_t)op;
        x->vtype = KQL_V_TEXT;
        x->match = t->prefix ? KQL_M_PREFIX : t->type == KQL_T_PHRASE ? KQL_M_PHRASE : KQL_M_WORD;
        x->flags = t->type == KQL_T_PHRASE ? KQL_F_QUOTED : 0;
        x->text = t->text;
        x->text_len = t->text_len;
    }
    return n;
}

/* prop:( ... ): the words inside restrict the property. */
static uint32_t property_group(parser *p, const kql_token *pt)
{
    uint32_t lparen = (uint32_t)(p->lx.cur - p->lx.base) - 1, n;
    uint8_t saved_prop = p->ctx_prop, saved_op = p->ctx_op;
    kql_op op = (kql_op)pt->op;

    if (!is_text_prop((kql_prop)pt->prop) || op == KQL_OP_LT || op == KQL_OP_LE || op == KQL_OP_GT ||
        op == KQL_OP_GE) {
        return fail(p, KQL_E_BAD_OPERATOR, lparen, "%s takes no parenthesized list after %s",
                    kql_prop_name((kql_prop)pt->prop), kql_op_name(op)),
               NONE;
    }
    if (enter(p, lparen) != 0) {
        return NONE;
    }
    advance(p);
    if (p->tok.type == KQL_T_RPAREN) {
        return fail(p, KQL_E_EMPTY_GROUP, lparen, "empty parentheses"), NONE;
    }
    if (p->tok.type == KQL_T_END) {
        return fail(p, KQL_E_UNCLOSED_PAREN, lparen, "the parenthesis at byte %u is not closed", (unsigned)lparen),
               NONE;
    }
    p->ctx_prop = pt->prop;
    p->ctx_op = op == KQL_OP_NE ? KQL_OP_EQ : (uint8_t)op;
    n = parse_seq(p, 1);
    p->ctx_prop = saved_prop;
    p->ctx_op = saved_op;
    if (n == NONE) {
        return NONE;
    }
    if (p->tok.type != KQL_T_RPAREN) {
        return fail(p, KQL_E_UNCLOSED_PAREN, lparen, "the parenthesis at byte %u is not closed", (unsigned)lparen),
               NONE;
    }
    advance(p);
    p->depth--;
    if (op == KQL_OP_NE) {
        n = new_not(p, pt->pos, n);
    }
    return n;
}

/* The typed value of a restriction; v is its first (or only) token, w the
 * end of a range or NULL. */
static int typed_value(parser *p, kql_node *x, const kql_token *v, const kql_token *w, uint32_t tail)
{
    const char *s = p->q->src + v->text;
    kql_prop prop = (kql_prop)x->prop;
    kql_op op = (kql_op)x->op;
    const char *pname = kql_prop_name(prop);
    const char *ex;
    int exl;

    if (v->prefix || (w && w->prefix)) {
        return fail(p, KQL_E_BAD_VALUE, v->pos, "%s takes no wildcard", pname);
    }
    if (is_date_prop(prop)) {
        int64_t lo, hi, lo2, hi2;

        x->vtype = KQL_V_DATE;
        if (kql_parse_date(s, v->text_len + tail, p->opt, &lo, &hi) != 0) {
            exl = excerpt(p, v->text, v->text_len + tail, &ex);
            return fail(p, KQL_E_BAD_VALUE, v->pos, "'%.*s' is not a date", exl, ex);
        }
        switch (op) {
        case KQL_OP_GT: x->lo = hi; x->hi = KQL_DAY_MAX; break;
        case KQL_OP_GE: x->lo = lo; x->hi = KQL_DAY_MAX; break;
        case KQL_OP_LT: x->lo = KQL_DAY_MIN; x->hi = lo; break;
        case KQL_OP_LE: x->lo = KQL_DAY_MIN; x->hi = hi; break;
        case KQL_OP_RANGE:
            if (kql_parse_date(p->q->src + w->text, w->text_len, p->opt, &lo2, &hi2) != 0) {
                exl = excerpt(p, w->text, w->text_len, &ex);
                return fail(p, KQL_E_BAD_VALUE, w->pos, "'%.*s' is not a date", exl, ex);
            }
            if (hi2 <= lo) {
                return fail(p, KQL_E_BAD_RANGE, w->pos, "the range ends before it starts");
            }
            x->lo = lo;
            x->hi = hi2;
            break;
        default: x->lo = lo; x->hi = hi; break;
        }
        return 0;
    }
    if (prop == KQL_P_SIZE) {
        int64_t n, m;
        int r;

        x->vtype = KQL_V_SIZE;
        if ((r = parse_size(s, v->text_len, &n)) != 0) {
            exl = excerpt(p, v->text, v->text_len, &ex);
            return fail(p, KQL_E_BAD_VALUE, v->pos,
                        r == -2 ? "size '%.*s' is out of range" : "'%.*s' is not a size", exl, ex);
        }
        switch (op) {
        case KQL_OP_GT: x->lo = n + 1; x->hi = KQL_SIZE_MAX; break;
        case KQL_OP_GE: x->lo = n; x->hi = KQL_SIZE_MAX; break;
        case KQL_OP_LT: x->lo = 0; x->hi = n - 1; break;
        case KQL_OP_LE: x->lo = 0; x->hi = n; break;
        case KQL_OP_RANGE:
            if ((r = parse_size(p->q->src + w->text, w->text_len, &m)) != 0) {
                exl = excerpt(p, w->text, w->text_len, &ex);
                return fail(p, KQL_E_BAD_VALUE, w->pos,
                            r == -2 ? "size '%.*s' is out of range" : "'%.*s' is not a size", exl, ex);
            }
            if (m < n) {
                return fail(p, KQL_E_BAD_RANGE, w->pos, "the range ends before it starts");
            }
            x->lo = n;
            x->hi = m;
            break;
        default: x->lo = n; x->hi = n; break;
        }
        return 0;
    }
    switch (prop) {
    case KQL_P_HASATTACHMENT:
    case KQL_P_ISREAD:
    case KQL_P_ISFLAGGED:
        x->vtype = KQL_V_BOOL;
        if (parse_bool(s, v->text_len, &x->lo) != 0) {
            exl = excerpt(p, v->text, v->text_len, &ex);
            return fail(p, KQL_E_BAD_VALUE, v->pos, "%s takes true or false, not '%.*s'", pname, exl, ex);
        }
        return 0;
    case KQL_P_IMPORTANCE:
        x->vtype = KQL_V_IMPORTANCE;
        if (parse_importance(s, v->text_len, &x->lo) != 0) {
            exl = excerpt(p, v->text, v->text_len, &ex);
            return fail(p, KQL_E_BAD_VALUE, v->pos, "importance takes low, normal or high, not '%.*s'", exl, ex);
        }
        return 0;
    case KQL_P_KIND:
        x->vtype = KQL_V_KIND;
        if (parse_kind(s, v->text_len, &x->lo) != 0) {
            exl = excerpt(p, v->text, v->text_len, &ex);
            return fail(p, KQL_E_BAD_VALUE, v->pos, "'%.*s' is not a kind of item", exl, ex);
        }
        return 0;
    default:
        return 0;
    }
}

/* prop<op>value, prop<op>a..b, prop<op>(...): the lexer stands right after
 * the operator. */
static uint32_t restriction(parser *p)
{
    kql_token pt = p->tok, v, w;
    kql_prop prop = (kql_prop)pt.prop;
    kql_op op = (kql_op)pt.op;
    uint32_t op_pos = pt.pos + pt.text_len, tail = 0, n, end;
    int ranged = 0;
    const char *ex;
    int exl;

    if (p->ctx_prop != KQL_P_NONE) {
        return fail(p, KQL_E_NESTED_PROPERTY, pt.pos, "a property restriction inside %s:( ... )",
                    kql_prop_name((kql_prop)p->ctx_prop)),
               NONE;
    }
    if (prop == KQL_P_NONE) {
        exl = excerpt(p, pt.text, pt.text_len, &ex);
        return fail(p, KQL_E_UNKNOWN_PROPERTY, pt.pos, "unknown property '%.*s'", exl, ex), NONE;
    }
    kql_lex_value(&p->lx, &v);
    if (v.type == KQL_T_LPAREN) {
        return property_group(p, &pt);
    }
    if (v.type == KQL_T_UNTERMINATED) {
        return fail(p, KQL_E_UNTERMINATED_PHRASE, v.pos, "the quote at byte %u is not closed", (unsigned)v.pos),
               NONE;
    }
    if (v.type == KQL_T_END) {
        if (p->lx.cur[0] == '.' && p->lx.cur[1] == '.') {
            return fail(p, KQL_E_BAD_RANGE, v.pos, "the range has no start"), NONE;
        }
        return fail(p, KQL_E_MISSING_VALUE, v.pos, "%s%s needs a value right after the operator",
                    kql_prop_name(prop), kql_op_name(op)),
               NONE;
    }
    end = v.pos + v.len;
    if (p->lx.cur[0] == '.' && p->lx.cur[1] == '.') {
        uint32_t dots = (uint32_t)(p->lx.cur - p->lx.base);

        if (!(is_date_prop(prop) || prop == KQL_P_SIZE) || !(op == KQL_OP_COLON || op == KQL_OP_EQ)) {
            return fail(p, KQL_E_BAD_OPERATOR, dots, "%s%s takes no range", kql_prop_name(prop), kql_op_name(op)),
                   NONE;
        }
        p->lx.cur += 2;
        kql_lex_value(&p->lx, &w);
        if (w.type == KQL_T_UNTERMINATED) {
            return fail(p, KQL_E_UNTERMINATED_PHRASE, w.pos, "the quote at byte %u is not closed", (unsigned)w.pos),
                   NONE;
        }
        if (w.type != KQL_T_WORD && w.type != KQL_T_PHRASE) {
            return fail(p, KQL_E_BAD_RANGE, dots, "the range has no end"), NONE;
        }
        ranged = 1;
        op = KQL_OP_RANGE;
        end = w.pos + w.len;
    } else if (is_date_prop(prop) && (tail = keyword_tail(p, &v)) != 0) {
        p->lx.cur += tail;
        end += tail;
    }
    if (is_text_prop(prop)) {
        if (!(op == KQL_OP_COLON || op == KQL_OP_EQ || op == KQL_OP_NE)) {
            return fail(p, KQL_E_BAD_OPERATOR, op_pos, "%s takes no %s", kql_prop_name(prop), kql_op_name(op)),
                   NONE;
        }
        n = text_leaf(p, &v, prop, op == KQL_OP_NE ? KQL_OP_EQ : op, pt.pos);
    } else {
        if (!(is_date_prop(prop) || prop == KQL_P_SIZE) &&
            !(op == KQL_OP_COLON || op == KQL_OP_EQ || op == KQL_OP_NE)) {
            return fail(p, KQL_E_BAD_OPERATOR, op_pos, "%s takes no %s", kql_prop_name(prop), kql_op_name(op)),
                   NONE;
        }
        n = new_node(p, KQL_N_PROP, pt.pos, end - pt.pos);
        if (n != NONE) {
            kql_node *x = node(p, n);

            x->prop = (uint8_t)prop;
            x->op = (uint8_t)(op == KQL_OP_NE ? KQL_OP_EQ : op);
            /* the value as written: without quotes, or the whole a..b */
            x->text = ranged ? v.pos : v.text;
            x->text_len = ranged ? end - v.pos : v.text_len + tail;
            if (typed_value(p, x, &v, ranged ? &w : NULL, tail) != 0) {
                return NONE;
            }
        }
    }
    if (n != NONE && op == KQL_OP_NE) {
        n = new_not(p, pt.pos, n);
    }
    advance(p);
    return n;
}

static uint32_t parse_unary(parser *p);

static uint32_t primary(parser *p)
{
    kql_token t = p->tok;
    uint32_t n;

    switch (t.type) {
    case KQL_T_WORD:
    case KQL_T_PHRASE:
        n = text_leaf(p, &t, (kql_prop)p->ctx_prop, (kql_op)p->ctx_op, t.pos);
        if (n != NONE) {
            advance(p);
        }
        return n;
    case KQL_T_PROP:
        return restriction(p);
    case KQL_T_LPAREN:
        if (enter(p, t.pos) != 0) {
            return NONE;
        }
        advance(p);
        if (p->tok.type == KQL_T_RPAREN) {
            return fail(p, KQL_E_EMPTY_GROUP, t.pos, "empty parentheses"), NONE;
        }
        if (p->tok.type == KQL_T_END) {
            return fail(p, KQL_E_UNCLOSED_PAREN, t.pos, "the parenthesis at byte %u is not closed",
                        (unsigned)t.pos),
                   NONE;
        }
        n = parse_seq(p, 1);
        if (n == NONE) {
            return NONE;
        }
        if (p->tok.type != KQL_T_RPAREN) {
            return fail(p, KQL_E_UNCLOSED_PAREN, t.pos, "the parenthesis at byte %u is not closed",
                        (unsigned)t.pos),
                   NONE;
        }
        advance(p);
        p->depth--;
        return n;
    case KQL_T_UNTERMINATED:
        return fail(p, KQL_E_UNTERMINATED_PHRASE, t.pos, "the quote at byte %u is not closed", (unsigned)t.pos),
               NONE;
    case KQL_T_CONTROL:
        return fail(p, KQL_E_CONTROL, t.pos, "control character 0x%02x", (unsigned)(unsigned char)p->q->src[t.pos]),
               NONE;
    case KQL_T_LONE_SIGN:
        return fail(p, KQL_E_MISSING_OPERAND, t.pos, "%c must be written right before the term it applies to",
                    p->q->src[t.pos]),
               NONE;
    case KQL_T_END:
        if (is_operator(&p->prev)) {
            return fail(p, KQL_E_MISSING_OPERAND, p->prev.pos, "%s at byte %u has nothing after it",
                        token_name(&p->prev), (unsigned)p->prev.pos),
                   NONE;
        }
        return fail(p, KQL_E_EMPTY, t.pos, "empty query"), NONE;
    case KQL_T_RPAREN:
        if (is_operator(&p->prev)) {
            return fail(p, KQL_E_MISSING_OPERAND, p->prev.pos, "%s at byte %u has nothing after it",
                        token_name(&p->prev), (unsigned)p->prev.pos),
                   NONE;
        }
        return fail(p, KQL_E_UNMATCHED_PAREN, t.pos, "the parenthesis at byte %u closes nothing", (unsigned)t.pos),
               NONE;
    case KQL_T_AND:
    case KQL_T_OR:
    case KQL_T_NEAR:
        return fail(p, KQL_E_MISSING_OPERAND, t.pos, "%s at byte %u has nothing before it", token_name(&t),
                    (unsigned)t.pos),
               NONE;
    default:
        return fail(p, KQL_E_ENCODING, t.pos, "unexpected byte 0x%02x", (unsigned)(unsigned char)p->q->src[t.pos]),
               NONE;
    }
}

static uint32_t parse_unary(parser *p)
{
    kql_token t = p->tok;
    uint32_t n;

    if (t.type != KQL_T_NOT && t.type != KQL_T_MINUS && t.type != KQL_T_PLUS) {
        return primary(p);
    }
    if (enter(p, t.pos) != 0) {
        return NONE;
    }
    advance(p);
    if ((n = parse_unary(p)) == NONE) {
        return NONE;
    }
    p->depth--;
    if (t.type == KQL_T_PLUS) {
        node(p, n)->flags |= KQL_F_REQUIRED;
        return n;
    }
    return new_not(p, t.pos, n);
}

static uint32_t parse_and(parser *p)
{
    uint32_t left = parse_unary(p), g, last, right;

    if (left == NONE || !(p->tok.type == KQL_T_AND || p->tok.type == KQL_T_NEAR)) {
        return left;
    }
    if ((g = new_group(p, KQL_N_AND, left)) == NONE) {
        return NONE;
    }
    last = left;
    while (p->tok.type == KQL_T_AND || p->tok.type == KQL_T_NEAR) {
        advance(p);
        if ((right = parse_unary(p)) == NONE) {
            return NONE;
        }
        group_append(p, g, &last, right);
    }
    return g;
}

static uint32_t parse_or(parser *p)
{
    uint32_t left = parse_and(p), g, last, right;

    if (left == NONE || p->tok.type != KQL_T_OR) {
        return left;
    }
    if ((g = new_group(p, KQL_N_OR, left)) == NONE) {
        return NONE;
    }
    last = left;
    while (p->tok.type == KQL_T_OR) {
        advance(p);
        if ((right = parse_and(p)) == NONE) {
            return NONE;
        }
        group_append(p, g, &last, right);
    }
    return g;
}

/* Terms side by side: ANDed, except that restrictions of one property
 * written with ':' or '=' are ORed (MS-KQL 2.2.4: from:a from:b). The OR
 * takes the place of the first of them. */
static uint32_t parse_seq(parser *p, int in_group)
{
    uint32_t first = NONE, last = NONE, items = 0;
    uint32_t by_prop[KQL_P_COUNT], tail[KQL_P_COUNT];

    for (size_t i = 0; i < KQL_P_COUNT; i++) {
        by_prop[i] = NONE;
    }
    for (;;) {
        int starts_with_prop = p->tok.type == KQL_T_PROP;
        uint32_t n;
        kql_node *x;

        if (p->tok.type == KQL_T_END || (p->tok.type == KQL_T_RPAREN && in_group && items > 0)) {
            break;
        }
        if ((n = parse_or(p)) == NONE) {
            return NONE;
        }
        x = node(p, n);
        if (starts_with_prop && x->kind == KQL_N_PROP && p->ctx_prop == KQL_P_NONE &&
            (x->op == KQL_OP_COLON || x->op == KQL_OP_EQ) && !(x->flags & KQL_F_REQUIRED)) {
            uint8_t prop = x->prop; /* x moves when the node array grows */
            uint32_t f = by_prop[prop];

            if (f == NONE) {
                by_prop[prop] = n;
                tail[prop] = NONE;
            } else {
                if (tail[prop] == NONE) {
                    /* turn the first restriction's slot into the OR */
                    uint32_t clone = new_node(p, KQL_N_PROP, 0, 0);
                    uint32_t keep_next;

                    if (clone == NONE) {
                        return NONE;
                    }
                    keep_next = node(p, f)->next;
                    *node(p, clone) = *node(p, f);
                    node(p, clone)->next = 0;
                    node(p, f)->kind = KQL_N_OR;
                    node(p, f)->prop = 0;
                    node(p, f)->op = 0;
                    node(p, f)->vtype = 0;
                    node(p, f)->match = 0;
                    node(p, f)->flags = 0;
                    node(p, f)->text = node(p, f)->text_len = 0;
                    node(p, f)->lo = node(p, f)->hi = 0;
                    node(p, f)->first = clone + 1;
                    node(p, f)->count = 1;
                    node(p, f)->next = keep_next;
                    tail[prop] = clone;
                }
                node(p, tail[prop])->next = n + 1;
                tail[prop] = n;
                node(p, f)->count++;
                node(p, f)->len = node_end(p, n) - node(p, f)->pos;
                continue;
            }
        }
        if (first == NONE) {
            first = n;
        } else {
            node(p, last)->next = n + 1;
        }
        last = n;
        items++;
        if (p->tok.type == KQL_T_RPAREN && !in_group) {
            return fail(p, KQL_E_UNMATCHED_PAREN, p->tok.pos, "the parenthesis at byte %u closes nothing",
                        (unsigned)p->tok.pos),
                   NONE;
        }
    }
    if (items == 0) {
        /* callers never start a sequence at its end; this keeps it so */
        return fail(p, KQL_E_EMPTY, p->tok.pos, "empty query"), NONE;
    }
    if (items == 1) {
        return first;
    }
    {
        uint32_t g = new_node(p, KQL_N_AND, node(p, first)->pos, node_end(p, last) - node(p, first)->pos);

        if (g == NONE) {
            return NONE;
        }
        node(p, g)->first = first + 1;
        node(p, g)->count = items;
        return g;
    }
}

/* --- entry ------------------------------------------------------------- */

static uint32_t char_offset(const char *s, uint32_t bytes)
{
    uint32_t n = 0;

    for (uint32_t i = 0; i < bytes; i++) {
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    }
    return n;
}

static void finish_error(kql_query *q, const char *src, size_t len, kql_error *err)
{
    if (err->offset > len) {
        err->offset = (uint32_t)len;
    }
    err->char_offset = char_offset(src, err->offset);
    kql_query_free(q);
}

int kql_parse(kql_query *q, const char *src, size_t len, const kql_options *opt_in, const eas_allocator *alloc,
              kql_error *err)
{
    kql_options opt_default;
    const kql_options *opt = opt_in;
    kql_options bounded;
    parser p;
    size_t valid;
    const char *nul;
    uint32_t root;

    if (!opt) {
        kql_options_init(&opt_default);
        opt = &opt_default;
    }
    /* clamp the limits to what the implementation was built for */
    bounded = *opt;
    if (bounded.max_length == 0 || bounded.max_length > KQL_LIMIT_MAX_LENGTH) {
        bounded.max_length = bounded.max_length == 0 ? KQL_DEFAULT_MAX_LENGTH : KQL_LIMIT_MAX_LENGTH;
    }
    if (bounded.max_depth == 0 || bounded.max_depth > KQL_LIMIT_MAX_DEPTH) {
        bounded.max_depth = bounded.max_depth == 0 ? KQL_DEFAULT_MAX_DEPTH : KQL_LIMIT_MAX_DEPTH;
    }
    if (bounded.max_nodes < 4 || bounded.max_nodes > KQL_LIMIT_MAX_NODES) {
        bounded.max_nodes = bounded.max_nodes < 4 ? 4 : KQL_LIMIT_MAX_NODES;
    }
    opt = &bounded;

    memset(q, 0, sizeof(*q));
    memset(err, 0, sizeof(*err));
    q->alloc = alloc;
    memset(&p, 0, sizeof(p));
    p.q = q;
    p.opt = opt;
    p.err = err;

    if (len > opt->max_length) {
        fail(&p, KQL_E_TOO_LONG, opt->max_length, "the query is longer than %u bytes", (unsigned)opt->max_length);
        /* report the character position of the limit within valid text */
        valid = eas_utf8_valid_prefix((const unsigned char *)src, opt->max_length);
        err->offset = (uint32_t)valid;
        err->char_offset = char_offset(src, err->offset);
        return -1;
    }
    valid = eas_utf8_valid_prefix((const unsigned char *)src, len);
    if (valid != len) {
        fail(&p, KQL_E_ENCODING, (uint32_t)valid, "invalid UTF-8 at byte %u", (unsigned)valid);
        err->char_offset = char_offset(src, err->offset);
        return -1;
    }
    if ((nul = memchr(src, '\0', len)) != NULL) {
        fail(&p, KQL_E_CONTROL, (uint32_t)(nul - src), "control character 0x00");
        err->char_offset = char_offset(src, err->offset);
        return -1;
    }

    /* one allocation for the usual case: nodes for a query of this length, then the text */
    q->cap = 16 + (uint32_t)(len / 4);
    if (q->cap > opt->max_nodes) {
        q->cap = opt->max_nodes;
    }
    q->block = eas_alloc(alloc, (size_t)q->cap * sizeof(kql_node) + len + 1);
    if (!q->block) {
        fail(&p, KQL_E_NOMEM, 0, "out of memory");
        finish_error(q, src, len, err);
        return -1;
    }
    q->nodes = q->block;
    q->src = (char *)q->block + (size_t)q->cap * sizeof(kql_node);
    memcpy(q->src, src, len);
    q->src[len] = '\0';
    q->src_len = (uint32_t)len;
    p.lx.base = (const unsigned char *)q->src;
    p.lx.cur = p.lx.base;
    p.lx.lim = p.lx.base + len;

    kql_lex(&p.lx, &p.tok);
    if (p.tok.type == KQL_T_END) {
        fail(&p, KQL_E_EMPTY, 0, "empty query");
        finish_error(q, src, len, err);
        return -1;
    }
    root = parse_seq(&p, 0);
    if (root == NONE) {
        finish_error(q, src, len, err);
        return -1;
    }
    q->root = root;
    return 0;
}

void kql_query_free(kql_query *q)
{
    if (q->alloc) {
        if (q->nodes != q->block) {
            eas_free(q->alloc, q->nodes);
        }
        eas_free(q->alloc, q->block);
    }
    q->block = NULL;
    q->nodes = NULL;
    q->src = NULL;
    q->count = q->cap = 0;
}
