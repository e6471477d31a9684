/*
 * KQL to IMAP SEARCH (RFC 3501 search keys).
 *
 * The syntax tree is walked once with a "negated" flag, so NOT ends up on
 * the leaves (De Morgan), which is what Horde_Imap_Client_Search_Query can
 * express. Parts that always or never match are folded away. The mapping:
 *
 *   word / phrase / prefix*    TEXT (headers and body; IMAP matches
 *                              substrings, so a prefix is its text)
 *   from to cc bcc subject     FROM TO CC BCC SUBJECT
 *   body                       BODY
 *   participants               FROM or TO or CC or BCC
 *   attachment(names)          TEXT and HEADER Content-Type multipart/mixed
 *                              (file names live in MIME part headers,
 *                              which TEXT covers and BODY does not)
 *   hasattachment              HEADER Content-Type multipart/mixed
 *   received                   SINCE / BEFORE / ON (internal date)
 *   sent                       SENTSINCE / SENTBEFORE / SENTON (Date:)
 *   size                       LARGER / SMALLER
 *   category                   KEYWORD, named as Horde's IMAP adapter
 *                              stores categories
 *   importance                 X-Priority 1 / 5, or without X-Priority the
 *                              Importance header: how Horde derives the
 *                              EAS Importance of a mail
 *   isread / isflagged         SEEN / FLAGGED
 *   kind                       email: everything; meeting: a text/calendar
 *                              part; other kinds: nothing (a mailbox)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "kql.h"

enum { R_ONE = 1, R_TRUE, R_FALSE, R_ERR };

typedef struct tx {
    const kql_query *q;
    kql_imap *plan;
    int failed;
} tx;

/* An AND / OR group being emitted: its header item and state. */
typedef struct grp {
    uint32_t h;     /* index of the header item */
    uint8_t kind;   /* KQL_I_AND or KQL_I_OR as emitted */
    uint32_t count; /* children emitted */
    int done;       /* 0 while open; R_TRUE / R_FALSE once decided */
} grp;

static kql_imap_item *push(tx *t)
{
    kql_imap *pl = t->plan;
    kql_imap_item *it;

    if (t->failed) {
        return NULL;
    }
    if (pl->count == pl->cap) {
        uint32_t cap = pl->cap ? pl->cap * 2 : 16;
        kql_imap_item *items = eas_realloc(pl->alloc, pl->items, (size_t)cap * sizeof(*items));

        if (!items) {
            t->failed = 1;
            return NULL;
        }
        pl->items = items;
        pl->cap = cap;
    }
    it = &pl->items[pl->count++];
    memset(it, 0, sizeof(*it));
    return it;
}

static int add_string(tx *t, const char *s, size_t len, uint32_t *off, uint32_t *out_len)
{
    *off = (uint32_t)t->plan->strings.len;
    *out_len = (uint32_t)len;
    if (eas_buf_append(&t->plan->strings, s, len) != 0) {
        t->failed = 1;
        return -1;
    }
    return 0;
}

/* A child of g turned out as r. */
static void child(tx *t, grp *g, int r)
{
    if (r == R_ONE) {
        g->count++;
        return;
    }
    if ((r == R_TRUE && g->kind == KQL_I_OR) || (r == R_FALSE && g->kind == KQL_I_AND)) {
        /* absorbing: the group is decided, drop what it emitted */
        t->plan->count = g->h;
        g->done = r;
    }
}

static void open_group(tx *t, grp *parent, grp *g, kql_imap_key kind, int neg)
{
    kql_imap_item *it;

    g->kind = (uint8_t)(neg ? (kind == KQL_I_AND ? KQL_I_OR : KQL_I_AND) : kind);
    g->count = 0;
    g->done = parent->done;
    g->h = t->plan->count;
    if (g->done) {
        return;
    }
    if ((it = push(t)) != NULL) {
        it->key = g->kind;
    }
}

