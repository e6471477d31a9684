/*
 * A growable byte buffer on the allocator hooks.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_BUF_H
#define EAS_BUF_H

#include <stddef.h>
#include <string.h>

#include "eas_alloc.h"

typedef struct eas_buf {
    unsigned char *data;
    size_t len;
    size_t cap;
    const eas_allocator *alloc;
} eas_buf;

static inline void eas_buf_init(eas_buf *b, const eas_allocator *a)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->alloc = a;
}

/* Makes room for `extra` more bytes; 0 on success, -1 when out of memory. */
int eas_buf_grow(eas_buf *b, size_t extra);

static inline int eas_buf_append(eas_buf *b, const void *data, size_t len)
{
    if (b->cap - b->len < len && eas_buf_grow(b, len) != 0) {
        return -1;
    }
    if (len) {
        memcpy(b->data + b->len, data, len);
        b->len += len;
    }
    return 0;
}

static inline int eas_buf_putc(eas_buf *b, unsigned char c)
{
    if (b->len == b->cap && eas_buf_grow(b, 1) != 0) {
        return -1;
    }
    b->data[b->len++] = c;
    return 0;
}

static inline int eas_buf_puts(eas_buf *b, const char *s)
{
    return eas_buf_append(b, s, strlen(s));
}

void eas_buf_free(eas_buf *b);

#endif
