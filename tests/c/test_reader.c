/*
 * The streaming decoder: tokens, buffer boundaries and every kind of bad
 * input, each ending in a precise error rather than a crash or a hang.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "test.h"
#include "mem_io.h"
#include "../../src/wbxml/eas_wbxml_reader.h"

#define HDR "\x03\x01\x6a\x00"

typedef struct {
    char trace[4096];
    char error[EAS_ERROR_MESSAGE_MAX];
    eas_status code;
    uint64_t offset;
    int header;
} decoded;

/* Decodes data, read `piece` bytes at a time, into a compact trace:
 * "<Synchronize" start with content, "<X/" empty start, ">" end,
 * "'abc'" text, "#3" opaque of 3 bytes. */
static void decode(const void *data, size_t len, size_t piece, int read_header,
                   const eas_wbxml_limits *limits, decoded *out)
{
    mem_source m;
    eas_wbxml_reader *r = eas_wbxml_reader_new(&eas_libc_allocator, mem_source_init(&m, data, len, piece), limits);
    eas_wbxml_token tok;
    size_t used = 0;

    memset(out, 0, sizeof(*out));
    out->header = -2;
    if (read_header) {
        eas_wbxml_header h;
        out->header = eas_wbxml_reader_header(r, &h);
    }
    while (out->header != -1) {
        eas_wbxml_token_kind k = eas_wbxml_reader_next(r, &tok);
        char item[600];
        if (k == EAS_WBXML_TOK_EOF || k == EAS_WBXML_TOK_ERROR) {
            break;
        }
        switch (k) {
        case EAS_WBXML_TOK_START:
            snprintf(item, sizeof(item), "<%s%s ", tok.tag->name, tok.has_content ? "" : "/");
            break;
        case EAS_WBXML_TOK_END:
            snprintf(item, sizeof(item), "> ");
            break;
        case EAS_WBXML_TOK_TEXT:
            snprintf(item, sizeof(item), "'%.*s' ", (int)(tok.len > 500 ? 500 : tok.len), (const char *)tok.data);
            break;
        default:
            if (tok.streamed) {
                unsigned char sink[1000];
                long n, total = 0;
                while ((n = eas_wbxml_reader_read_opaque(r, sink, sizeof(sink))) > 0) {
                    total += n;
                }
                snprintf(item, sizeof(item), "#%ld%s ", total, n < 0 ? "!" : "~");
            } else {
                snprintf(item, sizeof(item), "#%zu ", tok.len);
            }
            break;
        }
        if (used + strlen(item) < sizeof(out->trace)) {
            memcpy(out->trace + used, item, strlen(item) + 1);
            used += strlen(item);
        }
    }
    out->code = eas_wbxml_reader_error(r)->code;
    out->offset = eas_wbxml_reader_error(r)->offset;
    memcpy(out->error, eas_wbxml_reader_error(r)->message, sizeof(out->error));
    eas_wbxml_reader_free(r);
}

#define DECODE(lit, piece, hdr, out) decode(lit, sizeof(lit) - 1, piece, hdr, NULL, out)

static const char sync_doc[] =
    HDR "\x45\x5c\x4f\x4b\x03{abc}1\x00\x01\x14\x56\x47\x4d\x03" "1" "\x00\x01\x5d\x00\x01\x5f\x03Jo\x00\x01"
    "\x00\x11\x4a\x4b\xc3\x03xyz\x01\x01\x01\x01\x01\x01\x01\x01";

TEST(decodes_a_sync_response)
{
    decoded d;
    const char *want = "<Synchronize <Folders <Folder <SyncKey '{abc}1' > <MoreAvailable/ <Commands <Add "
                       "<ServerEntryId '1' > <Data <POOMCONTACTS:FirstName 'Jo' > <AirSyncBase:Body "
                       "<AirSyncBase:Data #3 > > > > > > > > ";

    for (size_t piece = 0; piece <= 7; piece++) {
        DECODE(sync_doc, piece, 1, &d);
        CHECK_EQ_INT(d.header, 1);
        CHECK_EQ_INT(d.code, EAS_OK);
        CHECK_STR(d.trace, want);
    }
}

