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
 * Sleep until woken. Without event channels (issue 4) only the vCPU's
 * singleshot timer or poll timer wakes it.
 */
static long sched_block(void)
{
    vcpu_block(current);
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
 * Block until one of the ports is pending or the absolute timeout (ns
 * of system time; 0 = none) passes. There are no event channels yet
 * (issue 4), so no port is ever pending and port numbers are only read,
 * not checked; the timeout wakes the vCPU. Xen then returns 0 too.
 */
static long sched_poll(unsigned long arg)
{
    struct vcpu *v = current;
    struct sched_poll sp;
    evtchn_port_t port;
    unsigned int i;

    if ( copy_from_guest_virt(v, &sp, arg, sizeof(sp)) )
        return -EFAULT;
    if ( sp.nr_ports > SCHED_POLL_MAX_PORTS )
        return -EINVAL;
    for ( i = 0; i < sp.nr_ports; i++ )
        if ( copy_from_guest_virt(v, &port, guest_handle_addr(sp.ports) +
                                  i * sizeof(port), sizeof(port)) )
            return -EFAULT;

    vcpu_block(v);
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
