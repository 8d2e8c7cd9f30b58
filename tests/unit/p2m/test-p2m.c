/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The p2m in both formats over the real heap: populate/lookup/remove at
 * 4 KiB and 2 MiB in every combination, splitting, replacement, entry
 * bits (NPT: P|RW|U/S at every level; EPT: RWX, WB + ignore-PAT),
 * borrowed and MMIO mappings, read-only RAM, flush calls, tot_pages and
 * max_pages, the 4 KiB fallback on a fragmented heap, and that destroy
 * returns every page.
 */
#include "test.h"
#include "p2m-test.h"
#include "../../../xen/arch/x86/mm/p2m-pt.h"

#define ADDR    0x000ffffffffff000ULL
#define ALL     (~0UL)

static uint64_t raw(struct p2m_domain *p2m, uint64_t gfn, unsigned int *lvl)
{
    uint64_t e;

    read_lock(&p2m->lock);
    e = p2m_pt_get(p2m, gfn, lvl);
    read_unlock(&p2m->lock);
    return e;
}

/* Every table entry above the leaf for gfn has R/W/U/S (NPT) or RWX. */
static int tables_ok(struct p2m_domain *p2m, uint64_t gfn)
{
    const uint64_t *t = page_to_virt(p2m->root);
    unsigned int l;

    for ( l = 4; l > 1; l-- )
    {
        uint64_t e = t[(gfn >> (9 * (l - 1))) & 511];

        if ( (e & 0x80) && l <= 3 )
            return 1;
        if ( (e & 7) != 7 )
            return 0;
        t = mfn_to_virt((e & ADDR) >> PAGE_SHIFT);
    }
    return 1;
}

/* Checks gfn's leaf after a lookup (which scrubs unscrubbed RAM). */
static void check_leaf(struct p2m_domain *p2m, uint64_t gfn,
                       unsigned int want_level, enum p2m_type t)
{
    unsigned int level;
    uint64_t e;

    (void)p2m_lookup(p2m, gfn, NULL);
    e = raw(p2m, gfn, &level);

    CHECK_EQ(level, want_level);
    CHECK(tables_ok(p2m, gfn));
    CHECK_EQ(!!(e & 0x80), want_level == 2);
    if ( p2m->format == P2M_NPT )
    {
        CHECK_EQ(e & 5, 5);                         /* P, U/S */
        CHECK_EQ(!!(e & 2), t != p2m_ram_ro && t != p2m_map_ro);
        CHECK_EQ((e >> 3) & 3, t == p2m_mmio_direct ? 3 : 0); /* PWT|PCD */
    }
    else
    {
        CHECK_EQ(e & 1, 1);
        CHECK_EQ(!!(e & 2), t != p2m_ram_ro && t != p2m_map_ro);
        CHECK_EQ(!!(e & 4), t != p2m_mmio_direct);
        CHECK_EQ((e >> 3) & 7, t == p2m_mmio_direct ? 0 : 6);
        CHECK_EQ(!!(e & 0x40), t != p2m_mmio_direct);   /* ignore PAT */
    }
}

