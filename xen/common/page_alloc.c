/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The buddy heap: free frames as naturally aligned blocks of 2^order
 * frames on per-zone, per-order lists, and the xenheap/domheap front ends.
 * A block's zone is the bit width of its highest frame number, so "below
 * 2^n bytes" requests search only low zones. Not here: the boot allocator
 * (boot_alloc.c), small allocations (xmalloc.c), domain page accounting.
 *
 * Locking: heap_lock (spinlock, IRQ-safe) guards the free lists, the
 * counters and the count_info/order/list fields of free frames. It is a
 * leaf lock except for xmalloc_lock, which is taken before it. Foreign
 * references (get/put_page_foreign) change count_info of inuse frames
 * atomically, without a lock; free_domheap_pages() defers a referenced
 * frame to its last put (see the comment above get_page_foreign()).
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>

/* x86-64 physical address width; frames need PADDR_BITS - PAGE_SHIFT bits. */
#define PADDR_BITS          52
#define NR_ZONES            (PADDR_BITS - PAGE_SHIFT + 1)

struct page_info *frame_table;
unsigned long max_page;

static DEFINE_SPINLOCK(heap_lock);
/* [L:heap_lock] free blocks, by zone and order. */
static struct page_list_head heap[NR_ZONES][MAX_ORDER + 1];
static unsigned long nr_blocks[NR_ZONES][MAX_ORDER + 1];
static unsigned long zone_avail[NR_ZONES];      /* free frames per zone */
static unsigned long total_avail;               /* free frames */
static unsigned long total_given;               /* frames given to heap */

static unsigned int fls_ul(unsigned long x)
{
    return x ? 64 - __builtin_clzl(x) : 0;
}

/* Zone of the block of 2^order frames at mfn: width of its last frame. */
static unsigned int block_zone(unsigned long mfn, unsigned int order)
{
    return fls_ul(mfn + (1UL << order) - 1);
}

static void block_insert(struct page_info *pg, unsigned int order)
{
    unsigned int zone = block_zone(page_to_mfn(pg), order);

    pg->order = order;
    page_list_add(pg, &heap[zone][order]);
    nr_blocks[zone][order]++;
    zone_avail[zone] += 1UL << order;
    total_avail += 1UL << order;
}

static void block_remove(struct page_info *pg, unsigned int order)
{
    unsigned int zone = block_zone(page_to_mfn(pg), order);

    ASSERT(pg->order == order && page_state_is(pg, free));
    page_list_del(pg, &heap[zone][order]);
    nr_blocks[zone][order]--;
    zone_avail[zone] -= 1UL << order;
    total_avail -= 1UL << order;
}

void heap_init(struct page_info *ft, unsigned long nr_frames)
{
    unsigned long i;

    BUILD_BUG_ON(sizeof(struct page_info) != 48);
    BUG_ON(frame_table || !ft);

    for ( i = 0; i < nr_frames; i++ )
    {
        ft[i].list.next = ft[i].list.prev = NULL;
        ft[i].count_info = PGC_state_offheap;
        ft[i].type_info = 0;
        ft[i].owner = NULL;
        ft[i].order = 0;
        ft[i].pad = 0;
    }
    frame_table = ft;
    max_page = nr_frames;
}

/* Highest zone whose blocks all lie below 2^bits bytes; -1: none. */
static int memflags_zone_limit(unsigned int memflags)
{
    unsigned int bits = memflags >> _MEMF_bits;

    if ( !bits || bits >= PADDR_BITS )
        return NR_ZONES - 1;
    if ( bits < PAGE_SHIFT )
        return -1;
    return bits - PAGE_SHIFT;
}

/* Take a free block of at least 2^order frames from zone <= zone_hi. */
static struct page_info *take_block(unsigned int order, int zone_hi,
                                    unsigned int *found)
{
    int zone;
    unsigned int j;

    for ( zone = zone_hi; zone >= 0; zone-- )
    {
        if ( zone_avail[zone] < (1UL << order) )
            continue;
        for ( j = order; j <= MAX_ORDER; j++ )
        {
            struct page_info *pg = heap[zone][j].head;

            if ( pg )
            {
                block_remove(pg, j);
                *found = j;
                return pg;
            }
        }
    }
    return NULL;
}

/* The block's frames start in use, owned by owner (one pass over them). */
static struct page_info *alloc_owned(unsigned int order, unsigned int memflags,
                                     struct domain *owner)
{
    struct page_info *pg;
    unsigned long flags, i;
    unsigned int j;
    int zone_hi = memflags_zone_limit(memflags);

