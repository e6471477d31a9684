/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "test.h"

int test_failures;
int test_checks;

int run_tests(const char *suite, const test_fn *tests, const char *const *names, size_t count)
{
    (void)names;
    for (size_t i = 0; i < count; i++) {
        int before = test_failures;
        tests[i]();
        if (test_failures != before) {
            fprintf(stderr, "%s: test %zu failed\n", suite, i + 1);
        }
    }
    printf("%s: %zu tests, %d checks, %d failures\n", suite, count, test_checks, test_failures);
    return test_failures ? 1 : 0;
}
