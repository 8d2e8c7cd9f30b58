/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Trap and interrupt dispatch (traps.c). Exceptions in the hypervisor are
 * fatal and reported; vectors 0x20-0xff go to the handler registered for
 * them; NMIs go to the current NMI callback.
 */
#ifndef __ASM_TRAPS_H__
#define __ASM_TRAPS_H__

#include <asm/regs.h>

#define FIRST_DYNAMIC_VECTOR    0x30
#define SERIAL_VECTOR           0x40
#define TIMER_VECTOR            0xf0    /* local APIC timer */
#define CALL_FUNCTION_VECTOR    0xf1
#define EVENT_CHECK_VECTOR      0xf2    /* wake a CPU to run softirqs */
#define ERROR_APIC_VECTOR       0xfe
#define SPURIOUS_APIC_VECTOR    0xff

typedef void (*vector_handler_t)(struct trap_regs *regs);

/* Route vector (>= 0x20) to fn. The handler must EOI the interrupt. */
void set_vector_handler(unsigned int vector, vector_handler_t fn);

/* Entry from entry.S. */
void do_trap(struct trap_regs *regs);

/*
 * Run fn on this CPU's next NMI instead of the default (which reports an
 * unexpected NMI). Returns the previous callback.
 */
typedef void (*nmi_callback_t)(struct trap_regs *regs);
nmi_callback_t set_nmi_callback(nmi_callback_t fn);

/* Count of interrupts taken per CPU (for the 'c' debug key). */
unsigned long irq_count(unsigned int cpu);

#endif /* __ASM_TRAPS_H__ */
