/*
 * Streaming pull decoder for EAS WBXML.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../common/eas_buf.h"
#include "../common/eas_utf8.h"
#include "eas_wbxml_reader.h"

/* getbyte() results besides a byte value. */
#define RD_EOF  (-1)
#define RD_FAIL (-2)

struct eas_wbxml_reader {
    const eas_allocator *alloc;
    eas_source src;
    eas_wbxml_limits lim;

    unsigned char *buf;
    size_t cap;
    size_t pos;             /* unread bytes are buf[pos..end) */
    size_t end;
    uint64_t base;          /* input offset of buf[0] */
    int src_eof;

    eas_buf scratch;        /* text and opaque data spanning refills */
    eas_buf string_table;
    unsigned char entity[4];

    unsigned page;          /* active tag code page, wire number */
    const eas_tag **stack;  /* open elements */
    unsigned depth;
    int document;           /* a header was read: check the structure */
    int check_utf8;
    size_t opaque_inline_max;
    size_t opaque_left;     /* unread bytes of a streamed OPAQUE */
    uint64_t opaque_offset;

    eas_error err;
};

void eas_wbxml_limits_default(eas_wbxml_limits *limits)
{
    limits->max_string = EAS_WBXML_DEFAULT_MAX_STRING;
    limits->max_opaque = EAS_WBXML_DEFAULT_MAX_OPAQUE;
    limits->max_depth = EAS_WBXML_DEFAULT_MAX_DEPTH;
    limits->buffer_size = EAS_WBXML_DEFAULT_BUFFER;
}

eas_wbxml_reader *eas_wbxml_reader_new(const eas_allocator *alloc, eas_source source,
                                       const eas_wbxml_limits *limits)
{
    eas_wbxml_reader *r = eas_alloc(alloc, sizeof(*r));

    if (!r) {
        return NULL;
    }
    memset(r, 0, sizeof(*r));
    r->alloc = alloc;
    r->src = source;
    if (limits) {
        r->lim = *limits;
    } else {
        eas_wbxml_limits_default(&r->lim);
    }
    if (r->lim.buffer_size < 64) {
        r->lim.buffer_size = 64;
    }
    if (r->lim.max_depth == 0) {
        r->lim.max_depth = 1;
    }
    r->cap = r->lim.buffer_size;
    r->buf = eas_alloc(alloc, r->cap);
    r->stack = eas_alloc(alloc, sizeof(*r->stack) * r->lim.max_depth);
    if (!r->buf || !r->stack) {
        eas_free(alloc, r->buf);
        eas_free(alloc, r->stack);
        eas_free(alloc, r);
        return NULL;
    }
    eas_buf_init(&r->scratch, alloc);
    eas_buf_init(&r->string_table, alloc);
    r->check_utf8 = 1;
    r->opaque_inline_max = r->cap;
    return r;
}

void eas_wbxml_reader_free(eas_wbxml_reader *r)
{
    if (!r) {
        return;
    }
    eas_buf_free(&r->scratch);
    eas_buf_free(&r->string_table);
    eas_free(r->alloc, r->stack);
    eas_free(r->alloc, r->buf);
    eas_free(r->alloc, r);
}

void eas_wbxml_reader_set_opaque_inline_max(eas_wbxml_reader *r, size_t max)
{
    r->opaque_inline_max = max;
}

void eas_wbxml_reader_set_check_utf8(eas_wbxml_reader *r, int check)
{
    r->check_utf8 = check;
}

const eas_error *eas_wbxml_reader_error(const eas_wbxml_reader *r)
{
    return &r->err;
}

uint64_t eas_wbxml_reader_offset(const eas_wbxml_reader *r)
{
    return r->base + r->pos;
}

unsigned eas_wbxml_reader_depth(const eas_wbxml_reader *r)
{
    return r->depth;
}

const eas_tag *eas_wbxml_reader_open_tag(const eas_wbxml_reader *r, unsigned level)
{
    return level < r->depth ? r->stack[level] : NULL;
}

const unsigned char *eas_wbxml_reader_pending(const eas_wbxml_reader *r, size_t *len)
{
    *len = r->end - r->pos;
    return r->buf + r->pos;
}