static void test_4k_and_2m(struct p2m_domain *p2m)
{
    enum p2m_type t;
    mfn_t m, m2;
    unsigned char *p;
    unsigned int i, bad = 0;

    CHECK_EQ(p2m_populate(p2m, 5, 0), 0);
    CHECK_EQ(test_dom.tot_pages, 1);
    m = p2m_lookup(p2m, 5, &t);
    CHECK(m != INVALID_MFN && t == p2m_ram_rw);
    CHECK(mfn_to_page(m)->owner == &test_dom);
    check_leaf(p2m, 5, 1, p2m_ram_rw);
    p = mfn_to_virt(m);
    for ( i = 0; i < PAGE_SIZE; i++ )
        bad += p[i];
    CHECK_EQ(bad, 0);
    CHECK_EQ(p2m_lookup(p2m, 4, &t), INVALID_MFN);
    CHECK_EQ(t, p2m_invalid);

    /* 2 MiB at gfn 512: one large leaf over an aligned block. */
    CHECK_EQ(p2m_populate(p2m, 512, 9), 0);
    CHECK_EQ(test_dom.tot_pages, 513);
    check_leaf(p2m, 512 + 77, 2, p2m_ram_rw);
    m2 = p2m_lookup(p2m, 512, NULL);
    CHECK_EQ(m2 & 511, 0);
    CHECK_EQ(p2m_lookup(p2m, 512 + 300, NULL), m2 + 300);
    CHECK_EQ(p2m_max_gfn(p2m), 1023);

    /* Remove 4 KiB from the middle: the leaf splits, the rest stays. */
    nr_flushes = 0;
    CHECK_EQ(p2m_remove(p2m, 512 + 3, 0), 0);
    CHECK_EQ(nr_flushes, 1);
    CHECK_EQ(test_dom.tot_pages, 512);
    CHECK_EQ(p2m_lookup(p2m, 512 + 3, NULL), INVALID_MFN);
    CHECK_EQ(p2m_lookup(p2m, 512 + 2, NULL), m2 + 2);
    CHECK_EQ(p2m_lookup(p2m, 512 + 4, NULL), m2 + 4);
    CHECK_EQ(p2m_lookup(p2m, 1023, NULL), m2 + 511);
    check_leaf(p2m, 512 + 4, 1, p2m_ram_rw);
    CHECK(page_state_is(mfn_to_page(m2 + 3), free));
    CHECK(page_state_is(mfn_to_page(m2 + 4), inuse));

    /* Remove an order-2 piece, then the rest as a whole 2 MiB range. */
    CHECK_EQ(p2m_remove(p2m, 512 + 8, 2), 0);
    CHECK_EQ(test_dom.tot_pages, 508);
    CHECK_EQ(p2m_remove(p2m, 512, 9), 0);
    CHECK_EQ(test_dom.tot_pages, 1);
    CHECK_EQ(p2m_remove(p2m, 512, 9), -ENOENT);
    CHECK_EQ(p2m_remove(p2m, 5, 0), 0);
    CHECK_EQ(test_dom.tot_pages, 0);
    CHECK_EQ(p2m_remove(p2m, 5, 0), -ENOENT);

    /* 2 MiB removed from inside a 4 MiB populate; 4 KiB gfns inside 2M. */
    CHECK_EQ(p2m_populate(p2m, 2048, 10), 0);
    check_leaf(p2m, 2048 + 600, 2, p2m_ram_rw);
    CHECK_EQ(p2m_remove(p2m, 2048, 9), 0);
    CHECK_EQ(test_dom.tot_pages, 512);
    CHECK_EQ(p2m_lookup(p2m, 2048, NULL), INVALID_MFN);
    CHECK(p2m_lookup(p2m, 2048 + 512, NULL) != INVALID_MFN);
    CHECK_EQ(p2m_populate(p2m, 2048 + 7, 0), 0);
    check_leaf(p2m, 2048 + 7, 1, p2m_ram_rw);
    CHECK_EQ(p2m_remove(p2m, 2048, 11), 0);
    CHECK_EQ(test_dom.tot_pages, 0);
}

