/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's own page tables (mm/paging.c): the direct map of RAM,
 * the W^X image mapping and the I/O remap area for device registers.
 */
#ifndef __ASM_PAGING_H__
#define __ASM_PAGING_H__

#include <xen/types.h>

#define _PAGE_PRESENT   (1UL << 0)
#define _PAGE_RW        (1UL << 1)
#define _PAGE_USER      (1UL << 2)
#define _PAGE_PWT       (1UL << 3)
#define _PAGE_PCD       (1UL << 4)
#define _PAGE_ACCESSED  (1UL << 5)
#define _PAGE_DIRTY     (1UL << 6)
#define _PAGE_PSE       (1UL << 7)
#define _PAGE_GLOBAL    (1UL << 8)
#define _PAGE_NX        (1UL << 63)
#define PADDR_MASK      0x000ffffffffff000UL

#define IOREMAP_VIRT_START  0xffff820000000000UL
#define IOREMAP_VIRT_SIZE   (1UL << 30)

/*
 * Build the final page tables covering every RAM range of the boot memory
 * map below 'limit', and switch to them. Context: boot CPU, boot allocator.
 */
void paging_init(paddr_t limit);
/* Extend the direct map to RAM in [start, end). */
void paging_map_ram(paddr_t start, paddr_t end);
/* Turn on CR4.PGE/SMEP/SMAP where present, on the calling CPU. */
void paging_enable_features(void);

/* The heap is up: later page-table pages come from the xenheap. */
void paging_heap_ready(void);

/* Map device registers uncached; returns NULL on exhaustion. */
void *ioremap(paddr_t pa, size_t size);

/* Root table (physical), for APs and the trampoline. */
extern paddr_t idle_pg_table_pa;
/* Feature summary for the boot log. */
extern bool cpu_has_nx, cpu_has_smep, cpu_has_smap, cpu_has_pdpe1gb;

#endif /* __ASM_PAGING_H__ */
