/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Softirq pending bits and dispatch (xen/softirq.h). The handlers belong
 * to their subsystems (timer.c, rcu.c, keyhandler.c, the scheduler); the
 * cross-CPU kick is the arch hook arch_softirq_kick().
 *
 * Locking: none. Pending bits are [A] atomic per-CPU words; the handler
 * table is [I] written by open_softirq() at boot.
 */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <asm/system.h>

static softirq_handler_t softirq_handlers[NR_SOFTIRQS];    /* [I] */
static DEFINE_PER_CPU(unsigned long, softirq_pending_bits); /* [A] */
static DEFINE_PER_CPU(bool, softirq_running);               /* [V] */

void open_softirq(unsigned int nr, softirq_handler_t handler)
{
    ASSERT(nr < NR_SOFTIRQS);
    ASSERT(!softirq_handlers[nr]);
    softirq_handlers[nr] = handler;
}

void raise_softirq(unsigned int nr)
{
    ASSERT(nr < NR_SOFTIRQS);
    __atomic_fetch_or(&this_cpu(softirq_pending_bits), 1UL << nr,
                      __ATOMIC_SEQ_CST);
}

void cpu_raise_softirq(unsigned int cpu, unsigned int nr)
{
    unsigned long old;

    ASSERT(nr < NR_SOFTIRQS && cpu < NR_CPUS);
    old = __atomic_fetch_or(&per_cpu(softirq_pending_bits, cpu), 1UL << nr,
                            __ATOMIC_SEQ_CST);
    /* Already pending there: a kick is on its way or it is looking. */
    if ( cpu != smp_processor_id() && !(old & (1UL << nr)) )
        arch_softirq_kick(cpu);
}

unsigned long softirq_pending(unsigned int cpu)
{
    return __atomic_load_n(&per_cpu(softirq_pending_bits, cpu),
                           __ATOMIC_ACQUIRE);
}

void do_softirq(void)
{
    unsigned int cpu = smp_processor_id();
    unsigned long *pending = &per_cpu(softirq_pending_bits, cpu);
    unsigned long bits;

    ASSERT(local_irq_is_enabled());
    ASSERT(!per_cpu(softirq_running, cpu));
    per_cpu(softirq_running, cpu) = true;

    while ( (bits = __atomic_load_n(pending, __ATOMIC_ACQUIRE)) != 0 )
    {
        unsigned int nr = __builtin_ctzl(bits);

        /* Clear before running, so a re-raise during the handler sticks. */
        __atomic_fetch_and(pending, ~(1UL << nr), __ATOMIC_SEQ_CST);
        if ( likely(softirq_handlers[nr]) )
            softirq_handlers[nr]();
    }

    per_cpu(softirq_running, cpu) = false;
}
