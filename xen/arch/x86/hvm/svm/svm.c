/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AMD-V back-end: enabling SVM on each CPU, one VMCB per vCPU with nested
 * paging, ASIDs, event injection and the guest MSRs kept in the VMCB.
 * Exit decoding is in exit.c, the world switch in entry.S. Everything is
 * reached through svm_ops (asm/hvm/hvm.h); nothing outside hvm/svm/
 * includes this file's headers.
 *
 * Locking: none. A VMCB is touched only by the pCPU running its vCPU, or
 * while the vCPU is paused; per-CPU ASID state only by its own CPU.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <xen/xmalloc.h>
#include <asm/asm-offsets.h>
#include <asm/hvm/hvm.h>
#include <asm/msr-index.h>
#include <asm/processor.h>
#include <asm/system.h>
#include "svm.h"
#include "vmcb.h"

#define MSR_VM_CR           0xc0010114
#define  VM_CR_SVMDIS       (1u << 4)
#define MSR_VM_HSAVE_PA     0xc0010117

struct svm_cpu {
    void *hsave;                /* [I] host save area (VM_HSAVE_PA) */
    struct vmcb *host_vmcb;     /* [I] host FS/GS/TR/... for VMLOAD */
    uint32_t next_asid;         /* [V] next free ASID on this CPU */
    uint64_t asid_gen;          /* [V] bumped when ASIDs wrap */
};

static DEFINE_PER_CPU(struct svm_cpu, svm_cpu);
static uint32_t nr_asids;           /* [I] from CPUID 0x8000000a EBX */
static void *iopm, *msrpm;          /* [I] all-ones: intercept everything */

int svm_cpu_up(void)
{
    struct svm_cpu *c = &this_cpu(svm_cpu);
    struct cpuid_regs r;

    cpuid(0x80000001, &r);
    if ( !(r.ecx & (1u << 2)) )
        return -ENODEV;
    cpuid(0x8000000a, &r);
    if ( !(r.edx & 1) )
    {
        printk(XENLOG_ERR "SVM: no nested paging; not supported\n");
        return -ENODEV;
    }
    if ( rdmsr(MSR_VM_CR) & VM_CR_SVMDIS )
    {
        printk(XENLOG_ERR "SVM: disabled by firmware (VM_CR.SVMDIS)\n");
        return -ENODEV;
    }
    nr_asids = r.ebx;
    if ( !iopm )
    {
        iopm = alloc_xenheap_pages(2, 0);       /* 12 KiB used */
        msrpm = alloc_xenheap_pages(1, 0);      /* 8 KiB */
        if ( !iopm || !msrpm )
            return -ENOMEM;
        memset(iopm, 0xff, 4 * PAGE_SIZE);
        memset(msrpm, 0xff, 2 * PAGE_SIZE);
    }
    if ( !c->hsave )
    {
        c->hsave = alloc_xenheap_pages(0, MEMF_zero);
        c->host_vmcb = alloc_xenheap_pages(0, MEMF_zero);
        if ( !c->hsave || !c->host_vmcb )
            return -ENOMEM;
    }
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
    wrmsr(MSR_VM_HSAVE_PA, virt_to_maddr(c->hsave));
    /* Host FS/GS/TR/... never change: save them once for every exit. */
    __asm__ __volatile__ ( "vmsave %0"
                           :: "a" (virt_to_maddr(c->host_vmcb)) : "memory" );
    c->next_asid = 1;
    c->asid_gen = 1;
    return 0;
}

static void set_seg(struct vmcb_seg *s, uint16_t sel, uint16_t attr,
                    uint32_t limit, uint64_t base)
{
    s->sel = sel;
    s->attr = attr;
    s->limit = limit;
    s->base = base;
}

