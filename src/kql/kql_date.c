/*
 * Date values of KQL restrictions (received, sent), resolved to the days
 * they cover, relative to the caller's "now" and UTC offset:
 *
 *   today, yesterday, this/last week, this/last month, this/last year
 *   2024-03-15, 2024/03/15, 2024.03.15, 2024-03, 2024  (ISO order; a time
 *                                     after T is accepted and ignored)
 *   3/15/2024, 15.3.2024, 15-3-2024, 3/15/24  (numeric, month/day order
 *                                     from the options; dots are day first)
 *   March 15, 2024 / 15 March 2024 / March 2024 / Mar 15 2024
 *
 * IMAP searches by calendar day, so every value is a whole number of days.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "kql.h"

#define MIN_YEAR 1000
#define MAX_YEAR 9999

/* Howard Hinnant's days_from_civil / civil_from_days. */
int64_t kql_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void kql_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    int64_t era, doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static unsigned days_in_month(int64_t y, unsigned m)
{
    static const unsigned days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) {
        return 29;
    }
    return days[m - 1];
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A day's range; checks the calendar. */
static int day(int64_t y, unsigned m, unsigned d, int64_t *lo, int64_t *hi)
{
    if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
        return -1;
    }
    *lo = kql_days_from_civil(y, m, d);
    *hi = *lo + 1;
    return 0;
}

static int month(int64_t y, unsigned m, int64_t *lo, int64_t *hi)
{
    if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12) {
        return -1;
    }
    *lo = kql_days_from_civil(y, m, 1);
    *hi = m == 12 ? kql_days_from_civil(y + 1, 1, 1) : kql_days_from_civil(y, m + 1, 1);
    return 0;
}

static int year(int64_t y, int64_t *lo, int64_t *hi)
{
    if (y < MIN_YEAR || y > MAX_YEAR) {
        return -1;
    }
    *lo = kql_days_from_civil(y, 1, 1);
    *hi = kql_days_from_civil(y + 1, 1, 1);
    return 0;
}

/* Words of the value, lowercased, split at spaces and commas. */
typedef struct {
    char text[4][12];
    size_t len[4];
    size_t count;
} words;

static int split(const char *s, size_t len, words *w)
{
    size_t i = 0;

    w->count = 0;
    while (i < len) {
        size_t n = 0;

        while (i < len && (is_space((unsigned char)s[i]) || s[i] == ',')) {
            i++;
        }
        if (i == len) {
            break;
        }
        if (w->count == 4) {
            return -1;
        }
        while (i < len && !is_space((unsigned char)s[i]) && s[i] != ',') {
            if (n == sizeof(w->text[0]) - 1) {
                return -1;
            }
            w->text[w->count][n++] = (char)lower((unsigned char)s[i++]);
        }
        w->text[w->count][n] = '\0';
        w->len[w->count++] = n;
    }
    return 0;
}

static int word_is(const words *w, size_t i, const char *s)
{
    return strcmp(w->text[i], s) == 0;
}

/* The local calendar day of `now`. */
static int64_t today(const kql_options *opt)
{
    return floor_div(opt->now + opt->tz_offset, 86400);
}

static int keyword(const words *w, const kql_options *opt, int64_t *lo, int64_t *hi)
{
    int64_t t = today(opt), y;
    unsigned m, d;

    if (w->count == 1) {
        if (word_is(w, 0, "today")) {
            *lo = t;
            *hi = t + 1;
            return 0;
        }
        if (word_is(w, 0, "yesterday")) {
            *lo = t - 1;
            *hi = t;
            return 0;
        }
        return -1;
    }
    if (w->count != 2 || !(word_is(w, 0, "this") || word_is(w, 0, "last"))) {
        return -1;
    }
    kql_civil_from_days(t, &y, &m, &d);
    if (word_is(w, 1, "week")) {
        /* 1970-01-01 was a Thursday: weekday 4 counting from Sunday */
        int64_t wd = ((t + 4) % 7 + 7) % 7;
        int64_t start = t - (wd - opt->week_start + 7) % 7;

        *lo = word_is(w, 0, "this") ? start : start - 7;
        *hi = *lo + 7;
        return 0;
    }
    if (word_is(w, 1, "month")) {
        if (word_is(w, 0, "last")) {
            if (--m == 0) {
                m = 12;
                y--;
            }
        }
        return month(y, m, lo, hi);
    }
    if (word_is(w, 1, "year")) {
        return year(word_is(w, 0, "this") ? y : y - 1, lo, hi);
    }
    return -1;
}

/* Month from an English name or its first three or more letters. */
static unsigned month_name(const char *s, size_t len)
{
    static const char *const names[12] = { "january", "february", "march", "april", "may", "june", "july",
                                           "august", "september", "october", "november", "december" };

    if (len < 3) {
        return 0;
    }
    if (len > 4 && s[len - 1] == '.') {
        return 0;
    }
    if (len >= 3 && s[len - 1] == '.') {
        len--; /* "Mar." */
    }
    for (unsigned i = 0; i < 12; i++) {
        if (len <= strlen(names[i]) && strncmp(names[i], s, len) == 0) {
            return i + 1;
        }
    }
    return 0;
}

