/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Machine memory management: the frame table (one struct page_info per
 * machine frame), the boot allocator used before the frame table exists
 * (common/boot_alloc.c) and the buddy heap behind the xenheap and domheap
 * (common/page_alloc.c). Design notes: docs/hypervisor/memory.md.
 */
#ifndef __XEN_MM_H__
#define __XEN_MM_H__

#include <xen/compiler.h>
#include <xen/types.h>
#include <asm/page.h>

struct domain;
struct page_info;

/*
 * Links of a doubly linked, NULL-terminated list of pages. Free blocks sit
 * on the heap's lists; an allocated page's links belong to its owner.
 */
struct page_list_entry {
    struct page_info *next, *prev;
};

struct page_list_head {
    struct page_info *head, *tail;
};

struct page_info {
    struct page_list_entry list;    /* [L:heap_lock] while free, else owner */
    unsigned long count_info;       /* [A] PGC_* flags + reference count */
    unsigned long type_info;        /* [A] paging code's type + type count */
    struct domain *owner;           /* [L:owner] NULL: free or hypervisor */
    unsigned int order;             /* [L:heap_lock] free block heads only;
                                       xmalloc: order of a large block */
    unsigned int pad;               /* keeps the size at 48 bytes */
};

/*
 * count_info. The state field says who has the frame: the heap (free), an
 * allocator's caller (inuse) or nobody (offheap: never given to the heap,
 * such as holes, the image, boot allocations and the frame table itself).
 */
#define PGC_allocated       (1UL << 63)  /* owning domain holds a reference */
#define PGC_xen_heap        (1UL << 62)  /* from alloc_xenheap_pages() */
#define PGC_state_shift     60
#define PGC_state_mask      (3UL << PGC_state_shift)
#define PGC_state_inuse     (0UL << PGC_state_shift)
#define PGC_state_free      (1UL << PGC_state_shift)
#define PGC_state_offheap   (2UL << PGC_state_shift)
#define PGC_free_deferred   (1UL << 59)  /* freed while referenced: the
                                            last put_page_foreign() frees */
#define PGC_count_mask      ((1UL << 48) - 1)  /* get_page_foreign() refs */

#define page_state(pg)      ((pg)->count_info & PGC_state_mask)
#define page_state_is(pg, s) (page_state(pg) == PGC_state_##s)

extern struct page_info *frame_table;   /* [I] after heap_init() */
extern unsigned long max_page;          /* [I] one past the highest frame */

#define mfn_valid(mfn)      ((unsigned long)(mfn) < max_page)
#define mfn_to_page(mfn)    (frame_table + (mfn))
#define page_to_mfn(pg)     ((mfn_t)((pg) - frame_table))
#define page_to_maddr(pg)   ((paddr_t)page_to_mfn(pg) << PAGE_SHIFT)
#define page_to_virt(pg)    mfn_to_virt(page_to_mfn(pg))
#define virt_to_page(va)    mfn_to_page(virt_to_mfn(va))
#define maddr_to_page(ma)   mfn_to_page((ma) >> PAGE_SHIFT)

/* Smallest order whose block holds nr_pages pages / nr_bytes bytes. */
static inline unsigned int get_order_from_pages(unsigned long nr_pages)
{
    unsigned int order = 0;

    while ( (1UL << order) < nr_pages )
        order++;
    return order;
}

static inline unsigned int get_order_from_bytes(size_t nr_bytes)
{
    return get_order_from_pages((nr_bytes + PAGE_SIZE - 1) >> PAGE_SHIFT);
}

/* --- Boot allocator (common/boot_alloc.c). Context: boot CPU, no lock. */

/*
 * Add the RAM range [ps, pe) to the boot allocator, rounded inward to whole
 * pages. Overlapping or adjacent ranges merge. If the range table is full
 * the range is dropped with a warning (losing RAM is safe).
 */
void init_boot_pages(paddr_t ps, paddr_t pe);

/*
 * Remove [ps, pe), rounded outward to whole pages, from the boot allocator
 * (memory in use by the image, modules or firmware). Unknown parts of the
 * range are ignored.
 */
void reserve_boot_pages(paddr_t ps, paddr_t pe);

/*
 * Take nr_pfns contiguous frames whose first frame is a multiple of
 * pfn_align (a power of two; 0 means 1). Frames below 4 GiB are preferred
 * and taken from the top of the highest fitting range. Returns the first
 * frame; panics if no range fits or if called after end_boot_allocator().
 */
mfn_t alloc_boot_pages(unsigned long nr_pfns, unsigned long pfn_align);

/*
 * Hand every frame still in the boot allocator to the heap and close the
 * boot allocator. Call once, after heap_init().
 */
void end_boot_allocator(void);

