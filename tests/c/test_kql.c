/*
 * The KQL parser and its IMAP translation: the shared table of cases
 * (tests/data/kql-cases.txt, also run by PHPUnit through the extension),
 * dates, limits, error positions and allocation failures.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "test.h"
#include "../../src/kql/kql.h"

#define CASES "../data/kql-cases.txt"

/* 2024-03-15 12:00:00 UTC, a Friday: the "now" of the table unless @now says otherwise. */
#define TABLE_NOW 1710504000

static char *render_tree(const kql_query *q)
{
    eas_buf b;

    eas_buf_init(&b, &eas_libc_allocator);
    if (kql_render_tree(q, &b) != 0 || eas_buf_putc(&b, 0) != 0) {
        eas_buf_free(&b);
        return NULL;
    }
    return (char *)b.data;
}

static char *render_imap(const kql_query *q)
{
    kql_imap plan;
    eas_buf b;

    if (kql_to_imap(q, &plan, &eas_libc_allocator) != 0) {
        return NULL;
    }
    eas_buf_init(&b, &eas_libc_allocator);
    if (kql_imap_render(&plan, &b) != 0 || eas_buf_putc(&b, 0) != 0) {
        eas_buf_free(&b);
        b.data = NULL;
    }
    kql_imap_free(&plan);
    return (char *)b.data;
}

/* Decodes \xHH, \t, \r, \n and \\ in a table field; returns the length. */
static size_t unescape(const char *in, char *out)
{
    size_t n = 0;

    while (*in) {
        if (in[0] == '\\' && in[1] == 'x' && in[2] && in[3]) {
            char hex[3] = { in[2], in[3], 0 };
            out[n++] = (char)strtol(hex, NULL, 16);
            in += 4;
        } else if (in[0] == '\\' && (in[1] == 't' || in[1] == 'r' || in[1] == 'n' || in[1] == '\\')) {
            out[n++] = in[1] == 't' ? '\t' : in[1] == 'r' ? '\r' : in[1] == 'n' ? '\n' : '\\';
            in += 2;
        } else {
            out[n++] = *in++;
        }
    }
    out[n] = '\0';
    return n;
}

/* Expected IMAP fields write CR LF of literals as \r\n. */
static void escape_crlf(const char *in, char *out, size_t cap)
{
    size_t n = 0;

    for (; *in && n + 3 < cap; in++) {
        if (*in == '\r' || *in == '\n') {
            out[n++] = '\\';
            out[n++] = *in == '\r' ? 'r' : 'n';
        } else {
            out[n++] = *in;
        }
    }
    out[n] = '\0';
}

static void directive(char *line, kql_options *opt)
{
    char *arg = strchr(line, ' ');
    long long v;

    if (arg) {
        *arg++ = '\0';
    }
    v = arg ? strtoll(arg, NULL, 10) : 0;
    if (!strcmp(line, "@reset")) {
        kql_options_init(opt);
        opt->now = TABLE_NOW;
    } else if (!strcmp(line, "@now")) {
        opt->now = v;
    } else if (!strcmp(line, "@tz")) {
        opt->tz_offset = (int32_t)v;
    } else if (!strcmp(line, "@week")) {
        opt->week_start = (uint8_t)v;
    } else if (!strcmp(line, "@order")) {
        opt->date_order = arg && !strcmp(arg, "dmy") ? KQL_DATE_DMY : KQL_DATE_MDY;
    } else if (!strcmp(line, "@length")) {
        opt->max_length = (uint32_t)v;
    } else if (!strcmp(line, "@depth")) {
        opt->max_depth = (uint32_t)v;
    } else if (!strcmp(line, "@nodes")) {
        opt->max_nodes = (uint32_t)v;
    } else {
        fprintf(stderr, "unknown directive %s\n", line);
        test_failures++;
    }
}