static void test_replace(struct p2m_domain *p2m)
{
    unsigned long tables;
    mfn_t m;

    /* 4 KiB pages, then a 2 MiB populate over them: one leaf, no leak. */
    CHECK_EQ(p2m_populate(p2m, 4096 + 1, 0), 0);
    CHECK_EQ(p2m_populate(p2m, 4096 + 100, 2), 0);
    tables = p2m->nr_tables;
    m = p2m_lookup(p2m, 4096 + 1, NULL);
    CHECK_EQ(p2m_populate(p2m, 4096, 9), 0);
    CHECK_EQ(test_dom.tot_pages, 512);
    CHECK_EQ(p2m->nr_tables, tables - 1);   /* the L1 table went */
    check_leaf(p2m, 4096 + 1, 2, p2m_ram_rw);
    CHECK(page_state_is(mfn_to_page(m), free) ||
          p2m_lookup(p2m, 4096 + 1, NULL) >> 9 == m >> 9);

    /* 4 KiB populate inside the 2 MiB leaf: split, one frame replaced. */
    m = p2m_lookup(p2m, 4096 + 9, NULL);
    memset(mfn_to_virt(m), 0x5a, PAGE_SIZE);
    memset(mfn_to_virt(m + 1), 0x5a, PAGE_SIZE);
    CHECK_EQ(p2m_populate(p2m, 4096 + 9, 0), 0);
    m = p2m_lookup(p2m, 4096 + 9, NULL);
    CHECK_EQ(*(unsigned char *)mfn_to_virt(m), 0);      /* fresh frame */
    CHECK_EQ(*(unsigned char *)gpa_ptr((4096 + 10) << PAGE_SHIFT), 0x5a);
    CHECK_EQ(test_dom.tot_pages, 512);
    check_leaf(p2m, 4096 + 10, 1, p2m_ram_rw);
    CHECK_EQ(p2m_remove(p2m, 4096, 9), 0);
    CHECK_EQ(test_dom.tot_pages, 0);
}

static void test_args(struct p2m_domain *p2m)
{
    CHECK_EQ(p2m_populate(p2m, 3, 1), -EINVAL);
    CHECK_EQ(p2m_populate(p2m, 0, MAX_ORDER + 1), -EINVAL);
    CHECK_EQ(p2m_populate(p2m, P2M_GFN_LIMIT, 0), -EINVAL);
    CHECK_EQ(p2m_populate(p2m, P2M_GFN_LIMIT - 1, 0), 0);
    CHECK_EQ(p2m_max_gfn(p2m), P2M_GFN_LIMIT - 1);
    CHECK_EQ(p2m_remove(p2m, P2M_GFN_LIMIT - 1, 0), 0);
    CHECK_EQ(p2m_remove(p2m, 1, 1), -EINVAL);
    CHECK_EQ(p2m_lookup(p2m, ~0ULL, NULL), INVALID_MFN);
    CHECK_EQ(p2m_map_mfn(p2m, 1, 0x100, p2m_ram_rw), -EINVAL);
    CHECK_EQ(p2m_map_mfn(p2m, 1, NR_FRAMES + 5, p2m_map_rw), -EINVAL);
    CHECK_EQ(p2m_change_type(p2m, 1, p2m_ram_ro), -ENOENT);
    CHECK_EQ(p2m_change_type(p2m, 1, p2m_mmio_direct), -EINVAL);
    CHECK_EQ(test_dom.tot_pages, 0);
}

static void test_quota(struct p2m_domain *p2m)
{
    test_dom.max_pages = 10;
    CHECK_EQ(p2m_populate(p2m, 0, 4), -ENOMEM);
    CHECK_EQ(test_dom.tot_pages, 0);
    CHECK_EQ(p2m_lookup(p2m, 0, NULL), INVALID_MFN);
    CHECK_EQ(p2m_populate(p2m, 0, 3), 0);
    CHECK_EQ(p2m_populate(p2m, 8, 1), 0);
    CHECK_EQ(test_dom.tot_pages, 10);
    CHECK_EQ(p2m_populate(p2m, 16, 0), -ENOMEM);
    /* Replacing in place needs no extra quota. */
    CHECK_EQ(p2m_populate(p2m, 0, 3), 0);
    CHECK_EQ(test_dom.tot_pages, 10);
    CHECK_EQ(p2m_remove(p2m, 0, 4), 0);
    CHECK_EQ(test_dom.tot_pages, 0);
    test_dom.max_pages = ALL;
}

