/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "eas_rangeset.h"

#include <string.h>

#define START(s, i) ((s)->v[2 * (i)])
#define END(s, i) ((s)->v[2 * (i) + 1])

void eas_rangeset_init(eas_rangeset *s, const eas_allocator *alloc)
{
    s->v = NULL;
    s->n = s->cap = 0;
    s->alloc = alloc;
}

void eas_rangeset_free(eas_rangeset *s)
{
    eas_free(s->alloc, s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

static int reserve(eas_rangeset *s, size_t n)
{
    size_t cap;
    int64_t *v;

    if (n <= s->cap) {
        return 0;
    }
    if (n > SIZE_MAX / (4 * sizeof(int64_t))) {
        return -1;
    }
    cap = s->cap ? s->cap : 8;
    while (cap < n) {
        cap *= 2;
    }
    v = eas_realloc(s->alloc, s->v, cap * 2 * sizeof(int64_t));
    if (!v) {
        return -1;
    }
    s->v = v;
    s->cap = cap;
    return 0;
}

static int append(eas_rangeset *s, int64_t lo, int64_t hi)
{
    if (s->n == s->cap && reserve(s, s->n + 1) != 0) {
        return -1;
    }
    START(s, s->n) = lo;
    END(s, s->n) = hi;
    s->n++;
    return 0;
}

/* Appends [lo, hi] after the last range, merging when they touch. */
static int append_merge(eas_rangeset *s, int64_t lo, int64_t hi)
{
    if (s->n) {
        int64_t last = END(s, s->n - 1);
        if (last == INT64_MAX || lo <= last + 1) {
            if (hi > last) {
                END(s, s->n - 1) = hi;
            }
            return 0;
        }
    }
    return append(s, lo, hi);
}

static void take(eas_rangeset *to, eas_rangeset *from)
{
    eas_free(to->alloc, to->v);
    *to = *from;
    from->v = NULL;
    from->n = from->cap = 0;
}

int eas_rangeset_copy(eas_rangeset *to, const eas_rangeset *from)
{
    if (to == from) {
        return 0;
    }
    to->n = 0;
    if (reserve(to, from->n) != 0) {
        return -1;
    }
    if (from->n) {
        memcpy(to->v, from->v, from->n * 2 * sizeof(int64_t));
    }
    to->n = from->n;
    return 0;
}

/* First range whose end reaches x (end >= x). */
static size_t first_end_at_least(const eas_rangeset *s, int64_t x)
{
    size_t lo = 0, hi = s->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (END(s, mid) < x) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* First range whose start is above x. */
static size_t first_start_above(const eas_rangeset *s, int64_t x)
{
    size_t lo = 0, hi = s->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (START(s, mid) <= x) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Replaces ranges [i, j) with `count` ranges from `with`. */
static int splice(eas_rangeset *s, size_t i, size_t j, const int64_t *with, size_t count)
{
    size_t n = s->n - (j - i) + count;

    if (reserve(s, n) != 0) {
        return -1;
    }
    memmove(s->v + 2 * (i + count), s->v + 2 * j, (s->n - j) * 2 * sizeof(int64_t));
    if (count) {
        memcpy(s->v + 2 * i, with, count * 2 * sizeof(int64_t));
    }
    s->n = n;
    return 0;
}

int eas_rangeset_add(eas_rangeset *s, int64_t lo, int64_t hi)
{
    size_t i, j;
    int64_t r[2];

    if (lo > hi) {
        int64_t t = lo;
        lo = hi;
        hi = t;
    }
    if (s->n == 0 || lo > END(s, s->n - 1)) {
        return append_merge(s, lo, hi);
    }
    /* ranges touching [lo, hi]: ends from lo - 1, starts up to hi + 1 */
    i = first_end_at_least(s, lo == INT64_MIN ? lo : lo - 1);
    j = first_start_above(s, hi == INT64_MAX ? hi : hi + 1);
    r[0] = lo;
    r[1] = hi;
    if (i < j) {
        if (START(s, i) < r[0]) {
            r[0] = START(s, i);
        }
        if (END(s, j - 1) > r[1]) {
            r[1] = END(s, j - 1);
        }
    }
    return splice(s, i, j, r, 1);
}

int eas_rangeset_remove(eas_rangeset *s, int64_t lo, int64_t hi)
{
    size_t i, j, k = 0;
    int64_t r[4];

    if (lo > hi) {
        int64_t t = lo;
        lo = hi;
        hi = t;
    }
    i = first_end_at_least(s, lo);
    j = first_start_above(s, hi);
    if (i >= j) {
        return 0;
    }
    if (START(s, i) < lo) {
        r[k++] = START(s, i);
        r[k++] = lo - 1;
    }
    if (END(s, j - 1) > hi) {
        r[k++] = hi + 1;
        r[k++] = END(s, j - 1);
    }
    return splice(s, i, j, r, k / 2);
}

int eas_rangeset_contains(const eas_rangeset *s, int64_t x)
{
    size_t i = first_end_at_least(s, x);
    return i < s->n && START(s, i) <= x;
}

uint64_t eas_rangeset_count(const eas_rangeset *s)
{
    uint64_t total = 0;
    size_t i;

    for (i = 0; i < s->n; i++) {
        uint64_t span = (uint64_t)END(s, i) - (uint64_t)START(s, i);
        if (span == UINT64_MAX || total > UINT64_MAX - span - 1) {
            return UINT64_MAX;
        }
        total += span + 1;
    }
    return total;
}

int eas_rangeset_union(eas_rangeset *out, const eas_rangeset *a, const eas_rangeset *b)
{
    eas_rangeset r;
    size_t i = 0, j = 0;

    eas_rangeset_init(&r, out->alloc);
    if (reserve(&r, a->n + b->n) != 0) {
        return -1;
    }
    while (i < a->n || j < b->n) {
        int from_a = j == b->n || (i < a->n && START(a, i) <= START(b, j));
        const eas_rangeset *src = from_a ? a : b;
        size_t k = from_a ? i++ : j++;
        if (append_merge(&r, START(src, k), END(src, k)) != 0) {
            eas_rangeset_free(&r);
            return -1;
        }
    }
    take(out, &r);
    return 0;
}

int eas_rangeset_subtract(eas_rangeset *out, const eas_rangeset *a, const eas_rangeset *b)
{
    eas_rangeset r;
    size_t i, j = 0;

    eas_rangeset_init(&r, out->alloc);
    for (i = 0; i < a->n; i++) {
        int64_t lo = START(a, i), hi = END(a, i);
        int alive = 1;
        while (j < b->n && END(b, j) < lo) {
            j++;
        }
        /* cut every b range that overlaps [lo, hi] out of it */
        while (alive && j < b->n && START(b, j) <= hi) {
            if (START(b, j) > lo && append(&r, lo, START(b, j) - 1) != 0) {
                eas_rangeset_free(&r);
                return -1;
            }
            if (END(b, j) >= hi) {
                alive = 0;
            } else {
                lo = END(b, j) + 1;
                j++;
            }
        }
        if (alive && append(&r, lo, hi) != 0) {
            eas_rangeset_free(&r);
            return -1;
        }
    }
    take(out, &r);
    return 0;
}

int eas_rangeset_intersect(eas_rangeset *out, const eas_rangeset *a, const eas_rangeset *b)
{
    eas_rangeset r;
    size_t i = 0, j = 0;

    eas_rangeset_init(&r, out->alloc);
    while (i < a->n && j < b->n) {
        int64_t lo = START(a, i) > START(b, j) ? START(a, i) : START(b, j);
        int64_t hi = END(a, i) < END(b, j) ? END(a, i) : END(b, j);
        if (lo <= hi && append(&r, lo, hi) != 0) {
            eas_rangeset_free(&r);
            return -1;
        }
        if (END(a, i) < END(b, j)) {
            i++;
        } else {
            j++;
        }
    }
    take(out, &r);
    return 0;
}

int eas_rangeset_diff(const eas_rangeset *a, const eas_rangeset *b, eas_rangeset *removed, eas_rangeset *kept,
                      eas_rangeset *added)
{
    if (eas_rangeset_subtract(removed, a, b) != 0 || eas_rangeset_intersect(kept, a, b) != 0 ||
        eas_rangeset_subtract(added, b, a) != 0) {
        return -1;
    }
    return 0;
}

static int put_i64(eas_buf *out, int64_t x)
{
    char tmp[24];
    size_t n = sizeof(tmp);
    uint64_t u = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;

    do {
        tmp[--n] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (x < 0) {
        tmp[--n] = '-';
    }
    return eas_buf_append(out, tmp + n, sizeof(tmp) - n);
}

int eas_rangeset_format(const eas_rangeset *s, eas_buf *out)
{
    size_t i;

    for (i = 0; i < s->n; i++) {
        if ((i && eas_buf_putc(out, ',') != 0) || put_i64(out, START(s, i)) != 0) {
            return -1;
        }
        if (END(s, i) != START(s, i) && (eas_buf_putc(out, ':') != 0 || put_i64(out, END(s, i)) != 0)) {
            return -1;
        }
    }
    return 0;
}

static int parse_number(const char *t, size_t len, size_t *pos, int64_t *out, eas_error *err)
{
    uint64_t x = 0;
    size_t start = *pos;

    while (*pos < len && t[*pos] >= '0' && t[*pos] <= '9') {
        x = x * 10 + (uint64_t)(t[*pos] - '0');
        if (x > (uint64_t)INT64_MAX) {
            eas_error_set(err, EAS_ERR_LIMIT, start, "number exceeds the integer range");
            return -1;
        }
        (*pos)++;
    }
    if (*pos == start) {
        eas_error_set(err, EAS_ERR_SYNTAX, start, "expected a number");
        return -1;
    }
    *out = (int64_t)x;
    return 0;
}

int eas_rangeset_parse(eas_rangeset *s, const char *text, size_t len, eas_error *err)
{
    size_t pos = 0;

    s->n = 0;
    if (len == 0) {
        return 0;
    }
    for (;;) {
        int64_t lo, hi;
        if (parse_number(text, len, &pos, &lo, err) != 0) {
            return -1;
        }
        hi = lo;
        if (pos < len && text[pos] == ':') {
            pos++;
            if (parse_number(text, len, &pos, &hi, err) != 0) {
                return -1;
            }
        }
        if (eas_rangeset_add(s, lo, hi) != 0) {
            eas_error_set(err, EAS_ERR_NOMEM, pos, "out of memory");
            return -1;
        }
        if (pos == len) {
            return 0;
        }
        if (text[pos] != ',') {
            eas_error_set(err, EAS_ERR_SYNTAX, pos, "expected ',' or ':'");
            return -1;
        }
        pos++;
    }
}
