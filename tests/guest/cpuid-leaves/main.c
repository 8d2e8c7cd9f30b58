/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cpuid-leaves: the hypervisor CPUID leaves as a PVH guest sees them.
 * Checks the facts Xen 4.17 shows (docs/testing-guest.md): the signature
 * at 0x40000000 and nowhere else, max leaf base+5, base+1 equal to
 * XENVER_version, one hypercall page at MSR 0x40000000, a non-zero TSC
 * frequency in base+3, the vCPU id, domid and upcall-vector flags in
 * base+4 and nothing in base+5 and base+6.
 */
#include <guest/test.h>
#include <public/arch-x86/cpuid.h>
#include <public/version.h>

const char test_title[] = "Hypervisor CPUID leaves";

#define CPUID_HYPERVISOR_BIT (1u << 31)     /* leaf 1 ECX */
#define HVM_FLAGS_KNOWN      0x7fu          /* XEN_HVM_CPUID_* bits 0-6 */

static void show(const char *what, uint32_t leaf, uint32_t sub)
{
    struct cpuid_res r = cpuid_count(leaf, sub);

    printf("  %-18s %08x.%u: %08x %08x %08x %08x\n", what, leaf, sub,
           r.a, r.b, r.c, r.d);
}

static void check_signature(uint32_t base)
{
    struct cpuid_res r = cpuid(1);
    uint32_t leaf;

    CHECK(r.c & CPUID_HYPERVISOR_BIT, "leaf 1 ECX[31] (hypervisor) clear");
    CHECK(base == XEN_CPUID_FIRST_LEAF, "signature at 0x%x, not 0x%x", base,
          XEN_CPUID_FIRST_LEAF);
    r = cpuid(base);
    CHECK(r.a == base + XEN_CPUID_MAX_NUM_LEAVES,
          "max leaf 0x%x, expected base+%u", r.a, XEN_CPUID_MAX_NUM_LEAVES);

    /* A second signature (Xen or KVM) would confuse guest detection. */
    for ( leaf = base + 0x100; leaf < 0x40010000; leaf += 0x100 )
    {
        r = cpuid(leaf);
        CHECK(r.b != XEN_CPUID_SIGNATURE_EBX && r.b != 0x4b4d564b,
              "second hypervisor signature at 0x%x (ebx %08x)", leaf, r.b);
    }
}

static void check_version_leaf(uint32_t base)
{
    struct cpuid_res r = cpuid(base + 1);
    long ver = hypervisor_xen_version(XENVER_version, NULL);

    CHECK(r.a == (uint32_t)ver, "base+1 EAX %08x != XENVER_version %lx",
          r.a, ver);
    CHECK((r.a >> 16) >= 4, "major version %u < 4 (Linux quirks)", r.a >> 16);
    CHECK(!r.b && !r.c && !r.d, "base+1 EBX/ECX/EDX not zero");
}

static void check_hypercall_leaf(uint32_t base)
{
    struct cpuid_res r = cpuid(base + 2);

    CHECK(r.a == 1, "base+2 EAX: %u hypercall pages, expected 1", r.a);
    CHECK(r.b == 0x40000000, "base+2 EBX: hypercall MSR 0x%x", r.b);
    CHECK(!(r.c & XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD),
          "base+2 ECX: PV-only MMU_PT_UPDATE_PRESERVE_AD set for PVH");
    CHECK(!r.d, "base+2 EDX %08x not zero", r.d);
}

static void check_time_leaf(uint32_t base)
{
    struct cpuid_res r = cpuid_count(base + 3, 0);

    CHECK(r.c != 0, "base+3.0 ECX: guest TSC kHz is 0");
    CHECK(r.b <= XEN_CPUID_TSC_MODE_PVRDTSCP, "base+3.0 EBX: tsc_mode %u",
          r.b);
    r = cpuid_count(base + 3, 1);
    CHECK(r.c != 0, "base+3.1 ECX: tsc->ns multiplier is 0");
}

static void check_hvm_leaf(uint32_t base)
{
    struct cpuid_res r = cpuid(base + 4);

    CHECK(!(r.a & ~HVM_FLAGS_KNOWN), "base+4 EAX %08x has unknown flags",
          r.a);
    CHECK(r.a & XEN_HVM_CPUID_VCPU_ID_PRESENT, "base+4: no vCPU id");
    CHECK(r.a & XEN_HVM_CPUID_DOMID_PRESENT, "base+4: no domid");
    CHECK(r.a & XEN_HVM_CPUID_UPCALL_VECTOR, "base+4: no upcall vector");
    if ( r.a & XEN_HVM_CPUID_VCPU_ID_PRESENT )
        CHECK(r.b == 0, "base+4 EBX: BSP vCPU id %u, expected 0", r.b);
    if ( r.a & XEN_HVM_CPUID_DOMID_PRESENT )
        CHECK(r.c != 0 && r.c < DOMID_FIRST_RESERVED,
              "base+4 ECX: domid %u for a domU", r.c);
    printf("  HVM flags: apic_access_virt %u x2apic_virt %u iommu %u "
           "vcpu_id %u domid %u ext_dest_id %u upcall_vector %u\n",
           !!(r.a & XEN_HVM_CPUID_APIC_ACCESS_VIRT),
           !!(r.a & XEN_HVM_CPUID_X2APIC_VIRT),
           !!(r.a & XEN_HVM_CPUID_IOMMU_MAPPINGS),
           !!(r.a & XEN_HVM_CPUID_VCPU_ID_PRESENT),
           !!(r.a & XEN_HVM_CPUID_DOMID_PRESENT),
           !!(r.a & XEN_HVM_CPUID_EXT_DEST_ID),
           !!(r.a & XEN_HVM_CPUID_UPCALL_VECTOR));
}

/* base+5 is PV-only and the leaf after the last one is empty. */
static void check_empty_leaves(uint32_t base)
{
    struct cpuid_res r5 = cpuid(base + 5), r6 = cpuid(base + 6);

    CHECK(!r5.a && !r5.b && !r5.c && !r5.d, "base+5 not all zero for PVH");
    CHECK(!r6.a && !r6.b && !r6.c && !r6.d, "base+6 not all zero");
}

void test_main(void)
{
    uint32_t base = hv.base;

    printf("Leaves (eax ebx ecx edx):\n");
    show("signature", base, 0);
    show("version", base + 1, 0);
    show("hypercall page", base + 2, 0);
    show("time", base + 3, 0);
    show("time", base + 3, 1);
    show("time", base + 3, 2);
    show("hvm features", base + 4, 0);
    show("pv parameters", base + 5, 0);
    show("beyond max", base + 6, 0);

    check_signature(base);
    check_version_leaf(base);
    check_hypercall_leaf(base);
    check_time_leaf(base);
    check_hvm_leaf(base);
    check_empty_leaves(base);
    test_success();
}
