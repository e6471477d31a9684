/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "eas_changes.h"

#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)

/* ---- an id -> first index map (open addressing) ---- */

typedef struct {
    size_t *slots; /* index + 1, 0 when empty */
    size_t mask;
    const eas_strref *ids;
    const eas_allocator *alloc;
} idmap;

static uint64_t hash_id(const eas_strref *id)
{
    uint64_t h = 1469598103934665603ull;
    size_t i;

    for (i = 0; i < id->len; i++) {
        h ^= (unsigned char)id->s[i];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

static int same(const eas_strref *a, const eas_strref *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->s, b->s, a->len) == 0);
}

static int idmap_init(idmap *m, const eas_strref *ids, size_t n, const eas_allocator *alloc)
{
    size_t cap = 16;

    while (cap < n * 2 + 1) {
        if (cap > SIZE_MAX / 4 / sizeof(size_t)) {
            return -1;
        }
        cap *= 2;
    }
    m->slots = eas_alloc(alloc, cap * sizeof(size_t));
    if (!m->slots) {
        return -1;
    }
    memset(m->slots, 0, cap * sizeof(size_t));
    m->mask = cap - 1;
    m->ids = ids;
    m->alloc = alloc;
    return 0;
}

static void idmap_free(idmap *m)
{
    eas_free(m->alloc, m->slots);
}

/* The first index with this id, or NONE; with `insert`, adds `index` when absent. */
static size_t idmap_lookup(idmap *m, const eas_strref *id, size_t index, int insert)
{
    size_t slot = (size_t)hash_id(id) & m->mask;

    for (;;) {
        size_t at = m->slots[slot];
        if (at == 0) {
            if (insert) {
                m->slots[slot] = index + 1;
            }
            return NONE;
        }
        if (same(&m->ids[at - 1], id)) {
            return at - 1;
        }
        slot = (slot + 1) & m->mask;
    }
}

/* ---- hierarchy ---- */

/* ids of a list, and the map; dup[i] is set for repeats of an earlier id. */
typedef struct {
    eas_strref *ids;
    unsigned char *dup;
    idmap map;
    long *depth;
} folder_index;

static void index_free(folder_index *x, const eas_allocator *alloc)
{
    eas_free(alloc, x->ids);
    eas_free(alloc, x->dup);
    eas_free(alloc, x->depth);
    if (x->map.slots) {
        idmap_free(&x->map);
    }
}

static int index_build(folder_index *x, const eas_folder_stat *list, size_t n, const eas_allocator *alloc)
{
    size_t i;

    memset(x, 0, sizeof(*x));
    x->ids = eas_alloc(alloc, (n ? n : 1) * sizeof(eas_strref));
    x->dup = eas_alloc(alloc, n ? n : 1);
    x->depth = eas_alloc(alloc, (n ? n : 1) * sizeof(long));
    if (!x->ids || !x->dup || !x->depth) {
        return -1;
    }
    for (i = 0; i < n; i++) {
        x->ids[i] = list[i].id;
        if (!x->ids[i].s) {
            x->ids[i].s = "";
            x->ids[i].len = 0;
        }
        x->depth[i] = -1;
    }
    if (idmap_init(&x->map, x->ids, n, alloc) != 0) {
        return -1;
    }
    for (i = 0; i < n; i++) {
        x->dup[i] = idmap_lookup(&x->map, &x->ids[i], i, 1) != NONE;
    }
    return 0;
}

static int is_top(const eas_strref *parent)
{
    return !parent->s || parent->len == 0 || (parent->len == 1 && parent->s[0] == '0');
}

/* Depth of every entry: 0 at the top, under an unknown parent or where the
 * parent chain loops; computed without recursion (chains may be long). */
