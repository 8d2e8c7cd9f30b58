/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Grant tables v1: each domain's table of shared frames (xenheap pages
 * the guest maps with add_to_physmap), the active entries the hypervisor
 * pins while it copies or maps a granted page, the sizing/version
 * sub-ops and the grant_table_op dispatcher. Copy: grant-copy.c; map,
 * unmap and maptrack: grant-map.c. Design: docs/hypervisor/grant-tables.md.
 *
 * Locking (outermost first; one domain's grant locks at a time):
 *   d->domain_lock   memory_op around gnttab_map_frame() and the mapper's
 *                    p2m changes (serialises them with memory_op).
 *   gt->lock         rwlock. Write: grow the table, move a frame. Read:
 *                    use entries (pin, unpin, query, swap).
 *   gt->active_lock  spinlock: every active entry's pins. Inside it the
 *                    granting domain's p2m lock is taken for reading
 *                    (translate + page reference), and put_page_foreign()
 *                    may take heap_lock.
 *   gt->maptrack_lock  spinlock, a leaf: handles of the mapping domain.
 * Shared entries are guest memory: flags/domid change only by cmpxchg or
 * atomic bit clears, never under the assumption the guest is quiet.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/p2m.h>
#include <xen/param.h>
#include <xen/xmalloc.h>
#include <xen/domain.h>
#include "grant_table.h"

static unsigned int opt_max_frames = GNTTAB_DEFAULT_MAX_FRAMES;
integer_param("gnttab_max_frames", opt_max_frames,
              "grant table frames per domain (default 64)");
static unsigned int opt_max_maptrack = GNTTAB_DEFAULT_MAX_MAPTRACK_FRAMES;
integer_param("gnttab_max_maptrack_frames", opt_max_maptrack,
              "pages of grant mappings per domain (default 1024)");

/* --- Table life cycle. */

/* Caller holds gt->lock for writing (or owns gt alone). */
static int grow_table(struct grant_table *gt, unsigned int nr)
{
    while ( gt->nr_frames < nr )
    {
        unsigned int i = gt->nr_frames;

        gt->shared[i] = alloc_xenheap_pages(0, MEMF_zero);
        gt->active[i] = xzalloc_array(struct active_grant_entry,
                                      GNTTAB_PER_FRAME);
        if ( !gt->shared[i] || !gt->active[i] )
        {
            free_xenheap_pages(gt->shared[i], 0);
            xfree(gt->active[i]);
            gt->shared[i] = NULL;
            gt->active[i] = NULL;
            return -ENOMEM;
        }
        gt->nr_frames++;
    }
    return 0;
}

int gnttab_domain_init(struct domain *d)
{
    struct grant_table *gt = xzalloc(struct grant_table);
    unsigned int i, max = opt_max_frames ? opt_max_frames : 1;

    if ( !gt )
        return -ENOMEM;
    rwlock_init(&gt->lock);
    spin_lock_init(&gt->active_lock);
    spin_lock_init(&gt->maptrack_lock);
    gt->max_frames = max;
    gt->maptrack_max_chunks = opt_max_maptrack ? opt_max_maptrack : 1;
    gt->maptrack_free = MAPTRACK_NONE;
    gt->shared = xzalloc_array(struct grant_entry_v1 *, max);
    gt->active = xzalloc_array(struct active_grant_entry *, max);
    gt->frame_gfn = xmalloc_array(uint64_t, max);
    gt->maptrack = xzalloc_array(struct grant_mapping *,
                                 gt->maptrack_max_chunks);
    d->grant_table = gt;
    if ( !gt->shared || !gt->active || !gt->frame_gfn || !gt->maptrack ||
         grow_table(gt, 1) )
    {
        gnttab_domain_free(d);
        return -ENOMEM;
    }
    for ( i = 0; i < max; i++ )
        gt->frame_gfn[i] = GNTTAB_NO_GFN;
    return 0;
}

void gnttab_domain_destroy(struct domain *d)
{
    if ( d->grant_table )
        gnttab_maptrack_release_all(d);
}

void gnttab_domain_free(struct domain *d)
{
    struct grant_table *gt = d->grant_table;
    unsigned int i, j;

    if ( !gt )
        return;
    for ( i = 0; i < gt->nr_frames; i++ )
    {
        /* Every pin holds a reference on d: none can be left. */
        for ( j = 0; j < GNTTAB_PER_FRAME; j++ )
            ASSERT(!gt->active[i][j].nr_ro && !gt->active[i][j].nr_rw);
        free_xenheap_pages(gt->shared[i], 0);
        xfree(gt->active[i]);
    }
    if ( gt->maptrack )
        gnttab_maptrack_free(gt);
    xfree(gt->maptrack);
    xfree(gt->shared);
    xfree(gt->active);
    xfree(gt->frame_gfn);
    xfree(gt);
    d->grant_table = NULL;
}

/* --- Frames in the guest's physical space. */

int gnttab_map_frame(struct domain *d, unsigned long idx, uint64_t gfn)
{
    struct grant_table *gt = d->grant_table;
    struct p2m_domain *p2m = p2m_get_hostp2m(d);
    enum p2m_type t;
    uint64_t old;
    mfn_t mfn;
    int rc;

    /* A v2 status frame index (bit 31) lands here too, as on Xen. */
    if ( idx >= gt->max_frames || gfn >= P2M_GFN_LIMIT )
        return -EINVAL;

    write_lock(&gt->lock);
    rc = grow_table(gt, idx + 1);
    if ( rc )
        goto out;
    mfn = virt_to_mfn(gt->shared[idx]);
    rc = p2m_map_mfn(p2m, gfn, mfn, p2m_map_rw);
    if ( rc )
        goto out;
    old = gt->frame_gfn[idx];
    gt->frame_gfn[idx] = gfn;
    /*
     * One place per frame: drop the old mapping if it is still ours. A
     * failure (no table page for a split) leaves a harmless alias.
     */
    if ( old != GNTTAB_NO_GFN && old != gfn &&
         p2m_lookup(p2m, old, &t) == mfn && t == p2m_map_rw &&
         p2m_remove(p2m, old, 0) )
        printk(XENLOG_WARNING "d%u: grant frame %lu kept at %#lx\n",
               d->domain_id, idx, (unsigned long)old);
 out:
    write_unlock(&gt->lock);
    return rc;
}

/* --- Pinning entries (copy and map). */

/*
 * Set GTF_reading (and GTF_writing) on e if the entry allows it. The
 * first pin also checks type and grantee; the guest may change the
 * entry at any time, so the check and the update are one cmpxchg on
 * the flags+domid word, retried a few times (a guest rewriting its
 * entry in a loop must not keep us here).
 */
static int set_status(struct grant_entry_v1 *e, domid_t ldom, bool readonly,
                      bool for_map, bool pinned)
{
    uint32_t *word = (uint32_t *)(void *)e;     /* flags | domid << 16 */
    uint32_t old = __atomic_load_n(word, __ATOMIC_ACQUIRE), nw;
    uint16_t mask = GTF_type_mask | (for_map ? GTF_sub_page : 0);
    unsigned int tries;

    for ( tries = 0; tries < 5; tries++ )
    {
        uint16_t flags = (uint16_t)old;

        if ( !pinned && ((flags & mask) != GTF_permit_access ||
                         (domid_t)(old >> 16) != ldom) )
            return GNTST_general_error;
        if ( !readonly && (flags & GTF_readonly) )
            return GNTST_general_error;
        nw = old | GTF_reading | (readonly ? 0 : GTF_writing);
        if ( __atomic_compare_exchange_n(word, &old, nw, false,
                                         __ATOMIC_ACQ_REL,
                                         __ATOMIC_ACQUIRE) )
            return GNTST_okay;
    }
    return GNTST_general_error;                 /* entry unstable */
}

static void clear_flags(struct grant_entry_v1 *e, uint16_t bits)
{
    __atomic_fetch_and(&e->flags, (uint16_t)~bits, __ATOMIC_RELEASE);
}

/* First pin: translate the granted frame and take a page reference. */
static int translate(struct domain *rd, uint64_t gfn, bool readonly,
                     struct active_grant_entry *act)
{
    struct p2m_domain *p2m = p2m_get_hostp2m(rd);
    struct page_info *pg = NULL;
    enum p2m_type t;
    mfn_t mfn;
    int rc = GNTST_okay;

    read_lock(&p2m->lock);
    mfn = p2m_lookup_locked(p2m, gfn, &t);
    if ( p2m_is_ram(t) && mfn_valid(mfn) )
        pg = mfn_to_page(mfn);
    /* Under the p2m lock a RAM frame of rd is rd's and not being freed. */
    if ( !pg || pg->owner != rd || !get_page_foreign(pg) )
        rc = GNTST_bad_page;
    else if ( !readonly && t != p2m_ram_rw )
    {
        put_page_foreign(pg);
        rc = GNTST_general_error;
    }
    read_unlock(&p2m->lock);
    if ( rc == GNTST_okay )
    {
        act->gfn = gfn;
        act->mfn = mfn;
        act->rw_ok = t == p2m_ram_rw;
    }
    return rc;
}

int gnttab_pin(struct domain *rd, grant_ref_t ref, domid_t ldom,
               bool readonly, bool for_map, mfn_t *mfn)
{
    struct grant_table *gt = rd->grant_table;
    struct active_grant_entry *act;
    struct grant_entry_v1 *e;
    bool pinned;
    int rc = GNTST_okay;

    ASSERT(rw_is_locked(&gt->lock));
    if ( ref >= gnttab_nr_entries(gt) )
        return GNTST_bad_gntref;
    e = gnttab_entry(gt, ref);
    act = gnttab_active(gt, ref);

    spin_lock(&gt->active_lock);
    pinned = act->nr_ro || act->nr_rw;
    if ( pinned && act->domid != ldom )
        rc = GNTST_general_error;
    else if ( !pinned || (!readonly && !act->nr_rw) )
        rc = set_status(e, ldom, readonly, for_map, pinned);
    if ( rc )
        goto out;
    if ( !pinned )
        rc = translate(rd, READ_ONCE(e->frame), readonly, act);
    else if ( !readonly && !act->rw_ok )
        rc = GNTST_general_error;
    if ( rc )
    {
        /* Undo exactly what set_status() added. */
        clear_flags(e, (pinned ? 0 : GTF_reading) |
                       (readonly || act->nr_rw ? 0 : GTF_writing));
        goto out;
    }
    act->domid = ldom;
    if ( readonly )
        act->nr_ro++;
    else
        act->nr_rw++;
    *mfn = act->mfn;
 out:
    spin_unlock(&gt->active_lock);
    return rc;
}

void gnttab_unpin(struct domain *rd, grant_ref_t ref, bool readonly)
{
    struct grant_table *gt = rd->grant_table;
    struct active_grant_entry *act = gnttab_active(gt, ref);
    struct grant_entry_v1 *e = gnttab_entry(gt, ref);

    ASSERT(rw_is_locked(&gt->lock));
    spin_lock(&gt->active_lock);
    ASSERT(readonly ? act->nr_ro : act->nr_rw);
    if ( readonly )
        act->nr_ro--;
    else if ( !--act->nr_rw )
        clear_flags(e, GTF_writing);
    if ( !act->nr_ro && !act->nr_rw )
    {
        clear_flags(e, GTF_reading);
        put_page_foreign(mfn_to_page(act->mfn));
        act->mfn = INVALID_MFN;
    }
    spin_unlock(&gt->active_lock);
}

/* --- Small sub-operations. */

/*
 * The domain named in a setup_table/query_size argument, referenced:
 * DOMID_SELF or the caller's id, or any domain for a privileged caller.
 * NULL with *status GNTST_bad_domain or GNTST_permission_denied.
 */
static struct domain *get_target(domid_t dom, int16_t *status)
{
    int err = 0;
    struct domain *d = domain_get_for_caller(dom, &err);

    if ( !d )
        *status = err == -EPERM ? GNTST_permission_denied : GNTST_bad_domain;
    return d;
}

int gnttab_put_status(unsigned long uop, size_t elem_size,
                      size_t status_off, unsigned long i, int16_t status)
{
    return copy_to_guest_virt(current, uop + i * elem_size + status_off,
                              &status, sizeof(status));
}

long gnttab_batch(unsigned long uop, unsigned long count, void *op,
                  size_t elem_size, size_t status_off, bool whole_out,
                  int16_t (*do_one)(void *op))
{
    unsigned long i;
    int16_t st;

    for ( i = 0; i < count; i++ )
    {
        unsigned long at = uop + i * elem_size;

        if ( i && hypercall_preempt_check() )
            return i;
        if ( copy_from_guest_virt(current, op, at, elem_size) )
            return -EFAULT;
        st = do_one(op);
        memcpy((char *)op + status_off, &st, sizeof(st));
        if ( whole_out ? copy_to_guest_virt(current, at, op, elem_size)
                       : gnttab_put_status(uop, elem_size, status_off, i, st) )
            return -EFAULT;
    }
    return count;
}

/* Grow to op.nr_frames and list where each frame is mapped (~0: not). */
static long setup_table(unsigned long uop, unsigned long count)
{
    struct gnttab_setup_table op;
    struct grant_table *gt;
    struct domain *d;
    unsigned int i;
    long rc = 0;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest_virt(current, &op, uop, sizeof(op)) )
        return -EFAULT;
    op.status = GNTST_okay;
    d = get_target(op.dom, &op.status);
    if ( !d )
        goto out;
    gt = d->grant_table;
    write_lock(&gt->lock);
    if ( op.nr_frames > gt->max_frames )
        op.status = GNTST_general_error;
    else if ( grow_table(gt, op.nr_frames) )
        op.status = GNTST_general_error;
    for ( i = 0; op.status == GNTST_okay && i < op.nr_frames; i++ )
    {
        xen_pfn_t gfn = gt->frame_gfn[i];

        if ( copy_to_guest_virt(current, guest_handle_addr(op.frame_list) +
                                i * sizeof(gfn), &gfn, sizeof(gfn)) )
            rc = -EFAULT;
    }
    write_unlock(&gt->lock);
    domain_put(d);
 out:
    if ( !rc && copy_to_guest_virt(current, uop, &op, sizeof(op)) )
        rc = -EFAULT;
    return rc;
}

