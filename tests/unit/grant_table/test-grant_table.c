/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Grant tables v1 over the real p2m and heap, with two or three domains:
 * table growth and frames placed in the p2m; copy between domains with
 * every error status and the GTF_reading/GTF_writing bookkeeping; map and
 * unmap with pins, page references and handles; read-only grants; a grant
 * revoked while mapped; the granter freeing a mapped page (deferred free);
 * destruction of a mapper with live mappings; batch preemption; the small
 * sub-ops. Guest "virtual" addresses are host pointers (stub-gnttab.c).
 */
#include "test.h"
#include "../page_alloc/mm-test.h"
#include "gt-test.h"
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/p2m.h>
#include <public/grant_table.h>
#include "../../../xen/common/grant_table.h"

#define ARENA_BYTES     (64UL << 20)
#define NR_FRAMES       (ARENA_BYTES >> PAGE_SHIFT)
#define DA              1       /* domain ids */
#define DB              2
#define DC              3
#define RAM_GFN         0x10    /* each domain: RAM at 0x10..0x1f */
#define GT_GFN          0x100   /* where A maps its grant frames */
#define MAP_GFN         0x200   /* where B maps grants */

static struct domain *A, *B, *C;

static struct domain *dom_new(unsigned int i, domid_t id)
{
    struct domain *d = calloc(1, sizeof(*d));

    d->domain_id = id;
    d->refcnt = 1;
    d->max_pages = 2048;
    d->max_vcpus = 1;
    spin_lock_init(&d->domain_lock);
    spin_lock_init(&d->page_alloc_lock);
    page_list_init(&d->page_list);
    d->vcpu = calloc(1, sizeof(*d->vcpu));
    d->vcpu[0] = calloc(1, sizeof(struct vcpu));
    d->vcpu[0]->domain = d;
    d->arch.p2m = p2m_create(d, P2M_NPT);
    if ( !d->arch.p2m || gnttab_domain_init(d) ||
         p2m_populate(d->arch.p2m, RAM_GFN, 4) )
        abort();
    test_doms[i] = d;
    return d;
}

static void as(struct domain *d)
{
    this_cpu(curr_vcpu) = d->vcpu[0];
}

static long gop(unsigned int cmd, void *arg, unsigned long count)
{
    return do_grant_table_op(cmd, (unsigned long)arg, count, 0, 0);
}

static struct grant_entry_v1 *ent(struct domain *d, grant_ref_t ref)
{
    return gnttab_entry(d->grant_table, ref);
}

static void grant(struct domain *d, grant_ref_t ref, domid_t to,
                  uint64_t gfn, uint16_t flags)
{
    ent(d, ref)->domid = to;
    ent(d, ref)->frame = gfn;
    ent(d, ref)->flags = flags;
}

static mfn_t mfn_of(struct domain *d, uint64_t gfn, enum p2m_type *t)
{
    return p2m_lookup(d->arch.p2m, gfn, t);
}

static unsigned char *page_of(struct domain *d, uint64_t gfn)
{
    return mfn_to_virt(mfn_of(d, gfn, NULL));
}

static unsigned long refs_of(mfn_t mfn)
{
    return mfn_to_page(mfn)->count_info & PGC_count_mask;
}

