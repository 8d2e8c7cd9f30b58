/* SPDX-License-Identifier: MIT */
/*
 * Initial register state of an HVM/PVH vCPU, as passed to
 * VCPUOP_initialise (vcpu.h) by HVM and PVH guests: struct
 * vcpu_hvm_context, in 32-bit or 64-bit form. Layout as in Xen; 128 bytes.
 */
#ifndef __XEN_PUBLIC_HVM_HVM_VCPU_H__
#define __XEN_PUBLIC_HVM_HVM_VCPU_H__

#include "../xen.h"

/*
 * 32-bit protected mode (paging on or off) or compatibility mode. The
 * general registers are in the hardware's encoding order. 120 bytes.
 */
struct vcpu_hvm_x86_32 {
    uint32_t eax;           /* IN */
    uint32_t ecx;           /* IN */
    uint32_t edx;           /* IN */
    uint32_t ebx;           /* IN */
    uint32_t esp;           /* IN */
    uint32_t ebp;           /* IN */
    uint32_t esi;           /* IN */
    uint32_t edi;           /* IN */
    uint32_t eip;           /* IN */
    uint32_t eflags;        /* IN: bit 1 must be set */

    uint32_t cr0;           /* IN: PE set; PG optional */
    uint32_t cr3;           /* IN: used only with CR0.PG */
    uint32_t cr4;           /* IN */

    uint32_t pad1;          /* IN: zero */

    /*
     * IN: only NXE (with paging) or LME/LMA (to start in compatibility
     * mode) may be set.
     */
    uint64_t efer;

    /* IN: hidden parts of the segment registers. */
    uint32_t cs_base;
    uint32_t ds_base;
    uint32_t ss_base;
    uint32_t es_base;
    uint32_t tr_base;
    uint32_t cs_limit;      /* in bytes (not pages) */
    uint32_t ds_limit;
    uint32_t ss_limit;
    uint32_t es_limit;
    uint32_t tr_limit;
    uint16_t cs_ar;         /* access rights, layout below */
    uint16_t ds_ar;
    uint16_t ss_ar;
    uint16_t es_ar;
    uint16_t tr_ar;

    uint16_t pad2[3];       /* IN: zero */
};

/*
 * The *_ar fields hold bits 40-47 and 52-55 of the segment descriptor,
 * packed: bits 3:0 type, 4 S, 6:5 DPL, 7 P, 8 AVL, 9 L, 10 D/B, 11 G.
 */

/*
 * 64-bit mode: CR0.PG, CR4.PAE and EFER.LME/LMA must be set; the segment
 * registers are flat (CS is a 64-bit code segment, the others null).
 * 112 bytes.
 */
struct vcpu_hvm_x86_64 {
    uint64_t rax;           /* IN */
    uint64_t rcx;           /* IN */
    uint64_t rdx;           /* IN */
    uint64_t rbx;           /* IN */
    uint64_t rsp;           /* IN */
    uint64_t rbp;           /* IN */
    uint64_t rsi;           /* IN */
    uint64_t rdi;           /* IN */
    uint64_t rip;           /* IN */
    uint64_t rflags;        /* IN: bit 1 must be set */

    uint64_t cr0;           /* IN */
    uint64_t cr3;           /* IN */
    uint64_t cr4;           /* IN */
    uint64_t efer;          /* IN */
};

struct vcpu_hvm_context {
#define VCPU_HVM_MODE_32B 0     /* cpu_regs.x86_32 is used */
#define VCPU_HVM_MODE_64B 1     /* cpu_regs.x86_64 is used */
    uint32_t mode;          /* IN: VCPU_HVM_MODE_* */
    uint32_t pad;           /* IN: zero */

    union {
        struct vcpu_hvm_x86_32 x86_32;
        struct vcpu_hvm_x86_64 x86_64;
    } cpu_regs;             /* IN: the registers for "mode" */
};
typedef struct vcpu_hvm_context vcpu_hvm_context_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_hvm_context_t);

#endif /* __XEN_PUBLIC_HVM_HVM_VCPU_H__ */
