/* SPDX-License-Identifier: GPL-2.0-only */
/* TSC calibration and the per-CPU one-shot timer hardware (time.c). */
#ifndef __ASM_TIME_H__
#define __ASM_TIME_H__

#include <xen/types.h>

extern uint64_t cpu_khz;    /* [I] calibrated TSC frequency */

/* Calibrate the TSC and start system time. Context: boot CPU. */
void time_init(void);
/* Busy-wait (no timer needed). */
void udelay(unsigned long us);
void mdelay(unsigned long ms);

#endif /* __ASM_TIME_H__ */
