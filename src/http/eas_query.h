/*
 * The request URI's query value (MS-ASHTTP 2.2.1.1.1): plain text
 * ("Cmd=Sync&User=..&DeviceId=..&DeviceType=..") or the base64-encoded byte
 * sequence of protocol 12.1 and later. It is hostile input: every field is
 * bounded and checked, and a malformed query is an error, never a guess.
 *
 * The result is a list of name/value pairs with the names Horde's
 * Horde_ActiveSync::getGetVars() returns (Cmd, DeviceId, DeviceType, User,
 * ProtVer, Locale, PolicyKey, AttachmentName, CollectionId, ItemId, LongId,
 * ParentId, Occurrence, SaveInSent, AcceptMultiPart). Values point into the
 * parser's own buffer; nothing is allocated.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_QUERY_H
#define EAS_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "../common/eas_error.h"

/* Longest query value accepted, in bytes as it appears in the URI. */
#define EAS_QUERY_MAX_INPUT 4096
/* Most name/value pairs one query may carry. */
#define EAS_QUERY_MAX_PAIRS 32
/* Longest device id once decoded (a binary id is given as hex, two
 * characters a byte). Horde's device_id column is 255 characters wide. */
#define EAS_QUERY_MAX_DEVICE_ID 128
#define EAS_QUERY_MAX_DEVICE_TYPE 64
#define EAS_QUERY_MAX_COMMAND 32

typedef enum {
    EAS_QUERY_EMPTY = 0,
    EAS_QUERY_PLAIN,
    EAS_QUERY_BASE64
} eas_query_form;

/* Option bits of the base64 form's Options parameter (tag 7). */
#define EAS_QUERY_OPTION_SAVE_IN_SENT 0x01
#define EAS_QUERY_OPTION_ACCEPT_MULTIPART 0x02

typedef struct {
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
    int is_bool; /* base64 option flags: value is "1" or "" (PHP true/false) */
} eas_query_pair;

typedef struct {
    eas_query_form form;
    size_t count;
    eas_query_pair pairs[EAS_QUERY_MAX_PAIRS];
    /* Decoded bytes and generated text (hex device id, version, numbers). */
    char buf[2 * EAS_QUERY_MAX_INPUT + 256];
    size_t used;
} eas_query;

/*
 * Parses a query value (the part of the URI after '?', still
 * percent-encoded). Returns 0, or -1 with err set; q is valid only on
 * success. As Horde decides: plain text when the query names any
 * parameter ("name=value"), base64 otherwise.
 */
int eas_query_parse(eas_query *q, const char *query, size_t len, eas_error *err);

/* The value of a pair by name (exact match), NULL when absent; the last
 * pair of that name wins, as in PHP's $_GET. */
const eas_query_pair *eas_query_get(const eas_query *q, const char *name);

/* Name of a base64 command code (MS-ASHTTP 2.2.1.1.1.1.2), NULL if unknown. */
const char *eas_query_command_name(unsigned code);

#endif
