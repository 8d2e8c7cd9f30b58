/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels: each domain's ports (allocated in buckets of 64, up to
 * the 2-level limit of 4096; port 0 is reserved), their states and
 * bindings and the event_channel_op workers. How "pending" reaches guest memory is d->evtchn->ops
 * (event_2l.c); the hypercall's decoding is event_channel_op.c, which
 * calls the workers here; VIRQs and poll checks are event_virq.c's.
 * Entry points: evtchn_send(), evtchn_domain_init/close/free().
 * Design: docs/hypervisor/event-channels.md.
 *
 * Locking: d->event_lock, a spinlock always taken with IRQs off (so that
 * a VIRQ may be raised from any non-interrupt context), guards d's port
 * table, every port's state and binding, the vCPUs' virq_to_port[] and
 * v->vcpu_info switches. Operations on both ends of an interdomain
 * channel hold both domains' locks, taken in address order by
 * event_lock_pair(). A connected interdomain port pins its peer: the
 * peer's teardown must close the pair under both locks first, so a
 * struct domain read from a port under its owner's lock may be
 * domain_get()ed. Under the lock: the port ops, vcpu_unblock(), timers,
 * xmalloc. Never a guest copy or the p2m lock (copies happen before and
 * after, on local structures).
 */
#include <xen/lib.h>
#include <xen/bitops.h>
#include <xen/domain.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/guest_access.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/xmalloc.h>
#include <public/event_channel.h>
#include "event_channel.h"
#include <public/xen.h>

static unsigned long event_lock_pair(struct domain *a, struct domain *b)
{
    unsigned long flags;

    if ( !b || a == b )
    {
        spin_lock_irqsave(&a->event_lock, flags);
        return flags;
    }
    spin_lock_irqsave(&(a < b ? a : b)->event_lock, flags);
    spin_lock(&(a < b ? b : a)->event_lock);
    return flags;
}

static void event_unlock_pair(struct domain *a, struct domain *b,
                              unsigned long flags)
{
    if ( b && a != b )
        spin_unlock(&b->event_lock);
    spin_unlock_irqrestore(&a->event_lock, flags);
}

/* Lowest free port, adding a bucket if all are taken. Caller locks d. */
static int get_free_port(struct domain *d)
{
    struct evtchn_domain *ed = d->evtchn;
    struct evtchn *b;
    uint32_t port, i;

    ASSERT(spin_is_locked(&d->event_lock));
    if ( ed->dead )
        return -EINVAL;
    for ( port = 0; port < ed->valid_ports; port++ )
        if ( evtchn_from_port(d, port)->state == ECS_FREE )
            return port;
    if ( ed->valid_ports >= EVTCHN_2L_NR_CHANNELS )
        return -ENOSPC;
    b = xzalloc_array(struct evtchn, EVTCHNS_PER_BUCKET);
    if ( !b )
        return -ENOMEM;
    for ( i = 0; i < EVTCHNS_PER_BUCKET; i++ )
        b[i].port = port + i;
    ed->bucket[port / EVTCHNS_PER_BUCKET] = b;
    ed->valid_ports += EVTCHNS_PER_BUCKET;
    return port;
}

/* Back to free: not pending any more, notifications to vCPU 0 (Xen). */
static void free_port(struct domain *d, struct evtchn *chn)
{
    d->evtchn->ops->clear_pending(d, chn);
    chn->state = ECS_FREE;
    chn->notify_vcpu_id = 0;
}


