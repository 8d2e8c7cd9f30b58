/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest copies over the real p2m and guest walker: by guest-physical
 * address (page crossing, holes, MMIO, read-only RAM, borrowed frames,
 * wrap-around), by guest-virtual address through hand-built long-mode
 * tables (non-contiguous pages, faults mid-copy leave the prefix), and
 * Xen's typed handle macros (copy_to/from_guest[_offset], copy_field_*,
 * clear_guest, handle arithmetic and casts).
 */
#include "test.h"
#include "../p2m/p2m-test.h"
#include <xen/guest_access.h>

/* The handle macros use "current": here always the one test vCPU. */
static struct vcpu test_vcpu;
#undef current
#define current (&test_vcpu)

#define BASE    0x10000000UL    /* guest-virtual window, see build() */
#define MMIO_GFN 0x900

static uint8_t peek8(uint64_t gpa)
{
    return *(uint8_t *)gpa_ptr(gpa);
}

/*
 * Long mode: PML4 0x1000, PDPT 0x2000, PD 0x3000, PT 0x4000 mapping
 * BASE + n pages: 0 -> 0x70000, 1 -> 0x30000, 2 absent, 3 -> 0x33000
 * read-only, 4 -> MMIO, 5 -> a gpa hole, 6 -> 0x36000.
 */
static void build(void)
{
    poke64(0x1000, 0x2000 | G_PRW);
    poke64(0x2000, 0x3000 | G_PRW);
    poke64(0x3000 + 128 * 8, 0x4000 | G_PRW);
    poke64(0x4000 + 0 * 8, 0x70000 | G_PRW);
    poke64(0x4000 + 1 * 8, 0x30000 | G_PRW);
    poke64(0x4000 + 3 * 8, 0x33000 | G_P);
    poke64(0x4000 + 4 * 8, ((uint64_t)MMIO_GFN << PAGE_SHIFT) | G_PRW);
    poke64(0x4000 + 5 * 8, 0x2000000 | G_PRW);
    poke64(0x4000 + 6 * 8, 0x36000 | G_PRW);
    test_vcpu.domain = &test_dom;
    test_vcpu.arch.cr0 = X_CR0_PG | X_CR0_WP;
    test_vcpu.arch.cr3 = 0x1000;
    test_vcpu.arch.cr4 = X_CR4_PAE;
    test_vcpu.arch.efer = X_EFER_LMA | X_EFER_NXE;
}

static void test_phys(void)
{
    struct domain *d = &test_dom;
    struct p2m_domain *p2m = d->arch.p2m;
    uint8_t buf[64], back[64];
    unsigned int i;
    struct page_info *pg = alloc_domheap_pages(NULL, 0, MEMF_zero);

    for ( i = 0; i < sizeof(buf); i++ )
        buf[i] = (uint8_t)(i + 1);
    CHECK_EQ(copy_to_guest_phys(d, 0x5ff0, buf, sizeof(buf)), 0);
    CHECK_EQ(peek8(0x5ff0), 1);
    CHECK_EQ(peek8(0x6000), 17);
    CHECK_EQ(peek8(0x602f), 64);
    memset(back, 0, sizeof(back));
    CHECK_EQ(copy_from_guest_phys(d, back, 0x5ff0, sizeof(back)), 0);
    CHECK(!memcmp(buf, back, sizeof(buf)));
    CHECK_EQ(clear_guest_phys(d, 0x5ff8, 16), 0);
    CHECK_EQ(peek8(0x5ff7), 8);
    CHECK_EQ(peek8(0x5ff8), 0);
    CHECK_EQ(peek8(0x6007), 0);
    CHECK_EQ(peek8(0x6008), 25);
    CHECK_EQ(copy_to_guest_phys(d, 0x5000, buf, 0), 0);

    /* RAM ends at 8 MiB: the prefix is written, then -EFAULT. */
    CHECK_EQ(copy_to_guest_phys(d, 0x7ffff8, buf, 16), -EFAULT);
    CHECK_EQ(peek8(0x7fffff), 8);
    CHECK_EQ(copy_from_guest_phys(d, back, 0x800000, 1), -EFAULT);
    CHECK_EQ(clear_guest_phys(d, 0x7ffff0, 32), -EFAULT);
    CHECK_EQ(copy_from_guest_phys(d, back, ~0ULL - 4, 8), -EFAULT);
    CHECK_EQ(copy_from_guest_phys(d, back, 1ULL << 48, 8), -EFAULT);

    /* MMIO: never; read-only RAM: read only; borrowed frame: both. */
    CHECK_EQ(p2m_map_mfn(p2m, MMIO_GFN, 0xfee00, p2m_mmio_direct), 0);
    CHECK_EQ(copy_from_guest_phys(d, back, MMIO_GFN << PAGE_SHIFT, 4),
             -EFAULT);
    CHECK_EQ(copy_to_guest_phys(d, MMIO_GFN << PAGE_SHIFT, buf, 4), -EFAULT);
    CHECK_EQ(p2m_change_type(p2m, 0x10, p2m_ram_ro), 0);
    CHECK_EQ(copy_to_guest_phys(d, 0x10000, buf, 4), -EFAULT);
    CHECK_EQ(copy_from_guest_phys(d, back, 0x10000, 4), 0);
    CHECK_EQ(p2m_change_type(p2m, 0x10, p2m_ram_rw), 0);
    CHECK_EQ(p2m_map_mfn(p2m, 0xa00, page_to_mfn(pg), p2m_map_rw), 0);
    CHECK_EQ(copy_to_guest_phys(d, 0xa00ffe, buf, 2), 0);
    CHECK_EQ(((uint8_t *)page_to_virt(pg))[0xfff], 2);
    CHECK_EQ(p2m_map_mfn(p2m, 0xa00, page_to_mfn(pg), p2m_map_ro), 0);
    CHECK_EQ(copy_to_guest_phys(d, 0xa00ffe, buf, 2), -EFAULT);
    CHECK_EQ(copy_from_guest_phys(d, back, 0xa00ffe, 2), 0);
    CHECK_EQ(p2m_remove(p2m, 0xa00, 0), 0);
    free_domheap_pages(pg, 0);
}

