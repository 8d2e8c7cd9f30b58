/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit test for xen/bitops.h, xen/bitmap.h + common/bitmap.c and
 * xen/cpumask.h. Random operations on maps of awkward sizes are checked
 * against a bool-per-bit model; maps are heap-allocated at their exact
 * word count so that ASan catches any access past the last word.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xen/bitmap.h>
#include <xen/cpumask.h>
#include <xen/errno.h>
#include "test.h"

cpumask_t cpu_online_map, cpu_possible_map;

static const unsigned int sizes[] = { 1, 5, 63, 64, 65, 127, 128, 130, 200 };

static unsigned long *alloc_map(unsigned int nbits)
{
    return calloc(BITS_TO_LONGS(nbits), sizeof(unsigned long));
}

/* A map and its model, filled at random with density 1/d. */
static void random_map(unsigned long *map, bool *model, unsigned int nbits,
                       unsigned int d)
{
    bitmap_zero(map, nbits);
    for ( unsigned int i = 0; i < nbits; i++ )
    {
        model[i] = !(rand() % d);
        if ( model[i] )
            __set_bit(i, map);
    }
}

static bool matches(const unsigned long *map, const bool *model,
                    unsigned int nbits)
{
    for ( unsigned int i = 0; i < nbits; i++ )
        if ( test_bit(i, map) != model[i] )
            return false;
    return true;
}

static void test_scalar_ops(void)
{
    CHECK_EQ(ffs(0), 0);
    CHECK_EQ(ffs(1), 1);
    CHECK_EQ(ffs(0x80000000), 32);
    CHECK_EQ(ffs(12), 3);
    CHECK_EQ(ffsl(1L << 40), 41);
    CHECK_EQ(fls(0), 0);
    CHECK_EQ(fls(1), 1);
    CHECK_EQ(fls(0x80000000u), 32);
    CHECK_EQ(fls(12), 4);
    CHECK_EQ(flsl(0), 0);
    CHECK_EQ(flsl(~0UL), 64);
    CHECK_EQ(flsl(1UL << 40), 41);
    CHECK_EQ(hweight32(0), 0);
    CHECK_EQ(hweight32(0xffffffff), 32);
    CHECK_EQ(hweight64(~0ULL), 64);
    CHECK_EQ(hweight64(0x8000000000000001ULL), 2);
    CHECK_EQ(hweight_long(0x0f0f0UL), 8);
}

static void test_bit_ops(void)
{
    unsigned long *map = alloc_map(130);

    set_bit(0, map);
    set_bit(64, map);
    set_bit(129, map);
    CHECK(test_bit(0, map) && test_bit(64, map) && test_bit(129, map));
    CHECK_EQ(map[0], 1);
    CHECK_EQ(map[1], 1);
    CHECK_EQ(map[2], 2);
    CHECK(test_and_set_bit(64, map));
    CHECK(!test_and_set_bit(65, map));
    CHECK(test_and_clear_bit(65, map));
    CHECK(!test_and_clear_bit(65, map));
    clear_bit(64, map);
    CHECK(!test_bit(64, map));
    change_bit(3, map);
    CHECK(test_bit(3, map));
    change_bit(3, map);
    CHECK(!test_bit(3, map));
    CHECK(!__test_and_set_bit(100, map));
    CHECK(__test_and_set_bit(100, map));
    CHECK(__test_and_clear_bit(100, map));
    __clear_bit(0, map);
    CHECK(!test_bit(0, map));
    free(map);
}

