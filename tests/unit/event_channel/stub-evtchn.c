/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stubs for the event-channel test: domains and vCPUs built by
 * hand, a fake p2m (gfn == mfn for the first TEST_RAM_PAGES frames of
 * test_ram), a bump xenheap after them, guest "virtual" addresses that
 * are host pointers, recording timers and scheduler calls, fixed arch
 * time facts.
 */
#include <stdlib.h>
#include <string.h>
#include <xen/bitops.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/guest_access.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched-api.h>
#include <xen/time.h>
#include <xen/shared-info.h>
#include <xen/time-arch.h>
#include <xen/timer.h>
#include <xen/xmalloc.h>
#include "stub-evtchn.h"

#define HEAP_PAGES  64

unsigned char *test_ram;
unsigned long max_page = TEST_RAM_PAGES + HEAP_PAGES;
DEFINE_PER_CPU(struct vcpu *, curr_vcpu);

struct domain *test_dom[TEST_DOMAINS];
unsigned int stub_upcalls[TEST_DOMAINS][TEST_VCPUS];
unsigned int stub_unblocks[TEST_DOMAINS][TEST_VCPUS];
unsigned int stub_timer_sets;
struct timer *stub_last_timer;
int stub_p2m_type[TEST_RAM_PAGES];
unsigned long stub_p2m_mfn[TEST_RAM_PAGES];
static struct p2m_domain stub_p2m[TEST_DOMAINS];
static unsigned int heap_next;

static void ram_init(void)
{
    unsigned int i;

    if ( test_ram )
        return;
    test_ram = aligned_alloc(PAGE_SIZE, max_page * PAGE_SIZE);
    memset(test_ram, 0, max_page * PAGE_SIZE);
    for ( i = 0; i < TEST_RAM_PAGES; i++ )
    {
        stub_p2m_type[i] = p2m_ram_rw;
        stub_p2m_mfn[i] = i;
    }
}

struct domain *test_domain_create(unsigned int i, unsigned int max_vcpus,
                                  bool privileged)
{
    struct domain *d = calloc(1, sizeof(*d));
    unsigned int v;

    ram_init();
    d->domain_id = i;
    d->max_vcpus = max_vcpus;
    d->is_privileged = privileged;
    d->refcnt = 1;
    spin_lock_init(&d->domain_lock);
    d->vcpu = calloc(max_vcpus, sizeof(*d->vcpu));
    for ( v = 0; v < max_vcpus; v++ )
    {
        d->vcpu[v] = calloc(1, sizeof(struct vcpu));
        d->vcpu[v]->vcpu_id = v;
        d->vcpu[v]->domain = d;
        if ( v )
            d->vcpu[v]->pause_flags = 1UL << VPF_down;
    }
    stub_p2m[i].domain = d;
    if ( domain_events_init(d) )
        abort();
    test_dom[i] = d;
    return d;
}

void test_domain_free(unsigned int i)
{
    struct domain *d = test_dom[i];
    unsigned int v;

    domain_events_teardown(d);
    domain_events_destroy(d);
    for ( v = 0; v < d->max_vcpus; v++ )
        free(d->vcpu[v]);
    free(d->vcpu);
    free(d);
    test_dom[i] = NULL;
}

void test_set_current(struct vcpu *v)
{
    this_cpu(curr_vcpu) = v;
}

void test_counters_reset(void)
{
    memset(stub_upcalls, 0, sizeof(stub_upcalls));
    memset(stub_unblocks, 0, sizeof(stub_unblocks));
    stub_timer_sets = 0;
}

/* Domains. */
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
    if ( id >= TEST_DOMAINS || !test_dom[id] )
        return NULL;
    domain_get(test_dom[id]);
    return test_dom[id];
}

/* Scheduler. */
void vcpu_block(struct vcpu *v)
{
    set_bit(VPF_blocked, &v->pause_flags);
}

void vcpu_unblock(struct vcpu *v)
{
    stub_unblocks[v->domain->domain_id][v->vcpu_id]++;
    clear_bit(VPF_blocked, &v->pause_flags);
}

void vcpu_runstate_get(const struct vcpu *v, struct vcpu_runstate_info *r)
{
    r->state = v->runstate;
    r->state_entry_time = 1234;
    r->time[0] = 5678;
}

