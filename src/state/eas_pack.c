/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "eas_pack.h"

#include <string.h>

#include "eas_crc_table.h"


/* Slicing-by-8: eight bytes per step, endian-independent. */
static uint32_t crc_update(uint32_t c, const unsigned char *p, size_t len)
{
    const uint32_t (*t)[256] = eas_crc_table;

    while (len >= 8) {
        uint32_t lo = c ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
        c = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24] ^
            t[3][p[4]] ^ t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]];
        p += 8;
        len -= 8;
    }
    while (len--) {
        c = t[0][(c ^ *p++) & 0xff] ^ (c >> 8);
    }
    return c;
}

uint32_t eas_crc32(const unsigned char *data, size_t len)
{
    return crc_update(0xffffffffu, data, len) ^ 0xffffffffu;
}

/* Covers version, kind and reserved bytes as well as the payload. */
static uint32_t frame_crc(const unsigned char *frame, size_t payload)
{
    uint32_t c = crc_update(0xffffffffu, frame + 4, 4);
    return crc_update(c, frame + EAS_PACK_HEADER_SIZE, payload) ^ 0xffffffffu;
}

static const unsigned char magic[4] = { 0x89, 'E', 'A', 'S' };

/* ---- writer ---- */

static int put_varint(eas_pack_writer *w, uint64_t v)
{
    unsigned char tmp[10];
    size_t n = 0;

    do {
        unsigned char b = (unsigned char)(v & 0x7f);
        v >>= 7;
        tmp[n++] = (unsigned char)(b | (v ? 0x80 : 0));
    } while (v);
    return eas_buf_append(&w->out, tmp, n);
}

static uint64_t zigzag(int64_t v)
{
    return ((uint64_t)v << 1) ^ (uint64_t)(v < 0 ? -1 : 0);
}

static int64_t unzigzag(uint64_t v)
{
    return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

static int put_tag(eas_pack_writer *w, eas_pack_tag tag)
{
    return eas_buf_putc(&w->out, (unsigned char)tag);
}

int eas_pack_writer_init(eas_pack_writer *w, const eas_allocator *alloc)
{
    static const unsigned char blank[EAS_PACK_HEADER_SIZE] = { 0 };

    memset(w, 0, sizeof(*w));
    eas_buf_init(&w->out, alloc);
    return eas_buf_append(&w->out, blank, sizeof(blank));
}

int eas_pack_put_null(eas_pack_writer *w)
{
    return put_tag(w, EAS_PACK_NULL);
}

int eas_pack_put_bool(eas_pack_writer *w, int value)
{
    return put_tag(w, value ? EAS_PACK_TRUE : EAS_PACK_FALSE);
}

int eas_pack_put_int(eas_pack_writer *w, int64_t value)
{
    return put_tag(w, EAS_PACK_INT) || put_varint(w, zigzag(value)) ? -1 : 0;
}

int eas_pack_put_double(eas_pack_writer *w, double value)
{
    unsigned char b[8];
    uint64_t bits;
    int i;

    memcpy(&bits, &value, sizeof(bits));
    for (i = 0; i < 8; i++) {
        b[i] = (unsigned char)(bits >> (8 * i));
    }
    return put_tag(w, EAS_PACK_DOUBLE) || eas_buf_append(&w->out, b, 8) ? -1 : 0;
}

int eas_pack_put_string(eas_pack_writer *w, const char *s, size_t len)
{
    return put_tag(w, EAS_PACK_STRING) || put_varint(w, len) || eas_buf_append(&w->out, s, len) ? -1 : 0;
}

static uint32_t hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < len; i++) {
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    }
    return h;
}

static int intern_grow(eas_pack_intern *t, const eas_allocator *a)
{
    uint32_t new_cap = t->cap ? t->cap * 2 : 64, i;
    uint32_t new_mask = new_cap * 2 - 1;
    uint32_t *slots = eas_alloc(a, sizeof(uint32_t) * (size_t)(new_mask + 1));
    struct eas_pack_key *entries = eas_realloc(a, t->entries, sizeof(*entries) * new_cap);

    if (!slots || !entries) {
        eas_free(a, slots);
        if (entries) {
            t->entries = entries;
        }
        return -1;
    }
    memset(slots, 0, sizeof(uint32_t) * (size_t)(new_mask + 1));
    for (i = 0; i < t->count; i++) {
        uint32_t j = entries[i].hash & new_mask;
        while (slots[j]) {
            j = (j + 1) & new_mask;
        }
        slots[j] = i + 1;
    }
    eas_free(a, t->slots);
    t->slots = slots;
    t->entries = entries;
    t->mask = new_mask;
    t->cap = new_cap;
    return 0;
}

