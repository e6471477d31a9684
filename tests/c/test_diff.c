/*
 * The diff engines: UID sets, the IMAP folder state, the folder hierarchy
 * and PIM change sets.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "test.h"
#include "../../src/diff/eas_changes.h"
#include "../../src/diff/eas_imap_state.h"
#include "../../src/diff/eas_rangeset.h"
#include "../../src/diff/eas_uidset.h"

static const eas_allocator *A = &eas_libc_allocator;

/* A small deterministic generator (tests must not depend on libc's rand). */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return n ? (uint32_t)(rng_state % n) : 0;
}

static void vec_of(eas_u32vec *v, const uint32_t *x, size_t n)
{
    eas_u32vec_init(v, A);
    CHECK_EQ_INT(eas_u32vec_append(v, x, n), 0);
}

static int vec_equals(const eas_u32vec *v, const uint32_t *x, size_t n)
{
    return v->len == n && (n == 0 || memcmp(v->v, x, n * sizeof(uint32_t)) == 0);
}

/* A random set of up to `n` UIDs in 1..range. */
static void random_set(eas_u32vec *v, size_t n, uint32_t range)
{
    size_t i;

    eas_u32vec_init(v, A);
    for (i = 0; i < n; i++) {
        CHECK_EQ_INT(eas_u32vec_push(v, 1 + rnd(range)), 0);
    }
    CHECK_EQ_INT(eas_uidset_normalize(v), 0);
}

static const char *formatted(const uint32_t *v, size_t n)
{
    static char text[4096];
    eas_buf b;

    eas_buf_init(&b, A);
    eas_uidset_format(&b, v, n);
    eas_buf_putc(&b, 0);
    snprintf(text, sizeof(text), "%s", (const char *)b.data);
    eas_buf_free(&b);
    return text;
}

TEST(uidset_normalize)
{
    static const uint32_t in[] = { 9, 3, 3, 4000000000u, 1, 9, 2 }, want[] = { 1, 2, 3, 9, 4000000000u };
    eas_u32vec v;
    size_t i;

    vec_of(&v, in, 7);
    CHECK_EQ_INT(eas_uidset_normalize(&v), 0);
    CHECK(vec_equals(&v, want, 5));
    CHECK(eas_uidset_is_set(v.v, v.len));
    CHECK(eas_uidset_contains(v.v, v.len, 9));
    CHECK(!eas_uidset_contains(v.v, v.len, 8));
    CHECK_EQ_INT(eas_uidset_lower_bound(v.v, v.len, 4), 3);
    CHECK_EQ_INT(eas_uidset_lower_bound(v.v, v.len, 4000000001u), 5);
    eas_u32vec_free(&v);

    /* large unsorted input goes through the radix sort */
    eas_u32vec_init(&v, A);
    for (i = 0; i < 50000; i++) {
        eas_u32vec_push(&v, (uint32_t)((i * 2654435761u) % 100003u) + 1);
    }
    CHECK_EQ_INT(eas_uidset_normalize(&v), 0);
    CHECK_EQ_INT(v.len, 50000);
    CHECK(eas_uidset_is_set(v.v, v.len));
    eas_u32vec_free(&v);
}

TEST(uidset_operations_match_brute_force)
{
    int round;

    for (round = 0; round < 200; round++) {
        eas_u32vec a, b, u, d, x;
        uint32_t range = 1 + rnd(round < 100 ? 60 : 5000);
        size_t i, nu = 0, nd = 0, nx = 0;

        random_set(&a, rnd(80), range);
        random_set(&b, rnd(80), range);
        eas_u32vec_init(&u, A);
        eas_u32vec_init(&d, A);
        eas_u32vec_init(&x, A);
        CHECK_EQ_INT(eas_uidset_union(&u, a.v, a.len, b.v, b.len), 0);
        CHECK_EQ_INT(eas_uidset_difference(&d, a.v, a.len, b.v, b.len), 0);
        CHECK_EQ_INT(eas_uidset_intersection(&x, a.v, a.len, b.v, b.len), 0);
        for (i = 1; i <= range; i++) {
            int ina = eas_uidset_contains(a.v, a.len, (uint32_t)i), inb = eas_uidset_contains(b.v, b.len, (uint32_t)i);
            if (ina || inb) {
                CHECK(nu < u.len && u.v[nu++] == i);
            }
            if (ina && !inb) {
                CHECK(nd < d.len && d.v[nd++] == i);
            }
            if (ina && inb) {
                CHECK(nx < x.len && x.v[nx++] == i);
            }
        }
        CHECK_EQ_INT(u.len, nu);
        CHECK_EQ_INT(d.len, nd);
        CHECK_EQ_INT(x.len, nx);
        eas_u32vec_free(&a);
        eas_u32vec_free(&b);
        eas_u32vec_free(&u);
        eas_u32vec_free(&d);
        eas_u32vec_free(&x);
    }
}

