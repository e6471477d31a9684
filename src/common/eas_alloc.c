/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdlib.h>

#include "eas_alloc.h"

static void *libc_alloc(void *ctx, size_t size)
{
    (void)ctx;
    return malloc(size ? size : 1);
}

static void *libc_realloc(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    return realloc(ptr, size ? size : 1);
}

static void libc_free(void *ctx, void *ptr)
{
    (void)ctx;
    free(ptr);
}

const eas_allocator eas_libc_allocator = { libc_alloc, libc_realloc, libc_free, NULL };
