/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memory_op hypercall (__HYPERVISOR_memory_op): the domain's memory map,
 * reservation sizes, and ballooning (populate_physmap to back guest
 * frames with new memory, decrease_reservation to give frames back),
 * all through the p2m. Entry point: do_memory_op().
 *
 * As in Xen, populate/decrease return the number of extents done, never
 * an error: a bad argument, a refused domain or a failing extent just
 * stops the count. Long requests continue with cmd | (done << 6).
 * add_to_physmap places the shared_info page (grant-table frames: see
 * memop_add_to_physmap()). Frames holding a registered vcpu_info are
 * pinned (xen/shared-info.h): no operation here removes or replaces
 * them; d->domain_lock makes the check and the change one step.
 * Not offered (default -ENOSYS): increase_reservation (PV), exchange
 * and the tool/paging operations.
 */
#include <xen/lib.h>
#include <xen/bitops.h>
#include <xen/domain.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/grant_table.h>
#include <xen/hypercall.h>
#include <xen/memory-arch.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <xen/shared-info.h>
#include <public/memory.h>

/* From common/hypercall.c (requested for xen/hypercall.h). */

/* cmd bits 5:0 are the operation, the rest the first extent to do. */
#define MEMOP_EXTENT_SHIFT      6
#define MEMOP_CMD_MASK          ((1UL << MEMOP_EXTENT_SHIFT) - 1)

/* Largest extent_order (Xen's x86 defaults: domU 9 = 2 MiB, else 12). */
#define MEMOP_MAX_ORDER_DOMU    9
#define MEMOP_MAX_ORDER_PRIV    12

/* mem_flags bits Lamina understands (node choice is moot: one node). */
#define MEMF_VALID  (0xffffu | XENMEMF_exact_node_request | XENMEMF_vnode)

/* Extents between preemption checks. */
#define MEMOP_PREEMPT_EVERY     16

/*
 * The domain a request names: DOMID_SELF or the caller's own id, or any
 * domain for a privileged caller. Takes a reference. NULL with *rc set
 * (-ESRCH: none; -EPERM: not the caller's to touch).
 */
static struct domain *memop_domain(domid_t domid, long *rc)
{
    struct domain *curr = current->domain, *d;

    if ( domid == DOMID_SELF || domid == curr->domain_id )
    {
        domain_get(curr);
        return curr;
    }
    d = domain_get_by_id(domid);
    *rc = -ESRCH;
    if ( d && !curr->is_privileged )
    {
        domain_put(d);
        d = NULL;
        *rc = -EPERM;
    }
    return d;
}

/*
 * Can extents with these flags be placed? Lamina cannot allocate below
 * an address limit, so a width that does not cover all host RAM fails
 * (Xen allocates below it).
 */
static bool memflags_ok(uint32_t flags)
{
    unsigned int bits = XENMEMF_get_address_bits(flags);

    if ( flags & ~MEMF_VALID )
        return false;
    if ( flags & XENMEMF_populate_on_demand )
        return false;               /* Xen refuses PoD on oneself, too */
    if ( !bits )
        return true;
    if ( bits <= PAGE_SHIFT )
        return false;
    if ( bits - PAGE_SHIFT >= BITS_PER_LONG )
        return true;
    return max_page <= (1UL << (bits - PAGE_SHIFT));
}

/*
 * One extent: back it with new memory, or give it back. The p2m takes
 * extents aligned to their size; Xen also takes unaligned ones, which
 * are done page by page here.
 */
static int memop_extent(struct domain *d, unsigned int op, uint64_t gfn,
                        unsigned int order)
{
    struct p2m_domain *p2m = p2m_get_hostp2m(d);
    uint64_t nr = 1ULL << order, step = (gfn & (nr - 1)) ? 1 : nr;
    unsigned int o = step == 1 ? 0 : order;
    uint64_t j;
    int rc = 0;

    spin_lock(&d->domain_lock);
    if ( domain_gfn_range_pinned(d, gfn, nr) )
        rc = -EBUSY;            /* a registered vcpu_info lives there */
    for ( j = 0; j < nr && !rc; j += step )
    {
        if ( op == XENMEM_populate_physmap )
            rc = p2m_populate(p2m, gfn + j, o);
        else
            rc = p2m_remove(p2m, gfn + j, o);
    }
    spin_unlock(&d->domain_lock);
    return rc;
}

/*
 * populate_physmap / decrease_reservation from extent "start" on.
 * Returns the extents done so far (from the start of the request), or
 * -ERESTART after setting the continuation's cmd.
 */
