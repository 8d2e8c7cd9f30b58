/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VMX exit decoding into the vendor-neutral struct hvm_exit, the two
 * exits handled here because they concern VMX itself (host NMIs, CR
 * writes that touch host-owned bits), re-queueing of an event whose
 * delivery an exit interrupted, and the guest MSRs held in the VMCS or
 * in vmx_vcpu. The instruction-length field is valid on every
 * instruction exit, so next_rip is always given (SDM Vol3 27.2.5).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/hvm/hvm.h>
#include <asm/msr-index.h>
#include <asm/processor.h>
#include <asm/system.h>
#include "vmcs.h"
#include "vmx.h"

/* I/O qualification (SDM Vol3 Table 27-5) -> HVM_IO_*. */
static uint64_t decode_io(uint64_t q)
{
    uint64_t h = (uint64_t)(uint16_t)(q >> 16) << 16;

    h |= (uint64_t)((q & 7) + 1) << 4;
    if ( q & (1u << 3) )
        h |= HVM_IO_IN;
    if ( q & (1u << 4) )
        h |= HVM_IO_STRING;
    if ( q & (1u << 5) )
        h |= HVM_IO_REP;
    return h;
}

/* EPT-violation qualification (SDM Vol3 Table 27-7) -> HVM_NPF_*. */
static uint64_t decode_ept(uint64_t q)
{
    uint64_t h = (q & 2) ? HVM_NPF_WRITE : HVM_NPF_READ;

    if ( q & 4 )
        h |= HVM_NPF_FETCH;
    if ( q & (7u << 3) )
        h |= HVM_NPF_PRESENT;
    return h;
}

/* An exit during event delivery: deliver the event again on entry. */
static void requeue_event(struct vmx_vcpu *sv)
{
    uint32_t info = (uint32_t)vmread(VMCS_IDT_VEC_INFO);
    unsigned int type = INTR_INFO_TYPE(info);

    if ( !(info & INTR_INFO_VALID) )
        return;
    sv->pending_intr = info & ~(1u << 12);
    sv->pending_err = (info & INTR_INFO_ERR_VALID) ?
                      (uint32_t)vmread(VMCS_IDT_VEC_ERRCODE) : 0;
    sv->pending_len = (type >= INTR_TYPE_SOFTINT) ?
                      (uint32_t)vmread(VMCS_EXIT_INSN_LEN) : 0;
}

static uint64_t *gpr(struct guest_regs *r, unsigned int n)
{
    /* Exit-qualification register numbers: the ModRM order. */
    uint64_t *const map[16] = {
        &r->rax, &r->rcx, &r->rdx, &r->rbx, &r->rsp, &r->rbp, &r->rsi,
        &r->rdi, &r->r8, &r->r9, &r->r10, &r->r11, &r->r12, &r->r13,
        &r->r14, &r->r15,
    };

    return map[n & 15];
}

/*
 * MOV to CR0/CR4 that changes a host-owned bit (vmx_cr0_mask: NE and
 * bits the CPU cannot set; vmx_cr4_mask: VMXE and unsupported bits). A
 * CR0 write that only changes what NE reads as is retried with the read
 * shadow updated: the CPU then performs it natively, including paging
 * and long-mode activation (EFER.LMA and the IA-32e entry control are
 * saved on exit: IA32_VMX_MISC bit 5, set with unrestricted guest).
 * Setting a bit the guest cannot have is #GP, as on hardware.
 */
static enum hvm_exit_reason handle_cr(struct vcpu *v, uint64_t q)
{
    unsigned int cr = q & 15, type = (q >> 4) & 3;
    bool wide = (v->arch.efer & EFER_LMA) &&
                (vmread(VMCS_SEG_AR(SEG_CS)) & (1u << 13));
    uint64_t val = *gpr(&v->arch.regs, (q >> 8) & 15);
    uint64_t forbidden;

