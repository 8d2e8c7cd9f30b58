/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xmalloc over the real heap on a 64 MiB fake RAM arena: every size from
 * 1 to 8192, alignment, zero-fill, free-list reuse, overflow checks, a
 * fixed-seed stress with content checks, and misuse that must BUG. Each
 * phase ends with every page back in the heap.
 */
#include "test.h"
#include "../page_alloc/mm-test.h"
#include <xen/xmalloc.h>

#define ARENA_BYTES     (64UL << 20)

static unsigned long heap_frames;

static int all_pages_back(void)
{
    return total_free_pages() == heap_frames;
}

static void test_sizes(void)
{
    static unsigned char *blk[8193];
    unsigned long misaligned = 0, corrupt = 0;
    size_t n, i;

    for ( n = 1; n <= 8192; n++ )
    {
        blk[n] = xmalloc_bytes(n);
        if ( !blk[n] )
            break;
        misaligned += (unsigned long)(blk[n] - test_ram) % 16;
        memset(blk[n], (int)(n & 0xff), n);
    }
    CHECK_EQ(n, 8193);
    CHECK_EQ(misaligned, 0);
    while ( --n > 0 )
    {
        for ( i = 0; i < n; i++ )
            corrupt += blk[n][i] != (unsigned char)(n & 0xff);
        xfree(blk[n]);
    }
    CHECK_EQ(corrupt, 0);
    CHECK(all_pages_back());
}

static void test_align(void)
{
    unsigned long bad = 0;
    size_t align, size;

    for ( align = 1; align <= PAGE_SIZE; align <<= 1 )
        for ( size = 1; size <= 3 * PAGE_SIZE; size = size * 3 + 1 )
        {
            unsigned char *p = _xmalloc(size, align);

            bad += !p || (unsigned long)(p - test_ram) % align;
            if ( p )
                memset(p, 0x5a, size);
            xfree(p);
        }
    CHECK_EQ(bad, 0);
    CHECK(!_xmalloc(8, 3));                     /* not a power of two */
    CHECK(!_xmalloc(8, 2 * PAGE_SIZE));         /* beyond PAGE_SIZE */
    CHECK(all_pages_back());
}

struct thing {
    uint64_t a[3];
    char name[20];
};

static void test_api(void)
{
    struct thing *t, *arr;
    unsigned char *p, *q;
    unsigned long nonzero = 0;
    size_t i;

    /* LIFO free list: a freed block is the next one handed out. */
    p = xmalloc_bytes(100);
    q = xmalloc_bytes(100);
    xfree(p);
    CHECK(xmalloc_bytes(100) == p);
    memset(p, 0xff, 100);
    xfree(p);
    p = xzalloc_bytes(100);
    for ( i = 0; i < 100; i++ )
        nonzero += p[i];
    CHECK_EQ(nonzero, 0);
    xfree(p);
    xfree(q);

    t = xzalloc(struct thing);
    CHECK(t && !t->a[2] && !t->name[19]);
    xfree(t);
    arr = xzalloc_array(struct thing, 300);     /* large path */
    CHECK(arr && ((unsigned char *)arr - test_ram) % PAGE_SIZE == 0 &&
          !arr[299].a[0] && !arr[299].name[19]);
    xfree(arr);
    CHECK(!xmalloc_array(struct thing, (size_t)-1 / 8));    /* overflow */
    CHECK(!xzalloc_array(uint64_t, ((size_t)-1 >> 3) + 2));
    CHECK(!xmalloc_bytes((size_t)-1));
    CHECK(!xmalloc_bytes(ARENA_BYTES));         /* exhaustion */
    p = xmalloc_bytes(0);                       /* unique minimal block */
    q = xmalloc_bytes(0);
    CHECK(p && q && p != q);
    xfree(p);
    xfree(q);
    xfree(NULL);
    xmalloc_stats();
    CHECK(all_pages_back());
}

struct live {
    unsigned char *p;
    size_t size;
    unsigned char tag;
};

static void test_stress(void)
{
    static struct live live[4096];
    unsigned int nr = 0, step, fails = 0, i;
    unsigned long bad = 0;

    for ( step = 0; step < 100000; step++ )
    {
        if ( nr < ARRAY_SIZE(live) && (rng() & 1) )
        {
            size_t size = (rng() % 8) ? rng() % 600 : rng() % 20000;
            size_t align = (rng() % 4) ? 0 : 1UL << (rng() % 13);
            struct live *l = &live[nr];

            l->p = _xmalloc(size, align);
            if ( !l->p )
            {
                fails++;
                continue;
            }
            bad += align && (unsigned long)(l->p - test_ram) % align;
            l->size = size;
            l->tag = (unsigned char)rng();
            memset(l->p, l->tag, size);
            nr++;
        }
        else if ( nr )
        {
            struct live *l = &live[rng() % nr];

            for ( i = 0; i < l->size; i++ )
                bad += l->p[i] != l->tag;
            xfree(l->p);
            *l = live[--nr];
        }
    }
    printf("# stress: %u live at end, %u failed allocations\n", nr, fails);
    xmalloc_stats();
    while ( nr-- )
        xfree(live[nr].p);
    CHECK_EQ(bad, 0);
    CHECK(all_pages_back());
}

static void die_double_free_small(void)
{
    void *p = xmalloc_bytes(24);
    void *keep = xmalloc_bytes(24);     /* keeps the slab alive */

    (void)keep;
    xfree(p);
    xfree(p);
}

static void die_double_free_large(void)
{
    void *p = xmalloc_bytes(3 * PAGE_SIZE);

    xfree(p);
    xfree(p);
}

static void die_bad_pointer(void)
{
    unsigned char *p = xmalloc_bytes(64);

    xfree(p + 8);
}

static void die_not_xmalloc(void)
{
    unsigned char *p = page_to_virt(alloc_heap_pages(0, 0));

    xfree(p + 64);
}

int main(void)
{
    arena_init(ARENA_BYTES);
    init_boot_pages(PAGE_SIZE, ARENA_BYTES);
    heap_start(ARENA_BYTES >> PAGE_SHIFT);
    heap_frames = total_free_pages();
    CHECK_EQ(heap_frames, total_heap_pages());

    test_sizes();
    test_align();
    test_api();
    test_stress();
    CHECK(dies(die_double_free_small));
    CHECK(dies(die_double_free_large));
    CHECK(dies(die_bad_pointer));
    CHECK(dies(die_not_xmalloc));
    CHECK(all_pages_back());
    free(test_ram);
    return test_done();
}
