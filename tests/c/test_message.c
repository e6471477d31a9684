/*
 * Unit tests of src/message: calendar arithmetic, date formats, hex,
 * streamed base64, line endings and time zone blobs.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "test.h"

#include "../../src/message/eas_msgdate.h"
#include "../../src/message/eas_msgtext.h"
#include "../../src/message/eas_tzblob.h"

static eas_civil civil(int64_t y, int64_t mo, int64_t d, int64_t h, int64_t mi, int64_t s)
{
    eas_civil c;
    c.year = y;
    c.month = mo;
    c.day = d;
    c.hour = h;
    c.minute = mi;
    c.second = s;
    return c;
}

TEST(days_and_back)
{
    int64_t y, m, d;

    CHECK_EQ_INT(eas_days_from_civil(1970, 1, 1), 0);
    CHECK_EQ_INT(eas_days_from_civil(2000, 3, 1), 11017);
    CHECK_EQ_INT(eas_days_from_civil(1969, 12, 31), -1);
    CHECK_EQ_INT(eas_days_from_civil(1600, 2, 29), -135081);
    /* every day from 1600 to 2400 comes back as itself */
    for (int64_t day = -135140; day < 157000; day++) {
        eas_civil_from_days(day, &y, &m, &d);
        if (eas_days_from_civil(y, m, d) != day || m < 1 || m > 12 || d < 1 || d > 31) {
            CHECK(0);
            break;
        }
    }
    eas_civil_from_days(-719468, &y, &m, &d);
    CHECK_EQ_INT(y, 0);
    CHECK_EQ_INT(m, 3);
    CHECK_EQ_INT(d, 1);
}

TEST(normalize_rolls_over_like_datetime)
{
    eas_civil c = civil(2026, 13, 1, 0, 0, 0);
    CHECK_EQ_INT(eas_civil_normalize(&c), 0);
    CHECK_EQ_INT(c.year, 2027);
    CHECK_EQ_INT(c.month, 1);

    c = civil(2026, 2, 30, 0, 0, 0);
    eas_civil_normalize(&c);
    CHECK_EQ_INT(c.month, 3);
    CHECK_EQ_INT(c.day, 2);

    c = civil(2026, 3, 0, 24, 60, -1);
    eas_civil_normalize(&c);
    CHECK_EQ_INT(c.month, 3);
    CHECK_EQ_INT(c.day, 1);
    CHECK_EQ_INT(c.hour, 0);
    CHECK_EQ_INT(c.minute, 59);
    CHECK_EQ_INT(c.second, 59);

    c = civil(2024, 0, 1, 0, 0, 0);
    eas_civil_normalize(&c);
    CHECK_EQ_INT(c.year, 2023);
    CHECK_EQ_INT(c.month, 12);

    c = civil(INT64_C(1) << 60, 1, 1, 0, 0, 0);
    CHECK_EQ_INT(eas_civil_normalize(&c), -1);

    c = civil(2026, 3, 2, 0, 0, 0);
    CHECK_EQ_INT(eas_civil_weekday(&c), 1);
}

TEST(seconds_round_trip)
{
    eas_civil c = civil(2026, 3, 2, 9, 30, 0);
    int64_t s;

    CHECK_EQ_INT(eas_civil_to_seconds(&c, &s), 0);
    CHECK_EQ_INT(s, 1772443800);
    eas_civil_from_seconds(-1, &c);
    CHECK_EQ_INT(c.year, 1969);
    CHECK_EQ_INT(c.hour, 23);
    CHECK_EQ_INT(c.second, 59);
}

