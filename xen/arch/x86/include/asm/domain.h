/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 part of struct domain and struct vcpu: guest-physical memory
 * (p2m), HVM parameters, and each vCPU's registers and vendor state.
 */
#ifndef __ASM_DOMAIN_H__
#define __ASM_DOMAIN_H__

#include <xen/types.h>
#include <xen/spinlock.h>
#include <asm/msr-policy.h>
#include <asm/hvm/vpit2.h>

struct p2m_domain;
struct hvm_vcpu_vendor;
struct vlapic;

#define HVM_NR_PARAMS_MAX   40
#define ARCH_MAX_MEMMAP     8

/* One guest memory map entry (E820 types), as given to the guest. */
struct arch_memmap_entry {
    uint64_t addr, size;
    uint32_t type;
};

/* Guest general registers, saved and restored by the world switch. */
struct guest_regs {
    uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rip, rflags;
};

/* Room for the VM exit reasons (enum hvm_exit_reason; checked in exit.c). */
#define ARCH_NR_EXIT_REASONS    16

struct arch_domain {
    struct p2m_domain *p2m;             /* [I] guest-physical map */
    uint64_t hvm_params[HVM_NR_PARAMS_MAX]; /* [L:domain_lock] */
    uint64_t hypercall_msr;             /* [I] MSR that installs the page */
    unsigned int unhandled_logged;      /* [A] rate limit for exit logs */
    struct arch_memmap_entry memmap[ARCH_MAX_MEMMAP]; /* [I] after build */
    unsigned int nr_memmap;             /* [I] */
    s_time_t build_start;               /* [I] for the first-entry figure */
    bool entered;                       /* [V] first VM entry done */
    spinlock_t vpit2_lock;              /* any vCPU's port access */
    struct vpit2 vpit2;                 /* [L:vpit2_lock] PIT channel 2 */
};

struct arch_vcpu {
    struct guest_regs regs;             /* [V] */
    void *vendor;                       /* [V] VMCB or VMCS state */
    uint64_t cr0, cr2, cr3, cr4, efer;  /* [V] guest view */
    struct msr_vcpu_state msr;          /* [V] MSRs the policy emulates */
    bool initialised;                   /* [L:domain_lock] has a state */
    /* Emulated local APIC (hvm/vlapic*.c); NULL until vlapic_init(). */
    struct vlapic *vlapic;              /* [I] after vlapic_init() */
    /*
     * Vector of this vCPU's event upcall as a LAPIC interrupt, set by
     * HVMOP_set_evtchn_upcall_vector (0: none, use the domain's
     * HVM_PARAM_CALLBACK_IRQ). Kept across INIT, as on Xen.
     */
    uint8_t upcall_vector;              /* [A] written by the guest */
    unsigned long exits[ARCH_NR_EXIT_REASONS];  /* [V] VM exits by reason */
    /* x87/SSE state while another vCPU owns the FPU (FXSAVE format). */
    uint8_t fpu[512] __attribute__((__aligned__(16)));  /* [V] */
};

#endif /* __ASM_DOMAIN_H__ */
