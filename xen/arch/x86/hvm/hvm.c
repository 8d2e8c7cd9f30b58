/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vendor selection and the vCPU run loop: enter the guest through the
 * vendor's run(), dispatch the exit (exit.c), repeat until the vCPU must
 * give up its pCPU (softirq pending, blocked, paused or crashed). Also the
 * small helpers every exit handler shares: RIP advance, #GP/#UD
 * injection, instruction fetch.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <xen/domain.h>
#include <xen/sched-api.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <asm/asm-offsets.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/exit.h>
#include <asm/hvm/intr.h>
#include <asm/hvm/vlapic.h>
#include <asm/processor.h>
#include <asm/system.h>

const struct hvm_vendor_ops *hvm_ops;
extern const struct hvm_vendor_ops svm_ops;
extern const struct hvm_vendor_ops vmx_ops;

#define CHECK_GR(f) BUILD_BUG_ON(__builtin_offsetof(struct guest_regs, f) \
                                 != GR_##f)

static bool cpu_is_amd(void)
{
    struct cpuid_regs r;

    cpuid(0, &r);
    return r.ebx == 0x68747541 && r.edx == 0x69746e65 &&   /* "AuthenticAMD" */
           r.ecx == 0x444d4163;
}

static void hvm_cpu_fpu_enable(void);

int hvm_init(void)
{
    const struct hvm_vendor_ops *ops;
    int rc;

    CHECK_GR(rax); CHECK_GR(rbx); CHECK_GR(rcx); CHECK_GR(rdx);
    CHECK_GR(rsi); CHECK_GR(rdi); CHECK_GR(rbp); CHECK_GR(rsp);
    CHECK_GR(r8); CHECK_GR(r9); CHECK_GR(r10); CHECK_GR(r11);
    CHECK_GR(r12); CHECK_GR(r13); CHECK_GR(r14); CHECK_GR(r15);
    CHECK_GR(rip); CHECK_GR(rflags);

    ops = cpu_is_amd() ? &svm_ops : &vmx_ops;
    rc = ops->cpu_up();
    if ( rc )
    {
        printk(XENLOG_WARNING "HVM: %s unusable (%d); no guests can run\n",
               ops == &svm_ops ? "AMD-V" : "Intel VT-x", rc);
        return rc;
    }
    hvm_ops = ops;
    hvm_cpu_fpu_enable();
    hvm_evtchn_setup();             /* the callback vector goes first */
    vlapic_setup();
    hvm_exit_init();
    printk("HVM: %s\n", hvm_ops->name);
    return 0;
}

/* FXSAVE/FXRSTOR must cover the XMM registers: CR4.OSFXSR. */
static void hvm_cpu_fpu_enable(void)
{
    write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
}

void hvm_cpu_up(void)
{
    if ( hvm_ops )
        hvm_cpu_fpu_enable();
    if ( hvm_ops && hvm_ops->cpu_up() )
        printk(XENLOG_ERR "HVM: CPU%u could not enable %s\n",
               smp_processor_id(), hvm_ops->name);
}

/*
 * The hypervisor itself never uses x87/SSE (-mno-sse), so the FPU holds
 * guest state only while a vCPU runs: it is loaded on the way in and
 * saved on the way out of each run.
 */
static void fpu_load(struct vcpu *v)
{
    __asm__ __volatile__ ( "fxrstor64 %0" :: "m" (v->arch.fpu) );
}

static void fpu_save(struct vcpu *v)
{
    __asm__ __volatile__ ( "fxsave64 %0" : "=m" (v->arch.fpu) );
}

void hvm_fpu_init(struct vcpu *v)
{
    uint16_t fcw = 0x37f;               /* FNINIT state: all masked */
    uint32_t mxcsr = 0x1f80;            /* reset value */

    memset(v->arch.fpu, 0, sizeof(v->arch.fpu));
    memcpy(&v->arch.fpu[0], &fcw, sizeof(fcw));
    memcpy(&v->arch.fpu[24], &mxcsr, sizeof(mxcsr));
}

void hvm_vcpu_run(struct vcpu *v)
{
    unsigned int cpu = smp_processor_id();
    struct hvm_exit e;

    fpu_load(v);
    if ( unlikely(!v->domain->arch.entered) && v->vcpu_id == 0 )
    {
        v->domain->arch.entered = true;
        printk("d%u: first guest instruction %lu us after the start of "
               "building (%lu KiB of RAM zeroed so far)\n",
               v->domain->domain_id,
               (unsigned long)((NOW() - v->domain->arch.build_start) / 1000),
               v->domain->arch.p2m->nr_scrubbed << (PAGE_SHIFT - 10));
    }
    for ( ; ; )
    {
        local_irq_disable();
        if ( softirq_pending(cpu) || !vcpu_runnable(v) )
            break;
        hvm_intr_assist(v);
        hvm_ops->run(v, &e);
        local_irq_enable();         /* take the interrupt that exited */
        if ( hvm_handle_exit(v, &e) == HVM_CRASH )
        {
            domain_crash(v->domain);
            break;
        }
    }
    local_irq_enable();
    fpu_save(v);
    if ( hvm_ops->vcpu_leave )
        hvm_ops->vcpu_leave(v);
}

void hvm_advance_rip(struct vcpu *v, const struct hvm_exit *e,
                     unsigned int len)
{
    if ( e->next_rip )
        v->arch.regs.rip = e->next_rip;
    else
        v->arch.regs.rip += len;
    /* A completed instruction ends a MOV SS/STI interrupt shadow. */
}

void hvm_inject_gp(struct vcpu *v)
{
    hvm_ops->inject_event(v, 13, HVM_EVENT_EXCEPTION, 0);
}

void hvm_inject_ud(struct vcpu *v)
{
    hvm_ops->inject_event(v, 6, HVM_EVENT_EXCEPTION, HVM_NO_ERRCODE);
}

unsigned int hvm_fetch_insn(struct vcpu *v, uint8_t *buf, unsigned int len)
{
    struct hvm_cpu_state st;
    unsigned long addr;
    unsigned int n;

    hvm_ops->get_state(v, &st);
    addr = v->arch.regs.rip + (st.mode == 64 ? 0 : st.cs_base);
    if ( st.mode != 64 )
        addr = (uint32_t)addr;
    /* Fetch what is there: the instruction may end before a bad page. */
    for ( n = len; n > 0; n-- )
        if ( !copy_from_guest_virt(v, buf, addr, n) )
            return n;
    return 0;
}

void hvm_dump_vcpu(struct vcpu *v)
{
    const struct guest_regs *r = &v->arch.regs;

    printk("d%uv%u state:\n", v->domain->domain_id, v->vcpu_id);
    printk("  rip %016lx rflags %016lx rsp %016lx\n", r->rip, r->rflags,
           r->rsp);
    printk("  rax %016lx rbx %016lx rcx %016lx rdx %016lx\n", r->rax,
           r->rbx, r->rcx, r->rdx);
    printk("  rsi %016lx rdi %016lx rbp %016lx r8  %016lx\n", r->rsi,
           r->rdi, r->rbp, r->r8);
    printk("  r9  %016lx r10 %016lx r11 %016lx r12 %016lx\n", r->r9,
           r->r10, r->r11, r->r12);
    printk("  r13 %016lx r14 %016lx r15 %016lx\n", r->r13, r->r14, r->r15);
    hvm_ops->dump(v);
}
