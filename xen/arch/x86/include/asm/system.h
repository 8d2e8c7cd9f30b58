/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupt flag control, memory barriers and CPU relax/halt for x86-64.
 * Common code reaches these through <asm/system.h>; host unit tests use the
 * stub in tests/unit/stubs/asm/system.h.
 */
#ifndef __ASM_SYSTEM_H__
#define __ASM_SYSTEM_H__

#include <xen/types.h>

#define X86_EFLAGS_IF   (1UL << 9)

static inline void local_irq_disable(void)
{
    __asm__ __volatile__ ( "cli" ::: "memory" );
}

static inline void local_irq_enable(void)
{
    __asm__ __volatile__ ( "sti" ::: "memory" );
}

static inline unsigned long local_save_flags(void)
{
    unsigned long f;

    __asm__ __volatile__ ( "pushf; pop %0" : "=r" (f) :: "memory" );
    return f;
}

static inline unsigned long local_irq_save(void)
{
    unsigned long f = local_save_flags();

    local_irq_disable();
    return f;
}

static inline void local_irq_restore(unsigned long flags)
{
    if ( flags & X86_EFLAGS_IF )
        local_irq_enable();
}

static inline bool local_irq_is_enabled(void)
{
    return local_save_flags() & X86_EFLAGS_IF;
}

/* x86 is TSO: only store->load ordering needs a fence. */
#define smp_mb()    __asm__ __volatile__ ( "mfence" ::: "memory" )
#define smp_rmb()   barrier()
#define smp_wmb()   barrier()

static inline void cpu_relax(void)
{
    __asm__ __volatile__ ( "pause" ::: "memory" );
}

/* Enable interrupts and halt until the next one (sti shadow covers hlt). */
static inline void safe_halt(void)
{
    __asm__ __volatile__ ( "sti; hlt" ::: "memory" );
}

static inline void halt(void)
{
    __asm__ __volatile__ ( "hlt" ::: "memory" );
}

#endif /* __ASM_SYSTEM_H__ */
