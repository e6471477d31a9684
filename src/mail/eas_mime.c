/*
 * MIME structure scanner; see eas_mime.h for what it reads and how it
 * differs from Horde_Mime_Part::parseMessage().
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "eas_mime.h"

#include <stdio.h>
#include <string.h>

static const char *const field_names[EAS_MIME_F_COUNT] = {
    "content-type", "content-transfer-encoding", "content-description",
    "content-disposition", "content-duration", "content-id", "mime-version",
};

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* PHP's trim() set. */
static int php_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0' || c == '\x0b';
}

size_t eas_mime_eol_lf(const unsigned char *in, size_t len, unsigned char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = in[i];
        if (c == '\r') {
            out[o++] = '\n';
            if (i + 1 < len && in[i + 1] == '\n') {
                i++;
            }
        } else {
            out[o++] = c;
        }
    }
    return o;
}

void eas_mime_doc_init(eas_mime_doc *doc, const eas_allocator *alloc)
{
    memset(doc, 0, sizeof(*doc));
    doc->alloc = alloc;
    eas_buf_init(&doc->values, alloc);
}

void eas_mime_doc_free(eas_mime_doc *doc)
{
    eas_free(doc->alloc, doc->parts);
    eas_free(doc->alloc, doc->fields);
    eas_buf_free(&doc->values);
    doc->parts = NULL;
    doc->fields = NULL;
    doc->nparts = doc->nfields = doc->parts_cap = doc->fields_cap = 0;
}

static const unsigned char *find(const unsigned char *hay, size_t hlen, const unsigned char *needle, size_t nlen)
{
    if (nlen == 0 || hlen < nlen) {
        return NULL;
    }
    const unsigned char *end = hay + hlen - nlen + 1;
    for (const unsigned char *p = hay; p < end;) {
        p = memchr(p, needle[0], (size_t)(end - p));
        if (!p) {
            return NULL;
        }
        if (memcmp(p, needle, nlen) == 0) {
            return p;
        }
        p++;
    }
    return NULL;
}

/* ---- Content-Type parameters, read as Horde_Mime_ContentParam_Decode does ---- */

typedef struct {
    const unsigned char *s;
    size_t len, pos;
} cursor;

static int at(const cursor *c)
{
    return c->pos < c->len ? c->s[c->pos] : -1;
}

/* Whitespace and (nested, escaped) comments; 0 on an unterminated comment. */
static int skip_lwsp(cursor *c)
{
    for (;;) {
        int ch = at(c);
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
            c->pos++;
        } else if (ch == '(') {
            int level = 1;
            c->pos++;
            while (level > 0) {
                ch = at(c);
                if (ch < 0) {
                    return 0;
                }
                c->pos++;
                if (ch == '(') {
                    level++;
                } else if (ch == ')') {
                    level--;
                } else if (ch == '\\') {
                    if (at(c) < 0) {
                        return 0;
                    }
                    c->pos++;
                }
            }
        } else {
            return 1;
        }
    }
}

/* RFC 2045 token characters: printable ASCII but tspecials and space. */
static int token_char(int ch)
{
    if (ch <= 32 || ch >= 127) {
        return 0;
    }
    return strchr("\"(),/:;<=>?@[\\]", ch) == NULL;
}

static size_t parse_token(cursor *c, size_t *start)
{
    size_t i = c->pos;
    while (i < c->len && token_char(c->s[i])) {
        i++;
    }
    size_t n = i - c->pos;
    *start = c->pos;
    c->pos = i;
    if (n) {
        skip_lwsp(c);
    }
    return n;
}