static long query_size(unsigned long uop, unsigned long count)
{
    struct gnttab_query_size op;
    struct domain *d;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest_virt(current, &op, uop, sizeof(op)) )
        return -EFAULT;
    op.status = GNTST_okay;
    d = get_target(op.dom, &op.status);
    if ( d )
    {
        read_lock(&d->grant_table->lock);
        op.nr_frames = d->grant_table->nr_frames;
        op.max_nr_frames = d->grant_table->max_frames;
        read_unlock(&d->grant_table->lock);
        domain_put(d);
    }
    return copy_to_guest_virt(current, uop, &op, sizeof(op)) ? -EFAULT : 0;
}

/*
 * Only version 1 exists here: asking for 2 gets -ENOSYS, what Xen says
 * when v2 is disabled (gnttab=max-ver:1). The version in force is
 * written back even on failure, as on Xen.
 */
static long set_version(unsigned long uop, unsigned long count)
{
    struct gnttab_set_version op;
    long rc = 0;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest_virt(current, &op, uop, sizeof(op)) )
        return -EFAULT;
    if ( op.version != 1 && op.version != 2 )
        rc = -EINVAL;
    else if ( op.version == 2 )
        rc = -ENOSYS;
    op.version = 1;
    if ( copy_to_guest_virt(current, uop, &op, sizeof(op)) )
        rc = -EFAULT;
    return rc;
}

