/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Link map of the hypervisor image: virtual addresses at XEN_VIRT_START +
 * physical, loaded at XEN_LOAD_ADDR. Text, read-only data and data are
 * page aligned so that mm/paging.c can map them W^X. The PT_NOTE segment
 * carries the PVH entry note.
 */
#include <asm/boot.h>
#include <asm/page.h>

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(start)

PHDRS
{
    text PT_LOAD FLAGS(5);
    rodata PT_LOAD FLAGS(4);
    data PT_LOAD FLAGS(6);
    note PT_NOTE FLAGS(4);
}

SECTIONS
{
    . = XEN_VIRT_START + XEN_LOAD_ADDR;
    _start = .;
    _stext = .;
    .text : AT(ADDR(.text) - XEN_VIRT_START)
    {
        *(.text.head)
        *(.text .text.*)
    } :text
    . = ALIGN(PAGE_SIZE);
    _etext = .;

    _srodata = .;
    .rodata : AT(ADDR(.rodata) - XEN_VIRT_START)
    {
        *(.rodata .rodata.*)
        . = ALIGN(8);
        __start_lamina_params = .;
        KEEP(*(lamina_params))
        __stop_lamina_params = .;
        . = ALIGN(8);
        __start_lamina_initcalls = .;
        KEEP(*(lamina_initcalls))
        __stop_lamina_initcalls = .;
    } :rodata
    .note.Xen : AT(ADDR(.note.Xen) - XEN_VIRT_START)
    {
        KEEP(*(.note.Xen))
    } :rodata :note
    .note.gnu.build-id : AT(ADDR(.note.gnu.build-id) - XEN_VIRT_START)
    {
        __note_gnu_build_id_start = .;
        *(.note.gnu.build-id)
        __note_gnu_build_id_end = .;
    } :rodata :note
    . = ALIGN(PAGE_SIZE);
    _erodata = .;

    _sdata = .;
    .data : AT(ADDR(.data) - XEN_VIRT_START)
    {
        . = ALIGN(64);
        __per_cpu_start = .;
        *(.data.percpu)
        . = ALIGN(64);
        __per_cpu_data_end = .;
        *(.data .data.*)
    } :data
    .bss : AT(ADDR(.bss) - XEN_VIRT_START)
    {
        . = ALIGN(PAGE_SIZE);
        __bss_start = .;
        *(.bss.page_aligned)
        *(.bss .bss.*)
        *(COMMON)
        . = ALIGN(PAGE_SIZE);
        __bss_end = .;
    } :data
    _end = .;

    start_pa = start - XEN_VIRT_START;

    /DISCARD/ : { *(.comment) *(.note.GNU-stack) *(.eh_frame) *(.eh_frame_hdr) }
}