static void test_borrowed(struct p2m_domain *p2m)
{
    enum p2m_type t;
    struct page_info *pg = alloc_domheap_pages(NULL, 0, 0);
    mfn_t shared = page_to_mfn(pg);

    /* MMIO outside RAM, then a borrowed frame replacing RAM. */
    nr_flushes = 0;
    CHECK_EQ(p2m_map_mfn(p2m, 0xfee00, 0xfee00, p2m_mmio_direct), 0);
    CHECK_EQ(nr_flushes, 0);
    CHECK_EQ(p2m_lookup(p2m, 0xfee00, &t), 0xfee00);
    CHECK_EQ(t, p2m_mmio_direct);
    check_leaf(p2m, 0xfee00, 1, p2m_mmio_direct);
    CHECK_EQ(p2m_populate(p2m, 0xfee00, 0), -EPERM);
    CHECK_EQ(p2m_populate(p2m, 0xfee00 & ~511ULL, 9), -EPERM);
    CHECK_EQ(test_dom.tot_pages, 0);

    CHECK_EQ(p2m_populate(p2m, 64, 0), 0);
    CHECK_EQ(p2m_map_mfn(p2m, 64, shared, p2m_map_rw), 0);
    CHECK_EQ(nr_flushes, 1);
    CHECK_EQ(test_dom.tot_pages, 0);
    CHECK_EQ(p2m_lookup(p2m, 64, &t), shared);
    CHECK_EQ(t, p2m_map_rw);
    check_leaf(p2m, 64, 1, p2m_map_rw);
    CHECK_EQ(p2m_map_mfn(p2m, 64, shared, p2m_map_ro), 0);
    check_leaf(p2m, 64, 1, p2m_map_ro);
    CHECK_EQ(p2m_remove(p2m, 64, 0), 0);
    CHECK_EQ(p2m_remove(p2m, 0xfee00, 0), 0);
    CHECK(page_state_is(pg, inuse));        /* borrowed: never freed */
    free_domheap_pages(pg, 0);

    /* Read-only RAM: inside a 2 MiB leaf, with a flush, and back. */
    CHECK_EQ(p2m_populate(p2m, 1536, 9), 0);
    nr_flushes = 0;
    CHECK_EQ(p2m_change_type(p2m, 1536 + 5, p2m_ram_ro), 0);
    CHECK_EQ(nr_flushes, 1);
    check_leaf(p2m, 1536 + 5, 1, p2m_ram_ro);
    check_leaf(p2m, 1536 + 6, 1, p2m_ram_rw);
    CHECK_EQ(p2m_change_type(p2m, 1536 + 5, p2m_ram_rw), 0);
    CHECK_EQ(nr_flushes, 1);
    check_leaf(p2m, 1536 + 5, 1, p2m_ram_rw);
    CHECK_EQ(p2m_remove(p2m, 1536, 9), 0);
    CHECK_EQ(test_dom.tot_pages, 0);
}

/* No free 2 MiB block: populate falls back to 4 KiB frames. */
static void test_fragmented(struct p2m_domain *p2m)
{
    static struct page_info *pgs[NR_FRAMES];
    unsigned long n = 0, i;
    struct page_info *pg;

    while ( (pg = alloc_heap_pages(0, 0)) )
        pgs[n++] = pg;
    for ( i = 0; i < n; i += 2 )
        free_heap_pages(pgs[i], 0);
    CHECK_EQ(heap_free_blocks(9), 0);
    CHECK_EQ(p2m_populate(p2m, 512, 9), 0);
    check_leaf(p2m, 512 + 1, 1, p2m_ram_rw);
    CHECK_EQ(test_dom.tot_pages, 512);
    CHECK_EQ(p2m_remove(p2m, 512, 9), 0);
    for ( i = 1; i < n; i += 2 )
        free_heap_pages(pgs[i], 0);
    CHECK_EQ(test_dom.tot_pages, 0);
}

/* Heap exhaustion in the middle of a populate leaves a hole, no leak. */
static void test_exhaustion(struct p2m_domain *p2m)
{
    unsigned long before = total_free_pages(), tables = p2m->nr_tables;

    CHECK_EQ(p2m_populate(p2m, 0, 14), -ENOMEM);    /* 64 MiB > arena */
    CHECK_EQ(test_dom.tot_pages, 0);
    CHECK_EQ(p2m_lookup(p2m, 0, NULL), INVALID_MFN);
    /* Tables stay until destroy; every RAM frame went back. */
    CHECK_EQ(total_free_pages() + (p2m->nr_tables - tables), before);
}

