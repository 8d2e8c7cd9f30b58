/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host definitions every unit test needs: the per-thread "CPU" state read
 * by the stub asm/ headers; printk, panic and assertion failure on libc;
 * a counting arch_softirq_kick. Functions are weak so that a test may
 * supply its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <xen/lib.h>
#include <asm/smp.h>
#include <asm/system.h>

__thread unsigned long stub_eflags = X86_EFLAGS_IF;
__thread unsigned int stub_cpu_id;

__attribute__((weak)) void vprintk(const char *fmt, va_list args)
{
    vprintf(fmt, args);
}

__attribute__((weak)) void printk(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vprintk(fmt, args);
    va_end(args);
}

__attribute__((weak)) void panic(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    printf("PANIC: ");
    vprintf(fmt, args);
    va_end(args);
    fflush(stdout);
    abort();
}

__attribute__((weak)) void __bug(const char *cond, const char *file, int line)
{
    printf("BUG %s at %s:%d\n", cond ? cond : "", file, line);
    fflush(stdout);
    abort();
}

__attribute__((weak)) void __assert_failed(const char *expr, const char *file,
                                           int line)
{
    printf("Assertion '%s' failed at %s:%d\n", expr, file, line);
    fflush(stdout);
    abort();
}

/* Default arch_softirq_kick (xen/softirq.h): count kicks per CPU. */
unsigned int stub_softirq_kicks[NR_CPUS];

__attribute__((weak)) void arch_softirq_kick(unsigned int cpu)
{
    __atomic_fetch_add(&stub_softirq_kicks[cpu], 1, __ATOMIC_SEQ_CST);
}
