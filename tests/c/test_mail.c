/*
 * The MIME scanner and the body text helpers of src/mail.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "test.h"
#include "../../src/mail/eas_mime.h"
#include "../../src/mail/eas_text.h"

static eas_mime_doc doc;
static eas_error err;

static int scan(const char *text, int forcemime)
{
    eas_mime_doc_free(&doc);
    eas_mime_doc_init(&doc, &eas_libc_allocator);
    memset(&err, 0, sizeof(err));
    return eas_mime_scan(&doc, (const unsigned char *)text, strlen(text), forcemime, NULL, &err);
}

static char *body(size_t i)
{
    static char out[4096];
    size_t n = doc.parts[i].body_len < sizeof(out) - 1 ? doc.parts[i].body_len : sizeof(out) - 1;
    memcpy(out, doc.text + doc.parts[i].body_off, n);
    out[n] = '\0';
    return out;
}

static char *field(size_t part, size_t k)
{
    static char out[512];
    const eas_mime_field *f = &doc.fields[doc.parts[part].field_first + k];
    snprintf(out, sizeof(out), "%.*s=%.*s", (int)f->name_len, f->name, (int)f->value_len,
             (const char *)doc.values.data + f->value_off);
    return out;
}

TEST(eol)
{
    unsigned char out[32];
    const char *in = "a\r\nb\rc\nd\r\r\ne";
    size_t n = eas_mime_eol_lf((const unsigned char *)in, strlen(in), out);
    CHECK_EQ_INT(n, 10);
    CHECK(memcmp(out, "a\nb\nc\nd\n\ne", n) == 0);
}

TEST(not_mime)
{
    CHECK_EQ_INT(scan("Subject: hi\nContent-Type: multipart/mixed; boundary=x\n\n--x\nbody\n--x--\n", 0), 0);
    CHECK_EQ_INT(doc.nparts, 1);
    CHECK_EQ_INT(doc.parts[0].mime, 0);
    CHECK_STR(doc.parts[0].type, "text/plain");
    CHECK_STR(body(0), "--x\nbody\n--x--\n");
}

TEST(multipart_mixed)
{
    const char *m = "MIME-Version: 1.0\nContent-Type: Multipart/Mixed;\n boundary=\"b1\"\n\npreamble\n"
                    "--b1\nContent-Type: text/plain; charset=utf-8\n\nhello\n"
                    "--b1\nContent-Type: application/pdf; name=a.pdf\nContent-Transfer-Encoding: base64\n\nAAAA\n"
                    "--b1--\nepilogue\n";
    CHECK_EQ_INT(scan(m, 0), 0);
    CHECK_EQ_INT(doc.nparts, 3);
    CHECK_STR(doc.parts[0].type, "multipart/mixed");
    CHECK_EQ_INT(doc.parts[0].kind, EAS_MIME_MULTIPART);
    CHECK_STR(field(0, 1), "Content-Type=Multipart/Mixed; boundary=\"b1\"");
    CHECK_STR(doc.parts[1].type, "text/plain");
    CHECK_EQ_INT(doc.parts[1].parent, 0);
    CHECK_STR(body(1), "hello");
    CHECK_STR(doc.parts[2].type, "application/pdf");
    CHECK_STR(body(2), "AAAA");
    CHECK_EQ_INT(doc.parts[2].field_count, 2);
    CHECK_STR(field(2, 1), "Content-Transfer-Encoding=base64");
}

TEST(nested_and_message)
{
    const char *m = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=out\n\n"
                    "--out\nContent-Type: multipart/alternative; boundary=in\n\n"
                    "--in\nContent-Type: text/plain\n\nplain\n--in\nContent-Type: text/html\n\n<p>x</p>\n--in--\n"
                    "--out\nContent-Type: message/rfc822\n\nSubject: inner\nContent-Type: text/plain\n\ninner body\n"
                    "--out--\n";
    CHECK_EQ_INT(scan(m, 0), 0);
    CHECK_EQ_INT(doc.nparts, 6);
    CHECK_STR(doc.parts[1].type, "multipart/alternative");
    CHECK_STR(doc.parts[2].type, "text/plain");
    CHECK_EQ_INT(doc.parts[2].parent, 1);
    CHECK_STR(doc.parts[3].type, "text/html");
    CHECK_STR(doc.parts[4].type, "message/rfc822");
    CHECK_EQ_INT(doc.parts[4].kind, EAS_MIME_MESSAGE);
    CHECK_STR(doc.parts[5].type, "text/plain");
    CHECK_EQ_INT(doc.parts[5].parent, 4);
    CHECK_STR(body(5), "inner body");
}

TEST(digest_defaults_to_message)
{
    CHECK_EQ_INT(scan("Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: a\n\nbody a\n--d--\n", 1), 0);
    CHECK_EQ_INT(doc.nparts, 3);
    CHECK_STR(doc.parts[1].type, "message/rfc822");
    CHECK_EQ_INT(doc.parts[1].header_len, 0);
    CHECK_STR(body(2), "body a");
}

TEST(broken_structures)
{
    /* no closing delimiter: the open part is dropped, as Horde drops it */
    CHECK_EQ_INT(scan("Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n\ncut", 1), 0);
    CHECK_EQ_INT(doc.nparts, 2);
    CHECK_STR(body(1), "one");
    /* a boundary string inside a line is text, not a delimiter */
    CHECK_EQ_INT(scan("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nsee --b here\n--b--\n", 1), 0);
    CHECK_EQ_INT(doc.nparts, 2);
    CHECK_STR(body(1), "see --b here");
    /* an empty part stays empty */
    CHECK_EQ_INT(scan("Content-Type: multipart/mixed; boundary=b\n\n--b\n--b\n\nnext\n--b--\n", 1), 0);
    CHECK_EQ_INT(doc.nparts, 3);
    CHECK_EQ_INT(doc.parts[1].body_len, 0);
    CHECK_STR(body(2), "next");
    /* multipart without a boundary has no children */
    CHECK_EQ_INT(scan("Content-Type: multipart/mixed\n\n--b\n\nx\n--b--\n", 1), 0);
    CHECK_EQ_INT(doc.nparts, 1);
    /* no blank line: everything is header */
    CHECK_EQ_INT(scan("Content-Type: text/plain", 1), 0);
    CHECK_EQ_INT(doc.parts[0].body_len, 0);
    /* a line "0" ends the header block, as in Horde */
    CHECK_EQ_INT(scan("X-A: 1\n0\nContent-Type: text/html\n\nb", 1), 0);
    CHECK_EQ_INT(doc.parts[0].field_count, 0);
    CHECK_STR(doc.parts[0].type, "text/plain");
    /* a type without a slash is application/octet-stream */
    CHECK_EQ_INT(scan("Content-Type: garbage\n\nb", 1), 0);
    CHECK_STR(doc.parts[0].type, "application/octet-stream");
}

