/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * First instructions of the hypervisor. Owns the Multiboot1/Multiboot2
 * headers, the PVH entry note and the 32-bit entry paths; builds temporary
 * page tables (identity + direct map of the first 4 GiB, the image at
 * XEN_VIRT_START), enters long mode and calls __start_xen(proto, info_pa).
 * Everything after that (real page tables, W^X) is in C (mm/paging.c).
 */
#include <asm/boot.h>
#include <asm/page.h>
#include <asm/msr-index.h>

#define PA(sym)        ((sym) - XEN_VIRT_START)
#define MB2_TAG_END    0
#define MB2_TAG_ENTRY  3

        .section .text.head, "ax", @progbits
        .code32

/* ---- Multiboot1 header (must lie in the first 8 KiB) -------------------- */
        .balign 4
mb1_header:
        .long   MULTIBOOT1_HDR_MAGIC
        .long   0x00000003              /* page-align modules, want mem info */
        .long   -(MULTIBOOT1_HDR_MAGIC + 0x00000003)

/* ---- Multiboot2 header (must lie in the first 32 KiB) ------------------- */
        .balign 8
mb2_header:
        .long   MULTIBOOT2_HDR_MAGIC
        .long   0                       /* architecture: i386 protected mode */
        .long   mb2_header_end - mb2_header
        .long   -(MULTIBOOT2_HDR_MAGIC + (mb2_header_end - mb2_header))
        .balign 8
        .short  MB2_TAG_ENTRY, 0
        .long   12
        .long   PA(start)
        .balign 8
        .short  MB2_TAG_END, 0
        .long   8
mb2_header_end:

/* ---- Entry from a Multiboot loader: EAX = magic, EBX = info -------------- */
        .globl  start
start:
        cli
        cld
        mov     $BOOT_PROTO_MB1, %ecx
        cmp     $MULTIBOOT1_BOOT_MAGIC, %eax
        je      common_32
        mov     $BOOT_PROTO_MB2, %ecx
        cmp     $MULTIBOOT2_BOOT_MAGIC, %eax
        je      common_32
        mov     $BOOT_PROTO_UNKNOWN, %ecx
        jmp     common_32

/*
 * ---- PVH entry (XEN_ELFNOTE_PHYS32_ENTRY): EBX = hvm_start_info ----------
 * Told apart by the magic at [ebx], not by EAX: some firmware enters here
 * with the Multiboot magic in EAX.
 */
        .globl  pvh_start
pvh_start:
        cli
        cld
        mov     $BOOT_PROTO_UNKNOWN, %ecx
        cmpl    $PVH_START_MAGIC, (%ebx)
        jne     common_32
        mov     $BOOT_PROTO_PVH, %ecx

common_32:
        mov     $PA(boot_stack_top), %esp
        mov     %ecx, PA(boot_protocol)
        mov     %ebx, PA(boot_info_pa)

        /* Long mode present? CPUID 0x80000001 EDX bit 29. */
        mov     $0x80000000, %eax
        cpuid
        cmp     $0x80000001, %eax
        jb      no_long_mode
        mov     $0x80000001, %eax
        cpuid
        bt      $29, %edx
        jnc     no_long_mode
        mov     %edx, %esi              /* keep: bit 20 = NX */

        /* Zero the boot page tables (loaders zero .bss, but be sure). */
        mov     $PA(boot_pgt_start), %edi
        mov     $(boot_pgt_end - boot_pgt_start) / 4, %ecx
        xor     %eax, %eax
        rep stosl

        /* 4 page directories mapping 0-4 GiB with 2 MiB pages. */
        mov     $PA(boot_pd), %edi
        mov     $0x83, %eax             /* present, writable, large */
        xor     %edx, %edx
        mov     $2048, %ecx
1:      mov     %eax, (%edi)
        mov     %edx, 4(%edi)
        add     $L2_PAGE_SIZE, %eax
        adc     $0, %edx
        add     $8, %edi
        loop    1b

        /* The low PDPT points at the 4 directories. */
        mov     $PA(boot_pdpt_low), %edi
        mov     $PA(boot_pd) + 3, %eax
        mov     $4, %ecx
