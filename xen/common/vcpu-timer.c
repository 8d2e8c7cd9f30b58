/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a vCPU timer does when it fires: VIRQ_TIMER to the vCPU (if the
 * guest bound it) and a wake-up. The singleshot timer is armed by
 * vcpu-op.c (VCPUOP_set_singleshot_timer, set_timer_op); the periodic
 * one (VCPUOP_set_periodic_timer) lives here. Entry points:
 * vcpu_timer_expired(), vcpu_timers_init/kill(), vcpu_set_periodic_timer().
 *
 * Locking: none of its own. periodic_period/periodic_next are written by
 * the vCPU's own hypercalls and read by the timer function; a racing
 * stop may let one more tick through, which a guest must tolerate anyway.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/sched.h>
#include <xen/sched-api.h>
#include <xen/shared-info.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <public/xen.h>

/* Xen's bounds for VCPUOP_set_periodic_timer. */
#define PERIODIC_MIN_NS     MILLISECS(1)
#define PERIODIC_MAX_NS     ((s_time_t)((uint64_t)~0ULL >> 2))

void vcpu_timer_expired(struct vcpu *v)
{
    evtchn_send_vcpu_virq(v, VIRQ_TIMER);
    vcpu_unblock(v);
}

/* Ticks missed while the pCPU was busy are dropped, not replayed. */
static void periodic_timer_fn(void *data)
{
    struct vcpu *v = data;
    s_time_t period = READ_ONCE(v->periodic_period), now = NOW(), next;

    if ( !period )
        return;
    vcpu_timer_expired(v);
    next = v->periodic_next + period;
    if ( next <= now )
        next = now + period;
    v->periodic_next = next;
    set_timer(&v->periodic_timer, next);
}

void vcpu_timers_init(struct vcpu *v)
{
    v->periodic_period = 0;
    init_timer(&v->periodic_timer, periodic_timer_fn, v, v->processor);
}

void vcpu_timers_kill(struct vcpu *v)
{
    kill_timer(&v->periodic_timer);
}

int vcpu_set_periodic_timer(struct vcpu *v, uint64_t period)
{
    s_time_t now = NOW();

    if ( period && (period < PERIODIC_MIN_NS || period > PERIODIC_MAX_NS) )
        return -EINVAL;
    WRITE_ONCE(v->periodic_period, (s_time_t)period);
    if ( !period )
    {
        stop_timer(&v->periodic_timer);
        return 0;
    }
    v->periodic_next = now + (s_time_t)period;
    migrate_timer(&v->periodic_timer, smp_processor_id());
    set_timer(&v->periodic_timer, v->periodic_next);
    return 0;
}
