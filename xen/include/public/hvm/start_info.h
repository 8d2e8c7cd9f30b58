/* SPDX-License-Identifier: MIT */
/*
 * PVH boot contract: the start-of-day structure (hvm_start_info) the
 * domain builder hands to a PVH kernel, with its module list and memory
 * map entries, and the vCPU state at the PVH entry point
 * (XEN_ELFNOTE_PHYS32_ENTRY, see elfnote.h).
 *
 * Every address here is a guest physical address; 0 means "absent".
 */
#ifndef __XEN_PUBLIC_HVM_START_INFO_H__
#define __XEN_PUBLIC_HVM_START_INFO_H__

#include "../xen.h"     /* uint32_t/uint64_t and the SIF_* flags */

/*
 * Entry state of the boot vCPU (what the domain builder must provide):
 *   EBX     guest physical address of struct hvm_start_info (below 4 GiB)
 *   CR0     PE set, paging off; CR4 0
 *   CS      32-bit flat code segment (base 0, limit 4 GiB), any selector
 *   DS/ES/SS 32-bit flat data segments
 *   TR      a 32-bit TSS descriptor (base 0, limit 0x67)
 *   EFLAGS  IF, TF, VM clear
 *   EIP     the PHYS32_ENTRY address
 * Everything else is undefined. Other vCPUs are started by the guest.
 *
 * Linux copies the structure while paging is off and reads the module
 * list and memory map through page tables covering the first 1 GiB, so
 * builders keep all of them low.
 */

/* hvm_start_info.magic: "xEn3" with bit 7 of 'E' set. */
#define XEN_HVM_START_MAGIC_VALUE 0x336ec578

/* hvm_memmap_table_entry.type values (same as E820 / ACPI). */
#define XEN_HVM_MEMMAP_TYPE_RAM       1  /* usable RAM */
#define XEN_HVM_MEMMAP_TYPE_RESERVED  2  /* reserved (special pages, MMIO) */
#define XEN_HVM_MEMMAP_TYPE_ACPI      3  /* ACPI tables, reclaimable */
#define XEN_HVM_MEMMAP_TYPE_NVS       4  /* ACPI non-volatile storage */
#define XEN_HVM_MEMMAP_TYPE_UNUSABLE  5  /* bad memory */
#define XEN_HVM_MEMMAP_TYPE_DISABLED  6  /* disabled memory */
#define XEN_HVM_MEMMAP_TYPE_PMEM      7  /* persistent memory */

/*
 * Start-of-day information. Version 0 is 48 bytes (up to rsdp_paddr);
 * version 1 is 56 bytes and adds the memory map. Always fill in the full
 * 56 bytes: Linux copies 56 bytes whatever the version says. All fields
 * are IN to the guest (written by the builder, read by the kernel).
 */
struct hvm_start_info {
    uint32_t magic;             /* offset  0: XEN_HVM_START_MAGIC_VALUE */
    uint32_t version;           /* offset  4: 0 or 1 */
    uint32_t flags;             /* offset  8: SIF_* (xen.h) */
    uint32_t nr_modules;        /* offset 12: entries at modlist_paddr */
    uint64_t modlist_paddr;     /* offset 16: hvm_modlist_entry[] */
    uint64_t cmdline_paddr;     /* offset 24: NUL-terminated command line */
    uint64_t rsdp_paddr;        /* offset 32: ACPI RSDP, 0 = scan BIOS */
    /* Version 1 and later: */
    uint64_t memmap_paddr;      /* offset 40: hvm_memmap_table_entry[] */
    uint32_t memmap_entries;    /* offset 48: number of map entries */
    uint32_t reserved;          /* offset 52: zero */
};

/*
 * One boot module (Linux: module 0 is the initrd). 32 bytes.
 */
struct hvm_modlist_entry {
    uint64_t paddr;             /* offset  0: start of the module */
    uint64_t size;              /* offset  8: its length in bytes */
    uint64_t cmdline_paddr;     /* offset 16: its command line, or 0 */
    uint64_t reserved;          /* offset 24: zero */
};

/*
 * One memory map range. 24 bytes. Give entries sorted, not overlapping,
 * and no more than 127 (Linux copies them into a fixed 128-slot table).
 */
struct hvm_memmap_table_entry {
    uint64_t addr;              /* offset  0: first byte of the range */
    uint64_t size;              /* offset  8: length in bytes */
    uint32_t type;              /* offset 16: XEN_HVM_MEMMAP_TYPE_* */
    uint32_t reserved;          /* offset 20: zero */
};

#endif /* __XEN_PUBLIC_HVM_START_INFO_H__ */
