/* SPDX-License-Identifier: MIT */
/*
 * 64-bit x86 guest layouts: the saved register frame (cpu_user_regs), the
 * arch part of vcpu_info and the arch part of shared_info.
 *
 * Included by arch-x86/xen.h for __x86_64__ only; xen_pfn_t is defined
 * there. Sizes and offsets below are those of Xen's x86_64 ABI.
 */
#ifndef __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__

/* Only meaningful for its own guest width; pulls in the common part. */
#if !defined(__x86_64__)
#error "This header describes the 64-bit x86 ABI only"
#endif
#include "xen.h"

/*
 * General-purpose register frame of a vCPU, as Xen exchanges it with
 * tools and PV guests (vcpu_guest_context, crash notes). 200 bytes.
 *
 * Every field is IN/OUT depending on the operation that carries the
 * frame. The order (r15 first) is Xen's; it is part of the ABI.
 */
struct cpu_user_regs {
    uint64_t r15;                   /* offset   0 */
    uint64_t r14;                   /* offset   8 */
    uint64_t r13;                   /* offset  16 */
    uint64_t r12;                   /* offset  24 */
    uint64_t rbp;                   /* offset  32 */
    uint64_t rbx;                   /* offset  40 */
    uint64_t r11;                   /* offset  48 */
    uint64_t r10;                   /* offset  56 */
    uint64_t r9;                    /* offset  64 */
    uint64_t r8;                    /* offset  72 */
    uint64_t rax;                   /* offset  80 */
    uint64_t rcx;                   /* offset  88 */
    uint64_t rdx;                   /* offset  96 */
    uint64_t rsi;                   /* offset 104 */
    uint64_t rdi;                   /* offset 112 */
    uint32_t error_code;            /* offset 120: exception error code */
    uint32_t entry_vector;          /* offset 124: vector that entered Xen */
    uint64_t rip;                   /* offset 128 */
    uint16_t cs, _pad0[1];          /* offset 136: selector + padding */
    uint8_t  saved_upcall_mask;     /* offset 140: PV event mask copy */
    uint8_t  _pad1[3];              /* offset 141: zero */
    uint64_t rflags;                /* offset 144: RFLAGS image */
    uint64_t rsp;                   /* offset 152 */
    uint16_t ss, _pad2[3];          /* offset 160 */
    uint16_t es, _pad3[3];          /* offset 168 */
    uint16_t ds, _pad4[3];          /* offset 176 */
    uint16_t fs, _pad5[3];          /* offset 184 */
    uint16_t gs, _pad6[3];          /* offset 192 */
};
typedef struct cpu_user_regs cpu_user_regs_t;
DEFINE_XEN_GUEST_HANDLE(cpu_user_regs_t);

/*
 * Arch part of struct vcpu_info: 16 bytes, placed at offset 16 of the
 * 64-byte vcpu_info (so that vcpu_time_info lands on offset 32).
 */
struct arch_vcpu_info {
    uint64_t cr2;       /* OUT (PV only): faulting address of last #PF */
    uint64_t pad;       /* reserved, zero */
};
typedef struct arch_vcpu_info arch_vcpu_info_t;

/*
 * Arch part of struct shared_info (offset 3088 of the page on x86_64).
 * All fields serve PV guests and their tools; an HVM/PVH guest ignores
 * them and the hypervisor leaves them zero for such a guest.
 */
struct arch_shared_info {
    /* IN (guest): highest valid pseudo-physical frame + 1 (PV p2m size) */
    uint64_t  max_pfn;
    /* IN (guest): frame of the list of p2m frame-list frames, for tools */
    xen_pfn_t pfn_to_mfn_frame_list_list;
    /* OUT: reason bits of the last NMI (PV) */
    uint64_t  nmi_reason;
    /* IN (guest): CR3 of the virtually mapped linear p2m list, or 0 */
    uint64_t  p2m_cr3;
    /* IN (guest): virtual address of that linear p2m list */
    uint64_t  p2m_vaddr;
    /* IN (guest): bumped around p2m changes so tools can retry reads */
    uint64_t  p2m_generation;
};
typedef struct arch_shared_info arch_shared_info_t;

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__ */
