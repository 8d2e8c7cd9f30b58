/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Arch hook of event-channel delivery (common/event_2l.c calls it; the
 * x86 HVM side lives in arch/x86/hvm/): raise the guest's event upcall.
 */
#ifndef __XEN_EVENT_ARCH_H__
#define __XEN_EVENT_ARCH_H__

struct vcpu;

/*
 * v's vcpu_info->evtchn_upcall_pending has just gone from 0 to 1: make
 * the guest take its event upcall. For HVM/PVH: HVM_PARAM_CALLBACK_IRQ
 * type 2 (vector in bits 7:0) injects that vector directly (no LAPIC
 * IRR/ISR, no EOI) while evtchn_upcall_pending stays set and the guest
 * can take an interrupt; a per-vCPU vector from
 * HVMOP_set_evtchn_upcall_vector goes through the LAPIC as a fixed, edge
 * interrupt. Either way, kick v's pCPU if v runs elsewhere. The caller
 * wakes v (vcpu_unblock) right after this hook, so the hook need not.
 * Context: d->event_lock held with IRQs off; must not block or take a
 * lock above the runqueue locks (docs/hypervisor/locking.md).
 */
void arch_evtchn_upcall(struct vcpu *v);

#endif /* __XEN_EVENT_ARCH_H__ */
