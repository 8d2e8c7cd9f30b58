/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit test of the guest MSR allow-list: table contents per vendor, reset
 * values, storage and validation of APIC_BASE, MTRRs, PAT, TSC_AUX and
 * SPEC_CTRL, vendor-held MSRs, the hypercall-page MSR, and #GP elsewhere.
 */
#include <xen/errno.h>
#include <asm/msr-index.h>
#include <asm/msr-policy.h>
#include "test.h"

static struct msr_vcpu_state st(uint32_t vcpu, uint8_t vendor)
{
    struct msr_vcpu_state s;

    msr_vcpu_init(&s, vcpu, vendor, 48);
    return s;
}

static int rd(struct msr_vcpu_state *s, uint32_t msr, uint64_t *v)
{
    *v = 0xdead;
    return guest_msr_read(s, msr, v);
}

static void test_vendor_and_xen(void)
{
    static const uint32_t vendor_msrs[] = {
        0x10, 0x174, 0x175, 0x176, 0x277, 0xc0000080, 0xc0000081,
        0xc0000082, 0xc0000083, 0xc0000084, 0xc0000100, 0xc0000101,
        0xc0000102,
    };
    struct msr_vcpu_state s = st(0, MSR_POL_AMD);
    unsigned int i, bad = 0;
    uint64_t v;

    for ( i = 0; i < sizeof(vendor_msrs) / sizeof(vendor_msrs[0]); i++ )
        if ( rd(&s, vendor_msrs[i], &v) != MSR_VENDOR ||
             guest_msr_write(&s, vendor_msrs[i], 0x0007040600070406ULL) !=
             MSR_VENDOR )
            bad++, printf("#   %x not vendor\n", vendor_msrs[i]);
    CHECK_EQ(bad, 0);
    /* PAT is validated before the vendor code sees it. */
    CHECK_EQ(guest_msr_write(&s, 0x277, 0x0007040600070402ULL), -EPERM);
    CHECK_EQ(guest_msr_write(&s, 0x277, 0x0007040600070408ULL), -EPERM);
    CHECK(msr_pat_valid(0x0007040600070406ULL));
    /* Hypercall page: write for the caller, reads as 0 (as Xen 4.17). */
    CHECK_EQ(guest_msr_write(&s, 0x40000000, 0x123000), MSR_XEN);
    v = 1;
    CHECK_EQ(rd(&s, 0x40000000, &v), 0);
    CHECK_EQ(v, 0);
    CHECK_EQ(guest_msr_write(&s, 0x40000001, 0), -EPERM);
}

static void test_apic_base(void)
{
    struct msr_vcpu_state s0 = st(0, MSR_POL_AMD), s1 = st(1, MSR_POL_AMD);
    uint64_t v;

    CHECK_EQ(rd(&s0, MSR_APIC_BASE, &v), 0);
    CHECK_EQ(v, 0xfee00000ULL | APIC_BASE_ENABLE | APIC_BASE_BSP);
    CHECK_EQ(rd(&s1, MSR_APIC_BASE, &v), 0);
    CHECK_EQ(v, 0xfee00000ULL | APIC_BASE_ENABLE);
    /* Same value: fine. Relocation, x2APIC, reserved bits: #GP. */
    CHECK_EQ(guest_msr_write(&s0, MSR_APIC_BASE, 0xfee00900), 0);
    CHECK_EQ(guest_msr_write(&s0, MSR_APIC_BASE, 0xfec00900), -EPERM);
    CHECK_EQ(guest_msr_write(&s0, MSR_APIC_BASE, 0xfee00d00), -EPERM);
    CHECK_EQ(guest_msr_write(&s0, MSR_APIC_BASE, 0xfee00901), -EPERM);
    /* Disable is stored, BSP stays. */
    CHECK_EQ(guest_msr_write(&s1, MSR_APIC_BASE, 0xfee00000), 0);
    CHECK_EQ(rd(&s1, MSR_APIC_BASE, &v), 0);
    CHECK_EQ(v, 0xfee00000ULL);
    CHECK_EQ(guest_msr_write(&s0, MSR_APIC_BASE, 0xfee00800), 0);
    CHECK_EQ(rd(&s0, MSR_APIC_BASE, &v), 0);
    CHECK_EQ(v, 0xfee00900ULL);
}

