/*
 * MS-ASHTTP query values: plain text and base64.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "test.h"
#include "../../src/http/eas_query.h"

static eas_query q;
static eas_error err;

static int parse(const char *s)
{
    memset(&err, 0, sizeof(err));
    return eas_query_parse(&q, s, strlen(s), &err);
}

/* The value as a NUL-terminated copy ("(absent)" when missing). */
static const char *get(const char *name)
{
    static char out[1024];
    const eas_query_pair *p = eas_query_get(&q, name);

    if (!p) {
        return "(absent)";
    }
    memcpy(out, p->value, p->value_len);
    out[p->value_len] = '\0';
    return out;
}

/* Base64 of raw bytes, for building hostile inputs. */
static const char *b64(const unsigned char *data, size_t len)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    static char out[8192];
    size_t i, n = 0;

    for (i = 0; i + 2 < len; i += 3) {
        out[n++] = alphabet[data[i] >> 2];
        out[n++] = alphabet[(data[i] & 3) << 4 | data[i + 1] >> 4];
        out[n++] = alphabet[(data[i + 1] & 15) << 2 | data[i + 2] >> 6];
        out[n++] = alphabet[data[i + 2] & 63];
    }
    if (len - i == 1) {
        out[n++] = alphabet[data[i] >> 2];
        out[n++] = alphabet[(data[i] & 3) << 4];
        out[n++] = '=';
        out[n++] = '=';
    } else if (len - i == 2) {
        out[n++] = alphabet[data[i] >> 2];
        out[n++] = alphabet[(data[i] & 3) << 4 | data[i + 1] >> 4];
        out[n++] = alphabet[(data[i + 1] & 15) << 2];
        out[n++] = '=';
    }
    out[n] = '\0';
    return out;
}

TEST(empty_query)
{
    CHECK_EQ_INT(parse(""), 0);
    CHECK_EQ_INT(q.form, EAS_QUERY_EMPTY);
    CHECK_EQ_INT(q.count, 0);
}

TEST(plain_query)
{
    CHECK_EQ_INT(parse("Cmd=Sync&User=rmjones&DeviceId=v140Device&DeviceType=SmartPhone"), 0);
    CHECK_EQ_INT(q.form, EAS_QUERY_PLAIN);
    CHECK_EQ_INT(q.count, 4);
    CHECK_STR(get("Cmd"), "Sync");
    CHECK_STR(get("User"), "rmjones");
    CHECK_STR(get("DeviceId"), "v140Device");
    CHECK_STR(get("DeviceType"), "SmartPhone");
    CHECK_STR(get("ItemId"), "(absent)");

    CHECK_EQ_INT(parse("Cmd=SmartReply&ItemId=5%3A12&CollectionId=F1&SaveInSent=T&User=a%40b.example+x"), 0);
    CHECK_STR(get("ItemId"), "5:12");
    CHECK_STR(get("SaveInSent"), "T");
    CHECK_STR(get("User"), "a@b.example x");

    /* the last of a repeated name wins, as in $_GET; empty segments vanish */
    CHECK_EQ_INT(parse("Cmd=Sync&&Cmd=Ping&Flag"), 0);
    CHECK_STR(get("Cmd"), "Ping");
    CHECK_STR(get("Flag"), "");

    /* UTF-8 in free text */
    CHECK_EQ_INT(parse("AttachmentName=%C3%A4.txt&Cmd=GetAttachment"), 0);
    CHECK_STR(get("AttachmentName"), "\xc3\xa4.txt");
}