    if ( type != 0 || (cr != 0 && cr != 4) )
        return HVM_EXIT_UNHANDLED;
    if ( !wide )
        val = (uint32_t)val;
    if ( cr == 4 )
    {
        if ( (val & vmx_cr4_mask) == (vmread(VMCS_CR4_SHADOW) &
                                       vmx_cr4_mask) )
            return HVM_EXIT_UNHANDLED;      /* cannot have exited */
        hvm_inject_gp(v);
        return HVM_EXIT_NONE;
    }
    forbidden = ~rdmsr(MSR_VMX_CR0_FIXED1) & vmx_cr0_mask;
    if ( val & forbidden )
    {
        hvm_inject_gp(v);
        return HVM_EXIT_NONE;
    }
    vmwrite(VMCS_CR0_SHADOW, (vmread(VMCS_CR0_SHADOW) & ~vmx_cr0_mask) |
            (val & vmx_cr0_mask));
    return HVM_EXIT_NONE;                   /* RIP unchanged: retried */
}

static enum hvm_exit_reason handle_exc_nmi(struct vcpu *v, struct hvm_exit *e)
{
    uint32_t info = (uint32_t)vmread(VMCS_EXIT_INTR_INFO);

    e->raw_info2 = info;
    if ( (info & INTR_INFO_VALID) && INTR_INFO_TYPE(info) == INTR_TYPE_NMI )
    {
        /* A host NMI: run the host handler now, IRQs still off. */
        __asm__ __volatile__ ( "int $2" ::: "memory" );
        return HVM_EXIT_NONE;
    }
    if ( (info & INTR_INFO_VALID) && INTR_INFO_TYPE(info) == 5 &&
         (info & 0xff) == 1 )
    {
        /* ICEBP (a privileged software exception): deliver it as it was. */
        struct vmx_vcpu *sv = v->arch.vendor;

        sv->pending_intr = info & ~INTR_INFO_ERR_VALID;
        sv->pending_err = 0;
        sv->pending_len = (uint32_t)vmread(VMCS_EXIT_INSN_LEN);
        return HVM_EXIT_NONE;
    }
    if ( (info & INTR_INFO_VALID) && INTR_INFO_TYPE(info) == INTR_TYPE_HW_EXC &&
         ((info & 0xff) == 1 || (info & 0xff) == 17) )
    {
        if ( (info & 0xff) == 1 )
        {
            /*
             * A #DB exit leaves DR6 alone and reports B0-B3, BD and BS in
             * the qualification: put them where the guest's handler looks.
             */
            uint64_t dr6 = 0xffff0ff0UL | (vmread(VMCS_EXIT_QUAL) & 0x600f);

            __asm__ __volatile__ ( "mov %0, %%dr6" :: "r" (dr6) );
        }
        e->qual = info & 0xff;
        e->raw_info1 = (info & INTR_INFO_ERR_VALID) ?
                       vmread(VMCS_EXIT_INTR_ERRCODE) : 0;
        return HVM_EXIT_EXCEPTION;
    }
    return HVM_EXIT_UNHANDLED;              /* #MC: exception bitmap */
}

/* Exits caused by one guest instruction, and what they become. */
static enum hvm_exit_reason insn_exit(unsigned int basic)
{
    switch ( basic )
    {
    case EXIT_CPUID:    return HVM_EXIT_CPUID;
    case EXIT_HLT:      return HVM_EXIT_HLT;
    case EXIT_VMCALL:   return HVM_EXIT_HYPERCALL;
    case EXIT_RDMSR:    return HVM_EXIT_MSR_READ;
    case EXIT_WRMSR:    return HVM_EXIT_MSR_WRITE;
    case EXIT_IO:       return HVM_EXIT_IO;
    case EXIT_PAUSE:    return HVM_EXIT_PAUSE;
    case EXIT_RDTSC:
    case EXIT_RDTSCP:   return HVM_EXIT_RDTSC;
    default:            return HVM_EXIT_NR;
    }
}