static void test_virt(void)
{
    struct vcpu *v = &test_vcpu;
    uint8_t buf[32], back[32];
    unsigned int i;

    for ( i = 0; i < sizeof(buf); i++ )
        buf[i] = (uint8_t)(0x80 + i);
    /* Two guest pages backed by non-adjacent guest frames. */
    CHECK_EQ(copy_to_guest_virt(v, BASE + 0xff0, buf, sizeof(buf)), 0);
    CHECK_EQ(peek8(0x70ff0), 0x80);
    CHECK_EQ(peek8(0x70fff), 0x8f);
    CHECK_EQ(peek8(0x30000), 0x90);
    CHECK_EQ(peek8(0x3000f), 0x9f);
    CHECK_EQ(copy_from_guest_virt(v, back, BASE + 0xff0, sizeof(back)), 0);
    CHECK(!memcmp(buf, back, sizeof(buf)));
    CHECK_EQ(clear_guest_virt(v, BASE + 0xffe, 4), 0);
    CHECK_EQ(peek8(0x70ffd), 0x8d);
    CHECK_EQ(peek8(0x70ffe), 0);
    CHECK_EQ(peek8(0x30001), 0);
    CHECK_EQ(peek8(0x30002), 0x92);

    /* Into a not-present page: prefix copied, -EFAULT. */
    CHECK_EQ(copy_to_guest_virt(v, BASE + 0x1ff8, buf, 16), -EFAULT);
    CHECK_EQ(peek8(0x30ff8), 0x80);
    CHECK_EQ(peek8(0x30fff), 0x87);
    CHECK_EQ(copy_from_guest_virt(v, back, BASE + 0x2000, 1), -EFAULT);

    /* Read-only page, MMIO, a gpa hole, non-canonical, wrap-around. */
    CHECK_EQ(copy_to_guest_virt(v, BASE + 0x3000, buf, 1), -EFAULT);
    CHECK_EQ(copy_from_guest_virt(v, back, BASE + 0x3000, 1), 0);
    CHECK_EQ(copy_from_guest_virt(v, back, BASE + 0x4000, 1), -EFAULT);
    CHECK_EQ(copy_from_guest_virt(v, back, BASE + 0x5000, 1), -EFAULT);
    CHECK_EQ(copy_from_guest_virt(v, back, 0x0000800000000000UL, 1),
             -EFAULT);
    CHECK_EQ(copy_from_guest_virt(v, back, ~0UL - 1, 4), -EFAULT);
    CHECK_EQ(copy_from_guest_virt(v, back, BASE, 0), 0);

    /* A 2-level guest: the same copy code, another walk. */
    test_vcpu.arch.efer = 0;
    test_vcpu.arch.cr4 = 0;
    test_vcpu.arch.cr3 = 0xc000;
    poke32(0xc000, 0xd000 | G_PRW);
    poke32(0xd000 + 4, 0x37000 | G_PRW);
    CHECK_EQ(copy_to_guest_virt(v, 0x1ffe, buf, 2), 0);
    CHECK_EQ(peek8(0x37ffe), 0x80);
    CHECK_EQ(copy_to_guest_virt(v, 0x1ffe, buf, 3), -EFAULT);
    build();
}