TEST(uidset_sequence_strings)
{
    static const uint32_t v[] = { 1, 2, 3, 5, 7, 8, 4294967295u };
    eas_u32vec out;
    eas_error err = { 0 };

    CHECK_STR(formatted(v, 7), "1:3,5,7:8,4294967295");
    CHECK_STR(formatted(v, 0), "");
    CHECK_STR(formatted(v + 3, 1), "5");

    eas_u32vec_init(&out, A);
    CHECK_EQ_INT(eas_uidset_parse(&out, "1:3,5,7:8,4294967295", 20, 100, &err), 0);
    CHECK(vec_equals(&out, v, 7));
    /* Horde's own strings: reversed ranges, overlaps, unsorted, blanks */
    CHECK_EQ_INT(eas_uidset_parse(&out, " 8:7,5,3:1,2 \n", 14, 100, &err), 0);
    CHECK(vec_equals(&out, v, 6));
    CHECK_EQ_INT(eas_uidset_parse(&out, "", 0, 100, &err), 0);
    CHECK_EQ_INT(out.len, 0);
    CHECK_EQ_INT(eas_uidset_parse(&out, "  ", 2, 100, &err), 0);
    CHECK_EQ_INT(out.len, 0);

    CHECK_EQ_INT(eas_uidset_parse(&out, "1,,2", 4, 100, &err), -1);
    CHECK_EQ_INT(err.code, EAS_ERR_SYNTAX);
    CHECK_EQ_INT(err.offset, 2);
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_uidset_parse(&out, "0:4", 3, 100, &err), -1);
    CHECK_CONTAINS(err.message, "UID 0");
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_uidset_parse(&out, "1:*", 3, 100, &err), -1);
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_uidset_parse(&out, "4294967296", 10, 100, &err), -1);
    CHECK_EQ_INT(err.code, EAS_ERR_LIMIT);
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_uidset_parse(&out, "1:4294967295", 12, 1000000, &err), -1);
    CHECK_EQ_INT(err.code, EAS_ERR_LIMIT);
    CHECK_CONTAINS(err.message, "more than 1000000");
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_uidset_parse(&out, "1:5,3:9", 7, 9, &err), -1); /* members counted before merging */
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_uidset_parse(&out, "5;6", 3, 9, &err), -1);
    CHECK_EQ_INT(err.offset, 1);
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_uidset_parse(&out, "5:", 2, 9, &err), -1);
    eas_u32vec_free(&out);
}

TEST(uidset_binary_round_trip)
{
    int round;

    for (round = 0; round < 300; round++) {
        eas_u32vec a, b;
        eas_buf buf;
        eas_error err = { 0 };
        size_t used = 0, cut;

        random_set(&a, rnd(300), round % 3 ? 400 : 4294967295u);
        if (round == 7) {
            a.v[0] = 4294967295u;
            a.len = 1;
        }
        eas_buf_init(&buf, A);
        eas_u32vec_init(&b, A);
        CHECK_EQ_INT(eas_uidset_encode(&buf, a.v, a.len), 0);
        CHECK_EQ_INT(eas_uidset_decode(&b, buf.data, buf.len, &used, 1000, &err), 0);
        CHECK_EQ_INT(used, buf.len);
        CHECK(vec_equals(&b, a.v, a.len));
        /* every truncation is refused (or reads a shorter, still valid prefix) */
        for (cut = 0; cut < buf.len; cut++) {
            memset(&err, 0, sizeof(err));
            if (eas_uidset_decode(&b, buf.data, cut, &used, 1000, &err) == 0) {
                CHECK(used <= cut);
                CHECK(eas_uidset_is_set(b.v, b.len));
            }
        }
        if (a.len > 1) {
            memset(&err, 0, sizeof(err));
            CHECK_EQ_INT(eas_uidset_decode(&b, buf.data, buf.len, &used, a.len - 1, &err), -1);
            CHECK_EQ_INT(err.code, EAS_ERR_LIMIT);
        }
        eas_u32vec_free(&a);
        eas_u32vec_free(&b);
        eas_buf_free(&buf);
    }
}

TEST(uidset_binary_rejects_lies)
{
    eas_u32vec v;
    eas_error err = { 0 };
    size_t used;
    /* 1 run: gap 0 -> UID 0 */
    static const unsigned char zero[] = { 1, 0, 0 };
    /* 2 runs touching (second gap 0) */
    static const unsigned char touching[] = { 2, 1, 0, 0, 0 };
    /* run past 2^32-1 */
    static const unsigned char huge[] = { 1, 0xff, 0xff, 0xff, 0xff, 0x0f, 1 };
    /* claims 100 runs in 4 bytes */
    static const unsigned char many[] = { 100, 1, 0, 1 };
    /* a million-member run in 5 bytes is refused by the caller's bound */
    static const unsigned char big[] = { 1, 1, 0xbf, 0x84, 0x3d };
    /* an 11-byte varint */
    static const unsigned char overlong[] = { 1, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 };

    eas_u32vec_init(&v, A);
    CHECK_EQ_INT(eas_uidset_decode(&v, zero, sizeof(zero), &used, 10, &err), -1);
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_uidset_decode(&v, touching, sizeof(touching), &used, 10, &err), -1);
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_uidset_decode(&v, huge, sizeof(huge), &used, 10, &err), -1);
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_uidset_decode(&v, many, sizeof(many), &used, 10, &err), -1);
    CHECK_EQ_INT(err.code, EAS_ERR_TRUNCATED);
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_uidset_decode(&v, big, sizeof(big), &used, 100000, &err), -1);
    CHECK_EQ_INT(err.code, EAS_ERR_LIMIT);
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_uidset_decode(&v, overlong, sizeof(overlong), &used, 10, &err), -1);
    eas_u32vec_free(&v);
}

/* ---- IMAP folder state ---- */

static void flags_of(eas_flagset *f, const uint32_t *uids, const uint8_t *bits, size_t n)
{
    size_t i;

    eas_flagset_init(f, A);
    for (i = 0; i < n; i++) {
        eas_flagset_push(f, uids[i], bits[i]);
    }
    CHECK_EQ_INT(eas_flagset_normalize(f), 0);
}

#define RF(read, flagged) EAS_FLAG_MAKE(read, flagged, EAS_FLAG_UNSET)
#define OFF EAS_FLAG_OFF
#define ON EAS_FLAG_ON

