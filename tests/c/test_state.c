/*
 * Sync keys and the native state format.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "test.h"
#include "../../src/state/eas_pack.h"
#include "../../src/state/eas_synckey.h"

static eas_synckey_form parse(const char *s, eas_synckey *k, eas_error *err)
{
    memset(err, 0, sizeof(*err));
    return eas_synckey_parse(s, strlen(s), k, err);
}

TEST(synckey_forms)
{
    eas_synckey k;
    eas_error err;

    CHECK_EQ_INT(parse("0", &k, &err), EAS_SYNCKEY_INITIAL);
    CHECK_EQ_INT(parse("", &k, &err), EAS_SYNCKEY_INITIAL);
    CHECK_EQ_INT(parse("{5f3a8d0e-1c2b-4a6f-9e7d-0123456789ab}17", &k, &err), EAS_SYNCKEY_VALID);
    CHECK_EQ_INT(k.counter, 17);
    CHECK_EQ_INT(k.uid_len, 36);
    CHECK_EQ_INT(k.uid_is_hex, 1);
    CHECK_EQ_INT(parse("{abc-XYZ}3", &k, &err), EAS_SYNCKEY_VALID);
    CHECK_EQ_INT(k.uid_is_hex, 0);
    CHECK_EQ_INT(parse("{u}4294967295", &k, &err), EAS_SYNCKEY_VALID);
    CHECK_EQ_INT(k.counter, 4294967295u);

    CHECK_EQ_INT(parse("{u}4294967296", &k, &err), EAS_SYNCKEY_MALFORMED);
    CHECK_CONTAINS(err.message, "exceeds");
    CHECK_EQ_INT(parse("00", &k, &err), EAS_SYNCKEY_MALFORMED);
    CHECK_EQ_INT(parse("{}1", &k, &err), EAS_SYNCKEY_MALFORMED);
    CHECK_CONTAINS(err.message, "empty uid");
    CHECK_EQ_INT(parse("{abc}", &k, &err), EAS_SYNCKEY_MALFORMED);
    CHECK_CONTAINS(err.message, "no counter");
    CHECK_EQ_INT(parse("{abc1", &k, &err), EAS_SYNCKEY_MALFORMED);
    CHECK_EQ_INT(parse("{a b}1", &k, &err), EAS_SYNCKEY_MALFORMED);
    CHECK_EQ_INT(err.offset, 2);
    CHECK_EQ_INT(parse("{ab}1x", &k, &err), EAS_SYNCKEY_MALFORMED);
    CHECK_EQ_INT(err.offset, 5);
    CHECK_EQ_INT(parse("{ab}-1", &k, &err), EAS_SYNCKEY_MALFORMED);
    CHECK_EQ_INT(parse("{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}1", &k, &err),
                 EAS_SYNCKEY_MALFORMED);
    CHECK_EQ_INT(err.code, EAS_ERR_LIMIT);
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_synckey_parse("{ab}\0" "1", 6, &k, &err), EAS_SYNCKEY_MALFORMED);
}

TEST(synckey_generate_and_advance)
{
    unsigned char rnd[16];
    char key[EAS_SYNCKEY_NEW_MAX], next[EAS_SYNCKEY_MAX + 1];
    eas_synckey k, n;
    eas_error err;
    size_t len;

    memset(rnd, 0xff, sizeof(rnd));
    len = eas_synckey_generate(rnd, key);
    CHECK_EQ_INT(len, 39);
    CHECK_STR(key, "{ffffffff-ffff-4fff-bfff-ffffffffffff}1");
    memset(rnd, 0, sizeof(rnd));
    eas_synckey_generate(rnd, key);
    CHECK_STR(key, "{00000000-0000-4000-8000-000000000000}1");

    CHECK_EQ_INT(parse(key, &k, &err), EAS_SYNCKEY_VALID);
    CHECK_EQ_INT(eas_synckey_next(&k, next, sizeof(next), &err), 39);
    CHECK_STR(next, "{00000000-0000-4000-8000-000000000000}2");

    CHECK_EQ_INT(parse("{u}4294967295", &k, &err), EAS_SYNCKEY_VALID);
    CHECK_EQ_INT(eas_synckey_next(&k, next, sizeof(next), &err), 0);
    CHECK_CONTAINS(err.message, "cannot advance");

    /* 60-byte uid: "{uid}9" fits 64, "{uid}10" does not. */
    CHECK_EQ_INT(parse("{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}99", &k, &err),
                 EAS_SYNCKEY_VALID);
    CHECK_EQ_INT(eas_synckey_next(&k, next, sizeof(next), &err), 0);
    CHECK_EQ_INT(err.code, EAS_ERR_LIMIT);

    CHECK_EQ_INT(parse("{abc}7", &k, &err), EAS_SYNCKEY_VALID);
    CHECK_EQ_INT(parse("{abc}7", &n, &err), EAS_SYNCKEY_VALID);
    CHECK_EQ_INT(eas_synckey_relate(&k, &n), EAS_SYNCKEY_CURRENT);
    CHECK_EQ_INT(parse("{abc}8", &n, &err), EAS_SYNCKEY_VALID);
    CHECK_EQ_INT(eas_synckey_relate(&k, &n), EAS_SYNCKEY_PREVIOUS);
    CHECK_EQ_INT(parse("{abc}9", &n, &err), EAS_SYNCKEY_VALID);
    CHECK_EQ_INT(eas_synckey_relate(&k, &n), EAS_SYNCKEY_STALE);
    CHECK_EQ_INT(parse("{abc}6", &n, &err), EAS_SYNCKEY_VALID);
    CHECK_EQ_INT(eas_synckey_relate(&k, &n), EAS_SYNCKEY_STALE);
    CHECK_EQ_INT(parse("{abd}8", &n, &err), EAS_SYNCKEY_VALID);
    CHECK_EQ_INT(eas_synckey_relate(&k, &n), EAS_SYNCKEY_FOREIGN);
}

