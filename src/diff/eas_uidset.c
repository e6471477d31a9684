/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "eas_uidset.h"

#include <string.h>

/* ---- growable arrays ---- */

void eas_u32vec_init(eas_u32vec *a, const eas_allocator *alloc)
{
    a->v = NULL;
    a->len = a->cap = 0;
    a->alloc = alloc;
}

void eas_u32vec_free(eas_u32vec *a)
{
    eas_free(a->alloc, a->v);
    a->v = NULL;
    a->len = a->cap = 0;
}

int eas_u32vec_reserve(eas_u32vec *a, size_t n)
{
    size_t cap;
    uint32_t *v;

    if (n <= a->cap) {
        return 0;
    }
    if (n > SIZE_MAX / sizeof(uint32_t) / 2) {
        return -1;
    }
    cap = a->cap ? a->cap : 16;
    while (cap < n) {
        cap *= 2;
    }
    v = eas_realloc(a->alloc, a->v, cap * sizeof(uint32_t));
    if (!v) {
        return -1;
    }
    a->v = v;
    a->cap = cap;
    return 0;
}

int eas_u32vec_push(eas_u32vec *a, uint32_t x)
{
    if (a->len == a->cap && eas_u32vec_reserve(a, a->len + 1) != 0) {
        return -1;
    }
    a->v[a->len++] = x;
    return 0;
}

int eas_u32vec_append(eas_u32vec *a, const uint32_t *v, size_t n)
{
    if (n > SIZE_MAX - a->len || eas_u32vec_reserve(a, a->len + n) != 0) {
        return -1;
    }
    if (n) {
        memcpy(a->v + a->len, v, n * sizeof(uint32_t));
        a->len += n;
    }
    return 0;
}

void eas_u32vec_move(eas_u32vec *to, eas_u32vec *from)
{
    if (to == from) {
        return;
    }
    eas_free(to->alloc, to->v);
    *to = *from;
    from->v = NULL;
    from->len = from->cap = 0;
}

/* ---- sets ---- */

int eas_uidset_is_set(const uint32_t *v, size_t n)
{
    size_t i;

    for (i = 1; i < n; i++) {
        if (v[i - 1] >= v[i]) {
            return 0;
        }
    }
    return 1;
}

/* LSD radix sort, three 11-bit digits, through a scratch array. */
static int radix_sort(uint32_t *v, size_t n, const eas_allocator *alloc)
{
    enum { BITS = 11, BUCKETS = 1 << BITS };
    uint32_t *tmp = eas_alloc(alloc, n * sizeof(uint32_t)), *src = v, *dst = tmp;
    size_t count[BUCKETS];
    unsigned shift;
    size_t i;

    if (!tmp) {
        return -1;
    }
    for (shift = 0; shift < 32; shift += BITS) {
        size_t sum = 0;
        memset(count, 0, sizeof(count));
        for (i = 0; i < n; i++) {
            count[(src[i] >> shift) & (BUCKETS - 1)]++;
        }
        for (i = 0; i < BUCKETS; i++) {
            size_t c = count[i];
            count[i] = sum;
            sum += c;
        }
        for (i = 0; i < n; i++) {
            dst[count[(src[i] >> shift) & (BUCKETS - 1)]++] = src[i];
        }
        src = dst;
        dst = (dst == tmp) ? v : tmp;
    }
    /* Three passes: the result is in tmp. */
    memcpy(v, src, n * sizeof(uint32_t));
    eas_free(alloc, tmp);
    return 0;
}

int eas_uidset_normalize(eas_u32vec *a)
{
    size_t i, j;
    int sorted = 1;

    for (i = 1; i < a->len; i++) {
        if (a->v[i - 1] > a->v[i]) {
            sorted = 0;
            break;
        }
    }
    if (!sorted && radix_sort(a->v, a->len, a->alloc) != 0) {
        return -1;
    }
    for (i = j = 0; i < a->len; i++) {
        if (j == 0 || a->v[j - 1] != a->v[i]) {
            a->v[j++] = a->v[i];
        }
    }
    a->len = j;
    return 0;
}

size_t eas_uidset_lower_bound(const uint32_t *v, size_t n, uint32_t x)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < x) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

int eas_uidset_contains(const uint32_t *v, size_t n, uint32_t x)
{
    size_t i = eas_uidset_lower_bound(v, n, x);
    return i < n && v[i] == x;
}

