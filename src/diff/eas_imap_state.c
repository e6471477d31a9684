/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "eas_imap_state.h"

#include <stdlib.h>
#include <string.h>

int eas_flags_valid(uint8_t bits)
{
    return (bits & ~EAS_FLAGS_VALID_MASK) == 0 && EAS_FLAG_GET(bits, EAS_FLAG_READ_SHIFT) != 3 &&
           EAS_FLAG_GET(bits, EAS_FLAG_FLAGGED_SHIFT) != 3 && EAS_FLAG_GET(bits, EAS_FLAG_DRAFT_SHIFT) != 3;
}

/* ---- flag sets ---- */

void eas_flagset_init(eas_flagset *f, const eas_allocator *alloc)
{
    eas_u32vec_init(&f->uids, alloc);
    f->bits = NULL;
    f->bits_cap = 0;
}

void eas_flagset_free(eas_flagset *f)
{
    eas_free(f->uids.alloc, f->bits);
    f->bits = NULL;
    f->bits_cap = 0;
    eas_u32vec_free(&f->uids);
}

void eas_flagset_clear(eas_flagset *f)
{
    f->uids.len = 0;
}

int eas_flagset_reserve(eas_flagset *f, size_t n)
{
    if (eas_u32vec_reserve(&f->uids, n) != 0) {
        return -1;
    }
    if (f->bits_cap < f->uids.cap) {
        uint8_t *b = eas_realloc(f->uids.alloc, f->bits, f->uids.cap);
        if (!b) {
            return -1;
        }
        f->bits = b;
        f->bits_cap = f->uids.cap;
    }
    return 0;
}

int eas_flagset_push(eas_flagset *f, uint32_t uid, uint8_t bits)
{
    if (f->uids.len == f->bits_cap || f->uids.len == f->uids.cap) {
        if (eas_flagset_reserve(f, f->uids.len + 1) != 0) {
            return -1;
        }
    }
    f->bits[f->uids.len] = bits;
    f->uids.v[f->uids.len++] = uid;
    return 0;
}

/* (uid, position) packed so that a sort keeps the order of equal UIDs. */
static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int eas_flagset_normalize(eas_flagset *f)
{
    size_t n = f->uids.len, i, j;
    uint64_t *keys;
    uint8_t *bits;

    if (eas_uidset_is_set(f->uids.v, n)) {
        return 0;
    }
    keys = eas_alloc(f->uids.alloc, n * sizeof(uint64_t));
    bits = eas_alloc(f->uids.alloc, n ? n : 1);
    if (!keys || !bits) {
        eas_free(f->uids.alloc, keys);
        eas_free(f->uids.alloc, bits);
        return -1;
    }
    for (i = 0; i < n; i++) {
        keys[i] = (uint64_t)f->uids.v[i] << 32 | (uint64_t)i;
    }
    qsort(keys, n, sizeof(uint64_t), cmp_u64);
    for (i = j = 0; i < n; i++) {
        uint32_t uid = (uint32_t)(keys[i] >> 32);
        uint8_t b = f->bits[(size_t)(keys[i] & 0xffffffffu)];
        if (j && f->uids.v[j - 1] == uid) {
            bits[j - 1] = b; /* the later one wins */
            continue;
        }
        f->uids.v[j] = uid;
        bits[j++] = b;
    }
    memcpy(f->bits, bits, j);
    f->uids.len = j;
    eas_free(f->uids.alloc, keys);
    eas_free(f->uids.alloc, bits);
    return 0;
}

size_t eas_flagset_find(const eas_flagset *f, uint32_t uid)
{
    size_t i = eas_uidset_lower_bound(f->uids.v, f->uids.len, uid);
    return (i < f->uids.len && f->uids.v[i] == uid) ? i : (size_t)-1;
}

/* Horde's "$this->_flags[$uid] += $data" for a whole batch: a message that
 * already has non-empty flags keeps them and gains only the fields it
 * lacked; otherwise the new flags replace it. */
static uint8_t merge_bits(uint8_t old, uint8_t add)
{
    unsigned shift;
    uint8_t out;

    if (old == 0 || (old & EAS_FLAGS_EMPTY)) {
        return add;
    }
    out = old;
    for (shift = 0; shift <= EAS_FLAG_DRAFT_SHIFT; shift += 2) {
        if (EAS_FLAG_GET(out, shift) == EAS_FLAG_UNSET) {
            out = (uint8_t)(out | (EAS_FLAG_GET(add, shift) << shift));
        }
    }
    return out;
}