/* A sample: { "uids": [100000..100999 step 1 with gaps], "name": "INBOX", 7: -3, "f": 1.5,
 *             "x": null, "t": true, "o": Obj{ "uids": "v" }, "l": ["uids", false] } */
static void write_sample(eas_pack_writer *w)
{
    int64_t uids[1000];
    size_t i;

    for (i = 0; i < 1000; i++) {
        uids[i] = 100000 + (int64_t)i * 2;
    }
    uids[999] = -5; /* a descent, and a negative */
    CHECK_EQ_INT(eas_pack_begin_map(w, 8), 0);
    eas_pack_put_key(w, "uids", 4);
    eas_pack_put_int_list(w, uids, 1000);
    eas_pack_put_key(w, "name", 4);
    eas_pack_put_string(w, "INBOX", 5);
    eas_pack_put_int(w, 7);
    eas_pack_put_int(w, -3);
    eas_pack_put_key(w, "f", 1);
    eas_pack_put_double(w, 1.5);
    eas_pack_put_key(w, "x", 1);
    eas_pack_put_null(w);
    eas_pack_put_key(w, "t", 1);
    eas_pack_put_bool(w, 1);
    eas_pack_put_key(w, "o", 1);
    eas_pack_begin_object(w, "Horde_ActiveSync_Folder_Imap", 28, EAS_PACK_OBJECT_SERIALIZE);
    eas_pack_begin_map(w, 1);
    eas_pack_put_key(w, "uids", 4);
    eas_pack_put_string(w, "v", 1);
    eas_pack_put_key(w, "l", 1);
    eas_pack_begin_list(w, 2);
    eas_pack_put_key(w, "uids", 4);
    eas_pack_put_bool(w, 0);
    CHECK_EQ_INT(eas_pack_finish(w, 3), 0);
}