int eas_mime_content_type(const char *value, size_t len, char *type, size_t type_size,
                          eas_buf *out, size_t *boundary_off, size_t *boundary_len)
{
    static const char octet[] = "application/octet-stream";
    const unsigned char *v = (const unsigned char *)value;
    const unsigned char *semi = memchr(v, ';', len);
    size_t head = semi ? (size_t)(semi - v) : len;
    size_t params_from;
    int found = 0;

    snprintf(type, type_size, "%s", octet);
    if (memchr(v, '=', head) == NULL) {
        size_t a = 0, b = head;
        while (a < b && php_space(v[a])) {
            a++;
        }
        while (b > a && php_space(v[b - 1])) {
            b--;
        }
        if (memchr(v + a, '/', b - a) && b - a < type_size) {
            for (size_t i = a; i < b; i++) {
                type[i - a] = (char)lower(v[i]);
            }
            type[b - a] = '\0';
        }
        params_from = semi ? head + 1 : len;
    } else {
        params_from = 0;
    }

    cursor c = { v + params_from, len - params_from, 0 };
    while (c.pos < c.len) {
        size_t name, name_len, val = 0, val_len = 0;
        if (!skip_lwsp(&c)) {
            break;
        }
        name_len = parse_token(&c, &name);
        if (name_len == 0 || at(&c) != '=') {
            break;
        }
        c.pos++;
        skip_lwsp(&c);
        size_t mark = out->len;
        if (at(&c) == '"') {
            int closed = 0;
            c.pos++;
            while (c.pos < c.len) {
                unsigned char ch = c.s[c.pos++];
                if (ch == '"') {
                    closed = 1;
                    break;
                }
                if (ch == '\n') {
                    if (out->len > mark && out->data[out->len - 1] == '\r') {
                        out->len--;
                    }
                    continue;
                }
                if (ch == '\\') {
                    if (c.pos >= c.len) {
                        break;
                    }
                    ch = c.s[c.pos++];
                }
                if (eas_buf_putc(out, ch) != 0) {
                    out->len = mark;
                    return found;
                }
            }
            if (!closed) {
                out->len = mark;
                break;
            }
            skip_lwsp(&c);
            val = mark;
            val_len = out->len - mark;
        } else {
            size_t start;
            val_len = parse_token(&c, &start);
            if (val_len == 0) {
                break;
            }
            val = out->len;
            if (eas_buf_append(out, c.s + start, val_len) != 0) {
                return found;
            }
        }
        /* The last "boundary" wins, as in Horde's case-insensitive array. */
        static const char want[] = "boundary";
        int match = name_len == 8;
        for (size_t i = 0; match && i < 8; i++) {
            match = lower(c.s[name + i]) == (unsigned char)want[i];
        }
        if (match) {
            *boundary_off = val;
            *boundary_len = val_len;
            found = 1;
        } else {
            out->len = mark;
        }
        if (at(&c) != ';') {
            break;
        }
        c.pos++;
    }
    return found;
}

/* ---- boundaries ---- */

int eas_mime_split(const unsigned char *body, size_t len, const unsigned char *boundary, size_t blen,
                   eas_mime_span_cb cb, void *ctx)
{
    /* "--" boundary at the start of a line opens a part when a line end
     * follows, closes the last one when "-" follows; the part before it
     * ends at the line end preceding the delimiter. */
    size_t slen = blen + 2, pos = 0;
    size_t open_start = 0, open_len = 0;
    int open = 0, has_len = 0;

    if (blen == 0 || len < slen) {
        return 0;
    }
    while (pos + slen <= len) {
        const unsigned char *hit = NULL;
        for (const unsigned char *p = body + pos; (p = find(p, len - (size_t)(p - body), (const unsigned char *)"--", 2));) {
            if ((size_t)(p - body) + slen <= len && memcmp(p + 2, boundary, blen) == 0) {
                hit = p;
                break;
            }
            p++;
        }
        if (!hit) {
            break;
        }
        pos = (size_t)(hit - body);
        if (pos != 0 && body[pos - 1] != '\n') {
            pos++;
            continue;
        }
        if (open) {
            open_len = pos > open_start ? pos - open_start - 1 : 0;
            has_len = 1;
        }
        pos += slen;
        if (pos >= len) {
            continue;
        }
        unsigned char next = body[pos];
        if (next == '\r' || next == '\n') {
            if (open && has_len && cb(ctx, open_start, open_len) != 0) {
                return -1;
            }
            pos += next == '\r' ? 2 : 1;
            open = 1;
            has_len = 0;
            open_start = pos > len ? len : pos;
        } else if (next == '-') {
            break;
        }
    }
    if (open && has_len && cb(ctx, open_start, open_len) != 0) {
        return -1;
    }
    return 0;
}

/* ---- entities ---- */

typedef struct {
    eas_mime_doc *doc;
    eas_mime_limits limits;
    eas_error *err;
} scanner;

static int new_part(scanner *sc, int32_t *index)
{
    eas_mime_doc *doc = sc->doc;
    if (doc->nparts >= sc->limits.max_parts) {
        eas_error_set(sc->err, EAS_ERR_LIMIT, 0, "MIME structure has more than %zu parts", sc->limits.max_parts);
        return -1;
    }
    if (doc->nparts == doc->parts_cap) {
        size_t cap = doc->parts_cap ? doc->parts_cap * 2 : 8;
        eas_mime_part *p = eas_realloc(doc->alloc, doc->parts, cap * sizeof(*p));
        if (!p) {
            eas_error_set(sc->err, EAS_ERR_NOMEM, 0, "out of memory");
            return -1;
        }
        doc->parts = p;
        doc->parts_cap = cap;
    }
    *index = (int32_t)doc->nparts++;
    memset(&doc->parts[*index], 0, sizeof(eas_mime_part));
    return 0;
}

