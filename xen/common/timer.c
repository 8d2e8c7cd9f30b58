/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Software timers (xen/timer.h): a min-heap of pending timers per CPU,
 * ordered by expiry, run from TIMER_SOFTIRQ, which then arms the CPU's
 * one-shot hardware timer through reprogram_timer() (xen/time.h).
 *
 * The heap array is grown only from the softirq, with IRQs on and no lock
 * held (xmalloc_array). A timer set while its CPU's heap is full goes to a
 * short overflow list and raises TIMER_SOFTIRQ, which grows the heap and
 * moves the list in; if the allocation fails the list is simply kept and
 * scanned linearly. So set_timer() never allocates and never fails.
 *
 * Locking:
 *   timers.lock   spinlock, IRQ-safe, one per CPU. Protects that CPU's
 *                 heap, overflow list and the [L] fields of the timers in
 *                 them. Leaf lock except for the softirq kick; two are
 *                 taken together only by migrate_timer(), in increasing
 *                 CPU order. Never held while a timer function runs.
 */
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <xen/xmalloc.h>
#include <asm/system.h>

#define HEAP_MIN_LIMIT  64

struct timers {
    spinlock_t lock;
    struct timer **heap;            /* [L] heap[0] expires first */
    unsigned int heap_size;         /* [L] entries in use */
    unsigned int heap_limit;        /* [L] entries allocated */
    struct timer *list;             /* [L] overflow list, unordered */
    struct timer *running;          /* [A] timer whose function runs */
};

static DEFINE_PER_CPU(struct timers, timers);

/* ---- heap primitives (caller holds the lock) ---- */

static void heap_set(struct timers *ts, unsigned int i, struct timer *t)
{
    ts->heap[i] = t;
    t->heap_offset = i;
}

static void sift_up(struct timers *ts, unsigned int i)
{
    struct timer *t = ts->heap[i];

    while ( i > 0 && ts->heap[(i - 1) / 2]->expires > t->expires )
    {
        heap_set(ts, i, ts->heap[(i - 1) / 2]);
        i = (i - 1) / 2;
    }
    heap_set(ts, i, t);
}

static void sift_down(struct timers *ts, unsigned int i)
{
    struct timer *t = ts->heap[i];
    unsigned int c;

    while ( (c = 2 * i + 1) < ts->heap_size )
    {
        if ( c + 1 < ts->heap_size &&
             ts->heap[c + 1]->expires < ts->heap[c]->expires )
            c++;
        if ( ts->heap[c]->expires >= t->expires )
            break;
        heap_set(ts, i, ts->heap[c]);
        i = c;
    }
    heap_set(ts, i, t);
}

static void heap_remove(struct timers *ts, struct timer *t)
{
    unsigned int i = t->heap_offset;
    struct timer *last = ts->heap[--ts->heap_size];

    ASSERT(i <= ts->heap_size && ts->heap[i] == t);
    if ( last == t )
        return;
    heap_set(ts, i, last);
    if ( i > 0 && ts->heap[(i - 1) / 2]->expires > last->expires )
        sift_up(ts, i);
    else
        sift_down(ts, i);
}

static void list_remove(struct timers *ts, struct timer *t)
{
    struct timer **pp = &ts->list;

    while ( *pp != t )
    {
        ASSERT(*pp);
        pp = &(*pp)->list_next;
    }
    *pp = t->list_next;
    t->list_next = NULL;
}

static void remove_entry(struct timers *ts, struct timer *t)
{
    if ( t->status == TIMER_STATUS_in_heap )
        heap_remove(ts, t);
    else if ( t->status == TIMER_STATUS_in_list )
        list_remove(ts, t);
    t->status = TIMER_STATUS_inactive;
}

/* Returns true if the CPU's softirq must look at its timers again. */
static bool add_entry(struct timers *ts, struct timer *t)
{
    ASSERT(t->status == TIMER_STATUS_inactive);
    if ( ts->heap_size < ts->heap_limit )
    {
        t->status = TIMER_STATUS_in_heap;
        heap_set(ts, ts->heap_size++, t);
        sift_up(ts, t->heap_offset);
        return t->heap_offset == 0;
    }
    /* Heap full: the softirq will grow it. */
    t->status = TIMER_STATUS_in_list;
    t->list_next = ts->list;
    ts->list = t;
    return true;
}

/* ---- locking a timer's CPU ---- */

