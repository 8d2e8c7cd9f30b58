/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit test for xen/common/vsprintf.c. The file is included here with its
 * public functions renamed (xen_snprintf...), so that the test can compare
 * it against glibc's snprintf over generated tables of formats whose C99
 * meaning both implement, then check the parts glibc does differently
 * (%p, %pS, NULL strings), truncation and the scnprintf return values.
 * ("sources" names only the common stubs: the include below is the build.)
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test.h"

#define vsnprintf   xen_vsnprintf
#define snprintf    xen_snprintf
#define vscnprintf  xen_vscnprintf
#define scnprintf   xen_scnprintf
#include "../../../xen/common/vsprintf.c"
#undef vsnprintf
#undef snprintf
#undef vscnprintf
#undef scnprintf

/* Two fake symbols: func_a at 0x1000 (0x40 bytes) and a long name. */
const char *symbols_lookup(unsigned long addr, unsigned long *symsize,
                           unsigned long *offset, char *namebuf)
{
    static const char long_name[] =
        "a_very_long_symbol_name_that_goes_on_and_on_for_quite_a_while_"
        "to_fill_most_of_the_name_buffer_kept_by_the_lookup_1234567";

    if ( addr >= 0x1000 && addr < 0x1040 )
    {
        *symsize = 0x40;
        *offset = addr - 0x1000;
        strcpy(namebuf, "func_a");
        return namebuf;
    }
    if ( addr >= 0x2000 && addr < 0x2100 )
    {
        *symsize = 0x100;
        *offset = addr - 0x2000;
        strcpy(namebuf, long_name);
        return namebuf;
    }
    return NULL;
}

static unsigned int nr_compared, nr_mismatch;

/* Format with both implementations and count any difference. */
static void compare(const char *fmt, ...)
{
    char a[512], b[512];
    va_list ap, ap2;
    int ra, rb;

    va_start(ap, fmt);
    va_copy(ap2, ap);
    ra = xen_vsnprintf(a, sizeof(a), fmt, ap);
    rb = vsnprintf(b, sizeof(b), fmt, ap2);
    va_end(ap2);
    va_end(ap);

    nr_compared++;
    if ( ra == rb && !memcmp(a, b, (size_t)rb + 1) )
        return;
    if ( nr_mismatch++ < 20 )
        printf("# fmt \"%s\": got \"%s\" (%d), glibc \"%s\" (%d)\n",
               fmt, a, ra, b, rb);
}

static const char *const lengths[] = {
    "hh", "h", "", "l", "ll", "z", "t", "j",
};

static const long long int_values[] = {
    0, 1, -1, 7, -8, 42, 127, -128, 255, 4095, 32767, -32768, 65535,
    INT_MAX, INT_MIN, UINT_MAX, 0x123456789abcdefLL, -1234567890123LL,
    LLONG_MAX, LLONG_MIN,
};

/* Pass v as the type the length modifier expects (after '*' args). */
#define PASS(fmt, nstar, w, p, arg) do {                           \
    if ( (nstar) == 0 )                                            \
        compare(fmt, arg);                                         \
    else if ( (nstar) == 1 )                                       \
        compare(fmt, (w) ? (w) : (p), arg);                        \
    else                                                           \
        compare(fmt, w, p, arg);                                   \
} while ( 0 )

static void compare_int(const char *fmt, unsigned int len, int nstar,
                        int w, int p, long long v)
{
    switch ( len )
    {
    case 0: case 1: case 2:
        PASS(fmt, nstar, w, p, (int)v);
        break;
    case 3:
        PASS(fmt, nstar, w, p, (long)v);
        break;
    case 4:
        PASS(fmt, nstar, w, p, v);
        break;
    case 5:
        PASS(fmt, nstar, w, p, (size_t)v);
        break;
    case 6:
        PASS(fmt, nstar, w, p, (ptrdiff_t)v);
        break;
    default:
        PASS(fmt, nstar, w, p, (intmax_t)v);
        break;
    }
}

