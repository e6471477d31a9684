/*
 * libFuzzer target for the KQL parser and its IMAP translation.
 *
 * The first input byte picks the options (week start, date order, a UTC
 * offset, small or default limits); the rest is the query. A query that
 * parses must render as a tree, translate and render as IMAP search keys,
 * with every node inside the query and the plan's groups well formed; a
 * query that fails must say where, within the input.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/kql/kql.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
    if (!ok) {
        abort();
    }
}

/* Walks the plan from item i; returns the index after the subtree. */
static uint32_t walk(const kql_imap *plan, uint32_t i, unsigned depth)
{
    const kql_imap_item *it;

    check(i < plan->count && depth < 4096);
    it = &plan->items[i++];
    if (it->key == KQL_I_AND || it->key == KQL_I_OR) {
        check(it->count >= 2);
        for (uint32_t c = 0; c < it->count; c++) {
            i = walk(plan, i, depth + 1);
        }
        return i;
    }
    check(it->key >= KQL_I_TEXT && it->key <= KQL_I_NONE);
    check((size_t)it->str + it->str_len <= plan->strings.len || it->str_len == 0);
    return i;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kql_options opt;
    kql_query q;
    kql_error err;
    kql_imap plan;
    eas_buf out;
    uint8_t mode;

    if (size == 0) {
        return 0;
    }
    mode = data[0];
    data++;
    size--;
    kql_options_init(&opt);
    opt.now = 1710504000 + (int64_t)(mode & 0x07) * 86400 * 40;
    opt.week_start = (mode >> 3) & 1;
    opt.date_order = (mode >> 4) & 1;
    opt.tz_offset = (mode & 0x20) ? -11 * 3600 : 14 * 3600;
    if (mode & 0x40) {
        opt.max_depth = 3;
        opt.max_nodes = 8;
        opt.max_length = 64;
    }

    if (kql_parse(&q, (const char *)data, size, &opt, &eas_libc_allocator, &err) != 0) {
        check(err.code != KQL_E_NONE && err.code < KQL_E_COUNT);
        check(err.offset <= size && err.char_offset <= err.offset);
        check(err.message[0] != '\0');
        return 0;
    }
    check(q.count > 0 && q.root < q.count && q.count <= q.cap);
    for (uint32_t i = 0; i < q.count; i++) {
        const kql_node *x = &q.nodes[i];
        check((size_t)x->pos + x->len <= size);
        check((size_t)x->text + x->text_len <= size);
        check(x->first <= q.count && x->next <= q.count);
    }

    eas_buf_init(&out, &eas_libc_allocator);
    check(kql_render_tree(&q, &out) == 0);
    eas_buf_free(&out);

    check(kql_to_imap(&q, &plan, &eas_libc_allocator) == 0);
    if (plan.count > 0) {
        check(walk(&plan, 0, 0) == plan.count);
    }
    eas_buf_init(&out, &eas_libc_allocator);
    check(kql_imap_render(&plan, &out) == 0 && out.len > 0);
    eas_buf_free(&out);
    kql_imap_free(&plan);
    kql_query_free(&q);
    return 0;
}