/* A run of digits as a number; -1 when empty or too long. */
static int64_t number(const char *s, size_t len)
{
    int64_t n = 0;

    if (len == 0 || len > 4) {
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        if (!is_digit((unsigned char)s[i])) {
            return -1;
        }
        n = n * 10 + (s[i] - '0');
    }
    return n;
}

static int64_t full_year(const char *s, size_t len)
{
    int64_t y = number(s, len);

    if (len == 2 && y >= 0) {
        return y < 70 ? 2000 + y : 1900 + y; /* the POSIX strptime %y pivot */
    }
    return len == 4 ? y : -1;
}

static int named(const words *w, int64_t *lo, int64_t *hi)
{
    unsigned m;
    int64_t d, y;

    if (w->count == 2) {
        /* March 2024 */
        if ((m = month_name(w->text[0], w->len[0])) != 0 && (y = full_year(w->text[1], w->len[1])) > 0 &&
            w->len[1] == 4) {
            return month(y, m, lo, hi);
        }
        return -1;
    }
    if (w->count != 3) {
        return -1;
    }
    /* March 15 2024 / 15 March 2024 */
    if ((m = month_name(w->text[0], w->len[0])) != 0) {
        d = number(w->text[1], w->len[1]);
    } else if ((m = month_name(w->text[1], w->len[1])) != 0) {
        d = number(w->text[0], w->len[0]);
    } else {
        return -1;
    }
    y = full_year(w->text[2], w->len[2]);
    if (d < 1 || d > 31 || y < 0) {
        return -1;
    }
    return day(y, m, (unsigned)d, lo, hi);
}

/* Numeric forms: up to three digit groups with one kind of separator. */
static int numeric(const char *s, size_t len, const kql_options *opt, int64_t *lo, int64_t *hi)
{
    const char *g[3];
    size_t gl[3], n = 0, i = 0;
    char sep = 0;

    while (n < 3) {
        size_t start = i;

        while (i < len && is_digit((unsigned char)s[i])) {
            i++;
        }
        if (i == start) {
            return -1;
        }
        g[n] = s + start;
        gl[n++] = i - start;
        if (i == len) {
            break;
        }
        if (s[i] == 'T' || s[i] == 't') {
            /* a time after an ISO date: checked loosely, then ignored */
            if (n != 3 || sep != '-' || gl[0] != 4) {
                return -1;
            }
            for (size_t k = i + 1; k < len; k++) {
                char c = s[k];
                if (!(is_digit((unsigned char)c) || c == ':' || c == '.' || c == '+' || c == '-' || c == 'Z' ||
                      c == 'z')) {
                    return -1;
                }
            }
            len = i;
            break;
        }
        if (!(s[i] == '-' || s[i] == '/' || s[i] == '.') || (sep && s[i] != sep)) {
            return -1;
        }
        sep = s[i++];
    }
    if (i != len) {
        return -1;
    }
    if (n == 1) {
        return gl[0] == 4 ? year(number(g[0], 4), lo, hi) : -1;
    }
    if (gl[0] == 4) {
        /* year first: 2024-03-15, 2024/3/15, 2024.03.15, 2024-03 */
        int64_t y = number(g[0], 4), m = number(g[1], gl[1]);

        if (gl[1] > 2 || m < 0) {
            return -1;
        }
        if (n == 2) {
            return month(y, (unsigned)m, lo, hi);
        }
        if (gl[2] > 2) {
            return -1;
        }
        return day(y, (unsigned)m, (unsigned)number(g[2], gl[2]), lo, hi);
    }
    if (n != 3 || gl[0] > 2 || gl[1] > 2) {
        return -1;
    }
    {
        int64_t a = number(g[0], gl[0]), b = number(g[1], gl[1]), y = full_year(g[2], gl[2]);
        int dmy = sep == '.' || opt->date_order == KQL_DATE_DMY;

        if (y < 0) {
            return -1;
        }
        return dmy ? day(y, (unsigned)b, (unsigned)a, lo, hi) : day(y, (unsigned)a, (unsigned)b, lo, hi);
    }
}

int kql_parse_date(const char *s, size_t len, const kql_options *opt, int64_t *lo, int64_t *hi)
{
    words w;

    while (len > 0 && is_space((unsigned char)*s)) {
        s++;
        len--;
    }
    while (len > 0 && is_space((unsigned char)s[len - 1])) {
        len--;
    }
    if (len == 0) {
        return -1;
    }
    if (is_digit((unsigned char)s[0]) && numeric(s, len, opt, lo, hi) == 0) {
        return 0;
    }
    if (split(s, len, &w) != 0 || w.count == 0) {
        return -1;
    }
    if (is_alpha((unsigned char)w.text[0][0]) && keyword(&w, opt, lo, hi) == 0) {
        return 0;
    }
    return named(&w, lo, hi);
}
