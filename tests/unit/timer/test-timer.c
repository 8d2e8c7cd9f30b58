/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests for common/timer.c: expiry order over thousands of random
 * timers (with heap growth through the overflow list), stop/re-set, kill,
 * migrate, self re-arming, reprogram_timer() arguments and retries, a
 * kill racing a running function, and dump_timers().
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include <xen/lib.h>
#include <xen/softirq.h>
#include <xen/timer.h>
#include "stub-time.h"
#include "test.h"

#define NR_RANDOM   5000

int stub_xmalloc_fail;
extern unsigned int stub_softirq_kicks[NR_CPUS];

/* Capture printk output for the dump test. */
static char outbuf[1 << 16];
static size_t outlen;
static bool capture;

void vprintk(const char *fmt, va_list args)
{
    if ( capture && outlen < sizeof(outbuf) )
        outlen += vsnprintf(outbuf + outlen, sizeof(outbuf) - outlen, fmt,
                            args);
    else if ( !capture )
        vprintf(fmt, args);
}

/* The timer interrupt of the current CPU. */
static void tick(void)
{
    raise_softirq(TIMER_SOFTIRQ);
    do_softirq();
}

struct rt {
    struct timer t;
    s_time_t want;              /* expected expiry; 0: must not fire */
    unsigned int fired;
};

static struct rt rts[NR_RANDOM];
static s_time_t last_fired;
static unsigned int nr_fired, order_bad, early_bad, cpu_bad;
static unsigned int expect_cpu;

static void rt_fn(void *data)
{
    struct rt *r = data;

    r->fired++;
    nr_fired++;
    if ( r->t.expires < last_fired )
        order_bad++;
    if ( r->t.expires > NOW() || r->want != r->t.expires )
        early_bad++;
    if ( smp_processor_id() != expect_cpu )
        cpu_bad++;
    last_fired = r->t.expires;
}

static s_time_t earliest_pending(void)
{
    s_time_t e = 0;

    for ( unsigned int i = 0; i < NR_RANDOM; i++ )
        if ( timer_is_active(&rts[i].t) && (!e || rts[i].t.expires < e) )
            e = rts[i].t.expires;
    return e;
}

static void test_random(void)
{
    unsigned int i, stopped = 0, reprog_bad = 0, twice = 0;

    srand(1);
    stub_now = 1000;
    for ( i = 0; i < NR_RANDOM; i++ )
    {
        init_timer(&rts[i].t, rt_fn, &rts[i], 0);
        rts[i].want = 2000 + rand() % 1000000;
        set_timer(&rts[i].t, rts[i].want);
    }
    CHECK(softirq_pending(0) & (1UL << TIMER_SOFTIRQ));
    do_softirq();               /* grows the heap, arms the first expiry */
    CHECK_EQ(stub_reprogram_last[0], earliest_pending());

    /* Stop a fifth, move another fifth (some into the past). */
    for ( i = 0; i < NR_RANDOM; i += 5 )
    {
        stop_timer(&rts[i].t);
        rts[i].want = 0;
        stopped++;
        rts[i + 1].want = 500 + rand() % 1000000;
        set_timer(&rts[i + 1].t, rts[i + 1].want);
    }
    CHECK(!timer_is_active(&rts[0].t));
    CHECK(timer_is_active(&rts[1].t));

    while ( earliest_pending() )
    {
        stub_now += 997;
        tick();
        if ( stub_reprogram_last[0] != earliest_pending() )
            reprog_bad++;
    }
    for ( i = 0; i < NR_RANDOM; i++ )
        if ( rts[i].fired != (rts[i].want ? 1 : 0) )
            twice++;
    CHECK_EQ(nr_fired, NR_RANDOM - stopped);
    CHECK_EQ(twice, 0);
    CHECK_EQ(order_bad, 0);
    CHECK_EQ(early_bad, 0);
    CHECK_EQ(cpu_bad, 0);
    CHECK_EQ(reprog_bad, 0);
    CHECK_EQ(stub_reprogram_last[0], 0);        /* nothing left: disarmed */
}

/* A function that re-arms its own timer. */
static unsigned int rearm_left, rearm_runs;
static struct timer rearm;

static void rearm_fn(void *data)
{
    CHECK(data == &rearm_left);
    rearm_runs++;
    if ( rearm_left-- )
        set_timer(&rearm, NOW() + 100);
}

static void test_rearm(void)
{
    stub_now = 10000000;
    rearm_left = 5;
    init_timer(&rearm, rearm_fn, &rearm_left, 0);
    set_timer(&rearm, NOW() + 100);
    do_softirq();
    CHECK_EQ(stub_reprogram_last[0], stub_now + 100);
    for ( int i = 0; i < 20; i++ )
    {
        stub_now += 50;
        tick();
    }
    CHECK_EQ(rearm_runs, 6);
    CHECK(!timer_is_active(&rearm));
    /* A set in the past runs at the next softirq. */
    rearm_left = 0;
    set_timer(&rearm, 1);
    do_softirq();
    CHECK_EQ(rearm_runs, 7);
}

