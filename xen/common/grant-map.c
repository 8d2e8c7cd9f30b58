/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GNTTABOP_map_grant_ref / unmap_grant_ref for HVM/PVH mappers (the
 * back-end side): a granted frame appears at a guest-physical address
 * of the mapper (GNTMAP_host_map, host_addr = gpa) as p2m_map_rw or
 * p2m_map_ro. The maptrack (per mapping domain) records each mapping
 * under a handle; the mapping keeps the entry pinned (GTF_reading/
 * GTF_writing set, page reference held) and a reference on the granting
 * domain until it is unmapped or the mapper is destroyed. A grant the
 * granter revokes behind our back stays mapped until then (as on Xen).
 * Locking: grant_table.c; the mapper's p2m changes under its domain_lock.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/p2m.h>
#include <xen/shared-info.h>
#include <xen/xmalloc.h>
#include <xen/domain.h>
#include "grant_table.h"

/* --- Maptrack. */

static struct grant_mapping *maptrack_entry(struct grant_table *lgt,
                                            grant_handle_t h)
{
    return &lgt->maptrack[h / MAPTRACK_PER_CHUNK][h % MAPTRACK_PER_CHUNK];
}

/* Caller holds maptrack_lock. Returns false at the limit or on -ENOMEM. */
static bool maptrack_grow(struct grant_table *lgt)
{
    struct grant_mapping *chunk;
    unsigned int i, base = lgt->maptrack_chunks * MAPTRACK_PER_CHUNK;

    if ( lgt->maptrack_chunks >= lgt->maptrack_max_chunks )
        return false;
    chunk = xzalloc_array(struct grant_mapping, MAPTRACK_PER_CHUNK);
    if ( !chunk )
        return false;
    for ( i = 0; i < MAPTRACK_PER_CHUNK; i++ )
        chunk[i].next_free = i + 1 < MAPTRACK_PER_CHUNK ? base + i + 1
                                                         : lgt->maptrack_free;
    lgt->maptrack[lgt->maptrack_chunks++] = chunk;
    lgt->maptrack_free = base;
    return true;
}

/* A free handle, off the free list (rd still NULL), or MAPTRACK_NONE. */
static grant_handle_t get_handle(struct grant_table *lgt)
{
    grant_handle_t h = MAPTRACK_NONE;

    spin_lock(&lgt->maptrack_lock);
    if ( !lgt->dying &&
         (lgt->maptrack_free != MAPTRACK_NONE || maptrack_grow(lgt)) )
    {
        h = lgt->maptrack_free;
        lgt->maptrack_free = maptrack_entry(lgt, h)->next_free;
    }
    spin_unlock(&lgt->maptrack_lock);
    return h;
}

static void put_handle(struct grant_table *lgt, grant_handle_t h)
{
    struct grant_mapping *m;

    spin_lock(&lgt->maptrack_lock);
    m = maptrack_entry(lgt, h);
    m->rd = NULL;
    m->flags = 0;
    m->next_free = lgt->maptrack_free;
    lgt->maptrack_free = h;
    spin_unlock(&lgt->maptrack_lock);
}

void gnttab_maptrack_free(struct grant_table *gt)
{
    unsigned int i;

    for ( i = 0; i < gt->maptrack_chunks; i++ )
        xfree(gt->maptrack[i]);
    gt->maptrack_chunks = 0;
}

/* --- The mapper's p2m. */

/*
 * Map mfn at gfn of ld, over a hole or RAM (freed, as add_to_physmap
 * does). Refused: a frame holding a registered vcpu_info, and anything
 * borrowed (another grant mapping, shared_info, a grant frame, MMIO),
 * which would be lost silently; Xen crashes the domain for the former.
 */
static int16_t map_into(struct domain *ld, uint64_t gfn, mfn_t mfn,
                        bool readonly)
{
    struct p2m_domain *p2m = p2m_get_hostp2m(ld);
    enum p2m_type t;
    int rc = -EBUSY;

    spin_lock(&ld->domain_lock);
    (void)p2m_lookup(p2m, gfn, &t);
    if ( (t == p2m_invalid || p2m_is_ram(t)) &&
         !domain_gfn_range_pinned(ld, gfn, 1) )
        rc = p2m_map_mfn(p2m, gfn, mfn, readonly ? p2m_map_ro : p2m_map_rw);
    spin_unlock(&ld->domain_lock);
    return rc ? GNTST_general_error : GNTST_okay;
}

/*
 * Remove the mapping of mfn at gfn of ld. If the guest has replaced it
 * meanwhile (shared_info or a grant frame moved there, the gfn given back
 * with decrease_reservation), it is gone already: still GNTST_okay, so
 * that the handle and the granter's pin are released.
 */
static int16_t unmap_from(struct domain *ld, uint64_t gfn, mfn_t mfn)
{
    struct p2m_domain *p2m = p2m_get_hostp2m(ld);
    int16_t st = GNTST_okay;
    enum p2m_type t;

    spin_lock(&ld->domain_lock);
    if ( p2m_lookup(p2m, gfn, &t) == mfn &&
         (t == p2m_map_rw || t == p2m_map_ro) &&
         p2m_remove(p2m, gfn, 0) )
        st = GNTST_general_error;
    spin_unlock(&ld->domain_lock);
    return st;
}

/* Drop what a mapping holds of the granting domain. */
static void release_grant(const struct grant_mapping *m)
{
    struct grant_table *rgt = m->rd->grant_table;

    read_lock(&rgt->lock);
    gnttab_unpin(m->rd, m->ref, m->flags & GNTMAP_readonly);
    read_unlock(&rgt->lock);
    domain_put(m->rd);
}

/* --- Map and unmap. */

