/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hcall-unknown: hypercall numbers without a handler for a PVH domU
 * return -ENOSYS (Xen 4.17, docs/testing-guest.md): the unused numbers
 * below 64, the PV-only hypercalls, and every number from 64 up (page
 * style: up to 127, the last stub; direct style: up to 255, then a few
 * large ones). Bits 63:32 of RAX are part of the number (a number that
 * is 17 in its low half is still unknown).
 *
 * One exception: Xen's hypercall page has no stub for 23 (iret, PV only)
 * but UD2 in its slot, so calling it through the page raises #UD.
 */
#include <guest/test.h>

const char test_title[] = "Unknown hypercall numbers give -ENOSYS";

#define PAGE_STUBS 128
#define DIRECT_MAX 256

/* Below 64 and without a PVH handler on Xen 4.17. */
static const unsigned long unused_low[] = {
    /* PV only: set_trap_table .. fpu_taskswitch, debugregs, descriptors,
     * update_va_mapping(_otherdomain), iret, set_segment_base */
    0, 1, 2, 3, 4, 5, 8, 9, 10, 14, 22, 23, 25,
    /* never assigned or retired */
    11, 38, 43, 44, 45, 46, 47,
    /* architecture-specific slots 2-7, reserved 56-63 */
    50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63,
};

static const unsigned long huge[] = {
    0x1000, 0x7fffffff, 0x80000000, 0xffffffff,
    (1UL << 32) | __HYPERVISOR_xen_version,
    0xffffffffffffffffUL,
};

static unsigned int bad;

static void call_page_iret(void *rc)
{
    *(long *)rc = hypercall_with(HCALL_PAGE, __HYPERVISOR_iret,
                                 0, 0, 0, 0, 0);
}

/* Through the page, iret must be UD2 (Xen 4.17) or give -ENOSYS. */
static void probe_page_iret(void)
{
    unsigned int vec = 0;
    long rc = 0;

    if ( exec_expect_fault(call_page_iret, &rc, &vec) )
    {
        CHECK(vec == X86_EXC_UD, "page iret stub raised %s, expected #UD",
              exception_name(vec));
        printf("page style: hypercall 23 (iret) raised %s\n",
               exception_name(vec));
    }
    else
        CHECK(rc == -XEN_ENOSYS, "page iret stub returned %ld", rc);
}

static void dump_stub(unsigned int nr)
{
    const uint8_t *p = hypercall_page + nr * 32;
    unsigned int i;

    printf("page stub %2u:", nr);
    for ( i = 0; i < 12; i++ )
        printf(" %02x", p[i]);
    printf("\n");
}

static void probe(enum hcall_mode m, unsigned long nr)
{
    long rc;

    if ( m == HCALL_PAGE && nr == __HYPERVISOR_iret )
    {
        probe_page_iret();
        return;
    }
    rc = hypercall_with(m, nr, 0, 0, 0, 0, 0);

    if ( rc == -XEN_ENOSYS )
        return;
    if ( bad++ < 16 )
        printf("  %s: hypercall %lu (0x%lx) returned %ld\n",
               hypercall_mode_name(m), nr, nr, rc);
    test_failure("%s hypercall 0x%lx returned %ld, expected %d",
                 hypercall_mode_name(m), nr, rc, -XEN_ENOSYS);
}

static void run_style(enum hcall_mode m)
{
    unsigned long nr, top = m == HCALL_PAGE ? PAGE_STUBS : DIRECT_MAX;
    unsigned int i, before = bad;

    for ( i = 0; i < ARRAY_SIZE(unused_low); i++ )
        probe(m, unused_low[i]);
    for ( nr = 64; nr < top; nr++ )
        probe(m, nr);
    if ( m == HCALL_DIRECT )
        for ( i = 0; i < ARRAY_SIZE(huge); i++ )
            probe(m, huge[i]);
    printf("%s style: %lu numbers probed, %u unexpected\n",
           hypercall_mode_name(m),
           ARRAY_SIZE(unused_low) + (top - 64) +
           (m == HCALL_DIRECT ? ARRAY_SIZE(huge) : 0), bad - before);
}

void test_main(void)
{
    /* A known one first, so that a dead hypercall path is not "ENOSYS". */
    long ver = hypercall_with(HCALL_DIRECT, __HYPERVISOR_xen_version,
                              0, 0, 0, 0, 0);

    if ( ver <= 0 )
    {
        test_error("xen_version (direct) returned %ld", ver);
        return;
    }
    run_style(HCALL_DIRECT);
    if ( hypercall_set_mode(HCALL_PAGE) )
    {
        CHECK(hypercall_with(HCALL_PAGE, __HYPERVISOR_xen_version,
                             0, 0, 0, 0, 0) == ver,
              "page-style xen_version differs from direct");
        dump_stub(__HYPERVISOR_xen_version);
        dump_stub(__HYPERVISOR_iret);
        run_style(HCALL_PAGE);
    }
    else
        test_failure("hypercall page unavailable");
    test_success();
}
