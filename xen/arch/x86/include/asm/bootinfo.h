/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the boot loader told us, in one protocol-neutral form. Filled by
 * boot/bootinfo.c from Multiboot1, Multiboot2 or a PVH hvm_start_info,
 * then read by setup.c (memory map, modules) and later the domain builder.
 */
#ifndef __ASM_BOOTINFO_H__
#define __ASM_BOOTINFO_H__

#include <xen/types.h>

#define E820_RAM        1
#define E820_RESERVED   2
#define E820_ACPI       3
#define E820_NVS        4
#define E820_UNUSABLE   5

#define BOOT_MAX_MAP        128
#define BOOT_MAX_MODULES    32
#define BOOT_CMDLINE_LEN    1024

struct boot_map_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;              /* E820_* */
};

struct boot_module {
    paddr_t start;
    paddr_t size;
    char cmdline[256];
};

struct boot_info {
    unsigned int protocol;      /* BOOT_PROTO_* */
    const char *loader;         /* "multiboot1", "multiboot2 (GRUB ...)", "pvh" */
    char cmdline[BOOT_CMDLINE_LEN];
    unsigned int nr_map;
    struct boot_map_entry map[BOOT_MAX_MAP];
    unsigned int nr_modules;
    struct boot_module modules[BOOT_MAX_MODULES];
    paddr_t rsdp;               /* 0 if the loader gave none */
    paddr_t info_start, info_end;  /* loader structures to keep until parsed */
};

extern struct boot_info boot_info;

/*
 * Parse the loader's data at physical address info_pa. Problems are
 * printed; returns 0 if booting can go on, a negative errno otherwise
 * (the caller then stops with the message already shown).
 */
int bootinfo_parse(unsigned int protocol, paddr_t info_pa);
void bootinfo_print(void);

#endif /* __ASM_BOOTINFO_H__ */