static struct timers *timer_lock(struct timer *t, unsigned long *flags)
{
    for ( ; ; )
    {
        unsigned int cpu = __atomic_load_n(&t->cpu, __ATOMIC_ACQUIRE);
        struct timers *ts = &per_cpu(timers, cpu);

        spin_lock_irqsave(&ts->lock, *flags);
        if ( likely(t->cpu == cpu) )
            return ts;
        /* Migrated meanwhile. */
        spin_unlock_irqrestore(&ts->lock, *flags);
    }
}

static void timer_unlock(struct timers *ts, unsigned long flags)
{
    spin_unlock_irqrestore(&ts->lock, flags);
}

static bool is_pending(const struct timer *t)
{
    return t->status == TIMER_STATUS_in_heap ||
           t->status == TIMER_STATUS_in_list;
}

/* ---- public API ---- */

void init_timer(struct timer *t, void (*fn)(void *data), void *data,
                unsigned int cpu)
{
    ASSERT(cpu < NR_CPUS);
    memset(t, 0, sizeof(*t));
    t->function = fn;
    t->data = data;
    t->cpu = cpu;
    t->status = TIMER_STATUS_inactive;
}

void set_timer(struct timer *t, s_time_t expires)
{
    unsigned long flags;
    struct timers *ts = timer_lock(t, &flags);
    bool kick;

    ASSERT(t->status != TIMER_STATUS_invalid);
    if ( t->status == TIMER_STATUS_killed )
    {
        timer_unlock(ts, flags);
        return;
    }
    remove_entry(ts, t);
    t->expires = expires;
    kick = add_entry(ts, t);
    if ( kick )
        cpu_raise_softirq(t->cpu, TIMER_SOFTIRQ);
    timer_unlock(ts, flags);
}

void stop_timer(struct timer *t)
{
    unsigned long flags;
    struct timers *ts = timer_lock(t, &flags);

    /* The hardware timer may still fire early: that is harmless. */
    if ( is_pending(t) )
        remove_entry(ts, t);
    timer_unlock(ts, flags);
}

void kill_timer(struct timer *t)
{
    unsigned long flags;
    struct timers *ts = timer_lock(t, &flags);
    unsigned int cpu;

    ASSERT(t->status != TIMER_STATUS_invalid);
    if ( is_pending(t) )
        remove_entry(ts, t);
    t->status = TIMER_STATUS_killed;
    timer_unlock(ts, flags);

    /* Wait out a concurrent run of the function (not our own caller). */
    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
    {
        if ( cpu == smp_processor_id() )
            continue;
        while ( __atomic_load_n(&per_cpu(timers, cpu).running,
                                __ATOMIC_ACQUIRE) == t )
            cpu_relax();
    }
}

void migrate_timer(struct timer *t, unsigned int new_cpu)
{
    struct timers *old_ts, *new_ts;
    unsigned int old_cpu;
    unsigned long flags;
    bool kick = false;

    ASSERT(new_cpu < NR_CPUS);
    for ( ; ; )
    {
        old_cpu = __atomic_load_n(&t->cpu, __ATOMIC_ACQUIRE);
        if ( old_cpu == new_cpu )
            return;
        old_ts = &per_cpu(timers, old_cpu);
        new_ts = &per_cpu(timers, new_cpu);
        flags = local_irq_save();
        spin_lock(old_cpu < new_cpu ? &old_ts->lock : &new_ts->lock);
        spin_lock(old_cpu < new_cpu ? &new_ts->lock : &old_ts->lock);
        if ( likely(t->cpu == old_cpu) )
            break;
        spin_unlock(&new_ts->lock);
        spin_unlock(&old_ts->lock);
        local_irq_restore(flags);
    }

    if ( is_pending(t) )
    {
        remove_entry(old_ts, t);
        __atomic_store_n(&t->cpu, new_cpu, __ATOMIC_RELEASE);
        kick = add_entry(new_ts, t);
    }
    else
        __atomic_store_n(&t->cpu, new_cpu, __ATOMIC_RELEASE);
    if ( kick )
        cpu_raise_softirq(new_cpu, TIMER_SOFTIRQ);

    spin_unlock(&new_ts->lock);
    spin_unlock(&old_ts->lock);
    local_irq_restore(flags);
}

bool timer_is_active(const struct timer *t)
{
    uint8_t status = READ_ONCE(t->status);

    return status == TIMER_STATUS_in_heap || status == TIMER_STATUS_in_list;
}

/* ---- softirq ---- */