static long get_version(unsigned long uop, unsigned long count)
{
    struct gnttab_get_version op;
    struct domain *curr = current->domain, *d;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest_virt(current, &op, uop, sizeof(op)) )
        return -EFAULT;
    if ( op.dom != DOMID_SELF && op.dom != curr->domain_id )
    {
        d = domain_get_by_id(op.dom);
        if ( !d )
            return -ESRCH;
        domain_put(d);
        if ( !curr->is_privileged )
            return -EPERM;
    }
    op.version = 1;
    return copy_to_guest_virt(current, uop, &op, sizeof(op)) ? -EFAULT : 0;
}

/* Swap two entries of the caller's table; neither may be in use. */
static int16_t swap_one(struct grant_table *gt, grant_ref_t a, grant_ref_t b)
{
    struct grant_entry_v1 *ea, *eb, tmp;
    int16_t st = GNTST_okay;

    read_lock(&gt->lock);
    if ( a >= gnttab_nr_entries(gt) || b >= gnttab_nr_entries(gt) )
        st = GNTST_bad_gntref;
    else if ( a != b )
    {
        spin_lock(&gt->active_lock);
        ea = gnttab_entry(gt, a);
        eb = gnttab_entry(gt, b);
        if ( gnttab_active(gt, a)->nr_ro || gnttab_active(gt, a)->nr_rw ||
             gnttab_active(gt, b)->nr_ro || gnttab_active(gt, b)->nr_rw )
            st = GNTST_eagain;
        else
        {
            tmp = *ea;
            *ea = *eb;
            *eb = tmp;
        }
        spin_unlock(&gt->active_lock);
    }
    read_unlock(&gt->lock);
    return st;
}

