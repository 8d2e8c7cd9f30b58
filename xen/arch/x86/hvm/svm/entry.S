/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The SVM world switch. VMRUN saves and restores only part of the host
 * state (RAX, RSP, RIP, RFLAGS, control registers, GDTR/IDTR); this stub
 * keeps the other general registers on the stack and switches FS/GS/TR/
 * LDTR/KernelGSbase/STAR/SYSENTER with VMLOAD/VMSAVE. GIF stays clear from
 * the first guest VMLOAD to the host VMLOAD, so no NMI or interrupt can
 * run on the guest's %gs; IF is set inside that window so that, with
 * V_INTR_MASKING, host interrupts cause INTR exits.
 *
 * void svm_vmrun(struct guest_regs *regs, paddr_t vmcb, paddr_t host_vmcb)
 * Context: IRQs off; returns with IRQs off and GIF set.
 */
#include <asm/asm-offsets.h>

        .text
        .globl  svm_vmrun
svm_vmrun:
        push    %rbp
        mov     %rsp, %rbp
        push    %rbx
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        push    %rdi                    /* regs */
        push    %rdx                    /* host VMCB */

        mov     %rsi, %rax              /* guest VMCB, for VMLOAD/VMRUN */
        mov     GR_rbx(%rdi), %rbx
        mov     GR_rcx(%rdi), %rcx
        mov     GR_rdx(%rdi), %rdx
        mov     GR_rsi(%rdi), %rsi
        mov     GR_rbp(%rdi), %rbp
        mov     GR_r8(%rdi), %r8
        mov     GR_r9(%rdi), %r9
        mov     GR_r10(%rdi), %r10
        mov     GR_r11(%rdi), %r11
        mov     GR_r12(%rdi), %r12
        mov     GR_r13(%rdi), %r13
        mov     GR_r14(%rdi), %r14
        mov     GR_r15(%rdi), %r15
        mov     GR_rdi(%rdi), %rdi

        clgi
        sti
        vmload  %rax
        vmrun   %rax
        vmsave  %rax

        push    %rdi                    /* guest rdi */
        mov     16(%rsp), %rdi          /* regs */
        mov     %rbx, GR_rbx(%rdi)
        mov     %rcx, GR_rcx(%rdi)
        mov     %rdx, GR_rdx(%rdi)
        mov     %rsi, GR_rsi(%rdi)
        mov     %rbp, GR_rbp(%rdi)
        mov     %r8, GR_r8(%rdi)
        mov     %r9, GR_r9(%rdi)
        mov     %r10, GR_r10(%rdi)
        mov     %r11, GR_r11(%rdi)
        mov     %r12, GR_r12(%rdi)
        mov     %r13, GR_r13(%rdi)
        mov     %r14, GR_r14(%rdi)
        mov     %r15, GR_r15(%rdi)
        pop     %rax
        mov     %rax, GR_rdi(%rdi)

        pop     %rax                    /* host VMCB */
        vmload  %rax
        cli
        stgi

        pop     %rdi
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbx
        pop     %rbp
        ret

        .section .note.GNU-stack, "", @progbits
