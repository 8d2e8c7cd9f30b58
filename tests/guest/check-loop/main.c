/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * check-loop: deterministic work that must keep giving the same answers
 * while other domains misbehave (tests/e2e/hostile.sh, crash-npf.sh).
 * For "seconds=N" (default 1) of wall-clock time it repeats rounds: check
 * that the 4 MiB buffer still holds the previous round's sequence, refill
 * it from a new seed, compare the sum of the buffer with the same sum
 * computed in registers only, and make benign hypercalls (xen_version,
 * current_reservation, runstate, yield) whose results must not change.
 * Prints progress every 2 s and "check-loop: N rounds" at the end.
 */
#include <guest/test.h>
#include <public/memory.h>
#include <public/sched.h>
#include <public/vcpu.h>
#include <public/version.h>

const char test_title[] = "check loop: memory and hypercall results stay stable";

#define WORDS   ((4u << 20) / 8)

static uint64_t buf[WORDS];
static struct vcpu_runstate_info rs;

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    asm volatile ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t next(uint64_t x)
{
    return x * 6364136223846793005ULL + 1442695040888963407ULL;
}

static unsigned long cmdline_ulong(const char *name, unsigned long dflt)
{
    char b[24];
    unsigned long v = 0;
    const char *p;

    if ( !cmdline_get(name, b, sizeof(b)) || !b[0] )
        return dflt;
    for ( p = b; *p >= '0' && *p <= '9'; p++ )
        v = v * 10 + (unsigned long)(*p - '0');
    return *p ? dflt : v;
}

/* Sum of the sequence from seed, computed without touching memory. */
static uint64_t reg_sum(uint64_t seed)
{
    uint64_t x = seed, s = 0;
    unsigned int i;

    for ( i = 0; i < WORDS; i++ )
    {
        x = next(x);
        s += x ^ i;
    }
    return s;
}

/* Check the buffer against seed's sequence; returns the bad index or -1. */
static long verify(uint64_t seed)
{
    uint64_t x = seed;
    unsigned int i;

    for ( i = 0; i < WORDS; i++ )
    {
        x = next(x);
        if ( buf[i] != (x ^ i) )
            return i;
    }
    return -1;
}

static uint64_t fill(uint64_t seed)
{
    uint64_t x = seed, s = 0;
    unsigned int i;

    for ( i = 0; i < WORDS; i++ )
    {
        x = next(x);
        buf[i] = x ^ i;
    }
    for ( i = 0; i < WORDS; i++ )
        s += buf[i];
    return s;
}

static long benign_calls(long *ver, long *pages)
{
    domid_t self = DOMID_SELF;
    long v = hypervisor_xen_version(XENVER_version, NULL);
    long p = hypercall2(__HYPERVISOR_memory_op, XENMEM_current_reservation,
                        &self);
    long r = hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_get_runstate_info, 0,
                        &rs);

    hypervisor_sched_op(SCHEDOP_yield, NULL);
    if ( *ver < 0 )
    {
        *ver = v;
        *pages = p;
    }
    return (v == *ver && p == *pages && !r && rs.state == RUNSTATE_running)
           ? 0 : -1;
}

static bool round_ok(unsigned long r, long *ver, long *pages)
{
    long bad = r ? verify(r - 1) : -1;
    uint64_t s;

    if ( !CHECK(bad < 0, "round %lu: word %ld of the buffer changed", r, bad) )
        return false;
    s = fill(r);
    if ( !CHECK(s == reg_sum(r), "round %lu: memory sum differs", r) )
        return false;
    return CHECK(!benign_calls(ver, pages), "round %lu: hypercall results "
                 "changed (version %ld, pages %ld, runstate %d)", r, *ver,
                 *pages, rs.state);
}

void test_main(void)
{
    unsigned long secs = cmdline_ulong("seconds", 1), r;
    uint64_t khz = cpuid_count(hv.base + 3, 0).c, end, report;
    long ver = -1, pages = -1;

    if ( !khz || secs > 3600 )
    {
        test_error("no TSC frequency, or seconds=%lu out of range", secs);
        return;
    }
    end = rdtsc() + secs * khz * 1000;
    report = rdtsc() + 2 * khz * 1000;
    for ( r = 0; rdtsc() < end || r < 2; r++ )
    {
        if ( !round_ok(r, &ver, &pages) )
            return;
        if ( rdtsc() >= report )
        {
            printf("check-loop: %lu rounds so far\n", r + 1);
            report += 2 * khz * 1000;
        }
    }
    printf("check-loop: %lu rounds, version 0x%lx, %ld pages\n", r, ver,
           pages);
    test_success();
}