TEST(imap_plain_server)
{
    /* Horde's ImapFolderTest::testNoModseqUpdate, in the engine's terms */
    static const uint32_t uids[] = { 100, 101, 102, 103, 104 }, next[] = { 100, 101, 102, 103, 104, 105 };
    static const uint8_t bits[] = { RF(OFF, OFF), RF(OFF, OFF), RF(OFF, OFF), RF(OFF, OFF), RF(OFF, OFF) };
    static const uint8_t bits2[] = { RF(OFF, ON), RF(OFF, OFF), RF(OFF, OFF), RF(OFF, OFF), RF(OFF, OFF), RF(ON, OFF) };
    static const uint32_t added2[] = { 105 }, changed2[] = { 100 };
    eas_imap_state st;
    eas_flagset f;
    eas_imap_changes_in in = { uids, 5, NULL, 0, 0, 0 };

    eas_imap_state_init(&st, A);
    flags_of(&f, uids, bits, 5);
    in.flags = &f;
    CHECK_EQ_INT(eas_imap_set_changes(&st, &in), 0);
    CHECK(vec_equals(&st.added, uids, 5));
    CHECK_EQ_INT(st.changed.len, 0);
    CHECK_EQ_INT(eas_imap_update(&st, 0), 0);
    CHECK(vec_equals(&st.known.uids, uids, 5));
    CHECK_EQ_INT(st.known.bits[0], RF(OFF, OFF));
    CHECK_EQ_INT(st.added.len, 0);
    eas_flagset_free(&f);

    flags_of(&f, next, bits2, 6);
    in.uids = next;
    in.count = 6;
    in.flags = &f;
    in.uidnext = 105;
    CHECK_EQ_INT(eas_imap_set_changes(&st, &in), 0);
    CHECK(vec_equals(&st.added, added2, 1));
    CHECK(vec_equals(&st.changed, changed2, 1));
    eas_flagset_free(&f);

    /* 103 expunged: removal applies, 105 joins, flags as reported */
    {
        static const uint32_t gone[] = { 103 }, want[] = { 100, 101, 102, 104, 105 };
        CHECK_EQ_INT(eas_imap_set_removed(&st, gone, 1), 0);
        CHECK_EQ_INT(eas_imap_update(&st, 0), 0);
        /* 103 was reported with flags, so it stays known, as in Horde */
        CHECK_EQ_INT(st.known.uids.len, 6);
        (void)want;
    }
    eas_imap_state_free(&st);
}

TEST(imap_plain_unreported_messages_lose_their_flags)
{
    static const uint32_t uids[] = { 10, 11, 12 }, later[] = { 11, 12 };
    static const uint8_t bits[] = { RF(ON, OFF), RF(ON, OFF), RF(OFF, OFF) }, bits2[] = { RF(ON, OFF), RF(OFF, OFF) };
    eas_imap_state st;
    eas_flagset f;
    eas_imap_changes_in in = { uids, 3, NULL, 0, 0, 0 };
    eas_u32vec soft;

    eas_imap_state_init(&st, A);
    flags_of(&f, uids, bits, 3);
    in.flags = &f;
    eas_imap_set_changes(&st, &in);
    eas_imap_update(&st, 0);
    eas_flagset_free(&f);

    /* 10 falls out of the window: still known, but without flags */
    flags_of(&f, later, bits2, 2);
    in.uids = later;
    in.count = 2;
    in.flags = &f;
    in.uidnext = 13;
    eas_imap_set_changes(&st, &in);
    CHECK_EQ_INT(st.changed.len, 0);
    eas_imap_update(&st, 0);
    eas_flagset_free(&f);
    CHECK_EQ_INT(st.known.uids.len, 3);
    CHECK_EQ_INT(st.known.bits[0], 0);

    /* back in the window, read: reported changed (Horde compares with null) */
    {
        static const uint32_t back[] = { 10 };
        static const uint8_t read[] = { RF(ON, OFF) }, unread[] = { RF(OFF, OFF) };
        flags_of(&f, back, read, 1);
        in.uids = back;
        in.count = 1;
        in.flags = &f;
        eas_imap_set_changes(&st, &in);
        CHECK(vec_equals(&st.changed, back, 1));
        eas_flagset_free(&f);
        st.changed.len = 0;
        eas_flagset_clear(&st.reported);
        flags_of(&f, back, unread, 1);
        in.flags = &f;
        eas_imap_set_changes(&st, &in);
        CHECK_EQ_INT(st.changed.len, 0);
        eas_flagset_free(&f);
    }

    /* SOFTDELETE: known, not reported, not removed */
    eas_u32vec_init(&soft, A);
    eas_flagset_clear(&st.reported);
    {
        static const uint32_t seen[] = { 12 }, want[] = { 10, 11 };
        static const uint8_t b[] = { RF(OFF, OFF) };
        flags_of(&f, seen, b, 1);
        in.uids = seen;
        in.count = 1;
        in.flags = &f;
        eas_imap_set_changes(&st, &in);
        CHECK_EQ_INT(eas_imap_take_soft_deleted(&st, &soft), 0);
        CHECK(vec_equals(&soft, want, 2));
        CHECK(vec_equals(&st.known.uids, seen, 1));
        eas_flagset_free(&f);
    }
    eas_u32vec_free(&soft);
    eas_imap_state_free(&st);
}

