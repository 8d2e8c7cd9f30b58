/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot-time entry points between setup.c and the rest of arch/x86. */
#ifndef __ASM_SETUP_H__
#define __ASM_SETUP_H__

#include <xen/compiler.h>
#include <xen/types.h>

void __start_xen(unsigned int protocol, uint32_t info_pa) __noreturn;

/*
 * Everything after memory, descriptors and time are up: interrupts, the
 * other CPUs, debug keys, then the idle loop. Never returns.
 */
void arch_late_init(void) __noreturn;

#endif /* __ASM_SETUP_H__ */
