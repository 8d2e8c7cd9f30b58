/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * External interrupts for guests (hvm/intr.c). Interrupt sources (the
 * event-channel callback vector, the emulated local APIC) register here;
 * before every VM entry the highest-priority pending vector is injected
 * if the guest can take it now, otherwise an interrupt window is
 * requested so that the guest exits as soon as it can.
 */
#ifndef __ASM_HVM_INTR_H__
#define __ASM_HVM_INTR_H__

#include <xen/types.h>

struct vcpu;

struct hvm_intr_source {
    const char *name;
    /* Highest pending vector (16..255) of this source for v, or -1. */
    int (*pending)(struct vcpu *v);
    /* The vector was injected: e.g. the local APIC moves IRR to ISR. */
    void (*acked)(struct vcpu *v, int vector);
};

/* Register at boot, highest priority first. */
void hvm_register_intr_source(const struct hvm_intr_source *src);

/*
 * Inject or ask for a window. Context: v's pCPU, IRQs off, right before
 * entry.
 */
void hvm_intr_assist(struct vcpu *v);

/* True if some source has a vector pending for v (HLT must not sleep). */
bool hvm_intr_pending(struct vcpu *v);

/* Register the event-channel callback-vector source (evtchn-upcall.c). */
void hvm_evtchn_setup(void);

/*
 * HVMOP_set_evtchn_upcall_vector: v's upcalls become LAPIC interrupts
 * with this vector (16-255, else -EINVAL), raised once at once as on
 * Xen. Returns 0. Context: any vCPU of v's domain.
 */
int hvm_set_upcall_vector(struct vcpu *v, unsigned int vector);

/*
 * v's guest has just software-enabled its APIC: raise the upcall vector
 * if an upcall is pending (it could not be accepted while disabled).
 * Context: v's pCPU (the APIC write's exit).
 */
void hvm_evtchn_apic_enabled(struct vcpu *v);

/*
 * Something may now be pending for v: wake it if it blocks and make it
 * re-evaluate (IPI to its pCPU if it runs there). Context: any.
 */
void hvm_intr_kick(struct vcpu *v);

#endif /* __ASM_HVM_INTR_H__ */
