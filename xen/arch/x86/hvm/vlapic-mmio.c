/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Emulated local APIC, the xAPIC page: a guest access to
 * [0xfee00000, +4 KiB) faults (the page is in the MMIO hole, never in the
 * p2m); the instruction is fetched and decoded here (QEMU TCG gives no
 * decode assists), the register accessed through the model, and RIP
 * advanced. Aligned 32-bit accesses reach registers; other sizes and
 * offsets read as 0 and writes to them are dropped. With the APIC
 * disabled or in x2APIC mode the page reads as 0 and ignores writes.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/hvm/exit.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/vlapic.h>
#include <asm/hvm/vlapic-model.h>
#include <asm/x86-decode.h>

/* struct guest_regs <-> the decoder's encoding order. */
static void regs_out(const struct guest_regs *r, uint64_t g[16])
{
    g[X86_RAX] = r->rax; g[X86_RCX] = r->rcx; g[X86_RDX] = r->rdx;
    g[X86_RBX] = r->rbx; g[X86_RSP] = r->rsp; g[X86_RBP] = r->rbp;
    g[X86_RSI] = r->rsi; g[X86_RDI] = r->rdi;
    g[X86_R8] = r->r8;   g[X86_R9] = r->r9;   g[X86_R10] = r->r10;
    g[X86_R11] = r->r11; g[X86_R12] = r->r12; g[X86_R13] = r->r13;
    g[X86_R14] = r->r14; g[X86_R15] = r->r15;
}

static void regs_in(struct guest_regs *r, const uint64_t g[16])
{
    r->rax = g[X86_RAX]; r->rcx = g[X86_RCX]; r->rdx = g[X86_RDX];
    r->rbx = g[X86_RBX]; r->rsp = g[X86_RSP]; r->rbp = g[X86_RBP];
    r->rsi = g[X86_RSI]; r->rdi = g[X86_RDI];
    r->r8 = g[X86_R8];   r->r9 = g[X86_R9];   r->r10 = g[X86_R10];
    r->r11 = g[X86_R11]; r->r12 = g[X86_R12]; r->r13 = g[X86_R13];
    r->r14 = g[X86_R14]; r->r15 = g[X86_R15];
}

static enum hvm_exit_action bad_access(struct vcpu *v, const char *what,
                                       int rc)
{
    printk(XENLOG_ERR "d%uv%u: APIC page access at %#lx: %s (%d); "
           "crashing the domain\n", v->domain->domain_id, v->vcpu_id,
           (unsigned long)v->arch.regs.rip, what, rc);
    hvm_dump_vcpu(v);
    return HVM_CRASH;
}

/* Decode the instruction at RIP. Returns 0 or a negative errno. */
static int fetch_decode(struct vcpu *v, struct x86_insn *insn,
                        struct x86_mmio_access *acc, uint64_t g[16])
{
    struct hvm_cpu_state st;
    uint8_t buf[X86_MAX_INSN_LEN];
    unsigned int n = hvm_fetch_insn(v, buf, sizeof(buf));
    int rc;

    if ( !n )
        return -EFAULT;
    hvm_ops->get_state(v, &st);
    rc = x86_decode(buf, n, st.mode, insn);
    if ( rc )
        return rc;
    regs_out(&v->arch.regs, g);
    return x86_mmio_decode(insn, g, v->arch.regs.rip, acc);
}

enum hvm_exit_action vlapic_handle_mmio(struct vcpu *v,
                                        const struct hvm_exit *e)
{
    struct vlapic *vl = v->arch.vlapic;
    struct x86_insn insn;
    struct x86_mmio_access acc;
    struct hvm_exit adv = *e;
    uint64_t g[16];
    unsigned int off = e->gpa & 0xfff;
    bool live;
    int rc;

    if ( !vl || (e->qual & HVM_NPF_FETCH) )
        return bad_access(v, vl ? "instruction fetch" : "no APIC", 0);
    rc = fetch_decode(v, &insn, &acc, g);
    if ( rc )
        return bad_access(v, "cannot decode the instruction", rc);
    if ( acc.string )
        return bad_access(v, "string instruction", -EOPNOTSUPP);
    live = vlapic_hw_enabled(vl) && !vlapic_x2apic_mode(vl) &&
           acc.size == 4 && !(off & 0xf);
    if ( acc.write )
    {
        if ( live )
            vlapic_reg_write(vl, off, (uint32_t)acc.value);
    }
    else
    {
        x86_mmio_complete_read(&insn, g, live ? vlapic_reg_read(vl, off) : 0);
        regs_in(&v->arch.regs, g);
    }
    adv.next_rip = 0;           /* no NRIP for NPF without decode assists */
    hvm_advance_rip(v, &adv, insn.len);
    return HVM_RESUME;
}
