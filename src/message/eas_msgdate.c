/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "eas_msgdate.h"

#include <string.h>

/* Floor division and modulo: C rounds towards zero, calendars need floor. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        q--;
    }
    return q;
}

static int64_t floor_mod(int64_t a, int64_t b)
{
    return a - floor_div(a, b) * b;
}

/* Howard Hinnant's days_from_civil, on 400-year eras. */
int64_t eas_days_from_civil(int64_t year, int64_t month, int64_t day)
{
    int64_t y = year - (month <= 2);
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;
    int64_t mp = (month + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void eas_civil_from_days(int64_t days, int64_t *year, int64_t *month, int64_t *day)
{
    int64_t z = days + 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;

    *year = yoe + era * 400 + (m <= 2);
    *month = m;
    *day = d;
}

/* Years beyond this are far outside anything a calendar item carries and
 * keep every intermediate product inside 64 bits. */
#define YEAR_LIMIT INT64_C(100000000)
#define FIELD_LIMIT (YEAR_LIMIT * 400)

int eas_civil_to_seconds(const eas_civil *c, int64_t *seconds)
{
    int64_t y, m, days;

    if (c->year > YEAR_LIMIT || c->year < -YEAR_LIMIT ||
        c->month > FIELD_LIMIT || c->month < -FIELD_LIMIT ||
        c->day > FIELD_LIMIT || c->day < -FIELD_LIMIT ||
        c->hour > FIELD_LIMIT || c->hour < -FIELD_LIMIT ||
        c->minute > FIELD_LIMIT || c->minute < -FIELD_LIMIT ||
        c->second > FIELD_LIMIT || c->second < -FIELD_LIMIT) {
        return -1;
    }
    /* Months roll into years first, then days count from the first of the
     * resulting month: what DateTime::setDate() does. */
    y = c->year + floor_div(c->month - 1, 12);
    m = floor_mod(c->month - 1, 12) + 1;
    if (y > YEAR_LIMIT || y < -YEAR_LIMIT) {
        return -1;
    }
    days = eas_days_from_civil(y, m, 1) + (c->day - 1);
    *seconds = days * 86400 + c->hour * 3600 + c->minute * 60 + c->second;
    return 0;
}

void eas_civil_from_seconds(int64_t seconds, eas_civil *c)
{
    int64_t days = floor_div(seconds, 86400);
    int64_t rest = seconds - days * 86400;

    eas_civil_from_days(days, &c->year, &c->month, &c->day);
    c->hour = rest / 3600;
    c->minute = (rest % 3600) / 60;
    c->second = rest % 60;
}

static int leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int eas_civil_normalize(eas_civil *c)
{
    static const int8_t month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int64_t s;

    /* dates are nearly always in range already */
    if (c->month >= 1 && c->month <= 12 && c->day >= 1 && c->hour >= 0 && c->hour < 24 &&
        c->minute >= 0 && c->minute < 60 && c->second >= 0 && c->second < 60 &&
        c->year > -YEAR_LIMIT && c->year < YEAR_LIMIT &&
        c->day <= month_days[c->month - 1] + (c->month == 2 && leap(c->year))) {
        return 0;
    }

    if (eas_civil_to_seconds(c, &s) != 0) {
        return -1;
    }
    eas_civil_from_seconds(s, c);
    return 0;
}

int eas_civil_weekday(const eas_civil *c)
{
    /* 1970-01-01 was a Thursday */
    return (int)floor_mod(eas_days_from_civil(c->year, c->month, c->day) + 4, 7);
}

static char *put_digits(char *p, int64_t value, int width)
{
    char tmp[24];
    int n = 0;

    if (value < 0) {
        value = 0;
    }
    if (width == 2 && value < 100) {
        p[0] = (char)('0' + value / 10);
        p[1] = (char)('0' + value % 10);
        return p + 2;
    }
    if (width == 4 && value < 10000) {
        unsigned v = (unsigned)value;
        p[0] = (char)('0' + v / 1000);
        p[1] = (char)('0' + v / 100 % 10);
        p[2] = (char)('0' + v / 10 % 10);
        p[3] = (char)('0' + v % 10);
        return p + 4;
    }
    do {
        tmp[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value > 0 && n < (int)sizeof(tmp));
    while (n < width) {
        tmp[n++] = '0';
    }
    while (n > 0) {
        *p++ = tmp[--n];
    }
    return p;
}

size_t eas_date_format_text(const eas_civil *c, eas_date_format format, char *out)
{
    char *p = out;
    int dashes = format == EAS_DATE_DASHES;

    if (c->year < 0) {
        *p++ = '-';
        p = put_digits(p, -c->year, 4);
    } else {
        p = put_digits(p, c->year, 4);
    }
    if (dashes) {
        *p++ = '-';
    }
    p = put_digits(p, c->month, 2);
    if (dashes) {
        *p++ = '-';
    }
    p = put_digits(p, c->day, 2);
    *p++ = 'T';
    p = put_digits(p, c->hour, 2);
    if (dashes) {
        *p++ = ':';
    }
    p = put_digits(p, c->minute, 2);
    if (dashes) {
        *p++ = ':';
    }
    p = put_digits(p, c->second, 2);
    if (dashes) {
        memcpy(p, ".000", 4);
        p += 4;
    }
    *p++ = 'Z';
    *p = '\0';
    return (size_t)(p - out);
}

static int digits(const char *s, size_t n, int64_t *value)
{
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
        v = v * 10 + (s[i] - '0');
    }
    *value = v;
    return 1;
}

int eas_date_parse_utc(const char *s, size_t len, eas_civil *out)
{
    if (len == 16 && s[8] == 'T' && s[15] == 'Z') {
        return digits(s, 4, &out->year) && digits(s + 4, 2, &out->month) && digits(s + 6, 2, &out->day) &&
               digits(s + 9, 2, &out->hour) && digits(s + 11, 2, &out->minute) &&
               digits(s + 13, 2, &out->second);
    }
    if (len >= 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' &&
        s[len - 1] == 'Z') {
        if (len > 20) {
            /* a fraction: '.' and at least one digit, which Horde drops */
            if (s[19] != '.' || len < 22) {
                return 0;
            }
            for (size_t i = 20; i < len - 1; i++) {
                if (s[i] < '0' || s[i] > '9') {
                    return 0;
                }
            }
        }
        return digits(s, 4, &out->year) && digits(s + 5, 2, &out->month) && digits(s + 8, 2, &out->day) &&
               digits(s + 11, 2, &out->hour) && digits(s + 14, 2, &out->minute) &&
               digits(s + 17, 2, &out->second);
    }
    return 0;
}
