/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The block %gs points at on every CPU: who this CPU is and where its
 * per-CPU data and stacks are. Set up by percpu.c before the CPU runs C
 * code that uses per-CPU variables.
 */
#ifndef __ASM_CURRENT_H__
#define __ASM_CURRENT_H__

#define CPU_LOCAL_self      0
#define CPU_LOCAL_cpu       8

#ifndef __ASSEMBLY__
#include <xen/types.h>

struct cpu_local {
    struct cpu_local *self;         /* [I] this block, read via %gs:0 */
    unsigned int cpu;               /* [I] dense CPU number */
    uint32_t apic_id;               /* [I] */
    unsigned long per_cpu_offset;   /* [I] */
    void *stack_top;                /* [I] top of the primary stack */
    unsigned int irq_nesting;       /* [V] */
};

static inline struct cpu_local *get_cpu_local(void)
{
    struct cpu_local *cl;

    __asm__ ( "mov %%gs:0, %0" : "=r" (cl) );
    return cl;
}
#endif

#endif /* __ASM_CURRENT_H__ */