TEST(formats)
{
    char out[EAS_DATE_TEXT_MAX];
    eas_civil c = civil(2026, 3, 2, 9, 5, 7);

    CHECK_EQ_INT(eas_date_format_text(&c, EAS_DATE_COMPACT, out), 16);
    CHECK_STR(out, "20260302T090507Z");
    CHECK_EQ_INT(eas_date_format_text(&c, EAS_DATE_DASHES, out), 24);
    CHECK_STR(out, "2026-03-02T09:05:07.000Z");
    c.year = 5;
    eas_date_format_text(&c, EAS_DATE_COMPACT, out);
    CHECK_STR(out, "00050302T090507Z");
    c.year = -44;
    eas_date_format_text(&c, EAS_DATE_DASHES, out);
    CHECK_STR(out, "-0044-03-02T09:05:07.000Z");
    c.year = 12345;
    eas_date_format_text(&c, EAS_DATE_COMPACT, out);
    CHECK_STR(out, "123450302T090507Z");
}

TEST(parse_canonical_forms_only)
{
    eas_civil c;

    CHECK(eas_date_parse_utc("20260302T093000Z", 16, &c));
    CHECK_EQ_INT(c.year, 2026);
    CHECK_EQ_INT(c.month, 3);
    CHECK_EQ_INT(c.day, 2);
    CHECK_EQ_INT(c.hour, 9);
    CHECK_EQ_INT(c.minute, 30);
    CHECK(eas_date_parse_utc("2026-03-02T09:30:59.000Z", 24, &c));
    CHECK_EQ_INT(c.second, 59);
    CHECK(eas_date_parse_utc("2026-03-02T09:30:59Z", 20, &c));
    CHECK(eas_date_parse_utc("2026-03-02T09:30:59.5Z", 22, &c));
    /* out-of-range fields are kept as written, as Horde_Date keeps them */
    CHECK(eas_date_parse_utc("20261345T996061Z", 16, &c));
    CHECK_EQ_INT(c.month, 13);
    CHECK_EQ_INT(c.hour, 99);

    CHECK(!eas_date_parse_utc("20260302T093000", 15, &c));
    CHECK(!eas_date_parse_utc("20260302T093000Z\n", 17, &c));
    CHECK(!eas_date_parse_utc("2026-03-02T09:30:59.Z", 21, &c));
    CHECK(!eas_date_parse_utc("2026-03-02T09:30:59,000Z", 24, &c));
    CHECK(!eas_date_parse_utc("2026-03-02", 10, &c));
    CHECK(!eas_date_parse_utc("2026x302T093000Z", 16, &c));
    CHECK(!eas_date_parse_utc("", 0, &c));
}

TEST(hex)
{
    unsigned char bin[] = { 0x00, 0x9f, 0xff, 0x10 };
    char text[9] = {0};
    unsigned char back[8];

    eas_hex_encode(bin, 4, text);
    CHECK_STR(text, "009FFF10");
    CHECK_EQ_INT(eas_hex_decode("009fFF10", 8, back), 4);
    CHECK(memcmp(back, bin, 4) == 0);
    /* odd length: the last group has one digit */
    CHECK_EQ_INT(eas_hex_decode("abc", 3, back), 2);
    CHECK_EQ_INT(back[1], 0x0c);
    /* characters that are not hex digits are skipped within their group */
    CHECK_EQ_INT(eas_hex_decode("g1zz", 4, back), 2);
    CHECK_EQ_INT(back[0], 1);
    CHECK_EQ_INT(back[1], 0);
}

TEST(base64_streams_like_one_shot)
{
    static const char *expect[] = { "", "QQ==", "QUI=", "QUJD", "QUJDRA==", "QUJDREU=", "QUJDREVG" };
    const unsigned char *text = (const unsigned char *)"ABCDEF";

    for (size_t len = 0; len <= 6; len++) {
        /* every split of the input into two updates */
        for (size_t cut = 0; cut <= len; cut++) {
            eas_base64 b;
            char out[32];
            size_t n;
            eas_base64_init(&b);
            n = eas_base64_update(&b, text, cut, out);
            n += eas_base64_update(&b, text + cut, len - cut, out + n);
            n += eas_base64_final(&b, out + n);
            out[n] = '\0';
            CHECK_STR(out, expect[len]);
        }
    }
    {
        /* byte at a time */
        eas_base64 b;
        char out[32];
        size_t n = 0;
        eas_base64_init(&b);
        for (size_t i = 0; i < 5; i++) {
            n += eas_base64_update(&b, text + i, 1, out + n);
        }
        n += eas_base64_final(&b, out + n);
        out[n] = '\0';
        CHECK_STR(out, "QUJDREU=");
    }
}

