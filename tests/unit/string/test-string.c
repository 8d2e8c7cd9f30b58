/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit test for xen/common/string.c. The file is included with the libc
 * names renamed (xen_memcpy...), so the test binary keeps glibc's own
 * versions to compare against; simple_strto*() keep their names. Buffers
 * come from malloc() at exact sizes so that ASan sees any overrun.
 * ("sources" names only the common stubs: the include below is the build.)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test.h"

#define memcpy  xen_memcpy
#define memmove xen_memmove
#define memset  xen_memset
#define memcmp  xen_memcmp
#define memchr  xen_memchr
#define strlen  xen_strlen
#define strnlen xen_strnlen
#define strcmp  xen_strcmp
#define strncmp xen_strncmp
#define strchr  xen_strchr
#define strrchr xen_strrchr
#define strstr  xen_strstr
#define strlcpy xen_strlcpy
#define strlcat xen_strlcat
#include "../../../xen/common/string.c"
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef memchr
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strchr
#undef strrchr
#undef strstr
#undef strlcpy
#undef strlcat

static int sign(int x)
{
    return (x > 0) - (x < 0);
}

static void fill_random(unsigned char *p, size_t n)
{
    while ( n-- )
        *p++ = rand();
}

/* Copies and fills at every small alignment and length pairing. */
static void test_mem_copy_fill(void)
{
    unsigned int bad = 0;

    for ( size_t len = 0; len < 40; len++ )
        for ( size_t so = 0; so < 9; so++ )
            for ( size_t dof = 0; dof < 9; dof++ )
            {
                unsigned char *src = malloc(so + len + 1);
                unsigned char *dst = malloc(dof + len + 1);
                unsigned char *ref = malloc(dof + len + 1);

                fill_random(src, so + len + 1);
                fill_random(dst, dof + len + 1);
                memcpy(ref, dst, dof + len + 1);
                memcpy(ref + dof, src + so, len);
                if ( xen_memcpy(dst + dof, src + so, len) != dst + dof ||
                     memcmp(dst, ref, dof + len + 1) )
                    bad++;

                memset(ref + dof, 0xa5, len);
                if ( xen_memset(dst + dof, 0xa5, len) != dst + dof ||
                     memcmp(dst, ref, dof + len + 1) )
                    bad++;
                free(src);
                free(dst);
                free(ref);
            }
    CHECK_EQ(bad, 0);
}

/* memmove with every overlap offset in both directions. */
static void test_memmove(void)
{
    unsigned char buf[96], ref[96];
    unsigned int bad = 0;

    for ( size_t len = 0; len < 40; len++ )
        for ( size_t from = 0; from < 28; from++ )
            for ( size_t to = 0; to < 28; to++ )
            {
                fill_random(buf, sizeof(buf));
                memcpy(ref, buf, sizeof(buf));
                memmove(ref + to, ref + from, len);
                if ( xen_memmove(buf + to, buf + from, len) != buf + to ||
                     memcmp(buf, ref, sizeof(buf)) )
                    bad++;
            }
    CHECK_EQ(bad, 0);
}

static void test_mem_compare_search(void)
{
    unsigned char a[32], b[32];
    unsigned int bad = 0;

    for ( unsigned int i = 0; i < 2000; i++ )
    {
        size_t n = rand() % sizeof(a);

        fill_random(a, sizeof(a));
        memcpy(b, a, sizeof(b));
        if ( n && (rand() & 1) )
            b[rand() % n] = rand();
        if ( sign(xen_memcmp(a, b, n)) != sign(memcmp(a, b, n)) )
            bad++;
        if ( xen_memchr(a, a[i % 32], n) != memchr(a, a[i % 32], n) )
            bad++;
    }
    CHECK_EQ(bad, 0);
    CHECK_EQ(xen_memcmp("\x80", "\x01", 1), 1);     /* bytes are unsigned */
    CHECK(xen_memchr("abc", 'z', 3) == NULL);
    CHECK(xen_memchr("ab\xff", 0x1ff, 3) != NULL);  /* c is converted */
}

