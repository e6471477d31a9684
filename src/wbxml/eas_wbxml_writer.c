/*
 * Buffered EAS WBXML encoder.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <inttypes.h>
#include <string.h>

#include "eas_wbxml_writer.h"

struct eas_wbxml_writer {
    const eas_allocator *alloc;
    eas_sink sink;
    unsigned char *buf;
    size_t cap;
    size_t len;
    uint64_t flushed;           /* bytes already handed to sinks */

    const eas_tag **stack;      /* open elements */
    unsigned depth;
    unsigned written;           /* stack[0..written) have their start tag on the wire */
    unsigned stack_cap;

    unsigned page;
    int header_written;
    int eager;
    eas_wbxml_trace_fn trace;
    void *trace_ctx;
    eas_error err;
};

eas_wbxml_writer *eas_wbxml_writer_new(const eas_allocator *alloc, eas_sink sink, size_t buffer_size)
{
    eas_wbxml_writer *w = eas_alloc(alloc, sizeof(*w));

    if (!w) {
        return NULL;
    }
    memset(w, 0, sizeof(*w));
    w->alloc = alloc;
    w->sink = sink;
    w->cap = buffer_size ? buffer_size : EAS_WBXML_WRITER_DEFAULT_BUFFER;
    if (w->cap < 16) {
        w->cap = 16;
    }
    w->stack_cap = 32;
    w->buf = eas_alloc(alloc, w->cap);
    w->stack = eas_alloc(alloc, sizeof(*w->stack) * w->stack_cap);
    if (!w->buf || !w->stack) {
        eas_free(alloc, w->buf);
        eas_free(alloc, w->stack);
        eas_free(alloc, w);
        return NULL;
    }
    return w;
}

void eas_wbxml_writer_free(eas_wbxml_writer *w)
{
    if (!w) {
        return;
    }
    eas_free(w->alloc, w->stack);
    eas_free(w->alloc, w->buf);
    eas_free(w->alloc, w);
}

const eas_error *eas_wbxml_writer_error(const eas_wbxml_writer *w)
{
    return &w->err;
}

void eas_wbxml_writer_set_trace(eas_wbxml_writer *w, eas_wbxml_trace_fn fn, void *ctx)
{
    w->trace = fn;
    w->trace_ctx = ctx;
}

void eas_wbxml_writer_set_eager(eas_wbxml_writer *w, int eager)
{
    w->eager = eager;
}

unsigned eas_wbxml_writer_depth(const eas_wbxml_writer *w)
{
    return w->depth;
}

unsigned eas_wbxml_writer_page(const eas_wbxml_writer *w)
{
    return w->page;
}

uint64_t eas_wbxml_writer_offset(const eas_wbxml_writer *w)
{
    return w->flushed + w->len;
}

int eas_wbxml_writer_header_written(const eas_wbxml_writer *w)
{
    return w->header_written;
}

static int sink_write(eas_wbxml_writer *w, const unsigned char *data, size_t len)
{
    if (len == 0) {
        return 0;
    }
    if (w->sink.write(w->sink.ctx, data, len) != 0) {
        eas_error_set(&w->err, EAS_ERR_IO, w->flushed, "writing the output failed at byte %" PRIu64, w->flushed);
        return -1;
    }
    w->flushed += len;
    return 0;
}

int eas_wbxml_writer_flush(eas_wbxml_writer *w)
{
    if (w->err.code != EAS_OK) {
        return -1;
    }
    if (sink_write(w, w->buf, w->len) != 0) {
        return -1;
    }
    w->len = 0;
    return 0;
}

static int put(eas_wbxml_writer *w, const unsigned char *data, size_t len)
{
    if (w->err.code != EAS_OK) {
        return -1;
    }
    if (len == 0) {
        return 0;
    }
    if (len <= w->cap - w->len) {
        memcpy(w->buf + w->len, data, len);
        w->len += len;
        return 0;
    }
    if (eas_wbxml_writer_flush(w) != 0) {
        return -1;
    }
    if (len >= w->cap) {
        return sink_write(w, data, len);
    }
    memcpy(w->buf, data, len);
    w->len = len;
    return 0;
}

static inline int put_byte(eas_wbxml_writer *w, unsigned char b)
{
    if (w->len < w->cap && w->err.code == EAS_OK) {
        w->buf[w->len++] = b;
        return 0;
    }
    return put(w, &b, 1);
}

static int put_mbuint(eas_wbxml_writer *w, uint32_t v)
{
    unsigned char tmp[5];
    int i = 5;

    tmp[--i] = (unsigned char)(v & 0x7f);
    while ((v >>= 7) != 0) {
        tmp[--i] = (unsigned char)(0x80 | (v & 0x7f));
    }
    return put(w, tmp + i, (size_t)(5 - i));
}

static int emit_start(eas_wbxml_writer *w, const eas_tag *tag, int content)
{
    if (w->trace) {
        w->trace(w->trace_ctx, content ? EAS_WBXML_TRACE_START : EAS_WBXML_TRACE_EMPTY, tag);
    }
    if (tag->page != w->page) {
        if (put_byte(w, EAS_WBXML_SWITCH_PAGE) != 0 || put_byte(w, tag->page) != 0) {
            return -1;
        }
        w->page = tag->page;
    }
    return put_byte(w, (unsigned char)(tag->token | (content ? EAS_WBXML_TAG_CONTENT : 0)));
}

/* Writes the pending start tags: content or a child is about to follow. */
static int output_pending(eas_wbxml_writer *w)
{
    for (; w->written < w->depth; w->written++) {
        if (emit_start(w, w->stack[w->written], 1) != 0) {
            return -1;
        }
    }
    return 0;
}

