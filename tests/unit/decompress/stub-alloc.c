/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-ins for the hypervisor allocators the decompressors use:
 * xmalloc on malloc (exact sizes, so ASan sees overruns) and the xenheap
 * on aligned_alloc.
 */
#include <stdlib.h>
#include <string.h>
#include <xen/mm.h>
#include <xen/xmalloc.h>

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
    if ( order > 20 )
        return NULL;
    return aligned_alloc(PAGE_SIZE, PAGE_SIZE << order);
}

void free_xenheap_pages(void *v, unsigned int order)
{
    (void)order;
    free(v);
}
