/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CPU sets: a bitmap of NR_CPUS bits wrapped in a struct so that it can
 * be assigned and passed by pointer with type checking. The per-CPU
 * updates (cpumask_set_cpu() etc.) are atomic; whole-mask operations are
 * not. cpu_online_map and cpu_possible_map are defined by the SMP
 * bring-up code (arch/x86/smpboot.c).
 */
#ifndef __XEN_CPUMASK_H__
#define __XEN_CPUMASK_H__

#include <xen/bitmap.h>
#include <xen/lib.h>
#include <xen/smp.h>        /* NR_CPUS, struct cpumask forward declaration */

typedef struct cpumask {
    unsigned long bits[BITS_TO_LONGS(NR_CPUS)];
} cpumask_t;

/* CPUs that have booted and run (possible: found in the MADT). */
extern cpumask_t cpu_online_map;
extern cpumask_t cpu_possible_map;

#define cpumask_bits(m) ((m)->bits)

static inline void cpumask_set_cpu(unsigned int cpu, cpumask_t *m)
{
    ASSERT(cpu < NR_CPUS);
    set_bit(cpu, m->bits);
}

static inline void cpumask_clear_cpu(unsigned int cpu, cpumask_t *m)
{
    ASSERT(cpu < NR_CPUS);
    clear_bit(cpu, m->bits);
}

/* Non-atomic forms for masks nobody else can see yet. */
static inline void __cpumask_set_cpu(unsigned int cpu, cpumask_t *m)
{
    ASSERT(cpu < NR_CPUS);
    __set_bit(cpu, m->bits);
}

static inline void __cpumask_clear_cpu(unsigned int cpu, cpumask_t *m)
{
    ASSERT(cpu < NR_CPUS);
    __clear_bit(cpu, m->bits);
}

static inline bool cpumask_test_cpu(unsigned int cpu, const cpumask_t *m)
{
    ASSERT(cpu < NR_CPUS);
    return test_bit(cpu, m->bits);
}

/* Atomically set (clear) the bit and return its old value. */
static inline bool cpumask_test_and_set_cpu(unsigned int cpu, cpumask_t *m)
{
    ASSERT(cpu < NR_CPUS);
    return test_and_set_bit(cpu, m->bits);
}

static inline bool cpumask_test_and_clear_cpu(unsigned int cpu, cpumask_t *m)
{
    ASSERT(cpu < NR_CPUS);
    return test_and_clear_bit(cpu, m->bits);
}

static inline void cpumask_clear(cpumask_t *m)
{
    bitmap_zero(m->bits, NR_CPUS);
}

static inline void cpumask_setall(cpumask_t *m)
{
    bitmap_fill(m->bits, NR_CPUS);
}

static inline void cpumask_copy(cpumask_t *dst, const cpumask_t *src)
{
    bitmap_copy(dst->bits, src->bits, NR_CPUS);
}

static inline void cpumask_and(cpumask_t *dst, const cpumask_t *a,
                               const cpumask_t *b)
{
    bitmap_and(dst->bits, a->bits, b->bits, NR_CPUS);
}

static inline void cpumask_or(cpumask_t *dst, const cpumask_t *a,
                              const cpumask_t *b)
{
    bitmap_or(dst->bits, a->bits, b->bits, NR_CPUS);
}

/* dst = a & ~b */
static inline void cpumask_andnot(cpumask_t *dst, const cpumask_t *a,
                                  const cpumask_t *b)
{
    bitmap_andnot(dst->bits, a->bits, b->bits, NR_CPUS);
}

static inline bool cpumask_equal(const cpumask_t *a, const cpumask_t *b)
{
    return bitmap_equal(a->bits, b->bits, NR_CPUS);
}

static inline bool cpumask_intersects(const cpumask_t *a, const cpumask_t *b)
{
    return bitmap_intersects(a->bits, b->bits, NR_CPUS);
}

/* Whether every CPU in a is also in b. */
static inline bool cpumask_subset(const cpumask_t *a, const cpumask_t *b)
{
    return bitmap_subset(a->bits, b->bits, NR_CPUS);
}

static inline bool cpumask_empty(const cpumask_t *m)
{
    return bitmap_empty(m->bits, NR_CPUS);
}

static inline bool cpumask_full(const cpumask_t *m)
{
    return bitmap_full(m->bits, NR_CPUS);
}

static inline unsigned int cpumask_weight(const cpumask_t *m)
{
    return bitmap_weight(m->bits, NR_CPUS);
}

/* Lowest CPU in m, or NR_CPUS (>= any valid CPU) if m is empty. */
static inline unsigned int cpumask_first(const cpumask_t *m)
{
    return find_first_bit(m->bits, NR_CPUS);
}

/* Lowest CPU in m above cpu, or NR_CPUS. cpu may be -1 (as unsigned). */
static inline unsigned int cpumask_next(unsigned int cpu, const cpumask_t *m)
{
    return find_next_bit(m->bits, NR_CPUS, cpu + 1);
}

/* Print m as "0-3,5" (see bitmap_scnlistprintf()). */
static inline int cpumask_scnprintf(char *buf, unsigned int size,
                                    const cpumask_t *m)
{
    return bitmap_scnlistprintf(buf, size, m->bits, NR_CPUS);
}

/* Iterate cpu (an unsigned int) over the CPUs in mask, lowest first. */
#define for_each_cpu(cpu, mask)                         \
    for ( (cpu) = cpumask_first(mask);                  \
          (cpu) < NR_CPUS;                              \
          (cpu) = cpumask_next(cpu, mask) )

#define for_each_online_cpu(cpu)    for_each_cpu(cpu, &cpu_online_map)
#define for_each_possible_cpu(cpu)  for_each_cpu(cpu, &cpu_possible_map)

#define num_online_cpus()           cpumask_weight(&cpu_online_map)
#define num_possible_cpus()         cpumask_weight(&cpu_possible_map)
#define cpu_online(cpu)             cpumask_test_cpu(cpu, &cpu_online_map)
#define cpu_possible(cpu)           cpumask_test_cpu(cpu, &cpu_possible_map)

#endif /* __XEN_CPUMASK_H__ */
