/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CPU numbering and cross-CPU calls. CPU numbers are dense, 0 is the boot
 * CPU. The call-function primitive is in common/smp.c; bring-up in
 * arch/x86/smpboot.c.
 */
#ifndef __XEN_SMP_H__
#define __XEN_SMP_H__

#include <xen/types.h>
#include <asm/smp.h>     /* smp_processor_id(), NR_CPUS */

struct cpumask;

extern unsigned int nr_cpu_ids;     /* CPUs found in the MADT (possible) */

/*
 * Run func(info) on every CPU in mask that is online (the calling CPU
 * included if it is in the mask). If wait, return once every call has
 * returned. Context: IRQs on, no spinlock held (the targets may need it).
 */
void on_selected_cpus(const struct cpumask *mask, void (*func)(void *info),
                      void *info, bool wait);
/* As above for all online CPUs but the caller. */
void smp_call_function(void (*func)(void *info), void *info, bool wait);
/* Handler for the call-function IPI. Context: IRQs off. */
void smp_call_function_interrupt(void);

#endif /* __XEN_SMP_H__ */
