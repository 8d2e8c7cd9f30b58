/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boot allocator: free RAM as a sorted table of frame ranges, used
 * from the first C code until the frame table and heap exist. Entry points
 * init_boot_pages(), reserve_boot_pages(), alloc_boot_pages() and
 * end_boot_allocator(), which hands what is left to the heap.
 *
 * Locking: none. Only the boot CPU runs this, before secondary CPUs start.
 */
#include <xen/lib.h>
#include <xen/mm.h>

#define NR_BOOT_RANGES      128

/*
 * Allocations come from below this frame first: until the direct map
 * covers all RAM, early page-table code can only reach the bootstrap
 * mapping of the low 4 GiB.
 */
#define BOOT_PREFERRED_LIMIT (1UL << (32 - PAGE_SHIFT))

struct boot_range {
    unsigned long s, e;             /* frames [s, e), s < e */
};

/* Sorted by s, disjoint and not adjacent (adjacent ranges are merged). */
static struct boot_range ranges[NR_BOOT_RANGES];
static unsigned int nr_ranges;
static bool boot_closed;

static void range_remove_slot(unsigned int i)
{
    memmove(&ranges[i], &ranges[i + 1],
            (nr_ranges - i - 1) * sizeof(ranges[0]));
    nr_ranges--;
}

/* Insert [s, e) at slot i, shifting the rest up. False if the table is full. */
static bool range_insert_slot(unsigned int i, unsigned long s, unsigned long e)
{
    if ( nr_ranges == NR_BOOT_RANGES )
        return false;
    memmove(&ranges[i + 1], &ranges[i], (nr_ranges - i) * sizeof(ranges[0]));
    ranges[i].s = s;
    ranges[i].e = e;
    nr_ranges++;
    return true;
}

void init_boot_pages(paddr_t ps, paddr_t pe)
{
    unsigned long s = ROUNDUP(ps, PAGE_SIZE) >> PAGE_SHIFT;
    unsigned long e = pe >> PAGE_SHIFT;
    unsigned int i, j;

    BUG_ON(boot_closed);
    if ( pe <= ps || s >= e )
        return;

    /* i: first range that ends at or after s (touching or overlapping). */
    for ( i = 0; i < nr_ranges && ranges[i].e < s; i++ )
        continue;
    /* j: first range that starts after e (neither touching nor overlapping). */
    for ( j = i; j < nr_ranges && ranges[j].s <= e; j++ )
        continue;

    if ( i == j )
    {
        if ( !range_insert_slot(i, s, e) )
            printk(XENLOG_WARNING "boot: range table full, dropping RAM %"
                   PRIpaddr "-%" PRIpaddr "\n", ps, pe);
        return;
    }

    /* Ranges i..j-1 touch [s, e): fold them all into slot i. */
    ranges[i].s = min(ranges[i].s, s);
    ranges[i].e = max(ranges[j - 1].e, e);
    while ( j-- > i + 1 )
        range_remove_slot(i + 1);
}

void reserve_boot_pages(paddr_t ps, paddr_t pe)
{
    unsigned long s = ps >> PAGE_SHIFT;
    unsigned long e = ROUNDUP(pe, PAGE_SIZE) >> PAGE_SHIFT;
    unsigned int i = 0;

    BUG_ON(boot_closed);
    if ( pe <= ps )
        return;

    while ( i < nr_ranges )
    {
        struct boot_range *r = &ranges[i];

        if ( r->e <= s || r->s >= e )
            i++;
        else if ( r->s >= s && r->e <= e )
            range_remove_slot(i);           /* Entirely reserved. */
        else if ( r->s < s && r->e > e )
        {
            /* Split. With a full table keep the larger half: dropping RAM
             * is safe, handing out reserved memory is not. */
            unsigned long hi_s = e, hi_e = r->e;

            r->e = s;
            if ( !range_insert_slot(i + 1, hi_s, hi_e) )
            {
                printk(XENLOG_WARNING "boot: range table full, dropping RAM\n");
                if ( hi_e - hi_s > s - r->s )
                {
                    r->s = hi_s;
                    r->e = hi_e;
                }
            }
            return;
        }
        else
        {
            if ( r->s < s )
                r->e = s;                   /* Clip the top. */
            else
                r->s = e;                   /* Clip the bottom. */
            i++;
        }
    }
}

/* Carve [s, s + nr) out of range i; returns s. */
static unsigned long take_from(unsigned int i, unsigned long s,
                               unsigned long nr)
{
    struct boot_range *r = &ranges[i];
    unsigned long top_s = s + nr, top_e = r->e;

    r->e = s;
    /* The frames above the block (alignment slack) need a slot of their
     * own; without one they are lost, which is safe. */
    if ( top_s < top_e )
    {
        if ( r->s == r->e )
        {
            r->s = top_s;
            r->e = top_e;
            return s;
        }
        if ( !range_insert_slot(i + 1, top_s, top_e) )
            printk(XENLOG_WARNING "boot: range table full, dropping RAM\n");
    }
    if ( r->s == r->e )
        range_remove_slot(i);
    return s;
}

/* Highest aligned fit below limit, searching ranges top down. */
static bool boot_fit(unsigned long nr, unsigned long align,
                     unsigned long limit, unsigned long *mfn)
{
    unsigned int i = nr_ranges;

    while ( i-- > 0 )
    {
        unsigned long top = min(ranges[i].e, limit);
        unsigned long s;

        if ( top < nr || top <= ranges[i].s )
            continue;
        s = ROUNDDOWN(top - nr, align);
        if ( s >= ranges[i].s )
        {
            *mfn = take_from(i, s, nr);
            return true;
        }
    }
    return false;
}

mfn_t alloc_boot_pages(unsigned long nr_pfns, unsigned long pfn_align)
{
    unsigned long mfn;

    if ( !pfn_align )
        pfn_align = 1;
    BUG_ON(boot_closed);
    BUG_ON(pfn_align & (pfn_align - 1));

    if ( nr_pfns &&
         (boot_fit(nr_pfns, pfn_align, BOOT_PREFERRED_LIMIT, &mfn) ||
          boot_fit(nr_pfns, pfn_align, ~0UL, &mfn)) )
        return mfn;

    panic("boot allocator: no room for %lu pages aligned to %lu\n",
          nr_pfns, pfn_align);
}

void end_boot_allocator(void)
{
    unsigned int i;

    BUG_ON(boot_closed);
    boot_closed = true;

    for ( i = 0; i < nr_ranges; i++ )
    {
        unsigned long s = ranges[i].s, e = min(ranges[i].e, max_page);

        if ( e < ranges[i].e )
            printk(XENLOG_WARNING "boot: frames %#lx-%#lx beyond the frame "
                   "table are not used\n", max(s, e), ranges[i].e);
        if ( s < e )
            init_heap_pages(mfn_to_page(s), e - s);
    }
    nr_ranges = 0;
}
