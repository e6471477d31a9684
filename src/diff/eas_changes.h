/*
 * Change lists keyed by string ids: the folder hierarchy diff (FolderSync)
 * and the normalisation of PIM change sets (Sync of calendars, contacts,
 * tasks and notes).
 *
 * Hierarchy: the saved folder list against the driver's current one. A
 * folder is added when its id is new, deleted when it is gone, changed when
 * its display name, parent, backend id or type differs (a field missing on
 * either side is not compared, so rows saved before a field existed do not
 * all turn into changes). Deletions come first, deepest folders first;
 * then additions and changes, parents before their children, so a client
 * never meets a ParentId it does not know. Ties keep id order (bytewise).
 *
 * PIM: a backend reports, for one sync window, which items were added,
 * modified, deleted or left the filter window, possibly several of these
 * for one item. Per item the list is collapsed to what the device needs:
 *   added (+ modified)            -> one add
 *   added + deleted (or left)     -> nothing: the device never had it
 *   modified + deleted            -> one delete
 *   modified + left the window    -> one soft delete
 *   repeated entries              -> the first one
 * Entries of other kinds (EAS_CHANGE_OTHER) are kept untouched. Kept
 * entries stay in their input order.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_CHANGES_H
#define EAS_CHANGES_H

#include <stddef.h>
#include <stdint.h>

#include "../common/eas_alloc.h"
#include "../common/eas_error.h"

typedef struct eas_strref {
    const char *s; /* NULL: the field is absent */
    size_t len;
} eas_strref;

typedef struct eas_folder_stat {
    eas_strref id;
    eas_strref parent;   /* "0" or absent: top level */
    eas_strref name;     /* Horde's 'mod': the display name */
    eas_strref serverid; /* the backend's id */
    eas_strref type;     /* the folder type, as text */
} eas_folder_stat;

typedef enum {
    EAS_CHANGE_OTHER = 0, /* PIM: an entry of another kind, kept as it is */
    EAS_CHANGE_ADD = 1,
    EAS_CHANGE_MODIFY = 2,
    EAS_CHANGE_DELETE = 3,
    EAS_CHANGE_SOFTDELETE = 4
} eas_change_kind;

/* What made a folder "changed". */
#define EAS_HIER_NAME 1u
#define EAS_HIER_PARENT 2u
#define EAS_HIER_SERVERID 4u
#define EAS_HIER_TYPE 8u

typedef struct eas_hier_change {
    eas_change_kind kind; /* ADD, MODIFY or DELETE */
    size_t index;         /* into the old list for DELETE, the new list otherwise */
    unsigned what;        /* MODIFY: EAS_HIER_* bits */
} eas_hier_change;

/*
 * Computes the changes into *out (allocated with `alloc`, *count entries;
 * free with eas_free). A repeated id within a list keeps its first entry.
 * Returns 0, or -1 when out of memory.
 */
int eas_hierarchy_diff(const eas_folder_stat *old, size_t nold, const eas_folder_stat *cur, size_t ncur,
                       const eas_allocator *alloc, eas_hier_change **out, size_t *count);

typedef struct eas_pim_change {
    eas_strref id;
    eas_change_kind kind;
} eas_pim_change;

/*
 * Indexes (into `in`, ascending) of the entries to keep, in *keep
 * (allocated with `alloc`); *count of them. Returns 0, or -1 when out of memory.
 */
int eas_pim_normalize(const eas_pim_change *in, size_t n, const eas_allocator *alloc, size_t **keep,
                      size_t *count);

#endif