struct test_s {
    uint32_t a;
    uint32_t pad;
    uint64_t b;
};
__DEFINE_XEN_GUEST_HANDLE(test_s, struct test_s);

static void test_handles(void)
{
    XEN_GUEST_HANDLE(uint64) h;
    XEN_GUEST_HANDLE_PARAM(void) hv;
    XEN_GUEST_HANDLE(test_s) hs;
    uint64_t arr[3] = { 0x1111, 0x2222, 0x3333 }, back[3] = { 0 }, x = 7;
    struct test_s s = { .a = 0xaaaa, .pad = 0, .b = 0xbbbb }, t;

    set_xen_guest_handle(h, (uint64_t *)(BASE + 0xff8));
    CHECK(!guest_handle_is_null(h));
    CHECK(guest_handle_okay(h, 3));
    CHECK_EQ(copy_to_guest(h, arr, 3), 0);
    CHECK_EQ(peek64(0x70ff8), 0x1111);
    CHECK_EQ(peek64(0x30000), 0x2222);
    CHECK_EQ(peek64(0x30008), 0x3333);
    CHECK_EQ(copy_from_guest(back, h, 3), 0);
    CHECK(!memcmp(arr, back, sizeof(arr)));
    CHECK_EQ(copy_to_guest_offset(h, 2, &x, 1), 0);
    CHECK_EQ(peek64(0x30008), 7);
    CHECK_EQ(__copy_from_guest_offset(&x, h, 1, 1), 0);
    CHECK_EQ(x, 0x2222);
    guest_handle_add_offset(h, 1);
    CHECK_EQ(guest_handle_addr(h), BASE + 0x1000);
    CHECK_EQ(clear_guest(h, 1), 0);
    CHECK_EQ(peek64(0x30000), 0);
    guest_handle_subtract_offset(h, 1);

    hv = guest_handle_cast(h, void);
    CHECK_EQ(guest_handle_addr(hv), BASE + 0xff8);
    CHECK_EQ(copy_from_guest(back, hv, 1), 0);          /* units of *ptr */
    CHECK_EQ(back[0], 0x1111);

    /* Fields land at their offsets; a misaligned handle is fine. */
    set_xen_guest_handle(hs, (struct test_s *)(BASE + 0x6003));
    CHECK_EQ(clear_guest(hs, 1), 0);
    CHECK_EQ(copy_field_to_guest(hs, &s, b), 0);
    CHECK_EQ(peek64(0x3600b), 0xbbbb);
    CHECK_EQ(peek64(0x36003) & 0xffffffff, 0);
    memset(&t, 0xff, sizeof(t));
    CHECK_EQ(copy_field_from_guest(&t, hs, b), 0);
    CHECK_EQ(t.b, 0xbbbb);
    CHECK_EQ(t.a, 0xffffffff);
    CHECK_EQ(__copy_to_guest(hs, &s, 1), 0);
    CHECK_EQ(copy_from_guest(&t, hs, 1), 0);
    CHECK(!memcmp(&s, &t, sizeof(s)));

    set_xen_guest_handle(h, (uint64_t *)(BASE + 0x2000));
    CHECK(copy_from_guest(back, h, 1) == -EFAULT);
    set_xen_guest_handle(h, NULL);
    CHECK(guest_handle_is_null(h));
    CHECK_EQ(copy_to_guest(h, arr, 1), -EFAULT);
}

int main(void)
{
    machine_start();
    domain_start(P2M_EPT, ~0UL);
    if ( p2m_populate(test_dom.arch.p2m, 0, 11) )   /* 8 MiB */
        abort();
    build();
    test_phys();
    test_virt();
    test_handles();
    domain_end();
    free(test_ram);
    return test_done();
}
