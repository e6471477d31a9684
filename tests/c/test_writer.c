/*
 * The encoder: Horde's lazy start tags byte for byte, keep-alives, content
 * rules, and round trips through the decoder.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "test.h"
#include "mem_io.h"
#include "../../src/wbxml/eas_wbxml_reader.h"
#include "../../src/wbxml/eas_wbxml_writer.h"

static const eas_tag *T(const char *name)
{
    const eas_tag *t = eas_tag_by_name(name, strlen(name));
    if (!t) {
        fprintf(stderr, "no tag %s\n", name);
        abort();
    }
    return t;
}

#define BYTES_ARE(buf, lit) do { \
    test_checks++; \
    if ((buf).len != sizeof(lit) - 1 || memcmp((buf).data, lit, sizeof(lit) - 1) != 0) { \
        test_failures++; \
        fprintf(stderr, "%s:%d: output differs (%zu bytes):", __FILE__, __LINE__, (buf).len); \
        for (size_t i_ = 0; i_ < (buf).len; i_++) fprintf(stderr, " %02x", (buf).data[i_]); \
        fprintf(stderr, "\n"); \
    } \
} while (0)

TEST(flushed_document_matches_horde)
{
    eas_buf out;
    eas_wbxml_writer *w;

    eas_buf_init(&out, &eas_libc_allocator);
    w = eas_wbxml_writer_new(&eas_libc_allocator, buf_sink(&out), 0);
    CHECK(eas_wbxml_writer_header(w) == 0);
    CHECK(eas_wbxml_writer_flush(w) == 0);
    eas_wbxml_writer_start(w, T("Synchronize"), 0);
    eas_wbxml_writer_start(w, T("Status"), 0);
    eas_wbxml_writer_text(w, (const unsigned char *)"1", 1);
    CHECK(eas_wbxml_writer_flush(w) == 0);
    eas_wbxml_writer_end(w, NULL);
    eas_wbxml_writer_end(w, NULL);
    eas_wbxml_writer_flush(w);
    /* Horde 6 SyncStreamingTest::testFlushOutputKeepsStreamIntact */
    BYTES_ARE(out, "\x03\x01\x6a\x00\x45\x4e\x03" "1\x00\x01\x01");
    eas_wbxml_writer_free(w);
    eas_buf_free(&out);
}

TEST(empty_elements_leave_no_bytes)
{
    eas_buf out;
    eas_wbxml_writer *w;
    int written = -1;

    eas_buf_init(&out, &eas_libc_allocator);
    w = eas_wbxml_writer_new(&eas_libc_allocator, buf_sink(&out), 0);
    eas_wbxml_writer_start(w, T("Synchronize"), 0);
    eas_wbxml_writer_start(w, T("Folders"), 0);
    eas_wbxml_writer_text(w, (const unsigned char *)"", 0);
    eas_wbxml_writer_text(w, (const unsigned char *)"\0\0", 2);
    eas_wbxml_writer_end(w, &written);
    CHECK_EQ_INT(written, 0);
    eas_wbxml_writer_end(w, NULL);
    eas_wbxml_writer_flush(w);
    CHECK_EQ_INT(out.len, 0);
    CHECK_EQ_INT(eas_wbxml_writer_end(w, NULL), -1);
    CHECK_EQ_INT(eas_wbxml_writer_error(w)->code, EAS_ERR_STATE);
    eas_wbxml_writer_free(w);
    eas_buf_free(&out);
}

TEST(forced_empty_tags_and_pages)
{
    eas_buf out;
    eas_wbxml_writer *w;

    eas_buf_init(&out, &eas_libc_allocator);
    w = eas_wbxml_writer_new(&eas_libc_allocator, buf_sink(&out), 0);
    eas_wbxml_writer_header(w);
    eas_wbxml_writer_start(w, T("Synchronize"), 0);
    eas_wbxml_writer_start(w, T("Folders"), 0);
    eas_wbxml_writer_start(w, T("Folder"), 0);
    eas_wbxml_writer_start(w, T("MoreAvailable"), 1);
    eas_wbxml_writer_start(w, T("Commands"), 0);
    eas_wbxml_writer_start(w, T("Add"), 0);
    eas_wbxml_writer_start(w, T("Data"), 0);
    eas_wbxml_writer_start(w, T("POOMCONTACTS:FirstName"), 0);
    eas_wbxml_writer_text(w, (const unsigned char *)"J\0o", 3);
    eas_wbxml_writer_end(w, NULL);
    eas_wbxml_writer_start(w, T("AirSyncBase:Body"), 0);
    eas_wbxml_writer_start(w, T("AirSyncBase:Data"), 0);
    eas_wbxml_writer_opaque(w, (const unsigned char *)"b\0n", 3);
    for (int i = 0; i < 7; i++) {
        eas_wbxml_writer_end(w, NULL);
    }
    eas_wbxml_writer_flush(w);
    /* the same document Debian's Horde_ActiveSync_Wbxml_Encoder writes */
    BYTES_ARE(out, "\x03\x01\x6a\x00\x45\x5c\x4f\x14\x56\x47\x5d\x00\x01\x5f\x03Jo\x00\x01"
                   "\x00\x11\x4a\x4b\xc3\x03" "b\0n\x01\x01\x01\x01\x01\x01\x01");
    CHECK_EQ_INT(eas_wbxml_writer_page(w), 17);
    eas_wbxml_writer_free(w);
    eas_buf_free(&out);
}

