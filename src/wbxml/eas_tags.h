/*
 * EAS code pages and tags, built from eas_tags.def.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_TAGS_H
#define EAS_TAGS_H

#include <stddef.h>
#include <stdint.h>

/* Tag flags (EAS_TAG flags column). */
#define EAS_TF_LEGACY 0x01

/* Protocol versions as the table writes them. */
#define EAS_V2_5  25
#define EAS_V12_0 120
#define EAS_V12_1 121
#define EAS_V14_0 140
#define EAS_V14_1 141
#define EAS_V16_0 160
#define EAS_V16_1 161

/* Wire numbers of the code pages: EAS_PAGE_CONTACTS == 1, ... */
typedef enum {
#define EAS_PAGE(sym, number, horde_ns, spec_ns, xmlns) EAS_PAGE_##sym = number,
#define EAS_TAG(...)
#define EAS_ALIAS(...)
#include "eas_tags.def"
#undef EAS_PAGE
#undef EAS_TAG
#undef EAS_ALIAS
    EAS_PAGE_NUMBER_END_
} eas_page_number;

/* Dense page indexes (0..EAS_PAGE_COUNT-1), in table order. */
typedef enum {
#define EAS_PAGE(sym, number, horde_ns, spec_ns, xmlns) EAS_PIDX_##sym,
#define EAS_TAG(...)
#define EAS_ALIAS(...)
#include "eas_tags.def"
#undef EAS_PAGE
#undef EAS_TAG
#undef EAS_ALIAS
    EAS_PAGE_COUNT
} eas_page_index_t;

/* Tag ids: EAS_TAG_CONTACTS_FirstName, ...; 0 means "no tag". */
typedef enum {
    EAS_TAG_NONE = 0,
#define EAS_PAGE(...)
#define EAS_TAG(page, token, sym, horde, spec, since, until, flags) EAS_TAG_##page##_##sym,
#define EAS_ALIAS(...)
#include "eas_tags.def"
#undef EAS_PAGE
#undef EAS_TAG
#undef EAS_ALIAS
    EAS_TAG_END_
} eas_tag_id;

#define EAS_TAG_COUNT ((unsigned)EAS_TAG_END_ - 1u)

typedef struct eas_tag {
    const char *name;   /* Horde's full name: "POOMCONTACTS:FirstName", "Synchronize" */
    const char *spec;   /* MS-ASWBXML local name */
    uint16_t id;        /* eas_tag_id */
    uint8_t name_len;
    uint8_t local_off;  /* start of the local part within name */
    uint8_t spec_len;
    uint8_t page;       /* wire page number */
    uint8_t page_index; /* dense page index */
    uint8_t token;
    uint8_t since;
    uint8_t until;      /* 0: still current */
    uint8_t flags;
} eas_tag;

typedef struct eas_page_info {
    const char *horde_ns; /* "" for AirSync */
    const char *spec_ns;
    const char *xmlns;
    uint8_t number;
    uint8_t index;
} eas_page_info;

/* The tag with this id, or NULL. */
const eas_tag *eas_tag_get(unsigned id);

/* The tag with this wire page number and token, or NULL. */
const eas_tag *eas_tag_by_token(unsigned page_number, unsigned token);

/*
 * The tag with this full name, or NULL. Accepts Horde's names
 * ("POOMCONTACTS:FirstName", "Synchronize"), MS-ASWBXML names with their
 * code page ("Contacts:FirstName", "AirSync:Sync", bare "Sync") and the
 * aliases of the table.
 */
const eas_tag *eas_tag_by_name(const char *name, size_t len);

/* Code page by wire number or dense index, or NULL. */
const eas_page_info *eas_page_by_number(unsigned number);
const eas_page_info *eas_page_by_index(unsigned index);

/* Code page by its XML namespace ("Contacts:"), or NULL. */
const eas_page_info *eas_page_by_xmlns(const char *xmlns, size_t len);

/* Whether the tag belongs to a protocol version (EAS_V14_1, ...). */
int eas_tag_in_version(const eas_tag *tag, unsigned version);

/* Hash shared by the generator and the lookups (32-bit FNV-1a). */
static inline uint32_t eas_tag_name_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

#endif