static void close_group(tx *t, grp *parent, grp *g)
{
    int r;

    if (parent->done) {
        return;
    }
    if (g->done) {
        r = g->done;
    } else if (g->count == 0) {
        t->plan->count = g->h;
        r = g->kind == KQL_I_AND ? R_TRUE : R_FALSE;
    } else if (g->count == 1) {
        /* a group of one is its child */
        kql_imap_item *items = t->plan->items;
        memmove(&items[g->h], &items[g->h + 1], (size_t)(t->plan->count - g->h - 1) * sizeof(*items));
        t->plan->count--;
        r = R_ONE;
    } else if (g->kind == parent->kind) {
        /* an AND in an AND (an OR in an OR) joins its parent */
        kql_imap_item *items = t->plan->items;
        memmove(&items[g->h], &items[g->h + 1], (size_t)(t->plan->count - g->h - 1) * sizeof(*items));
        t->plan->count--;
        parent->count += g->count;
        return;
    } else {
        t->plan->items[g->h].count = g->count;
        r = R_ONE;
    }
    child(t, parent, r);
}

static void constant(tx *t, grp *parent, int matches, int neg)
{
    if (!parent->done) {
        child(t, parent, (matches ^ neg) ? R_TRUE : R_FALSE);
    }
}

static kql_imap_item *leaf(tx *t, grp *parent, kql_imap_key key, int neg)
{
    kql_imap_item *it;

    if (parent->done || (it = push(t)) == NULL) {
        return NULL;
    }
    it->key = (uint8_t)key;
    it->negate = (uint8_t)(neg != 0);
    child(t, parent, R_ONE);
    return it;
}

static void text_leaf(tx *t, grp *parent, kql_imap_key key, const char *name, const char *s, size_t len, int neg)
{
    kql_imap_item *it = leaf(t, parent, key, neg);

    if (it) {
        it->name = name;
        add_string(t, s, len, &it->str, &it->str_len);
    }
}

static void header(tx *t, grp *parent, const char *name, const char *s, int neg)
{
    text_leaf(t, parent, KQL_I_HEADER, name, s, strlen(s), neg);
}

static void flag(tx *t, grp *parent, const char *name, int set, int neg)
{
    kql_imap_item *it = leaf(t, parent, KQL_I_FLAG, !set ^ neg);

    if (it) {
        it->name = name;
        it->system = 1;
    }
}

static void number_leaf(tx *t, grp *parent, kql_imap_key key, int64_t n, int neg)
{
    kql_imap_item *it = leaf(t, parent, key, neg);

    if (it) {
        it->num = n;
    }
}

static void date_leaf(tx *t, grp *parent, kql_imap_key key, kql_imap_range range, int64_t day, int neg)
{
    kql_imap_item *it = leaf(t, parent, key, neg);

    if (it) {
        it->range = (uint8_t)range;
        it->num = day;
    }
}

/* Horde reads X-Priority first (its digits: 1 high, 5 low, anything else
 * normal), then Importance (high, low). */
static void importance(tx *t, grp *parent, int level, int neg)
{
    grp any, fallback;

    if (level == 1) {
        grp both;
        open_group(t, parent, &both, KQL_I_AND, neg);
        importance(t, &both, 2, !neg);
        importance(t, &both, 0, !neg);
        close_group(t, parent, &both);
        return;
    }
    open_group(t, parent, &any, KQL_I_OR, neg);
    header(t, &any, "X-Priority", level == 2 ? "1" : "5", neg);
    open_group(t, &any, &fallback, KQL_I_AND, neg);
    header(t, &fallback, "X-Priority", "", !neg);
    header(t, &fallback, "Importance", level == 2 ? "high" : "low", neg);
    close_group(t, &any, &fallback);
    close_group(t, parent, &any);
}

