/* SPDX-License-Identifier: GPL-2.0-only */
/* Per-CPU data areas and cpu_local blocks (percpu.c). */
#ifndef __ASM_PERCPU_AREA_H__
#define __ASM_PERCPU_AREA_H__

#include <xen/types.h>
#include <asm/current.h>

/*
 * Give cpu its own copy of the per-CPU data (copied from the link-time
 * image) and a cpu_local block. Returns 0 or -ENOMEM. Context: boot CPU.
 */
int percpu_alloc(unsigned int cpu, uint32_t apic_id);
/* The cpu_local block of cpu (for bring-up code). */
struct cpu_local *percpu_local(unsigned int cpu);
/* Point %gs at cpu's block. Context: that CPU. */
void percpu_load(unsigned int cpu);

#endif /* __ASM_PERCPU_AREA_H__ */
