/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Local APIC driver: xAPIC through an uncached MMIO mapping or x2APIC
 * through MSRs (SDM Vol3 ch. 10), per-CPU set-up, IPIs, and the per-CPU
 * one-shot timer that common/timer.c drives through reprogram_timer():
 * TSC-deadline mode if the CPU has it, else the APIC timer in one-shot
 * mode calibrated against the TSC. Also the x86 side of the softirq kick
 * and call-function IPIs (xen/softirq.h, xen/smp-arch.h).
 *
 * Locking: none. Each CPU touches only its own APIC; ICR writes are done
 * with IRQs off so that an interrupt handler's IPI cannot split an xAPIC
 * ICR2/ICR pair.
 */
#include <xen/cpumask.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/smp-arch.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/msr-index.h>
#include <asm/page.h>
#include <asm/paging.h>
#include <asm/percpu-area.h>
#include <asm/processor.h>
#include <asm/system.h>
#include <asm/time.h>
#include <asm/traps.h>

#define CALIBRATE_US    5000
#define ICR_SPIN_LIMIT  10000000

bool x2apic_enabled;
static bool opt_x2apic = true;
boolean_param("x2apic", opt_x2apic,
              "use x2APIC mode when the CPU supports it (on)");
static bool opt_tsc_deadline = true;
boolean_param("tsc_deadline", opt_tsc_deadline,
              "use the TSC-deadline timer when the CPU supports it (on)");

static volatile uint8_t *xapic_base;    /* [I] xAPIC MMIO page */
static bool use_tsc_deadline;           /* [I] */
static uint64_t tmict_per_ns;           /* [I] one-shot ticks/ns, 32.32 */
static DEFINE_PER_CPU(unsigned long, timer_irqs);
static DEFINE_PER_CPU(bool, timer_ready);

uint32_t apic_read(unsigned int reg)
{
    if ( x2apic_enabled )
        return (uint32_t)rdmsr(MSR_X2APIC_FIRST + (reg >> 4));
    return readl(xapic_base + reg);
}

void apic_write(unsigned int reg, uint32_t v)
{
    if ( x2apic_enabled )
        wrmsr(MSR_X2APIC_FIRST + (reg >> 4), v);
    else
        writel(v, xapic_base + reg);
}

void apic_eoi(void)
{
    apic_write(APIC_EOI, 0);
}

uint32_t apic_current_id(void)
{
    if ( x2apic_enabled )
        return (uint32_t)rdmsr(MSR_X2APIC_FIRST + (APIC_ID >> 4));
    return readl(xapic_base + APIC_ID) >> 24;
}

/* ---- IPIs --------------------------------------------------------------- */

static void xapic_wait_icr_idle(void)
{
    unsigned long spins = 0;

    while ( readl(xapic_base + APIC_ICR) & APIC_ICR_BUSY )
    {
        if ( ++spins == ICR_SPIN_LIMIT )
        {
            printk(XENLOG_WARNING "APIC: IPI delivery stuck on CPU %u\n",
                   smp_processor_id());
            return;
        }
        cpu_relax();
    }
}

static void icr_write(uint32_t dest, uint32_t low)
{
    unsigned long flags = local_irq_save();

    if ( x2apic_enabled )
    {
        /* x2APIC ICR writes are not serialising: order prior stores. */
        smp_mb();
        wrmsr(MSR_X2APIC_FIRST + (APIC_ICR >> 4),
              ((uint64_t)dest << 32) | low);
    }
    else
    {
        xapic_wait_icr_idle();
        writel(dest << 24, xapic_base + APIC_ICR2);
        writel(low, xapic_base + APIC_ICR);
        xapic_wait_icr_idle();
    }
    local_irq_restore(flags);
}

void apic_send_ipi(uint32_t dest_apic_id, uint32_t icr_low)
{
    icr_write(dest_apic_id, icr_low);
}

void apic_send_ipi_allbutself(uint32_t icr_low)
{
    icr_write(0, icr_low | APIC_DEST_ALLBUT);
}

void send_ipi_cpu(unsigned int cpu, unsigned int vector)
{
    const struct cpu_local *cl = percpu_local(cpu);

    if ( cl )
        icr_write(cl->apic_id, APIC_DM_FIXED | vector);
}

void arch_softirq_kick(unsigned int cpu)
{
    if ( cpumask_test_cpu(cpu, &cpu_online_map) )
        send_ipi_cpu(cpu, EVENT_CHECK_VECTOR);
}

void arch_send_call_function_ipi(const struct cpumask *mask)
{
    unsigned int cpu;

    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
        if ( cpumask_test_cpu(cpu, mask) )
            send_ipi_cpu(cpu, CALL_FUNCTION_VECTOR);
}

/* ---- vector handlers ---------------------------------------------------- */