/* find_* against the model, from every offset. */
static void test_find(void)
{
    unsigned int bad = 0;

    for ( unsigned int s = 0; s < ARRAY_SIZE(sizes); s++ )
        for ( unsigned int d = 1; d < 40; d += 6 )
        {
            unsigned int n = sizes[s];
            unsigned long *map = alloc_map(n);
            bool model[256];

            random_map(map, model, n, d);
            for ( unsigned int off = 0; off <= n + 2; off++ )
            {
                unsigned int want1 = n, want0 = n;

                for ( unsigned int i = off; i < n && want1 == n; i++ )
                    if ( model[i] )
                        want1 = i;
                for ( unsigned int i = off; i < n && want0 == n; i++ )
                    if ( !model[i] )
                        want0 = i;
                bad += find_next_bit(map, n, off) != want1;
                bad += find_next_zero_bit(map, n, off) != want0;
                if ( off == 0 )
                    bad += find_first_bit(map, n) != want1 ||
                           find_first_zero_bit(map, n) != want0;
            }
            free(map);
        }
    CHECK_EQ(bad, 0);

    {
        /* Bits beyond size in the last word must not be found. */
        unsigned long map[2] = { 0, ~0UL << 5 };
        unsigned int bit, count = 0;

        CHECK_EQ(find_first_bit(map, 69), 69);
        CHECK_EQ(find_first_bit(map, 70), 69);
        CHECK_EQ(find_first_zero_bit(map, 64), 0);
        map[0] = ~0UL;
        CHECK_EQ(find_first_zero_bit(map, 69), 64);
        CHECK_EQ(find_next_zero_bit(map, 128, 69), 128);
        for_each_set_bit(bit, map, 72)
            count++;
        CHECK_EQ(count, 64 + 3);
    }
}

/* Whole-map operations and queries, randomised, against the model. */
static void test_map_ops(void)
{
    unsigned int bad = 0;

    for ( unsigned int s = 0; s < ARRAY_SIZE(sizes); s++ )
        for ( unsigned int iter = 0; iter < 60; iter++ )
        {
            unsigned int n = sizes[s], w = 0;
            unsigned long *a = alloc_map(n), *b = alloc_map(n);
            unsigned long *r = alloc_map(n);
            bool ma[256], mb[256], mr[256];
            bool eq = true, inter = false, sub = true, empty = true;
            bool full = true;

            random_map(a, ma, n, 1 + iter % 5);
            random_map(b, mb, n, 1 + iter % 3);
            if ( iter % 7 == 0 )
                memcpy(mb, ma, sizeof(ma)), bitmap_copy(b, a, n);
            for ( unsigned int i = 0; i < n; i++ )
            {
                eq &= ma[i] == mb[i];
                inter |= ma[i] && mb[i];
                sub &= !ma[i] || mb[i];
                empty &= !ma[i];
                full &= ma[i];
                w += ma[i];
            }
            /* Garbage in the unused tail bits must not matter. */
            if ( n % BITS_PER_LONG )
                a[n / BITS_PER_LONG] |= ~BITMAP_LAST_WORD_MASK(n);

            bad += bitmap_equal(a, b, n) != eq;
            bad += bitmap_intersects(a, b, n) != inter;
            bad += bitmap_subset(a, b, n) != sub;
            bad += bitmap_empty(a, n) != empty;
            bad += bitmap_full(a, n) != full;
            bad += bitmap_weight(a, n) != w;

            for ( unsigned int op = 0; op < 5; op++ )
            {
                for ( unsigned int i = 0; i < n; i++ )
                    mr[i] = op == 0 ? ma[i] && mb[i] :
                            op == 1 ? ma[i] || mb[i] :
                            op == 2 ? ma[i] != mb[i] :
                            op == 3 ? ma[i] && !mb[i] : !ma[i];
                if ( op == 0 )
                    bitmap_and(r, a, b, n);
                else if ( op == 1 )
                    bitmap_or(r, a, b, n);
                else if ( op == 2 )
                    bitmap_xor(r, a, b, n);
                else if ( op == 3 )
                    bitmap_andnot(r, a, b, n);
                else
                    bitmap_complement(r, a, n);
                bad += !matches(r, mr, n);
            }
            bitmap_complement(r, b, n);
            bad += (r[BITS_TO_LONGS(n) - 1] & ~BITMAP_LAST_WORD_MASK(n)) != 0;
            free(a);
            free(b);
            free(r);
        }
    CHECK_EQ(bad, 0);
}