void vmx_decode_exit(struct vcpu *v, struct hvm_exit *e)
{
    uint32_t reason = (uint32_t)vmread(VMCS_EXIT_REASON);
    unsigned int basic = reason & 0xffff;
    uint64_t q = vmread(VMCS_EXIT_QUAL);

    memset(e, 0, sizeof(*e));
    e->raw_code = reason;
    e->raw_info1 = q;
    if ( reason & EXIT_REASON_FAILED_ENTRY )
    {
        printk(XENLOG_ERR "d%uv%u: VM entry failed, exit reason %u "
               "(33: invalid guest state, 34: MSR loading), qual %#lx\n",
               v->domain->domain_id, v->vcpu_id, basic, (unsigned long)q);
        e->reason = HVM_EXIT_INVALID_STATE;
        return;
    }
    requeue_event(v->arch.vendor);
    e->reason = insn_exit(basic);
    if ( e->reason != HVM_EXIT_NR )
    {
        e->next_rip = v->arch.regs.rip + vmread(VMCS_EXIT_INSN_LEN);
        if ( basic == EXIT_IO )
            e->qual = decode_io(q);
        return;
    }
    switch ( basic )
    {
    case EXIT_EXC_NMI:      e->reason = handle_exc_nmi(v, e); break;
    case EXIT_EXT_INTR:                 /* taken by the host after STI */
    case EXIT_PREEMPT_TIMER:            /* see vmx_timer_period */
    case EXIT_INIT:         e->reason = HVM_EXIT_NONE; break;
    case EXIT_TRIPLE_FAULT: e->reason = HVM_EXIT_TRIPLE_FAULT; break;
    case EXIT_INTR_WINDOW:  e->reason = HVM_EXIT_INTR_WINDOW; break;
    case EXIT_CR_ACCESS:    e->reason = handle_cr(v, q); break;
    case EXIT_EPT_VIOLATION:
        e->reason = HVM_EXIT_NPF;
        e->gpa = vmread(VMCS_GUEST_PHYS_ADDR);
        e->qual = decode_ept(q);
        e->raw_info2 = e->gpa;
        break;
    case EXIT_EPT_MISCONFIG:
        e->raw_info2 = vmread(VMCS_GUEST_PHYS_ADDR);
        e->reason = HVM_EXIT_UNHANDLED;
        break;
    default:                e->reason = HVM_EXIT_UNHANDLED; break;
    }
}

/* ---- MSRs kept in the VMCS or in vmx_vcpu ------------------------------ */

#define EFER_GUEST_MASK (EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE)
#define MSR_TSC_COUNTER 0x00000010u  /* the guest's TSC: host + TSC offset */

static int msr_read(struct vmx_vcpu *sv, uint32_t msr, uint64_t *val)
{
    switch ( msr )
    {
    case MSR_EFER:
        *val = vmread(VMCS_GUEST_EFER) & EFER_GUEST_MASK;
        break;
    case MSR_FS_BASE:   *val = vmread(VMCS_SEG_BASE(SEG_FS)); break;
    case MSR_GS_BASE:   *val = vmread(VMCS_SEG_BASE(SEG_GS)); break;
    case MSR_KERNEL_GS_BASE:
        *val = sv->msrs_loaded ? rdmsr(MSR_KERNEL_GS_BASE)
                               : sv->kernel_gs_base;
        break;
    case MSR_STAR:      *val = sv->star; break;
    case MSR_LSTAR:     *val = sv->lstar; break;
    case MSR_CSTAR:     *val = sv->cstar; break;
    case MSR_SFMASK:    *val = sv->sfmask; break;
    case MSR_SYSENTER_CS:  *val = vmread(VMCS_GUEST_SYSENTER_CS); break;
    case MSR_SYSENTER_ESP: *val = vmread(VMCS_GUEST_SYSENTER_ESP); break;
    case MSR_SYSENTER_EIP: *val = vmread(VMCS_GUEST_SYSENTER_EIP); break;
    case MSR_PAT:       *val = vmread(VMCS_GUEST_PAT); break;
    case MSR_TSC_COUNTER: *val = rdtsc() + vmread(VMCS_TSC_OFFSET); break;
    default:            return -ENOENT;
    }
    return 0;
}

