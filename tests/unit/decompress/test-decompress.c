/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of common/decompress: round trips against the host's gzip,
 * xz, lz4 and zstd (vectors made by gen-vectors.sh), truncation at every
 * position and random byte flips (ASan must stay quiet; set
 * DECOMPRESS_FUZZ=<flips> to also fuzz the larger ELF vectors), synthetic
 * bzImages around each format, and the real Debian kernel when
 * scripts/get-debian-kernel has fetched it (else "# SKIP").
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xen/decompress.h>
#include <xen/errno.h>
#include "test.h"

typedef int (*decoder_fn)(const void *, size_t, void *, size_t, size_t *,
                          const char **);

static char root[4096], vecdir[4200];

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    long n;

    if ( !f )
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc(n ? (size_t)n : 1);
    if ( buf && fread(buf, 1, (size_t)n, f) != (size_t)n )
    {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* The repository root: the binary is build/unit/decompress/test. */
static void find_root(void)
{
    ssize_t n = readlink("/proc/self/exe", root, sizeof(root) - 1);
    int up;

    root[n > 0 ? n : 0] = 0;
    for ( up = 0; up < 4; up++ )
    {
        char *slash = strrchr(root, '/');

        if ( slash )
            *slash = 0;
    }
    if ( getenv("DECOMPRESS_ROOT") )
        snprintf(root, sizeof(root), "%s", getenv("DECOMPRESS_ROOT"));
}

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static decoder_fn decoder_for(const char *name)
{
    const char *dot = strrchr(name, '.');

    if ( !dot )
        return NULL;
    if ( !strcmp(dot, ".gz") )
        return dc_gunzip;
    if ( !strcmp(dot, ".xz") )
        return dc_unxz;
    if ( !strcmp(dot, ".lz4") )
        return dc_unlz4;
    if ( !strcmp(dot, ".zst") )
        return dc_unzstd;
    return NULL;
}

/*
 * Decode a private copy of in into out (cap bytes, from malloc, or a new
 * buffer if out is NULL): exact sizes, so ASan catches any overrun.
 */
static int run_decoder(decoder_fn fn, const unsigned char *in, size_t len,
                       unsigned char *out, size_t cap, size_t *out_len,
                       unsigned char **outp, const char **why)
{
    unsigned char *inb = malloc(len ? len : 1);
    int rc;

    if ( !out )
        out = malloc(cap ? cap : 1);
    memcpy(inb, in, len);
    *why = NULL;
    rc = fn(inb, len, out, cap, out_len, why);
    free(inb);
    if ( outp )
        *outp = out;
    return rc;
}

static void test_roundtrip(const char *name)
{
    char path[4400], raw[4800], base[256];
    size_t clen, rlen, olen;
    unsigned char *c, *r, *o;
    const char *why;
    int rc;

    snprintf(base, sizeof(base), "%s", name);
    *strchr(base, '.') = 0;
    snprintf(path, sizeof(path), "%s/%s", vecdir, name);
    snprintf(raw, sizeof(raw), "%s/%s.raw", vecdir, base);
    c = read_file(path, &clen);
    r = read_file(raw, &rlen);
    if ( !c || !r )
    {
        CHECK(!"vector readable");
        return;
    }
    rc = run_decoder(decoder_for(name), c, clen, NULL, rlen, &olen, &o, &why);
    test_report(!rc && olen == rlen && !memcmp(o, r, rlen), name,
                __FILE__, __LINE__);
    if ( rc || olen != rlen )
        printf("#   rc %d why %s len %zu want %zu\n", rc, why ? why : "-",
               olen, rlen);
    free(o);
    /* One byte short: must refuse, not overrun. */
    if ( rlen )
    {
        rc = run_decoder(decoder_for(name), c, clen, NULL, rlen - 1, &olen,
                         &o, &why);
        CHECK_EQ(rc, -ENOSPC);
        free(o);
    }
    free(c);
    free(r);
}

/* Truncations and byte flips must fail cleanly or decode something. */
static void test_fuzz(const char *name, unsigned int flips)
{
    char path[4400];
    size_t clen, olen, i, step, bad = 0, cap = 1 << 20;
    unsigned char *c = NULL, *m, *out;
    const char *why;
    decoder_fn fn = decoder_for(name);

    snprintf(path, sizeof(path), "%s/%s", vecdir, name);
    c = read_file(path, &clen);
    if ( !c )
        return;
    m = malloc(clen + 1);
    out = malloc(cap);
    /* Every cut for small inputs, about 500 cuts for larger ones. */
    step = clen > 2048 ? clen / 512 : 1;
    for ( i = 0; i < clen; i += step )
        /* A cut stream must not pass (lz4 legacy: the bare magic does). */
        if ( !run_decoder(fn, c, i, out, cap, &olen, NULL, &why) &&
             !(i == 4 && strstr(name, "legacy")) )
            bad++;
    for ( i = 0; i < flips && clen; i++ )
    {
        memcpy(m, c, clen);
        m[(size_t)rand() % clen] ^= (unsigned char)(1 + rand() % 255);
        if ( rand() & 1 )
            m[(size_t)rand() % clen] = (unsigned char)rand();
        run_decoder(fn, m, clen, out, cap, &olen, NULL, &why);
    }
    test_report(bad == 0, name, __FILE__, __LINE__);
    if ( bad )
        printf("#   %zu truncations decoded without error\n", bad);
    free(out);
    free(m);
    free(c);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_vectors(void)
{
    char cmd[9000], *names[512];
    struct dirent *de;
    unsigned int n = 0, i;
    DIR *d;

    snprintf(vecdir, sizeof(vecdir), "%s/build/unit/decompress/vectors",
             root);
    snprintf(cmd, sizeof(cmd), "sh %s/tests/unit/decompress/gen-vectors.sh %s",
             root, vecdir);
    unsigned int per_format[4] = { 0 };
    static const char *const fmt[4] = { ".gz", ".xz", ".lz4", ".zst" };

    /* scripts/setup installs gzip, xz-utils, lz4 and zstd: no skipping. */
    CHECK(!system(cmd));
    if ( !(d = opendir(vecdir)) )
    {
        CHECK(!"no test vectors directory");
        return;
    }
    while ( (de = readdir(d)) && n < 512 )
        if ( decoder_for(de->d_name) )
        {
            for ( i = 0; i < 4; i++ )
                per_format[i] += !strcmp(strrchr(de->d_name, '.'), fmt[i]);
            names[n++] = strdup(de->d_name);
        }
    closedir(d);
    for ( i = 0; i < 4; i++ )
    {
        printf("# %s vectors: %u\n", fmt[i], per_format[i]);
        CHECK(per_format[i] >= 4);
    }
    qsort(names, n, sizeof(*names), cmp_names);
    printf("# round trips (%u vectors)\n", n);
    for ( i = 0; i < n; i++ )
        test_roundtrip(names[i]);
    printf("# truncation and corruption\n");
    srand(1);
    for ( i = 0; i < n; i++ )
    {
        if ( !strncmp(names[i], "small.", 6) || !strncmp(names[i], "one.", 4) )
            test_fuzz(names[i], 3000);
        else if ( !strncmp(names[i], "text.", 5) )
            test_fuzz(names[i], 300);
        else if ( !strncmp(names[i], "elf.", 4) && getenv("DECOMPRESS_FUZZ") )
            test_fuzz(names[i], (unsigned int)atoi(getenv("DECOMPRESS_FUZZ")));
        free(names[i]);
    }
}

#include "test-kernel.h"

int main(void)
{
    find_root();
    test_vectors();
    printf("# decompress_kernel\n");
    test_kernel_vectors();
    test_kernel_errors();
    test_debian_kernel();
    return test_done();
}
