/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests for the emulated local APIC's register model (hvm/vlapic.c,
 * vlapic-ipi.c, vlapic-timer.c) against a fake environment: a fake clock
 * and timer, four APICs as one domain, and recorded kicks, INITs and
 * SIPIs.
 */
#include <xen/errno.h>
#include <asm/hvm/vlapic-model.h>
#include "test.h"

#define NR 4
static struct vlapic apic[NR];
static s_time_t fake_now;
static s_time_t armed[NR];          /* 0: not armed */
static unsigned int kicks[NR], inits[NR], sipis[NR], sipi_vec[NR];
static unsigned int sw_enables[NR];

static unsigned int idx(const struct vlapic *vl)
{
    return (unsigned int)(vl - apic);
}

s_time_t vlapic_env_now(void) { return fake_now; }
void vlapic_env_timer_set(struct vlapic *vl, s_time_t t) { armed[idx(vl)] = t; }
void vlapic_env_timer_stop(struct vlapic *vl) { armed[idx(vl)] = 0; }
/* Fake TSC: 2 ticks per ns, starting at 0. */
s_time_t vlapic_env_tsc_to_stime(struct vlapic *vl, uint64_t tsc)
{
    (void)vl;
    return (s_time_t)(tsc / 2);
}
void vlapic_env_kick(struct vlapic *vl) { kicks[idx(vl)]++; }
void vlapic_env_sw_enabled(struct vlapic *vl) { sw_enables[idx(vl)]++; }
unsigned int vlapic_env_nr_peers(struct vlapic *vl) { (void)vl; return NR; }
struct vlapic *vlapic_env_peer(struct vlapic *vl, unsigned int i)
{
    (void)vl;
    return &apic[i];
}
void vlapic_env_init(struct vlapic *t) { inits[idx(t)]++; }
void vlapic_env_sipi(struct vlapic *s, struct vlapic *t, unsigned int vec)
{
    (void)s;
    sipis[idx(t)]++;
    sipi_vec[idx(t)] = vec;
}

static void reset_all(void)
{
    unsigned int i;

    fake_now = 1000;
    for ( i = 0; i < NR; i++ )
    {
        vlapic_model_init(&apic[i], NULL, i);
        vlapic_reg_write(&apic[i], VLAPIC_SVR, 0x1ff);     /* enable */
        armed[i] = 0;
        kicks[i] = inits[i] = sipis[i] = sipi_vec[i] = 0;
    }
}

static bool irr_has(const struct vlapic *vl, unsigned int v)
{
    return vl->irr[v / 32] & (1u << (v % 32));
}

/* Simulate the injection path: take the pending vector, ack it. */
static int inject(struct vlapic *vl)
{
    int v = vlapic_pending_vector(vl);

    if ( v >= 0 )
        vlapic_ack_vector(vl, (unsigned int)v);
    return v;
}

static void test_reset_state(void)
{
    struct vlapic *a = &apic[1];

    vlapic_model_init(a, NULL, 1);
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_ID), 2u << 24);
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_LVR), 0x50014);
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_SVR), 0xff);
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_DFR), 0xffffffffu);
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_LVT_FIRST), VLAPIC_LVT_MASKED);
    CHECK_EQ(a->apic_base, 0xfee00800ULL);
    vlapic_model_init(a, NULL, 0);
    CHECK_EQ(a->apic_base, 0xfee00900ULL);
    /* Software-disabled: nothing accepted; LVT unmask refused. */
    CHECK(!vlapic_set_irq(a, 0x40));
    vlapic_reg_write(a, VLAPIC_LVT_FIRST + 0x30, 0x30);
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_LVT_FIRST + 0x30), 0x10030);
    /* The environment hears of software enable once, on 0 -> 1 only. */
    sw_enables[idx(a)] = 0;
    vlapic_reg_write(a, VLAPIC_SVR, 0xff);
    CHECK_EQ(sw_enables[idx(a)], 0);
    vlapic_reg_write(a, VLAPIC_SVR, 0x1ff);
    CHECK_EQ(sw_enables[idx(a)], 1);
    vlapic_reg_write(a, VLAPIC_SVR, 0x1fe);
    CHECK_EQ(sw_enables[idx(a)], 1);
    CHECK(vlapic_set_irq(a, 0x40));
    vlapic_reg_write(a, VLAPIC_SVR, 0xff);
    vlapic_reg_write(a, VLAPIC_SVR, 0x1ff);
    CHECK_EQ(sw_enables[idx(a)], 2);
}

