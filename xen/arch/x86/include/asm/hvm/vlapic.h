/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The emulated local APIC as the rest of the hypervisor sees it: per-vCPU
 * life cycle, boot-time registration (the xAPIC MMIO page and the
 * interrupt source), the MSR hooks for hvm/msr.c and NMI IPIs. The
 * register model itself is asm/hvm/vlapic-model.h. Design and what is
 * emulated: docs/hypervisor/vlapic.md.
 */
#ifndef __ASM_HVM_VLAPIC_H__
#define __ASM_HVM_VLAPIC_H__

#include <xen/types.h>
#include <asm/hvm/exit.h>

struct vcpu;

/*
 * Register the APIC page [0xfee00000, +4 KiB) with hvm/npf.c and the
 * APIC as an interrupt source with hvm/intr.c. Call once at boot after
 * hvm_init(), before any domain is created. Context: boot CPU.
 */
void vlapic_setup(void);

/*
 * Give v its APIC in the power-on state (xAPIC mode, enabled, BSP flag on
 * vCPU 0, software-disabled, every LVT masked; id 2 * vcpu_id). Call from
 * arch_vcpu_create() after v->processor is set. Returns 0 or -ENOMEM.
 * vlapic_destroy(): stop its timer and free it (v must not run; safe if
 * vlapic_init() failed or was never called). Context: IRQs on.
 */
int vlapic_init(struct vcpu *v);
void vlapic_destroy(struct vcpu *v);

/*
 * MSR access for hvm/msr.c, tried before the MSR policy: IA32_APIC_BASE
 * (0x1b), IA32_TSC_DEADLINE (0x6e0) and the x2APIC MSRs 0x800-0x8ff.
 * Returns 0 (done), -ENOENT (not an APIC MSR: try the next handler) or
 * -EPERM (inject #GP). Context: v's own pCPU (an exit handler of v).
 */
int vlapic_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int vlapic_msr_write(struct vcpu *v, uint32_t msr, uint64_t val);

/*
 * Raise vector (16-255) on v's APIC as a fixed, edge-triggered interrupt:
 * IRR, then a kick. The guest sees it in ISR and must EOI it; this is how
 * Xen delivers a per-vCPU upcall vector (HVMOP_set_evtchn_upcall_vector).
 * Returns false if v's APIC is disabled or the vector is below 16.
 * Context: any.
 */
bool vlapic_raise(struct vcpu *v, unsigned int vector);

/*
 * True once after an NMI IPI was sent to v. Nothing calls it yet: NMI
 * IPIs are recorded but not injected (vlapic-ipi.c). Context: v's pCPU.
 */
bool vlapic_take_nmi_pending(struct vcpu *v);

/*
 * Nested page fault in the APIC page (registered by vlapic_setup()):
 * decode the faulting MOV, access the register, advance RIP.
 * Context: v's pCPU, exit handler.
 */
enum hvm_exit_action vlapic_handle_mmio(struct vcpu *v,
                                        const struct hvm_exit *e);

/* Whether IA32_APIC_BASE.EN is set (CPUID leaf 1 EDX.APIC). Context: any. */
bool vlapic_enabled(const struct vcpu *v);

#endif /* __ASM_HVM_VLAPIC_H__ */