static const char *eol(const char *in)
{
    static unsigned char out[256];
    size_t n = eas_eol_crlf_chunk((const unsigned char *)in, strlen(in), out);
    out[n] = '\0';
    return (const char *)out;
}

TEST(line_endings)
{
    CHECK_STR(eol("a\nb"), "a\r\nb");
    CHECK_STR(eol("a\rb"), "a\r\nb");
    CHECK_STR(eol("a\r\nb"), "a\r\nb");
    CHECK_STR(eol("\r\r\n\n"), "\r\n\r\n\r\n");
    CHECK_STR(eol("\n\rx"), "\r\n\r\nx");
    /* a CR ending the chunk is dropped: Horde's filter waits for its LF */
    CHECK_STR(eol("abc\r"), "abc");
    CHECK_STR(eol("\r"), "");
    CHECK_STR(eol(""), "");
}

TEST(tzblob)
{
    unsigned char raw[EAS_TZBLOB_SIZE], again[EAS_TZBLOB_SIZE];
    eas_tzblob tz;

    memset(raw, 0, sizeof(raw));
    /* Central European: bias -60, standard in October week 5 at 3:00,
     * daylight in March week 5 at 2:00, daylight bias -60 */
    raw[0] = 0xc4; raw[1] = 0xff; raw[2] = 0xff; raw[3] = 0xff;
    raw[4] = 'C'; raw[6] = 'E'; raw[8] = 'T';
    raw[70] = 10; raw[74] = 5; raw[76] = 3;
    raw[154] = 3; raw[158] = 5; raw[160] = 2;
    raw[168] = 0xc4; raw[169] = 0xff; raw[170] = 0xff; raw[171] = 0xff;

    CHECK_EQ_INT(eas_tzblob_read(raw, sizeof(raw), &tz), 0);
    CHECK_EQ_INT(tz.bias, -60);
    CHECK_EQ_INT(tz.std_date.month, 10);
    CHECK_EQ_INT(tz.std_date.day, 5);
    CHECK_EQ_INT(tz.std_date.hour, 3);
    CHECK_EQ_INT(tz.dst_date.month, 3);
    CHECK_EQ_INT(tz.dst_bias, -60);
    CHECK_EQ_INT(tz.std_bias, 0);
    CHECK_EQ_INT(eas_tzblob_name_len(tz.std_name), 1);
    CHECK_EQ_INT(eas_tzblob_name_len(tz.dst_name), 0);
    eas_tzblob_write(&tz, again);
    CHECK(memcmp(raw, again, sizeof(raw)) == 0);

    /* short and long input */
    CHECK_EQ_INT(eas_tzblob_read(raw, 4, &tz), 1);
    CHECK_EQ_INT(tz.bias, -60);
    CHECK_EQ_INT(tz.dst_bias, 0);
    CHECK_EQ_INT(eas_tzblob_read(raw, 0, &tz), 1);
    CHECK_EQ_INT(tz.bias, 0);
    {
        unsigned char big[200];
        memset(big, 0xff, sizeof(big));
        CHECK_EQ_INT(eas_tzblob_read(big, sizeof(big), &tz), 2);
        CHECK_EQ_INT(tz.dst_bias, -1);
        CHECK_EQ_INT(eas_tzblob_name_len(tz.std_name), EAS_TZBLOB_NAME);
    }
}

RUN_SUITE("message", days_and_back, normalize_rolls_over_like_datetime, seconds_round_trip, formats,
          parse_canonical_forms_only, hex, base64_streams_like_one_shot, line_endings, tzblob)
