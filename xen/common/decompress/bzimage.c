/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel images handed over as boot modules: format detection by magic,
 * the Linux bzImage payload (boot protocol 2.08+: payload_offset and
 * payload_length in the setup header), and decompress_kernel(), which
 * turns a vmlinuz, a bare compressed vmlinux or a plain ELF into an ELF
 * image in xenheap memory. The decoders are in the other files here.
 */
#include <xen/decompress.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include "private.h"

/* Setup header offsets (Linux Documentation/arch/x86/boot.rst). */
#define BZ_SETUP_SECTS      0x1f1
#define BZ_BOOT_FLAG        0x1fe       /* 0xaa55 */
#define BZ_HEADER           0x202       /* "HdrS" */
#define BZ_VERSION          0x206
#define BZ_PAYLOAD_OFFSET   0x248       /* from the protected-mode code */
#define BZ_PAYLOAD_LENGTH   0x24c
#define BZ_MIN_LEN          0x250

static const struct {
    enum dc_format fmt;
    const char *name;
    uint8_t len;
    uint8_t magic[6];
} formats[] = {
    { DC_ELF,   "elf",   4, { 0x7f, 'E', 'L', 'F' } },
    { DC_GZIP,  "gzip",  2, { 0x1f, 0x8b } },
    { DC_XZ,    "xz",    6, { 0xfd, '7', 'z', 'X', 'Z', 0 } },
    { DC_LZ4,   "lz4",   4, { 0x02, 0x21, 0x4c, 0x18 } },
    { DC_LZ4,   "lz4",   4, { 0x04, 0x22, 0x4d, 0x18 } },
    { DC_ZSTD,  "zstd",  4, { 0x28, 0xb5, 0x2f, 0xfd } },
    { DC_BZIP2, "bzip2", 3, { 'B', 'Z', 'h' } },
    { DC_LZMA,  "lzma",  3, { 0x5d, 0, 0 } },
    { DC_LZO,   "lzo",   4, { 0x89, 'L', 'Z', 'O' } },
};

enum dc_format decompress_detect(const void *buf, size_t len)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(formats); i++ )
        if ( len >= formats[i].len &&
             !memcmp(buf, formats[i].magic, formats[i].len) )
            return formats[i].fmt;
    return DC_UNKNOWN;
}

const char *decompress_format_name(enum dc_format fmt)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(formats); i++ )
        if ( formats[i].fmt == fmt )
            return formats[i].name;
    return "unknown";
}

int bzimage_find_payload(const void *buf, size_t len, const void **payload,
                         size_t *payload_len, const char **why)
{
    const uint8_t *p = buf;
    size_t setup, off, plen;

    if ( len < BZ_MIN_LEN || memcmp(p + BZ_HEADER, "HdrS", 4) ||
         dc_le16(p + BZ_BOOT_FLAG) != 0xaa55 )
    {
        *why = "not a bzImage";
        return -EINVAL;
    }
    if ( dc_le16(p + BZ_VERSION) < 0x208 )
    {
        *why = "bzImage boot protocol older than 2.08";
        return -EINVAL;
    }
    setup = p[BZ_SETUP_SECTS] ? p[BZ_SETUP_SECTS] : 4;
    setup = (setup + 1) * 512;
    off = dc_le32(p + BZ_PAYLOAD_OFFSET);
    plen = dc_le32(p + BZ_PAYLOAD_LENGTH);
    /* All three are below 2^32: the sums cannot wrap a size_t. */
    if ( setup + off > len || plen > len - setup - off || plen < 4 )
    {
        *why = "bzImage payload outside the image";
        return -EINVAL;
    }
    *payload = p + setup + off;
    *payload_len = plen;
    return 0;
}

typedef int (*decode_fn)(const void *, size_t, void *, size_t, size_t *,
                         const char **);

/*
 * Size of what in (a bare compressed file) decodes to, from the format.
 * Returns 0, -ENODATA (format does not say), or an error with *why.
 */
static int bare_size(enum dc_format fmt, const uint8_t *in, size_t len,
                     size_t *size, const char **why)
{
    switch ( fmt )
    {
    case DC_GZIP:
        if ( len < 18 )
        {
            *why = "truncated gzip file";
            return -EINVAL;
        }
        *size = dc_le32(in + len - 4);      /* ISIZE: size mod 2^32 */
        return 0;
    case DC_XZ:
        return dc_xz_size(in, len, size, why);
    case DC_LZ4:
        return dc_lz4_size(in, len, size, why);
    case DC_ZSTD:
        return dc_zstd_size(in, len, size, why);
    default:
        *why = "unsupported compression";
        return -EOPNOTSUPP;
    }
}