static DEFINE_PER_CPU(struct trap_regs *, irq_regs);

struct trap_regs *apic_irq_regs(void)
{
    return this_cpu(irq_regs);
}

static void timer_interrupt(struct trap_regs *regs)
{
    (void)regs;
    this_cpu(timer_irqs)++;
    apic_eoi();
    raise_softirq(TIMER_SOFTIRQ);
}

static void event_check_interrupt(struct trap_regs *regs)
{
    (void)regs;
    /* Nothing to do: the idle loop runs softirqs once it wakes. */
    apic_eoi();
}

static void call_function_interrupt(struct trap_regs *regs)
{
    struct trap_regs *old = this_cpu(irq_regs);

    apic_eoi();
    this_cpu(irq_regs) = regs;
    smp_call_function_interrupt();
    this_cpu(irq_regs) = old;
}

static void error_interrupt(struct trap_regs *regs)
{
    uint32_t esr;

    (void)regs;
    apic_write(APIC_ESR, 0);            /* latch, then read */
    esr = apic_read(APIC_ESR);
    apic_eoi();
    printk(XENLOG_WARNING "APIC error on CPU %u: ESR %#x\n",
           smp_processor_id(), esr);
}

/* ---- timer -------------------------------------------------------------- */

unsigned long apic_timer_irqs(unsigned int cpu)
{
    return per_cpu(timer_irqs, cpu);
}

const char *apic_timer_mode(void)
{
    return use_tsc_deadline ? "TSC-deadline" : "APIC one-shot";
}

bool reprogram_timer(s_time_t timeout)
{
    s_time_t now;
    uint64_t ticks;

    if ( !this_cpu(timer_ready) )
        return true;                    /* before apic set-up: no timer */
    if ( !timeout )
    {
        if ( use_tsc_deadline )
            wrmsr(MSR_TSC_DEADLINE, 0);
        else
            apic_write(APIC_TMICT, 0);
        return true;
    }
    now = NOW();
    if ( timeout <= now )
        return false;
    if ( use_tsc_deadline )
    {
        wrmsr(MSR_TSC_DEADLINE, stime_to_tsc(timeout));
        return true;
    }
    ticks = (uint64_t)(((unsigned __int128)(uint64_t)(timeout - now) *
                        tmict_per_ns) >> 32);
    /* Too far away for 32 bits: fire early; timer.c re-arms. */
    if ( ticks > 0xffffffffu )
        ticks = 0xffffffffu;
    apic_write(APIC_TMICT, ticks ? (uint32_t)ticks : 1);
    return true;
}

/*
 * One measurement: APIC timer ticks (divide by 1) per TSC tick, as 32.32
 * fixed point, over about CALIBRATE_US. The TSC is read right next to
 * the two APIC accesses, so a pause of the (emulated) CPU anywhere else
 * does not skew the ratio.
 */
static uint64_t measure_apic_per_tsc(void)
{
    uint64_t t0, t1, ticks, span = cpu_khz * CALIBRATE_US / 1000;
    uint32_t left;

    apic_write(APIC_LVTT, APIC_LVT_MASKED | TIMER_VECTOR);
    apic_write(APIC_TDCR, 0xb);         /* divide by 1 */
    apic_write(APIC_TMICT, 0xffffffffu);
    t0 = rdtsc();
    while ( rdtsc() - t0 < span )
        cpu_relax();
    left = apic_read(APIC_TMCCT);
    t1 = rdtsc();
    apic_write(APIC_TMICT, 0);
    ticks = 0xffffffffu - left;
    if ( ticks < 1000 || t1 <= t0 )
        return 0;
    return (ticks << 32) / (t1 - t0);
}

/* The median of three measurements, converted to ticks per ns. */
static void calibrate_oneshot(void)
{
    uint64_t m[3], t, per_tsc;
    unsigned int i, j;

    for ( i = 0; i < 3; i++ )
        m[i] = measure_apic_per_tsc();
    for ( i = 0; i < 3; i++ )           /* sort three values */
        for ( j = i + 1; j < 3; j++ )
            if ( m[j] < m[i] )
            {
                t = m[i];
                m[i] = m[j];
                m[j] = t;
            }
    per_tsc = m[1];
    if ( !per_tsc )
    {
        printk(XENLOG_WARNING "APIC: timer calibration failed; assuming "
               "it runs at the TSC rate\n");
        per_tsc = 1ULL << 32;
    }
    /*
     * ticks/ns = ticks/tsc * tsc/ns = per_tsc * cpu_khz / 1e6 (32.32).
     * No overflow: an APIC timer faster than 16x the TSC does not exist,
     * so per_tsc < 2^36 and cpu_khz < 2^23.
     */
    if ( per_tsc >= (1ULL << 36) )
        per_tsc = (1ULL << 36) - 1;
    tmict_per_ns = per_tsc * cpu_khz / 1000000;
    printk("APIC: timer runs at %lu kHz\n",
           (unsigned long)((per_tsc * cpu_khz) >> 32));
}

