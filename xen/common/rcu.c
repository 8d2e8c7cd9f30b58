/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Grace periods and callback queues for RCU (xen/rcu.h). Grace periods are
 * numbered; each is started for the online non-idle CPUs, and every one
 * of them is asked (RCU_SOFTIRQ kick) to report a quiescent state. Each
 * CPU keeps three queues: 'next' (no grace period chosen yet), 'wait'
 * (waiting for grace period 'batch' to complete) and 'done' (ready).
 *
 * Locking:
 *   rcu_ctrl.lock  spinlock, taken with IRQs off. Protects the grace
 *                  period state in rcu_ctrl. Leaf lock (only the softirq
 *                  kick is called under it).
 *   The per-CPU queues are touched by their own CPU only, with IRQs off
 *   (call_rcu() may run from an IRQ handler).
 */
#include <xen/cpumask.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/rcu.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/spinlock.h>
#include <asm/system.h>

struct rcu_queue {
    struct rcu_head *head;
    struct rcu_head **tail;         /* valid only while head != NULL */
};

struct rcu_data {
    struct rcu_queue next;          /* [V] no grace period assigned yet */
    struct rcu_queue wait;          /* [V] waiting for grace period batch */
    struct rcu_queue done;          /* [V] ready to run */
    unsigned long batch;            /* [V] grace period 'wait' needs */
};

static struct {
    spinlock_t lock;
    unsigned long cur;              /* [L] latest grace period started */
    unsigned long completed;        /* [L][A] latest one completed */
    bool next_pending;              /* [L] another one is wanted */
    cpumask_t cpumask;              /* [L] CPUs yet to report for cur */
    cpumask_t idle_cpumask;         /* [L] CPUs between idle enter/exit */
    cpumask_t wait_cpumask;         /* [L] CPUs with a non-empty 'wait' */
} rcu_ctrl = { .lock = SPIN_LOCK_UNLOCKED };

static DEFINE_PER_CPU(struct rcu_data, rcu_data);

static void q_append(struct rcu_queue *q, struct rcu_head *h)
{
    h->next = NULL;
    if ( q->head )
        *q->tail = h;
    else
        q->head = h;
    q->tail = &h->next;
}

/* Move all of src to the end of dst. */
static void q_splice(struct rcu_queue *dst, struct rcu_queue *src)
{
    if ( !src->head )
        return;
    if ( dst->head )
        *dst->tail = src->head;
    else
        dst->head = src->head;
    dst->tail = src->tail;
    src->head = NULL;
}

static bool gp_in_progress(void)
{
    return rcu_ctrl.cur != rcu_ctrl.completed;
}

/* Grace period number a has completed, given completed = c (wrap-safe). */
static bool gp_done(unsigned long a, unsigned long c)
{
    return (long)(a - c) <= 0;
}

static void start_gp(void);

/* Lock held: grace period cur is over. */
static void complete_gp(void)
{
    unsigned int cpu;

    __atomic_store_n(&rcu_ctrl.completed, rcu_ctrl.cur, __ATOMIC_RELEASE);
    /* CPUs with waiting callbacks must come and collect them. */
    for_each_cpu ( cpu, &rcu_ctrl.wait_cpumask )
        cpu_raise_softirq(cpu, RCU_SOFTIRQ);
    if ( rcu_ctrl.next_pending )
        start_gp();
}

/* Lock held, no grace period in progress: start the next one. */
static void start_gp(void)
{
    unsigned int cpu;

    ASSERT(!gp_in_progress());
    rcu_ctrl.next_pending = false;
    rcu_ctrl.cur++;
    cpumask_andnot(&rcu_ctrl.cpumask, &cpu_online_map,
                   &rcu_ctrl.idle_cpumask);
    if ( cpumask_empty(&rcu_ctrl.cpumask) )
    {
        complete_gp();
        return;
    }
    /* Ask every CPU to pass through a quiescent state soon. */
    for_each_cpu ( cpu, &rcu_ctrl.cpumask )
        cpu_raise_softirq(cpu, RCU_SOFTIRQ);
}

/* Lock held: cpu passed a quiescent state. */
static void report_qs(unsigned int cpu)
{
    if ( gp_in_progress() &&
         cpumask_test_and_clear_cpu(cpu, &rcu_ctrl.cpumask) &&
         cpumask_empty(&rcu_ctrl.cpumask) )
        complete_gp();
}

