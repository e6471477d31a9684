/*
 * MS-ASHTTP query values, plain and base64-encoded. See eas_query.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "eas_query.h"

#include <string.h>

#include "../common/eas_utf8.h"

/* MS-ASHTTP 2.2.1.1.1.1.2; codes 5-8 (the EAS 1.0 collection commands)
 * are not valid in the base64 form, which starts with protocol 12.1. */
static const char *const command_names[] = {
    "Sync", "SendMail", "SmartForward", "SmartReply", "GetAttachment",
    NULL, NULL, NULL, NULL,
    "FolderSync", "FolderCreate", "FolderDelete", "FolderUpdate", "MoveItems",
    "GetItemEstimate", "MeetingResponse", "Search", "Settings", "Ping",
    "ItemOperations", "Provision", "ResolveRecipients", "ValidateCert", "Find",
};

/* Command parameter tags (MS-ASHTTP 2.2.1.1.1.1.3). Tag 2 (CollectionName)
 * and tag 5 (ParentId) come from older revisions; Horde reads tag 5. */
static const char *const param_names[] = {
    "AttachmentName", "CollectionId", NULL, "ItemId", "LongId", "ParentId", "Occurrence", NULL, "User",
};

const char *eas_query_command_name(unsigned code)
{
    return code < sizeof(command_names) / sizeof(command_names[0]) ? command_names[code] : NULL;
}

/* --- output buffer -------------------------------------------------------- */

static char *reserve(eas_query *q, size_t n)
{
    char *p;

    if (n > sizeof(q->buf) - q->used) {
        return NULL;
    }
    p = q->buf + q->used;
    q->used += n;
    return p;
}

static int add_pair(eas_query *q, const char *name, size_t name_len, const char *value, size_t value_len,
                    int is_bool, eas_error *err)
{
    eas_query_pair *p;

    if (q->count == EAS_QUERY_MAX_PAIRS) {
        eas_error_set(err, EAS_ERR_LIMIT, 0, "more than %d query parameters", EAS_QUERY_MAX_PAIRS);
        return -1;
    }
    p = &q->pairs[q->count++];
    p->name = name;
    p->name_len = name_len;
    p->value = value;
    p->value_len = value_len;
    p->is_bool = is_bool;
    return 0;
}

