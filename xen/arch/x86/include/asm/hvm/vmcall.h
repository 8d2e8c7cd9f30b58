/* SPDX-License-Identifier: GPL-2.0-only */
/* Hypercall entry from guests and the hypercall page (hvm/vmcall.c). */
#ifndef __ASM_HVM_VMCALL_H__
#define __ASM_HVM_VMCALL_H__

#include <xen/types.h>

struct vcpu;

/*
 * The guest wrote val to the Xen hypercall-page MSR: val's page-aligned
 * part is a guest-physical page, its low 12 bits the page index (only
 * 0 exists). Fill that page with call stubs. Returns 0 or -EPERM (#GP).
 */
int hvm_write_hypercall_page(struct vcpu *v, uint64_t val);

#endif /* __ASM_HVM_VMCALL_H__ */
