/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Basic scalar types for the hypervisor. Built on the compiler's freestanding
 * headers so that the same code compiles in host unit tests.
 */
#ifndef __XEN_TYPES_H__
#define __XEN_TYPES_H__

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t paddr_t;       /* Machine (host-physical) address. */
typedef unsigned long mfn_t;    /* Machine frame number. */
typedef int64_t s_time_t;       /* System time in ns since boot. */

#define PRIpaddr "016lx"

#define INVALID_MFN (~0UL)

#endif /* __XEN_TYPES_H__ */
