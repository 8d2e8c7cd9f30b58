/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests for common/softirq.c: dispatch order, re-raising from a
 * handler, cross-CPU raise with a single kick, pending bitmap.
 */
#include <xen/softirq.h>
#include <asm/smp.h>
#include <asm/system.h>
#include "test.h"

extern unsigned int stub_softirq_kicks[NR_CPUS];

static char trace[64];
static unsigned int trace_n;
static unsigned int timer_reraise;
static bool irqs_on_in_handler = true;

static void note(char c)
{
    if ( trace_n < sizeof(trace) - 1 )
        trace[trace_n++] = c;
    if ( !local_irq_is_enabled() )
        irqs_on_in_handler = false;
}

static void timer_fn(void)
{
    note('T');
    if ( timer_reraise )
    {
        timer_reraise--;
        raise_softirq(TIMER_SOFTIRQ);
    }
}

static void sched_fn(void)
{
    note('S');
}

static void rcu_fn(void)
{
    note('R');
    /* A lower-numbered softirq raised now runs before the remaining ones. */
    raise_softirq(SCHEDULE_SOFTIRQ);
}

static void reset(void)
{
    memset(trace, 0, sizeof(trace));
    trace_n = 0;
}

int main(void)
{
    open_softirq(TIMER_SOFTIRQ, timer_fn);
    open_softirq(SCHEDULE_SOFTIRQ, sched_fn);
    open_softirq(RCU_SOFTIRQ, rcu_fn);

    CHECK_EQ(softirq_pending(0), 0);
    raise_softirq(SCHEDULE_SOFTIRQ);
    raise_softirq(TIMER_SOFTIRQ);
    CHECK_EQ(softirq_pending(0),
             (1UL << TIMER_SOFTIRQ) | (1UL << SCHEDULE_SOFTIRQ));
    do_softirq();
    CHECK_STR(trace, "TS");
    CHECK_EQ(softirq_pending(0), 0);

    reset();
    timer_reraise = 3;
    raise_softirq(TIMER_SOFTIRQ);
    do_softirq();
    CHECK_STR(trace, "TTTT");

    reset();
    raise_softirq(RCU_SOFTIRQ);
    raise_softirq(KEYPRESS_SOFTIRQ);    /* no handler: just cleared */
    do_softirq();
    CHECK_STR(trace, "RS");
    CHECK_EQ(softirq_pending(0), 0);
    CHECK(irqs_on_in_handler);

    /* Raising on self never kicks; on another CPU kicks once. */
    cpu_raise_softirq(0, SCHEDULE_SOFTIRQ);
    CHECK_EQ(stub_softirq_kicks[0], 0);
    cpu_raise_softirq(5, TIMER_SOFTIRQ);
    cpu_raise_softirq(5, TIMER_SOFTIRQ);
    CHECK_EQ(stub_softirq_kicks[5], 1);
    cpu_raise_softirq(5, SCHEDULE_SOFTIRQ);
    CHECK_EQ(stub_softirq_kicks[5], 2);
    CHECK_EQ(softirq_pending(5),
             (1UL << TIMER_SOFTIRQ) | (1UL << SCHEDULE_SOFTIRQ));

    /* CPU 5 runs its own softirqs; CPU 0's stay pending. */
    reset();
    stub_cpu_id = 5;
    do_softirq();
    CHECK_STR(trace, "TS");
    CHECK_EQ(softirq_pending(5), 0);
    stub_cpu_id = 0;
    CHECK_EQ(softirq_pending(0), 1UL << SCHEDULE_SOFTIRQ);
    reset();
    do_softirq();
    CHECK_STR(trace, "S");

    return test_done();
}
