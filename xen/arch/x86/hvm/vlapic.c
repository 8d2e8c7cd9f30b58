/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Emulated local APIC, register model: reset state, interrupt priority
 * (IRR/ISR/TPR/PPR, EOI), the xAPIC register page and the x2APIC MSRs,
 * and IA32_APIC_BASE mode switches. IPIs are in vlapic-ipi.c, the timer
 * in vlapic-timer.c, the VM-exit side in vlapic-glue.c. No vCPU or
 * vendor types here, so tests/unit/vlapic compiles it on the host.
 * Locking: see struct vlapic (asm/hvm/vlapic-model.h).
 */
#include <xen/errno.h>
#include <xen/compiler.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <asm/hvm/vlapic-model.h>

#define X2APIC_MSR_FIRST    0x800u
#define X2APIC_MSR_LAST     0x8ffu
#define MSR_APIC_BASE_NR    0x1bu
#define MSR_TSC_DEADLINE_NR 0x6e0u
#define BASE_VALID          (0x000ffffffffff000ULL | VLAPIC_BASE_BSP | \
                             VLAPIC_BASE_EXTD | VLAPIC_BASE_EN)
#define SVR_VALID           0x3ffu      /* vector, enable, focus check */
#define ICR_VALID           0x000ccfffu /* x2APIC: no busy bit */

/* Writable bits of each LVT (SDM Vol3 10.5.1). */
static const uint32_t lvt_valid[VLAPIC_NR_LVT] = {
    [VLAPIC_LVT_TIMER]   = 0x000700ff,  /* vector, mask, timer mode */
    [VLAPIC_LVT_THERMAL] = 0x000107ff,  /* vector, delivery mode, mask */
    [VLAPIC_LVT_PERF]    = 0x000107ff,
    [VLAPIC_LVT_LINT0]   = 0x0001a7ff,  /* + polarity, trigger */
    [VLAPIC_LVT_LINT1]   = 0x0001a7ff,
    [VLAPIC_LVT_ERROR]   = 0x000100ff,
};

void vlapic_model_reset(struct vlapic *vl)
{
    unsigned int i;

    vlapic_timer_stop(vl);
    for ( i = 0; i < 8; i++ )
    {
        __atomic_store_n(&vl->irr[i], 0, __ATOMIC_RELAXED);
        vl->isr[i] = vl->tmr[i] = 0;
    }
    vl->tpr = 0;
    vl->ldr = vlapic_x2apic_mode(vl) ? vlapic_x2apic_ldr(vl->phys_id) : 0;
    vl->dfr = 0xffffffff;
    vl->svr = 0xff;
    vl->esr = 0;
    __atomic_store_n(&vl->esr_pending, 0, __ATOMIC_RELAXED);
    vl->icr = vl->icr2 = 0;
    for ( i = 0; i < VLAPIC_NR_LVT; i++ )
        vl->lvt[i] = VLAPIC_LVT_MASKED;
    vl->tdcr = 0;
    __atomic_store_n(&vl->nmi_pending, false, __ATOMIC_RELAXED);
}

void vlapic_model_init(struct vlapic *vl, void *owner, unsigned int vcpu_id)
{
    memset(vl, 0, sizeof(*vl));
    spin_lock_init(&vl->lock);
    vl->owner = owner;
    vl->phys_id = 2 * vcpu_id;
    vl->apic_base = VLAPIC_BASE_DEFAULT | VLAPIC_BASE_EN |
                    (vcpu_id == 0 ? VLAPIC_BASE_BSP : 0);
    vlapic_model_reset(vl);
}

/* Highest vector set in a 256-bit register, or -1. */
static int highest(const uint32_t *reg)
{
    int i;

    for ( i = 7; i >= 0; i-- )
    {
        uint32_t w = __atomic_load_n(&reg[i], __ATOMIC_ACQUIRE);

        if ( w )
            return i * 32 + 31 - __builtin_clz(w);
    }
    return -1;
}

