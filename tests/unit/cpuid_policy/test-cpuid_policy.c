/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit test of the guest CPUID policy against a fake host CPUID that
 * reports every feature bit set: which bits are hidden, the topology of
 * each vCPU, leaf limits, and the Xen leaves' exact values (Xen 4.17).
 */
#include <public/arch-x86/cpuid.h>
#include <asm/cpuid-policy.h>
#include "test.h"
#include <xen/time-scale.h>

static bool fake_intel;

/* A host with every feature bit set, AMD or Intel vendor strings. */
static void fake_host(uint32_t leaf, uint32_t subleaf, struct cpuid_leaf *r)
{
    (void)subleaf;
    r->a = r->b = r->c = r->d = 0xffffffff;
    switch ( leaf )
    {
    case 0:
        r->a = fake_intel ? 0x1f : 0x10;
        r->b = fake_intel ? 0x756e6547 : 0x68747541;   /* Genu / Auth */
        r->d = fake_intel ? 0x49656e69 : 0x69746e65;
        r->c = fake_intel ? 0x6c65746e : 0x444d4163;
        break;
    case 1:
        r->a = 0xf0830f10;
        r->b = 0x03020800;              /* host APIC id 3, 2 logical, 64B */
        break;
    case 4:
        r->a = 0x00004121;              /* L1 data, 1 core */
        break;
    case 0x80000000:
        r->a = 0x80000021;
        break;
    case 0x80000001:
        if ( !fake_intel )
            break;
        r->d = 0;                       /* Intel fake: no RDTSCP */
        break;
    }
}

static struct cpuid_guest_ctx ctx(uint32_t vcpu, uint32_t nr)
{
    return (struct cpuid_guest_ctx){
        .xsave = true,
        .vcpu_id = vcpu, .nr_vcpus = nr, .domid = 7, .xen_major = 4,
        .xen_minor = 17, .upcall_vector = true, .host_tsc_reliable = true,
        .tsc_khz = 2000000, .cpu_khz = 1999999, .host_cpuid = fake_host,
    };
}

static struct cpuid_leaf q(const struct cpuid_guest_ctx *c, uint32_t leaf,
                           uint32_t sub)
{
    struct cpuid_leaf r;

    guest_cpuid(c, leaf, sub, &r);
    return r;
}

#define IS_ZERO(l) ((l).a == 0 && (l).b == 0 && (l).c == 0 && (l).d == 0)
#define BIT(n) (1u << (n))

static void test_xen_leaves(void)
{
    struct cpuid_guest_ctx c = ctx(3, 4);
    struct cpuid_leaf r;

    r = q(&c, 0x40000000, 0);
    CHECK_EQ(r.a, 0x40000005);
    CHECK_EQ(r.b, XEN_CPUID_SIGNATURE_EBX);
    CHECK_EQ(r.c, XEN_CPUID_SIGNATURE_ECX);
    CHECK_EQ(r.d, XEN_CPUID_SIGNATURE_EDX);
    CHECK(!memcmp(&r.b, "XenVMMXenVMM", 12));
    r = q(&c, 0x40000001, 0);
    CHECK(r.a == 0x00040011 && !r.b && !r.c && !r.d);
    r = q(&c, 0x40000002, 0);
    CHECK(r.a == 1 && r.b == 0x40000000 && r.c == 0 && r.d == 0);
    r = q(&c, 0x40000003, 0);
    CHECK_EQ(r.a,
             XEN_CPUID_HOST_TSC_RELIABLE | XEN_CPUID_RDTSCP_INSTR_AVAIL);
    CHECK(r.b == XEN_CPUID_TSC_MODE_DEFAULT && r.c == 2000000 && r.d == 0);
    CHECK(q(&c, 0x40000003, 1).c != 0);             /* as Xen: the scale */
    CHECK_EQ(q(&c, 0x40000003, 2).a, 1999999);
    r = q(&c, 0x40000004, 0);
    CHECK_EQ(r.a, XEN_HVM_CPUID_IOMMU_MAPPINGS | XEN_HVM_CPUID_VCPU_ID_PRESENT |
                  XEN_HVM_CPUID_DOMID_PRESENT | XEN_HVM_CPUID_UPCALL_VECTOR);
    CHECK_EQ(r.a, 0x5c);
    CHECK(r.b == 3 && r.c == 7 && r.d == 0);
    CHECK(IS_ZERO(q(&c, 0x40000004, 1)));
    c.upcall_vector = false;
    CHECK_EQ(q(&c, 0x40000004, 0).a, 0x1c);
    CHECK(IS_ZERO(q(&c, 0x40000005, 0)));       /* PV only */
    CHECK(IS_ZERO(q(&c, 0x40000006, 0)));
    CHECK(IS_ZERO(q(&c, 0x40000100, 0)));       /* no Viridian */
    CHECK(IS_ZERO(q(&c, 0x4fffffff, 0)));
    fake_intel = true;
    CHECK_EQ(q(&c, 0x40000003, 0).a, XEN_CPUID_HOST_TSC_RELIABLE);
    fake_intel = false;
}

