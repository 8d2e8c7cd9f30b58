/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Intel VT-x back-end: one VMCS per vCPU with EPT, VPID and unrestricted
 * guest; the run step around the world switch (entry.S), event
 * injection, guest state for the common code, TLB flushes after p2m
 * changes. VMXON and VMCS contents are in vmcs.c, exit decoding in
 * exit.c. Everything is reached through vmx_ops (asm/hvm/hvm.h).
 *
 * A VMCS is current on a CPU only during a run session: vmx_run() loads
 * it (VMPTRLD, host state of this CPU) at the first entry after
 * vmx_vcpu_leave(), which VMCLEARs it when hvm_vcpu_run() returns, so a
 * vCPU can next run on any CPU without a cross-call. The guest's
 * KERNEL_GS_BASE/STAR/LSTAR/CSTAR/SFMASK (not in the VMCS) stay in the
 * hardware MSRs for the session; the host never uses them (no SYSCALL,
 * no SWAPGS).
 *
 * Locking: vpid_lock (spinlock, leaf) guards vpid_map. A VMCS is touched
 * only by the CPU running its vCPU, or while the vCPU runs nowhere.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/xmalloc.h>
#include <asm/hvm/hvm.h>
#include <asm/msr-index.h>
#include <asm/processor.h>
#include <asm/system.h>
#include "vmcs.h"
#include "vmx.h"

#define NR_VPIDS            65536
static unsigned long vpid_map[NR_VPIDS / (8 * sizeof(unsigned long))];
static DEFINE_SPINLOCK(vpid_lock);

/* VPID 0 is the host's; a freed VPID is reused after a full flush. */
static uint16_t vpid_alloc(void)
{
    const unsigned int bpl = 8 * sizeof(unsigned long);
    unsigned int i;
    uint16_t vpid = 0;

    spin_lock(&vpid_lock);
    for ( i = 1; i < NR_VPIDS; i++ )
        if ( !(vpid_map[i / bpl] & (1UL << (i % bpl))) )
        {
            vpid_map[i / bpl] |= 1UL << (i % bpl);
            vpid = (uint16_t)i;
            break;
        }
    spin_unlock(&vpid_lock);
    return vpid;
}

static void vpid_free(uint16_t vpid)
{
    const unsigned int bpl = 8 * sizeof(unsigned long);

    spin_lock(&vpid_lock);
    vpid_map[vpid / bpl] &= ~(1UL << (vpid % bpl));
    spin_unlock(&vpid_lock);
}

static int vmx_vcpu_init(struct vcpu *v)
{
    struct vmx_vcpu *sv = xzalloc(struct vmx_vcpu);
    unsigned long flags;
    paddr_t prev;

    if ( !sv )
        return -ENOMEM;
    sv->vmcs = alloc_xenheap_pages(0, MEMF_zero);
    sv->vpid = vpid_alloc();
    if ( !sv->vmcs || !sv->vpid )
    {
        if ( sv->vmcs )
            free_xenheap_pages(sv->vmcs, 0);
        if ( sv->vpid )
            vpid_free(sv->vpid);
        xfree(sv);
        return -ENOMEM;
    }
    *(uint32_t *)sv->vmcs = (uint32_t)rdmsr(MSR_VMX_BASIC) & 0x7fffffff;
    sv->vmcs_pa = virt_to_maddr(sv->vmcs);
    sv->last_cpu = ~0u;
    /* A reused VPID or EPT root may have stale entries on any CPU. */
    cpumask_setall(&sv->tlb_stale);
    v->arch.vendor = sv;

    flags = local_irq_save();
    vmx_vmclear(sv->vmcs_pa);           /* launch state "clear" */
    vmx_vmcs_borrow(sv, &prev);
    vmx_init_vmcs(v);
    vmx_vmcs_return(sv, prev);
    local_irq_restore(flags);
    return 0;
}

static void vmx_vcpu_destroy(struct vcpu *v)
{
    struct vmx_vcpu *sv = v->arch.vendor;

    if ( !sv )
        return;
    /* Not in a run session: the VMCS is clear and current nowhere. */
    free_xenheap_pages(sv->vmcs, 0);
    vpid_free(sv->vpid);
    xfree(sv);
    v->arch.vendor = NULL;
}

