/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VMX operation and VMCS contents: VMXON on each CPU, the execution
 * controls adjusted to what the CPU allows, the host-state area of this
 * CPU, a vCPU's fixed controls and its PVH initial state, and the VMX
 * instructions that manage VMCS pointers and TLBs. vmx.c owns the run
 * loop and the vendor-ops table.
 *
 * Locking: vpid_lock (spinlock, leaf) guards the VPID bitmap. Per-CPU
 * state is touched only by its own CPU.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <asm/boot.h>
#include <asm/msr-index.h>
#include <asm/processor.h>
#include <asm/system.h>
#include <asm/time.h>
#include "vmcs.h"
#include "vmx.h"

#define X86_CR0_PE      (1UL << 0)
#define X86_CR0_NE      (1UL << 5)
#define X86_CR0_PG      (1UL << 31)
#define X86_CR4_VMXE    (1UL << 13)

struct vmx_cpu {
    void *vmxon;                /* [I] VMXON region */
    paddr_t loaded;             /* [V] VMCS current on this CPU, or 0 */
};

static DEFINE_PER_CPU(struct vmx_cpu, vmx_cpu);

/* [I] after the boot CPU's vmx_cpu_up(). */
static uint32_t vmcs_revision;
static uint32_t pin_ctls, proc2_ctls, exit_ctls, entry_ctls;
uint32_t vmx_proc_ctls;
static uint64_t ept_caps;
uint64_t vmx_cr0_mask, vmx_cr4_mask;
uint32_t vmx_timer_period;

extern const char vmx_exit_stub[];

/* ---- VMX instructions -------------------------------------------------- */

void vmx_vmptrld(paddr_t pa)
{
    bool fail;

    __asm__ __volatile__ ( "vmptrld %1; setna %0"
                           : "=qm" (fail) : "m" (pa) : "cc", "memory" );
    if ( fail )
        printk(XENLOG_ERR "VMX: VMPTRLD %#lx failed\n", (unsigned long)pa);
    this_cpu(vmx_cpu).loaded = fail ? 0 : pa;
}

void vmx_vmclear(paddr_t pa)
{
    bool fail;

    __asm__ __volatile__ ( "vmclear %1; setna %0"
                           : "=qm" (fail) : "m" (pa) : "cc", "memory" );
    if ( fail )
        printk(XENLOG_ERR "VMX: VMCLEAR %#lx failed\n", (unsigned long)pa);
    if ( this_cpu(vmx_cpu).loaded == pa )
        this_cpu(vmx_cpu).loaded = 0;
}

paddr_t vmx_current_vmcs(void)
{
    return this_cpu(vmx_cpu).loaded;
}

/* Single-context where supported, else all-context (SDM Vol3 30.3). */
void vmx_invept(uint64_t eptp)
{
    uint64_t desc[2] = { eptp, 0 };
    uint64_t type = (ept_caps & EPT_CAP_INVEPT_SINGLE) ? 1 : 2;

    __asm__ __volatile__ ( "invept %0, %1"
                           :: "m" (desc), "r" (type) : "cc", "memory" );
}

void vmx_invvpid(uint16_t vpid)
{
    uint64_t desc[2] = { vpid, 0 };
    uint64_t type = (ept_caps & VPID_CAP_INVVPID_SINGLE) ? 1 : 2;

    __asm__ __volatile__ ( "invvpid %0, %1"
                           :: "m" (desc), "r" (type) : "cc", "memory" );
}

/*
 * Borrow the VMCS of a vCPU outside its run session (VCPUOP_initialise,
 * domain building): make it current, and let vmx_vmcs_return() clear it
 * and reload whatever VMCS was current before. The vCPU must not be
 * running anywhere. Returns false if sv's VMCS is already current here.
 */
bool vmx_vmcs_borrow(struct vmx_vcpu *sv, paddr_t *prev)
{
    *prev = this_cpu(vmx_cpu).loaded;
    if ( *prev == sv->vmcs_pa )
        return false;
    vmx_vmptrld(sv->vmcs_pa);
    return true;
}

