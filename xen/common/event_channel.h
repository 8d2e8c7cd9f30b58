/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Private to common/event_*.c: port lookup helpers (caller holds the
 * domain's event_lock) and the EVTCHNOP_* workers that
 * event_channel_op.c calls once it has copied the argument in. Each
 * worker works on a local copy, fills its OUT fields and returns 0 or a
 * negative errno; all act for current->domain. Context: hypercall.
 */
#ifndef __COMMON_EVENT_CHANNEL_H__
#define __COMMON_EVENT_CHANNEL_H__

#include <xen/event.h>
#include <xen/sched.h>
#include <public/event_channel.h>
#include <public/xen.h>

/*
 * Like Xen's old per-domain model: a port is valid once its bucket
 * exists, whatever its state (status then says "closed").
 */
static inline bool port_is_valid(const struct domain *d, uint32_t port)
{
    return d->evtchn && port < d->evtchn->valid_ports;
}

static inline struct evtchn *evtchn_from_port(const struct domain *d,
                                              uint32_t port)
{
    return &d->evtchn->bucket[port / EVTCHNS_PER_BUCKET]
                             [port % EVTCHNS_PER_BUCKET];
}

static inline bool virq_is_global(uint32_t virq)
{
    return virq != VIRQ_TIMER && virq != VIRQ_DEBUG &&
           virq != VIRQ_XENOPROF && virq != VIRQ_XENPMU;
}

/* -ESRCH/-EPERM (dom), -ENOSPC (no port left), -ENOMEM. */
int evtchn_alloc_unbound(struct evtchn_alloc_unbound *a);
/* -ESRCH, -ENOSPC, -ENOMEM, -EINVAL (remote port not unbound for us). */
int evtchn_bind_interdomain(struct evtchn_bind_interdomain *b);
/* -EINVAL (virq, or vcpu != 0 for a global one), -ENOENT, -EEXIST. */
int evtchn_bind_virq(struct evtchn_bind_virq *b);
/* -ENOENT (vcpu), -ENOSPC, -ENOMEM. */
int evtchn_bind_ipi(struct evtchn_bind_ipi *b);
/* Close port of d: -EINVAL (not valid, free or reserved). */
int evtchn_close_port(struct domain *d, uint32_t port);
/* -ESRCH/-EPERM (dom), -EINVAL (port not valid). */
int evtchn_status(struct evtchn_status *s);
/* -ENOENT (vcpu), -EINVAL (port, or an IPI/per-vCPU VIRQ port). */
int evtchn_bind_vcpu(const struct evtchn_bind_vcpu *b);
/* -EINVAL (port not valid). */
int evtchn_unmask(uint32_t port);
/* -ESRCH/-EPERM (dom), -EINVAL (another domain that is not paused). */
int evtchn_reset(const struct evtchn_reset *r);

#endif /* __COMMON_EVENT_CHANNEL_H__ */