TEST(table)
{
    FILE *f = fopen(CASES, "r");
    char line[8192], query[4096], got[8192];
    kql_options opt;
    int cases = 0, errors = 0, lineno = 0;

    CHECK(f != NULL);
    if (!f) {
        return;
    }
    kql_options_init(&opt);
    opt.now = TABLE_NOW;
    while (fgets(line, sizeof(line), f)) {
        char *fields[3] = { line, NULL, NULL }, *nl;
        size_t qlen;
        kql_query q;
        kql_error err;

        lineno++;
        if ((nl = strchr(line, '\n')) != NULL) {
            *nl = '\0';
        }
        if (line[0] == '#' || line[0] == '\0') {
            continue;
        }
        if (line[0] == '@') {
            directive(line, &opt);
            continue;
        }
        if ((fields[1] = strchr(line, '\t')) == NULL) {
            fprintf(stderr, "%s:%d: no tab\n", CASES, lineno);
            test_failures++;
            continue;
        }
        *fields[1]++ = '\0';
        if ((fields[2] = strchr(fields[1], '\t')) != NULL) {
            *fields[2]++ = '\0';
        }
        qlen = unescape(fields[0], query);
        cases++;
        test_checks++;
        if (fields[1][0] == '!') {
            /* !code@byte/char */
            errors++;
            if (kql_parse(&q, query, qlen, &opt, &eas_libc_allocator, &err) == 0) {
                kql_query_free(&q);
                fprintf(stderr, "%s:%d: '%s' parsed, expected %s\n", CASES, lineno, fields[0], fields[1]);
                test_failures++;
                continue;
            }
            snprintf(got, sizeof(got), "!%s@%u/%u", kql_errcode_name(err.code), (unsigned)err.offset,
                     (unsigned)err.char_offset);
            if (strcmp(got, fields[1]) != 0) {
                fprintf(stderr, "%s:%d: '%s' gave %s (%s), expected %s\n", CASES, lineno, fields[0], got,
                        err.message, fields[1]);
                test_failures++;
            }
            continue;
        }
        if (kql_parse(&q, query, qlen, &opt, &eas_libc_allocator, &err) != 0) {
            fprintf(stderr, "%s:%d: '%s' failed: %s at %u\n", CASES, lineno, fields[0], err.message,
                    (unsigned)err.offset);
            test_failures++;
            continue;
        }
        {
            char *tree = render_tree(&q), *imap = render_imap(&q);

            if (!tree || strcmp(tree, fields[1]) != 0) {
                fprintf(stderr, "%s:%d: '%s'\n   tree %s\n   want %s\n", CASES, lineno, fields[0],
                        tree ? tree : "(null)", fields[1]);
                test_failures++;
            }
            if (fields[2]) {
                escape_crlf(imap ? imap : "(null)", got, sizeof(got));
                if (strcmp(got, fields[2]) != 0) {
                    fprintf(stderr, "%s:%d: '%s'\n   imap %s\n   want %s\n", CASES, lineno, fields[0], got,
                            fields[2]);
                    test_failures++;
                }
            }
            free(tree);
            free(imap);
        }
        kql_query_free(&q);
    }
    fclose(f);
    CHECK(cases >= 200);
    CHECK(errors >= 40);
}

TEST(civil_days)
{
    int64_t y;
    unsigned m, d;

    CHECK_EQ_INT(kql_days_from_civil(1970, 1, 1), 0);
    CHECK_EQ_INT(kql_days_from_civil(2000, 3, 1), 11017);
    CHECK_EQ_INT(kql_days_from_civil(1969, 12, 31), -1);
    for (int64_t day = kql_days_from_civil(1000, 1, 1); day < kql_days_from_civil(10000, 1, 1); day += 17) {
        kql_civil_from_days(day, &y, &m, &d);
        if (kql_days_from_civil(y, m, d) != day) {
            CHECK_EQ_INT(kql_days_from_civil(y, m, d), day);
            break;
        }
    }
    kql_civil_from_days(kql_days_from_civil(2024, 2, 29), &y, &m, &d);
    CHECK_EQ_INT(y, 2024);
    CHECK_EQ_INT(m, 2);
    CHECK_EQ_INT(d, 29);
}

static int date_range(const char *s, const kql_options *opt, int64_t *lo, int64_t *hi)
{
    return kql_parse_date(s, strlen(s), opt, lo, hi);
}