static int new_field(scanner *sc, eas_mime_field **out)
{
    eas_mime_doc *doc = sc->doc;
    if (doc->nfields == doc->fields_cap) {
        size_t cap = doc->fields_cap ? doc->fields_cap * 2 : 16;
        eas_mime_field *f = eas_realloc(doc->alloc, doc->fields, cap * sizeof(*f));
        if (!f) {
            eas_error_set(sc->err, EAS_ERR_NOMEM, 0, "out of memory");
            return -1;
        }
        doc->fields = f;
        doc->fields_cap = cap;
    }
    *out = &doc->fields[doc->nfields++];
    return 0;
}

static int field_id(const unsigned char *name, size_t len)
{
    for (int id = 0; id < EAS_MIME_F_COUNT; id++) {
        const char *want = field_names[id];
        if (strlen(want) != len) {
            continue;
        }
        size_t i = 0;
        while (i < len && lower(name[i]) == (unsigned char)want[i]) {
            i++;
        }
        if (i == len) {
            return id;
        }
    }
    return -1;
}

static int value_append(scanner *sc, const unsigned char *s, size_t n)
{
    if (eas_buf_append(&sc->doc->values, s, n) != 0) {
        eas_error_set(sc->err, EAS_ERR_NOMEM, 0, "out of memory");
        return -1;
    }
    return 0;
}

static void value_close(eas_mime_doc *doc, eas_mime_field *f)
{
    if (!f) {
        return;
    }
    f->value_len = doc->values.len - f->value_off;
    while (f->value_len && php_space(doc->values.data[f->value_off + f->value_len - 1])) {
        f->value_len--;
    }
    doc->values.len = f->value_off + f->value_len;
}

/* Header lines as Horde_Mime_Headers::parseHeaders() reads them: a line
 * starting with a space or tab continues the previous field (joined by one
 * space), an empty line or a line "0" ends the block, the name is what
 * precedes the first colon. Only the fields of eas_mime_field_id are kept. */
static int read_fields(scanner *sc, int32_t index)
{
    eas_mime_doc *doc = sc->doc;
    eas_mime_part *part = &doc->parts[index];
    const unsigned char *p = doc->text + part->header_off, *end = p + part->header_len;
    eas_mime_field *cur = NULL;
    int in_field = 0;

    part->field_first = (uint32_t)doc->nfields;
    while (p < end) {
        const unsigned char *eol = memchr(p, '\n', (size_t)(end - p));
        const unsigned char *line = p, *lend = eol ? eol : end;
        p = eol ? eol + 1 : end;
        while (lend > line && lend[-1] == '\r') {
            lend--;
        }
        size_t n = (size_t)(lend - line);
        if (n == 0 || (n == 1 && line[0] == '0')) {
            break;
        }
        if (in_field && (line[0] == ' ' || line[0] == '\t')) {
            if (cur) {
                while (line < lend && php_space(*line)) {
                    line++;
                }
                if (value_append(sc, (const unsigned char *)" ", 1) != 0 ||
                    value_append(sc, line, (size_t)(lend - line)) != 0) {
                    return -1;
                }
            }
            continue;
        }
        value_close(doc, cur);
        cur = NULL;
        in_field = 1;
        const unsigned char *colon = memchr(line, ':', n);
        const unsigned char *text = colon ? colon + 1 : line + 1;
        int id = field_id(line, colon ? (size_t)(colon - line) : 0);
        if (id < 0) {
            continue;
        }
        if (new_field(sc, &cur) != 0) {
            return -1;
        }
        part = &doc->parts[index];
        cur->id = (uint8_t)id;
        cur->name = (const char *)line;
        cur->name_len = (size_t)(colon - line);
        cur->value_off = doc->values.len;
        while (text < lend && php_space(*text)) {
            text++;
        }
        if (value_append(sc, text, (size_t)(lend - text)) != 0) {
            return -1;
        }
    }
    value_close(doc, cur);
    part->field_count = (uint32_t)(doc->nfields - part->field_first);
    return 0;
}

typedef struct {
    scanner *sc;
    size_t base;
    int32_t parent;
    unsigned hlevel, depth;
    const char *default_type;
    int failed;
} child_ctx;

static int scan_entity(scanner *sc, size_t off, size_t len, int forcemime, int32_t parent,
                       unsigned hlevel, unsigned depth, const char *default_type);

static int on_child(void *ctx, size_t off, size_t len)
{
    child_ctx *c = ctx;
    if (scan_entity(c->sc, c->base + off, len, 1, c->parent, c->hlevel, c->depth, c->default_type) != 0) {
        c->failed = 1;
        return -1;
    }
    return 0;
}

