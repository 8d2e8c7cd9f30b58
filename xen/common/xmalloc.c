/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xmalloc: objects up to SLAB_MAX_OBJ bytes come from one-page slabs, one
 * pool per power-of-two size class, each slab headed by struct slab and
 * holding a LIFO free list; larger blocks are whole xenheap pages whose
 * order is kept in the first page's page_info. A slab page goes back to
 * the heap as soon as its last object is freed.
 *
 * Locking: xmalloc_lock (spinlock, IRQ-safe) guards the pools and every
 * slab header and free object; it is taken before heap_lock.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <xen/xmalloc.h>

#define SLAB_MIN_SHIFT      4                   /* 16-byte objects */
#define SLAB_MAX_SHIFT      10                  /* 1024-byte objects */
#define SLAB_MAX_OBJ        (1UL << SLAB_MAX_SHIFT)
#define NR_CLASSES          (SLAB_MAX_SHIFT - SLAB_MIN_SHIFT + 1)
#define SLAB_MAGIC          0x51ab51abU
#define FREE_MAGIC          0xf4eeb10cf4eeb10cUL

/* Header at the start of every slab page; objects follow it. */
struct slab {
    struct slab *next, *prev;   /* [L:xmalloc_lock] pool's partial list */
    struct free_obj *free;      /* [L:xmalloc_lock] LIFO free objects */
    uint32_t magic;             /* [I] SLAB_MAGIC while a slab */
    uint16_t size;              /* [I] object size */
    uint16_t first;             /* [I] offset of the first object */
    uint16_t nr_objs;           /* [I] objects in this slab */
    uint16_t nr_free;           /* [L:xmalloc_lock] */
};

/* A free object; magic tells a free block from a live one (double free). */
struct free_obj {
    struct free_obj *next;
    unsigned long magic;
};

struct pool {
    struct slab *partial;       /* [L:xmalloc_lock] slabs with a free object */
    unsigned long nr_slabs;     /* [L:xmalloc_lock] */
    unsigned long nr_used;      /* [L:xmalloc_lock] live objects */
};

static DEFINE_SPINLOCK(xmalloc_lock);
static struct pool pools[NR_CLASSES];
static unsigned long large_pages;               /* [A] */
static unsigned long large_blocks;              /* [A] */

static void partial_add(struct pool *pool, struct slab *s)
{
    s->prev = NULL;
    s->next = pool->partial;
    if ( s->next )
        s->next->prev = s;
    pool->partial = s;
}

static void partial_del(struct pool *pool, struct slab *s)
{
    if ( s->prev )
        s->prev->next = s->next;
    else
        pool->partial = s->next;
    if ( s->next )
        s->next->prev = s->prev;
}

/* Format a fresh page as a slab of 2^shift-byte objects. */
static struct slab *slab_new(unsigned int shift)
{
    struct slab *s = alloc_xenheap_pages(0, 0);
    unsigned int size = 1U << shift, i;
    char *base;

    if ( !s )
        return NULL;
    s->magic = SLAB_MAGIC;
    s->size = size;
    s->first = ROUNDUP(sizeof(*s), size);
    s->nr_objs = (PAGE_SIZE - s->first) / size;
    s->nr_free = s->nr_objs;
    s->free = NULL;
    base = (char *)s + s->first;
    for ( i = s->nr_objs; i-- > 0; )
    {
        struct free_obj *o = (struct free_obj *)(base + i * size);

        o->next = s->free;
        o->magic = FREE_MAGIC;
        s->free = o;
    }
    return s;
}

static void *slab_alloc(unsigned int shift)
{
    struct pool *pool = &pools[shift - SLAB_MIN_SHIFT];
    struct free_obj *o = NULL;
    struct slab *s;
    unsigned long flags;

    spin_lock_irqsave(&xmalloc_lock, flags);
    s = pool->partial;
    if ( !s )
    {
        s = slab_new(shift);
        if ( !s )
            goto out;
        partial_add(pool, s);
        pool->nr_slabs++;
    }

    o = s->free;
    BUG_ON(o->magic != FREE_MAGIC);     /* Written after being freed. */
    s->free = o->next;
    o->magic = 0;
    if ( --s->nr_free == 0 )
        partial_del(pool, s);
    pool->nr_used++;
 out:
    spin_unlock_irqrestore(&xmalloc_lock, flags);
    return o;
}

static bool on_free_list(const struct slab *s, const struct free_obj *o)
{
    const struct free_obj *f;

    for ( f = s->free; f; f = f->next )
        if ( f == o )
            return true;
    return false;
}

