/*
 * libFuzzer target for the MIME structure scanner (what SendMail,
 * SmartReply and SmartForward hand to Horde_ActiveSync_Rfc822) and the body
 * text helpers.
 *
 * The first byte picks options (forced MIME, small limits); the rest is the
 * document. Every part must lie inside the document and inside its parent,
 * every field inside the value store; the text helpers must keep their
 * length promises.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/mail/eas_mime.h"
#include "../../src/mail/eas_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#include <stdio.h>

#define check(cond) do { \
    if (!(cond)) { \
        fprintf(stderr, "fuzz_mime.c:%d: %s\n", __LINE__, #cond); \
        abort(); \
    } \
} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    uint8_t opts = data[0];
    data++;
    size--;

    unsigned char *text = malloc(size ? size : 1);
    size_t len = eas_mime_eol_lf(data, size, text);
    check(len <= size);
    check(memchr(text, '\r', len) == NULL);

    eas_mime_doc doc;
    eas_error err;
    eas_mime_limits limits = { (opts & 2) ? 4 : 0, (opts & 4) ? 16 : 0 };
    memset(&err, 0, sizeof(err));
    eas_mime_doc_init(&doc, &eas_libc_allocator);
    if (eas_mime_scan(&doc, text, len, opts & 1, &limits, &err) == 0) {
        check(doc.nparts >= 1);
        for (size_t i = 0; i < doc.nparts; i++) {
            const eas_mime_part *p = &doc.parts[i];
            check(p->header_off + p->header_len <= len);
            check(p->body_off + p->body_len <= len);
            check(p->header_off <= p->body_off);
            check(memchr(p->type, 0, sizeof(p->type)) != NULL);
            if (p->parent >= 0) {
                const eas_mime_part *up = &doc.parts[p->parent];
                check((size_t)p->parent < i);
                check(p->header_off >= up->body_off && p->body_off + p->body_len <= up->body_off + up->body_len);
                check(p->depth == up->depth + 1);
            }
            if (p->has_boundary) {
                check(p->boundary_off + p->boundary_len <= doc.values.len);
            }
            for (uint32_t k = 0; k < p->field_count; k++) {
                const eas_mime_field *f = &doc.fields[p->field_first + k];
                check(f->value_off + f->value_len <= doc.values.len);
                check(f->id < EAS_MIME_F_COUNT);
            }
        }
    } else {
        check(err.code == EAS_ERR_LIMIT || err.code == EAS_ERR_NOMEM);
    }
    eas_mime_doc_free(&doc);

    eas_buf out;
    eas_buf_init(&out, &eas_libc_allocator);
    check(eas_text_crlf(data, size, &out) == 0);
    check(out.len <= 2 * size);
    out.len = 0;
    check(eas_text_single_to_utf8((opts & 8) ? EAS_CHARSET_CP1252 : EAS_CHARSET_LATIN1, data, size, &out) == 0);
    check(eas_text_utf8_valid(out.data, out.len));
    eas_buf_free(&out);
    size_t cut = eas_text_utf8_prefix(data, size, opts);
    check(cut <= size && (opts == 0 || cut > 0 || size == 0));
    (void)eas_text_utf8_valid(data, size);
    free(text);
    return 0;
}
