/*
 * Generates src/wbxml/eas_tags_data.h from src/wbxml/eas_tags.def: the tag
 * records with their full names, the token index and the name hash index.
 * Run by `make -C tests/c generate`; `make -C tests/c check-generated` fails
 * when the committed file is stale.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/wbxml/eas_tags.h"

#define HASH_SIZE 4096u
#define MAX_NAMES 4096u

typedef struct {
    const char *sym;
    unsigned number;
    const char *horde_ns;
    const char *spec_ns;
    const char *xmlns;
} page_row;

typedef struct {
    unsigned page_index;
    unsigned token;
    const char *sym;
    const char *horde;
    const char *spec;
    unsigned since, until, flags;
} tag_row;

typedef struct {
    unsigned tag;
    const char *name;
} alias_row;

static const page_row pages[] = {
#define EAS_PAGE(sym, number, horde_ns, spec_ns, xmlns) { #sym, number, horde_ns, spec_ns, xmlns },
#define EAS_TAG(...)
#define EAS_ALIAS(...)
#include "../src/wbxml/eas_tags.def"
#undef EAS_PAGE
#undef EAS_TAG
#undef EAS_ALIAS
};

/* Indexed by tag id; row 0 is the "no tag" sentinel. */
static const tag_row tags[] = {
    { 0, 0, NULL, NULL, NULL, 0, 0, 0 },
#define EAS_PAGE(...)
#define EAS_TAG(page, token, sym, horde, spec, since, until, flags) \
    { EAS_PIDX_##page, token, #sym, horde, spec, since, until, flags },
#define EAS_ALIAS(...)
#include "../src/wbxml/eas_tags.def"
#undef EAS_PAGE
#undef EAS_TAG
#undef EAS_ALIAS
};

static const alias_row aliases[] = {
#define EAS_PAGE(...)
#define EAS_TAG(...)
#define EAS_ALIAS(page, sym, name) { EAS_TAG_##page##_##sym, name },
#include "../src/wbxml/eas_tags.def"
#undef EAS_PAGE
#undef EAS_TAG
#undef EAS_ALIAS
};

typedef struct {
    char *name;
    unsigned tag;
} name_entry;

static name_entry names[MAX_NAMES];
static unsigned name_count;
static unsigned hash_slots[HASH_SIZE];

static char *join(const char *ns, const char *local)
{
    size_t a = strlen(ns), b = strlen(local);
    char *s = malloc(a + b + 2);
    if (!s) {
        perror("malloc");
        exit(1);
    }
    if (a) {
        memcpy(s, ns, a);
        s[a++] = ':';
    }
    memcpy(s + a, local, b + 1);
    return s;
}

/* Adds a lookup name; the same name for the same tag is fine, for another
 * tag it is an ambiguity in the table and stops the build. */
static void add_name(char *name, unsigned tag)
{
    size_t len = strlen(name);
    unsigned slot = eas_tag_name_hash(name, len) & (HASH_SIZE - 1);

    while (hash_slots[slot]) {
        name_entry *e = &names[hash_slots[slot] - 1];
        if (strcmp(e->name, name) == 0) {
            if (e->tag != tag) {
                fprintf(stderr, "gen_tags: name %s is given to tags %s and %s\n",
                        name, tags[e->tag].sym, tags[tag].sym);
                exit(1);
            }
            free(name);
            return;
        }
        slot = (slot + 1) & (HASH_SIZE - 1);
    }
    if (name_count == MAX_NAMES) {
        fprintf(stderr, "gen_tags: too many names\n");
        exit(1);
    }
    names[name_count].name = name;
    names[name_count].tag = tag;
    hash_slots[slot] = ++name_count;
}

static void print_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') {
            putchar('\\');
        }
        putchar(*s);
    }
    putchar('"');
}

