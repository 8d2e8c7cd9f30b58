/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared between the files of hvm/vmx/ only: per-vCPU VMX state, the
 * VMX instruction wrappers and the functions the files give each other.
 */
#ifndef __HVM_VMX_VMX_H__
#define __HVM_VMX_VMX_H__

#include <xen/types.h>
#include <xen/cpumask.h>
#include <asm/hvm/hvm.h>

struct vcpu;
struct guest_regs;

/*
 * Invariant: outside a run session (from the first vmx_run() after
 * vcpu_leave() to the next vcpu_leave()) the VMCS is clear (VMCLEARed,
 * current on no CPU) and the guest's syscall MSRs are in this struct.
 */
struct vmx_vcpu {
    void *vmcs;                 /* [I] 4 KiB VMCS region */
    paddr_t vmcs_pa;            /* [I] */
    uint16_t vpid;              /* [I] */
    bool launched;              /* [V] VMLAUNCH done since the VMCLEAR */
    bool msrs_loaded;           /* [V] guest syscall MSRs in hardware */
    bool flush_vpid;            /* [V] INVVPID before the next entry */
    bool want_window;           /* [V] interrupt-window exiting wanted */
    bool window_on;             /* [V] ... and set in the VMCS */
    unsigned int last_cpu;      /* [V] pCPU of the last session */
    cpumask_t tlb_stale;        /* [A] CPUs that must INVEPT + INVVPID */
    uint32_t pending_intr;      /* [V] entry interruption info, or 0 */
    uint32_t pending_err;       /* [V] its error code */
    uint32_t pending_len;       /* [V] its instruction length */
    uint32_t intr_state;        /* [V] interruptibility at the last exit */
    uint64_t exit_rip;          /* [V] RIP at the last exit */
    uint64_t kernel_gs_base;    /* [V] MSRs not held in the VMCS */
    uint64_t star, lstar, cstar, sfmask;
};

extern const struct hvm_vendor_ops vmx_ops;

/* CR0/CR4 bits the host owns: guest writes that change them exit. */
extern uint64_t vmx_cr0_mask, vmx_cr4_mask;     /* [I] */
/*
 * VMX-preemption timer ticks for VMX_TIMER_PERIOD_US, 0 if the CPU has no
 * timer. Armed for entries with guest RFLAGS.IF clear: Bochs 2.7 keeps
 * host interrupts masked for a guest entered with IF=0 until it sets IF,
 * despite external-interrupt exiting, so a spinning guest would never
 * exit. On hardware it only bounds how long such a guest runs unchecked.
 */
#define VMX_TIMER_PERIOD_US     1000
extern uint32_t vmx_timer_period;               /* [I] */
/* Primary processor-based controls without interrupt-window exiting. */
extern uint32_t vmx_proc_ctls;                  /* [I] */

static inline uint64_t vmread(uint32_t field)
{
    uint64_t v = 0;

    __asm__ __volatile__ ( "vmread %q1, %0"
                           : "+rm" (v) : "r" ((uint64_t)field) : "cc" );
    return v;
}

static inline void vmwrite(uint32_t field, uint64_t v)
{
    __asm__ __volatile__ ( "vmwrite %1, %q0"
                           :: "r" ((uint64_t)field), "rm" (v) : "cc" );
}

/*
 * World switch (entry.S): load the guest GPRs, VMLAUNCH (launched false)
 * or VMRESUME, and on exit save them. Returns 0 after a VM exit, 1 if
 * the instruction failed with VMfailInvalid, 2 with VMfailValid.
 * Context: IRQs off, v's VMCS current.
 */
int vmx_enter(struct guest_regs *regs, bool launched);

/* exit.c */
void vmx_decode_exit(struct vcpu *v, struct hvm_exit *e);
int vmx_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int vmx_msr_write(struct vcpu *v, uint32_t msr, uint64_t val);

/* vmcs.c */
int vmx_cpu_up(void);
void vmx_load_host_state(void);
void vmx_init_vmcs(struct vcpu *v);
void vmx_set_initial_state(struct vcpu *v,
                           const struct hvm_initial_state *st);
void vmx_set_context(struct vcpu *v, const struct hvm_vcpu_context *c);
uint64_t vmx_eptp(struct vcpu *v);
/* VMCS access for a vCPU that is not in a run session on this CPU. */
bool vmx_vmcs_borrow(struct vmx_vcpu *sv, paddr_t *prev);
void vmx_vmcs_return(struct vmx_vcpu *sv, paddr_t prev);
void vmx_vmptrld(paddr_t pa);
void vmx_vmclear(paddr_t pa);
paddr_t vmx_current_vmcs(void);
void vmx_invept(uint64_t eptp);
void vmx_invvpid(uint16_t vpid);

#endif /* __HVM_VMX_VMX_H__ */
