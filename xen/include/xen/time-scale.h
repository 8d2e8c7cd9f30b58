/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The (mul, shift) pair Xen's time ABI uses to turn TSC ticks into
 * nanoseconds (vcpu_time_info.tsc_to_system_mul/tsc_shift, CPUID
 * 0x40000003 subleaf 1): ns = ((ticks << shift) * mul) >> 32, with a
 * negative shift meaning a right shift. The tick rate is normalised into
 * (1e9, 2e9] Hz, so mul is the 32-bit fraction 1e9 / rate.
 */
#ifndef __XEN_TIME_SCALE_H__
#define __XEN_TIME_SCALE_H__

#include <xen/types.h>

struct time_scale {
    uint32_t mul;
    int8_t shift;
};

static inline struct time_scale time_scale_from_hz(uint64_t hz)
{
    struct time_scale ts = { 0, 0 };
    uint64_t rate = hz;

    if ( !hz )
        return ts;
    while ( rate > 2000000000ULL )
    {
        rate >>= 1;
        ts.shift--;
    }
    while ( rate <= 1000000000ULL )
    {
        rate <<= 1;
        ts.shift++;
    }
    ts.mul = (uint32_t)((1000000000ULL << 32) / rate);
    return ts;
}

/* Apply a scale: what a guest computes from the same pair. */
static inline uint64_t time_scale_apply(struct time_scale ts, uint64_t ticks)
{
    if ( ts.shift < 0 )
        ticks >>= -ts.shift;
    else
        ticks <<= ts.shift;
    return (uint64_t)(((unsigned __int128)ticks * ts.mul) >> 32);
}

#endif /* __XEN_TIME_SCALE_H__ */
