/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lapic: the local APIC of vCPU 0 as a PVH guest sees it. IA32_APIC_BASE
 * (enabled, BSP, 0xfee00000), ID and version through the xAPIC page,
 * enabling through SVR, the timer in one-shot and periodic mode (it
 * counts down, interrupts arrive, stop on TMICT = 0), self-IPIs by
 * shorthand and by physical id, TPR holding an interrupt back, IRR/ISR
 * and EOI, HLT with an interrupt already pending, and, when CPUID offers
 * them, TSC-deadline mode and x2APIC (MSR access, mode switch rules).
 */
#include <guest/test.h>

const char test_title[] = "local APIC: registers, timer, self-IPI, EOI";

#define APIC_PAGE       0xfee00000UL
#define MSR_APIC_BASE   0x1bu
#define MSR_TSC_DL      0x6e0u
#define VEC_TIMER       0x40
#define VEC_IPI         0x50
#define VEC_SPURIOUS    0xff
#define SH_SELF         (1u << 18)
#define LVT_MASKED      (1u << 16)
#define LVT_PERIODIC    (1u << 17)
#define LVT_DEADLINE    (2u << 17)

static volatile unsigned int n_timer, n_ipi;
static bool x2;                     /* access through MSRs */

static uint32_t apic_rd(unsigned int off)
{
    uint64_t v;

    if ( !x2 )
        return *(volatile uint32_t *)(APIC_PAGE + off);
    v = rdmsr(0x800 + (off >> 4));
    return (uint32_t)v;
}

static void apic_wr(unsigned int off, uint32_t val)
{
    if ( !x2 )
        *(volatile uint32_t *)(APIC_PAGE + off) = val;
    else
        wrmsr(0x800 + (off >> 4), val);
}