int eas_uidset_union(eas_u32vec *out, const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t i = 0, j = 0, k = 0;

    out->len = 0;
    if (eas_u32vec_reserve(out, na + nb) != 0) {
        return -1;
    }
    while (i < na && j < nb) {
        if (a[i] < b[j]) {
            out->v[k++] = a[i++];
        } else if (b[j] < a[i]) {
            out->v[k++] = b[j++];
        } else {
            out->v[k++] = a[i++];
            j++;
        }
    }
    while (i < na) {
        out->v[k++] = a[i++];
    }
    while (j < nb) {
        out->v[k++] = b[j++];
    }
    out->len = k;
    return 0;
}

int eas_uidset_difference(eas_u32vec *out, const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t i = 0, j = 0, k = 0;

    out->len = 0;
    if (eas_u32vec_reserve(out, na) != 0) {
        return -1;
    }
    while (i < na) {
        while (j < nb && b[j] < a[i]) {
            j++;
        }
        if (j < nb && b[j] == a[i]) {
            i++;
            continue;
        }
        out->v[k++] = a[i++];
    }
    out->len = k;
    return 0;
}

int eas_uidset_intersection(eas_u32vec *out, const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t i = 0, j = 0, k = 0;

    out->len = 0;
    if (eas_u32vec_reserve(out, na < nb ? na : nb) != 0) {
        return -1;
    }
    while (i < na && j < nb) {
        if (a[i] < b[j]) {
            i++;
        } else if (b[j] < a[i]) {
            j++;
        } else {
            out->v[k++] = a[i++];
            j++;
        }
    }
    out->len = k;
    return 0;
}

size_t eas_uidset_runs(const uint32_t *v, size_t n)
{
    size_t i, runs = n ? 1 : 0;

    for (i = 1; i < n; i++) {
        if (v[i] != v[i - 1] + 1) {
            runs++;
        }
    }
    return runs;
}

/* ---- IMAP sequence sets ---- */

static int put_u32(eas_buf *out, uint32_t x)
{
    char tmp[10];
    size_t n = sizeof(tmp);

    do {
        tmp[--n] = (char)('0' + x % 10);
        x /= 10;
    } while (x);
    return eas_buf_append(out, tmp + n, sizeof(tmp) - n);
}

int eas_uidset_format(eas_buf *out, const uint32_t *v, size_t n)
{
    size_t i = 0;

    while (i < n) {
        size_t j = i;
        while (j + 1 < n && v[j + 1] == v[j] + 1) {
            j++;
        }
        if ((i && eas_buf_putc(out, ',') != 0) || put_u32(out, v[i]) != 0) {
            return -1;
        }
        if (j > i && (eas_buf_putc(out, ':') != 0 || put_u32(out, v[j]) != 0)) {
            return -1;
        }
        i = j + 1;
    }
    return 0;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f' || c == '\0';
}

/* A UID at s[*pos]: digits only, 1 .. 2^32-1. */
static int parse_uid(const char *s, size_t len, size_t *pos, uint32_t *uid, eas_error *err)
{
    uint64_t x = 0;
    size_t start = *pos;

    while (*pos < len && s[*pos] >= '0' && s[*pos] <= '9') {
        x = x * 10 + (uint64_t)(s[*pos] - '0');
        if (x > UINT32_MAX) {
            eas_error_set(err, EAS_ERR_LIMIT, start, "UID exceeds 4294967295");
            return -1;
        }
        (*pos)++;
    }
    if (*pos == start) {
        eas_error_set(err, EAS_ERR_SYNTAX, start, "expected a UID");
        return -1;
    }
    if (x == 0) {
        eas_error_set(err, EAS_ERR_SYNTAX, start, "UID 0 is not valid");
        return -1;
    }
    *uid = (uint32_t)x;
    return 0;
}

int eas_uidset_parse(eas_u32vec *out, const char *s, size_t len, size_t max, eas_error *err)
{
    size_t pos = 0, end = len, total = 0;
    int sorted = 1;

    out->len = 0;
    while (pos < end && is_blank(s[pos])) {
        pos++;
    }
    while (end > pos && is_blank(s[end - 1])) {
        end--;
    }
    if (pos == end) {
        return 0;
    }
    for (;;) {
        uint32_t lo, hi;
        uint64_t n;

        if (parse_uid(s, end, &pos, &lo, err) != 0) {
            return -1;
        }
        hi = lo;
        if (pos < end && s[pos] == ':') {
            pos++;
            if (parse_uid(s, end, &pos, &hi, err) != 0) {
                return -1;
            }
            if (hi < lo) {
                uint32_t t = lo;
                lo = hi;
                hi = t;
            }
        }
        n = (uint64_t)hi - lo + 1;
        if (n > max || total > max - n) {
            eas_error_set(err, EAS_ERR_LIMIT, pos, "UID set has more than %zu members", max);
            return -1;
        }
        total += (size_t)n;
        if (out->len && out->v[out->len - 1] >= lo) {
            sorted = 0;
        }
        if (eas_u32vec_reserve(out, out->len + (size_t)n) != 0) {
            eas_error_set(err, EAS_ERR_NOMEM, pos, "out of memory");
            return -1;
        }
        for (;;) {
            out->v[out->len++] = lo;
            if (lo == hi) {
                break;
            }
            lo++;
        }
        if (pos == end) {
            break;
        }
        if (s[pos] != ',') {
            eas_error_set(err, EAS_ERR_SYNTAX, pos, "expected ',' or ':' in a UID set");
            return -1;
        }
        pos++;
    }
    if (!sorted && eas_uidset_normalize(out) != 0) {
        eas_error_set(err, EAS_ERR_NOMEM, 0, "out of memory");
        return -1;
    }
    return 0;
}

