/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * System time: the TSC, calibrated once at boot against the HPET (from
 * the ACPI HPET table; much steadier under emulation) or else PIT channel
 * 2, scaled to nanoseconds since boot. NOW() is 0 until time_init().
 * Assumption: the TSC is invariant and synchronised across CPUs (true on
 * QEMU and current hardware), so one boot-time reference serves all CPUs
 * and NOW() is monotonic and consistent everywhere.
 */
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/time.h>
#include <asm/acpi.h>
#include <asm/io.h>
#include <asm/paging.h>
#include <asm/processor.h>
#include <asm/time.h>

#define PIT_HZ          1193182
#define CALIBRATE_MS    50

uint64_t cpu_khz;
static uint64_t boot_tsc;           /* [I] TSC at time_init() */
static uint64_t tsc_mul;            /* [I] ns per tick, 32.32 fixed point */
static uint64_t ns_to_tsc_mul;      /* [I] ticks per ns, 32.32 fixed point */

static bool opt_hpet = true;
boolean_param("hpet", opt_hpet,
              "calibrate the TSC against the HPET if the ACPI tables list "
              "one; off: use the PIT (on)");

#define HPET_ID         0x000   /* bits 63:32: counter period in fs */
#define HPET_CFG        0x010
#define  HPET_CFG_ENABLE 1u
#define HPET_COUNTER    0x0f0
#define FS_PER_SEC      1000000000000000ULL

/* Count TSC ticks over CALIBRATE_MS using PIT channel 2 in one-shot mode. */
static uint64_t calibrate_tsc_pit(void)
{
    uint32_t count = PIT_HZ * CALIBRATE_MS / 1000;
    uint64_t start, end;
    unsigned int spins = 0;

    /* Gate high, speaker off; channel 2, lobyte/hibyte, mode 0. */
    outb((inb(0x61) & ~0x02) | 0x01, 0x61);
    outb(0xb0, 0x43);
    outb(count & 0xff, 0x42);
    outb(count >> 8, 0x42);
    start = rdtsc();
    while ( !(inb(0x61) & 0x20) && ++spins < 100000000 )
        ;
    end = rdtsc();
    return (end - start) * 1000 / CALIBRATE_MS;
}

/* Count TSC ticks over CALIBRATE_MS of the HPET main counter; 0: failed. */
static uint64_t calibrate_tsc_hpet(void)
{
    volatile uint8_t *h = ioremap(acpi_info.hpet_addr, 1024);
    uint64_t period, ticks, c0, t0, c1, t1, spins = 0;

    if ( !h )
        return 0;
    period = readq(h + HPET_ID) >> 32;
    if ( period == 0 || period > 100000000ULL )   /* > 100 ns: bogus */
        return 0;
    writel(readl(h + HPET_CFG) | HPET_CFG_ENABLE, h + HPET_CFG);
    ticks = FS_PER_SEC / 1000 * CALIBRATE_MS / period;
    c0 = readq(h + HPET_COUNTER);
    t0 = rdtsc();
    do {
        c1 = readq(h + HPET_COUNTER);
        t1 = rdtsc();
    } while ( c1 - c0 < ticks && ++spins < 100000000 );
    if ( c1 - c0 < ticks )
        return 0;                           /* counter not running */
    /* hz = dtsc / (dticks * period / 1e15), without 128-bit division. */
    return (t1 - t0) * (FS_PER_SEC / period) / (c1 - c0) +
           (t1 - t0) * (FS_PER_SEC % period) / period / (c1 - c0);
}

void time_init(void)
{
    const char *src = "HPET";
    uint64_t hz = 0;

    if ( opt_hpet && acpi_info.hpet_addr )
        hz = calibrate_tsc_hpet();
    if ( hz < 1000000 )
    {
        src = "PIT";
        hz = calibrate_tsc_pit();
    }

    if ( hz < 1000000 )
    {
        printk(XENLOG_WARNING "TSC calibration failed (%lu Hz); assuming "
               "1 GHz\n", (unsigned long)hz);
        hz = 1000000000;
    }
    cpu_khz = hz / 1000;
    tsc_mul = (NSEC_PER_SEC << 32) / hz;
    ns_to_tsc_mul = ((hz / NSEC_PER_SEC) << 32) +
                    ((hz % NSEC_PER_SEC) << 32) / NSEC_PER_SEC;
    boot_tsc = rdtsc();
    printk("TSC: %lu.%03lu MHz (%s)\n", (unsigned long)(cpu_khz / 1000),
           (unsigned long)(cpu_khz % 1000), src);
}

uint64_t stime_to_tsc(s_time_t t)
{
    return boot_tsc + (uint64_t)(((unsigned __int128)(uint64_t)t *
                                  ns_to_tsc_mul) >> 32);
}

s_time_t NOW(void)
{
    uint64_t d;

    if ( !tsc_mul )
        return 0;
    d = rdtsc() - boot_tsc;
    return (s_time_t)(((unsigned __int128)d * tsc_mul) >> 32);
}

void udelay(unsigned long us)
{
    uint64_t end = rdtsc() + us * cpu_khz / 1000;

    while ( (int64_t)(rdtsc() - end) < 0 )
        __asm__ __volatile__ ( "pause" );
}

void mdelay(unsigned long ms)
{
    udelay(ms * 1000);
}