TEST(imap_condstore_server)
{
    static const uint32_t uids[] = { 100, 101, 102, 103, 104 }, delta[] = { 100, 105 };
    static const uint32_t added[] = { 105 }, changed[] = { 100 }, gone[] = { 101, 103 };
    static const uint32_t want[] = { 100, 102, 104, 105 };
    eas_imap_state st;
    eas_imap_changes_in in = { uids, 5, NULL, 0, 0, 0 };

    eas_imap_state_init(&st, A);
    CHECK_EQ_INT(eas_imap_prime(&st, uids, 5), 0);
    CHECK_EQ_INT(eas_imap_update(&st, 1), 0);
    CHECK(vec_equals(&st.known.uids, uids, 5));
    CHECK_EQ_INT(st.primed, 0);

    in.uids = delta;
    in.count = 2;
    in.uidnext = 105;
    in.condstore = 1;
    CHECK_EQ_INT(eas_imap_set_changes(&st, &in), 0);
    CHECK(vec_equals(&st.added, added, 1));
    CHECK(vec_equals(&st.changed, changed, 1));
    CHECK_EQ_INT(eas_imap_set_removed(&st, gone, 2), 0);
    CHECK_EQ_INT(eas_imap_update(&st, 1), 0);
    CHECK(vec_equals(&st.known.uids, want, 4));

    /* a vanished list starting below the lowest UID: a broken server */
    {
        static const uint32_t all[] = { 1, 100 };
        CHECK_EQ_INT(eas_imap_set_removed(&st, all, 2), 1);
        CHECK_EQ_INT(st.removed.len, 0);
    }
    /* widened filter: an old message comes in as new */
    {
        static const uint32_t old[] = { 50 };
        in.uids = old;
        in.count = 1;
        CHECK_EQ_INT(eas_imap_set_changes(&st, &in), 0);
        CHECK_EQ_INT(st.added.len, 0);
        in.reset_min_uid = 1;
        CHECK_EQ_INT(eas_imap_set_changes(&st, &in), 0);
        CHECK(vec_equals(&st.added, old, 1));
    }
    /* SOFTDELETE list given by the caller */
    {
        static const uint32_t soft[] = { 102, 104 }, rest[] = { 100, 105 };
        CHECK_EQ_INT(eas_imap_set_soft_deleted(&st, soft, 2), 0);
        CHECK(vec_equals(&st.known.uids, rest, 2));
        CHECK(vec_equals(&st.soft, soft, 2));
    }
    CHECK_EQ_INT(eas_imap_acknowledge(&st, 103), 0);
    CHECK_EQ_INT(eas_imap_acknowledge(&st, 103), 0);
    CHECK_EQ_INT(st.known.uids.len, 3);
    CHECK_EQ_INT(st.known.uids.v[1], 103);
    eas_imap_state_free(&st);
}

/* A naive model of Horde's rules, to check the engine on random folders. */
typedef struct {
    uint32_t uid;
    uint8_t bits;
} model_entry;

static int model_find(const model_entry *m, size_t n, uint32_t uid)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (m[i].uid == uid) {
            return (int)i;
        }
    }
    return -1;
}

TEST(imap_random_folders_match_a_naive_model)
{
    int round;

    for (round = 0; round < 400; round++) {
        eas_imap_state st;
        model_entry known[300];
        size_t nknown = 0, i;
        uint32_t range = 40 + rnd(200), uidnext = range / 2 + rnd(range / 2);
        int condstore = (int)rnd(2), reset = rnd(5) == 0;
        uint32_t in[300], added[300], changed[300];
        size_t nin = 0, nadded = 0, nchanged = 0;
        eas_flagset f;
        eas_imap_changes_in ci;
        uint32_t min_uid = 0;

        eas_imap_state_init(&st, A);
        /* known: a random subset below uidnext, with random flags */
        for (i = 1; i < uidnext; i++) {
            if (rnd(3) == 0) {
                uint8_t b = condstore ? 0 : (uint8_t)(rnd(4) == 0 ? 0 : RF(1 + rnd(2), 1 + rnd(2)));
                known[nknown].uid = (uint32_t)i;
                known[nknown++].bits = b;
                eas_flagset_push(&st.known, (uint32_t)i, b);
            }
        }
        min_uid = nknown ? known[0].uid : 0;
        /* reported: a random subset of 1..range in random order */
        eas_flagset_init(&f, A);
        for (i = 1; i <= range; i++) {
            if (rnd(2) == 0) {
                in[nin++] = (uint32_t)i;
            }
        }
        for (i = nin; i > 1; i--) {
            size_t j = rnd((uint32_t)i), t = in[i - 1];
            if (round % 2) {
                in[i - 1] = in[j];
                in[j] = (uint32_t)t;
            }
        }
        for (i = 0; i < nin; i++) {
            if (rnd(8)) {
                eas_flagset_push(&f, in[i], RF(1 + rnd(2), rnd(3)));
            }
        }
        eas_flagset_normalize(&f);
        ci.uids = in;
        ci.count = nin;
        ci.flags = &f;
        ci.uidnext = uidnext;
        ci.condstore = condstore;
        ci.reset_min_uid = reset;
        CHECK_EQ_INT(eas_imap_set_changes(&st, &ci), 0);

        for (i = 0; i < nin; i++) {
            uint32_t uid = in[i];
            int k = model_find(known, nknown, uid);
            if (uid >= uidnext) {
                added[nadded++] = uid;
            } else if (uid >= min_uid || reset) {
                if (condstore) {
                    if (k >= 0) {
                        changed[nchanged++] = uid;
                    } else {
                        added[nadded++] = uid;
                    }
                } else if (k >= 0) {
                    size_t fi = eas_flagset_find(&f, uid);
                    uint8_t now = fi == (size_t)-1 ? 0 : f.bits[fi], was = known[k].bits;
                    unsigned nr = now & 3, nf = (now >> 2) & 3, wr = was & 3, wf = (was >> 2) & 3;
                    int differs = (nr && (wr ? nr != wr : nr == ON)) || (nf && (wf ? nf != wf : nf == ON));
                    if (differs) {
                        changed[nchanged++] = uid;
                    }
                }
            }
        }
        CHECK(vec_equals(&st.added, added, nadded));
        CHECK(vec_equals(&st.changed, changed, nchanged));

        /* update: the known set as Horde computes it */
        {
            uint32_t gone[300];
            size_t ngone = 0, n = 0;
            for (i = 0; i < nknown; i++) {
                if (rnd(6) == 0) {
                    gone[ngone++] = known[i].uid;
                }
            }
            CHECK_EQ_INT(eas_imap_set_removed(&st, gone, ngone), 0);
            CHECK_EQ_INT(eas_imap_update(&st, condstore), 0);
            for (i = 1; i <= range + 1; i++) {
                uint32_t uid = (uint32_t)i;
                int was = model_find(known, nknown, uid) >= 0, rem = 0, add = 0, rep;
                size_t j;
                for (j = 0; j < ngone; j++) {
                    rem |= gone[j] == uid;
                }
                for (j = 0; j < nadded; j++) {
                    add |= added[j] == uid;
                }
                rep = eas_flagset_find(&f, uid) != (size_t)-1;
                if (condstore ? ((was || add) && !rem) : (((was && !rem) || add) || rep)) {
                    CHECK(n < st.known.uids.len && st.known.uids.v[n] == uid);
                    if (!condstore && n < st.known.uids.len) {
                        size_t fi = eas_flagset_find(&f, uid);
                        CHECK_EQ_INT(st.known.bits[n], fi == (size_t)-1 ? 0 : f.bits[fi]);
                    }
                    n++;
                }
            }
            CHECK_EQ_INT(st.known.uids.len, n);
        }
        eas_flagset_free(&f);
        eas_imap_state_free(&st);
    }
}

