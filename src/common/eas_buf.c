/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>

#include "eas_buf.h"

int eas_buf_grow(eas_buf *b, size_t extra)
{
    size_t need, cap;
    unsigned char *p;

    if (extra > SIZE_MAX - b->len) {
        return -1;
    }
    need = b->len + extra;
    if (need <= b->cap) {
        return 0;
    }
    cap = b->cap ? b->cap : 256;
    while (cap < need) {
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    }
    p = eas_realloc(b->alloc, b->data, cap);
    if (!p) {
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void eas_buf_free(eas_buf *b)
{
    eas_free(b->alloc, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
