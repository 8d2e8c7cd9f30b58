/* SPDX-License-Identifier: MIT */
/*
 * 32-bit x86 guest layouts: the saved register frame (cpu_user_regs), the
 * arch part of vcpu_info and the arch part of shared_info.
 *
 * Lamina runs no 32-bit guests yet; this file exists so that every public
 * header compiles and keeps Xen's layouts for a 32-bit (-m32) consumer,
 * which check-headers verifies. Included by arch-x86/xen.h for __i386__.
 */
#ifndef __XEN_PUBLIC_ARCH_X86_XEN_X86_32_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_X86_32_H__

/* Only meaningful for its own guest width; pulls in the common part. */
#if !defined(__i386__)
#error "This header describes the 32-bit x86 ABI only"
#endif
#include "xen.h"

/*
 * General-purpose register frame of a 32-bit vCPU. 68 bytes. Field order
 * is Xen's and part of the ABI; the comments give byte offsets.
 */
struct cpu_user_regs {
    uint32_t ebx;                   /* offset  0 */
    uint32_t ecx;                   /* offset  4 */
    uint32_t edx;                   /* offset  8 */
    uint32_t esi;                   /* offset 12 */
    uint32_t edi;                   /* offset 16 */
    uint32_t ebp;                   /* offset 20 */
    uint32_t eax;                   /* offset 24 */
    uint16_t error_code;            /* offset 28: exception error code */
    uint16_t entry_vector;          /* offset 30: vector that entered Xen */
    uint32_t eip;                   /* offset 32 */
    uint16_t cs;                    /* offset 36 */
    uint8_t  saved_upcall_mask;     /* offset 38: PV event mask copy */
    uint8_t  _pad0;                 /* offset 39: zero */
    uint32_t eflags;                /* offset 40: EFLAGS image */
    uint32_t esp;                   /* offset 44 */
    uint16_t ss, _pad1;             /* offset 48 */
    uint16_t es, _pad2;             /* offset 52 */
    uint16_t ds, _pad3;             /* offset 56 */
    uint16_t fs, _pad4;             /* offset 60 */
    uint16_t gs, _pad5;             /* offset 64 */
};
typedef struct cpu_user_regs cpu_user_regs_t;
DEFINE_XEN_GUEST_HANDLE(cpu_user_regs_t);

/*
 * Arch part of struct vcpu_info: 24 bytes at offset 8, which again puts
 * vcpu_time_info at offset 32 of the 64-byte vcpu_info.
 */
struct arch_vcpu_info {
    uint32_t cr2;       /* OUT (PV only): faulting address of last #PF */
    uint32_t pad[5];    /* reserved, zero */
};
typedef struct arch_vcpu_info arch_vcpu_info_t;

/*
 * Arch part of struct shared_info for 32-bit guests. Same meaning as the
 * 64-bit version; in addition the upper 32 bits of the wall-clock seconds
 * live here (the 64-bit layout has them in shared_info itself).
 */
struct arch_shared_info {
    uint32_t  max_pfn;                    /* IN (guest): PV p2m size */
    xen_pfn_t pfn_to_mfn_frame_list_list; /* IN (guest): for tools */
    uint32_t  nmi_reason;                 /* OUT: last NMI reason bits */
    uint32_t  p2m_cr3;                    /* IN (guest): linear p2m CR3 */
    uint32_t  p2m_vaddr;                  /* IN (guest): linear p2m VA */
    uint32_t  p2m_generation;             /* IN (guest): p2m change count */
    uint32_t  wc_sec_hi;                  /* OUT: wall-clock seconds 63:32 */
};
typedef struct arch_shared_info arch_shared_info_t;

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_X86_32_H__ */