TEST(headerless_fragment)
{
    decoded d;
    /* A message body as Horde's fixtures hold it: no header, and an END for
     * the element the caller already opened. */
    DECODE("\x00\x01\x5f\x03" "Ann\x00\x01\x69\x03" "Lee\x00\x01\x01", 0, 0, &d);
    CHECK_EQ_INT(d.code, EAS_OK);
    CHECK_STR(d.trace, "<POOMCONTACTS:FirstName 'Ann' > <POOMCONTACTS:LastName 'Lee' > > ");
}

TEST(not_wbxml)
{
    mem_source m;
    const char mime[] = "From: a@example.com\r\n\r\nhello";
    eas_wbxml_reader *r = eas_wbxml_reader_new(&eas_libc_allocator,
                                               mem_source_init(&m, mime, sizeof(mime) - 1, 0), NULL);
    eas_wbxml_header h;
    size_t len;
    const unsigned char *pending;

    CHECK_EQ_INT(eas_wbxml_reader_header(r, &h), 0);
    CHECK_EQ_INT(h.version, 'F');
    pending = eas_wbxml_reader_pending(r, &len);
    CHECK_EQ_INT(len, sizeof(mime) - 1);      /* nothing consumed */
    CHECK(memcmp(pending, mime, len) == 0);
    eas_wbxml_reader_free(r);

    decoded d;
    DECODE("", 0, 1, &d);
    CHECK_EQ_INT(d.header, 0);
    CHECK_EQ_INT(d.code, EAS_OK);
}

TEST(header_fields)
{
    mem_source m;
    /* public id 0 with a string index, charset 4, three-byte string table */
    const char doc[] = "\x03\x00\x02\x04\x03" "ab\x00" "\x45\x01";
    eas_wbxml_reader *r = eas_wbxml_reader_new(&eas_libc_allocator, mem_source_init(&m, doc, sizeof(doc) - 1, 0), NULL);
    eas_wbxml_header h;

    CHECK_EQ_INT(eas_wbxml_reader_header(r, &h), 1);
    CHECK_EQ_INT(h.public_id, 0);
    CHECK_EQ_INT(h.public_string, 2);
    CHECK_EQ_INT(h.charset, 4);
    CHECK_EQ_INT(h.string_table_len, 3);
    eas_wbxml_reader_free(r);
}

TEST(switch_to_active_page_is_a_no_op)
{
    decoded d;
    /* Horde 6 streams Sync with SWITCH_PAGE to the active page as keep-alive. */
    DECODE(HDR "\x00\x00\x45\x00\x00\x4e\x00\x00\x03" "1\x00\x00\x00\x01\x00\x00\x01\x00\x00", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_OK);
    CHECK_STR(d.trace, "<Synchronize <Status '1' > > ");
}

TEST(global_tokens_are_skipped)
{
    decoded d;
    /* EXT_I_0 "x", EXT_T_1 300, EXT_2, PI with attributes, then a tag. */
    DECODE(HDR "\x40x\x00\x81\x82\x2c\xc2\x43\x05\x03v\x00\x85\x01\x45\x01", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_OK);
    CHECK_STR(d.trace, "<Synchronize > ");
}

TEST(entities_become_utf8)
{
    decoded d;
    DECODE(HDR "\x45\x02\x81\x76\x02\x41\x01", 0, 1, &d);  /* U+00F6, U+0041 */
    CHECK_EQ_INT(d.code, EAS_OK);
    CHECK_STR(d.trace, "<Synchronize '\xc3\xb6' 'A' > ");

    DECODE(HDR "\x45\x02\x83\xb0\x00\x01", 0, 1, &d);      /* U+D800 */
    CHECK_EQ_INT(d.code, EAS_ERR_ENCODING);
    CHECK_CONTAINS(d.error, "ENTITY at byte 5");
}

