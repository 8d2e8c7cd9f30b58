/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console stub for the memory tests: printk output becomes TAP comment
 * lines ("# ...") so that dump_heap() and xmalloc_stats() do not disturb
 * the TAP stream. Overrides the weak vprintk of stubs/stub-common.c.
 */
#include <stdio.h>
#include <xen/lib.h>

static int at_line_start = 1;

void vprintk(const char *fmt, va_list args)
{
    char buf[1024];
    const char *p;

    vsnprintf(buf, sizeof(buf), fmt, args);
    for ( p = buf; *p; p++ )
    {
        if ( at_line_start )
            fputs("# ", stdout);
        putchar(*p);
        at_line_start = (*p == '\n');
    }
}