TEST(keepalive)
{
    eas_buf out;
    eas_wbxml_writer *w;

    eas_buf_init(&out, &eas_libc_allocator);
    w = eas_wbxml_writer_new(&eas_libc_allocator, buf_sink(&out), 0);
    /* Before anything else: the header goes first, exactly once. */
    eas_wbxml_writer_keepalive(w);
    CHECK_EQ_INT(out.len, 6);
    eas_wbxml_writer_header(w);
    eas_wbxml_writer_start(w, T("Synchronize"), 0);
    eas_wbxml_writer_start(w, T("Status"), 0);
    eas_wbxml_writer_keepalive(w);          /* pending tags stay pending */
    eas_wbxml_writer_text(w, (const unsigned char *)"1", 1);
    eas_wbxml_writer_end(w, NULL);
    eas_wbxml_writer_keepalive(w);
    eas_wbxml_writer_end(w, NULL);
    eas_wbxml_writer_flush(w);
    BYTES_ARE(out, "\x03\x01\x6a\x00\x00\x00\x00\x00\x45\x4e\x03" "1\x00\x01\x00\x00\x01");

    /* On another page the keep-alive names that page. */
    out.len = 0;
    eas_wbxml_writer_start(w, T("Ping:Ping"), 1);
    eas_wbxml_writer_keepalive(w);
    eas_wbxml_writer_flush(w);
    BYTES_ARE(out, "\x00\x0d\x05\x00\x0d");
    eas_wbxml_writer_free(w);
    eas_buf_free(&out);
}

TEST(text_streams_and_opaque_lengths)
{
    eas_buf out;
    eas_wbxml_writer *w;

    eas_buf_init(&out, &eas_libc_allocator);
    w = eas_wbxml_writer_new(&eas_libc_allocator, buf_sink(&out), 0);
    eas_wbxml_writer_start(w, T("Status"), 0);
    eas_wbxml_writer_text_begin(w);         /* empty stream: still written */
    eas_wbxml_writer_text_end(w);
    eas_wbxml_writer_end(w, NULL);
    eas_wbxml_writer_start(w, T("Status"), 0);
    eas_wbxml_writer_text_begin(w);
    eas_wbxml_writer_text_chunk(w, (const unsigned char *)"a\0", 2);
    eas_wbxml_writer_text_chunk(w, (const unsigned char *)"\0b", 2);
    eas_wbxml_writer_text_end(w);
    eas_wbxml_writer_end(w, NULL);
    eas_wbxml_writer_start(w, T("Status"), 0);
    eas_wbxml_writer_opaque(w, (const unsigned char *)"", 0);
    eas_wbxml_writer_end(w, NULL);
    eas_wbxml_writer_start(w, T("Status"), 0);
    eas_wbxml_writer_opaque_begin(w, 200);
    for (int i = 0; i < 20; i++) {
        eas_wbxml_writer_raw(w, (const unsigned char *)"0123456789", 10);
    }
    eas_wbxml_writer_end(w, NULL);
    eas_wbxml_writer_flush(w);
    CHECK_EQ_INT(out.len, 4 + 6 + 4 + 205);
    CHECK(memcmp(out.data, "\x4e\x03\x00\x01\x4e\x03" "ab\x00\x01\x4e\xc3\x00\x01\x4e\xc3\x81\x48", 18) == 0);
    eas_wbxml_writer_free(w);
    eas_buf_free(&out);
}

