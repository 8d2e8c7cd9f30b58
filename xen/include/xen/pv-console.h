/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PV console back-end served by the hypervisor (common/pv-console.c):
 * a xencons_interface page and a hypervisor-bound event channel per
 * boot-time domain, joined to the serial console. Output becomes "(dN)"
 * lines; serial input goes to the domain with the input focus (three
 * Ctrl-A switch it). Design: docs/hypervisor/pv-console.md.
 */
#ifndef __XEN_PV_CONSOLE_H__
#define __XEN_PV_CONSOLE_H__

#include <xen/types.h>

struct domain;

/*
 * Give d a console page mapped at guest frame gfn and a port bound to
 * the hypervisor. Returns the port (> 0; the caller publishes gfn and
 * port as HVM_PARAM_CONSOLE_PFN/EVTCHN) or -ENOMEM/-ENOSPC/-EINVAL.
 * On failure nothing is left behind. Context: domain build, IRQs on.
 */
int pv_console_create(struct domain *d, uint64_t gfn);

/*
 * Unmap and free d's console, if it has one (idempotent). No vCPU of d
 * may be running. Context: IRQs on.
 */
void pv_console_destroy(struct domain *d);

/*
 * A byte from the serial line. Returns true if the PV console took it
 * (a focus switch, or input for a domain); false: the hypervisor has
 * the focus and the caller handles it as a debug key.
 * Context: the serial input interrupt (or any).
 */
bool pv_console_rx(char c);

#endif /* __XEN_PV_CONSOLE_H__ */
