/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest CPUID policy: host leaves passed through with what we do not
 * virtualise masked (nested virt, MONITOR, x2APIC and TSC-deadline until
 * the LAPIC emulation has them, PMU, speculation MSRs, MCE, ...), the
 * topology Xen gives HVM guests (APIC id = 2 * vCPU id), and the Xen leaves
 * at 0x40000000 with Xen 4.17's values. Entry point guest_cpuid(); no
 * state, no locks. Why each bit is hidden: docs/hypervisor/guest-cpuid-msr.md.
 */
#include <public/arch-x86/cpuid.h>
#include <xen/time-scale.h>
#include <asm/cpuid-policy.h>

#define BIT(n)  (1U << (n))

/* Leaf 1 ECX / EDX. */
#define L1C_HIDE (BIT(2) /* DTES64 */ | BIT(3) /* MONITOR */ |              \
                  BIT(4) /* DS-CPL */ | BIT(5) /* VMX */ | BIT(6) /* SMX */ | \
                  BIT(7) /* EIST */ | BIT(8) /* TM2 */ | BIT(11) /* SDBG */ |\
                  BIT(14) /* xTPR */ | BIT(15) /* PDCM */ | BIT(18) /* DCA */ | \
                  BIT(24) /* TSC-deadline: Xen hides it under TCG */ |   \
                  BIT(27) /* OSXSAVE: from guest CR4 */)
#define L1C_XSAVE       BIT(26)
#define L1C_OSXSAVE     BIT(27)
#define L1C_HYPERVISOR  BIT(31)
#define L1C_X2APIC      BIT(21)
#define L1D_HIDE (BIT(7) /* MCE */ | BIT(14) /* MCA */ | BIT(18) /* PSN */ | \
                  BIT(21) /* DS */ | BIT(22) /* ACPI thermal */ |           \
                  BIT(29) /* TM */ | BIT(31) /* PBE */)
#define L1D_APIC        BIT(9)
#define L1D_HTT         BIT(28)

/* Leaf 7 subleaf 0. */
#define L7B_HIDE (BIT(1) /* TSC_ADJUST */ | BIT(2) /* SGX */ |              \
                  BIT(10) /* INVPCID: QEMU TCG unreliable */ |             \
                  BIT(12) /* PQM */ | BIT(14) /* MPX */ | BIT(15) /* PQE */ | \
                  BIT(25) /* Intel PT */)
#define L7C_HIDE (BIT(4) /* OSPKE: from guest CR4 */ | BIT(5) /* WAITPKG */ | \
                  BIT(7) /* CET_SS */ | BIT(30) /* SGX_LC */)
#define L7C_OSPKE       BIT(4)
#define L7D_HIDE (BIT(18) /* PCONFIG */ | BIT(20) /* CET_IBT */ |           \
                  BIT(22) /* AMX_BF16 */ | BIT(24) /* AMX_TILE */ |        \
                  BIT(25) /* AMX_INT8 */ | BIT(26) /* IBRS/IBPB */ |       \
                  BIT(27) /* STIBP */ | BIT(28) /* L1D_FLUSH */ |          \
                  BIT(29) /* ARCH_CAPS */ | BIT(30) /* CORE_CAPS */ |      \
                  BIT(31) /* SSBD */)

/* Leaf 0xD: user XCR0 components we let guests enable. */
#define XCR0_GUEST (BIT(0) | BIT(1) | BIT(2) /* x87 SSE AVX */ |            \
                    BIT(5) | BIT(6) | BIT(7) /* AVX-512 */ | BIT(9) /* PKRU */)
#define LD1A_HIDE  (BIT(3) /* XSAVES */ | BIT(4) /* XFD */)

