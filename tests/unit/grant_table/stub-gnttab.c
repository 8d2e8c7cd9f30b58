/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stubs for the grant-table test: domains built by hand over the
 * real p2m and heap (gt-test.h), "current", guest-virtual addresses that
 * are host pointers, a scriptable preemption check, recorded
 * continuation arguments and a scriptable vCPU-info pin.
 */
#include <stdlib.h>
#include <string.h>
#include <xen/domain.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/shared-info.h>
#include "gt-test.h"

DEFINE_PER_CPU(struct vcpu *, curr_vcpu);

struct domain *test_doms[TEST_DOMS];
unsigned int stub_preempt_after = ~0U;   /* checks before "preempt" */
unsigned long stub_args[HYPERCALL_NR_ARGS];
uint64_t stub_pinned_gfn = ~0ULL;

void domain_get(struct domain *d)
{
    __atomic_fetch_add(&d->refcnt, 1, __ATOMIC_SEQ_CST);
}

void domain_put(struct domain *d)
{
    if ( __atomic_sub_fetch(&d->refcnt, 1, __ATOMIC_SEQ_CST) <= 0 )
        abort();                /* the test holds the last reference */
}

struct domain *domain_get_by_id(domid_t id)
{
    unsigned int i;

    for ( i = 0; i < TEST_DOMS; i++ )
        if ( test_doms[i] && test_doms[i]->domain_id == id &&
             test_doms[i]->state != DOMSTATE_dying )
        {
            domain_get(test_doms[i]);
            return test_doms[i];
        }
    return NULL;
}

bool domain_gfn_range_pinned(const struct domain *d, uint64_t gfn,
                             uint64_t nr)
{
    (void)d;
    return stub_pinned_gfn >= gfn && stub_pinned_gfn - gfn < nr;
}

bool hypercall_preempt_check(void)
{
    if ( !stub_preempt_after )
        return true;
    stub_preempt_after--;
    return false;
}

void hypercall_set_arg(unsigned int i, unsigned long val)
{
    stub_args[i] = val;
}