int main(void)
{
    const unsigned page_count = sizeof(pages) / sizeof(pages[0]);
    const unsigned tag_rows = sizeof(tags) / sizeof(tags[0]);
    const unsigned alias_count = sizeof(aliases) / sizeof(aliases[0]);
    static unsigned by_token[EAS_PAGE_COUNT][64];
    unsigned page_by_number[256];

    if (page_count != EAS_PAGE_COUNT || tag_rows != EAS_TAG_END_) {
        fprintf(stderr, "gen_tags: table and enums disagree\n");
        return 1;
    }
    for (unsigned i = 0; i < 256; i++) {
        page_by_number[i] = 255;
    }
    for (unsigned p = 0; p < page_count; p++) {
        page_by_number[pages[p].number] = p;
    }

    for (unsigned id = 1; id < tag_rows; id++) {
        const tag_row *t = &tags[id];
        const page_row *p = &pages[t->page_index];

        if (t->token < 5 || t->token > 0x3f) {
            fprintf(stderr, "gen_tags: %s has token 0x%02x outside 0x05..0x3f\n", t->sym, t->token);
            return 1;
        }
        if (by_token[t->page_index][t->token]) {
            fprintf(stderr, "gen_tags: %s and %s share page %u token 0x%02x\n",
                    tags[by_token[t->page_index][t->token]].sym, t->sym, p->number, t->token);
            return 1;
        }
        by_token[t->page_index][t->token] = id;

        add_name(join(p->horde_ns, t->horde), id);
        add_name(join(p->spec_ns, t->spec), id);
        if (p->number == 0) {
            add_name(join("", t->spec), id);
        }
    }
    for (unsigned a = 0; a < alias_count; a++) {
        const page_row *p = &pages[tags[aliases[a].tag].page_index];
        add_name(join(p->horde_ns, aliases[a].name), aliases[a].tag);
        add_name(join(p->spec_ns, aliases[a].name), aliases[a].tag);
    }

    printf("/* Generated by tools/gen_tags.c from eas_tags.def. Do not edit. */\n\n");

    printf("static const eas_page_info eas_pages[EAS_PAGE_COUNT] = {\n");
    for (unsigned p = 0; p < page_count; p++) {
        printf("    { ");
        print_string(pages[p].horde_ns);
        printf(", ");
        print_string(pages[p].spec_ns);
        printf(", ");
        print_string(pages[p].xmlns);
        printf(", %u, %u },\n", pages[p].number, p);
    }
    printf("};\n\n");

    printf("static const uint8_t eas_page_index_by_number[256] = {\n");
    for (unsigned i = 0; i < 256; i++) {
        printf("%s%3u,%s", i % 16 == 0 ? "    " : " ", page_by_number[i], i % 16 == 15 ? "\n" : "");
    }
    printf("};\n\n");

    printf("static const eas_tag eas_tags[EAS_TAG_END_] = {\n");
    printf("    { NULL, NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },\n");
    for (unsigned id = 1; id < tag_rows; id++) {
        const tag_row *t = &tags[id];
        const page_row *p = &pages[t->page_index];
        char *full = join(p->horde_ns, t->horde);
        size_t ns_len = p->horde_ns[0] ? strlen(p->horde_ns) + 1 : 0;

        printf("    { ");
        print_string(full);
        printf(", ");
        print_string(t->spec);
        printf(", %u, %u, %u, %u, %u, %u, 0x%02x, %u, %u, %u },\n",
               id, (unsigned)strlen(full), (unsigned)ns_len, (unsigned)strlen(t->spec),
               p->number, t->page_index, t->token, t->since, t->until, t->flags);
        free(full);
    }
    printf("};\n\n");

    printf("static const uint16_t eas_tags_by_token[EAS_PAGE_COUNT][64] = {\n");
    for (unsigned p = 0; p < page_count; p++) {
        printf("    {");
        for (unsigned k = 0; k < 64; k++) {
            printf("%s%u%s", k % 16 == 0 ? "\n        " : " ", by_token[p][k], k == 63 ? "" : ",");
        }
        printf("\n    },\n");
    }
    printf("};\n\n");

    printf("#define EAS_NAME_HASH_SIZE %uu\n\n", HASH_SIZE);
    printf("static const struct { const char *name; uint16_t len; uint16_t tag; } eas_names[%u] = {\n", name_count);
    for (unsigned n = 0; n < name_count; n++) {
        printf("    { ");
        print_string(names[n].name);
        printf(", %u, %u },\n", (unsigned)strlen(names[n].name), names[n].tag);
    }
    printf("};\n\n");

    printf("/* Open addressing, linear probing; a slot holds index + 1 into eas_names. */\n");
    printf("static const uint16_t eas_name_hash[EAS_NAME_HASH_SIZE] = {\n");
    for (unsigned s = 0; s < HASH_SIZE; s++) {
        printf("%s%u,%s", s % 16 == 0 ? "    " : " ", hash_slots[s], s % 16 == 15 ? "\n" : "");
    }
    printf("};\n");

    for (unsigned n = 0; n < name_count; n++) {
        free(names[n].name);
    }
    return 0;
}
