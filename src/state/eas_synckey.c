/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "eas_synckey.h"

#include <stdio.h>
#include <string.h>

static int is_alnum_dash(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

static int is_hex_dash(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-';
}

eas_synckey_form eas_synckey_parse(const char *text, size_t len, eas_synckey *key, eas_error *err)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t close, i;
    uint64_t counter = 0;

    memset(key, 0, sizeof(*key));
    if (len == 0 || (len == 1 && s[0] == '0')) {
        return EAS_SYNCKEY_INITIAL;
    }
    if (len > EAS_SYNCKEY_MAX) {
        eas_error_set(err, EAS_ERR_LIMIT, 0, "sync key is %zu bytes long, more than %d", len, EAS_SYNCKEY_MAX);
        return EAS_SYNCKEY_MALFORMED;
    }
    if (s[0] != '{') {
        eas_error_set(err, EAS_ERR_SYNTAX, 0, "sync key does not start with '{'");
        return EAS_SYNCKEY_MALFORMED;
    }
    key->uid_is_hex = 1;
    for (close = 1; close < len && s[close] != '}'; close++) {
        if (!is_alnum_dash(s[close])) {
            eas_error_set(err, EAS_ERR_SYNTAX, close, "invalid character 0x%02x in sync key uid", s[close]);
            return EAS_SYNCKEY_MALFORMED;
        }
        if (!is_hex_dash(s[close])) {
            key->uid_is_hex = 0;
        }
    }
    if (close == len) {
        eas_error_set(err, EAS_ERR_SYNTAX, len, "sync key has no closing '}'");
        return EAS_SYNCKEY_MALFORMED;
    }
    if (close == 1) {
        eas_error_set(err, EAS_ERR_SYNTAX, 1, "sync key has an empty uid");
        return EAS_SYNCKEY_MALFORMED;
    }
    if (close + 1 == len) {
        eas_error_set(err, EAS_ERR_SYNTAX, len, "sync key has no counter");
        return EAS_SYNCKEY_MALFORMED;
    }
    for (i = close + 1; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') {
            eas_error_set(err, EAS_ERR_SYNTAX, i, "invalid character 0x%02x in sync key counter", s[i]);
            return EAS_SYNCKEY_MALFORMED;
        }
        counter = counter * 10 + (uint64_t)(s[i] - '0');
        if (counter > UINT32_MAX) {
            eas_error_set(err, EAS_ERR_LIMIT, i, "sync key counter exceeds %u", (unsigned)UINT32_MAX);
            return EAS_SYNCKEY_MALFORMED;
        }
    }
    key->uid = text + 1;
    key->uid_len = close - 1;
    key->digits = text + close + 1;
    key->digits_len = len - close - 1;
    key->counter = (uint32_t)counter;
    return EAS_SYNCKEY_VALID;
}

size_t eas_synckey_generate(const unsigned char random[16], char out[EAS_SYNCKEY_NEW_MAX])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char b[16];
    size_t n = 0, i;

    memcpy(b, random, sizeof(b));
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    out[n++] = '{';
    for (i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            out[n++] = '-';
        }
        out[n++] = hex[b[i] >> 4];
        out[n++] = hex[b[i] & 0x0f];
    }
    out[n++] = '}';
    out[n++] = '1';
    out[n] = '\0';
    return n;
}

size_t eas_synckey_next(const eas_synckey *key, char *out, size_t cap, eas_error *err)
{
    int n;

    if (key->counter == UINT32_MAX) {
        eas_error_set(err, EAS_ERR_LIMIT, 0, "sync key counter cannot advance past %u", (unsigned)UINT32_MAX);
        return 0;
    }
    n = snprintf(out, cap, "{%.*s}%u", (int)key->uid_len, key->uid, (unsigned)(key->counter + 1));
    if (n < 0 || (size_t)n >= cap || n > EAS_SYNCKEY_MAX) {
        eas_error_set(err, EAS_ERR_LIMIT, 0, "next sync key would exceed %d bytes", EAS_SYNCKEY_MAX);
        return 0;
    }
    return (size_t)n;
}

eas_synckey_relation eas_synckey_relate(const eas_synckey *presented, const eas_synckey *latest)
{
    if (presented->uid_len != latest->uid_len || memcmp(presented->uid, latest->uid, latest->uid_len) != 0) {
        return EAS_SYNCKEY_FOREIGN;
    }
    if (presented->counter == latest->counter) {
        return EAS_SYNCKEY_CURRENT;
    }
    if (latest->counter > 0 && presented->counter == latest->counter - 1) {
        return EAS_SYNCKEY_PREVIOUS;
    }
    return EAS_SYNCKEY_STALE;
}
