/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bit operations on arrays of unsigned long: atomic set/clear/test
 * (GCC __atomic builtins, sequentially consistent), their non-atomic
 * __ forms, bit searches (find_*_bit), and fls/ffs/hweight on scalars.
 * Bit n lives in word n / BITS_PER_LONG, bit n % BITS_PER_LONG.
 */
#ifndef __XEN_BITOPS_H__
#define __XEN_BITOPS_H__

#include <xen/types.h>

#define BITS_PER_BYTE       8
#define BITS_PER_LONG       (sizeof(unsigned long) * BITS_PER_BYTE)
#define BITS_TO_LONGS(n)    (((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define BIT_WORD(n)         ((n) / BITS_PER_LONG)
#define BIT_MASK(n)         (1UL << ((n) % BITS_PER_LONG))

/* Atomic bit updates. Context: any. */
static inline void set_bit(unsigned int nr, unsigned long *addr)
{
    __atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline void clear_bit(unsigned int nr, unsigned long *addr)
{
    __atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline void change_bit(unsigned int nr, unsigned long *addr)
{
    __atomic_fetch_xor(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST);
}

/* Return the old value of the bit. */
static inline bool test_and_set_bit(unsigned int nr, unsigned long *addr)
{
    return __atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr),
                             __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static inline bool test_and_clear_bit(unsigned int nr, unsigned long *addr)
{
    return __atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr),
                              __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

/* A relaxed atomic read: no ordering against other accesses. */
static inline bool test_bit(unsigned int nr, const unsigned long *addr)
{
    return __atomic_load_n(&addr[BIT_WORD(nr)], __ATOMIC_RELAXED) &
           BIT_MASK(nr);
}

/* Non-atomic forms: the caller owns the word (lock or not yet shared). */
static inline void __set_bit(unsigned int nr, unsigned long *addr)
{
    addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(unsigned int nr, unsigned long *addr)
{
    addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static inline bool __test_and_set_bit(unsigned int nr, unsigned long *addr)
{
    bool old = addr[BIT_WORD(nr)] & BIT_MASK(nr);

    addr[BIT_WORD(nr)] |= BIT_MASK(nr);
    return old;
}

static inline bool __test_and_clear_bit(unsigned int nr, unsigned long *addr)
{
    bool old = addr[BIT_WORD(nr)] & BIT_MASK(nr);

    addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
    return old;
}

/*
 * 1-based index of the lowest set bit, 0 if x == 0 (as C's ffs()). Macros
 * over differently named functions, so that host unit tests can see
 * libc's ffs() declaration too.
 */
static inline int bitops_ffs(int x)
{
    return x ? __builtin_ctz((unsigned int)x) + 1 : 0;
}
#define ffs(x) bitops_ffs(x)

static inline int bitops_ffsl(long x)
{
    return x ? __builtin_ctzl((unsigned long)x) + 1 : 0;
}
#define ffsl(x) bitops_ffsl(x)

/* 1-based index of the highest set bit, 0 if x == 0. */
static inline int fls(unsigned int x)
{
    return x ? 32 - __builtin_clz(x) : 0;
}

static inline int flsl(unsigned long x)
{
    return x ? (int)BITS_PER_LONG - __builtin_clzl(x) : 0;
}

/*
 * Number of set bits. Open-coded: without -mpopcnt the builtin would call
 * into libgcc, which the hypervisor does not link.
 */
static inline unsigned int hweight64(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
    return (x * 0x0101010101010101ULL) >> 56;
}

static inline unsigned int hweight32(uint32_t x)
{
    return hweight64(x);
}

static inline unsigned int hweight_long(unsigned long x)
{
    return hweight64(x);
}

/*
 * Index of the first set (or, with invert = ~0UL, clear) bit at or after
 * offset and below size; size if there is none.
 */
static inline unsigned int __find_next(const unsigned long *addr,
                                       unsigned int size,
                                       unsigned int offset,
                                       unsigned long invert)
{
    unsigned int base = offset - offset % BITS_PER_LONG;
    unsigned long word;

    if ( offset >= size )
        return size;

    word = (addr[BIT_WORD(base)] ^ invert) &
           (~0UL << (offset % BITS_PER_LONG));
    while ( !word )
    {
        base += BITS_PER_LONG;
        if ( base >= size )
            return size;
        word = addr[BIT_WORD(base)] ^ invert;
    }

    base += __builtin_ctzl(word);
    return base < size ? base : size;
}

/* Searches over the first size bits of addr; they return size if none. */
static inline unsigned int find_next_bit(const unsigned long *addr,
                                         unsigned int size,
                                         unsigned int offset)
{
    return __find_next(addr, size, offset, 0);
}

static inline unsigned int find_next_zero_bit(const unsigned long *addr,
                                              unsigned int size,
                                              unsigned int offset)
{
    return __find_next(addr, size, offset, ~0UL);
}

static inline unsigned int find_first_bit(const unsigned long *addr,
                                          unsigned int size)
{
    return __find_next(addr, size, 0, 0);
}

static inline unsigned int find_first_zero_bit(const unsigned long *addr,
                                               unsigned int size)
{
    return __find_next(addr, size, 0, ~0UL);
}

#define for_each_set_bit(bit, addr, size)                   \
    for ( (bit) = find_first_bit(addr, size);               \
          (bit) < (size);                                   \
          (bit) = find_next_bit(addr, size, (bit) + 1) )

#endif /* __XEN_BITOPS_H__ */
