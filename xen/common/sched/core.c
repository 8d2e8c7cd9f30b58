/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Policy-independent scheduler core: per-pCPU state (runqueue lock, the
 * running vCPU, slice timer), SCHEDULE_SOFTIRQ, vCPU state changes (wake,
 * sleep, block, yield, pause counts, affinity) and run-state accounting.
 * Which vCPU runs and for how long is the policy's (xen/sched-if.h).
 * Entry points: xen/sched-api.h. Design: docs/hypervisor/scheduler.md.
 *
 * Locking: sched_pcpu.lock, one per pCPU, IRQ-safe, is the runqueue lock
 * of that pCPU. It guards sched_pcpu.curr, the policy's runqueue and the
 * [L:sched] fields of each vCPU with v->processor == that pCPU. Two are
 * taken together only through sched_double_lock() (address order), to
 * change v->processor. Under it we may take the policy's budget lock,
 * timers.lock (set_timer) and console_lock (dumps).
 */
#include <xen/errno.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/sched-api.h>
#include <xen/sched-if.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <asm/system.h>

struct sched_pcpu {
    spinlock_t lock;            /* the runqueue lock of this pCPU */
    struct vcpu *curr;          /* [L:lock] running vCPU, NULL: idle */
    bool requeueing;            /* [V] putting the previous vCPU back */
    struct timer slice_timer;   /* [V] raises SCHEDULE_SOFTIRQ */
};

static DEFINE_PER_CPU(struct sched_pcpu, sched_pcpu);
static const struct sched_policy_ops *ops;      /* [I] */
static cpumask_t sched_cpu_mask;                /* [I] */
static cpumask_t sched_idle_mask;               /* [A] */

/* ---- services for the policy (xen/sched-if.h) ---- */

spinlock_t *sched_lock(unsigned int cpu)
{
    return &per_cpu(sched_pcpu, cpu).lock;
}

void sched_double_lock(unsigned int a, unsigned int b, unsigned long *flags)
{
    spinlock_t *la = sched_lock(a), *lb = sched_lock(b), *t;

    if ( la == lb )
    {
        spin_lock_irqsave(la, *flags);
        return;
    }
    if ( (unsigned long)la > (unsigned long)lb )
    {
        t = la;
        la = lb;
        lb = t;
    }
    spin_lock_irqsave(la, *flags);
    spin_lock(lb);
}

void sched_double_unlock(unsigned int a, unsigned int b, unsigned long flags)
{
    spinlock_t *la = sched_lock(a), *lb = sched_lock(b), *t;

    if ( la == lb )
    {
        spin_unlock_irqrestore(la, flags);
        return;
    }
    if ( (unsigned long)la > (unsigned long)lb )
    {
        t = la;
        la = lb;
        lb = t;
    }
    spin_unlock(lb);
    spin_unlock_irqrestore(la, flags);
}

struct vcpu *sched_curr_locked(unsigned int cpu)
{
    ASSERT(spin_is_locked(sched_lock(cpu)));
    return per_cpu(sched_pcpu, cpu).curr;
}

const cpumask_t *sched_cpus(void)
{
    return &sched_cpu_mask;
}

const cpumask_t *sched_idle_cpus(void)
{
    return &sched_idle_mask;
}

void sched_tickle(unsigned int cpu)
{
    if ( cpu == smp_processor_id() && this_cpu(sched_pcpu).requeueing )
        return;     /* sched_pick_next() is about to pick anyway */
    cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ);
}

/* ---- helpers ---- */

/* Lock the runqueue v is on; returns that pCPU (stable while locked). */
static unsigned int vcpu_lock(const struct vcpu *v, unsigned long *flags)
{
    for ( ; ; )
    {
        unsigned int cpu = READ_ONCE(v->processor);

        spin_lock_irqsave(sched_lock(cpu), *flags);
        if ( likely(cpu == v->processor) )
            return cpu;
        spin_unlock_irqrestore(sched_lock(cpu), *flags);
    }
}

static void vcpu_unlock(unsigned int cpu, unsigned long flags)
{
    spin_unlock_irqrestore(sched_lock(cpu), flags);
}

bool vcpu_runnable(const struct vcpu *v)
{
    return !__atomic_load_n(&v->pause_flags, __ATOMIC_ACQUIRE) &&
           !__atomic_load_n(&v->pause_count, __ATOMIC_ACQUIRE) &&
           !__atomic_load_n(&v->domain->pause_count, __ATOMIC_ACQUIRE);
}

