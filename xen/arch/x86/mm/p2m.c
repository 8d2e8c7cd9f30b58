/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The p2m's policy, independent of the table format: creation and
 * destruction, populate/remove of domain RAM with d->tot_pages accounting
 * against d->max_pages, borrowed mappings, lookups. Every change that
 * unmaps or reduces rights calls p2m->flush before any frame or table
 * page is freed. Tables: p2m-pt.c. Interface: xen/p2m.h.
 *
 * Locking: p2m->lock (rwlock; see xen/p2m.h) > d->page_alloc_lock
 * (spinlock, tot_pages only) > heap_lock. RAM frames mapped by the p2m
 * are owned by the domain (page owner d) but are not on d->page_list:
 * the p2m is their only record, and p2m_destroy() frees them.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <xen/xmalloc.h>
#include "p2m-pt.h"

/* --- Accounting. */

static int acquire_pages(struct domain *d, unsigned long n)
{
    int rc = 0;

    spin_lock(&d->page_alloc_lock);
    if ( d->tot_pages + n > d->max_pages )
        rc = -ENOMEM;
    else
        d->tot_pages += n;
    spin_unlock(&d->page_alloc_lock);
    return rc;
}

static void release_pages(struct domain *d, unsigned long n)
{
    spin_lock(&d->page_alloc_lock);
    ASSERT(d->tot_pages >= n);
    d->tot_pages -= n;
    spin_unlock(&d->page_alloc_lock);
}

/*
 * End of every change: flush if anything was unmapped or reduced, then
 * free what the old translations pointed at.
 */
static void flush_and_free(struct p2m_domain *p2m)
{
    struct page_info *pg;
    unsigned long n = 0;

    if ( p2m->need_flush && p2m->flush )
        p2m->flush(p2m);
    p2m->need_flush = false;

    while ( (pg = page_list_remove_head(&p2m->free_4k)) )
    {
        free_domheap_pages(pg, 0);
        n++;
    }
    while ( (pg = page_list_remove_head(&p2m->free_2m)) )
    {
        free_domheap_pages(pg, P2M_ORDER_2M);
        n += 1UL << P2M_ORDER_2M;
    }
    if ( n )
        release_pages(p2m->domain, n);
    while ( (pg = page_list_remove_head(&p2m->free_tables)) )
        p2m_pt_free_table(p2m, pg);
}

/* A leaf at gfn/level was unmapped: queue its RAM frames, note the flush. */
static void unmapped_leaf(struct p2m_domain *p2m, uint64_t gfn,
                          unsigned int level, uint64_t e)
{
    const struct p2m_format_ops *ops = p2m->ops;
    struct page_info *pg = mfn_to_page(ops->entry_mfn(e));

    (void)gfn;
    p2m->need_flush = true;
    if ( !p2m_is_ram(ops->entry_type(e)) )
        return;
    /* Only populate creates RAM leaves, and never at level 3. */
    ASSERT(level <= 2);
    page_list_add(pg, level == 1 ? &p2m->free_4k : &p2m->free_2m);
}

static int check_range(uint64_t gfn, unsigned int order)
{
    if ( order > MAX_ORDER || (gfn & ((1ULL << order) - 1)) ||
         gfn >= P2M_GFN_LIMIT || P2M_GFN_LIMIT - gfn < (1ULL << order) )
        return -EINVAL;
    return 0;
}

/* Base gfn and size of the entry found at level for gfn. */
static uint64_t span_base(uint64_t gfn, unsigned int level)
{
    return gfn & ~(uint64_t)(P2M_LEVEL_PAGES(level) - 1);
}

/*
 * Count RAM frames mapped in [gfn, end). Returns 0, or -EPERM if anything
 * else is mapped there.
 */
static int scan_range(struct p2m_domain *p2m, uint64_t gfn, uint64_t end,
                      unsigned long *nr_ram)
{
    *nr_ram = 0;
    while ( gfn < end )
    {
        unsigned int level;
        uint64_t e = p2m_pt_get(p2m, gfn, &level);
        uint64_t base = span_base(gfn, level);
        uint64_t top = base + P2M_LEVEL_PAGES(level);

        if ( e && !p2m_is_ram(p2m->ops->entry_type(e)) )
            return -EPERM;
        if ( e )
            *nr_ram += min(top, end) - gfn;
        gfn = top;
    }
    return 0;
}

/*
 * Unmap [gfn, end), splitting leaves that straddle its edges. Sets *any
 * if something was mapped. Returns 0 or -ENOMEM (from a split).
 */