int evtchn_alloc_unbound(struct evtchn_alloc_unbound *a)
{
    struct domain *d;
    unsigned long flags;
    int rc = 0, port;

    d = domain_get_for_caller(a->dom, &rc);
    if ( !d )
        return rc;
    spin_lock_irqsave(&d->event_lock, flags);
    port = get_free_port(d);
    if ( port >= 0 )
    {
        struct evtchn *chn = evtchn_from_port(d, port);

        chn->state = ECS_UNBOUND;
        chn->u.unbound.remote_domid = a->remote_dom == DOMID_SELF ?
                                      current->domain->domain_id :
                                      a->remote_dom;
        a->port = port;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    domain_put(d);
    return port < 0 ? port : 0;
}

/* Caller holds both locks; lport is free, rport checked. */
static void connect(struct domain *ld, struct evtchn *lchn,
                    struct domain *rd, struct evtchn *rchn)
{
    lchn->state = ECS_INTERDOMAIN;
    lchn->u.interdomain.remote_dom = rd;
    lchn->u.interdomain.remote_port = rchn->port;
    rchn->state = ECS_INTERDOMAIN;
    rchn->u.interdomain.remote_dom = ld;
    rchn->u.interdomain.remote_port = lchn->port;
    /* Sends on the unbound remote end were dropped: say so, as Xen. */
    ld->evtchn->ops->set_pending(ld->vcpu[lchn->notify_vcpu_id], lchn);
}

int evtchn_bind_interdomain(struct evtchn_bind_interdomain *b)
{
    struct domain *ld = current->domain, *rd;
    struct evtchn *rchn;
    unsigned long flags;
    int lport;

    if ( b->remote_dom == DOMID_SELF || b->remote_dom == ld->domain_id )
    {
        rd = ld;
        domain_get(rd);
    }
    else if ( !(rd = domain_get_by_id(b->remote_dom)) )
        return -ESRCH;

    flags = event_lock_pair(ld, rd);
    lport = get_free_port(ld);
    if ( lport < 0 )
        goto out;
    rchn = port_is_valid(rd, b->remote_port) ?
           evtchn_from_port(rd, b->remote_port) : NULL;
    /* rchn == the new local port (a loop to itself) is still free: fails. */
    if ( !rchn || rchn->state != ECS_UNBOUND ||
         rchn->u.unbound.remote_domid != ld->domain_id )
    {
        lport = -EINVAL;
        goto out;
    }
    connect(ld, evtchn_from_port(ld, lport), rd, rchn);
    b->local_port = lport;
 out:
    event_unlock_pair(ld, rd, flags);
    domain_put(rd);
    return lport < 0 ? lport : 0;
}

int evtchn_bind_virq(struct evtchn_bind_virq *b)
{
    struct domain *d = current->domain;
    struct evtchn *chn;
    unsigned long flags;
    struct vcpu *v;
    int port;

    if ( b->virq >= NR_VIRQS )
        return -EINVAL;
    if ( virq_is_global(b->virq) && b->vcpu != 0 )
        return -EINVAL;
    if ( b->vcpu >= d->max_vcpus )
        return -ENOENT;
    v = d->vcpu[b->vcpu];

    spin_lock_irqsave(&d->event_lock, flags);
    port = v->virq_to_port[b->virq] ? -EEXIST : get_free_port(d);
    if ( port >= 0 )
    {
        chn = evtchn_from_port(d, port);
        chn->state = ECS_VIRQ;
        chn->notify_vcpu_id = b->vcpu;
        chn->u.virq = b->virq;
        v->virq_to_port[b->virq] = b->port = port;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return port < 0 ? port : 0;
}

int evtchn_bind_ipi(struct evtchn_bind_ipi *b)
{
    struct domain *d = current->domain;
    struct evtchn *chn;
    unsigned long flags;
    int port;

    if ( b->vcpu >= d->max_vcpus )
        return -ENOENT;
    spin_lock_irqsave(&d->event_lock, flags);
    port = get_free_port(d);
    if ( port >= 0 )
    {
        chn = evtchn_from_port(d, port);
        chn->state = ECS_IPI;
        chn->notify_vcpu_id = b->vcpu;
        b->port = port;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return port < 0 ? port : 0;
}

/*
 * Close port of d1 with d1 (and, for an interdomain port, peer d2 != NULL)
 * locked. Returns -EAGAIN with *want = the peer (referenced) if d2 is not
 * the locked peer; the caller then locks both and retries. A port bound
 * to the hypervisor (its PV console) is not the guest's to close:
 * -EINVAL, as on Xen.
 */
static int close_locked(struct domain *d1, uint32_t port, struct domain *d2,
                        struct domain **want)
{
    struct evtchn *chn, *rchn;
    struct vcpu *v;

    if ( !port_is_valid(d1, port) )
        return -EINVAL;
    chn = evtchn_from_port(d1, port);
    switch ( chn->state )
    {
    case ECS_UNBOUND:
    case ECS_IPI:
        break;
    case ECS_XEN:
        return -EINVAL;     /* evtchn_free_xen_port() is the way */
    case ECS_VIRQ:
        v = virq_is_global(chn->u.virq) ? d1->vcpu[0]
                                        : d1->vcpu[chn->notify_vcpu_id];
        if ( v->virq_to_port[chn->u.virq] == port )
            v->virq_to_port[chn->u.virq] = 0;
        break;
    case ECS_INTERDOMAIN:
        if ( chn->u.interdomain.remote_dom != d1 &&
             chn->u.interdomain.remote_dom != d2 )
        {
            *want = chn->u.interdomain.remote_dom;
            domain_get(*want);
            return -EAGAIN;
        }
        rchn = evtchn_from_port(chn->u.interdomain.remote_dom,
                                chn->u.interdomain.remote_port);
        rchn->state = ECS_UNBOUND;      /* the peer may bind again */
        rchn->u.unbound.remote_domid = d1->domain_id;
        break;
    default:                            /* free, reserved (port 0), pirq */
        return -EINVAL;
    }
    free_port(d1, chn);
    return 0;
}

int evtchn_close_port(struct domain *d, uint32_t port)
{
    struct domain *peer = NULL, *want = NULL;
    unsigned long flags;
    int rc;

    for ( ;; )
    {
        flags = event_lock_pair(d, peer);
        rc = close_locked(d, port, peer, &want);
        event_unlock_pair(d, peer, flags);
        if ( peer )
            domain_put(peer);
        if ( rc != -EAGAIN )
            return rc;
        peer = want;            /* a reference from close_locked() */
    }
}

/*
 * The send path: as close_locked(), -EAGAIN asks for the peer's lock. A
 * hypervisor-bound port returns its handler in *xen_fn, to be called
 * once the lock is dropped.
 */
static int send_locked(struct domain *ld, uint32_t lport, struct domain *rd,
                       struct domain **want, evtchn_xen_fn_t *xen_fn)
{
    const struct evtchn *lchn;
    struct evtchn *rchn;
    struct domain *peer;

    if ( !port_is_valid(ld, lport) )
        return -EINVAL;
    lchn = evtchn_from_port(ld, lport);
    switch ( lchn->state )
    {
    case ECS_INTERDOMAIN:
        peer = lchn->u.interdomain.remote_dom;
        if ( peer != ld && peer != rd )
        {
            *want = peer;
            domain_get(peer);
            return -EAGAIN;
        }
        rchn = evtchn_from_port(peer, lchn->u.interdomain.remote_port);
        peer->evtchn->ops->set_pending(peer->vcpu[rchn->notify_vcpu_id],
                                       rchn);
        return 0;
    case ECS_IPI:
        ld->evtchn->ops->set_pending(ld->vcpu[lchn->notify_vcpu_id],
                                     (struct evtchn *)lchn);
        return 0;
    case ECS_UNBOUND:
        return 0;               /* nobody listens yet: dropped, as Xen */
    case ECS_XEN:
        *xen_fn = lchn->u.xen.fn;
        return 0;
    default:
        return -EINVAL;
    }
}

int evtchn_send(struct domain *d, uint32_t port)
{
    struct domain *peer = NULL, *want = NULL;
    evtchn_xen_fn_t xen_fn = NULL;
    unsigned long flags;
    int rc;

    for ( ;; )
    {
        flags = event_lock_pair(d, peer);
        rc = send_locked(d, port, peer, &want, &xen_fn);
        event_unlock_pair(d, peer, flags);
        if ( peer )
            domain_put(peer);
        if ( rc != -EAGAIN )
            break;
        peer = want;
    }
    if ( xen_fn )
        xen_fn(d, port);
    return rc;
}

int evtchn_alloc_xen_port(struct domain *d, evtchn_xen_fn_t fn)
{
    unsigned long flags;
    int port = -EINVAL;

    spin_lock_irqsave(&d->event_lock, flags);
    if ( d->evtchn )
        port = get_free_port(d);
    if ( port >= 0 )
    {
        struct evtchn *chn = evtchn_from_port(d, port);

        chn->state = ECS_XEN;
        chn->u.xen.fn = fn;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return port;
}

/* The port of d if it is still hypervisor-bound (to fn, if not NULL). */
static struct evtchn *xen_port(struct domain *d, uint32_t port,
                               evtchn_xen_fn_t fn)
{
    struct evtchn *chn;

    if ( !port_is_valid(d, port) )
        return NULL;
    chn = evtchn_from_port(d, port);
    if ( chn->state != ECS_XEN || (fn && chn->u.xen.fn != fn) )
        return NULL;
    return chn;
}

int evtchn_notify_xen_port(struct domain *d, uint32_t port)
{
    struct evtchn *chn;
    unsigned long flags;
    int rc = -EINVAL;

    spin_lock_irqsave(&d->event_lock, flags);
    chn = xen_port(d, port, NULL);
    if ( chn )
    {
        d->evtchn->ops->set_pending(d->vcpu[chn->notify_vcpu_id], chn);
        rc = 0;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

void evtchn_free_xen_port(struct domain *d, uint32_t port,
                          evtchn_xen_fn_t fn)
{
    struct evtchn *chn;
    unsigned long flags;

    spin_lock_irqsave(&d->event_lock, flags);
    chn = xen_port(d, port, fn);
    if ( chn )
        free_port(d, chn);
    spin_unlock_irqrestore(&d->event_lock, flags);
}

int evtchn_status(struct evtchn_status *s)
{
    const struct evtchn *chn;
    struct domain *d;
    unsigned long flags;
    int rc = 0;

    d = domain_get_for_caller(s->dom, &rc);
    if ( !d )
        return rc;
    memset(&s->status, 0, sizeof(*s) - offsetof(struct evtchn_status,
                                                  status));
    spin_lock_irqsave(&d->event_lock, flags);
    if ( !port_is_valid(d, s->port) )
    {
        rc = -EINVAL;
        goto out;
    }
    chn = evtchn_from_port(d, s->port);
    switch ( chn->state )
    {
    case ECS_UNBOUND:
        s->status = EVTCHNSTAT_unbound;
        s->u.unbound.dom = chn->u.unbound.remote_domid;
        break;
    case ECS_INTERDOMAIN:
        s->status = EVTCHNSTAT_interdomain;
        s->u.interdomain.dom = chn->u.interdomain.remote_dom->domain_id;
        s->u.interdomain.port = chn->u.interdomain.remote_port;
        break;
    case ECS_VIRQ:
        s->status = EVTCHNSTAT_virq;
        s->u.virq = chn->u.virq;
        break;
    case ECS_IPI:
        s->status = EVTCHNSTAT_ipi;
        break;
    case ECS_XEN:
        s->status = EVTCHNSTAT_interdomain;
        s->u.interdomain.dom = DOMID_XEN;
        s->u.interdomain.port = 0;
        break;
    default:
        s->status = EVTCHNSTAT_closed;
        break;
    }
    s->vcpu = chn->notify_vcpu_id;
 out:
    spin_unlock_irqrestore(&d->event_lock, flags);
    domain_put(d);
    return rc;
}

/*
 * Notifications go to the new vCPU from now on; an event already
 * pending stays where it was flagged (Linux masks, rebinds, unmasks:
 * the unmask re-delivers to the new vCPU).
 */
int evtchn_bind_vcpu(const struct evtchn_bind_vcpu *b)
{
    struct domain *d = current->domain;
    struct evtchn *chn;
    unsigned long flags;
    int rc = 0;

    if ( b->vcpu >= d->max_vcpus )
        return -ENOENT;
    spin_lock_irqsave(&d->event_lock, flags);
    if ( !port_is_valid(d, b->port) )
    {
        rc = -EINVAL;
        goto out;
    }
    chn = evtchn_from_port(d, b->port);
    switch ( chn->state )
    {
    case ECS_VIRQ:
        if ( !virq_is_global(chn->u.virq) )
        {
            rc = -EINVAL;
            break;
        }
        /* fall through */
    case ECS_UNBOUND:
    case ECS_INTERDOMAIN:
    case ECS_XEN:
        chn->notify_vcpu_id = b->vcpu;
        break;
    default:
        rc = -EINVAL;
        break;
    }
 out:
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

int evtchn_unmask(uint32_t port)
{
    struct domain *d = current->domain;
    unsigned long flags;
    int rc = -EINVAL;

    spin_lock_irqsave(&d->event_lock, flags);
    if ( port_is_valid(d, port) )
    {
        d->evtchn->ops->unmask(d, evtchn_from_port(d, port));
        rc = 0;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

/*
 * Close every port but 0 and those bound to the hypervisor (-EINVAL from
 * close_locked()); pending bits of closed ports are cleared.
 */
static void close_all(struct domain *d)
{
    uint32_t port, n = READ_ONCE(d->evtchn->valid_ports);

    for ( port = 1; port < n; port++ )
        (void)evtchn_close_port(d, port);
}

/* As Xen 4.17: another domain must be paused for its reset. */
int evtchn_reset(const struct evtchn_reset *r)
{
    struct domain *d;
    int rc = 0;

    d = domain_get_for_caller(r->dom, &rc);
    if ( !d )
        return rc;
    if ( d != current->domain && !READ_ONCE(d->pause_count) )
        rc = -EINVAL;
    else
        close_all(d);
    domain_put(d);
    return rc;
}

int evtchn_domain_init(struct domain *d)
{
    struct evtchn_domain *ed = xzalloc(struct evtchn_domain);
    unsigned long flags;
    int port;

    BUILD_BUG_ON(sizeof(xen_ulong_t) != sizeof(unsigned long));
    if ( !ed )
        return -ENOMEM;
    ed->ops = &evtchn_port_ops_2l;
    d->evtchn = ed;
    spin_lock_irqsave(&d->event_lock, flags);
    port = get_free_port(d);
    if ( port == 0 )
        evtchn_from_port(d, 0)->state = ECS_RESERVED;
    spin_unlock_irqrestore(&d->event_lock, flags);
    if ( port == 0 )
        return 0;
    xfree(ed);
    d->evtchn = NULL;
    return -ENOMEM;
}

void evtchn_domain_close(struct domain *d)
{
    unsigned long flags;

    if ( !d->evtchn )
        return;
    spin_lock_irqsave(&d->event_lock, flags);
    d->evtchn->dead = true;     /* no new ports from here on */
    spin_unlock_irqrestore(&d->event_lock, flags);
    close_all(d);               /* peers go back to unbound */
}

void evtchn_domain_free(struct domain *d)
{
    struct evtchn_domain *ed = d->evtchn;
    unsigned long flags;
    unsigned int i;

    if ( !ed )
        return;
    evtchn_domain_close(d);
    /* A vCPU timer may still fire: senders see NULL under the lock. */
    spin_lock_irqsave(&d->event_lock, flags);
    d->evtchn = NULL;
    spin_unlock_irqrestore(&d->event_lock, flags);
    for ( i = 0; i < EVTCHN_MAX_BUCKETS; i++ )
        xfree(ed->bucket[i]);
    xfree(ed);
}
