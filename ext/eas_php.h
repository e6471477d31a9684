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
void eas_php_register_kql(void);

/* Object handlers for the classes the arginfo registers. */
void eas_php_setup_decoder(zend_class_entry *ce);
void eas_php_setup_encoder(zend_class_entry *ce);

#endif
