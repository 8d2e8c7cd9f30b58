/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Controls of the event-channel test's host stubs (stub-evtchn.c): fake
 * domains with vCPUs, a fake p2m over test_ram, and counters of what the
 * code under test asked of the scheduler and the arch.
 */
#ifndef STUB_EVTCHN_H
#define STUB_EVTCHN_H

#include <xen/sched.h>

#define TEST_DOMAINS    3
#define TEST_VCPUS      4
#define TEST_RAM_PAGES  64      /* gfn == mfn for RAM in the fake p2m */

extern struct domain *test_dom[TEST_DOMAINS];
extern unsigned int stub_upcalls[TEST_DOMAINS][TEST_VCPUS];
extern unsigned int stub_unblocks[TEST_DOMAINS][TEST_VCPUS];
extern unsigned int stub_timer_sets;
extern struct timer *stub_last_timer;     /* last set_timer()'s */

/* Create domain i (id i, max_vcpus vCPUs) with domain_events_init(). */
struct domain *test_domain_create(unsigned int i, unsigned int max_vcpus,
                                  bool privileged);
void test_domain_free(unsigned int i);
/* Make v the running vCPU ("current"). */
void test_set_current(struct vcpu *v);
void test_counters_reset(void);

/* The fake p2m of every domain: type per gfn (p2m_ram_rw by default). */
extern int stub_p2m_type[TEST_RAM_PAGES];
extern unsigned long stub_p2m_mfn[TEST_RAM_PAGES];

#endif /* STUB_EVTCHN_H */
