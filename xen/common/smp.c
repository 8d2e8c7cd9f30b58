/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cross-CPU function calls (xen/smp.h): one call at a time, described in
 * call_data, delivered by the arch IPI hook (xen/smp-arch.h). The caller
 * waits until every target has taken the call (and, with wait, finished).
 *
 * Locking:
 *   call_lock  spinlock, taken with IRQs ON so that a CPU waiting for it
 *              still answers the IPI of the current holder (no deadlock
 *              between two callers). Protects call_data, except the
 *              'selected' bits, which targets clear atomically. Taken
 *              with no other lock held (the callee may need any lock).
 */
#include <xen/cpumask.h>
#include <xen/lib.h>
#include <xen/smp.h>
#include <xen/smp-arch.h>
#include <xen/spinlock.h>
#include <asm/system.h>

static DEFINE_SPINLOCK(call_lock);

static struct call_data {
    void (*func)(void *info);   /* [L] */
    void *info;                 /* [L] */
    bool wait;                  /* [L] targets clear their bit when done */
    cpumask_t selected;         /* [A] targets yet to take (finish) it */
} call_data;

void on_selected_cpus(const struct cpumask *mask, void (*func)(void *info),
                      void *info, bool wait)
{
    unsigned int cpu = smp_processor_id();
    cpumask_t targets;
    bool self;

    ASSERT(local_irq_is_enabled());
    cpumask_and(&targets, mask, &cpu_online_map);
    self = cpumask_test_cpu(cpu, &targets);
    __cpumask_clear_cpu(cpu, &targets);

    if ( !cpumask_empty(&targets) )
    {
        spin_lock(&call_lock);
        call_data.func = func;
        call_data.info = info;
        call_data.wait = wait;
        cpumask_copy(&call_data.selected, &targets);
        smp_mb();   /* publish call_data before the IPI */
        arch_send_call_function_ipi(&targets);
        while ( !cpumask_empty(&call_data.selected) )
        {
            cpu_relax();
            barrier();
        }
        spin_unlock(&call_lock);
    }

    if ( self )
    {
        local_irq_disable();
        func(info);
        local_irq_enable();
    }
}

void smp_call_function(void (*func)(void *info), void *info, bool wait)
{
    cpumask_t others;

    cpumask_copy(&others, &cpu_online_map);
    __cpumask_clear_cpu(smp_processor_id(), &others);
    on_selected_cpus(&others, func, info, wait);
}

void smp_call_function_interrupt(void)
{
    unsigned int cpu = smp_processor_id();
    void (*func)(void *info);
    void *info;

    ASSERT(!local_irq_is_enabled());
    if ( !cpumask_test_cpu(cpu, &call_data.selected) )
        return;                 /* spurious or already handled */
    smp_rmb();
    func = call_data.func;
    info = call_data.info;

    if ( call_data.wait )
    {
        func(info);
        smp_mb();
        cpumask_clear_cpu(cpu, &call_data.selected);
    }
    else
    {
        /* call_data may be reused as soon as our bit is clear. */
        smp_mb();
        cpumask_clear_cpu(cpu, &call_data.selected);
        func(info);
    }
}