static void test_priority(void)
{
    struct vlapic *a = &apic[0];

    reset_all();
    CHECK_EQ(vlapic_pending_vector(a), -1);
    CHECK(vlapic_set_irq(a, 0x31));
    CHECK(vlapic_set_irq(a, 0x62));
    CHECK_EQ(kicks[0], 2);
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_IRR + 0x10), 1u << 0x11);
    /* TPR masks classes <= its own. */
    vlapic_reg_write(a, VLAPIC_TPR, 0x60);
    CHECK_EQ(vlapic_pending_vector(a), -1);
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_PPR), 0x60);
    vlapic_reg_write(a, VLAPIC_TPR, 0x20);
    CHECK_EQ(inject(a), 0x62);
    CHECK(!irr_has(a, 0x62));
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_ISR + 0x30), 1u << 2);
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_PPR), 0x60);
    /* 0x31 is a lower class than the one in service. */
    CHECK_EQ(vlapic_pending_vector(a), -1);
    CHECK(vlapic_set_irq(a, 0x65));     /* same class: still blocked */
    CHECK_EQ(vlapic_pending_vector(a), -1);
    CHECK(vlapic_set_irq(a, 0x70));     /* higher class nests */
    CHECK_EQ(inject(a), 0x70);
    /* EOI retires the highest in service first. */
    vlapic_reg_write(a, VLAPIC_EOI, 0);
    CHECK(!(a->isr[3] & (1u << 16)));
    CHECK(a->isr[3] & (1u << 2));
    CHECK_EQ(vlapic_pending_vector(a), -1);
    vlapic_reg_write(a, VLAPIC_EOI, 0);
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_PPR), 0x20);
    CHECK_EQ(inject(a), 0x65);
    vlapic_reg_write(a, VLAPIC_EOI, 0);
    CHECK_EQ(inject(a), 0x31);
    vlapic_reg_write(a, VLAPIC_EOI, 0);
    CHECK_EQ(inject(a), -1);
    vlapic_reg_write(a, VLAPIC_EOI, 0);     /* spurious EOI: harmless */
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_PPR), 0x20);
    /* Vectors 0-15 are illegal; ESR latches on write. */
    CHECK(!vlapic_set_irq(a, 7));
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_ESR), 0);
    vlapic_reg_write(a, VLAPIC_ESR, 0);
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_ESR), VLAPIC_ESR_RECV_ILL);
    vlapic_reg_write(a, VLAPIC_ESR, 0);
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_ESR), 0);
}

static void send_xapic(struct vlapic *s, uint32_t dest, uint32_t low)
{
    vlapic_reg_write(s, VLAPIC_ICR2, dest << 24);
    vlapic_reg_write(s, VLAPIC_ICR, low);
}

