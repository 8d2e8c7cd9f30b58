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
#include <asm/hvm/gprs-asm.h>

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
        GUEST_GPRS_LOAD %rdi
        mov     GR_rdi(%rdi), %rdi

        clgi
        sti
        vmload  %rax
        vmrun   %rax
        vmsave  %rax

        push    %rdi                    /* guest rdi */
        mov     16(%rsp), %rdi          /* regs */
        GUEST_GPRS_SAVE %rdi
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