/* Decode in (format fmt) into a new xenheap buffer of exactly size. */
static int decode_into(struct kernel_image *img, const uint8_t *in,
                       size_t len, size_t size, bool exact,
                       const char **why)
{
    decode_fn fn = img->format == DC_GZIP ? dc_gunzip
                   : img->format == DC_XZ ? dc_unxz
                   : img->format == DC_LZ4 ? dc_unlz4 : dc_unzstd;
    size_t out_len;
    int rc;

    img->order = get_order_from_bytes(size);
    img->buf = alloc_xenheap_pages(img->order, 0);
    if ( !img->buf )
    {
        *why = "out of memory for the decompressed kernel";
        return -ENOMEM;
    }
    rc = fn(in, len, img->buf, size, &out_len, why);
    if ( !rc && exact && out_len != size )
    {
        *why = "decompressed size differs from the size recorded";
        rc = -EINVAL;
    }
    if ( !rc && decompress_detect(img->buf, out_len) != DC_ELF )
    {
        *why = "decompressed payload is not an ELF image";
        rc = -EINVAL;
    }
    img->data = img->buf;
    img->size = out_len;
    return rc;
}

/* in: the payload (bzImage) or the whole file; pick size, then decode. */
static int kernel_decode(struct kernel_image *img, const uint8_t *in,
                         size_t len, size_t max_out, const char **why)
{
    size_t size = max_out;
    bool exact = true;
    int rc = 0;

    if ( img->format >= DC_BZIP2 )
    {
        *why = "unsupported compression";
        return -EOPNOTSUPP;
    }
    if ( img->bzimage )
    {
        /* Linux appends the size to every format but gzip (ISIZE). */
        size = dc_le32(in + len - 4);
        if ( img->format != DC_GZIP )
            len -= 4;
    }
    else if ( (rc = bare_size(img->format, in, len, &size, why)) == -ENODATA )
    {
        size = max_out;
        exact = false;
    }
    else if ( rc )
        return rc;
    if ( !size )
    {
        *why = "empty kernel image";
        return -EINVAL;
    }
    if ( size > max_out )
    {
        *why = "decompressed kernel larger than the limit";
        return -ENOSPC;
    }
    return decode_into(img, in, len, size, exact, why);
}

/* "[bzImage: ][<format>: ]<reason>" without repeating the format. */
static void error_line(const struct kernel_image *img, const char *why,
                       char *err, size_t errlen)
{
    const char *name = decompress_format_name(img->format);
    const char *bz = img->bzimage ? "bzImage: " : "";

    if ( img->format >= DC_BZIP2 )
        snprintf(err, errlen, "%sunsupported compression %s", bz, name);
    else if ( img->format == DC_UNKNOWN ||
              !strncmp(why, name, strlen(name)) )
        snprintf(err, errlen, "%s%s", bz, why);
    else
        snprintf(err, errlen, "%s%s: %s", bz, name, why);
}

int decompress_kernel(const void *in, size_t in_len, size_t max_out,
                      struct kernel_image *img, char *err, size_t errlen)
{
    const void *payload = in;
    size_t plen = in_len;
    const char *why = NULL;
    int rc = 0;

    memset(img, 0, sizeof(*img));
    img->format = decompress_detect(in, in_len);
    if ( img->format == DC_UNKNOWN )
    {
        rc = bzimage_find_payload(in, in_len, &payload, &plen, &why);
        if ( rc )
            why = "not an ELF, bzImage or compressed kernel";
        img->bzimage = !rc;
        img->format = rc ? DC_UNKNOWN : decompress_detect(payload, plen);
        if ( !rc && img->format == DC_UNKNOWN )
        {
            why = "unknown bzImage payload format";
            rc = -EINVAL;
        }
    }
    if ( !rc && img->format == DC_ELF )
    {
        /* Uncompressed: the ELF is the input (or the bzImage payload). */
        img->data = payload;
        img->size = plen;
        return 0;
    }
    if ( !rc )
        rc = kernel_decode(img, payload, plen, max_out, &why);
    if ( rc )
    {
        if ( errlen )
            error_line(img, why, err, errlen);
        decompress_kernel_release(img);
    }
    return rc;
}

void decompress_kernel_release(struct kernel_image *img)
{
    if ( img->buf )
        free_xenheap_pages(img->buf, img->order);
    memset(img, 0, sizeof(*img));
}
