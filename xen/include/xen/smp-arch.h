/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Arch hooks used by the cross-CPU call code in common/smp.c. The x86
 * side lives with the local APIC code.
 */
#ifndef __XEN_SMP_ARCH_H__
#define __XEN_SMP_ARCH_H__

struct cpumask;

/*
 * Send the call-function IPI to every CPU in mask (never the caller);
 * its handler must call smp_call_function_interrupt() with IRQs off.
 * Context: IRQs on, caller holds the call lock of common/smp.c.
 */
void arch_send_call_function_ipi(const struct cpumask *mask);

#endif /* __XEN_SMP_ARCH_H__ */