static void load_guest_msrs(struct vmx_vcpu *sv)
{
    wrmsr(MSR_KERNEL_GS_BASE, sv->kernel_gs_base);
    wrmsr(MSR_STAR, sv->star);
    wrmsr(MSR_LSTAR, sv->lstar);
    wrmsr(MSR_CSTAR, sv->cstar);
    wrmsr(MSR_SFMASK, sv->sfmask);
    sv->msrs_loaded = true;
}

/* End of a run session on this CPU (hvm_vcpu_run() returns). IRQs on. */
static void vmx_vcpu_leave(struct vcpu *v)
{
    struct vmx_vcpu *sv = v->arch.vendor;

    if ( vmx_current_vmcs() == sv->vmcs_pa )
    {
        vmx_vmclear(sv->vmcs_pa);
        sv->launched = false;
    }
    if ( sv->msrs_loaded )
    {
        /* SWAPGS in the guest changes it without an exit. */
        sv->kernel_gs_base = rdmsr(MSR_KERNEL_GS_BASE);
        sv->msrs_loaded = false;
    }
}

/* Make the VMCS current with this CPU's host state; flush as needed. */
static void prepare_entry(struct vcpu *v, struct vmx_vcpu *sv)
{
    unsigned int cpu = smp_processor_id();

    if ( vmx_current_vmcs() != sv->vmcs_pa )
    {
        vmx_vmptrld(sv->vmcs_pa);
        vmx_load_host_state();
        /* Entries cached here before it ran elsewhere may be stale. */
        if ( sv->last_cpu != cpu )
            sv->flush_vpid = true;
        sv->last_cpu = cpu;
    }
    if ( !sv->msrs_loaded )
        load_guest_msrs(sv);
    if ( cpumask_test_cpu(cpu, &sv->tlb_stale) &&
         cpumask_test_and_clear_cpu(cpu, &sv->tlb_stale) )
    {
        vmx_invept(vmx_eptp(v));
        sv->flush_vpid = true;
    }
    if ( sv->flush_vpid )
    {
        vmx_invvpid(sv->vpid);
        sv->flush_vpid = false;
    }
}

static void write_entry_state(struct vcpu *v, struct vmx_vcpu *sv)
{
    struct guest_regs *r = &v->arch.regs;

    /* An emulated instruction completed: its STI/MOV SS shadow ended. */
    if ( r->rip != sv->exit_rip && (sv->intr_state & 3) )
    {
        sv->intr_state &= ~3u;
        vmwrite(VMCS_GUEST_INTR_STATE, sv->intr_state);
    }
    if ( sv->want_window != sv->window_on )
    {
        vmwrite(VMCS_PROC_CTLS, vmx_proc_ctls |
                (sv->want_window ? PROC_INTR_WINDOW : 0));
        sv->window_on = sv->want_window;
    }
    if ( sv->pending_intr )
    {
        if ( INTR_INFO_TYPE(sv->pending_intr) == INTR_TYPE_SOFTINT &&
             !sv->pending_len )
        {
            /* SVM semantics (return to RIP) with a 1-byte length. */
            r->rip--;
            sv->pending_len = 1;
        }
        vmwrite(VMCS_ENTRY_INTR_INFO, sv->pending_intr);
        vmwrite(VMCS_ENTRY_EXC_ERRCODE, sv->pending_err);
        vmwrite(VMCS_ENTRY_INSN_LEN, sv->pending_len);
        sv->pending_intr = 0;
    }
    vmwrite(VMCS_GUEST_RSP, r->rsp);
    vmwrite(VMCS_GUEST_RIP, r->rip);
    vmwrite(VMCS_GUEST_RFLAGS, r->rflags);
    if ( vmx_timer_period )
        vmwrite(VMCS_PREEMPT_TIMER, (r->rflags & X86_EFLAGS_IF) ? ~0u
                                    : vmx_timer_period);
    /* CR2 is not in the VMCS: the guest's lives in the hardware register. */
    __asm__ __volatile__ ( "mov %0, %%cr2" :: "r" (v->arch.cr2) );
}

static void entry_failed(struct vcpu *v, int rc, struct hvm_exit *e)
{
    uint64_t err = rc == 2 ? vmread(VMCS_INSN_ERROR) : 0;

    memset(e, 0, sizeof(*e));
    e->reason = HVM_EXIT_INVALID_STATE;
    e->raw_code = err;
    printk(XENLOG_ERR "d%uv%u: VM%s failed (%s, VM-instruction error %lu)\n",
           v->domain->domain_id, v->vcpu_id,
           ((struct vmx_vcpu *)v->arch.vendor)->launched ? "RESUME"
                                                          : "LAUNCH",
           rc == 2 ? "VMfailValid" : "VMfailInvalid", (unsigned long)err);
}

