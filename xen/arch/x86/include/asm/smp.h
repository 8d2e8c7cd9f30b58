/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 side of CPU numbering: the CPU number lives in the per-CPU block
 * that %gs points at (struct cpu_local in asm/current.h).
 */
#ifndef __ASM_SMP_H__
#define __ASM_SMP_H__

#define NR_CPUS 64

#ifndef __ASSEMBLY__
#include <asm/current.h>

static inline unsigned int smp_processor_id(void)
{
    return get_cpu_local()->cpu;
}
#endif

#endif /* __ASM_SMP_H__ */