static unsigned int simple_runs;

static void simple_fn(void *data)
{
    (void)data;
    simple_runs++;
}

static void test_kill_migrate(void)
{
    struct timer a, b;

    stub_now = 20000000;
    simple_runs = 0;
    init_timer(&a, simple_fn, NULL, 0);
    set_timer(&a, stub_now + 10);
    CHECK(timer_is_active(&a));
    kill_timer(&a);
    CHECK(!timer_is_active(&a));
    set_timer(&a, stub_now + 10);           /* ignored */
    CHECK(!timer_is_active(&a));
    stub_now += 100;
    tick();
    CHECK_EQ(simple_runs, 0);

    init_timer(&b, simple_fn, NULL, 0);
    set_timer(&b, stub_now + 10);
    do_softirq();
    unsigned int kicks = stub_softirq_kicks[3];
    migrate_timer(&b, 3);
    CHECK(timer_is_active(&b));
    CHECK_EQ(b.cpu, 3);
    CHECK_EQ(stub_softirq_kicks[3], kicks + 1);
    CHECK(softirq_pending(3) & (1UL << TIMER_SOFTIRQ));
    stub_now += 100;
    tick();                                 /* CPU 0: nothing */
    CHECK_EQ(simple_runs, 0);
    CHECK_EQ(stub_reprogram_last[0], 0);
    stub_cpu_id = 3;
    tick();
    stub_cpu_id = 0;
    CHECK_EQ(simple_runs, 1);
    /* Migrating an inactive timer only changes its CPU. */
    migrate_timer(&b, 1);
    CHECK_EQ(b.cpu, 1);
    CHECK(!timer_is_active(&b));
    kill_timer(&b);
}

/* reprogram_timer() failing (time moved on) makes the softirq loop. */
static unsigned int hook_calls;

static bool slow_hook(s_time_t timeout)
{
    if ( hook_calls++ == 0 )
    {
        stub_now = timeout + 5;
        return false;
    }
    return timeout == 0 || timeout > NOW();
}

static void test_reprogram_retry(void)
{
    struct timer a, b;

    stub_now = 30000000;
    simple_runs = 0;
    init_timer(&a, simple_fn, NULL, 0);
    init_timer(&b, simple_fn, NULL, 0);
    set_timer(&a, stub_now + 10);
    set_timer(&b, stub_now + 20);
    stub_now += 10;
    stub_reprogram_hook = slow_hook;
    tick();
    stub_reprogram_hook = NULL;
    CHECK_EQ(simple_runs, 2);
    CHECK_EQ(hook_calls, 2);
    CHECK_EQ(stub_reprogram_last[0], 0);
}

/* Allocation failure: timers stay on the overflow list and still run. */
static void test_alloc_failure(void)
{
    struct timer t[3];

    /* CPU 7 has no heap yet; make its first growth fail. */
    stub_cpu_id = 7;
    stub_now = 40000000;
    simple_runs = 0;
    for ( int i = 0; i < 3; i++ )
    {
        init_timer(&t[i], simple_fn, NULL, 7);
        set_timer(&t[i], stub_now + 30 - 10 * i);
    }
    stub_xmalloc_fail = 1;
    do_softirq();
    CHECK_EQ(t[0].status, TIMER_STATUS_in_list);
    CHECK_EQ(stub_reprogram_last[7], stub_now + 10);
    stub_now += 15;
    tick();
    CHECK_EQ(simple_runs, 1);
    CHECK_EQ(stub_reprogram_last[7], stub_now + 5);
    stub_now += 15;
    tick();
    CHECK_EQ(simple_runs, 3);
    stub_cpu_id = 0;
}

/* kill_timer() waits for the function running on another CPU. */
static volatile int slow_started, slow_done;

static void slow_fn(void *data)
{
    (void)data;
    slow_started = 1;
    usleep(50000);
    slow_done = 1;
}

static void *cpu2_thread(void *arg)
{
    stub_cpu_id = 2;
    (void)arg;
    tick();
    return NULL;
}

static void test_kill_waits(void)
{
    struct timer s;
    pthread_t th;

    stub_now = 50000000;
    init_timer(&s, slow_fn, NULL, 2);
    set_timer(&s, stub_now - 1);
    pthread_create(&th, NULL, cpu2_thread, NULL);
    while ( !slow_started )
        usleep(1000);
    kill_timer(&s);
    CHECK(slow_done);
    pthread_join(th, NULL);
}

static void test_dump(void)
{
    struct timer a;

    stub_now = 60000000;
    init_timer(&a, simple_fn, &a, 4);
    set_timer(&a, stub_now + 5000);
    capture = true;
    dump_timers();
    capture = false;
    CHECK(strstr(outbuf, "CPU04") != NULL);
    CHECK(strstr(outbuf, "ex=5us") != NULL);
    kill_timer(&a);
}

int main(void)
{
    timer_init();
    test_random();
    test_rearm();
    test_kill_migrate();
    test_reprogram_retry();
    test_alloc_failure();
    test_kill_waits();
    test_dump();
    return test_done();
}