/*
 * Table pages are capped at 64 + max_pages / 256: a guest spreading
 * borrowed mappings over the address space gets -ENOMEM, not the heap.
 */
static void test_table_cap(enum p2m_format fmt)
{
    unsigned long before = total_free_pages(), i, limit = 64 + 4096 / 256;
    struct p2m_domain *p2m = domain_start(fmt, 4096);
    int rc = 0;

    /* Each mapping 1 GiB apart needs its own L2 and L1 table. */
    for ( i = 0; i < 1000 && !rc; i++ )
        rc = p2m_map_mfn(p2m, i << 18, 0xfec00, p2m_mmio_direct);
    CHECK_EQ(rc, -ENOMEM);
    CHECK(p2m->nr_tables <= limit);
    CHECK(p2m->nr_tables >= limit - 2);
    CHECK(i < 100);
    /* RAM within max_pages still fits after a reset. */
    domain_end();
    p2m = domain_start(fmt, 4096);
    CHECK_EQ(p2m_populate(p2m, 0, 12), 0);
    domain_end();
    CHECK_EQ(total_free_pages(), before);
}

/* Fill every free heap frame with 0xa5, as a previous owner might. */
static void dirty_free_memory(void)
{
    struct page_info *pg[NR_FRAMES];
    unsigned long n = 0;

    while ( n < NR_FRAMES && (pg[n] = alloc_domheap_pages(NULL, 0, 0)) )
        memset(page_to_virt(pg[n++]), 0xa5, PAGE_SIZE);
    while ( n )
        free_domheap_pages(pg[--n], 0);
}

static bool all_zero(mfn_t mfn, unsigned long frames)
{
    const unsigned char *p = mfn_to_virt(mfn);
    unsigned long i;

    for ( i = 0; i < (frames << PAGE_SHIFT); i++ )
        if ( p[i] )
            return false;
    return true;
}

/*
 * Populate maps RAM unscrubbed: not present to the hardware, the old
 * contents still there; a guest fault or a lookup zeroes the whole leaf
 * and maps it present, once.
 */
