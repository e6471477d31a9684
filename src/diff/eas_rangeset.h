/*
 * Sets of 64-bit integers kept as sorted, disjoint, non-adjacent ranges:
 * the engine of Horde 6's IntRangeSet (a compact UID set with IMAP-style
 * text "1:5,7"). Single values and ranges are added and removed by binary
 * search; union, difference, intersection and the three-way diff merge two
 * sets (O(n + m)). Every value of int64_t is allowed; arithmetic at the
 * ends of the range never overflows.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_RANGESET_H
#define EAS_RANGESET_H

#include <stddef.h>
#include <stdint.h>

#include "../common/eas_alloc.h"
#include "../common/eas_buf.h"
#include "../common/eas_error.h"

typedef struct eas_rangeset {
    int64_t *v;      /* 2 * n values: start0, end0, start1, end1, ... */
    size_t n;        /* ranges */
    size_t cap;      /* ranges allocated */
    const eas_allocator *alloc;
} eas_rangeset;

void eas_rangeset_init(eas_rangeset *s, const eas_allocator *alloc);
void eas_rangeset_free(eas_rangeset *s);
/* Replaces `to` with a copy of `from`. */
int eas_rangeset_copy(eas_rangeset *to, const eas_rangeset *from);

/* Adds or removes [lo, hi] (swapped when lo > hi). 0, or -1 when out of memory. */
int eas_rangeset_add(eas_rangeset *s, int64_t lo, int64_t hi);
int eas_rangeset_remove(eas_rangeset *s, int64_t lo, int64_t hi);
int eas_rangeset_contains(const eas_rangeset *s, int64_t x);
/* Number of members, saturated at UINT64_MAX. */
uint64_t eas_rangeset_count(const eas_rangeset *s);

/* out = a ∪ b, a − b, a ∩ b; `out` may be `a` or `b`. */
int eas_rangeset_union(eas_rangeset *out, const eas_rangeset *a, const eas_rangeset *b);
int eas_rangeset_subtract(eas_rangeset *out, const eas_rangeset *a, const eas_rangeset *b);
int eas_rangeset_intersect(eas_rangeset *out, const eas_rangeset *a, const eas_rangeset *b);
/* removed = a − b, kept = a ∩ b, added = b − a (three merges). */
int eas_rangeset_diff(const eas_rangeset *a, const eas_rangeset *b, eas_rangeset *removed, eas_rangeset *kept,
                      eas_rangeset *added);

/* "1:5,7" ("" when empty); negative values are written as they are. */
int eas_rangeset_format(const eas_rangeset *s, eas_buf *out);
/*
 * Reads "1:5,7,10:15": comma-separated non-negative numbers or ranges
 * (either order), unsorted and overlapping allowed, nothing else (no
 * blanks, no empty parts). "" is the empty set. 0, or -1 with err set.
 */
int eas_rangeset_parse(eas_rangeset *s, const char *text, size_t len, eas_error *err);

#endif