static int16_t swap_elem(void *p)
{
    const struct gnttab_swap_grant_ref *op = p;

    return swap_one(current->domain->grant_table, op->ref_a, op->ref_b);
}

static long swap_batch(unsigned long uop, unsigned long count)
{
    struct gnttab_swap_grant_ref op;

    return gnttab_batch(uop, count, &op, sizeof(op),
                        offsetof(struct gnttab_swap_grant_ref, status), false,
                        swap_elem);
}

/* --- The hypercall. */

/* Run a batch; an unfinished one continues with the rest of the array. */
static long batch(long (*fn)(unsigned long uop, unsigned long count),
                  unsigned long uop, unsigned long count, size_t size)
{
    long done = fn(uop, count);

    if ( done < 0 || (unsigned long)done == count )
        return done < 0 ? done : 0;
    hypercall_set_arg(1, uop + done * size);
    hypercall_set_arg(2, count - done);
    return -ERESTART;
}

/*
 * Only the sub-ops Xen offers HVM/PVH guests; the PV ones (transfer,
 * unmap_and_replace), dump_table, get_status_frames (v2) and cache_flush
 * are -ENOSYS for them on Xen too.
 */
long do_grant_table_op(unsigned long cmd, unsigned long uop,
                       unsigned long count, unsigned long a4,
                       unsigned long a5)
{
    (void)a4;
    (void)a5;
    /* Xen's cmd and count are 32-bit; the count must be >= 0 as int. */
    cmd = (unsigned int)cmd;
    count = (unsigned int)count;
    if ( (int)count < 0 )
        return -EINVAL;

    switch ( cmd )
    {
    case GNTTABOP_map_grant_ref:
        return batch(gnttab_map_batch, uop, count,
                     sizeof(struct gnttab_map_grant_ref));
    case GNTTABOP_unmap_grant_ref:
        return batch(gnttab_unmap_batch, uop, count,
                     sizeof(struct gnttab_unmap_grant_ref));
    case GNTTABOP_setup_table:
        return setup_table(uop, count);
    case GNTTABOP_copy:
        return batch(gnttab_copy_batch, uop, count,
                     sizeof(struct gnttab_copy));
    case GNTTABOP_query_size:
        return query_size(uop, count);
    case GNTTABOP_set_version:
        return set_version(uop, count);
    case GNTTABOP_get_version:
        return get_version(uop, count);
    case GNTTABOP_swap_grant_ref:
        return batch(swap_batch, uop, count,
                     sizeof(struct gnttab_swap_grant_ref));
    default:
        return -ENOSYS;
    }
}
