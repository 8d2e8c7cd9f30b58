/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's general-purpose allocator (common/xmalloc.c): small
 * objects from page-sized slabs of power-of-two size classes, anything
 * larger straight from the xenheap. Usable once the heap is up.
 */
#ifndef __XEN_XMALLOC_H__
#define __XEN_XMALLOC_H__

#include <xen/types.h>

/*
 * Allocate size bytes aligned to align (0: default 16; otherwise a power of
 * two up to PAGE_SIZE). Size 0 returns a minimal unique block. Returns NULL
 * if out of memory or align is invalid. _xzalloc() also clears the block.
 * Context: any (IRQ-safe).
 */
void *_xmalloc(size_t size, size_t align);
void *_xzalloc(size_t size, size_t align);

/*
 * Free a block from _xmalloc()/_xzalloc(); NULL is ignored. Freeing a bad
 * pointer, or a small block twice, is a host bug: BUG(). Context: any.
 */
void xfree(void *p);

/* Print slab and large-block usage (debug key 'm'). */
void xmalloc_stats(void);

/* nr elements of size bytes each, NULL if the total overflows. */
static inline void *_xmalloc_array(size_t size, size_t align, size_t nr)
{
    if ( size && nr > (size_t)-1 / size )
        return NULL;
    return _xmalloc(size * nr, align);
}

static inline void *_xzalloc_array(size_t size, size_t align, size_t nr)
{
    if ( size && nr > (size_t)-1 / size )
        return NULL;
    return _xzalloc(size * nr, align);
}

#define xmalloc(type)   ((type *)_xmalloc(sizeof(type), __alignof__(type)))
#define xzalloc(type)   ((type *)_xzalloc(sizeof(type), __alignof__(type)))
#define xmalloc_array(type, nr) \
    ((type *)_xmalloc_array(sizeof(type), __alignof__(type), nr))
#define xzalloc_array(type, nr) \
    ((type *)_xzalloc_array(sizeof(type), __alignof__(type), nr))
#define xmalloc_bytes(n)    _xmalloc(n, 0)
#define xzalloc_bytes(n)    _xzalloc(n, 0)

#endif /* __XEN_XMALLOC_H__ */
