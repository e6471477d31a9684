/*
 * What the Zend bindings share: the Zend allocator hooks for src/, stream
 * adapters and the exception the bindings raise.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_PHP_H
#define EAS_PHP_H

#include "php.h"
#include "php_streams.h"
#include "zend_smart_str.h"

#include "../src/common/eas_alloc.h"
#include "../src/common/eas_error.h"
#include "../src/wbxml/eas_wbxml.h"

/* emalloc and friends behind src/'s allocator hooks. */
extern const eas_allocator eas_php_allocator;

/* Class entries, set once in MINIT. */
extern zend_class_entry *eas_ce_wbxml_exception;
extern zend_class_entry *eas_ce_wbxml_decoder;
extern zend_class_entry *eas_ce_wbxml_encoder;

/* Raises Horde_ActiveSync_Exception when that class can be loaded, else
 * Horde\ActiveSync\Native\WbxmlException. */
void eas_php_throw(const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 1, 2);
void eas_php_throw_error(const eas_error *err);

/* A stream resource from a zval, with a clear TypeError otherwise. */
php_stream *eas_php_stream_arg(zval *zv, uint32_t arg_num);

/* Source and sink over php_streams. */
eas_source eas_php_stream_source(php_stream *stream);
eas_sink eas_php_stream_sink(php_stream *stream);

/* Source over a string: ctx must point to a eas_php_string_source. */
typedef struct {
    const char *data;
    size_t len;
    size_t pos;
} eas_php_string_source;
eas_source eas_php_string_source_init(eas_php_string_source *s, zend_string *str);

/* Sink appending to a smart_str. */
eas_sink eas_php_smart_str_sink(smart_str *out);

/* Characters as Horde_String::length (mb_strlen, UTF-8) counts them. */
size_t eas_php_utf8_length(const char *s, size_t len);

/* Feature registration, called from MINIT: one per ext/<feature>.c. */
void eas_php_register_wbxml(void);
void eas_php_register_state(void);
void eas_php_register_http(void);
void eas_php_register_kql(void);
void eas_php_register_diff(void);
void eas_php_register_mail(void);
void eas_php_register_message(void);
void eas_php_register_sqlite(void);

/* Resets ext/sqlite.c's statements a fatal error left mid-step (RSHUTDOWN);
 * finalizes them all from the globals' destructor. */
void eas_php_sqlite_request_shutdown(void);
void eas_php_sqlite_globals_dtor(HashTable **connections);

/* Per-request caches of ext/message.c, from RINIT/RSHUTDOWN. */
void eas_php_message_request_startup(void);
void eas_php_message_request_shutdown(void);

/*
 * C access to the native encoder and decoder objects (for ext/message.c).
 * Calls returning int give 0 (or the documented count) on success and -1
 * with an exception raised on failure.
 */
int eas_php_encoder_start(zend_object *enc, const eas_tag *tag, int output_empty);
int eas_php_encoder_end(zend_object *enc);
int eas_php_encoder_content(zend_object *enc, zval *content, int opaque);
/* Text content from C memory (NULs dropped, empty text writes nothing). */
int eas_php_encoder_text(zend_object *enc, const char *text, size_t len);
/* Text content read from a stream resource through a chunk filter: filter
 * gets each read (at most EAS_PHP_FILTER_CHUNK bytes) and finally in ==
 * NULL, and writes at most EAS_PHP_FILTER_OUT_MAX bytes to out. */
#define EAS_PHP_FILTER_CHUNK   8192
#define EAS_PHP_FILTER_OUT_MAX (2 * EAS_PHP_FILTER_CHUNK + 16)
typedef size_t (*eas_php_chunk_filter)(void *ctx, const unsigned char *in, size_t len, unsigned char *out);
int eas_php_encoder_stream_text(zend_object *enc, zval *resource, eas_php_chunk_filter filter, void *ctx,
                                int close_after);
void eas_php_encoder_add_part(zend_object *enc, zval *data);
zend_long eas_php_encoder_part_count(zend_object *enc);

/* getElement() (merge) or getToken(): *el is the element array or false;
 * *tag (may be NULL) the tag of a start tag. */
int eas_php_decoder_next(zend_object *dec, int merge, zval *el, const eas_tag **tag);
/* Puts an element back (takes it over). */
void eas_php_decoder_unget(zend_object *dec, zval *el, const eas_tag *tag);
/* getElementStartTag() for a tag: 1 matched (*el set), 0 not, -1 error. */
int eas_php_decoder_start_tag(zend_object *dec, const eas_tag *want, zval *el);
/* getElementEndTag(): 1 consumed, 0 not there, -1 error. */
int eas_php_decoder_end_tag(zend_object *dec);
/* getElementContent(): 1 with *out set, 0 not content, -1 error. */
int eas_php_decoder_content(zend_object *dec, zval *out);
/* Sends a message to the decoder's protocol logger's err(). */
void eas_php_decoder_log_error(zend_object *dec, const char *message);

/* Object handlers for the classes the arginfo registers. */
void eas_php_setup_decoder(zend_class_entry *ce);
void eas_php_setup_encoder(zend_class_entry *ce);

#endif
