/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Constants shared by the 32-bit boot code (boot/head.S) and C: the load
 * address, boot protocol identifiers and the early stack size.
 */
#ifndef __ASM_BOOT_H__
#define __ASM_BOOT_H__

#define XEN_LOAD_ADDR           0x200000   /* physical load address: 2 MiB */

#define MULTIBOOT1_HDR_MAGIC    0x1BADB002
#define MULTIBOOT1_BOOT_MAGIC   0x2BADB002
#define MULTIBOOT2_HDR_MAGIC    0xE85250D6
#define MULTIBOOT2_BOOT_MAGIC   0x36D76289
#define PVH_START_MAGIC         0x336EC578

/* How we were entered: passed to __start_xen(). */
#define BOOT_PROTO_MB1          1
#define BOOT_PROTO_MB2          2
#define BOOT_PROTO_PVH          3
#define BOOT_PROTO_UNKNOWN      4

#define STACK_ORDER             3          /* 32 KiB per-CPU stacks */
#define STACK_SIZE              (4096 << STACK_ORDER)

/* Boot GDT selectors (boot/head.S, then the per-CPU GDT in desc.c). */
#define __HYPERVISOR_CS         0x08
#define __HYPERVISOR_DS         0x10
#define TSS_SELECTOR            0x20       /* 16-byte descriptor: 0x20-0x2f */

#endif /* __ASM_BOOT_H__ */
