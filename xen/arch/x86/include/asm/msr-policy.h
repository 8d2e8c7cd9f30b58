/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest MSR allow-list: one table row per MSR (or range) saying how reads
 * and writes behave: fixed value, per-vCPU storage with validation,
 * ignore, or "vendor" (state held in the VMCB/VMCS, handled by svm/vmx
 * code). Anything not listed raises #GP. Pure functions over a per-vCPU
 * state; see docs/hypervisor/guest-cpuid-msr.md for the table.
 */
#ifndef __ASM_MSR_POLICY_H__
#define __ASM_MSR_POLICY_H__

#include <xen/types.h>

/*
 * Outcomes of guest_msr_read()/guest_msr_write() besides 0 (done) and
 * -EPERM (inject #GP). They are positive on purpose: not errors but "not
 * this layer's job".
 */
#define MSR_VENDOR      1   /* vendor code: EFER, STAR.., PAT, TSC, .. */
#define MSR_XEN         2   /* Xen hypercall-page MSR: caller fills page */

/* CPU vendors, as a mask for table rows. */
#define MSR_POL_INTEL   (1u << 0)
#define MSR_POL_AMD     (1u << 1)   /* AMD and Hygon */
#define MSR_POL_ANY     (MSR_POL_INTEL | MSR_POL_AMD)

/* Read behaviours. */
enum msr_rd {
    MSR_RD_GP,          /* #GP */
    MSR_RD_FIXED,       /* the row's value */
    MSR_RD_STATE,       /* per-vCPU storage or state-derived (handler) */
    MSR_RD_VENDOR,      /* MSR_VENDOR */
};

/* Write behaviours. */
enum msr_wr {
    MSR_WR_GP,          /* #GP */
    MSR_WR_IGNORE,      /* dropped */
    MSR_WR_SAME,        /* accepted only if equal to the read value */
    MSR_WR_STATE,       /* validated, then stored (handler) */
    MSR_WR_VENDOR,      /* validated by the handler if any, then MSR_VENDOR */
    MSR_WR_XEN,         /* MSR_XEN */
};

#define MSR_MTRR_VAR_NR     8   /* variable ranges: MTRRcap.VCNT */
#define MSR_MTRR_FIX_NR     11

/* Per-vCPU MSR state. Initialise with msr_vcpu_init(). */
struct msr_vcpu_state {
    uint32_t vcpu_id;           /* [I] vCPU 0 is the BSP */
    uint8_t vendor;             /* [I] MSR_POL_INTEL or MSR_POL_AMD */
    uint8_t phys_bits;          /* [I] guest MAXPHYADDR (CPUID 80000008) */
    bool has_tsc_aux;           /* [I] RDTSCP or RDPID advertised */
    bool has_spec_ctrl;         /* [I] IBRS advertised (SPEC_CTRL exists) */
    bool has_ssbd;              /* [I] SSBD advertised */
    bool has_ibpb;              /* [I] IBPB advertised (PRED_CMD exists) */
    bool has_arch_caps;         /* [I] ARCH_CAPABILITIES advertised */
    uint64_t arch_caps;         /* [I] its value */
    uint64_t ucode_rev;         /* [I] host's MSR 0x8b value */
    uint64_t platform_id;       /* [I] host's MSR 0x17 value (Intel) */

    uint64_t apic_base;         /* [V] */
    uint64_t tsc_aux;           /* [V] vendor code loads it for RDTSCP */
    uint64_t spec_ctrl;         /* [V] */
    uint64_t mtrr_def_type;     /* [V] */
    uint64_t mtrr_var[2 * MSR_MTRR_VAR_NR];  /* [V] base/mask pairs */
    uint64_t mtrr_fix[MSR_MTRR_FIX_NR];      /* [V] */
};

struct msr_policy_entry {
    uint32_t msr;               /* first MSR of the row */
    uint16_t count;             /* MSRs covered (ranges), >= 1 */
    uint8_t vendors;            /* MSR_POL_*: elsewhere #GP */
    uint8_t rd;                 /* enum msr_rd */
    uint8_t wr;                 /* enum msr_wr */
    uint64_t value;             /* MSR_RD_FIXED value */
    int (*read)(const struct msr_vcpu_state *s, uint32_t msr, uint64_t *val);
    int (*write)(struct msr_vcpu_state *s, uint32_t msr, uint64_t val);
    const char *name;
};

/*
 * Reset the per-vCPU state: APIC enabled at 0xfee00000 (BSP flag on vCPU
 * 0), MTRRs enabled with default type WB (as Xen boots PVH guests), all
 * else zero. Feature and host fields are the caller's to fill afterwards.
 */
void msr_vcpu_init(struct msr_vcpu_state *s, uint32_t vcpu_id,
                   uint8_t vendor, uint8_t phys_bits);

/* The row covering msr for this vCPU's vendor, or NULL (#GP). */
const struct msr_policy_entry *guest_msr_lookup(
    const struct msr_vcpu_state *s, uint32_t msr);

/*
 * Guest RDMSR/WRMSR. Context: the vCPU's own exit path ([V] fields).
 * Return 0 (done; *val set for reads), MSR_VENDOR (vendor code owns the
 * MSR), MSR_XEN (hypercall-page MSR, writes only) or -EPERM (inject #GP).
 */
int guest_msr_read(struct msr_vcpu_state *s, uint32_t msr, uint64_t *val);
int guest_msr_write(struct msr_vcpu_state *s, uint32_t msr, uint64_t val);

/* True if val is a valid PAT (every entry 0, 1, 4, 5, 6 or 7). */
bool msr_pat_valid(uint64_t val);

#endif /* __ASM_MSR_POLICY_H__ */
