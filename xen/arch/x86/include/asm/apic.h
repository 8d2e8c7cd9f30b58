/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The local APIC (apic.c): xAPIC (MMIO) or x2APIC (MSR) access, per-CPU
 * set-up, EOI, inter-processor interrupts and the one-shot timer behind
 * reprogram_timer() (TSC-deadline, else the APIC timer in one-shot mode).
 */
#ifndef __ASM_APIC_H__
#define __ASM_APIC_H__

#include <xen/types.h>

/* Register offsets in the xAPIC page; x2APIC MSR = 0x800 + (off >> 4). */
#define APIC_ID         0x020
#define APIC_LVR        0x030
#define APIC_TASKPRI    0x080
#define APIC_EOI        0x0b0
#define APIC_SPIV       0x0f0
#define  APIC_SPIV_ENABLE   (1u << 8)
#define APIC_ESR        0x280
#define APIC_ICR        0x300
#define APIC_ICR2       0x310
#define APIC_LVTT       0x320
#define APIC_LVTTHMR    0x330
#define APIC_LVTPC      0x340
#define APIC_LVT0       0x350
#define APIC_LVT1       0x360
#define APIC_LVTERR     0x370
#define APIC_TMICT      0x380
#define APIC_TMCCT      0x390
#define APIC_TDCR       0x3e0

/* ICR and LVT bits (SDM Vol3 10.6.1, 10.5.1). */
#define APIC_DM_FIXED       0x00000
#define APIC_DM_NMI         0x00400
#define APIC_DM_INIT        0x00500
#define APIC_DM_STARTUP     0x00600
#define APIC_ICR_BUSY       0x01000
#define APIC_INT_ASSERT     0x04000
#define APIC_INT_LEVELTRIG  0x08000
#define APIC_LVT_MASKED     0x10000
#define APIC_DEST_SELF      0x40000
#define APIC_DEST_ALLBUT    0xc0000
#define APIC_TIMER_ONESHOT  (0u << 17)
#define APIC_TIMER_DEADLINE (2u << 17)

/* [I] after apic_init_bsp(): the mode every CPU uses. */
extern bool x2apic_enabled;

/*
 * Choose the APIC mode ("x2apic=" option, CPUID), map the xAPIC page,
 * set up the boot CPU's APIC and its timer (calibrating the one-shot
 * timer against the TSC if needed) and install the APIC vector handlers.
 * Context: boot CPU, IRQs off, after time_init().
 */
void apic_init_bsp(void);

/* Set up this secondary CPU's APIC and timer. Context: the AP, IRQs off. */
void apic_init_ap(void);

uint32_t apic_read(unsigned int reg);
void apic_write(unsigned int reg, uint32_t v);

/* Signal end of interrupt. Context: interrupt handler. */
void apic_eoi(void);

/* Hardware APIC id of the calling CPU. */
uint32_t apic_current_id(void);

/*
 * Send an IPI: icr_low holds the vector, delivery mode and level bits.
 * Waits for the xAPIC's delivery status (bounded). Context: any.
 */
void apic_send_ipi(uint32_t dest_apic_id, uint32_t icr_low);
/* The same to every CPU but the caller (destination shorthand). */
void apic_send_ipi_allbutself(uint32_t icr_low);
/* Fixed-vector IPI to CPU number cpu (must have a cpu_local block). */
void send_ipi_cpu(unsigned int cpu, unsigned int vector);

/*
 * The interrupted frame while this CPU runs a call-function IPI (NULL
 * otherwise), for register dumps. Context: the IPI's function.
 */
struct trap_regs *apic_irq_regs(void);

/* TIMER_VECTOR interrupts taken by cpu, and the timer mode in use. */
unsigned long apic_timer_irqs(unsigned int cpu);
const char *apic_timer_mode(void);

#endif /* __ASM_APIC_H__ */
