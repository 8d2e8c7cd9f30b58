/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests for common/smp.c: threads play CPUs 1-3 and poll for the
 * call-function "IPI"; CPU 0 (main) calls on_selected_cpus() and
 * smp_call_function() with and without wait.
 */
#include <pthread.h>
#include <sched.h>
#include <xen/cpumask.h>
#include <xen/smp.h>
#include <xen/smp-arch.h>
#include <asm/system.h>
#include "test.h"

#define NR_TEST_CPUS 4

cpumask_t cpu_online_map;
static int ipi[NR_CPUS];
static volatile int stop;
static unsigned int hits[NR_CPUS];
static unsigned int irqs_on_in_func, ipi_to_self;

void arch_send_call_function_ipi(const struct cpumask *mask)
{
    unsigned int cpu;

    if ( cpumask_test_cpu(smp_processor_id(), mask) )
        ipi_to_self++;
    for_each_cpu ( cpu, mask )
        __atomic_store_n(&ipi[cpu], 1, __ATOMIC_SEQ_CST);
}

static void *cpu_thread(void *arg)
{
    stub_cpu_id = (unsigned int)(unsigned long)arg;
    while ( !stop )
    {
        if ( __atomic_exchange_n(&ipi[stub_cpu_id], 0, __ATOMIC_SEQ_CST) )
        {
            local_irq_disable();
            smp_call_function_interrupt();
            local_irq_enable();
        }
        sched_yield();          /* fewer host cores than "CPUs" */
    }
    return NULL;
}

static void count(void *info)
{
    __atomic_fetch_add(&hits[smp_processor_id()], (unsigned long)info,
                       __ATOMIC_SEQ_CST);
    if ( local_irq_is_enabled() )
        __atomic_fetch_add(&irqs_on_in_func, 1, __ATOMIC_SEQ_CST);
}

int main(void)
{
    pthread_t th[NR_TEST_CPUS];
    cpumask_t m;

    for ( unsigned long i = 0; i < NR_TEST_CPUS; i++ )
        cpumask_set_cpu(i, &cpu_online_map);
    for ( unsigned long i = 1; i < NR_TEST_CPUS; i++ )
        pthread_create(&th[i], NULL, cpu_thread, (void *)i);

    smp_call_function(count, (void *)1, true);
    CHECK_EQ(hits[0], 0);
    CHECK_EQ(hits[1], 1);
    CHECK_EQ(hits[2], 1);
    CHECK_EQ(hits[3], 1);

    /* Selected CPUs, self included; offline CPU 9 ignored. */
    cpumask_clear(&m);
    cpumask_set_cpu(0, &m);
    cpumask_set_cpu(2, &m);
    cpumask_set_cpu(9, &m);
    on_selected_cpus(&m, count, (void *)10, true);
    CHECK_EQ(hits[0], 10);
    CHECK_EQ(hits[1], 1);
    CHECK_EQ(hits[2], 11);
    CHECK_EQ(hits[9], 0);
    CHECK(local_irq_is_enabled());

    /* Many calls without wait; all must eventually land. */
    for ( int i = 0; i < 200; i++ )
        smp_call_function(count, (void *)1, false);
    smp_call_function(count, (void *)0, true);     /* flush */
    CHECK_EQ(hits[1], 201);
    CHECK_EQ(hits[3], 201);
    CHECK_EQ(irqs_on_in_func, 0);
    CHECK_EQ(ipi_to_self, 0);

    stop = 1;
    for ( int i = 1; i < NR_TEST_CPUS; i++ )
        pthread_join(th[i], NULL);
    return test_done();
}