static void svm_set_initial_state(struct vcpu *v,
                                  const struct hvm_initial_state *st)
{
    struct svm_vcpu *sv = v->arch.vendor;
    struct vmcb *vmcb = sv->vmcb;

    /* PVH: flat 32-bit protected mode, paging off (PVH spec). */
    set_seg(&vmcb->cs, 0x08, 0xc9b, 0xffffffff, 0);
    set_seg(&vmcb->ds, 0x10, 0xc93, 0xffffffff, 0);
    vmcb->es = vmcb->ss = vmcb->fs = vmcb->gs = vmcb->ds;
    set_seg(&vmcb->tr, 0x18, 0x8b, 0x67, 0);
    set_seg(&vmcb->ldtr, 0, 0x82, 0xffff, 0);
    set_seg(&vmcb->gdtr, 0, 0, 0xffff, 0);
    set_seg(&vmcb->idtr, 0, 0, 0xffff, 0);
    vmcb->cpl = 0;
    vmcb->cr0 = st->cr0;
    vmcb->cr4 = st->cr4;
    vmcb->cr3 = 0;
    vmcb->cr2 = 0;
    vmcb->efer = EFER_SVME;         /* VMRUN requires it; hidden from reads */
    vmcb->dr6 = 0xffff0ff0;
    vmcb->dr7 = 0x400;
    vmcb->g_pat = 0x0007040600070406ULL;
    vmcb->int_state = 0;
    vmcb->eventinj = 0;

    memset(&v->arch.regs, 0, sizeof(v->arch.regs));
    v->arch.regs.rip = st->eip;
    v->arch.regs.rbx = st->ebx;
    v->arch.regs.rsi = st->esi;
    v->arch.regs.rflags = 0x2;
    v->arch.cr0 = st->cr0;
    v->arch.cr3 = 0;
    v->arch.cr4 = st->cr4;
    v->arch.efer = 0;
}

static void load_seg(struct vmcb_seg *d, const struct hvm_seg *s)
{
    set_seg(d, s->sel, s->attr, s->limit, s->base);
}

static void svm_set_context(struct vcpu *v, const struct hvm_vcpu_context *c)
{
    struct vmcb *vmcb = ((struct svm_vcpu *)v->arch.vendor)->vmcb;

    load_seg(&vmcb->cs, &c->cs);
    load_seg(&vmcb->ds, &c->ds);
    load_seg(&vmcb->es, &c->es);
    load_seg(&vmcb->ss, &c->ss);
    load_seg(&vmcb->fs, &c->fs);
    load_seg(&vmcb->gs, &c->gs);
    load_seg(&vmcb->tr, &c->tr);
    load_seg(&vmcb->ldtr, &c->ldtr);
    load_seg(&vmcb->gdtr, &c->gdtr);
    load_seg(&vmcb->idtr, &c->idtr);
    vmcb->cpl = (c->ss.attr >> 5) & 3;
    vmcb->cr0 = c->cr0;
    vmcb->cr3 = c->cr3;
    vmcb->cr4 = c->cr4;
    vmcb->efer = c->efer | EFER_SVME;
    vmcb->eventinj = 0;
    vmcb->int_state = 0;
    v->arch.regs = c->regs;
    v->arch.cr0 = c->cr0;
    v->arch.cr3 = c->cr3;
    v->arch.cr4 = c->cr4;
    v->arch.efer = c->efer;
}

static int svm_vcpu_init(struct vcpu *v)
{
    struct svm_vcpu *sv = xzalloc(struct svm_vcpu);
    struct vmcb *vmcb;

    BUILD_BUG_ON(sizeof(struct vmcb) != PAGE_SIZE);
    BUILD_BUG_ON(__builtin_offsetof(struct vmcb, eventinj) != 0x0a8);
    BUILD_BUG_ON(__builtin_offsetof(struct vmcb, es) != 0x400);
    BUILD_BUG_ON(__builtin_offsetof(struct vmcb, efer) != 0x4d0);
    BUILD_BUG_ON(__builtin_offsetof(struct vmcb, rip) != 0x578);
    BUILD_BUG_ON(__builtin_offsetof(struct vmcb, rax) != 0x5f8);
    BUILD_BUG_ON(__builtin_offsetof(struct vmcb, g_pat) != 0x668);
    if ( !sv )
        return -ENOMEM;
    vmcb = alloc_xenheap_pages(0, MEMF_zero);
    if ( !vmcb )
    {
        xfree(sv);
        return -ENOMEM;
    }
    sv->vmcb = vmcb;
    sv->vmcb_pa = virt_to_maddr(vmcb);
    sv->asid_cpu = ~0u;
    v->arch.vendor = sv;

    /*
     * #MC: never the guest's business. #DB and #AC: intercepted and
     * reflected, so that a guest cannot wedge the CPU in an endless
     * chain of them during event delivery (XSA-156, CVE-2015-5307/8104).
     */
    vmcb->intercept_exc = (1u << 18) | (1u << 1) | (1u << 17);
    vmcb->intercept_misc3 = SVM_INT_INTR | SVM_INT_NMI | SVM_INT_SMI |
        SVM_INT_INIT | SVM_INT_CPUID | SVM_INT_INVD | SVM_INT_HLT |
        SVM_INT_INVLPGA | SVM_INT_IOIO | SVM_INT_MSR |
        SVM_INT_TASK_SWITCH | SVM_INT_SHUTDOWN;
    vmcb->intercept_misc4 = SVM_INT_VMRUN | SVM_INT_VMMCALL |
        SVM_INT_VMLOAD | SVM_INT_VMSAVE | SVM_INT_STGI | SVM_INT_CLGI |
        SVM_INT_SKINIT | SVM_INT_MONITOR | SVM_INT_MWAIT | SVM_INT_XSETBV;
    vmcb->iopm_base_pa = virt_to_maddr(iopm);
    vmcb->msrpm_base_pa = virt_to_maddr(msrpm);
    vmcb->int_ctl = SVM_V_INTR_MASKING;
    vmcb->np_enable = 1;
    vmcb->n_cr3 = p2m_root_maddr(v->domain->arch.p2m);
    return 0;
}

