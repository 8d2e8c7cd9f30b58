/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests for common/sched/{core,credit2}.c on simulated time and
 * pCPUs: the test plays each pCPU's run loop (do_softirq() runs
 * SCHEDULE_SOFTIRQ, the vCPU chosen "runs" until that pCPU's one-shot
 * timer fires or a softirq is raised there). Checks weights, caps,
 * affinity, block/wake, balancing, pause counts, yield, idle, destroy.
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/keyhandler.h>
#include <xen/sched-api.h>
#include <xen/softirq.h>
#include <xen/timer.h>
#include "stub-time.h"
#include "test.h"

#define NCPU        4
#define EXT_CPU     63      /* "another CPU": where test events come from */

extern unsigned int stub_softirq_kicks[NR_CPUS];
extern keyhandler_fn_t stub_key_fn[256];

static unsigned int affinity_bad, picks[NCPU];

/* ---- printk capture for the dump checks ---- */

static char outbuf[1 << 15];
static size_t outlen;
static bool capture;

void vprintk(const char *fmt, va_list args)
{
    if ( capture && outlen < sizeof(outbuf) )
        outlen += vsnprintf(outbuf + outlen, sizeof(outbuf) - outlen, fmt,
                            args);
}

static const char *dump_text(void)
{
    outlen = 0;
    outbuf[0] = 0;
    capture = true;
    stub_key_fn['r']('r');
    capture = false;
    return outbuf;
}

/* ---- the simulated machine ---- */

static void check_cpu(unsigned int cpu)
{
    struct vcpu *v = sched_current(cpu);

    if ( !v )
        return;
    picks[cpu]++;
    if ( v->processor != cpu || !cpumask_test_cpu(cpu, &v->hard_affinity) )
        affinity_bad++;
}

/* Run every pending softirq on every pCPU until all are quiet. */
static void settle(void)
{
    for ( unsigned int round = 0; round < 10000; round++ )
    {
        bool any = false;

        for ( unsigned int cpu = 0; cpu < NCPU; cpu++ )
        {
            if ( !softirq_pending(cpu) )
                continue;
            any = true;
            stub_cpu_id = cpu;
            do_softirq();
            check_cpu(cpu);
        }
        if ( !any )
            break;
    }
    stub_cpu_id = EXT_CPU;
}

/* Advance simulated time by dur, firing each pCPU's timer when due. */
static void sim_run(s_time_t dur)
{
    s_time_t until = stub_now + dur;

    for ( ; ; )
    {
        unsigned int cpu, first = NCPU;

        settle();
        for ( cpu = 0; cpu < NCPU; cpu++ )
            if ( stub_reprogram_last[cpu] &&
                 (first == NCPU ||
                  stub_reprogram_last[cpu] < stub_reprogram_last[first]) )
                first = cpu;
        if ( first == NCPU || stub_reprogram_last[first] > until )
            break;
        if ( stub_reprogram_last[first] > stub_now )
            stub_now = stub_reprogram_last[first];
        stub_reprogram_last[first] = 0;     /* the interrupt */
        stub_cpu_id = first;
        raise_softirq(TIMER_SOFTIRQ);
    }
    stub_now = until;
    settle();
}

static s_time_t run_time(const struct vcpu *v)
{
    struct vcpu_runstate_info r;

    vcpu_runstate_get(v, &r);
    return r.time[RUNSTATE_running];
}

static void mask_of(cpumask_t *m, unsigned int first, unsigned int last)
{
    cpumask_clear(m);
    for ( unsigned int c = first; c <= last; c++ )
        cpumask_set_cpu(c, m);
}

/* A domain of nv vCPUs (down until up()) with the given affinity. */
static struct domain *mkdom(domid_t id, unsigned int nv, unsigned int weight,
                            unsigned int cap, unsigned int c0,
                            unsigned int c1)
{
    struct domain *d = calloc(1, sizeof(*d));

    d->domain_id = id;
    d->max_vcpus = nv;
    d->vcpu = calloc(nv, sizeof(*d->vcpu));
    d->weight = weight;
    d->cap = cap;
    CHECK_EQ(sched_init_domain(d), 0);
    for ( unsigned int i = 0; i < nv; i++ )
    {
        struct vcpu *v = calloc(1, sizeof(*v));

        v->vcpu_id = i;
        v->domain = d;
        v->pause_flags = 1UL << VPF_down;
        mask_of(&v->hard_affinity, c0, c1);
        CHECK_EQ(sched_init_vcpu(v, c0), 0);
        d->vcpu[i] = v;
    }
    return d;
}