TEST(content_type_parameters)
{
    char type[64];
    eas_buf out;
    size_t off = 0, len = 0;
    eas_buf_init(&out, &eas_libc_allocator);
#define CT(v) eas_mime_content_type(v, strlen(v), type, sizeof(type), &out, &off, &len)
#define BOUNDARY() (out.data ? (int)len : 0), (out.data ? (const char *)out.data + off : "")
    CHECK_EQ_INT(CT("multipart/mixed; boundary=\"a\\\"b (c)\" ; x=1"), 1);
    CHECK_STR(type, "multipart/mixed");
    CHECK(len == 7 && memcmp(out.data + off, "a\"b (c)", 7) == 0);
    out.len = 0;
    CHECK_EQ_INT(CT("MULTIPART/related (comment); type=\"text/html\"; BOUNDARY=z-1; boundary=z-2"), 1);
    CHECK_STR(type, "multipart/related (comment)");
    CHECK(len == 3 && memcmp(out.data + off, "z-2", 3) == 0);
    out.len = 0;
    CHECK_EQ_INT(CT("multipart/mixed; boundary=\"unterminated"), 0);
    CHECK_EQ_INT(CT("multipart/mixed; (unterminated comment boundary=x"), 0);
    CHECK_EQ_INT(CT("multipart/mixed; boundary*=utf-8''x"), 0);
    /* an unquoted slash ends the parameters, as in Horde */
    CHECK_EQ_INT(CT("multipart/related; type=text/html; boundary=x"), 0);
    CHECK_EQ_INT(CT("boundary=x"), 1);
    CHECK_STR(type, "application/octet-stream");
    eas_buf_free(&out);
#undef CT
#undef BOUNDARY
}

