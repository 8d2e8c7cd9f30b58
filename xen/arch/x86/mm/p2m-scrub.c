/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Lazy scrubbing of domain RAM. Populate maps fresh frames as
 * p2m_ram_unscrubbed (not present to the hardware) instead of zeroing
 * them, so building a domain costs no more than the memory it writes.
 * The first access zeroes the whole leaf (4 KiB or 2 MiB) and maps it
 * p2m_ram_rw: a guest access through its nested page fault
 * (p2m_scrub_fault), a hypervisor access through any lookup
 * (p2m_lookup_locked calls p2m_scrub_get). Either way nobody ever sees
 * what the frames held before.
 *
 * Locking: runs under p2m->lock held for reading (or writing), and takes
 * p2m->scrub_lock around the check-zero-map sequence so that two CPUs
 * faulting on the same leaf zero it once, before either can write it.
 * Turning a not-present leaf present needs no TLB flush.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/string.h>
#include "p2m-pt.h"

/*
 * Zero whole frames, 64 bytes per iteration: a third of the instructions
 * of a word-at-a-time memset, which is what counts under an emulator
 * (TCG or Bochs); "rep stosq" was measured slower under TCG. Kept out of
 * GCC's reach so that it does not turn the loop back into memset().
 */
static void __attribute__((__optimize__("no-tree-loop-distribute-patterns")))
zero_frames(void *p, unsigned long nr)
{
    uint64_t *q = p, *end = q + (nr << PAGE_SHIFT) / sizeof(*q);

    for ( ; q < end; q += 8 )
    {
        q[0] = 0; q[1] = 0; q[2] = 0; q[3] = 0;
        q[4] = 0; q[5] = 0; q[6] = 0; q[7] = 0;
    }
}

/* Zero the frames of an unscrubbed leaf and map it; scrub_lock held. */
static uint64_t scrub_leaf(struct p2m_domain *p2m, uint64_t gfn,
                           unsigned int level, uint64_t e)
{
    const struct p2m_format_ops *ops = p2m->ops;
    unsigned long n = P2M_LEVEL_PAGES(level);
    uint64_t base = gfn & ~(uint64_t)(n - 1);
    mfn_t mfn = ops->entry_mfn(e);

    ASSERT(level <= 2);
    /* The frames are contiguous in the direct map. */
    zero_frames(mfn_to_virt(mfn), n);
    e = ops->make_leaf(mfn, p2m_ram_rw, level == 2);
    p2m_pt_replace_leaf(p2m, base, level, e);
    p2m->nr_scrubbed += n;
    return e;
}

uint64_t p2m_scrub_get(struct p2m_domain *p2m, uint64_t gfn,
                       unsigned int *level)
{
    uint64_t e = p2m_pt_get(p2m, gfn, level);

    if ( !e || p2m->ops->entry_type(e) != p2m_ram_unscrubbed )
        return e;
    spin_lock(&p2m->scrub_lock);
    /* Another CPU may have scrubbed it meanwhile. */
    e = p2m_pt_get(p2m, gfn, level);
    if ( e && p2m->ops->entry_type(e) == p2m_ram_unscrubbed )
        e = scrub_leaf(p2m, gfn, *level, e);
    spin_unlock(&p2m->scrub_lock);
    return e;
}

bool p2m_scrub_fault(struct p2m_domain *p2m, uint64_t gfn)
{
    unsigned int level;
    uint64_t e = 0;

    if ( gfn >= P2M_GFN_LIMIT )
        return false;
    read_lock(&p2m->lock);
    e = p2m_scrub_get(p2m, gfn, &level);
    read_unlock(&p2m->lock);
    return e && p2m_is_ram(p2m->ops->entry_type(e));
}
