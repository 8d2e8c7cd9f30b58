/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event-channel upcalls for PVH/HVM guests, two ways as on Xen:
 * - the domain's callback vector (HVM_PARAM_CALLBACK_IRQ type 2) is an
 *   interrupt source that stays pending while the vCPU's vcpu_info says
 *   evtchn_upcall_pending, like a level-triggered line, with no LAPIC
 *   IRR/ISR and no EOI;
 * - a per-vCPU vector (HVMOP_set_evtchn_upcall_vector, which Linux uses
 *   when CPUID leaf base+4 offers it) is an ordinary fixed, edge LAPIC
 *   interrupt raised each time evtchn_upcall_pending goes 0 -> 1, which
 *   the guest EOIs. A software-disabled APIC accepts nothing (so no stale
 *   IRR bit surprises the guest when it sets the APIC up); when the guest
 *   enables it with an upcall pending, the vector is raised then.
 */
#include <xen/lib.h>
#include <xen/event-arch.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/errno.h>
#include <asm/hvm/intr.h>
#include <asm/hvm/vlapic.h>
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

static bool vcpu_upcall_pending(const struct vcpu *v)
{
    const struct vcpu_info *vi = READ_ONCE(v->vcpu_info);

    return vi && READ_ONCE(vi->evtchn_upcall_pending);
}

/* The domain-wide callback vector, unless v has its own vector. */
static int upcall_pending(struct vcpu *v)
{
    int vec = callback_vector(v->domain);

    if ( vec < 0 || READ_ONCE(v->arch.upcall_vector) ||
         !vcpu_upcall_pending(v) )
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

/* Called with d->event_lock held and IRQs off: no locks, only atomics. */
void arch_evtchn_upcall(struct vcpu *v)
{
    unsigned int vec = READ_ONCE(v->arch.upcall_vector);

    if ( vec )
    {
        (void)vlapic_raise(v, vec);         /* IRR + kick, if enabled */
        return;
    }
    if ( READ_ONCE(v->is_running) && v->processor != smp_processor_id() )
        arch_softirq_kick(v->processor);    /* exit, then re-evaluate */
}

void hvm_evtchn_apic_enabled(struct vcpu *v)
{
    unsigned int vec = READ_ONCE(v->arch.upcall_vector);

    if ( vec && vcpu_upcall_pending(v) )
        (void)vlapic_raise(v, vec);
}

int hvm_set_upcall_vector(struct vcpu *v, unsigned int vector)
{
    if ( vector < 16 || vector > 0xff )
        return -EINVAL;
    WRITE_ONCE(v->arch.upcall_vector, (uint8_t)vector);
    /*
     * As Xen: raise it once now (if the APIC is enabled), whether or not
     * an upcall is pending; guests cope with a spurious upcall, and
     * none that was pending before the switch gets lost.
     */
    (void)vlapic_raise(v, vector);
    return 0;
}