TEST(eager_mode_mirrors_calls)
{
    eas_buf out;
    eas_wbxml_writer *w;

    eas_buf_init(&out, &eas_libc_allocator);
    w = eas_wbxml_writer_new(&eas_libc_allocator, buf_sink(&out), 0);
    eas_wbxml_writer_set_eager(w, 1);
    eas_wbxml_writer_start(w, T("Synchronize"), 0);
    eas_wbxml_writer_start(w, T("Folders"), 0);
    eas_wbxml_writer_end(w, NULL);
    eas_wbxml_writer_end(w, NULL);
    eas_wbxml_writer_flush(w);
    BYTES_ARE(out, "\x45\x5c\x01\x01");
    eas_wbxml_writer_free(w);
    eas_buf_free(&out);
}

TEST(small_buffer_and_large_writes)
{
    eas_buf out;
    eas_wbxml_writer *w;
    unsigned char big[1000];

    memset(big, 'q', sizeof(big));
    eas_buf_init(&out, &eas_libc_allocator);
    w = eas_wbxml_writer_new(&eas_libc_allocator, buf_sink(&out), 16);
    eas_wbxml_writer_start(w, T("Status"), 0);
    eas_wbxml_writer_text(w, big, sizeof(big));
    eas_wbxml_writer_end(w, NULL);
    eas_wbxml_writer_flush(w);
    CHECK_EQ_INT(out.len, 1 + 1 + 1000 + 1 + 1);
    CHECK_EQ_INT(eas_wbxml_writer_offset(w), 1004);
    eas_wbxml_writer_free(w);
    eas_buf_free(&out);
}

static int failing_write(void *ctx, const unsigned char *d, size_t n)
{
    (void)ctx; (void)d; (void)n;
    return -1;
}

TEST(sink_failure)
{
    eas_sink s = { failing_write, NULL };
    eas_wbxml_writer *w = eas_wbxml_writer_new(&eas_libc_allocator, s, 0);

    eas_wbxml_writer_header(w);
    CHECK_EQ_INT(eas_wbxml_writer_flush(w), -1);
    CHECK_EQ_INT(eas_wbxml_writer_error(w)->code, EAS_ERR_IO);
    CHECK_EQ_INT(eas_wbxml_writer_text(w, (const unsigned char *)"x", 1), -1);
    eas_wbxml_writer_free(w);
}

/* Random documents survive writer -> reader unchanged. */
static unsigned long rng_state = 12345;
static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((rng_state >> 33) % n);
}

TEST(random_round_trips)
{
    for (int round = 0; round < 300; round++) {
        eas_buf out, expect;
        eas_wbxml_writer *w;
        unsigned depth = 0;
        int steps = 1 + (int)rnd(200);

        eas_buf_init(&out, &eas_libc_allocator);
        eas_buf_init(&expect, &eas_libc_allocator);
        w = eas_wbxml_writer_new(&eas_libc_allocator, buf_sink(&out), 1 + rnd(100));
        eas_wbxml_writer_set_eager(w, 1);
        eas_wbxml_writer_header(w);
        for (int i = 0; i < steps; i++) {
            unsigned op = rnd(4);
            if (op == 0 || depth == 0) {
                const eas_tag *t = eas_tag_get(1 + rnd(EAS_TAG_COUNT));
                int empty = rnd(3) == 0;
                eas_wbxml_writer_start(w, t, empty);
                eas_buf_puts(&expect, t->name);
                eas_buf_puts(&expect, empty ? "/ " : "( ");
                depth += empty ? 0 : 1;
            } else if (op == 1) {
                eas_wbxml_writer_end(w, NULL);
                eas_buf_puts(&expect, ") ");
                depth--;
            } else if (op == 2) {
                char text[40];
                snprintf(text, sizeof(text), "v%u \xc3\xa9", rnd(100000));
                eas_wbxml_writer_text(w, (const unsigned char *)text, strlen(text));
                eas_buf_puts(&expect, text);
                eas_buf_puts(&expect, " ");
            } else {
                unsigned char bin[300];
                unsigned n = rnd(sizeof(bin));
                for (unsigned k = 0; k < n; k++) {
                    bin[k] = (unsigned char)rnd(256);
                }
                eas_wbxml_writer_opaque(w, bin, n);
                char item[32];
                snprintf(item, sizeof(item), "#%u ", n);
                eas_buf_puts(&expect, item);
            }
        }
        while (depth-- > 0) {
            eas_wbxml_writer_end(w, NULL);
            eas_buf_puts(&expect, ") ");
        }
        eas_wbxml_writer_flush(w);

        mem_source m;
        eas_wbxml_limits lim;
        eas_wbxml_limits_default(&lim);
        lim.buffer_size = 64 + rnd(200);
        eas_wbxml_reader *r = eas_wbxml_reader_new(&eas_libc_allocator,
                                                   mem_source_init(&m, out.data, out.len, rnd(50)), &lim);
        eas_wbxml_header h;
        eas_wbxml_token tok;
        eas_buf got;
        eas_buf_init(&got, &eas_libc_allocator);
        CHECK_EQ_INT(eas_wbxml_reader_header(r, &h), 1);
        for (;;) {
            eas_wbxml_token_kind k = eas_wbxml_reader_next(r, &tok);
            char item[64];
            if (k <= 0) {
                CHECK_EQ_INT(k, EAS_WBXML_TOK_EOF);
                break;
            }
            if (k == EAS_WBXML_TOK_START) {
                eas_buf_puts(&got, tok.tag->name);
                eas_buf_puts(&got, tok.has_content ? "( " : "/ ");
            } else if (k == EAS_WBXML_TOK_END) {
                eas_buf_puts(&got, ") ");
            } else if (k == EAS_WBXML_TOK_TEXT) {
                eas_buf_append(&got, tok.data, tok.len);
                eas_buf_puts(&got, " ");
            } else {
                size_t total = tok.len;
                if (tok.streamed) {
                    unsigned char tmp[77];
                    long n;
                    total = 0;
                    while ((n = eas_wbxml_reader_read_opaque(r, tmp, sizeof(tmp))) > 0) {
                        total += (size_t)n;
                    }
                }
                snprintf(item, sizeof(item), "#%zu ", total);
                eas_buf_puts(&got, item);
            }
        }
        CHECK(got.len == expect.len && memcmp(got.data, expect.data, got.len) == 0);
        eas_wbxml_reader_free(r);
        eas_wbxml_writer_free(w);
        eas_buf_free(&got);
        eas_buf_free(&out);
        eas_buf_free(&expect);
    }
}

