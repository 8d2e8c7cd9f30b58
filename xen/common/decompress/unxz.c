/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The .xz container: stream header and footer, block headers, the index,
 * CRC32/CRC64 checks, and the x86 BCJ filter that Linux puts in front of
 * LZMA2 for kernels. Blocks decode straight into the output (unlzma2.c);
 * BCJ then runs over each block in place. Entry points: dc_unxz(),
 * dc_xz_size(). Only the first stream is decoded; data after it is
 * ignored (Linux appends the image size).
 */
#include <xen/decompress.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include "private.h"

#define XZ_HDR_LEN      12
#define XZ_FTR_LEN      12
#define FILTER_X86      0x04
#define FILTER_LZMA2    0x21
#define CHECK_NONE      0
#define CHECK_CRC32     1
#define CHECK_CRC64     4

static const uint8_t xz_magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0 };

struct xz {
    const uint8_t *in;
    size_t len, i;                  /* input and read position */
    uint8_t *out;
    size_t cap, pos;
    unsigned int check;             /* check type from the stream flags */
    uint64_t nr_blocks, unpadded_sum, uncomp_sum;
    const char *why;
};

static int fail(struct xz *s, const char *why)
{
    s->why = why;
    return -EINVAL;
}

/* Bytes of the check field for each check type (0-15). */
static unsigned int check_size(unsigned int type)
{
    return type == 0 ? 0 : 4U << ((type - 1) / 3);
}

/* Multibyte integer (7 bits per byte, at most 9 bytes) at p[*i], < end. */
static int varint(const uint8_t *p, size_t *i, size_t end, uint64_t *v)
{
    unsigned int n;

    *v = 0;
    for ( n = 0; n < 9 && *i < end; n++ )
    {
        uint8_t b = p[(*i)++];

        *v |= (uint64_t)(b & 0x7f) << (7 * n);
        if ( !(b & 0x80) )
            return n && !b ? -EINVAL : 0;   /* no trailing zero byte */
    }
    return -EINVAL;
}

/*
 * The x86 BCJ filter, decoding direction: CALL/JMP (e8/e9) rel32 operands
 * that the encoder turned into absolute addresses go back to relative.
 * prev_mask remembers which of the last bytes were e8/e9 candidates that
 * were left alone, as the encoder did, so both sides pick the same ones.
 */
static void bcj_x86(uint8_t *buf, size_t size, uint32_t start)
{
    static const bool allowed[8] = { 1, 1, 1, 0, 1, 0, 0, 0 };
    static const uint8_t bit_nr[8] = { 0, 1, 2, 2, 3, 3, 3, 3 };
    size_t i = 0, prev_pos = (size_t)-5;
    uint32_t prev_mask = 0;

    if ( size < 5 )
        return;
    while ( i <= size - 5 )
    {
        uint8_t b = buf[i];
        uint32_t src, dest;
        size_t gap;

        if ( b != 0xe8 && b != 0xe9 )
        {
            i++;
            continue;
        }
        gap = i - prev_pos;
        prev_pos = i;
        if ( gap > 5 )
            prev_mask = 0;
        else
            while ( gap-- )
                prev_mask = (prev_mask & 0x77) << 1;
        b = buf[i + 4];
        if ( (b == 0 || b == 0xff) && allowed[(prev_mask >> 1) & 7] &&
             (prev_mask >> 1) < 0x10 )
        {
            src = dc_le32(buf + i + 1);
            for ( ;; )
            {
                unsigned int sh;

                dest = src - (start + (uint32_t)i + 5);
                if ( !prev_mask )
                    break;
                sh = bit_nr[prev_mask >> 1] * 8;
                b = (uint8_t)(dest >> (24 - sh));
                if ( b != 0 && b != 0xff )
                    break;
                src = dest ^ ((1U << (32 - sh)) - 1);
            }
            /* Bit 24 of the result decides the sign of the top byte. */
            dest &= 0x01ffffff;
            dest |= 0 - (dest & 0x01000000);
            buf[i + 1] = (uint8_t)dest;
            buf[i + 2] = (uint8_t)(dest >> 8);
            buf[i + 3] = (uint8_t)(dest >> 16);
            buf[i + 4] = (uint8_t)(dest >> 24);
            i += 5;
            prev_mask = 0;
        }
        else
        {
            i++;
            prev_mask |= 1;
            if ( b == 0 || b == 0xff )
                prev_mask |= 0x10;
        }
    }
}