TEST(dates_follow_now_and_zone)
{
    kql_options opt;
    int64_t lo, hi;
    const int64_t mar15 = kql_days_from_civil(2024, 3, 15);

    kql_options_init(&opt);
    /* 2024-03-15 23:30 UTC: still the 15th in UTC, already the 16th at +01:00,
     * the 15th at -05:00 */
    opt.now = 1710545400;
    CHECK_EQ_INT(date_range("today", &opt, &lo, &hi), 0);
    CHECK_EQ_INT(lo, mar15);
    opt.tz_offset = 3600;
    CHECK_EQ_INT(date_range("TODAY", &opt, &lo, &hi), 0);
    CHECK_EQ_INT(lo, mar15 + 1);
    CHECK_EQ_INT(date_range("yesterday", &opt, &lo, &hi), 0);
    CHECK_EQ_INT(lo, mar15);
    CHECK_EQ_INT(hi, mar15 + 1);
    opt.tz_offset = -5 * 3600;
    CHECK_EQ_INT(date_range("today", &opt, &lo, &hi), 0);
    CHECK_EQ_INT(lo, mar15);

    /* weeks start on Monday by default, on Sunday when asked */
    opt.tz_offset = 0;
    opt.now = 1710504000; /* Friday */
    CHECK_EQ_INT(date_range("this week", &opt, &lo, &hi), 0);
    CHECK_EQ_INT(lo, kql_days_from_civil(2024, 3, 11));
    CHECK_EQ_INT(hi, kql_days_from_civil(2024, 3, 18));
    opt.week_start = 0;
    CHECK_EQ_INT(date_range("this  week", &opt, &lo, &hi), 0);
    CHECK_EQ_INT(lo, kql_days_from_civil(2024, 3, 10));
    CHECK_EQ_INT(date_range("last week", &opt, &lo, &hi), 0);
    CHECK_EQ_INT(lo, kql_days_from_civil(2024, 3, 3));
    /* on a Sunday with weeks starting Sunday, the week starts today */
    opt.now = 1710676800; /* 2024-03-17 12:00 UTC */
    CHECK_EQ_INT(date_range("this week", &opt, &lo, &hi), 0);
    CHECK_EQ_INT(lo, kql_days_from_civil(2024, 3, 17));
    opt.week_start = 1;
    CHECK_EQ_INT(date_range("this week", &opt, &lo, &hi), 0);
    CHECK_EQ_INT(lo, kql_days_from_civil(2024, 3, 11));

    /* month and year boundaries */
    opt.now = 1704110400; /* 2024-01-01 12:00 UTC */
    CHECK_EQ_INT(date_range("last month", &opt, &lo, &hi), 0);
    CHECK_EQ_INT(lo, kql_days_from_civil(2023, 12, 1));
    CHECK_EQ_INT(hi, kql_days_from_civil(2024, 1, 1));
    CHECK_EQ_INT(date_range("last year", &opt, &lo, &hi), 0);
    CHECK_EQ_INT(lo, kql_days_from_civil(2023, 1, 1));
    CHECK_EQ_INT(date_range("this year", &opt, &lo, &hi), 0);
    CHECK_EQ_INT(hi, kql_days_from_civil(2025, 1, 1));
    /* before 1970 */
    opt.now = -86400 * 365;
    CHECK_EQ_INT(date_range("today", &opt, &lo, &hi), 0);
    CHECK_EQ_INT(lo, -365);

    /* the calendar is checked */
    CHECK_EQ_INT(date_range("2023-02-29", &opt, &lo, &hi), -1);
    CHECK_EQ_INT(date_range("2024-02-29", &opt, &lo, &hi), 0);
    CHECK_EQ_INT(date_range("2024-13-01", &opt, &lo, &hi), -1);
    CHECK_EQ_INT(date_range("0999-01-01", &opt, &lo, &hi), -1);
    CHECK_EQ_INT(date_range("2/30/2024", &opt, &lo, &hi), -1);
    CHECK_EQ_INT(date_range("31 April 2024", &opt, &lo, &hi), -1);
    CHECK_EQ_INT(date_range("", &opt, &lo, &hi), -1);
    CHECK_EQ_INT(date_range("12345-01-01", &opt, &lo, &hi), -1);
    CHECK_EQ_INT(date_range("2024-01-01T10:00:00Zx", &opt, &lo, &hi), -1);
    CHECK_EQ_INT(date_range("next week", &opt, &lo, &hi), -1);
}

static int parse_with(const char *s, size_t len, const kql_options *opt, kql_error *err)
{
    kql_query q;

    if (kql_parse(&q, s, len, opt, &eas_libc_allocator, err) != 0) {
        return -1;
    }
    kql_query_free(&q);
    return 0;
}

