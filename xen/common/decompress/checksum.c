/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Checksums for the decompressors: CRC32 (IEEE 802.3, reflected, as gzip
 * and xz use), CRC64 (ECMA-182, reflected, xz), XXH32 (lz4 frames) and
 * XXH64 (zstd frames). The CRC tables are built on first use, which
 * happens on the boot CPU; a racing second builder writes the same values.
 */
#include <xen/types.h>
#include "private.h"

static uint32_t crc32_table[8][256];
static uint64_t crc64_table[256];
static bool crc32_ready, crc64_ready;

static void crc32_init(void)
{
    unsigned int i, j;

    for ( i = 0; i < 256; i++ )
    {
        uint32_t c = i;

        for ( j = 0; j < 8; j++ )
            c = (c >> 1) ^ (0xedb88320U & -(c & 1));
        crc32_table[0][i] = c;
    }
    /* Tables 1-7 advance a byte through 1-7 further zero bytes. */
    for ( i = 0; i < 256; i++ )
        for ( j = 1; j < 8; j++ )
            crc32_table[j][i] = (crc32_table[j - 1][i] >> 8) ^
                                crc32_table[0][crc32_table[j - 1][i] & 0xff];
    __atomic_store_n(&crc32_ready, true, __ATOMIC_RELEASE);
}

uint32_t dc_crc32(uint32_t crc, const void *buf, size_t len)
{
    const uint8_t *p = buf;

    if ( !__atomic_load_n(&crc32_ready, __ATOMIC_ACQUIRE) )
        crc32_init();
    crc = ~crc;
    /* Slicing by 8: one table lookup per byte, eight bytes per round. */
    for ( ; len >= 8; len -= 8, p += 8 )
    {
        uint32_t lo = crc ^ dc_le32(p), hi = dc_le32(p + 4);

        crc = crc32_table[7][lo & 0xff] ^ crc32_table[6][(lo >> 8) & 0xff] ^
              crc32_table[5][(lo >> 16) & 0xff] ^ crc32_table[4][lo >> 24] ^
              crc32_table[3][hi & 0xff] ^ crc32_table[2][(hi >> 8) & 0xff] ^
              crc32_table[1][(hi >> 16) & 0xff] ^ crc32_table[0][hi >> 24];
    }
    while ( len-- )
        crc = (crc >> 8) ^ crc32_table[0][(crc ^ *p++) & 0xff];
    return ~crc;
}

uint64_t dc_crc64(uint64_t crc, const void *buf, size_t len)
{
    const uint8_t *p = buf;
    unsigned int i, j;

    if ( !__atomic_load_n(&crc64_ready, __ATOMIC_ACQUIRE) )
    {
        for ( i = 0; i < 256; i++ )
        {
            uint64_t c = i;

            for ( j = 0; j < 8; j++ )
                c = (c >> 1) ^ (0xc96c5795d7870f42ULL & -(c & 1));
            crc64_table[i] = c;
        }
        __atomic_store_n(&crc64_ready, true, __ATOMIC_RELEASE);
    }
    crc = ~crc;
    while ( len-- )
        crc = (crc >> 8) ^ crc64_table[(crc ^ *p++) & 0xff];
    return ~crc;
}

#define P32_1 0x9e3779b1U
#define P32_2 0x85ebca77U
#define P32_3 0xc2b2ae3dU
#define P32_4 0x27d4eb2fU
#define P32_5 0x165667b1U

static inline uint32_t rotl32(uint32_t x, unsigned int r)
{
    return (x << r) | (x >> (32 - r));
}

static inline uint32_t xxh32_round(uint32_t acc, uint32_t lane)
{
    return rotl32(acc + lane * P32_2, 13) * P32_1;
}

uint32_t dc_xxh32(const void *buf, size_t len, uint32_t seed)
{
    const uint8_t *p = buf, *end = p + len;
    uint32_t h;

    if ( len >= 16 )
    {
        uint32_t v1 = seed + P32_1 + P32_2, v2 = seed + P32_2;
        uint32_t v3 = seed, v4 = seed - P32_1;

        for ( ; end - p >= 16; p += 16 )
        {
            v1 = xxh32_round(v1, dc_le32(p));
            v2 = xxh32_round(v2, dc_le32(p + 4));
            v3 = xxh32_round(v3, dc_le32(p + 8));
            v4 = xxh32_round(v4, dc_le32(p + 12));
        }
        h = rotl32(v1, 1) + rotl32(v2, 7) + rotl32(v3, 12) + rotl32(v4, 18);
    }
    else
        h = seed + P32_5;
    h += (uint32_t)len;
    for ( ; end - p >= 4; p += 4 )
        h = rotl32(h + dc_le32(p) * P32_3, 17) * P32_4;
    for ( ; p < end; p++ )
        h = rotl32(h + *p * P32_5, 11) * P32_1;
    h ^= h >> 15;
    h *= P32_2;
    h ^= h >> 13;
    h *= P32_3;
    return h ^ (h >> 16);
}

#define P64_1 0x9e3779b185ebca87ULL
#define P64_2 0xc2b2ae3d27d4eb4fULL
#define P64_3 0x165667b19e3779f9ULL
#define P64_4 0x85ebca77c2b2ae63ULL
#define P64_5 0x27d4eb2f165667c5ULL

static inline uint64_t rotl64(uint64_t x, unsigned int r)
{
    return (x << r) | (x >> (64 - r));
}

static inline uint64_t xxh64_round(uint64_t acc, uint64_t lane)
{
    return rotl64(acc + lane * P64_2, 31) * P64_1;
}

static inline uint64_t xxh64_merge(uint64_t h, uint64_t v)
{
    return (h ^ xxh64_round(0, v)) * P64_1 + P64_4;
}

uint64_t dc_xxh64(const void *buf, size_t len, uint64_t seed)
{
    const uint8_t *p = buf, *end = p + len;
    uint64_t h;

    if ( len >= 32 )
    {
        uint64_t v1 = seed + P64_1 + P64_2, v2 = seed + P64_2;
        uint64_t v3 = seed, v4 = seed - P64_1;

        for ( ; end - p >= 32; p += 32 )
        {
            v1 = xxh64_round(v1, dc_le64(p));
            v2 = xxh64_round(v2, dc_le64(p + 8));
            v3 = xxh64_round(v3, dc_le64(p + 16));
            v4 = xxh64_round(v4, dc_le64(p + 24));
        }
        h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) + rotl64(v4, 18);
        h = xxh64_merge(h, v1);
        h = xxh64_merge(h, v2);
        h = xxh64_merge(h, v3);
        h = xxh64_merge(h, v4);
    }
    else
        h = seed + P64_5;
    h += len;
    for ( ; end - p >= 8; p += 8 )
        h = rotl64(h ^ xxh64_round(0, dc_le64(p)), 27) * P64_1 + P64_4;
    if ( end - p >= 4 )
    {
        h = rotl64(h ^ (dc_le32(p) * P64_1), 23) * P64_2 + P64_3;
        p += 4;
    }
    for ( ; p < end; p++ )
        h = rotl64(h ^ (*p * P64_5), 11) * P64_1;
    h ^= h >> 33;
    h *= P64_2;
    h ^= h >> 29;
    h *= P64_3;
    return h ^ (h >> 32);
}