static void test_fill_zero_ranges(void)
{
    unsigned int bad = 0;

    for ( unsigned int s = 0; s < ARRAY_SIZE(sizes); s++ )
    {
        unsigned int n = sizes[s];
        unsigned long *map = alloc_map(n);
        bool model[256];

        bitmap_fill(map, n);
        bad += !bitmap_full(map, n) || bitmap_weight(map, n) != n;
        bad += (map[BITS_TO_LONGS(n) - 1] & ~BITMAP_LAST_WORD_MASK(n)) != 0;
        bitmap_zero(map, n);
        bad += !bitmap_empty(map, n);

        memset(model, 0, sizeof(model));
        for ( unsigned int iter = 0; iter < 200; iter++ )
        {
            unsigned int start = rand() % n;
            unsigned int len = rand() % (n - start + 1);
            bool set = rand() & 1;

            for ( unsigned int i = start; i < start + len; i++ )
                model[i] = set;
            if ( set )
                bitmap_set(map, start, len);
            else
                bitmap_clear(map, start, len);
            bad += !matches(map, model, n);
        }
        free(map);
    }
    CHECK_EQ(bad, 0);
}

static void test_list_print_parse(void)
{
    unsigned long *map = alloc_map(130), *back = alloc_map(130);
    char buf[64];
    unsigned int bad = 0;

    CHECK_EQ(bitmap_scnlistprintf(buf, sizeof(buf), map, 130), 0);
    CHECK_STR(buf, "");
    bitmap_set(map, 0, 4);
    __set_bit(5, map);
    bitmap_set(map, 63, 3);
    __set_bit(129, map);
    CHECK_EQ(bitmap_scnlistprintf(buf, sizeof(buf), map, 130), 15);
    CHECK_STR(buf, "0-3,5,63-65,129");
    CHECK_EQ(bitmap_scnlistprintf(buf, 8, map, 130), 7);
    CHECK_STR(buf, "0-3,5,6");
    CHECK_EQ(bitmap_scnlistprintf(buf, 1, map, 130), 0);
    CHECK_STR(buf, "");
    CHECK_EQ(bitmap_scnlistprintf(NULL, 0, map, 130), 0);
    bitmap_fill(map, 130);
    bitmap_scnlistprintf(buf, sizeof(buf), map, 130);
    CHECK_STR(buf, "0-129");

    CHECK_EQ(bitmap_parselist("0-3,5,63-65,129", back, 130), 0);
    bitmap_scnlistprintf(buf, sizeof(buf), back, 130);
    CHECK_STR(buf, "0-3,5,63-65,129");
    CHECK_EQ(bitmap_parselist("", back, 130), 0);
    CHECK(bitmap_empty(back, 130));
    CHECK_EQ(bitmap_parselist("7,7,2-2", back, 130), 0);
    CHECK_EQ(bitmap_weight(back, 130), 2);
    CHECK_EQ(bitmap_parselist("130", back, 130), -ERANGE);
    CHECK_EQ(bitmap_parselist("1-130", back, 130), -ERANGE);
    CHECK_EQ(bitmap_parselist("99999999999", back, 130), -ERANGE);
    CHECK_EQ(bitmap_parselist("3-1", back, 130), -EINVAL);
    CHECK_EQ(bitmap_parselist("1,", back, 130), -EINVAL);
    CHECK_EQ(bitmap_parselist(",1", back, 130), -EINVAL);
    CHECK_EQ(bitmap_parselist("1-", back, 130), -EINVAL);
    CHECK_EQ(bitmap_parselist("1 2", back, 130), -EINVAL);
    CHECK_EQ(bitmap_parselist("a", back, 130), -EINVAL);
    CHECK_EQ(bitmap_parselist("-1", back, 130), -EINVAL);

    /* Round trip of random maps. */
    for ( unsigned int iter = 0; iter < 200; iter++ )
    {
        bool model[256];
        char big[600];

        random_map(map, model, 130, 1 + iter % 4);
        bitmap_scnlistprintf(big, sizeof(big), map, 130);
        bad += bitmap_parselist(big, back, 130) != 0 ||
               !bitmap_equal(map, back, 130);
    }
    CHECK_EQ(bad, 0);
    free(map);
    free(back);
}

