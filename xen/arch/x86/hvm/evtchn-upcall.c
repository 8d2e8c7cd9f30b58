/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event-channel upcalls for PVH/HVM guests: the callback vector set with
 * HVM_PARAM_CALLBACK_IRQ (type 2) is an interrupt source that stays
 * pending while the vCPU's vcpu_info says evtchn_upcall_pending, like a
 * level-triggered line, with no LAPIC IRR/ISR and no EOI (Xen's
 * semantics). The arch hook of event delivery only makes the vCPU look
 * again.
 */
#include <xen/lib.h>
#include <xen/event-arch.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <asm/hvm/intr.h>
#include <public/hvm/params.h>
#include <public/xen.h>

#define CALLBACK_TYPE(p)    ((unsigned int)((p) >> 56))
#define CALLBACK_TYPE_VECTOR 2

static int callback_vector(const struct domain *d)
{
    uint64_t p = READ_ONCE(d->arch.hvm_params[HVM_PARAM_CALLBACK_IRQ]);
    unsigned int vec = (unsigned int)(p & 0xff);

    if ( CALLBACK_TYPE(p) != CALLBACK_TYPE_VECTOR || vec < 16 )
        return -1;
    return (int)vec;
}

static int upcall_pending(struct vcpu *v)
{
    const struct vcpu_info *vi = READ_ONCE(v->vcpu_info);
    int vec = callback_vector(v->domain);

    if ( vec < 0 || !vi || !READ_ONCE(vi->evtchn_upcall_pending) )
        return -1;
    return vec;
}

static const struct hvm_intr_source upcall_source = {
    .name = "event-channel callback vector",
    .pending = upcall_pending,
};

void hvm_evtchn_setup(void)
{
    hvm_register_intr_source(&upcall_source);
}

/* Called with d->event_lock held and IRQs off: only a kick, no locks. */
void arch_evtchn_upcall(struct vcpu *v)
{
    if ( READ_ONCE(v->is_running) && v->processor != smp_processor_id() )
        arch_softirq_kick(v->processor);    /* exit, then re-evaluate */
}
