/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Arch hook behind XENMEM_memory_map (common/memory.c): the domain's
 * guest-physical memory map, as the domain builder made it for the PVH
 * start info, in the E820 format of the hypercall.
 */
#ifndef __XEN_MEMORY_ARCH_H__
#define __XEN_MEMORY_ARCH_H__

#include <xen/compiler.h>
#include <xen/types.h>

struct domain;

/* One entry of the XENMEM_memory_map buffer: 20 bytes, packed. */
struct e820entry {
    uint64_t addr;          /* first byte */
    uint64_t size;          /* length in bytes */
    uint32_t type;          /* E820 / XEN_HVM_MEMMAP_TYPE_* */
} __attribute__((__packed__));

/* The most entries XENMEM_memory_map returns (the rest are cut off). */
#define MEMORY_MAP_MAX_ENTRIES  32

/*
 * Copy d's memory map, in the order the builder wrote it, into map.
 * *nr is IN the room in map (entries), OUT the entries stored: at most
 * the room (a longer map is cut off). Returns 0, or -ENOSYS if d has
 * no memory map (as Xen for domains without one).
 * Context: any; d is a live domain (caller holds a reference).
 */
int arch_memory_map(struct domain *d, struct e820entry *map, unsigned int *nr);

#endif /* __XEN_MEMORY_ARCH_H__ */