1:      mov     %eax, (%edi)
        add     $PAGE_SIZE, %eax
        add     $8, %edi
        loop    1b

        /* The high PDPT maps the image window: slot 510 = first 1 GiB. */
        mov     $PA(boot_pd) + 3, %eax
        mov     %eax, PA(boot_pdpt_high) + 510 * 8

        /* PML4: identity (slot 0), direct map (262), image (511). */
        mov     $PA(boot_pdpt_low) + 3, %eax
        mov     %eax, PA(boot_pml4)
        mov     %eax, PA(boot_pml4) + ((DIRECTMAP_VIRT_START >> 39) & 511) * 8
        mov     $PA(boot_pdpt_high) + 3, %eax
        mov     %eax, PA(boot_pml4) + 511 * 8

        /* CR4.PAE, CR3, EFER.LME (+NXE), CR0.PG|WP. */
        mov     %cr4, %eax
        or      $0x20, %eax
        mov     %eax, %cr4
        mov     $PA(boot_pml4), %eax
        mov     %eax, %cr3
        mov     $MSR_EFER, %ecx
        rdmsr
        or      $EFER_LME, %eax
        bt      $20, %esi
        jnc     1f
        or      $EFER_NXE, %eax
1:      wrmsr
        mov     %cr0, %eax
        or      $0x80010001, %eax
        mov     %eax, %cr0

        lgdt    PA(boot_gdtr)
        ljmp    $__HYPERVISOR_CS, $PA(start64_low)

/* No long mode: say so on COM1 and stop. */
no_long_mode:
        mov     $PA(msg_no_lm), %esi
1:      lodsb
        test    %al, %al
        jz      2f
        mov     %al, %bl
        mov     $0x3fd, %dx
3:      in      %dx, %al
        test    $0x20, %al
        jz      3b
        mov     $0x3f8, %dx
        mov     %bl, %al
        out     %al, %dx
        jmp     1b
2:      hlt
        jmp     2b

        .code64
start64_low:
        /* Still on identity-mapped addresses: jump to the image mapping. */
        movabs  $start64_high, %rax
        jmp     *%rax

        .text
start64_high:
        mov     $__HYPERVISOR_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        xor     %eax, %eax
        mov     %eax, %fs
        mov     %eax, %gs
        movabs  $boot_stack_top, %rsp
        lgdt    boot_gdtr_high(%rip)

        /* %gs points at the boot CPU's cpu_local block. */
        movabs  $cpu0_local, %rax
        mov     %rax, %rdx
        shr     $32, %rdx
        mov     $MSR_GS_BASE, %ecx
        wrmsr

        xor     %ebp, %ebp              /* ends backtraces */
        mov     boot_protocol(%rip), %edi
        mov     boot_info_pa(%rip), %esi
        call    __start_xen
        ud2

        .section .rodata, "a", @progbits
msg_no_lm:
        .asciz  "Lamina: this CPU has no long mode (x86-64); cannot boot.\r\n"

        .balign 16
        .globl  boot_gdt
boot_gdt:
        .quad   0
        .quad   0x00af9a000000ffff      /* 0x08: 64-bit code */
        .quad   0x00cf92000000ffff      /* 0x10: data */
boot_gdt_end:
boot_gdtr:
        .short  boot_gdt_end - boot_gdt - 1
        .long   PA(boot_gdt), 0
boot_gdtr_high:
        .short  boot_gdt_end - boot_gdt - 1
        .quad   boot_gdt

        .data
        .balign 4
        .globl  boot_protocol, boot_info_pa
boot_protocol:  .long 0
boot_info_pa:   .long 0

/* ---- PVH entry note --------------------------------------------------------- */
        .section .note.Xen, "a", @note
        .balign 4
        .long   4                       /* name size: "Xen\0" */
        .long   4                       /* descriptor size */
        .long   18                      /* XEN_ELFNOTE_PHYS32_ENTRY */
        .asciz  "Xen"
        .long   PA(pvh_start)

        .section .bss.page_aligned, "aw", @nobits
        .balign PAGE_SIZE
boot_pgt_start:
        .globl  boot_pml4
boot_pml4:       .skip PAGE_SIZE
boot_pdpt_low:   .skip PAGE_SIZE
boot_pdpt_high:  .skip PAGE_SIZE
boot_pd:         .skip 4 * PAGE_SIZE
boot_pgt_end:

        .globl  boot_stack, boot_stack_top
boot_stack:      .skip STACK_SIZE
boot_stack_top:

        .section .note.GNU-stack, "", @progbits