TEST(imap_flag_merge_keeps_first_values)
{
    static const uint32_t u[] = { 5 };
    static const uint8_t first[] = { EAS_FLAG_MAKE(ON, EAS_FLAG_UNSET, EAS_FLAG_UNSET) };
    static const uint8_t second[] = { EAS_FLAG_MAKE(OFF, ON, EAS_FLAG_UNSET) };
    eas_imap_state st;
    eas_flagset f;
    eas_imap_changes_in in = { u, 1, NULL, 10, 0, 0 };

    eas_imap_state_init(&st, A);
    flags_of(&f, u, first, 1);
    in.flags = &f;
    eas_imap_set_changes(&st, &in);
    eas_flagset_free(&f);
    flags_of(&f, u, second, 1);
    in.flags = &f;
    eas_imap_set_changes(&st, &in);
    eas_flagset_free(&f);
    CHECK_EQ_INT(st.reported.uids.len, 1);
    CHECK_EQ_INT(st.reported.bits[0], EAS_FLAG_MAKE(ON, ON, EAS_FLAG_UNSET));
    eas_imap_state_free(&st);
}

TEST(imap_known_binary_form)
{
    int round;

    for (round = 0; round < 100; round++) {
        eas_imap_state a, b;
        eas_buf buf;
        eas_error err = { 0 };
        size_t i, cut;
        uint32_t uid = 0;

        eas_imap_state_init(&a, A);
        eas_imap_state_init(&b, A);
        for (i = 0; i < rnd(500); i++) {
            uid += 1 + (rnd(10) == 0 ? rnd(1000) : 0);
            eas_flagset_push(&a.known, uid, round % 2 ? (uint8_t)RF(1 + rnd(2), rnd(3)) : 0);
        }
        eas_buf_init(&buf, A);
        CHECK_EQ_INT(eas_imap_encode_known(&a, &buf), 0);
        CHECK_EQ_INT(eas_imap_decode_known(&b, buf.data, buf.len, 100000, &err), 0);
        CHECK(vec_equals(&b.known.uids, a.known.uids.v, a.known.uids.len));
        CHECK(a.known.uids.len == 0 || memcmp(a.known.bits, b.known.bits, a.known.uids.len) == 0);
        for (cut = 0; cut < buf.len; cut++) {
            memset(&err, 0, sizeof(err));
            CHECK_EQ_INT(eas_imap_decode_known(&b, buf.data, cut, 100000, &err), -1);
        }
        eas_buf_free(&buf);
        eas_imap_state_free(&a);
        eas_imap_state_free(&b);
    }
    {
        /* a flag byte with a field set to 3 is refused */
        static const unsigned char bad[] = { 1, 1, 1, 0, 1, 0x03, 0 };
        eas_imap_state s;
        eas_error err = { 0 };
        eas_imap_state_init(&s, A);
        CHECK_EQ_INT(eas_imap_decode_known(&s, bad, sizeof(bad), 10, &err), -1);
        CHECK_CONTAINS(err.message, "flag run");
        eas_imap_state_free(&s);
    }
}

static eas_imap_status status(uint64_t validity, uint64_t next, uint64_t modseq, uint64_t messages)
{
    eas_imap_status s;
    s.uidvalidity = validity;
    s.uidnext = next;
    s.highestmodseq = modseq;
    s.messages = messages;
    return s;
}

TEST(imap_plans)
{
    eas_imap_status none = status(0, 0, 0, 0), saved = status(7, 100, 500, 50);
    eas_imap_status plain = status(7, 100, 0, 50);
    eas_imap_plan p;

    p = eas_imap_plan_sync(&none, 0, &saved, 0, 0);
    CHECK_EQ_INT(p.kind, EAS_IMAP_PLAN_INITIAL);
    p = eas_imap_plan_sync(&none, 0, &plain, 0, 0);
    CHECK_EQ_INT(p.kind, EAS_IMAP_PLAN_INITIAL);
    /* the CONDSTORE shortcut: same HIGHESTMODSEQ, nothing to search */
    p = eas_imap_plan_sync(&saved, 1, &saved, 0, 0);
    CHECK_EQ_INT(p.kind, EAS_IMAP_PLAN_NOTHING);
    {
        eas_imap_status later = status(7, 101, 650, 51); /* gaps between modseqs are normal */
        p = eas_imap_plan_sync(&saved, 1, &later, 0, 0);
        CHECK_EQ_INT(p.kind, EAS_IMAP_PLAN_MODSEQ);
        CHECK_EQ_INT(p.modseq_valid, 1);
    }
    /* softdelete or a new filter force the search */
    p = eas_imap_plan_sync(&saved, 1, &saved, 1, 0);
    CHECK_EQ_INT(p.kind, EAS_IMAP_PLAN_MODSEQ);
    p = eas_imap_plan_sync(&saved, 1, &saved, 0, 1);
    CHECK_EQ_INT(p.kind, EAS_IMAP_PLAN_MODSEQ);
    {
        eas_imap_status lost = status(7, 100, 3, 50);
        p = eas_imap_plan_sync(&saved, 1, &lost, 0, 0);
        CHECK_EQ_INT(p.kind, EAS_IMAP_PLAN_MODSEQ);
        CHECK_EQ_INT(p.modseq_valid, 0);
    }
    {
        eas_imap_status other = status(8, 100, 500, 50);
        p = eas_imap_plan_sync(&saved, 1, &other, 0, 0);
        CHECK_EQ_INT(p.kind, EAS_IMAP_PLAN_UIDVALIDITY);
        p = eas_imap_plan_sync(&saved, 0, &other, 0, 0);
        CHECK_EQ_INT(p.kind, EAS_IMAP_PLAN_NOT_INITIALIZED);
    }
    p = eas_imap_plan_sync(&plain, 1, &plain, 0, 0);
    CHECK_EQ_INT(p.kind, EAS_IMAP_PLAN_PLAIN);
    p = eas_imap_plan_sync(&plain, 1, &saved, 0, 0);
    CHECK_EQ_INT(p.kind, EAS_IMAP_PLAN_CONDSTORE_ENABLED);
    /* losing CONDSTORE looks like a lost index: search without CHANGEDSINCE */
    p = eas_imap_plan_sync(&saved, 1, &plain, 0, 0);
    CHECK_EQ_INT(p.kind, EAS_IMAP_PLAN_MODSEQ);
    CHECK_EQ_INT(p.modseq_valid, 0);
}

