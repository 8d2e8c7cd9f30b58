/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest MSR allow-list: the table of MSRs a PVH guest may touch and how
 * (values follow Xen 4.17's xen/arch/x86/msr.c where Xen defines them),
 * the per-vCPU storage for APIC_BASE, MTRRs, TSC_AUX and SPEC_CTRL, and the
 * dispatch guest_msr_read()/guest_msr_write(). Unlisted MSRs raise #GP.
 * Vendor-held state (EFER, syscall MSRs, PAT, TSC) returns MSR_VENDOR.
 */
#include <xen/errno.h>
#include <asm/msr-index.h>
#include <asm/msr-policy.h>

#define APIC_DEFAULT_BASE       0xfee00000ULL
#define MTRR_CAP_VALUE          (MSR_MTRR_VAR_NR | (1u << 8) /* FIX */ | \
                                 (1u << 10) /* WC */)
#define MTRR_DEF_E              (1u << 11)
#define MTRR_DEF_FE             (1u << 10)
#define MTRR_TYPE_WB            6
#define MISC_ENABLE_GUEST       ((1u << 0) /* fast strings */ |          \
                                 (1u << 11) /* BTS unavailable */ |      \
                                 (1u << 12) /* PEBS unavailable */ |     \
                                 (1u << 23) /* xTPR disable */)

static uint64_t phys_mask(const struct msr_vcpu_state *s)
{
    return ((1ULL << s->phys_bits) - 1) & ~0xfffULL;
}

/* Memory types valid in MTRRs and PAT (0 UC, 1 WC, 4 WT, 5 WP, 6 WB). */
static bool mtrr_type_valid(uint8_t t)
{
    return t == 0 || t == 1 || t == 4 || t == 5 || t == 6;
}

bool msr_pat_valid(uint64_t val)
{
    unsigned int i;

    for ( i = 0; i < 8; i++ )
    {
        uint8_t t = val >> (8 * i);

        if ( !mtrr_type_valid(t) && t != 7 )    /* 7: UC- */
            return false;
    }
    return true;
}

static int pat_write(struct msr_vcpu_state *s, uint32_t msr, uint64_t val)
{
    (void)s; (void)msr;
    return msr_pat_valid(val) ? 0 : -EPERM;
}

static int apic_base_read(const struct msr_vcpu_state *s, uint32_t msr,
                          uint64_t *val)
{
    (void)msr;
    *val = s->apic_base;
    return 0;
}

/* No relocation, no x2APIC (hidden in CPUID): only EN may change. */
static int apic_base_write(struct msr_vcpu_state *s, uint32_t msr,
                           uint64_t val)
{
    (void)msr;
    if ( (val & ~(APIC_BASE_ENABLE | APIC_BASE_BSP)) != APIC_DEFAULT_BASE )
        return -EPERM;
    s->apic_base = (s->apic_base & ~(uint64_t)APIC_BASE_ENABLE) |
                   (val & APIC_BASE_ENABLE);
    return 0;
}

/* Index into mtrr_fix[] of MSRs 0x250, 0x258-0x259, 0x268-0x26f. */
static unsigned int mtrr_fix_index(uint32_t msr)
{
    return msr == 0x250 ? 0 : msr < 0x268 ? msr - 0x257 : msr - 0x265;
}

static bool mtrr_is_var(uint32_t msr)
{
    return msr >= 0x200 && msr < 0x200 + 2 * MSR_MTRR_VAR_NR;
}

static uint64_t *mtrr_slot(struct msr_vcpu_state *s, uint32_t msr)
{
    if ( msr == 0x2ff )
        return &s->mtrr_def_type;
    if ( mtrr_is_var(msr) )
        return &s->mtrr_var[msr - 0x200];
    return &s->mtrr_fix[mtrr_fix_index(msr)];
}

