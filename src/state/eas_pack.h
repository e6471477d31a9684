/*
 * The native state format: a compact, versioned, checksummed binary encoding
 * of the values PHP keeps as sync state (scalars, arrays, objects by class).
 *
 * Frame (16 bytes, little-endian) then one value:
 *   0x89 'E' 'A' 'S'  magic; the first byte is never the first byte of PHP's
 *                     serialize() output, so both formats share a column
 *   u8 version (1), u8 kind (caller-defined), u16 reserved (0)
 *   u32 payload length, u32 CRC-32 (IEEE) of bytes 4-7 and the payload
 *
 * Values start with a tag byte. Integers are zigzag LEB128; strings are a
 * LEB128 length and bytes. Map keys and class names are interned: the first
 * occurrence is written as KEY (and numbered in order), repeats as REF n.
 * A list of integers is written delta-coded (INTLIST): UID lists of a
 * 100,000-message folder take one or two bytes per message.
 *
 * The reader trusts nothing: the checksum, every length and every element
 * count is checked against the bytes that remain, so truncated, tampered or
 * foreign data is reported, never read past.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_PACK_H
#define EAS_PACK_H

#include <stddef.h>
#include <stdint.h>

#include "../common/eas_alloc.h"
#include "../common/eas_buf.h"
#include "../common/eas_error.h"

#define EAS_PACK_VERSION 1
#define EAS_PACK_HEADER_SIZE 16
#define EAS_PACK_MAX_DEPTH 128

typedef enum {
    EAS_PACK_NULL = 0x00,
    EAS_PACK_FALSE = 0x01,
    EAS_PACK_TRUE = 0x02,
    EAS_PACK_INT = 0x03,
    EAS_PACK_DOUBLE = 0x04,
    EAS_PACK_STRING = 0x05,
    EAS_PACK_MAP = 0x06,     /* count, then count (key, value) pairs; keys are INT or strings */
    EAS_PACK_LIST = 0x07,    /* count, then count values keyed 0..count-1 */
    EAS_PACK_INTLIST = 0x08, /* count, then count zigzag deltas */
    EAS_PACK_OBJECT = 0x09,  /* class name (KEY or REF), mode byte, then one value */
    EAS_PACK_KEY = 0x0a,     /* a string that is numbered for later REFs */
    EAS_PACK_REF = 0x0b      /* index of an earlier KEY */
} eas_pack_tag;

/* How an object's contents were captured. */
typedef enum {
    EAS_PACK_OBJECT_PROPERTIES = 0, /* a MAP of (mangled) property names */
    EAS_PACK_OBJECT_SERIALIZE = 1,  /* the array __serialize() returned */
    EAS_PACK_OBJECT_SERIALIZABLE = 2 /* the STRING Serializable::serialize() returned */
} eas_pack_object_mode;

typedef struct eas_pack_intern {
    uint32_t *slots;   /* 0 = empty, else 1 + index into entries */
    uint32_t mask;
    struct eas_pack_key { size_t offset; size_t len; uint32_t hash; } *entries;
    uint32_t count;
    uint32_t cap;
} eas_pack_intern;

typedef struct eas_pack_writer {
    eas_buf out;
    eas_pack_intern keys;
    int failed;
} eas_pack_writer;

/* All writer calls return 0, or -1 when out of memory (then only free is useful). */
int eas_pack_writer_init(eas_pack_writer *w, const eas_allocator *alloc);
int eas_pack_put_null(eas_pack_writer *w);
int eas_pack_put_bool(eas_pack_writer *w, int value);
int eas_pack_put_int(eas_pack_writer *w, int64_t value);
int eas_pack_put_double(eas_pack_writer *w, double value);
int eas_pack_put_string(eas_pack_writer *w, const char *s, size_t len);
/* A map key or any short string likely to repeat: interned. */
int eas_pack_put_key(eas_pack_writer *w, const char *s, size_t len);
int eas_pack_begin_map(eas_pack_writer *w, uint64_t count);
int eas_pack_begin_list(eas_pack_writer *w, uint64_t count);
int eas_pack_put_int_list(eas_pack_writer *w, const int64_t *values, size_t count);
/* Followed by exactly one value: the contents in the given mode. */
int eas_pack_begin_object(eas_pack_writer *w, const char *cls, size_t len, eas_pack_object_mode mode);
/* Writes the frame header; the frame is w->out.data / w->out.len afterwards. */
int eas_pack_finish(eas_pack_writer *w, unsigned kind);
void eas_pack_writer_free(eas_pack_writer *w);

typedef struct eas_pack_value {
    eas_pack_tag type;        /* KEY and REF are reported as STRING */
    int64_t i;
    double d;
    const char *s;            /* STRING, and OBJECT's class name */
    size_t len;
    uint64_t count;           /* MAP, LIST, INTLIST */
    eas_pack_object_mode mode;
    /* For interned strings (KEY, REF, class names): their number, so a
     * reader can build each one once; EAS_PACK_NO_KEY otherwise. */
    size_t key_index;
} eas_pack_value;

#define EAS_PACK_NO_KEY ((size_t)-1)

typedef struct eas_pack_reader {
    const unsigned char *p;
    const unsigned char *start;
    const unsigned char *end;
    const eas_allocator *alloc;
    struct eas_pack_span { const char *s; size_t len; } *keys;
    size_t nkeys;
    size_t keys_cap;
    int64_t list_prev;        /* running value while reading an INTLIST */
    unsigned kind;
} eas_pack_reader;

/* 1 if data starts with the frame magic (it may still be corrupt). */
int eas_pack_is_frame(const void *data, size_t len);

/* Checks the header, length and checksum; 0 or -1 with err set. */
int eas_pack_open(eas_pack_reader *r, const void *data, size_t len, const eas_allocator *alloc, eas_error *err);
/* Reads the next value's head (a container's count, not its elements). */
int eas_pack_read(eas_pack_reader *r, eas_pack_value *v, eas_error *err);
/* Reads the next element of an INTLIST (call count times after reading its head). */
int eas_pack_read_list_int(eas_pack_reader *r, int64_t *value, eas_error *err);
/* 0 when every payload byte was consumed, else -1 with err set. */
int eas_pack_close(eas_pack_reader *r, eas_error *err);
void eas_pack_reader_free(eas_pack_reader *r);

/* Walks a whole frame without building anything: structure, depth, counts. */
int eas_pack_validate(const void *data, size_t len, const eas_allocator *alloc, eas_error *err);

uint32_t eas_crc32(const unsigned char *data, size_t len);

#endif