TEST(imap_ping)
{
    eas_imap_status wm = status(7, 100, 500, 50), cur;

    cur = wm;
    CHECK(!eas_imap_ping_changed(&wm, &cur));
    cur.highestmodseq = 501;
    CHECK(eas_imap_ping_changed(&wm, &cur));
    cur = wm;
    cur.highestmodseq = 400; /* backwards: not by itself a change */
    CHECK(!eas_imap_ping_changed(&wm, &cur));
    cur = wm;
    cur.uidnext = 101;
    CHECK(eas_imap_ping_changed(&wm, &cur));
    cur = wm;
    cur.messages = 49;
    CHECK(eas_imap_ping_changed(&wm, &cur));
    cur = wm;
    cur.uidvalidity = 8;
    CHECK(eas_imap_ping_changed(&wm, &cur));
    cur = wm;
    cur.uidvalidity = 0; /* not asked for */
    CHECK(!eas_imap_ping_changed(&wm, &cur));
}

/* ---- range sets ---- */

static const char *ranges_text(const eas_rangeset *s)
{
    static char text[4096];
    eas_buf b;

    eas_buf_init(&b, A);
    eas_rangeset_format(s, &b);
    eas_buf_putc(&b, 0);
    snprintf(text, sizeof(text), "%s", (const char *)b.data);
    eas_buf_free(&b);
    return text;
}

/* Checks a set against a bitmap of 0..N-1 (and its invariants). */
#define RS_N 96
static void rs_check(const eas_rangeset *s, const unsigned char *bits)
{
    size_t i, count = 0;

    for (i = 0; i < s->n; i++) {
        CHECK(s->v[2 * i] <= s->v[2 * i + 1]);
        if (i) {
            CHECK(s->v[2 * i] > s->v[2 * i - 1] + 1); /* disjoint, not adjacent */
        }
    }
    for (i = 0; i < RS_N; i++) {
        if (eas_rangeset_contains(s, (int64_t)i) != bits[i]) {
            CHECK_EQ_INT(eas_rangeset_contains(s, (int64_t)i), bits[i]);
            return;
        }
        count += bits[i];
    }
    CHECK_EQ_INT(eas_rangeset_count(s), count);
}

TEST(rangeset_matches_a_bitmap)
{
    int round;

    for (round = 0; round < 300; round++) {
        eas_rangeset a, b, u, d, x, r, k, ad;
        unsigned char ba[RS_N] = { 0 }, bb[RS_N] = { 0 }, bu[RS_N], bd[RS_N], bx[RS_N], bad[RS_N];
        int op, i;

        eas_rangeset_init(&a, A);
        eas_rangeset_init(&b, A);
        memset(ba, 0, sizeof(ba));
        memset(bb, 0, sizeof(bb));
        for (op = 0; op < 14; op++) {
            int64_t lo = rnd(RS_N), hi = rnd(RS_N), from = lo < hi ? lo : hi, to = lo < hi ? hi : lo;
            eas_rangeset *s = op % 2 ? &a : &b;
            unsigned char *bits = op % 2 ? ba : bb;
            int add = rnd(3) != 0;
            if (rnd(2)) {
                to = from + rnd(4);
                if (to >= RS_N) {
                    to = RS_N - 1;
                }
                hi = to;
                lo = from;
            }
            CHECK_EQ_INT(add ? eas_rangeset_add(s, hi, lo) : eas_rangeset_remove(s, lo, hi), 0);
            for (i = (int)from; i <= (int)to; i++) {
                bits[i] = (unsigned char)add;
            }
            rs_check(s, bits);
        }
        for (i = 0; i < RS_N; i++) {
            bu[i] = ba[i] | bb[i];
            bd[i] = ba[i] && !bb[i];
            bx[i] = ba[i] && bb[i];
            bad[i] = bb[i] && !ba[i];
        }
        eas_rangeset_init(&u, A);
        eas_rangeset_init(&d, A);
        eas_rangeset_init(&x, A);
        eas_rangeset_init(&r, A);
        eas_rangeset_init(&k, A);
        eas_rangeset_init(&ad, A);
        CHECK_EQ_INT(eas_rangeset_union(&u, &a, &b), 0);
        rs_check(&u, bu);
        CHECK_EQ_INT(eas_rangeset_subtract(&d, &a, &b), 0);
        rs_check(&d, bd);
        CHECK_EQ_INT(eas_rangeset_intersect(&x, &a, &b), 0);
        rs_check(&x, bx);
        CHECK_EQ_INT(eas_rangeset_diff(&a, &b, &r, &k, &ad), 0);
        rs_check(&r, bd);
        rs_check(&k, bx);
        rs_check(&ad, bad);
        /* text round trip */
        {
            eas_rangeset back;
            eas_error err = { 0 };
            const char *t = ranges_text(&u);
            eas_rangeset_init(&back, A);
            CHECK_EQ_INT(eas_rangeset_parse(&back, t, strlen(t), &err), 0);
            rs_check(&back, bu);
            eas_rangeset_free(&back);
        }
        /* in place: a := a ∪ b */
        CHECK_EQ_INT(eas_rangeset_union(&a, &a, &b), 0);
        rs_check(&a, bu);
        eas_rangeset_free(&a);
        eas_rangeset_free(&b);
        eas_rangeset_free(&u);
        eas_rangeset_free(&d);
        eas_rangeset_free(&x);
        eas_rangeset_free(&r);
        eas_rangeset_free(&k);
        eas_rangeset_free(&ad);
    }
}