static void test_table_and_frames(void)
{
    struct grant_table *gt = A->grant_table;
    unsigned long free0;
    enum p2m_type t;
    mfn_t m;

    CHECK_EQ(gt->nr_frames, 1);
    CHECK_EQ(gt->max_frames, GNTTAB_DEFAULT_MAX_FRAMES);
    CHECK_EQ(gnttab_map_frame(A, 0, GT_GFN), 0);
    m = mfn_of(A, GT_GFN, &t);
    CHECK_EQ(m, virt_to_mfn(gt->shared[0]));
    CHECK_EQ(t, p2m_map_rw);
    /* Frame 2 grows the table to 3 frames. */
    CHECK_EQ(gnttab_map_frame(A, 2, GT_GFN + 2), 0);
    CHECK_EQ(gt->nr_frames, 3);
    CHECK_EQ(gnttab_map_frame(A, 64, GT_GFN + 3), -EINVAL);
    CHECK_EQ(gnttab_map_frame(A, 0x80000000U, GT_GFN + 3), -EINVAL);
    CHECK_EQ(gnttab_map_frame(A, 1, P2M_GFN_LIMIT), -EINVAL);
    /* Moving frame 0 removes it from its old place. */
    CHECK_EQ(gnttab_map_frame(A, 0, GT_GFN + 1), 0);
    CHECK_EQ(mfn_of(A, GT_GFN, &t), INVALID_MFN);
    CHECK_EQ(mfn_of(A, GT_GFN + 1, &t), m);
    CHECK_EQ(gnttab_map_frame(A, 0, GT_GFN), 0);
    CHECK_EQ(mfn_of(A, GT_GFN + 1, &t), INVALID_MFN);
    /* Over RAM: the RAM page is freed, as Xen's add_to_physmap. */
    free0 = total_free_pages();
    CHECK_EQ(gnttab_map_frame(A, 1, RAM_GFN + 15), 0);
    CHECK_EQ(total_free_pages(), free0 + 1);
    CHECK_EQ(A->tot_pages, 15);
    CHECK_EQ(gnttab_map_frame(A, 1, GT_GFN + 1), 0);
    CHECK_EQ(p2m_populate(A->arch.p2m, RAM_GFN + 15, 0), 0);
}

struct status_op {
    struct gnttab_copy c;
};

static int copy1(uint16_t flags, uint64_t s, domid_t sd, uint16_t soff,
                 uint64_t d, domid_t dd, uint16_t doff, uint16_t len)
{
    struct gnttab_copy op = { .len = len, .flags = flags, .status = 99 };

    if ( flags & GNTCOPY_source_gref )
        op.source.u.ref = s;
    else
        op.source.u.gmfn = s;
    if ( flags & GNTCOPY_dest_gref )
        op.dest.u.ref = d;
    else
        op.dest.u.gmfn = d;
    op.source.domid = sd;
    op.source.offset = soff;
    op.dest.domid = dd;
    op.dest.offset = doff;
    if ( gop(GNTTABOP_copy, &op, 1) )
        return -100;
    return op.status;
}

#define SG  GNTCOPY_source_gref
#define DG  GNTCOPY_dest_gref

