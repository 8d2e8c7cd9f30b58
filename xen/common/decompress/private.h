/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the decompressors in this directory only: little- and
 * big-endian loads from byte buffers, and the checksums the formats carry
 * (CRC32 for gzip/xz, CRC64 for xz, XXH32 for lz4, XXH64 for zstd).
 */
#ifndef __DECOMPRESS_PRIVATE_H__
#define __DECOMPRESS_PRIVATE_H__

#include <xen/string.h>
#include <xen/types.h>

static inline uint16_t dc_le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t dc_le32(const uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline uint64_t dc_le64(const uint8_t *p)
{
    return dc_le32(p) | ((uint64_t)dc_le32(p + 4) << 32);
}

static inline uint32_t dc_be16(const uint8_t *p)
{
    return ((uint32_t)p[0] << 8) | p[1];
}

/* Running checksums: pass 0 to start; the result is the final value. */
uint32_t dc_crc32(uint32_t crc, const void *buf, size_t len);
uint64_t dc_crc64(uint64_t crc, const void *buf, size_t len);
/* One-shot xxHash of buf with the given seed. */
uint32_t dc_xxh32(const void *buf, size_t len, uint32_t seed);
uint64_t dc_xxh64(const void *buf, size_t len, uint64_t seed);

/*
 * Internal decoders (see xen/decompress.h for the conventions): an LZMA2
 * stream, stopping after its end byte (*in_used counts it); the size an
 * lz4 stream decodes to (dry run); the content sizes an xz stream's index
 * or a zstd frame header declare (-ENODATA if a zstd frame has none).
 */
int dc_lzma2(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_cap,
             size_t *out_len, size_t *in_used, const char **why);
int dc_lz4_size(const void *in, size_t in_len, size_t *size,
                const char **why);
int dc_xz_size(const void *in, size_t in_len, size_t *size, const char **why);
int dc_zstd_size(const void *in, size_t in_len, size_t *size,
                 const char **why);

/*
 * Copy a match of len bytes from dist bytes back; the regions may overlap
 * (dist < len repeats the pattern). The caller has bounds-checked both.
 */
static inline void dc_copy_match(uint8_t *dst, size_t dist, size_t len)
{
    const uint8_t *src = dst - dist;

    /* Most matches are short: a call to memcpy would cost more. */
    if ( dist >= len && len >= 32 )
    {
        memcpy(dst, src, len);
        return;
    }
    while ( len-- )
        *dst++ = *src++;
}

#endif /* __DECOMPRESS_PRIVATE_H__ */