TEST(rangeset_text_and_extremes)
{
    eas_rangeset s;
    eas_error err = { 0 };

    eas_rangeset_init(&s, A);
    CHECK_EQ_INT(eas_rangeset_parse(&s, "10:5,3,1:2,20", 13, &err), 0);
    CHECK_STR(ranges_text(&s), "1:3,5:10,20");
    CHECK_EQ_INT(eas_rangeset_count(&s), 10);
    CHECK_EQ_INT(eas_rangeset_parse(&s, "", 0, &err), 0);
    CHECK_EQ_INT(s.n, 0);
    CHECK_EQ_INT(eas_rangeset_parse(&s, "1, 2", 4, &err), -1);
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_rangeset_parse(&s, "1,,2", 4, &err), -1);
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_rangeset_parse(&s, "-1", 2, &err), -1);
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_rangeset_parse(&s, "abc", 3, &err), -1);
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_rangeset_parse(&s, "9223372036854775808", 19, &err), -1);
    CHECK_EQ_INT(err.code, EAS_ERR_LIMIT);

    /* the ends of int64 */
    s.n = 0;
    CHECK_EQ_INT(eas_rangeset_add(&s, INT64_MAX, INT64_MAX - 3), 0);
    CHECK_EQ_INT(eas_rangeset_add(&s, INT64_MIN, INT64_MIN + 1), 0);
    CHECK_EQ_INT(eas_rangeset_add(&s, -1, 1), 0);
    CHECK_STR(ranges_text(&s), "-9223372036854775808:-9223372036854775807,-1:1,9223372036854775804:9223372036854775807");
    CHECK_EQ_INT(eas_rangeset_remove(&s, INT64_MIN, 0), 0);
    CHECK_STR(ranges_text(&s), "1,9223372036854775804:9223372036854775807");
    CHECK_EQ_INT(eas_rangeset_add(&s, INT64_MIN, INT64_MAX), 0);
    CHECK(eas_rangeset_count(&s) == UINT64_MAX);
    CHECK_EQ_INT(eas_rangeset_remove(&s, INT64_MIN, INT64_MAX), 0);
    CHECK_EQ_INT(s.n, 0);
    eas_rangeset_free(&s);
}

/* ---- hierarchy ---- */

static eas_strref S(const char *s)
{
    eas_strref r;
    r.s = s;
    r.len = s ? strlen(s) : 0;
    return r;
}

static eas_folder_stat folder(const char *id, const char *parent, const char *name, const char *serverid)
{
    eas_folder_stat f;
    f.id = S(id);
    f.parent = S(parent);
    f.name = S(name);
    f.serverid = S(serverid);
    f.type = S("12");
    return f;
}

TEST(hierarchy_adds_parents_first_and_deletes_children_first)
{
    eas_folder_stat old[] = {
        folder("F1", "0", "Inbox", "INBOX"),
        folder("F2", "F1", "Lists", "INBOX.Lists"),
        folder("F3", "F2", "php", "INBOX.Lists.php"),
        folder("F4", "0", "Old", "Old"),
        folder("F5", "F4", "Older", "Old.Older"),
    };
    eas_folder_stat cur[] = {
        folder("F9", "F8", "c", "X.b.c"),       /* child listed before its parent */
        folder("F8", "F7", "b", "X.b"),
        folder("F7", "0", "X", "X"),
        folder("F3", "F1", "php", "INBOX.php"),   /* moved up */
        folder("F2", "F1", "Mailing lists", "INBOX.Lists"), /* renamed */
        folder("F1", "0", "Inbox", "INBOX"),
        folder("F1", "0", "Duplicate", "INBOX2"), /* a repeated id keeps the first */
    };
    eas_hier_change *ch;
    size_t n;

    CHECK_EQ_INT(eas_hierarchy_diff(old, 5, cur, 7, A, &ch, &n), 0);
    CHECK_EQ_INT(n, 7);
    if (n == 7) {
        CHECK_EQ_INT(ch[0].kind, EAS_CHANGE_DELETE);
        CHECK_EQ_INT(ch[0].index, 4); /* F5 before its parent F4 */
        CHECK_EQ_INT(ch[1].kind, EAS_CHANGE_DELETE);
        CHECK_EQ_INT(ch[1].index, 3);
        CHECK_EQ_INT(ch[2].kind, EAS_CHANGE_ADD); /* F7, depth 0 */
        CHECK_EQ_INT(ch[2].index, 2);
        CHECK_EQ_INT(ch[3].kind, EAS_CHANGE_MODIFY); /* F2 depth 1, before F3 and F8 by id */
        CHECK_EQ_INT(ch[3].index, 4);
        CHECK_EQ_INT(ch[3].what, EAS_HIER_NAME);
        CHECK_EQ_INT(ch[4].kind, EAS_CHANGE_MODIFY);
        CHECK_EQ_INT(ch[4].index, 3);
        CHECK_EQ_INT(ch[4].what, EAS_HIER_PARENT | EAS_HIER_SERVERID);
        CHECK_EQ_INT(ch[5].kind, EAS_CHANGE_ADD); /* F8 */
        CHECK_EQ_INT(ch[5].index, 1);
        CHECK_EQ_INT(ch[6].kind, EAS_CHANGE_ADD); /* F9 */
        CHECK_EQ_INT(ch[6].index, 0);
    }
    free(ch);

    /* nothing changed, and fields absent on one side are not compared */
    {
        eas_folder_stat a[] = { folder("F1", "0", "Inbox", "INBOX") }, b[] = { folder("F1", NULL, "Inbox", NULL) };
        CHECK_EQ_INT(eas_hierarchy_diff(a, 1, b, 1, A, &ch, &n), 0);
        CHECK_EQ_INT(n, 0);
        free(ch);
        CHECK_EQ_INT(eas_hierarchy_diff(NULL, 0, NULL, 0, A, &ch, &n), 0);
        CHECK_EQ_INT(n, 0);
        free(ch);
    }
}

