/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Page sizes and the hypervisor's virtual memory layout:
 *   0xffff830000000000  direct map of all RAM (DIRECTMAP_SIZE)
 *   0xffffffff80000000  the hypervisor image (XEN_VIRT_START + load address)
 * Conversions between machine addresses and direct-map pointers.
 */
#ifndef __ASM_PAGE_H__
#define __ASM_PAGE_H__

#ifdef __ASSEMBLY__
#define _AC(x, y)           x
#else
#define _AC(x, y)           x##y
#endif

#define PAGE_SHIFT          12
#define PAGE_SIZE           (_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK           (~(PAGE_SIZE - 1))
#define L2_PAGE_SHIFT       21
#define L2_PAGE_SIZE        (_AC(1, UL) << L2_PAGE_SHIFT)
#define L3_PAGE_SHIFT       30
#define L3_PAGE_SIZE        (_AC(1, UL) << L3_PAGE_SHIFT)

#define DIRECTMAP_VIRT_START _AC(0xffff830000000000, UL)
#define DIRECTMAP_SIZE       (_AC(1, UL) << 40)       /* 1 TiB of RAM */
#define XEN_VIRT_START       _AC(0xffffffff80000000, UL)

#ifndef __ASSEMBLY__
#include <xen/types.h>

/* Pointer into the direct map for machine address ma (must be RAM). */
static inline void *maddr_to_virt(paddr_t ma)
{
    return (void *)(DIRECTMAP_VIRT_START + ma);
}

/* Machine address of a direct-map or image pointer. */
static inline paddr_t virt_to_maddr(const void *va)
{
    unsigned long v = (unsigned long)va;

    if ( v >= XEN_VIRT_START )
        return v - XEN_VIRT_START;
    return v - DIRECTMAP_VIRT_START;
}

#define mfn_to_virt(mfn)    maddr_to_virt((paddr_t)(mfn) << PAGE_SHIFT)
#define virt_to_mfn(va)     (virt_to_maddr(va) >> PAGE_SHIFT)
#define __pa(va)            virt_to_maddr(va)
#define __va(ma)            maddr_to_virt(ma)
#endif

#endif /* __ASM_PAGE_H__ */
