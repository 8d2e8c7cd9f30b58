/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the p2m, guest_walk and guest_copy tests: a 64 MiB
 * fake machine with the real boot allocator and heap, a test domain with
 * a p2m, a counting flush hook, and pokes into guest-physical memory for
 * building guest page tables by hand.
 */
#ifndef TEST_P2M_TEST_H
#define TEST_P2M_TEST_H

#include "../page_alloc/mm-test.h"
#include <xen/errno.h>
#include <xen/p2m.h>
#include <xen/sched.h>

#define ARENA_BYTES     (64UL << 20)
#define NR_FRAMES       (ARENA_BYTES >> PAGE_SHIFT)

static struct domain test_dom;
static unsigned int nr_flushes;

static void count_flush(struct p2m_domain *p2m)
{
    (void)p2m;
    nr_flushes++;
}

/* Machine with RAM from 1 MiB to the end of the arena. */
static inline void machine_start(void)
{
    arena_init(ARENA_BYTES);
    init_boot_pages(1UL << 20, ARENA_BYTES);
    heap_start(NR_FRAMES);
}

/* (Re)create test_dom with an empty p2m of format fmt. */
static inline struct p2m_domain *domain_start(enum p2m_format fmt,
                                              unsigned long max_pages)
{
    memset(&test_dom, 0, sizeof(test_dom));
    spin_lock_init(&test_dom.page_alloc_lock);
    page_list_init(&test_dom.page_list);
    test_dom.max_pages = max_pages;
    test_dom.arch.p2m = p2m_create(&test_dom, fmt);
    if ( !test_dom.arch.p2m )
        abort();
    test_dom.arch.p2m->flush = count_flush;
    return test_dom.arch.p2m;
}

static inline void domain_end(void)
{
    p2m_destroy(test_dom.arch.p2m);
    test_dom.arch.p2m = NULL;
}

/* Host pointer to guest-physical gpa (must be mapped). */
static inline void *gpa_ptr(uint64_t gpa)
{
    mfn_t mfn = p2m_lookup(test_dom.arch.p2m, gpa >> PAGE_SHIFT, NULL);

    if ( mfn == INVALID_MFN )
        abort();
    return (char *)mfn_to_virt(mfn) + (gpa & ~PAGE_MASK);
}

static inline void poke64(uint64_t gpa, uint64_t v)
{
    memcpy(gpa_ptr(gpa), &v, sizeof(v));
}

static inline uint64_t peek64(uint64_t gpa)
{
    uint64_t v;

    memcpy(&v, gpa_ptr(gpa), sizeof(v));
    return v;
}

static inline void poke32(uint64_t gpa, uint32_t v)
{
    memcpy(gpa_ptr(gpa), &v, sizeof(v));
}

/* Guest page-table bits and control-register bits for the walk tests. */
#define G_P     0x001ULL
#define G_RW    0x002ULL
#define G_US    0x004ULL
#define G_A     0x020ULL
#define G_D     0x040ULL
#define G_PS    0x080ULL
#define G_NX    (1ULL << 63)
#define G_PRW   (G_P | G_RW)

#define X_CR0_PG    (1ULL << 31)
#define X_CR0_WP    (1ULL << 16)
#define X_CR4_PSE   (1ULL << 4)
#define X_CR4_PAE   (1ULL << 5)
#define X_CR4_LA57  (1ULL << 12)
#define X_EFER_LMA  (1ULL << 10)
#define X_EFER_NXE  (1ULL << 11)

#endif /* TEST_P2M_TEST_H */