int vmx_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    struct vmx_vcpu *sv = v->arch.vendor;
    unsigned long flags = local_irq_save();
    paddr_t prev;
    bool borrowed = vmx_vmcs_borrow(sv, &prev);
    int rc = msr_read(sv, msr, val);

    if ( borrowed )
        vmx_vmcs_return(sv, prev);
    local_irq_restore(flags);
    return rc;
}

static bool is_canonical(uint64_t a)
{
    return (uint64_t)(((int64_t)a << 16) >> 16) == a;
}

static bool valid_pat(uint64_t val)
{
    for ( unsigned int i = 0; i < 8; i++ )
    {
        uint8_t t = (uint8_t)(val >> (i * 8));

        if ( t > 7 || t == 2 || t == 3 )
            return false;
    }
    return true;
}

static int write_efer(struct vcpu *v, uint64_t val)
{
    uint64_t cur = vmread(VMCS_GUEST_EFER);

    if ( val & ~(uint64_t)EFER_GUEST_MASK )
        return -EINVAL;
    /* LMA is the CPU's; LME may not change while paging is on. */
    val = (val & ~(uint64_t)EFER_LMA) | (cur & EFER_LMA);
    if ( (v->arch.cr0 & (1UL << 31)) && ((val ^ cur) & EFER_LME) )
        return -EINVAL;
    vmwrite(VMCS_GUEST_EFER, val);
    v->arch.efer = val;
    return 0;
}

/* Syscall MSRs: kept in sv, and in hardware during a run session. */
static int write_soft(struct vmx_vcpu *sv, uint32_t msr, uint64_t val)
{
    uint64_t *slot;

    switch ( msr )
    {
    case MSR_KERNEL_GS_BASE: slot = &sv->kernel_gs_base; break;
    case MSR_STAR:          slot = &sv->star; break;
    case MSR_LSTAR:         slot = &sv->lstar; break;
    case MSR_CSTAR:         slot = &sv->cstar; break;
    case MSR_SFMASK:        slot = &sv->sfmask; break;
    default:                return -ENOENT;
    }
    if ( msr == MSR_SFMASK ? (val >> 32) != 0
                           : (msr != MSR_STAR && !is_canonical(val)) )
        return -EINVAL;
    *slot = val;
    if ( sv->msrs_loaded )
        wrmsr(msr, val);
    return 0;
}

static int msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    switch ( msr )
    {
    case MSR_EFER:
        return write_efer(v, val);
    case MSR_FS_BASE:
    case MSR_GS_BASE:
    case MSR_SYSENTER_ESP:
    case MSR_SYSENTER_EIP:
        if ( !is_canonical(val) )
            return -EINVAL;
        vmwrite(msr == MSR_FS_BASE ? VMCS_SEG_BASE(SEG_FS) :
                msr == MSR_GS_BASE ? VMCS_SEG_BASE(SEG_GS) :
                msr == MSR_SYSENTER_ESP ? VMCS_GUEST_SYSENTER_ESP :
                VMCS_GUEST_SYSENTER_EIP, val);
        return 0;
    case MSR_SYSENTER_CS:
        vmwrite(VMCS_GUEST_SYSENTER_CS, (uint32_t)val);
        return 0;
    case MSR_TSC_COUNTER:
        vmwrite(VMCS_TSC_OFFSET, val - rdtsc());
        return 0;
    case MSR_PAT:
        if ( !valid_pat(val) )
            return -EINVAL;
        vmwrite(VMCS_GUEST_PAT, val);
        return 0;
    default:
        return write_soft(v->arch.vendor, msr, val);
    }
}

/* Returns 0, -ENOENT (not a VMX-held MSR) or -EINVAL (inject #GP). */
int vmx_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    struct vmx_vcpu *sv = v->arch.vendor;
    unsigned long flags = local_irq_save();
    paddr_t prev;
    bool borrowed = vmx_vmcs_borrow(sv, &prev);
    int rc = msr_write(v, msr, val);

    if ( borrowed )
        vmx_vmcs_return(sv, prev);
    local_irq_restore(flags);
    return rc;
}