    if ( order > MAX_ORDER || zone_hi < 0 )
        return NULL;

    spin_lock_irqsave(&heap_lock, flags);
    pg = take_block(order, zone_hi, &j);
    if ( !pg )
    {
        spin_unlock_irqrestore(&heap_lock, flags);
        return NULL;
    }

    /* Keep the bottom 2^order frames; free the upper halves on the way. */
    while ( j > order )
    {
        j--;
        block_insert(pg + (1UL << j), j);
    }

    for ( i = 0; i < (1UL << order); i++ )
    {
        BUG_ON(!page_state_is(&pg[i], free));
        pg[i].count_info = PGC_state_inuse;
        pg[i].type_info = 0;
        pg[i].owner = owner;
        pg[i].list.next = pg[i].list.prev = NULL;
    }
    spin_unlock_irqrestore(&heap_lock, flags);

    if ( memflags & MEMF_zero )
        memset(page_to_virt(pg), 0, PAGE_SIZE << order);

    return pg;
}

struct page_info *alloc_heap_pages(unsigned int order, unsigned int memflags)
{
    return alloc_owned(order, memflags, NULL);
}

/* Insert a block whose frames are already marked free, merging buddies. */
static void merge_and_insert(unsigned long mfn, unsigned int order)
{
    while ( order < MAX_ORDER )
    {
        unsigned long buddy = mfn ^ (1UL << order);
        struct page_info *b;

        if ( !mfn_valid(buddy) )
            break;
        b = mfn_to_page(buddy);
        /*
         * A free frame at the aligned buddy address heads a free block: a
         * larger free block containing it would contain us as well.
         */
        if ( !page_state_is(b, free) || b->order != order )
            break;
        block_remove(b, order);
        mfn &= ~(1UL << order);
        order++;
    }
    block_insert(mfn_to_page(mfn), order);
}

void free_heap_pages(struct page_info *pg, unsigned int order)
{
    unsigned long mfn = page_to_mfn(pg), flags, i;

    BUG_ON(order > MAX_ORDER);
    BUG_ON(mfn & ((1UL << order) - 1));
    BUG_ON(!mfn_valid(mfn) || max_page - mfn < (1UL << order));

    spin_lock_irqsave(&heap_lock, flags);
    for ( i = 0; i < (1UL << order); i++ )
    {
        /* Double free, or a frame the heap never handed out. */
        BUG_ON(!page_state_is(&pg[i], inuse));
        pg[i].count_info = PGC_state_free;
        pg[i].owner = NULL;
    }
    merge_and_insert(mfn, order);
    spin_unlock_irqrestore(&heap_lock, flags);
}

void init_heap_pages(struct page_info *pg, unsigned long nr)
{
    unsigned long mfn = page_to_mfn(pg), end = mfn + nr, i;

    BUG_ON(end < mfn || end > max_page);

    for ( i = 0; i < nr; i++ )
    {
        /* Giving a frame to the heap twice would corrupt it. */
        BUG_ON(!page_state_is(&pg[i], offheap));
        pg[i].count_info = PGC_state_inuse;
    }

    /* Free in the largest aligned blocks that fit. */
    while ( mfn < end )
    {
        unsigned int order = mfn ? __builtin_ctzl(mfn) : MAX_ORDER;

        order = min(order, (unsigned int)MAX_ORDER);
        while ( (1UL << order) > end - mfn )
            order--;
        free_heap_pages(mfn_to_page(mfn), order);
        __atomic_fetch_add(&total_given, 1UL << order, __ATOMIC_RELAXED);
        mfn += 1UL << order;
    }
}

void *alloc_xenheap_pages(unsigned int order, unsigned int memflags)
{
    struct page_info *pg = alloc_heap_pages(order, memflags);
    unsigned long i;

    if ( !pg )
        return NULL;
    for ( i = 0; i < (1UL << order); i++ )
        pg[i].count_info |= PGC_xen_heap;
    return page_to_virt(pg);
}

void free_xenheap_pages(void *v, unsigned int order)
{
    struct page_info *pg;
    unsigned long i;

    if ( !v )
        return;
    BUG_ON((unsigned long)v & (PAGE_SIZE - 1));
    pg = virt_to_page(v);
    BUG_ON(!mfn_valid(page_to_mfn(pg)));
    for ( i = 0; i < (1UL << order); i++ )
    {
        BUG_ON(!(pg[i].count_info & PGC_xen_heap));
        pg[i].count_info &= ~PGC_xen_heap;
    }
    free_heap_pages(pg, order);
}

struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order,
                                      unsigned int memflags)
{
    return alloc_owned(order, memflags, d);
}

/*
 * Foreign references. The count and PGC_free_deferred share count_info
 * so that one atomic operation decides who frees a page: setting the
 * flag returns the count (0: the freer owns the page; else the holders
 * do), and the put that drops the count to 0 under the flag clears the
 * flag in the same step (so the freer's second pass skips the page).
 */
bool get_page_foreign(struct page_info *pg)
{
    unsigned long x = __atomic_load_n(&pg->count_info, __ATOMIC_ACQUIRE);

    do {
        if ( (x & PGC_state_mask) != PGC_state_inuse ||
             (x & (PGC_xen_heap | PGC_free_deferred)) ||
             (x & PGC_count_mask) == PGC_count_mask )
            return false;
    } while ( !__atomic_compare_exchange_n(&pg->count_info, &x, x + 1,
                                           false, __ATOMIC_ACQ_REL,
                                           __ATOMIC_ACQUIRE) );
    return true;
}

void put_page_foreign(struct page_info *pg)
{
    unsigned long x = __atomic_load_n(&pg->count_info, __ATOMIC_ACQUIRE);
    unsigned long nx;

    do {
        BUG_ON(!(x & PGC_count_mask));
        nx = x - 1;
        if ( !(nx & PGC_count_mask) )
            nx &= ~PGC_free_deferred;   /* we free it, nobody else */
    } while ( !__atomic_compare_exchange_n(&pg->count_info, &x, nx, false,
                                           __ATOMIC_ACQ_REL,
                                           __ATOMIC_ACQUIRE) );
    if ( (x & PGC_free_deferred) && !(nx & PGC_free_deferred) )
        free_heap_pages(pg, 0);
}

/*
 * Each frame is decided by its own fetch_or: a frame without references
 * is ours from then on (no get succeeds after the flag, no put can come),
 * a referenced one belongs to its last holder. Frames are freed one by
 * one once the first referenced frame is seen; otherwise as one block.
 */
void free_domheap_pages(struct page_info *pg, unsigned int order)
{
    unsigned long i, j, x;
    bool deferred = false;

    if ( !pg )
        return;
    for ( i = 0; i < (1UL << order); i++ )
    {
        /* Xenheap pages must go back through free_xenheap_pages(). */
        BUG_ON(pg[i].count_info & PGC_xen_heap);
        pg[i].owner = NULL;
        x = __atomic_fetch_or(&pg[i].count_info, PGC_free_deferred,
                              __ATOMIC_ACQ_REL);
        if ( x & PGC_count_mask )
        {
            /* Still mapped by another domain: its last put frees it. */
            for ( j = 0; !deferred && j < i; j++ )
                free_heap_pages(&pg[j], 0);
            deferred = true;
        }
        else if ( deferred )
            free_heap_pages(&pg[i], 0);
    }
    if ( !deferred )
        free_heap_pages(pg, order);
}

unsigned long total_free_pages(void)
{
    return __atomic_load_n(&total_avail, __ATOMIC_RELAXED);
}

unsigned long total_heap_pages(void)
{
    return __atomic_load_n(&total_given, __ATOMIC_RELAXED);
}

unsigned long heap_free_blocks(unsigned int order)
{
    unsigned long flags, n = 0;
    unsigned int zone;

    if ( order > MAX_ORDER )
        return 0;
    spin_lock_irqsave(&heap_lock, flags);
    for ( zone = 0; zone < NR_ZONES; zone++ )
        n += nr_blocks[zone][order];
    spin_unlock_irqrestore(&heap_lock, flags);
    return n;
}

void dump_heap(void)
{
    unsigned long counts[MAX_ORDER + 1], avail, flags;
    unsigned int zone, j;

    printk("heap: %lu of %lu pages free\n", total_free_pages(),
           total_heap_pages());
    for ( zone = 0; zone < NR_ZONES; zone++ )
    {
        /* Snapshot under the lock, print without it. */
        spin_lock_irqsave(&heap_lock, flags);
        avail = zone_avail[zone];
        memcpy(counts, nr_blocks[zone], sizeof(counts));
        spin_unlock_irqrestore(&heap_lock, flags);
        if ( !avail )
            continue;

        printk(" zone %2u (frames < %#lx): %lu free, blocks by order:",
               zone, 1UL << zone, avail);
        for ( j = 0; j <= MAX_ORDER; j++ )
            if ( counts[j] )
                printk(" %u:%lu", j, counts[j]);
        printk("\n");
    }
}