/* Reads more input behind the unread bytes: bytes added, 0 at the end of
 * the input, -1 on error (recorded). */
static long refill(eas_wbxml_reader *r)
{
    long n;

    if (r->src_eof) {
        return 0;
    }
    if (r->pos > 0) {
        memmove(r->buf, r->buf + r->pos, r->end - r->pos);
        r->base += r->pos;
        r->end -= r->pos;
        r->pos = 0;
    }
    if (r->end == r->cap) {
        return 0;   /* callers never ask for more than a buffer's worth */
    }
    n = r->src.read(r->src.ctx, r->buf + r->end, r->cap - r->end);
    if (n < 0) {
        eas_error_set(&r->err, EAS_ERR_IO, r->base + r->end, "reading the input failed at byte %" PRIu64,
                      r->base + r->end);
        return -1;
    }
    if (n == 0) {
        r->src_eof = 1;
        return 0;
    }
    r->end += (size_t)n;
    return n;
}

int eas_wbxml_reader_at_end(eas_wbxml_reader *r)
{
    return r->pos == r->end && refill(r) == 0 && r->err.code == EAS_OK;
}

static int getbyte_slow(eas_wbxml_reader *r)
{
    long n = refill(r);
    if (n > 0) {
        return r->buf[r->pos++];
    }
    return n == 0 ? RD_EOF : RD_FAIL;
}

static inline int getbyte(eas_wbxml_reader *r)
{
    if (r->pos < r->end) {
        return r->buf[r->pos++];
    }
    return getbyte_slow(r);
}

static void truncated(eas_wbxml_reader *r, uint64_t started, const char *what)
{
    eas_error_set(&r->err, EAS_ERR_TRUNCATED, r->base + r->pos,
                  "input ends at byte %" PRIu64 " inside %s that started at byte %" PRIu64,
                  r->base + r->pos, what, started);
}

/* A byte that must be there: RD_FAIL (recorded) when the input ends. */
static int need_byte(eas_wbxml_reader *r, uint64_t started, const char *what)
{
    int b = getbyte(r);
    if (b == RD_EOF) {
        truncated(r, started, what);
        return RD_FAIL;
    }
    return b;
}

/* mb_u_int32: at most five bytes, value within 32 bits. */
static int read_mbuint(eas_wbxml_reader *r, uint32_t *out, const char *what)
{
    uint64_t started = r->base + r->pos;
    uint64_t v = 0;

    for (int i = 0; i < 5; i++) {
        int b = need_byte(r, started, what);
        if (b < 0) {
            return -1;
        }
        v = (v << 7) | (uint64_t)(b & 0x7f);
        if (v > UINT32_MAX) {
            break;
        }
        if (!(b & 0x80)) {
            *out = (uint32_t)v;
            return 0;
        }
    }
    eas_error_set(&r->err, EAS_ERR_SYNTAX, started,
                  "%s at byte %" PRIu64 " is not a valid mb_u_int32 (more than 32 bits)", what, started);
    return -1;
}

static void report_bad_utf8(eas_wbxml_reader *r, uint64_t at)
{
    eas_error_set(&r->err, EAS_ERR_ENCODING, at, "invalid UTF-8 in a string at byte %" PRIu64, at);
}

/* A NUL-terminated string: *out points into the buffer when the whole
 * string is buffered, else into the scratch buffer. */
static int read_termstr(eas_wbxml_reader *r, const unsigned char **out, size_t *len, uint64_t started)
{
    r->scratch.len = 0;
    for (;;) {
        size_t avail = r->end - r->pos;
        const unsigned char *p = memchr(r->buf + r->pos, 0, avail);
        size_t n = p ? (size_t)(p - (r->buf + r->pos)) : avail;

        if (r->scratch.len + n > r->lim.max_string) {
            eas_error_set(&r->err, EAS_ERR_LIMIT, started,
                          "string at byte %" PRIu64 " is longer than the limit of %zu bytes",
                          started, r->lim.max_string);
            return -1;
        }
        if (p && r->scratch.len == 0) {
            *out = r->buf + r->pos;
            *len = n;
            r->pos += n + 1;
            return 0;
        }
        if (eas_buf_append(&r->scratch, r->buf + r->pos, n) != 0) {
            eas_error_set(&r->err, EAS_ERR_NOMEM, started, "out of memory reading the string at byte %" PRIu64,
                          started);
            return -1;
        }
        if (p) {
            r->pos += n + 1;
            *out = r->scratch.data;
            *len = r->scratch.len;
            return 0;
        }
        r->pos = r->end;
        long got = refill(r);
        if (got <= 0) {
            if (got == 0) {
                truncated(r, started, "a string");
            }
            return -1;
        }
    }
}