static void test_mtrr(void)
{
    struct msr_vcpu_state s = st(0, MSR_POL_INTEL);
    uint64_t v;

    CHECK_EQ(rd(&s, 0xfe, &v), 0);
    CHECK_EQ(v, 0x508);
    CHECK_EQ(guest_msr_write(&s, 0xfe, 0), -EPERM);
    CHECK_EQ(rd(&s, 0x2ff, &v), 0);
    CHECK_EQ(v, 0xc06);                         /* E, FE, WB */
    CHECK_EQ(guest_msr_write(&s, 0x2ff, 0x800), 0);
    CHECK_EQ(rd(&s, 0x2ff, &v), 0);
    CHECK_EQ(v, 0x800);
    CHECK_EQ(guest_msr_write(&s, 0x2ff, 0xc02), -EPERM);   /* type 2 */
    CHECK_EQ(guest_msr_write(&s, 0x2ff, 0x1c06), -EPERM);  /* reserved */
    /* Variable ranges 0x200..0x20f: base type, mask V, phys bits. */
    CHECK_EQ(guest_msr_write(&s, 0x200, 0x80000006), 0);
    CHECK_EQ(guest_msr_write(&s, 0x201, 0xff80000800ULL), 0);
    CHECK_EQ(rd(&s, 0x201, &v), 0);
    CHECK_EQ(v, 0xff80000800ULL);
    CHECK_EQ(guest_msr_write(&s, 0x202, 0x80000003), -EPERM);
    CHECK_EQ(guest_msr_write(&s, 0x20f, 1ULL << 48), -EPERM);
    CHECK_EQ(guest_msr_write(&s, 0x20f, 0x801), -EPERM);
    CHECK_EQ(rd(&s, 0x210, &v), -EPERM);        /* VCNT = 8 */
    /* Fixed ranges. */
    CHECK_EQ(guest_msr_write(&s, 0x250, 0x0606060606060606ULL), 0);
    CHECK_EQ(guest_msr_write(&s, 0x259, 0x0000000000000001ULL), 0);
    CHECK_EQ(guest_msr_write(&s, 0x26f, 0x0505050505050505ULL), 0);
    CHECK_EQ(guest_msr_write(&s, 0x268, 0x0706060606060606ULL), -EPERM);
    CHECK_EQ(rd(&s, 0x250, &v), 0);
    CHECK_EQ(v, 0x0606060606060606ULL);
    CHECK_EQ(rd(&s, 0x259, &v), 0);
    CHECK_EQ(v, 1);
    CHECK_EQ(rd(&s, 0x26f, &v), 0);
    CHECK_EQ(v, 0x0505050505050505ULL);
    CHECK_EQ(rd(&s, 0x258, &v), 0);
    CHECK_EQ(v, 0);
    CHECK_EQ(rd(&s, 0x251, &v), -EPERM);
}

static void test_features(void)
{
    struct msr_vcpu_state s = st(0, MSR_POL_AMD);
    uint64_t v;

    /* Hidden in CPUID: #GP. */
    CHECK_EQ(rd(&s, 0xc0000103, &v), -EPERM);
    CHECK_EQ(rd(&s, 0x48, &v), -EPERM);
    CHECK_EQ(guest_msr_write(&s, 0x49, 1), -EPERM);
    CHECK_EQ(rd(&s, 0x10a, &v), -EPERM);
    s.has_tsc_aux = s.has_spec_ctrl = s.has_arch_caps = true;
    s.arch_caps = 0x2b;
    CHECK_EQ(guest_msr_write(&s, 0xc0000103, 5), 0);
    CHECK_EQ(rd(&s, 0xc0000103, &v), 0);
    CHECK_EQ(v, 5);
    CHECK_EQ(s.tsc_aux, 5);
    CHECK_EQ(guest_msr_write(&s, 0xc0000103, 1ULL << 32), -EPERM);
    CHECK_EQ(guest_msr_write(&s, 0x48, 3), 0);
    CHECK_EQ(rd(&s, 0x48, &v), 0);
    CHECK_EQ(v, 3);
    CHECK_EQ(guest_msr_write(&s, 0x48, 4), -EPERM);      /* no SSBD */
    s.has_ssbd = true;
    CHECK_EQ(guest_msr_write(&s, 0x48, 4), 0);
    CHECK_EQ(guest_msr_write(&s, 0x49, 1), 0);
    CHECK_EQ(guest_msr_write(&s, 0x49, 2), -EPERM);
    CHECK_EQ(rd(&s, 0x49, &v), -EPERM);                  /* write-only */
    CHECK_EQ(rd(&s, 0x10a, &v), 0);
    CHECK_EQ(v, 0x2b);
    CHECK_EQ(guest_msr_write(&s, 0x10a, 0), -EPERM);
}

