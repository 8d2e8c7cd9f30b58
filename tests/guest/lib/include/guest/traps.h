/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest test framework: exception handling. Every exception that a test
 * did not ask for is reported as "Test result: ERROR" with the CPU state.
 * A test can expect a fault in three ways: the exception table (the
 * *_safe() helpers below), exec_expect_fault() around a function, or a
 * hook installed with set_exception_hook().
 */
#ifndef GUEST_TRAPS_H
#define GUEST_TRAPS_H

#include <guest/x86.h>

/* EXINFO: what the exception table reports: bit 31 set, vector, error code. */
#define EXINFO_FAULTED       (1u << 31)
#define EXINFO(vec, ec)      (EXINFO_FAULTED | ((uint32_t)(vec) << 16) | \
                              ((uint32_t)(ec) & 0xffff))
#define EXINFO_VECTOR(info)  (((info) >> 16) & 0xff)
#define EXINFO_EC(info)      ((info) & 0xffff)

void traps_init(void);

/* Mnemonic of a vector ("#GP"), or "#??". */
const char *exception_name(unsigned int vector);

/*
 * Run fn(arg). Returns 0 if it returned, 1 if it raised an exception: the
 * vector goes to *vector (may be NULL) and execution resumes here. State
 * that fn changed before faulting stays changed.
 */
int exec_expect_fault(void (*fn)(void *), void *arg, unsigned int *vector);

/*
 * A hook sees every exception first. It returns true if it handled the
 * exception (it may change regs, e.g. advance rip), false to fall
 * through to the default handling. NULL removes it.
 */
typedef bool (*exception_hook_t)(struct cpu_regs *regs);
void set_exception_hook(exception_hook_t hook);

/*
 * Interrupt vectors 32-255: fn(regs) runs with interrupts off for each
 * one delivered (it must do its own EOI); NULL makes the vector
 * not-present again. Other vectors are ignored.
 */
typedef void (*irq_handler_t)(struct cpu_regs *regs);
void set_irq_handler(unsigned int vector, irq_handler_t fn);

/* Returns 0, or the EXINFO of the exception that RDMSR/WRMSR raised. */
static inline uint32_t rdmsr_safe(uint32_t msr, uint64_t *val)
{
    uint32_t lo = 0, hi = 0;
    uint64_t info = 0;

    asm volatile ( "1: rdmsr\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b)
                   : "=a" (lo), "=d" (hi), "+S" (info)
                   : "c" (msr) );
    *val = ((uint64_t)hi << 32) | lo;
    return (uint32_t)info;
}

static inline uint32_t wrmsr_safe(uint32_t msr, uint64_t val)
{
    uint64_t info = 0;

    asm volatile ( "1: wrmsr\n\t"
                   "2:\n\t"
                   ASM_EXTABLE(1b, 2b)
                   : "+S" (info)
                   : "c" (msr), "a" ((uint32_t)val),
                     "d" ((uint32_t)(val >> 32))
                   : "memory" );
    return (uint32_t)info;
}

#endif /* GUEST_TRAPS_H */
