/*
 * Byte transformations the message classes apply to property values on
 * their way to and from the wire: hexadecimal (TYPE_HEX), streamed base64
 * (ItemOperations:Data of attachments), and the line-ending normalization
 * Horde applies to streamed bodies (CR, LF and CRLF all become CRLF).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_MSGTEXT_H
#define EAS_MSGTEXT_H

#include <stddef.h>
#include <stdint.h>

/* Upper-case hexadecimal of len bytes into out (2 * len bytes). */
void eas_hex_encode(const unsigned char *in, size_t len, char *out);

/*
 * Decodes hexadecimal as Horde's _hex2bin() does: the text is cut into
 * two-character groups (the last may have one), each group's hex digits are
 * read and anything else in it ignored, and each group gives one byte.
 * Writes (len + 1) / 2 bytes into out and returns that count.
 */
size_t eas_hex_decode(const char *in, size_t len, unsigned char *out);

/* Streaming base64 (RFC 4648, with padding, no line breaks). */
typedef struct eas_base64 {
    unsigned char carry[2];
    unsigned carry_len;
} eas_base64;

void eas_base64_init(eas_base64 *b);

/* Output bytes needed for an update of len input bytes. */
static inline size_t eas_base64_update_max(size_t len)
{
    return (len + 2) / 3 * 4 + 4;
}

/* Encodes what full 3-byte groups allow, keeping the rest for later.
 * Returns the bytes written to out. */
size_t eas_base64_update(eas_base64 *b, const unsigned char *in, size_t len, char *out);

/* Writes the last group with padding (at most 4 bytes). */
size_t eas_base64_final(eas_base64 *b, char *out);

/*
 * One chunk through Horde_Stream_Filter_Eol with its default "\r\n": a CR
 * that ends the chunk is dropped (the filter expects the LF of a CRLF split
 * across chunks), then every CRLF, lone CR and lone LF becomes CRLF.
 * out holds at least 2 * len bytes; returns the bytes written.
 */
size_t eas_eol_crlf_chunk(const unsigned char *in, size_t len, unsigned char *out);

/* The chunk size of PHP's stream reads, which decides where the filter
 * above sees chunk ends. */
#define EAS_STREAM_CHUNK 8192

#endif
