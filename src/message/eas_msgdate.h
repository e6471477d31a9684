/*
 * Dates as the EAS message classes write and read them: proleptic Gregorian
 * calendar arithmetic, the three wire formats of Horde_ActiveSync_Message_Base
 * and a parser for the canonical forms clients send.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_MSGDATE_H
#define EAS_MSGDATE_H

#include <stddef.h>
#include <stdint.h>

/* Broken-down date and time. Fields may be out of range when handed to
 * eas_civil_normalize(), which rolls them over as PHP's DateTime::setDate()
 * and setTime() do (month 13 is January of the next year, day 0 the last
 * day of the month before, ...). */
typedef struct eas_civil {
    int64_t year;
    int64_t month;
    int64_t day;
    int64_t hour;
    int64_t minute;
    int64_t second;
} eas_civil;

/* Days from 1970-01-01 to year-month-day (month 1..12, day 1..31). */
int64_t eas_days_from_civil(int64_t year, int64_t month, int64_t day);

/* The date of a day count from 1970-01-01. */
void eas_civil_from_days(int64_t days, int64_t *year, int64_t *month, int64_t *day);

/* Seconds from 1970-01-01T00:00:00 to the fields read as UTC, overflowing
 * fields rolled over. 0 on success, -1 when the result would not fit. */
int eas_civil_to_seconds(const eas_civil *c, int64_t *seconds);

/* The fields of a second count from 1970-01-01T00:00:00. */
void eas_civil_from_seconds(int64_t seconds, eas_civil *c);

/* Rolls out-of-range fields over. -1 when the date is out of range. */
int eas_civil_normalize(eas_civil *c);

/* Day of the week, 0 = Sunday. */
int eas_civil_weekday(const eas_civil *c);

typedef enum {
    EAS_DATE_COMPACT,   /* 20260302T093000Z          (TYPE_DATE)        */
    EAS_DATE_DASHES     /* 2026-03-02T09:30:00.000Z  (TYPE_DATE_DASHES, TYPE_DATE_LOCAL) */
} eas_date_format;

#define EAS_DATE_TEXT_MAX 48

/* Writes the fields (already normalized) in a wire format, as PHP's
 * date('Y') writes years: at least four digits, '-' before negative years.
 * Returns the length; out holds at least EAS_DATE_TEXT_MAX bytes. */
size_t eas_date_format_text(const eas_civil *c, eas_date_format format, char *out);

/*
 * Recognizes the UTC forms EAS clients send and Horde_Date reads without
 * falling back to PHP's date parser:
 *   YYYYMMDDTHHMMSSZ
 *   YYYY-MM-DDTHH:MM:SS[.fraction]Z
 * Returns 1 and the fields when text is exactly one of them, else 0 (the
 * caller then takes Horde's general path).
 */
int eas_date_parse_utc(const char *text, size_t len, eas_civil *out);

#endif
