/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * In-memory decompressors for boot modules (common/decompress/): gzip,
 * xz (LZMA2 + x86 BCJ), lz4 (legacy and frame) and zstd, plus the bzImage
 * payload finder behind decompress_kernel(). Whole input in, whole output
 * out: no streaming; the output buffer doubles as the dictionary/window.
 * Every input is hostile: bad data gives an error and a reason, never an
 * access outside in[0, in_len) or out[0, out_cap).
 */
#ifndef __XEN_DECOMPRESS_H__
#define __XEN_DECOMPRESS_H__

#include <xen/compiler.h>
#include <xen/types.h>

/* What a buffer holds, judged by its first bytes (decompress_detect()). */
enum dc_format {
    DC_UNKNOWN,
    DC_ELF,         /* 7f 'E' 'L' 'F': pass through */
    DC_GZIP,        /* 1f 8b */
    DC_XZ,          /* fd '7zXZ' 00 */
    DC_LZ4,         /* 02 21 4c 18 (legacy) or 04 22 4d 18 (frame) */
    DC_ZSTD,        /* 28 b5 2f fd */
    DC_BZIP2,       /* 'BZh': recognised, not supported */
    DC_LZMA,        /* 5d 00 00: recognised, not supported */
    DC_LZO,         /* 89 'LZO': recognised, not supported */
};

enum dc_format decompress_detect(const void *buf, size_t len);
/* Short lower-case name ("gzip", "xz", ...). */
const char *decompress_format_name(enum dc_format fmt);

/*
 * The decoders. Each decodes in[0, in_len) into out[0, out_cap) and stores
 * the number of bytes produced in *out_len. Data after the end of the
 * stream (gzip member, xz stream) is ignored; lz4 and zstd decode frames
 * until the input ends. Returns 0; -EINVAL for corrupt or truncated input;
 * -ENOSPC if the output does not fit in out_cap; -ENOMEM if the working
 * memory (at most ~200 KiB, xmalloc) is not there; -EOPNOTSUPP for valid
 * but unsupported features (zstd dictionaries, xz filters other than
 * LZMA2 and x86 BCJ). On error *why names the reason (static string).
 * Context: any, may take milliseconds per MiB; no locks held by callers
 * that care about latency.
 */
int dc_gunzip(const void *in, size_t in_len, void *out, size_t out_cap,
              size_t *out_len, const char **why);
int dc_unxz(const void *in, size_t in_len, void *out, size_t out_cap,
            size_t *out_len, const char **why);
int dc_unlz4(const void *in, size_t in_len, void *out, size_t out_cap,
             size_t *out_len, const char **why);
int dc_unzstd(const void *in, size_t in_len, void *out, size_t out_cap,
              size_t *out_len, const char **why);

/*
 * Raw deflate (RFC 1951) from in[0, in_len). *in_used (may be NULL) gets
 * the bytes consumed up to the end of the final block. Returns as above.
 */
int dc_inflate(const void *in, size_t in_len, void *out, size_t out_cap,
               size_t *out_len, size_t *in_used, const char **why);

/*
 * Find the compressed payload of a Linux bzImage (boot protocol >= 2.08).
 * Sets *payload and *payload_len to the payload (trailing 4-byte size
 * included, as the header gives it). Returns 0, or -EINVAL (*why set) if
 * buf is not a bzImage or its header points outside it.
 */
int bzimage_find_payload(const void *buf, size_t len, const void **payload,
                         size_t *payload_len, const char **why);

/* An ELF kernel image produced by decompress_kernel(). */
struct kernel_image {
    const void *data;       /* ELF image (into buf, or into the input) */
    size_t size;            /* its length in bytes */
    void *buf;              /* allocation to free; NULL for pass-through */
    unsigned int order;     /* alloc_xenheap_pages() order of buf */
    enum dc_format format;  /* compression found (DC_ELF: none) */
    bool bzimage;           /* the input was a bzImage */
};

/*
 * Turn a boot module holding a kernel into an ELF image: a raw ELF passes
 * through (img->data points into in), a bzImage/vmlinuz has its payload
 * found and decompressed, and a bare gzip/xz/lz4/zstd file is
 * decompressed. The output is allocated with alloc_xenheap_pages(); its
 * size comes from the format (bzImage size trailer, gzip ISIZE, xz index,
 * zstd frame content size, lz4 dry run) and must not exceed max_out.
 * Returns 0, or -EINVAL (corrupt, truncated, not a kernel), -EOPNOTSUPP
 * (bzip2/lzma/lzo or an unsupported feature), -ENOSPC (larger than
 * max_out), -ENOMEM; then err (errlen > 0) holds a one-line reason.
 * On error img is left cleared. Release a success with
 * decompress_kernel_release(). Context: boot or domain
 * build; runs for about a second on a 60 MiB kernel, without sleeping.
 */
int __must_check decompress_kernel(const void *in, size_t in_len,
                                   size_t max_out, struct kernel_image *img,
                                   char *err, size_t errlen);
/* Free img's buffer (if any) and clear img. */
void decompress_kernel_release(struct kernel_image *img);

#endif /* __XEN_DECOMPRESS_H__ */