uint32_t vlapic_ppr(const struct vlapic *vl)
{
    int isrv = highest(vl->isr);
    uint32_t tpr = vl->tpr & 0xff;

    /* SDM Vol3 10.8.3.1: the higher of TPR and the in-service class. */
    if ( isrv < 0 || (tpr & 0xf0) >= ((uint32_t)isrv & 0xf0) )
        return tpr;
    return (uint32_t)isrv & 0xf0;
}

int vlapic_pending_vector(const struct vlapic *vl)
{
    int irrv;

    if ( !vlapic_hw_enabled(vl) || !vlapic_sw_enabled(vl) )
        return -1;
    irrv = highest(vl->irr);
    if ( irrv < 0 || ((uint32_t)irrv & 0xf0) <= (vlapic_ppr(vl) & 0xf0) )
        return -1;
    return irrv;
}

void vlapic_ack_vector(struct vlapic *vl, unsigned int vector)
{
    uint32_t bit = 1u << (vector & 31);

    vector &= 0xff;
    __atomic_fetch_and(&vl->irr[vector / 32], ~bit, __ATOMIC_ACQ_REL);
    vl->isr[vector / 32] |= bit;
}

/* EOI: retire the highest in-service vector (SDM Vol3 10.8.5). */
static void vlapic_eoi(struct vlapic *vl)
{
    int v = highest(vl->isr);

    if ( v < 0 )
        return;
    vl->isr[v / 32] &= ~(1u << (v % 32));
    /*
     * A level-triggered vector would now be broadcast to the IOAPICs;
     * there are none (no TMR bit is ever set). The next VM entry looks at
     * IRR again (hvm_intr_assist), so nothing more to do here.
     */
    vl->tmr[v / 32] &= ~(1u << (v % 32));
}

/* --- The xAPIC register page --- */

static bool is_lvt(unsigned int off)
{
    return off >= VLAPIC_LVT_FIRST &&
           off < VLAPIC_LVT_FIRST + 0x10 * VLAPIC_NR_LVT;
}

uint32_t vlapic_reg_read(struct vlapic *vl, unsigned int off)
{
    if ( off >= VLAPIC_ISR && off < VLAPIC_ISR + 0x80 )
        return vl->isr[(off - VLAPIC_ISR) >> 4];
    if ( off >= VLAPIC_TMR && off < VLAPIC_TMR + 0x80 )
        return vl->tmr[(off - VLAPIC_TMR) >> 4];
    if ( off >= VLAPIC_IRR && off < VLAPIC_IRR + 0x80 )
        return __atomic_load_n(&vl->irr[(off - VLAPIC_IRR) >> 4],
                               __ATOMIC_ACQUIRE);
    if ( is_lvt(off) )
        return vl->lvt[(off - VLAPIC_LVT_FIRST) >> 4];
    switch ( off )
    {
    case VLAPIC_ID:     return vl->phys_id << 24;
    case VLAPIC_LVR:    return VLAPIC_VERSION;
    case VLAPIC_TPR:    return vl->tpr;
    case VLAPIC_PPR:    return vlapic_ppr(vl);
    case VLAPIC_LDR:    return vl->ldr;
    case VLAPIC_DFR:    return vl->dfr;
    case VLAPIC_SVR:    return vl->svr;
    case VLAPIC_ESR:    return vl->esr;
    case VLAPIC_ICR:    return vl->icr;
    case VLAPIC_ICR2:   return vl->icr2;
    case VLAPIC_TMICT:  return vl->tmict;
    case VLAPIC_TMCCT:  return vlapic_timer_read_tmcct(vl);
    case VLAPIC_TDCR:   return vl->tdcr;
    default:            return 0;   /* APR, EOI, RRD, reserved */
    }
}

/* Record an APIC error; the error LVT raises its vector if unmasked. */
void vlapic_error(struct vlapic *vl, uint32_t bits)
{
    uint32_t lvt = vl->lvt[VLAPIC_LVT_ERROR];

    __atomic_fetch_or(&vl->esr_pending, bits, __ATOMIC_RELAXED);
    if ( !(lvt & VLAPIC_LVT_MASKED) && (lvt & 0xff) >= 16 )
        vlapic_set_irq(vl, lvt & 0xff);
}