/* Lock held: move cpu's callbacks along as far as they can go. */
static void advance_queues(unsigned int cpu, struct rcu_data *rdp)
{
    if ( rdp->wait.head && gp_done(rdp->batch, rcu_ctrl.completed) )
    {
        q_splice(&rdp->done, &rdp->wait);
        cpumask_clear_cpu(cpu, &rcu_ctrl.wait_cpumask);
    }
    if ( rdp->wait.head || !rdp->next.head )
        return;

    /* Anything queued so far needs a grace period started from now on. */
    q_splice(&rdp->wait, &rdp->next);
    rdp->batch = rcu_ctrl.cur + 1;
    cpumask_set_cpu(cpu, &rcu_ctrl.wait_cpumask);
    if ( gp_in_progress() )
        rcu_ctrl.next_pending = true;
    else
        start_gp();
    /* This CPU is quiescent now, also for the period just started. */
    report_qs(cpu);
    if ( gp_done(rdp->batch, rcu_ctrl.completed) )
    {
        q_splice(&rdp->done, &rdp->wait);
        cpumask_clear_cpu(cpu, &rcu_ctrl.wait_cpumask);
    }
}

void rcu_note_quiescent(unsigned int cpu)
{
    struct rcu_data *rdp = &per_cpu(rcu_data, cpu);
    unsigned long flags;
    bool ready;

    ASSERT(cpu == smp_processor_id());
    flags = local_irq_save();
    /* Order this CPU's finished read sections before the report. */
    smp_mb();
    spin_lock(&rcu_ctrl.lock);
    report_qs(cpu);
    advance_queues(cpu, rdp);
    spin_unlock(&rcu_ctrl.lock);
    ready = rdp->done.head != NULL;
    local_irq_restore(flags);

    if ( ready )
        raise_softirq(RCU_SOFTIRQ);
}

/* Run this CPU's ready callbacks, with IRQs on. */
static void run_done(unsigned int cpu)
{
    struct rcu_data *rdp = &per_cpu(rcu_data, cpu);
    struct rcu_head *h, *next;
    unsigned long flags = local_irq_save();

    h = rdp->done.head;
    rdp->done.head = NULL;
    local_irq_restore(flags);

    for ( ; h; h = next )
    {
        next = h->next;
        h->func(h);
    }
}

static void rcu_softirq_action(void)
{
    unsigned int cpu = smp_processor_id();

    rcu_note_quiescent(cpu);
    run_done(cpu);
}

void call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *head))
{
    unsigned long flags = local_irq_save();

    head->func = func;
    q_append(&this_cpu(rcu_data).next, head);
    local_irq_restore(flags);
    raise_softirq(RCU_SOFTIRQ);
}

struct rcu_sync {
    struct rcu_head head;
    bool done;
};

static void sync_done(struct rcu_head *head)
{
    struct rcu_sync *s = container_of(head, struct rcu_sync, head);

    __atomic_store_n(&s->done, true, __ATOMIC_RELEASE);
}

void synchronize_rcu(void)
{
    struct rcu_sync s = { .done = false };
    unsigned int cpu = smp_processor_id();

    ASSERT(local_irq_is_enabled());
    call_rcu(&s.head, sync_done);
    while ( !__atomic_load_n(&s.done, __ATOMIC_ACQUIRE) )
    {
        rcu_note_quiescent(cpu);
        run_done(cpu);
        cpu_relax();
    }
}

bool rcu_pending(unsigned int cpu)
{
    const struct rcu_data *rdp = &per_cpu(rcu_data, cpu);

    if ( rdp->next.head || rdp->done.head )
        return true;
    if ( rdp->wait.head &&
         gp_done(rdp->batch, __atomic_load_n(&rcu_ctrl.completed,
                                             __ATOMIC_ACQUIRE)) )
        return true;
    return cpumask_test_cpu(cpu, &rcu_ctrl.cpumask);
}

void rcu_check_callbacks(unsigned int cpu)
{
    if ( rcu_pending(cpu) )
        cpu_raise_softirq(cpu, RCU_SOFTIRQ);
}

void rcu_idle_enter(unsigned int cpu)
{
    unsigned long flags;

    ASSERT(cpu == smp_processor_id());
    smp_mb();
    spin_lock_irqsave(&rcu_ctrl.lock, flags);
    cpumask_set_cpu(cpu, &rcu_ctrl.idle_cpumask);
    report_qs(cpu);             /* idle is quiescent */
    spin_unlock_irqrestore(&rcu_ctrl.lock, flags);
}

void rcu_idle_exit(unsigned int cpu)
{
    unsigned long flags;

    ASSERT(cpu == smp_processor_id());
    spin_lock_irqsave(&rcu_ctrl.lock, flags);
    cpumask_clear_cpu(cpu, &rcu_ctrl.idle_cpumask);
    spin_unlock_irqrestore(&rcu_ctrl.lock, flags);
}

void rcu_init(void)
{
    open_softirq(RCU_SOFTIRQ, rcu_softirq_action);
}
