/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VCPUOP_initialise for PVH/HVM vCPUs: check the guest's struct
 * vcpu_hvm_context (mode, padding, control registers, EFER, segment
 * rights) and turn it into the vendor's register state. Nothing is
 * loaded unless every check passes.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/vcpu-init.h>
#include <asm/hvm/hvm.h>
#include <asm/msr-index.h>

#define CR0_PE      (1u << 0)
#define CR0_ET      (1u << 4)
#define CR0_PG      (1u << 31)
#define CR0_CD_NW   (3u << 29)
#define CR0_VALID   (0xe005003fu)   /* PE MP EM TS ET NE WP AM NW CD PG */
#define CR4_PAE     (1u << 5)
#define CR4_VALID   (0x003707ffu & ~(1u << 13))  /* no VMXE, no LA57 */
#define AR_P        (1u << 7)
#define AR_S        (1u << 4)
#define AR_CODE     (1u << 3)

bool arch_vcpu_is_initialised(const struct vcpu *v)
{
    return v->arch.initialised;
}

static void flat(struct hvm_seg *s, uint16_t sel, uint16_t attr)
{
    s->sel = sel;
    s->attr = attr;
    s->limit = 0xffffffff;
    s->base = 0;
}

static int check_common(uint64_t cr0, uint64_t cr4, uint64_t rflags)
{
    if ( !(cr0 & CR0_PE) || (cr0 & ~(uint64_t)CR0_VALID) ||
         (cr0 & CR0_CD_NW) == (1u << 29) )      /* NW without CD */
        return -EINVAL;
    if ( cr4 & ~(uint64_t)CR4_VALID )
        return -EINVAL;
    if ( !(rflags & 2) || (rflags >> 32) )
        return -EINVAL;
    return 0;
}

static int from_64(const struct vcpu_hvm_x86_64 *r, struct hvm_vcpu_context *c)
{
    if ( check_common(r->cr0, r->cr4, r->rflags) )
        return -EINVAL;
    if ( !(r->cr0 & CR0_PG) || !(r->cr4 & CR4_PAE) ||
         (r->efer & ~(uint64_t)(EFER_LME | EFER_LMA | EFER_NXE | EFER_SCE)) ||
         !(r->efer & EFER_LME) )
        return -EINVAL;
    c->regs.rax = r->rax; c->regs.rcx = r->rcx; c->regs.rdx = r->rdx;
    c->regs.rbx = r->rbx; c->regs.rsp = r->rsp; c->regs.rbp = r->rbp;
    c->regs.rsi = r->rsi; c->regs.rdi = r->rdi; c->regs.rip = r->rip;
    c->regs.rflags = r->rflags;
    c->cr0 = r->cr0 | CR0_ET;
    c->cr3 = r->cr3;
    c->cr4 = r->cr4;
    c->efer = r->efer | EFER_LMA;
    flat(&c->cs, 0x08, 0xa9b);          /* 64-bit code: L, P, S, type 11 */
    flat(&c->ds, 0x10, 0xc93);
    return 0;
}

static bool seg_ok(uint16_t ar, bool code)
{
    if ( !(ar & AR_P) || !(ar & AR_S) )
        return false;
    return code ? (ar & AR_CODE) : !(ar & AR_CODE) || (ar & 2);
}

static void seg32(struct hvm_seg *s, uint32_t base, uint32_t limit,
                  uint16_t ar)
{
    s->sel = 0;
    s->attr = ar;
    s->limit = limit;
    s->base = base;
}

static int from_32(const struct vcpu_hvm_x86_32 *r, struct hvm_vcpu_context *c)
{
    if ( r->pad1 || r->pad2[0] || r->pad2[1] || r->pad2[2] )
        return -EINVAL;
    if ( check_common(r->cr0, r->cr4, r->eflags) )
        return -EINVAL;
    if ( (r->efer & ~(uint64_t)(EFER_LME | EFER_LMA | EFER_NXE)) ||
         ((r->efer & EFER_NXE) && !(r->cr0 & CR0_PG)) )
        return -EINVAL;
    if ( !seg_ok(r->cs_ar, true) || !seg_ok(r->ds_ar, false) ||
         !seg_ok(r->ss_ar, false) || !seg_ok(r->es_ar, false) ||
         !(r->tr_ar & AR_P) || (r->tr_ar & AR_S) )
        return -EINVAL;
    c->regs.rax = r->eax; c->regs.rcx = r->ecx; c->regs.rdx = r->edx;
    c->regs.rbx = r->ebx; c->regs.rsp = r->esp; c->regs.rbp = r->ebp;
    c->regs.rsi = r->esi; c->regs.rdi = r->edi; c->regs.rip = r->eip;
    c->regs.rflags = r->eflags;
    c->cr0 = r->cr0 | CR0_ET;
    c->cr3 = r->cr3;
    c->cr4 = r->cr4;
    c->efer = r->efer;
    seg32(&c->cs, r->cs_base, r->cs_limit, r->cs_ar);
    seg32(&c->ds, r->ds_base, r->ds_limit, r->ds_ar);
    seg32(&c->ss, r->ss_base, r->ss_limit, r->ss_ar);
    seg32(&c->es, r->es_base, r->es_limit, r->es_ar);
    c->fs = c->gs = c->ds;
    seg32(&c->tr, r->tr_base, r->tr_limit, r->tr_ar);
    return 0;
}

int arch_vcpu_initialise(struct vcpu *v, const struct vcpu_hvm_context *ctx)
{
    struct hvm_vcpu_context c;
    int rc;

    if ( v->arch.initialised )
        return -EEXIST;
    if ( ctx->pad || !hvm_ops->set_context )
        return ctx->pad ? -EINVAL : -EOPNOTSUPP;
    memset(&c, 0, sizeof(c));
    switch ( ctx->mode )
    {
    case VCPU_HVM_MODE_32B: rc = from_32(&ctx->cpu_regs.x86_32, &c); break;
    case VCPU_HVM_MODE_64B: rc = from_64(&ctx->cpu_regs.x86_64, &c); break;
    default:                rc = -EINVAL; break;
    }
    if ( rc )
        return rc;
    if ( !c.tr.attr )
        seg32(&c.tr, 0, 0x67, 0x8b);
    c.ldtr.attr = 0x82;
    c.ldtr.limit = 0xffff;
    c.gdtr.limit = c.idtr.limit = 0xffff;
    if ( ctx->mode == VCPU_HVM_MODE_64B )
        c.es = c.ss = c.fs = c.gs = c.ds;
    hvm_ops->set_context(v, &c);
    hvm_fpu_init(v);
    v->arch.initialised = true;
    return 0;
}
