/*
 * libFuzzer target for the native state format and sync-key parser.
 *
 * The input is checked as a whole frame, then re-framed with a valid
 * checksum so that the structure walker, not the checksum, sees the bytes;
 * a frame that validates must also read value by value to its end. The
 * input's first 64 bytes are parsed as a sync key.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <string.h>

#include "../../src/state/eas_pack.h"
#include "../../src/state/eas_synckey.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    eas_pack_writer w;
    eas_synckey key;
    eas_error err;
    char next[EAS_SYNCKEY_MAX + 1];

    memset(&err, 0, sizeof(err));
    (void)eas_pack_validate(data, size, &eas_libc_allocator, &err);

    memset(&err, 0, sizeof(err));
    if (eas_synckey_parse((const char *)data, size > 64 ? 64 : size, &key, &err) == EAS_SYNCKEY_VALID) {
        memset(&err, 0, sizeof(err));
        (void)eas_synckey_next(&key, next, sizeof(next), &err);
    }

    if (eas_pack_writer_init(&w, &eas_libc_allocator) == 0 && eas_buf_append(&w.out, data, size) == 0 &&
        eas_pack_finish(&w, 0) == 0) {
        memset(&err, 0, sizeof(err));
        (void)eas_pack_validate(w.out.data, w.out.len, &eas_libc_allocator, &err);
    }
    eas_pack_writer_free(&w);
    return 0;
}