/* Leaf 0x80000001 ECX. */
#define E1C_HIDE (BIT(1) /* CMP_LEGACY */ | BIT(2) /* SVM */ |              \
                  BIT(9) /* OSVW */ | BIT(10) /* IBS */ |                  \
                  BIT(12) /* SKINIT */ | BIT(13) /* WDT */ |               \
                  BIT(15) /* LWP */ | BIT(22) /* TOPOEXT */ |              \
                  BIT(23) /* PERFCTR_CORE */ | BIT(24) /* PERFCTR_NB */ |  \
                  BIT(26) /* DBX */ | BIT(27) /* PERFTSC */ |              \
                  BIT(28) /* PCX_L2I */ | BIT(29) /* MONITORX */)
#define E1D_RDTSCP      BIT(27)
#define L7C_RDPID       BIT(22)
#define E7D_KEEP        BIT(8)      /* invariant TSC */
#define E8B_KEEP (BIT(0) /* CLZERO */ | BIT(2) /* XSAVEERPTR */ |           \
                  BIT(9) /* WBNOINVD */)

/*
 * Without XSAVE state switching (ctx->xsave false) every feature whose
 * registers only XSAVE can save is hidden: x87/SSE state is switched
 * with FXSAVE, which would lose AVX and AVX-512 registers between vCPUs.
 */
#define NOXS_L1C  (BIT(12) /* FMA */ | L1C_XSAVE | L1C_OSXSAVE |            \
                   BIT(28) /* AVX */ | BIT(29) /* F16C */)
#define NOXS_L7B  (BIT(5) /* AVX2 */ | BIT(16) | BIT(17) | BIT(21) |        \
                   BIT(26) | BIT(27) | BIT(28) | BIT(30) | BIT(31) /* AVX-512 */)
#define NOXS_L7C  (BIT(1) | BIT(3) /* PKU */ | BIT(6) | BIT(9) /* VAES */ |  \
                   BIT(10) /* VPCLMULQDQ */ | BIT(11) | BIT(12) | BIT(14))
#define NOXS_L7D  (BIT(2) | BIT(3) | BIT(8) | BIT(23))
#define NOXS_L71A (BIT(4) /* AVX-VNNI */ | BIT(5) /* AVX512_BF16 */)
#define NOXS_E1C  (BIT(11) /* XOP */ | BIT(16) /* FMA4 */)

static const struct cpuid_leaf empty;

static void hide_xsave_features(uint32_t leaf, uint32_t subleaf,
                                struct cpuid_leaf *r)
{
    if ( leaf == 1 )
        r->c &= ~NOXS_L1C;
    else if ( leaf == 7 && subleaf == 0 )
    {
        r->b &= ~NOXS_L7B;
        r->c &= ~NOXS_L7C;
        r->d &= ~NOXS_L7D;
    }
    else if ( leaf == 7 && subleaf == 1 )
        r->a &= ~NOXS_L71A;
    else if ( leaf == 0xd )
        *r = empty;
    else if ( leaf == 0x80000001 )
        r->c &= ~NOXS_E1C;
}

static void host(const struct cpuid_guest_ctx *ctx, uint32_t leaf,
                 uint32_t subleaf, struct cpuid_leaf *out)
{
    *out = empty;
    ctx->host_cpuid(leaf, subleaf, out);
}

/* Logical processors per package: power of two covering APIC ids 2*n-1. */
static unsigned int topo_shift(const struct cpuid_guest_ctx *ctx)
{
    unsigned int shift = 1;

    while ( shift < 7 && (1U << shift) < 2 * ctx->nr_vcpus )
        shift++;
    return shift;
}

static uint32_t apic_id(const struct cpuid_guest_ctx *ctx)
{
    return ctx->vcpu_id * 2;
}

static void leaf1(const struct cpuid_guest_ctx *ctx, struct cpuid_leaf *r)
{
    r->a &= 0x0fff0fff;                 /* processor type: Xen clears it */
    r->b = (r->b & 0x0000ffff) | ((1U << topo_shift(ctx)) << 16) |
           ((apic_id(ctx) & 0xff) << 24);
    r->c &= ~L1C_HIDE;
    r->c |= L1C_HYPERVISOR | L1C_X2APIC;   /* emulated (hvm/vlapic.c) */
    if ( (r->c & L1C_XSAVE) && (ctx->guest_cr4 & (1ULL << 18)) )
        r->c |= L1C_OSXSAVE;
    r->d &= ~L1D_HIDE;
    r->d |= L1D_HTT | L1D_APIC;
    if ( ctx->apic_disabled )
        r->d &= ~L1D_APIC;
}