static void svm_vcpu_destroy(struct vcpu *v)
{
    struct svm_vcpu *sv = v->arch.vendor;

    if ( !sv )
        return;
    free_xenheap_pages(sv->vmcb, 0);
    xfree(sv);
    v->arch.vendor = NULL;
}

/*
 * Give v an ASID valid on this CPU. QEMU TCG has no flush-by-ASID, so a
 * wrap flushes every ASID; a fresh ASID needs no flush.
 */
static void assign_asid(struct svm_vcpu *sv, unsigned int cpu)
{
    struct svm_cpu *c = &this_cpu(svm_cpu);

    if ( sv->asid_cpu == cpu && sv->asid_gen == c->asid_gen &&
         !sv->need_flush )
        return;
    if ( c->next_asid >= nr_asids )
    {
        c->asid_gen++;
        c->next_asid = 1;
        sv->vmcb->tlb_control = SVM_TLB_FLUSH_ALL;
    }
    sv->vmcb->asid = c->next_asid++;
    sv->asid_gen = c->asid_gen;
    sv->asid_cpu = cpu;
    sv->need_flush = false;
}

static void svm_run(struct vcpu *v, struct hvm_exit *e)
{
    struct svm_vcpu *sv = v->arch.vendor;
    struct vmcb *vmcb = sv->vmcb;
    struct guest_regs *r = &v->arch.regs;

    assign_asid(sv, smp_processor_id());
    vmcb->rax = r->rax;
    vmcb->rsp = r->rsp;
    vmcb->rip = r->rip;
    vmcb->rflags = r->rflags;

    svm_vmrun(r, sv->vmcb_pa,
              virt_to_maddr(this_cpu(svm_cpu).host_vmcb));

    vmcb->tlb_control = SVM_TLB_FLUSH_NONE;
    /*
     * An exit in the middle of delivering an event (an interrupt arrived,
     * a nested page fault on the IDT or stack) leaves the event in
     * EXITINTINFO: deliver it again on the next entry (APM 15.7.2).
     */
    vmcb->eventinj = (vmcb->exitintinfo & SVM_EVENT_VALID) ? vmcb->exitintinfo
                                                         : 0;
    r->rax = vmcb->rax;
    r->rsp = vmcb->rsp;
    r->rip = vmcb->rip;
    r->rflags = vmcb->rflags;
    /* The guest page-table walker reads these (guest-walk.c). */
    v->arch.cr0 = vmcb->cr0;
    v->arch.cr2 = vmcb->cr2;
    v->arch.cr3 = vmcb->cr3;
    v->arch.cr4 = vmcb->cr4;
    v->arch.efer = vmcb->efer & ~(uint64_t)EFER_SVME;
    svm_decode_exit(v, vmcb, e);
}

static void svm_inject_event(struct vcpu *v, unsigned int vector,
                             unsigned int type, int errcode)
{
    struct vmcb *vmcb = ((struct svm_vcpu *)v->arch.vendor)->vmcb;
    uint64_t ev = (vector & 0xff) | ((uint64_t)(type & 7) << 8) |
                  SVM_EVENT_VALID;

    if ( errcode >= 0 )
        ev |= SVM_EVENT_ERR_VALID | ((uint64_t)(uint32_t)errcode << 32);
    vmcb->eventinj = ev;
}

