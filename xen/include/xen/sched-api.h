/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scheduler as the rest of the hypervisor sees it (common/sched/core.c):
 * boot set-up, the domain/vCPU life-cycle hooks, the per-pCPU run-loop
 * entry points, and the state changes (wake, block, pause, yield,
 * affinity, weight/cap) that domain code, hypercalls and event delivery
 * make. The policy behind it is in xen/sched-if.h. Design and locking:
 * docs/hypervisor/scheduler.md.
 */
#ifndef __XEN_SCHED_API_H__
#define __XEN_SCHED_API_H__

#include <xen/cpumask.h>
#include <xen/sched.h>
#include <xen/types.h>
#include <public/vcpu.h>

#define SCHED_DEFAULT_WEIGHT    256
#define SCHED_MAX_WEIGHT        65535

/*
 * Set up a runqueue and a slice timer on every online CPU, register
 * SCHEDULE_SOFTIRQ and debug key 'r'. Call once at boot after timer_init()
 * and SMP bring-up, before the first domain is created. Returns 0 or
 * -ENOMEM.
 */
int sched_init(void);

/*
 * Domain life cycle. sched_init_domain() takes d->weight (0: default 256)
 * and d->cap (0: none) as initial parameters. Returns 0 or -ENOMEM.
 * sched_destroy_domain() after every vCPU was sched_destroy_vcpu()ed.
 * Context: IRQs on, no scheduler lock held.
 */
int sched_init_domain(struct domain *d);
void sched_destroy_domain(struct domain *d);

/*
 * vCPU life cycle. sched_init_vcpu(): after sched_init_domain(); v's
 * pause_flags/pause_count say whether it may run (create it with VPF_down
 * or paused); an empty v->hard_affinity means "all CPUs"; processor is
 * the pCPU it first queues on (moved into the affinity if needed).
 * Returns 0, -EINVAL (affinity has no online CPU) or -ENOMEM.
 * sched_destroy_vcpu(): v must not run (domain paused or dying and
 * vcpu_sleep_sync()ed); removes it from every queue and frees its state.
 */
int sched_init_vcpu(struct vcpu *v, unsigned int processor);
void sched_destroy_vcpu(struct vcpu *v);

/*
 * The scheduler proper: deschedule the vCPU now running on cpu (if any),
 * pick what runs next and arm cpu's slice timer for now + *slice.
 * Returns the vCPU to run, or NULL if cpu should halt (*slice is then
 * STIME_MAX, or the time until a capped vCPU gets budget back).
 * It runs as the SCHEDULE_SOFTIRQ handler; call it directly only in tests.
 * Context: cpu == smp_processor_id(), IRQs on, no lock held.
 */
struct vcpu *sched_pick_next(unsigned int cpu, s_time_t now, s_time_t *slice);

/*
 * What cpu runs now (the last sched_pick_next() result), NULL: idle.
 * The per-pCPU loop: for ( ;; ) { do_softirq(); v = sched_current(cpu);
 * run v until softirq_pending(cpu), or halt if v is NULL }.
 * Context: any; a snapshot unless called on cpu itself.
 */
struct vcpu *sched_current(unsigned int cpu);

/* Whether v may be queued: no pause_flags, no vCPU or domain pause. */
bool vcpu_runnable(const struct vcpu *v);

/*
 * Make v runnable again if nothing else keeps it off: queue it and kick
 * the pCPU that should run it (preempting a vCPU with less credit).
 * No-op if v runs, is queued, or is not vcpu_runnable(). Context: any.
 */
void vcpu_wake(struct vcpu *v);

/*
 * After setting a pause flag or count: take v off its queue and, if it
 * runs, kick its pCPU so it stops soon. _sync also waits until v no
 * longer runs (it must not be the vCPU running on this pCPU).
 * Context: any (_nosync); IRQs on, no lock held (_sync).
 */
void vcpu_sleep_nosync(struct vcpu *v);
void vcpu_sleep_sync(struct vcpu *v);

/*
 * SCHEDOP_block / HLT: set VPF_blocked and deschedule v at the next
 * SCHEDULE_SOFTIRQ. The caller then checks for pending events and calls
 * vcpu_unblock(v) if there is one (closing the race with a sender).
 * vcpu_unblock(): clear VPF_blocked and wake v if it was set; this is what
 * event delivery and vCPU timers call. Context: any.
 */
void vcpu_block(struct vcpu *v);
void vcpu_unblock(struct vcpu *v);

/* SCHEDOP_yield: let another runnable vCPU on v's pCPU run first. */
void vcpu_yield(struct vcpu *v);

/*
 * Pause counts: a vCPU runs only while v->pause_count and
 * v->domain->pause_count are both 0. vcpu_pause()/domain_pause() return
 * once the vCPU(s) no longer run (never call them for a vCPU of the
 * caller's own pCPU); the _nosync forms only request it. Every pause is
 * undone by one unpause; the last one wakes the vCPU(s).
 * Context: IRQs on, no lock held (sync forms); any (the others).
 */
void vcpu_pause(struct vcpu *v);
void vcpu_pause_nosync(struct vcpu *v);
void vcpu_unpause(struct vcpu *v);
void domain_pause(struct domain *d);
void domain_pause_nosync(struct domain *d);
void domain_unpause(struct domain *d);

/*
 * Set v's hard affinity; a queued or running v moves off CPUs no longer
 * in it. Returns 0, or -EINVAL if mask holds no online scheduler CPU.
 * Context: IRQs on, no lock held.
 */
int vcpu_set_affinity(struct vcpu *v, const cpumask_t *mask);

/*
 * Domain parameters: weight 1..65535 (0: leave as is); cap in percent of
 * one pCPU, 0 = uncapped, at most 100 * d->max_vcpus. Also updates
 * d->weight and d->cap. Returns 0 or -EINVAL. Context: IRQs on.
 */
int sched_adjust(struct domain *d, unsigned int weight, unsigned int cap);

/*
 * Snapshot of v's run-state accounting at NOW() (VCPUOP_get_runstate_info);
 * time[] includes the current state's time so far. Context: any.
 */
void vcpu_runstate_get(const struct vcpu *v, struct vcpu_runstate_info *r);

/* Print every pCPU's runqueue (debug key 'r'). Context: any. */
void sched_dump(void);

#endif /* __XEN_SCHED_API_H__ */
