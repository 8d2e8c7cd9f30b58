/* SPDX-License-Identifier: MIT */
/*
 * Hypervisor CPUID leaves on x86: where they are, the "XenVMMXenVMM"
 * signature, and the layout of each leaf.
 *
 * The leaves start at XEN_CPUID_FIRST_LEAF (0x40000000), or at the next
 * free multiple of 0x100 when another interface (e.g. Viridian) occupies
 * the first block; guests scan 0x40000000..0x4000ff00 in steps of 0x100.
 * "base" below is the leaf where the signature was found.
 */
#ifndef __XEN_PUBLIC_ARCH_X86_CPUID_H__
#define __XEN_PUBLIC_ARCH_X86_CPUID_H__

#define XEN_CPUID_FIRST_LEAF 0x40000000
#define XEN_CPUID_LEAF(i)    (XEN_CPUID_FIRST_LEAF + (i))

/*
 * base + 0: EAX = highest leaf implemented (base + XEN_CPUID_MAX_NUM_LEAVES);
 * EBX, ECX, EDX = "XenV" "MMXe" "nVMM" (the string "XenVMMXenVMM").
 */
#define XEN_CPUID_SIGNATURE_EBX 0x566e6558  /* "XenV" */
#define XEN_CPUID_SIGNATURE_ECX 0x65584d4d  /* "MMXe" */
#define XEN_CPUID_SIGNATURE_EDX 0x4d4d566e  /* "nVMM" */

/*
 * base + 1: EAX bits 31:16 = major version, bits 15:0 = minor version
 * (Linux disables some xenstore features when major < 4). EBX..EDX 0.
 */

/*
 * base + 2: hypercall page.
 *   EAX = number of hypercall pages (always 1)
 *   EBX = MSR index: writing GPA|index to it fills that hypercall page
 *   ECX = feature flags 1 (below), EDX = feature flags 2 (none yet)
 */
#define _XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD 0
#define XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD \
    (1u << _XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD)  /* PV only */

/*
 * base + 3: time (sub-leaf in ECX).
 *   sub-leaf 0: EAX flags (XEN_CPUID_TSC_*), EBX TSC mode
 *               (XEN_CPUID_TSC_MODE_*), ECX guest TSC kHz,
 *               EDX incarnation (bumped on migration)
 *   sub-leaf 1: EAX/EBX TSC offset low/high, ECX tsc->ns multiplier,
 *               EDX tsc->ns shift
 *   sub-leaf 2: EAX host TSC kHz
 */
#define XEN_CPUID_TSC_EMULATED        (1u << 0)  /* RDTSC is emulated */
#define XEN_CPUID_HOST_TSC_RELIABLE   (1u << 1)  /* host TSC is reliable */
#define XEN_CPUID_RDTSCP_INSTR_AVAIL  (1u << 2)  /* RDTSCP usable */
#define XEN_CPUID_TSC_MODE_DEFAULT        (0)   /* emulate when needed */
#define XEN_CPUID_TSC_MODE_ALWAYS_EMULATE (1u)  /* always trap RDTSC */
#define XEN_CPUID_TSC_MODE_NEVER_EMULATE  (2u)  /* never trap RDTSC */
#define XEN_CPUID_TSC_MODE_PVRDTSCP       (3u)  /* retired mode */

/*
 * base + 4: HVM features.
 *   EAX = XEN_HVM_CPUID_* flags
 *   EBX = this vCPU's id, if XEN_HVM_CPUID_VCPU_ID_PRESENT
 *   ECX = this domain's id, if XEN_HVM_CPUID_DOMID_PRESENT
 */
#define XEN_HVM_CPUID_APIC_ACCESS_VIRT (1u << 0) /* APIC MMIO virtualised */
#define XEN_HVM_CPUID_X2APIC_VIRT      (1u << 1) /* x2APIC MSRs virtualised */
#define XEN_HVM_CPUID_IOMMU_MAPPINGS   (1u << 2) /* foreign maps in IOMMU */
#define XEN_HVM_CPUID_VCPU_ID_PRESENT  (1u << 3) /* EBX holds the vCPU id */
#define XEN_HVM_CPUID_DOMID_PRESENT    (1u << 4) /* ECX holds the domid */
/*
 * MSI address bits 11:5 and IO-APIC RTE bits 55:49 extend the
 * destination APIC id from 8 to 15 bits (non-remappable format).
 */
#define XEN_HVM_CPUID_EXT_DEST_ID      (1u << 5)
/* HVMOP_set_evtchn_upcall_vector works (per-vCPU upcall vectors). */
#define XEN_HVM_CPUID_UPCALL_VECTOR    (1u << 6)

/*
 * base + 5: PV parameters (sub-leaf 0): EAX highest sub-leaf,
 * EBX bits 7:0 machine address width in bits.
 */
#define XEN_CPUID_MACHINE_ADDRESS_WIDTH_MASK (0xffu << 0)

/* Index of the last leaf: leaves base+0 .. base+5 exist. */
#define XEN_CPUID_MAX_NUM_LEAVES 5

#endif /* __XEN_PUBLIC_ARCH_X86_CPUID_H__ */