void vmx_vmcs_return(struct vmx_vcpu *sv, paddr_t prev)
{
    vmx_vmclear(sv->vmcs_pa);
    sv->launched = false;
    if ( prev )
        vmx_vmptrld(prev);
}

/* ---- enabling VMX on a CPU --------------------------------------------- */

/* Set what we want within what the capability MSR allows (SDM Vol3 A.3). */
static bool adjust(uint32_t msr, uint32_t want, uint32_t optional,
                   uint32_t *ctl)
{
    uint64_t cap = rdmsr(msr);
    uint32_t must1 = (uint32_t)cap, may1 = (uint32_t)(cap >> 32);

    *ctl = (must1 | want | (optional & may1)) & may1;
    if ( (*ctl & want) != want )
    {
        printk(XENLOG_ERR "VMX: MSR %#x lacks controls %#x\n", msr,
               want & ~*ctl);
        return false;
    }
    return true;
}

static int compute_controls(void)
{
    bool tru = rdmsr(MSR_VMX_BASIC) & VMX_BASIC_TRUE_CTLS;
    uint32_t p2_msr = MSR_VMX_PROCBASED2;

    if ( !adjust(tru ? MSR_VMX_TRUE_PINBASED : MSR_VMX_PINBASED,
                 PIN_EXT_INTR | PIN_NMI, PIN_PREEMPT_TIMER, &pin_ctls) ||
         !adjust(tru ? MSR_VMX_TRUE_PROCBASED : MSR_VMX_PROCBASED,
                 PROC_HLT | PROC_UNCOND_IO | PROC_SECONDARY | PROC_TSC_OFFSET |
                 PROC_MWAIT | PROC_MONITOR, 0, &vmx_proc_ctls) ||
         !adjust(p2_msr, PROC2_EPT | PROC2_VPID | PROC2_UNRESTRICTED,
                 PROC2_RDTSCP | PROC2_INVPCID | PROC2_XSAVES, &proc2_ctls) ||
         !adjust(tru ? MSR_VMX_TRUE_EXIT : MSR_VMX_EXIT,
                 EXIT_HOST_64 | EXIT_SAVE_PAT | EXIT_LOAD_PAT |
                 EXIT_SAVE_EFER | EXIT_LOAD_EFER, 0, &exit_ctls) ||
         !adjust(tru ? MSR_VMX_TRUE_ENTRY : MSR_VMX_ENTRY,
                 ENTRY_LOAD_PAT | ENTRY_LOAD_EFER, 0, &entry_ctls) )
        return -ENODEV;
    /* We never emulate MOV CR3: a CPU that insists on exiting is out. */
    if ( vmx_proc_ctls & (PROC_CR3_LOAD | PROC_CR3_STORE) )
    {
        printk(XENLOG_ERR "VMX: CR3 exiting cannot be turned off\n");
        return -ENODEV;
    }
    entry_ctls &= ~ENTRY_IA32E;
    vmx_proc_ctls &= ~PROC_INTR_WINDOW;
    if ( pin_ctls & PIN_PREEMPT_TIMER )
    {
        uint64_t ticks = cpu_khz * VMX_TIMER_PERIOD_US / 1000;

        ticks >>= VMX_MISC_TIMER_RATE(rdmsr(MSR_VMX_MISC));
        vmx_timer_period = ticks ? (uint32_t)ticks : 1;
    }
    ept_caps = rdmsr(MSR_VMX_EPT_VPID_CAP);
    if ( !(ept_caps & EPT_CAP_WALK4) || !(ept_caps & EPT_CAP_WB) ||
         !(ept_caps & EPT_CAP_INVEPT) || !(ept_caps & VPID_CAP_INVVPID) ||
         !(ept_caps & (EPT_CAP_INVEPT_SINGLE | EPT_CAP_INVEPT_ALL)) ||
         !(ept_caps & (VPID_CAP_INVVPID_SINGLE | VPID_CAP_INVVPID_ALL)) )
    {
        printk(XENLOG_ERR "VMX: EPT/VPID capabilities %#lx too weak\n",
               (unsigned long)ept_caps);
        return -ENODEV;
    }
    /*
     * Unrestricted guest lets the guest own CR0.PE/PG; the other fixed-1
     * bits (NE) and CR4.VMXE are host-owned, as are CR4 bits the CPU
     * cannot set in VMX operation. See vmx.c for the CR-access exit.
     */
    vmx_cr0_mask = rdmsr(MSR_VMX_CR0_FIXED0) & ~(X86_CR0_PE | X86_CR0_PG);
    vmx_cr0_mask |= ~rdmsr(MSR_VMX_CR0_FIXED1) & 0xffffffffULL;
    vmx_cr4_mask = rdmsr(MSR_VMX_CR4_FIXED0) |
                   (~rdmsr(MSR_VMX_CR4_FIXED1) & 0xffffffffULL);
    return 0;
}