TEST(rejects_what_eas_never_uses)
{
    decoded d;

    DECODE(HDR "\xc5\x01\x01", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_UNSUPPORTED);
    CHECK_CONTAINS(d.error, "attribute flag");
    CHECK_CONTAINS(d.error, "at byte 4");

    DECODE(HDR "\x45\x04\x00\x01", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_UNSUPPORTED);
    CHECK_CONTAINS(d.error, "LITERAL tag (0x04) at byte 5");

    DECODE(HDR "\x45\x44\x00", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_UNSUPPORTED);
    DECODE(HDR "\x45\x84\x00", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_UNSUPPORTED);
    DECODE(HDR "\x45\xc4\x00", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_UNSUPPORTED);

    DECODE(HDR "\x45\x83\x00\x01", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_UNSUPPORTED);
    CHECK_CONTAINS(d.error, "STR_T at byte 5");
}

TEST(unknown_pages_and_tags)
{
    decoded d;

    DECODE(HDR "\x00\x1a\x45\x01", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_UNKNOWN_PAGE);
    CHECK_CONTAINS(d.error, "code page 26");
    CHECK_CONTAINS(d.error, "byte 4");

    DECODE(HDR "\x45\x6a\x01\x01", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_UNKNOWN_TAG);
    CHECK_CONTAINS(d.error, "unknown tag 0x2a on code page 0 (AirSync) at byte 5");
    CHECK_EQ_INT(d.offset, 5);

    DECODE(HDR "\x00\x19\x5a\x01", 0, 1, &d);       /* Find 0x1a is unassigned */
    CHECK_EQ_INT(d.code, EAS_ERR_UNKNOWN_TAG);
}

TEST(truncation_reports_where)
{
    decoded d;

    DECODE(HDR "\x45\x4e\x03" "unfinished", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_TRUNCATED);
    CHECK_CONTAINS(d.error, "inside a string that started at byte 6");

    DECODE(HDR "\x45\x5c\x4f", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_TRUNCATED);
    CHECK_CONTAINS(d.error, "3 element(s) still open: Synchronize > Folders > Folder");

    DECODE(HDR "\x45\xc3\x05" "ab", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_TRUNCATED);
    CHECK_CONTAINS(d.error, "OPAQUE");

    DECODE(HDR "\x45\xc3", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_TRUNCATED);

    DECODE(HDR "\x45\x00", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_TRUNCATED);

    DECODE("\x03\x01\x6a", 0, 1, &d);
    CHECK_EQ_INT(d.header, -1);
    CHECK_EQ_INT(d.code, EAS_ERR_TRUNCATED);

    /* A fragment may end with elements open: that is the caller's call. */
    DECODE("\x45\x4e", 0, 0, &d);
    CHECK_EQ_INT(d.code, EAS_OK);
}

TEST(every_prefix_of_a_document_fails_cleanly)
{
    decoded d;
    for (size_t cut = 0; cut < sizeof(sync_doc) - 1; cut++) {
        decode(sync_doc, cut, 3, 1, NULL, &d);
        if (cut == 0) {
            CHECK_EQ_INT(d.header, 0);
        } else if (cut == 4) {
            CHECK_EQ_INT(d.code, EAS_OK);   /* a header and nothing else */
        } else {
            CHECK_EQ_INT(d.code, EAS_ERR_TRUNCATED);
            CHECK(d.offset <= cut);
        }
    }
}

TEST(unbalanced_end_in_a_document)
{
    decoded d;
    DECODE(HDR "\x45\x01\x01", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_SYNTAX);
    CHECK_CONTAINS(d.error, "END at byte 6 closes no open element");
}

TEST(mb_u_int32_overflow)
{
    decoded d;
    DECODE(HDR "\x45\xc3\x90\x80\x80\x80\x00", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_SYNTAX);
    CHECK_CONTAINS(d.error, "not a valid mb_u_int32");
    DECODE(HDR "\x45\xc3\xff\xff\xff\xff\xff\xff\xff\x7f", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_SYNTAX);
    DECODE("\x03\x81\x81\x81\x81\x81\x01", 0, 1, &d);
    CHECK_EQ_INT(d.header, -1);
    CHECK_EQ_INT(d.code, EAS_ERR_SYNTAX);
}

