/*
 * libFuzzer target for the MS-ASHTTP query parser.
 *
 * The first byte picks how the rest is presented: as the query value
 * itself, or base64-encoded first so that the fuzzer reaches the fields of
 * the binary form directly. A parsed query must hold only what the parser
 * promises: values inside its buffer (or constants), device ids in the
 * strict alphabet, commands in letters.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/http/eas_query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t to_base64(const uint8_t *in, size_t len, char *out)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i, n = 0;

    for (i = 0; i + 2 < len; i += 3) {
        out[n++] = alphabet[in[i] >> 2];
        out[n++] = alphabet[(in[i] & 3) << 4 | in[i + 1] >> 4];
        out[n++] = alphabet[(in[i + 1] & 15) << 2 | in[i + 2] >> 6];
        out[n++] = alphabet[in[i + 2] & 63];
    }
    if (len - i == 1) {
        out[n++] = alphabet[in[i] >> 2];
        out[n++] = alphabet[(in[i] & 3) << 4];
    } else if (len - i == 2) {
        out[n++] = alphabet[in[i] >> 2];
        out[n++] = alphabet[(in[i] & 3) << 4 | in[i + 1] >> 4];
        out[n++] = alphabet[(in[i + 1] & 15) << 2];
    }
    return n;
}

static void check(const eas_query *q)
{
    size_t i, j;

    for (i = 0; i < q->count; i++) {
        const eas_query_pair *p = &q->pairs[i];
        int in_buf = p->value >= q->buf && p->value + p->value_len <= q->buf + sizeof(q->buf);
        if (!in_buf && !p->is_bool && p->value_len && strlen(p->value) != p->value_len) {
            abort();
        }
        if (p->name_len == 8 && memcmp(p->name, "DeviceId", 8) == 0) {
            if (p->value_len == 0 || p->value_len > EAS_QUERY_MAX_DEVICE_ID || p->value[0] == '.') {
                abort();
            }
            for (j = 0; j < p->value_len; j++) {
                char c = p->value[j];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.')) {
                    abort();
                }
            }
        }
        if (p->name_len == 3 && memcmp(p->name, "Cmd", 3) == 0) {
            for (j = 0; j < p->value_len; j++) {
                char c = p->value[j];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                    abort();
                }
            }
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static eas_query q;
    static char encoded[EAS_QUERY_MAX_INPUT * 2];
    eas_error err;
    size_t len;

    if (size == 0) {
        return 0;
    }
    memset(&err, 0, sizeof(err));
    if (data[0] & 1) {
        size_t raw = size - 1 > EAS_QUERY_MAX_INPUT ? EAS_QUERY_MAX_INPUT : size - 1;
        len = to_base64(data + 1, raw, encoded);
        if (eas_query_parse(&q, encoded, len, &err) == 0) {
            check(&q);
        } else if (err.code == EAS_OK) {
            abort();
        }
    } else if (eas_query_parse(&q, (const char *)data + 1, size - 1, &err) == 0) {
        check(&q);
    } else if (err.code == EAS_OK) {
        abort();
    }
    return 0;
}