static long memop_reservation(unsigned int op, unsigned long start,
                              unsigned long arg)
{
    struct xen_memory_reservation r;
    unsigned int max_order;
    struct domain *d;
    unsigned long i;
    xen_pfn_t gfn;
    long rc;

    if ( copy_from_guest_virt(current, &r, arg, sizeof(r)) )
        return start;
    /* The count must fit the continuation encoding; Xen's bound. */
    if ( r.nr_extents > (UINT32_MAX >> MEMOP_EXTENT_SHIFT) ||
         start >= r.nr_extents )
        return start;
    max_order = current->domain->is_privileged ? MEMOP_MAX_ORDER_PRIV
                                               : MEMOP_MAX_ORDER_DOMU;
    if ( r.extent_order > max_order || !memflags_ok(r.mem_flags) )
        return start;
    d = memop_domain(r.domid, &rc);
    if ( !d )
        return start;

    for ( i = start; i < r.nr_extents; i++ )
    {
        if ( i != start && !(i % MEMOP_PREEMPT_EVERY) &&
             hypercall_preempt_check() )
        {
            hypercall_set_arg(0, op | (i << MEMOP_EXTENT_SHIFT));
            domain_put(d);
            return -ERESTART;
        }
        if ( copy_from_guest_virt(current, &gfn,
                                  guest_handle_addr(r.extent_start) +
                                  i * sizeof(gfn), sizeof(gfn)) )
            break;
        if ( memop_extent(d, op, gfn, r.extent_order) )
            break;
    }
    domain_put(d);
    return i;
}

static long memop_reservation_size(unsigned int op, unsigned long arg)
{
    struct xen_memory_domain md;
    struct domain *d;
    long rc;

    if ( copy_from_guest_virt(current, &md, arg, sizeof(md)) )
        return -EFAULT;
    d = memop_domain(md.domid, &rc);
    if ( !d )
        return rc;
    switch ( op )
    {
    case XENMEM_current_reservation:
        rc = READ_ONCE(d->tot_pages);
        break;
    case XENMEM_maximum_reservation:
        rc = READ_ONCE(d->max_pages);
        break;
    default:
        rc = p2m_max_gfn(p2m_get_hostp2m(d));
        break;
    }
    domain_put(d);
    return rc;
}

/*
 * The caller's memory map, cut to the room it gives (as Xen, no error
 * for a short buffer); nr_entries comes back as the entries written.
 */
static long memop_memory_map(unsigned long arg)
{
    struct e820entry map[MEMORY_MAP_MAX_ENTRIES];
    struct xen_memory_map mm;
    unsigned int nr;
    int rc;

    BUILD_BUG_ON(sizeof(struct e820entry) != 20);
    if ( copy_from_guest_virt(current, &mm, arg, sizeof(mm)) )
        return -EFAULT;
    nr = min(mm.nr_entries, (uint32_t)MEMORY_MAP_MAX_ENTRIES);
    rc = arch_memory_map(current->domain, map, &nr);
    if ( rc )
        return rc;
    if ( copy_to_guest_virt(current, guest_handle_addr(mm.buffer), map,
                            nr * sizeof(map[0])) )
        return -EFAULT;
    mm.nr_entries = nr;
    return copy_to_guest_virt(current, arg, &mm.nr_entries,
                              sizeof(mm.nr_entries));
}

/*
 * Map a page of a space at x.gpfn, replacing what is there (RAM is
 * freed, as on Xen). Errors as Xen: -EINVAL for a bad index or a space
 * without such pages; spaces Lamina does not offer are -EOPNOTSUPP.
 */
static long memop_add_to_physmap(unsigned long arg)
{
    struct xen_add_to_physmap x;
    struct domain *d;
    long rc;

    if ( copy_from_guest_virt(current, &x, arg, sizeof(x)) )
        return -EFAULT;
    d = memop_domain(x.domid, &rc);
    if ( !d )
        return rc;
    switch ( x.space )
    {
    case XENMAPSPACE_shared_info:
        rc = x.idx ? -EINVAL : shared_info_map(d, x.gpfn);
        break;
    case XENMAPSPACE_grant_table:
        spin_lock(&d->domain_lock);
        rc = domain_gfn_range_pinned(d, x.gpfn, 1) ? -EBUSY :
             gnttab_map_frame(d, x.idx, x.gpfn);
        spin_unlock(&d->domain_lock);
        break;
    case XENMAPSPACE_gmfn:
    case XENMAPSPACE_gmfn_range:
        rc = -EOPNOTSUPP;
        break;
    default:
        rc = -EINVAL;           /* foreign needs _batch; dev_mmio is Arm */
        break;
    }
    domain_put(d);
    return rc;
}

long do_memory_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                  unsigned long a4, unsigned long a5)
{
    unsigned int op = cmd & MEMOP_CMD_MASK;
    unsigned long start = cmd >> MEMOP_EXTENT_SHIFT;

    (void)a3;
    (void)a4;
    (void)a5;

    if ( op == XENMEM_populate_physmap || op == XENMEM_decrease_reservation )
        return memop_reservation(op, start, arg);
    /* Only the reservation operations take a start extent. */
    if ( start )
        return -EINVAL;

    switch ( op )
    {
    case XENMEM_maximum_ram_page:
        return max_page;
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
    case XENMEM_maximum_gpfn:
        return memop_reservation_size(op, arg);
    case XENMEM_memory_map:
        return memop_memory_map(arg);
    case XENMEM_add_to_physmap:
        return memop_add_to_physmap(arg);
    default:
        return -ENOSYS;
    }
}
