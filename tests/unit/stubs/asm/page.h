/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stub of asm/page.h: the "direct map" is a host buffer that a test
 * allocates and stores in test_ram, so machine address ma lives at
 * test_ram + ma. Page sizes match the real header.
 */
#ifndef __ASM_PAGE_H__
#define __ASM_PAGE_H__

#define PAGE_SHIFT          12
#define PAGE_SIZE           (1UL << PAGE_SHIFT)
#define PAGE_MASK           (~(PAGE_SIZE - 1))
#define L2_PAGE_SHIFT       21
#define L2_PAGE_SIZE        (1UL << L2_PAGE_SHIFT)
#define L3_PAGE_SHIFT       30
#define L3_PAGE_SIZE        (1UL << L3_PAGE_SHIFT)

#ifndef __ASSEMBLY__
#include <xen/types.h>

/* Weak so that every test including this links without defining it. */
__attribute__((weak)) unsigned char *test_ram;

static inline void *maddr_to_virt(paddr_t ma)
{
    return test_ram + ma;
}

static inline paddr_t virt_to_maddr(const void *va)
{
    return (paddr_t)((const unsigned char *)va - test_ram);
}

#define mfn_to_virt(mfn)    maddr_to_virt((paddr_t)(mfn) << PAGE_SHIFT)
#define virt_to_mfn(va)     (virt_to_maddr(va) >> PAGE_SHIFT)
#define __pa(va)            virt_to_maddr(va)
#define __va(ma)            maddr_to_virt(ma)
#endif

#endif /* __ASM_PAGE_H__ */
