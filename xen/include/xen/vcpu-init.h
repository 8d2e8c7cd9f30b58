/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Arch hooks behind VCPUOP_initialise / VCPUOP_up (common/vcpu-op.c):
 * loading a secondary vCPU's first register state from the guest's
 * struct vcpu_hvm_context. Implemented in arch/x86 (HVM vCPU set-up).
 */
#ifndef __XEN_VCPU_INIT_H__
#define __XEN_VCPU_INIT_H__

#include <xen/types.h>
#include <public/hvm/hvm_vcpu.h>

struct vcpu;

/*
 * Check ctx (mode, padding, control registers, EFER, segment rights) and
 * make it v's register state for its first run; v then counts as
 * initialised. Nothing changes unless it returns 0.
 * Returns 0; -EINVAL if ctx is malformed or inconsistent; -EEXIST if v
 * already has a register state (boot vCPU, earlier VCPUOP_initialise,
 * INIT/SIPI). Context: v is down and not running; caller holds
 * v->domain->domain_lock.
 */
int arch_vcpu_initialise(struct vcpu *v, const struct vcpu_hvm_context *ctx);

/*
 * Whether v has a register state to start from: the boot vCPU, or a
 * vCPU set up by arch_vcpu_initialise() or by INIT/SIPI. VCPUOP_up of
 * a vCPU without one fails with -EINVAL, as in Xen. Context: any.
 */
bool arch_vcpu_is_initialised(const struct vcpu *v);

#endif /* __XEN_VCPU_INIT_H__ */
