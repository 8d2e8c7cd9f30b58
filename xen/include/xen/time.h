/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * System time: nanoseconds since boot, derived from the calibrated TSC
 * (arch/x86/time.c). Monotonic and consistent across CPUs.
 */
#ifndef __XEN_TIME_H__
#define __XEN_TIME_H__

#include <xen/types.h>

#define NSEC_PER_USEC   1000LL
#define NSEC_PER_MSEC   1000000LL
#define NSEC_PER_SEC    1000000000LL

#define MICROSECS(us)   ((s_time_t)(us) * NSEC_PER_USEC)
#define MILLISECS(ms)   ((s_time_t)(ms) * NSEC_PER_MSEC)
#define SECONDS(s)      ((s_time_t)(s) * NSEC_PER_SEC)

#define STIME_MAX       ((s_time_t)((uint64_t)~0ULL >> 1))

/* Current system time in ns. Context: any, after time_init(). */
s_time_t NOW(void);

/*
 * Arm this CPU's one-shot timer interrupt for system time 'timeout'
 * (0: disarm). Returns false if timeout has already passed, in which case
 * nothing is armed and the caller must process its timers itself.
 * Context: IRQs off.
 */
bool reprogram_timer(s_time_t timeout);

#endif /* __XEN_TIME_H__ */
