/* SPDX-License-Identifier: GPL-2.0-only */
/* Host stub of asm/system.h: an "interrupt flag" per thread, real fences. */
#ifndef __ASM_SYSTEM_H__
#define __ASM_SYSTEM_H__

#include <xen/compiler.h>
#include <xen/types.h>

#define X86_EFLAGS_IF   (1UL << 9)

extern __thread unsigned long stub_eflags;

static inline void local_irq_disable(void) { stub_eflags &= ~X86_EFLAGS_IF; }
static inline void local_irq_enable(void) { stub_eflags |= X86_EFLAGS_IF; }
static inline unsigned long local_save_flags(void) { return stub_eflags; }
static inline unsigned long local_irq_save(void)
{
    unsigned long f = stub_eflags;

    local_irq_disable();
    return f;
}
static inline void local_irq_restore(unsigned long f)
{
    if ( f & X86_EFLAGS_IF )
        local_irq_enable();
}
static inline bool local_irq_is_enabled(void)
{
    return stub_eflags & X86_EFLAGS_IF;
}

#define smp_mb()    __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb()   __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb()   __atomic_thread_fence(__ATOMIC_RELEASE)

static inline void cpu_relax(void) { __asm__ __volatile__ ( "pause" ); }
static inline void safe_halt(void) { local_irq_enable(); }
static inline void halt(void) { }

#endif /* __ASM_SYSTEM_H__ */
