/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "test.h"
#include "../../src/common/eas_utf8.h"

#define VALID(s) CHECK_EQ_INT(eas_utf8_valid_prefix((const unsigned char *)(s), sizeof(s) - 1), sizeof(s) - 1)
#define BAD_AT(s, at) CHECK_EQ_INT(eas_utf8_valid_prefix((const unsigned char *)(s), sizeof(s) - 1), at)

TEST(valid_text)
{
    VALID("");
    VALID("plain ascii text that is longer than eight bytes");
    VALID("J\xc3\xb6rg");
    VALID("\xe2\x82\xac 100");
    VALID("\xf0\x9f\x98\x80 smile");
    VALID("\xef\xbf\xbd");
    VALID("\xf4\x8f\xbf\xbf");
}

TEST(invalid_text)
{
    BAD_AT("abc\x80", 3);
    BAD_AT("\xc0\xaf", 0);          /* overlong */
    BAD_AT("\xc1\xbf", 0);
    BAD_AT("\xe0\x80\xaf", 0);      /* overlong */
    BAD_AT("\xed\xa0\x80", 0);      /* surrogate */
    BAD_AT("\xf4\x90\x80\x80", 0);  /* above U+10FFFF */
    BAD_AT("\xf5\x80\x80\x80", 0);
    BAD_AT("ok\xc3", 2);            /* cut short */
    BAD_AT("0123456789\xe2\x82", 10);
    BAD_AT("\xff", 0);
    BAD_AT("12345678\xc3(", 8);
}

TEST(encode)
{
    unsigned char out[4];
    CHECK_EQ_INT(eas_utf8_encode(0x41, out), 1);
    CHECK_EQ_INT(eas_utf8_encode(0xf6, out), 2);
    CHECK(out[0] == 0xc3 && out[1] == 0xb6);
    CHECK_EQ_INT(eas_utf8_encode(0x20ac, out), 3);
    CHECK_EQ_INT(eas_utf8_encode(0x1f600, out), 4);
    CHECK_EQ_INT(eas_utf8_encode(0xd800, out), 0);
    CHECK_EQ_INT(eas_utf8_encode(0x110000, out), 0);
}

RUN_SUITE("utf8", valid_text, invalid_text, encode)
