/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "eas_tzblob.h"

#include <string.h>

static int32_t get_le32(const unsigned char *p)
{
    uint32_t v = (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
    return (int32_t)v;
}

static uint16_t get_le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static void put_le32(unsigned char *p, int32_t value)
{
    uint32_t v = (uint32_t)value;
    p[0] = (unsigned char)(v & 0xff);
    p[1] = (unsigned char)((v >> 8) & 0xff);
    p[2] = (unsigned char)((v >> 16) & 0xff);
    p[3] = (unsigned char)((v >> 24) & 0xff);
}

static void put_le16(unsigned char *p, uint16_t v)
{
    p[0] = (unsigned char)(v & 0xff);
    p[1] = (unsigned char)(v >> 8);
}

static void read_systemtime(const unsigned char *p, eas_systemtime *t)
{
    t->year = get_le16(p);
    t->month = get_le16(p + 2);
    t->day_of_week = get_le16(p + 4);
    t->day = get_le16(p + 6);
    t->hour = get_le16(p + 8);
    t->minute = get_le16(p + 10);
    t->second = get_le16(p + 12);
    t->millis = get_le16(p + 14);
}

static void write_systemtime(unsigned char *p, const eas_systemtime *t)
{
    put_le16(p, t->year);
    put_le16(p + 2, t->month);
    put_le16(p + 4, t->day_of_week);
    put_le16(p + 6, t->day);
    put_le16(p + 8, t->hour);
    put_le16(p + 10, t->minute);
    put_le16(p + 12, t->second);
    put_le16(p + 14, t->millis);
}

int eas_tzblob_read(const unsigned char *in, size_t len, eas_tzblob *out)
{
    unsigned char buf[EAS_TZBLOB_SIZE];

    memset(buf, 0, sizeof(buf));
    memcpy(buf, in, len < sizeof(buf) ? len : sizeof(buf));
    out->bias = get_le32(buf);
    memcpy(out->std_name, buf + 4, EAS_TZBLOB_NAME);
    read_systemtime(buf + 68, &out->std_date);
    out->std_bias = get_le32(buf + 84);
    memcpy(out->dst_name, buf + 88, EAS_TZBLOB_NAME);
    read_systemtime(buf + 152, &out->dst_date);
    out->dst_bias = get_le32(buf + 168);
    return len == EAS_TZBLOB_SIZE ? 0 : (len < EAS_TZBLOB_SIZE ? 1 : 2);
}

void eas_tzblob_write(const eas_tzblob *tz, unsigned char out[EAS_TZBLOB_SIZE])
{
    put_le32(out, tz->bias);
    memcpy(out + 4, tz->std_name, EAS_TZBLOB_NAME);
    write_systemtime(out + 68, &tz->std_date);
    put_le32(out + 84, tz->std_bias);
    memcpy(out + 88, tz->dst_name, EAS_TZBLOB_NAME);
    write_systemtime(out + 152, &tz->dst_date);
    put_le32(out + 168, tz->dst_bias);
}

size_t eas_tzblob_name_len(const unsigned char name[EAS_TZBLOB_NAME])
{
    const unsigned char *nul = memchr(name, 0, EAS_TZBLOB_NAME);
    return nul ? (size_t)(nul - name) : EAS_TZBLOB_NAME;
}