static void test_ipi(void)
{
    unsigned int i;

    reset_all();
    send_xapic(&apic[0], 4, 0x41);      /* physical: APIC id 4 = vCPU 2 */
    CHECK(irr_has(&apic[2], 0x41) && !irr_has(&apic[1], 0x41));
    send_xapic(&apic[0], 0xff, 0x42);   /* physical broadcast */
    for ( i = 0; i < NR; i++ )
        CHECK(irr_has(&apic[i], 0x42));
    send_xapic(&apic[1], 0, 0x43 | (VLAPIC_SH_SELF << 18));
    CHECK(irr_has(&apic[1], 0x43) && !irr_has(&apic[0], 0x43));
    send_xapic(&apic[1], 0, 0x44 | (VLAPIC_SH_OTHERS << 18));
    CHECK(!irr_has(&apic[1], 0x44) && irr_has(&apic[0], 0x44) &&
          irr_has(&apic[3], 0x44));
    send_xapic(&apic[1], 0, 0x45 | (VLAPIC_SH_ALL << 18));
    CHECK(irr_has(&apic[1], 0x45) && irr_has(&apic[2], 0x45));
    /* Logical flat: LDR bit per CPU. */
    for ( i = 0; i < NR; i++ )
        vlapic_reg_write(&apic[i], VLAPIC_LDR, (1u << i) << 24);
    send_xapic(&apic[0], 0x0a, 0x46 | VLAPIC_ICR_LOGICAL);
    CHECK(irr_has(&apic[1], 0x46) && irr_has(&apic[3], 0x46) &&
          !irr_has(&apic[0], 0x46) && !irr_has(&apic[2], 0x46));
    /* Lowest priority: the lowest-numbered target only. */
    send_xapic(&apic[0], 0x0e, 0x47 | VLAPIC_ICR_LOGICAL |
               (VLAPIC_DM_LOWEST << 8));
    CHECK(irr_has(&apic[1], 0x47) && !irr_has(&apic[2], 0x47));
    /* Logical cluster: cluster 1, members 0 and 1. */
    vlapic_reg_write(&apic[2], VLAPIC_DFR, 0x0fffffff);
    vlapic_reg_write(&apic[3], VLAPIC_DFR, 0x0fffffff);
    vlapic_reg_write(&apic[2], VLAPIC_LDR, 0x11u << 24);
    vlapic_reg_write(&apic[3], VLAPIC_LDR, 0x22u << 24);
    send_xapic(&apic[0], 0x11, 0x48 | VLAPIC_ICR_LOGICAL);
    CHECK(irr_has(&apic[2], 0x48) && !irr_has(&apic[3], 0x48));
    /* Illegal vector: sender error, nothing delivered. */
    send_xapic(&apic[0], 4, 0x05);
    vlapic_reg_write(&apic[0], VLAPIC_ESR, 0);
    CHECK_EQ(vlapic_reg_read(&apic[0], VLAPIC_ESR), VLAPIC_ESR_SEND_ILL);
    /* NMI, INIT (assert; de-assert ignored), SIPI. */
    send_xapic(&apic[0], 2, VLAPIC_DM_NMI << 8 | VLAPIC_ICR_ASSERT);
    CHECK(vlapic_take_nmi(&apic[1]) && !vlapic_take_nmi(&apic[1]));
    send_xapic(&apic[0], 2, VLAPIC_DM_INIT << 8 | VLAPIC_ICR_ASSERT |
               VLAPIC_ICR_LEVEL);
    send_xapic(&apic[0], 2, VLAPIC_DM_INIT << 8 | VLAPIC_ICR_LEVEL);
    send_xapic(&apic[0], 2, VLAPIC_DM_STARTUP << 8 | 0x9a);
    CHECK_EQ(inits[1], 1);
    CHECK_EQ(sipis[1], 1);
    CHECK_EQ(sipi_vec[1], 0x9a);
    send_xapic(&apic[0], 0, VLAPIC_DM_INIT << 8 | VLAPIC_ICR_ASSERT |
               (VLAPIC_SH_ALL << 18));
    CHECK_EQ(inits[0], 0);              /* never INIT itself */
    CHECK_EQ(inits[3], 1);
    CHECK_EQ(vlapic_reg_read(&apic[0], VLAPIC_ICR) & (1u << 12), 0);
}

