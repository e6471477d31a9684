/*
 * EAS WBXML to indented XML.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "../common/eas_buf.h"
#include "../common/eas_utf8.h"
#include "eas_wbxml_xml.h"

#define FLUSH_AT ((size_t)64 << 10)

typedef struct {
    const eas_tag *tag;
} open_element;

typedef struct {
    size_t offset;          /* into run */
    size_t len;
    int opaque;
} piece;

typedef struct {
    eas_wbxml_reader *r;
    eas_sink out;
    eas_error *err;
    eas_buf buf;            /* XML not yet written */
    eas_buf run;            /* consecutive content tokens */
    eas_buf pieces;         /* one piece per token of the run */
    int run_active;
    open_element *stack;
    unsigned depth;
    unsigned cap;
    int fragment;
    int tag_open;           /* "<X ..." written, ">" not yet */
    const eas_allocator *alloc;
} xml_state;

static int oom(xml_state *s)
{
    eas_error_set(s->err, EAS_ERR_NOMEM, eas_wbxml_reader_offset(s->r), "out of memory rendering XML");
    return -1;
}

static int emit(xml_state *s, const char *text)
{
    return eas_buf_puts(&s->buf, text) == 0 ? 0 : oom(s);
}

static int flush_out(xml_state *s, int force)
{
    if (s->buf.len == 0 || (!force && s->buf.len < FLUSH_AT)) {
        return 0;
    }
    if (s->out.write(s->out.ctx, s->buf.data, s->buf.len) != 0) {
        eas_error_set(s->err, EAS_ERR_IO, eas_wbxml_reader_offset(s->r), "writing the XML failed");
        return -1;
    }
    s->buf.len = 0;
    return 0;
}

static int newline_indent(xml_state *s, unsigned level)
{
    if (eas_buf_putc(&s->buf, '\n') != 0) {
        return oom(s);
    }
    for (unsigned i = 0; i < level; i++) {
        if (eas_buf_append(&s->buf, "  ", 2) != 0) {
            return oom(s);
        }
    }
    return 0;
}

/* Indentation level of the next element line. */
static unsigned level(const xml_state *s)
{
    return s->depth + (s->fragment ? 1u : 0u);
}

/* Whether the bytes are valid UTF-8 made only of XML 1.0 characters. */
static int xml_safe(const unsigned char *p, size_t len)
{
    if (eas_utf8_valid_prefix(p, len) != len) {
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = p[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            return 0;
        }
        /* U+FFFE and U+FFFF: EF BF BE / EF BF BF */
        if (c == 0xef && i + 2 < len && p[i + 1] == 0xbf && (p[i + 2] == 0xbe || p[i + 2] == 0xbf)) {
            return 0;
        }
    }
    return 1;
}

static int emit_escaped(xml_state *s, const unsigned char *p, size_t len)
{
    size_t start = 0;

    if (len == 0) {
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        const char *rep;
        switch (p[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '\r': rep = "&#13;"; break;    /* parsers would fold CR LF */
        default: continue;
        }
        if (eas_buf_append(&s->buf, p + start, i - start) != 0 || eas_buf_puts(&s->buf, rep) != 0) {
            return oom(s);
        }
        start = i + 1;
    }
    return eas_buf_append(&s->buf, p + start, len - start) == 0 ? 0 : oom(s);
}

static int emit_base64(xml_state *s, const unsigned char *p, size_t len)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char quad[4];

    for (size_t i = 0; i < len; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        size_t n = len - i;
        if (n > 1) {
            v |= (uint32_t)p[i + 1] << 8;
        }
        if (n > 2) {
            v |= p[i + 2];
        }
        quad[0] = alphabet[(v >> 18) & 63];
        quad[1] = alphabet[(v >> 12) & 63];
        quad[2] = n > 1 ? alphabet[(v >> 6) & 63] : '=';
        quad[3] = n > 2 ? alphabet[v & 63] : '=';
        if (eas_buf_append(&s->buf, quad, 4) != 0) {
            return oom(s);
        }
        if (flush_out(s, 0) != 0) {
            return -1;
        }
    }
    return 0;
}