static void up(struct domain *d)
{
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
    {
        clear_bit(VPF_down, &d->vcpu[i]->pause_flags);
        vcpu_wake(d->vcpu[i]);
    }
}

static void rmdom(struct domain *d)
{
    domain_pause_nosync(d);
    settle();                       /* the pCPUs deschedule them */
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
    {
        CHECK(!d->vcpu[i]->is_running);
        sched_destroy_vcpu(d->vcpu[i]);
        free(d->vcpu[i]);
    }
    sched_destroy_domain(d);
    free(d->vcpu);
    free(d);
}

/* The four run-state times add up to the time since the vCPU came up. */
static void check_runstate_total(const struct vcpu *v, s_time_t want)
{
    struct vcpu_runstate_info r;
    s_time_t sum = 0;

    vcpu_runstate_get(v, &r);
    for ( unsigned int i = 0; i < 4; i++ )
        sum += r.time[i];
    CHECK_EQ(sum, want);
    CHECK_EQ(r.time[RUNSTATE_offline], 0);
}

static double secs(s_time_t t)
{
    return (double)t / NSEC_PER_SEC;
}

/* ---- the checks ---- */

/* (1) weights 256:512 on one pCPU over 10 s: 1:2 within 5 %. */
static void test_weights(void)
{
    struct domain *a = mkdom(1, 1, 256, 0, 0, 0);
    struct domain *b = mkdom(2, 1, 512, 0, 0, 0);
    s_time_t ta, tb;
    double ratio;

    up(a);
    up(b);
    sim_run(SECONDS(10));
    ta = run_time(a->vcpu[0]);
    tb = run_time(b->vcpu[0]);
    ratio = (double)tb / (double)ta;
    printf("# weights 256:512 on 1 pCPU, 10 s: %.4f s : %.4f s, "
           "ratio %.4f (want 2)\n", secs(ta), secs(tb), ratio);
    CHECK(ratio > 2 * 0.95 && ratio < 2 * 1.05);
    CHECK(secs(ta + tb) > 9.99);    /* the pCPU never idled */
    check_runstate_total(a->vcpu[0], SECONDS(10));
    rmdom(a);
    rmdom(b);
}

/* (2) equal weights, 4 vCPUs on 2 pCPUs: about 50 % each. */
static void test_two_cpus(void)
{
    struct domain *d[4];
    unsigned int i;

    for ( i = 0; i < 4; i++ )
        d[i] = mkdom(10 + i, 1, 256, 0, 0, 1);
    for ( i = 0; i < 4; i++ )
        up(d[i]);
    sim_run(SECONDS(10));
    for ( i = 0; i < 4; i++ )
    {
        double share = secs(run_time(d[i]->vcpu[0])) / 10;

        printf("# 4 equal vCPUs on 2 pCPUs: d%u got %.4f of a pCPU\n",
               10 + i, share);
        CHECK(share > 0.45 && share < 0.55);
    }
    for ( i = 0; i < 4; i++ )
        rmdom(d[i]);
}

/* Informational: 3 vCPUs with weights 256, 256, 512 on 2 pCPUs. */
static void test_uneven(void)
{
    struct domain *d[3];
    unsigned int i;

    for ( i = 0; i < 3; i++ )
        d[i] = mkdom(15 + i, 1, i == 2 ? 512 : 256, 0, 0, 1);
    for ( i = 0; i < 3; i++ )
        up(d[i]);
    sim_run(SECONDS(10));
    for ( i = 0; i < 3; i++ )
    {
        double share = secs(run_time(d[i]->vcpu[0])) / 10;

        printf("# 3 vCPUs (256, 256, 512) on 2 pCPUs: d%u got %.4f\n",
               15 + i, share);
        CHECK(share > 0.3);         /* nobody starves */
    }
    for ( i = 0; i < 3; i++ )
        rmdom(d[i]);
}