static void test_leaf1(void)
{
    struct cpuid_guest_ctx c = ctx(3, 4);
    struct cpuid_leaf r = q(&c, 1, 0);

    CHECK_EQ(r.a, 0x00830f10);                  /* type bits cleared */
    CHECK_EQ(r.b >> 24, 6);                     /* APIC id 2 * vcpu */
    CHECK_EQ((r.b >> 16) & 0xff, 8);            /* 2 * 4 vCPUs */
    CHECK_EQ(r.b & 0xffff, 0x0800);
    CHECK(r.c & BIT(31));                       /* hypervisor */
    CHECK(!(r.c & (BIT(3) | BIT(5) | BIT(6) | BIT(7) | BIT(24))));
    CHECK(r.c & BIT(21));                       /* x2APIC: emulated */
    CHECK(!(r.c & BIT(27)));                    /* OSXSAVE: CR4 clear */
    CHECK(r.c & BIT(26) && r.c & BIT(0) && r.c & BIT(19));
    CHECK(r.d & BIT(9) && r.d & BIT(28) && r.d & BIT(12) && r.d & BIT(16));
    CHECK(!(r.d & (BIT(7) | BIT(14) | BIT(18) | BIT(21) | BIT(22) |
                   BIT(29) | BIT(31))));
    c.guest_cr4 = 1ULL << 18;
    c.apic_disabled = true;
    r = q(&c, 1, 0);
    CHECK(r.c & BIT(27));
    CHECK(!(r.d & BIT(9)));
    c = ctx(0, 1);
    r = q(&c, 1, 0);
    CHECK_EQ(r.b >> 24, 0);
    CHECK_EQ((r.b >> 16) & 0xff, 2);
    c = ctx(100, 128);
    CHECK_EQ((q(&c, 1, 0).b >> 16) & 0xff, 128);
    CHECK_EQ(q(&c, 1, 0).b >> 24, 200);
}

static void test_topology(void)
{
    struct cpuid_guest_ctx c = ctx(3, 4);
    struct cpuid_leaf r;

    r = q(&c, 0xb, 0);
    CHECK(r.a == 1 && r.b == 1 && r.c == 0x100 && r.d == 6);
    r = q(&c, 0xb, 1);
    CHECK(r.a == 3 && r.b == 4 && r.c == 0x201 && r.d == 6);
    r = q(&c, 0xb, 2);
    CHECK(r.a == 0 && r.b == 0 && r.c == 2 && r.d == 6);
    r = q(&c, 0x80000008, 0);
    CHECK_EQ(r.c & 0xff, 7);                    /* NC */
    CHECK_EQ((r.c >> 12) & 0xf, 3);             /* ApicIdCoreIdSize */
    CHECK_EQ(r.a, 0xffff);
    CHECK_EQ(r.b, BIT(0) | BIT(2) | BIT(9));
    CHECK_EQ(r.d, 0);
    CHECK_EQ(q(&c, 4, 0).a >> 26, 7);
}