TEST(pack_round_trip)
{
    eas_pack_writer w;
    eas_pack_reader r;
    eas_pack_value v;
    eas_error err;
    int64_t x;
    size_t i;

    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_pack_writer_init(&w, &eas_libc_allocator), 0);
    write_sample(&w);
    /* 1000 UIDs: mostly one byte each. */
    CHECK(w.out.len < 1200);
    CHECK(eas_pack_is_frame(w.out.data, w.out.len));
    CHECK_EQ_INT(eas_pack_validate(w.out.data, w.out.len, &eas_libc_allocator, &err), 0);

    CHECK_EQ_INT(eas_pack_open(&r, w.out.data, w.out.len, &eas_libc_allocator, &err), 0);
    CHECK_EQ_INT(r.kind, 3);
    CHECK_EQ_INT(eas_pack_read(&r, &v, &err), 0);
    CHECK_EQ_INT(v.type, EAS_PACK_MAP);
    CHECK_EQ_INT(v.count, 8);
    eas_pack_read(&r, &v, &err);
    CHECK(v.type == EAS_PACK_STRING && v.len == 4 && memcmp(v.s, "uids", 4) == 0);
    eas_pack_read(&r, &v, &err);
    CHECK_EQ_INT(v.type, EAS_PACK_INTLIST);
    CHECK_EQ_INT(v.count, 1000);
    for (i = 0; i < 999; i++) {
        eas_pack_read_list_int(&r, &x, &err);
        if (x != 100000 + (int64_t)i * 2) {
            CHECK_EQ_INT(x, 100000 + (int64_t)i * 2);
            break;
        }
    }
    eas_pack_read_list_int(&r, &x, &err);
    CHECK_EQ_INT(x, -5);
    eas_pack_read(&r, &v, &err);
    eas_pack_read(&r, &v, &err);
    CHECK(v.type == EAS_PACK_STRING && v.len == 5 && memcmp(v.s, "INBOX", 5) == 0);
    eas_pack_read(&r, &v, &err);
    CHECK(v.type == EAS_PACK_INT && v.i == 7);
    eas_pack_read(&r, &v, &err);
    CHECK(v.type == EAS_PACK_INT && v.i == -3);
    eas_pack_read(&r, &v, &err);
    eas_pack_read(&r, &v, &err);
    CHECK(v.type == EAS_PACK_DOUBLE && v.d == 1.5);
    for (i = 0; i < 5; i++) { /* x null t true o */
        eas_pack_read(&r, &v, &err);
    }
    eas_pack_read(&r, &v, &err);
    CHECK_EQ_INT(v.type, EAS_PACK_OBJECT);
    CHECK_EQ_INT(v.mode, EAS_PACK_OBJECT_SERIALIZE);
    CHECK(v.len == 28 && memcmp(v.s, "Horde_ActiveSync_Folder_Imap", 28) == 0);
    eas_pack_read(&r, &v, &err);
    eas_pack_read(&r, &v, &err);
    CHECK(v.type == EAS_PACK_STRING && v.len == 4 && memcmp(v.s, "uids", 4) == 0); /* a REF */
    eas_pack_read(&r, &v, &err);
    eas_pack_read(&r, &v, &err);
    eas_pack_read(&r, &v, &err);
    CHECK_EQ_INT(v.type, EAS_PACK_LIST);
    eas_pack_read(&r, &v, &err);
    eas_pack_read(&r, &v, &err);
    CHECK_EQ_INT(v.type, EAS_PACK_FALSE);
    CHECK_EQ_INT(err.code, EAS_OK);
    CHECK_EQ_INT(eas_pack_close(&r, &err), 0);
    eas_pack_reader_free(&r);
    eas_pack_writer_free(&w);
}

