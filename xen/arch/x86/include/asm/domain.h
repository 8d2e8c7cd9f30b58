/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 part of struct domain and struct vcpu: guest-physical memory
 * (p2m), HVM parameters, and each vCPU's registers and vendor state.
 */
#ifndef __ASM_DOMAIN_H__
#define __ASM_DOMAIN_H__

#include <xen/types.h>

struct p2m_domain;
struct hvm_vcpu_vendor;

#define HVM_NR_PARAMS_MAX   40

/* Guest general registers, saved and restored by the world switch. */
struct guest_regs {
    uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rip, rflags;
};

struct arch_domain {
    struct p2m_domain *p2m;             /* [I] guest-physical map */
    uint64_t hvm_params[HVM_NR_PARAMS_MAX]; /* [L:domain_lock] */
    uint64_t hypercall_msr;             /* [I] MSR that installs the page */
};

struct arch_vcpu {
    struct guest_regs regs;             /* [V] */
    void *vendor;                       /* [V] VMCB or VMCS state */
    uint64_t cr0, cr2, cr3, cr4, efer;  /* [V] guest view */
};

#endif /* __ASM_DOMAIN_H__ */
