/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Arch hooks behind the guest-visible clocks (common/guest-time.c): the
 * TSC facts the pvclock is built from (arch/x86/time-guest.c) and the
 * wall clock read at boot (arch/x86/time-rtc.c).
 */
#ifndef __XEN_TIME_ARCH_H__
#define __XEN_TIME_ARCH_H__

#include <xen/types.h>

struct vcpu;

/*
 * TSC ticks per second, as precisely as system time (NOW()) uses it, so
 * that a pvclock built on it runs at NOW()'s rate. Context: after
 * time_init().
 */
uint64_t arch_tsc_hz(void);

/* TSC frequency in kHz, as CPUID leaf 0x40000003 reports it. */
uint64_t arch_tsc_khz(void);

/*
 * The TSC value v reads (RDTSC in the guest) at system time t. Guest
 * TSC = host TSC + v's offset. Context: any.
 */
uint64_t arch_guest_tsc_at(const struct vcpu *v, s_time_t t);

/*
 * The TSC is invariant (CPUID 0x80000007 EDX bit 8) and synchronised
 * across CPUs: the pvclock may carry XEN_PVCLOCK_TSC_STABLE_BIT.
 */
bool arch_tsc_is_stable(void);

/*
 * UTC wall time at system time 0, in ns since 1970-01-01 (read once from
 * the CMOS RTC, cached). 0 if the RTC cannot be read. Context: any, IRQs
 * on.
 */
uint64_t arch_wallclock_at_boot_ns(void);

#endif /* __XEN_TIME_ARCH_H__ */
