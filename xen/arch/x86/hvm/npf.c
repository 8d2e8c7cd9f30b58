/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Nested page faults: guest-physical accesses the p2m does not allow.
 * The first touch of RAM that populate left unscrubbed zeroes and maps
 * it (mm/p2m-scrub.c); emulated MMIO regions register a handler here
 * (the local APIC); any other fault is a guest bug and crashes the
 * domain.
 */
#include <xen/lib.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <asm/hvm/exit.h>
#include <asm/hvm/mmio.h>

#define MAX_MMIO_REGIONS 8

static const struct hvm_mmio_region *regions[MAX_MMIO_REGIONS];
static unsigned int nr_regions;

void hvm_register_mmio(const struct hvm_mmio_region *r)
{
    BUG_ON(nr_regions == MAX_MMIO_REGIONS);     /* boot-time registration */
    regions[nr_regions++] = r;
}

enum hvm_exit_action hvm_handle_npf(struct vcpu *v, const struct hvm_exit *e)
{
    unsigned int i;

    if ( !(e->qual & HVM_NPF_PRESENT) &&
         p2m_scrub_fault(v->domain->arch.p2m, e->gpa >> PAGE_SHIFT) )
        return HVM_RESUME;
    for ( i = 0; i < nr_regions; i++ )
        if ( e->gpa >= regions[i]->start && e->gpa < regions[i]->end )
            return regions[i]->handle(v, e);

    printk(XENLOG_ERR "d%uv%u: %s of guest-physical %#lx, which is not "
           "RAM (fault %#lx); crashing the domain\n", v->domain->domain_id,
           v->vcpu_id, (e->qual & HVM_NPF_FETCH) ? "instruction fetch" :
           (e->qual & HVM_NPF_WRITE) ? "write" : "read",
           (unsigned long)e->gpa, (unsigned long)e->raw_info1);
    hvm_dump_vcpu(v);
    return HVM_CRASH;
}
