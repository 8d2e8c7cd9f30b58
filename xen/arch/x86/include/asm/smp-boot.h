/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Secondary CPU bring-up (smpboot.c, boot/trampoline.S), stopping the
 * other CPUs on panic, and the idle loop every CPU ends in
 * (setup-late.c).
 */
#ifndef __ASM_SMP_BOOT_H__
#define __ASM_SMP_BOOT_H__

#include <xen/compiler.h>
#include <xen/types.h>

/*
 * Number the CPUs of the MADT (boot CPU = 0), fill cpu_possible_map and
 * start every enabled one with INIT-SIPI-SIPI; prints "Brought up <N>
 * CPUs". A CPU that does not answer within 1 s is reported and left out.
 * Context: boot CPU, IRQs on, after apic_init_bsp() and timer_init().
 */
void smp_boot_cpus(void);

/* 64-bit C entry of a secondary CPU (from trampoline.S). */
void start_secondary(unsigned int cpu) __noreturn;

/*
 * Run softirqs; halt when there is nothing to do. Context: the CPU's
 * boot path, IRQs in any state; never returns.
 */
void idle_loop(void) __noreturn;

/* Register 'c' (CPU state) and '0' (all CPUs' registers) debug keys. */
void smp_register_keys(void);

#endif /* __ASM_SMP_BOOT_H__ */
