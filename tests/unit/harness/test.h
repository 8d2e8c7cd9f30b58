/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Minimal TAP harness for host unit tests. A test program calls
 * CHECK()/CHECK_EQ() any number of times and ends main() with
 * return test_done(); the output is TAP version 13, one "ok"/"not ok" line
 * per check, and the exit status is non-zero if any check failed.
 */
#ifndef TEST_HARNESS_H
#define TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

static unsigned int test_nr, test_failed;

static inline void test_report(int ok, const char *what, const char *file,
                               int line)
{
    test_nr++;
    if ( !ok )
        test_failed++;
    printf("%sok %u - %s%s", ok ? "" : "not ", test_nr, what,
           ok ? "\n" : "");
    if ( !ok )
        printf(" (%s:%d)\n", file, line);
}

#define CHECK(cond) test_report(!!(cond), #cond, __FILE__, __LINE__)

#define CHECK_EQ(a, b) do {                                               \
    long long _a = (long long)(a), _b = (long long)(b);                   \
    test_report(_a == _b, #a " == " #b, __FILE__, __LINE__);              \
    if ( _a != _b )                                                       \
        printf("#   got %lld (0x%llx), want %lld (0x%llx)\n",             \
               _a, (unsigned long long)_a, _b, (unsigned long long)_b);   \
} while ( 0 )

#define CHECK_STR(a, b) do {                                              \
    const char *_a = (a), *_b = (b);                                      \
    int _ok = _a && _b && !strcmp(_a, _b);                                \
    test_report(_ok, #a " == " #b, __FILE__, __LINE__);                   \
    if ( !_ok )                                                           \
        printf("#   got \"%s\", want \"%s\"\n", _a ? _a : "(null)",      \
               _b ? _b : "(null)");                                       \
} while ( 0 )

static inline int test_done(void)
{
    printf("1..%u\n", test_nr);
    if ( test_failed )
        printf("# %u of %u checks failed\n", test_failed, test_nr);
    return test_failed ? 1 : 0;
}

#endif /* TEST_HARNESS_H */