static uint64_t guest_cr(uint32_t field, uint32_t shadow, uint64_t mask)
{
    return (vmread(field) & ~mask) | (vmread(shadow) & mask);
}

static void vmx_run(struct vcpu *v, struct hvm_exit *e)
{
    struct vmx_vcpu *sv = v->arch.vendor;
    struct guest_regs *r = &v->arch.regs;
    int rc;

    prepare_entry(v, sv);
    write_entry_state(v, sv);

    rc = vmx_enter(r, sv->launched);
    if ( rc )
    {
        entry_failed(v, rc, e);
        return;
    }
    if ( !(vmread(VMCS_EXIT_REASON) & EXIT_REASON_FAILED_ENTRY) )
        sv->launched = true;
    r->rsp = vmread(VMCS_GUEST_RSP);
    r->rip = vmread(VMCS_GUEST_RIP);
    r->rflags = vmread(VMCS_GUEST_RFLAGS);
    sv->exit_rip = r->rip;
    sv->intr_state = (uint32_t)vmread(VMCS_GUEST_INTR_STATE);
    /* The guest page-table walker reads these (guest-walk.c). */
    v->arch.cr0 = guest_cr(VMCS_GUEST_CR0, VMCS_CR0_SHADOW, vmx_cr0_mask);
    v->arch.cr3 = vmread(VMCS_GUEST_CR3);
    v->arch.cr4 = guest_cr(VMCS_GUEST_CR4, VMCS_CR4_SHADOW, vmx_cr4_mask);
    v->arch.efer = vmread(VMCS_GUEST_EFER);
    __asm__ __volatile__ ( "mov %%cr2, %0" : "=r" (v->arch.cr2) );
    vmx_decode_exit(v, e);
}

static bool has_errcode(unsigned int vector)
{
    return vector == 8 || (vector >= 10 && vector <= 14) || vector == 17;
}

static void vmx_inject_event(struct vcpu *v, unsigned int vector,
                             unsigned int type, int errcode)
{
    struct vmx_vcpu *sv = v->arch.vendor;
    uint32_t info = (vector & 0xff) | ((type & 7) << 8) | INTR_INFO_VALID;

    /* Real mode (CR0.PE clear) delivers no error codes (SDM 26.2.1.3). */
    if ( errcode >= 0 && type == HVM_EVENT_EXCEPTION &&
         has_errcode(vector) && (v->arch.cr0 & 1) )
        info |= INTR_INFO_ERR_VALID;
    sv->pending_intr = info;
    sv->pending_err = errcode >= 0 ? (uint32_t)errcode : 0;
    sv->pending_len = 0;
}

static bool vmx_interrupts_enabled(struct vcpu *v)
{
    const struct vmx_vcpu *sv = v->arch.vendor;
    uint32_t shadow = v->arch.regs.rip == sv->exit_rip ?
                      (sv->intr_state & 3) : 0;

    return (v->arch.regs.rflags & X86_EFLAGS_IF) && !shadow &&
           !sv->pending_intr;
}

/* Exit as soon as the guest can take an interrupt (applied at entry). */
static void vmx_intr_window(struct vcpu *v, bool open)
{
    ((struct vmx_vcpu *)v->arch.vendor)->want_window = open;
}

/* VMX access rights -> SVM-style: type S DPL P in 7:0, AVL L DB G 11:8. */
static uint32_t ar_to_attr(uint64_t ar)
{
    return (uint32_t)((ar & 0xff) | ((ar >> 4) & 0xf00));
}

static void read_state(struct vcpu *v, struct hvm_cpu_state *st)
{
    uint64_t cs_ar = vmread(VMCS_SEG_AR(SEG_CS));

    st->cr0 = guest_cr(VMCS_GUEST_CR0, VMCS_CR0_SHADOW, vmx_cr0_mask);
    st->cr2 = v->arch.cr2;
    st->cr3 = vmread(VMCS_GUEST_CR3);
    st->cr4 = guest_cr(VMCS_GUEST_CR4, VMCS_CR4_SHADOW, vmx_cr4_mask);
    st->efer = vmread(VMCS_GUEST_EFER);
    st->cs_base = vmread(VMCS_SEG_BASE(SEG_CS));
    st->ss_base = vmread(VMCS_SEG_BASE(SEG_SS));
    st->ds_base = vmread(VMCS_SEG_BASE(SEG_DS));
    st->cs_sel = (uint16_t)vmread(VMCS_SEG_SEL(SEG_CS));
    st->cs_attr = ar_to_attr(cs_ar);
    st->cpl = (vmread(VMCS_SEG_AR(SEG_SS)) >> 5) & 3;
    if ( (st->efer & EFER_LMA) && (cs_ar & (1u << 13)) )
        st->mode = 64;
    else if ( !(st->cr0 & 1) )
        st->mode = 16;
    else
        st->mode = (cs_ar & (1u << 14)) ? 32 : 16;
}