static void test_copy(void)
{
    mfn_t m = mfn_of(A, RAM_GFN, NULL);
    unsigned long free0;

    memcpy(page_of(A, RAM_GFN) + 10, "hello", 5);
    grant(A, 8, DB, RAM_GFN, GTF_permit_access | GTF_readonly);
    grant(A, 9, DB, RAM_GFN + 1, GTF_permit_access);
    grant(A, 10, DC, RAM_GFN, GTF_permit_access);
    grant(A, 11, DB, RAM_GFN, GTF_accept_transfer);
    grant(A, 12, DB, 0x7777, GTF_permit_access);
    grant(A, 13, DB, GT_GFN, GTF_permit_access);
    as(B);

    CHECK_EQ(copy1(SG, 8, DA, 10, RAM_GFN, DOMID_SELF, 100, 5), GNTST_okay);
    CHECK(!memcmp(page_of(B, RAM_GFN) + 100, "hello", 5));
    CHECK_EQ(ent(A, 8)->flags, GTF_permit_access | GTF_readonly);
    CHECK_EQ(refs_of(m), 0);
    CHECK_EQ(copy1(DG, RAM_GFN, DOMID_SELF, 100, 9, DA, 4091, 5),
             GNTST_okay);
    CHECK(!memcmp(page_of(A, RAM_GFN + 1) + 4091, "hello", 5));
    CHECK_EQ(ent(A, 9)->flags, GTF_permit_access);
    CHECK_EQ(copy1(SG | DG, 8, DA, 10, 9, DA, 0, 5), GNTST_okay);
    CHECK(!memcmp(page_of(A, RAM_GFN + 1), "hello", 5));
    CHECK_EQ(A->refcnt, 1);

    /* Every error, and nothing left set behind. */
    CHECK_EQ(copy1(SG, 3 * 512, DA, 0, RAM_GFN, DOMID_SELF, 0, 4),
             GNTST_bad_gntref);
    CHECK_EQ(copy1(SG, 10, DA, 0, RAM_GFN, DOMID_SELF, 0, 4),
             GNTST_general_error);
    CHECK_EQ(copy1(SG, 11, DA, 0, RAM_GFN, DOMID_SELF, 0, 4),
             GNTST_general_error);
    CHECK_EQ(copy1(SG, 14, DA, 0, RAM_GFN, DOMID_SELF, 0, 4),
             GNTST_general_error);
    CHECK_EQ(copy1(DG, RAM_GFN, DOMID_SELF, 0, 8, DA, 0, 4),
             GNTST_general_error);
    CHECK_EQ(copy1(SG, 8, 0x7000, 0, RAM_GFN, DOMID_SELF, 0, 4),
             GNTST_bad_domain);
    CHECK_EQ(copy1(0, RAM_GFN, DB, 0, RAM_GFN + 1, DOMID_SELF, 0, 4),
             GNTST_permission_denied);
    CHECK_EQ(copy1(0, RAM_GFN, DOMID_SELF, 0, RAM_GFN + 1, DA, 0, 4),
             GNTST_permission_denied);
    CHECK_EQ(copy1(SG, 8, DA, 4093, RAM_GFN, DOMID_SELF, 0, 4),
             GNTST_bad_copy_arg);
    CHECK_EQ(copy1(SG, 8, DA, 0, RAM_GFN, DOMID_SELF, 4093, 4),
             GNTST_bad_copy_arg);
    CHECK_EQ(copy1(SG, 8, DA, 0, 0x9999, DOMID_SELF, 0, 4), GNTST_bad_page);
    CHECK_EQ(copy1(SG, 12, DA, 0, RAM_GFN, DOMID_SELF, 0, 4),
             GNTST_bad_page);
    CHECK_EQ(copy1(SG, 13, DA, 0, RAM_GFN, DOMID_SELF, 0, 4),
             GNTST_bad_page);                   /* not RAM: a grant frame */
    CHECK_EQ(ent(A, 12)->flags, GTF_permit_access);
    CHECK_EQ(ent(A, 13)->flags, GTF_permit_access);
    CHECK_EQ(ent(A, 8)->flags, GTF_permit_access | GTF_readonly);
    CHECK_EQ(ent(A, 9)->flags, GTF_permit_access);
    CHECK_EQ(A->refcnt, 1);
    CHECK_EQ(B->refcnt, 1);

    /* Own read-only RAM may be read, not written. */
    CHECK_EQ(p2m_change_type(B->arch.p2m, RAM_GFN + 2, p2m_ram_ro), 0);
    CHECK_EQ(copy1(SG, 8, DA, 0, RAM_GFN + 2, DOMID_SELF, 0, 4),
             GNTST_bad_page);
    CHECK_EQ(copy1(DG, RAM_GFN + 2, DOMID_SELF, 0, 9, DA, 0, 4),
             GNTST_okay);
    CHECK_EQ(p2m_change_type(B->arch.p2m, RAM_GFN + 2, p2m_ram_rw), 0);

    /* The granter made its frame read-only RAM: no writes through it. */
    CHECK_EQ(p2m_change_type(A->arch.p2m, RAM_GFN + 1, p2m_ram_ro), 0);
    CHECK_EQ(copy1(DG, RAM_GFN, DOMID_SELF, 0, 9, DA, 0, 4),
             GNTST_general_error);
    CHECK_EQ(ent(A, 9)->flags, GTF_permit_access);
    CHECK_EQ(copy1(SG, 9, DA, 0, RAM_GFN, DOMID_SELF, 0, 4), GNTST_okay);
    CHECK_EQ(p2m_change_type(A->arch.p2m, RAM_GFN + 1, p2m_ram_rw), 0);

    /* A hostile copy must not free anything or leak references. */
    free0 = total_free_pages();
    CHECK_EQ(copy1(SG, 8, DA, 0, RAM_GFN, DOMID_SELF, 0, 0xffff),
             GNTST_bad_copy_arg);
    CHECK_EQ(total_free_pages(), free0);
    CHECK_EQ(refs_of(m), 0);
}