static int enable_vmx(struct vmx_cpu *c)
{
    uint64_t fc = rdmsr(MSR_FEATURE_CONTROL);
    unsigned long cr0, cr4;
    paddr_t pa;
    bool fail;

    if ( !(fc & FEATURE_CONTROL_LOCK) )
        wrmsr(MSR_FEATURE_CONTROL,
              fc | FEATURE_CONTROL_LOCK | FEATURE_CONTROL_VMXON);
    else if ( !(fc & FEATURE_CONTROL_VMXON) )
    {
        printk(XENLOG_ERR "VMX: disabled by firmware (FEATURE_CONTROL)\n");
        return -ENODEV;
    }
    /* VMXON needs the fixed-1 bits; boot leaves NE clear (SDM 23.8). */
    __asm__ __volatile__ ( "mov %%cr0, %0" : "=r" (cr0) );
    cr0 |= rdmsr(MSR_VMX_CR0_FIXED0);
    __asm__ __volatile__ ( "mov %0, %%cr0" :: "r" (cr0) : "memory" );
    if ( cr0 & ~rdmsr(MSR_VMX_CR0_FIXED1) )
    {
        printk(XENLOG_ERR "VMX: host CR0 %#lx outside the fixed bits\n",
               cr0);
        return -ENODEV;
    }
    cr4 = read_cr4() | X86_CR4_VMXE | rdmsr(MSR_VMX_CR4_FIXED0);
    write_cr4(cr4 & rdmsr(MSR_VMX_CR4_FIXED1));

    *(uint32_t *)c->vmxon = vmcs_revision;
    pa = virt_to_maddr(c->vmxon);
    __asm__ __volatile__ ( "vmxon %1; setna %0"
                           : "=qm" (fail) : "m" (pa) : "cc", "memory" );
    if ( fail )
    {
        printk(XENLOG_ERR "VMX: VMXON failed on CPU%u\n",
               smp_processor_id());
        return -EIO;
    }
    c->loaded = 0;
    return 0;
}

int vmx_cpu_up(void)
{
    struct vmx_cpu *c = &this_cpu(vmx_cpu);
    struct cpuid_regs r;
    uint64_t basic;
    int rc;

    cpuid(1, &r);
    if ( !(r.ecx & (1u << 5)) )
        return -ENODEV;
    basic = rdmsr(MSR_VMX_BASIC);
    if ( !vmcs_revision )
    {
        if ( ((basic >> 32) & 0x1fff) > PAGE_SIZE )
            return -ENODEV;
        rc = compute_controls();
        if ( rc )
            return rc;
        vmcs_revision = (uint32_t)basic & 0x7fffffff;
    }
    if ( !c->vmxon )
    {
        c->vmxon = alloc_xenheap_pages(0, MEMF_zero);
        if ( !c->vmxon )
            return -ENOMEM;
    }
    return enable_vmx(c);
}

/* ---- host state -------------------------------------------------------- */

struct desc_ptr64 {
    uint16_t limit;
    uint64_t base;
} __attribute__((__packed__));

static uint64_t tss_base(uint64_t gdt, uint16_t sel)
{
    const uint64_t *d = (const uint64_t *)(gdt + (sel & ~7u));

    return ((d[0] >> 16) & 0xffffff) | (((d[0] >> 56) & 0xff) << 24) |
           (d[1] << 32);
}