static void test_amd(void)
{
    struct msr_vcpu_state s = st(0, MSR_POL_AMD);
    uint64_t v;

    s.ucode_rev = 0x0a201016;
    CHECK_EQ(rd(&s, 0x8b, &v), 0);
    CHECK_EQ(v, 0x0a201016);
    CHECK_EQ(guest_msr_write(&s, 0x8b, 0), -EPERM);      /* AMD: R/O */
    CHECK_EQ(rd(&s, 0xc0010015, &v), 0);                 /* HWCR */
    CHECK_EQ(v, 0);
    CHECK_EQ(rd(&s, 0xc0011029, &v), 0);                 /* DE_CFG */
    CHECK_EQ(v, 2);
    CHECK_EQ(guest_msr_write(&s, 0xc0011029, 0x1234), 0);
    CHECK_EQ(rd(&s, 0xc0011020, &v), -EPERM);            /* LS_CFG */
    CHECK_EQ(rd(&s, 0xc0010010, &v), -EPERM);            /* SYSCFG */
    CHECK_EQ(guest_msr_write(&s, 0xc0010020, 0x1000), 0);
    /* Intel-only MSRs. */
    CHECK_EQ(rd(&s, 0x1a0, &v), -EPERM);
    CHECK_EQ(rd(&s, 0x3a, &v), -EPERM);
    CHECK_EQ(rd(&s, 0x17, &v), -EPERM);
    CHECK(guest_msr_lookup(&s, 0x1a0) == NULL);
}

static void test_intel(void)
{
    struct msr_vcpu_state s = st(0, MSR_POL_INTEL);
    uint64_t v;

    s.ucode_rev = 0xf000000000ULL;
    s.platform_id = 1ULL << 50;
    CHECK_EQ(guest_msr_write(&s, 0x8b, 0), 0);           /* SDM sequence */
    CHECK_EQ(guest_msr_write(&s, 0x8b, 1), -EPERM);
    CHECK_EQ(rd(&s, 0x8b, &v), 0);
    CHECK_EQ(v, 0xf000000000ULL);
    CHECK_EQ(rd(&s, 0x17, &v), 0);
    CHECK_EQ(v, 1ULL << 50);
    CHECK_EQ(guest_msr_write(&s, 0x17, 0), -EPERM);
    CHECK_EQ(rd(&s, 0x3a, &v), 0);
    CHECK_EQ(v, 1);                                      /* locked */
    CHECK_EQ(guest_msr_write(&s, 0x3a, 5), -EPERM);
    CHECK_EQ(rd(&s, 0x1a0, &v), 0);
    CHECK_EQ(v, 0x801801);
    CHECK_EQ(guest_msr_write(&s, 0x1a0, 0x801801), 0);
    CHECK_EQ(guest_msr_write(&s, 0x1a0, 0x801801 | (1ULL << 22)), -EPERM);
    CHECK_EQ(guest_msr_write(&s, 0x79, 0x1000), 0);
    CHECK_EQ(rd(&s, 0x79, &v), -EPERM);
    CHECK_EQ(rd(&s, 0xce, &v), 0);
    CHECK_EQ(v, 0);
    CHECK_EQ(guest_msr_write(&s, 0x140, 0), 0);
    CHECK_EQ(guest_msr_write(&s, 0x140, 1), -EPERM);
    CHECK_EQ(rd(&s, 0x199, &v), 0);
    CHECK_EQ(guest_msr_write(&s, 0x199, 0x1234), 0);
    CHECK_EQ(rd(&s, 0xc0011029, &v), -EPERM);            /* AMD-only */
    CHECK_EQ(rd(&s, 0x1d9, &v), 0);                      /* DEBUGCTL */
    CHECK_EQ(v, 0);
    CHECK_EQ(guest_msr_write(&s, 0x1d9, 0), 0);
    CHECK_EQ(guest_msr_write(&s, 0x1d9, 1), -EPERM);
}

static void test_unknown(void)
{
    static const uint32_t gp[] = {
        0x0, 0x3b, 0x6e0, 0x800, 0x830, 0x8ff, 0x179, 0x17a, 0x400, 0xda0,
        0xd90, 0xe7, 0xe8, 0xc0010000, 0xc0010114, 0xc0010117,
        0xc001011f, 0xc0000104, 0x40000100, 0x400000ff, 0xffffffff,
    };
    struct msr_vcpu_state s = st(0, MSR_POL_AMD);
    unsigned int i, bad = 0;
    uint64_t v;

    for ( i = 0; i < sizeof(gp) / sizeof(gp[0]); i++ )
        if ( rd(&s, gp[i], &v) != -EPERM || v != 0xdead ||
             guest_msr_write(&s, gp[i], 0) != -EPERM )
            bad++, printf("#   %x not #GP\n", gp[i]);
    CHECK_EQ(bad, 0);
}

int main(void)
{
    test_vendor_and_xen();
    test_apic_base();
    test_mtrr();
    test_features();
    test_amd();
    test_intel();
    test_unknown();
    return test_done();
}