static void timer_setup_cpu(void)
{
    if ( use_tsc_deadline )
    {
        apic_write(APIC_LVTT, APIC_TIMER_DEADLINE | TIMER_VECTOR);
        /* SDM 10.5.4.1: order the LVT write before IA32_TSC_DEADLINE. */
        __asm__ __volatile__ ( "mfence; lfence" ::: "memory" );
        wrmsr(MSR_TSC_DEADLINE, 0);
    }
    else
    {
        apic_write(APIC_TDCR, 0xb);
        apic_write(APIC_LVTT, APIC_TIMER_ONESHOT | TIMER_VECTOR);
        apic_write(APIC_TMICT, 0);
    }
    this_cpu(timer_ready) = true;
}

/* ---- per-CPU set-up ----------------------------------------------------- */

static void setup_cpu(bool bsp)
{
    uint64_t base = rdmsr(MSR_APIC_BASE);
    unsigned int maxlvt;

    if ( !(base & APIC_BASE_ENABLE) )
        wrmsr(MSR_APIC_BASE, base |= APIC_BASE_ENABLE);
    /* xAPIC -> x2APIC is a legal transition (SDM 10.12.5). */
    if ( x2apic_enabled && !(base & APIC_BASE_EXTD) )
        wrmsr(MSR_APIC_BASE, base | APIC_BASE_EXTD);

    maxlvt = (apic_read(APIC_LVR) >> 16) & 0xff;
    apic_write(APIC_TASKPRI, 0);
    apic_write(APIC_LVT0, APIC_LVT_MASKED);     /* no ExtINT: 8259 off */
    apic_write(APIC_LVT1, bsp ? APIC_DM_NMI : APIC_LVT_MASKED);
    if ( maxlvt >= 4 )
        apic_write(APIC_LVTPC, APIC_LVT_MASKED);
    if ( maxlvt >= 5 )
        apic_write(APIC_LVTTHMR, APIC_LVT_MASKED);
    apic_write(APIC_LVTERR, ERROR_APIC_VECTOR);
    apic_write(APIC_ESR, 0);
    apic_write(APIC_ESR, 0);
    apic_write(APIC_SPIV, APIC_SPIV_ENABLE | SPURIOUS_APIC_VECTOR);
}

static void choose_mode(void)
{
    struct cpuid_regs r;
    bool has_x2apic;
    uint64_t base = rdmsr(MSR_APIC_BASE);

    cpuid(1, &r);
    has_x2apic = r.ecx & (1u << 21);
    use_tsc_deadline = opt_tsc_deadline && (r.ecx & (1u << 24));
    x2apic_enabled = has_x2apic && opt_x2apic;
    if ( (base & APIC_BASE_EXTD) && !x2apic_enabled )
    {
        /* Leaving x2APIC needs a full APIC disable; keep the firmware's. */
        printk(XENLOG_WARNING "APIC: firmware enabled x2APIC; keeping it\n");
        x2apic_enabled = true;
    }
    if ( !x2apic_enabled )
    {
        paddr_t pa = base & APIC_BASE_ADDR_MASK;

        if ( acpi_info.lapic_addr && acpi_info.lapic_addr != pa )
            printk(XENLOG_WARNING "APIC: MADT says %#lx, MSR says %#lx; "
                   "using the MSR\n", (unsigned long)acpi_info.lapic_addr,
                   (unsigned long)pa);
        xapic_base = ioremap(pa, PAGE_SIZE);
        BUG_ON(!xapic_base);
    }
    printk("APIC: %s mode%s, timer: %s\n", x2apic_enabled ? "x2APIC" : "xAPIC",
           has_x2apic && !opt_x2apic ? " (x2APIC disabled by option)" : "",
           use_tsc_deadline ? "TSC-deadline" : "one-shot");
}

void apic_init_bsp(void)
{
    choose_mode();
    setup_cpu(true);
    get_cpu_local()->apic_id = apic_current_id();
    set_vector_handler(TIMER_VECTOR, timer_interrupt);
    set_vector_handler(EVENT_CHECK_VECTOR, event_check_interrupt);
    set_vector_handler(CALL_FUNCTION_VECTOR, call_function_interrupt);
    set_vector_handler(ERROR_APIC_VECTOR, error_interrupt);
    if ( !use_tsc_deadline )
        calibrate_oneshot();
    timer_setup_cpu();
    printk("APIC: boot CPU APIC id %u\n", get_cpu_local()->apic_id);
}

void apic_init_ap(void)
{
    setup_cpu(false);
    timer_setup_cpu();
}