static void test_timer(void)
{
    struct vlapic *a = &apic[0];

    reset_all();
    vlapic_reg_write(a, VLAPIC_TDCR, 0x3);              /* divide by 16 */
    vlapic_reg_write(a, VLAPIC_LVT_FIRST, 0x50);        /* one-shot */
    vlapic_reg_write(a, VLAPIC_TMICT, 1000);
    CHECK_EQ(armed[0], 1000 + 16000);
    fake_now += 8000;
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_TMCCT), 500);
    vlapic_timer_expired(a);            /* early (stale) expiry: nothing */
    CHECK(!irr_has(a, 0x50));
    fake_now = 17000;
    vlapic_timer_expired(a);
    CHECK(irr_has(a, 0x50));
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_TMCCT), 0);
    CHECK_EQ(a->timer_armed, 0);
    vlapic_timer_expired(a);            /* duplicate: nothing more */
    CHECK_EQ(a->timer_fired, 1);
    /* Periodic, divide by 1: 100 us (the shortest period kept as is). */
    vlapic_reg_write(a, VLAPIC_TDCR, 0xb);
    vlapic_reg_write(a, VLAPIC_LVT_FIRST, 0x51 | (1u << 17));
    vlapic_reg_write(a, VLAPIC_TMICT, 100000);
    CHECK_EQ(armed[0], 117000);
    fake_now = 117000;
    vlapic_timer_expired(a);
    CHECK(irr_has(a, 0x51));
    CHECK_EQ(armed[0], 217000);
    fake_now = 147000;
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_TMCCT), 70000);
    fake_now = 967000;                  /* late by several periods */
    vlapic_timer_expired(a);
    CHECK_EQ(armed[0], 1067000);
    /* Masked: counts, does not deliver. */
    inject(a);
    vlapic_reg_write(a, VLAPIC_EOI, 0);
    vlapic_reg_write(a, VLAPIC_LVT_FIRST, 0x51 | (1u << 17) |
                     VLAPIC_LVT_MASKED);
    fake_now = 1067000;
    vlapic_timer_expired(a);
    CHECK(!irr_has(a, 0x51));
    CHECK_EQ(armed[0], 1167000);
    /* A 1 ns period: later expiries come VLAPIC_MIN_PERIOD apart. */
    vlapic_reg_write(a, VLAPIC_TMICT, 1);
    CHECK_EQ(armed[0], fake_now + 1);
    fake_now += 1;
    vlapic_timer_expired(a);
    CHECK_EQ(armed[0], fake_now + VLAPIC_MIN_PERIOD);
    fake_now += VLAPIC_MIN_PERIOD;
    vlapic_timer_expired(a);
    CHECK_EQ(armed[0], fake_now + VLAPIC_MIN_PERIOD);
    /* TMICT 0 stops it. */
    vlapic_reg_write(a, VLAPIC_TMICT, 0);
    CHECK_EQ(armed[0], 0);
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_TMCCT), 0);
}

static void test_deadline(void)
{
    struct vlapic *a = &apic[0];
    uint64_t val;

    reset_all();
    /* Not in deadline mode: the MSR reads 0 and ignores writes. */
    CHECK_EQ(vlapic_model_msr_write(a, 0x6e0, 5000), 0);
    CHECK_EQ(armed[0], 0);
    vlapic_reg_write(a, VLAPIC_LVT_FIRST, 0x52 | (2u << 17));
    vlapic_reg_write(a, VLAPIC_TMICT, 100);             /* ignored */
    CHECK_EQ(armed[0], 0);
    CHECK_EQ(vlapic_model_msr_write(a, 0x6e0, 50000), 0);
    CHECK_EQ(armed[0], 25000);
    CHECK_EQ(vlapic_model_msr_read(a, 0x6e0, &val), 0);
    CHECK_EQ(val, 50000);
    fake_now = 25000;
    vlapic_timer_expired(a);
    CHECK(irr_has(a, 0x52));
    vlapic_model_msr_read(a, 0x6e0, &val);
    CHECK_EQ(val, 0);
    /* Leaving deadline mode disarms. */
    vlapic_model_msr_write(a, 0x6e0, 90000);
    vlapic_reg_write(a, VLAPIC_LVT_FIRST, 0x52);
    CHECK_EQ(armed[0], 0);
}