static void test_copy_batch(void)
{
    struct gnttab_copy ops[3];
    unsigned int i;

    as(B);
    memset(ops, 0, sizeof(ops));
    for ( i = 0; i < 3; i++ )
    {
        ops[i].source.u.ref = 8;
        ops[i].source.domid = DA;
        ops[i].dest.u.gmfn = RAM_GFN;
        ops[i].dest.domid = DOMID_SELF;
        ops[i].len = 4;
        ops[i].flags = SG;
        ops[i].status = 99;
    }
    ops[1].source.u.ref = 100000;
    CHECK_EQ(gop(GNTTABOP_copy, ops, 3), 0);
    CHECK_EQ(ops[0].status, GNTST_okay);
    CHECK_EQ(ops[1].status, GNTST_bad_gntref);
    CHECK_EQ(ops[2].status, GNTST_okay);

    /* Preempted after the first element: continue with the other two. */
    ops[0].status = ops[1].status = ops[2].status = 99;
    stub_preempt_after = 0;
    CHECK_EQ(gop(GNTTABOP_copy, ops, 3), -ERESTART);
    stub_preempt_after = ~0U;
    CHECK_EQ(ops[0].status, GNTST_okay);
    CHECK_EQ(ops[1].status, 99);
    CHECK_EQ(stub_args[1], (unsigned long)&ops[1]);
    CHECK_EQ(stub_args[2], 2);
    CHECK_EQ(gop(GNTTABOP_copy, ops, 0x80000000UL), -EINVAL);
    CHECK_EQ(gop(GNTTABOP_copy, (void *)8, 1), -EFAULT);
    CHECK_EQ(gop(GNTTABOP_copy, NULL, 0), 0);
}

static int map1(grant_ref_t ref, domid_t dom, uint64_t gfn, uint32_t flags,
                grant_handle_t *h)
{
    struct gnttab_map_grant_ref op = {
        .host_addr = gfn << PAGE_SHIFT, .flags = flags, .ref = ref,
        .dom = dom, .status = 99, .handle = 0xdead,
    };

    if ( gop(GNTTABOP_map_grant_ref, &op, 1) )
        return -100;
    if ( h )
        *h = op.handle;
    return op.status;
}

static int unmap1(uint64_t gfn, grant_handle_t h)
{
    struct gnttab_unmap_grant_ref op = {
        .host_addr = gfn << PAGE_SHIFT, .handle = h, .status = 99,
    };

    if ( gop(GNTTABOP_unmap_grant_ref, &op, 1) )
        return -100;
    return op.status;
}

#define HM  GNTMAP_host_map
#define RO  GNTMAP_readonly
#define RW_BITS (GTF_reading | GTF_writing)