static void write_lvt(struct vlapic *vl, unsigned int i, uint32_t val)
{
    val &= lvt_valid[i];
    if ( !vlapic_sw_enabled(vl) )
        val |= VLAPIC_LVT_MASKED;   /* SDM 10.4.7.2: stay masked */
    if ( i == VLAPIC_LVT_TIMER )
        vlapic_timer_write_lvt(vl, val);
    else
        vl->lvt[i] = val;
}

static void write_svr(struct vlapic *vl, uint32_t val)
{
    bool was_enabled = vlapic_sw_enabled(vl);
    unsigned int i;

    vl->svr = val & SVR_VALID;
    if ( vlapic_sw_enabled(vl) )
    {
        if ( !was_enabled )
            vlapic_env_sw_enabled(vl);
        return;
    }
    /* Software disable masks every LVT (SDM Vol3 10.4.7.2). */
    for ( i = 0; i < VLAPIC_NR_LVT; i++ )
        if ( i == VLAPIC_LVT_TIMER )
            vlapic_timer_write_lvt(vl, vl->lvt[i] | VLAPIC_LVT_MASKED);
        else
            vl->lvt[i] |= VLAPIC_LVT_MASKED;
}

void vlapic_reg_write(struct vlapic *vl, unsigned int off, uint32_t val)
{
    if ( is_lvt(off) )
    {
        write_lvt(vl, (off - VLAPIC_LVT_FIRST) >> 4, val);
        return;
    }
    switch ( off )
    {
    case VLAPIC_TPR:    vl->tpr = val & 0xff; break;
    case VLAPIC_EOI:    vlapic_eoi(vl); break;
    case VLAPIC_LDR:    vl->ldr = val & 0xff000000; break;
    case VLAPIC_DFR:    vl->dfr = (val & 0xf0000000) | 0x0fffffff; break;
    case VLAPIC_SVR:    write_svr(vl, val); break;
    case VLAPIC_ESR:
        vl->esr = __atomic_exchange_n(&vl->esr_pending, 0, __ATOMIC_RELAXED);
        break;
    case VLAPIC_ICR:
        vl->icr = val & ICR_VALID;      /* delivery status: always idle */
        vlapic_send_ipi(vl, vl->icr | ((uint64_t)(vl->icr2 >> 24) << 32));
        break;
    case VLAPIC_ICR2:   vl->icr2 = val & 0xff000000; break;
    case VLAPIC_TMICT:  vlapic_timer_write_tmict(vl, val); break;
    case VLAPIC_TDCR:   vlapic_timer_write_tdcr(vl, val); break;
    case VLAPIC_ID:                 /* read-only here: see vlapic.md */
    case VLAPIC_LVR: case VLAPIC_APR: case VLAPIC_PPR: case VLAPIC_RRD:
    case VLAPIC_TMCCT:
        break;
    default:
        if ( (off >= VLAPIC_ISR && off < VLAPIC_IRR + 0x80) )
            break;                  /* ISR, TMR, IRR: read-only */
        vlapic_error(vl, VLAPIC_ESR_ILL_REG);
        break;
    }
}

/* --- IA32_APIC_BASE --- */

int vlapic_set_base(struct vlapic *vl, uint64_t val)
{
    bool old_en = vlapic_hw_enabled(vl), old_x2 = vlapic_x2apic_mode(vl);
    bool en = val & VLAPIC_BASE_EN, x2 = val & VLAPIC_BASE_EXTD;

    if ( (val & ~BASE_VALID) ||
         (val & ~0xfffULL) != VLAPIC_BASE_DEFAULT )  /* no relocation */
        return -EPERM;
    /* SDM Vol3 10.12.5: EXTD without EN, x2APIC->xAPIC, off->x2APIC. */
    if ( (x2 && !en) || (old_x2 && en && !x2) || (!old_en && x2) )
        return -EPERM;
    vl->apic_base = VLAPIC_BASE_DEFAULT | (vl->apic_base & VLAPIC_BASE_BSP) |
                    (en ? VLAPIC_BASE_EN : 0) | (x2 ? VLAPIC_BASE_EXTD : 0);
    if ( old_en && !en )
        vlapic_model_reset(vl);     /* disabling loses the state */
    else if ( x2 && !old_x2 )
        vl->ldr = vlapic_x2apic_ldr(vl->phys_id);
    return 0;
}