/* ---- binary runs ---- */

int eas_diff_put_varint(eas_buf *out, uint64_t v)
{
    unsigned char tmp[10];
    size_t n = 0;

    do {
        unsigned char b = (unsigned char)(v & 0x7f);
        v >>= 7;
        tmp[n++] = (unsigned char)(b | (v ? 0x80 : 0));
    } while (v);
    return eas_buf_append(out, tmp, n);
}

int eas_diff_get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
    uint64_t x = 0;
    unsigned shift = 0;
    const unsigned char *q = *p;

    for (;;) {
        unsigned char b;
        if (q == end || shift > 63) {
            return -1;
        }
        b = *q++;
        if (shift == 63 && (b & 0x7e)) {
            return -1;
        }
        x |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            break;
        }
        shift += 7;
    }
    *v = x;
    *p = q;
    return 0;
}

int eas_uidset_encode(eas_buf *out, const uint32_t *v, size_t n)
{
    size_t i = 0;
    uint64_t prev_end = 0; /* the value after the previous run; UIDs start at 1 */

    if (eas_diff_put_varint(out, eas_uidset_runs(v, n)) != 0) {
        return -1;
    }
    while (i < n) {
        size_t j = i;
        while (j + 1 < n && v[j + 1] == v[j] + 1) {
            j++;
        }
        if (eas_diff_put_varint(out, (uint64_t)v[i] - prev_end) != 0 ||
            eas_diff_put_varint(out, (uint64_t)(j - i)) != 0) {
            return -1;
        }
        prev_end = (uint64_t)v[j] + 1;
        i = j + 1;
    }
    return 0;
}

int eas_uidset_decode(eas_u32vec *out, const unsigned char *data, size_t len, size_t *used, size_t max,
                      eas_error *err)
{
    const unsigned char *p = data, *end = data + len;
    uint64_t runs, r, next = 0;
    size_t total = 0;

    out->len = 0;
    if (eas_diff_get_varint(&p, end, &runs) != 0) {
        eas_error_set(err, EAS_ERR_TRUNCATED, 0, "UID set: truncated run count");
        return -1;
    }
    /* Each run takes at least two bytes: a count beyond that is a lie. */
    if (runs > (uint64_t)(end - p) / 2) {
        eas_error_set(err, EAS_ERR_TRUNCATED, (uint64_t)(p - data), "UID set: more runs than bytes");
        return -1;
    }
    for (r = 0; r < runs; r++) {
        uint64_t gap, extra, first, last;
        size_t at = (size_t)(p - data);

        if (eas_diff_get_varint(&p, end, &gap) != 0 || eas_diff_get_varint(&p, end, &extra) != 0) {
            eas_error_set(err, EAS_ERR_TRUNCATED, at, "UID set: truncated run");
            return -1;
        }
        /* Runs never touch: after the first, a gap of 0 would merge them. */
        if ((r > 0 && gap == 0) || gap > UINT32_MAX || extra > UINT32_MAX) {
            eas_error_set(err, EAS_ERR_SYNTAX, at, "UID set: invalid run");
            return -1;
        }
        first = next + gap;
        last = first + extra;
        if (first == 0 || last > UINT32_MAX) {
            eas_error_set(err, EAS_ERR_SYNTAX, at, "UID set: UID out of range");
            return -1;
        }
        if (extra + 1 > max - total) {
            eas_error_set(err, EAS_ERR_LIMIT, at, "UID set has more than %zu members", max);
            return -1;
        }
        if (eas_u32vec_reserve(out, total + (size_t)extra + 1) != 0) {
            eas_error_set(err, EAS_ERR_NOMEM, at, "out of memory");
            return -1;
        }
        for (;;) {
            out->v[out->len++] = (uint32_t)first;
            if (first == last) {
                break;
            }
            first++;
        }
        total += (size_t)extra + 1;
        next = last + 1;
    }
    if (used) {
        *used = (size_t)(p - data);
    }
    return 0;
}
