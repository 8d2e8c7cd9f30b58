/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * RDMSR/WRMSR exits. The order: the local APIC's (APIC_BASE, x2APIC,
 * TSC deadline), MSRs the vendor keeps in the VMCB/VMCS
 * (EFER, segment bases, syscall MSRs, PAT), the Xen hypercall-page MSR,
 * then the allow-list of msr-policy.c. Anything else is #GP, as on real
 * hardware for an MSR that does not exist.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/hvm/exit.h>
#include <asm/hvm/vlapic.h>
#include <asm/hvm/vmcall.h>
#include <asm/msr-policy.h>

static void log_msr_gp(struct vcpu *v, uint32_t msr, bool write,
                       uint64_t val)
{
    unsigned int n = __atomic_fetch_add(&v->domain->arch.unhandled_logged,
                                        1, __ATOMIC_RELAXED);

    if ( n >= 8 && n % 1000 )
        return;
    if ( write )
        printk(XENLOG_WARNING "d%uv%u: write of %#lx to MSR %#x: #GP\n",
               v->domain->domain_id, v->vcpu_id, (unsigned long)val, msr);
    else
        printk(XENLOG_WARNING "d%uv%u: read of MSR %#x: #GP\n",
               v->domain->domain_id, v->vcpu_id, msr);
}

static enum hvm_exit_action finish(struct vcpu *v, const struct hvm_exit *e)
{
    return hvm_skip_insn(v, e) ? HVM_RESUME : HVM_CRASH;
}

enum hvm_exit_action hvm_handle_msr_read(struct vcpu *v,
                                         const struct hvm_exit *e)
{
    struct guest_regs *r = &v->arch.regs;
    uint32_t msr = (uint32_t)r->rcx;
    uint64_t val = 0;
    int rc = vlapic_msr_read(v, msr, &val);

    if ( rc == -ENOENT )
        rc = hvm_ops->msr_read(v, msr, &val);
    if ( rc == -ENOENT )
        rc = guest_msr_read(&v->arch.msr, msr, &val);
    if ( rc )
    {
        log_msr_gp(v, msr, false, 0);
        hvm_inject_gp(v);
        return HVM_INJECTED;
    }
    r->rax = (uint32_t)val;
    r->rdx = val >> 32;
    return finish(v, e);
}

enum hvm_exit_action hvm_handle_msr_write(struct vcpu *v,
                                          const struct hvm_exit *e)
{
    struct guest_regs *r = &v->arch.regs;
    uint32_t msr = (uint32_t)r->rcx;
    uint64_t val = ((uint64_t)(uint32_t)r->rdx << 32) | (uint32_t)r->rax;
    int rc = vlapic_msr_write(v, msr, val);

    if ( rc == -ENOENT )
        rc = hvm_ops->msr_write(v, msr, val);
    if ( rc == -ENOENT )
    {
        rc = guest_msr_write(&v->arch.msr, msr, val);
        if ( rc == MSR_XEN )
            rc = hvm_write_hypercall_page(v, val);
        else if ( rc == MSR_VENDOR )
            rc = -EPERM;            /* policy says vendor, vendor refused */
    }
    if ( rc )
    {
        log_msr_gp(v, msr, true, val);
        hvm_inject_gp(v);
        return HVM_INJECTED;
    }
    return finish(v, e);
}
