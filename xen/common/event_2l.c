/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The 2-level event-channel ABI behind struct evtchn_port_ops: pending
 * and mask bitmaps in shared_info (bit P for port P, 64 ports a word),
 * the per-vCPU selector word evtchn_pending_sel (bit P / 64) and the
 * evtchn_upcall_pending byte. Ports and locking are event_channel.c's;
 * every hook runs with the port's d->event_lock held.
 *
 * The guest changes the same words concurrently (it clears pending
 * bits, exchanges the selector with 0, sets and clears mask bits), so
 * every read-modify-write here is atomic and the order of the steps is
 * the protocol: pending bit, then mask test, then selector, then the
 * upcall byte, then the upcall itself.
 */
#include <xen/lib.h>
#include <xen/bitops.h>
#include <xen/event.h>
#include <xen/event-arch.h>
#include <xen/sched.h>
#include <xen/sched-api.h>
#include <public/xen.h>

#define BITS_PER_EVTCHN_WORD    (sizeof(xen_ulong_t) * 8)

/* The shared_info bitmaps as bitops words (xen_ulong_t is 64-bit). */
static unsigned long *pending_words(const struct domain *d)
{
    return (unsigned long *)d->shared_info->evtchn_pending;
}

static unsigned long *mask_words(const struct domain *d)
{
    return (unsigned long *)d->shared_info->evtchn_mask;
}

/*
 * Selector bit for the word holding port, then the upcall byte; the
 * upcall is raised only when that byte goes from 0 to 1 (the guest
 * clears it before scanning, so a set byte means a scan is coming).
 */
static void mark_word_pending(struct vcpu *v, uint32_t port)
{
    struct vcpu_info *vi = v->vcpu_info;

    if ( test_and_set_bit(port / BITS_PER_EVTCHN_WORD,
                          (unsigned long *)&vi->evtchn_pending_sel) )
        return;
    if ( __atomic_exchange_n(&vi->evtchn_upcall_pending, 1,
                             __ATOMIC_SEQ_CST) )
        return;
    arch_evtchn_upcall(v);
    vcpu_unblock(v);
}

/* Wake vCPUs of d in SCHEDOP_poll on this port (or on several ports). */
static void wake_pollers(struct domain *d, uint32_t port)
{
    unsigned long mask = __atomic_load_n(&d->poll_mask, __ATOMIC_SEQ_CST);
    unsigned int id;

    for_each_set_bit ( id, &mask, d->max_vcpus )
    {
        struct vcpu *v = d->vcpu[id];
        uint32_t want = READ_ONCE(v->poll_port);

        if ( (want == 0 || want == port) &&
             test_and_clear_bit(id, &d->poll_mask) )
            vcpu_unblock(v);
    }
}

static void evtchn_2l_set_pending(struct vcpu *v, struct evtchn *chn)
{
    struct domain *d = v->domain;
    uint32_t port = chn->port;

    if ( test_and_set_bit(port, pending_words(d)) )
        return;                 /* already pending: nothing new to say */
    if ( !test_bit(port, mask_words(d)) )
        mark_word_pending(v, port);
    /* Pollers wake even for a masked port (Linux's PV spinlocks). */
    wake_pollers(d, port);
}

static void evtchn_2l_clear_pending(struct domain *d, struct evtchn *chn)
{
    clear_bit(chn->port, pending_words(d));
}

/*
 * Only a mask bit that was set counts: a guest that cleared it itself
 * re-checks pending on its own (Linux does, then asks us only when it
 * must, with the bit set again).
 */
static void evtchn_2l_unmask(struct domain *d, struct evtchn *chn)
{
    uint32_t port = chn->port;

    if ( test_and_clear_bit(port, mask_words(d)) &&
         test_bit(port, pending_words(d)) )
        mark_word_pending(d->vcpu[chn->notify_vcpu_id], port);
}

static bool evtchn_2l_is_pending(const struct domain *d, uint32_t port)
{
    return test_bit(port, pending_words(d));
}

static bool evtchn_2l_is_masked(const struct domain *d, uint32_t port)
{
    return test_bit(port, mask_words(d));
}

const struct evtchn_port_ops evtchn_port_ops_2l = {
    .set_pending    = evtchn_2l_set_pending,
    .clear_pending  = evtchn_2l_clear_pending,
    .unmask         = evtchn_2l_unmask,
    .is_pending     = evtchn_2l_is_pending,
    .is_masked      = evtchn_2l_is_masked,
};
