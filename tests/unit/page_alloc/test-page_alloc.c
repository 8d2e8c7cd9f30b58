/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot allocator and buddy heap over a 64 MiB fake RAM arena with holes:
 * range merging and reservation, hand-over to the heap, every order,
 * buddy merging back to the initial layout, MEMF_bits zones, exhaustion,
 * a fixed-seed random stress with overlap checks, and misuse that must BUG.
 */
#include "test.h"
#include "mm-test.h"

#define ARENA_BYTES     (64UL << 20)
#define NR_FRAMES       (ARENA_BYTES >> PAGE_SHIFT)
#define MB(x)           ((paddr_t)(x) << 20)

static unsigned long layout[MAX_ORDER + 2];
static unsigned long heap_frames;

static void snapshot(unsigned long *out)
{
    unsigned int j;

    for ( j = 0; j <= MAX_ORDER + 1; j++ )
        out[j] = heap_free_blocks(j);
}

static int layout_restored(void)
{
    unsigned long now[MAX_ORDER + 2];

    snapshot(now);
    return !memcmp(now, layout, sizeof(now)) &&
           total_free_pages() == heap_frames;
}

static void test_boot(void)
{
    /* Frames 2..0x9e after inward rounding, then 0x9e clipped by a reserve. */
    init_boot_pages(0x1123, 0x9f7ff);
    init_boot_pages(MB(1), MB(24));
    init_boot_pages(MB(24), MB(40) - PAGE_SIZE);        /* merges */
    init_boot_pages(MB(40) - 0x10000, MB(40) - PAGE_SIZE); /* overlap */
    init_boot_pages(MB(48), MB(64));
    init_boot_pages(MB(5), MB(5));                      /* empty */
    reserve_boot_pages(MB(2) + 100, MB(3));             /* split */
    reserve_boot_pages(0x9e000, 0x100000);              /* clip */
    reserve_boot_pages(MB(44), MB(45));                 /* hole: no-op */

    /* Top of the highest range; alignment slack stays available. */
    CHECK_EQ(alloc_boot_pages(1, 1), 0x3fff);
    CHECK_EQ(alloc_boot_pages(16, 16), 0x3fe0);
    CHECK_EQ(alloc_boot_pages(15, 0), 0x3ff0);
    CHECK_EQ(alloc_boot_pages(4, 4), 0x3fdc);

    heap_start(NR_FRAMES);  /* Frame table: 192 frames below 0x3fdc. */

    /* 156 + (0x26ff - 0x100) + 0x1000 - 36 - 192 */
    heap_frames = 156 + 0x25ff + 0x1000 - 36 - 192;
    CHECK_EQ(total_heap_pages(), heap_frames);
    CHECK_EQ(total_free_pages(), heap_frames);
    CHECK(page_state_is(mfn_to_page(0), offheap));
    CHECK(page_state_is(mfn_to_page(1), offheap));
    CHECK(page_state_is(mfn_to_page(2), free));
    CHECK(page_state_is(mfn_to_page(0x9e), offheap));
    CHECK(page_state_is(mfn_to_page(0x1ff), free));
    CHECK(page_state_is(mfn_to_page(0x200), offheap));
    CHECK(page_state_is(mfn_to_page(0x2ff), offheap));
    CHECK(page_state_is(mfn_to_page(0x300), free));
    CHECK(page_state_is(mfn_to_page(0x27ff), offheap));
    CHECK(page_state_is(mfn_to_page(0x3fff), offheap));
    CHECK(page_state_is(mfn_to_page(virt_to_mfn(frame_table)), offheap));
    CHECK_EQ(max_page, NR_FRAMES);
    snapshot(layout);
    CHECK_EQ(layout[12], 1);       /* [0x1000, 0x2000) */
    CHECK_EQ(layout[13], 0);
    dump_heap();
}

static void check_block(struct page_info *pg, unsigned int order)
{
    unsigned long mfn = page_to_mfn(pg), i, bad = 0;

    CHECK_EQ(mfn & ((1UL << order) - 1), 0);
    for ( i = 0; i < (1UL << order); i++ )
        bad += !page_state_is(&pg[i], inuse) || pg[i].owner;
    CHECK_EQ(bad, 0);
}