static void slab_free(struct slab *s, void *p)
{
    unsigned long off = (unsigned long)p - (unsigned long)s, flags;
    struct free_obj *o = p;
    struct pool *pool;

    BUG_ON(s->magic != SLAB_MAGIC);
    BUG_ON(off < s->first || (off - s->first) % s->size);
    pool = &pools[__builtin_ctz(s->size) - SLAB_MIN_SHIFT];

    spin_lock_irqsave(&xmalloc_lock, flags);
    /* The magic alone may be user data; the free list decides. */
    BUG_ON(o->magic == FREE_MAGIC && on_free_list(s, o));
    o->next = s->free;
    o->magic = FREE_MAGIC;
    s->free = o;
    pool->nr_used--;
    if ( ++s->nr_free == 1 )
        partial_add(pool, s);
    if ( s->nr_free == s->nr_objs )
    {
        partial_del(pool, s);
        pool->nr_slabs--;
        s->magic = 0;
        free_xenheap_pages(s, 0);
    }
    spin_unlock_irqrestore(&xmalloc_lock, flags);
}

static void *large_alloc(size_t size)
{
    unsigned int order = get_order_from_bytes(size);
    void *p = alloc_xenheap_pages(order, 0);

    if ( !p )
        return NULL;
    virt_to_page(p)->order = order;
    __atomic_fetch_add(&large_pages, 1UL << order, __ATOMIC_RELAXED);
    __atomic_fetch_add(&large_blocks, 1, __ATOMIC_RELAXED);
    return p;
}

static void large_free(void *p)
{
    struct page_info *pg = virt_to_page(p);
    unsigned int order;

    /* free_xenheap_pages() checks every page; check the head's order. */
    BUG_ON(!mfn_valid(page_to_mfn(pg)) ||
           !(pg->count_info & PGC_xen_heap) || pg->order > MAX_ORDER);
    order = pg->order;
    __atomic_fetch_sub(&large_pages, 1UL << order, __ATOMIC_RELAXED);
    __atomic_fetch_sub(&large_blocks, 1, __ATOMIC_RELAXED);
    free_xenheap_pages(p, order);
}

void *_xmalloc(size_t size, size_t align)
{
    size_t need;

    if ( !align )
        align = 1UL << SLAB_MIN_SHIFT;
    if ( (align & (align - 1)) || align > PAGE_SIZE ||
         size > (PAGE_SIZE << MAX_ORDER) )
        return NULL;

    /* Slab objects are aligned to their (power-of-two) size. */
    need = max(size, align);
    need = max(need, (size_t)1 << SLAB_MIN_SHIFT);
    if ( need > SLAB_MAX_OBJ )
        return large_alloc(size);
    return slab_alloc(64 - __builtin_clzl(need - 1));
}

void *_xzalloc(size_t size, size_t align)
{
    void *p = _xmalloc(size, align);

    if ( p )
        memset(p, 0, size);
    return p;
}

void xfree(void *p)
{
    if ( !p )
        return;
    /* Slab objects never start a page: the slab header is there. */
    if ( !((unsigned long)p & (PAGE_SIZE - 1)) )
        large_free(p);
    else
    {
        void *page = (void *)((unsigned long)p & PAGE_MASK);
        const struct page_info *pg = virt_to_page(page);

        BUG_ON(!mfn_valid(page_to_mfn(pg)) ||
               !(pg->count_info & PGC_xen_heap));
        slab_free(page, p);
    }
}

void xmalloc_stats(void)
{
    struct pool snap[NR_CLASSES];
    unsigned long flags;
    unsigned int i;

    spin_lock_irqsave(&xmalloc_lock, flags);
    memcpy(snap, pools, sizeof(snap));
    spin_unlock_irqrestore(&xmalloc_lock, flags);

    printk("xmalloc: size  slabs   used   free\n");
    for ( i = 0; i < NR_CLASSES; i++ )
    {
        unsigned int size = 1U << (i + SLAB_MIN_SHIFT);
        unsigned long per = (PAGE_SIZE - ROUNDUP(sizeof(struct slab), size)) /
                            size;

        if ( snap[i].nr_slabs )
            printk("xmalloc: %4u %6lu %6lu %6lu\n", size, snap[i].nr_slabs,
                   snap[i].nr_used, snap[i].nr_slabs * per - snap[i].nr_used);
    }
    printk("xmalloc: large blocks %lu using %lu pages\n",
           __atomic_load_n(&large_blocks, __ATOMIC_RELAXED),
           __atomic_load_n(&large_pages, __ATOMIC_RELAXED));
}