static int16_t map_one(struct gnttab_map_grant_ref *op)
{
    struct domain *ld = current->domain, *rd;
    struct grant_table *lgt = ld->grant_table;
    bool ro = op->flags & GNTMAP_readonly;
    struct grant_mapping *m;
    grant_handle_t h;
    mfn_t mfn;
    int16_t st;

    if ( !(op->flags & GNTMAP_host_map) )
        return GNTST_bad_gntref;            /* Xen: "bad flags" */
    /* Device and PV page-table mappings do not exist for HVM mappers. */
    if ( op->flags & (GNTMAP_device_map | GNTMAP_contains_pte |
                      GNTMAP_application_map) )
        return GNTST_general_error;
    rd = domain_get_by_id(op->dom);         /* no DOMID_SELF, as Xen */
    if ( !rd )
        return GNTST_bad_domain;
    h = get_handle(lgt);
    if ( h == MAPTRACK_NONE )
    {
        st = GNTST_no_space;
        goto out_put;
    }
    read_lock(&rd->grant_table->lock);
    st = gnttab_pin(rd, op->ref, ld->domain_id, ro, true, &mfn);
    read_unlock(&rd->grant_table->lock);
    if ( st )
        goto out_handle;
    st = map_into(ld, op->host_addr >> PAGE_SHIFT, mfn, ro);
    if ( st )
    {
        read_lock(&rd->grant_table->lock);
        gnttab_unpin(rd, op->ref, ro);
        read_unlock(&rd->grant_table->lock);
        goto out_handle;
    }

    spin_lock(&lgt->maptrack_lock);
    m = maptrack_entry(lgt, h);
    m->ref = op->ref;
    m->flags = ro ? GNTMAP_readonly : 0;
    m->gfn = op->host_addr >> PAGE_SHIFT;
    m->mfn = mfn;
    m->rd = rd;                             /* keeps our reference */
    spin_unlock(&lgt->maptrack_lock);
    op->handle = h;
    /* No device mappings: no bus address (Xen leaks the maddr here). */
    op->dev_bus_addr = 0;
    return GNTST_okay;

 out_handle:
    put_handle(lgt, h);
 out_put:
    domain_put(rd);
    return st;
}

static int16_t unmap_one(const struct gnttab_unmap_grant_ref *op)
{
    struct domain *ld = current->domain;
    struct grant_table *lgt = ld->grant_table;
    grant_handle_t h = op->handle;
    struct grant_mapping *e, m;
    int16_t st;

    spin_lock(&lgt->maptrack_lock);
    if ( h >= lgt->maptrack_chunks * MAPTRACK_PER_CHUNK ||
         !(e = maptrack_entry(lgt, h))->rd || (e->flags & MAPTRACK_BUSY) )
    {
        spin_unlock(&lgt->maptrack_lock);
        return GNTST_bad_handle;
    }
    e->flags |= MAPTRACK_BUSY;
    m = *e;
    spin_unlock(&lgt->maptrack_lock);

    /*
     * host_addr 0: Xen leaves the host mapping (and the handle) alone.
     * Otherwise it must name the handle's own mapping (Xen only checks
     * that the frame is grant-mapped there, which lets one handle remove
     * another's mapping of the same frame).
     */
    if ( !op->host_addr )
        st = GNTST_okay;
    else if ( op->host_addr >> PAGE_SHIFT != m.gfn )
        st = GNTST_general_error;
    else
        st = unmap_from(ld, m.gfn, m.mfn);
    if ( st || !op->host_addr )
    {
        spin_lock(&lgt->maptrack_lock);
        e->flags &= ~MAPTRACK_BUSY;
        spin_unlock(&lgt->maptrack_lock);
        return st;
    }
    release_grant(&m);
    put_handle(lgt, h);
    return GNTST_okay;
}

static int16_t map_elem(void *op)
{
    return map_one(op);
}

static int16_t unmap_elem(void *op)
{
    return unmap_one(op);
}

/* Map writes back the whole element: handle and dev_bus_addr are OUT. */
long gnttab_map_batch(unsigned long uop, unsigned long count)
{
    struct gnttab_map_grant_ref op;

    return gnttab_batch(uop, count, &op, sizeof(op),
                        offsetof(struct gnttab_map_grant_ref, status), true,
                        map_elem);
}

long gnttab_unmap_batch(unsigned long uop, unsigned long count)
{
    struct gnttab_unmap_grant_ref op;

    return gnttab_batch(uop, count, &op, sizeof(op),
                        offsetof(struct gnttab_unmap_grant_ref, status),
                        false, unmap_elem);
}

/* --- Destruction of the mapping domain. */

void gnttab_maptrack_release_all(struct domain *d)
{
    struct grant_table *lgt = d->grant_table;
    grant_handle_t h, nr;
    struct grant_mapping m;

    spin_lock(&lgt->maptrack_lock);
    lgt->dying = true;                      /* no new handles from now */
    nr = lgt->maptrack_chunks * MAPTRACK_PER_CHUNK;
    spin_unlock(&lgt->maptrack_lock);

    for ( h = 0; h < nr; h++ )
    {
        spin_lock(&lgt->maptrack_lock);
        m = *maptrack_entry(lgt, h);
        if ( m.rd && !(m.flags & MAPTRACK_BUSY) )
            maptrack_entry(lgt, h)->flags |= MAPTRACK_BUSY;
        else
            m.rd = NULL;
        spin_unlock(&lgt->maptrack_lock);
        if ( !m.rd )
            continue;
        /* Unmap before the reference goes: the frame may be freed then. */
        (void)unmap_from(d, m.gfn, m.mfn);
        release_grant(&m);
        put_handle(lgt, h);
    }
}
