/*
 * Allocator hooks: src/ never calls malloc directly, so the PHP bindings can
 * route every allocation through the Zend memory manager.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_ALLOC_H
#define EAS_ALLOC_H

#include <stddef.h>

typedef struct eas_allocator {
    /* Each returns NULL on failure (the Zend hooks never do: they bail out). */
    void *(*alloc)(void *ctx, size_t size);
    void *(*realloc)(void *ctx, void *ptr, size_t size);
    void (*free)(void *ctx, void *ptr);
    void *ctx;
} eas_allocator;

/* malloc/realloc/free. */
extern const eas_allocator eas_libc_allocator;

static inline void *eas_alloc(const eas_allocator *a, size_t size)
{
    return a->alloc(a->ctx, size);
}

static inline void *eas_realloc(const eas_allocator *a, void *ptr, size_t size)
{
    return a->realloc(a->ctx, ptr, size);
}

static inline void eas_free(const eas_allocator *a, void *ptr)
{
    if (ptr) {
        a->free(a->ctx, ptr);
    }
}

#endif