/* (3) a cap of 25 % holds on an otherwise idle pCPU and under load. */
static void test_cap(void)
{
    struct domain *c = mkdom(20, 1, 256, 25, 0, 0);
    struct domain *o;
    double share;
    s_time_t t0;

    up(c);
    sim_run(SECONDS(10));
    share = secs(run_time(c->vcpu[0])) / 10;
    printf("# cap 25 %% alone: %.4f of the pCPU\n", share);
    CHECK(share <= 0.27 && share >= 0.23);

    o = mkdom(21, 1, 256, 0, 0, 0);
    up(o);
    t0 = run_time(c->vcpu[0]);
    sim_run(SECONDS(10));
    share = secs(run_time(c->vcpu[0]) - t0) / 10;
    printf("# cap 25 %% against an uncapped vCPU: %.4f, other %.4f\n",
           share, secs(run_time(o->vcpu[0])) / 10);
    CHECK(share <= 0.27 && share >= 0.23);
    CHECK(secs(run_time(o->vcpu[0])) / 10 >= 0.73);

    /* Lifting the cap gives the fair half back. */
    CHECK_EQ(sched_adjust(c, 0, 0), 0);
    CHECK_EQ(c->cap, 0);
    t0 = run_time(c->vcpu[0]);
    sim_run(SECONDS(2));
    share = secs(run_time(c->vcpu[0]) - t0) / 2;
    CHECK(share > 0.45 && share < 0.55);
    CHECK_EQ(sched_adjust(c, 70000, 0), -EINVAL);
    CHECK_EQ(sched_adjust(c, 0, 101), -EINVAL);
    rmdom(c);
    rmdom(o);
}

/* (4) hard affinity: pinned vCPUs, changes while running, bad masks. */
static void test_affinity(void)
{
    struct domain *d = mkdom(30, 4, 256, 0, 2, 3);
    cpumask_t m;

    up(d);
    sim_run(MILLISECS(500));
    for ( unsigned int i = 0; i < 4; i++ )
        CHECK(d->vcpu[i]->processor == 2 || d->vcpu[i]->processor == 3);
    CHECK(!sched_current(0) && !sched_current(1));
    mask_of(&m, 1, 1);
    CHECK_EQ(vcpu_set_affinity(d->vcpu[0], &m), 0);
    mask_of(&m, 0, 0);
    CHECK_EQ(vcpu_set_affinity(d->vcpu[1], &m), 0);
    sim_run(MILLISECS(500));
    CHECK_EQ(d->vcpu[0]->processor, 1);
    CHECK_EQ(d->vcpu[1]->processor, 0);
    cpumask_clear(&m);
    cpumask_set_cpu(40, &m);        /* no scheduler pCPU */
    CHECK_EQ(vcpu_set_affinity(d->vcpu[2], &m), -EINVAL);
    rmdom(d);
    CHECK_EQ(affinity_bad, 0);
}

/* (5) a blocked vCPU is not picked; its wake preempts less credit. */
static void test_block_wake(void)
{
    struct domain *a = mkdom(40, 1, 512, 0, 0, 0);
    struct domain *b = mkdom(41, 1, 256, 0, 0, 0);
    struct vcpu *va = a->vcpu[0], *vb = b->vcpu[0];
    struct vcpu_runstate_info r;
    s_time_t ta;
    unsigned int kicks;

    up(a);
    up(b);
    sim_run(MILLISECS(50));
    vcpu_block(va);
    settle();
    ta = run_time(va);
    sim_run(MILLISECS(103));
    CHECK_EQ(run_time(va), ta);
    CHECK(sched_current(0) == vb);
    vcpu_runstate_get(va, &r);
    CHECK_EQ(r.state, RUNSTATE_blocked);

    /* vb has burnt credit running alone: the waker has more. */
    kicks = stub_softirq_kicks[0];
    vcpu_unblock(va);
    CHECK(softirq_pending(0) & (1UL << SCHEDULE_SOFTIRQ));
    CHECK_EQ(stub_softirq_kicks[0], kicks + 1);
    settle();
    CHECK(sched_current(0) == va);
    vcpu_runstate_get(vb, &r);
    CHECK_EQ(r.state, RUNSTATE_runnable);
    rmdom(a);
    rmdom(b);
}

/* (6) all vCPUs queued on pCPU 0: the idle pCPU 1 gets work at once. */
static void test_balance(void)
{
    struct domain *d = mkdom(50, 4, 256, 0, 0, 0);
    cpumask_t m;
    unsigned int i;

    up(d);
    settle();
    for ( i = 0; i < 4; i++ )
        CHECK_EQ(d->vcpu[i]->processor, 0);
    mask_of(&m, 0, 1);
    for ( i = 0; i < 4; i++ )
        CHECK_EQ(vcpu_set_affinity(d->vcpu[i], &m), 0);
    sim_run(MILLISECS(1));
    CHECK(sched_current(0) && sched_current(1));
    sim_run(SECONDS(10));
    for ( i = 0; i < 4; i++ )
    {
        double share = secs(run_time(d->vcpu[i])) / 10;

        printf("# balanced from pCPU 0: v%u got %.4f\n", i, share);
        CHECK(share > 0.45 && share < 0.55);
    }
    rmdom(d);
}

static void *pauser(void *arg)
{
    stub_cpu_id = 62;
    vcpu_pause(arg);                /* spins until descheduled */
    return NULL;
}