static void test_x2apic(void)
{
    struct vlapic *a = &apic[3];
    uint64_t val;

    reset_all();
    /* x2APIC MSRs #GP in xAPIC mode; other MSRs are not ours. */
    CHECK_EQ(vlapic_model_msr_read(a, 0x802, &val), -EPERM);
    CHECK_EQ(vlapic_model_msr_read(a, 0x10, &val), -ENOENT);
    /* Mode transitions (SDM 10.12.5). */
    CHECK_EQ(vlapic_set_base(a, 0xfee00400ULL), -EPERM);   /* EXTD, !EN */
    CHECK_EQ(vlapic_set_base(a, 0xfed00800ULL), -EPERM);   /* relocation */
    CHECK_EQ(vlapic_set_base(a, 0xfee00c00ULL), 0);
    CHECK_EQ(vlapic_model_msr_read(a, 0x802, &val), 0);
    CHECK_EQ(val, 6);
    CHECK_EQ(vlapic_model_msr_read(a, 0x80d, &val), 0);
    CHECK_EQ(val, 1u << 6);
    CHECK_EQ(vlapic_model_msr_write(a, 0x80d, 0), -EPERM); /* LDR RO */
    CHECK_EQ(vlapic_model_msr_read(a, 0x80e, &val), -EPERM);  /* no DFR */
    CHECK_EQ(vlapic_model_msr_read(a, 0x80b, &val), -EPERM);  /* EOI WO */
    CHECK_EQ(vlapic_model_msr_write(a, 0x80b, 1), -EPERM);
    CHECK_EQ(vlapic_model_msr_write(a, 0x808, 0x100), -EPERM);
    CHECK_EQ(vlapic_model_msr_write(a, 0x808, 0x10), 0);
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_TPR), 0x10);
    CHECK_EQ(vlapic_set_base(a, 0xfee00800ULL), -EPERM);   /* x2 -> x */
    /* SELF_IPI; ICR as one 64-bit MSR with a 32-bit destination. */
    CHECK_EQ(vlapic_model_msr_write(a, 0x83f, 0x61), 0);
    CHECK(irr_has(a, 0x61));
    CHECK_EQ(vlapic_model_msr_read(a, 0x83f, &val), -EPERM);
    vlapic_set_base(&apic[1], 0xfee00c00ULL);
    CHECK_EQ(vlapic_model_msr_write(a, 0x830, (2ULL << 32) | 0x62), 0);
    CHECK(irr_has(&apic[1], 0x62));
    CHECK_EQ(vlapic_model_msr_read(a, 0x830, &val), 0);
    CHECK_EQ(val, (2ULL << 32) | 0x62);
    /* x2APIC logical: cluster 0, bit 2 = APIC id 2 = vCPU 1. */
    CHECK_EQ(vlapic_model_msr_write(a, 0x830, (4ULL << 32) | 0x63 |
                                    VLAPIC_ICR_LOGICAL), 0);
    CHECK(irr_has(&apic[1], 0x63) && !irr_has(&apic[0], 0x63));
    CHECK_EQ(vlapic_model_msr_write(a, 0x830, 1ULL << 12), -EPERM);
    /* Timer registers through MSRs. */
    CHECK_EQ(vlapic_model_msr_write(a, 0x83e, 0xb), 0);
    CHECK_EQ(vlapic_model_msr_write(a, 0x838, 500), 0);
    CHECK_EQ(armed[3], fake_now + 500);
    CHECK_EQ(vlapic_model_msr_write(a, 0x839, 1), -EPERM);
    /* x2APIC -> disabled -> xAPIC; disabled -> x2APIC is refused. */
    CHECK_EQ(vlapic_set_base(a, 0xfee00000ULL), 0);
    CHECK_EQ(armed[3], 0);
    CHECK_EQ(vlapic_set_base(a, 0xfee00c00ULL), -EPERM);
    CHECK_EQ(vlapic_set_base(a, 0xfee00800ULL), 0);
    CHECK_EQ(vlapic_reg_read(a, VLAPIC_SVR), 0xff);     /* state was reset */
    CHECK_EQ(vlapic_model_msr_read(a, 0x1b, &val), 0);
    CHECK_EQ(val, 0xfee00800ULL);
}

int main(void)
{
    test_reset_state();
    test_priority();
    test_ipi();
    test_timer();
    test_deadline();
    test_x2apic();
    return test_done();
}