TEST(gigabyte_length_prefix)
{
    decoded d;
    eas_wbxml_limits lim;

    /* 1 GiB declared: over the default limit, refused before any allocation. */
    DECODE(HDR "\x45\xc3\x84\x80\x80\x80\x00" "tiny", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_LIMIT);
    CHECK_CONTAINS(d.error, "declares 1073741824 bytes");

    /* Within the limit but not there: streamed, then truncated. */
    eas_wbxml_limits_default(&lim);
    lim.max_opaque = (size_t)2 << 30;
    decode(HDR "\x45\xc3\x84\x80\x80\x80\x00" "tiny", 15, 0, 1, &lim, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_TRUNCATED);
    CHECK_CONTAINS(d.trace, "#4!");

    /* The string table is bounded too. */
    DECODE("\x03\x01\x6a\x8f\xff\xff\xff\x7f", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_LIMIT);
}

TEST(deep_nesting_is_bounded)
{
    size_t n = 100000;
    unsigned char *doc = malloc(4 + n);
    decoded d;

    memcpy(doc, HDR, 4);
    memset(doc + 4, 0x4f, n);   /* Folder, Folder, Folder, ... */
    decode(doc, 4 + n, 0, 1, NULL, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_LIMIT);
    CHECK_CONTAINS(d.error, "deeper than the limit of 256");
    free(doc);
}

TEST(long_strings_cross_buffers)
{
    eas_wbxml_limits lim;
    size_t n = 5000;
    unsigned char *doc = malloc(n + 16);
    decoded d;
    char expect[600];

    memcpy(doc, HDR "\x45\x03", 6);
    memset(doc + 6, 'x', n);
    memcpy(doc + 6 + n, "\x00\x01", 2);
    eas_wbxml_limits_default(&lim);
    lim.buffer_size = 64;
    decode(doc, n + 8, 7, 1, &lim, &d);
    CHECK_EQ_INT(d.code, EAS_OK);
    memset(expect, 'x', 500);
    expect[500] = 0;
    CHECK(strstr(d.trace, expect) != NULL);

    lim.max_string = 4999;
    decode(doc, n + 8, 0, 1, &lim, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_LIMIT);
    CHECK_CONTAINS(d.error, "string at byte 5 is longer than the limit of 4999 bytes");
    free(doc);
}

TEST(opaque_inline_and_streamed)
{
    eas_wbxml_limits lim;
    size_t n = 3000;
    unsigned char *doc = malloc(n + 16);
    decoded d;

    memcpy(doc, HDR "\x45\xc3\x97\x38", 8);     /* 3000 = 0x17 0x38 */
    memset(doc + 8, 0xab, n);
    doc[8 + n] = 0x01;
    eas_wbxml_limits_default(&lim);
    lim.buffer_size = 256;
    decode(doc, n + 9, 0, 1, &lim, &d);         /* larger than the buffer: streamed */
    CHECK_EQ_INT(d.code, EAS_OK);
    CHECK_STR(d.trace, "<Synchronize #3000~ > ");
    decode(doc, n + 9, 13, 1, &lim, &d);
    CHECK_STR(d.trace, "<Synchronize #3000~ > ");

    lim.buffer_size = 4096;
    decode(doc, n + 9, 5, 1, &lim, &d);         /* fits the buffer: inline */
    CHECK_STR(d.trace, "<Synchronize #3000 > ");
    free(doc);
}

