/*
 * libFuzzer target for the WBXML decoder.
 *
 * The first input byte picks how the input is read (document or fragment,
 * buffer size, read piece size, inline OPAQUE limit); the rest is decoded
 * to the end, rendered as XML, and every successfully decoded document is
 * re-encoded and decoded again to check both directions agree.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/common/eas_buf.h"
#include "../../src/wbxml/eas_wbxml_reader.h"
#include "../../src/wbxml/eas_wbxml_writer.h"
#include "../../src/wbxml/eas_wbxml_xml.h"

typedef struct {
    const uint8_t *data;
    size_t len, pos, piece;
} source_ctx;

static long fuzz_read(void *ctx, unsigned char *buf, size_t cap)
{
    source_ctx *s = ctx;
    size_t n = s->len - s->pos;
    if (n > cap) {
        n = cap;
    }
    if (s->piece && n > s->piece) {
        n = s->piece;
    }
    if (n == 0) {
        return 0;
    }
    memcpy(buf, s->data + s->pos, n);
    s->pos += n;
    return (long)n;
}

static int buf_write(void *ctx, const unsigned char *d, size_t n)
{
    return eas_buf_append(ctx, d, n);
}

typedef struct {
    eas_wbxml_reader *r;
    source_ctx src;
} opened;

static void open_reader(opened *o, const uint8_t *data, size_t len, uint8_t mode)
{
    eas_wbxml_limits lim;
    eas_source s;

    eas_wbxml_limits_default(&lim);
    lim.buffer_size = (mode & 1) ? 64 : 4096;
    lim.max_depth = 64;
    lim.max_string = 1 << 16;
    lim.max_opaque = 1 << 16;
    o->src.data = data;
    o->src.len = len;
    o->src.pos = 0;
    o->src.piece = (mode >> 1) & 7;
    s.read = fuzz_read;
    s.ctx = &o->src;
    o->r = eas_wbxml_reader_new(&eas_libc_allocator, s, &lim);
    if (mode & 16) {
        eas_wbxml_reader_set_opaque_inline_max(o->r, 16);
    }
    if (mode & 32) {
        eas_wbxml_reader_set_check_utf8(o->r, 0);
    }
}

/* Decodes everything after the header; appends a canonical token trace to
 * trace (may be NULL) and, if w is given, re-encodes the tokens.
 * 0: clean end. */
static int decode_all(eas_wbxml_reader *r, eas_buf *trace, eas_wbxml_writer *w)
{
    eas_wbxml_token tok;
    unsigned char chunk[37];

    for (;;) {
        eas_wbxml_token_kind k = eas_wbxml_reader_next(r, &tok);
        if (k == EAS_WBXML_TOK_EOF) {
            return 0;
        }
        if (k == EAS_WBXML_TOK_ERROR) {
            return -1;
        }
        switch (k) {
        case EAS_WBXML_TOK_START:
            if (trace) {
                eas_buf_putc(trace, tok.has_content ? 'S' : 'E');
                eas_buf_append(trace, &tok.tag->id, sizeof(tok.tag->id));
            }
            if (w) {
                eas_wbxml_writer_start(w, tok.tag, !tok.has_content);
            }
            break;
        case EAS_WBXML_TOK_END:
            if (trace) {
                eas_buf_putc(trace, '/');
            }
            if (w) {
                if (eas_wbxml_writer_depth(w) > 0) {
                    eas_wbxml_writer_end(w, NULL);
                } else {
                    eas_wbxml_writer_raw(w, (const unsigned char *)"\x01", 1);
                }
            }
            break;
        default: {
            eas_buf data;
            eas_buf_init(&data, &eas_libc_allocator);
            if (tok.streamed) {
                long n;
                while ((n = eas_wbxml_reader_read_opaque(r, chunk, sizeof(chunk))) > 0) {
                    eas_buf_append(&data, chunk, (size_t)n);
                }
                if (n < 0) {
                    eas_buf_free(&data);
                    return -1;
                }
            } else {
                eas_buf_append(&data, tok.data, tok.len);
            }
            if (data.len != tok.len) {
                abort();    /* the reader must deliver what it announced */
            }
            if (trace) {
                eas_buf_putc(trace, k == EAS_WBXML_TOK_TEXT ? 'T' : 'O');
                eas_buf_append(trace, data.data, data.len);
                eas_buf_putc(trace, 0);
            }
            if (w) {
                if (k == EAS_WBXML_TOK_OPAQUE) {
                    eas_wbxml_writer_opaque(w, data.data, data.len);
                } else {
                    /* text with NULs cannot be written back as STR_I, and
                     * the writer drops empty text: neither comes from STR_I */
                    eas_wbxml_writer_text_begin(w);
                    eas_wbxml_writer_text_chunk(w, data.data, data.len);
                    eas_wbxml_writer_text_end(w);
                }
            }
            eas_buf_free(&data);
            break;
        }
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t mode;
    int header;
    opened a, b;
    eas_buf trace1, trace2, out, xml;
    eas_wbxml_writer *w;
    eas_wbxml_header h;
    eas_sink sink;
    eas_error err;

    if (size < 1) {
        return 0;
    }
    mode = data[0];
    header = (mode & 8) != 0;
    data++;
    size--;

    /* XML rendering must never crash either. */
    open_reader(&a, data, size, mode);
    eas_buf_init(&xml, &eas_libc_allocator);
    sink.write = buf_write;
    sink.ctx = &xml;
    memset(&err, 0, sizeof(err));
    eas_wbxml_to_xml(&eas_libc_allocator, a.r, sink, &err);
    eas_wbxml_reader_free(a.r);
    eas_buf_free(&xml);

    /* Decode, re-encode, decode again: the token streams must agree. */
    open_reader(&a, data, size, mode);
    eas_buf_init(&trace1, &eas_libc_allocator);
    eas_buf_init(&out, &eas_libc_allocator);
    sink.ctx = &out;
    w = eas_wbxml_writer_new(&eas_libc_allocator, sink, 128);
    eas_wbxml_writer_set_eager(w, 1);
    /* Read as a document only if asked and there is a WBXML header. */
    header = header ? eas_wbxml_reader_header(a.r, &h) : 0;
    if (header == 1) {
        eas_wbxml_writer_header(w);
    }
    if (header >= 0 && decode_all(a.r, &trace1, w) == 0) {
        eas_wbxml_writer_flush(w);
        /* the first pass checked the text; the copy declares UTF-8 */
        open_reader(&b, out.data, out.len, (uint8_t)((mode & ~1) | 32));
        eas_buf_init(&trace2, &eas_libc_allocator);
        if ((header == 1 && eas_wbxml_reader_header(b.r, &h) != 1) || decode_all(b.r, &trace2, NULL) != 0) {
            abort();
        }
        if (trace1.len != trace2.len || (trace1.len && memcmp(trace1.data, trace2.data, trace1.len) != 0)) {
            abort();
        }
        eas_wbxml_reader_free(b.r);
        eas_buf_free(&trace2);
    }
    eas_wbxml_writer_free(w);
    eas_wbxml_reader_free(a.r);
    eas_buf_free(&trace1);
    eas_buf_free(&out);
    return 0;
}
