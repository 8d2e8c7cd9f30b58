/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TSC facts for the guests' pvclock (xen/time-arch.h): the rate that
 * system time runs at, the TSC a guest reads at a given system time and
 * whether the TSC may be called stable. Guests read the host TSC
 * unchanged (no TSC offset is programmed), which this file is the one
 * place to change if that ever differs.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <xen/time-arch.h>
#include <asm/processor.h>
#include <asm/time.h>

#define CPUID_APM_LEAF      0x80000007u
#define  APM_EDX_INVARIANT_TSC (1u << 8)

/* Ticks in one second of system time, from NOW()'s own conversion. */
uint64_t arch_tsc_hz(void)
{
    return stime_to_tsc(SECONDS(1)) - stime_to_tsc(0);
}

uint64_t arch_tsc_khz(void)
{
    return cpu_khz;
}

uint64_t arch_guest_tsc_at(const struct vcpu *v, s_time_t t)
{
    (void)v;                    /* no per-vCPU TSC offset */
    return stime_to_tsc(t);
}

/*
 * time.c already assumes an invariant, synchronised TSC for NOW(); the
 * guest is told so only when the CPU says it too.
 */
bool arch_tsc_is_stable(void)
{
    static int stable = -1;     /* -1: not asked yet; CPUID is the same
                                   on every CPU, so a race is harmless */
    struct cpuid_regs r;

    if ( stable < 0 )
    {
        r.edx = 0;
        if ( cpuid_max_leaf(0x80000000u) >= CPUID_APM_LEAF )
            cpuid(CPUID_APM_LEAF, &r);
        stable = !!(r.edx & APM_EDX_INVARIANT_TSC);
    }
    return stable;
}