static void test_map_unmap(void)
{
    mfn_t m = mfn_of(A, RAM_GFN + 3, NULL);
    grant_handle_t h1, h2, h3;
    enum p2m_type t;

    memcpy(mfn_to_virt(m), "mapped", 6);
    grant(A, 20, DB, RAM_GFN + 3, GTF_permit_access);
    grant(A, 21, DB, RAM_GFN + 4, GTF_permit_access | GTF_readonly);
    as(B);

    CHECK_EQ(map1(20, DA, MAP_GFN, HM, &h1), GNTST_okay);
    CHECK_EQ(mfn_of(B, MAP_GFN, &t), m);
    CHECK_EQ(t, p2m_map_rw);
    CHECK(!memcmp(page_of(B, MAP_GFN), "mapped", 6));
    CHECK_EQ(ent(A, 20)->flags, GTF_permit_access | RW_BITS);
    CHECK_EQ(refs_of(m), 1);
    CHECK_EQ(A->refcnt, 2);
    CHECK_EQ(map1(20, DA, MAP_GFN + 1, HM | RO, &h2), GNTST_okay);
    CHECK(h2 != h1);
    CHECK_EQ(mfn_of(B, MAP_GFN + 1, &t), m);
    CHECK_EQ(t, p2m_map_ro);
    CHECK_EQ(refs_of(m), 1);                    /* one per active entry */
    CHECK_EQ(A->refcnt, 3);

    /* Errors. */
    CHECK_EQ(map1(20, DOMID_SELF, MAP_GFN + 2, HM, NULL), GNTST_bad_domain);
    CHECK_EQ(map1(20, 0x7000, MAP_GFN + 2, HM, NULL), GNTST_bad_domain);
    CHECK_EQ(map1(20, DA, MAP_GFN + 2, RO, NULL), GNTST_bad_gntref);
    CHECK_EQ(map1(20, DA, MAP_GFN + 2, HM | GNTMAP_device_map, NULL),
             GNTST_general_error);
    CHECK_EQ(map1(3 * 512, DA, MAP_GFN + 2, HM, NULL), GNTST_bad_gntref);
    CHECK_EQ(map1(21, DA, MAP_GFN + 2, HM, NULL), GNTST_general_error);
    CHECK_EQ(ent(A, 21)->flags, GTF_permit_access | GTF_readonly);
    CHECK_EQ(map1(10, DA, MAP_GFN + 2, HM, NULL), GNTST_general_error);
    CHECK_EQ(map1(20, DA, P2M_GFN_LIMIT, HM, NULL), GNTST_general_error);
    /* Not over another grant mapping (Xen crashes the domain there). */
    CHECK_EQ(map1(20, DA, MAP_GFN, HM | RO, NULL), GNTST_general_error);
    CHECK_EQ(mfn_of(B, MAP_GFN, &t), m);
    CHECK_EQ(t, p2m_map_rw);
    stub_pinned_gfn = MAP_GFN + 2;
    CHECK_EQ(map1(21, DA, MAP_GFN + 2, HM | RO, NULL), GNTST_general_error);
    stub_pinned_gfn = ~0ULL;
    CHECK_EQ(ent(A, 21)->flags, GTF_permit_access | GTF_readonly);
    /* C may not use a grant to B, even while B has it mapped. */
    as(C);
    CHECK_EQ(map1(20, DA, MAP_GFN, HM | RO, NULL), GNTST_general_error);
    as(B);
    CHECK_EQ(A->refcnt, 3);

    /* A read-only grant maps read-only; over RAM, which is freed. */
    CHECK_EQ(p2m_populate(B->arch.p2m, MAP_GFN + 2, 0), 0);
    CHECK_EQ(B->tot_pages, 17);
    CHECK_EQ(map1(21, DA, MAP_GFN + 2, HM | RO, &h3), GNTST_okay);
    CHECK_EQ(B->tot_pages, 16);
    CHECK_EQ(mfn_of(B, MAP_GFN + 2, &t), mfn_of(A, RAM_GFN + 4, NULL));
    CHECK_EQ(t, p2m_map_ro);
    CHECK_EQ(ent(A, 21)->flags, GTF_permit_access | GTF_readonly |
                                GTF_reading);
    CHECK_EQ(unmap1(MAP_GFN + 2, h3), GNTST_okay);
    CHECK_EQ(ent(A, 21)->flags, GTF_permit_access | GTF_readonly);

    /* Unmap: wrong address keeps the mapping; bits go with the pins. */
    CHECK_EQ(unmap1(MAP_GFN + 1, h1), GNTST_general_error);
    CHECK_EQ(mfn_of(B, MAP_GFN, &t), m);
    CHECK_EQ(unmap1(MAP_GFN, h1), GNTST_okay);
    CHECK_EQ(mfn_of(B, MAP_GFN, &t), INVALID_MFN);
    CHECK_EQ(ent(A, 20)->flags, GTF_permit_access | GTF_reading);
    CHECK_EQ(unmap1(MAP_GFN, h1), GNTST_bad_handle);
    CHECK_EQ(unmap1(MAP_GFN, 100000), GNTST_bad_handle);
    CHECK_EQ(unmap1(0, h2), GNTST_okay);            /* host_addr 0: no-op */
    CHECK_EQ(mfn_of(B, MAP_GFN + 1, &t), m);
    CHECK_EQ(unmap1(MAP_GFN + 1, h2), GNTST_okay);
    CHECK_EQ(ent(A, 20)->flags, GTF_permit_access);
    CHECK_EQ(refs_of(m), 0);
    CHECK_EQ(A->refcnt, 1);

    /*
     * The mapping domain replaces its own grant mapping (as moving
     * shared_info there would): unmapping the handle still releases the
     * granter's pin and page reference.
     */
    CHECK_EQ(map1(20, DA, MAP_GFN + 3, HM, &h1), GNTST_okay);
    CHECK_EQ(ent(A, 20)->flags, GTF_permit_access | RW_BITS);
    CHECK_EQ(p2m_remove(B->arch.p2m, MAP_GFN + 3, 0), 0);
    CHECK_EQ(unmap1(MAP_GFN + 3, h1), GNTST_okay);
    CHECK_EQ(ent(A, 20)->flags, GTF_permit_access);
    CHECK_EQ(refs_of(m), 0);
    CHECK_EQ(unmap1(MAP_GFN + 3, h1), GNTST_bad_handle);
}

