/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Assembler macros shared by the SVM and VMX world switches: move the
 * thirteen general registers that both back-ends pass through struct
 * guest_regs by hand (all but RAX, RSP and RDI, whose handling differs:
 * VMRUN takes RAX and RSP from the VMCB, VM entry RSP from the VMCS, and
 * RDI holds the struct's address until last) between the registers and
 * the struct at \regs. Include from .S files only.
 */
#ifndef __ASM_HVM_GPRS_ASM_H__
#define __ASM_HVM_GPRS_ASM_H__

#ifdef __ASSEMBLER__         /* empty for C (and for check-headers) */
#include <asm/asm-offsets.h>

.macro GUEST_GPRS_LOAD regs
        mov     GR_rbx(\regs), %rbx
        mov     GR_rcx(\regs), %rcx
        mov     GR_rdx(\regs), %rdx
        mov     GR_rsi(\regs), %rsi
        mov     GR_rbp(\regs), %rbp
        mov     GR_r8(\regs), %r8
        mov     GR_r9(\regs), %r9
        mov     GR_r10(\regs), %r10
        mov     GR_r11(\regs), %r11
        mov     GR_r12(\regs), %r12
        mov     GR_r13(\regs), %r13
        mov     GR_r14(\regs), %r14
        mov     GR_r15(\regs), %r15
.endm

.macro GUEST_GPRS_SAVE regs
        mov     %rbx, GR_rbx(\regs)
        mov     %rcx, GR_rcx(\regs)
        mov     %rdx, GR_rdx(\regs)
        mov     %rsi, GR_rsi(\regs)
        mov     %rbp, GR_rbp(\regs)
        mov     %r8, GR_r8(\regs)
        mov     %r9, GR_r9(\regs)
        mov     %r10, GR_r10(\regs)
        mov     %r11, GR_r11(\regs)
        mov     %r12, GR_r12(\regs)
        mov     %r13, GR_r13(\regs)
        mov     %r14, GR_r14(\regs)
        mov     %r15, GR_r15(\regs)
.endm
#endif /* __ASSEMBLER__ */

#endif /* __ASM_HVM_GPRS_ASM_H__ */
