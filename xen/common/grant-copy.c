/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GNTTABOP_copy: copy bytes between two pages, each named by a grant
 * reference of some domain (the entry must grant the caller) or by a
 * frame of the caller itself. Each side is pinned (gref: GTF_reading or
 * GTF_writing set in the granter's entry, page reference held) for the
 * length of the memcpy and released right after; no lock is held across
 * the copy itself. Status per element, as on Xen; checks in Xen's order
 * (domains, source, destination, bounds). Locking: grant_table.c.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/p2m.h>
#include <xen/string.h>
#include <xen/domain.h>
#include "grant_table.h"

struct copy_side {
    struct domain *d;           /* referenced; NULL: not resolved */
    bool pinned;                /* gref side: entry pinned */
    grant_ref_t ref;
    struct page_info *pg;       /* own-frame side: page reference */
    mfn_t mfn;
};

static int16_t get_domain(const struct gnttab_copy_ptr *p, bool is_gref,
                          struct copy_side *s)
{
    struct domain *curr = current->domain;

    /* Only DOMID_SELF may name a frame directly (not even our own id). */
    if ( !is_gref && p->domid != DOMID_SELF )
        return GNTST_permission_denied;
    if ( p->domid == DOMID_SELF || p->domid == curr->domain_id )
    {
        domain_get(curr);
        s->d = curr;
    }
    else
        s->d = domain_get_by_id(p->domid);
    return s->d ? GNTST_okay : GNTST_bad_domain;
}

/* One of the caller's own frames: RAM, writable RAM for the dest. */
static int16_t get_own_frame(struct copy_side *s, uint64_t gfn,
                             bool readonly)
{
    struct p2m_domain *p2m = p2m_get_hostp2m(s->d);
    struct page_info *pg = NULL;
    enum p2m_type t;
    mfn_t mfn;

    read_lock(&p2m->lock);
    mfn = p2m_lookup_locked(p2m, gfn, &t);
    if ( (readonly ? p2m_is_ram(t) : t == p2m_ram_rw) && mfn_valid(mfn) )
        pg = mfn_to_page(mfn);
    if ( pg && !get_page_foreign(pg) )
        pg = NULL;
    read_unlock(&p2m->lock);
    if ( !pg )
        return GNTST_bad_page;
    s->pg = pg;
    s->mfn = mfn;
    return GNTST_okay;
}

static int16_t claim(struct copy_side *s, const struct gnttab_copy_ptr *p,
                     bool is_gref, bool readonly)
{
    struct grant_table *gt;
    int16_t st;

    if ( !is_gref )
        return get_own_frame(s, p->u.gmfn, readonly);
    gt = s->d->grant_table;
    read_lock(&gt->lock);
    st = gnttab_pin(s->d, p->u.ref, current->domain->domain_id, readonly,
                    false, &s->mfn);
    read_unlock(&gt->lock);
    if ( st == GNTST_okay )
    {
        s->pinned = true;
        s->ref = p->u.ref;
    }
    return st;
}

static void release(struct copy_side *s, bool readonly)
{
    if ( s->pinned )
    {
        read_lock(&s->d->grant_table->lock);
        gnttab_unpin(s->d, s->ref, readonly);
        read_unlock(&s->d->grant_table->lock);
    }
    if ( s->pg )
        put_page_foreign(s->pg);
    if ( s->d )
        domain_put(s->d);
}

static int16_t copy_one(const struct gnttab_copy *op)
{
    struct copy_side src = { 0 }, dst = { 0 };
    bool sg = op->flags & GNTCOPY_source_gref;
    bool dg = op->flags & GNTCOPY_dest_gref;
    int16_t st;

    st = get_domain(&op->source, sg, &src);
    if ( st == GNTST_okay )
        st = get_domain(&op->dest, dg, &dst);
    if ( st == GNTST_okay )
        st = claim(&src, &op->source, sg, true);
    if ( st == GNTST_okay )
        st = claim(&dst, &op->dest, dg, false);
    if ( st == GNTST_okay &&
         (op->source.offset + op->len > PAGE_SIZE ||
          op->dest.offset + op->len > PAGE_SIZE) )
        st = GNTST_bad_copy_arg;
    if ( st == GNTST_okay )
        /* Both frames are referenced: they cannot be freed meanwhile. */
        memmove((char *)mfn_to_virt(dst.mfn) + op->dest.offset,
                (const char *)mfn_to_virt(src.mfn) + op->source.offset,
                op->len);
    release(&dst, false);
    release(&src, true);
    return st;
}

static int16_t copy_elem(void *op)
{
    return copy_one(op);
}

long gnttab_copy_batch(unsigned long uop, unsigned long count)
{
    struct gnttab_copy op;

    return gnttab_batch(uop, count, &op, sizeof(op),
                        offsetof(struct gnttab_copy, status), false,
                        copy_elem);
}
