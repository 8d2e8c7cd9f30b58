/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cpu-hog: a CPU-bound domain for the scheduler's fairness and cap tests
 * (tests/e2e/fairness.sh). It spins for "seconds=N" (default 1) of
 * wall-clock time, measured with the TSC at the frequency of CPUID leaf
 * base+3 subleaf 0 ECX (kHz), and counts loop iterations only in the
 * window [1 s, N - 1 s] (the whole run if N < 3). Domains that are
 * started one after another thus overlap in their windows, and the
 * counts of two hogs on one CPU compare their CPU shares. The running
 * time of the runstate (VCPUOP_get_runstate_info) over the same window
 * is the share the scheduler gave, without the cost of switches. Output:
 * "hog: <count> in <ms> ms, running <us> us" and SUCCESS.
 */
#include <guest/test.h>
#include <public/vcpu.h>

const char test_title[] = "CPU hog: count loop iterations for a while";

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    asm volatile ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

static unsigned long cmdline_ulong(const char *name, unsigned long dflt)
{
    char buf[24];
    unsigned long v = 0;
    const char *p;

    if ( !cmdline_get(name, buf, sizeof(buf)) || !buf[0] )
        return dflt;
    for ( p = buf; *p >= '0' && *p <= '9'; p++ )
        v = v * 10 + (unsigned long)(*p - '0');
    return *p ? dflt : v;
}

static struct vcpu_runstate_info rs;

static uint64_t running_ns(void)
{
    if ( hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_get_runstate_info, 0, &rs) )
        return 0;
    return rs.time[RUNSTATE_running];
}

/*
 * Spin until TSC "until"; returns the loop iterations. A jump of the TSC
 * by more than "gap" cycles between two iterations is time this vCPU did
 * not run; it is added to *stolen.
 */
static uint64_t spin(uint64_t until, uint64_t gap, uint64_t *stolen)
{
    uint64_t n = 0, last = rdtsc(), t;

    while ( (t = rdtsc()) < until )
    {
        if ( t - last > gap )
            *stolen += t - last;
        last = t;
        n++;
    }
    return n;
}

void test_main(void)
{
    unsigned long secs = cmdline_ulong("seconds", 1);
    uint64_t khz = cpuid_count(hv.base + 3, 0).c, start, w0, w1, end;
    uint64_t count, r0, r1, stolen = 0, outside = 0, gap, ms;

    if ( hv.max_leaf < hv.base + 3 || !khz )
    {
        test_error("no TSC frequency in CPUID leaf base+3");
        return;
    }
    if ( secs < 1 || secs > 3600 )
    {
        test_error("seconds=%lu out of range 1..3600", secs);
        return;
    }
    printf("hog: %lu s at TSC %llu kHz\n", secs, (unsigned long long)khz);
    start = rdtsc();
    end = start + secs * khz * 1000;
    w0 = secs >= 3 ? start + khz * 1000 : start;
    w1 = secs >= 3 ? end - khz * 1000 : end;
    gap = khz * 20 / 1000;                      /* 20 us */
    spin(w0, gap, &outside);
    r0 = running_ns();
    count = spin(w1, gap, &stolen);
    r1 = running_ns();
    spin(end, gap, &outside);
    ms = (w1 - w0) / khz;
    /* Not running: TSC jumps of more than 20 us seen from inside. */
    printf("hog: %llu in %llu ms, running %llu us, seen running %llu us\n",
           (unsigned long long)count, (unsigned long long)ms,
           (unsigned long long)((r1 - r0) / 1000),
           (unsigned long long)((w1 - w0 - stolen) * 1000 / khz));
    CHECK(count > 0, "no loop iterations in the window");
    test_success();
}