static bool svm_interrupts_enabled(struct vcpu *v)
{
    struct vmcb *vmcb = ((struct svm_vcpu *)v->arch.vendor)->vmcb;

    return (v->arch.regs.rflags & X86_EFLAGS_IF) &&
           !(vmcb->int_state & 1) && !(vmcb->eventinj & SVM_EVENT_VALID);
}

/*
 * The interrupt window: a virtual interrupt (V_IRQ) that the guest can
 * only take when it could take a real one, with its delivery
 * intercepted (VINTR), so the guest exits at exactly that moment.
 */
static void svm_intr_window(struct vcpu *v, bool open)
{
    struct vmcb *vmcb = ((struct svm_vcpu *)v->arch.vendor)->vmcb;

    if ( open )
    {
        vmcb->int_ctl |= SVM_V_IRQ | SVM_V_IGN_TPR | SVM_V_INTR_PRIO(0xf);
        vmcb->intercept_misc3 |= SVM_INT_VINTR;
    }
    else
    {
        vmcb->int_ctl &= ~(SVM_V_IRQ | SVM_V_IGN_TPR | SVM_V_INTR_PRIO(0xf));
        vmcb->intercept_misc3 &= ~SVM_INT_VINTR;
    }
}

static void svm_get_state(struct vcpu *v, struct hvm_cpu_state *st)
{
    const struct vmcb *vmcb = ((struct svm_vcpu *)v->arch.vendor)->vmcb;

    st->cr0 = vmcb->cr0;
    st->cr2 = vmcb->cr2;
    st->cr3 = vmcb->cr3;
    st->cr4 = vmcb->cr4;
    st->efer = vmcb->efer & ~(uint64_t)EFER_SVME;
    st->cs_base = vmcb->cs.base;
    st->ss_base = vmcb->ss.base;
    st->ds_base = vmcb->ds.base;
    st->cs_sel = vmcb->cs.sel;
    st->cs_attr = vmcb->cs.attr;
    st->cpl = vmcb->cpl;
    if ( (vmcb->efer & EFER_LMA) && (vmcb->cs.attr & (1u << 9)) )
        st->mode = 64;
    else if ( !(vmcb->cr0 & 1) )
        st->mode = 16;
    else
        st->mode = (vmcb->cs.attr & (1u << 10)) ? 32 : 16;
}

static void svm_flush_guest_tlb(struct vcpu *v)
{
    ((struct svm_vcpu *)v->arch.vendor)->need_flush = true;
}

static void svm_dump(struct vcpu *v)
{
    const struct vmcb *vmcb = ((struct svm_vcpu *)v->arch.vendor)->vmcb;

    printk("  cr0 %016lx cr3 %016lx cr4 %016lx efer %016lx\n",
           (unsigned long)vmcb->cr0, (unsigned long)vmcb->cr3,
           (unsigned long)vmcb->cr4, (unsigned long)vmcb->efer);
    printk("  cs %04x/%03x/%08x ss %04x cpl %u  exitcode %#lx info "
           "%#lx/%#lx intinfo %#lx\n", vmcb->cs.sel, vmcb->cs.attr,
           vmcb->cs.limit, vmcb->ss.sel, vmcb->cpl,
           (unsigned long)vmcb->exitcode, (unsigned long)vmcb->exitinfo1,
           (unsigned long)vmcb->exitinfo2,
           (unsigned long)vmcb->exitintinfo);
}

const struct hvm_vendor_ops svm_ops = {
    .name = "AMD-V with nested paging",
    .cpu_up = svm_cpu_up,
    .vcpu_init = svm_vcpu_init,
    .vcpu_destroy = svm_vcpu_destroy,
    .set_initial_state = svm_set_initial_state,
    .set_context = svm_set_context,
    .run = svm_run,
    .inject_event = svm_inject_event,
    .interrupts_enabled = svm_interrupts_enabled,
    .intr_window = svm_intr_window,
    .get_state = svm_get_state,
    .msr_read = svm_msr_read,
    .msr_write = svm_msr_write,
    .flush_guest_tlb = svm_flush_guest_tlb,
    .dump = svm_dump,
};
