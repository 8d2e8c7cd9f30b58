/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exception entry stubs for vectors 0-31 and interrupt stubs for 32-255
 * (tables of 16-byte stubs that traps.c puts into the IDT), the common
 * register save/restore around
 * do_exception(), and exec_expect_fault(), which runs a function and
 * resumes after it if it faults.
 */

    .code64
    .text

/* Vectors whose exception pushes an error code. */
#define HAS_EC(v) ((v) == 8 || (v) == 10 || (v) == 11 || (v) == 12 || \
                   (v) == 13 || (v) == 14 || (v) == 17 || (v) == 21 || \
                   (v) == 29 || (v) == 30)

    .balign 16
    .globl exception_stubs
exception_stubs:
    vec = 0
    .rept 32
    .balign 16
    .if !HAS_EC(vec)
    push    $0
    .endif
    push    $vec
    jmp     exception_common
    vec = vec + 1
    .endr

/* Vectors 32-255: external interrupts, routed by set_irq_handler(). */
    .balign 16
    .globl irq_stubs
irq_stubs:
    vec = 32
    .rept 224
    .balign 16
    push    $0
    push    $vec
    jmp     exception_common
    vec = vec + 1
    .endr

exception_common:
    push    %rax
    push    %rbx
    push    %rcx
    push    %rdx
    push    %rsi
    push    %rdi
    push    %rbp
    push    %r8
    push    %r9
    push    %r10
    push    %r11
    push    %r12
    push    %r13
    push    %r14
    push    %r15
    mov     %rsp, %rdi              /* struct cpu_regs * */
    call    do_exception
    pop     %r15
    pop     %r14
    pop     %r13
    pop     %r12
    pop     %r11
    pop     %r10
    pop     %r9
    pop     %r8
    pop     %rbp
    pop     %rdi
    pop     %rsi
    pop     %rdx
    pop     %rcx
    pop     %rbx
    pop     %rax
    add     $16, %rsp               /* vector, error code */
    iretq

/*
 * int exec_expect_fault(void (*fn)(void *), void *arg, unsigned int *vector)
 * Returns 0 if fn returned normally, 1 if it faulted (vector stored). On a
 * fault do_exception() resumes at expect_resume with the stack pointer
 * recorded here and RAX = vector.
 */
    .globl exec_expect_fault
exec_expect_fault:
    push    %rbx
    push    %rbp
    push    %r12
    push    %r13
    push    %r14
    push    %r15
    push    %rdx                    /* vector pointer; aligns the stack */
    mov     %rsp, expect_fault_rsp(%rip)
    lea     expect_resume(%rip), %rax
    mov     %rax, expect_fault_rip(%rip)
    mov     %rdi, %rax
    mov     %rsi, %rdi
    call    *%rax
    xor     %eax, %eax
    xor     %ecx, %ecx
    jmp     1f
expect_resume:
    mov     %rax, %rcx              /* vector */
    mov     $1, %eax
1:  movq    $0, expect_fault_rsp(%rip)
    pop     %rdx
    test    %rdx, %rdx
    jz      2f
    test    %eax, %eax
    jz      2f
    mov     %ecx, (%rdx)
2:  pop     %r15
    pop     %r14
    pop     %r13
    pop     %r12
    pop     %rbp
    pop     %rbx
    ret

    .data
    .balign 8
    .globl expect_fault_rsp, expect_fault_rip
expect_fault_rsp:
    .quad   0
expect_fault_rip:
    .quad   0

    .section .note.GNU-stack, "", @progbits