/* The granter clears its entry while B maps it: the mapping stays. */
static void test_revoke_while_mapped(void)
{
    mfn_t m = mfn_of(A, RAM_GFN + 3, NULL);
    grant_handle_t h;

    grant(A, 22, DB, RAM_GFN + 3, GTF_permit_access);
    as(B);
    CHECK_EQ(map1(22, DA, MAP_GFN, HM, &h), GNTST_okay);
    ent(A, 22)->flags = 0;                      /* hostile revoke */
    ent(A, 22)->frame = RAM_GFN + 5;
    CHECK_EQ(mfn_of(B, MAP_GFN, NULL), m);
    /* Still pinned for B: copies keep using the pinned frame. */
    CHECK_EQ(copy1(SG, 22, DA, 0, RAM_GFN, DOMID_SELF, 0, 6), GNTST_okay);
    CHECK(!memcmp(page_of(B, RAM_GFN), "mapped", 6));
    CHECK_EQ(ent(A, 22)->flags, 0);         /* nobody sets bits again */
    CHECK_EQ(unmap1(MAP_GFN, h), GNTST_okay);
    CHECK_EQ(ent(A, 22)->flags, 0);
    CHECK_EQ(map1(22, DA, MAP_GFN, HM, NULL), GNTST_general_error);
    CHECK_EQ(refs_of(m), 0);
}

/* The granter frees a page B maps (4 KiB, then inside a 2 MiB block). */
static void test_free_while_mapped(void)
{
    unsigned long free0;
    grant_handle_t h;
    mfn_t m;

    as(B);
    grant(A, 23, DB, RAM_GFN + 6, GTF_permit_access);
    m = mfn_of(A, RAM_GFN + 6, NULL);
    CHECK_EQ(map1(23, DA, MAP_GFN, HM, &h), GNTST_okay);
    free0 = total_free_pages();
    CHECK_EQ(p2m_remove(A->arch.p2m, RAM_GFN + 6, 0), 0);
    CHECK_EQ(total_free_pages(), free0);            /* deferred */
    CHECK(page_state_is(mfn_to_page(m), inuse));
    CHECK(mfn_to_page(m)->count_info & PGC_free_deferred);
    CHECK_EQ(mfn_of(B, MAP_GFN, NULL), m);
    /* A new pin cannot reach it any more (the gfn is a hole). */
    CHECK_EQ(copy1(SG, 23, DA, 0, RAM_GFN, DOMID_SELF, 0, 4), GNTST_okay);
    CHECK_EQ(unmap1(MAP_GFN, h), GNTST_okay);
    CHECK_EQ(total_free_pages(), free0 + 1);
    CHECK(page_state_is(mfn_to_page(m), free));
    CHECK_EQ(copy1(SG, 23, DA, 0, RAM_GFN, DOMID_SELF, 0, 4),
             GNTST_bad_page);
    CHECK_EQ(p2m_populate(A->arch.p2m, RAM_GFN + 6, 0), 0);

    /* One page of a 2 MiB block mapped: the other 511 go at once. */
    CHECK_EQ(p2m_populate(A->arch.p2m, 0x400, 9), 0);
    grant(A, 24, DB, 0x400 + 77, GTF_permit_access);
    m = mfn_of(A, 0x400 + 77, NULL);
    CHECK_EQ(map1(24, DA, MAP_GFN, HM | RO, &h), GNTST_okay);
    free0 = total_free_pages();
    CHECK_EQ(p2m_remove(A->arch.p2m, 0x400, 9), 0);
    CHECK_EQ(total_free_pages(), free0 + 511);
    CHECK(page_state_is(mfn_to_page(m), inuse));
    CHECK(page_state_is(mfn_to_page(m - 1), free));
    CHECK_EQ(unmap1(MAP_GFN, h), GNTST_okay);
    CHECK_EQ(total_free_pages(), free0 + 512);
    CHECK_EQ(heap_free_blocks(9) > 0, 1);
}