/* The attributes that describe a content token, then ">" and its data. */
static int emit_piece_body(xml_state *s, const piece *p)
{
    const unsigned char *data = s->run.data + p->offset;
    int safe = xml_safe(data, p->len);

    if (p->opaque && emit(s, " wbxml:opaque=\"true\"") != 0) {
        return -1;
    }
    if (!safe && emit(s, " wbxml:encoding=\"base64\"") != 0) {
        return -1;
    }
    if (emit(s, ">") != 0) {
        return -1;
    }
    return safe ? emit_escaped(s, data, p->len) : emit_base64(s, data, p->len);
}

static int needs_wbxml_ns(xml_state *s, const piece *p)
{
    return p->opaque || !xml_safe(s->run.data + p->offset, p->len);
}

/* Writes each token of the run as <wbxml:text>: used when the run is not
 * the single, non-empty content of its element. */
static int emit_run_wrapped(xml_state *s)
{
    const piece *pieces = (const piece *)(void *)s->pieces.data;
    size_t n = s->pieces.len / sizeof(piece);

    if (s->tag_open) {
        if (emit(s, ">") != 0) {
            return -1;
        }
        s->tag_open = 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (newline_indent(s, level(s)) != 0 || emit(s, "<wbxml:text xmlns:wbxml=\"" EAS_WBXML_XML_NS "\"") != 0) {
            return -1;
        }
        if (pieces[i].len == 0) {
            if (emit(s, pieces[i].opaque ? " wbxml:opaque=\"true\"/>" : "/>") != 0) {
                return -1;
            }
            continue;
        }
        if (emit_piece_body(s, &pieces[i]) != 0 || emit(s, "</wbxml:text>") != 0) {
            return -1;
        }
    }
    s->run_active = 0;
    return 0;
}

/* Whether the run can be written inline as the element's whole content. */
static int run_is_inline(const xml_state *s)
{
    const piece *pieces = (const piece *)(void *)s->pieces.data;
    return s->tag_open && s->pieces.len == sizeof(piece) && pieces[0].len > 0;
}

static int add_to_run(xml_state *s, const eas_wbxml_token *tok)
{
    piece p;

    if (!s->run_active) {
        s->run_active = 1;
        s->run.len = 0;
        s->pieces.len = 0;
    }
    p.offset = s->run.len;
    p.len = tok->len;
    p.opaque = tok->kind == EAS_WBXML_TOK_OPAQUE;
    if (eas_buf_append(&s->pieces, &p, sizeof(p)) != 0) {
        return oom(s);
    }
    if (!tok->streamed) {
        return eas_buf_append(&s->run, tok->data, tok->len) == 0 ? 0 : oom(s);
    }
    if (eas_buf_grow(&s->run, tok->len) != 0) {
        return oom(s);
    }
    for (;;) {
        long n = eas_wbxml_reader_read_opaque(s->r, s->run.data + s->run.len, s->run.cap - s->run.len);
        if (n < 0) {
            return -1;
        }
        if (n == 0) {
            return 0;
        }
        s->run.len += (size_t)n;
    }
}

static int on_start(xml_state *s, const eas_wbxml_token *tok)
{
    const eas_tag *tag = tok->tag;
    int declare = s->depth == 0 || s->stack[s->depth - 1].tag->page != tag->page;

    if (s->run_active && emit_run_wrapped(s) != 0) {
        return -1;
    }
    if (s->tag_open) {
        if (emit(s, ">") != 0) {
            return -1;
        }
        s->tag_open = 0;
    }
    if (newline_indent(s, level(s)) != 0 || emit(s, "<") != 0 || emit(s, tag->spec) != 0) {
        return -1;
    }
    if (declare && (emit(s, " xmlns=\"") != 0 || emit(s, eas_page_by_number(tag->page)->xmlns) != 0 ||
                    emit(s, "\"") != 0)) {
        return -1;
    }
    if (!tok->has_content) {
        return emit(s, "/>");
    }
    if (s->depth == s->cap) {
        unsigned cap = s->cap ? s->cap * 2 : 32;
        open_element *grown = eas_realloc(s->alloc, s->stack, sizeof(*grown) * cap);
        if (!grown) {
            return oom(s);
        }
        s->stack = grown;
        s->cap = cap;
    }
    s->stack[s->depth++].tag = tag;
    s->tag_open = 1;
    return 0;
}