/* Every flag combination x width x precision x length x d i u x X o. */
static void test_integers(void)
{
    static const char *const widths[] = { "", "1", "6", "25", "*", "*" };
    static const int wstar[] = { 0, 0, 0, 0, 9, -9 };
    static const char *const precs[] = { "", ".", ".0", ".1", ".4", ".22",
                                         ".*", ".*" };
    static const int pstar[] = { 0, 0, 0, 0, 0, 0, 3, -2 };
    static const char flags[] = "-0+ #";
    const char *conv;
    char fmt[32];

    for ( conv = "diuxXo"; *conv; conv++ )
    {
        unsigned int before = nr_mismatch;

        for ( unsigned int f = 0; f < 32; f++ )
            for ( unsigned int w = 0; w < ARRAY_SIZE(widths); w++ )
                for ( unsigned int p = 0; p < ARRAY_SIZE(precs); p++ )
                    for ( unsigned int l = 0; l < ARRAY_SIZE(lengths); l++ )
                    {
                        char fl[6] = "", *q = fl;
                        int nstar = (w >= 4) + (p >= 6);

                        for ( unsigned int i = 0; i < 5; i++ )
                            if ( f & (1U << i) )
                                *q++ = flags[i];
                        *q = '\0';
                        sprintf(fmt, "<%%%s%s%s%s%c>", fl, widths[w],
                                precs[p], lengths[l], *conv);
                        for ( unsigned int v = 0;
                              v < ARRAY_SIZE(int_values); v++ )
                            compare_int(fmt, l, nstar, wstar[w], pstar[p],
                                        int_values[v]);
                    }
        CHECK_EQ(nr_mismatch - before, 0);
    }
}

static void test_strings_chars(void)
{
    static const char *const strs[] = { "", "a", "hello", "tab\there",
                                        "a rather longer string of text" };
    static const char *const fmts[] = {
        "%s", "%10s", "%-10s", "%.0s", "%.3s", "%.40s", "%8.2s", "%-8.2s",
        "%*s", "%-*s", "%.*s", "[%s|%s]", "%1s", "%2.1s",
    };
    unsigned int before = nr_mismatch;

    for ( unsigned int s = 0; s < ARRAY_SIZE(strs); s++ )
        for ( unsigned int f = 0; f < ARRAY_SIZE(fmts); f++ )
        {
            if ( strchr(fmts[f], '*') )
            {
                compare(fmts[f], 7, strs[s]);
                compare(fmts[f], -7, strs[s]);
                compare(fmts[f], 2, strs[s]);
            }
            else
                compare(fmts[f], strs[s], strs[s]);
        }
    CHECK_EQ(nr_mismatch - before, 0);

    before = nr_mismatch;
    for ( const char *c = "aZ 0~"; *c; c++ )
    {
        compare("%c", *c);
        compare("%5c", *c);
        compare("%-5c|", *c);
        compare("%*c|", -3, *c);
        compare("x%cy%cz", *c, c[1] ? c[1] : '!');
    }
    compare("%%");
    compare("100%% sure, %d%%", 42);
    compare("%-5d|%5s|%c|%%|%x", -3, "ab", 'q', 255u);
    compare("plain text with no conversions");
    compare("");
    CHECK_EQ(nr_mismatch - before, 0);
}

