/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stub of asm/smp.h: each test thread plays one CPU, whose number is
 * the thread-local stub_cpu_id (0 unless the test sets it).
 */
#ifndef __ASM_SMP_H__
#define __ASM_SMP_H__

#define NR_CPUS 64

extern __thread unsigned int stub_cpu_id;

static inline unsigned int smp_processor_id(void)
{
    return stub_cpu_id;
}

#endif /* __ASM_SMP_H__ */