/* The run state of a vCPU that is not runnable. */
static int sleep_state(const struct vcpu *v)
{
    unsigned long f = __atomic_load_n(&v->pause_flags, __ATOMIC_ACQUIRE);

    if ( f & (1UL << VPF_down) )
        return VCPU_RUNSTATE_offline;
    if ( f & ((1UL << VPF_blocked) | (1UL << VPF_blocked_poll)) )
        return VCPU_RUNSTATE_blocked;
    return VCPU_RUNSTATE_offline;       /* paused */
}

static void runstate_change(struct vcpu *v, int state, s_time_t now)
{
    s_time_t delta = now - v->runstate_entry;

    ASSERT(spin_is_locked(sched_lock(v->processor)));
    if ( v->runstate == state )
        return;
    if ( delta > 0 )
        v->runstate_time[v->runstate] += delta;
    v->runstate = state;
    v->runstate_entry = now;
}

static bool cpu_ok_for(const struct vcpu *v, unsigned int cpu)
{
    return cpu < NR_CPUS && cpumask_test_cpu(cpu, &sched_cpu_mask) &&
           cpumask_test_cpu(cpu, &v->hard_affinity);
}

/*
 * Queue v if it is runnable and neither queued nor running, on the pCPU
 * the policy suggests (moving it there under both runqueue locks).
 */
static void vcpu_enqueue(struct vcpu *v, s_time_t now)
{
    unsigned long flags;
    unsigned int old, target;

    for ( ; ; )
    {
        old = READ_ONCE(v->processor);
        target = ops->pick_cpu(v);
        sched_double_lock(old, target, &flags);
        if ( old == v->processor && cpu_ok_for(v, target) )
            break;
        sched_double_unlock(old, target, flags);
    }

    if ( vcpu_runnable(v) && !v->is_running && !ops->is_queued(v) )
    {
        v->processor = target;
        runstate_change(v, VCPU_RUNSTATE_runnable, now);
        ops->wake(v, now);
    }
    sched_double_unlock(old, target, flags);
}

/* ---- the scheduler ---- */

/* prev stops running on this pCPU; requeue it if it may still run. */
static void deschedule(struct sched_pcpu *pc, struct vcpu *prev,
                       s_time_t now)
{
    unsigned long flags;
    bool runnable;

    spin_lock_irqsave(&pc->lock, flags);
    ASSERT(pc->curr == prev);
    ops->context_saved(prev, now);
    pc->curr = NULL;
    runnable = vcpu_runnable(prev);
    runstate_change(prev, runnable ? VCPU_RUNSTATE_runnable
                                   : sleep_state(prev), now);
    /* vcpu_sleep_sync() waiters may go on once this is visible. */
    __atomic_store_n(&prev->is_running, false, __ATOMIC_RELEASE);
    spin_unlock_irqrestore(&pc->lock, flags);

    if ( runnable )
    {
        pc->requeueing = true;
        vcpu_enqueue(prev, now);
        pc->requeueing = false;
    }
}

struct vcpu *sched_pick_next(unsigned int cpu, s_time_t now, s_time_t *slice)
{
    struct sched_pcpu *pc = &per_cpu(sched_pcpu, cpu);
    struct vcpu *prev = pc->curr, *next;
    unsigned long flags;
    s_time_t s = STIME_MAX;

    ASSERT(cpu == smp_processor_id());
    ASSERT(cpumask_test_cpu(cpu, &sched_cpu_mask));

    if ( prev )
        deschedule(pc, prev, now);
    ops->balance(cpu, now);

    spin_lock_irqsave(&pc->lock, flags);
    next = ops->pick_next(cpu, now, &s);
    if ( next )
    {
        ASSERT(next->processor == cpu);
        ASSERT(cpumask_test_cpu(cpu, &next->hard_affinity));
        ASSERT(!next->is_running);
        pc->curr = next;
        __atomic_store_n(&next->is_running, true, __ATOMIC_RELEASE);
        runstate_change(next, VCPU_RUNSTATE_running, now);
        cpumask_clear_cpu(cpu, &sched_idle_mask);
    }
    else
        cpumask_set_cpu(cpu, &sched_idle_mask);
    spin_unlock_irqrestore(&pc->lock, flags);

    if ( s == STIME_MAX )
        stop_timer(&pc->slice_timer);
    else
        set_timer(&pc->slice_timer, now + s);
    *slice = s;
    return next;
}

