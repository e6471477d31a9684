#define _POSIX_C_SOURCE 200809L
/*
 * Raw tokenizing throughput of the C decoder on files given as arguments,
 * each decoded from memory repeatedly for about a second.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mem_io.h"
#include "../../src/wbxml/eas_wbxml_reader.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t tokenize(const unsigned char *data, size_t len)
{
    mem_source m;
    eas_wbxml_reader *r = eas_wbxml_reader_new(&eas_libc_allocator, mem_source_init(&m, data, len, 0), NULL);
    eas_wbxml_header h;
    eas_wbxml_token tok;
    size_t tokens = 0;

    eas_wbxml_reader_header(r, &h);
    while (eas_wbxml_reader_next(r, &tok) > 0) {
        tokens++;
    }
    if (eas_wbxml_reader_error(r)->code != EAS_OK) {
        fprintf(stderr, "%s\n", eas_wbxml_reader_error(r)->message);
        exit(1);
    }
    eas_wbxml_reader_free(r);
    return tokens;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        unsigned char *data;
        long len;
        size_t tokens = 0, runs = 0;
        double start, best = 1e9;

        if (!f || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0) {
            perror(argv[i]);
            return 1;
        }
        rewind(f);
        data = malloc((size_t)len);
        if (!data || fread(data, 1, (size_t)len, f) != (size_t)len) {
            perror(argv[i]);
            return 1;
        }
        fclose(f);
        start = now();
        while (now() - start < 1.0 || runs < 5) {
            double t = now();
            tokens = tokenize(data, (size_t)len);
            t = now() - t;
            if (t < best) {
                best = t;
            }
            runs++;
        }
        printf("C tokenizer    %-27s %8.1f MB/s (%zu tokens, %ld bytes)\n", "", len / best / 1e6, tokens, len);
        free(data);
    }
    return 0;
}