TEST(limits)
{
    kql_options opt;
    kql_error err;
    char buf[KQL_LIMIT_MAX_LENGTH + 16];
    size_t n;

    kql_options_init(&opt);
    /* length */
    memset(buf, 'a', sizeof(buf));
    CHECK_EQ_INT(parse_with(buf, KQL_DEFAULT_MAX_LENGTH, &opt, &err), 0);
    CHECK_EQ_INT(parse_with(buf, KQL_DEFAULT_MAX_LENGTH + 1, &opt, &err), -1);
    CHECK_EQ_INT(err.code, KQL_E_TOO_LONG);
    CHECK_EQ_INT(err.offset, KQL_DEFAULT_MAX_LENGTH);
    /* the limit cuts inside a character: the position stays on a boundary */
    memcpy(buf + KQL_DEFAULT_MAX_LENGTH - 1, "\xC3\xA9", 2);
    CHECK_EQ_INT(parse_with(buf, KQL_DEFAULT_MAX_LENGTH + 5, &opt, &err), -1);
    CHECK_EQ_INT(err.offset, KQL_DEFAULT_MAX_LENGTH - 1);
    CHECK_EQ_INT(err.char_offset, KQL_DEFAULT_MAX_LENGTH - 1);
    opt.max_length = 1 << 30; /* clamped to the hard ceiling */
    memset(buf, 'a', sizeof(buf));
    CHECK_EQ_INT(parse_with(buf, KQL_LIMIT_MAX_LENGTH + 1, &opt, &err), -1);
    CHECK_EQ_INT(err.code, KQL_E_TOO_LONG);

    /* depth: parentheses, NOT and signs all count */
    kql_options_init(&opt);
    for (n = 0; n < 32; n++) {
        buf[n] = '(';
    }
    buf[n++] = 'x';
    for (size_t i = 0; i < 32; i++) {
        buf[n++] = ')';
    }
    CHECK_EQ_INT(parse_with(buf, n, &opt, &err), 0);
    memmove(buf + 1, buf, n++);
    buf[0] = '-';
    CHECK_EQ_INT(parse_with(buf, n, &opt, &err), -1);
    CHECK_EQ_INT(err.code, KQL_E_TOO_DEEP);
    CHECK_EQ_INT(err.offset, 32);
    for (n = 0; n < 3000; n += 4) {
        memcpy(buf + n, "NOT ", 4);
    }
    buf[n++] = 'x';
    CHECK_EQ_INT(parse_with(buf, n, &opt, &err), -1);
    CHECK_EQ_INT(err.code, KQL_E_TOO_DEEP);
    CHECK_EQ_INT(err.offset, 32 * 4);
    memset(buf, '+', 4000);
    buf[4000] = 'x';
    CHECK_EQ_INT(parse_with(buf, 4001, &opt, &err), -1);
    CHECK_EQ_INT(err.code, KQL_E_TOO_DEEP);
    /* property groups count too */
    opt.max_depth = 2;
    CHECK_EQ_INT(parse_with("(from:(a OR b))", 15, &opt, &err), 0);
    CHECK_EQ_INT(parse_with("((from:(a OR b)))", 17, &opt, &err), -1);
    CHECK_EQ_INT(err.code, KQL_E_TOO_DEEP);
    CHECK_EQ_INT(err.offset, 7);

    /* nodes */
    kql_options_init(&opt);
    for (n = 0; n < 4000; n += 2) {
        memcpy(buf + n, "a ", 2);
    }
    CHECK_EQ_INT(parse_with(buf, n, &opt, &err), -1);
    CHECK_EQ_INT(err.code, KQL_E_TOO_COMPLEX);
    opt.max_nodes = 4096;
    CHECK_EQ_INT(parse_with(buf, n, &opt, &err), 0);
}

TEST(positions_count_characters)
{
    kql_options opt;
    kql_error err;
    const char *q = "Grüße NOT \xE2\x80\x9Cunclosed";

    kql_options_init(&opt);
    CHECK_EQ_INT(parse_with("", 0, &opt, &err), -1);
    CHECK_EQ_INT(err.code, KQL_E_EMPTY);
    CHECK_EQ_INT(parse_with(q, strlen(q), &opt, &err), -1);
    CHECK_EQ_INT(err.code, KQL_E_UNTERMINATED_PHRASE);
    CHECK_EQ_INT(err.offset, 12);
    CHECK_EQ_INT(err.char_offset, 10);

    /* invalid UTF-8 and NUL bytes are reported where they are */
    CHECK_EQ_INT(parse_with("ab\xC3(", 4, &opt, &err), -1);
    CHECK_EQ_INT(err.code, KQL_E_ENCODING);
    CHECK_EQ_INT(err.offset, 2);
    CHECK_EQ_INT(parse_with("\xC3\xA9t\xC3\xA9\xED\xA0\x80", 8, &opt, &err), -1);
    CHECK_EQ_INT(err.offset, 5);
    CHECK_EQ_INT(err.char_offset, 3);
    CHECK_EQ_INT(parse_with("a\0b", 3, &opt, &err), -1);
    CHECK_EQ_INT(err.code, KQL_E_CONTROL);
    CHECK_EQ_INT(err.offset, 1);
    CHECK_CONTAINS(err.message, "0x00");
}