static int mtrr_read(const struct msr_vcpu_state *s, uint32_t msr,
                     uint64_t *val)
{
    if ( msr == 0x2ff )
        *val = s->mtrr_def_type;
    else if ( mtrr_is_var(msr) )
        *val = s->mtrr_var[msr - 0x200];
    else
        *val = s->mtrr_fix[mtrr_fix_index(msr)];
    return 0;
}

static bool mtrr_value_valid(const struct msr_vcpu_state *s, uint32_t msr,
                             uint64_t val)
{
    unsigned int i;

    if ( msr == 0x2ff )
        return !(val & ~(0xffULL | MTRR_DEF_E | MTRR_DEF_FE)) &&
               mtrr_type_valid(val & 0xff);
    if ( mtrr_is_var(msr) && !(msr & 1) )   /* PHYSBASE */
        return !(val & ~(phys_mask(s) | 0xff)) && mtrr_type_valid(val & 0xff);
    if ( mtrr_is_var(msr) )                 /* PHYSMASK */
        return !(val & ~(phys_mask(s) | (1u << 11)));
    for ( i = 0; i < 8; i++ )           /* fixed: eight types */
        if ( !mtrr_type_valid(val >> (8 * i)) )
            return false;
    return true;
}

static int mtrr_write(struct msr_vcpu_state *s, uint32_t msr, uint64_t val)
{
    if ( !mtrr_value_valid(s, msr, val) )
        return -EPERM;
    *mtrr_slot(s, msr) = val;
    return 0;
}

static int tsc_aux_read(const struct msr_vcpu_state *s, uint32_t msr,
                        uint64_t *val)
{
    (void)msr;
    if ( !s->has_tsc_aux )
        return -EPERM;
    *val = s->tsc_aux;
    return 0;
}

static int tsc_aux_write(struct msr_vcpu_state *s, uint32_t msr,
                         uint64_t val)
{
    (void)msr;
    if ( !s->has_tsc_aux || val != (uint32_t)val )
        return -EPERM;
    s->tsc_aux = val;
    return 0;
}

static int spec_ctrl_read(const struct msr_vcpu_state *s, uint32_t msr,
                          uint64_t *val)
{
    (void)msr;
    if ( !s->has_spec_ctrl )
        return -EPERM;
    *val = s->spec_ctrl;
    return 0;
}

/* Valid bits as Xen: IBRS, STIBP (always safe), SSBD if advertised. */
static int spec_ctrl_write(struct msr_vcpu_state *s, uint32_t msr,
                           uint64_t val)
{
    uint64_t valid = 0x3 | (s->has_ssbd ? 0x4 : 0);

    (void)msr;
    if ( !s->has_spec_ctrl || (val & ~valid) )
        return -EPERM;
    s->spec_ctrl = val;
    return 0;
}

/* PRED_CMD: write-only, IBPB (bit 0) the only valid bit. */
static int pred_cmd_write(struct msr_vcpu_state *s, uint32_t msr,
                          uint64_t val)
{
    (void)msr;
    return (!(s->has_ibpb || s->has_spec_ctrl) || (val & ~1ULL)) ? -EPERM : 0;
}

static int arch_caps_read(const struct msr_vcpu_state *s, uint32_t msr,
                          uint64_t *val)
{
    (void)msr;
    if ( !s->has_arch_caps )
        return -EPERM;
    *val = s->arch_caps;
    return 0;
}

static int ucode_rev_read(const struct msr_vcpu_state *s, uint32_t msr,
                          uint64_t *val)
{
    (void)msr;
    *val = s->ucode_rev;
    return 0;
}

/* Intel documents "write 0, CPUID, read"; anything else is read-only. */
static int ucode_rev_write(struct msr_vcpu_state *s, uint32_t msr,
                           uint64_t val)
{
    (void)msr;
    return (s->vendor == MSR_POL_INTEL && val == 0) ? 0 : -EPERM;
}

static int platform_id_read(const struct msr_vcpu_state *s, uint32_t msr,
                            uint64_t *val)
{
    (void)msr;
    *val = s->platform_id;
    return 0;
}

