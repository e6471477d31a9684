/*
 * UTF-8 checks and encoding.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_UTF8_H
#define EAS_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Length of the longest valid UTF-8 prefix: len when all of s is valid.
 * Rejects overlong forms, surrogates and code points above U+10FFFF. */
size_t eas_utf8_valid_prefix(const unsigned char *s, size_t len);

/* Encodes a code point; returns the byte count (1-4), 0 if not a scalar value. */
size_t eas_utf8_encode(uint32_t cp, unsigned char out[4]);

#endif
