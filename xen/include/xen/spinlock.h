/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ticket spinlocks and reader-writer locks (common/spinlock.c).
 * A spinlock hands itself out in FIFO order; a rwlock lets many readers in
 * at once and makes new readers wait while a writer waits.
 * Locks are not recursive. The _irq variants disable interrupts on the
 * local CPU; use them for any lock also taken from an interrupt handler.
 */
#ifndef __XEN_SPINLOCK_H__
#define __XEN_SPINLOCK_H__

#include <xen/types.h>

typedef struct spinlock {
    uint16_t head;              /* [A] ticket now being served */
    uint16_t tail;              /* [A] next ticket to hand out */
} spinlock_t;

#define SPIN_LOCK_UNLOCKED      { 0, 0 }
#define DEFINE_SPINLOCK(l)      spinlock_t l = SPIN_LOCK_UNLOCKED

void spin_lock_init(spinlock_t *lock);
void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
/* Returns true if the lock was taken. */
bool spin_trylock(spinlock_t *lock);
/* True if any CPU holds the lock (for ASSERTs). */
bool spin_is_locked(const spinlock_t *lock);

void spin_lock_irq(spinlock_t *lock);
void spin_unlock_irq(spinlock_t *lock);
unsigned long _spin_lock_irqsave(spinlock_t *lock);
void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);
#define spin_lock_irqsave(l, f) ((f) = _spin_lock_irqsave(l))

typedef struct rwlock {
    uint32_t cnts;              /* [A] bit 31: writer holds; low bits: readers */
    spinlock_t wait;            /* queue writers (and readers behind them) */
} rwlock_t;

#define RW_LOCK_UNLOCKED        { 0, SPIN_LOCK_UNLOCKED }
#define DEFINE_RWLOCK(l)        rwlock_t l = RW_LOCK_UNLOCKED

void rwlock_init(rwlock_t *lock);
void read_lock(rwlock_t *lock);
void read_unlock(rwlock_t *lock);
void write_lock(rwlock_t *lock);
void write_unlock(rwlock_t *lock);
bool read_trylock(rwlock_t *lock);
bool write_trylock(rwlock_t *lock);
bool rw_is_locked(const rwlock_t *lock);
bool rw_is_write_locked(const rwlock_t *lock);

#endif /* __XEN_SPINLOCK_H__ */
