/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-CPU descriptor tables (desc.c): GDT with a 64-bit TSS, the shared
 * IDT, and interrupt-stack-table stacks for NMI, #DF and #MC so that those
 * run on a known-good stack whatever state the CPU was in.
 */
#ifndef __ASM_DESC_H__
#define __ASM_DESC_H__

#include <xen/types.h>

#define IST_NMI     1
#define IST_DF      2
#define IST_MCE     3
#define IST_MAX     3

struct tss64 {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} __attribute__((__packed__));

/* Build and load this CPU's GDT, TSS and the IDT. Context: the CPU itself. */
void cpu_load_descriptors(unsigned int cpu);
/* Fill the shared IDT (once, on the boot CPU). */
void idt_init(void);
/* Allocate GDT/TSS/IST stacks for cpu (boot CPU: before cpu_load_descriptors). */
int cpu_desc_alloc(unsigned int cpu);

#endif /* __ASM_DESC_H__ */
