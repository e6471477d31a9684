/*
 * WBXML 1.3 global tokens and the common types of the EAS codec.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_WBXML_H
#define EAS_WBXML_H

#include <stddef.h>
#include <stdint.h>

#include "../common/eas_alloc.h"
#include "../common/eas_error.h"
#include "eas_tags.h"

#define EAS_WBXML_SWITCH_PAGE 0x00
#define EAS_WBXML_END         0x01
#define EAS_WBXML_ENTITY      0x02
#define EAS_WBXML_STR_I       0x03
#define EAS_WBXML_LITERAL     0x04
#define EAS_WBXML_EXT_I_0     0x40
#define EAS_WBXML_EXT_I_1     0x41
#define EAS_WBXML_EXT_I_2     0x42
#define EAS_WBXML_PI          0x43
#define EAS_WBXML_LITERAL_C   0x44
#define EAS_WBXML_EXT_T_0     0x80
#define EAS_WBXML_EXT_T_1     0x81
#define EAS_WBXML_EXT_T_2     0x82
#define EAS_WBXML_STR_T       0x83
#define EAS_WBXML_LITERAL_A   0x84
#define EAS_WBXML_EXT_0       0xc0
#define EAS_WBXML_EXT_1       0xc1
#define EAS_WBXML_EXT_2       0xc2
#define EAS_WBXML_OPAQUE      0xc3
#define EAS_WBXML_LITERAL_AC  0xc4

#define EAS_WBXML_TAG_ATTRIBUTES 0x80
#define EAS_WBXML_TAG_CONTENT    0x40
#define EAS_WBXML_TAG_MASK       0x3f

/* The header every EAS document starts with: WBXML 1.3, public id 1
 * (unknown), charset 106 (UTF-8), empty string table. */
#define EAS_WBXML_VERSION_1_3    0x03
#define EAS_WBXML_PUBLIC_UNKNOWN 0x01
#define EAS_WBXML_CHARSET_UTF8   106

/* Where bytes come from. */
typedef struct eas_source {
    /* Reads up to cap bytes into buf: the count read, 0 at the end of the
     * input, -1 on an I/O error. */
    long (*read)(void *ctx, unsigned char *buf, size_t cap);
    void *ctx;
} eas_source;

/* Where bytes go. */
typedef struct eas_sink {
    /* Writes all len bytes: 0 on success, -1 on failure. */
    int (*write)(void *ctx, const unsigned char *data, size_t len);
    void *ctx;
} eas_sink;

#endif
