/*
 * A compact rendering of the syntax tree, for tests, logs and debugging:
 *
 *   (and (or from:alice from:"bob smith") (not "draft") report*)
 *   received[2024-03-01,2024-04-01)   size[1025,inf]   isread:false
 *
 * Dates are half-open day ranges, sizes closed byte ranges, "inf" an open
 * end. Operators other than ':' are kept (subject=x); <> appears as NOT
 * over '='.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "kql.h"

static int date(eas_buf *b, int64_t days)
{
    char s[24];
    int64_t y;
    unsigned m, d;

    if (days == KQL_DAY_MIN || days == KQL_DAY_MAX) {
        return eas_buf_puts(b, days == KQL_DAY_MIN ? "-inf" : "inf");
    }
    kql_civil_from_days(days, &y, &m, &d);
    snprintf(s, sizeof(s), "%04lld-%02u-%02u", (long long)y, m, d);
    return eas_buf_puts(b, s);
}

static int text(eas_buf *b, const kql_query *q, const kql_node *x)
{
    int quoted = (x->flags & KQL_F_QUOTED) != 0;

    return (quoted && eas_buf_putc(b, '"')) || eas_buf_append(b, q->src + x->text, x->text_len) ||
           (quoted && eas_buf_putc(b, '"')) || (x->match == KQL_M_PREFIX && eas_buf_putc(b, '*'));
}

static int node(eas_buf *b, const kql_query *q, uint32_t i, unsigned depth)
{
    const kql_node *x = &q->nodes[i];
    char num[48];

    if (depth > 4 * KQL_LIMIT_MAX_DEPTH) {
        return -1;
    }
    switch ((kql_kind)x->kind) {
    case KQL_N_AND:
    case KQL_N_OR:
    case KQL_N_NOT:
        if (eas_buf_puts(b, x->kind == KQL_N_AND ? "(and" : x->kind == KQL_N_OR ? "(or" : "(not")) {
            return -1;
        }
        for (uint32_t c = x->first; c != 0; c = q->nodes[c - 1].next) {
            if (eas_buf_putc(b, ' ') || node(b, q, c - 1, depth + 1)) {
                return -1;
            }
        }
        return eas_buf_putc(b, ')');
    case KQL_N_TEXT:
        return text(b, q, x);
    case KQL_N_PROP:
        if (eas_buf_puts(b, kql_prop_name((kql_prop)x->prop))) {
            return -1;
        }
        switch ((kql_vtype)x->vtype) {
        case KQL_V_TEXT:
            return eas_buf_puts(b, kql_op_name((kql_op)x->op)) || text(b, q, x);
        case KQL_V_DATE:
            return eas_buf_putc(b, '[') || date(b, x->lo) || eas_buf_putc(b, ',') || date(b, x->hi) ||
                   eas_buf_putc(b, ')');
        case KQL_V_SIZE:
            if (x->hi == KQL_SIZE_MAX) {
                snprintf(num, sizeof(num), "[%lld,inf]", (long long)x->lo);
            } else {
                snprintf(num, sizeof(num), "[%lld,%lld]", (long long)x->lo, (long long)x->hi);
            }
            return eas_buf_puts(b, num);
        case KQL_V_BOOL:
            return eas_buf_puts(b, x->lo ? ":true" : ":false");
        case KQL_V_IMPORTANCE:
            return eas_buf_puts(b, x->lo == 0 ? ":low" : x->lo == 1 ? ":normal" : ":high");
        case KQL_V_KIND:
            return eas_buf_putc(b, ':') || eas_buf_puts(b, kql_item_kind_name((kql_item_kind)x->lo));
        }
        return -1;
    }
    return -1;
}

int kql_render_tree(const kql_query *q, eas_buf *out)
{
    return node(out, q, q->root, 0);
}