/* Filter flags of a block header: x86 BCJ (optional) then LZMA2. */
static int block_filters(struct xz *s, size_t end, unsigned int nr,
                         bool *bcj, uint32_t *bcj_start)
{
    unsigned int f;
    uint64_t id, psize;

    for ( f = 0; f < nr; f++ )
    {
        if ( varint(s->in, &s->i, end, &id) ||
             varint(s->in, &s->i, end, &psize) || psize > end - s->i )
            return fail(s, "xz: bad filter flags");
        if ( f == nr - 1 )
        {
            if ( id != FILTER_LZMA2 || psize != 1 || s->in[s->i] > 40 )
                return fail(s, "xz: last filter is not LZMA2");
        }
        else if ( id != FILTER_X86 || *bcj )
        {
            s->why = "xz: unsupported filter";
            return -EOPNOTSUPP;
        }
        else if ( psize == 4 )
            *bcj_start = dc_le32(s->in + s->i);
        else if ( psize )
            return fail(s, "xz: bad BCJ properties");
        *bcj = *bcj || id == FILTER_X86;
        s->i += psize;
    }
    return 0;
}

/* One block from its header to its check; s->i at the header. */
static int xz_block(struct xz *s)
{
    size_t hdr = s->i, hlen = (s->in[hdr] + 1U) * 4, start = s->pos;
    size_t used, out_len;
    uint64_t csize = ~0ULL, usize = ~0ULL;
    unsigned int flags, csz = check_size(s->check);
    uint32_t bcj_start = 0;
    bool bcj = false;
    int rc;

    if ( s->len - hdr < hlen ||
         dc_crc32(0, s->in + hdr, hlen - 4) != dc_le32(s->in + hdr + hlen - 4) )
        return fail(s, "xz: bad block header");
    flags = s->in[hdr + 1];
    s->i = hdr + 2;
    if ( flags & 0x3c )
        return fail(s, "xz: reserved block flags");
    if ( ((flags & 0x40) && varint(s->in, &s->i, hdr + hlen - 4, &csize)) ||
         ((flags & 0x80) && varint(s->in, &s->i, hdr + hlen - 4, &usize)) )
        return fail(s, "xz: bad block sizes");
    rc = block_filters(s, hdr + hlen - 4, (flags & 3) + 1, &bcj, &bcj_start);
    if ( rc )
        return rc;
    for ( ; s->i < hdr + hlen - 4; s->i++ )
        if ( s->in[s->i] )
            return fail(s, "xz: non-zero block header padding");
    s->i = hdr + hlen;

    rc = dc_lzma2(s->in + s->i, s->len - s->i, s->out + s->pos,
                  s->cap - s->pos, &out_len, &used, &s->why);
    if ( rc )
        return rc;
    if ( (csize != ~0ULL && csize != used) ||
         (usize != ~0ULL && usize != out_len) )
        return fail(s, "xz: block sizes do not match its header");
    s->pos += out_len;
    s->i += used;
    /* Block padding to a multiple of four, then the check. */
    for ( ; (s->i - hdr) & 3; s->i++ )
        if ( s->i >= s->len || s->in[s->i] )
            return fail(s, "xz: bad block padding");
    if ( s->len - s->i < csz )
        return fail(s, "xz: truncated block check");
    if ( bcj )
        bcj_x86(s->out + start, out_len, bcj_start);
    if ( (s->check == CHECK_CRC32 &&
          dc_crc32(0, s->out + start, out_len) != dc_le32(s->in + s->i)) ||
         (s->check == CHECK_CRC64 &&
          dc_crc64(0, s->out + start, out_len) != dc_le64(s->in + s->i)) )
        return fail(s, "xz: block check mismatch");
    s->i += csz;
    s->nr_blocks++;
    s->unpadded_sum += hlen + used + csz;
    s->uncomp_sum += out_len;
    return 0;
}

