/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Library services every hypervisor file may use: console output, fatal
 * error reporting, assertions and small arithmetic helpers. printk/panic
 * live in common/console.c and common/panic.c; vsnprintf in common/vsprintf.c.
 */
#ifndef __XEN_LIB_H__
#define __XEN_LIB_H__

#include <stdarg.h>
#include <xen/compiler.h>
#include <xen/types.h>
#include <xen/string.h>

/*
 * Log levels, given as a prefix of the format string, as in
 * printk(XENLOG_WARNING "something odd\n"). A message without a prefix is
 * XENLOG_INFO. Messages above the "loglvl=" threshold are kept in the
 * console ring but not printed on the serial line.
 */
#define XENLOG_ERR      "<0>"
#define XENLOG_WARNING  "<1>"
#define XENLOG_INFO     "<2>"
#define XENLOG_DEBUG    "<3>"

#define LOGLVL_ERR      0
#define LOGLVL_WARNING  1
#define LOGLVL_INFO     2
#define LOGLVL_DEBUG    3

/* Formatted output to the console ring and the serial line. Context: any. */
void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list args);

/*
 * Format into buf (always NUL-terminated when size > 0). Return the length
 * the full output would have had, as C99 snprintf does. %pS prints a code
 * address as symbol+offset/size.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
/* Like vsnprintf, but return the number of characters actually stored. */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/*
 * Stop the machine: print the message, the registers of the calling CPU and
 * a symbolized backtrace, halt every other CPU, and end (see panic.c).
 */
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

void __bug(const char *cond, const char *file, int line) __noreturn;
void __assert_failed(const char *expr, const char *file, int line)
    __noreturn;

/* Host-corrupting conditions only; never on guest-controlled state. */
#define BUG() __bug(NULL, __FILE__, __LINE__)
#define BUG_ON(cond) \
    do { if ( unlikely(cond) ) __bug(#cond, __FILE__, __LINE__); } while ( 0 )

#ifdef CONFIG_DEBUG
#define ASSERT(p) \
    do { if ( unlikely(!(p)) ) __assert_failed(#p, __FILE__, __LINE__); } \
    while ( 0 )
#else
#define ASSERT(p) do { if ( 0 && (p) ) {} } while ( 0 )
#endif
#define ASSERT_UNREACHABLE() ASSERT(!"unreachable")

#define min(x, y) ({                        \
    const __typeof__(x) _x = (x);           \
    const __typeof__(y) _y = (y);           \
    (void)(&_x == &_y);                     \
    _x < _y ? _x : _y; })
#define max(x, y) ({                        \
    const __typeof__(x) _x = (x);           \
    const __typeof__(y) _y = (y);           \
    (void)(&_x == &_y);                     \
    _x > _y ? _x : _y; })
#define min_t(t, x, y) min((t)(x), (t)(y))
#define max_t(t, x, y) max((t)(x), (t)(y))

#define ROUNDUP(x, a)   (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ROUNDDOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)

/* Parse an unsigned number: 0x.. hex, 0.. octal, else decimal. */
unsigned long simple_strtoul(const char *cp, const char **endp,
                             unsigned int base);
unsigned long long simple_strtoull(const char *cp, const char **endp,
                                   unsigned int base);
long simple_strtol(const char *cp, const char **endp, unsigned int base);

#endif /* __XEN_LIB_H__ */