int eas_pack_put_key(eas_pack_writer *w, const char *s, size_t len)
{
    eas_pack_intern *t = &w->keys;
    uint32_t h = hash_bytes(s, len), j;

    if (t->count == t->cap && intern_grow(t, w->out.alloc) != 0) {
        return -1;
    }
    for (j = h & t->mask; t->slots[j]; j = (j + 1) & t->mask) {
        const struct eas_pack_key *k = &t->entries[t->slots[j] - 1];
        if (k->hash == h && k->len == len && memcmp(w->out.data + k->offset, s, len) == 0) {
            return put_tag(w, EAS_PACK_REF) || put_varint(w, t->slots[j] - 1) ? -1 : 0;
        }
    }
    if (put_tag(w, EAS_PACK_KEY) || put_varint(w, len)) {
        return -1;
    }
    t->entries[t->count].offset = w->out.len;
    t->entries[t->count].len = len;
    t->entries[t->count].hash = h;
    t->slots[j] = ++t->count;
    return eas_buf_append(&w->out, s, len);
}

int eas_pack_begin_map(eas_pack_writer *w, uint64_t count)
{
    return put_tag(w, EAS_PACK_MAP) || put_varint(w, count) ? -1 : 0;
}

int eas_pack_begin_list(eas_pack_writer *w, uint64_t count)
{
    return put_tag(w, EAS_PACK_LIST) || put_varint(w, count) ? -1 : 0;
}

int eas_pack_put_int_list(eas_pack_writer *w, const int64_t *values, size_t count)
{
    int64_t prev = 0;
    size_t i;

    if (put_tag(w, EAS_PACK_INTLIST) || put_varint(w, count)) {
        return -1;
    }
    for (i = 0; i < count; i++) {
        /* Wrapping subtraction: the reader adds back with the same wrap. */
        uint64_t delta = (uint64_t)values[i] - (uint64_t)prev;
        if (put_varint(w, zigzag((int64_t)delta))) {
            return -1;
        }
        prev = values[i];
    }
    return 0;
}

int eas_pack_begin_object(eas_pack_writer *w, const char *cls, size_t len, eas_pack_object_mode mode)
{
    return put_tag(w, EAS_PACK_OBJECT) || eas_pack_put_key(w, cls, len) || eas_buf_putc(&w->out, (unsigned char)mode)
        ? -1 : 0;
}

static void put_u32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int eas_pack_finish(eas_pack_writer *w, unsigned kind)
{
    unsigned char *h = w->out.data;
    size_t payload = w->out.len - EAS_PACK_HEADER_SIZE;

    if (payload > UINT32_MAX) {
        return -1;
    }
    memcpy(h, magic, 4);
    h[4] = EAS_PACK_VERSION;
    h[5] = (unsigned char)kind;
    h[6] = h[7] = 0;
    put_u32(h + 8, (uint32_t)payload);
    put_u32(h + 12, frame_crc(h, payload));
    return 0;
}

void eas_pack_writer_free(eas_pack_writer *w)
{
    const eas_allocator *a = w->out.alloc;

    eas_free(a, w->keys.slots);
    eas_free(a, w->keys.entries);
    eas_buf_free(&w->out);
    memset(&w->keys, 0, sizeof(w->keys));
}

/* ---- reader ---- */

int eas_pack_is_frame(const void *data, size_t len)
{
    return len >= 4 && memcmp(data, magic, 4) == 0;
}

static size_t offset_of(const eas_pack_reader *r)
{
    return (size_t)(r->p - r->start) + EAS_PACK_HEADER_SIZE;
}

int eas_pack_open(eas_pack_reader *r, const void *data, size_t len, const eas_allocator *alloc, eas_error *err)
{
    const unsigned char *h = data;
    uint32_t payload;

    memset(r, 0, sizeof(*r));
    r->alloc = alloc;
    if (!eas_pack_is_frame(data, len)) {
        eas_error_set(err, EAS_ERR_SYNTAX, 0, "not native state data (bad magic)");
        return -1;
    }
    if (len < EAS_PACK_HEADER_SIZE) {
        eas_error_set(err, EAS_ERR_TRUNCATED, len, "state data truncated inside its %d-byte header",
                      EAS_PACK_HEADER_SIZE);
        return -1;
    }
    if (h[4] != EAS_PACK_VERSION) {
        eas_error_set(err, EAS_ERR_UNSUPPORTED, 4, "state format version %u is not supported (this engine reads %d)",
                      h[4], EAS_PACK_VERSION);
        return -1;
    }
    payload = get_u32(h + 8);
    if ((size_t)payload != len - EAS_PACK_HEADER_SIZE) {
        eas_error_set(err, EAS_ERR_TRUNCATED, len, "state data holds %zu payload bytes, its header says %u",
                      len - EAS_PACK_HEADER_SIZE, payload);
        return -1;
    }
    if (frame_crc(h, payload) != get_u32(h + 12)) {
        eas_error_set(err, EAS_ERR_SYNTAX, 12, "state data checksum mismatch (corrupt or tampered)");
        return -1;
    }
    r->kind = h[5];
    r->start = h + EAS_PACK_HEADER_SIZE;
    r->p = r->start;
    r->end = r->start + payload;
    return 0;
}

