/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * decompress_kernel() tests, included by test-decompress.c: synthetic
 * bzImages around each vector format, pass-through, unsupported and
 * broken headers, and the real Debian kernel (else "# SKIP").
 */
#include <xen/elf.h>
#include <public/elfnote.h>

#define MAX_OUT     (512UL << 20)

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/*
 * A minimal bzImage: setup_sects sectors of setup + 512, header fields
 * at their offsets, then the payload (with Linux's size trailer unless
 * the payload is gzip) at payload_offset 0x100.
 */
static unsigned char *make_bzimage(const unsigned char *pl, size_t len,
                                   uint32_t size, bool gzip, size_t *out_len)
{
    unsigned int sects = 3;
    size_t pm = (sects + 1) * 512, plen = len + (gzip ? 0 : 4);
    unsigned char *b = calloc(1, pm + 0x100 + plen);

    b[0x1f1] = (unsigned char)sects;
    b[0x1fe] = 0x55;
    b[0x1ff] = 0xaa;
    memcpy(b + 0x202, "HdrS", 4);
    b[0x206] = 0x0f;
    b[0x207] = 0x02;
    put32(b + 0x248, 0x100);
    put32(b + 0x24c, (uint32_t)plen);
    memcpy(b + pm + 0x100, pl, len);
    if ( !gzip )
        put32(b + pm + 0x100 + len, size);
    *out_len = pm + 0x100 + plen;
    return b;
}

/* Each elf.* vector, wrapped in a bzImage and bare, gives elf.raw back. */
static void test_kernel_vectors(void)
{
    static const char *const names[] = {
        "elf.9.gz", "elf.linux.xz", "elf.crc64.xz", "elf.legacy.lz4",
        "elf.frame.lz4", "elf.22.zst", "elf.nosize.zst" };
    char path[4400];
    size_t rlen, clen, blen, i;
    unsigned char *raw, *c, *bz;
    struct kernel_image img;
    char err[128];
    int rc;

    snprintf(path, sizeof(path), "%s/elf.raw", vecdir);
    raw = read_file(path, &rlen);
    if ( !raw )
        return;
    for ( i = 0; i < sizeof(names) / sizeof(names[0]); i++ )
    {
        snprintf(path, sizeof(path), "%s/%s", vecdir, names[i]);
        if ( !(c = read_file(path, &clen)) )
            continue;
        bz = make_bzimage(c, clen, (uint32_t)rlen, strstr(names[i], ".gz"),
                          &blen);
        rc = decompress_kernel(bz, blen, MAX_OUT, &img, err, sizeof(err));
        test_report(!rc && img.bzimage && img.size == rlen &&
                    !memcmp(img.data, raw, rlen), names[i], __FILE__,
                    __LINE__);
        if ( rc )
            printf("#   bzImage: %s\n", err);
        decompress_kernel_release(&img);
        /* A recorded size one short must be refused, not overrun. */
        if ( !strstr(names[i], ".gz") )
        {
            put32(bz + blen - 4, (uint32_t)rlen - 1);
            CHECK(decompress_kernel(bz, blen, MAX_OUT, &img, err,
                                    sizeof(err)) < 0);
        }
        free(bz);
        rc = decompress_kernel(c, clen, MAX_OUT, &img, err, sizeof(err));
        test_report(!rc && !img.bzimage && img.size == rlen &&
                    !memcmp(img.data, raw, rlen), names[i], __FILE__,
                    __LINE__);
        if ( rc )
            printf("#   bare: %s\n", err);
        decompress_kernel_release(&img);
        free(c);
    }
    /* Plain ELF: passes through untouched. */
    rc = decompress_kernel(raw, rlen, MAX_OUT, &img, err, sizeof(err));
    CHECK(!rc && img.data == raw && img.size == rlen && !img.buf);
    decompress_kernel_release(&img);
    free(raw);
}

