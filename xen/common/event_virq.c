/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Events the hypervisor raises and the checks SCHEDOP_block/poll make:
 * VIRQs to a vCPU or a domain, whether one is bound, whether a vCPU has
 * an upcall to take, whether polled ports are pending. Ports and their
 * locking are event_channel.c's (d->event_lock, IRQs off). Entry points
 * are declared in xen/event.h.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <public/xen.h>
#include "event_channel.h"

void evtchn_send_vcpu_virq(struct vcpu *v, uint32_t virq)
{
    struct domain *d = v->domain;
    unsigned long flags;
    uint32_t port;

    ASSERT(virq < NR_VIRQS && !virq_is_global(virq));
    spin_lock_irqsave(&d->event_lock, flags);
    port = d->evtchn ? v->virq_to_port[virq] : 0;
    if ( port )
        d->evtchn->ops->set_pending(v, evtchn_from_port(d, port));
    spin_unlock_irqrestore(&d->event_lock, flags);
}

void evtchn_send_global_virq(struct domain *d, uint32_t virq)
{
    struct evtchn *chn;
    unsigned long flags;
    uint32_t port;

    ASSERT(virq < NR_VIRQS && virq_is_global(virq));
    spin_lock_irqsave(&d->event_lock, flags);
    port = d->evtchn ? d->vcpu[0]->virq_to_port[virq] : 0;
    if ( port )
    {
        chn = evtchn_from_port(d, port);
        d->evtchn->ops->set_pending(d->vcpu[chn->notify_vcpu_id], chn);
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
}

bool evtchn_virq_is_bound(const struct vcpu *v, uint32_t virq)
{
    if ( virq >= NR_VIRQS )
        return false;
    if ( virq_is_global(virq) )
        v = v->domain->vcpu[0];
    return READ_ONCE(v->virq_to_port[virq]) != 0;
}

bool evtchn_vcpu_has_upcall(const struct vcpu *v)
{
    const struct vcpu_info *vi = READ_ONCE(v->vcpu_info);

    return vi && __atomic_load_n(&vi->evtchn_upcall_pending,
                                 __ATOMIC_SEQ_CST);
}

/* Xen checks ports against the ABI's limit, not against allocation. */
int evtchn_poll_check(struct domain *d, const uint32_t *ports,
                      unsigned int n)
{
    unsigned int i;
    int rc = 0;

    for ( i = 0; i < n; i++ )
    {
        if ( ports[i] >= EVTCHN_2L_NR_CHANNELS )
            return -EINVAL;
        if ( d->evtchn->ops->is_pending(d, ports[i]) )
            rc = 1;
    }
    return rc;
}
