/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test-local shadow of xen/xmalloc.h for the timer test: the two entry
 * points timer.c uses, on libc, with an injectable allocation failure.
 */
#ifndef __XEN_XMALLOC_H__
#define __XEN_XMALLOC_H__

#include <stdlib.h>

extern int stub_xmalloc_fail;   /* fail this many next allocations */

static inline void *stub_xmalloc(size_t size)
{
    if ( stub_xmalloc_fail > 0 )
    {
        stub_xmalloc_fail--;
        return NULL;
    }
    return malloc(size);
}

#define xmalloc_array(type, n)  ((type *)stub_xmalloc(sizeof(type) * (n)))
#define xfree(p)                free(p)

#endif /* __XEN_XMALLOC_H__ */