/* B is destroyed with live mappings: everything goes back to A. */
static void test_destroy_mapper(void)
{
    grant_handle_t h;
    mfn_t m = mfn_of(A, RAM_GFN + 7, NULL);

    grant(A, 25, DC, RAM_GFN + 7, GTF_permit_access);
    grant(A, 26, DC, RAM_GFN + 8, GTF_permit_access | GTF_readonly);
    as(C);
    CHECK_EQ(map1(25, DA, MAP_GFN, HM, &h), GNTST_okay);
    CHECK_EQ(map1(25, DA, MAP_GFN + 1, HM | RO, &h), GNTST_okay);
    CHECK_EQ(map1(26, DA, MAP_GFN + 2, HM | RO, &h), GNTST_okay);
    CHECK_EQ(A->refcnt, 4);
    C->state = DOMSTATE_dying;
    gnttab_domain_destroy(C);
    CHECK_EQ(A->refcnt, 1);
    CHECK_EQ(ent(A, 25)->flags, GTF_permit_access);
    CHECK_EQ(ent(A, 26)->flags, GTF_permit_access | GTF_readonly);
    CHECK_EQ(refs_of(m), 0);
    CHECK_EQ(mfn_of(C, MAP_GFN, NULL), INVALID_MFN);
    CHECK_EQ(mfn_of(C, MAP_GFN + 2, NULL), INVALID_MFN);
    /* No new mappings once dying; a second destroy is harmless. */
    CHECK_EQ(map1(25, DA, MAP_GFN, HM, &h), GNTST_no_space);
    gnttab_domain_destroy(C);
    /* And a dying granter is gone for new users. */
    as(B);
    C->state = DOMSTATE_running;
}

static void test_maptrack_limit(void)
{
    struct grant_table *gt = B->grant_table;
    unsigned int i, n = MAPTRACK_PER_CHUNK, max = gt->maptrack_max_chunks;
    grant_handle_t h, hs[MAPTRACK_PER_CHUNK];

    as(B);
    grant(A, 27, DB, RAM_GFN + 9, GTF_permit_access);
    gt->maptrack_max_chunks = gt->maptrack_chunks ? gt->maptrack_chunks : 1;
    for ( i = 0; i < n; i++ )
        if ( map1(27, DA, MAP_GFN + i, HM | RO, &hs[i]) != GNTST_okay )
            break;
    CHECK_EQ(i, n);
    CHECK_EQ(map1(27, DA, MAP_GFN + n, HM | RO, &h), GNTST_no_space);
    CHECK_EQ(gnttab_active(A->grant_table, 27)->nr_ro, n);
    for ( i = 0; i < n; i++ )
        if ( unmap1(MAP_GFN + i, hs[i]) != GNTST_okay )
            break;
    CHECK_EQ(i, n);
    CHECK_EQ(ent(A, 27)->flags, GTF_permit_access);
    gt->maptrack_max_chunks = max;
}

