/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console output of domains (common/guest-console.c): bytes a guest
 * writes to port 0xe9 or with console_io become "(dN) line" messages on
 * the hypervisor console, one line at a time, rate-limited per domain so
 * that a noisy guest cannot flood the serial line for everyone.
 */
#ifndef __XEN_GUEST_CONSOLE_H__
#define __XEN_GUEST_CONSOLE_H__

#include <xen/types.h>

struct domain;

/* Output len bytes of d's console text. Context: any, IRQs on. */
void guest_console_write(struct domain *d, const char *s, size_t len);
/* Print whatever partial line d has buffered (at shutdown). */
void guest_console_flush(struct domain *d);

#endif /* __XEN_GUEST_CONSOLE_H__ */
