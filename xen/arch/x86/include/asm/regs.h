/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The register frame that entry.S builds on every exception and interrupt
 * taken while the hypervisor runs (guests leave by VM exit, not by IDT).
 */
#ifndef __ASM_REGS_H__
#define __ASM_REGS_H__

#include <xen/types.h>

struct trap_regs {
    uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10;
    uint64_t r9, r8, rax, rcx, rdx, rsi, rdi;
    uint32_t error_code;        /* 0 for vectors without one */
    uint32_t entry_vector;
    uint64_t rip, cs, rflags, rsp, ss;  /* pushed by the CPU */
};

/* Print registers, control registers and a backtrace. Context: any. */
void show_execution_state(const struct trap_regs *regs);
/* Backtrace from a frame pointer. */
void show_backtrace(unsigned long rip, unsigned long rbp);
/* Capture the caller's registers (rip/rsp/rbp of the call site). */
void capture_regs(struct trap_regs *regs);

#endif /* __ASM_REGS_H__ */
