/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench-hcall: the cost of exits as the guest sees it, in TSC cycles:
 * RDTSC itself (the baseline), CPUID leaf 0 and the hypervisor's base
 * leaf, and the null hypercall xen_version(XENVER_version) issued with
 * VMMCALL/VMCALL directly and through the hypercall page. Each is timed
 * "samples=N" times (default 2000) after a warm-up, and reported as one
 * line "bench: NAME: median M p10 A p90 B min C max D cycles (N samples)"
 * that scripts/bench parses. Fails only if an operation misbehaves.
 */
#include <guest/test.h>
#include <public/version.h>

const char test_title[] = "Bench: RDTSC, CPUID and null hypercall cycles";

#define DEFAULT_SAMPLES 2000u
#define MAX_SAMPLES     20000u
#define WARMUP          200u

static uint64_t samples[MAX_SAMPLES];
static long expect_version;         /* XENVER_version's answer */
static bool bad_result;             /* an operation returned nonsense */

/* lfence on both sides: nothing moves into or out of the window. */
static inline uint64_t tsc(void)
{
    uint32_t lo, hi;

    asm volatile ( "lfence; rdtsc; lfence" : "=a" (lo), "=d" (hi)
                   :: "memory" );
    return ((uint64_t)hi << 32) | lo;
}

static uint64_t time_rdtsc(void)
{
    uint64_t t0 = tsc();

    return tsc() - t0;
}

static uint64_t time_cpuid(uint32_t leaf)
{
    uint64_t t0 = tsc();
    struct cpuid_res r = cpuid(leaf);
    uint64_t t1 = tsc();

    if ( leaf == hv.base && r.b != 0x566e6558 )     /* "XenV" */
        bad_result = true;
    return t1 - t0;
}

static uint64_t time_cpuid_0(void)
{
    return time_cpuid(0);
}

static uint64_t time_cpuid_base(void)
{
    return time_cpuid(hv.base);
}

/* The null hypercall inline, so that only the exit lies in the window. */
static uint64_t time_hcall_direct(void)
{
    register unsigned long r10 asm ("r10") = 0;
    register unsigned long r8 asm ("r8") = 0;
    unsigned long a1 = XENVER_version, a2 = 0, a3 = 0;
    long ret = __HYPERVISOR_xen_version;
    uint64_t t0 = tsc(), t1;

    if ( hv.amd )
        asm volatile ( "vmmcall"
                       : "+a" (ret), "+D" (a1), "+S" (a2), "+d" (a3),
                         "+r" (r10), "+r" (r8)
                       :: "rcx", "r9", "r11", "memory" );
    else
        asm volatile ( "vmcall"
                       : "+a" (ret), "+D" (a1), "+S" (a2), "+d" (a3),
                         "+r" (r10), "+r" (r8)
                       :: "rcx", "r9", "r11", "memory" );
    t1 = tsc();
    if ( ret != expect_version )
        bad_result = true;
    return t1 - t0;
}

static uint64_t time_hcall_page(void)
{
    uint64_t t0 = tsc();
    long ret = hypercall_with(HCALL_PAGE, __HYPERVISOR_xen_version,
                              XENVER_version, 0, 0, 0, 0);
    uint64_t t1 = tsc();

    if ( ret != expect_version )
        bad_result = true;
    return t1 - t0;
}

static void sort_u64(uint64_t *a, unsigned int n)
{
    static const unsigned int gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };
    unsigned int g, i, j;

    for ( g = 0; g < ARRAY_SIZE(gaps); g++ )
        for ( i = gaps[g]; i < n; i++ )
        {
            uint64_t t = a[i];

            for ( j = i; j >= gaps[g] && a[j - gaps[g]] > t; j -= gaps[g] )
                a[j] = a[j - gaps[g]];
            a[j] = t;
        }
}

static void measure(const char *name, uint64_t (*fn)(void), unsigned int n)
{
    unsigned int i;

    for ( i = 0; i < WARMUP; i++ )
        fn();
    for ( i = 0; i < n; i++ )
        samples[i] = fn();
    sort_u64(samples, n);
    printf("bench: %s: median %lu p10 %lu p90 %lu min %lu max %lu cycles "
           "(%u samples)\n", name, (unsigned long)samples[n / 2],
           (unsigned long)samples[n / 10], (unsigned long)samples[n * 9 / 10],
           (unsigned long)samples[0], (unsigned long)samples[n - 1], n);
}

/* "samples=N" from the command line, within 10 .. MAX_SAMPLES. */
static unsigned int nr_samples(void)
{
    char buf[16];
    unsigned int n = 0;
    const char *p;

    if ( !cmdline_get("samples", buf, sizeof(buf)) )
        return DEFAULT_SAMPLES;
    for ( p = buf; *p >= '0' && *p <= '9' && n < MAX_SAMPLES; p++ )
        n = n * 10 + (unsigned int)(*p - '0');
    return n < 10 ? 10 : n > MAX_SAMPLES ? MAX_SAMPLES : n;
}

void test_main(void)
{
    unsigned int n = nr_samples();

    expect_version = hypervisor_xen_version(XENVER_version, NULL);
    if ( expect_version <= 0 )
    {
        test_error("XENVER_version returned %ld", expect_version);
        return;
    }
    printf("bench: %u samples each, %s, TSC cycles\n", n,
           hv.amd ? "VMMCALL" : "VMCALL");
    measure("rdtsc", time_rdtsc, n);
    measure("cpuid-0", time_cpuid_0, n);
    measure("cpuid-base", time_cpuid_base, n);
    measure("hcall-direct", time_hcall_direct, n);
    measure("hcall-page", time_hcall_page, n);
    if ( !CHECK(!bad_result, "an operation returned a wrong value") )
        return;
    test_success();
}