/* This CPU's host-state area; RSP is written by entry.S at each entry. */
void vmx_load_host_state(void)
{
    struct desc_ptr64 gdtr, idtr;
    unsigned long cr0;

    __asm__ __volatile__ ( "sgdt %0; sidt %1; mov %%cr0, %2"
                           : "=m" (gdtr), "=m" (idtr), "=r" (cr0) );
    vmwrite(VMCS_HOST_CR0, cr0);
    vmwrite(VMCS_HOST_CR3, read_cr3());
    vmwrite(VMCS_HOST_CR4, read_cr4());
    vmwrite(VMCS_HOST_ES_SEL, __HYPERVISOR_DS);
    vmwrite(VMCS_HOST_CS_SEL, __HYPERVISOR_CS);
    vmwrite(VMCS_HOST_SS_SEL, __HYPERVISOR_DS);
    vmwrite(VMCS_HOST_DS_SEL, __HYPERVISOR_DS);
    vmwrite(VMCS_HOST_FS_SEL, 0);
    vmwrite(VMCS_HOST_GS_SEL, 0);
    vmwrite(VMCS_HOST_TR_SEL, TSS_SELECTOR);
    vmwrite(VMCS_HOST_FS_BASE, rdmsr(MSR_FS_BASE));
    vmwrite(VMCS_HOST_GS_BASE, rdmsr(MSR_GS_BASE));    /* per-CPU block */
    vmwrite(VMCS_HOST_TR_BASE, tss_base(gdtr.base, TSS_SELECTOR));
    vmwrite(VMCS_HOST_GDTR_BASE, gdtr.base);
    vmwrite(VMCS_HOST_IDTR_BASE, idtr.base);
    vmwrite(VMCS_HOST_SYSENTER_CS, 0);
    vmwrite(VMCS_HOST_SYSENTER_ESP, 0);
    vmwrite(VMCS_HOST_SYSENTER_EIP, 0);
    vmwrite(VMCS_HOST_PAT, rdmsr(MSR_PAT));
    vmwrite(VMCS_HOST_EFER, rdmsr(MSR_EFER));
    vmwrite(VMCS_HOST_RIP, (unsigned long)vmx_exit_stub);
}

/* ---- guest VMCS -------------------------------------------------------- */

uint64_t vmx_eptp(struct vcpu *v)
{
    return p2m_root_maddr(v->domain->arch.p2m) | EPTP_WB_WALK4;
}

/* Controls and fixed guest fields of a new vCPU. VMCS current. */
void vmx_init_vmcs(struct vcpu *v)
{
    struct vmx_vcpu *sv = v->arch.vendor;

    vmwrite(VMCS_PIN_CTLS, pin_ctls);
    vmwrite(VMCS_PROC_CTLS, vmx_proc_ctls);
    vmwrite(VMCS_PROC_CTLS2, proc2_ctls);
    vmwrite(VMCS_EXIT_CTLS, exit_ctls);
    vmwrite(VMCS_ENTRY_CTLS, entry_ctls);
    /*
     * #MC is never the guest's. #DB and #AC are intercepted and
     * reflected, so that a guest cannot wedge the CPU in an endless chain
     * of them during event delivery (XSA-156, CVE-2015-5307/8104).
     */
    vmwrite(VMCS_EXCEPTION_BITMAP, (1u << 18) | (1u << 1) | (1u << 17));
    vmwrite(VMCS_CR3_TARGET_COUNT, 0);
    vmwrite(VMCS_EXIT_MSR_STORE_COUNT, 0);
    vmwrite(VMCS_EXIT_MSR_LOAD_COUNT, 0);
    vmwrite(VMCS_ENTRY_MSR_LOAD_COUNT, 0);
    vmwrite(VMCS_ENTRY_INTR_INFO, 0);
    vmwrite(VMCS_VPID, sv->vpid);
    vmwrite(VMCS_EPT_POINTER, vmx_eptp(v));
    vmwrite(VMCS_TSC_OFFSET, 0);
    vmwrite(VMCS_PREEMPT_TIMER, ~0u);
    vmwrite(VMCS_CR0_MASK, vmx_cr0_mask);
    vmwrite(VMCS_CR4_MASK, vmx_cr4_mask);
    vmwrite(VMCS_LINK_POINTER, ~0ULL);
    vmwrite(VMCS_GUEST_DEBUGCTL, 0);
}