/* The index after the last block: records must match what was decoded. */
static int xz_index(struct xz *s)
{
    size_t start = s->i++;
    uint64_t nr, i, unpadded, uncomp, sum_unpadded = 0, sum_uncomp = 0;

    if ( varint(s->in, &s->i, s->len, &nr) || nr != s->nr_blocks )
        return fail(s, "xz: index does not match the blocks");
    for ( i = 0; i < nr; i++ )
    {
        if ( varint(s->in, &s->i, s->len, &unpadded) ||
             varint(s->in, &s->i, s->len, &uncomp) )
            return fail(s, "xz: truncated index");
        sum_unpadded += unpadded;
        sum_uncomp += uncomp;
    }
    if ( sum_unpadded != s->unpadded_sum || sum_uncomp != s->uncomp_sum )
        return fail(s, "xz: index does not match the blocks");
    for ( ; (s->i - start) & 3; s->i++ )
        if ( s->i >= s->len || s->in[s->i] )
            return fail(s, "xz: bad index padding");
    if ( s->len - s->i < 4 + XZ_FTR_LEN ||
         dc_crc32(0, s->in + start, s->i - start) != dc_le32(s->in + s->i) )
        return fail(s, "xz: index CRC32 mismatch");
    s->i += 4;
    /* Stream footer: CRC32 of the next 6 bytes, index size, flags, "YZ". */
    if ( dc_crc32(0, s->in + s->i + 4, 6) != dc_le32(s->in + s->i) ||
         (dc_le32(s->in + s->i + 4) + 1ULL) * 4 != s->i - start ||
         s->in[s->i + 8] || s->in[s->i + 9] != s->check ||
         s->in[s->i + 10] != 'Y' || s->in[s->i + 11] != 'Z' )
        return fail(s, "xz: bad stream footer");
    s->i += XZ_FTR_LEN;
    return 0;
}

/* Stream header: magic, flags (check type), CRC32 of the flags. */
static int xz_header(struct xz *s, const uint8_t *p, size_t len)
{
    if ( len < XZ_HDR_LEN || memcmp(p, xz_magic, 6) )
        return fail(s, "xz: bad magic");
    if ( p[6] || p[7] > 15 || dc_crc32(0, p + 6, 2) != dc_le32(p + 8) )
        return fail(s, "xz: bad stream header");
    s->check = p[7];
    return 0;
}

int dc_unxz(const void *in, size_t in_len, void *out, size_t out_cap,
            size_t *out_len, const char **why)
{
    struct xz s = { .in = in, .len = in_len, .out = out, .cap = out_cap };
    int rc = xz_header(&s, in, in_len);

    s.i = XZ_HDR_LEN;
    while ( !rc )
    {
        if ( s.i >= s.len )
            rc = fail(&s, "xz: truncated stream");
        else if ( !s.in[s.i] )
        {
            rc = xz_index(&s);
            break;
        }
        else
            rc = xz_block(&s);
    }
    *out_len = s.pos;
    *why = s.why;
    return rc;
}

/* Sum of the uncompressed sizes in the index of the last stream in. */
int dc_xz_size(const void *in, size_t in_len, size_t *size, const char **why)
{
    struct xz s = { .in = in, .len = in_len };
    const uint8_t *f;
    uint64_t nr, i, unpadded, uncomp, sum = 0;
    size_t isize;

    /* Stream padding: groups of four zero bytes after the footer. */
    while ( s.len >= XZ_HDR_LEN + XZ_FTR_LEN + 8 &&
            !dc_le32(s.in + s.len - 4) )
        s.len -= 4;
    f = s.in + s.len - XZ_FTR_LEN;
    if ( s.len < XZ_HDR_LEN + XZ_FTR_LEN + 8 || f[10] != 'Y' ||
         f[11] != 'Z' || dc_crc32(0, f + 4, 6) != dc_le32(f) )
        goto bad;
    isize = (dc_le32(f + 4) + 1ULL) * 4;
    if ( isize > s.len - XZ_HDR_LEN - XZ_FTR_LEN )
        goto bad;
    s.i = s.len - XZ_FTR_LEN - isize;
    if ( s.in[s.i++] || varint(s.in, &s.i, s.len - XZ_FTR_LEN, &nr) )
        goto bad;
    for ( i = 0; i < nr; i++ )
    {
        if ( varint(s.in, &s.i, s.len - XZ_FTR_LEN, &unpadded) ||
             varint(s.in, &s.i, s.len - XZ_FTR_LEN, &uncomp) ||
             sum + uncomp < sum )
            goto bad;
        sum += uncomp;
    }
    if ( sum > (size_t)-1 )
        goto bad;
    *size = (size_t)sum;
    return 0;

 bad:
    *why = "xz: bad stream footer or index";
    return -EINVAL;
}