static void test_str_basic(void)
{
    static const char *const strs[] = {
        "", "a", "b", "ab", "abc", "abd", "abcd", "\xff", "hello world",
        "hello", "world", "lo w", "o",
    };
    unsigned int bad = 0;

    for ( unsigned int i = 0; i < ARRAY_SIZE(strs); i++ )
    {
        const char *s = strs[i];
        char *copy = strdup(s);         /* exact size for ASan */

        if ( xen_strlen(copy) != strlen(s) )
            bad++;
        for ( size_t m = 0; m < 14; m++ )
            if ( xen_strnlen(copy, m) != strnlen(s, m) )
                bad++;
        for ( const char *c = "aolz\xff"; *c; c++ )
            if ( xen_strchr(copy, *c) != (*c && strchr(copy, *c)
                                          ? strchr(copy, *c) : NULL) ||
                 xen_strrchr(copy, *c) != strrchr(copy, *c) )
                bad++;
        if ( xen_strchr(copy, 0) != copy + strlen(s) ||
             xen_strrchr(copy, 0) != copy + strlen(s) )
            bad++;
        for ( unsigned int j = 0; j < ARRAY_SIZE(strs); j++ )
        {
            if ( sign(xen_strcmp(copy, strs[j])) != sign(strcmp(s, strs[j])) )
                bad++;
            for ( size_t n = 0; n < 6; n++ )
                if ( sign(xen_strncmp(copy, strs[j], n)) !=
                     sign(strncmp(s, strs[j], n)) )
                    bad++;
            if ( xen_strstr(copy, strs[j]) != strstr(copy, strs[j]) )
                bad++;
        }
        free(copy);
    }
    CHECK_EQ(bad, 0);
}

static void test_strlcpy_strlcat(void)
{
    char *buf;
    size_t n;

    for ( size_t size = 1; size < 8; size++ )
    {
        buf = malloc(size);
        n = xen_strlcpy(buf, "hello", size);
        CHECK_EQ(n, 5);
        CHECK_EQ(strlen(buf), size - 1 < 5 ? size - 1 : 5);
        CHECK(!strncmp(buf, "hello", strlen(buf)));
        free(buf);
    }
    CHECK_EQ(xen_strlcpy(NULL, "abc", 0), 3);

    buf = malloc(8);
    strcpy(buf, "ab");
    CHECK_EQ(xen_strlcat(buf, "cd", 8), 4);
    CHECK_STR(buf, "abcd");
    CHECK_EQ(xen_strlcat(buf, "efghij", 8), 10);
    CHECK_STR(buf, "abcdefg");
    CHECK_EQ(xen_strlcat(buf, "x", 8), 8);
    CHECK_STR(buf, "abcdefg");
    /* No NUL within size: nothing appended, size + strlen(src) returned. */
    CHECK_EQ(xen_strlcat(buf, "xyz", 4), 7);
    CHECK_STR(buf, "abcdefg");
    free(buf);
}

static void test_strto(void)
{
    const char *end;

    CHECK_EQ(simple_strtoul("1234", &end, 0), 1234);
    CHECK_EQ(*end, '\0');
    CHECK_EQ(simple_strtoul("0x1fz", &end, 0), 0x1f);
    CHECK_EQ(*end, 'z');
    CHECK_EQ(simple_strtoul("0X1F", &end, 16), 0x1f);
    CHECK_EQ(simple_strtoul("1f", &end, 16), 0x1f);
    CHECK_EQ(simple_strtoul("0755", &end, 0), 0755);
    CHECK_EQ(simple_strtoul("089", &end, 0), 0);    /* octal stops at 8 */
    CHECK_EQ(*end, '8');
    CHECK_EQ(simple_strtoul("089", &end, 10), 89);
    CHECK_EQ(simple_strtoul("0x", &end, 0), 0);     /* prefix needs digit */
    CHECK_EQ(*end, 'x');
    CHECK_EQ(simple_strtoul("0xg", &end, 16), 0);
    CHECK_EQ(*end, 'x');
    CHECK_EQ(simple_strtoul("abc", &end, 10), 0);
    CHECK_EQ(*end, 'a');
    CHECK_EQ(simple_strtoul("", &end, 0), 0);
    CHECK_EQ(simple_strtoul("101", NULL, 2), 5);
    CHECK_EQ(simple_strtoul("0", &end, 0), 0);
    CHECK_EQ(*end, '\0');
    CHECK(simple_strtoull("18446744073709551615", &end, 10) == ~0ULL);
    CHECK(simple_strtoull("0xffffffffffffffff", &end, 0) == ~0ULL);
    CHECK_EQ(simple_strtol("-42x", &end, 0), -42);
    CHECK_EQ(*end, 'x');
    CHECK_EQ(simple_strtol("-0x10", &end, 0), -16);
    CHECK_EQ(simple_strtol("77", &end, 8), 077);
    CHECK_EQ(simple_strtol("-9223372036854775808", &end, 10),
             (long)(1UL << 63));
}

int main(void)
{
    srand(1);
    test_mem_copy_fill();
    test_memmove();
    test_mem_compare_search();
    test_str_basic();
    test_strlcpy_strlcat();
    test_strto();
    return test_done();
}
