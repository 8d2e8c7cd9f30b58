/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PVH entry of a guest test kernel: the Xen ELF notes that make the image
 * PVH-bootable, the 32-bit entry point, identity page tables for the
 * first 4 GiB (2 MiB pages), the switch to long mode and the call into C.
 */
#include <public/elfnote.h>

#define CR0_PE      0x00000001
#define CR0_ET      0x00000010
#define CR0_WP      0x00010000
#define CR0_PG      0x80000000
#define CR4_PAE     0x00000020
#define MSR_EFER    0xc0000080
#define EFER_LME    0x00000100
#define PTE_P_RW    0x003
#define PDE_2M      0x083

#define SEL_CODE64  0x08
#define SEL_DATA    0x10

/* One "Xen" ELF note: namesz 4, descsz, type, then name and payload. */
#define XEN_NOTE(type, desc_insn, desc...)  \
    .balign 4;                              \
    .long 4, 2f - 1f, type;                 \
    .asciz "Xen";                           \
1:  desc_insn desc;                         \
2:  .balign 4

    .section .note.Xen, "a", @note
    XEN_NOTE(XEN_ELFNOTE_GUEST_OS, .asciz, "lamina-guest-test")
    XEN_NOTE(XEN_ELFNOTE_GUEST_VERSION, .asciz, "1")
    XEN_NOTE(XEN_ELFNOTE_XEN_VERSION, .asciz, "xen-3.0")
    XEN_NOTE(XEN_ELFNOTE_PHYS32_ENTRY, .long, pvh_entry)

    .section .text.head, "ax", @progbits
    .code32
    .globl pvh_entry
pvh_entry:
    /* EBX = hvm_start_info (physical). Paging is off, CR4 = 0. */
    cli
    cld
    mov     %ebx, %esi

    /* Clear .bss (page tables and stack live there); no stack needed. */
    mov     $__bss_start, %edi
    mov     $__bss_end, %ecx
    sub     %edi, %ecx
    shr     $2, %ecx
    xor     %eax, %eax
    rep stosl

    lgdt    gdt_desc
    mov     $SEL_DATA, %eax
    mov     %eax, %ds
    mov     %eax, %es
    mov     %eax, %ss
    mov     $boot_stack_top, %esp

    /* PML4[0] -> PDPT; PDPT[0..3] -> four page directories of 2 MiB pages. */
    mov     $pt_pdpt + PTE_P_RW, %eax
    mov     %eax, pt_pml4
    mov     $pt_pd + PTE_P_RW, %eax
    mov     $pt_pdpt, %edi
    mov     $4, %ecx
1:  mov     %eax, (%edi)
    add     $4096, %eax
    add     $8, %edi
    loop    1b

    mov     $pt_pd, %edi
    mov     $PDE_2M, %eax
    xor     %edx, %edx
    mov     $2048, %ecx
1:  mov     %eax, (%edi)
    mov     %edx, 4(%edi)
    add     $0x200000, %eax
    adc     $0, %edx
    add     $8, %edi
    loop    1b

    mov     %cr4, %eax
    or      $CR4_PAE, %eax
    mov     %eax, %cr4
    mov     $pt_pml4, %eax
    mov     %eax, %cr3

    mov     $MSR_EFER, %ecx
    rdmsr
    or      $EFER_LME, %eax
    wrmsr

    mov     $(CR0_PG | CR0_WP | CR0_ET | CR0_PE), %eax
    mov     %eax, %cr0
    ljmp    $SEL_CODE64, $long_entry

    .code64
long_entry:
    xor     %eax, %eax
    mov     %eax, %fs
    mov     %eax, %gs
    mov     $SEL_DATA, %eax
    mov     %eax, %ds
    mov     %eax, %es
    mov     %eax, %ss
    mov     $boot_stack_top, %rsp
    mov     %esi, %edi              /* start info physical = virtual */
    call    guest_start
1:  cli
    hlt
    jmp     1b

    .section .rodata, "a", @progbits
    .balign 16
    .globl gdt
gdt:
    .quad   0                       /* null */
    .quad   0x00af9a000000ffff      /* 0x08: 64-bit code, DPL 0 */
    .quad   0x00cf92000000ffff      /* 0x10: flat data */
    .quad   0x00cf9a000000ffff      /* 0x18: 32-bit code */
gdt_end:
gdt_desc:
    .word   gdt_end - gdt - 1
    .quad   gdt

    .section .bss.page_aligned, "aw", @nobits
    .balign 4096
pt_pml4:
    .skip   4096
pt_pdpt:
    .skip   4096
pt_pd:
    .skip   4 * 4096
    .globl hypercall_page
hypercall_page:
    .skip   4096
boot_stack:
    .skip   4 * 4096
    .globl boot_stack_top
boot_stack_top:

    .section .note.GNU-stack, "", @progbits