/* Leaf 0xB: SMT level (1 thread per core, shift 1), then the package. */
static void leaf_b(const struct cpuid_guest_ctx *ctx, uint32_t subleaf,
                   struct cpuid_leaf *r)
{
    *r = empty;
    r->c = subleaf & 0xff;
    r->d = apic_id(ctx);
    if ( subleaf == 0 )
    {
        r->a = 1;
        r->b = 1;
        r->c |= 1U << 8;
    }
    else if ( subleaf == 1 )
    {
        r->a = topo_shift(ctx);
        r->b = ctx->nr_vcpus;
        r->c |= 2U << 8;
    }
}

static void leaf_d(uint32_t subleaf, struct cpuid_leaf *r)
{
    if ( subleaf == 0 )
    {
        r->a &= XCR0_GUEST;
        r->d = 0;
    }
    else if ( subleaf == 1 )
    {
        r->a &= ~LD1A_HIDE;
        r->c = r->d = 0;                /* no XSS components */
    }
    else if ( subleaf >= 32 || !(XCR0_GUEST & BIT(subleaf)) )
        *r = empty;
}

static void basic_leaf(const struct cpuid_guest_ctx *ctx, uint32_t leaf,
                       uint32_t subleaf, struct cpuid_leaf *r)
{
    switch ( leaf )
    {
    case 0x0:
        if ( r->a > CPUID_GUEST_MAX_BASIC )
            r->a = CPUID_GUEST_MAX_BASIC;
        break;
    case 0x1:
        leaf1(ctx, r);
        break;
    case 0x4:
        if ( r->a & 0x1f )              /* valid cache type: cores/package */
            r->a = (r->a & 0x03ffffff) |
                   (((1U << topo_shift(ctx)) - 1) & 0x3f) << 26;
        break;
    case 0x7:
        if ( subleaf == 0 )
        {
            r->b &= ~L7B_HIDE;
            r->c &= ~L7C_HIDE;
            if ( (r->c & BIT(3)) && (ctx->guest_cr4 & (1ULL << 22)) )
                r->c |= L7C_OSPKE;
            if ( !ctx->tsc_aux )
                r->c &= ~L7C_RDPID;
            r->d &= ~L7D_HIDE;
        }
        break;
    case 0xb:
        leaf_b(ctx, subleaf, r);
        break;
    case 0xd:
        leaf_d(subleaf, r);
        break;
    case 0x3: case 0x5: case 0x6: case 0x8: case 0x9: case 0xa: case 0xc:
        *r = empty;                     /* PSN, MONITOR, power, DCA, PMU */
        break;
    }
}

static void extd_leaf(const struct cpuid_guest_ctx *ctx, uint32_t leaf,
                      struct cpuid_leaf *r)
{
    switch ( leaf )
    {
    case 0x80000000:
        if ( r->a > CPUID_GUEST_MAX_EXTD )
            r->a = CPUID_GUEST_MAX_EXTD;
        break;
    case 0x80000001:
        r->c &= ~E1C_HIDE;
        if ( !ctx->tsc_aux )
            r->d &= ~E1D_RDTSCP;        /* TSC_AUX would be the host's */
        break;
    case 0x80000007:
        r->a = r->b = r->c = 0;
        r->d &= E7D_KEEP;
        break;
    case 0x80000008:
        r->a &= 0x0000ffff;
        r->b &= E8B_KEEP;
        /* NC = logical processors - 1, ApicIdCoreIdSize = their log2. */
        r->c = (r->c & 0x00030000) | (topo_shift(ctx) << 12) |
               ((1U << topo_shift(ctx)) - 1);
        r->d = 0;
        break;
    }
}