static void date_range(tx *t, grp *parent, kql_imap_key key, int64_t lo, int64_t hi, int neg)
{
    grp g;

    if (lo == KQL_DAY_MIN && hi == KQL_DAY_MAX) {
        constant(t, parent, 1, neg);
        return;
    }
    if (lo != KQL_DAY_MIN && hi != KQL_DAY_MAX && hi == lo + 1) {
        date_leaf(t, parent, key, KQL_D_ON, lo, neg);
        return;
    }
    open_group(t, parent, &g, KQL_I_AND, neg);
    if (lo != KQL_DAY_MIN) {
        date_leaf(t, &g, key, KQL_D_SINCE, lo, neg);
    }
    if (hi != KQL_DAY_MAX) {
        date_leaf(t, &g, key, KQL_D_BEFORE, hi, neg);
    }
    close_group(t, parent, &g);
}

static void size_range(tx *t, grp *parent, int64_t lo, int64_t hi, int neg)
{
    grp g;

    open_group(t, parent, &g, KQL_I_AND, neg);
    if (lo > 0) {
        number_leaf(t, &g, KQL_I_LARGER, lo - 1, neg);
    }
    if (hi < KQL_SIZE_LIMIT) {
        if (hi < 0) {
            constant(t, &g, 0, neg); /* smaller than nothing */
        } else {
            number_leaf(t, &g, KQL_I_SMALLER, hi + 1, neg);
        }
    }
    close_group(t, parent, &g);
}

size_t kql_category_keyword(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = 0;

    for (size_t i = 0; i < len && n + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == ' ') {
            c = '_';
        }
        if (c < 0x20 || c > 0x7e || strchr("(){%*\"\\]", c)) {
            continue;
        }
        out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    if (cap) {
        out[n] = '\0';
    }
    return n;
}

static void category(tx *t, grp *parent, const char *s, size_t len, int neg)
{
    eas_buf *strings = &t->plan->strings;
    uint32_t off = (uint32_t)strings->len;
    size_t n;
    kql_imap_item *it;

    /* the keyword is written straight into the string table */
    if (eas_buf_grow(strings, len + 1) != 0) {
        t->failed = 1;
        return;
    }
    n = kql_category_keyword(s, len, (char *)strings->data + off, len + 1);
    if (n == 0) {
        int ascii = 1;

        for (size_t i = 0; i < len; i++) {
            ascii &= (unsigned char)s[i] < 0x80;
        }
        if (ascii) {
            /* nothing Horde could have stored it as */
            constant(t, parent, 0, neg);
            return;
        }
        /* Horde transliterates first (Красный: krasnyj); PHP does that */
    }
    strings->len += n;
    if ((it = leaf(t, parent, KQL_I_FLAG, neg)) != NULL) {
        it->str = off;
        it->str_len = (uint32_t)n;
        add_string(t, s, len, &it->orig, &it->orig_len);
    }
}