TEST(plain_query_rejects)
{
    CHECK_EQ_INT(parse("Cmd=Sy%2"), -1);
    CHECK_CONTAINS(err.message, "truncated percent escape");
    CHECK_EQ_INT(parse("Cmd=Sync&User=%zz"), -1);
    CHECK_CONTAINS(err.message, "invalid percent escape");
    CHECK_EQ_INT(err.offset, 14);
    CHECK_EQ_INT(parse("=x&Cmd=Sync"), -1);
    CHECK_CONTAINS(err.message, "without a name");
    CHECK_EQ_INT(parse("C-md=Sync"), -1);
    CHECK_EQ_INT(parse("Cmd=../../etc"), -1);
    CHECK_CONTAINS(err.message, "letters");
    CHECK_EQ_INT(parse("Cmd="), -1);
    CHECK_EQ_INT(parse("Cmd=Sync&DeviceId=..%2Fetc"), -1);
    CHECK_CONTAINS(err.message, "DeviceId");
    CHECK_EQ_INT(parse("Cmd=Sync&DeviceId=.hidden"), -1);
    CHECK_EQ_INT(parse("Cmd=Sync&DeviceId=abc.def-01_X"), 0);
    CHECK_EQ_INT(parse("Cmd=Sync&DeviceType=Smart%0APhone"), -1);
    CHECK_EQ_INT(parse("Cmd=Sync&User=a%00b"), -1);
    CHECK_CONTAINS(err.message, "control character");
    CHECK_EQ_INT(parse("Cmd=Sync&User=%C3"), -1);
    CHECK_EQ_INT(err.code, EAS_ERR_ENCODING);
}

TEST(plain_query_limits)
{
    static char big[EAS_QUERY_MAX_INPUT + 16];
    size_t i;
    char *p = big;

    memset(big, 'a', sizeof(big) - 1);
    memcpy(big, "User=", 5);
    big[EAS_QUERY_MAX_INPUT] = '\0';
    CHECK_EQ_INT(parse(big), 0);
    big[EAS_QUERY_MAX_INPUT] = 'a';
    big[EAS_QUERY_MAX_INPUT + 1] = '\0';
    CHECK_EQ_INT(parse(big), -1);
    CHECK_EQ_INT(err.code, EAS_ERR_LIMIT);

    for (i = 0; i <= EAS_QUERY_MAX_PAIRS; i++) {
        p += sprintf(p, "%sa=1", i ? "&" : "");
    }
    CHECK_EQ_INT(parse(big), -1);
    CHECK_CONTAINS(err.message, "more than");
}

TEST(base64_spec_example)
{
    /* MS-ASHTTP 2.2.1.1.1.1: 14.0, Sync, locale 0x0409, "v140Device", no
     * policy key, "SmartPhone". Horde keys the device by the hex form. */
    CHECK_EQ_INT(parse("jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l"), 0);
    CHECK_EQ_INT(q.form, EAS_QUERY_BASE64);
    CHECK_STR(get("ProtVer"), "14.0");
    CHECK_STR(get("Cmd"), "Sync");
    CHECK_STR(get("Locale"), "1033");
    CHECK_STR(get("DeviceId"), "76313430446576696365");
    CHECK_STR(get("PolicyKey"), "(absent)");
    CHECK_STR(get("DeviceType"), "SmartPhone");
}

