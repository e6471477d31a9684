/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "mem_io.h"

static long mem_read(void *ctx, unsigned char *buf, size_t cap)
{
    mem_source *m = ctx;
    size_t n = m->len - m->pos;

    if (m->fail_at >= 0 && m->pos >= (size_t)m->fail_at) {
        return -1;
    }
    if (n > cap) {
        n = cap;
    }
    if (m->piece && n > m->piece) {
        n = m->piece;
    }
    if (n == 0) {
        return 0;
    }
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return (long)n;
}

eas_source mem_source_init(mem_source *m, const void *data, size_t len, size_t piece)
{
    eas_source s;

    m->data = data;
    m->len = len;
    m->pos = 0;
    m->piece = piece;
    m->fail_at = -1;
    s.read = mem_read;
    s.ctx = m;
    return s;
}

static int buf_write(void *ctx, const unsigned char *data, size_t len)
{
    return eas_buf_append(ctx, data, len);
}

eas_sink buf_sink(eas_buf *b)
{
    eas_sink s;
    s.write = buf_write;
    s.ctx = b;
    return s;
}