/* Arch. */
void arch_evtchn_upcall(struct vcpu *v)
{
    stub_upcalls[v->domain->domain_id][v->vcpu_id]++;
}

uint64_t arch_tsc_hz(void)
{
    return 2000000000ULL;
}

uint64_t arch_tsc_khz(void)
{
    return 2000000;
}

uint64_t arch_guest_tsc_at(const struct vcpu *v, s_time_t t)
{
    (void)v;
    return 1000000 + 2 * (uint64_t)t;
}

bool arch_tsc_is_stable(void)
{
    return true;
}

uint64_t arch_wallclock_at_boot_ns(void)
{
    return 0x123456789ULL * NSEC_PER_SEC + 42;
}

/* Memory. */
void *_xmalloc(size_t size, size_t align)
{
    (void)align;
    return malloc(size ? size : 1);
}

void *_xzalloc(size_t size, size_t align)
{
    (void)align;
    return calloc(1, size ? size : 1);
}

void xfree(void *p)
{
    free(p);
}

void *alloc_xenheap_pages(unsigned int order, unsigned int memflags)
{
    (void)memflags;
    ram_init();
    if ( order || heap_next >= HEAP_PAGES )
        return NULL;
    return test_ram + (TEST_RAM_PAGES + heap_next++) * PAGE_SIZE;
}

void free_xenheap_pages(void *v, unsigned int order)
{
    (void)v;
    (void)order;
}

struct p2m_domain *p2m_get_hostp2m(struct domain *d)
{
    return &stub_p2m[d->domain_id];
}

mfn_t p2m_lookup(struct p2m_domain *p2m, uint64_t gfn, enum p2m_type *t)
{
    (void)p2m;
    if ( gfn >= TEST_RAM_PAGES || stub_p2m_type[gfn] == p2m_invalid )
    {
        *t = p2m_invalid;
        return INVALID_MFN;
    }
    *t = stub_p2m_type[gfn];
    return stub_p2m_mfn[gfn];
}

int p2m_map_mfn(struct p2m_domain *p2m, uint64_t gfn, mfn_t mfn,
                enum p2m_type t)
{
    (void)p2m;
    if ( gfn >= TEST_RAM_PAGES )
        return -EINVAL;
    stub_p2m_type[gfn] = t;
    stub_p2m_mfn[gfn] = mfn;
    return 0;
}

int p2m_remove(struct p2m_domain *p2m, uint64_t gfn, unsigned int order)
{
    (void)p2m;
    if ( order || gfn >= TEST_RAM_PAGES )
        return -EINVAL;
    stub_p2m_type[gfn] = p2m_invalid;
    return 0;
}

/* Guest-virtual copies: tests/unit/stubs/stub-guest-virt.c. */
int copy_to_guest_phys(struct domain *d, paddr_t gpa, const void *src,
                       size_t len)
{
    enum p2m_type t;
    mfn_t mfn = p2m_lookup(p2m_get_hostp2m(d), gpa >> PAGE_SHIFT, &t);

    if ( !p2m_is_writable(t) || (gpa & ~PAGE_MASK) + len > PAGE_SIZE )
        return -EFAULT;
    memcpy(test_ram + mfn * PAGE_SIZE + (gpa & ~PAGE_MASK), src, len);
    return 0;
}

/* Timers: recorded, never fired by themselves. */
void init_timer(struct timer *t, void (*fn)(void *data), void *data,
                unsigned int cpu)
{
    memset(t, 0, sizeof(*t));
    t->function = fn;
    t->data = data;
    t->cpu = cpu;
    t->status = TIMER_STATUS_inactive;
}

void set_timer(struct timer *t, s_time_t expires)
{
    stub_timer_sets++;
    stub_last_timer = t;
    t->expires = expires;
    t->status = TIMER_STATUS_in_heap;
}

void stop_timer(struct timer *t)
{
    t->status = TIMER_STATUS_inactive;
}

void kill_timer(struct timer *t)
{
    t->status = TIMER_STATUS_killed;
}

void migrate_timer(struct timer *t, unsigned int cpu)
{
    t->cpu = cpu;
}

bool timer_is_active(const struct timer *t)
{
    return t->status == TIMER_STATUS_in_heap;
}