static inline uint64_t tsc(void)
{
    uint32_t lo, hi;

    asm volatile ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

static uint64_t us_to_tsc(uint64_t us)
{
    uint64_t khz = cpuid_count(hv.base + 3, 0).c;

    return (khz ? khz : 1000000) * us / 1000;
}

static void timer_irq(struct cpu_regs *r)
{
    (void)r;
    n_timer++;
    apic_wr(0xb0, 0);
}

static void ipi_irq(struct cpu_regs *r)
{
    (void)r;
    n_ipi++;
    apic_wr(0xb0, 0);
}

static void spurious_irq(struct cpu_regs *r)
{
    (void)r;                        /* no EOI for the spurious vector */
}

/* Wait with interrupts on until *count reaches want or us pass. */
static bool wait_count(volatile unsigned int *count, unsigned int want,
                       uint64_t us, bool use_hlt)
{
    uint64_t end = tsc() + us_to_tsc(us);

    while ( *count < want )
    {
        if ( tsc() > end )
            return false;
        if ( use_hlt )
            asm volatile ( "sti; hlt; cli" ::: "memory" );
        else
            asm volatile ( "sti; nop; nop; nop; nop; nop; nop; cli"
                           ::: "memory" );
    }
    return true;
}

/*
 * Wait for IPIs the way Linux idles (sti; hlt), with the APIC timer as a
 * backstop so that a lost interrupt ends in a failure, not a hang.
 * (Busy-waiting with short sti windows hung on Xen under QEMU TCG.)
 */
static bool wait_ipi(unsigned int want)
{
    bool ok;

    apic_wr(0x320, VEC_TIMER);                  /* one-shot, 1 s */
    apic_wr(0x380, 1000000000);
    ok = wait_count(&n_ipi, want, 3000000, true);
    apic_wr(0x380, 0);
    return ok;
}

static void spin_us(uint64_t us)
{
    uint64_t end = tsc() + us_to_tsc(us);

    while ( tsc() < end )
        asm volatile ( "sti; nop; nop; cli" ::: "memory" );
}

static bool check_identity(void)
{
    uint64_t base = rdmsr(MSR_APIC_BASE);
    uint32_t id = apic_rd(0x20), ver = apic_rd(0x30);

    printf("APIC_BASE 0x%lx ID 0x%x version 0x%x SVR 0x%x\n",
           (unsigned long)base, id, ver, apic_rd(0xf0));
    if ( (base & ~0x6ffUL) != (APIC_PAGE | 0x800 | 0x100) )
        return test_failure("APIC_BASE 0x%lx: want 0xfee00900 (EN, BSP)",
                            (unsigned long)base), false;
    if ( id >> 24 != 0 )
        return test_failure("vCPU 0 has APIC id %u, want 0", id >> 24), false;
    if ( (ver & 0xff) < 0x10 || ((ver >> 16) & 0xff) < 5 )
        return test_failure("version 0x%x: want integrated, >= 6 LVTs", ver),
               false;
    return true;
}

static bool test_oneshot(void)
{
    uint32_t c1, c2 = 0;
    uint64_t t0;
    unsigned int i;

    apic_wr(0x3e0, 0xb);                        /* divide by 1 */
    apic_wr(0x320, VEC_TIMER);                  /* one-shot */
    apic_wr(0x380, 20000000);                   /* 20 ms at 1 GHz */
    t0 = tsc();
    c1 = apic_rd(0x390);
    for ( i = 0; i < 50 && (c2 = apic_rd(0x390)) == c1; i++ )
        spin_us(100);                           /* Xen's count is coarse */
    printf("one-shot: TMCCT %u then %u\n", c1, c2);
    if ( !c1 || c1 > 20000000 || c2 >= c1 )
        return test_failure("TMCCT does not count down: %u, %u", c1, c2),
               false;
    if ( !wait_count(&n_timer, 1, 2000000, true) )
        return test_failure("one-shot timer interrupt did not arrive"), false;
    printf("one-shot: 20 ms timer fired after %lu us\n",
           (unsigned long)((tsc() - t0) / us_to_tsc(1)));
    spin_us(30000);
    if ( n_timer != 1 || apic_rd(0x390) != 0 )
        return test_failure("one-shot fired %u times, TMCCT %u", n_timer,
                            apic_rd(0x390)), false;
    return true;
}

static bool test_periodic(void)
{
    uint64_t t0 = tsc(), dt;
    unsigned int n;

    n_timer = 0;
    apic_wr(0x320, VEC_TIMER | LVT_PERIODIC);
    apic_wr(0x380, 5000000);                    /* 5 ms */
    if ( !wait_count(&n_timer, 5, 3000000, true) )
        return test_failure("periodic: %u interrupts in 3 s", n_timer), false;
    dt = tsc() - t0;
    apic_wr(0x380, 0);                          /* stop */
    n = n_timer;
    spin_us(20000);
    printf("periodic: 5 ticks of 5 ms in %lu us\n",
           (unsigned long)(dt / us_to_tsc(1)));
    if ( dt < us_to_tsc(20000) )
        return test_failure("5 periods took only %lu us",
                            (unsigned long)(dt / us_to_tsc(1))), false;
    if ( n_timer > n + 1 )
        return test_failure("timer still runs after TMICT = 0"), false;
    /*
     * The shortest period there is (TMICT 1, divide by 1), masked: the
     * hypervisor must keep running us (it spaces expiries, as Xen does)
     * instead of spinning in its timer handler.
     */
    apic_wr(0x3e0, 0xb);
    apic_wr(0x320, VEC_TIMER | LVT_PERIODIC | LVT_MASKED);
    apic_wr(0x380, 1);
    spin_us(50000);
    apic_wr(0x380, 0);
    apic_wr(0x3e0, 0);
    printf("periodic with TMICT 1 for 50 ms: still running\n");
    apic_wr(0x320, VEC_TIMER | LVT_MASKED);
    return true;
}

static bool test_self_ipi(void)
{
    n_ipi = 0;
    apic_wr(0x300, VEC_IPI | SH_SELF);          /* IF = 0: stays in IRR */
    if ( !(apic_rd(0x220) & (1u << 16)) )
        return test_failure("self-IPI not in IRR (IRR1 0x%x)",
                            apic_rd(0x220)), false;
    if ( !wait_ipi(1) )
        return test_failure("self-IPI (shorthand) not delivered"), false;
    if ( apic_rd(0x220) || apic_rd(0x120) )
        return test_failure("after EOI: IRR1 0x%x ISR1 0x%x", apic_rd(0x220),
                            apic_rd(0x120)), false;
    printf("  self-IPI delivered and EOIed\n");
    if ( !x2 )
        apic_wr(0x310, 0);                      /* physical id 0: us */
    apic_wr(0x300, VEC_IPI | (1u << 14));       /* fixed, assert */
    if ( !wait_ipi(2) )
        return test_failure("IPI to own physical id not delivered"), false;
    return true;
}

static bool test_tpr(void)
{
    apic_wr(0x80, 0x50);                        /* class 5 held back */
    apic_wr(0x300, VEC_IPI | SH_SELF);
    spin_us(2000);
    if ( n_ipi != 2 )
        return test_failure("IPI delivered despite TPR 0x50"), false;
    if ( apic_rd(0xa0) != 0x50 )
        return test_failure("PPR 0x%x with TPR 0x50", apic_rd(0xa0)), false;
    apic_wr(0x80, 0);
    if ( !wait_ipi(3) )
        return test_failure("IPI not delivered after lowering TPR"), false;
    printf("self-IPI and TPR: ok\n");
    return true;
}

/* sti; hlt with an interrupt already pending must not sleep. */
static bool test_hlt_pending(void)
{
    uint64_t t0;

    apic_wr(0x320, VEC_TIMER);                  /* backstop: 500 ms */
    apic_wr(0x380, 500000000);
    n_timer = 0;
    apic_wr(0x300, VEC_IPI | SH_SELF);
    t0 = tsc();
    asm volatile ( "sti; hlt; cli" ::: "memory" );
    apic_wr(0x380, 0);
    if ( n_ipi != 4 || n_timer || tsc() - t0 > us_to_tsc(200000) )
        return test_failure("HLT with a pending IPI slept (%lu us, ipi %u "
                            "timer %u)", (unsigned long)((tsc() - t0) /
                            us_to_tsc(1)), n_ipi, n_timer), false;
    return true;
}

static bool test_deadline(void)
{
    if ( !(cpuid(1).c & (1u << 24)) )
    {
        printf("TSC-deadline not offered: skipped\n");
        return true;
    }
    n_timer = 0;
    apic_wr(0x320, VEC_TIMER | LVT_DEADLINE);
    wrmsr(MSR_TSC_DL, tsc() + us_to_tsc(2000));
    if ( !wait_count(&n_timer, 1, 2000000, true) )
        return test_failure("TSC-deadline interrupt did not arrive"), false;
    if ( rdmsr(MSR_TSC_DL) != 0 )
        return test_failure("TSC_DEADLINE not 0 after expiry"), false;
    apic_wr(0x320, VEC_TIMER | LVT_MASKED);
    printf("TSC-deadline: ok\n");
    return true;
}

static bool test_x2apic(void)
{
    uint64_t v;
    uint32_t info;

    if ( !(cpuid(1).c & (1u << 21)) )
    {
        printf("x2APIC not offered: skipped\n");
        return true;
    }
    wrmsr(MSR_APIC_BASE, APIC_PAGE | 0xc00 | 0x100);
    x2 = true;
    printf("x2APIC: ID 0x%x LDR 0x%x version 0x%x\n", apic_rd(0x20),
           apic_rd(0xd0), apic_rd(0x30));
    if ( apic_rd(0x20) != 0 || apic_rd(0xd0) != 1 )
        return test_failure("x2APIC ID/LDR wrong"), false;
    wrmsr(0x83f, VEC_IPI);                      /* SELF_IPI */
    if ( !wait_ipi(5) )
        return test_failure("x2APIC SELF_IPI not delivered"), false;
    if ( !(rdmsr_safe(0x80e, &v) && wrmsr_safe(0x80b, 1)) )
        return test_failure("x2APIC DFR read / EOI(1) did not #GP"), false;
    info = wrmsr_safe(MSR_APIC_BASE, APIC_PAGE | 0x800 | 0x100);
    if ( EXINFO_VECTOR(info) != X86_EXC_GP || !(info & EXINFO_FAULTED) )
        return test_failure("x2APIC -> xAPIC did not #GP"), false;
    wrmsr(MSR_APIC_BASE, APIC_PAGE | 0x100);    /* disable */
    wrmsr(MSR_APIC_BASE, APIC_PAGE | 0x900);    /* xAPIC again */
    x2 = false;
    if ( apic_rd(0xf0) & 0x100 )
        return test_failure("SVR 0x%x: still enabled after disable",
                            apic_rd(0xf0)), false;
    return true;
}

void test_main(void)
{
    set_irq_handler(VEC_TIMER, timer_irq);
    set_irq_handler(VEC_IPI, ipi_irq);
    set_irq_handler(VEC_SPURIOUS, spurious_irq);
    asm volatile ( "cli" );
    if ( !check_identity() )
        return;
    apic_wr(0x80, 0);
    apic_wr(0xf0, 0x100 | VEC_SPURIOUS);
    if ( !test_oneshot() || !test_periodic() )
        return;
    printf("self-IPI, TPR, HLT with a pending interrupt\n");
    if ( !test_self_ipi() || !test_tpr() || !test_hlt_pending() ||
         !test_deadline() || !test_x2apic() )
        return;
    apic_wr(0xf0, VEC_SPURIOUS);
    test_success();
}