static int unmap_range(struct p2m_domain *p2m, uint64_t gfn, uint64_t end,
                       bool *any)
{
    const struct p2m_format_ops *ops = p2m->ops;
    int rc;

    while ( gfn < end )
    {
        unsigned int level;
        uint64_t e = p2m_pt_get(p2m, gfn, &level);
        uint64_t base = span_base(gfn, level);
        uint64_t top = base + P2M_LEVEL_PAGES(level);

        if ( !e )
        {
            gfn = top;
            continue;
        }
        *any = true;
        if ( base < gfn || top > end )
        {
            /* Split: drop only this 4 KiB page of the large leaf. */
            uint64_t leaf = ops->make_leaf(ops->entry_mfn(e) + (gfn - base),
                                           ops->entry_type(e), false);

            rc = p2m_pt_set(p2m, gfn, 1, 0);
            if ( rc )
                return rc;
            unmapped_leaf(p2m, gfn, 1, leaf);
            gfn++;
            continue;
        }
        ASSERT(level <= 2);
        rc = p2m_pt_set(p2m, base, level, 0);
        if ( rc )
            return rc;
        unmapped_leaf(p2m, base, level, e);
        gfn = top;
    }
    return 0;
}

static void note_mapped(struct p2m_domain *p2m, uint64_t last_gfn)
{
    if ( last_gfn > p2m->max_mapped_gfn )
        p2m->max_mapped_gfn = last_gfn;
}

/* --- Life cycle. */

struct p2m_domain *p2m_create(struct domain *d, enum p2m_format fmt)
{
    struct p2m_domain *p2m = xzalloc(struct p2m_domain);

    if ( !p2m )
        return NULL;
    rwlock_init(&p2m->lock);
    spin_lock_init(&p2m->scrub_lock);
    p2m->domain = d;
    p2m->format = fmt;
    p2m->ops = fmt == P2M_EPT ? &p2m_ept_ops : &p2m_npt_ops;
    page_list_init(&p2m->free_4k);
    page_list_init(&p2m->free_2m);
    page_list_init(&p2m->free_tables);
    p2m->root = p2m_pt_alloc_table(p2m);
    if ( !p2m->root )
    {
        xfree(p2m);
        return NULL;
    }
    return p2m;
}

void p2m_destroy(struct p2m_domain *p2m)
{
    if ( !p2m )
        return;
    write_lock(&p2m->lock);
    p2m_pt_teardown(p2m, unmapped_leaf);
    flush_and_free(p2m);
    write_unlock(&p2m->lock);
    p2m_pt_free_table(p2m, p2m->root);
    ASSERT(!p2m->nr_tables);
    xfree(p2m);
}

struct p2m_domain *p2m_get_hostp2m(struct domain *d)
{
    return d->arch.p2m;
}

/* --- Populate. */

/* Map one 4 KiB frame of fresh RAM at gfn; the frame is already counted. */
static int map_new_frame(struct p2m_domain *p2m, uint64_t gfn,
                         struct page_info *pg)
{
    int rc = p2m_pt_set(p2m, gfn, 1,
                        p2m->ops->make_leaf(page_to_mfn(pg),
                                            p2m_ram_unscrubbed, false));

    if ( rc )
    {
        free_domheap_pages(pg, 0);
        release_pages(p2m->domain, 1);
    }
    return rc;
}

/*
 * Populate [gfn, gfn + 2^order) with order <= 9, all holes now. A full,
 * aligned 2 MiB chunk gets one 2 MiB block if the heap has one.
 */
static int populate_chunk(struct p2m_domain *p2m, uint64_t gfn,
                          unsigned int order)
{
    struct domain *d = p2m->domain;
    unsigned long i, n = 1UL << order;
    struct page_info *pg;
    int rc = acquire_pages(d, n);

    if ( rc )
        return rc;
    if ( order == P2M_ORDER_2M &&
         (pg = alloc_domheap_pages(d, P2M_ORDER_2M, 0)) )
    {
        rc = p2m_pt_set(p2m, gfn, 2,
                        p2m->ops->make_leaf(page_to_mfn(pg),
                                            p2m_ram_unscrubbed, true));
        if ( rc )
        {
            free_domheap_pages(pg, P2M_ORDER_2M);
            release_pages(d, n);
        }
        return rc;
    }

    for ( i = 0; i < n; i++ )
    {
        pg = alloc_domheap_pages(d, 0, 0);
        if ( !pg )
        {
            release_pages(d, n - i);
            return -ENOMEM;
        }
        rc = map_new_frame(p2m, gfn + i, pg);
        if ( rc )
        {
            release_pages(d, n - i - 1);
            return rc;
        }
    }
    return 0;
}

