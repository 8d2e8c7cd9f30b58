/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Read-copy-update for read-mostly data (common/rcu.c). Readers run
 * without locks between rcu_read_lock() and rcu_read_unlock(); hypervisor
 * code never blocks or switches context inside such a section, so a CPU
 * that reaches do_softirq() or the idle loop has left all its sections:
 * that is a quiescent state. An updater publishes a new version with
 * rcu_assign_pointer() and frees the old one from a call_rcu() callback,
 * which runs once every online, non-idle CPU has passed a quiescent state.
 */
#ifndef __XEN_RCU_H__
#define __XEN_RCU_H__

#include <xen/compiler.h>
#include <xen/types.h>

struct rcu_head {
    struct rcu_head *next;                  /* [V] queue link */
    void (*func)(struct rcu_head *head);    /* [V] callback */
};

/* Read-side markers: no code, only compiler barriers. Nest freely. */
#define rcu_read_lock()     barrier()
#define rcu_read_unlock()   barrier()

/* Load an RCU-protected pointer (an lvalue) inside a read section. */
#define rcu_dereference(p)  __atomic_load_n(&(p), __ATOMIC_CONSUME)

/* Publish v in the RCU-protected pointer p: v's contents are visible first. */
#define rcu_assign_pointer(p, v) __atomic_store_n(&(p), (v), __ATOMIC_RELEASE)

/*
 * Queue func(head) to run on this CPU from RCU_SOFTIRQ after a full grace
 * period (every online non-idle CPU passed a quiescent state). head is
 * usually embedded in the object to free. Context: any.
 */
void call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *head));

/*
 * Wait for a full grace period. Context: IRQs on, no lock held, not in a
 * read section; spins (other CPUs must reach softirq or idle).
 */
void synchronize_rcu(void);

/*
 * cpu (the calling CPU) is in a quiescent state now: report it to the
 * grace period in progress, advance its callbacks, raise RCU_SOFTIRQ if
 * some are ready. Called by the RCU_SOFTIRQ handler; the idle loop may
 * call it directly. Context: not in a read section.
 */
void rcu_note_quiescent(unsigned int cpu);

/* Whether cpu has RCU work (a hint, read without the lock). Context: any. */
bool rcu_pending(unsigned int cpu);

/*
 * Raise RCU_SOFTIRQ on cpu if it has RCU work. For the timer tick and
 * other places that may be inside a read section. Context: any.
 */
void rcu_check_callbacks(unsigned int cpu);

/*
 * The idle loop brackets its halt with these (cpu is the calling CPU):
 * grace periods do not wait for idle CPUs. Callbacks of an idle CPU
 * still run: it is woken by an RCU_SOFTIRQ kick. Context: IRQs on or off.
 */
void rcu_idle_enter(unsigned int cpu);
void rcu_idle_exit(unsigned int cpu);

/* Register RCU_SOFTIRQ. Call once at boot, after softirqs, before SMP. */
void rcu_init(void);

#endif /* __XEN_RCU_H__ */
