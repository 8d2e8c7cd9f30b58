/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * printk() for tests that check messages: appends every message to printk_log so
 * that the test can check the exact warnings, and echoes it as a TAP
 * comment. Formats with libc's vsnprintf.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <xen/lib.h>

char printk_log[16384];

void vprintk(const char *fmt, va_list args)
{
    size_t used = strlen(printk_log);

    vsnprintf(printk_log + used, sizeof(printk_log) - used, fmt, args);
    printf("# printk: %s", printk_log + used);
}

void printk(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vprintk(fmt, args);
    va_end(args);
}