/* Grow the heap to hold the overflow list. IRQs on, lock not held. */
static void grow_heap(struct timers *ts)
{
    struct timer **new, **old = NULL;
    struct timer *t;
    unsigned int want = 0, i;

    spin_lock_irq(&ts->lock);
    for ( t = ts->list; t; t = t->list_next )
        want++;
    want += ts->heap_size;
    spin_unlock_irq(&ts->lock);

    want = max(want * 2, (unsigned int)HEAP_MIN_LIMIT);
    new = xmalloc_array(struct timer *, want);
    if ( !new )
        return;                 /* keep using the list */

    spin_lock_irq(&ts->lock);
    if ( want > ts->heap_limit )
    {
        for ( i = 0; i < ts->heap_size; i++ )
            new[i] = ts->heap[i];
        old = ts->heap;
        ts->heap = new;
        ts->heap_limit = want;
        new = NULL;
    }
    while ( (t = ts->list) != NULL && ts->heap_size < ts->heap_limit )
    {
        ts->list = t->list_next;
        t->list_next = NULL;
        t->status = TIMER_STATUS_inactive;
        add_entry(ts, t);
    }
    spin_unlock_irq(&ts->lock);

    xfree(new);
    xfree(old);
}

/* Run t's function with the lock dropped. Caller holds the lock (IRQs off). */
static void run_timer(struct timers *ts, struct timer *t)
{
    void (*fn)(void *) = t->function;
    void *data = t->data;

    remove_entry(ts, t);
    __atomic_store_n(&ts->running, t, __ATOMIC_RELEASE);
    spin_unlock_irq(&ts->lock);

    fn(data);

    spin_lock_irq(&ts->lock);
    __atomic_store_n(&ts->running, NULL, __ATOMIC_RELEASE);
}

/* Earliest expired timer at now, or NULL. Caller holds the lock. */
static struct timer *first_expired(struct timers *ts, s_time_t now)
{
    struct timer *t;

    if ( ts->heap_size && ts->heap[0]->expires <= now )
        return ts->heap[0];
    for ( t = ts->list; t; t = t->list_next )
        if ( t->expires <= now )
            return t;
    return NULL;
}

/* Expiry of the earliest pending timer, 0 if none. Caller holds the lock. */
static s_time_t next_expiry(const struct timers *ts)
{
    s_time_t next = ts->heap_size ? ts->heap[0]->expires : STIME_MAX;
    const struct timer *t;

    for ( t = ts->list; t; t = t->list_next )
        next = min(next, t->expires);
    return next == STIME_MAX ? 0 : next;
}

static void timer_softirq_action(void)
{
    struct timers *ts = &this_cpu(timers);
    struct timer *t;
    s_time_t next;

    if ( READ_ONCE(ts->list) )
        grow_heap(ts);

    spin_lock_irq(&ts->lock);
    do {
        while ( (t = first_expired(ts, NOW())) != NULL )
            run_timer(ts, t);
        next = next_expiry(ts);
        /* A timer in the past as 'next' makes reprogram_timer() fail. */
    } while ( !reprogram_timer(next) );
    spin_unlock_irq(&ts->lock);
}

static void dump_timers_key(unsigned char key)
{
    (void)key;
    dump_timers();
}

void timer_cpu_prepare(unsigned int cpu)
{
    grow_heap(&per_cpu(timers, cpu));
}

void timer_init(void)
{
    open_softirq(TIMER_SOFTIRQ, timer_softirq_action);
    register_keyhandler('t', dump_timers_key, "dump timer queues", true);
}

/* ---- debug ---- */

static void dump_one(const struct timer *t, s_time_t now)
{
    printk("    ex=%lldus timer=%p fn=%pS data=%p\n",
           (long long)(t->expires - now) / NSEC_PER_USEC, (const void *)t,
           (void *)t->function, t->data);
}

void dump_timers(void)
{
    s_time_t now = NOW();
    unsigned long flags;
    unsigned int cpu, i;

    printk("Dumping timers at NOW=%lld\n", (long long)now);
    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
    {
        struct timers *ts = &per_cpu(timers, cpu);
        const struct timer *t;

        spin_lock_irqsave(&ts->lock, flags);
        if ( ts->heap_size || ts->list )
        {
            printk("CPU%02u: %u in heap (limit %u)%s\n", cpu, ts->heap_size,
                   ts->heap_limit, ts->list ? ", overflow list:" : "");
            for ( i = 0; i < ts->heap_size; i++ )
                dump_one(ts->heap[i], now);
            for ( t = ts->list; t; t = t->list_next )
                dump_one(t, now);
        }
        spin_unlock_irqrestore(&ts->lock, flags);
    }
}
