/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Softirqs: per-CPU deferred work run by do_softirq() with IRQs enabled,
 * at points where the CPU holds no lock and is in no RCU read section
 * (idle loop, return to guest). common/softirq.c.
 */
#ifndef __XEN_SOFTIRQ_H__
#define __XEN_SOFTIRQ_H__

#include <xen/types.h>

/* Lower numbers run first. */
enum {
    TIMER_SOFTIRQ,
    SCHEDULE_SOFTIRQ,
    RCU_SOFTIRQ,
    KEYPRESS_SOFTIRQ,
    NR_SOFTIRQS
};

typedef void (*softirq_handler_t)(void);

/* Install the handler for softirq nr (once, at boot). */
void open_softirq(unsigned int nr, softirq_handler_t handler);

/* Mark nr pending on this CPU. Context: any. */
void raise_softirq(unsigned int nr);

/*
 * Mark nr pending on cpu; if cpu is another CPU and nr was not already
 * pending there, kick it with arch_softirq_kick(). Context: any.
 */
void cpu_raise_softirq(unsigned int cpu, unsigned int nr);

/*
 * Run pending softirqs on this CPU until none is pending. Context: IRQs
 * on, no lock held, not in an RCU read section, not nested in a handler.
 */
void do_softirq(void);

/* Bitmap of softirqs pending on cpu (bit nr set: nr pending). */
unsigned long softirq_pending(unsigned int cpu);

/*
 * Arch hook: make cpu notice newly pending softirqs soon, normally by an
 * event-check IPI that leaves it through the softirq check on its exit
 * path. Context: any; must not take locks an IRQ handler may hold.
 */
void arch_softirq_kick(unsigned int cpu);

#endif /* __XEN_SOFTIRQ_H__ */