TEST(unread_streamed_opaque_is_skipped)
{
    mem_source m;
    eas_wbxml_limits lim;
    size_t n = 1000;
    unsigned char *doc = malloc(n + 16);
    eas_wbxml_reader *r;
    eas_wbxml_header h;
    eas_wbxml_token tok;
    unsigned char part[10];

    memcpy(doc, HDR "\x45\xc3\x87\x68", 8);     /* 1000 */
    memset(doc + 8, 'z', n);
    memcpy(doc + 8 + n, "\x4e\x03ok\x00\x01\x01", 7);
    eas_wbxml_limits_default(&lim);
    lim.buffer_size = 128;
    r = eas_wbxml_reader_new(&eas_libc_allocator, mem_source_init(&m, doc, n + 15, 0), &lim);
    CHECK_EQ_INT(eas_wbxml_reader_header(r, &h), 1);
    CHECK_EQ_INT(eas_wbxml_reader_next(r, &tok), EAS_WBXML_TOK_START);
    CHECK_EQ_INT(eas_wbxml_reader_next(r, &tok), EAS_WBXML_TOK_OPAQUE);
    CHECK(tok.streamed);
    CHECK_EQ_INT(eas_wbxml_reader_read_opaque(r, part, sizeof(part)), 10);
    CHECK_EQ_INT(eas_wbxml_reader_next(r, &tok), EAS_WBXML_TOK_START);
    CHECK_STR(tok.tag->name, "Status");
    CHECK_EQ_INT(eas_wbxml_reader_next(r, &tok), EAS_WBXML_TOK_TEXT);
    CHECK(tok.len == 2 && memcmp(tok.data, "ok", 2) == 0);
    eas_wbxml_reader_free(r);
    free(doc);
}

TEST(invalid_utf8)
{
    decoded d;
    DECODE(HDR "\x45\x03" "ab\xc3(\x00\x01", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_ERR_ENCODING);
    CHECK_CONTAINS(d.error, "invalid UTF-8 in a string at byte 8");

    /* A document in another charset is passed through unchecked. */
    DECODE("\x03\x01\x04\x00\x45\x03" "caf\xe9\x00\x01", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_OK);

    /* Opaque data is binary. */
    DECODE(HDR "\x45\xc3\x02\xff\xfe\x01", 0, 1, &d);
    CHECK_EQ_INT(d.code, EAS_OK);
}

TEST(io_errors)
{
    mem_source m;
    eas_wbxml_reader *r = eas_wbxml_reader_new(&eas_libc_allocator,
                                               mem_source_init(&m, sync_doc, sizeof(sync_doc) - 1, 5), NULL);
    eas_wbxml_header h;
    eas_wbxml_token tok;
    eas_wbxml_token_kind k;

    m.fail_at = 10;
    CHECK_EQ_INT(eas_wbxml_reader_header(r, &h), 1);
    while ((k = eas_wbxml_reader_next(r, &tok)) > 0) {
    }
    CHECK_EQ_INT(k, EAS_WBXML_TOK_ERROR);
    CHECK_EQ_INT(eas_wbxml_reader_error(r)->code, EAS_ERR_IO);
    /* Errors are sticky. */
    CHECK_EQ_INT(eas_wbxml_reader_next(r, &tok), EAS_WBXML_TOK_ERROR);
    eas_wbxml_reader_free(r);
}

TEST(offsets)
{
    mem_source m;
    eas_wbxml_reader *r = eas_wbxml_reader_new(&eas_libc_allocator,
                                               mem_source_init(&m, sync_doc, sizeof(sync_doc) - 1, 3), NULL);
    eas_wbxml_header h;
    eas_wbxml_token tok;

    CHECK_EQ_INT(eas_wbxml_reader_header(r, &h), 1);
    CHECK_EQ_INT(eas_wbxml_reader_offset(r), 4);
    eas_wbxml_reader_next(r, &tok);
    CHECK_EQ_INT(tok.offset, 4);
    eas_wbxml_reader_next(r, &tok);
    CHECK_EQ_INT(tok.offset, 5);
    CHECK_EQ_INT(eas_wbxml_reader_depth(r), 2);
    CHECK_STR(eas_wbxml_reader_open_tag(r, 1)->name, "Folders");
    eas_wbxml_reader_free(r);
}

RUN_SUITE("reader", decodes_a_sync_response, headerless_fragment, not_wbxml, header_fields,
          switch_to_active_page_is_a_no_op, global_tokens_are_skipped, entities_become_utf8,
          rejects_what_eas_never_uses, unknown_pages_and_tags, truncation_reports_where,
          every_prefix_of_a_document_fails_cleanly, unbalanced_end_in_a_document, mb_u_int32_overflow,
          gigabyte_length_prefix, deep_nesting_is_bounded, long_strings_cross_buffers,
          opaque_inline_and_streamed, unread_streamed_opaque_is_skipped, invalid_utf8, io_errors, offsets)
