/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Emulated local APIC, messages: accepting a fixed vector (IRR), NMI,
 * and the ICR: destination shorthands, physical and logical (flat,
 * cluster, x2APIC cluster) destinations, fixed, lowest priority (the
 * lowest-numbered target), NMI, INIT and STARTUP. INIT/SIPI themselves
 * are the environment's (vlapic-glue.c). Host-compilable like vlapic.c.
 */
#include <xen/compiler.h>
#include <xen/lib.h>
#include <asm/hvm/vlapic-model.h>

bool vlapic_set_irq(struct vlapic *vl, unsigned int vector)
{
    vector &= 0xff;
    if ( vector < 16 )
    {
        /* Vectors 0-15 are illegal (SDM Vol3 10.5.2). */
        __atomic_fetch_or(&vl->esr_pending, VLAPIC_ESR_RECV_ILL,
                          __ATOMIC_RELAXED);
        return false;
    }
    if ( !vlapic_hw_enabled(vl) || !vlapic_sw_enabled(vl) )
        return false;
    __atomic_fetch_or(&vl->irr[vector / 32], 1u << (vector % 32),
                      __ATOMIC_ACQ_REL);
    vlapic_env_kick(vl);
    return true;
}

bool vlapic_take_nmi(struct vlapic *vl)
{
    return __atomic_exchange_n(&vl->nmi_pending, false, __ATOMIC_ACQ_REL);
}

/* Does target t accept a message for dest from sender s? (SDM 10.6.2) */
static bool match_dest(const struct vlapic *s, const struct vlapic *t,
                       uint32_t dest, bool logical)
{
    uint32_t ldr;

    if ( vlapic_x2apic_mode(s) )
    {
        if ( dest == 0xffffffff )
            return true;
        if ( !logical )
            return dest == t->phys_id;
        ldr = vlapic_x2apic_ldr(t->phys_id);
        return (dest >> 16) == (ldr >> 16) && (dest & ldr & 0xffff);
    }
    dest &= 0xff;
    if ( dest == 0xff )
        return true;
    if ( !logical )
        return dest == (t->phys_id & 0xff);
    ldr = READ_ONCE(t->ldr) >> 24;
    if ( (READ_ONCE(t->dfr) >> 28) == 0xf )        /* flat model */
        return dest & ldr;
    return (dest >> 4) == (ldr >> 4) && (dest & ldr & 0xf);  /* cluster */
}

static void deliver(struct vlapic *s, struct vlapic *t, unsigned int dm,
                    unsigned int vector)
{
    switch ( dm )
    {
    case VLAPIC_DM_FIXED:
    case VLAPIC_DM_LOWEST:
        vlapic_set_irq(t, vector);
        break;
    case VLAPIC_DM_NMI:
        /*
         * Not delivered yet: injecting an NMI needs NMI-blocking tracking
         * (IRET intercepts on SVM) that the containers do not have. The
         * request is recorded and logged once per target, so a guest
         * relying on NMI IPIs (Linux's NMI backtraces) shows why.
         */
        if ( !__atomic_exchange_n(&t->nmi_pending, true, __ATOMIC_ACQ_REL) )
            printk(XENLOG_WARNING "vLAPIC %u: NMI IPI from vLAPIC %u not "
                   "delivered (NMI injection is not implemented)\n",
                   t->phys_id, s->phys_id);
        break;
    case VLAPIC_DM_INIT:
        if ( t != s )               /* a CPU does not INIT itself */
            vlapic_env_init(t);
        break;
    case VLAPIC_DM_STARTUP:
        if ( t != s )
            vlapic_env_sipi(s, t, vector);
        break;
    default:                        /* SMI, reserved: no SMM here */
        break;
    }
}

void vlapic_send_ipi(struct vlapic *vl, uint64_t icr)
{
    uint32_t low = (uint32_t)icr, dest = icr >> 32;
    unsigned int dm = VLAPIC_ICR_DM(low), vector = low & 0xff;
    unsigned int sh = VLAPIC_ICR_SH(low), i, n;

    /* INIT level de-assert (SDM 10.6.1): only re-syncs arbitration IDs. */
    if ( dm == VLAPIC_DM_INIT && !(low & VLAPIC_ICR_ASSERT) &&
         (low & VLAPIC_ICR_LEVEL) )
        return;
    if ( (dm == VLAPIC_DM_FIXED || dm == VLAPIC_DM_LOWEST) && vector < 16 )
    {
        vlapic_error(vl, VLAPIC_ESR_SEND_ILL);
        return;
    }
    if ( sh == VLAPIC_SH_SELF )
    {
        deliver(vl, vl, dm, vector);
        return;
    }
    n = vlapic_env_nr_peers(vl);
    for ( i = 0; i < n; i++ )
    {
        struct vlapic *t = vlapic_env_peer(vl, i);

        if ( !t || (sh == VLAPIC_SH_OTHERS && t == vl) )
            continue;
        if ( sh == VLAPIC_SH_NONE &&
             !match_dest(vl, t, dest, low & VLAPIC_ICR_LOGICAL) )
            continue;
        deliver(vl, t, dm, vector);
        if ( dm == VLAPIC_DM_LOWEST )
            break;                  /* the lowest-numbered target only */
    }
}