TEST(pack_rejects_damage)
{
    eas_pack_writer w;
    eas_error err;
    size_t len, i;
    unsigned char *copy;
    int undetected = 0;

    eas_pack_writer_init(&w, &eas_libc_allocator);
    write_sample(&w);
    len = w.out.len;
    copy = malloc(len);

    /* Every truncation is rejected. */
    for (i = 0; i < len; i++) {
        memset(&err, 0, sizeof(err));
        if (eas_pack_validate(w.out.data, i, &eas_libc_allocator, &err) == 0) {
            undetected++;
        }
    }
    CHECK_EQ_INT(undetected, 0);
    /* Every single-bit flip is rejected (the checksum or the header catches it). */
    for (i = 0; i < len * 8; i += 3) {
        memcpy(copy, w.out.data, len);
        copy[i / 8] ^= (unsigned char)(1u << (i % 8));
        memset(&err, 0, sizeof(err));
        if (eas_pack_validate(copy, len, &eas_libc_allocator, &err) == 0) {
            undetected++;
        }
    }
    CHECK_EQ_INT(undetected, 0);
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_pack_validate("a:0:{}", 6, &eas_libc_allocator, &err), -1);
    CHECK_CONTAINS(err.message, "bad magic");
    free(copy);
    eas_pack_writer_free(&w);
}

/* Builds a frame around a hand-written payload (valid checksum). */
static size_t frame(const unsigned char *payload, size_t n, unsigned char *out)
{
    eas_pack_writer w;
    size_t len;

    eas_pack_writer_init(&w, &eas_libc_allocator);
    eas_buf_append(&w.out, payload, n);
    eas_pack_finish(&w, 0);
    len = w.out.len;
    memcpy(out, w.out.data, len);
    eas_pack_writer_free(&w);
    return len;
}

#define EXPECT_INVALID(text, ...) do { \
    static const unsigned char p_[] = { __VA_ARGS__ }; \
    unsigned char f_[256]; \
    size_t fn_ = frame(p_, sizeof(p_), f_); \
    memset(&err, 0, sizeof(err)); \
    CHECK_EQ_INT(eas_pack_validate(f_, fn_, &eas_libc_allocator, &err), -1); \
    CHECK_CONTAINS(err.message, text); \
} while (0)

TEST(pack_rejects_hostile_structure)
{
    eas_error err;
    unsigned char deep[EAS_PACK_MAX_DEPTH + 10], f[512];
    size_t n;

    EXPECT_INVALID("cannot fit", 0x06, 0xff, 0xff, 0xff, 0xff, 0x0f);   /* 4G-entry map */
    EXPECT_INVALID("too long", 0x05, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01);
    EXPECT_INVALID("runs past", 0x05, 0x10, 'a');
    EXPECT_INVALID("reference to string #0", 0x0b, 0x00);
    EXPECT_INVALID("unknown tag 0x42", 0x42);
    EXPECT_INVALID("without a class name", 0x09, 0x05, 0x01, 'C', 0x00, 0x00);
    EXPECT_INVALID("no valid mode", 0x09, 0x0a, 0x01, 'C', 0x07, 0x00);
    EXPECT_INVALID("neither integer nor string", 0x06, 0x01, 0x00, 0x00);
    EXPECT_INVALID("stray bytes", 0x00, 0x00);
    EXPECT_INVALID("inside a float", 0x04, 0x00, 0x00);

    memset(deep, EAS_PACK_LIST, sizeof(deep));
    for (n = 1; n < sizeof(deep); n += 2) {
        deep[n] = 0x01;
    }
    n = frame(deep, sizeof(deep), f);
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_pack_validate(f, n, &eas_libc_allocator, &err), -1);
    CHECK(err.code == EAS_ERR_LIMIT || err.code == EAS_ERR_TRUNCATED);

    n = frame((const unsigned char *)"\x00", 1, f);
    f[4] = 2;
    memset(&err, 0, sizeof(err));
    CHECK_EQ_INT(eas_pack_validate(f, n, &eas_libc_allocator, &err), -1);
    CHECK_CONTAINS(err.message, "version 2");
}

TEST(crc_known_value)
{
    CHECK_EQ_INT(eas_crc32((const unsigned char *)"123456789", 9), 0xcbf43926u);
}

RUN_SUITE("state", synckey_forms, synckey_generate_and_advance, pack_round_trip, pack_rejects_damage,
          pack_rejects_hostile_structure, crc_known_value)
