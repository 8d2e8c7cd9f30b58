/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The shared_info page of each domain (a zeroed xenheap page the guest
 * maps with XENMEM_add_to_physmap) and each vCPU's vcpu_info: a slot of
 * shared_info for vCPUs 0..31, or the guest frame registered with
 * VCPUOP_register_vcpu_info, written through the direct map. Entry
 * points: domain_events_init/teardown/destroy(), shared_info_map(),
 * vcpu_register_vcpu_info(). Clocks are guest-time.c's; ports are
 * event_channel.c's.
 *
 * Locking: d->domain_lock serialises a registration (p2m lookup + pin)
 * against memory_op's check of the pins + p2m change, so a pinned frame
 * cannot be freed. d->event_lock (IRQs off) covers switching
 * v->vcpu_info, which the delivery path reads under the same lock.
 */
#include <xen/lib.h>
#include <xen/bitops.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/event-arch.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <xen/shared-info.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <public/xen.h>

/*
 * Where events for vCPUs 32 and up go until they register a vcpu_info
 * (as Xen's dummy_vcpu_info): written, never read by anyone.
 */
static struct vcpu_info dummy_vcpu_info;

static void vcpu_events_free(struct vcpu *v)
{
    vcpu_timers_kill(v);
    xfree(v->areas);
    v->areas = NULL;
}

static int vcpu_events_init(struct vcpu *v)
{
    unsigned int id = v->vcpu_id;

    v->areas = xzalloc(struct vcpu_guest_areas);
    if ( !v->areas )
        return -ENOMEM;
    v->vcpu_info = id < XEN_LEGACY_MAX_VCPUS ?
                   &v->domain->shared_info->vcpu_info[id] : &dummy_vcpu_info;
    v->vcpu_info_gfn = VCPU_INFO_NO_GFN;
    vcpu_timers_init(v);
    vcpu_time_update(v);
    return 0;
}

int domain_events_init(struct domain *d)
{
    unsigned int i;
    int rc = -ENOMEM;

    BUILD_BUG_ON(sizeof(struct shared_info) > PAGE_SIZE);
    BUILD_BUG_ON(sizeof(struct vcpu_info) != 64);
    BUILD_BUG_ON(MAX_VIRT_CPUS > BITS_PER_LONG);     /* d->poll_mask */

    spin_lock_init(&d->event_lock);
    d->shared_info = alloc_xenheap_pages(0, 0);
    if ( !d->shared_info )
        return -ENOMEM;
    memset(d->shared_info, 0, PAGE_SIZE);
    d->shared_info_gfn = VCPU_INFO_NO_GFN;

    for ( i = 0; i < d->max_vcpus; i++ )
    {
        rc = vcpu_events_init(d->vcpu[i]);
        if ( rc )
            goto out_vcpus;
    }
    domain_wallclock_update(d);
    rc = evtchn_domain_init(d);
    if ( !rc )
        return 0;

 out_vcpus:
    while ( i-- )
        vcpu_events_free(d->vcpu[i]);
    free_xenheap_pages(d->shared_info, 0);
    d->shared_info = NULL;
    return rc;
}

void domain_events_teardown(struct domain *d)
{
    evtchn_domain_close(d);
}

void domain_events_destroy(struct domain *d)
{
    unsigned int i;

    if ( !d->shared_info )
        return;                 /* creation failed before us */
    evtchn_domain_free(d);
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            vcpu_events_free(d->vcpu[i]);
    free_xenheap_pages(d->shared_info, 0);
    d->shared_info = NULL;
}

bool domain_gfn_range_pinned(const struct domain *d, uint64_t gfn,
                             uint64_t nr)
{
    unsigned int i;

    ASSERT(spin_is_locked(&d->domain_lock));
    for ( i = 0; i < d->max_vcpus; i++ )
    {
        uint64_t pin = d->vcpu[i]->vcpu_info_gfn;

        if ( pin != VCPU_INFO_NO_GFN && pin - gfn < nr )
            return true;
    }
    return false;
}

