/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stubs that memory.c needs on top of ../event_channel/stub-evtchn.c:
 * populate on the fake p2m, the memory map hook, hypercall helpers.
 */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/memory-arch.h>
#include <xen/p2m.h>
#include "../event_channel/stub-evtchn.h"

int p2m_populate(struct p2m_domain *p2m, uint64_t gfn, unsigned int order)
{
    (void)p2m;
    if ( order || gfn >= TEST_RAM_PAGES )
        return -EINVAL;
    stub_p2m_type[gfn] = p2m_ram_rw;
    stub_p2m_mfn[gfn] = gfn;
    return 0;
}

uint64_t p2m_max_gfn(struct p2m_domain *p2m)
{
    (void)p2m;
    return TEST_RAM_PAGES - 1;
}

int arch_memory_map(struct domain *d, struct e820entry *map, unsigned int *nr)
{
    (void)d;
    (void)map;
    *nr = 0;
    return 0;
}

bool hypercall_preempt_check(void)
{
    return false;
}

void hypercall_set_arg(unsigned int i, unsigned long val)
{
    (void)i;
    (void)val;
}

/*
 * memory.c places grant-table frames through the grant-table code, which
 * this test does not build (see tests/unit/grant_table): a distinctive
 * error shows that the request was handed over.
 */
int gnttab_map_frame(struct domain *d, unsigned long idx, uint64_t gfn)
{
    (void)d;
    (void)idx;
    (void)gfn;
    return -EXDEV;
}