static int flagset_merge(eas_flagset *into, const eas_flagset *add)
{
    eas_flagset out;
    size_t i = 0, j = 0;
    const eas_allocator *alloc = into->uids.alloc;

    if (add->uids.len == 0) {
        return 0;
    }
    eas_flagset_init(&out, alloc);
    if (eas_flagset_reserve(&out, into->uids.len + add->uids.len) != 0) {
        eas_flagset_free(&out);
        return -1;
    }
    while (i < into->uids.len || j < add->uids.len) {
        size_t k = out.uids.len;
        if (j == add->uids.len || (i < into->uids.len && into->uids.v[i] < add->uids.v[j])) {
            out.uids.v[k] = into->uids.v[i];
            out.bits[k] = into->bits[i++];
        } else if (i == into->uids.len || add->uids.v[j] < into->uids.v[i]) {
            out.uids.v[k] = add->uids.v[j];
            out.bits[k] = add->bits[j++];
        } else {
            out.uids.v[k] = into->uids.v[i];
            out.bits[k] = merge_bits(into->bits[i++], add->bits[j++]);
        }
        out.uids.len = k + 1;
    }
    eas_flagset_free(into);
    *into = out;
    return 0;
}

/* ---- state ---- */

void eas_imap_state_init(eas_imap_state *st, const eas_allocator *alloc)
{
    st->alloc = alloc;
    eas_flagset_init(&st->known, alloc);
    eas_u32vec_init(&st->added, alloc);
    eas_u32vec_init(&st->changed, alloc);
    eas_u32vec_init(&st->removed, alloc);
    eas_u32vec_init(&st->soft, alloc);
    eas_flagset_init(&st->reported, alloc);
    st->primed = 0;
}

void eas_imap_state_free(eas_imap_state *st)
{
    eas_flagset_free(&st->known);
    eas_u32vec_free(&st->added);
    eas_u32vec_free(&st->changed);
    eas_u32vec_free(&st->removed);
    eas_u32vec_free(&st->soft);
    eas_flagset_free(&st->reported);
}

uint32_t eas_imap_min_uid(const eas_imap_state *st)
{
    return st->known.uids.len ? st->known.uids.v[0] : 0;
}

/* Finds uid in a sorted array, moving *cursor forward when the lookups come
 * in ascending order (a merge walk) and searching afresh otherwise. */
static size_t find_from(const uint32_t *v, size_t n, uint32_t uid, size_t *cursor, int ascending)
{
    size_t i;

    if (ascending) {
        i = *cursor;
        /* gallop: most steps are short in a dense walk */
        if (i < n && v[i] < uid) {
            size_t step = 1, lo = i, hi;
            while (lo + step < n && v[lo + step] < uid) {
                lo += step;
                step *= 2;
            }
            hi = lo + step < n ? lo + step + 1 : n;
            i = lo + eas_uidset_lower_bound(v + lo, hi - lo, uid);
        }
        *cursor = i;
    } else {
        i = eas_uidset_lower_bound(v, n, uid);
    }
    return (i < n && v[i] == uid) ? i : (size_t)-1;
}

/* Horde compares "$new != $old" where an absent old value is null. */
static int flag_differs(unsigned now, unsigned before)
{
    if (now == EAS_FLAG_UNSET) {
        return 0;
    }
    if (before == EAS_FLAG_UNSET) {
        return now == EAS_FLAG_ON;
    }
    return now != before;
}

int eas_imap_set_changes(eas_imap_state *st, const eas_imap_changes_in *in)
{
    const uint32_t *known = st->known.uids.v;
    size_t nknown = st->known.uids.len, i, kcur = 0, fcur = 0;
    uint32_t min_uid = eas_imap_min_uid(st);
    int ascending = eas_uidset_is_set(in->uids, in->count);
    const eas_flagset *flags = in->flags;

    for (i = 0; i < in->count; i++) {
        uint32_t uid = in->uids[i];
        size_t k;

        if ((uint64_t)uid >= in->uidnext) {
            if (eas_u32vec_push(&st->added, uid) != 0) {
                return -1;
            }
            continue;
        }
        if (uid < min_uid && !in->reset_min_uid) {
            continue;
        }
        k = find_from(known, nknown, uid, &kcur, ascending);
        if (in->condstore) {
            if (eas_u32vec_push(k == (size_t)-1 ? &st->added : &st->changed, uid) != 0) {
                return -1;
            }
            continue;
        }
        if (k == (size_t)-1 || (st->known.bits[k] & EAS_FLAGS_EMPTY)) {
            continue; /* not a message the device has */
        }
        if (flags) {
            size_t f = find_from(flags->uids.v, flags->uids.len, uid, &fcur, ascending);
            uint8_t now = f == (size_t)-1 ? 0 : flags->bits[f], before = st->known.bits[k];
            if (flag_differs(EAS_FLAG_GET(now, EAS_FLAG_READ_SHIFT), EAS_FLAG_GET(before, EAS_FLAG_READ_SHIFT)) ||
                flag_differs(EAS_FLAG_GET(now, EAS_FLAG_FLAGGED_SHIFT),
                             EAS_FLAG_GET(before, EAS_FLAG_FLAGGED_SHIFT))) {
                if (eas_u32vec_push(&st->changed, uid) != 0) {
                    return -1;
                }
            }
        }
    }
    return flags ? flagset_merge(&st->reported, flags) : 0;
}

