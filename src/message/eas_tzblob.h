/*
 * The EAS time zone blob (MS-ASDTYPE 2.6.4): a Windows
 * TIME_ZONE_INFORMATION structure, 172 bytes little-endian, sent base64
 * encoded in Calendar:Timezone and Email:TimeZone.
 *
 *   LONG Bias; WCHAR StandardName[32]; SYSTEMTIME StandardDate;
 *   LONG StandardBias; WCHAR DaylightName[32]; SYSTEMTIME DaylightDate;
 *   LONG DaylightBias;
 *
 * SYSTEMTIME is eight WORDs: year, month, day of week, day (the week of the
 * month for recurring transitions), hour, minute, second, milliseconds.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_TZBLOB_H
#define EAS_TZBLOB_H

#include <stddef.h>
#include <stdint.h>

#define EAS_TZBLOB_SIZE 172
#define EAS_TZBLOB_NAME 64

typedef struct eas_systemtime {
    uint16_t year;
    uint16_t month;
    uint16_t day_of_week;
    uint16_t day;
    uint16_t hour;
    uint16_t minute;
    uint16_t second;
    uint16_t millis;
} eas_systemtime;

typedef struct eas_tzblob {
    int32_t bias;
    unsigned char std_name[EAS_TZBLOB_NAME];
    eas_systemtime std_date;
    int32_t std_bias;
    unsigned char dst_name[EAS_TZBLOB_NAME];
    eas_systemtime dst_date;
    int32_t dst_bias;
} eas_tzblob;

/*
 * Reads a blob. Input shorter than 172 bytes reads as if padded with zero
 * bytes and longer input is cut; the return value says which: 0 exact,
 * 1 short, 2 long. A client's broken blob thus still yields offsets.
 */
int eas_tzblob_read(const unsigned char *in, size_t len, eas_tzblob *out);

/* Writes the 172 bytes. */
void eas_tzblob_write(const eas_tzblob *tz, unsigned char out[EAS_TZBLOB_SIZE]);

/* Length of a name field up to its first NUL byte (what PHP's unpack("Z64")
 * keeps: the first byte of a UTF-16LE name, in practice). */
size_t eas_tzblob_name_len(const unsigned char name[EAS_TZBLOB_NAME]);

#endif