static int on_end(xml_state *s, const eas_wbxml_token *tok)
{
    if (!tok->tag) {
        /* closes an element opened before the fragment */
        if (s->run_active && emit_run_wrapped(s) != 0) {
            return -1;
        }
        return (newline_indent(s, level(s)) == 0 && emit(s, "<wbxml:end xmlns:wbxml=\"" EAS_WBXML_XML_NS "\"/>") == 0)
            ? 0 : -1;
    }
    if (s->run_active) {
        if (run_is_inline(s)) {
            const piece *p = (const piece *)(void *)s->pieces.data;
            s->tag_open = 0;
            s->run_active = 0;
            if ((needs_wbxml_ns(s, p) && emit(s, " xmlns:wbxml=\"" EAS_WBXML_XML_NS "\"") != 0) ||
                emit_piece_body(s, p) != 0) {
                return -1;
            }
        } else if (emit_run_wrapped(s) != 0) {
            return -1;
        } else {
            s->depth--;
            return (newline_indent(s, level(s)) == 0 && emit(s, "</") == 0 && emit(s, tok->tag->spec) == 0 &&
                    emit(s, ">") == 0) ? 0 : -1;
        }
        s->depth--;
    } else if (s->tag_open) {
        s->tag_open = 0;
        s->depth--;
        if (emit(s, ">") != 0) {
            return -1;
        }
    } else {
        s->depth--;
        if (newline_indent(s, level(s)) != 0) {
            return -1;
        }
    }
    return (emit(s, "</") == 0 && emit(s, tok->tag->spec) == 0 && emit(s, ">") == 0) ? 0 : -1;
}

int eas_wbxml_to_xml(const eas_allocator *alloc, eas_wbxml_reader *r, eas_sink out, eas_error *err)
{
    xml_state s;
    eas_wbxml_header h;
    eas_wbxml_token tok;
    int rc = -1, header;

    memset(&s, 0, sizeof(s));
    s.r = r;
    s.out = out;
    s.err = err;
    s.alloc = alloc;
    eas_buf_init(&s.buf, alloc);
    eas_buf_init(&s.run, alloc);
    eas_buf_init(&s.pieces, alloc);

    header = eas_wbxml_reader_header(r, &h);
    if (header < 0) {
        goto done;
    }
    s.fragment = header == 0;
    if (emit(&s, s.fragment ? "<wbxml:fragment xmlns:wbxml=\"" EAS_WBXML_XML_NS "\">"
                            : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>") != 0) {
        goto done;
    }

    for (;;) {
        eas_wbxml_token_kind kind = eas_wbxml_reader_next(r, &tok);
        int step;

        if (kind == EAS_WBXML_TOK_ERROR) {
            goto done;
        }
        if (kind == EAS_WBXML_TOK_EOF) {
            break;
        }
        switch (kind) {
        case EAS_WBXML_TOK_START:
            step = on_start(&s, &tok);
            break;
        case EAS_WBXML_TOK_END:
            step = on_end(&s, &tok);
            break;
        default:
            step = add_to_run(&s, &tok);
            break;
        }
        if (step != 0 || flush_out(&s, 0) != 0) {
            goto done;
        }
    }
    if (s.run_active && emit_run_wrapped(&s) != 0) {
        goto done;
    }
    /* A fragment may stop with elements still open. */
    while (s.depth > 0) {
        eas_wbxml_token close;
        memset(&close, 0, sizeof(close));
        close.kind = EAS_WBXML_TOK_END;
        close.tag = s.stack[s.depth - 1].tag;
        if (on_end(&s, &close) != 0) {
            goto done;
        }
    }
    if (s.fragment && (newline_indent(&s, 0) != 0 || emit(&s, "</wbxml:fragment>") != 0)) {
        goto done;
    }
    if (emit(&s, "\n") != 0 || flush_out(&s, 1) != 0) {
        goto done;
    }
    rc = 0;

done:
    if (rc != 0 && err->code == EAS_OK) {
        *err = *eas_wbxml_reader_error(r);
    }
    eas_buf_free(&s.buf);
    eas_buf_free(&s.run);
    eas_buf_free(&s.pieces);
    eas_free(alloc, s.stack);
    return rc;
}
