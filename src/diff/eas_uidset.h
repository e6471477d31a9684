/*
 * Sorted sets of IMAP UIDs (32-bit, 1 .. 2^32-1) as plain arrays: the data
 * structure every diff of this directory works on. A set is a uint32_t
 * array in strictly ascending order; the operations merge two sets in one
 * pass (O(n + m)) and never allocate more than their result.
 *
 * Two text/binary forms are read and written:
 *   - IMAP sequence sets ("1:5,7,10:15"), as Horde stores the UID list of a
 *     CONDSTORE folder and as IMAP commands want them;
 *   - a compact binary run encoding for the native state format: a LEB128
 *     count of runs, then per run the LEB128 gap from the end of the
 *     previous run and the LEB128 run length minus one. A folder of 100,000
 *     mostly consecutive UIDs takes a few bytes per hole.
 *
 * Both readers bound what they build by a caller-given maximum size, so a
 * range like "1:4294967295" read from a damaged row is an error, not 16 GB.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_UIDSET_H
#define EAS_UIDSET_H

#include <stddef.h>
#include <stdint.h>

#include "../common/eas_alloc.h"
#include "../common/eas_buf.h"
#include "../common/eas_error.h"

/* A growable array of 32-bit values (a set when sorted and unique). */
typedef struct eas_u32vec {
    uint32_t *v;
    size_t len;
    size_t cap;
    const eas_allocator *alloc;
} eas_u32vec;

void eas_u32vec_init(eas_u32vec *a, const eas_allocator *alloc);
void eas_u32vec_free(eas_u32vec *a);
/* Room for at least `n` values in total; 0, or -1 when out of memory. */
int eas_u32vec_reserve(eas_u32vec *a, size_t n);
int eas_u32vec_push(eas_u32vec *a, uint32_t x);
int eas_u32vec_append(eas_u32vec *a, const uint32_t *v, size_t n);
/* Hands the storage of `from` to `to` (freeing what `to` held). */
void eas_u32vec_move(eas_u32vec *to, eas_u32vec *from);

/* 1 if v[0..n) is strictly ascending. */
int eas_uidset_is_set(const uint32_t *v, size_t n);
/* Sorts and removes duplicates in place (radix sort unless already sorted). */
int eas_uidset_normalize(eas_u32vec *a);
/* Index of the first element >= x (n if none). */
size_t eas_uidset_lower_bound(const uint32_t *v, size_t n, uint32_t x);
int eas_uidset_contains(const uint32_t *v, size_t n, uint32_t x);

/* out = a ∪ b, a − b, a ∩ b. `out` must not alias an input; it is replaced. */
int eas_uidset_union(eas_u32vec *out, const uint32_t *a, size_t na, const uint32_t *b, size_t nb);
int eas_uidset_difference(eas_u32vec *out, const uint32_t *a, size_t na, const uint32_t *b, size_t nb);
int eas_uidset_intersection(eas_u32vec *out, const uint32_t *a, size_t na, const uint32_t *b, size_t nb);

/* Number of runs of consecutive values in a set. */
size_t eas_uidset_runs(const uint32_t *v, size_t n);

/* Appends the IMAP sequence set of a set: "1:5,7" ("" for the empty set). */
int eas_uidset_format(eas_buf *out, const uint32_t *v, size_t n);

/*
 * Reads an IMAP sequence set of UIDs into `out` (replaced) as a normalized
 * set. Accepts what Horde writes and reads: numbers and ranges separated by
 * commas, ranges in either order ("10:5"), overlaps, surrounding blanks.
 * Refuses 0, "*", values above 2^32-1, empty elements and more than `max`
 * values. Returns 0, or -1 with err set (the offset of the fault).
 */
int eas_uidset_parse(eas_u32vec *out, const char *s, size_t len, size_t max, eas_error *err);

/* Appends the binary run encoding of a set. */
int eas_uidset_encode(eas_buf *out, const uint32_t *v, size_t n);

/*
 * Reads the binary run encoding from data[0..len) into `out` (replaced);
 * *used receives the bytes consumed. Refuses overlong or overflowing
 * numbers, values past 2^32-1, a zero UID and sets above `max` values.
 */
int eas_uidset_decode(eas_u32vec *out, const unsigned char *data, size_t len, size_t *used, size_t max,
                      eas_error *err);

/* LEB128 helpers shared with the other diff encoders. */
int eas_diff_put_varint(eas_buf *out, uint64_t v);
/* Reads one LEB128 value of at most 64 bits; 0, or -1 (truncated/overlong). */
int eas_diff_get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v);

#endif
