/*
 * Error reports of the native core: a status, the byte offset in the input
 * where it happened, and a message for logs and exceptions.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_ERROR_H
#define EAS_ERROR_H

#include <stdint.h>

typedef enum {
    EAS_OK = 0,
    EAS_ERR_TRUNCATED,    /* input ended inside a token or an element */
    EAS_ERR_SYNTAX,       /* malformed token or structure */
    EAS_ERR_UNKNOWN_PAGE, /* SWITCH_PAGE to a code page EAS does not define */
    EAS_ERR_UNKNOWN_TAG,  /* token or name not in the code page */
    EAS_ERR_UNSUPPORTED,  /* valid WBXML that EAS never uses (attributes, LITERAL, STR_T) */
    EAS_ERR_LIMIT,        /* a configured bound was exceeded */
    EAS_ERR_ENCODING,     /* invalid UTF-8 or character entity */
    EAS_ERR_IO,           /* the source or sink failed */
    EAS_ERR_NOMEM,
    EAS_ERR_STATE         /* call out of order (end tag without start, ...) */
} eas_status;

#define EAS_ERROR_MESSAGE_MAX 240

typedef struct eas_error {
    eas_status code;
    uint64_t offset;
    char message[EAS_ERROR_MESSAGE_MAX];
} eas_error;

#if defined(__GNUC__)
#define EAS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define EAS_PRINTF(f, a)
#endif

/* Records the first error only: later calls keep the original cause. */
void eas_error_set(eas_error *err, eas_status code, uint64_t offset, const char *fmt, ...) EAS_PRINTF(4, 5);

const char *eas_status_name(eas_status code);

#endif
