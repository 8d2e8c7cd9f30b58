/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The p2m's page tables: the two hardware entry formats (AMD NPT: x86-64
 * long-mode entries with U/S set at every level, APM Vol2 15.25.5; Intel
 * EPT: SDM Vol3 29.3.2) as two small ops tables, and one 4-level walker
 * that both share (lookup, set with table creation and large-page
 * splitting, teardown). Policy and accounting live in p2m.c.
 *
 * Locking: every function here runs under p2m->lock (write for changes,
 * read or write for p2m_pt_get). Entries are written with single atomic
 * stores because the hardware may walk the tables at any time.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include "p2m-pt.h"

#define ADDR_MASK       0x000ffffffffff000ULL

/*
 * The p2m type lives in bits 52-55: ignored by NPT and EPT hardware. A
 * leaf of type p2m_ram_unscrubbed keeps its frame, type and large-page
 * bit with the hardware's present bits clear (NPT P, EPT RWX), which the
 * hardware treats as not present and otherwise ignores. So an entry is
 * "present" to the p2m when the hardware's bits or the type say so.
 */
#define TYPE_SHIFT      52
#define TYPE_MASK       (0xfULL << TYPE_SHIFT)

/* NPT: ordinary long-mode entries. */
#define NPT_P           (1ULL << 0)
#define NPT_RW          (1ULL << 1)
#define NPT_US          (1ULL << 2)     /* required on every NPT level */
#define NPT_PWT         (1ULL << 3)
#define NPT_PCD         (1ULL << 4)
#define NPT_A           (1ULL << 5)
#define NPT_D           (1ULL << 6)
#define NPT_PS          (1ULL << 7)
#define NPT_PAT_LARGE   (1ULL << 12)    /* PAT bit of a 2M/1G leaf */

/* EPT. */
#define EPT_R           (1ULL << 0)
#define EPT_W           (1ULL << 1)
#define EPT_X           (1ULL << 2)
#define EPT_MT_SHIFT    3
#define EPT_MT_UC       0ULL
#define EPT_MT_WB       6ULL
#define EPT_IPAT        (1ULL << 6)
#define EPT_LARGE       (1ULL << 7)
#define EPT_A           (1ULL << 8)     /* ignored unless EPTP enables A/D */
#define EPT_D           (1ULL << 9)

static uint64_t type_bits(enum p2m_type t)
{
    return ((uint64_t)t << TYPE_SHIFT) & TYPE_MASK;
}

static enum p2m_type common_entry_type(uint64_t e)
{
    return (enum p2m_type)((e & TYPE_MASK) >> TYPE_SHIFT);
}

/*
 * NPT. A and D are preset so that the hardware never has to write them.
 * MMIO uses PAT index 3 (PCD|PWT: UC with the reset PAT). NX stays clear:
 * it is reserved when the host runs without EFER.NXE.
 */
static uint64_t npt_make_table(mfn_t mfn)
{
    return ((uint64_t)mfn << PAGE_SHIFT) | NPT_P | NPT_RW | NPT_US | NPT_A;
}

static uint64_t npt_make_leaf(mfn_t mfn, enum p2m_type t, bool large)
{
    uint64_t e = ((uint64_t)mfn << PAGE_SHIFT) | NPT_P | NPT_US | NPT_A |
                 type_bits(t);

    if ( t == p2m_ram_unscrubbed )
        return (e & ~NPT_P) | (large ? NPT_PS : 0);
    if ( t == p2m_ram_rw || t == p2m_map_rw || t == p2m_mmio_direct )
        e |= NPT_RW | NPT_D;
    if ( t == p2m_mmio_direct )
        e |= NPT_PCD | NPT_PWT;
    if ( large )
        e |= NPT_PS;
    return e;
}

static bool npt_entry_present(uint64_t e)
{
    return e & (NPT_P | TYPE_MASK);
}

static bool npt_entry_is_large(uint64_t e)
{
    return e & NPT_PS;
}

static mfn_t npt_entry_mfn(uint64_t e)
{
    if ( e & NPT_PS )
        e &= ~NPT_PAT_LARGE;
    return (e & ADDR_MASK) >> PAGE_SHIFT;
}

const struct p2m_format_ops p2m_npt_ops = {
    .name           = "NPT",
    .make_table     = npt_make_table,
    .make_leaf      = npt_make_leaf,
    .entry_present  = npt_entry_present,
    .entry_is_large = npt_entry_is_large,
    .entry_mfn      = npt_entry_mfn,
    .entry_type     = common_entry_type,
};