int eas_wbxml_writer_header(eas_wbxml_writer *w)
{
    static const unsigned char header[4] = {
        EAS_WBXML_VERSION_1_3, EAS_WBXML_PUBLIC_UNKNOWN, EAS_WBXML_CHARSET_UTF8, 0x00
    };

    if (w->header_written) {
        return w->err.code == EAS_OK ? 0 : -1;
    }
    w->header_written = 1;
    return put(w, header, sizeof(header));
}

int eas_wbxml_writer_start(eas_wbxml_writer *w, const eas_tag *tag, int force_empty)
{
    if (w->err.code != EAS_OK) {
        return -1;
    }
    if (force_empty) {
        if (output_pending(w) != 0) {
            return -1;
        }
        return emit_start(w, tag, 0);
    }
    if (w->depth == w->stack_cap) {
        unsigned cap = w->stack_cap * 2;
        const eas_tag **grown;
        if (cap > EAS_WBXML_WRITER_MAX_DEPTH) {
            eas_error_set(&w->err, EAS_ERR_LIMIT, eas_wbxml_writer_offset(w),
                          "element %s nests deeper than the limit of %u", tag->name, EAS_WBXML_WRITER_MAX_DEPTH);
            return -1;
        }
        grown = eas_realloc(w->alloc, (void *)w->stack, sizeof(*w->stack) * cap);
        if (!grown) {
            eas_error_set(&w->err, EAS_ERR_NOMEM, eas_wbxml_writer_offset(w), "out of memory");
            return -1;
        }
        w->stack = grown;
        w->stack_cap = cap;
    }
    w->stack[w->depth++] = tag;
    return w->eager ? output_pending(w) : 0;
}

int eas_wbxml_writer_end(eas_wbxml_writer *w, int *closed_written)
{
    if (closed_written) {
        *closed_written = 0;
    }
    if (w->err.code != EAS_OK) {
        return -1;
    }
    if (w->depth == 0) {
        eas_error_set(&w->err, EAS_ERR_STATE, eas_wbxml_writer_offset(w), "end tag without an open element");
        return -1;
    }
    w->depth--;
    if (w->depth < w->written) {
        w->written = w->depth;
        if (closed_written) {
            *closed_written = 1;
        }
        if (w->trace) {
            w->trace(w->trace_ctx, EAS_WBXML_TRACE_END, w->stack[w->depth]);
        }
        return put_byte(w, EAS_WBXML_END);
    }
    return 0;
}

/* Copies s without its NUL bytes. */
static int put_without_nul(eas_wbxml_writer *w, const unsigned char *s, size_t len)
{
    while (len > 0) {
        const unsigned char *nul = memchr(s, 0, len);
        size_t n = nul ? (size_t)(nul - s) : len;
        if (put(w, s, n) != 0) {
            return -1;
        }
        if (!nul) {
            break;
        }
        s += n + 1;
        len -= n + 1;
    }
    return 0;
}

int eas_wbxml_writer_text(eas_wbxml_writer *w, const unsigned char *s, size_t len)
{
    size_t i = 0;

    while (i < len && s[i] == 0) {
        i++;
    }
    if (i == len) {
        return w->err.code == EAS_OK ? 0 : -1;
    }
    if (output_pending(w) != 0 || put_byte(w, EAS_WBXML_STR_I) != 0 ||
        put_without_nul(w, s + i, len - i) != 0) {
        return -1;
    }
    return put_byte(w, 0);
}

int eas_wbxml_writer_text_begin(eas_wbxml_writer *w)
{
    if (output_pending(w) != 0) {
        return -1;
    }
    return put_byte(w, EAS_WBXML_STR_I);
}

int eas_wbxml_writer_text_chunk(eas_wbxml_writer *w, const unsigned char *s, size_t len)
{
    return put_without_nul(w, s, len);
}

int eas_wbxml_writer_text_end(eas_wbxml_writer *w)
{
    return put_byte(w, 0);
}

int eas_wbxml_writer_opaque_begin(eas_wbxml_writer *w, size_t len)
{
    if (w->err.code != EAS_OK) {
        return -1;
    }
    if ((uint64_t)len > UINT32_MAX) {
        eas_error_set(&w->err, EAS_ERR_LIMIT, eas_wbxml_writer_offset(w),
                      "OPAQUE content of %zu bytes does not fit a WBXML length", len);
        return -1;
    }
    if (output_pending(w) != 0 || put_byte(w, EAS_WBXML_OPAQUE) != 0) {
        return -1;
    }
    return put_mbuint(w, (uint32_t)len);
}

int eas_wbxml_writer_opaque(eas_wbxml_writer *w, const unsigned char *data, size_t len)
{
    if (eas_wbxml_writer_opaque_begin(w, len) != 0) {
        return -1;
    }
    return put(w, data, len);
}

int eas_wbxml_writer_raw(eas_wbxml_writer *w, const unsigned char *data, size_t len)
{
    return put(w, data, len);
}

int eas_wbxml_writer_keepalive(eas_wbxml_writer *w)
{
    if (eas_wbxml_writer_header(w) != 0 || put_byte(w, EAS_WBXML_SWITCH_PAGE) != 0 ||
        put_byte(w, (unsigned char)w->page) != 0) {
        return -1;
    }
    return eas_wbxml_writer_flush(w);
}

int eas_wbxml_writer_swap_sink(eas_wbxml_writer *w, eas_sink sink, eas_sink *previous)
{
    if (eas_wbxml_writer_flush(w) != 0) {
        return -1;
    }
    if (previous) {
        *previous = w->sink;
    }
    w->sink = sink;
    return 0;
}
