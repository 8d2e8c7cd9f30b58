/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Start-up code of the secondary CPUs. smpboot.c copies the blob between
 * trampoline_start and trampoline_end to a page below 1 MiB, patches the
 * tramp_* fields, and points the SIPI at it. The AP goes real mode ->
 * protected mode -> long mode on the trampoline's own page tables (the
 * idle tables plus an identity map of the low 2 MiB, which the idle
 * tables lack), jumps to ap_entry64 in the image, switches to the idle
 * page tables and calls start_secondary(cpu) on its own stack.
 */
#include <asm/boot.h>
#include <asm/msr-index.h>

#define T(x)    ((x) - trampoline_start)

        .section .rodata, "a", @progbits
        .balign 16
        .globl  trampoline_start, trampoline_end
        .globl  tramp_gdtr, tramp_gdt, tramp_pm, tramp_pm_ptr
        .globl  tramp_lm, tramp_lm_ptr, tramp_cr3, tramp_efer_nx
        .globl  tramp_stack, tramp_cpu

        .code16
trampoline_start:
        cli
        cld
        xor     %ebx, %ebx
        mov     %cs, %bx
        mov     %bx, %ds
        shl     $4, %ebx                /* %ebx: linear base of the blob */
        lgdtl   T(tramp_gdtr)
        mov     %cr0, %eax
        or      $1, %eax                /* PE */
        mov     %eax, %cr0
        ljmpl   *T(tramp_pm_ptr)

        .code32
tramp_pm:
        mov     $0x10, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %cr4, %eax
        or      $0x20, %eax             /* PAE */
        mov     %eax, %cr4
        mov     T(tramp_cr3)(%ebx), %eax
        mov     %eax, %cr3
        mov     $MSR_EFER, %ecx
        rdmsr
        or      $EFER_LME, %eax
        or      T(tramp_efer_nx)(%ebx), %eax
        wrmsr
        mov     %cr0, %eax
        and     $~0x60000000, %eax      /* caches on: clear CD | NW (reset: set) */
        or      $0x80010001, %eax       /* PG | WP | PE */
        mov     %eax, %cr0
        ljmpl   *T(tramp_lm_ptr)(%ebx)

        .code64
tramp_lm:
        mov     %ebx, %ebx              /* zero the upper half */
        mov     T(tramp_stack)(%rbx), %rsp
        mov     T(tramp_cpu)(%rbx), %edi
        movabs  $ap_entry64, %rax
        jmp     *%rax

        .balign 8
tramp_gdt:
        .quad   0
        .quad   0x00af9a000000ffff      /* 0x08: 64-bit code */
        .quad   0x00cf92000000ffff      /* 0x10: data */
        .quad   0x00cf9a000000ffff      /* 0x18: 32-bit code */
tramp_gdt_end:
        .balign 8
tramp_stack:    .quad   0               /* patched: top of the AP stack */
tramp_cpu:      .long   0               /* patched: CPU number */
tramp_cr3:      .long   0               /* patched: trampoline PML4 */
tramp_efer_nx:  .long   0               /* patched: EFER_NXE or 0 */
tramp_pm_ptr:   .long   0               /* patched: linear tramp_pm */
                .short  0x18
tramp_lm_ptr:   .long   0               /* patched: linear tramp_lm */
                .short  __HYPERVISOR_CS
        .balign 4
                .short  0
tramp_gdtr:     .short  tramp_gdt_end - tramp_gdt - 1
                .long   0               /* patched: linear tramp_gdt */
trampoline_end:

ap_gdtr:
        .short  3 * 8 - 1
        .quad   boot_gdt

        .text
/* In the image, on the trampoline tables; %rsp and %edi already set. */
ap_entry64:
        lgdt    ap_gdtr(%rip)
        mov     $__HYPERVISOR_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        xor     %eax, %eax
        mov     %eax, %fs
        mov     %eax, %gs
        pushq   $__HYPERVISOR_CS
        leaq    1f(%rip), %rax
        pushq   %rax
        lretq
1:      mov     idle_pg_table_pa(%rip), %rax
        mov     %rax, %cr3
        xor     %ebp, %ebp              /* ends backtraces */
        call    start_secondary
        ud2

        .section .note.GNU-stack, "", @progbits