/* --- x2APIC MSRs (SDM Vol3 10.12.1.2) --- */

static int x2apic_read(struct vlapic *vl, unsigned int off, uint64_t *val)
{
    if ( (off >= VLAPIC_ISR && off < VLAPIC_IRR + 0x80) || is_lvt(off) )
    {
        *val = vlapic_reg_read(vl, off);
        return 0;
    }
    switch ( off )
    {
    case VLAPIC_ID:     *val = vl->phys_id; return 0;
    case VLAPIC_ICR:    *val = vl->icr | ((uint64_t)vl->icr2 << 32); return 0;
    case VLAPIC_LVR: case VLAPIC_TPR: case VLAPIC_PPR: case VLAPIC_LDR:
    case VLAPIC_SVR: case VLAPIC_ESR: case VLAPIC_TMICT: case VLAPIC_TMCCT:
    case VLAPIC_TDCR:
        *val = vlapic_reg_read(vl, off);
        return 0;
    default:            /* APR, EOI, RRD, DFR, ICR2, CMCI, SELF_IPI */
        return -EPERM;
    }
}

static int x2apic_write(struct vlapic *vl, unsigned int off, uint64_t val)
{
    if ( off == VLAPIC_ICR )
    {
        if ( (uint32_t)val & ~ICR_VALID )
            return -EPERM;
        vl->icr = (uint32_t)val;
        vl->icr2 = val >> 32;
        vlapic_send_ipi(vl, val);
        return 0;
    }
    if ( val >> 32 )
        return -EPERM;
    if ( is_lvt(off) )
    {
        vlapic_reg_write(vl, off, (uint32_t)val);
        return 0;
    }
    switch ( off )
    {
    case VLAPIC_TPR:
    case VLAPIC_SELF_IPI:
        if ( val & ~0xffULL )
            return -EPERM;
        if ( off == VLAPIC_TPR )
            vl->tpr = (uint32_t)val;
        else
            vlapic_send_ipi(vl, (val & 0xff) | (VLAPIC_SH_SELF << 18));
        return 0;
    case VLAPIC_EOI:
    case VLAPIC_ESR:
        if ( val )
            return -EPERM;          /* SDM: non-zero writes #GP */
        /* fall through */
    case VLAPIC_SVR: case VLAPIC_TMICT: case VLAPIC_TDCR:
        vlapic_reg_write(vl, off, (uint32_t)val);
        return 0;
    default:            /* read-only or absent */
        return -EPERM;
    }
}

int vlapic_model_msr_read(struct vlapic *vl, uint32_t msr, uint64_t *val)
{
    if ( msr == MSR_APIC_BASE_NR )
    {
        *val = vl->apic_base;
        return 0;
    }
    if ( msr == MSR_TSC_DEADLINE_NR )
    {
        *val = vlapic_timer_read_deadline(vl);
        return 0;
    }
    if ( msr < X2APIC_MSR_FIRST || msr > X2APIC_MSR_LAST )
        return -ENOENT;
    if ( !vlapic_hw_enabled(vl) || !vlapic_x2apic_mode(vl) )
        return -EPERM;
    return x2apic_read(vl, (msr - X2APIC_MSR_FIRST) << 4, val);
}

int vlapic_model_msr_write(struct vlapic *vl, uint32_t msr, uint64_t val)
{
    if ( msr == MSR_APIC_BASE_NR )
        return vlapic_set_base(vl, val);
    if ( msr == MSR_TSC_DEADLINE_NR )
    {
        vlapic_timer_write_deadline(vl, val);
        return 0;
    }
    if ( msr < X2APIC_MSR_FIRST || msr > X2APIC_MSR_LAST )
        return -ENOENT;
    if ( !vlapic_hw_enabled(vl) || !vlapic_x2apic_mode(vl) )
        return -EPERM;
    return x2apic_write(vl, (msr - X2APIC_MSR_FIRST) << 4, val);
}
