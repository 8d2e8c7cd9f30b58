/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CPUID a PVH guest sees: host leaves passed through with the features
 * we do not virtualise masked, per-vCPU topology, and Xen's hypervisor
 * leaves at 0x40000000. Pure function of a context, so host unit tests can
 * feed a fake host CPUID. Decisions: docs/hypervisor/guest-cpuid-msr.md.
 */
#ifndef __ASM_CPUID_POLICY_H__
#define __ASM_CPUID_POLICY_H__

#include <xen/types.h>

struct cpuid_leaf {
    uint32_t a, b, c, d;
};

/* Executes CPUID (leaf, subleaf) on the host; tests pass a fake. */
typedef void (*cpuid_host_fn)(uint32_t leaf, uint32_t subleaf,
                              struct cpuid_leaf *out);

/* Highest leaves the guest sees (lower if the host's are lower). */
#define CPUID_GUEST_MAX_BASIC   0x0000000dU
#define CPUID_GUEST_MAX_EXTD    0x80000008U
/* Xen leaves: base .. base + CPUID_XEN_NR_LEAVES - 1 (Xen: base+5). */
#define CPUID_XEN_BASE          0x40000000U
#define CPUID_XEN_NR_LEAVES     6

struct cpuid_guest_ctx {
    uint32_t vcpu_id;           /* [I] Xen vCPU id; APIC id = 2 * vcpu_id */
    uint32_t nr_vcpus;          /* [I] vCPUs of the domain, >= 1 */
    uint16_t domid;             /* [I] for base+4 ECX */
    uint16_t xen_major;         /* [I] base+1: major << 16 | minor */
    uint16_t xen_minor;
    bool upcall_vector;         /* [I] HVMOP_set_evtchn_upcall_vector works */
    bool tsc_aux;               /* [I] vendor code loads the guest TSC_AUX:
                                       RDTSCP/RDPID shown (else hidden) */
    bool host_tsc_reliable;     /* [I] base+3 sub 0 EAX bit 1 */
    uint32_t tsc_khz;           /* [I] base+3 sub 0 ECX: guest TSC kHz */
    uint32_t cpu_khz;           /* [I] base+3 sub 2 EAX: host TSC kHz */
    uint64_t guest_cr4;         /* [V] for OSXSAVE / OSPKE fast-forward */
    bool xsave;                 /* [I] XSAVE state is switched: show
                                   XSAVE, AVX and AVX-512 (else hidden) */
    bool apic_disabled;         /* [V] APIC_BASE.EN clear: hide CPUID APIC */
    cpuid_host_fn host_cpuid;   /* [I] */
};

/*
 * Fill *out with what the guest described by ctx sees for CPUID
 * (leaf, subleaf). Leaves out of range read as zeros (as Xen does, the
 * AMD model). Context: any; calls ctx->host_cpuid only. Never fails.
 */
void guest_cpuid(const struct cpuid_guest_ctx *ctx, uint32_t leaf,
                 uint32_t subleaf, struct cpuid_leaf *out);

#endif /* __ASM_CPUID_POLICY_H__ */