static int add_number(eas_query *q, const char *name, unsigned long value, eas_error *err)
{
    char digits[24];
    size_t n = 0, i;
    char *out;

    do {
        digits[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    if (!(out = reserve(q, n))) {
        eas_error_set(err, EAS_ERR_LIMIT, 0, "query too long");
        return -1;
    }
    for (i = 0; i < n; i++) {
        out[i] = digits[n - 1 - i];
    }
    return add_pair(q, name, strlen(name), out, n, 0, err);
}

/* --- validation ----------------------------------------------------------- */

static int is_alpha(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_alnum(unsigned char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

static int name_is(const char *name, size_t len, const char *expected)
{
    return strlen(expected) == len && memcmp(name, expected, len) == 0;
}

/*
 * Checks a value by what its name means to the server: the command and
 * device id end up in class names, file names (per-device logs) and
 * database keys, so they get a strict alphabet; free text must be UTF-8
 * without control characters.
 */
static int check_value(const char *name, size_t name_len, const unsigned char *v, size_t len, uint64_t offset,
                       eas_error *err)
{
    size_t i;

    if (name_is(name, name_len, "Cmd")) {
        if (len == 0 || len > EAS_QUERY_MAX_COMMAND) {
            eas_error_set(err, EAS_ERR_SYNTAX, offset, "Cmd must be 1 to %d letters", EAS_QUERY_MAX_COMMAND);
            return -1;
        }
        for (i = 0; i < len; i++) {
            if (!is_alpha(v[i])) {
                eas_error_set(err, EAS_ERR_SYNTAX, offset, "Cmd may only hold letters");
                return -1;
            }
        }
        return 0;
    }
    if (name_is(name, name_len, "DeviceId")) {
        if (len == 0 || len > EAS_QUERY_MAX_DEVICE_ID) {
            eas_error_set(err, EAS_ERR_SYNTAX, offset, "DeviceId must be 1 to %d characters",
                          EAS_QUERY_MAX_DEVICE_ID);
            return -1;
        }
        for (i = 0; i < len; i++) {
            if (!is_alnum(v[i]) && v[i] != '-' && v[i] != '_' && (v[i] != '.' || i == 0)) {
                eas_error_set(err, EAS_ERR_SYNTAX, offset + i, "DeviceId may only hold letters, digits, '-', '_' and '.'");
                return -1;
            }
        }
        return 0;
    }
    if (name_is(name, name_len, "DeviceType")) {
        if (len > EAS_QUERY_MAX_DEVICE_TYPE) {
            eas_error_set(err, EAS_ERR_SYNTAX, offset, "DeviceType longer than %d characters",
                          EAS_QUERY_MAX_DEVICE_TYPE);
            return -1;
        }
        for (i = 0; i < len; i++) {
            if (v[i] < 0x20 || v[i] > 0x7e) {
                eas_error_set(err, EAS_ERR_SYNTAX, offset + i, "DeviceType may only hold printable ASCII");
                return -1;
            }
        }
        return 0;
    }
    if (eas_utf8_valid_prefix(v, len) != len) {
        eas_error_set(err, EAS_ERR_ENCODING, offset, "%.*s is not valid UTF-8", (int)name_len, name);
        return -1;
    }
    for (i = 0; i < len; i++) {
        if (v[i] < 0x20 || v[i] == 0x7f) {
            eas_error_set(err, EAS_ERR_SYNTAX, offset + i, "control character in %.*s", (int)name_len, name);
            return -1;
        }
    }
    return 0;
}

/* --- plain text ----------------------------------------------------------- */

static int hex_value(unsigned char c)
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

/* Percent-decodes s[0..len) into the buffer ('+' is a space, as in PHP). */
static char *percent_decode(eas_query *q, const char *s, size_t len, int plus_is_space, size_t *out_len,
                            uint64_t offset, eas_error *err)
{
    char *out = reserve(q, len);
    size_t i, n = 0;

    if (!out) {
        eas_error_set(err, EAS_ERR_LIMIT, offset, "query too long");
        return NULL;
    }
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            int hi, lo;
            if (i + 2 >= len) {
                eas_error_set(err, EAS_ERR_SYNTAX, offset + i, "truncated percent escape");
                return NULL;
            }
            hi = hex_value((unsigned char)s[i + 1]);
            lo = hex_value((unsigned char)s[i + 2]);
            if (hi < 0 || lo < 0) {
                eas_error_set(err, EAS_ERR_SYNTAX, offset + i, "invalid percent escape");
                return NULL;
            }
            out[n++] = (char)(hi << 4 | lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out[n++] = ' ';
        } else {
            out[n++] = (char)c;
        }
    }
    /* Give back what escapes saved. */
    q->used -= len - n;
    *out_len = n;
    return out;
}

static int parse_plain(eas_query *q, const char *s, size_t len, eas_error *err)
{
    size_t pos = 0;

    q->form = EAS_QUERY_PLAIN;
    while (pos < len) {
        size_t end = pos, eq, name_len, value_len;
        const char *name, *value;
        size_t i;

        while (end < len && s[end] != '&') {
            end++;
        }
        if (end == pos) { /* "a=1&&b=2": empty segments carry nothing */
            pos++;
            continue;
        }
        for (eq = pos; eq < end && s[eq] != '='; eq++) {
        }
        if (eq == pos) {
            eas_error_set(err, EAS_ERR_SYNTAX, pos, "query parameter without a name");
            return -1;
        }
        for (i = pos; i < eq; i++) {
            unsigned char c = (unsigned char)s[i];
            if (!is_alnum(c) && c != '_') {
                eas_error_set(err, EAS_ERR_SYNTAX, i, "invalid character in a query parameter name");
                return -1;
            }
        }
        name = s + pos;
        name_len = eq - pos;
        if (eq == end) {
            value = "";
            value_len = 0;
        } else if (!(value = percent_decode(q, s + eq + 1, end - eq - 1, 1, &value_len, eq + 1, err))) {
            return -1;
        }
        if (check_value(name, name_len, (const unsigned char *)value, value_len, eq + 1, err) != 0 ||
            add_pair(q, name, name_len, value, value_len, 0, err) != 0) {
            return -1;
        }
        pos = end + 1;
    }
    return 0;
}

/* --- base64 --------------------------------------------------------------- */

static int b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '+' || c == '-') {
        return 62;
    }
    if (c == '/' || c == '_') {
        return 63;
    }
    return -1;
}

/* Decodes standard or URL-safe base64, padding optional, in place. */
static int b64_decode(unsigned char *data, size_t len, size_t *out_len, eas_error *err)
{
    size_t i, n = 0, pad = 0;
    uint32_t acc = 0;
    int bits = 0;

    while (pad < len && pad < 2 && data[len - 1 - pad] == '=') {
        pad++;
    }
    len -= pad;
    if (pad && (len + pad) % 4 != 0) {
        eas_error_set(err, EAS_ERR_SYNTAX, len, "misplaced base64 padding");
        return -1;
    }
    if (len % 4 == 1) {
        eas_error_set(err, EAS_ERR_TRUNCATED, len, "base64 query value of impossible length");
        return -1;
    }
    for (i = 0; i < len; i++) {
        int v = b64_value(data[i]);
        if (v < 0) {
            eas_error_set(err, EAS_ERR_SYNTAX, i, "invalid character in the base64 query value");
            return -1;
        }
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            data[n++] = (unsigned char)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    *out_len = n;
    return 0;
}

typedef struct {
    const unsigned char *p;
    size_t len;
    size_t pos;
} reader;

static int take(reader *r, size_t n, const unsigned char **out, const char *what, eas_error *err)
{
    if (n > r->len - r->pos) {
        eas_error_set(err, EAS_ERR_TRUNCATED, r->pos, "base64 query value ends inside the %s", what);
        return -1;
    }
    *out = r->p + r->pos;
    r->pos += n;
    return 0;
}

static int take_byte(reader *r, unsigned *out, const char *what, eas_error *err)
{
    const unsigned char *b;

    if (take(r, 1, &b, what, err) != 0) {
        return -1;
    }
    *out = *b;
    return 0;
}

static int add_text(eas_query *q, const char *name, const unsigned char *v, size_t len, uint64_t offset,
                    eas_error *err)
{
    size_t name_len = strlen(name);

    if (check_value(name, name_len, v, len, offset, err) != 0) {
        return -1;
    }
    return add_pair(q, name, name_len, (const char *)v, len, 0, err);
}

static int parse_base64(eas_query *q, const char *s, size_t len, eas_error *err)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char *raw;
    size_t raw_len, i;
    reader r;
    unsigned version, command, n;
    const unsigned char *b;
    const char *cmd;
    char *text;

    q->form = EAS_QUERY_BASE64;
    /* Some clients percent-encode '+', '/' and '='. */
    if (!(raw = (unsigned char *)percent_decode(q, s, len, 0, &raw_len, 0, err)) ||
        b64_decode(raw, raw_len, &raw_len, err) != 0) {
        return -1;
    }
    q->used = (size_t)((char *)raw - q->buf) + raw_len;
    r.p = raw;
    r.len = raw_len;
    r.pos = 0;

    if (take_byte(&r, &version, "protocol version", err) != 0 || take_byte(&r, &command, "command code", err) != 0 ||
        take(&r, 2, &b, "locale", err) != 0) {
        return -1;
    }
    if (version < 10) {
        eas_error_set(err, EAS_ERR_SYNTAX, 0, "protocol version %u is not a version", version);
        return -1;
    }
    if (!(text = reserve(q, 8))) {
        eas_error_set(err, EAS_ERR_LIMIT, 0, "query too long");
        return -1;
    }
    n = 0;
    if (version >= 100) {
        text[n++] = (char)('0' + version / 100);
    }
    text[n++] = (char)('0' + version / 10 % 10);
    text[n++] = '.';
    text[n++] = (char)('0' + version % 10);
    if (add_pair(q, "ProtVer", 7, text, n, 0, err) != 0) {
        return -1;
    }
    if (!(cmd = eas_query_command_name(command))) {
        eas_error_set(err, EAS_ERR_SYNTAX, 1, "unknown command code %u", command);
        return -1;
    }
    if (add_pair(q, "Cmd", 3, cmd, strlen(cmd), 0, err) != 0 ||
        add_number(q, "Locale", (unsigned long)b[0] | (unsigned long)b[1] << 8, err) != 0) {
        return -1;
    }

    /* Device id: any bytes (a string or a GUID); Horde keys devices by the
     * hex form, which the strict DeviceId alphabet then always accepts. */
    if (take_byte(&r, &n, "device id length", err) != 0) {
        return -1;
    }
    if (n == 0) {
        eas_error_set(err, EAS_ERR_SYNTAX, r.pos - 1, "empty device id");
        return -1;
    }
    if (2 * (size_t)n > EAS_QUERY_MAX_DEVICE_ID) {
        eas_error_set(err, EAS_ERR_SYNTAX, r.pos - 1, "device id of %u bytes is too long", n);
        return -1;
    }
    if (take(&r, n, &b, "device id", err) != 0) {
        return -1;
    }
    if (!(text = reserve(q, 2 * (size_t)n))) {
        eas_error_set(err, EAS_ERR_LIMIT, 0, "query too long");
        return -1;
    }
    for (i = 0; i < n; i++) {
        text[2 * i] = hex[b[i] >> 4];
        text[2 * i + 1] = hex[b[i] & 15];
    }
    if (add_pair(q, "DeviceId", 8, text, 2 * (size_t)n, 0, err) != 0) {
        return -1;
    }

    if (take_byte(&r, &n, "policy key length", err) != 0) {
        return -1;
    }
    if (n != 0 && n != 4) {
        eas_error_set(err, EAS_ERR_SYNTAX, r.pos - 1, "policy key length %u (must be 0 or 4)", n);
        return -1;
    }
    if (n == 4) {
        if (take(&r, 4, &b, "policy key", err) != 0 ||
            add_number(q, "PolicyKey",
                       (unsigned long)b[0] | (unsigned long)b[1] << 8 | (unsigned long)b[2] << 16 |
                           (unsigned long)b[3] << 24,
                       err) != 0) {
            return -1;
        }
    }

    if (take_byte(&r, &n, "device type length", err) != 0 || take(&r, n, &b, "device type", err) != 0) {
        return -1;
    }
    if (n > 0 && add_text(q, "DeviceType", b, n, r.pos - n, err) != 0) {
        return -1;
    }

    while (r.pos < r.len) {
        unsigned tag;
        if (take_byte(&r, &tag, "parameter tag", err) != 0 || take_byte(&r, &n, "parameter length", err) != 0 ||
            take(&r, n, &b, "parameter value", err) != 0) {
            return -1;
        }
        if (tag == 7) {
            if (n != 1) {
                eas_error_set(err, EAS_ERR_SYNTAX, r.pos - n - 1, "Options parameter of %u bytes (must be 1)", n);
                return -1;
            }
            if (add_pair(q, "SaveInSent", 10, (b[0] & EAS_QUERY_OPTION_SAVE_IN_SENT) ? "1" : "",
                         (b[0] & EAS_QUERY_OPTION_SAVE_IN_SENT) ? 1 : 0, 1, err) != 0 ||
                add_pair(q, "AcceptMultiPart", 15, (b[0] & EAS_QUERY_OPTION_ACCEPT_MULTIPART) ? "1" : "",
                         (b[0] & EAS_QUERY_OPTION_ACCEPT_MULTIPART) ? 1 : 0, 1, err) != 0) {
                return -1;
            }
            continue;
        }
        /* Unknown tags and empty values are skipped, as Horde skips them. */
        if (n == 0 || tag >= sizeof(param_names) / sizeof(param_names[0]) || !param_names[tag]) {
            continue;
        }
        if (add_text(q, param_names[tag], b, n, r.pos - n, err) != 0) {
            return -1;
        }
    }
    return 0;
}

/* --- entry points --------------------------------------------------------- */

/* Plain text names a parameter: a '&', or a '=' with something after it
 * that is not more padding ("xyz==" is base64). */
static int looks_plain(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        if (s[i] == '&') {
            return 1;
        }
        if (s[i] == '=') {
            size_t j = i;
            while (j < len && s[j] == '=') {
                j++;
            }
            if (j < len) {
                return 1;
            }
            return i == 0;
        }
    }
    return 0;
}

int eas_query_parse(eas_query *q, const char *query, size_t len, eas_error *err)
{
    q->form = EAS_QUERY_EMPTY;
    q->count = 0;
    q->used = 0;
    if (len > EAS_QUERY_MAX_INPUT) {
        eas_error_set(err, EAS_ERR_LIMIT, EAS_QUERY_MAX_INPUT, "query of %lu bytes exceeds the limit of %d",
                      (unsigned long)len, EAS_QUERY_MAX_INPUT);
        return -1;
    }
    if (len == 0) {
        return 0;
    }
    if (looks_plain(query, len)) {
        return parse_plain(q, query, len, err);
    }
    return parse_base64(q, query, len, err);
}

const eas_query_pair *eas_query_get(const eas_query *q, const char *name)
{
    size_t i = q->count;

    while (i-- > 0) {
        if (name_is(q->pairs[i].name, q->pairs[i].name_len, name)) {
            return &q->pairs[i];
        }
    }
    return NULL;
}