static void set_seg(enum vmx_seg s, uint16_t sel, uint32_t ar,
                    uint32_t limit, uint64_t base)
{
    vmwrite(VMCS_SEG_SEL(s), sel);
    vmwrite(VMCS_SEG_AR(s), ar);
    vmwrite(VMCS_SEG_LIMIT(s), limit);
    vmwrite(VMCS_SEG_BASE(s), base);
}

/*
 * Control registers and EFER. Host-owned bits read as the guest wrote
 * them (read shadows) and are forced in the real registers; the IA-32e
 * entry control follows EFER.LMA (SDM Vol3 26.2.4).
 */
static void write_crs(uint64_t cr0, uint64_t cr3, uint64_t cr4,
                      uint64_t efer)
{
    vmwrite(VMCS_CR0_SHADOW, cr0);
    vmwrite(VMCS_GUEST_CR0, (cr0 & ~vmx_cr0_mask) |
            (rdmsr(MSR_VMX_CR0_FIXED0) & vmx_cr0_mask));
    vmwrite(VMCS_CR4_SHADOW, cr4);
    vmwrite(VMCS_GUEST_CR4, (cr4 & ~vmx_cr4_mask) |
            (rdmsr(MSR_VMX_CR4_FIXED0) & vmx_cr4_mask));
    vmwrite(VMCS_GUEST_CR3, cr3);
    vmwrite(VMCS_GUEST_EFER, efer);
    vmwrite(VMCS_ENTRY_CTLS, entry_ctls |
            ((efer & EFER_LMA) ? ENTRY_IA32E : 0));
}

/* Fields every fresh register state shares. */
static void write_common(void)
{
    vmwrite(VMCS_GUEST_PAT, 0x0007040600070406ULL);
    vmwrite(VMCS_GUEST_DR7, 0x400);
    vmwrite(VMCS_GUEST_SYSENTER_CS, 0);
    vmwrite(VMCS_GUEST_SYSENTER_ESP, 0);
    vmwrite(VMCS_GUEST_SYSENTER_EIP, 0);
    vmwrite(VMCS_GUEST_INTR_STATE, 0);
    vmwrite(VMCS_GUEST_ACTIVITY, 0);
    vmwrite(VMCS_GUEST_PENDING_DBG, 0);
    vmwrite(VMCS_ENTRY_INTR_INFO, 0);
}

static void write_initial_state(const struct hvm_initial_state *st)
{
    unsigned int s;

    /* PVH: flat 32-bit protected mode, paging off (unrestricted guest). */
    set_seg(SEG_CS, 0x08, 0xc09b, 0xffffffff, 0);
    for ( s = SEG_ES; s <= SEG_GS; s++ )
        if ( s != SEG_CS )
            set_seg(s, 0x10, 0xc093, 0xffffffff, 0);
    set_seg(SEG_TR, 0x18, 0x8b, 0x67, 0);           /* busy 32-bit TSS */
    set_seg(SEG_LDTR, 0, VMX_AR_UNUSABLE, 0, 0);
    vmwrite(VMCS_GUEST_GDTR_BASE, 0);
    vmwrite(VMCS_GUEST_GDTR_LIMIT, 0xffff);
    vmwrite(VMCS_GUEST_IDTR_BASE, 0);
    vmwrite(VMCS_GUEST_IDTR_LIMIT, 0xffff);
    write_crs(st->cr0, 0, st->cr4, 0);
    write_common();
}

/* Software state of a vCPU whose registers were just replaced. */
static void reset_soft_state(struct vcpu *v, uint64_t cr0, uint64_t cr3,
                             uint64_t cr4, uint64_t efer)
{
    struct vmx_vcpu *sv = v->arch.vendor;

    sv->pending_intr = 0;
    sv->intr_state = 0;
    sv->want_window = false;
    sv->kernel_gs_base = sv->star = sv->lstar = sv->cstar = sv->sfmask = 0;
    sv->msrs_loaded = false;            /* reloaded before the next entry */
    sv->exit_rip = v->arch.regs.rip;
    v->arch.cr0 = cr0;
    v->arch.cr2 = 0;
    v->arch.cr3 = cr3;
    v->arch.cr4 = cr4;
    v->arch.efer = efer;
}