TEST(base64_fields)
{
    static const unsigned char full[] = {
        161, 19, 0x07, 0x04,                 /* 16.1 ItemOperations, locale 0x0407 */
        4, 0xde, 0xad, 0xbe, 0xef,           /* device id */
        4, 0x78, 0x56, 0x34, 0x12,           /* policy key 0x12345678 */
        3, 'i', 'O', 'S',                    /* device type */
        1, 2, 'F', '1',                      /* CollectionId */
        3, 4, '1', ':', '2', '3',            /* ItemId */
        7, 1, 0x03,                          /* Options: SaveInSent | AcceptMultiPart */
        9, 2, 'z', 'z',                      /* unknown tag: skipped */
        4, 0,                                /* empty LongId: skipped */
        8, 5, 'a', 'l', 'i', 'c', 'e',       /* User */
    };
    const eas_query_pair *p;

    CHECK_EQ_INT(parse(b64(full, sizeof(full))), 0);
    CHECK_STR(get("ProtVer"), "16.1");
    CHECK_STR(get("Cmd"), "ItemOperations");
    CHECK_STR(get("Locale"), "1031");
    CHECK_STR(get("DeviceId"), "deadbeef");
    CHECK_STR(get("PolicyKey"), "305419896");
    CHECK_STR(get("DeviceType"), "iOS");
    CHECK_STR(get("CollectionId"), "F1");
    CHECK_STR(get("ItemId"), "1:23");
    CHECK_STR(get("LongId"), "(absent)");
    CHECK_STR(get("User"), "alice");
    p = eas_query_get(&q, "SaveInSent");
    CHECK(p && p->is_bool && p->value_len == 1);
    p = eas_query_get(&q, "AcceptMultiPart");
    CHECK(p && p->is_bool && p->value_len == 1);

    /* 12.1, policy key 0xffffffff, no device type, percent-encoded and
     * URL-safe alphabets, padding optional */
    {
        static const unsigned char twelve[] = { 121, 20, 0, 0, 1, 0xfb, 4, 0xff, 0xff, 0xff, 0xff, 0 };
        char enc[64], *e = enc;
        const char *s = b64(twelve, sizeof(twelve));
        CHECK_EQ_INT(parse(s), 0);
        CHECK_STR(get("ProtVer"), "12.1");
        CHECK_STR(get("Cmd"), "Provision");
        CHECK_STR(get("PolicyKey"), "4294967295");
        CHECK_STR(get("DeviceType"), "(absent)");
        CHECK_STR(get("DeviceId"), "fb");
        for (; *s; s++) {
            if (*s == '+' || *s == '/' || *s == '=') {
                e += sprintf(e, "%%%02X", (unsigned char)*s);
            } else {
                *e++ = *s;
            }
        }
        *e = '\0';
        CHECK_EQ_INT(parse(enc), 0);
        CHECK_STR(get("DeviceId"), "fb");
    }
    {
        static const unsigned char one[] = { 141, 18, 0, 0, 2, 0xfb, 0xff, 0, 0 };
        char s[64];
        strcpy(s, b64(one, sizeof(one)));
        CHECK_EQ_INT(parse(s), 0);
        CHECK_STR(get("Cmd"), "Ping");
        CHECK_STR(get("DeviceId"), "fbff");
        for (char *c = s; *c; c++) {
            *c = *c == '+' ? '-' : *c == '/' ? '_' : *c;
        }
        CHECK_EQ_INT(parse(s), 0);
        CHECK_STR(get("DeviceId"), "fbff");
    }
}