struct vcpu *sched_current(unsigned int cpu)
{
    return READ_ONCE(per_cpu(sched_pcpu, cpu).curr);
}

static void schedule_softirq(void)
{
    s_time_t slice;

    sched_pick_next(smp_processor_id(), NOW(), &slice);
}

static void slice_timer_fn(void *data)
{
    (void)data;
    raise_softirq(SCHEDULE_SOFTIRQ);
}

/* ---- state changes ---- */

void vcpu_wake(struct vcpu *v)
{
    if ( vcpu_runnable(v) )
        vcpu_enqueue(v, NOW());
}

void vcpu_sleep_nosync(struct vcpu *v)
{
    unsigned long flags;
    unsigned int cpu = vcpu_lock(v, &flags);

    if ( !vcpu_runnable(v) )
    {
        if ( ops->is_queued(v) )
            ops->sleep(v);
        if ( v->is_running )
            cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ);
        else
            runstate_change(v, sleep_state(v), NOW());
    }
    vcpu_unlock(cpu, flags);
}

void vcpu_sleep_sync(struct vcpu *v)
{
    ASSERT(v != sched_current(smp_processor_id()));
    vcpu_sleep_nosync(v);
    while ( __atomic_load_n(&v->is_running, __ATOMIC_ACQUIRE) )
        cpu_relax();
}

void vcpu_block(struct vcpu *v)
{
    set_bit(VPF_blocked, &v->pause_flags);
    vcpu_sleep_nosync(v);
}

void vcpu_unblock(struct vcpu *v)
{
    if ( test_and_clear_bit(VPF_blocked, &v->pause_flags) )
        vcpu_wake(v);
}

void vcpu_yield(struct vcpu *v)
{
    unsigned long flags;
    unsigned int cpu = vcpu_lock(v, &flags);

    ops->yield(v);
    if ( v->is_running )
        cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ);
    vcpu_unlock(cpu, flags);
}

void vcpu_pause_nosync(struct vcpu *v)
{
    __atomic_fetch_add(&v->pause_count, 1, __ATOMIC_SEQ_CST);
    vcpu_sleep_nosync(v);
}

void vcpu_pause(struct vcpu *v)
{
    __atomic_fetch_add(&v->pause_count, 1, __ATOMIC_SEQ_CST);
    vcpu_sleep_sync(v);
}

void vcpu_unpause(struct vcpu *v)
{
    int old = __atomic_fetch_sub(&v->pause_count, 1, __ATOMIC_SEQ_CST);

    ASSERT(old > 0);
    if ( old == 1 )
        vcpu_wake(v);
}

static void domain_pause_common(struct domain *d, bool sync)
{
    unsigned int i;

    __atomic_fetch_add(&d->pause_count, 1, __ATOMIC_SEQ_CST);
    for ( i = 0; i < d->max_vcpus; i++ )
    {
        if ( !d->vcpu[i] )
            continue;
        if ( sync )
            vcpu_sleep_sync(d->vcpu[i]);
        else
            vcpu_sleep_nosync(d->vcpu[i]);
    }
}

void domain_pause(struct domain *d)
{
    domain_pause_common(d, true);
}

void domain_pause_nosync(struct domain *d)
{
    domain_pause_common(d, false);
}

void domain_unpause(struct domain *d)
{
    int old = __atomic_fetch_sub(&d->pause_count, 1, __ATOMIC_SEQ_CST);
    unsigned int i;

    ASSERT(old > 0);
    if ( old != 1 )
        return;
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            vcpu_wake(d->vcpu[i]);
}

int vcpu_set_affinity(struct vcpu *v, const cpumask_t *mask)
{
    unsigned long flags;
    unsigned int cpu;
    bool requeue = false;

    if ( !cpumask_intersects(mask, &sched_cpu_mask) )
        return -EINVAL;

    cpu = vcpu_lock(v, &flags);
    cpumask_copy(&v->hard_affinity, mask);
    if ( !cpumask_test_cpu(cpu, mask) )
    {
        if ( ops->is_queued(v) )
        {
            ops->sleep(v);
            requeue = true;
        }
        else if ( v->is_running )
            cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ); /* requeued there */
    }
    vcpu_unlock(cpu, flags);

    if ( requeue )
        vcpu_enqueue(v, NOW());
    return 0;
}

