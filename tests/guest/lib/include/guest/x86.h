/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest test framework: x86 instruction wrappers (CPUID, port I/O, MSRs,
 * control registers) and the register frame that exception handlers see.
 */
#ifndef GUEST_X86_H
#define GUEST_X86_H

#include <stdint.h>
#include <stdbool.h>

/* Saved by entry.S, lowest address first. */
struct cpu_regs {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error_code;
    uint64_t rip, cs, rflags, rsp, ss;      /* hardware frame */
};

#define X86_EXC_DE   0
#define X86_EXC_DB   1
#define X86_EXC_NMI  2
#define X86_EXC_BP   3
#define X86_EXC_OF   4
#define X86_EXC_BR   5
#define X86_EXC_UD   6
#define X86_EXC_NM   7
#define X86_EXC_DF   8
#define X86_EXC_TS  10
#define X86_EXC_NP  11
#define X86_EXC_SS  12
#define X86_EXC_GP  13
#define X86_EXC_PF  14
#define X86_EXC_MF  16
#define X86_EXC_AC  17
#define X86_EXC_MC  18
#define X86_EXC_XM  19

struct cpuid_res {
    uint32_t a, b, c, d;
};

static inline struct cpuid_res cpuid_count(uint32_t leaf, uint32_t subleaf)
{
    struct cpuid_res r;

    asm volatile ( "cpuid"
                   : "=a" (r.a), "=b" (r.b), "=c" (r.c), "=d" (r.d)
                   : "a" (leaf), "c" (subleaf) );
    return r;
}

static inline struct cpuid_res cpuid(uint32_t leaf)
{
    return cpuid_count(leaf, 0);
}

static inline void outb(uint8_t val, uint16_t port)
{
    asm volatile ( "outb %0, %1" :: "a" (val), "Nd" (port) );
}

static inline void outl(uint32_t val, uint16_t port)
{
    asm volatile ( "outl %0, %1" :: "a" (val), "Nd" (port) );
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t val;

    asm volatile ( "inb %1, %0" : "=a" (val) : "Nd" (port) );
    return val;
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    asm volatile ( "rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr) );
    return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t val)
{
    asm volatile ( "wrmsr" :: "c" (msr), "a" ((uint32_t)val),
                   "d" ((uint32_t)(val >> 32)) : "memory" );
}

#define DEFINE_READ_CR(n)                                       \
static inline uint64_t read_cr##n(void)                         \
{                                                               \
    uint64_t v;                                                 \
    asm volatile ( "mov %%cr" #n ", %0" : "=r" (v) );           \
    return v;                                                   \
}
DEFINE_READ_CR(0)
DEFINE_READ_CR(2)
DEFINE_READ_CR(3)
DEFINE_READ_CR(4)
#undef DEFINE_READ_CR

static inline void __attribute__((noreturn)) halt_forever(void)
{
    for ( ;; )
        asm volatile ( "cli; hlt" );
}

/*
 * Exception table: an instruction at label `fault` that raises an
 * exception resumes at `fixup` with RSI = EXINFO (see traps.h) instead
 * of being reported as unexpected.
 */
#define ASM_EXTABLE(fault, fixup)               \
    ".pushsection .ex_table, \"a\"\n\t"         \
    ".balign 8\n\t"                             \
    ".quad " #fault ", " #fixup "\n\t"          \
    ".popsection\n\t"

#endif /* GUEST_X86_H */
