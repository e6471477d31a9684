/*
 * Lookups over the generated code page tables.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "eas_tags.h"
#include "eas_tags_data.h"

const eas_tag *eas_tag_get(unsigned id)
{
    return (id > 0 && id < EAS_TAG_END_) ? &eas_tags[id] : NULL;
}

const eas_tag *eas_tag_by_token(unsigned page_number, unsigned token)
{
    unsigned idx;

    if (page_number > 255 || token > 63) {
        return NULL;
    }
    idx = eas_page_index_by_number[page_number];
    if (idx == 255) {
        return NULL;
    }
    idx = eas_tags_by_token[idx][token];
    return idx ? &eas_tags[idx] : NULL;
}

const eas_tag *eas_tag_by_name(const char *name, size_t len)
{
    uint32_t slot = eas_tag_name_hash(name, len) & (EAS_NAME_HASH_SIZE - 1);

    for (;;) {
        unsigned n = eas_name_hash[slot];
        if (n == 0) {
            return NULL;
        }
        n--;
        if (eas_names[n].len == len && memcmp(eas_names[n].name, name, len) == 0) {
            return &eas_tags[eas_names[n].tag];
        }
        slot = (slot + 1) & (EAS_NAME_HASH_SIZE - 1);
    }
}

const eas_page_info *eas_page_by_number(unsigned number)
{
    if (number > 255 || eas_page_index_by_number[number] == 255) {
        return NULL;
    }
    return &eas_pages[eas_page_index_by_number[number]];
}

const eas_page_info *eas_page_by_index(unsigned index)
{
    return index < EAS_PAGE_COUNT ? &eas_pages[index] : NULL;
}

const eas_page_info *eas_page_by_xmlns(const char *xmlns, size_t len)
{
    for (unsigned i = 0; i < EAS_PAGE_COUNT; i++) {
        if (strlen(eas_pages[i].xmlns) == len && memcmp(eas_pages[i].xmlns, xmlns, len) == 0) {
            return &eas_pages[i];
        }
    }
    return NULL;
}

int eas_tag_in_version(const eas_tag *tag, unsigned version)
{
    return version >= tag->since && (tag->until == 0 || version <= tag->until);
}
