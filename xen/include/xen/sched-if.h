/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The interface between the policy-independent scheduler core
 * (common/sched/core.c) and a scheduling policy (common/sched/credit2.c):
 * the const ops table a policy fills, and the core services a policy
 * uses (per-pCPU runqueue locks, what runs where, idle pCPUs, kicks).
 * Only common/sched/ includes this; everyone else uses xen/sched-api.h.
 *
 * Locking: one lock per pCPU ("the runqueue lock of cpu"), owned by the
 * core. It guards that pCPU's runqueue and the [L:sched] fields of every
 * vCPU whose v->processor is that pCPU; changing v->processor needs the
 * locks of both pCPUs (taken with sched_double_lock()).
 */
#ifndef __XEN_SCHED_IF_H__
#define __XEN_SCHED_IF_H__

#include <xen/cpumask.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/types.h>

struct sched_policy_ops {
    const char *name;

    /* Boot: set up cpu's runqueue. Returns 0 or -ENOMEM. */
    int (*init_pcpu)(unsigned int cpu);

    /* Allocate/free d->sched_priv. No lock held. */
    int (*init_domain)(struct domain *d);
    void (*destroy_domain)(struct domain *d);

    /* Allocate/free v->sched_priv; v is neither queued nor running. */
    int (*init_vcpu)(struct vcpu *v);
    void (*destroy_vcpu)(struct vcpu *v);

    /*
     * The pCPU v should queue on: in v->hard_affinity and online. A hint
     * read without locks; the core re-validates it under the locks.
     */
    unsigned int (*pick_cpu)(const struct vcpu *v);

    /*
     * Queue v (runnable, not running, not queued) on the runqueue of
     * v->processor and kick (sched_tickle()) the pCPU that should run
     * it. Caller holds the runqueue lock of v->processor.
     */
    void (*wake)(struct vcpu *v, s_time_t now);

    /* Dequeue v if queued. Caller holds the lock of v->processor. */
    void (*sleep)(struct vcpu *v);

    /* Whether v is on a runqueue. Caller holds the lock of v->processor. */
    bool (*is_queued)(const struct vcpu *v);

    /* v asked to yield. Caller holds the lock of v->processor. */
    void (*yield)(struct vcpu *v);

    /*
     * Dequeue and return the vCPU cpu should run from now on, with its
     * slice in *slice; or NULL, with *slice the time until a queued vCPU
     * becomes eligible (cap budget) or STIME_MAX. Caller holds cpu's lock;
     * nothing runs on cpu.
     */
    struct vcpu *(*pick_next)(unsigned int cpu, s_time_t now,
                              s_time_t *slice);

    /*
     * v stops running on v->processor at now: charge the time since it
     * was picked. Caller holds the lock; the core requeues v afterwards.
     */
    void (*context_saved)(struct vcpu *v, s_time_t now);

    /* Before a pick on cpu: pull work from other runqueues. No lock held. */
    void (*balance)(unsigned int cpu, s_time_t now);

    /* Set weight (0: unchanged) and cap; validated by the core. */
    int (*adjust)(struct domain *d, unsigned int weight, unsigned int cap);

    /* Print cpu's runqueue. Caller holds cpu's lock. */
    void (*dump)(unsigned int cpu);
};

extern const struct sched_policy_ops sched_credit2_ops;

/* The runqueue lock of cpu. */
spinlock_t *sched_lock(unsigned int cpu);

/*
 * Take the runqueue locks of a and b (one lock if a == b), in address
 * order, IRQs off. Undo with sched_double_unlock(a, b, flags).
 */
void sched_double_lock(unsigned int a, unsigned int b, unsigned long *flags);
void sched_double_unlock(unsigned int a, unsigned int b, unsigned long flags);

/* The vCPU running on cpu, NULL if idle. Caller holds cpu's lock. */
struct vcpu *sched_curr_locked(unsigned int cpu);

/* pCPUs with a runqueue ([I] after sched_init()). */
const cpumask_t *sched_cpus(void);

/*
 * pCPUs whose last pick found nothing to run ([A], read without locks:
 * a hint for placement).
 */
const cpumask_t *sched_idle_cpus(void);

/*
 * Ask cpu to run its scheduler soon (SCHEDULE_SOFTIRQ). Skipped when cpu
 * is the caller's pCPU and it is inside sched_pick_next() already.
 */
void sched_tickle(unsigned int cpu);

#endif /* __XEN_SCHED_IF_H__ */
