/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "eas_msgtext.h"

static const char hex_upper[] = "0123456789ABCDEF";
static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void eas_hex_encode(const unsigned char *in, size_t len, char *out)
{
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = hex_upper[in[i] >> 4];
        out[2 * i + 1] = hex_upper[in[i] & 0x0f];
    }
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

size_t eas_hex_decode(const char *in, size_t len, unsigned char *out)
{
    size_t n = 0;

    for (size_t i = 0; i < len; i += 2) {
        unsigned value = 0;
        size_t end = i + 2 < len ? i + 2 : len;
        for (size_t k = i; k < end; k++) {
            int v = hex_value(in[k]);
            if (v >= 0) {
                value = value * 16 + (unsigned)v;
            }
        }
        out[n++] = (unsigned char)(value & 0xff);
    }
    return n;
}

void eas_base64_init(eas_base64 *b)
{
    b->carry_len = 0;
}

static void encode_group(const unsigned char g[3], char *out)
{
    out[0] = b64[g[0] >> 2];
    out[1] = b64[((g[0] & 0x03) << 4) | (g[1] >> 4)];
    out[2] = b64[((g[1] & 0x0f) << 2) | (g[2] >> 6)];
    out[3] = b64[g[2] & 0x3f];
}

size_t eas_base64_update(eas_base64 *b, const unsigned char *in, size_t len, char *out)
{
    size_t n = 0;
    unsigned char g[3];

    while (b->carry_len > 0 && b->carry_len < 3 && len > 0) {
        if (b->carry_len == 2) {
            g[0] = b->carry[0];
            g[1] = b->carry[1];
            g[2] = *in++;
            len--;
            encode_group(g, out);
            n += 4;
            b->carry_len = 0;
            break;
        }
        b->carry[b->carry_len++] = *in++;
        len--;
    }
    while (len >= 3) {
        encode_group(in, out + n);
        n += 4;
        in += 3;
        len -= 3;
    }
    while (len > 0) {
        b->carry[b->carry_len++] = *in++;
        len--;
    }
    return n;
}

size_t eas_base64_final(eas_base64 *b, char *out)
{
    unsigned char g[3] = {0, 0, 0};

    if (b->carry_len == 0) {
        return 0;
    }
    g[0] = b->carry[0];
    if (b->carry_len == 2) {
        g[1] = b->carry[1];
    }
    encode_group(g, out);
    out[3] = '=';
    if (b->carry_len == 1) {
        out[2] = '=';
    }
    b->carry_len = 0;
    return 4;
}

size_t eas_eol_crlf_chunk(const unsigned char *in, size_t len, unsigned char *out)
{
    size_t n = 0;

    if (len > 0 && in[len - 1] == '\r') {
        len--;
    }
    for (size_t i = 0; i < len; i++) {
        if (in[i] == '\r') {
            if (i + 1 < len && in[i + 1] == '\n') {
                i++;
            }
            out[n++] = '\r';
            out[n++] = '\n';
        } else if (in[i] == '\n') {
            out[n++] = '\r';
            out[n++] = '\n';
        } else {
            out[n++] = in[i];
        }
    }
    return n;
}
