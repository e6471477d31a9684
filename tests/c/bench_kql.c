#define _POSIX_C_SOURCE 200809L
/*
 * KQL throughput of the C core on a realistic mix of Find queries: what
 * phones send (iOS's OR expansion of one term over several properties,
 * plain words), what Outlook sends (property restrictions, dates, sizes,
 * flags) and a few malformed ones. Three figures, each the best of five
 * one-second rounds, single-threaded:
 *
 *   parse                 text -> syntax tree
 *   parse + translate     ... -> IMAP plan (what the extension hands PHP)
 *   parse + translate + render   ... -> IMAP SEARCH string
 *
 *   make -C tests/c && tests/c/build-gcc/bench_kql
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../src/kql/kql.h"

static const char *const mix[] = {
    "to:\"Anna Schmidt\" OR cc:\"Anna Schmidt\" OR from:\"Anna Schmidt\" OR subject:\"Anna Schmidt\" OR "
    "\"Anna Schmidt\" OR \"Anna Schmidt\"",
    "invoice",
    "quarterly report",
    "from:john@example.com subject:meeting",
    "from:boss@example.com isread:false importance:high",
    "subject:\"status update\" received:this week",
    "received>=2024-01-01 received<2024-02-01 hasattachment:true",
    "(subject:report OR body:report) received:last month -from:noreply@example.com",
    "participants:alice@example.com",
    "size>1MB kind:email",
    "category:\"Red Category\" OR isflagged:true",
    "Gr\xC3\xBC\xC3\x9F" "e \xE2\x80\x9CJ\xC3\xBCrgen Wei\xC3\x9F\xE2\x80\x9D",
    "budget* NOT draft",
    "from:(alice OR bob) sent:3/15/2024..4/15/2024",
    "\"unterminated phrase",
    "a AND",
};

#define COUNT (sizeof(mix) / sizeof(mix[0]))

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t lengths[COUNT];
static volatile size_t sink;

static void one(const kql_options *opt, int stage, eas_buf *out)
{
    for (size_t i = 0; i < COUNT; i++) {
        kql_query q;
        kql_error err;
        kql_imap plan;

        if (kql_parse(&q, mix[i], lengths[i], opt, &eas_libc_allocator, &err) != 0) {
            sink += err.offset;
            continue;
        }
        if (stage >= 1 && kql_to_imap(&q, &plan, &eas_libc_allocator) == 0) {
            if (stage >= 2) {
                out->len = 0;
                kql_imap_render(&plan, out);
                sink += out->len;
            }
            sink += plan.count;
            kql_imap_free(&plan);
        }
        sink += q.count;
        kql_query_free(&q);
    }
}

int main(void)
{
    static const char *const names[] = { "parse", "parse + translate", "parse + translate + render" };
    kql_options opt;
    eas_buf out;
    size_t bytes = 0;

    kql_options_init(&opt);
    opt.now = 1710504000;
    for (size_t i = 0; i < COUNT; i++) {
        lengths[i] = strlen(mix[i]);
        bytes += lengths[i];
    }
    eas_buf_init(&out, &eas_libc_allocator);
    printf("KQL mix: %zu queries, %.1f bytes on average\n", COUNT, (double)bytes / COUNT);
    for (int stage = 0; stage < 3; stage++) {
        double best = 0;

        for (int round = 0; round < 5; round++) {
            size_t queries = 0;
            double start = now(), elapsed;

            do {
                for (int k = 0; k < 64; k++) {
                    one(&opt, stage, &out);
                }
                queries += 64 * COUNT;
                elapsed = now() - start;
            } while (elapsed < 1.0);
            if (queries / elapsed > best) {
                best = queries / elapsed;
            }
        }
        printf("%-28s %10.0f queries/s  %6.0f ns/query\n", names[stage], best, 1e9 / best);
    }
    eas_buf_free(&out);
    return sink == 0;
}
