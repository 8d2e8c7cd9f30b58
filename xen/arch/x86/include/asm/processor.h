/* SPDX-License-Identifier: GPL-2.0-only */
/* CPUID, MSR and control-register access. */
#ifndef __ASM_PROCESSOR_H__
#define __ASM_PROCESSOR_H__

#include <xen/types.h>

#define X86_CR0_WP      (1UL << 16)
#define X86_CR4_PAE     (1UL << 5)
#define X86_CR4_PGE     (1UL << 7)
#define X86_CR4_OSFXSR  (1UL << 9)
#define X86_CR4_OSXMMEXCPT (1UL << 10)
#define X86_CR4_SMEP    (1UL << 20)
#define X86_CR4_SMAP    (1UL << 21)

struct cpuid_regs {
    uint32_t eax, ebx, ecx, edx;
};

static inline void cpuid_count(uint32_t leaf, uint32_t sub,
                               struct cpuid_regs *r)
{
    __asm__ __volatile__ ( "cpuid"
                           : "=a" (r->eax), "=b" (r->ebx), "=c" (r->ecx),
                             "=d" (r->edx)
                           : "a" (leaf), "c" (sub) );
}

static inline void cpuid(uint32_t leaf, struct cpuid_regs *r)
{
    cpuid_count(leaf, 0, r);
}

static inline uint32_t cpuid_max_leaf(uint32_t base)
{
    struct cpuid_regs r;

    cpuid(base, &r);
    return r.eax;
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    __asm__ __volatile__ ( "rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr) );
    return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ __volatile__ ( "wrmsr" :: "c" (msr), "a" ((uint32_t)v),
                           "d" ((uint32_t)(v >> 32)) : "memory" );
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__ ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

static inline unsigned long read_cr4(void)
{
    unsigned long v;

    __asm__ __volatile__ ( "mov %%cr4, %0" : "=r" (v) );
    return v;
}

static inline void write_cr4(unsigned long v)
{
    __asm__ __volatile__ ( "mov %0, %%cr4" :: "r" (v) : "memory" );
}

static inline unsigned long read_cr3(void)
{
    unsigned long v;

    __asm__ __volatile__ ( "mov %%cr3, %0" : "=r" (v) );
    return v;
}

static inline void write_cr3(unsigned long v)
{
    __asm__ __volatile__ ( "mov %0, %%cr3" :: "r" (v) : "memory" );
}

static inline void invlpg(const void *va)
{
    __asm__ __volatile__ ( "invlpg (%0)" :: "r" (va) : "memory" );
}

#endif /* __ASM_PROCESSOR_H__ */