TEST(hierarchy_survives_parent_loops)
{
    eas_folder_stat cur[] = {
        folder("A", "B", "a", "a"),
        folder("B", "A", "b", "b"),
        folder("C", "C", "c", "c"),
    };
    eas_hier_change *ch;
    size_t n;

    CHECK_EQ_INT(eas_hierarchy_diff(NULL, 0, cur, 3, A, &ch, &n), 0);
    CHECK_EQ_INT(n, 3);
    free(ch);
}

TEST(hierarchy_long_chain)
{
    enum { N = 20000 };
    static eas_folder_stat cur[N];
    static char ids[N][8];
    eas_hier_change *ch;
    size_t n, i;

    for (i = 0; i < N; i++) {
        snprintf(ids[i], sizeof(ids[i]), "%06zu", i);
        cur[N - 1 - i] = folder(ids[i], i ? ids[i - 1] : "0", ids[i], ids[i]);
    }
    CHECK_EQ_INT(eas_hierarchy_diff(NULL, 0, cur, N, A, &ch, &n), 0);
    CHECK_EQ_INT(n, N);
    for (i = 0; i < n; i++) {
        if (ch[i].index != N - 1 - i) {
            CHECK_EQ_INT(ch[i].index, N - 1 - i);
            break;
        }
    }
    free(ch);
}

/* ---- PIM change sets ---- */

TEST(pim_collapse)
{
    eas_pim_change in[] = {
        { { "a", 1 }, EAS_CHANGE_ADD },
        { { "b", 1 }, EAS_CHANGE_ADD },
        { { "c", 1 }, EAS_CHANGE_ADD },
        { { "b", 1 }, EAS_CHANGE_MODIFY },    /* add + modify: the add */
        { { "d", 1 }, EAS_CHANGE_MODIFY },
        { { "d", 1 }, EAS_CHANGE_MODIFY },    /* repeated: once */
        { { "e", 1 }, EAS_CHANGE_MODIFY },
        { { "c", 1 }, EAS_CHANGE_DELETE },    /* add + delete: nothing */
        { { "e", 1 }, EAS_CHANGE_DELETE },    /* modify + delete: the delete */
        { { "f", 1 }, EAS_CHANGE_MODIFY },
        { { "f", 1 }, EAS_CHANGE_SOFTDELETE },/* modify + left the window: soft delete */
        { { "g", 1 }, EAS_CHANGE_ADD },
        { { "g", 1 }, EAS_CHANGE_SOFTDELETE },/* add + left: nothing */
        { { "h", 1 }, EAS_CHANGE_DELETE },
    };
    static const size_t want[] = { 0, 1, 4, 8, 10, 13 };
    size_t *keep, n, i;

    CHECK_EQ_INT(eas_pim_normalize(in, sizeof(in) / sizeof(in[0]), A, &keep, &n), 0);
    CHECK_EQ_INT(n, 6);
    for (i = 0; i < n && i < 6; i++) {
        CHECK_EQ_INT(keep[i], want[i]);
    }
    free(keep);
    CHECK_EQ_INT(eas_pim_normalize(NULL, 0, A, &keep, &n), 0);
    CHECK_EQ_INT(n, 0);
    free(keep);
    {
        /* other kinds (mail flag changes, drafts) pass through untouched */
        eas_pim_change other[] = {
            { { "a", 1 }, EAS_CHANGE_OTHER },
            { { "a", 1 }, EAS_CHANGE_ADD },
            { { "a", 1 }, EAS_CHANGE_OTHER },
            { { "a", 1 }, EAS_CHANGE_DELETE },
        };
        static const size_t kept[] = { 0, 2 };
        CHECK_EQ_INT(eas_pim_normalize(other, 4, A, &keep, &n), 0);
        CHECK_EQ_INT(n, 2);
        CHECK(n == 2 && keep[0] == kept[0] && keep[1] == kept[1]);
        free(keep);
    }
}

TEST(pim_many_items)
{
    enum { N = 30000 };
    static eas_pim_change in[N];
    static char ids[N / 2][12];
    size_t *keep, n, i;

    for (i = 0; i < N / 2; i++) {
        snprintf(ids[i], sizeof(ids[i]), "uid-%zu", i);
        in[i].id = S(ids[i]);
        in[i].kind = EAS_CHANGE_ADD;
        in[N / 2 + i].id = S(ids[i]);
        in[N / 2 + i].kind = i % 2 ? EAS_CHANGE_MODIFY : EAS_CHANGE_DELETE;
    }
    CHECK_EQ_INT(eas_pim_normalize(in, N, A, &keep, &n), 0);
    CHECK_EQ_INT(n, N / 4);
    for (i = 0; i < n; i++) {
        if (keep[i] != 2 * i + 1) {
            CHECK_EQ_INT(keep[i], 2 * i + 1);
            break;
        }
    }
    free(keep);
}

RUN_SUITE("diff", uidset_normalize, uidset_operations_match_brute_force, uidset_sequence_strings,
          uidset_binary_round_trip, uidset_binary_rejects_lies, imap_plain_server,
          imap_plain_unreported_messages_lose_their_flags, imap_condstore_server,
          imap_random_folders_match_a_naive_model, imap_flag_merge_keeps_first_values, imap_known_binary_form,
          imap_plans, imap_ping, rangeset_matches_a_bitmap, rangeset_text_and_extremes, hierarchy_adds_parents_first_and_deletes_children_first,
          hierarchy_survives_parent_loops, hierarchy_long_chain, pim_collapse, pim_many_items)
