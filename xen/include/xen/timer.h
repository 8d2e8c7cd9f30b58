/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One-shot software timers on system time (ns, see xen/time.h). Each
 * timer belongs to one CPU, whose TIMER_SOFTIRQ calls its function once
 * the expiry time has passed. common/timer.c.
 */
#ifndef __XEN_TIMER_H__
#define __XEN_TIMER_H__

#include <xen/types.h>

enum timer_status {
    TIMER_STATUS_invalid = 0,       /* never initialised */
    TIMER_STATUS_inactive,          /* initialised, not pending */
    TIMER_STATUS_killed,            /* kill_timer()ed: ignores set_timer */
    TIMER_STATUS_in_heap,           /* pending, in its CPU's heap */
    TIMER_STATUS_in_list,           /* pending, in the heap-overflow list */
};

/*
 * Fields are private to timer.c. [L] means guarded by the timers lock of
 * the CPU in 'cpu', which is itself read atomically and only changed with
 * the locks of both old and new CPU held.
 */
struct timer {
    s_time_t expires;               /* [L] system time to fire at */
    unsigned int heap_offset;       /* [L] index in the heap */
    struct timer *list_next;        /* [L] link in the overflow list */
    void (*function)(void *data);   /* [I] set by init_timer */
    void *data;                     /* [I] */
    uint16_t cpu;                   /* [L][A] CPU whose heap holds it */
    uint8_t status;                 /* [L] enum timer_status */
};

/*
 * Initialise t to call fn(data) on CPU cpu. t must not be pending.
 * fn runs from TIMER_SOFTIRQ with IRQs on and no timer lock held; it may
 * call set_timer() on its own timer to re-arm it. Context: any.
 */
void init_timer(struct timer *t, void (*fn)(void *data), void *data,
                unsigned int cpu);

/*
 * (Re)arm t to fire at system time expires (a time already passed fires
 * at the next TIMER_SOFTIRQ). Ignored on a killed timer. Context: any.
 */
void set_timer(struct timer *t, s_time_t expires);

/* Disarm t if pending. Its function may still be running. Context: any. */
void stop_timer(struct timer *t);

/*
 * Disarm t for good and wait until its function is not running on any
 * other CPU; afterwards the memory of t may be freed. Later set_timer()
 * calls are ignored until init_timer(). Context: IRQs on unless called
 * from t's own function; no lock the function takes may be held.
 */
void kill_timer(struct timer *t);

/* Move t (pending or not) to new_cpu; keeps its expiry. Context: any. */
void migrate_timer(struct timer *t, unsigned int new_cpu);

/* True if t is pending (a snapshot unless the caller serialises). */
bool timer_is_active(const struct timer *t);

/*
 * Register TIMER_SOFTIRQ and debug key 't'. Call once at boot, before any
 * set_timer().
 */
void timer_init(void);
/*
 * Give cpu's timer heap its first allocation now instead of on first
 * overflow, so that later memory accounting (the launch leak check) sees
 * no one-time growth. Context: IRQs on.
 */
void timer_cpu_prepare(unsigned int cpu);

/* Print every pending timer of every CPU (debug key 't'). Context: any. */
void dump_timers(void);

#endif /* __XEN_TIMER_H__ */
