/* SPDX-License-Identifier: GPL-2.0-only */
/* scnprintf() for the bitmap test, on glibc's vsnprintf. */
#include <stdarg.h>
#include <stdio.h>

int scnprintf(char *buf, size_t size, const char *fmt, ...);

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    if ( !size )
        return 0;
    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);

    return (size_t)n < size ? n : (int)size - 1;
}