/* Consumes len bytes without keeping them. */
static int skip_bytes(eas_wbxml_reader *r, uint64_t len, uint64_t started, const char *what)
{
    while (len > 0) {
        size_t avail = r->end - r->pos;
        if (avail == 0) {
            long got = refill(r);
            if (got <= 0) {
                if (got == 0) {
                    truncated(r, started, what);
                }
                return -1;
            }
            continue;
        }
        size_t n = avail < len ? avail : (size_t)len;
        r->pos += n;
        len -= n;
    }
    return 0;
}

static int skip_termstr(eas_wbxml_reader *r, uint64_t started)
{
    for (;;) {
        size_t avail = r->end - r->pos;
        const unsigned char *p = memchr(r->buf + r->pos, 0, avail);
        if (p) {
            r->pos += (size_t)(p - (r->buf + r->pos)) + 1;
            return 0;
        }
        r->pos = r->end;
        long got = refill(r);
        if (got <= 0) {
            if (got == 0) {
                truncated(r, started, "an extension string");
            }
            return -1;
        }
    }
}

/* A processing instruction: attribute tokens up to END. Ignored. */
static int skip_pi(eas_wbxml_reader *r, uint64_t started)
{
    for (;;) {
        uint32_t n;
        int b = need_byte(r, started, "a processing instruction");
        if (b < 0) {
            return -1;
        }
        switch (b) {
        case EAS_WBXML_END:
            return 0;
        case EAS_WBXML_SWITCH_PAGE:
            if (need_byte(r, started, "a processing instruction") < 0) {
                return -1;
            }
            break;
        case EAS_WBXML_STR_I:
        case EAS_WBXML_EXT_I_0:
        case EAS_WBXML_EXT_I_1:
        case EAS_WBXML_EXT_I_2:
            if (skip_termstr(r, started) != 0) {
                return -1;
            }
            break;
        case EAS_WBXML_ENTITY:
        case EAS_WBXML_LITERAL:
        case EAS_WBXML_EXT_T_0:
        case EAS_WBXML_EXT_T_1:
        case EAS_WBXML_EXT_T_2:
        case EAS_WBXML_STR_T:
            if (read_mbuint(r, &n, "a processing instruction operand") != 0) {
                return -1;
            }
            break;
        case EAS_WBXML_OPAQUE:
            if (read_mbuint(r, &n, "an OPAQUE length") != 0 ||
                skip_bytes(r, n, started, "a processing instruction") != 0) {
                return -1;
            }
            break;
        default:
            break;  /* one-byte attribute start or value token */
        }
    }
}

/* Writes "Sync > Collections > Collection" (innermost levels if long). */
static void format_path(const eas_wbxml_reader *r, char *out, size_t size)
{
    size_t used = 0;
    unsigned first = r->depth > 6 ? r->depth - 6 : 0;

    out[0] = '\0';
    if (first > 0) {
        used = (size_t)snprintf(out, size, "... > ");
    }
    for (unsigned i = first; i < r->depth && used < size; i++) {
        used += (size_t)snprintf(out + used, size - used, "%s%s", i > first ? " > " : "", r->stack[i]->name);
    }
}

