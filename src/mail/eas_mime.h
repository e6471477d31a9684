/*
 * MIME structure scanner for RFC 822 documents (what SendMail, SmartReply
 * and SmartForward receive from a device, and message/rfc822 parts).
 *
 * It finds each entity's header block and body, the header fields that
 * decide the structure (Content-Type, Content-Transfer-Encoding,
 * Content-Description, Content-Disposition, Content-Duration, Content-ID,
 * MIME-Version) unfolded as Horde_Mime_Headers::parseHeaders() reads them,
 * and the children of multipart and message/rfc822 entities split as
 * Horde_Mime_Part::parseMessage() splits them, without its defects: a
 * boundary string in the middle of a line is skipped (Horde loops forever),
 * an empty body part stays empty (Horde takes the rest of the document),
 * and an entity whose header block is empty starts its body after the
 * blank line (Horde reads the body's first paragraph as headers).
 *
 * The document is the caller's, already in LF line endings
 * (eas_mime_eol_lf()); parts point into it. Nesting and the number of
 * parts are bounded.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_MIME_H
#define EAS_MIME_H

#include <stddef.h>
#include <stdint.h>

#include "../common/eas_alloc.h"
#include "../common/eas_buf.h"
#include "../common/eas_error.h"

/* Horde_Mime_Part::NESTING_LIMIT: multipart levels whose children are read. */
#define EAS_MIME_HORDE_NESTING 100
#define EAS_MIME_DEFAULT_MAX_DEPTH 100
#define EAS_MIME_DEFAULT_MAX_PARTS 10000

typedef enum {
    EAS_MIME_F_CONTENT_TYPE = 0,
    EAS_MIME_F_TRANSFER_ENCODING,
    EAS_MIME_F_DESCRIPTION,
    EAS_MIME_F_DISPOSITION,
    EAS_MIME_F_DURATION,
    EAS_MIME_F_ID,
    EAS_MIME_F_MIME_VERSION,
    EAS_MIME_F_COUNT
} eas_mime_field_id;

typedef enum {
    EAS_MIME_LEAF = 0,      /* a body (also multipart/message without children read) */
    EAS_MIME_MULTIPART,     /* children are the body parts between boundaries */
    EAS_MIME_MESSAGE        /* message/rfc822: one child, the enclosed message */
} eas_mime_kind;

typedef struct eas_mime_field {
    uint8_t id;             /* eas_mime_field_id */
    const char *name;       /* spelling as in the document (name_len bytes) */
    size_t name_len;
    size_t value_off;       /* unfolded value, right-trimmed, in doc->values */
    size_t value_len;
} eas_mime_field;

typedef struct eas_mime_part {
    int32_t parent;         /* index of the parent part, -1 for the root */
    uint16_t depth;         /* entities above this one */
    uint8_t kind;           /* eas_mime_kind */
    uint8_t mime;           /* 1: read as MIME (forced, or MIME-Version seen) */
    size_t header_off, header_len;
    size_t body_off, body_len;
    uint32_t field_first, field_count;
    /* The Content-Type as read here (lowercased "type/subtype"), or the
     * default of the context; the boundary parameter when there is one. */
    char type[128];
    size_t boundary_off, boundary_len; /* in doc->values */
    uint8_t has_boundary;
} eas_mime_part;

typedef struct eas_mime_limits {
    unsigned max_depth;     /* entities nested in each other */
    size_t max_parts;
} eas_mime_limits;

typedef struct eas_mime_doc {
    const eas_allocator *alloc;
    const unsigned char *text;
    size_t len;
    eas_mime_part *parts;
    size_t nparts, parts_cap;
    eas_mime_field *fields;
    size_t nfields, fields_cap;
    eas_buf values;         /* unfolded header values and boundaries */
} eas_mime_doc;

/* Converts CRLF and lone CR to LF (Horde_Stream_Filter_Eol with "\n", but
 * over the whole text at once). out has room for len bytes; returns the
 * length written. in and out may be the same buffer. */
size_t eas_mime_eol_lf(const unsigned char *in, size_t len, unsigned char *out);

void eas_mime_doc_init(eas_mime_doc *doc, const eas_allocator *alloc);
void eas_mime_doc_free(eas_mime_doc *doc);

/* Scans text (LF line endings) as one entity; forcemime reads it as MIME
 * without a MIME-Version header (as for body parts). limits may be NULL.
 * Returns 0, or -1 with err set (EAS_ERR_LIMIT, EAS_ERR_NOMEM). */
int eas_mime_scan(eas_mime_doc *doc, const unsigned char *text, size_t len, int forcemime,
                  const eas_mime_limits *limits, eas_error *err);

/* The body parts of a multipart body for a boundary, as spans. Calls cb
 * for each; stops and returns -1 when cb does. */
typedef int (*eas_mime_span_cb)(void *ctx, size_t off, size_t len);
int eas_mime_split(const unsigned char *body, size_t len, const unsigned char *boundary, size_t blen,
                   eas_mime_span_cb cb, void *ctx);

/* Reads the value of a Content-Type field: the lowercased "type/subtype"
 * into type (NUL-terminated, "application/octet-stream" when the field has
 * no slash), and the boundary parameter, if any, appended to out.
 * Returns 1 when a boundary was found. */
int eas_mime_content_type(const char *value, size_t len, char *type, size_t type_size,
                          eas_buf *out, size_t *boundary_off, size_t *boundary_len);

#endif
