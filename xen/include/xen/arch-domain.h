/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The doors from common/domain.c into the arch (arch/x86/domain.c):
 * per-domain and per-vCPU arch state set-up and tear-down.
 */
#ifndef __XEN_ARCH_DOMAIN_H__
#define __XEN_ARCH_DOMAIN_H__

struct domain;
struct vcpu;

/* Guest-physical map and HVM parameters. Returns 0 or -errno. */
int arch_domain_create(struct domain *d);
/* Free the guest-physical map and every page it maps. */
void arch_domain_destroy(struct domain *d);
/* Vendor state (VMCB/VMCS) of v. Returns 0 or -errno. */
int arch_vcpu_create(struct vcpu *v);
void arch_vcpu_destroy(struct vcpu *v);

#endif /* __XEN_ARCH_DOMAIN_H__ */