static void property(tx *t, grp *parent, const kql_node *x, int neg)
{
    const char *v = t->q->src + x->text;
    size_t vl = x->text_len;
    grp g;

    switch ((kql_prop)x->prop) {
    case KQL_P_FROM: text_leaf(t, parent, KQL_I_HEADER, "FROM", v, vl, neg); return;
    case KQL_P_TO: text_leaf(t, parent, KQL_I_HEADER, "TO", v, vl, neg); return;
    case KQL_P_CC: text_leaf(t, parent, KQL_I_HEADER, "CC", v, vl, neg); return;
    case KQL_P_BCC: text_leaf(t, parent, KQL_I_HEADER, "BCC", v, vl, neg); return;
    case KQL_P_SUBJECT: text_leaf(t, parent, KQL_I_HEADER, "SUBJECT", v, vl, neg); return;
    case KQL_P_BODY: text_leaf(t, parent, KQL_I_BODY, NULL, v, vl, neg); return;
    case KQL_P_PARTICIPANTS:
        open_group(t, parent, &g, KQL_I_OR, neg);
        text_leaf(t, &g, KQL_I_HEADER, "FROM", v, vl, neg);
        text_leaf(t, &g, KQL_I_HEADER, "TO", v, vl, neg);
        text_leaf(t, &g, KQL_I_HEADER, "CC", v, vl, neg);
        text_leaf(t, &g, KQL_I_HEADER, "BCC", v, vl, neg);
        close_group(t, parent, &g);
        return;
    case KQL_P_ATTACHMENT:
        open_group(t, parent, &g, KQL_I_AND, neg);
        header(t, &g, "Content-Type", "multipart/mixed", neg);
        text_leaf(t, &g, KQL_I_TEXT, NULL, v, vl, neg);
        close_group(t, parent, &g);
        return;
    case KQL_P_HASATTACHMENT:
        header(t, parent, "Content-Type", "multipart/mixed", neg ^ !x->lo);
        return;
    case KQL_P_RECEIVED: date_range(t, parent, KQL_I_DATE, x->lo, x->hi, neg); return;
    case KQL_P_SENT: date_range(t, parent, KQL_I_SENTDATE, x->lo, x->hi, neg); return;
    case KQL_P_SIZE: size_range(t, parent, x->lo, x->hi, neg); return;
    case KQL_P_CATEGORY: category(t, parent, v, vl, neg); return;
    case KQL_P_IMPORTANCE: importance(t, parent, (int)x->lo, neg); return;
    case KQL_P_ISREAD: flag(t, parent, "SEEN", (int)x->lo, neg); return;
    case KQL_P_ISFLAGGED: flag(t, parent, "FLAGGED", (int)x->lo, neg); return;
    case KQL_P_KIND:
        if (x->lo == KQL_K_EMAIL) {
            constant(t, parent, 1, neg);
        } else if (x->lo == KQL_K_MEETING) {
            text_leaf(t, parent, KQL_I_TEXT, NULL, "text/calendar", 13, neg);
        } else {
            constant(t, parent, 0, neg);
        }
        return;
    default:
        constant(t, parent, 0, neg);
        return;
    }
}

static void emit(tx *t, grp *parent, uint32_t index, int neg)
{
    const kql_node *x = &t->q->nodes[index];
    grp g;

    if (parent->done || t->failed) {
        return;
    }
    switch ((kql_kind)x->kind) {
    case KQL_N_AND:
    case KQL_N_OR:
        open_group(t, parent, &g, x->kind == KQL_N_AND ? KQL_I_AND : KQL_I_OR, neg);
        for (uint32_t c = x->first; c != 0 && !g.done; c = t->q->nodes[c - 1].next) {
            emit(t, &g, c - 1, neg);
        }
        close_group(t, parent, &g);
        return;
    case KQL_N_NOT:
        emit(t, parent, x->first - 1, !neg);
        return;
    case KQL_N_TEXT:
        text_leaf(t, parent, KQL_I_TEXT, NULL, t->q->src + x->text, x->text_len, neg);
        return;
    case KQL_N_PROP:
        property(t, parent, x, neg);
        return;
    }
}

int kql_to_imap(const kql_query *q, kql_imap *out, const eas_allocator *alloc)
{
    tx t;
    grp root;

    memset(out, 0, sizeof(*out));
    out->alloc = alloc;
    eas_buf_init(&out->strings, alloc);
    t.q = q;
    t.plan = out;
    t.failed = 0;
    root.kind = KQL_I_AND;
    root.count = 0;
    root.done = 0;
    root.h = 0;
    if (push(&t)) {
        out->items[0].key = KQL_I_AND;
    }
    emit(&t, &root, q->root, 0);
    if (t.failed) {
        kql_imap_free(out);
        return -1;
    }
    if (root.done == R_FALSE) {
        kql_imap_item *it;
        out->count = 0;
        if ((it = push(&t)) == NULL) {
            kql_imap_free(out);
            return -1;
        }
        it->key = KQL_I_NONE;
    } else if (root.done == R_TRUE || root.count == 0) {
        out->count = 0;
    } else if (root.count == 1) {
        memmove(&out->items[0], &out->items[1], (size_t)(out->count - 1) * sizeof(out->items[0]));
        out->count--;
    } else {
        out->items[0].count = root.count;
    }
    return 0;
}