/*
 * EPT. RAM is write-back with ignore-PAT (no guest MTRR emulation; the
 * guest cannot make RAM uncached), MMIO uncached and not executable.
 */
static uint64_t ept_make_table(mfn_t mfn)
{
    return ((uint64_t)mfn << PAGE_SHIFT) | EPT_R | EPT_W | EPT_X | EPT_A;
}

static uint64_t ept_make_leaf(mfn_t mfn, enum p2m_type t, bool large)
{
    uint64_t e = ((uint64_t)mfn << PAGE_SHIFT) | EPT_R | EPT_A | EPT_D |
                 type_bits(t);

    if ( t == p2m_ram_unscrubbed )
        return (e & ~EPT_R) | (large ? EPT_LARGE : 0);
    if ( t == p2m_mmio_direct )
        e |= EPT_W | (EPT_MT_UC << EPT_MT_SHIFT);
    else
    {
        e |= EPT_X | EPT_IPAT | (EPT_MT_WB << EPT_MT_SHIFT);
        if ( p2m_is_writable(t) )
            e |= EPT_W;
    }
    if ( large )
        e |= EPT_LARGE;
    return e;
}

static bool ept_entry_present(uint64_t e)
{
    return e & (EPT_R | EPT_W | EPT_X | TYPE_MASK);
}

static bool ept_entry_is_large(uint64_t e)
{
    return e & EPT_LARGE;
}

static mfn_t ept_entry_mfn(uint64_t e)
{
    return (e & ADDR_MASK) >> PAGE_SHIFT;
}

const struct p2m_format_ops p2m_ept_ops = {
    .name           = "EPT",
    .make_table     = ept_make_table,
    .make_leaf      = ept_make_leaf,
    .entry_present  = ept_entry_present,
    .entry_is_large = ept_entry_is_large,
    .entry_mfn      = ept_entry_mfn,
    .entry_type     = common_entry_type,
};

/* --- The shared walker. */

static unsigned int index_of(uint64_t gfn, unsigned int level)
{
    return (gfn >> (9 * (level - 1))) & (P2M_ENTRIES - 1);
}

static void write_entry(uint64_t *pe, uint64_t e)
{
    __atomic_store_n(pe, e, __ATOMIC_RELEASE);
}

static bool is_leaf(const struct p2m_format_ops *ops, uint64_t e,
                    unsigned int level)
{
    return level == 1 || (level <= 3 && ops->entry_is_large(e));
}

/*
 * Table pages come from the heap, not the domain's quota, so they are
 * capped: twice what mapping all of max_pages with 4 KiB pages needs,
 * plus room for sparse borrowed mappings. Without a cap a guest could
 * spread add_to_physmap/grant maps over the 48-bit space and use up the
 * host's memory one table page at a time.
 */
static unsigned long table_limit(const struct p2m_domain *p2m)
{
    unsigned long max = p2m->domain ? p2m->domain->max_pages : 0;

    return P2M_TABLES_BASE + max / (P2M_ENTRIES / 2);
}

struct page_info *p2m_pt_alloc_table(struct p2m_domain *p2m)
{
    struct page_info *pg;

    if ( p2m->nr_tables >= table_limit(p2m) )
        return NULL;
    pg = alloc_domheap_pages(NULL, 0, MEMF_zero);

    if ( pg )
        p2m->nr_tables++;
    return pg;
}

void p2m_pt_free_table(struct p2m_domain *p2m, struct page_info *pg)
{
    ASSERT(p2m->nr_tables);
    p2m->nr_tables--;
    free_domheap_pages(pg, 0);
}

uint64_t p2m_pt_get(struct p2m_domain *p2m, uint64_t gfn,
                    unsigned int *level)
{
    const struct p2m_format_ops *ops = p2m->ops;
    const uint64_t *t = page_to_virt(p2m->root);
    unsigned int l;

    for ( l = P2M_LEVELS; ; l-- )
    {
        uint64_t e = __atomic_load_n(&t[index_of(gfn, l)], __ATOMIC_ACQUIRE);

        if ( !ops->entry_present(e) )
        {
            *level = l;
            return 0;
        }
        if ( is_leaf(ops, e, l) )
        {
            *level = l;
            return e;
        }
        t = mfn_to_virt(ops->entry_mfn(e));
    }
}