int eas_wbxml_reader_header(eas_wbxml_reader *r, eas_wbxml_header *h)
{
    uint32_t len;

    memset(h, 0, sizeof(*h));
    if (r->err.code != EAS_OK) {
        return -1;
    }
    if (r->pos == r->end && refill(r) <= 0) {
        return r->err.code == EAS_OK ? 0 : -1;
    }
    if (r->buf[r->pos] != EAS_WBXML_VERSION_1_3) {
        h->version = r->buf[r->pos];
        return 0;
    }
    h->version = r->buf[r->pos++];
    if (read_mbuint(r, &h->public_id, "the public identifier") != 0) {
        return -1;
    }
    if (h->public_id == 0 && read_mbuint(r, &h->public_string, "the public identifier index") != 0) {
        return -1;
    }
    if (read_mbuint(r, &h->charset, "the charset") != 0 ||
        read_mbuint(r, &len, "the string table length") != 0) {
        return -1;
    }
    if (len > r->lim.max_string) {
        eas_error_set(&r->err, EAS_ERR_LIMIT, eas_wbxml_reader_offset(r),
                      "string table of %" PRIu32 " bytes is longer than the limit of %zu bytes",
                      len, r->lim.max_string);
        return -1;
    }
    r->string_table.len = 0;
    while (r->string_table.len < len) {
        size_t avail = r->end - r->pos;
        size_t n = len - r->string_table.len;
        if (avail == 0) {
            long got = refill(r);
            if (got <= 0) {
                if (got == 0) {
                    truncated(r, 0, "the string table");
                }
                return -1;
            }
            continue;
        }
        if (n > avail) {
            n = avail;
        }
        if (eas_buf_append(&r->string_table, r->buf + r->pos, n) != 0) {
            eas_error_set(&r->err, EAS_ERR_NOMEM, eas_wbxml_reader_offset(r), "out of memory reading the string table");
            return -1;
        }
        r->pos += n;
    }
    h->string_table = r->string_table.data;
    h->string_table_len = r->string_table.len;
    /* Text is only checked as UTF-8 when the document says it is UTF-8. */
    if (h->charset != EAS_WBXML_CHARSET_UTF8 && h->charset != 0) {
        r->check_utf8 = 0;
    }
    r->document = 1;
    return 1;
}

/* Delivers an OPAQUE block of len bytes. */
static int read_opaque(eas_wbxml_reader *r, eas_wbxml_token *tok, uint32_t len)
{
    if (len > r->lim.max_opaque) {
        eas_error_set(&r->err, EAS_ERR_LIMIT, tok->offset,
                      "OPAQUE at byte %" PRIu64 " declares %" PRIu32 " bytes, more than the limit of %zu",
                      tok->offset, len, r->lim.max_opaque);
        return -1;
    }
    tok->len = len;
    if (len > r->opaque_inline_max) {
        tok->streamed = 1;
        r->opaque_left = len;
        r->opaque_offset = tok->offset;
        return 0;
    }
    if (r->end - r->pos < len && len <= r->cap) {
        while (r->end - r->pos < len) {
            long got = refill(r);
            if (got <= 0) {
                if (got == 0) {
                    truncated(r, tok->offset, "an OPAQUE block");
                }
                return -1;
            }
        }
    }
    if (r->end - r->pos >= len) {
        tok->data = r->buf + r->pos;
        r->pos += len;
        return 0;
    }
    /* Larger than the buffer but inline: gather it. */
    r->scratch.len = 0;
    if (eas_buf_grow(&r->scratch, len) != 0) {
        eas_error_set(&r->err, EAS_ERR_NOMEM, tok->offset, "out of memory reading OPAQUE at byte %" PRIu64,
                      tok->offset);
        return -1;
    }
    r->opaque_left = len;
    r->opaque_offset = tok->offset;
    while (r->opaque_left > 0) {
        long n = eas_wbxml_reader_read_opaque(r, r->scratch.data + r->scratch.len, r->opaque_left);
        if (n <= 0) {
            return -1;
        }
        r->scratch.len += (size_t)n;
    }
    tok->data = r->scratch.data;
    return 0;
}