int p2m_populate(struct p2m_domain *p2m, uint64_t gfn, unsigned int order)
{
    struct domain *d = p2m->domain;
    uint64_t end = gfn + (1ULL << order), g;
    unsigned int chunk = min(order, (unsigned int)P2M_ORDER_2M);
    unsigned long old;
    bool any = false;
    int rc = check_range(gfn, order);

    if ( rc )
        return rc;

    write_lock(&p2m->lock);
    rc = scan_range(p2m, gfn, end, &old);
    if ( rc )
        goto out;
    spin_lock(&d->page_alloc_lock);
    if ( d->tot_pages - old + (1UL << order) > d->max_pages )
        rc = -ENOMEM;
    spin_unlock(&d->page_alloc_lock);
    if ( rc )
        goto out;

    /* From here on the range changes; a failure leaves it a hole. */
    if ( old )
    {
        /* Free the old frames first: their quota goes to the new ones. */
        rc = unmap_range(p2m, gfn, end, &any);
        flush_and_free(p2m);
    }
    for ( g = gfn; !rc && g < end; g += 1ULL << chunk )
        rc = populate_chunk(p2m, g, chunk);
    if ( rc )
        (void)unmap_range(p2m, gfn, end, &any);
    else
        note_mapped(p2m, end - 1);
    flush_and_free(p2m);
 out:
    write_unlock(&p2m->lock);
    return rc;
}

/* --- Remove, borrowed mappings, type changes. */

int p2m_remove(struct p2m_domain *p2m, uint64_t gfn, unsigned int order)
{
    bool any = false;
    int rc = check_range(gfn, order);

    if ( rc )
        return rc;
    write_lock(&p2m->lock);
    rc = unmap_range(p2m, gfn, gfn + (1ULL << order), &any);
    flush_and_free(p2m);
    write_unlock(&p2m->lock);
    if ( !rc && !any )
        rc = -ENOENT;
    return rc;
}

int p2m_map_mfn(struct p2m_domain *p2m, uint64_t gfn, mfn_t mfn,
                enum p2m_type t)
{
    bool any = false;
    int rc;

    if ( t != p2m_mmio_direct && t != p2m_map_rw && t != p2m_map_ro )
        return -EINVAL;
    if ( gfn >= P2M_GFN_LIMIT || mfn >= (1UL << (52 - PAGE_SHIFT)) ||
         (t != p2m_mmio_direct && !mfn_valid(mfn)) )
        return -EINVAL;

    write_lock(&p2m->lock);
    rc = unmap_range(p2m, gfn, gfn + 1, &any);
    if ( !rc )
        rc = p2m_pt_set(p2m, gfn, 1, p2m->ops->make_leaf(mfn, t, false));
    if ( !rc )
        note_mapped(p2m, gfn);
    flush_and_free(p2m);
    write_unlock(&p2m->lock);
    return rc;
}

int p2m_change_type(struct p2m_domain *p2m, uint64_t gfn, enum p2m_type nt)
{
    const struct p2m_format_ops *ops = p2m->ops;
    enum p2m_type ot;
    unsigned int level;
    uint64_t e;
    int rc = 0;

    if ( (nt != p2m_ram_rw && nt != p2m_ram_ro) || gfn >= P2M_GFN_LIMIT )
        return -EINVAL;

    write_lock(&p2m->lock);
    e = p2m_scrub_get(p2m, gfn, &level);
    ot = e ? ops->entry_type(e) : p2m_invalid;
    if ( !p2m_is_ram(ot) )
        rc = -ENOENT;
    else if ( ot != nt )
    {
        mfn_t mfn = ops->entry_mfn(e) + (gfn - span_base(gfn, level));

        rc = p2m_pt_set(p2m, gfn, 1, ops->make_leaf(mfn, nt, false));
        if ( !rc && nt == p2m_ram_ro )
            p2m->need_flush = true;
    }
    flush_and_free(p2m);
    write_unlock(&p2m->lock);
    return rc;
}

/* --- Queries. */

mfn_t p2m_lookup_locked(struct p2m_domain *p2m, uint64_t gfn,
                        enum p2m_type *t)
{
    unsigned int level;
    uint64_t e = 0;

    ASSERT(rw_is_locked(&p2m->lock));
    if ( gfn < P2M_GFN_LIMIT )
        e = p2m_scrub_get(p2m, gfn, &level);
    if ( t )
        *t = e ? p2m->ops->entry_type(e) : p2m_invalid;
    if ( !e )
        return INVALID_MFN;
    return p2m->ops->entry_mfn(e) + (gfn - span_base(gfn, level));
}

mfn_t p2m_lookup(struct p2m_domain *p2m, uint64_t gfn, enum p2m_type *t)
{
    mfn_t mfn;

    read_lock(&p2m->lock);
    mfn = p2m_lookup_locked(p2m, gfn, t);
    read_unlock(&p2m->lock);
    return mfn;
}

paddr_t p2m_root_maddr(const struct p2m_domain *p2m)
{
    return page_to_maddr(p2m->root);
}

uint64_t p2m_max_gfn(struct p2m_domain *p2m)
{
    uint64_t max;

    read_lock(&p2m->lock);
    max = p2m->max_mapped_gfn;
    read_unlock(&p2m->lock);
    return max;
}
