/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * event_channel_op hypercall (__HYPERVISOR_event_channel_op): copy the
 * argument structure in, run the worker in event_channel.c on the copy,
 * copy the OUT fields back on success (as Xen: a failed copy-out after a
 * successful bind leaves the port bound and returns -EFAULT). The FIFO
 * ABI's operations are -ENOSYS, so Linux stays on 2-level. Entry point:
 * do_event_channel_op().
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/sched.h>
#include <public/event_channel.h>
#include "event_channel.h"

static int copy_in(void *dst, unsigned long arg, size_t len)
{
    return copy_from_guest_virt(current, dst, arg, len);
}

static int copy_back(int rc, unsigned long arg, const void *src, size_t len)
{
    if ( !rc && copy_to_guest_virt(current, arg, src, len) )
        rc = -EFAULT;
    return rc;
}

static long op_alloc_unbound(unsigned long arg)
{
    struct evtchn_alloc_unbound a;

    if ( copy_in(&a, arg, sizeof(a)) )
        return -EFAULT;
    return copy_back(evtchn_alloc_unbound(&a), arg, &a, sizeof(a));
}

static long op_bind_interdomain(unsigned long arg)
{
    struct evtchn_bind_interdomain b;

    if ( copy_in(&b, arg, sizeof(b)) )
        return -EFAULT;
    return copy_back(evtchn_bind_interdomain(&b), arg, &b, sizeof(b));
}

static long op_bind_virq(unsigned long arg)
{
    struct evtchn_bind_virq b;

    if ( copy_in(&b, arg, sizeof(b)) )
        return -EFAULT;
    return copy_back(evtchn_bind_virq(&b), arg, &b, sizeof(b));
}

static long op_bind_ipi(unsigned long arg)
{
    struct evtchn_bind_ipi b;

    if ( copy_in(&b, arg, sizeof(b)) )
        return -EFAULT;
    return copy_back(evtchn_bind_ipi(&b), arg, &b, sizeof(b));
}

/* close, send, unmask: one port, nothing comes back. */
static long op_port(unsigned int cmd, unsigned long arg)
{
    evtchn_port_t port;

    BUILD_BUG_ON(sizeof(struct evtchn_close) != sizeof(port));
    BUILD_BUG_ON(sizeof(struct evtchn_send) != sizeof(port));
    BUILD_BUG_ON(sizeof(struct evtchn_unmask) != sizeof(port));
    if ( copy_in(&port, arg, sizeof(port)) )
        return -EFAULT;
    switch ( cmd )
    {
    case EVTCHNOP_close:
        return evtchn_close_port(current->domain, port);
    case EVTCHNOP_send:
        return evtchn_send(current->domain, port);
    default:
        return evtchn_unmask(port);
    }
}

static long op_status(unsigned long arg)
{
    struct evtchn_status s;

    if ( copy_in(&s, arg, sizeof(s)) )
        return -EFAULT;
    return copy_back(evtchn_status(&s), arg, &s, sizeof(s));
}

static long op_bind_vcpu(unsigned long arg)
{
    struct evtchn_bind_vcpu b;

    if ( copy_in(&b, arg, sizeof(b)) )
        return -EFAULT;
    return evtchn_bind_vcpu(&b);
}

static long op_reset(unsigned long arg)
{
    struct evtchn_reset r;

    if ( copy_in(&r, arg, sizeof(r)) )
        return -EFAULT;
    return evtchn_reset(&r);
}

long do_event_channel_op(unsigned long cmd, unsigned long arg,
                         unsigned long a3, unsigned long a4,
                         unsigned long a5)
{
    (void)a3;
    (void)a4;
    (void)a5;
    /* Xen's cmd is an int: bits 63:32 are ignored. */
    switch ( (unsigned int)cmd )
    {
    case EVTCHNOP_alloc_unbound:
        return op_alloc_unbound(arg);
    case EVTCHNOP_bind_interdomain:
        return op_bind_interdomain(arg);
    case EVTCHNOP_bind_virq:
        return op_bind_virq(arg);
    case EVTCHNOP_bind_ipi:
        return op_bind_ipi(arg);
    case EVTCHNOP_close:
    case EVTCHNOP_send:
    case EVTCHNOP_unmask:
        return op_port((unsigned int)cmd, arg);
    case EVTCHNOP_status:
        return op_status(arg);
    case EVTCHNOP_bind_vcpu:
        return op_bind_vcpu(arg);
    case EVTCHNOP_reset:
    case EVTCHNOP_reset_cont:
        return op_reset(arg);
    case EVTCHNOP_bind_pirq:
        return -EOPNOTSUPP;     /* no physical IRQs for guests (yet) */
    default:
        /* init_control, expand_array, set_priority: FIFO, not built. */
        return -ENOSYS;
    }
}