static void test_masks_and_limits(void)
{
    struct cpuid_guest_ctx c = ctx(0, 1);
    struct cpuid_leaf r;

    r = q(&c, 0, 0);
    CHECK_EQ(r.a, CPUID_GUEST_MAX_BASIC);
    CHECK(!memcmp(&r.b, "Auth", 4));
    r = q(&c, 7, 0);
    CHECK(!(r.b & (BIT(1) | BIT(2) | BIT(10) | BIT(14))));
    CHECK(r.b & BIT(0) && r.b & BIT(5));        /* FSGSBASE, AVX2 */
    CHECK(!(r.c & (BIT(4) | BIT(5))) && r.c & BIT(3));
    CHECK(!(r.d & (BIT(26) | BIT(27) | BIT(29) | BIT(31))));
    c.guest_cr4 = 1ULL << 22;
    CHECK(q(&c, 7, 0).c & BIT(4));              /* OSPKE from CR4.PKE */
    CHECK(IS_ZERO(q(&c, 3, 0)));
    CHECK(IS_ZERO(q(&c, 5, 0)));                /* MONITOR leaf */
    CHECK(IS_ZERO(q(&c, 6, 0)));
    CHECK(IS_ZERO(q(&c, 0xa, 0)));              /* PMU */
    CHECK(IS_ZERO(q(&c, 0xe, 0)));
    CHECK(IS_ZERO(q(&c, 0x10, 0)));
    r = q(&c, 0xd, 0);
    CHECK(r.a == 0x2e7 && r.d == 0);
    r = q(&c, 0xd, 1);
    CHECK(!(r.a & (BIT(3) | BIT(4))) && r.c == 0 && r.d == 0);
    CHECK(IS_ZERO(q(&c, 0xd, 3)));              /* MPX state */
    CHECK(IS_ZERO(q(&c, 0xd, 17)));             /* AMX */
    CHECK(!IS_ZERO(q(&c, 0xd, 2)));
    CHECK_EQ(q(&c, 0x80000000, 0).a, CPUID_GUEST_MAX_EXTD);
    r = q(&c, 0x80000001, 0);
    CHECK(!(r.c & (BIT(1) | BIT(2) | BIT(9) | BIT(22) | BIT(29))));
    CHECK(r.c & BIT(0) && r.d == ~BIT(27));     /* RDTSCP hidden */
    CHECK(!(q(&c, 7, 0).c & BIT(22)));          /* RDPID hidden */
    c.tsc_aux = true;
    CHECK_EQ(q(&c, 0x80000001, 0).d, 0xffffffff);
    CHECK(q(&c, 7, 0).c & BIT(22));
    c.tsc_aux = false;
    CHECK(IS_ZERO(q(&c, 0x8000000a, 0)));       /* SVM leaf */
    r = q(&c, 0x80000007, 0);
    CHECK(r.a == 0 && r.b == 0 && r.c == 0 && r.d == BIT(8));
    CHECK(IS_ZERO(q(&c, 0x80000021, 0)));
    CHECK(IS_ZERO(q(&c, 0xc0000000, 0)));
    fake_intel = true;
    CHECK_EQ(q(&c, 0, 0).a, CPUID_GUEST_MAX_BASIC);
    CHECK(!(q(&c, 1, 0).c & BIT(5)));           /* VMX */
    fake_intel = false;
}

/* base+3 subleaf 1: a scale that turns 2 GHz ticks into ns. */
static void test_time_scale(void)
{
    struct cpuid_guest_ctx c = ctx(0, 1);
    struct cpuid_leaf r = q(&c, 0x40000003, 1);
    struct time_scale ts = { r.c, (int8_t)r.d };

    CHECK(r.a == 0 && r.b == 0);
    CHECK(r.c != 0);
    CHECK_EQ(time_scale_apply(ts, 2000000000ULL * 3), 3000000000ULL);
    ts = time_scale_from_hz(3333333000ULL);
    CHECK(time_scale_apply(ts, 3333333000ULL) >= 999999999ULL &&
          time_scale_apply(ts, 3333333000ULL) <= 1000000000ULL);
    ts = time_scale_from_hz(100000000ULL);      /* slow clock: shift > 0 */
    CHECK(ts.shift > 0);
    CHECK_EQ(time_scale_apply(ts, 100000000ULL), 1000000000ULL);
}

/* Without XSAVE switching, everything that needs XSAVE state is hidden. */
static void test_no_xsave(void)
{
    struct cpuid_guest_ctx c = ctx(0, 1);
    struct cpuid_leaf r;

    c.xsave = false;
    c.guest_cr4 = 1ULL << 18;
    r = q(&c, 1, 0);
    CHECK(!(r.c & (BIT(12) | BIT(26) | BIT(27) | BIT(28) | BIT(29))));
    CHECK(r.c & BIT(0));                        /* SSE3 stays */
    r = q(&c, 7, 0);
    CHECK(!(r.b & (BIT(5) | BIT(16))));         /* AVX2, AVX512F */
    CHECK(r.b & BIT(0));                        /* FSGSBASE stays */
    CHECK(IS_ZERO(q(&c, 0xd, 0)));
    CHECK(IS_ZERO(q(&c, 0xd, 1)));
}

int main(void)
{
    test_xen_leaves();
    test_leaf1();
    test_topology();
    test_masks_and_limits();
    test_no_xsave();
    test_time_scale();
    return test_done();
}
