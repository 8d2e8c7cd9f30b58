/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fixed-size bitmaps: arrays of unsigned long holding nbits bits, as
 * declared with DECLARE_BITMAP(). Whole-map operations are inline here;
 * range set/clear, list printing ("0-3,5") and list parsing are in
 * common/bitmap.c. Bits at and above nbits in the last word are "don't
 * care": queries ignore them, bitmap_fill() and bitmap_complement() leave
 * them clear. None of these is atomic; see xen/bitops.h for that.
 */
#ifndef __XEN_BITMAP_H__
#define __XEN_BITMAP_H__

#include <xen/bitops.h>
#include <xen/types.h>

#define DECLARE_BITMAP(name, nbits) unsigned long name[BITS_TO_LONGS(nbits)]

/* The valid bits of the last word of an nbits map. */
#define BITMAP_LAST_WORD_MASK(nbits) \
    ((nbits) % BITS_PER_LONG ? (1UL << ((nbits) % BITS_PER_LONG)) - 1 : ~0UL)

static inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
    unsigned int k;

    for ( k = 0; k < BITS_TO_LONGS(nbits); k++ )
        dst[k] = 0;
}

static inline void bitmap_fill(unsigned long *dst, unsigned int nbits)
{
    unsigned int k, n = BITS_TO_LONGS(nbits);

    for ( k = 0; k < n; k++ )
        dst[k] = ~0UL;
    if ( n )
        dst[n - 1] = BITMAP_LAST_WORD_MASK(nbits);
}

static inline void bitmap_copy(unsigned long *dst, const unsigned long *src,
                               unsigned int nbits)
{
    unsigned int k;

    for ( k = 0; k < BITS_TO_LONGS(nbits); k++ )
        dst[k] = src[k];
}

static inline void bitmap_and(unsigned long *dst, const unsigned long *a,
                              const unsigned long *b, unsigned int nbits)
{
    unsigned int k;

    for ( k = 0; k < BITS_TO_LONGS(nbits); k++ )
        dst[k] = a[k] & b[k];
}

static inline void bitmap_or(unsigned long *dst, const unsigned long *a,
                             const unsigned long *b, unsigned int nbits)
{
    unsigned int k;

    for ( k = 0; k < BITS_TO_LONGS(nbits); k++ )
        dst[k] = a[k] | b[k];
}

static inline void bitmap_xor(unsigned long *dst, const unsigned long *a,
                              const unsigned long *b, unsigned int nbits)
{
    unsigned int k;

    for ( k = 0; k < BITS_TO_LONGS(nbits); k++ )
        dst[k] = a[k] ^ b[k];
}

/* dst = a & ~b */
static inline void bitmap_andnot(unsigned long *dst, const unsigned long *a,
                                 const unsigned long *b, unsigned int nbits)
{
    unsigned int k;

    for ( k = 0; k < BITS_TO_LONGS(nbits); k++ )
        dst[k] = a[k] & ~b[k];
}

static inline void bitmap_complement(unsigned long *dst,
                                     const unsigned long *src,
                                     unsigned int nbits)
{
    unsigned int k, n = BITS_TO_LONGS(nbits);

    for ( k = 0; k < n; k++ )
        dst[k] = ~src[k];
    if ( n )
        dst[n - 1] &= BITMAP_LAST_WORD_MASK(nbits);
}

/*
 * The queries below look at whole words, then at the valid part of a
 * trailing partial word, where k is left pointing by the loop.
 */
static inline bool bitmap_equal(const unsigned long *a,
                                const unsigned long *b, unsigned int nbits)
{
    unsigned int k;

    for ( k = 0; k < nbits / BITS_PER_LONG; k++ )
        if ( a[k] != b[k] )
            return false;

    return !(nbits % BITS_PER_LONG) ||
           !((a[k] ^ b[k]) & BITMAP_LAST_WORD_MASK(nbits));
}

/* Whether a and b have a set bit in common. */
static inline bool bitmap_intersects(const unsigned long *a,
                                     const unsigned long *b,
                                     unsigned int nbits)
{
    unsigned int k;

    for ( k = 0; k < nbits / BITS_PER_LONG; k++ )
        if ( a[k] & b[k] )
            return true;

    return (nbits % BITS_PER_LONG) &&
           (a[k] & b[k] & BITMAP_LAST_WORD_MASK(nbits));
}

/* Whether every bit set in a is also set in b. */
static inline bool bitmap_subset(const unsigned long *a,
                                 const unsigned long *b, unsigned int nbits)
{
    unsigned int k;

    for ( k = 0; k < nbits / BITS_PER_LONG; k++ )
        if ( a[k] & ~b[k] )
            return false;

    return !(nbits % BITS_PER_LONG) ||
           !(a[k] & ~b[k] & BITMAP_LAST_WORD_MASK(nbits));
}

static inline bool bitmap_empty(const unsigned long *src, unsigned int nbits)
{
    unsigned int k;

    for ( k = 0; k < nbits / BITS_PER_LONG; k++ )
        if ( src[k] )
            return false;

    return !(nbits % BITS_PER_LONG) ||
           !(src[k] & BITMAP_LAST_WORD_MASK(nbits));
}

static inline bool bitmap_full(const unsigned long *src, unsigned int nbits)
{
    unsigned int k;

    for ( k = 0; k < nbits / BITS_PER_LONG; k++ )
        if ( ~src[k] )
            return false;

    return !(nbits % BITS_PER_LONG) ||
           !(~src[k] & BITMAP_LAST_WORD_MASK(nbits));
}

static inline unsigned int bitmap_weight(const unsigned long *src,
                                         unsigned int nbits)
{
    unsigned int k, w = 0;

    for ( k = 0; k < nbits / BITS_PER_LONG; k++ )
        w += hweight_long(src[k]);
    if ( nbits % BITS_PER_LONG )
        w += hweight_long(src[k] & BITMAP_LAST_WORD_MASK(nbits));

    return w;
}

/* Set (clear) bits start .. start + len - 1, which must be < nbits. */
void bitmap_set(unsigned long *map, unsigned int start, unsigned int len);
void bitmap_clear(unsigned long *map, unsigned int start, unsigned int len);

/*
 * Print the set bits of map as a list of decimal ranges, "0-3,5,8-9" (""
 * for an empty map), into buf of size bytes, truncating as scnprintf()
 * does. Returns the number of characters stored, excluding the NUL.
 * Context: any.
 */
int bitmap_scnlistprintf(char *buf, unsigned int size,
                         const unsigned long *map, unsigned int nbits);

/*
 * Parse a list in the format bitmap_scnlistprintf() prints ("" and
 * whitespace-free ranges a-b with a <= b) into map, which is zeroed
 * first. Returns 0, -EINVAL for malformed text or -ERANGE if a bit is
 * >= nbits (map is then unspecified).
 */
int bitmap_parselist(const char *s, unsigned long *map, unsigned int nbits);

#endif /* __XEN_BITMAP_H__ */
