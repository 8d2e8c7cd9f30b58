/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcpu_op and set_timer_op hypercalls: bringing a domain's vCPUs up and
 * down, starting secondary vCPUs from a register state the guest gives
 * (VCPUOP_initialise), run-state snapshots and the per-vCPU singleshot
 * timer. Entry points: do_vcpu_op(), do_set_timer_op().
 *
 * The guest-area registrations and the periodic timer are decoded in
 * vcpu-op-areas.c (event helper, issue 4). A timer firing raises
 * VIRQ_TIMER (vcpu_timer_expired()). Not offered (default -ENOSYS):
 * send_nmi and get_physid.
 */
#include <xen/lib.h>
#include <xen/bitops.h>
#include <xen/domain.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/sched.h>
#include <xen/sched-api.h>
#include <xen/shared-info.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <xen/vcpu-init.h>
#include <public/vcpu.h>

static bool vcpu_is_up(const struct vcpu *v)
{
    return !test_bit(VPF_down, &v->pause_flags);
}

/* As Xen: a vCPU that was never initialised is -EINVAL, not -EEXIST. */
static long vcpu_initialise(struct vcpu *v, unsigned long arg)
{
    struct domain *d = v->domain;
    struct vcpu_hvm_context ctx;
    long rc;

    if ( copy_from_guest_virt(current, &ctx, arg, sizeof(ctx)) )
        return -EFAULT;

    spin_lock(&d->domain_lock);
    if ( arch_vcpu_is_initialised(v) )
        rc = -EEXIST;
    else if ( ctx.pad || (ctx.mode != VCPU_HVM_MODE_32B &&
                          ctx.mode != VCPU_HVM_MODE_64B) )
        rc = -EINVAL;
    else
        rc = arch_vcpu_initialise(v, &ctx);
    spin_unlock(&d->domain_lock);
    return rc;
}

static long vcpu_op_up(struct vcpu *v)
{
    struct domain *d = v->domain;
    bool ok;

    spin_lock(&d->domain_lock);
    ok = arch_vcpu_is_initialised(v);
    if ( ok )
        vcpu_up(v);
    spin_unlock(&d->domain_lock);
    return ok ? 0 : -EINVAL;
}

/* Taking the last vCPU down powers the domain off, as in Xen. */
void vcpu_down(struct vcpu *v)
{
    struct domain *d = v->domain;
    unsigned int i;

    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] != v && vcpu_is_up(d->vcpu[i]) )
            break;
    if ( i == d->max_vcpus )
    {
        domain_shutdown(d, SHUTDOWN_poweroff);
        return;
    }

    if ( !test_and_set_bit(VPF_down, &v->pause_flags) )
        vcpu_sleep_nosync(v);
}

static long vcpu_runstate_info(struct vcpu *v, unsigned long arg)
{
    struct vcpu_runstate_info ri;

    memset(&ri, 0, sizeof(ri));         /* no hypervisor bytes in padding */
    vcpu_runstate_get(v, &ri);
    return copy_to_guest_virt(current, arg, &ri, sizeof(ri));
}

/*
 * Arm v's singleshot timer for absolute system time "when" on this pCPU.
 * A deadline already passed fires at once (its wake-up is done now).
 */
static void singleshot_arm(struct vcpu *v, s_time_t when)
{
    migrate_timer(&v->singleshot_timer, smp_processor_id());
    set_timer(&v->singleshot_timer, when);
}

/*
 * VCPU_SSHOTTMR_future is accepted and ignored, as by Xen 4.17.7 (which
 * stopped returning -ETIME for it because Linux sets it): a deadline in
 * the past fires at once. Other flag bits are -EINVAL (Xen ignores them).
 */
static long vcpu_singleshot(struct vcpu *v, unsigned long arg)
{
    struct vcpu_set_singleshot_timer st;

    /* Only the calling vCPU's own timer, as in Xen. */
    if ( v != current )
        return -EINVAL;
    if ( copy_from_guest_virt(v, &st, arg, sizeof(st)) )
        return -EFAULT;
    if ( st.flags & ~VCPU_SSHOTTMR_future )
        return -EINVAL;

    /* Past deadlines included: set_timer() fires those at once. */
    singleshot_arm(v, (s_time_t)min(st.timeout_abs_ns, (uint64_t)STIME_MAX));
    return 0;
}

static long vcpu_stop_singleshot(struct vcpu *v)
{
    if ( v != current )
        return -EINVAL;
    stop_timer(&v->singleshot_timer);
    return 0;
}

long do_vcpu_op(unsigned long cmd, unsigned long vcpuid, unsigned long arg,
                unsigned long a4, unsigned long a5)
{
    struct domain *d = current->domain;
    struct vcpu *v;

    /* Xen's cmd and vcpuid are 32 bits wide; the id is checked first. */
    if ( (unsigned int)vcpuid >= d->max_vcpus )
        return -ENOENT;
    v = d->vcpu[(unsigned int)vcpuid];

    switch ( (unsigned int)cmd )
    {
    case VCPUOP_initialise:
        return vcpu_initialise(v, arg);
    case VCPUOP_up:
        return vcpu_op_up(v);
    case VCPUOP_down:
        vcpu_down(v);
        return 0;
    case VCPUOP_is_up:
        return vcpu_is_up(v);
    case VCPUOP_get_runstate_info:
        return vcpu_runstate_info(v, arg);
    case VCPUOP_register_runstate_memory_area:
    case VCPUOP_set_periodic_timer:
    case VCPUOP_stop_periodic_timer:
    case VCPUOP_register_vcpu_info:
    case VCPUOP_register_vcpu_time_memory_area:
    case VCPUOP_register_runstate_phys_area:
    case VCPUOP_register_vcpu_time_phys_area:
        return vcpu_op_areas((unsigned int)cmd, v, arg);
    case VCPUOP_set_singleshot_timer:
        return vcpu_singleshot(v, arg);
    case VCPUOP_stop_singleshot_timer:
        return vcpu_stop_singleshot(v);
    default:
        return -ENOSYS;
    }
}

/*
 * One-shot timer at absolute system time "timeout" (ns), 0 to cancel.
 * As in Xen, a negative deadline or one more than 2^50 ns (~13 days)
 * ahead is taken as a guest time-wrap bug and fires in 100 ms instead.
 */
long do_set_timer_op(unsigned long timeout, unsigned long a2,
                     unsigned long a3, unsigned long a4, unsigned long a5)
{
    struct vcpu *v = current;
    s_time_t when = (s_time_t)timeout, now = NOW();

    if ( !timeout )
        stop_timer(&v->singleshot_timer);
    else if ( when < 0 || (when > now && ((uint64_t)(when - now) >> 50)) )
        singleshot_arm(v, now + MILLISECS(100));
    else
        singleshot_arm(v, when);
    return 0;
}