int eas_imap_set_removed(eas_imap_state *st, const uint32_t *uids, size_t count)
{
    if (count && uids[0] < eas_imap_min_uid(st)) {
        return 1;
    }
    st->removed.len = 0;
    return eas_u32vec_append(&st->removed, uids, count);
}

int eas_imap_prime(eas_imap_state *st, const uint32_t *uids, size_t count)
{
    st->added.len = 0;
    if (eas_u32vec_append(&st->added, uids, count) != 0) {
        return -1;
    }
    st->primed = 1;
    return 0;
}

/* A sorted, duplicate-free copy of a pending list. */
static int sorted_copy(eas_u32vec *out, const eas_u32vec *in)
{
    out->len = 0;
    if (eas_u32vec_append(out, in->v, in->len) != 0) {
        return -1;
    }
    return eas_uidset_normalize(out);
}

/* Keeps the known entries whose UID is not in the sorted set `drop`. */
static void known_remove(eas_flagset *known, const uint32_t *drop, size_t ndrop)
{
    size_t i, j = 0, k = 0;

    for (i = 0; i < known->uids.len; i++) {
        uint32_t uid = known->uids.v[i];
        while (j < ndrop && drop[j] < uid) {
            j++;
        }
        if (j < ndrop && drop[j] == uid) {
            continue;
        }
        known->uids.v[k] = uid;
        known->bits[k++] = known->bits[i];
    }
    known->uids.len = k;
}

int eas_imap_take_soft_deleted(eas_imap_state *st, eas_u32vec *out)
{
    eas_u32vec removed, rest;
    int rc = -1;

    eas_u32vec_init(&removed, st->alloc);
    eas_u32vec_init(&rest, st->alloc);
    if (sorted_copy(&removed, &st->removed) == 0 &&
        eas_uidset_difference(&rest, st->known.uids.v, st->known.uids.len, removed.v, removed.len) == 0 &&
        eas_uidset_difference(out, rest.v, rest.len, st->reported.uids.v, st->reported.uids.len) == 0) {
        known_remove(&st->known, out->v, out->len);
        rc = 0;
    }
    eas_u32vec_free(&removed);
    eas_u32vec_free(&rest);
    return rc;
}

int eas_imap_set_soft_deleted(eas_imap_state *st, const uint32_t *uids, size_t count)
{
    eas_u32vec drop;
    int rc = -1;

    st->soft.len = 0;
    if (eas_u32vec_append(&st->soft, uids, count) != 0) {
        return -1;
    }
    eas_u32vec_init(&drop, st->alloc);
    if (sorted_copy(&drop, &st->soft) == 0) {
        known_remove(&st->known, drop.v, drop.len);
        rc = 0;
    }
    eas_u32vec_free(&drop);
    return rc;
}