static int get_varint(eas_pack_reader *r, uint64_t *out, eas_error *err)
{
    uint64_t v = 0;
    unsigned shift = 0;

    for (;;) {
        unsigned char b;
        if (r->p == r->end) {
            eas_error_set(err, EAS_ERR_TRUNCATED, offset_of(r), "state data ends inside a number");
            return -1;
        }
        b = *r->p++;
        if (shift == 63 && (b & 0x7e)) {
            eas_error_set(err, EAS_ERR_SYNTAX, offset_of(r) - 1, "number in state data overflows 64 bits");
            return -1;
        }
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            break;
        }
        shift += 7;
        if (shift > 63) {
            eas_error_set(err, EAS_ERR_SYNTAX, offset_of(r), "number in state data is too long");
            return -1;
        }
    }
    *out = v;
    return 0;
}

static int get_bytes(eas_pack_reader *r, const char **s, size_t *len, eas_error *err)
{
    uint64_t n;

    if (get_varint(r, &n, err)) {
        return -1;
    }
    if (n > (uint64_t)(r->end - r->p)) {
        eas_error_set(err, EAS_ERR_TRUNCATED, offset_of(r), "string of %llu bytes runs past the end of state data",
                      (unsigned long long)n);
        return -1;
    }
    *s = (const char *)r->p;
    *len = (size_t)n;
    r->p += n;
    return 0;
}

static int get_key(eas_pack_reader *r, unsigned char tag, const char **s, size_t *len, size_t *index,
                   eas_error *err)
{
    uint64_t idx;

    if (tag == EAS_PACK_KEY) {
        if (get_bytes(r, s, len, err)) {
            return -1;
        }
        if (r->nkeys == r->keys_cap) {
            size_t cap = r->keys_cap ? r->keys_cap * 2 : 32;
            struct eas_pack_span *k = eas_realloc(r->alloc, r->keys, cap * sizeof(*k));
            if (!k) {
                eas_error_set(err, EAS_ERR_NOMEM, offset_of(r), "out of memory reading state data");
                return -1;
            }
            r->keys = k;
            r->keys_cap = cap;
        }
        r->keys[r->nkeys].s = *s;
        r->keys[r->nkeys].len = *len;
        *index = r->nkeys++;
        return 0;
    }
    if (get_varint(r, &idx, err)) {
        return -1;
    }
    if (idx >= r->nkeys) {
        eas_error_set(err, EAS_ERR_SYNTAX, offset_of(r), "reference to string #%llu, only %zu defined",
                      (unsigned long long)idx, r->nkeys);
        return -1;
    }
    *s = r->keys[idx].s;
    *len = r->keys[idx].len;
    *index = (size_t)idx;
    return 0;
}

static int get_count(eas_pack_reader *r, uint64_t per_item, uint64_t *count, eas_error *err)
{
    if (get_varint(r, count, err)) {
        return -1;
    }
    /* Every element takes at least per_item bytes: bounds work and memory. */
    if (*count > (uint64_t)(r->end - r->p) / per_item) {
        eas_error_set(err, EAS_ERR_TRUNCATED, offset_of(r), "container of %llu elements cannot fit the %zu bytes left",
                      (unsigned long long)*count, (size_t)(r->end - r->p));
        return -1;
    }
    return 0;
}