#define ROW(m, n, v, r, w, val, rf, wf, nm) \
    { .msr = (m), .count = (n), .vendors = (v), .rd = MSR_RD_##r, \
      .wr = MSR_WR_##w, .value = (val), .read = (rf), .write = (wf), \
      .name = (nm) }
#define ANY     MSR_POL_ANY
#define INTEL   MSR_POL_INTEL
#define AMD     MSR_POL_AMD

static const struct msr_policy_entry msr_table[] = {
    ROW(0x00000010, 1, ANY, VENDOR, VENDOR, 0, NULL, NULL, "TSC"),
    ROW(0x00000017, 1, INTEL, STATE, GP, 0, platform_id_read, NULL,
        "PLATFORM_ID"),
    ROW(0x0000001b, 1, ANY, STATE, STATE, 0, apic_base_read,
        apic_base_write, "APIC_BASE"),
    ROW(0x0000003a, 1, INTEL, FIXED, GP, 1 /* LOCK, VMX off */, NULL, NULL,
        "FEATURE_CONTROL"),
    ROW(0x00000048, 1, ANY, STATE, STATE, 0, spec_ctrl_read,
        spec_ctrl_write, "SPEC_CTRL"),
    ROW(0x00000049, 1, ANY, GP, STATE, 0, NULL, pred_cmd_write, "PRED_CMD"),
    ROW(0x00000079, 1, INTEL, GP, IGNORE, 0, NULL, NULL, "UCODE_WRITE"),
    ROW(0x0000008b, 1, ANY, STATE, STATE, 0, ucode_rev_read,
        ucode_rev_write, "UCODE_REV/PATCH_LEVEL"),
    ROW(0x000000ce, 1, ANY, FIXED, GP, 0, NULL, NULL, "PLATFORM_INFO"),
    ROW(0x000000fe, 1, ANY, FIXED, GP, MTRR_CAP_VALUE, NULL, NULL,
        "MTRRcap"),
    ROW(0x0000010a, 1, ANY, STATE, GP, 0, arch_caps_read, NULL,
        "ARCH_CAPABILITIES"),
    ROW(0x00000140, 1, ANY, FIXED, SAME, 0, NULL, NULL,
        "MISC_FEATURES_ENABLES"),
    ROW(0x00000174, 3, ANY, VENDOR, VENDOR, 0, NULL, NULL, "SYSENTER_*"),
    ROW(0x00000198, 1, INTEL, FIXED, GP, 0, NULL, NULL, "PERF_STATUS"),
    ROW(0x00000199, 1, INTEL, FIXED, IGNORE, 0, NULL, NULL, "PERF_CTL"),
    ROW(0x0000019c, 1, INTEL, FIXED, GP, 0, NULL, NULL, "THERM_STATUS"),
    ROW(0x000001a0, 1, INTEL, FIXED, SAME, MISC_ENABLE_GUEST, NULL, NULL,
        "MISC_ENABLE"),
    ROW(0x000001d9, 1, ANY, FIXED, SAME, 0, NULL, NULL,
        "DEBUGCTL (no LBR/BTF)"),
    ROW(0x00000200, 2 * MSR_MTRR_VAR_NR, ANY, STATE, STATE, 0, mtrr_read,
        mtrr_write, "MTRRphysBase/Mask"),
    ROW(0x00000250, 1, ANY, STATE, STATE, 0, mtrr_read, mtrr_write,
        "MTRRfix64K"),
    ROW(0x00000258, 2, ANY, STATE, STATE, 0, mtrr_read, mtrr_write,
        "MTRRfix16K"),
    ROW(0x00000268, 8, ANY, STATE, STATE, 0, mtrr_read, mtrr_write,
        "MTRRfix4K"),
    ROW(0x00000277, 1, ANY, VENDOR, VENDOR, 0, NULL, pat_write, "PAT"),
    ROW(0x000002ff, 1, ANY, STATE, STATE, 0, mtrr_read, mtrr_write,
        "MTRRdefType"),
    /* Reads as 0, as on Xen 4.17 (guest_rdmsr_xen()). */
    ROW(0x40000000, 1, ANY, FIXED, XEN, 0, NULL, NULL, "Xen hypercall page"),
    ROW(0xc0000080, 1, ANY, VENDOR, VENDOR, 0, NULL, NULL, "EFER"),
    ROW(0xc0000081, 4, ANY, VENDOR, VENDOR, 0, NULL, NULL,
        "STAR/LSTAR/CSTAR/SFMASK"),
    ROW(0xc0000100, 3, ANY, VENDOR, VENDOR, 0, NULL, NULL,
        "FS_BASE/GS_BASE/KERNEL_GS_BASE"),
    ROW(0xc0000103, 1, ANY, STATE, STATE, 0, tsc_aux_read, tsc_aux_write,
        "TSC_AUX"),
    ROW(0xc0010010, 1, AMD, GP, GP, 0, NULL, NULL,
        "SYSCFG (Xen: hardware domain only)"),
    ROW(0xc0010015, 1, AMD, FIXED, GP, 0, NULL, NULL, "HWCR"),
    ROW(0xc0010020, 1, AMD, GP, IGNORE, 0, NULL, NULL, "PATCH_LOADER"),
    ROW(0xc0011020, 1, AMD, GP, GP, 0, NULL, NULL,
        "LS_CFG (no SSBD through it)"),
    ROW(0xc0011029, 1, AMD, FIXED, IGNORE, 1u << 1 /* LFENCE serialises */,
        NULL, NULL, "DE_CFG"),
};