long eas_wbxml_reader_read_opaque(eas_wbxml_reader *r, unsigned char *dst, size_t cap)
{
    size_t want = r->opaque_left < cap ? r->opaque_left : cap;
    size_t avail;

    if (r->err.code != EAS_OK) {
        return -1;
    }
    if (want == 0) {
        return 0;
    }
    avail = r->end - r->pos;
    if (avail == 0) {
        if (want >= r->cap / 2 && !r->src_eof) {
            /* Big reads go straight into the caller's memory. */
            long n = r->src.read(r->src.ctx, dst, want);
            if (n < 0) {
                eas_error_set(&r->err, EAS_ERR_IO, r->base + r->pos, "reading the input failed at byte %" PRIu64,
                              r->base + r->pos);
                return -1;
            }
            if (n == 0) {
                r->src_eof = 1;
                truncated(r, r->opaque_offset, "an OPAQUE block");
                return -1;
            }
            r->base += (uint64_t)n;
            r->opaque_left -= (size_t)n;
            return n;
        }
        long got = refill(r);
        if (got <= 0) {
            if (got == 0) {
                truncated(r, r->opaque_offset, "an OPAQUE block");
            }
            return -1;
        }
        avail = r->end - r->pos;
    }
    if (want > avail) {
        want = avail;
    }
    memcpy(dst, r->buf + r->pos, want);
    r->pos += want;
    r->opaque_left -= want;
    return (long)want;
}

