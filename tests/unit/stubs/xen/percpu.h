/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stub of xen/percpu.h: a per-CPU variable is a plain array of
 * NR_CPUS copies, indexed by CPU number.
 */
#ifndef __XEN_PERCPU_H__
#define __XEN_PERCPU_H__

#include <xen/compiler.h>
#include <xen/smp.h>

#define DEFINE_PER_CPU(type, name) \
    __typeof__(type) per_cpu__##name[NR_CPUS]
#define DECLARE_PER_CPU(type, name) \
    extern __typeof__(type) per_cpu__##name[NR_CPUS]

#define per_cpu_ptr(name, cpu)  (&per_cpu__##name[cpu])
#define per_cpu(name, cpu)      (per_cpu__##name[cpu])
#define this_cpu(name)          per_cpu(name, smp_processor_id())

#endif /* __XEN_PERCPU_H__ */
