/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exception and interrupt entry: 256 small stubs that make the frame
 * uniform (a dummy error code where the CPU pushes none, then the vector)
 * and one common path that saves the general registers as struct
 * trap_regs and calls do_trap(). Interrupts stay off throughout.
 */

        .text
        .balign 16
/* Vectors that push an error code: 8, 10-14, 17, 21, 29, 30. */
#define HAS_ERRCODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 \
                        || (v) == 21 || (v) == 29 || (v) == 30)

        .globl  entry_stubs
entry_stubs:
        vec = 0
        .rept   256
        .balign 16
        .if !HAS_ERRCODE(vec)
        pushq   $0
        .endif
        movl    $vec, 4(%rsp)
        jmp     entry_common
        vec = vec + 1
        .endr

entry_common:
        cld
        push    %rdi
        push    %rsi
        push    %rdx
        push    %rcx
        push    %rax
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        push    %rbx
        push    %rbp
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        mov     %rsp, %rdi
        /* Link the frame into the backtrace chain: fake a call from rip. */
        push    15*8+8(%rsp)            /* interrupted rip */
        push    %rbp
        mov     %rsp, %rbp
        and     $~15, %rsp
        call    do_trap
        mov     %rbp, %rsp
        add     $16, %rsp
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbp
        pop     %rbx
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rax
        pop     %rcx
        pop     %rdx
        pop     %rsi
        pop     %rdi
        add     $8, %rsp                /* error code + vector */
        iretq

        .section .note.GNU-stack, "", @progbits
