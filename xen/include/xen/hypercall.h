/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypercall dispatch (common/hypercall.c): one table from Xen's
 * hypercall numbers to do_<area>_op() entry points, which only decode
 * the sub-op and call a worker (style.md section 7). The arch exit
 * handler collects the arguments from the guest's registers (64-bit:
 * rdi, rsi, rdx, r10, r8; 32-bit: ebx, ecx, edx, esi, edi) and writes
 * the result to rax.
 */
#ifndef __XEN_HYPERCALL_H__
#define __XEN_HYPERCALL_H__

#include <xen/types.h>

#define HYPERCALL_NR_ARGS 5

struct hypercall_args {
    unsigned long a[HYPERCALL_NR_ARGS];     /* IN/OUT (continuations) */
};

/*
 * Run hypercall nr for the current vCPU. Returns the value for the
 * guest's rax. -ERESTART never reaches the guest: the dispatcher returns
 * it to the arch code, which leaves RIP on the VMCALL (so the guest
 * re-issues the call with the arguments the worker updated in *args).
 */
long hypercall_dispatch(unsigned long nr, struct hypercall_args *args);

/*
 * For workers that build a continuation: set argument i (0 = the first,
 * e.g. cmd) that the re-issued hypercall will see, then return
 * -ERESTART. Context: inside a handler called by hypercall_dispatch().
 */
void hypercall_set_arg(unsigned int i, unsigned long val);

/* True if work proportional to guest input should stop and restart. */
bool hypercall_preempt_check(void);

typedef long (*hypercall_fn_t)(unsigned long a1, unsigned long a2,
                               unsigned long a3, unsigned long a4,
                               unsigned long a5);

/* Entry points, Xen's names; arguments as the guest passed them. */
long do_set_timer_op(unsigned long timeout, unsigned long a2,
                     unsigned long a3, unsigned long a4, unsigned long a5);
long do_memory_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                  unsigned long a4, unsigned long a5);
long do_xen_version(unsigned long cmd, unsigned long arg, unsigned long a3,
                    unsigned long a4, unsigned long a5);
long do_console_io(unsigned long cmd, unsigned long count, unsigned long buf,
                   unsigned long a4, unsigned long a5);
long do_vcpu_op(unsigned long cmd, unsigned long vcpuid, unsigned long arg,
                unsigned long a4, unsigned long a5);
long do_sched_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                 unsigned long a4, unsigned long a5);
long do_hvm_op(unsigned long op, unsigned long arg, unsigned long a3,
               unsigned long a4, unsigned long a5);

#endif /* __XEN_HYPERCALL_H__ */