/* known := (known − removed) ∪ added ∪ reported, flags from `reported` only. */
static int update_plain(eas_imap_state *st)
{
    eas_u32vec removed, added, base, tmp, all;
    eas_flagset out;
    size_t i, r = 0;
    int rc = -1;

    eas_u32vec_init(&removed, st->alloc);
    eas_u32vec_init(&added, st->alloc);
    eas_u32vec_init(&base, st->alloc);
    eas_u32vec_init(&tmp, st->alloc);
    eas_u32vec_init(&all, st->alloc);
    eas_flagset_init(&out, st->alloc);
    if (sorted_copy(&removed, &st->removed) != 0 || sorted_copy(&added, &st->added) != 0 ||
        eas_uidset_difference(&tmp, st->known.uids.v, st->known.uids.len, removed.v, removed.len) != 0 ||
        eas_uidset_union(&base, tmp.v, tmp.len, added.v, added.len) != 0 ||
        eas_uidset_union(&all, base.v, base.len, st->reported.uids.v, st->reported.uids.len) != 0 ||
        eas_flagset_reserve(&out, all.len) != 0) {
        goto done;
    }
    for (i = 0; i < all.len; i++) {
        uint32_t uid = all.v[i];
        while (r < st->reported.uids.len && st->reported.uids.v[r] < uid) {
            r++;
        }
        out.uids.v[i] = uid;
        out.bits[i] = (r < st->reported.uids.len && st->reported.uids.v[r] == uid) ? st->reported.bits[r] : 0;
    }
    out.uids.len = all.len;
    eas_flagset_free(&st->known);
    st->known = out;
    eas_flagset_init(&out, st->alloc);
    rc = 0;
done:
    eas_u32vec_free(&removed);
    eas_u32vec_free(&added);
    eas_u32vec_free(&base);
    eas_u32vec_free(&tmp);
    eas_u32vec_free(&all);
    eas_flagset_free(&out);
    return rc;
}

/* Known as a plain UID set (CONDSTORE keeps no flags). */
static int known_set(eas_imap_state *st, eas_u32vec *uids)
{
    eas_u32vec_move(&st->known.uids, uids);
    if (eas_flagset_reserve(&st->known, st->known.uids.len) != 0) {
        return -1;
    }
    if (st->known.uids.len) {
        memset(st->known.bits, 0, st->known.uids.len);
    }
    return 0;
}

static int update_condstore(eas_imap_state *st)
{
    eas_u32vec removed, added, tmp;
    int rc = -1;

    eas_u32vec_init(&removed, st->alloc);
    eas_u32vec_init(&added, st->alloc);
    eas_u32vec_init(&tmp, st->alloc);
    if (sorted_copy(&added, &st->added) != 0) {
        goto done;
    }
    if (st->primed) {
        st->primed = 0;
        rc = known_set(st, &added);
        goto done;
    }
    if (sorted_copy(&removed, &st->removed) != 0 ||
        eas_uidset_union(&tmp, st->known.uids.v, st->known.uids.len, added.v, added.len) != 0 ||
        eas_uidset_difference(&added, tmp.v, tmp.len, removed.v, removed.len) != 0) {
        goto done;
    }
    rc = known_set(st, &added);
done:
    eas_u32vec_free(&removed);
    eas_u32vec_free(&added);
    eas_u32vec_free(&tmp);
    return rc;
}

int eas_imap_update(eas_imap_state *st, int condstore)
{
    if ((condstore ? update_condstore(st) : update_plain(st)) != 0) {
        return -1;
    }
    st->added.len = 0;
    st->changed.len = 0;
    st->removed.len = 0;
    st->soft.len = 0;
    eas_flagset_clear(&st->reported);
    return 0;
}

int eas_imap_acknowledge(eas_imap_state *st, uint32_t uid)
{
    size_t i = eas_uidset_lower_bound(st->known.uids.v, st->known.uids.len, uid), n = st->known.uids.len;

    if (i < n && st->known.uids.v[i] == uid) {
        return 0;
    }
    if (eas_flagset_reserve(&st->known, n + 1) != 0) {
        return -1;
    }
    memmove(st->known.uids.v + i + 1, st->known.uids.v + i, (n - i) * sizeof(uint32_t));
    memmove(st->known.bits + i + 1, st->known.bits + i, n - i);
    st->known.uids.v[i] = uid;
    st->known.bits[i] = 0;
    st->known.uids.len = n + 1;
    return 0;
}

/* ---- binary form ---- */

#define KNOWN_FORMAT 1

int eas_imap_encode_known(const eas_imap_state *st, eas_buf *out)
{
    size_t n = st->known.uids.len, i = 0, runs = 0;

    if (eas_buf_putc(out, KNOWN_FORMAT) != 0 || eas_uidset_encode(out, st->known.uids.v, n) != 0) {
        return -1;
    }
    for (i = 0; i < n; i++) {
        if (i == 0 || st->known.bits[i] != st->known.bits[i - 1]) {
            runs++;
        }
    }
    if (eas_diff_put_varint(out, runs) != 0) {
        return -1;
    }
    i = 0;
    while (i < n) {
        size_t j = i;
        while (j + 1 < n && st->known.bits[j + 1] == st->known.bits[i]) {
            j++;
        }
        if (eas_buf_putc(out, st->known.bits[i]) != 0 || eas_diff_put_varint(out, j - i) != 0) {
            return -1;
        }
        i = j + 1;
    }
    return 0;
}