int eas_pack_read(eas_pack_reader *r, eas_pack_value *v, eas_error *err)
{
    unsigned char tag;
    uint64_t u;

    if (r->p == r->end) {
        eas_error_set(err, EAS_ERR_TRUNCATED, offset_of(r), "state data ends where a value was expected");
        return -1;
    }
    tag = *r->p++;
    memset(v, 0, sizeof(*v));
    v->type = (eas_pack_tag)tag;
    v->key_index = EAS_PACK_NO_KEY;
    switch (tag) {
    case EAS_PACK_NULL:
    case EAS_PACK_FALSE:
    case EAS_PACK_TRUE:
        return 0;
    case EAS_PACK_INT:
        if (get_varint(r, &u, err)) {
            return -1;
        }
        v->i = unzigzag(u);
        return 0;
    case EAS_PACK_DOUBLE: {
        uint64_t bits = 0;
        int i;
        if (r->end - r->p < 8) {
            eas_error_set(err, EAS_ERR_TRUNCATED, offset_of(r), "state data ends inside a float");
            return -1;
        }
        for (i = 0; i < 8; i++) {
            bits |= (uint64_t)r->p[i] << (8 * i);
        }
        r->p += 8;
        memcpy(&v->d, &bits, sizeof(bits));
        return 0;
    }
    case EAS_PACK_STRING:
        return get_bytes(r, &v->s, &v->len, err);
    case EAS_PACK_KEY:
    case EAS_PACK_REF:
        v->type = EAS_PACK_STRING;
        return get_key(r, tag, &v->s, &v->len, &v->key_index, err);
    case EAS_PACK_MAP:
        return get_count(r, 2, &v->count, err);
    case EAS_PACK_LIST:
    case EAS_PACK_INTLIST:
        r->list_prev = 0;
        return get_count(r, 1, &v->count, err);
    case EAS_PACK_OBJECT:
        if (r->p == r->end || (*r->p != EAS_PACK_KEY && *r->p != EAS_PACK_REF)) {
            eas_error_set(err, EAS_ERR_SYNTAX, offset_of(r), "object without a class name in state data");
            return -1;
        }
        tag = *r->p++;
        if (get_key(r, tag, &v->s, &v->len, &v->key_index, err)) {
            return -1;
        }
        if (r->p == r->end || *r->p > EAS_PACK_OBJECT_SERIALIZABLE) {
            eas_error_set(err, EAS_ERR_SYNTAX, offset_of(r), "object of class %.*s has no valid mode",
                          (int)(v->len > 64 ? 64 : v->len), v->s);
            return -1;
        }
        v->mode = (eas_pack_object_mode)*r->p++;
        return 0;
    default:
        eas_error_set(err, EAS_ERR_SYNTAX, offset_of(r) - 1, "unknown tag 0x%02x in state data", tag);
        return -1;
    }
}

int eas_pack_read_list_int(eas_pack_reader *r, int64_t *value, eas_error *err)
{
    uint64_t u;

    if (get_varint(r, &u, err)) {
        return -1;
    }
    r->list_prev = (int64_t)((uint64_t)r->list_prev + (uint64_t)unzigzag(u));
    *value = r->list_prev;
    return 0;
}

int eas_pack_close(eas_pack_reader *r, eas_error *err)
{
    if (r->p != r->end) {
        eas_error_set(err, EAS_ERR_SYNTAX, offset_of(r), "%zu stray bytes after the state value",
                      (size_t)(r->end - r->p));
        return -1;
    }
    return 0;
}

void eas_pack_reader_free(eas_pack_reader *r)
{
    if (r->alloc) {
        eas_free(r->alloc, r->keys);
    }
    r->keys = NULL;
    r->nkeys = r->keys_cap = 0;
}

static int skip_value(eas_pack_reader *r, unsigned depth, eas_error *err)
{
    eas_pack_value v;
    uint64_t i;
    int64_t ignored;

    if (depth > EAS_PACK_MAX_DEPTH) {
        eas_error_set(err, EAS_ERR_LIMIT, offset_of(r), "state data nests deeper than %d", EAS_PACK_MAX_DEPTH);
        return -1;
    }
    if (eas_pack_read(r, &v, err)) {
        return -1;
    }
    switch (v.type) {
    case EAS_PACK_MAP:
        for (i = 0; i < v.count; i++) {
            eas_pack_value key;
            if (eas_pack_read(r, &key, err)) {
                return -1;
            }
            if (key.type != EAS_PACK_INT && key.type != EAS_PACK_STRING) {
                eas_error_set(err, EAS_ERR_SYNTAX, offset_of(r), "map key is neither integer nor string");
                return -1;
            }
            if (skip_value(r, depth + 1, err)) {
                return -1;
            }
        }
        return 0;
    case EAS_PACK_LIST:
        for (i = 0; i < v.count; i++) {
            if (skip_value(r, depth + 1, err)) {
                return -1;
            }
        }
        return 0;
    case EAS_PACK_INTLIST:
        for (i = 0; i < v.count; i++) {
            if (eas_pack_read_list_int(r, &ignored, err)) {
                return -1;
            }
        }
        return 0;
    case EAS_PACK_OBJECT:
        return skip_value(r, depth + 1, err);
    default:
        return 0;
    }
}

int eas_pack_validate(const void *data, size_t len, const eas_allocator *alloc, eas_error *err)
{
    eas_pack_reader r;
    int rc;

    if (eas_pack_open(&r, data, len, alloc, err)) {
        return -1;
    }
    rc = skip_value(&r, 0, err) || eas_pack_close(&r, err) ? -1 : 0;
    eas_pack_reader_free(&r);
    return rc;
}
