/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor console (common/console.c): printk's back end, the log
 * ring that keeps every message (read later by "xl dmesg"), timestamps,
 * log-level filtering and serial input dispatch to debug keys.
 */
#ifndef __XEN_CONSOLE_H__
#define __XEN_CONSOLE_H__

#include <xen/types.h>

/* Early set-up: serial output works after this. Context: boot CPU. */
void console_init_preirq(void);
/* Serial input by interrupt from now on. Context: boot CPU, IRQs on. */
void console_init_postirq(void);

/*
 * Copy up to len bytes of the log ring starting at *index (0: oldest kept
 * byte) into buf; advance *index. Returns the number of bytes copied.
 */
size_t console_ring_read(char *buf, size_t len, uint64_t *index);
/* Bytes ever written to the ring, and its size. */
uint64_t console_ring_written(void);
size_t console_ring_size(void);

/* Make printk usable whatever state the console lock is in (panic path). */
void console_force_unlock(void);

/* Write raw characters (no prefix, no filtering) to serial and ring. */
void console_write_raw(const char *s, size_t len);

#endif /* __XEN_CONSOLE_H__ */
