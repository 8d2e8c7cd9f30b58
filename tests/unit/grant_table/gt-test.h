/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the grant-table test and its stubs: a 64 MiB fake machine
 * with the real heap (as the p2m tests), test domains with real NPT p2ms
 * and grant tables, and the stub controls.
 */
#ifndef TEST_GT_TEST_H
#define TEST_GT_TEST_H

#include <stdlib.h>
#include <xen/hypercall.h>
#include <xen/sched.h>

#define TEST_DOMS   3

extern struct domain *test_doms[TEST_DOMS];
extern unsigned int stub_preempt_after;
extern unsigned long stub_args[HYPERCALL_NR_ARGS];
extern uint64_t stub_pinned_gfn;

#endif /* TEST_GT_TEST_H */