static void test_orders(void)
{
    unsigned int order;

    for ( order = 0; order <= 12; order++ )
    {
        struct page_info *pg = alloc_heap_pages(order, 0);

        CHECK(pg);
        if ( !pg )
            continue;
        check_block(pg, order);
        CHECK_EQ(total_free_pages(), heap_frames - (1UL << order));
        free_heap_pages(pg, order);
        CHECK(layout_restored());
    }
    CHECK(!alloc_heap_pages(13, 0));
    CHECK(!alloc_heap_pages(MAX_ORDER + 1, 0));
    CHECK(layout_restored());
}

static void test_zones(void)
{
    static struct page_info *pgs[NR_FRAMES];
    unsigned long n = 0, bad = 0, i;
    struct page_info *pg = alloc_heap_pages(0, 0);

    /* Unrestricted requests come from the highest zone. */
    CHECK(pg && page_to_mfn(pg) >= 0x2000);
    free_heap_pages(pg, 0);

    /* Below 16 MiB: A (156) plus 0x100-0xfff less the 0x100 reserved. */
    while ( (pg = alloc_heap_pages(0, MEMF_bits(24))) )
    {
        bad += page_to_maddr(pg) + PAGE_SIZE > MB(16);
        pgs[n++] = pg;
    }
    CHECK_EQ(n, 156 + 0xe00);
    CHECK_EQ(bad, 0);
    pg = alloc_heap_pages(3, MEMF_bits(25));    /* Next zone still has some */
    CHECK(pg && page_to_maddr(pg) + 8 * PAGE_SIZE <= MB(32));
    free_heap_pages(pg, 3);
    for ( i = 0; i < n; i++ )
        free_heap_pages(pgs[n - 1 - i], 0);
    CHECK(!alloc_heap_pages(0, MEMF_bits(12))); /* only frame 0: offheap */
    CHECK(!alloc_heap_pages(0, MEMF_bits(11)));
    CHECK(layout_restored());
}

static void test_exhaust(void)
{
    static struct page_info *pgs[NR_FRAMES];
    unsigned long n = 0, i;
    struct page_info *pg;

    while ( (pg = alloc_heap_pages(0, 0)) )
        pgs[n++] = pg;
    CHECK_EQ(n, heap_frames);
    CHECK_EQ(total_free_pages(), 0);
    CHECK(!alloc_heap_pages(0, 0));
    /* Free in a shuffled order. */
    for ( i = n - 1; i > 0; i-- )
    {
        unsigned long j = rng() % (i + 1);

        pg = pgs[i];
        pgs[i] = pgs[j];
        pgs[j] = pg;
    }
    for ( i = 0; i < n; i++ )
        free_heap_pages(pgs[i], 0);
    CHECK(layout_restored());
}

struct live {
    struct page_info *pg;
    unsigned int order;
    uint16_t id;
};

static uint16_t frame_owner[NR_FRAMES];
static unsigned long stress_errors;

static void stress_mark(struct live *l, uint16_t id)
{
    unsigned long mfn = page_to_mfn(l->pg), i;

    for ( i = 0; i < (1UL << l->order); i++ )
    {
        unsigned char *p = mfn_to_virt(mfn + i);

        if ( id )
        {
            stress_errors += frame_owner[mfn + i] != 0;
            p[0] = (unsigned char)id;
            p[PAGE_SIZE - 1] = (unsigned char)(id >> 8);
        }
        else
            stress_errors += frame_owner[mfn + i] != l->id ||
                             p[0] != (unsigned char)l->id ||
                             p[PAGE_SIZE - 1] != (unsigned char)(l->id >> 8);
        frame_owner[mfn + i] = id;
    }
}