TEST(limits)
{
    /* deep nesting stops reading children; too many parts is an error */
    char *m = malloc(200000);
    size_t n = 0;
    for (int i = 0; i < 300; i++) {
        n += (size_t)sprintf(m + n, "Content-Type: message/rfc822\n\n");
    }
    m[n] = '\0';
    CHECK_EQ_INT(scan(m, 1), 0);
    CHECK_EQ_INT(doc.nparts, EAS_MIME_DEFAULT_MAX_DEPTH + 1);
    n = (size_t)sprintf(m, "Content-Type: multipart/mixed; boundary=b\n\n");
    for (int i = 0; i < EAS_MIME_DEFAULT_MAX_PARTS + 5; i++) {
        n += (size_t)sprintf(m + n, "--b\n\nx\n");
    }
    (void)sprintf(m + n, "--b--\n");
    CHECK_EQ_INT(scan(m, 1), -1);
    CHECK_EQ_INT(err.code, EAS_ERR_LIMIT);
    free(m);
}

TEST(folding)
{
    CHECK_EQ_INT(scan("Content-Description: one\n\t two  \n  three \nSubject: x\n  y\nContent-ID:<a@b>\n\n", 1), 0);
    CHECK_EQ_INT(doc.parts[0].field_count, 2);
    CHECK_STR(field(0, 0), "Content-Description=one two   three");
    CHECK_STR(field(0, 1), "Content-ID=<a@b>");
}

TEST(crlf)
{
    eas_buf out;
    eas_buf_init(&out, &eas_libc_allocator);
    const char *in = "a\nb\r\nc\rd\r\r\ne\r";
    CHECK_EQ_INT(eas_text_crlf((const unsigned char *)in, strlen(in), &out), 0);
    CHECK(out.len == 15 && memcmp(out.data, "a\r\nb\r\nc\r\nd\r\n\r\ne", 15) == 0);
    eas_buf_free(&out);
}

TEST(truncation)
{
    const unsigned char *s = (const unsigned char *)"a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80z";
    CHECK_EQ_INT(eas_text_utf8_prefix(s, 11, 0), 0);
    CHECK_EQ_INT(eas_text_utf8_prefix(s, 11, 1), 1);
    CHECK_EQ_INT(eas_text_utf8_prefix(s, 11, 2), 3);
    CHECK_EQ_INT(eas_text_utf8_prefix(s, 11, 3), 6);
    CHECK_EQ_INT(eas_text_utf8_prefix(s, 11, 4), 10);
    CHECK_EQ_INT(eas_text_utf8_prefix(s, 11, 99), 11);
    /* broken text counts as mbstring counts it: by the lead byte */
    CHECK_EQ_INT(eas_text_utf8_prefix((const unsigned char *)"\xe9" "ab", 3, 1), 3);
    CHECK_EQ_INT(eas_text_utf8_prefix((const unsigned char *)"\x80\xc0\xf5" "a", 4, 3), 3);
    CHECK_EQ_INT(eas_text_utf8_prefix((const unsigned char *)"a\xf0\x9f", 3, 2), 3);
}

TEST(charsets)
{
    eas_buf out;
    eas_buf_init(&out, &eas_libc_allocator);
    CHECK_EQ_INT(eas_text_charset("UTF-8", 5), EAS_CHARSET_UTF8);
    CHECK_EQ_INT(eas_text_charset("Windows-1252", 12), EAS_CHARSET_CP1252);
    CHECK_EQ_INT(eas_text_charset("koi8-r", 6), EAS_CHARSET_OTHER);
    CHECK_EQ_INT(eas_text_single_to_utf8(EAS_CHARSET_CP1252, (const unsigned char *)"\x80\x81\xe9", 3, &out), 0);
    CHECK(out.len == 7 && memcmp(out.data, "\xe2\x82\xac\xc2\x81\xc3\xa9", 7) == 0);
    out.len = 0;
    CHECK_EQ_INT(eas_text_single_to_utf8(EAS_CHARSET_LATIN1, (const unsigned char *)"\x80\xff", 2, &out), 0);
    CHECK(out.len == 4 && memcmp(out.data, "\xc2\x80\xc3\xbf", 4) == 0);
    CHECK(eas_text_utf8_valid((const unsigned char *)"0123456789abcdef\xc3\xa9", 18));
    CHECK(!eas_text_utf8_valid((const unsigned char *)"0123456789abcdef\xc3", 17));
    CHECK(!eas_text_utf8_valid((const unsigned char *)"\x80", 1));
    eas_buf_free(&out);
}

TEST(cleanup)
{
    eas_mime_doc_free(&doc);
    CHECK(doc.parts == NULL);
}

RUN_SUITE("mail", eol, not_mime, multipart_mixed, nested_and_message, digest_defaults_to_message, broken_structures,
          content_type_parameters, limits, folding, crlf, truncation, charsets, cleanup)