static void test_kernel_errors(void)
{
    static const unsigned char bzip2[] = "BZh91AY&SY";
    unsigned char junk[600] = { 1, 2, 3 }, *bz;
    struct kernel_image img;
    char err[128];
    size_t blen;

    CHECK_EQ(decompress_kernel(junk, sizeof(junk), MAX_OUT, &img, err,
                               sizeof(err)), -EINVAL);
    CHECK_STR(err, "not an ELF, bzImage or compressed kernel");
    bz = make_bzimage(bzip2, sizeof(bzip2), 1000, false, &blen);
    CHECK_EQ(decompress_kernel(bz, blen, MAX_OUT, &img, err, sizeof(err)),
             -EOPNOTSUPP);
    CHECK_STR(err, "bzImage: unsupported compression bzip2");
    /* Payload length past the end of the image. */
    put32(bz + 0x24c, (uint32_t)blen);
    CHECK_EQ(decompress_kernel(bz, blen, MAX_OUT, &img, err, sizeof(err)),
             -EINVAL);
    CHECK_STR(err, "not an ELF, bzImage or compressed kernel");
    /* Old boot protocol. */
    bz[0x206] = 0x06;
    CHECK_EQ(decompress_kernel(bz, blen, MAX_OUT, &img, err, sizeof(err)),
             -EINVAL);
    free(bz);
    /* A truncated image (header cut short). */
    CHECK_EQ(decompress_kernel(junk, 0x100, MAX_OUT, &img, err, sizeof(err)),
             -EINVAL);
    CHECK(img.buf == NULL && img.data == NULL);
}

/* Reference: the host tool's decoding of the payload. */
static unsigned char *host_decode(const void *payload, size_t plen,
                                  enum dc_format fmt, size_t *len)
{
    static const char *const tool[] = {
        [DC_GZIP] = "gzip -dc", [DC_XZ] = "xz -dc --single-stream",
        [DC_LZ4] = "lz4 -dc", [DC_ZSTD] = "zstd -dcq" };
    char pay[4300], ref[4300], cmd[9000];
    FILE *f;

    snprintf(pay, sizeof(pay), "%s/build/unit/decompress/debian.payload",
             root);
    snprintf(ref, sizeof(ref), "%s/build/unit/decompress/debian.vmlinux",
             root);
    if ( fmt < DC_GZIP || fmt > DC_ZSTD || !(f = fopen(pay, "wb")) )
        return NULL;
    /* Linux's size trailer is not part of the stream (gzip: ISIZE is). */
    fwrite(payload, 1, plen - (fmt == DC_GZIP ? 0 : 4), f);
    fclose(f);
    snprintf(cmd, sizeof(cmd), "%s < '%s' > '%s'", tool[fmt], pay, ref);
    if ( system(cmd) )
        return NULL;
    return read_file(ref, len);
}

static void test_debian_kernel(void)
{
    char path[4200], err[128];
    const void *payload;
    size_t len, plen, rlen;
    unsigned char *in, *ref;
    struct kernel_image img;
    struct elf_info *info;
    const char *why;
    FILE *p;
    double t0, t1;
    int rc;

    snprintf(path, sizeof(path), "ls %s/build/debian/boot/vmlinuz-* "
             "2>/dev/null | tail -n 1", root);
    p = popen(path, "r");
    if ( !p || !fgets(path, sizeof(path), p) || !(in = read_file(
              (path[strcspn(path, "\n")] = 0, path), &len)) )
    {
        printf("# SKIP Debian kernel: none in build/debian "
               "(run scripts/get-debian-kernel)\n");
        if ( p )
            pclose(p);
        return;
    }
    pclose(p);
    printf("# Debian kernel %s (%zu bytes)\n", path, len);
    rc = bzimage_find_payload(in, len, &payload, &plen, &why);
    CHECK_EQ(rc, 0);
    printf("# payload: %s, %zu bytes\n", decompress_format_name(
           decompress_detect(payload, plen)), plen);
    t0 = now_ms();
    rc = decompress_kernel(in, len, MAX_OUT, &img, err, sizeof(err));
    t1 = now_ms();
    CHECK_EQ(rc, 0);
    if ( rc )
    {
        printf("#   %s\n", err);
        free(in);
        return;
    }
    printf("# decompressed %zu bytes in %.0f ms (ASan build)\n", img.size,
           t1 - t0);
    info = calloc(1, sizeof(*info));
    rc = elf_parse(img.data, img.size, info, err, sizeof(err));
    CHECK_EQ(rc, 0);
    if ( rc )
        printf("#   elf_parse: %s\n", err);
    CHECK(elf_note_present(&info->notes, XEN_ELFNOTE_PHYS32_ENTRY));
    printf("# PVH entry 0x%llx, %u loads\n",
           (unsigned long long)info->phys32_entry, info->nr_segments);
    ref = host_decode(payload, plen, img.format, &rlen);
    if ( ref )
        CHECK(rlen == img.size && !memcmp(ref, img.data, rlen));
    else
        printf("# SKIP host reference decoding (tool missing)\n");
    free(ref);
    free(info);
    decompress_kernel_release(&img);
    free(in);
}