static void test_cpumask(void)
{
    cpumask_t a, b, c;
    unsigned int cpu, n = 0;
    char buf[64];

    cpumask_clear(&a);
    CHECK(cpumask_empty(&a));
    CHECK_EQ(cpumask_first(&a), NR_CPUS);
    for_each_cpu(cpu, &a)
        n++;
    CHECK_EQ(n, 0);

    cpumask_set_cpu(1, &a);
    __cpumask_set_cpu(3, &a);
    cpumask_set_cpu(NR_CPUS - 1, &a);
    CHECK_EQ(cpumask_weight(&a), 3);
    CHECK_EQ(cpumask_first(&a), 1);
    CHECK_EQ(cpumask_next(1, &a), 3);
    CHECK_EQ(cpumask_next(3, &a), NR_CPUS - 1);
    CHECK_EQ(cpumask_next(NR_CPUS - 1, &a), NR_CPUS);
    CHECK_EQ(cpumask_next(-1, &a), 1);
    CHECK(cpumask_test_cpu(3, &a) && !cpumask_test_cpu(2, &a));
    for_each_cpu(cpu, &a)
        n += cpu;
    CHECK_EQ(n, 1 + 3 + NR_CPUS - 1);

    CHECK(!cpumask_test_and_set_cpu(2, &a));
    CHECK(cpumask_test_and_clear_cpu(2, &a));
    cpumask_clear_cpu(NR_CPUS - 1, &a);
    __cpumask_clear_cpu(1, &a);
    CHECK_EQ(cpumask_weight(&a), 1);

    cpumask_setall(&b);
    CHECK(cpumask_full(&b));
    CHECK_EQ(cpumask_weight(&b), NR_CPUS);
    CHECK(cpumask_subset(&a, &b) && !cpumask_subset(&b, &a));
    CHECK(cpumask_intersects(&a, &b));
    cpumask_andnot(&c, &b, &a);
    CHECK(!cpumask_test_cpu(3, &c) && cpumask_weight(&c) == NR_CPUS - 1);
    CHECK(!cpumask_intersects(&a, &c));
    cpumask_or(&c, &c, &a);
    CHECK(cpumask_equal(&c, &b));
    cpumask_and(&c, &b, &a);
    CHECK(cpumask_equal(&c, &a));
    cpumask_copy(&c, &b);
    CHECK(cpumask_equal(&c, &b));

    cpumask_clear(&cpu_online_map);
    cpumask_set_cpu(0, &cpu_online_map);
    cpumask_set_cpu(2, &cpu_online_map);
    cpumask_set_cpu(3, &cpu_online_map);
    CHECK_EQ(num_online_cpus(), 3);
    CHECK(cpu_online(2) && !cpu_online(1));
    n = 0;
    for_each_online_cpu(cpu)
        n = n * 10 + cpu;
    CHECK_EQ(n, 23);
    cpumask_scnprintf(buf, sizeof(buf), &cpu_online_map);
    CHECK_STR(buf, "0,2-3");
    cpumask_setall(&cpu_possible_map);
    CHECK_EQ(num_possible_cpus(), NR_CPUS);
    CHECK(cpu_possible(NR_CPUS - 1));
}

int main(void)
{
    srand(2);
    test_scalar_ops();
    test_bit_ops();
    test_find();
    test_map_ops();
    test_fill_zero_ranges();
    test_list_print_parse();
    test_cpumask();
    return test_done();
}
