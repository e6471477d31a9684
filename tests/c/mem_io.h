/*
 * Memory sources and sinks for the tests: a source can hand out its bytes in
 * small pieces to exercise every buffer boundary.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_TEST_MEM_IO_H
#define EAS_TEST_MEM_IO_H

#include <stddef.h>

#include "../../src/common/eas_buf.h"
#include "../../src/wbxml/eas_wbxml.h"

typedef struct {
    const unsigned char *data;
    size_t len;
    size_t pos;
    size_t piece;   /* most bytes per read; 0 = no limit */
    int fail_at;    /* report an I/O error once pos reaches this (-1: never) */
} mem_source;

eas_source mem_source_init(mem_source *m, const void *data, size_t len, size_t piece);
eas_sink buf_sink(eas_buf *b);

#endif
