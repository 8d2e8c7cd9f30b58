/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Software walk of a guest's own page tables (arch/x86/mm/guest-walk.c):
 * guest-virtual to guest-physical for hypercall arguments, in every
 * paging mode: off, 2-level (4 MiB PSE pages), PAE, 4- and 5-level.
 * Guest page-table entries are read through the domain's p2m.
 */
#ifndef __ASM_GUEST_WALK_H__
#define __ASM_GUEST_WALK_H__

#include <xen/types.h>

struct p2m_domain;
struct vcpu;

/* The control registers that select the guest's paging mode. */
struct guest_paging {
    uint64_t cr0, cr3, cr4, efer;
    unsigned int paddr_bits;    /* guest MAXPHYADDR; 0 means 48 */
};

/* Access flags for guest_walk(). */
#define GW_WRITE        (1U << 0)   /* a write: R/W needed (with CR0.WP) */
#define GW_USER         (1U << 1)   /* a CPL3 access: U/S needed */

/*
 * Translate gva for an access of kind 'access' (GW_*) under the paging
 * state gp. Supervisor accesses need no U/S bit and ignore SMAP (the
 * hypervisor reads hypercall buffers on the guest kernel's behalf); NX
 * is not checked (data only). On success sets the accessed bits of every
 * entry used and, for writes, the leaf's dirty bit, as the CPU would.
 * PAE PDPTEs are read from memory at each walk, not cached as at CR3
 * load. Returns 0 and *gpa, or -EFAULT (not present, rights, reserved
 * bit set, non-canonical or out-of-range address, or a table outside
 * guest RAM).
 */
int guest_walk(struct p2m_domain *p2m, const struct guest_paging *gp,
               uint64_t gva, unsigned int access, uint64_t *gpa);

/*
 * guest_walk() with v's control registers (v->arch.cr0/cr3/cr4/efer,
 * which the vendor code must have synced from the VMCB/VMCS) and its
 * domain's p2m, as a supervisor access. Context: v is current or paused.
 */
int guest_walk_vcpu(struct vcpu *v, uint64_t gva, unsigned int access,
                    uint64_t *gpa);

#endif /* __ASM_GUEST_WALK_H__ */