/* (7) pause counts, and the synchronous pause waits for the pCPU. */
static void test_pause(void)
{
    struct domain *d = mkdom(60, 1, 256, 0, 0, 0);
    struct vcpu *v = d->vcpu[0];
    struct vcpu_runstate_info r;
    pthread_t t;

    up(d);
    settle();
    CHECK(sched_current(0) == v);
    vcpu_pause_nosync(v);
    vcpu_pause_nosync(v);
    settle();
    CHECK(!sched_current(0) && !v->is_running);
    vcpu_runstate_get(v, &r);
    CHECK_EQ(r.state, RUNSTATE_offline);
    vcpu_unpause(v);
    settle();
    CHECK(!sched_current(0) && !vcpu_runnable(v));
    vcpu_unpause(v);
    settle();
    CHECK(sched_current(0) == v);

    domain_pause_nosync(d);
    domain_pause_nosync(d);
    settle();
    CHECK(!sched_current(0));
    domain_unpause(d);
    settle();
    CHECK(!sched_current(0));
    domain_unpause(d);
    settle();
    CHECK(sched_current(0) == v);

    /* Another CPU pauses v while it runs here. */
    pthread_create(&t, NULL, pauser, v);
    while ( !__atomic_load_n(&v->pause_count, __ATOMIC_SEQ_CST) )
        usleep(100);
    while ( v->is_running )
    {
        settle();
        usleep(100);
    }
    pthread_join(t, NULL);
    CHECK(!sched_current(0) && v->pause_count == 1);
    domain_pause(d);                /* not running: returns at once */
    domain_unpause(d);
    vcpu_unpause(v);
    settle();
    CHECK(sched_current(0) == v);
    rmdom(d);
}

/* (8) yield lets the other vCPU run. */
static void test_yield(void)
{
    struct domain *a = mkdom(70, 1, 256, 0, 0, 0);
    struct domain *b = mkdom(71, 1, 256, 0, 0, 0);
    struct vcpu *first, *other;

    up(a);
    up(b);
    sim_run(MILLISECS(7));
    first = sched_current(0);
    CHECK(first);
    other = first == a->vcpu[0] ? b->vcpu[0] : a->vcpu[0];
    vcpu_yield(first);
    CHECK(softirq_pending(0) & (1UL << SCHEDULE_SOFTIRQ));
    settle();
    CHECK(sched_current(0) == other);
    rmdom(a);
    rmdom(b);
}

/* (9) nothing runnable: the pick is NULL, no slice timer. */
static void test_idle(void)
{
    s_time_t slice = 0;

    stub_cpu_id = 2;
    CHECK(sched_pick_next(2, stub_now, &slice) == NULL);
    CHECK_EQ(slice, STIME_MAX);
    stub_cpu_id = EXT_CPU;
    settle();
    for ( unsigned int c = 0; c < NCPU; c++ )
        CHECK(!sched_current(c));
}

/* (10) destroy takes queued vCPUs off the runqueue; dump shows queues. */
static void test_destroy_dump(void)
{
    struct domain *a = mkdom(80, 1, 256, 0, 0, 0);
    struct domain *b = mkdom(81, 2, 256, 0, 0, 0);
    const char *out;

    up(a);
    up(b);
    sim_run(MILLISECS(3));
    out = dump_text();
    CHECK(strstr(out, "Scheduler: credit2") != NULL);
    CHECK(strstr(out, "CPU0: running") != NULL);
    CHECK(strstr(out, "d81v1") != NULL);
    rmdom(b);
    out = dump_text();
    CHECK(strstr(out, "d81v") == NULL);
    sim_run(MILLISECS(50));         /* ASan: nothing touches b any more */
    CHECK(sched_current(0) == a->vcpu[0]);
    rmdom(a);
}

int main(void)
{
    for ( unsigned int c = 0; c < NCPU; c++ )
    {
        cpumask_set_cpu(c, &cpu_online_map);
        cpumask_set_cpu(c, &cpu_possible_map);
    }
    stub_now = MILLISECS(1);
    stub_cpu_id = EXT_CPU;
    timer_init();
    CHECK_EQ(sched_init(), 0);
    CHECK(stub_key_fn['r'] != NULL);

    test_weights();
    test_two_cpus();
    test_uneven();
    test_cap();
    test_affinity();
    test_block_wake();
    test_balance();
    test_pause();
    test_yield();
    test_idle();
    test_destroy_dump();
    printf("# picks per pCPU: %u %u %u %u\n", picks[0], picks[1], picks[2],
           picks[3]);
    CHECK_EQ(affinity_bad, 0);
    return test_done();
}
