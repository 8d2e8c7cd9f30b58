/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot-time micro-benchmark of the platform's bare VM entry/exit round
 * trip (hvm/bench.c), the reference for the null-hypercall cost that
 * scripts/bench compares against.
 */
#ifndef __ASM_HVM_BENCH_H__
#define __ASM_HVM_BENCH_H__

/*
 * With "bench_vmrun=N" (N > 0) on the command line: build a one-page
 * domain whose code is VMMCALL/VMCALL, time N VM entry -> exit round
 * trips on this CPU with the TSC, print the median and destroy the
 * domain again. Does nothing without the option or without HVM support.
 * Context: boot CPU, IRQs on, after hvm_init() and sched_init(), before
 * any other domain is built.
 */
void hvm_bench_vmrun(void);

#endif /* __ASM_HVM_BENCH_H__ */