void vmx_set_initial_state(struct vcpu *v, const struct hvm_initial_state *st)
{
    struct vmx_vcpu *sv = v->arch.vendor;
    unsigned long flags = local_irq_save();
    paddr_t prev;
    bool borrowed = vmx_vmcs_borrow(sv, &prev);

    write_initial_state(st);
    if ( borrowed )
        vmx_vmcs_return(sv, prev);
    local_irq_restore(flags);

    memset(&v->arch.regs, 0, sizeof(v->arch.regs));
    v->arch.regs.rip = st->eip;
    v->arch.regs.rbx = st->ebx;
    v->arch.regs.rsi = st->esi;
    v->arch.regs.rflags = 0x2;
    reset_soft_state(v, st->cr0, 0, st->cr4, 0);
}

/* SVM-style attributes -> VMX access rights; not present = unusable. */
static void load_seg(enum vmx_seg s, const struct hvm_seg *h)
{
    uint32_t ar = (h->attr & 0xff) | ((uint32_t)(h->attr & 0xf00) << 4);

    set_seg(s, h->sel, (h->attr & 0x80) ? ar : VMX_AR_UNUSABLE, h->limit,
            h->base);
}

/*
 * PAE paging without long mode: with EPT, VM entry loads the PDPTEs from
 * the VMCS, not from memory (SDM Vol3 26.3.2.4). Read them with IRQs on
 * (p2m lock). Returns false if they are not used.
 */
static bool read_pdptes(struct vcpu *v, const struct hvm_vcpu_context *c,
                        uint64_t pdpte[4])
{
    if ( !(c->cr0 & X86_CR0_PG) || !(c->cr4 & X86_CR4_PAE) ||
         (c->efer & EFER_LMA) )
        return false;
    if ( copy_from_guest_phys(v->domain, pdpte, c->cr3 & 0xffffffe0UL,
                              4 * sizeof(*pdpte)) )
        memset(pdpte, 0, 4 * sizeof(*pdpte));   /* the guest faults */
    return true;
}

static void write_context(const struct hvm_vcpu_context *c,
                          const uint64_t *pdpte)
{
    unsigned int i;

    load_seg(SEG_CS, &c->cs);
    load_seg(SEG_DS, &c->ds);
    load_seg(SEG_ES, &c->es);
    load_seg(SEG_SS, &c->ss);
    load_seg(SEG_FS, &c->fs);
    load_seg(SEG_GS, &c->gs);
    load_seg(SEG_TR, &c->tr);
    load_seg(SEG_LDTR, &c->ldtr);
    vmwrite(VMCS_GUEST_GDTR_BASE, c->gdtr.base);
    vmwrite(VMCS_GUEST_GDTR_LIMIT, c->gdtr.limit);
    vmwrite(VMCS_GUEST_IDTR_BASE, c->idtr.base);
    vmwrite(VMCS_GUEST_IDTR_LIMIT, c->idtr.limit);
    write_crs(c->cr0, c->cr3, c->cr4, c->efer);
    write_common();
    for ( i = 0; pdpte && i < 4; i++ )
        vmwrite(VMCS_GUEST_PDPTE0 + 2 * i, pdpte[i]);
}

/* A validated full register state (VCPUOP_initialise, vcpu-init.c). */
void vmx_set_context(struct vcpu *v, const struct hvm_vcpu_context *c)
{
    struct vmx_vcpu *sv = v->arch.vendor;
    uint64_t pdpte[4];
    bool pae = read_pdptes(v, c, pdpte);
    unsigned long flags = local_irq_save();
    paddr_t prev;
    bool borrowed = vmx_vmcs_borrow(sv, &prev);

    write_context(c, pae ? pdpte : NULL);
    if ( borrowed )
        vmx_vmcs_return(sv, prev);
    local_irq_restore(flags);

    v->arch.regs = c->regs;
    reset_soft_state(v, c->cr0, c->cr3, c->cr4, c->efer);
}