/* Every tag of every page: written with content and empty, read back. */
TEST(every_tag_round_trips)
{
    eas_buf out;
    eas_wbxml_writer *w;

    eas_buf_init(&out, &eas_libc_allocator);
    w = eas_wbxml_writer_new(&eas_libc_allocator, buf_sink(&out), 0);
    eas_wbxml_writer_header(w);
    eas_wbxml_writer_start(w, T("Synchronize"), 0);
    for (unsigned id = 1; id <= EAS_TAG_COUNT; id++) {
        const eas_tag *t = eas_tag_get(id);
        eas_wbxml_writer_start(w, t, 0);
        eas_wbxml_writer_text(w, (const unsigned char *)t->name, t->name_len);
        eas_wbxml_writer_end(w, NULL);
        eas_wbxml_writer_start(w, t, 1);
    }
    eas_wbxml_writer_end(w, NULL);
    eas_wbxml_writer_flush(w);

    mem_source m;
    eas_wbxml_reader *r = eas_wbxml_reader_new(&eas_libc_allocator, mem_source_init(&m, out.data, out.len, 0), NULL);
    eas_wbxml_header h;
    eas_wbxml_token tok;
    CHECK_EQ_INT(eas_wbxml_reader_header(r, &h), 1);
    CHECK_EQ_INT(eas_wbxml_reader_next(r, &tok), EAS_WBXML_TOK_START);
    for (unsigned id = 1; id <= EAS_TAG_COUNT; id++) {
        const eas_tag *t = eas_tag_get(id);
        CHECK_EQ_INT(eas_wbxml_reader_next(r, &tok), EAS_WBXML_TOK_START);
        CHECK(tok.tag == t && tok.has_content);
        CHECK_EQ_INT(eas_wbxml_reader_next(r, &tok), EAS_WBXML_TOK_TEXT);
        CHECK(tok.len == t->name_len && memcmp(tok.data, t->name, tok.len) == 0);
        CHECK_EQ_INT(eas_wbxml_reader_next(r, &tok), EAS_WBXML_TOK_END);
        CHECK(tok.tag == t);
        CHECK_EQ_INT(eas_wbxml_reader_next(r, &tok), EAS_WBXML_TOK_START);
        CHECK(tok.tag == t && !tok.has_content);
    }
    CHECK_EQ_INT(eas_wbxml_reader_next(r, &tok), EAS_WBXML_TOK_END);
    CHECK_EQ_INT(eas_wbxml_reader_next(r, &tok), EAS_WBXML_TOK_EOF);
    eas_wbxml_reader_free(r);
    eas_wbxml_writer_free(w);
    eas_buf_free(&out);
}

RUN_SUITE("writer", every_tag_round_trips, flushed_document_matches_horde, empty_elements_leave_no_bytes, forced_empty_tags_and_pages,
          keepalive, text_streams_and_opaque_lengths, eager_mode_mirrors_calls, small_buffer_and_large_writes,
          sink_failure, random_round_trips)
