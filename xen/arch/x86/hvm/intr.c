/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupt injection for guests: one pass over the registered sources
 * before each VM entry. A vector is injected only when the guest can
 * take it (IF set, no interrupt shadow, no event already queued);
 * otherwise the vendor opens an interrupt window, which makes the guest
 * exit as soon as it could, and the next pass injects.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/sched-api.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/intr.h>

#define MAX_SOURCES 4

static const struct hvm_intr_source *sources[MAX_SOURCES];
static unsigned int nr_sources;

void hvm_register_intr_source(const struct hvm_intr_source *src)
{
    BUG_ON(nr_sources == MAX_SOURCES);      /* boot-time registration */
    sources[nr_sources++] = src;
}

void hvm_intr_assist(struct vcpu *v)
{
    const struct hvm_intr_source *best = NULL;
    int vector = -1;
    unsigned int i;

    if ( !nr_sources || !hvm_ops->intr_window )
        return;
    for ( i = 0; i < nr_sources; i++ )
    {
        int vec = sources[i]->pending(v);

        /* Sources are in priority order: the first pending one wins. */
        if ( vec >= 16 )
        {
            best = sources[i];
            vector = vec;
            break;
        }
    }
    if ( !best )
    {
        hvm_ops->intr_window(v, false);
        return;
    }
    if ( !hvm_ops->interrupts_enabled(v) )
    {
        hvm_ops->intr_window(v, true);
        return;
    }
    hvm_ops->intr_window(v, false);
    hvm_ops->inject_event(v, (unsigned int)vector, HVM_EVENT_EXTINT,
                          HVM_NO_ERRCODE);
    if ( best->acked )
        best->acked(v, vector);
}

bool hvm_intr_pending(struct vcpu *v)
{
    unsigned int i;

    for ( i = 0; i < nr_sources; i++ )
        if ( sources[i]->pending(v) >= 16 )
            return true;
    return false;
}

void hvm_intr_kick(struct vcpu *v)
{
    vcpu_unblock(v);
    if ( READ_ONCE(v->is_running) && v->processor != smp_processor_id() )
        arch_softirq_kick(v->processor);    /* exits the guest */
}
