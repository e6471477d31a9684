/*
 * libFuzzer target for what the diff engines read from stored state: UID
 * sequence sets (Horde's rows) and the binary UID runs and message lists
 * (ours), and Horde 6's IntRangeSet text. A set that reads must survive a
 * write/read round trip unchanged; range sets also combine consistently.
 * The same bytes, cut into records, drive the hierarchy diff and the PIM
 * change-set normalisation, whose outputs are checked for consistency.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/diff/eas_changes.h"
#include "../../src/diff/eas_imap_state.h"
#include "../../src/diff/eas_rangeset.h"
#include "../../src/diff/eas_uidset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_MEMBERS 200000

static void check(int ok)
{
    if (!ok) {
        abort();
    }
}

static void round_trip(const eas_u32vec *set)
{
    eas_buf text, bin;
    eas_u32vec again;
    eas_error err;
    size_t used = 0;

    check(eas_uidset_is_set(set->v, set->len));
    eas_buf_init(&text, &eas_libc_allocator);
    eas_buf_init(&bin, &eas_libc_allocator);
    eas_u32vec_init(&again, &eas_libc_allocator);
    check(eas_uidset_format(&text, set->v, set->len) == 0);
    memset(&err, 0, sizeof(err));
    check(eas_uidset_parse(&again, (const char *)text.data, text.len, MAX_MEMBERS, &err) == 0);
    check(again.len == set->len && (set->len == 0 || memcmp(again.v, set->v, set->len * 4) == 0));
    check(eas_uidset_encode(&bin, set->v, set->len) == 0);
    check(eas_uidset_decode(&again, bin.data, bin.len, &used, MAX_MEMBERS, &err) == 0 && used == bin.len);
    check(again.len == set->len && (set->len == 0 || memcmp(again.v, set->v, set->len * 4) == 0));
    eas_buf_free(&text);
    eas_buf_free(&bin);
    eas_u32vec_free(&again);
}

/* Records separated by '\n', fields by '|': id|parent|name|serverid. */
static size_t split(const uint8_t *data, size_t size, eas_folder_stat *out, size_t max)
{
    size_t n = 0, pos = 0;

    while (pos < size && n < max) {
        eas_strref *fields[4];
        size_t f = 0, end = pos;
        memset(&out[n], 0, sizeof(out[n]));
        fields[0] = &out[n].id;
        fields[1] = &out[n].parent;
        fields[2] = &out[n].name;
        fields[3] = &out[n].serverid;
        while (end < size && data[end] != '\n') {
            end++;
        }
        while (pos <= end && f < 4) {
            size_t stop = pos;
            while (stop < end && data[stop] != '|') {
                stop++;
            }
            fields[f]->s = (const char *)data + pos;
            fields[f]->len = stop - pos;
            f++;
            pos = stop + 1;
        }
        pos = end + 1;
        n++;
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    eas_u32vec set;
    eas_error err;
    size_t used;
    eas_imap_state st;

    eas_u32vec_init(&set, &eas_libc_allocator);
    memset(&err, 0, sizeof(err));
    if (eas_uidset_parse(&set, (const char *)data, size, MAX_MEMBERS, &err) == 0) {
        round_trip(&set);
    }
    memset(&err, 0, sizeof(err));
    if (eas_uidset_decode(&set, data, size, &used, MAX_MEMBERS, &err) == 0) {
        check(used <= size);
        round_trip(&set);
    }
    eas_u32vec_free(&set);

    {
        eas_rangeset r, again, u, d, x;
        eas_buf text;
        eas_rangeset_init(&r, &eas_libc_allocator);
        eas_rangeset_init(&again, &eas_libc_allocator);
        eas_rangeset_init(&u, &eas_libc_allocator);
        eas_rangeset_init(&d, &eas_libc_allocator);
        eas_rangeset_init(&x, &eas_libc_allocator);
        eas_buf_init(&text, &eas_libc_allocator);
        memset(&err, 0, sizeof(err));
        /* bounded: every part may add a range */
        if (size < 4096 && eas_rangeset_parse(&r, (const char *)data, size, &err) == 0) {
            size_t i;
            for (i = 1; i < r.n; i++) {
                check(r.v[2 * i] > r.v[2 * i - 1] + 1);
            }
            check(eas_rangeset_format(&r, &text) == 0);
            memset(&err, 0, sizeof(err));
            check(eas_rangeset_parse(&again, (const char *)text.data, text.len, &err) == 0);
            check(again.n == r.n && (r.n == 0 || memcmp(again.v, r.v, r.n * 16) == 0));
            /* r ∪ (r − r) == r, r ∩ r == r */
            check(eas_rangeset_subtract(&d, &r, &r) == 0 && d.n == 0);
            check(eas_rangeset_union(&u, &r, &d) == 0 && u.n == r.n);
            check(eas_rangeset_intersect(&x, &r, &again) == 0 && x.n == r.n);
            check(eas_rangeset_count(&x) == eas_rangeset_count(&r));
        }
        eas_rangeset_free(&r);
        eas_rangeset_free(&again);
        eas_rangeset_free(&u);
        eas_rangeset_free(&d);
        eas_rangeset_free(&x);
        eas_buf_free(&text);
    }

    eas_imap_state_init(&st, &eas_libc_allocator);
    memset(&err, 0, sizeof(err));
    if (eas_imap_decode_known(&st, data, size, MAX_MEMBERS, &err) == 0) {
        eas_buf again;
        size_t i;
        check(eas_uidset_is_set(st.known.uids.v, st.known.uids.len));
        for (i = 0; i < st.known.uids.len; i++) {
            check(eas_flags_valid(st.known.bits[i]));
        }
        eas_buf_init(&again, &eas_libc_allocator);
        check(eas_imap_encode_known(&st, &again) == 0);
        eas_buf_free(&again);
    }
    eas_imap_state_free(&st);

    {
        static eas_folder_stat recs[512];
        static eas_pim_change pim[512];
        size_t n = split(data, size, recs, 512), half = n / 2, count, i;
        eas_hier_change *ch;
        size_t *keep;

        check(eas_hierarchy_diff(recs, half, recs + half, n - half, &eas_libc_allocator, &ch, &count) == 0);
        check(count <= n);
        for (i = 0; i < count; i++) {
            check(ch[i].index < (ch[i].kind == EAS_CHANGE_DELETE ? half : n - half));
        }
        free(ch);
        for (i = 0; i < n; i++) {
            pim[i].id = recs[i].id;
            pim[i].kind = (eas_change_kind)(1 + (recs[i].name.len % 4));
        }
        check(eas_pim_normalize(pim, n, &eas_libc_allocator, &keep, &count) == 0);
        for (i = 1; i < count; i++) {
            check(keep[i - 1] < keep[i]);
        }
        free(keep);
    }
    return 0;
}
