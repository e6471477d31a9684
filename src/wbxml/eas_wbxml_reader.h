/*
 * Streaming pull decoder for EAS WBXML.
 *
 * The reader pulls input from an eas_source in large buffered chunks and
 * hands out one token per call. Text and small opaque data point into the
 * reader's buffer (no copy) and stay valid until the next call; large opaque
 * data is handed over piecewise so callers can place it in its final home
 * with a single copy.
 *
 * Everything EAS does not use is rejected with a precise error (attribute
 * flag, LITERAL tags, STR_T string-table references); global extension tokens
 * and processing instructions are skipped, as Horde does. Errors are sticky.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_WBXML_READER_H
#define EAS_WBXML_READER_H

#include "eas_wbxml.h"

typedef struct eas_wbxml_limits {
    size_t max_string;     /* one STR_I string or the string table, bytes */
    size_t max_opaque;     /* one OPAQUE block, bytes */
    unsigned max_depth;    /* open elements */
    size_t buffer_size;    /* input buffer, bytes */
} eas_wbxml_limits;

#define EAS_WBXML_DEFAULT_MAX_STRING  ((size_t)16 << 20)
#define EAS_WBXML_DEFAULT_MAX_OPAQUE  ((size_t)256 << 20)
#define EAS_WBXML_DEFAULT_MAX_DEPTH   256u
#define EAS_WBXML_DEFAULT_BUFFER      ((size_t)64 << 10)

void eas_wbxml_limits_default(eas_wbxml_limits *limits);

typedef enum {
    EAS_WBXML_TOK_ERROR = -1,
    EAS_WBXML_TOK_EOF = 0,
    EAS_WBXML_TOK_START,
    EAS_WBXML_TOK_END,
    EAS_WBXML_TOK_TEXT,    /* STR_I or ENTITY */
    EAS_WBXML_TOK_OPAQUE
} eas_wbxml_token_kind;

typedef struct eas_wbxml_token {
    eas_wbxml_token_kind kind;
    /* START: the tag. END: the element it closes; NULL for an END that
     * closes an element opened before a fragment began. */
    const eas_tag *tag;
    int has_content;          /* START: content flag set */
    const unsigned char *data;
    size_t len;               /* TEXT, OPAQUE: total length */
    /* OPAQUE larger than the inline limit: data is NULL and the bytes are
     * read with eas_wbxml_reader_read_opaque(). Unread bytes are skipped by
     * the next eas_wbxml_reader_next(). */
    int streamed;
    uint64_t offset;          /* byte offset of the token in the input */
} eas_wbxml_token;

typedef struct eas_wbxml_header {
    uint8_t version;
    uint32_t public_id;
    uint32_t public_string;   /* string table index, when public_id is 0 */
    uint32_t charset;
    const unsigned char *string_table;
    size_t string_table_len;
} eas_wbxml_header;

typedef struct eas_wbxml_reader eas_wbxml_reader;

/* NULL when out of memory. `limits` may be NULL for the defaults. */
eas_wbxml_reader *eas_wbxml_reader_new(const eas_allocator *alloc, eas_source source,
                                       const eas_wbxml_limits *limits);
void eas_wbxml_reader_free(eas_wbxml_reader *r);

/*
 * Reads the document header. 1: a WBXML 1.3 header was read and the reader
 * now checks the document's structure (unbalanced END, input ending inside
 * an element). 0: the input does not start with WBXML 1.3 and nothing was
 * consumed. -1: error. Without this call the reader decodes a headerless
 * fragment, as Horde's message fixtures are.
 */
int eas_wbxml_reader_header(eas_wbxml_reader *r, eas_wbxml_header *header);

/* The next token; EAS_WBXML_TOK_EOF at the end, EAS_WBXML_TOK_ERROR on error. */
eas_wbxml_token_kind eas_wbxml_reader_next(eas_wbxml_reader *r, eas_wbxml_token *tok);

/* Up to cap bytes of a streamed OPAQUE token: the count, 0 when the block is
 * done, -1 on error (the input ended early). */
long eas_wbxml_reader_read_opaque(eas_wbxml_reader *r, unsigned char *dst, size_t cap);

/* OPAQUE blocks up to this size arrive whole in the token (default: the
 * buffer size); larger ones are streamed. */
void eas_wbxml_reader_set_opaque_inline_max(eas_wbxml_reader *r, size_t max);

/* Skip UTF-8 validation of text (documents declaring another charset skip
 * it on their own). */
void eas_wbxml_reader_set_check_utf8(eas_wbxml_reader *r, int check);

const eas_error *eas_wbxml_reader_error(const eas_wbxml_reader *r);

/* Byte offset of the next unread byte. */
uint64_t eas_wbxml_reader_offset(const eas_wbxml_reader *r);

/* Open elements, outermost first; depth() entries. */
unsigned eas_wbxml_reader_depth(const eas_wbxml_reader *r);
const eas_tag *eas_wbxml_reader_open_tag(const eas_wbxml_reader *r, unsigned level);

/* The bytes buffered but not yet decoded; the rest of the input is still in
 * the source. Used to hand the raw body to code that is not WBXML. */
const unsigned char *eas_wbxml_reader_pending(const eas_wbxml_reader *r, size_t *len);

/* Whether the input is exhausted (buffer empty and source at its end). */
int eas_wbxml_reader_at_end(eas_wbxml_reader *r);

#endif
