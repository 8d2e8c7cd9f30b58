/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest-physical memory (the p2m): each domain's map from guest frames
 * (gfn) to machine frames (mfn), kept in the page-table format the
 * hardware walks (AMD NPT or Intel EPT, chosen at creation). Generic logic
 * in arch/x86/mm/p2m.c, the two formats in arch/x86/mm/p2m-pt.c.
 * Design: docs/hypervisor/p2m.md.
 *
 * Locking: p2m->lock is an rwlock, always taken with IRQs on and never
 * from an interrupt handler. Lookups and guest copies take it for reading
 * (a copy holds it across one page's memcpy, so that the frame cannot be
 * freed under it); every change takes it for writing, except scrubbing
 * an unscrubbed leaf, which takes scrub_lock under the read lock (it
 * only turns a not-present leaf into a present one). Nested inside
 * p2m->lock: scrub_lock, or d->page_alloc_lock then heap_lock. The flush hook runs with the write
 * lock held and may send IPIs and wait for them (safe because nobody
 * spins on this lock with IRQs off).
 */
#ifndef __XEN_P2M_H__
#define __XEN_P2M_H__

#include <xen/mm.h>
#include <xen/spinlock.h>
#include <xen/types.h>

struct domain;
struct p2m_format_ops;

/*
 * What a gfn maps. RAM types are frames the domain owns: populate
 * allocates them, unmapping frees them. The other types borrow a frame
 * (device MMIO, a hypervisor page such as shared_info, another domain's
 * page) that the p2m never frees. Stored in software bits of the entry.
 */
enum p2m_type {
    p2m_invalid = 0,        /* nothing mapped (a hole) */
    p2m_ram_rw,             /* domain RAM */
    p2m_ram_ro,             /* domain RAM, guest writes fault */
    p2m_mmio_direct,        /* device registers, uncached, not executable */
    p2m_map_rw,             /* borrowed RAM frame, writable */
    p2m_map_ro,             /* borrowed RAM frame, read-only */
    /*
     * Domain RAM allocated by populate but not yet zeroed: the hardware
     * entry is not present. The first access, a guest fault
     * (p2m_scrub_fault) or a hypervisor lookup, zeroes the whole leaf and
     * makes it p2m_ram_rw, so the cost of clearing a domain's memory is
     * paid where it is used, not at build time (p2m-scrub.c). Lookups
     * never return this type.
     */
    p2m_ram_unscrubbed,
    p2m_nr_types
};

static inline bool p2m_is_ram(enum p2m_type t)
{
    return t == p2m_ram_rw || t == p2m_ram_ro || t == p2m_ram_unscrubbed;
}

/* May the hypervisor read / write the frame on the guest's behalf? */
static inline bool p2m_is_readable(enum p2m_type t)
{
    return t == p2m_ram_rw || t == p2m_ram_ro || t == p2m_map_rw ||
           t == p2m_map_ro;
}

static inline bool p2m_is_writable(enum p2m_type t)
{
    return t == p2m_ram_rw || t == p2m_map_rw;
}

enum p2m_format {
    P2M_NPT,                /* AMD nested paging: long-mode tables, U/S set */
    P2M_EPT,                /* Intel EPT: RWX bits, memory type on leaves */
};

/* Guest-physical addresses are at most 48 bits (4-level tables). */
#define P2M_GPA_BITS        48
#define P2M_GFN_LIMIT       (1ULL << (P2M_GPA_BITS - PAGE_SHIFT))
/* Order of a 2 MiB mapping. */
#define P2M_ORDER_2M        (L2_PAGE_SHIFT - PAGE_SHIFT)

struct p2m_domain {
    rwlock_t lock;                      /* see Locking above */
    struct domain *domain;              /* [I] owner of the RAM frames */
    enum p2m_format format;             /* [I] */
    const struct p2m_format_ops *ops;   /* [I] */
    struct page_info *root;             /* [I] top-level table */
    unsigned long nr_tables;            /* [L:lock] table pages in use */
    uint64_t max_mapped_gfn;            /* [L:lock] highest gfn ever mapped */
    spinlock_t scrub_lock;              /* serialises scrubbing of leaves */
    unsigned long nr_scrubbed;          /* [L:scrub_lock] frames zeroed */

    /*
     * Set by the vendor code before the domain runs: drop every cached
     * translation of this p2m on every CPU (NPT: new ASIDs / flush on next
     * VMRUN; EPT: INVEPT single-context) and return only when no CPU can
     * use an old translation. Called after an unmap or a permission
     * reduction, never after adding mappings. NULL: no flush (tests).
     */
    void (*flush)(struct p2m_domain *p2m);  /* [I] */
    void *vendor;                       /* [I] free for the vendor code */

