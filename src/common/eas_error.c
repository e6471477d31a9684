/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdarg.h>
#include <stdio.h>

#include "eas_error.h"

void eas_error_set(eas_error *err, eas_status code, uint64_t offset, const char *fmt, ...)
{
    va_list ap;

    if (err->code != EAS_OK) {
        return;
    }
    err->code = code;
    err->offset = offset;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
}

const char *eas_status_name(eas_status code)
{
    switch (code) {
    case EAS_OK: return "ok";
    case EAS_ERR_TRUNCATED: return "truncated";
    case EAS_ERR_SYNTAX: return "syntax";
    case EAS_ERR_UNKNOWN_PAGE: return "unknown-page";
    case EAS_ERR_UNKNOWN_TAG: return "unknown-tag";
    case EAS_ERR_UNSUPPORTED: return "unsupported";
    case EAS_ERR_LIMIT: return "limit";
    case EAS_ERR_ENCODING: return "encoding";
    case EAS_ERR_IO: return "io";
    case EAS_ERR_NOMEM: return "nomem";
    case EAS_ERR_STATE: return "state";
    }
    return "unknown";
}
