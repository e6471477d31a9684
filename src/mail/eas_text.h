/*
 * Body text for EAS mail: line endings, truncation by characters, and the
 * single-byte charsets that most mail uses, converted to UTF-8 without a
 * round trip through PHP's string functions.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_TEXT_H
#define EAS_TEXT_H

#include <stddef.h>

#include "../common/eas_buf.h"

/* Every line ending (CRLF, lone CR, lone LF) becomes CRLF, as
 * Horde_Stream_Filter_Eol does with its default "\r\n"; like Horde's filter
 * on a single write, a CR ending the text is dropped. Appends to out;
 * returns 0, or -1 when out of memory. */
int eas_text_crlf(const unsigned char *in, size_t len, eas_buf *out);

/* Byte length of the first `chars` characters of UTF-8 text, counted as
 * mbstring counts them (by the lead byte, so that truncating gives what
 * mb_substr($s, 0, $chars, 'UTF-8') gives, even on broken text). */
size_t eas_text_utf8_prefix(const unsigned char *s, size_t len, size_t chars);

/* Whether s is valid UTF-8 (RFC 3629: no overlong forms, surrogates or
 * code points above U+10FFFF). */
int eas_text_utf8_valid(const unsigned char *s, size_t len);

typedef enum {
    EAS_CHARSET_OTHER = 0,
    EAS_CHARSET_UTF8,
    EAS_CHARSET_ASCII,      /* us-ascii: read as ISO-8859-1, as Horde does */
    EAS_CHARSET_LATIN1,     /* iso-8859-1 */
    EAS_CHARSET_CP1252      /* windows-1252 */
} eas_charset;

/* The charsets converted here, by their MIME names (case-insensitive). */
eas_charset eas_text_charset(const char *name, size_t len);

/* ISO-8859-1 or windows-1252 to UTF-8, appended to out; windows-1252's five
 * unassigned bytes become the C1 controls of the same value, as mbstring
 * converts them. */
int eas_text_single_to_utf8(eas_charset cs, const unsigned char *in, size_t len, eas_buf *out);

#endif