void kql_imap_free(kql_imap *plan)
{
    if (plan->alloc) {
        eas_free(plan->alloc, plan->items);
        eas_buf_free(&plan->strings);
    }
    plan->items = NULL;
    plan->count = plan->cap = 0;
}

/* --- rendering ---------------------------------------------------------- */

static int put(eas_buf *b, const char *s)
{
    return eas_buf_puts(b, s);
}

/* An astring as Horde_Imap_Client_Data_Format_Astring writes it. */
static int astring(eas_buf *b, const unsigned char *s, size_t len)
{
    int quote = len == 0, literal = 0;
    char head[24];

    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];

        if (c == '\r' || c == '\n' || c >= 0x80 || c == 0) {
            literal = 1;
        } else if (c < 0x20 || c == ' ' || c == '"' || c == '(' || c == ')' || c == '\\' || c == '{' ||
                   c == 0x7f || c == '%' || c == '*') {
            quote = 1;
        }
    }
    if (literal) {
        snprintf(head, sizeof(head), "{%zu}\r\n", len);
        return eas_buf_puts(b, head) || eas_buf_append(b, s, len);
    }
    if (!quote) {
        return eas_buf_append(b, s, len);
    }
    if (eas_buf_putc(b, '"')) {
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        if ((s[i] == '"' || s[i] == '\\') && eas_buf_putc(b, '\\')) {
            return -1;
        }
        if (eas_buf_putc(b, s[i])) {
            return -1;
        }
    }
    return eas_buf_putc(b, '"');
}

static int upper_astring(eas_buf *b, const char *s)
{
    char up[64];
    size_t n = 0;

    for (; s[n] && n < sizeof(up); n++) {
        up[n] = (char)(s[n] >= 'a' && s[n] <= 'z' ? s[n] - 32 : s[n]);
    }
    return astring(b, (const unsigned char *)up, n);
}

