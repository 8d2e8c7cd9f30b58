/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host speed check for decompress_kernel(): bench.sh builds this with -O2
 * and no sanitizers. Usage: bench-decompress FILE... ; prints, per file,
 * the format, output size and best time of five runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <xen/decompress.h>

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    int i, run, rc = 0;

    for ( i = 1; i < argc; i++ )
    {
        FILE *f = fopen(argv[i], "rb");
        struct kernel_image img;
        double best = 1e30, t;
        char err[128];
        unsigned char *buf;
        long len;

        if ( !f )
            continue;
        fseek(f, 0, SEEK_END);
        len = ftell(f);
        rewind(f);
        buf = malloc((size_t)len);
        if ( fread(buf, 1, (size_t)len, f) != (size_t)len )
            len = 0;
        fclose(f);
        for ( run = 0; run < 5; run++ )
        {
            t = now_ms();
            if ( decompress_kernel(buf, (size_t)len, 512UL << 20, &img, err,
                                   sizeof(err)) )
            {
                printf("%s: %s\n", argv[i], err);
                rc = 1;
                break;
            }
            t = now_ms() - t;
            best = t < best ? t : best;
            if ( run == 4 )
                printf("%-48s %-5s %9ld -> %9zu bytes %7.1f ms %6.1f MB/s\n",
                       argv[i], decompress_format_name(img.format), len,
                       img.size, best, img.size / best / 1e3);
            decompress_kernel_release(&img);
        }
        free(buf);
    }
    return rc;
}
