/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The C library string and memory functions the hypervisor uses
 * (declared in xen/string.h) and the simple_strto*() number parsers
 * (xen/lib.h). Plain portable C: the copy and fill loops move a word at a
 * time when both pointers allow it. Nothing here allocates or locks.
 */
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/types.h>

/*
 * GCC may turn a copy or fill loop into a call to memcpy()/memset(),
 * which inside memcpy()/memset() themselves would recurse forever.
 */
#define no_libcall \
    __attribute__((__optimize__("no-tree-loop-distribute-patterns")))

typedef unsigned long __attribute__((__may_alias__)) word_t;
#define WORD_SIZE   sizeof(word_t)
#define WORD_MASK   (WORD_SIZE - 1)

static inline bool both_aligned(const void *a, const void *b)
{
    return !(((unsigned long)a | (unsigned long)b) & WORD_MASK);
}

no_libcall void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if ( both_aligned(d, s) )
        for ( ; n >= WORD_SIZE; n -= WORD_SIZE )
        {
            *(word_t *)d = *(const word_t *)s;
            d += WORD_SIZE;
            s += WORD_SIZE;
        }
    while ( n-- )
        *d++ = *s++;

    return dst;
}

no_libcall void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    /* Forward copy is safe unless dst overlaps the tail of src. */
    if ( d <= s || d >= s + n )
        return memcpy(dst, src, n);

    d += n;
    s += n;
    if ( both_aligned(d, s) )
        for ( ; n >= WORD_SIZE; n -= WORD_SIZE )
        {
            d -= WORD_SIZE;
            s -= WORD_SIZE;
            *(word_t *)d = *(const word_t *)s;
        }
    while ( n-- )
        *--d = *--s;

    return dst;
}

no_libcall void *memset(void *s, int c, size_t n)
{
    unsigned char *p = s;
    word_t w = (unsigned char)c * (~0UL / 0xff);   /* c in every byte */

    while ( n && ((unsigned long)p & WORD_MASK) )
    {
        *p++ = (unsigned char)c;
        n--;
    }
    for ( ; n >= WORD_SIZE; n -= WORD_SIZE, p += WORD_SIZE )
        *(word_t *)p = w;
    while ( n-- )
        *p++ = (unsigned char)c;

    return s;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for ( ; n; n--, x++, y++ )
        if ( *x != *y )
            return *x < *y ? -1 : 1;

    return 0;
}

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;

    for ( ; n; n--, p++ )
        if ( *p == (unsigned char)c )
            return (void *)p;

    return NULL;
}

size_t strlen(const char *s)
{
    const char *p = s;

    while ( *p )
        p++;

    return p - s;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while ( n < max && s[n] )
        n++;

    return n;
}

int strcmp(const char *a, const char *b)
{
    return strncmp(a, b, ~(size_t)0);
}

int strncmp(const char *a, const char *b, size_t n)
{
    for ( ; n; n--, a++, b++ )
    {
        unsigned char x = *a, y = *b;

        if ( x != y )
            return x < y ? -1 : 1;
        if ( !x )
            break;
    }

    return 0;
}

char *strchr(const char *s, int c)
{
    for ( ; ; s++ )
    {
        if ( *s == (char)c )
            return (char *)s;
        if ( !*s )
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;

    for ( ; ; s++ )
    {
        if ( *s == (char)c )
            last = s;
        if ( !*s )
            return (char *)last;
    }
}

char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);

    for ( ; ; haystack++ )
    {
        if ( !strncmp(haystack, needle, n) )
            return (char *)haystack;
        if ( !*haystack )
            return NULL;
    }
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);

    if ( size )
    {
        size_t n = len < size ? len : size - 1;

        memcpy(dst, src, n);
        dst[n] = '\0';
    }

    return len;
}

size_t strlcat(char *dst, const char *src, size_t size)
{
    size_t dlen = strnlen(dst, size);

    /* No NUL within size: nothing can be appended (as BSD strlcat). */
    if ( dlen == size )
        return size + strlen(src);

    return dlen + strlcpy(dst + dlen, src, size - dlen);
}

/* Value of digit c in bases up to 16, or 16 if c is not a digit. */
static unsigned int digit_value(char c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'f' )
        return c - 'a' + 10;
    if ( c >= 'A' && c <= 'F' )
        return c - 'A' + 10;
    return 16;
}

/*
 * Base 0 picks 16 for a "0x" prefix, 8 for a leading 0, else 10. The
 * prefix is only taken when a hex digit follows, so "0x" alone parses as 0
 * and stops at the 'x'. Overflow wraps, as in Xen; callers that care
 * (the command line parser) check for it themselves.
 */
unsigned long long simple_strtoull(const char *cp, const char **endp,
                                   unsigned int base)
{
    unsigned long long val = 0;
    unsigned int d;
    bool hex_prefix = cp[0] == '0' && (cp[1] == 'x' || cp[1] == 'X') &&
                      digit_value(cp[2]) < 16;

    if ( base == 0 )
        base = hex_prefix ? 16 : cp[0] == '0' ? 8 : 10;
    if ( base == 16 && hex_prefix )
        cp += 2;

    while ( (d = digit_value(*cp)) < base )
    {
        val = val * base + d;
        cp++;
    }

    if ( endp )
        *endp = cp;

    return val;
}

unsigned long simple_strtoul(const char *cp, const char **endp,
                             unsigned int base)
{
    return simple_strtoull(cp, endp, base);
}

long simple_strtol(const char *cp, const char **endp, unsigned int base)
{
    /* Negate as unsigned: "-9223372036854775808" must not overflow. */
    if ( *cp == '-' )
        return (long)-simple_strtoull(cp + 1, endp, base);

    return simple_strtoull(cp, endp, base);
}
