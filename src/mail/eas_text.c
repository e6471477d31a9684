/*
 * Body text helpers; see eas_text.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "eas_text.h"

#include <string.h>

#include "../common/eas_utf8.h"

int eas_text_crlf(const unsigned char *in, size_t len, eas_buf *out)
{
    if (len && in[len - 1] == '\r') {
        len--;
    }
    if (len == 0) {
        return 0;
    }
    /* worst case every byte is a line end */
    if (len > ((size_t)-1) / 2 || eas_buf_grow(out, len * 2) != 0) {
        return -1;
    }
    unsigned char *o = out->data + out->len;
    const unsigned char *p = in, *end = in + len;
    while (p < end) {
        const unsigned char *cr = memchr(p, '\r', (size_t)(end - p));
        const unsigned char *lf = memchr(p, '\n', (size_t)((cr ? cr : end) - p));
        const unsigned char *eol = lf ? lf : cr;
        if (!eol) {
            memcpy(o, p, (size_t)(end - p));
            o += end - p;
            break;
        }
        memcpy(o, p, (size_t)(eol - p));
        o += eol - p;
        *o++ = '\r';
        *o++ = '\n';
        p = eol + 1;
        if (*eol == '\r' && p < end && *p == '\n') {
            p++;
        }
    }
    out->len = (size_t)(o - out->data);
    return 0;
}

size_t eas_text_utf8_prefix(const unsigned char *s, size_t len, size_t chars)
{
    size_t i = 0;
    while (chars && i < len) {
        unsigned char c = s[i];
        size_t n = (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 1;
        i = n > len - i ? len : i + n;
        chars--;
    }
    return i;
}

int eas_text_utf8_valid(const unsigned char *s, size_t len)
{
    /* ASCII runs, a word at a time, before the careful check */
    size_t i = 0;
    if (len == 0) {
        return 1;
    }
    while (i + 8 <= len) {
        unsigned long long w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ULL) {
            break;
        }
        i += 8;
    }
    return eas_utf8_valid_prefix(s + i, len - i) == len - i;
}

eas_charset eas_text_charset(const char *name, size_t len)
{
    static const struct {
        const char *name;
        eas_charset cs;
    } names[] = {
        { "utf-8", EAS_CHARSET_UTF8 }, { "utf8", EAS_CHARSET_UTF8 },
        { "us-ascii", EAS_CHARSET_ASCII },
        { "iso-8859-1", EAS_CHARSET_LATIN1 },
        { "windows-1252", EAS_CHARSET_CP1252 },
    };
    char low[16];
    if (len >= sizeof(low)) {
        return EAS_CHARSET_OTHER;
    }
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    low[len] = '\0';
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(low, names[i].name) == 0) {
            return names[i].cs;
        }
    }
    return EAS_CHARSET_OTHER;
}

/* windows-1252 0x80-0x9F; 0 where the code page assigns nothing, which
 * mbstring (and so Horde) maps to the C1 control of the same value */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

int eas_text_single_to_utf8(eas_charset cs, const unsigned char *in, size_t len, eas_buf *out)
{
    if (len == 0) {
        return 0;
    }
    if (len > ((size_t)-1) / 3 || eas_buf_grow(out, len * 3) != 0) {
        return -1;
    }
    unsigned char *o = out->data + out->len;
    for (size_t i = 0; i < len; i++) {
        unsigned cp = in[i];
        if (cp < 0x80) {
            *o++ = (unsigned char)cp;
            continue;
        }
        if (cs == EAS_CHARSET_CP1252 && cp < 0xA0 && cp1252_high[cp - 0x80]) {
            cp = cp1252_high[cp - 0x80];
        }
        o += eas_utf8_encode(cp, o);
    }
    out->len = (size_t)(o - out->data);
    return 0;
}