static void test_pointers(void)
{
    char buf[256];
    int n;

    n = xen_snprintf(buf, sizeof(buf), "%p", (void *)0x1234abcdUL);
    CHECK_STR(buf, "0x000000001234abcd");
    CHECK_EQ(n, 18);
    xen_snprintf(buf, sizeof(buf), "%p", NULL);
    CHECK_STR(buf, "0x0000000000000000");
    xen_snprintf(buf, sizeof(buf), "%p", (void *)~0UL);
    CHECK_STR(buf, "0xffffffffffffffff");
    xen_snprintf(buf, sizeof(buf), "[%20p]", (void *)0xff);
    CHECK_STR(buf, "[  0x00000000000000ff]");
    xen_snprintf(buf, sizeof(buf), "[%-20p]", (void *)0xff);
    CHECK_STR(buf, "[0x00000000000000ff  ]");
    /* Only S and s are extensions; other letters stay literal. */
    xen_snprintf(buf, sizeof(buf), "%px", (void *)0x10);
    CHECK_STR(buf, "0x0000000000000010x");

    xen_snprintf(buf, sizeof(buf), "at %pS!", (void *)0x1010);
    CHECK_STR(buf, "at func_a+0x10/0x40!");
    xen_snprintf(buf, sizeof(buf), "%pS", (void *)0x1000);
    CHECK_STR(buf, "func_a+0/0x40");
    xen_snprintf(buf, sizeof(buf), "%ps()", (void *)0x103f);
    CHECK_STR(buf, "func_a()");
    xen_snprintf(buf, sizeof(buf), "[%-10ps]", (void *)0x1001);
    CHECK_STR(buf, "[func_a    ]");
    xen_snprintf(buf, sizeof(buf), "%pS", (void *)0x1040);
    CHECK_STR(buf, "0x0000000000001040");
    xen_snprintf(buf, sizeof(buf), "%ps", (void *)0xdead);
    CHECK_STR(buf, "0x000000000000dead");
    n = xen_snprintf(buf, sizeof(buf), "%pS", (void *)0x20ff);
    CHECK(n > 100);
    CHECK(!strncmp(buf, "a_very_long", 11));
    CHECK(!strcmp(buf + n - 11, "+0xff/0x100"));
}

/* xen_snprintf without the format check, for deliberately odd formats. */
static int raw_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = xen_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

static void test_misc(void)
{
    char buf[64];
    int n;

    raw_snprintf(buf, sizeof(buf), "%s|%.3s|%8s", (char *)NULL,
                 (char *)NULL, (char *)NULL);
    CHECK_STR(buf, "(null)|(nu|  (null)");

    /* Unknown conversions and %n are printed, never acted on. */
    n = 77;
    raw_snprintf(buf, sizeof(buf), "a%nb", &n);
    CHECK_STR(buf, "a%nb");
    CHECK_EQ(n, 77);
    raw_snprintf(buf, sizeof(buf), "%5y|%-3.2k|");
    CHECK_STR(buf, "%5y|%-3.2k|");
    n = raw_snprintf(buf, sizeof(buf), "end%");
    CHECK_STR(buf, "end%");
    CHECK_EQ(n, 4);
    n = raw_snprintf(buf, sizeof(buf), "end%-08");
    CHECK_STR(buf, "end%-08");

    /* Absurd widths are capped instead of overflowing. */
    n = raw_snprintf(buf, sizeof(buf), "%99999999999d", 1);
    CHECK_EQ(n, FIELD_MAX);
    n = raw_snprintf(NULL, 0, "%*d", INT_MIN, 1);
    CHECK_EQ(n, FIELD_MAX);
    n = raw_snprintf(buf, sizeof(buf), "%.*d", INT_MIN, 5);
    CHECK_STR(buf, "5");
}

/* Every buffer size around the output length, with exact heap buffers. */
static void test_truncation(void)
{
    const char *want = "value=-42 name=lamina ptr=0x00000000deadbeef!";
    size_t len = strlen(want);
    unsigned int bad = 0;

    for ( size_t size = 0; size <= len + 3; size++ )
    {
        char *buf = size ? malloc(size) : NULL;
        int n, sn;

        n = xen_snprintf(buf, size, "value=%d name=%s ptr=%p!", -42,
                         "lamina", (void *)0xdeadbeefUL);
        sn = xen_scnprintf(buf, size, "value=%d name=%s ptr=%p!", -42,
                           "lamina", (void *)0xdeadbeefUL);
        if ( n != (int)len )
            bad++;
        if ( sn != (int)(size ? (size - 1 < len ? size - 1 : len) : 0) )
            bad++;
        if ( size && (strlen(buf) != (size_t)sn ||
                      strncmp(buf, want, sn)) )
            bad++;
        free(buf);
    }
    CHECK_EQ(bad, 0);

    CHECK_EQ(xen_snprintf(NULL, 0, "%d", 12345), 5);
    CHECK_EQ(xen_scnprintf(NULL, 0, "%d", 12345), 0);
}

int main(void)
{
    test_integers();
    test_strings_chars();
    test_pointers();
    test_misc();
    test_truncation();
    printf("# compared %u formats against glibc, %u mismatches\n",
           nr_compared, nr_mismatch);
    return test_done();
}
