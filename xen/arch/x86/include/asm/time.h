/* SPDX-License-Identifier: GPL-2.0-only */
/* TSC calibration and the per-CPU one-shot timer hardware (time.c). */
#ifndef __ASM_TIME_H__
#define __ASM_TIME_H__

#include <xen/types.h>

extern uint64_t cpu_khz;    /* [I] calibrated TSC frequency */

/* Calibrate the TSC and start system time. Context: boot CPU. */
void time_init(void);
/* The TSC value at system time t (for TSC-deadline timers). */
uint64_t stime_to_tsc(s_time_t t);
/* Busy-wait (no timer needed). */
void udelay(unsigned long us);
void mdelay(unsigned long ms);

#endif /* __ASM_TIME_H__ */
