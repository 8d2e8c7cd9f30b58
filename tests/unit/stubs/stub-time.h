/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Controls of the host NOW()/reprogram_timer() stub (stub-time.c): tests
 * set the clock and read what each CPU last asked its hardware timer for.
 */
#ifndef STUB_TIME_H
#define STUB_TIME_H

#include <xen/time.h>
#include <asm/smp.h>

extern s_time_t stub_now;                       /* what NOW() returns */
extern s_time_t stub_reprogram_last[NR_CPUS];   /* last timeout per CPU */
extern unsigned int stub_reprogram_calls[NR_CPUS];
/*
 * If set, reprogram_timer() returns what this returns (it may move
 * stub_now); otherwise it fails for timeout != 0 && timeout <= NOW().
 */
extern bool (*stub_reprogram_hook)(s_time_t timeout);

#endif /* STUB_TIME_H */