/* The Xen leaves (values of Xen 4.17 for an HVM/PVH domain). */
static void xen_leaf(const struct cpuid_guest_ctx *ctx, uint32_t idx,
                     uint32_t subleaf, struct cpuid_leaf *r)
{
    struct cpuid_leaf h;

    switch ( idx )
    {
    case 0:
        r->a = CPUID_XEN_BASE + CPUID_XEN_NR_LEAVES - 1;
        r->b = XEN_CPUID_SIGNATURE_EBX;
        r->c = XEN_CPUID_SIGNATURE_ECX;
        r->d = XEN_CPUID_SIGNATURE_EDX;
        break;
    case 1:
        r->a = ((uint32_t)ctx->xen_major << 16) | ctx->xen_minor;
        break;
    case 2:
        r->a = 1;                       /* hypercall pages */
        r->b = CPUID_XEN_BASE;          /* hypercall-page MSR 0x40000000 */
        break;                          /* ECX: PV-only feature, 0 */
    case 3:
        if ( subleaf == 0 )
        {
            host(ctx, 0x80000001, 0, &h);
            r->a = (ctx->host_tsc_reliable ? XEN_CPUID_HOST_TSC_RELIABLE : 0) |
                   ((h.d & E1D_RDTSCP) ? XEN_CPUID_RDTSCP_INSTR_AVAIL : 0);
            r->b = XEN_CPUID_TSC_MODE_DEFAULT;
            r->c = ctx->tsc_khz;
        }
        else if ( subleaf == 1 )
        {
            /* TSC offset 0 (EAX/EBX); the ticks-to-ns scale (ECX/EDX). */
            struct time_scale ts = time_scale_from_hz(ctx->tsc_khz * 1000ULL);

            r->c = ts.mul;
            r->d = (uint32_t)(uint8_t)ts.shift;
        }
        else if ( subleaf == 2 )
            r->a = ctx->cpu_khz;
        break;
    case 4:
        if ( subleaf != 0 )
            break;
        r->a = XEN_HVM_CPUID_IOMMU_MAPPINGS | XEN_HVM_CPUID_VCPU_ID_PRESENT |
               XEN_HVM_CPUID_DOMID_PRESENT |
               (ctx->upcall_vector ? XEN_HVM_CPUID_UPCALL_VECTOR : 0);
        r->b = ctx->vcpu_id;
        r->c = ctx->domid;
        break;
    }                                   /* 5: PV only, zeros for HVM */
}

void guest_cpuid(const struct cpuid_guest_ctx *ctx, uint32_t leaf,
                 uint32_t subleaf, struct cpuid_leaf *out)
{
    struct cpuid_leaf max;

    *out = empty;
    if ( leaf >= CPUID_XEN_BASE && leaf < CPUID_XEN_BASE + 0x100 )
    {
        if ( leaf - CPUID_XEN_BASE < CPUID_XEN_NR_LEAVES )
            xen_leaf(ctx, leaf - CPUID_XEN_BASE, subleaf, out);
        return;
    }

    host(ctx, leaf & 0x80000000, 0, &max);
    if ( leaf < 0x80000000 )
    {
        if ( leaf > max.a || leaf > CPUID_GUEST_MAX_BASIC )
            return;
        host(ctx, leaf, subleaf, out);
        basic_leaf(ctx, leaf, subleaf, out);
        if ( !ctx->xsave )
            hide_xsave_features(leaf, subleaf, out);
    }
    else
    {
        if ( (max.a & 0xffff0000) != 0x80000000 || leaf > max.a ||
             leaf > CPUID_GUEST_MAX_EXTD )
            return;
        host(ctx, leaf, subleaf, out);
        extd_leaf(ctx, leaf, out);
        if ( !ctx->xsave )
            hide_xsave_features(leaf, subleaf, out);
    }
}