TEST(base64_rejects)
{
    static const unsigned char no_id[] = { 141, 0, 9, 4, 0, 0, 0 };
    static const unsigned char bad_cmd[] = { 141, 7, 9, 4, 1, 'a', 0, 0 };
    static const unsigned char find[] = { 161, 23, 9, 4, 1, 'a', 0, 0 };
    static const unsigned char bad_key[] = { 141, 0, 9, 4, 1, 'a', 3, 1, 2, 3, 0 };
    static const unsigned char short_id[] = { 141, 0, 9, 4, 9, 'a', 'b' };
    static const unsigned char long_id[] = { 141, 0, 9, 4, 65 };
    static const unsigned char bad_opt[] = { 141, 0, 9, 4, 1, 'a', 0, 0, 7, 2, 1, 1 };
    static const unsigned char param_cut[] = { 141, 0, 9, 4, 1, 'a', 0, 0, 1, 9, 'x' };
    static const unsigned char tag_only[] = { 141, 0, 9, 4, 1, 'a', 0, 0, 1 };
    static const unsigned char ctl_type[] = { 141, 0, 9, 4, 1, 'a', 0, 2, 'a', 0 };
    static const unsigned char bad_utf8[] = { 141, 0, 9, 4, 1, 'a', 0, 0, 8, 2, 0xc3, 0x28 };
    static const unsigned char version[] = { 9, 0, 9, 4, 1, 'a', 0, 0 };

    CHECK_EQ_INT(parse(b64(no_id, sizeof(no_id))), -1);
    CHECK_CONTAINS(err.message, "empty device id");
    CHECK_EQ_INT(parse(b64(bad_cmd, sizeof(bad_cmd))), -1);
    CHECK_CONTAINS(err.message, "unknown command code 7");
    CHECK_EQ_INT(parse(b64(find, sizeof(find))), 0);
    CHECK_STR(get("Cmd"), "Find");
    CHECK_EQ_INT(parse(b64(bad_key, sizeof(bad_key))), -1);
    CHECK_CONTAINS(err.message, "policy key length 3");
    CHECK_EQ_INT(parse(b64(short_id, sizeof(short_id))), -1);
    CHECK_EQ_INT(err.code, EAS_ERR_TRUNCATED);
    CHECK_CONTAINS(err.message, "device id");
    CHECK_EQ_INT(parse(b64(long_id, sizeof(long_id))), -1);
    CHECK_CONTAINS(err.message, "too long");
    CHECK_EQ_INT(parse(b64(bad_opt, sizeof(bad_opt))), -1);
    CHECK_CONTAINS(err.message, "Options");
    CHECK_EQ_INT(parse(b64(param_cut, sizeof(param_cut))), -1);
    CHECK_EQ_INT(err.code, EAS_ERR_TRUNCATED);
    CHECK_EQ_INT(parse(b64(tag_only, sizeof(tag_only))), -1);
    CHECK_CONTAINS(err.message, "parameter length");
    CHECK_EQ_INT(parse(b64(ctl_type, sizeof(ctl_type))), -1);
    CHECK_CONTAINS(err.message, "DeviceType");
    CHECK_EQ_INT(parse(b64(bad_utf8, sizeof(bad_utf8))), -1);
    CHECK_EQ_INT(err.code, EAS_ERR_ENCODING);
    CHECK_EQ_INT(parse(b64(version, sizeof(version))), -1);

    CHECK_EQ_INT(parse("jAAJ!Ap2MTQwRGV2aWNlAApTbWFydFBob25l"), -1);
    CHECK_CONTAINS(err.message, "invalid character");
    CHECK_EQ_INT(parse("jAAJBAp2M"), -1);
    CHECK_EQ_INT(parse("jAAJBAp2M="), -1);
    CHECK_CONTAINS(err.message, "padding");
    CHECK_EQ_INT(parse("jAAJ=Ap2"), 0); /* a name and a value: plain text */
    CHECK_EQ_INT(q.form, EAS_QUERY_PLAIN);
    CHECK_EQ_INT(parse("jA"), -1);
    CHECK_EQ_INT(err.code, EAS_ERR_TRUNCATED);
    CHECK_EQ_INT(parse("%ZZAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l"), -1);
}

TEST(every_prefix_of_a_query_is_handled)
{
    static const char *full = "jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l";
    size_t i, ok = 0;

    for (i = 0; i <= strlen(full); i++) {
        memset(&err, 0, sizeof(err));
        if (eas_query_parse(&q, full, i, &err) == 0) {
            ok++;
        } else {
            CHECK(err.code != EAS_OK);
        }
    }
    /* the empty prefix and the whole query */
    CHECK_EQ_INT(ok, 2);
}

TEST(command_names)
{
    CHECK_STR(eas_query_command_name(0), "Sync");
    CHECK_STR(eas_query_command_name(22), "ValidateCert");
    CHECK(eas_query_command_name(5) == NULL);
    CHECK(eas_query_command_name(24) == NULL);
    CHECK(eas_query_command_name(255) == NULL);
}

RUN_SUITE("http", empty_query, plain_query, plain_query_rejects, plain_query_limits, base64_spec_example,
          base64_fields, base64_rejects, every_prefix_of_a_query_is_handled, command_names)