static int compute_depths(folder_index *x, const eas_folder_stat *list, size_t n, const eas_allocator *alloc)
{
    size_t *stack = eas_alloc(alloc, (n ? n : 1) * sizeof(size_t));
    size_t i;

    if (!stack) {
        return -1;
    }
    for (i = 0; i < n; i++) {
        size_t top = 0, at = i;
        long base = 0;

        /* climb until a known depth, the top, or a loop */
        while (x->depth[at] == -1) {
            size_t parent;
            x->depth[at] = -2; /* on the current path */
            stack[top++] = at;
            parent = is_top(&list[at].parent) ? NONE : idmap_lookup(&x->map, &list[at].parent, 0, 0);
            if (parent == NONE) {
                base = 0;
                break;
            }
            if (x->depth[parent] == -2) {
                base = 0; /* a loop: cut it here */
                break;
            }
            if (x->depth[parent] >= 0) {
                base = x->depth[parent] + 1;
                break;
            }
            at = parent;
        }
        while (top > 0) {
            x->depth[stack[--top]] = base++;
        }
    }
    eas_free(alloc, stack);
    return 0;
}

static int field_differs(const eas_strref *a, const eas_strref *b)
{
    return a->s && b->s && !same(a, b);
}

typedef struct {
    long depth;
    const eas_strref *id;
    eas_hier_change change;
} ordered;

static int cmp_id(const eas_strref *a, const eas_strref *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int c = n ? memcmp(a->s, b->s, n) : 0;
    return c ? c : (a->len < b->len ? -1 : a->len > b->len);
}

/* Deletions first, deepest first; then the rest, shallowest first. */
static int cmp_ordered(const void *pa, const void *pb)
{
    const ordered *a = pa, *b = pb;
    int adel = a->change.kind == EAS_CHANGE_DELETE, bdel = b->change.kind == EAS_CHANGE_DELETE;

    if (adel != bdel) {
        return adel ? -1 : 1;
    }
    if (a->depth != b->depth) {
        return (a->depth < b->depth) == !adel ? -1 : 1;
    }
    return cmp_id(a->id, b->id);
}

int eas_hierarchy_diff(const eas_folder_stat *old, size_t nold, const eas_folder_stat *cur, size_t ncur,
                       const eas_allocator *alloc, eas_hier_change **out, size_t *count)
{
    folder_index xo, xn;
    ordered *list = NULL;
    size_t i, n = 0;
    int rc = -1;

    *out = NULL;
    *count = 0;
    if (nold > SIZE_MAX / 2 - ncur || index_build(&xo, old, nold, alloc) != 0 ||
        index_build(&xn, cur, ncur, alloc) != 0 || compute_depths(&xo, old, nold, alloc) != 0 ||
        compute_depths(&xn, cur, ncur, alloc) != 0) {
        goto done;
    }
    list = eas_alloc(alloc, (nold + ncur + 1) * sizeof(ordered));
    if (!list) {
        goto done;
    }
    for (i = 0; i < nold; i++) {
        if (!xo.dup[i] && idmap_lookup(&xn.map, &xo.ids[i], 0, 0) == NONE) {
            list[n].depth = xo.depth[i];
            list[n].id = &xo.ids[i];
            list[n].change.kind = EAS_CHANGE_DELETE;
            list[n].change.index = i;
            list[n++].change.what = 0;
        }
    }
    for (i = 0; i < ncur; i++) {
        size_t before;
        unsigned what = 0;
        if (xn.dup[i]) {
            continue;
        }
        before = idmap_lookup(&xo.map, &xn.ids[i], 0, 0);
        if (before != NONE) {
            what |= field_differs(&old[before].name, &cur[i].name) ? EAS_HIER_NAME : 0;
            what |= field_differs(&old[before].parent, &cur[i].parent) ? EAS_HIER_PARENT : 0;
            what |= field_differs(&old[before].serverid, &cur[i].serverid) ? EAS_HIER_SERVERID : 0;
            what |= field_differs(&old[before].type, &cur[i].type) ? EAS_HIER_TYPE : 0;
            if (!what) {
                continue;
            }
        }
        list[n].depth = xn.depth[i];
        list[n].id = &xn.ids[i];
        list[n].change.kind = before == NONE ? EAS_CHANGE_ADD : EAS_CHANGE_MODIFY;
        list[n].change.index = i;
        list[n++].change.what = what;
    }
    qsort(list, n, sizeof(ordered), cmp_ordered);
    *out = eas_alloc(alloc, (n ? n : 1) * sizeof(eas_hier_change));
    if (!*out) {
        goto done;
    }
    for (i = 0; i < n; i++) {
        (*out)[i] = list[i].change;
    }
    *count = n;
    rc = 0;
done:
    eas_free(alloc, list);
    index_free(&xo, alloc);
    index_free(&xn, alloc);
    return rc;
}