static void test_lazy_scrub(struct p2m_domain *p2m)
{
    unsigned int level, present = p2m->format == P2M_NPT ? 1 : 7;
    unsigned long scrubbed = p2m->nr_scrubbed;
    const unsigned char *p;
    enum p2m_type t;
    uint64_t e;
    mfn_t m;

    dirty_free_memory();
    CHECK_EQ(p2m_populate(p2m, 2048, 9), 0);
    CHECK_EQ(p2m_populate(p2m, 3000, 0), 0);
    e = raw(p2m, 2048 + 9, &level);
    CHECK_EQ(level, 2);
    CHECK_EQ(e & present, 0);                           /* not present */
    CHECK_EQ((e >> 52) & 0xf, p2m_ram_unscrubbed);
    CHECK(e & 0x80);                                    /* still large */
    p = mfn_to_virt((e & ADDR) >> PAGE_SHIFT);
    CHECK_EQ(p[100], 0xa5);                             /* not zeroed yet */
    CHECK_EQ(p2m->nr_scrubbed, scrubbed);

    /* A guest fault anywhere in the 2 MiB leaf scrubs all of it. */
    CHECK(p2m_scrub_fault(p2m, 2048 + 300));
    CHECK_EQ(p2m->nr_scrubbed, scrubbed + 512);
    check_leaf(p2m, 2048 + 9, 2, p2m_ram_rw);
    CHECK(all_zero((e & ADDR) >> PAGE_SHIFT, 512));
    /* A second fault (another vCPU) finds it present: retry, no zeroing. */
    CHECK(p2m_scrub_fault(p2m, 2048 + 301));
    CHECK_EQ(p2m->nr_scrubbed, scrubbed + 512);

    /* A hypervisor lookup scrubs too, and never returns the type. */
    e = raw(p2m, 3000, &level);
    CHECK_EQ(e & present, 0);
    m = p2m_lookup(p2m, 3000, &t);
    CHECK_EQ(t, p2m_ram_rw);
    CHECK(all_zero(m, 1));
    CHECK_EQ(p2m->nr_scrubbed, scrubbed + 513);

    /* Faults on holes, MMIO and beyond the limit are not ours. */
    CHECK(!p2m_scrub_fault(p2m, 5000));
    CHECK_EQ(p2m_map_mfn(p2m, 5001, 0xfee00, p2m_mmio_direct), 0);
    CHECK(!p2m_scrub_fault(p2m, 5001));
    CHECK(!p2m_scrub_fault(p2m, P2M_GFN_LIMIT));

    /* Splitting an unscrubbed leaf keeps its pieces unscrubbed. */
    CHECK_EQ(p2m_populate(p2m, 4096, 9), 0);
    CHECK_EQ(p2m_remove(p2m, 4096 + 3, 0), 0);
    e = raw(p2m, 4096 + 4, &level);
    CHECK_EQ(level, 1);
    CHECK_EQ(e & present, 0);
    CHECK_EQ((e >> 52) & 0xf, p2m_ram_unscrubbed);
    /* A type change scrubs the page first; neighbours stay as they are. */
    CHECK_EQ(p2m_change_type(p2m, 4096 + 4, p2m_ram_ro), 0);
    check_leaf(p2m, 4096 + 4, 1, p2m_ram_ro);
    CHECK(all_zero(p2m_lookup(p2m, 4096 + 4, NULL), 1));
    e = raw(p2m, 4096 + 5, &level);
    CHECK_EQ((e >> 52) & 0xf, p2m_ram_unscrubbed);
    CHECK_EQ(p2m_change_type(p2m, 4096 + 5, p2m_ram_unscrubbed), -EINVAL);

    /* Removing unscrubbed RAM frees it and returns the quota. */
    CHECK_EQ(p2m_remove(p2m, 4096, 9), 0);
    CHECK_EQ(p2m_remove(p2m, 2048, 9), 0);
    CHECK_EQ(p2m_remove(p2m, 3000, 0), 0);
    CHECK_EQ(p2m_remove(p2m, 5001, 0), 0);
}

static void run_format(enum p2m_format fmt)
{
    struct p2m_domain *p2m;
    unsigned long free0;

    /* Warm xmalloc's slab so that the free count is comparable. */
    domain_start(fmt, ALL);
    domain_end();
    free0 = total_free_pages();

    p2m = domain_start(fmt, ALL);
    printf("# format %s\n", p2m->ops->name);
    CHECK_EQ(p2m->format, fmt);
    CHECK_EQ(p2m_root_maddr(p2m), page_to_maddr(p2m->root));
    CHECK_EQ(p2m_root_maddr(p2m) & ~PAGE_MASK, 0);
    CHECK(p2m_get_hostp2m(&test_dom) == p2m);
    test_4k_and_2m(p2m);
    test_replace(p2m);
    test_args(p2m);
    test_quota(p2m);
    test_borrowed(p2m);
    test_fragmented(p2m);
    test_exhaustion(p2m);
    test_lazy_scrub(p2m);

    /* Destroy with RAM still mapped, in both page sizes. */
    CHECK_EQ(p2m_populate(p2m, 0, 12), 0);
    CHECK_EQ(p2m_populate(p2m, 1ULL << 30, 0), 0);
    CHECK_EQ(p2m_remove(p2m, 77, 0), 0);
    CHECK_EQ(p2m_map_mfn(p2m, 0xfec00, 0xfec00, p2m_mmio_direct), 0);
    CHECK_EQ(test_dom.tot_pages, 4096);
    nr_flushes = 0;
    domain_end();
    CHECK_EQ(nr_flushes, 1);
    CHECK_EQ(test_dom.tot_pages, 0);
    CHECK_EQ(total_free_pages(), free0);
    test_table_cap(fmt);
}

int main(void)
{
    machine_start();
    run_format(P2M_NPT);
    run_format(P2M_EPT);
    p2m_destroy(NULL);
    free(test_ram);
    return test_done();
}
