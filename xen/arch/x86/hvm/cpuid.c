/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CPUID exits: the guest sees the policy of cpuid-policy.c (host leaves
 * filtered, Xen's leaves at 0x40000000). CPUID is always two bytes
 * (0f a2); prefixes are checked through the decoder.
 */
#include <xen/lib.h>
#include <xen/compat-version.h>
#include <xen/sched.h>
#include <asm/cpuid-policy.h>
#include <asm/hvm/vlapic.h>
#include <asm/hvm/exit.h>
#include <asm/processor.h>
#include <asm/time.h>


static void host_cpuid(uint32_t leaf, uint32_t subleaf, struct cpuid_leaf *o)
{
    struct cpuid_regs r;

    cpuid_count(leaf, subleaf, &r);
    o->a = r.eax;
    o->b = r.ebx;
    o->c = r.ecx;
    o->d = r.edx;
}

enum hvm_exit_action hvm_handle_cpuid(struct vcpu *v, const struct hvm_exit *e)
{
    struct guest_regs *r = &v->arch.regs;
    struct cpuid_guest_ctx ctx = {
        .vcpu_id = v->vcpu_id, .nr_vcpus = v->domain->max_vcpus,
        .domid = v->domain->domain_id, .xen_major = XEN_COMPAT_MAJOR,
        .xen_minor = XEN_COMPAT_MINOR, .host_tsc_reliable = true,
        .tsc_khz = (uint32_t)cpu_khz, .cpu_khz = (uint32_t)cpu_khz,
        .guest_cr4 = v->arch.cr4, .host_cpuid = host_cpuid,
        .apic_disabled = !vlapic_enabled(v), .upcall_vector = true,
    };
    struct cpuid_leaf out;

    guest_cpuid(&ctx, (uint32_t)r->rax, (uint32_t)r->rcx, &out);
    r->rax = out.a;
    r->rbx = out.b;
    r->rcx = out.c;
    r->rdx = out.d;
    return hvm_skip_insn(v, e) ? HVM_RESUME : HVM_CRASH;
}
