/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * System time: the TSC, calibrated once at boot against PIT channel 2,
 * scaled to nanoseconds since boot. NOW() is 0 until time_init().
 */
#include <xen/lib.h>
#include <xen/time.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/time.h>

#define PIT_HZ          1193182
#define CALIBRATE_MS    50

uint64_t cpu_khz;
static uint64_t boot_tsc;           /* [I] TSC at time_init() */
static uint64_t tsc_mul;            /* [I] ns per tick, 32.32 fixed point */

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

void time_init(void)
{
    uint64_t hz = calibrate_tsc_pit();

    if ( hz < 1000000 )
    {
        printk(XENLOG_WARNING "TSC calibration failed (%lu Hz); assuming "
               "1 GHz\n", (unsigned long)hz);
        hz = 1000000000;
    }
    cpu_khz = hz / 1000;
    tsc_mul = (NSEC_PER_SEC << 32) / hz;
    boot_tsc = rdtsc();
    printk("TSC: %lu.%03lu MHz (PIT)\n", (unsigned long)(cpu_khz / 1000),
           (unsigned long)(cpu_khz % 1000));
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
