/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ticket spinlocks and writer-preferring reader-writer locks, built on the
 * compiler's __atomic builtins. Declared in xen/spinlock.h. Lock debugging
 * (IRQ-safety consistency, owner tracking) is not implemented.
 *
 * Locking: this file implements locks and owns none.
 */
#include <xen/lib.h>
#include <xen/spinlock.h>
#include <asm/system.h>

void spin_lock_init(spinlock_t *lock)
{
    lock->head = 0;
    lock->tail = 0;
}

void spin_lock(spinlock_t *lock)
{
    uint16_t ticket = __atomic_fetch_add(&lock->tail, 1, __ATOMIC_RELAXED);

    while ( __atomic_load_n(&lock->head, __ATOMIC_ACQUIRE) != ticket )
        cpu_relax();
}

void spin_unlock(spinlock_t *lock)
{
    ASSERT(spin_is_locked(lock));
    /* Only the holder writes head, so a plain read-increment is enough. */
    __atomic_store_n(&lock->head, (uint16_t)(lock->head + 1),
                     __ATOMIC_RELEASE);
}

/*
 * Take the next ticket only if it is the one being served. head cannot
 * move while head == tail (nobody holds the lock), so the tail CAS alone
 * decides; a stale head would need 65536 acquisitions inside this window.
 */
bool spin_trylock(spinlock_t *lock)
{
    uint16_t head = __atomic_load_n(&lock->head, __ATOMIC_RELAXED);
    uint16_t want = head;

    return __atomic_compare_exchange_n(&lock->tail, &want,
                                       (uint16_t)(head + 1), false,
                                       __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

bool spin_is_locked(const spinlock_t *lock)
{
    return __atomic_load_n(&lock->head, __ATOMIC_RELAXED) !=
           __atomic_load_n(&lock->tail, __ATOMIC_RELAXED);
}

void spin_lock_irq(spinlock_t *lock)
{
    ASSERT(local_irq_is_enabled());
    local_irq_disable();
    spin_lock(lock);
}

void spin_unlock_irq(spinlock_t *lock)
{
    spin_unlock(lock);
    local_irq_enable();
}

unsigned long _spin_lock_irqsave(spinlock_t *lock)
{
    unsigned long flags = local_irq_save();

    spin_lock(lock);
    return flags;
}

void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
    spin_unlock(lock);
    local_irq_restore(flags);
}

/*
 * rwlock: cnts bit 31 is set while a writer holds the lock, bit 30 while a
 * writer waits for readers to drain, bits 0-29 count readers (including
 * readers that incremented optimistically and are about to back off).
 * A writer takes 'wait', sets WAITING and waits for the readers to leave;
 * new readers see WAITING, back off and queue on 'wait' behind it. That
 * gives writers preference over newly arriving readers.
 */
#define RW_WRITER       (1U << 31)
#define RW_WAITING      (1U << 30)
#define RW_READER       1U

void rwlock_init(rwlock_t *lock)
{
    lock->cnts = 0;
    spin_lock_init(&lock->wait);
}

void read_lock(rwlock_t *lock)
{
    uint32_t c = __atomic_fetch_add(&lock->cnts, RW_READER,
                                    __ATOMIC_ACQUIRE);

    if ( likely(!(c & (RW_WRITER | RW_WAITING))) )
        return;

    /* Back off and queue behind the writer(s). */
    __atomic_fetch_sub(&lock->cnts, RW_READER, __ATOMIC_RELAXED);
    spin_lock(&lock->wait);
    /* No writer can be waiting now (it would hold 'wait'); one may hold. */
    __atomic_fetch_add(&lock->cnts, RW_READER, __ATOMIC_ACQUIRE);
    while ( __atomic_load_n(&lock->cnts, __ATOMIC_ACQUIRE) & RW_WRITER )
        cpu_relax();
    spin_unlock(&lock->wait);
}

void read_unlock(rwlock_t *lock)
{
    ASSERT(__atomic_load_n(&lock->cnts, __ATOMIC_RELAXED) & ~(RW_WRITER |
                                                              RW_WAITING));
    __atomic_fetch_sub(&lock->cnts, RW_READER, __ATOMIC_RELEASE);
}

bool read_trylock(rwlock_t *lock)
{
    uint32_t c = __atomic_load_n(&lock->cnts, __ATOMIC_RELAXED);

    do {
        if ( c & (RW_WRITER | RW_WAITING) )
            return false;
    } while ( !__atomic_compare_exchange_n(&lock->cnts, &c, c + RW_READER,
                                           true, __ATOMIC_ACQUIRE,
                                           __ATOMIC_RELAXED) );
    return true;
}

void write_lock(rwlock_t *lock)
{
    uint32_t c = 0;

    if ( __atomic_compare_exchange_n(&lock->cnts, &c, RW_WRITER, false,
                                     __ATOMIC_ACQUIRE, __ATOMIC_RELAXED) )
        return;

    spin_lock(&lock->wait);
    __atomic_fetch_or(&lock->cnts, RW_WAITING, __ATOMIC_RELAXED);
    for ( ; ; )
    {
        /* Readers drain; the previous writer (if any) releases. */
        c = RW_WAITING;
        if ( __atomic_compare_exchange_n(&lock->cnts, &c, RW_WRITER, false,
                                         __ATOMIC_ACQUIRE,
                                         __ATOMIC_RELAXED) )
            break;
        cpu_relax();
    }
    spin_unlock(&lock->wait);
}

void write_unlock(rwlock_t *lock)
{
    ASSERT(rw_is_write_locked(lock));
    __atomic_fetch_sub(&lock->cnts, RW_WRITER, __ATOMIC_RELEASE);
}

bool write_trylock(rwlock_t *lock)
{
    uint32_t c = 0;

    return __atomic_compare_exchange_n(&lock->cnts, &c, RW_WRITER, false,
                                       __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

bool rw_is_locked(const rwlock_t *lock)
{
    return __atomic_load_n(&lock->cnts, __ATOMIC_RELAXED) & ~RW_WAITING;
}

bool rw_is_write_locked(const rwlock_t *lock)
{
    return __atomic_load_n(&lock->cnts, __ATOMIC_RELAXED) & RW_WRITER;
}
