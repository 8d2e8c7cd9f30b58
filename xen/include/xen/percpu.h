/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-CPU variables. DEFINE_PER_CPU puts the boot copy in .data.percpu;
 * each CPU gets its own copy at start of day and reaches it through
 * __per_cpu_offset[cpu] (arch/x86/percpu.c).
 */
#ifndef __XEN_PERCPU_H__
#define __XEN_PERCPU_H__

#include <xen/compiler.h>
#include <xen/smp.h>

#define DEFINE_PER_CPU(type, name) \
    __section(".data.percpu") __typeof__(type) per_cpu__##name
#define DECLARE_PER_CPU(type, name) \
    extern __typeof__(type) per_cpu__##name

extern unsigned long __per_cpu_offset[];

#define per_cpu_ptr(name, cpu) ({                                       \
    unsigned long _p = (unsigned long)&per_cpu__##name;                 \
    __asm__ ( "" : "+r" (_p) );  /* hide the origin from the compiler */ \
    (__typeof__(&per_cpu__##name))(_p + __per_cpu_offset[cpu]); })
#define per_cpu(name, cpu)  (*per_cpu_ptr(name, cpu))
#define this_cpu(name)      per_cpu(name, smp_processor_id())

#endif /* __XEN_PERCPU_H__ */