/* --- Heap (common/page_alloc.c). */

/* Largest block order: 2^18 pages = 1 GiB. */
#define MAX_ORDER           18

/*
 * memflags for the heap allocators. MEMF_bits(n): every byte of the block
 * lies below 2^n (0 or >= the machine's address width: no restriction).
 * MEMF_zero: clear the block before returning it. MEMF_no_scrub: accepted
 * for Xen compatibility; free memory is never scrubbed here.
 */
#define MEMF_zero           (1U << 0)
#define MEMF_no_scrub       (1U << 1)
#define _MEMF_bits          24
#define MEMF_bits(n)        ((unsigned int)(n) << _MEMF_bits)

/*
 * Take over frame_table = ft of nr_frames entries (nr_frames becomes
 * max_page) and mark every frame offheap. The arch allocates and maps ft,
 * normally with alloc_boot_pages(). Context: boot CPU, before any heap use.
 */
void heap_init(struct page_info *ft, unsigned long nr_frames);

/*
 * Give nr frames from pg on, all offheap, to the heap. end_boot_allocator()
 * uses this; arch code may use it to release boot-time memory later.
 * Context: any, IRQs on or off.
 */
void init_heap_pages(struct page_info *pg, unsigned long nr);

/*
 * Allocate 2^order contiguous, naturally aligned frames, highest permitted
 * zone first. Returns the first page (state inuse, no owner) or NULL when
 * nothing fits. Context: any.
 */
struct page_info *alloc_heap_pages(unsigned int order, unsigned int memflags);

/*
 * Return a block from alloc_heap_pages() (same order), merging it with free
 * buddies. Freeing a page that is not inuse is a host bug: BUG().
 * Context: any.
 */
void free_heap_pages(struct page_info *pg, unsigned int order);

/* Heap pages for the hypervisor itself, by direct-map pointer. NULL: none. */
void *alloc_xenheap_pages(unsigned int order, unsigned int memflags);
/* v may be NULL. v must come from alloc_xenheap_pages() with this order. */
void free_xenheap_pages(void *v, unsigned int order);

/*
 * Heap pages for a domain: sets owner = d on every page (d may be NULL).
 * Accounting in the domain (page lists, tot_pages) is the caller's job.
 * Returns NULL when nothing fits. Context: any.
 */
struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order,
                                      unsigned int memflags);
/* pg may be NULL. Clears owner and returns the block to the heap. */
void free_domheap_pages(struct page_info *pg, unsigned int order);

/*
 * Foreign references (grant tables): another domain maps or copies a
 * frame that a domain owns, so the frame must outlive the owner's p2m
 * entry. The count lives in count_info & PGC_count_mask. Freeing a
 * domheap page that still has references (free_domheap_pages(), from
 * the p2m or teardown) only marks it PGC_free_deferred; the last
 * put_page_foreign() then returns it to the heap (order 0, owner NULL).
 * get_page_foreign() fails (false) on a page that is not an inuse
 * domheap page or is already being freed. Callers make sure the page
 * cannot be freed before the get, e.g. by holding the owner's p2m lock
 * across lookup + get. Context: any.
 */
bool __must_check get_page_foreign(struct page_info *pg);
void put_page_foreign(struct page_info *pg);

/* Frames free in the heap now / ever given to the heap. Context: any. */
unsigned long total_free_pages(void);
unsigned long total_heap_pages(void);
/* Number of free blocks of the given order, all zones (tests, stats). */
unsigned long heap_free_blocks(unsigned int order);

/* Print free block counts per zone and order (debug key 'm'). */
void dump_heap(void);

/* --- Page lists, for the heap and for owners of allocated pages. */

static inline void page_list_init(struct page_list_head *h)
{
    h->head = h->tail = NULL;
}

static inline bool page_list_empty(const struct page_list_head *h)
{
    return !h->head;
}

static inline void page_list_add(struct page_info *pg,
                                 struct page_list_head *h)
{
    pg->list.prev = NULL;
    pg->list.next = h->head;
    if ( h->head )
        h->head->list.prev = pg;
    else
        h->tail = pg;
    h->head = pg;
}

static inline void page_list_del(struct page_info *pg,
                                 struct page_list_head *h)
{
    if ( pg->list.prev )
        pg->list.prev->list.next = pg->list.next;
    else
        h->head = pg->list.next;
    if ( pg->list.next )
        pg->list.next->list.prev = pg->list.prev;
    else
        h->tail = pg->list.prev;
    pg->list.next = pg->list.prev = NULL;
}

static inline struct page_info *page_list_remove_head(
    struct page_list_head *h)
{
    struct page_info *pg = h->head;

    if ( pg )
        page_list_del(pg, h);
    return pg;
}

#endif /* __XEN_MM_H__ */