void msr_vcpu_init(struct msr_vcpu_state *s, uint32_t vcpu_id,
                   uint8_t vendor, uint8_t phys_bits)
{
    *s = (struct msr_vcpu_state){
        .vcpu_id = vcpu_id, .vendor = vendor,
        .phys_bits = phys_bits >= 36 && phys_bits <= 52 ? phys_bits : 36,
        .apic_base = APIC_DEFAULT_BASE | APIC_BASE_ENABLE |
                     (vcpu_id == 0 ? APIC_BASE_BSP : 0),
        .mtrr_def_type = MTRR_DEF_E | MTRR_DEF_FE | MTRR_TYPE_WB,
    };
}

const struct msr_policy_entry *guest_msr_lookup(
    const struct msr_vcpu_state *s, uint32_t msr)
{
    unsigned int i;

    for ( i = 0; i < sizeof(msr_table) / sizeof(msr_table[0]); i++ )
    {
        const struct msr_policy_entry *e = &msr_table[i];

        if ( msr - e->msr < e->count )
            return (e->vendors & s->vendor) ? e : NULL;
    }
    return NULL;
}

int guest_msr_read(struct msr_vcpu_state *s, uint32_t msr, uint64_t *val)
{
    const struct msr_policy_entry *e = guest_msr_lookup(s, msr);

    if ( !e )
        return -EPERM;
    switch ( e->rd )
    {
    case MSR_RD_FIXED:
        *val = e->value;
        return 0;
    case MSR_RD_STATE:
        return e->read(s, msr, val);
    case MSR_RD_VENDOR:
        return MSR_VENDOR;
    default:
        return -EPERM;
    }
}

int guest_msr_write(struct msr_vcpu_state *s, uint32_t msr, uint64_t val)
{
    const struct msr_policy_entry *e = guest_msr_lookup(s, msr);
    uint64_t cur;
    int rc;

    if ( !e )
        return -EPERM;
    switch ( e->wr )
    {
    case MSR_WR_IGNORE:
        return 0;
    case MSR_WR_SAME:
        rc = guest_msr_read(s, msr, &cur);
        return (rc || cur != val) ? -EPERM : 0;
    case MSR_WR_STATE:
        return e->write(s, msr, val);
    case MSR_WR_VENDOR:
        rc = e->write ? e->write(s, msr, val) : 0;
        return rc ? rc : MSR_VENDOR;
    case MSR_WR_XEN:
        return MSR_XEN;
    default:
        return -EPERM;
    }
}
