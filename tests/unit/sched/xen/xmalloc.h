/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test-local shadow of xen/xmalloc.h for the scheduler test: the entry
 * points the scheduler and timer.c use, on libc (ASan sees every block).
 */
#ifndef __XEN_XMALLOC_H__
#define __XEN_XMALLOC_H__

#include <stdlib.h>

#define xzalloc(type)           ((type *)calloc(1, sizeof(type)))
#define xmalloc_array(type, n)  ((type *)calloc(n, sizeof(type)))
#define xfree(p)                free(p)

#endif /* __XEN_XMALLOC_H__ */