static int scan_entity(scanner *sc, size_t off, size_t len, int forcemime, int32_t parent,
                       unsigned hlevel, unsigned depth, const char *default_type)
{
    eas_mime_doc *doc = sc->doc;
    const unsigned char *t = doc->text + off;
    int32_t index;
    if (new_part(sc, &index) != 0) {
        return -1;
    }
    eas_mime_part *part = &doc->parts[index];
    part->parent = parent;
    part->depth = (uint16_t)depth;
    part->header_off = off;

    if (len > 0 && t[0] == '\n') {
        /* no header fields: the body starts after the blank line */
        part->header_len = 0;
        part->body_off = off + 1;
        part->body_len = len - 1;
    } else {
        const unsigned char *blank = find(t, len, (const unsigned char *)"\n\n", 2);
        part->header_len = blank ? (size_t)(blank - t) : len;
        part->body_off = blank ? off + part->header_len + 2 : off + len;
        part->body_len = blank ? len - part->header_len - 2 : 0;
    }
    if (read_fields(sc, index) != 0) {
        return -1;
    }
    part = &doc->parts[index];

    const eas_mime_field *ctype = NULL;
    int has_version = 0;
    for (uint32_t i = 0; i < part->field_count; i++) {
        const eas_mime_field *f = &doc->fields[part->field_first + i];
        if (f->id == EAS_MIME_F_CONTENT_TYPE && !ctype) {
            ctype = f;
        } else if (f->id == EAS_MIME_F_MIME_VERSION) {
            has_version = 1;
        }
    }
    part->mime = (uint8_t)(forcemime || has_version);
    if (!part->mime) {
        snprintf(part->type, sizeof(part->type), "text/plain");
        return 0;
    }
    if (ctype) {
        size_t boff = 0, blen = 0;
        /* the boundary is written after the value: room first, so the
         * value does not move while it is read */
        if (eas_buf_grow(&doc->values, ctype->value_len + 1) != 0) {
            eas_error_set(sc->err, EAS_ERR_NOMEM, 0, "out of memory");
            return -1;
        }
        char type[sizeof(part->type)];
        int has = eas_mime_content_type((const char *)doc->values.data + ctype->value_off, ctype->value_len,
                                        type, sizeof(type), &doc->values, &boff, &blen);
        part = &doc->parts[index];
        snprintf(part->type, sizeof(part->type), "%s", type);
        part->has_boundary = (uint8_t)has;
        part->boundary_off = boff;
        part->boundary_len = blen;
    } else {
        snprintf(part->type, sizeof(part->type), "%s", default_type);
    }

    /* Horde reads no children from level NESTING_LIMIT on; this scanner
     * also stops at max_depth entities, counting message/rfc822 levels
     * that Horde does not count. */
    if (hlevel + 1 >= EAS_MIME_HORDE_NESTING || depth + 1 > sc->limits.max_depth) {
        return 0;
    }
    if (strncmp(part->type, "multipart/", 10) == 0) {
        if (!part->has_boundary || part->boundary_len == 0) {
            return 0;
        }
        part->kind = EAS_MIME_MULTIPART;
        child_ctx c = { sc, part->body_off, index, hlevel + 1, depth + 1,
                        strcmp(part->type, "multipart/digest") == 0 ? "message/rfc822" : "text/plain", 0 };
        /* The boundary lives in doc->values, which children may grow. */
        size_t blen = part->boundary_len;
        unsigned char small[80], *boundary = small;
        if (blen > sizeof(small)) {
            boundary = eas_alloc(doc->alloc, blen);
            if (!boundary) {
                eas_error_set(sc->err, EAS_ERR_NOMEM, 0, "out of memory");
                return -1;
            }
        }
        memcpy(boundary, doc->values.data + part->boundary_off, blen);
        int rc = eas_mime_split(doc->text + part->body_off, part->body_len, boundary, blen, on_child, &c);
        if (boundary != small) {
            eas_free(doc->alloc, boundary);
        }
        return (rc != 0 || c.failed) ? -1 : 0;
    }
    if (strcmp(part->type, "message/rfc822") == 0) {
        part->kind = EAS_MIME_MESSAGE;
        return scan_entity(sc, part->body_off, part->body_len, 1, index, 0, depth + 1, "text/plain");
    }
    return 0;
}

int eas_mime_scan(eas_mime_doc *doc, const unsigned char *text, size_t len, int forcemime,
                  const eas_mime_limits *limits, eas_error *err)
{
    scanner sc;
    sc.doc = doc;
    sc.err = err;
    sc.limits.max_depth = limits && limits->max_depth ? limits->max_depth : EAS_MIME_DEFAULT_MAX_DEPTH;
    sc.limits.max_parts = limits && limits->max_parts ? limits->max_parts : EAS_MIME_DEFAULT_MAX_PARTS;
    doc->text = text;
    doc->len = len;
    doc->nparts = doc->nfields = 0;
    doc->values.len = 0;
    return scan_entity(&sc, 0, len, forcemime, -1, 0, 0, "text/plain");
}
