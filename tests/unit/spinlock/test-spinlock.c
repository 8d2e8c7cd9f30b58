/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests for common/spinlock.c: mutual exclusion of ticket locks under
 * contention, trylock, IRQ flag handling of the _irq variants, rwlock
 * reader/writer invariants and writer preference.
 */
#include <pthread.h>
#include <sched.h>
#include <unistd.h>
#include <xen/spinlock.h>
#include <asm/system.h>
#include "test.h"

#define NTHREADS    4
#define NITER       20000

static DEFINE_SPINLOCK(count_lock);
static unsigned long counter;       /* plain: only touched under count_lock */

static void *inc_thread(void *arg)
{
    (void)arg;
    for ( int i = 0; i < NITER; i++ )
    {
        spin_lock(&count_lock);
        counter++;
        spin_unlock(&count_lock);
    }
    return NULL;
}

static void test_spin_contention(void)
{
    pthread_t t[NTHREADS];

    for ( int i = 0; i < NTHREADS; i++ )
        pthread_create(&t[i], NULL, inc_thread, NULL);
    for ( int i = 0; i < NTHREADS; i++ )
        pthread_join(t[i], NULL);
    CHECK_EQ(counter, (unsigned long)NTHREADS * NITER);
    CHECK(!spin_is_locked(&count_lock));
}

static void test_spin_basic(void)
{
    spinlock_t l;
    unsigned long flags;

    spin_lock_init(&l);
    CHECK(!spin_is_locked(&l));
    CHECK(spin_trylock(&l));
    CHECK(spin_is_locked(&l));
    CHECK(!spin_trylock(&l));
    spin_unlock(&l);
    CHECK(!spin_is_locked(&l));

    /* Ticket wrap-around keeps working. */
    for ( int i = 0; i < 70000; i++ )
    {
        spin_lock(&l);
        spin_unlock(&l);
    }
    CHECK(spin_trylock(&l));
    spin_unlock(&l);

    spin_lock_irq(&l);
    CHECK(!local_irq_is_enabled());
    spin_unlock_irq(&l);
    CHECK(local_irq_is_enabled());

    spin_lock_irqsave(&l, flags);
    CHECK(!local_irq_is_enabled());
    spin_unlock_irqrestore(&l, flags);
    CHECK(local_irq_is_enabled());

    local_irq_disable();
    spin_lock_irqsave(&l, flags);
    spin_unlock_irqrestore(&l, flags);
    CHECK(!local_irq_is_enabled());
    local_irq_enable();
}

/* rwlock: writers keep a == b; readers check it and count overlap. */
static DEFINE_RWLOCK(rw);
static unsigned long val_a, val_b;
static int nreaders, nwriters, bad;
static int max_readers;

static void *reader_thread(void *arg)
{
    (void)arg;
    for ( int i = 0; i < NITER; i++ )
    {
        read_lock(&rw);
        int r = __atomic_add_fetch(&nreaders, 1, __ATOMIC_SEQ_CST);
        int m = __atomic_load_n(&max_readers, __ATOMIC_RELAXED);

        if ( r > m )
            __atomic_store_n(&max_readers, r, __ATOMIC_RELAXED);
        if ( __atomic_load_n(&nwriters, __ATOMIC_SEQ_CST) ||
             READ_ONCE(val_a) != READ_ONCE(val_b) )
            __atomic_add_fetch(&bad, 1, __ATOMIC_SEQ_CST);
        __atomic_sub_fetch(&nreaders, 1, __ATOMIC_SEQ_CST);
        read_unlock(&rw);
    }
    return NULL;
}

static void *writer_thread(void *arg)
{
    (void)arg;
    for ( int i = 0; i < NITER / 4; i++ )
    {
        write_lock(&rw);
        if ( __atomic_add_fetch(&nwriters, 1, __ATOMIC_SEQ_CST) != 1 ||
             __atomic_load_n(&nreaders, __ATOMIC_SEQ_CST) )
            __atomic_add_fetch(&bad, 1, __ATOMIC_SEQ_CST);
        WRITE_ONCE(val_a, val_a + 1);
        WRITE_ONCE(val_b, val_b + 1);
        __atomic_sub_fetch(&nwriters, 1, __ATOMIC_SEQ_CST);
        write_unlock(&rw);
    }
    return NULL;
}

static void test_rw_contention(void)
{
    pthread_t r[3], w[2];

    for ( int i = 0; i < 3; i++ )
        pthread_create(&r[i], NULL, reader_thread, NULL);
    for ( int i = 0; i < 2; i++ )
        pthread_create(&w[i], NULL, writer_thread, NULL);
    for ( int i = 0; i < 3; i++ )
        pthread_join(r[i], NULL);
    for ( int i = 0; i < 2; i++ )
        pthread_join(w[i], NULL);
    CHECK_EQ(bad, 0);
    CHECK_EQ(val_a, 2UL * (NITER / 4));
    CHECK(!rw_is_locked(&rw));
    printf("# max concurrent readers seen: %d\n", max_readers);
}

static void test_rw_basic(void)
{
    rwlock_t l;

    rwlock_init(&l);
    CHECK(!rw_is_locked(&l));
    CHECK(read_trylock(&l));
    CHECK(read_trylock(&l));
    CHECK(rw_is_locked(&l));
    CHECK(!rw_is_write_locked(&l));
    CHECK(!write_trylock(&l));
    read_unlock(&l);
    read_unlock(&l);
    CHECK(write_trylock(&l));
    CHECK(rw_is_write_locked(&l));
    CHECK(!read_trylock(&l));
    CHECK(!write_trylock(&l));
    write_unlock(&l);
    CHECK(!rw_is_locked(&l));
    write_lock(&l);
    write_unlock(&l);
    read_lock(&l);
    read_unlock(&l);
    CHECK(!rw_is_locked(&l));
}

/* Writer preference: a waiting writer blocks new readers. */
static DEFINE_RWLOCK(pref);
static int order[2], order_n;

static void *pref_writer(void *arg)
{
    (void)arg;
    write_lock(&pref);
    order[__atomic_fetch_add(&order_n, 1, __ATOMIC_SEQ_CST)] = 'W';
    write_unlock(&pref);
    return NULL;
}

static void *pref_reader(void *arg)
{
    (void)arg;
    read_lock(&pref);
    order[__atomic_fetch_add(&order_n, 1, __ATOMIC_SEQ_CST)] = 'R';
    read_unlock(&pref);
    return NULL;
}

static void test_rw_writer_preference(void)
{
    pthread_t w, r;

    read_lock(&pref);
    pthread_create(&w, NULL, pref_writer, NULL);
    /* Wait until the writer announces itself (cnts bit 30). */
    while ( !(__atomic_load_n(&pref.cnts, __ATOMIC_SEQ_CST) & (1U << 30)) )
        sched_yield();
    CHECK(!read_trylock(&pref));
    pthread_create(&r, NULL, pref_reader, NULL);
    usleep(20000);
    CHECK_EQ(__atomic_load_n(&order_n, __ATOMIC_SEQ_CST), 0);
    read_unlock(&pref);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    CHECK_EQ(order_n, 2);
    CHECK_EQ(order[0], 'W');
    CHECK_EQ(order[1], 'R');
}

int main(void)
{
    test_spin_basic();
    test_spin_contention();
    test_rw_basic();
    test_rw_contention();
    test_rw_writer_preference();
    return test_done();
}
