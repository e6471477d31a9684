/*
 * Buffered EAS WBXML encoder with Horde's lazy start tags.
 *
 * A start tag is remembered, not written, until content or a child element
 * follows it, so an element that ends up empty leaves no bytes; a start tag
 * forced empty is written at once, without the content flag. Output collects
 * in a buffer that goes to the sink when it fills and on flush.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_WBXML_WRITER_H
#define EAS_WBXML_WRITER_H

#include "eas_wbxml.h"

typedef struct eas_wbxml_writer eas_wbxml_writer;

#define EAS_WBXML_WRITER_DEFAULT_BUFFER ((size_t)64 << 10)
#define EAS_WBXML_WRITER_MAX_DEPTH      1024u

/* NULL when out of memory; buffer_size 0 for the default. */
eas_wbxml_writer *eas_wbxml_writer_new(const eas_allocator *alloc, eas_sink sink, size_t buffer_size);
void eas_wbxml_writer_free(eas_wbxml_writer *w);

/* Every call returns 0 on success and -1 on failure (see _error()). */

/* The WBXML 1.3 header; written once however often it is called. */
int eas_wbxml_writer_header(eas_wbxml_writer *w);
int eas_wbxml_writer_header_written(const eas_wbxml_writer *w);

/* A start tag: pending until content or a child follows, or, with
 * force_empty, written at once as an empty element (which is not opened). */
int eas_wbxml_writer_start(eas_wbxml_writer *w, const eas_tag *tag, int force_empty);

/* Closes the innermost open element; writes END only if its start tag was
 * written. *closed_written (may be NULL) says which. */
int eas_wbxml_writer_end(eas_wbxml_writer *w, int *closed_written);

/* Text content (STR_I). NUL bytes are dropped (NUL terminates STR_I); text
 * that is empty after that writes nothing. */
int eas_wbxml_writer_text(eas_wbxml_writer *w, const unsigned char *s, size_t len);

/* Text written in pieces (from a stream): always writes STR_I, even when
 * empty, as Horde does for stream content. NULs are dropped. */
int eas_wbxml_writer_text_begin(eas_wbxml_writer *w);
int eas_wbxml_writer_text_chunk(eas_wbxml_writer *w, const unsigned char *s, size_t len);
int eas_wbxml_writer_text_end(eas_wbxml_writer *w);

/* OPAQUE content, whole or as a declared length followed by exactly that
 * many bytes of _raw(). */
int eas_wbxml_writer_opaque(eas_wbxml_writer *w, const unsigned char *data, size_t len);
int eas_wbxml_writer_opaque_begin(eas_wbxml_writer *w, size_t len);

/* Bytes written as they are (opaque payloads, non-WBXML responses). */
int eas_wbxml_writer_raw(eas_wbxml_writer *w, const unsigned char *data, size_t len);

/* SWITCH_PAGE to the active code page: a no-op for any WBXML parser that
 * keeps bytes flowing to clients with read timeouts. Writes the header
 * first if needed and flushes. Pending start tags stay pending. */
int eas_wbxml_writer_keepalive(eas_wbxml_writer *w);

/* Hands the buffered bytes to the sink. */
int eas_wbxml_writer_flush(eas_wbxml_writer *w);

/* Flushes, then sends output to another sink; returns the previous one. */
int eas_wbxml_writer_swap_sink(eas_wbxml_writer *w, eas_sink sink, eas_sink *previous);

/* Eager mode writes every start tag at once, with the content flag, so the
 * output mirrors the calls exactly (used to turn XML back into WBXML).
 * Lazy, Horde's behaviour, is the default. */
void eas_wbxml_writer_set_eager(eas_wbxml_writer *w, int eager);

/* Called for every tag put on the wire, for protocol logs. */
typedef enum {
    EAS_WBXML_TRACE_START = 1,  /* start tag with the content flag */
    EAS_WBXML_TRACE_EMPTY,      /* start tag without it */
    EAS_WBXML_TRACE_END
} eas_wbxml_trace_event;
typedef void (*eas_wbxml_trace_fn)(void *ctx, eas_wbxml_trace_event event, const eas_tag *tag);
void eas_wbxml_writer_set_trace(eas_wbxml_writer *w, eas_wbxml_trace_fn fn, void *ctx);

/* Open elements, written or pending. */
unsigned eas_wbxml_writer_depth(const eas_wbxml_writer *w);

/* Active code page (wire number). */
unsigned eas_wbxml_writer_page(const eas_wbxml_writer *w);

/* Bytes handed to the writer so far (buffered or not). */
uint64_t eas_wbxml_writer_offset(const eas_wbxml_writer *w);

const eas_error *eas_wbxml_writer_error(const eas_wbxml_writer *w);

#endif
