/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sched_op hypercall (__HYPERVISOR_sched_op): yield, block, poll and
 * shutdown of the calling vCPU/domain, and remote shutdown for privileged
 * domains. Scheduling itself is common/sched/; the domain life cycle is
 * common/domain.c. Entry point: do_sched_op().
 */
#include <xen/lib.h>
#include <xen/domain.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/sched.h>
#include <xen/sched-api.h>
#include <xen/timer.h>
#include <public/sched.h>

/* Xen's limit on the ports of one SCHEDOP_poll. */
#define SCHED_POLL_MAX_PORTS    128

static long sched_yield(void)
{
    vcpu_yield(current);
    return 0;
}

/*
 * Sleep until an event needs delivery (evtchn_upcall_pending) or a vCPU
 * timer fires. Checking after blocking closes the race with a sender,
 * whose delivery wakes a blocked vCPU.
 */
static long sched_block(void)
{
    struct vcpu *v = current;

    clear_bit(v->vcpu_id, &v->domain->poll_mask);   /* a stale poll */
    vcpu_block(v);
    if ( evtchn_vcpu_has_upcall(v) )
        vcpu_unblock(v);
    return 0;
}

/*
 * SHUTDOWN_* reasons are checked (Xen takes any value and truncates it
 * to 8 bits); an unknown reason is -EINVAL.
 */
static long sched_shutdown(unsigned long arg, bool code_only)
{
    struct sched_shutdown sd;

    if ( copy_from_guest_virt(current, &sd, arg, sizeof(sd)) )
        return -EFAULT;
    if ( sd.reason > SHUTDOWN_MAX )
        return -EINVAL;

    if ( code_only )
        domain_set_shutdown_code(current->domain, sd.reason);
    else
        domain_shutdown(current->domain, sd.reason);
    return 0;
}

/*
 * Block until one of the ports is pending (masked or not), an event
 * needs delivery, or the absolute timeout (ns of system time; 0 = none)
 * passes; spurious wake-ups are allowed. Returns 0 in every such case,
 * as Xen (Linux's PV spinlocks BUG() on anything else). The poll is
 * registered (d->poll_mask, v->poll_port) before the pending check, and
 * senders set the pending bit before reading the mask: no lost wake-up.
 */
static long sched_poll(unsigned long arg)
{
    struct vcpu *v = current;
    struct domain *d = v->domain;
    uint32_t ports[SCHED_POLL_MAX_PORTS];
    struct sched_poll sp;
    long rc;

    if ( copy_from_guest_virt(v, &sp, arg, sizeof(sp)) )
        return -EFAULT;
    if ( sp.nr_ports > SCHED_POLL_MAX_PORTS )
        return -EINVAL;
    if ( copy_from_guest_virt(v, ports, guest_handle_addr(sp.ports),
                              sp.nr_ports * sizeof(ports[0])) )
        return -EFAULT;

    WRITE_ONCE(v->poll_port, sp.nr_ports == 1 ? ports[0] : 0);
    set_bit(v->vcpu_id, &d->poll_mask);
    vcpu_block(v);
    /* Xen's order: an upcall to deliver wins over a bad port. */
    rc = evtchn_vcpu_has_upcall(v) ? 1
                                   : evtchn_poll_check(d, ports, sp.nr_ports);
    if ( rc )
    {
        /* Something pending (rc 1) or a bad port (-EINVAL): no sleep. */
        clear_bit(v->vcpu_id, &d->poll_mask);
        vcpu_unblock(v);
        return rc < 0 ? rc : 0;
    }
    if ( sp.timeout )
        set_timer(&v->poll_timer, sp.timeout);
    return 0;
}

static long sched_remote_shutdown(unsigned long arg)
{
    struct sched_remote_shutdown rs;
    struct domain *d;
    long rc = 0;

    if ( copy_from_guest_virt(current, &rs, arg, sizeof(rs)) )
        return -EFAULT;
    if ( rs.reason > SHUTDOWN_MAX )
        return -EINVAL;

    /* As Xen: an absent domain is -ESRCH even for unprivileged callers. */
    d = domain_get_by_id(rs.domain_id);
    if ( !d )
        return -ESRCH;
    if ( !current->domain->is_privileged )
        rc = -EPERM;
    else
        domain_shutdown(d, rs.reason);
    domain_put(d);
    return rc;
}

/* Pinning to a physical CPU is for the hardware domain, not offered. */
static long sched_pin_override(unsigned long arg)
{
    struct sched_pin_override pin;

    if ( !current->domain->is_privileged )
        return -EPERM;
    if ( copy_from_guest_virt(current, &pin, arg, sizeof(pin)) )
        return -EFAULT;
    return -EOPNOTSUPP;
}

long do_sched_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                 unsigned long a4, unsigned long a5)
{
    /* Xen's cmd is an int: bits 63:32 are ignored. */
    switch ( (unsigned int)cmd )
    {
    case SCHEDOP_yield:
        return sched_yield();
    case SCHEDOP_block:
        return sched_block();
    case SCHEDOP_shutdown:
        return sched_shutdown(arg, false);
    case SCHEDOP_poll:
        return sched_poll(arg);
    case SCHEDOP_remote_shutdown:
        return sched_remote_shutdown(arg);
    case SCHEDOP_shutdown_code:
        return sched_shutdown(arg, true);
    case SCHEDOP_pin_override:
        return sched_pin_override(arg);
    default:
        return -ENOSYS;
    }
}