    /* Work deferred until after the flush; [L:lock], empty between ops. */
    bool need_flush;
    struct page_list_head free_4k;      /* RAM frames to free, order 0 */
    struct page_list_head free_2m;      /* RAM blocks to free, order 9 */
    struct page_list_head free_tables;  /* detached table pages */
};

/*
 * Create an empty p2m for d in format fmt (only the root table is
 * allocated). Does not store it in d. Returns NULL on -ENOMEM.
 * Context: any, no lock held.
 */
struct p2m_domain *p2m_create(struct domain *d, enum p2m_format fmt);

/*
 * Unmap everything, free every RAM frame still mapped (adjusting
 * d->tot_pages), flush, and free all table pages and p2m itself.
 * Borrowed frames are only unmapped. p2m may be NULL. Context: the domain
 * does not run on any CPU.
 */
void p2m_destroy(struct p2m_domain *p2m);

/* The domain's p2m (d->arch.p2m), for code that cannot name arch fields. */
struct p2m_domain *p2m_get_hostp2m(struct domain *d);

/*
 * Allocate 2^order frames from the domheap (owner d) and map them as
 * p2m_ram_unscrubbed at [gfn, gfn + 2^order): they read as zeroes to the
 * guest and to the hypervisor, being zeroed on first access. 2 MiB chunks of the range get one
 * 2 MiB mapping backed by an aligned 2 MiB block when the heap has one,
 * 4 KiB frames otherwise. RAM already mapped in the range is replaced (its
 * frames freed), as Xen's populate_physmap replaces; this is not atomic:
 * on -ENOMEM the whole range is left unmapped.
 * Returns 0; -EINVAL if gfn is not aligned to order, order > MAX_ORDER or
 * the range ends above P2M_GFN_LIMIT; -EPERM if a non-RAM mapping is in
 * the range (nothing changed); -ENOMEM if d->max_pages would be exceeded
 * (nothing changed) or the heap ran out. Context: any, no lock held.
 */
int __must_check p2m_populate(struct p2m_domain *p2m, uint64_t gfn,
                              unsigned int order);

/*
 * Unmap [gfn, gfn + 2^order), splitting 2 MiB mappings that straddle the
 * range's edges, then flush, then free the RAM frames that were mapped.
 * Returns 0 if anything was unmapped; -ENOENT if the whole range was a
 * hole; -EINVAL as for p2m_populate (alignment included); -ENOMEM if a
 * split could not get a table page (the range may be partly unmapped).
 */
int __must_check p2m_remove(struct p2m_domain *p2m, uint64_t gfn,
                            unsigned int order);

/*
 * Map the borrowed frame mfn at gfn (4 KiB) with type t, which must be
 * p2m_mmio_direct, p2m_map_rw or p2m_map_ro. Whatever was at gfn is
 * replaced (RAM there is freed). Returns 0, -EINVAL (bad type or gfn),
 * -ENOMEM (no table page).
 */
int __must_check p2m_map_mfn(struct p2m_domain *p2m, uint64_t gfn, mfn_t mfn,
                             enum p2m_type t);

/*
 * Switch the RAM page at gfn between p2m_ram_rw and p2m_ram_ro (splitting
 * a 2 MiB mapping). Returns 0, -ENOENT (not RAM), -EINVAL, -ENOMEM.
 */
int __must_check p2m_change_type(struct p2m_domain *p2m, uint64_t gfn,
                                 enum p2m_type nt);

/*
 * Translate gfn. Returns the mfn and sets *t (t may be NULL), or returns
 * INVALID_MFN with *t = p2m_invalid. An unscrubbed leaf is zeroed first
 * (so *t is never p2m_ram_unscrubbed). p2m_lookup_locked(): caller holds
 * p2m->lock (read or write). Context: IRQs on, not in an interrupt.
 */
mfn_t p2m_lookup(struct p2m_domain *p2m, uint64_t gfn, enum p2m_type *t);
mfn_t p2m_lookup_locked(struct p2m_domain *p2m, uint64_t gfn,
                        enum p2m_type *t);

/*
 * A guest access to gfn faulted on a not-present p2m entry: if gfn is
 * unscrubbed RAM, zero it and map it. Returns true when gfn is now
 * present RAM (the access can be retried; also when another vCPU
 * scrubbed it first), false otherwise (a hole, MMIO, a borrowed frame).
 */
bool p2m_scrub_fault(struct p2m_domain *p2m, uint64_t gfn);

/* Machine address of the root table: VMCB nCR3, or the EPTP's address. */
paddr_t p2m_root_maddr(const struct p2m_domain *p2m);

/* Highest gfn ever mapped (0 if none): XENMEM_maximum_gpfn. */
uint64_t p2m_max_gfn(struct p2m_domain *p2m);

#endif /* __XEN_P2M_H__ */