static void test_small_ops(void)
{
    struct gnttab_query_size q = { .dom = DOMID_SELF };
    struct gnttab_set_version sv = { .version = 2 };
    struct gnttab_get_version gv = { .dom = DA };
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 4 };
    struct gnttab_swap_grant_ref sw = { .ref_a = 30, .ref_b = 31 };
    xen_pfn_t fl[4];

    as(A);
    CHECK_EQ(gop(GNTTABOP_query_size, &q, 1), 0);
    CHECK_EQ(q.status, GNTST_okay);
    CHECK_EQ(q.nr_frames, 3);
    CHECK_EQ(q.max_nr_frames, 64);
    CHECK_EQ(gop(GNTTABOP_query_size, &q, 2), -EINVAL);
    q.dom = DB;
    CHECK_EQ(gop(GNTTABOP_query_size, &q, 1), 0);
    CHECK_EQ(q.status, GNTST_permission_denied);
    q.dom = 0x7000;
    CHECK_EQ(gop(GNTTABOP_query_size, &q, 1), 0);
    CHECK_EQ(q.status, GNTST_bad_domain);

    CHECK_EQ(gop(GNTTABOP_set_version, &sv, 1), -ENOSYS);
    CHECK_EQ(sv.version, 1);
    sv.version = 0;
    CHECK_EQ(gop(GNTTABOP_set_version, &sv, 1), -EINVAL);
    sv.version = 1;
    CHECK_EQ(gop(GNTTABOP_set_version, &sv, 1), 0);
    CHECK_EQ(gop(GNTTABOP_get_version, &gv, 1), 0);
    CHECK_EQ(gv.version, 1);
    gv.dom = DB;
    CHECK_EQ(gop(GNTTABOP_get_version, &gv, 1), -EPERM);
    gv.dom = 0x7000;
    CHECK_EQ(gop(GNTTABOP_get_version, &gv, 1), -ESRCH);

    set_xen_guest_handle(st.frame_list, fl);
    CHECK_EQ(gop(GNTTABOP_setup_table, &st, 1), 0);
    CHECK_EQ(st.status, GNTST_okay);
    CHECK_EQ(fl[0], GT_GFN);
    CHECK_EQ(fl[1], GT_GFN + 1);
    CHECK_EQ(fl[2], GT_GFN + 2);
    CHECK_EQ(fl[3], GNTTAB_NO_GFN);
    CHECK_EQ(A->grant_table->nr_frames, 4);
    st.nr_frames = 65;
    CHECK_EQ(gop(GNTTABOP_setup_table, &st, 1), 0);
    CHECK_EQ(st.status, GNTST_general_error);

    grant(A, 30, DB, 0x1111, GTF_permit_access);
    grant(A, 31, DC, 0x2222, GTF_permit_access | GTF_readonly);
    CHECK_EQ(gop(GNTTABOP_swap_grant_ref, &sw, 1), 0);
    CHECK_EQ(sw.status, GNTST_okay);
    CHECK_EQ(ent(A, 30)->frame, 0x2222);
    CHECK_EQ(ent(A, 31)->domid, DB);
    sw.ref_b = 100000;
    CHECK_EQ(gop(GNTTABOP_swap_grant_ref, &sw, 1), 0);
    CHECK_EQ(sw.status, GNTST_bad_gntref);

    CHECK_EQ(gop(GNTTABOP_transfer, &sw, 0), -ENOSYS);
    CHECK_EQ(gop(GNTTABOP_get_status_frames, &sw, 1), -ENOSYS);
    CHECK_EQ(gop(GNTTABOP_query_size | (1 << 12), &q, 1), -ENOSYS);
}

int main(void)
{
    arena_init(ARENA_BYTES);
    init_boot_pages(1UL << 20, ARENA_BYTES);
    heap_start(NR_FRAMES);
    A = dom_new(0, DA);
    B = dom_new(1, DB);
    C = dom_new(2, DC);

    test_table_and_frames();
    test_copy();
    test_copy_batch();
    test_map_unmap();
    test_revoke_while_mapped();
    test_free_while_mapped();
    test_destroy_mapper();
    test_maptrack_limit();
    test_small_ops();
    return test_done();
}
