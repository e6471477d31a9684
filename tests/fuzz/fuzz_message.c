/*
 * libFuzzer target for the plain C of the message layer: the UTC date
 * parser and formatter, date arithmetic, hexadecimal, streaming base64, the
 * end-of-line filter and the TIME_ZONE_INFORMATION blob.
 *
 * The whole input goes through each helper. What must hold: a date the
 * parser accepts has digits in its fields and, normalized, formats to
 * text that parses back to the same fields; civil <-> day counts round-trip;
 * hex and base64 output have their promised lengths and alphabets, and
 * base64 fed in any split equals base64 fed at once; the EOL filter keeps
 * its length bound and leaves no bare CR or LF; a blob written from what
 * was read reads back the same.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/message/eas_msgdate.h"
#include "../../src/message/eas_msgtext.h"
#include "../../src/message/eas_tzblob.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define check(cond) do { \
    if (!(cond)) { \
        fprintf(stderr, "fuzz_message.c:%d: %s\n", __LINE__, #cond); \
        abort(); \
    } \
} while (0)

static int same_civil(const eas_civil *a, const eas_civil *b)
{
    return a->year == b->year && a->month == b->month && a->day == b->day && a->hour == b->hour &&
        a->minute == b->minute && a->second == b->second;
}

static void dates(const uint8_t *data, size_t size)
{
    eas_civil c, n;
    char text[EAS_DATE_TEXT_MAX];

    if (eas_date_parse_utc((const char *)data, size, &c)) {
        /* digits only; ranges are for normalizing to settle */
        check(c.year >= 0 && c.year <= 9999 && c.month >= 0 && c.month <= 99 && c.day >= 0 && c.day <= 99);
        check(c.hour >= 0 && c.hour <= 99 && c.minute >= 0 && c.minute <= 99 && c.second >= 0 && c.second <= 99);
        n = c;
        if (eas_civil_normalize(&n) == 0) {
            for (int f = 0; f < 2; f++) {
                eas_civil back;
                size_t len = eas_date_format_text(&n, f ? EAS_DATE_DASHES : EAS_DATE_COMPACT, text);
                check(len > 0 && len < EAS_DATE_TEXT_MAX);
                if (n.year >= 0 && n.year <= 9999) {
                    check(eas_date_parse_utc(text, len, &back));
                    check(same_civil(&back, &n));
                }
            }
        }
    }

    /* arbitrary fields: normalize, then the day count round-trips */
    if (size >= 48) {
        int64_t v[6];
        memcpy(v, data, sizeof(v));
        c.year = v[0] % 1000000;
        c.month = v[1] % 100000;
        c.day = v[2] % 10000000;
        c.hour = v[3] % 1000000;
        c.minute = v[4] % 100000000;
        c.second = v[5] % 10000000000LL;
        if (eas_civil_normalize(&c) == 0) {
            int64_t secs, y, m, d;
            eas_civil back;
            check(c.month >= 1 && c.month <= 12 && c.day >= 1 && c.day <= 31);
            check(c.hour >= 0 && c.hour < 24 && c.minute >= 0 && c.minute < 60 && c.second >= 0 && c.second < 60);
            eas_civil_from_days(eas_days_from_civil(c.year, c.month, c.day), &y, &m, &d);
            check(y == c.year && m == c.month && d == c.day);
            if (eas_civil_to_seconds(&c, &secs) == 0) {
                eas_civil_from_seconds(secs, &back);
                check(same_civil(&back, &c));
            }
            check(eas_civil_weekday(&c) >= 0 && eas_civil_weekday(&c) <= 6);
            check(eas_date_format_text(&c, EAS_DATE_DASHES, text) < EAS_DATE_TEXT_MAX);
        }
    }
}

static void hex(const uint8_t *data, size_t size)
{
    char *text = malloc(2 * size + 1);
    unsigned char *bin = malloc(size + 1);
    size_t n;

    eas_hex_encode(data, size, text);
    for (size_t i = 0; i < 2 * size; i++) {
        check((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'A' && text[i] <= 'F'));
    }
    n = eas_hex_decode(text, 2 * size, bin);
    check(n == size && memcmp(bin, data, size) == 0);

    /* any text: one byte per two characters, rounded up */
    n = eas_hex_decode((const char *)data, size, bin);
    check(n == (size + 1) / 2);
    free(text);
    free(bin);
}

static void base64(const uint8_t *data, size_t size)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
    eas_base64 whole, split;
    char *a = malloc(eas_base64_update_max(size) + 4);
    char *b = malloc(eas_base64_update_max(size) + 8 * (size / 7 + 1) + 4);
    size_t alen, blen = 0, at = 0, step = size ? (size_t)data[0] % 7 + 1 : 1;

    eas_base64_init(&whole);
    alen = eas_base64_update(&whole, data, size, a);
    alen += eas_base64_final(&whole, a + alen);
    check(alen == (size + 2) / 3 * 4);
    for (size_t i = 0; i < alen; i++) {
        check(strchr(alphabet, a[i]) != NULL && a[i] != '\0');
    }
    eas_base64_init(&split);
    while (at < size) {
        size_t take = size - at < step ? size - at : step;
        blen += eas_base64_update(&split, data + at, take, b + blen);
        at += take;
    }
    blen += eas_base64_final(&split, b + blen);
    check(blen == alen && memcmp(a, b, alen) == 0);
    free(a);
    free(b);
}

static void eol(const uint8_t *data, size_t size)
{
    unsigned char *out = malloc(2 * size + 1);
    size_t n = eas_eol_crlf_chunk(data, size, out);

    check(n <= 2 * size);
    for (size_t i = 0; i < n; i++) {
        if (out[i] == '\r') {
            check(i + 1 < n && out[i + 1] == '\n');
        } else if (out[i] == '\n') {
            check(i > 0 && out[i - 1] == '\r');
        }
    }
    free(out);
}

static void tzblob(const uint8_t *data, size_t size)
{
    eas_tzblob tz, back;
    unsigned char blob[EAS_TZBLOB_SIZE];
    int rc = eas_tzblob_read(data, size, &tz);

    check(rc == (size == EAS_TZBLOB_SIZE ? 0 : size < EAS_TZBLOB_SIZE ? 1 : 2));
    check(eas_tzblob_name_len(tz.std_name) <= EAS_TZBLOB_NAME);
    check(eas_tzblob_name_len(tz.dst_name) <= EAS_TZBLOB_NAME);
    eas_tzblob_write(&tz, blob);
    check(memcmp(blob, data, size < EAS_TZBLOB_SIZE ? size : EAS_TZBLOB_SIZE) == 0);
    check(eas_tzblob_read(blob, sizeof(blob), &back) == 0);
    check(memcmp(&back, &tz, sizeof(tz)) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dates(data, size);
    hex(data, size);
    base64(data, size);
    eol(data, size);
    tzblob(data, size);
    return 0;
}