/* ---- PIM change sets ---- */

typedef struct {
    size_t first[5]; /* first index of each kind (1..4), NONE when absent */
} pim_group;

int eas_pim_normalize(const eas_pim_change *in, size_t n, const eas_allocator *alloc, size_t **keep,
                      size_t *count)
{
    eas_strref *ids = NULL;
    size_t *group_of = NULL;
    pim_group *groups = NULL;
    idmap map = { 0 };
    size_t i, ngroups = 0, nkeep = 0;
    int rc = -1;

    *keep = NULL;
    *count = 0;
    ids = eas_alloc(alloc, (n ? n : 1) * sizeof(eas_strref));
    group_of = eas_alloc(alloc, (n ? n : 1) * sizeof(size_t));
    groups = eas_alloc(alloc, (n ? n : 1) * sizeof(pim_group));
    *keep = eas_alloc(alloc, (n ? n : 1) * sizeof(size_t));
    if (!ids || !group_of || !groups || !*keep) {
        goto done;
    }
    for (i = 0; i < n; i++) {
        ids[i] = in[i].id;
        if (!ids[i].s) {
            ids[i].s = "";
            ids[i].len = 0;
        }
    }
    if (idmap_init(&map, ids, n, alloc) != 0) {
        goto done;
    }
    for (i = 0; i < n; i++) {
        size_t first, g;
        unsigned kind = (unsigned)in[i].kind;
        if (kind < 1 || kind > 4) {
            (*keep)[nkeep++] = i; /* not ours to collapse */
            group_of[i] = NONE;
            continue;
        }
        first = idmap_lookup(&map, &ids[i], i, 1);
        if (first == NONE) {
            g = ngroups++;
            memset(&groups[g], 0xff, sizeof(pim_group));
        } else {
            g = group_of[first];
        }
        group_of[i] = g;
        if (groups[g].first[kind] == NONE) {
            groups[g].first[kind] = i;
        }
    }
    for (i = 0; i < ngroups; i++) {
        const size_t *f = groups[i].first;
        size_t k;
        if (f[EAS_CHANGE_ADD] != NONE) {
            k = (f[EAS_CHANGE_DELETE] != NONE || f[EAS_CHANGE_SOFTDELETE] != NONE) ? NONE : f[EAS_CHANGE_ADD];
        } else if (f[EAS_CHANGE_DELETE] != NONE) {
            k = f[EAS_CHANGE_DELETE];
        } else if (f[EAS_CHANGE_SOFTDELETE] != NONE) {
            k = f[EAS_CHANGE_SOFTDELETE];
        } else {
            k = f[EAS_CHANGE_MODIFY];
        }
        if (k != NONE) {
            (*keep)[nkeep++] = k;
        }
    }
    /* group order is first-occurrence order; kept entries go back to input order */
    {
        size_t *mark = group_of; /* reuse: 1 where kept */
        size_t j;
        memset(mark, 0, n * sizeof(size_t));
        for (j = 0; j < nkeep; j++) {
            mark[(*keep)[j]] = 1;
        }
        for (i = j = 0; i < n; i++) {
            if (mark[i]) {
                (*keep)[j++] = i;
            }
        }
    }
    *count = nkeep;
    rc = 0;
done:
    if (map.slots) {
        idmap_free(&map);
    }
    eas_free(alloc, ids);
    eas_free(alloc, group_of);
    eas_free(alloc, groups);
    if (rc != 0) {
        eas_free(alloc, *keep);
        *keep = NULL;
    }
    return rc;
}
