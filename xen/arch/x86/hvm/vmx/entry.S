/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VMX world switch. VM entry loads the guest's RSP, RIP and RFLAGS
 * from the VMCS (written in C); this stub loads the other general
 * registers from struct guest_regs. A VM exit lands at vmx_exit_stub
 * (HOST_RIP) on the stack recorded in HOST_RSP, with RFLAGS cleared (so
 * IRQs off), and saves them back. Host callee-saved registers are kept
 * on the stack across the guest's run.
 *
 * int vmx_enter(struct guest_regs *regs, bool launched)
 * Returns 0 after a VM exit, 1 on VMfailInvalid, 2 on VMfailValid.
 * Context: IRQs off, the vCPU's VMCS current; returns with IRQs off.
 */
#include <asm/hvm/gprs-asm.h>

#define VMCS_HOST_RSP   0x6c14

        .text
        .globl  vmx_enter
vmx_enter:
        push    %rbp
        mov     %rsp, %rbp
        push    %rbx
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        push    %rdi                    /* regs, at HOST_RSP on exit */

        mov     $VMCS_HOST_RSP, %eax
        vmwrite %rsp, %rax

        test    %sil, %sil              /* launched? (ZF kept below) */
        mov     GR_rax(%rdi), %rax
        GUEST_GPRS_LOAD %rdi
        mov     GR_rdi(%rdi), %rdi
        jnz     1f
        vmlaunch
        jmp     2f
1:      vmresume
2:      /* The instruction failed: CF = VMfailInvalid, ZF = VMfailValid. */
        mov     $1, %eax
        jc      3f
        mov     $2, %eax
3:      pop     %rdi
        jmp     .Lrestore_host

        .globl  vmx_exit_stub
vmx_exit_stub:
        push    %rdi                    /* guest rdi */
        mov     8(%rsp), %rdi           /* regs */
        mov     %rax, GR_rax(%rdi)
        GUEST_GPRS_SAVE %rdi
        pop     %rax
        mov     %rax, GR_rdi(%rdi)
        pop     %rdi
        xor     %eax, %eax

.Lrestore_host:
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbx
        pop     %rbp
        ret

        .section .note.GNU-stack, "", @progbits
