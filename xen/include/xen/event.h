/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels (common/event_channel.c): per-domain ports, the
 * event_channel_op hypercall, raising VIRQs from the hypervisor, and the
 * hooks SCHEDOP_block/poll use. Delivery into guest memory goes through
 * a per-domain struct evtchn_port_ops (2-level today: common/event_2l.c;
 * FIFO can be added as a second table). Design and locking:
 * docs/hypervisor/event-channels.md.
 */
#ifndef __XEN_EVENT_H__
#define __XEN_EVENT_H__

#include <xen/sched.h>
#include <xen/types.h>
#include <public/event_channel.h>

/* Ports per bucket, buckets per domain: 64 x 64 = the 2-level limit. */
#define EVTCHNS_PER_BUCKET      64
#define EVTCHN_MAX_BUCKETS      (EVTCHN_2L_NR_CHANNELS / EVTCHNS_PER_BUCKET)

/* Port states. */
enum evtchn_state {
    ECS_FREE = 0,           /* closed, may be allocated */
    ECS_RESERVED,           /* port 0: never used */
    ECS_UNBOUND,            /* waiting for u.unbound.remote_domid */
    ECS_INTERDOMAIN,        /* connected to u.interdomain */
    ECS_PIRQ,               /* physical IRQ (never created here) */
    ECS_VIRQ,               /* hypervisor VIRQ u.virq */
    ECS_IPI,                /* the domain signals itself */
    ECS_XEN,                /* other end is a hypervisor back-end u.xen */
};

struct domain;

/* A hypervisor back-end's handler for sends on its port (see below). */
typedef void (*evtchn_xen_fn_t)(struct domain *d, uint32_t port);

struct evtchn {
    uint8_t state;                      /* [L:event_lock] enum evtchn_state */
    uint32_t port;                      /* [I] its own number */
    uint32_t notify_vcpu_id;            /* [L:event_lock] vCPU to notify */
    union {
        struct {
            domid_t remote_domid;       /* who may bind to it */
        } unbound;
        struct {
            struct domain *remote_dom;  /* peer (its event_lock is needed
                                           to follow the pointer) */
            uint32_t remote_port;
        } interdomain;
        uint32_t virq;
        struct {
            evtchn_xen_fn_t fn;         /* called on each guest send */
        } xen;
    } u;                                /* [L:event_lock] */
};

struct domain;
struct vcpu;

/*
 * How a pending event reaches guest memory. Every hook runs with
 * d->event_lock held (the domain owning the port). Context: IRQs off.
 */
struct evtchn_port_ops {
    /* Mark chn pending; if unmasked, notify v (which owns the port). */
    void (*set_pending)(struct vcpu *v, struct evtchn *chn);
    /* Forget a pending event (port being freed). */
    void (*clear_pending)(struct domain *d, struct evtchn *chn);
    /* EVTCHNOP_unmask: clear the mask; re-deliver if it was pending. */
    void (*unmask)(struct domain *d, struct evtchn *chn);
    bool (*is_pending)(const struct domain *d, uint32_t port);
    bool (*is_masked)(const struct domain *d, uint32_t port);
};

extern const struct evtchn_port_ops evtchn_port_ops_2l;

/* Per-domain event-channel state, behind d->evtchn. */
struct evtchn_domain {
    const struct evtchn_port_ops *ops;  /* [L:event_lock] */
    struct evtchn *bucket[EVTCHN_MAX_BUCKETS]; /* [L:event_lock] */
    unsigned int valid_ports;           /* [L:event_lock] buckets * 64 */
    bool dead;                          /* [L:event_lock] torn down */
};

/*
 * Set up d's ports (port 0 reserved) with the 2-level ops. d->shared_info
 * and each vCPU's vcpu_info must exist already. Returns 0 or -ENOMEM.
 * Context: domain creation.
 */
int evtchn_domain_init(struct domain *d);

/*
 * evtchn_domain_close(): d is dying: refuse new ports and close every
 * port (interdomain peers go back to unbound). Must run while d still
 * has a reference (a peer closing its end may domain_get(d) until then).
 * evtchn_domain_free(): close if not done, then free the table; later
 * VIRQs and sends to d are dropped. Both idempotent.
 * Context: IRQs on, no event lock held.
 */
void evtchn_domain_close(struct domain *d);
void evtchn_domain_free(struct domain *d);

/* The event_channel_op hypercall (__HYPERVISOR_event_channel_op). */
long do_event_channel_op(unsigned long cmd, unsigned long arg,
                         unsigned long a3, unsigned long a4,
                         unsigned long a5);

/*
 * Raise a per-vCPU VIRQ (VIRQ_TIMER, VIRQ_DEBUG...) on v, or a global one
 * (VIRQ_CONSOLE...) on d; dropped silently if not bound.
 * Context: any except interrupt handlers.
 */
void evtchn_send_vcpu_virq(struct vcpu *v, uint32_t virq);
void evtchn_send_global_virq(struct domain *d, uint32_t virq);

/* Is a VIRQ bound on v (global ones: on vCPU 0)? Context: any. */
bool evtchn_virq_is_bound(const struct vcpu *v, uint32_t virq);

/*
 * Send on port of d as the guest would (EVTCHNOP_send), e.g. for a
 * hypervisor-served back-end. Returns 0 or -EINVAL (no such bound port).
 */
int evtchn_send(struct domain *d, uint32_t port);

/*
 * Hypervisor-bound ports (ECS_XEN), for back-ends served by the
 * hypervisor itself (the PV console). evtchn_alloc_xen_port(): a new port
 * of d whose sends call fn(d, port) after the event lock is dropped, in
 * the sender's context (hypercall). Returns the port or -ENOSPC/-ENOMEM/
 * -EINVAL (d dying). The guest sees it as interdomain to DOMID_XEN but
 * cannot close it (EVTCHNOP_close -EINVAL, EVTCHNOP_reset leaves it), as
 * on Xen. evtchn_notify_xen_port(): make the port
 * pending for the guest; 0 or -EINVAL (no longer an ECS_XEN port).
 * evtchn_free_xen_port(): close it if it is still ECS_XEN with fn.
 * Context: IRQs on, not in an interrupt handler.
 */
int evtchn_alloc_xen_port(struct domain *d, evtchn_xen_fn_t fn);
int evtchn_notify_xen_port(struct domain *d, uint32_t port);
void evtchn_free_xen_port(struct domain *d, uint32_t port,
                          evtchn_xen_fn_t fn);

/*
 * SCHEDOP_block/poll helpers. evtchn_vcpu_has_upcall(): v has an
 * undelivered 2-level upcall (evtchn_upcall_pending set).
 * evtchn_poll_check(): are any of ports[0..n) pending (mask ignored)?
 * Returns 1 (one is), 0 (none) or -EINVAL (a port >= 4096). Reads the
 * pending bits without the event lock. Context: any.
 */
bool evtchn_vcpu_has_upcall(const struct vcpu *v);
int evtchn_poll_check(struct domain *d, const uint32_t *ports,
                      unsigned int n);

/*
 * A vCPU timer (singleshot or periodic) expired: raise VIRQ_TIMER on v
 * and wake it. Context: timer function (softirq).
 */
void vcpu_timer_expired(struct vcpu *v);

#endif /* __XEN_EVENT_H__ */
