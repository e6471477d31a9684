/*
 * Sync keys: "{uid}counter", where uid is a UUID v4 chosen when a collection
 * (or the folder hierarchy) is first synced and counter advances with every
 * response that changes the client's state. "0" asks for an initial sync.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_SYNCKEY_H
#define EAS_SYNCKEY_H

#include <stddef.h>
#include <stdint.h>

#include "../common/eas_error.h"

/* MS-ASCMD caps SyncKey at 64 characters. */
#define EAS_SYNCKEY_MAX 64
/* "{" + 36 + "}" + 10 digits + NUL */
#define EAS_SYNCKEY_NEW_MAX 50

typedef enum {
    EAS_SYNCKEY_INITIAL,   /* "0" (or empty): start over */
    EAS_SYNCKEY_VALID,
    EAS_SYNCKEY_MALFORMED
} eas_synckey_form;

typedef struct eas_synckey {
    /* Spans into the parsed text, valid while it lives. */
    const char *uid;       /* without braces */
    size_t uid_len;
    const char *digits;    /* the counter as written */
    size_t digits_len;
    uint32_t counter;
    int uid_is_hex;        /* only [0-9a-fA-F-]: what Horde's key generator accepts */
} eas_synckey;

/* How a key the client presents relates to the newest key the server issued. */
typedef enum {
    EAS_SYNCKEY_CURRENT,   /* the newest key: normal progress */
    EAS_SYNCKEY_PREVIOUS,  /* one behind: the client lost our last response; replay */
    EAS_SYNCKEY_STALE,     /* older still, or ahead of anything issued */
    EAS_SYNCKEY_FOREIGN    /* another uid: another collection, device or a reset */
} eas_synckey_relation;

/* Accepts "{[0-9A-Za-z-]+}[0-9]+" of at most EAS_SYNCKEY_MAX bytes with a
 * counter that fits 32 bits; anything else is MALFORMED with a reason in err. */
eas_synckey_form eas_synckey_parse(const char *text, size_t len, eas_synckey *key, eas_error *err);

/* Writes "{uuid}1" for a UUID v4 built from 16 random bytes; returns the length. */
size_t eas_synckey_generate(const unsigned char random[16], char out[EAS_SYNCKEY_NEW_MAX]);

/* Writes the successor of a valid key into out (cap bytes, NUL-terminated);
 * returns its length, or 0 with err set when the counter would overflow or
 * the result does not fit. */
size_t eas_synckey_next(const eas_synckey *key, char *out, size_t cap, eas_error *err);

eas_synckey_relation eas_synckey_relate(const eas_synckey *presented, const eas_synckey *latest);

#endif