int sched_adjust(struct domain *d, unsigned int weight, unsigned int cap)
{
    if ( weight > SCHED_MAX_WEIGHT || cap > 100 * d->max_vcpus )
        return -EINVAL;
    return ops->adjust(d, weight, cap);
}

void vcpu_runstate_get(const struct vcpu *v, struct vcpu_runstate_info *r)
{
    unsigned long flags;
    unsigned int cpu = vcpu_lock(v, &flags), i;
    s_time_t delta = NOW() - v->runstate_entry;

    r->state = v->runstate;
    r->state_entry_time = v->runstate_entry;
    for ( i = 0; i < 4; i++ )
        r->time[i] = v->runstate_time[i];
    if ( delta > 0 )
        r->time[v->runstate] += delta;
    vcpu_unlock(cpu, flags);
}

/* ---- life cycle ---- */

int sched_init_domain(struct domain *d)
{
    if ( !d->weight )
        d->weight = SCHED_DEFAULT_WEIGHT;
    if ( d->weight > SCHED_MAX_WEIGHT || d->cap > 100 * d->max_vcpus )
        return -EINVAL;
    return ops->init_domain(d);
}

void sched_destroy_domain(struct domain *d)
{
    if ( d->sched_priv )
        ops->destroy_domain(d);
    d->sched_priv = NULL;
}

int sched_init_vcpu(struct vcpu *v, unsigned int processor)
{
    cpumask_t valid;
    int rc;

    if ( cpumask_empty(&v->hard_affinity) )
        cpumask_copy(&v->hard_affinity, &sched_cpu_mask);
    cpumask_and(&valid, &v->hard_affinity, &sched_cpu_mask);
    if ( cpumask_empty(&valid) )
        return -EINVAL;
    if ( processor >= NR_CPUS || !cpumask_test_cpu(processor, &valid) )
        processor = cpumask_first(&valid);

    v->processor = processor;
    v->is_running = false;
    v->runstate = sleep_state(v);
    v->runstate_entry = NOW();
    memset(v->runstate_time, 0, sizeof(v->runstate_time));
    rc = ops->init_vcpu(v);
    if ( rc )
        return rc;
    vcpu_wake(v);
    return 0;
}

void sched_destroy_vcpu(struct vcpu *v)
{
    unsigned long flags;
    unsigned int cpu;

    if ( !v->sched_priv )
        return;
    cpu = vcpu_lock(v, &flags);
    BUG_ON(v->is_running);      /* freeing a running vCPU corrupts */
    if ( ops->is_queued(v) )
        ops->sleep(v);
    vcpu_unlock(cpu, flags);
    ops->destroy_vcpu(v);
    v->sched_priv = NULL;
}

/* ---- boot and debug ---- */

void sched_dump(void)
{
    unsigned long flags;
    unsigned int cpu;
    struct vcpu *c;

    printk("Scheduler: %s, idle CPUs: %u\n", ops->name,
           cpumask_weight(&sched_idle_mask));
    for_each_cpu ( cpu, &sched_cpu_mask )
    {
        spin_lock_irqsave(sched_lock(cpu), flags);
        c = per_cpu(sched_pcpu, cpu).curr;
        if ( c )
            printk("CPU%u: running d%uv%u\n", cpu, c->domain->domain_id,
                   c->vcpu_id);
        else
            printk("CPU%u: idle\n", cpu);
        ops->dump(cpu);
        spin_unlock_irqrestore(sched_lock(cpu), flags);
    }
}

static void dump_runq_key(unsigned char key)
{
    (void)key;
    sched_dump();
}

int sched_init(void)
{
    unsigned int cpu;
    int rc;

    ops = &sched_credit2_ops;
    for_each_online_cpu ( cpu )
    {
        struct sched_pcpu *pc = &per_cpu(sched_pcpu, cpu);

        spin_lock_init(&pc->lock);
        pc->curr = NULL;
        init_timer(&pc->slice_timer, slice_timer_fn, NULL, cpu);
        rc = ops->init_pcpu(cpu);
        if ( rc )
            return rc;
        cpumask_set_cpu(cpu, &sched_cpu_mask);
        cpumask_set_cpu(cpu, &sched_idle_mask);    /* nothing to run yet */
    }
    open_softirq(SCHEDULE_SOFTIRQ, schedule_softirq);
    register_keyhandler('r', dump_runq_key, "dump scheduler run queues",
                        true);
    printk("Scheduler: %s on %u CPUs\n", ops->name,
           cpumask_weight(&sched_cpu_mask));
    return 0;
}
