/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests for common/rcu.c. Simulated CPUs (one thread switching
 * stub_cpu_id): callbacks run only after every online CPU passed a
 * quiescent state, later callbacks wait for a later grace period, idle
 * CPUs are not waited for. Then real threads as CPUs: readers traverse a
 * pointer that an updater keeps replacing and frees via call_rcu(); ASan
 * catches any use after free.
 */
#include <pthread.h>
#include <stdlib.h>
#include <xen/cpumask.h>
#include <xen/rcu.h>
#include <xen/softirq.h>
#include "test.h"

cpumask_t cpu_online_map;
extern unsigned int stub_softirq_kicks[NR_CPUS];

static unsigned int ran[8];

struct obj {
    struct rcu_head rcu;
    unsigned int id;
};

static void obj_cb(struct rcu_head *h)
{
    struct obj *o = container_of(h, struct obj, rcu);

    ran[o->id]++;
    CHECK_EQ(smp_processor_id(), o->id < 4 ? 0 : 1);
}

/* CPU cpu reaches a quiescent point (exit to guest / idle loop). */
static void on_cpu(unsigned int cpu)
{
    stub_cpu_id = cpu;
    do_softirq();
    stub_cpu_id = 0;
}

static void test_grace_periods(void)
{
    struct obj a = { .id = 0 }, b = { .id = 1 }, c = { .id = 4 };

    for ( unsigned int i = 0; i < 4; i++ )
        cpumask_set_cpu(i, &cpu_online_map);

    call_rcu(&a.rcu, obj_cb);
    CHECK(rcu_pending(0));
    on_cpu(0);                          /* starts a grace period */
    CHECK_EQ(ran[0], 0);
    CHECK_EQ(stub_softirq_kicks[1], 1); /* other CPUs asked to report */
    CHECK(rcu_pending(1));
    CHECK(!rcu_pending(0));
    on_cpu(1);
    on_cpu(2);
    on_cpu(0);
    CHECK_EQ(ran[0], 0);                /* CPU 3 has not reported */
    on_cpu(3);
    CHECK_EQ(ran[0], 0);                /* ready, but CPU 0 must collect */
    CHECK(softirq_pending(0) & (1UL << RCU_SOFTIRQ));
    on_cpu(0);
    CHECK_EQ(ran[0], 1);

    /* b queued during a grace period waits for the next one as well. */
    call_rcu(&a.rcu, obj_cb);
    on_cpu(0);                          /* grace period N for a */
    stub_cpu_id = 1;
    call_rcu(&c.rcu, obj_cb);
    stub_cpu_id = 0;
    on_cpu(1);                          /* c wants N+1 */
    call_rcu(&b.rcu, obj_cb);
    on_cpu(2);
    on_cpu(3);                          /* N done, N+1 starts */
    on_cpu(0);                          /* a runs; b joins N+2 */
    CHECK_EQ(ran[0], 2);
    CHECK_EQ(ran[1], 0);
    CHECK_EQ(ran[4], 0);
    on_cpu(2);
    on_cpu(3);
    on_cpu(0);
    CHECK_EQ(ran[4], 0);                /* CPU 1 not quiesced for N+1 */
    on_cpu(1);                          /* N+1 done: c runs */
    CHECK_EQ(ran[4], 1);
    CHECK_EQ(ran[1], 0);
    for ( unsigned int i = 0; i < 4; i++ )
        on_cpu(i);
    on_cpu(0);
    CHECK_EQ(ran[1], 1);

    /* rcu_check_callbacks() raises the softirq only with work to do. */
    rcu_check_callbacks(2);
    CHECK(!(softirq_pending(2) & (1UL << RCU_SOFTIRQ)));
    call_rcu(&a.rcu, obj_cb);
    rcu_check_callbacks(0);
    CHECK(softirq_pending(0) & (1UL << RCU_SOFTIRQ));
    for ( unsigned int i = 0; i < 4; i++ )
        on_cpu(i);
    on_cpu(0);
    CHECK_EQ(ran[0], 3);
}

static void test_idle(void)
{
    struct obj a = { .id = 2 };

    /* CPUs 2 and 3 idle: only 0 and 1 are waited for. */
    stub_cpu_id = 2;
    rcu_idle_enter(2);
    stub_cpu_id = 3;
    rcu_idle_enter(3);
    stub_cpu_id = 0;
    call_rcu(&a.rcu, obj_cb);
    on_cpu(0);
    CHECK_EQ(ran[2], 0);
    on_cpu(1);
    on_cpu(0);
    CHECK_EQ(ran[2], 1);

    /* Entering idle reports for the grace period in progress. */
    stub_cpu_id = 3;
    rcu_idle_exit(3);
    stub_cpu_id = 0;
    call_rcu(&a.rcu, obj_cb);
    on_cpu(0);
    on_cpu(1);
    CHECK_EQ(ran[2], 1);
    stub_cpu_id = 3;
    rcu_idle_enter(3);
    stub_cpu_id = 0;
    on_cpu(0);
    CHECK_EQ(ran[2], 2);
    stub_cpu_id = 2;
    rcu_idle_exit(2);
    stub_cpu_id = 3;
    rcu_idle_exit(3);
    stub_cpu_id = 0;
}

/* ---- threads as CPUs ---- */

#define NR_THREADS  3
#define NR_UPDATES  3000

struct item {
    struct rcu_head rcu;
    unsigned long magic;
    unsigned long seq;
};

static struct item *shared;
static volatile int stop;
static unsigned long freed, bad_reads;

static void item_free(struct rcu_head *h)
{
    struct item *it = container_of(h, struct item, rcu);

    it->magic = 0xdead;
    free(it);
    __atomic_fetch_add(&freed, 1, __ATOMIC_RELAXED);
}

static void *reader(void *arg)
{
    stub_cpu_id = (unsigned int)(unsigned long)arg;
    while ( !stop )
    {
        for ( int i = 0; i < 50; i++ )
        {
            rcu_read_lock();
            struct item *it = rcu_dereference(shared);

            if ( it->magic != 0x1234 )
                __atomic_fetch_add(&bad_reads, 1, __ATOMIC_RELAXED);
            rcu_read_unlock();
        }
        do_softirq();
    }
    /* Keep quiescing so the updater's last grace periods can end. */
    return NULL;
}

static void test_threads(void)
{
    pthread_t th[NR_THREADS];
    struct item *first = calloc(1, sizeof(*first));

    for ( unsigned int i = 0; i <= NR_THREADS; i++ )
        cpumask_set_cpu(i, &cpu_online_map);
    first->magic = 0x1234;
    rcu_assign_pointer(shared, first);
    for ( unsigned long i = 0; i < NR_THREADS; i++ )
        pthread_create(&th[i], NULL, reader, (void *)(i + 1));

    for ( unsigned long n = 1; n <= NR_UPDATES; n++ )
    {
        struct item *it = calloc(1, sizeof(*it)), *old = shared;

        it->magic = 0x1234;
        it->seq = n;
        rcu_assign_pointer(shared, it);
        call_rcu(&old->rcu, item_free);
        do_softirq();
    }
    /* Drain: a synchronize_rcu() ends after all earlier callbacks ran. */
    synchronize_rcu();
    do_softirq();
    stop = 1;
    for ( int i = 0; i < NR_THREADS; i++ )
        pthread_join(th[i], NULL);
    CHECK_EQ(bad_reads, 0);
    CHECK_EQ(freed, NR_UPDATES);
    free(shared);
}

int main(void)
{
    rcu_init();
    test_grace_periods();
    test_idle();
    test_threads();
    return test_done();
}