static void vmx_get_state(struct vcpu *v, struct hvm_cpu_state *st)
{
    struct vmx_vcpu *sv = v->arch.vendor;
    unsigned long flags = local_irq_save();
    paddr_t prev;
    bool borrowed = vmx_vmcs_borrow(sv, &prev);

    read_state(v, st);
    if ( borrowed )
        vmx_vmcs_return(sv, prev);
    local_irq_restore(flags);
}

/*
 * The p2m lost mappings: every CPU must INVEPT before v enters there
 * again (prepare_entry). The caller then interrupts CPUs running v; the
 * barrier orders our stores before its read of v->is_running.
 */
static void vmx_flush_guest_tlb(struct vcpu *v)
{
    struct vmx_vcpu *sv = v->arch.vendor;

    cpumask_setall(&sv->tlb_stale);
    smp_mb();
}

static void dump_vmcs(void)
{
    printk("  cr0 %016lx cr3 %016lx cr4 %016lx efer %016lx\n",
           (unsigned long)vmread(VMCS_GUEST_CR0),
           (unsigned long)vmread(VMCS_GUEST_CR3),
           (unsigned long)vmread(VMCS_GUEST_CR4),
           (unsigned long)vmread(VMCS_GUEST_EFER));
    printk("  cs %04lx/%05lx/%08lx ss %04lx/%05lx tr %04lx/%05lx "
           "intr-state %lx\n",
           (unsigned long)vmread(VMCS_SEG_SEL(SEG_CS)),
           (unsigned long)vmread(VMCS_SEG_AR(SEG_CS)),
           (unsigned long)vmread(VMCS_SEG_LIMIT(SEG_CS)),
           (unsigned long)vmread(VMCS_SEG_SEL(SEG_SS)),
           (unsigned long)vmread(VMCS_SEG_AR(SEG_SS)),
           (unsigned long)vmread(VMCS_SEG_SEL(SEG_TR)),
           (unsigned long)vmread(VMCS_SEG_AR(SEG_TR)),
           (unsigned long)vmread(VMCS_GUEST_INTR_STATE));
    printk("  exit reason %#lx qual %#lx intr %#lx idt-vec %#lx "
           "entry-ctls %#lx insn-err %lu\n",
           (unsigned long)vmread(VMCS_EXIT_REASON),
           (unsigned long)vmread(VMCS_EXIT_QUAL),
           (unsigned long)vmread(VMCS_EXIT_INTR_INFO),
           (unsigned long)vmread(VMCS_IDT_VEC_INFO),
           (unsigned long)vmread(VMCS_ENTRY_CTLS),
           (unsigned long)vmread(VMCS_INSN_ERROR));
}

static void vmx_dump(struct vcpu *v)
{
    struct vmx_vcpu *sv = v->arch.vendor;
    unsigned long flags = local_irq_save();
    paddr_t prev;
    bool borrowed = vmx_vmcs_borrow(sv, &prev);

    dump_vmcs();
    if ( borrowed )
        vmx_vmcs_return(sv, prev);
    local_irq_restore(flags);
}

const struct hvm_vendor_ops vmx_ops = {
    .name = "Intel VT-x with EPT, VPID and unrestricted guest",
    .cpu_up = vmx_cpu_up,
    .vcpu_init = vmx_vcpu_init,
    .vcpu_destroy = vmx_vcpu_destroy,
    .vcpu_leave = vmx_vcpu_leave,
    .set_initial_state = vmx_set_initial_state,
    .set_context = vmx_set_context,
    .run = vmx_run,
    .inject_event = vmx_inject_event,
    .interrupts_enabled = vmx_interrupts_enabled,
    .intr_window = vmx_intr_window,
    .get_state = vmx_get_state,
    .msr_read = vmx_msr_read,
    .msr_write = vmx_msr_write,
    .flush_guest_tlb = vmx_flush_guest_tlb,
    .dump = vmx_dump,
};