void p2m_pt_replace_leaf(struct p2m_domain *p2m, uint64_t gfn,
                         unsigned int level, uint64_t e)
{
    const struct p2m_format_ops *ops = p2m->ops;
    uint64_t *t = page_to_virt(p2m->root);
    unsigned int l;

    for ( l = P2M_LEVELS; l > level; l-- )
    {
        uint64_t pe = t[index_of(gfn, l)];

        ASSERT(ops->entry_present(pe) && !is_leaf(ops, pe, l));
        t = mfn_to_virt(ops->entry_mfn(pe));
    }
    ASSERT(ops->entry_present(t[index_of(gfn, level)]));
    write_entry(&t[index_of(gfn, level)], e);
}

/* Replace the leaf *pe at level by a table of equal leaves one level down. */
static int split_leaf(struct p2m_domain *p2m, uint64_t *pe,
                      unsigned int level)
{
    const struct p2m_format_ops *ops = p2m->ops;
    struct page_info *pg = p2m_pt_alloc_table(p2m);
    uint64_t *t;
    mfn_t mfn = ops->entry_mfn(*pe);
    enum p2m_type type = ops->entry_type(*pe);
    unsigned int i;

    if ( !pg )
        return -ENOMEM;
    t = page_to_virt(pg);
    for ( i = 0; i < P2M_ENTRIES; i++ )
        t[i] = ops->make_leaf(mfn + i * P2M_LEVEL_PAGES(level - 1), type,
                              level - 1 > 1);
    write_entry(pe, ops->make_table(page_to_mfn(pg)));
    return 0;
}

static bool __maybe_unused table_is_empty(const struct p2m_format_ops *ops,
                                          const uint64_t *t)
{
    unsigned int i;

    for ( i = 0; i < P2M_ENTRIES; i++ )
        if ( ops->entry_present(t[i]) )
            return false;
    return true;
}

int p2m_pt_set(struct p2m_domain *p2m, uint64_t gfn, unsigned int level,
               uint64_t e)
{
    const struct p2m_format_ops *ops = p2m->ops;
    uint64_t *t = page_to_virt(p2m->root), *pe, old;
    unsigned int l;
    int rc;

    ASSERT(level == 1 || level == 2);
    ASSERT(rw_is_write_locked(&p2m->lock));
    for ( l = P2M_LEVELS; l > level; l-- )
    {
        pe = &t[index_of(gfn, l)];
        if ( !ops->entry_present(*pe) )
        {
            struct page_info *pg = p2m_pt_alloc_table(p2m);

            if ( !pg )
                return -ENOMEM;
            write_entry(pe, ops->make_table(page_to_mfn(pg)));
        }
        else if ( is_leaf(ops, *pe, l) )
        {
            rc = split_leaf(p2m, pe, l);
            if ( rc )
                return rc;
        }
        t = mfn_to_virt(ops->entry_mfn(*pe));
    }

    pe = &t[index_of(gfn, level)];
    old = *pe;
    write_entry(pe, e);
    if ( ops->entry_present(old) && !is_leaf(ops, old, level) )
    {
        struct page_info *pg = mfn_to_page(ops->entry_mfn(old));

        ASSERT(table_is_empty(ops, page_to_virt(pg)));
        page_list_add(pg, &p2m->free_tables);
        p2m->need_flush = true;
    }
    return 0;
}

static void teardown_table(struct p2m_domain *p2m, uint64_t *t,
                           unsigned int level, uint64_t base,
                           void (*fn)(struct p2m_domain *p2m, uint64_t gfn,
                                      unsigned int level, uint64_t e))
{
    const struct p2m_format_ops *ops = p2m->ops;
    unsigned int i;

    for ( i = 0; i < P2M_ENTRIES; i++ )
    {
        uint64_t e = t[i], gfn = base + i * P2M_LEVEL_PAGES(level);

        if ( !ops->entry_present(e) )
            continue;
        write_entry(&t[i], 0);
        if ( is_leaf(ops, e, level) )
            fn(p2m, gfn, level, e);
        else
        {
            struct page_info *pg = mfn_to_page(ops->entry_mfn(e));

            teardown_table(p2m, page_to_virt(pg), level - 1, gfn, fn);
            page_list_add(pg, &p2m->free_tables);
        }
    }
}

void p2m_pt_teardown(struct p2m_domain *p2m,
                     void (*fn)(struct p2m_domain *p2m, uint64_t gfn,
                                unsigned int level, uint64_t e))
{
    ASSERT(rw_is_write_locked(&p2m->lock));
    teardown_table(p2m, page_to_virt(p2m->root), P2M_LEVELS, 0, fn);
    p2m->need_flush = true;
}