eas_wbxml_token_kind eas_wbxml_reader_next(eas_wbxml_reader *r, eas_wbxml_token *tok)
{
    uint32_t n;

    if (r->err.code != EAS_OK) {
        return tok->kind = EAS_WBXML_TOK_ERROR;
    }
    if (r->opaque_left > 0) {
        size_t left = r->opaque_left;
        r->opaque_left = 0;
        if (skip_bytes(r, left, r->opaque_offset, "an OPAQUE block") != 0) {
            return tok->kind = EAS_WBXML_TOK_ERROR;
        }
    }
    tok->tag = NULL;
    tok->has_content = 0;
    tok->data = NULL;
    tok->len = 0;
    tok->streamed = 0;

    for (;;) {
        tok->offset = r->base + r->pos;
        int b = getbyte(r);

        switch (b) {
        case RD_FAIL:
            return tok->kind = EAS_WBXML_TOK_ERROR;

        case RD_EOF:
            if (r->document && r->depth > 0) {
                char path[160];
                format_path(r, path, sizeof(path));
                eas_error_set(&r->err, EAS_ERR_TRUNCATED, tok->offset,
                              "input ends at byte %" PRIu64 " with %u element(s) still open: %s",
                              tok->offset, r->depth, path);
                return tok->kind = EAS_WBXML_TOK_ERROR;
            }
            return tok->kind = EAS_WBXML_TOK_EOF;

        case EAS_WBXML_SWITCH_PAGE: {
            int p = need_byte(r, tok->offset, "SWITCH_PAGE");
            if (p < 0) {
                return tok->kind = EAS_WBXML_TOK_ERROR;
            }
            if (!eas_page_by_number((unsigned)p)) {
                eas_error_set(&r->err, EAS_ERR_UNKNOWN_PAGE, tok->offset,
                              "SWITCH_PAGE at byte %" PRIu64 " selects code page %d, which EAS does not define",
                              tok->offset, p);
                return tok->kind = EAS_WBXML_TOK_ERROR;
            }
            r->page = (unsigned)p;
            continue;
        }

        case EAS_WBXML_END:
            if (r->depth > 0) {
                tok->tag = r->stack[--r->depth];
            } else if (r->document) {
                eas_error_set(&r->err, EAS_ERR_SYNTAX, tok->offset,
                              "END at byte %" PRIu64 " closes no open element", tok->offset);
                return tok->kind = EAS_WBXML_TOK_ERROR;
            }
            return tok->kind = EAS_WBXML_TOK_END;

        case EAS_WBXML_ENTITY: {
            if (read_mbuint(r, &n, "ENTITY") != 0) {
                return tok->kind = EAS_WBXML_TOK_ERROR;
            }
            size_t len = n == 0 ? 0 : eas_utf8_encode(n, r->entity);
            if (len == 0) {
                eas_error_set(&r->err, EAS_ERR_ENCODING, tok->offset,
                              "ENTITY at byte %" PRIu64 " names U+%04" PRIX32 ", which is not a character",
                              tok->offset, n);
                return tok->kind = EAS_WBXML_TOK_ERROR;
            }
            tok->data = r->entity;
            tok->len = len;
            return tok->kind = EAS_WBXML_TOK_TEXT;
        }

        case EAS_WBXML_STR_I:
            if (read_termstr(r, &tok->data, &tok->len, tok->offset) != 0) {
                return tok->kind = EAS_WBXML_TOK_ERROR;
            }
            if (r->check_utf8) {
                size_t ok = eas_utf8_valid_prefix(tok->data, tok->len);
                if (ok != tok->len) {
                    report_bad_utf8(r, tok->offset + 1 + ok);
                    return tok->kind = EAS_WBXML_TOK_ERROR;
                }
            }
            return tok->kind = EAS_WBXML_TOK_TEXT;

        case EAS_WBXML_OPAQUE:
            if (read_mbuint(r, &n, "the OPAQUE length") != 0 || read_opaque(r, tok, n) != 0) {
                return tok->kind = EAS_WBXML_TOK_ERROR;
            }
            return tok->kind = EAS_WBXML_TOK_OPAQUE;

        case EAS_WBXML_EXT_I_0:
        case EAS_WBXML_EXT_I_1:
        case EAS_WBXML_EXT_I_2:
            if (skip_termstr(r, tok->offset) != 0) {
                return tok->kind = EAS_WBXML_TOK_ERROR;
            }
            continue;

        case EAS_WBXML_EXT_T_0:
        case EAS_WBXML_EXT_T_1:
        case EAS_WBXML_EXT_T_2:
            if (read_mbuint(r, &n, "an extension token") != 0) {
                return tok->kind = EAS_WBXML_TOK_ERROR;
            }
            continue;

        case EAS_WBXML_EXT_0:
        case EAS_WBXML_EXT_1:
        case EAS_WBXML_EXT_2:
            continue;

        case EAS_WBXML_PI:
            if (skip_pi(r, tok->offset) != 0) {
                return tok->kind = EAS_WBXML_TOK_ERROR;
            }
            continue;

        case EAS_WBXML_LITERAL:
        case EAS_WBXML_LITERAL_C:
        case EAS_WBXML_LITERAL_A:
        case EAS_WBXML_LITERAL_AC:
            eas_error_set(&r->err, EAS_ERR_UNSUPPORTED, tok->offset,
                          "LITERAL tag (0x%02x) at byte %" PRIu64 ": EAS does not use string-table tag names",
                          (unsigned)b, tok->offset);
            return tok->kind = EAS_WBXML_TOK_ERROR;

        case EAS_WBXML_STR_T:
            eas_error_set(&r->err, EAS_ERR_UNSUPPORTED, tok->offset,
                          "STR_T at byte %" PRIu64 ": EAS does not use string-table references", tok->offset);
            return tok->kind = EAS_WBXML_TOK_ERROR;

        default: {
            const eas_tag *tag;
            if (b & EAS_WBXML_TAG_ATTRIBUTES) {
                eas_error_set(&r->err, EAS_ERR_UNSUPPORTED, tok->offset,
                              "tag byte 0x%02x at byte %" PRIu64 " has the attribute flag; EAS WBXML has no attributes",
                              (unsigned)b, tok->offset);
                return tok->kind = EAS_WBXML_TOK_ERROR;
            }
            tag = eas_tag_by_token(r->page, (unsigned)b & EAS_WBXML_TAG_MASK);
            if (!tag) {
                eas_error_set(&r->err, EAS_ERR_UNKNOWN_TAG, tok->offset,
                              "unknown tag 0x%02x on code page %u (%s) at byte %" PRIu64,
                              (unsigned)b & EAS_WBXML_TAG_MASK, r->page, eas_page_by_number(r->page)->spec_ns,
                              tok->offset);
                return tok->kind = EAS_WBXML_TOK_ERROR;
            }
            tok->tag = tag;
            if (b & EAS_WBXML_TAG_CONTENT) {
                if (r->depth >= r->lim.max_depth) {
                    eas_error_set(&r->err, EAS_ERR_LIMIT, tok->offset,
                                  "element %s at byte %" PRIu64 " nests deeper than the limit of %u",
                                  tag->name, tok->offset, r->lim.max_depth);
                    return tok->kind = EAS_WBXML_TOK_ERROR;
                }
                r->stack[r->depth++] = tag;
                tok->has_content = 1;
            }
            return tok->kind = EAS_WBXML_TOK_START;
        }
        }
    }
}
