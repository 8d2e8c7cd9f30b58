/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Out-of-line bitmap helpers (xen/bitmap.h): setting and clearing ranges,
 * and the "0-3,5" list form used to print and parse CPU sets on the
 * console and command line. Not atomic; callers serialise.
 */
#include <xen/bitmap.h>
#include <xen/errno.h>
#include <xen/lib.h>

/* Mask of n bits starting at bit, for bit + n <= BITS_PER_LONG, n > 0. */
static unsigned long range_mask(unsigned int bit, unsigned int n)
{
    return (n == BITS_PER_LONG ? ~0UL : (1UL << n) - 1) << bit;
}

void bitmap_set(unsigned long *map, unsigned int start, unsigned int len)
{
    while ( len )
    {
        unsigned int bit = start % BITS_PER_LONG;
        unsigned int n = min_t(unsigned int, len, BITS_PER_LONG - bit);

        map[BIT_WORD(start)] |= range_mask(bit, n);
        start += n;
        len -= n;
    }
}

void bitmap_clear(unsigned long *map, unsigned int start, unsigned int len)
{
    while ( len )
    {
        unsigned int bit = start % BITS_PER_LONG;
        unsigned int n = min_t(unsigned int, len, BITS_PER_LONG - bit);

        map[BIT_WORD(start)] &= ~range_mask(bit, n);
        start += n;
        len -= n;
    }
}

int bitmap_scnlistprintf(char *buf, unsigned int size,
                         const unsigned long *map, unsigned int nbits)
{
    unsigned int first, last, len = 0;

    if ( size )
        buf[0] = '\0';

    for ( first = find_first_bit(map, nbits); first < nbits;
          first = find_next_bit(map, nbits, last + 1) )
    {
        last = find_next_zero_bit(map, nbits, first + 1) - 1;
        len += scnprintf(buf + len, size - len, len ? ",%u" : "%u", first);
        if ( last > first )
            len += scnprintf(buf + len, size - len, "-%u", last);
    }

    return len;
}

/* Parse a decimal number at *s, advancing *s. -EINVAL if none is there. */
static int parse_uint(const char **s, unsigned int *val)
{
    const char *p = *s;
    unsigned long v = 0;

    if ( *p < '0' || *p > '9' )
        return -EINVAL;
    for ( ; *p >= '0' && *p <= '9'; p++ )
    {
        v = v * 10 + (*p - '0');
        if ( v > ~0U )
            return -ERANGE;
    }

    *s = p;
    *val = v;
    return 0;
}

int bitmap_parselist(const char *s, unsigned long *map, unsigned int nbits)
{
    unsigned int first, last;
    int rc;

    bitmap_zero(map, nbits);
    if ( !*s )
        return 0;

    for ( ; ; s++ )
    {
        rc = parse_uint(&s, &first);
        if ( rc )
            return rc;
        last = first;
        if ( *s == '-' )
        {
            s++;
            rc = parse_uint(&s, &last);
            if ( rc )
                return rc;
            if ( last < first )
                return -EINVAL;
        }
        if ( last >= nbits )
            return -ERANGE;
        bitmap_set(map, first, last - first + 1);

        if ( !*s )
            return 0;
        if ( *s != ',' )
            return -EINVAL;
    }
}