static void test_stress(void)
{
    static struct live live[1024];
    unsigned int nr = 0, step, fails = 0, i;
    uint16_t next_id = 1;

    for ( step = 0; step < 40000; step++ )
    {
        if ( nr < ARRAY_SIZE(live) && (rng() % 3) )
        {
            unsigned int order = rng() % 7;
            unsigned int bits = (rng() % 4) ? 0 : 23 + rng() % 4;
            struct page_info *pg = alloc_heap_pages(order, MEMF_bits(bits));

            if ( !pg )
            {
                fails++;
                continue;
            }
            stress_errors += page_to_mfn(pg) & ((1UL << order) - 1);
            stress_errors += bits &&
                page_to_maddr(pg) + (PAGE_SIZE << order) > (1UL << bits);
            live[nr] = (struct live){ pg, order, next_id };
            stress_mark(&live[nr++], next_id);
            next_id = next_id == 0xffff ? 1 : next_id + 1;
        }
        else if ( nr )
        {
            i = rng() % nr;
            stress_mark(&live[i], 0);
            free_heap_pages(live[i].pg, live[i].order);
            live[i] = live[--nr];
        }
    }
    printf("# stress: %u live at end, %u failed allocations\n", nr, fails);
    while ( nr )
    {
        stress_mark(&live[--nr], 0);
        free_heap_pages(live[nr].pg, live[nr].order);
    }
    CHECK_EQ(stress_errors, 0);
    CHECK(layout_restored());
}

static void test_front_ends(void)
{
    static int dummy;
    struct domain *d = (struct domain *)&dummy;
    unsigned char *v;
    struct page_info *pg;
    unsigned long i, bad = 0;

    pg = alloc_heap_pages(1, 0);
    memset(page_to_virt(pg), 0xa5, 2 * PAGE_SIZE);
    free_heap_pages(pg, 1);
    pg = alloc_heap_pages(1, MEMF_zero);
    v = page_to_virt(pg);
    for ( i = 0; i < 2 * PAGE_SIZE; i++ )
        bad += v[i];
    CHECK_EQ(bad, 0);
    free_heap_pages(pg, 1);

    v = alloc_xenheap_pages(2, 0);
    CHECK(v && (v - test_ram) % (4 * PAGE_SIZE) == 0);
    CHECK(virt_to_page(v)[3].count_info & PGC_xen_heap);
    free_xenheap_pages(v, 2);
    free_xenheap_pages(NULL, 0);

    pg = alloc_domheap_pages(d, 3, 0);
    CHECK(pg && pg[0].owner == d && pg[7].owner == d);
    CHECK(!(pg[0].count_info & PGC_xen_heap));
    free_domheap_pages(pg, 3);
    CHECK(!pg[0].owner && page_state_is(&pg[0], free));
    free_domheap_pages(NULL, 0);
    CHECK(layout_restored());
}

static void die_double_free(void)
{
    struct page_info *pg = alloc_heap_pages(0, 0);

    free_heap_pages(pg, 0);
    free_heap_pages(pg, 0);
}

static void die_free_inside_free_block(void)
{
    struct page_info *pg = alloc_heap_pages(2, 0);

    free_heap_pages(pg, 2);
    free_heap_pages(pg + 1, 0);
}

static void die_free_reserved(void) { free_heap_pages(mfn_to_page(0x200), 0); }
static void die_misaligned(void) { free_heap_pages(mfn_to_page(0x301), 1); }
static void die_beyond(void) { free_heap_pages(mfn_to_page(NR_FRAMES), 0); }
static void die_boot_closed(void) { alloc_boot_pages(1, 1); }
static void die_init_twice(void) { init_heap_pages(mfn_to_page(0x300), 1); }

static void die_xenheap_mismatch(void)
{
    free_xenheap_pages(page_to_virt(alloc_heap_pages(0, 0)), 0);
}

static void die_boot_too_big(void)
{
    alloc_boot_pages(1UL << 20, 1);
}

static void test_misuse(void)
{
    CHECK(dies(die_double_free));
    CHECK(dies(die_free_inside_free_block));
    CHECK(dies(die_free_reserved));
    CHECK(dies(die_misaligned));
    CHECK(dies(die_beyond));
    CHECK(dies(die_boot_closed));
    CHECK(dies(die_init_twice));
    CHECK(dies(die_xenheap_mismatch));
    CHECK(layout_restored());
}

int main(void)
{
    arena_init(ARENA_BYTES);
    CHECK(dies(die_boot_too_big));      /* Before the boot allocator closes. */
    test_boot();
    test_orders();
    test_zones();
    test_exhaust();
    test_stress();
    test_front_ends();
    test_misuse();
    free(test_ram);
    return test_done();
}