/*
 * Unmap the page from gfn if it is still there: the guest may have put
 * something else at its old frame meanwhile.
 */
static void unmap_old(struct p2m_domain *p2m, uint64_t gfn, mfn_t mfn)
{
    enum p2m_type t;

    /* A failure (no table page to split with) leaves an alias: harmless. */
    if ( p2m_lookup(p2m, gfn, &t) == mfn && t == p2m_map_rw &&
         p2m_remove(p2m, gfn, 0) )
        printk(XENLOG_WARNING "d%u: old shared_info frame %#lx kept\n",
               p2m->domain->domain_id, (unsigned long)gfn);
}

int shared_info_map(struct domain *d, uint64_t gfn)
{
    struct p2m_domain *p2m = p2m_get_hostp2m(d);
    mfn_t mfn = virt_to_mfn(d->shared_info);
    uint64_t old;
    int rc;

    if ( gfn >= P2M_GFN_LIMIT )
        return -EINVAL;
    spin_lock(&d->domain_lock);
    if ( domain_gfn_range_pinned(d, gfn, 1) )
    {
        rc = -EBUSY;
        goto out;
    }
    old = d->shared_info_gfn;
    rc = p2m_map_mfn(p2m, gfn, mfn, p2m_map_rw);
    if ( rc )
        goto out;
    d->shared_info_gfn = gfn;
    if ( old != VCPU_INFO_NO_GFN && old != gfn )
        unmap_old(p2m, old, mfn);
 out:
    spin_unlock(&d->domain_lock);
    return rc;
}

/*
 * Switch v to its new area: copy what the old one said (a dummy says
 * nothing), then mark every selector bit pending and raise the upcall,
 * so that no event sent before the switch is lost (Xen does the same).
 */
static void switch_vcpu_info(struct vcpu *v, struct vcpu_info *vi)
{
    struct domain *d = v->domain;
    unsigned long flags;

    spin_lock_irqsave(&d->event_lock, flags);
    if ( v->vcpu_info == &dummy_vcpu_info )
        memset(vi, 0, sizeof(*vi));
    else
        memcpy(vi, v->vcpu_info, sizeof(*vi));
    __atomic_store_n(&v->vcpu_info, vi, __ATOMIC_SEQ_CST);
    __atomic_store_n(&vi->evtchn_pending_sel, ~(xen_ulong_t)0,
                     __ATOMIC_SEQ_CST);
    __atomic_store_n(&vi->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST);
    arch_evtchn_upcall(v);
    spin_unlock_irqrestore(&d->event_lock, flags);
}

int vcpu_register_vcpu_info(struct vcpu *v, uint64_t gfn, uint32_t offset)
{
    struct domain *d = v->domain;
    enum p2m_type t;
    mfn_t mfn;
    int rc = -EINVAL;

    if ( offset > PAGE_SIZE - sizeof(struct vcpu_info) ||
         (offset & (__alignof__(struct vcpu_info) - 1)) )
        return -ENXIO;
    /* As Xen: only oneself, or a vCPU that is down (not running). */
    if ( v != current && !test_bit(VPF_down, &v->pause_flags) )
        return -EINVAL;
    if ( gfn >= P2M_GFN_LIMIT )
        return -EINVAL;

    spin_lock(&d->domain_lock);
    if ( v->vcpu_info_gfn != VCPU_INFO_NO_GFN )
        goto out;
    mfn = p2m_lookup(p2m_get_hostp2m(d), gfn, &t);
    if ( t != p2m_ram_rw || !mfn_valid(mfn) )
        goto out;
    v->vcpu_info_gfn = gfn;     /* the pin: see xen/shared-info.h */
    switch_vcpu_info(v, (struct vcpu_info *)((char *)mfn_to_virt(mfn) +
                                             offset));
    rc = 0;
 out:
    spin_unlock(&d->domain_lock);
    if ( !rc )
        vcpu_time_update(v);
    return rc;
}