/* Every prefix and every single-byte corruption of a set of queries parses
 * or fails cleanly, and what parses translates and renders. */
TEST(prefixes_and_corruptions)
{
    static const char *const queries[] = {
        "from:(alice OR \"bob smith\") -subject:draft* received>=\"last month\" size:1KB..2MB",
        "(a OR b) AND NOT (c OR (d e)) importance:high isread:false category:\"Red Category\"",
        "participants:\xE2\x80\x9CJ\xC3\xBCrgen\xE2\x80\x9D sent:3/15/2024..4/1/2024 kind:meetings +x -y",
    };
    static const char bytes[] = { '(', ')', '"', ':', '.', ' ', '-', '*', '\0', '\x80', 'A' };
    kql_options opt;
    kql_error err;
    char buf[256];

    kql_options_init(&opt);
    opt.now = TABLE_NOW;
    for (size_t k = 0; k < sizeof(queries) / sizeof(queries[0]); k++) {
        size_t len = strlen(queries[k]);

        for (size_t n = 0; n <= len; n++) {
            for (size_t at = 0; at <= n; at++) {
                for (size_t b = 0; b < sizeof(bytes); b++) {
                    kql_query q;

                    memcpy(buf, queries[k], n);
                    if (at < n) {
                        buf[at] = bytes[b];
                    } else if (b > 0) {
                        break;
                    }
                    test_checks++;
                    if (kql_parse(&q, buf, n, &opt, &eas_libc_allocator, &err) == 0) {
                        char *imap = render_imap(&q), *tree = render_tree(&q);
                        if (!imap || !tree) {
                            test_failures++;
                        }
                        free(imap);
                        free(tree);
                        kql_query_free(&q);
                    } else if (err.code == KQL_E_NONE || err.offset > n || err.message[0] == '\0') {
                        test_failures++;
                    }
                }
            }
        }
    }
}

/* An allocator that fails after a number of allocations. */
static int budget;

static void *tight_alloc(void *ctx, size_t size)
{
    (void)ctx;
    return budget-- > 0 ? malloc(size) : NULL;
}

static void *tight_realloc(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    return budget-- > 0 ? realloc(ptr, size) : NULL;
}

static void tight_free(void *ctx, void *ptr)
{
    (void)ctx;
    free(ptr);
}

TEST(out_of_memory)
{
    static const eas_allocator tight = { tight_alloc, tight_realloc, tight_free, NULL };
    kql_options opt;
    kql_error err;
    char buf[2048];
    size_t n = 0;
    int failed = 0, succeeded = 0;

    /* enough terms that the node array and the plan grow a few times */
    while (n + 40 < sizeof(buf)) {
        n += (size_t)snprintf(buf + n, sizeof(buf) - n, "(from:a%zu OR participants:b) ", n);
    }
    kql_options_init(&opt);
    opt.max_nodes = 4096;
    for (int limit = 0; limit < 40; limit++) {
        kql_query q;
        kql_imap plan;

        budget = limit;
        if (kql_parse(&q, buf, n, &opt, &tight, &err) != 0) {
            CHECK_EQ_INT(err.code, KQL_E_NOMEM);
            failed++;
            continue;
        }
        if (kql_to_imap(&q, &plan, &tight) == 0) {
            eas_buf out;
            eas_buf_init(&out, &tight);
            (void)kql_imap_render(&plan, &out);
            eas_buf_free(&out);
            kql_imap_free(&plan);
            succeeded++;
        }
        kql_query_free(&q);
    }
    CHECK(failed > 0);
    CHECK(succeeded > 0);
}

TEST(category_keywords)
{
    char out[64];

    CHECK_EQ_INT(kql_category_keyword("Red Category", 12, out, sizeof(out)), 12);
    CHECK_STR(out, "red_category");
    CHECK_EQ_INT(kql_category_keyword("a(b)c{d%e*f\"g\\h]i", 17, out, sizeof(out)), 9);
    CHECK_STR(out, "abcdefghi");
    CHECK_EQ_INT(kql_category_keyword("\xC3\xA9t\xC3\xA9", 5, out, sizeof(out)), 1);
    CHECK_STR(out, "t");
    CHECK_EQ_INT(kql_category_keyword("abcdef", 6, out, 4), 3);
    CHECK_STR(out, "abc");
}

RUN_SUITE("kql", table, civil_days, dates_follow_now_and_zone, limits, positions_count_characters,
          prefixes_and_corruptions, out_of_memory, category_keywords)