int eas_imap_decode_known(eas_imap_state *st, const unsigned char *data, size_t len, size_t max,
                          eas_error *err)
{
    eas_u32vec uids;
    const unsigned char *p, *end = data + len;
    size_t used = 0, filled = 0;
    uint64_t runs, r;

    if (len == 0 || data[0] != KNOWN_FORMAT) {
        eas_error_set(err, EAS_ERR_SYNTAX, 0, "message list: unknown format");
        return -1;
    }
    eas_u32vec_init(&uids, st->alloc);
    if (eas_uidset_decode(&uids, data + 1, len - 1, &used, max, err) != 0) {
        eas_u32vec_free(&uids);
        return -1;
    }
    p = data + 1 + used;
    if (eas_diff_get_varint(&p, end, &runs) != 0 || runs > (uint64_t)(end - p) / 2 ||
        (runs == 0) != (uids.len == 0)) {
        eas_error_set(err, EAS_ERR_SYNTAX, (uint64_t)(p - data), "message list: bad flag runs");
        eas_u32vec_free(&uids);
        return -1;
    }
    eas_u32vec_move(&st->known.uids, &uids);
    if (eas_flagset_reserve(&st->known, st->known.uids.len) != 0) {
        eas_error_set(err, EAS_ERR_NOMEM, 0, "out of memory");
        st->known.uids.len = 0;
        return -1;
    }
    for (r = 0; r < runs; r++) {
        uint64_t extra;
        uint8_t bits;
        size_t at = (size_t)(p - data);
        if (p == end) {
            break;
        }
        bits = *p++;
        if (!eas_flags_valid(bits) || eas_diff_get_varint(&p, end, &extra) != 0 ||
            extra >= st->known.uids.len - filled) {
            eas_error_set(err, EAS_ERR_SYNTAX, at, "message list: bad flag run");
            st->known.uids.len = 0;
            return -1;
        }
        memset(st->known.bits + filled, bits, (size_t)extra + 1);
        filled += (size_t)extra + 1;
    }
    if (filled != st->known.uids.len || p != end) {
        eas_error_set(err, EAS_ERR_SYNTAX, (uint64_t)(p - data), "message list: flags do not match the UIDs");
        st->known.uids.len = 0;
        return -1;
    }
    return 0;
}

/* ---- planning ---- */

eas_imap_plan eas_imap_plan_sync(const eas_imap_status *saved, int saved_has_uidvalidity,
                                 const eas_imap_status *current, int softdelete, int refreshfilter)
{
    eas_imap_plan plan = { EAS_IMAP_PLAN_NOTHING, 1 };
    uint64_t now = current->highestmodseq, before = saved->highestmodseq;

    if (saved->uidnext != 0) {
        if (!saved_has_uidvalidity) {
            plan.kind = EAS_IMAP_PLAN_NOT_INITIALIZED;
            return plan;
        }
        if (current->uidvalidity != 0 && current->uidvalidity != saved->uidvalidity) {
            plan.kind = EAS_IMAP_PLAN_UIDVALIDITY;
            return plan;
        }
    }
    if (before > now) {
        /* The server forgot modification sequences: read everything the
         * search finds rather than nothing ever again. */
        plan.kind = EAS_IMAP_PLAN_MODSEQ;
        plan.modseq_valid = 0;
    } else if (now && before > 0 && (before < now || softdelete || refreshfilter)) {
        plan.kind = EAS_IMAP_PLAN_MODSEQ;
    } else if (saved->uidnext == 0) {
        plan.kind = EAS_IMAP_PLAN_INITIAL;
    } else if (now == 0) {
        plan.kind = EAS_IMAP_PLAN_PLAIN;
    } else if (before == 0) {
        plan.kind = EAS_IMAP_PLAN_CONDSTORE_ENABLED;
    }
    return plan;
}

int eas_imap_ping_changed(const eas_imap_status *watermark, const eas_imap_status *current)
{
    if (watermark->uidvalidity && current->uidvalidity && watermark->uidvalidity != current->uidvalidity) {
        return 1;
    }
    if (current->highestmodseq && watermark->highestmodseq > 0 && watermark->highestmodseq < current->highestmodseq) {
        return 1;
    }
    return watermark->uidnext < current->uidnext || watermark->messages != current->messages;
}
