/*
 * A minimal test harness for the native core.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_TEST_H
#define EAS_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern int test_failures;
extern int test_checks;

#define CHECK(cond) do { \
    test_checks++; \
    if (!(cond)) { \
        test_failures++; \
        fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
    } \
} while (0)

#define CHECK_EQ_INT(a, b) do { \
    long long a_ = (long long)(a), b_ = (long long)(b); \
    test_checks++; \
    if (a_ != b_) { \
        test_failures++; \
        fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, #a, a_, b_); \
    } \
} while (0)

#define CHECK_STR(a, b) do { \
    const char *a_ = (a), *b_ = (b); \
    test_checks++; \
    if (!a_ || !b_ || strcmp(a_, b_) != 0) { \
        test_failures++; \
        fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a, \
                a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
    } \
} while (0)

#define CHECK_CONTAINS(hay, needle) do { \
    const char *h_ = (hay), *n_ = (needle); \
    test_checks++; \
    if (!h_ || !strstr(h_, n_)) { \
        test_failures++; \
        fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, __LINE__, h_ ? h_ : "(null)", n_); \
    } \
} while (0)

typedef void (*test_fn)(void);

#define TEST(name) static void name(void)

int run_tests(const char *suite, const test_fn *tests, const char *const *names, size_t count);

#define RUN_SUITE(suite, ...) \
    int main(void) { \
        static const test_fn fns[] = { __VA_ARGS__ }; \
        static const char *const names_[] = { #__VA_ARGS__ }; \
        return run_tests(suite, fns, names_, sizeof(fns) / sizeof(fns[0])); \
    }

#endif
