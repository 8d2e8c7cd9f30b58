/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest test framework: formatted output. With a hypervisor, text goes
 * through console_io(CONSOLEIO_write) and, if that fails (Xen refuses it
 * to a domU), through the debug port 0xe9; the working path is kept.
 * Without one (plain QEMU), text goes to port 0xe9 and COM1.
 */
#ifndef GUEST_CONSOLE_H
#define GUEST_CONSOLE_H

#include <stddef.h>
#include <stdarg.h>

#define PRINTF_FMT(f, a) __attribute__((format(printf, f, a)))

/*
 * Formatter: %d %i %u %x %X %p %s %c %%, with flags '-' and '0', a
 * width, and the length modifiers l, ll, z. %p prints 0x + 16 digits.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) PRINTF_FMT(3, 4);

int printf(const char *fmt, ...) PRINTF_FMT(1, 2);
int vprintf(const char *fmt, va_list ap);

/* Write raw bytes to the console. */
void console_write(const char *s, size_t len);

/* Which path output takes: "console_io", "port 0xe9", "0xe9+COM1". */
const char *console_path(void);

#endif /* GUEST_CONSOLE_H */
