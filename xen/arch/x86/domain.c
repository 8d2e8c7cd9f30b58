/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 side of domain and vCPU life cycles: a guest-physical map in
 * the vendor's format (NPT or EPT) with its TLB-flush hook, and each
 * vCPU's vendor state.
 */
#include <xen/lib.h>
#include <xen/arch-domain.h>
#include <xen/errno.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <asm/hvm/exit.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/vlapic.h>
#include <asm/msr-policy.h>
#include <asm/processor.h>

extern const struct hvm_vendor_ops svm_ops;

static void nop_call(void *unused)
{
}

/*
 * Drop stale translations: every vCPU takes a fresh ASID (or flushes) on
 * its next entry; CPUs running one of them right now are interrupted,
 * and the cross-call waits until each has left the guest.
 */
static void p2m_flush_all(struct p2m_domain *p2m)
{
    struct domain *d = p2m->domain;
    cpumask_t mask;
    unsigned int i;

    cpumask_clear(&mask);
    for ( i = 0; i < d->max_vcpus; i++ )
    {
        struct vcpu *v = d->vcpu[i];

        if ( !v || !v->arch.vendor )
            continue;
        hvm_ops->flush_guest_tlb(v);
        if ( READ_ONCE(v->is_running) )
            cpumask_set_cpu(v->processor, &mask);
    }
    cpumask_clear_cpu(smp_processor_id(), &mask);
    if ( !cpumask_empty(&mask) )
        on_selected_cpus(&mask, nop_call, NULL, true);
}

int arch_domain_create(struct domain *d)
{
    if ( !hvm_ops )
    {
        printk(XENLOG_ERR "d%u: cannot create a domain: no hardware "
               "virtualization\n", d->domain_id);
        return -EOPNOTSUPP;
    }
    d->arch.p2m = p2m_create(d, hvm_ops == &svm_ops ? P2M_NPT : P2M_EPT);
    if ( !d->arch.p2m )
        return -ENOMEM;
    d->arch.p2m->flush = p2m_flush_all;
    d->arch.hypercall_msr = 0x40000000;
    spin_lock_init(&d->arch.vpit2_lock);
    vpit2_init(&d->arch.vpit2);
    return 0;
}

void arch_domain_destroy(struct domain *d)
{
    hvm_exit_summary(d);
    if ( d->arch.p2m )
        p2m_destroy(d->arch.p2m);
    d->arch.p2m = NULL;
}

int arch_vcpu_create(struct vcpu *v)
{
    struct cpuid_regs r;
    int rc;

    cpuid(0x80000008, &r);
    msr_vcpu_init(&v->arch.msr, v->vcpu_id,
                  hvm_ops == &svm_ops ? MSR_POL_AMD : MSR_POL_INTEL,
                  (uint8_t)r.eax);
    hvm_fpu_init(v);
    rc = vlapic_init(v);
    if ( rc )
        return rc;
    rc = hvm_ops->vcpu_init(v);
    if ( rc )
        vlapic_destroy(v);
    return rc;
}

void arch_vcpu_destroy(struct vcpu *v)
{
    if ( hvm_ops )
        hvm_ops->vcpu_destroy(v);
    vlapic_destroy(v);
}