static int date(eas_buf *b, int64_t days)
{
    static const char *const months[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    char s[32];
    int64_t y;
    unsigned m, d;

    kql_civil_from_days(days, &y, &m, &d);
    snprintf(s, sizeof(s), "%u-%s-%lld", d, months[m - 1], (long long)y);
    return put(b, s);
}

static int is_system_header(const char *name)
{
    return name && (!strcmp(name, "FROM") || !strcmp(name, "TO") || !strcmp(name, "CC") || !strcmp(name, "BCC") ||
                    !strcmp(name, "SUBJECT"));
}

static int render_leaf(const kql_imap *pl, const kql_imap_item *it, eas_buf *b)
{
    static const char *const ranges[3] = { "SINCE ", "BEFORE ", "ON " };
    /* plans without strings have no string table at all */
    const unsigned char *str = pl->strings.data ? pl->strings.data + it->str : (const unsigned char *)"";
    char num[24];

    if (it->key == KQL_I_FLAG) {
        if (it->system) {
            return put(b, it->negate ? "UN" : "") || put(b, it->name);
        }
        /* an atom (the keyword holds only atom characters), in capitals as Horde's flag();
         * a category of letters only transliteration turns into ASCII is left empty */
        if (put(b, it->negate ? "UNKEYWORD " : "KEYWORD ") || (it->str_len == 0 && put(b, "\"\""))) {
            return -1;
        }
        for (uint32_t k = 0; k < it->str_len; k++) {
            if (eas_buf_putc(b, str[k] >= 'a' && str[k] <= 'z' ? str[k] - 32 : str[k])) {
                return -1;
            }
        }
        return 0;
    }
    if (it->negate && put(b, "NOT ")) {
        return -1;
    }
    switch ((kql_imap_key)it->key) {
    case KQL_I_TEXT:
        return put(b, "TEXT ") || astring(b, str, it->str_len);
    case KQL_I_BODY:
        return put(b, "BODY ") || astring(b, str, it->str_len);
    case KQL_I_HEADER:
        if (is_system_header(it->name)) {
            return put(b, it->name) || put(b, " ") || astring(b, str, it->str_len);
        }
        return put(b, "HEADER ") || upper_astring(b, it->name) || put(b, " ") || astring(b, str, it->str_len);
    case KQL_I_DATE:
        return put(b, ranges[it->range]) || date(b, it->num);
    case KQL_I_SENTDATE:
        return put(b, "SENT") || put(b, ranges[it->range]) || date(b, it->num);
    case KQL_I_LARGER:
    case KQL_I_SMALLER:
        snprintf(num, sizeof(num), "%lld", (long long)it->num);
        return put(b, it->key == KQL_I_LARGER ? "LARGER " : "SMALLER ") || put(b, num);
    case KQL_I_NONE:
        return put(b, "SMALLER 0");
    default:
        return -1;
    }
}

/* Renders the subtree at *i; `wrap` puts it in parentheses (an operand of
 * OR, where Horde nests each query as a list). */
static int render(const kql_imap *pl, uint32_t *i, eas_buf *b, int wrap, unsigned depth);

/* Horde's orSearch([c1..cn]) writes OR (cn) (OR (cn-1) (... OR (c2) (c1))). */
static int render_or(const kql_imap *pl, const uint32_t *child, uint32_t n, eas_buf *b, unsigned depth)
{
    uint32_t at;

    for (uint32_t k = n; k >= 2; k--) {
        at = child[k - 1];
        if (put(b, "OR ") || render(pl, &at, b, 1, depth + 1) || put(b, " (")) {
            return -1;
        }
    }
    at = child[0];
    if (render(pl, &at, b, 0, depth + 1)) {
        return -1;
    }
    for (uint32_t k = n; k >= 2; k--) {
        if (put(b, ")")) {
            return -1;
        }
    }
    return 0;
}

static uint32_t skip(const kql_imap *pl, uint32_t i)
{
    uint32_t pending = 1;

    while (pending > 0 && i < pl->count) {
        const kql_imap_item *it = &pl->items[i++];
        pending--;
        if (it->key == KQL_I_AND || it->key == KQL_I_OR) {
            pending += it->count;
        }
    }
    return i;
}

static int render(const kql_imap *pl, uint32_t *i, eas_buf *b, int wrap, unsigned depth)
{
    const kql_imap_item *it = &pl->items[*i];
    int r = 0;

    if (depth > 4 * KQL_LIMIT_MAX_DEPTH + 64) {
        return -1;
    }
    (*i)++;
    if (wrap && put(b, "(")) {
        return -1;
    }
    if (it->key == KQL_I_AND) {
        for (uint32_t c = 0; c < it->count && r == 0; c++) {
            r = (c > 0 && put(b, " ")) || render(pl, i, b, 0, depth + 1);
        }
    } else if (it->key == KQL_I_OR) {
        uint32_t stack[64], *child = stack, n = it->count;

        if (n > 64 && (child = eas_alloc(pl->alloc, (size_t)n * sizeof(*child))) == NULL) {
            return -1;
        }
        for (uint32_t c = 0; c < n; c++) {
            child[c] = *i;
            *i = skip(pl, *i);
        }
        r = render_or(pl, child, n, b, depth);
        if (child != stack) {
            eas_free(pl->alloc, child);
        }
    } else {
        r = render_leaf(pl, it, b);
    }
    if (r == 0 && wrap && put(b, ")")) {
        return -1;
    }
    return r ? -1 : 0;
}

int kql_imap_render(const kql_imap *plan, eas_buf *out)
{
    uint32_t i = 0;

    if (plan->count == 0) {
        return put(out, "ALL");
    }
    return render(plan, &i, out, 0, 0);
}
