/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * LZ4: the block format and the two containers Linux meets: the legacy
 * frame (magic 0x184c2102, blocks of up to 8 MiB, each independent; what
 * "lz4 -l" writes and Linux uses for kernels) and the standard frame
 * (magic 0x184d2204, optional XXH32 block and content checksums), plus
 * skippable frames. No working memory: matches read the output buffer.
 * With out == NULL the decoder only measures (dc_lz4_size()).
 */
#include <xen/decompress.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include "private.h"

#define LZ4_LEGACY_MAGIC    0x184c2102U
#define LZ4_FRAME_MAGIC     0x184d2204U
#define LZ4_SKIP_MAGIC      0x184d2a50U     /* low 4 bits: any */
#define LZ4_LEGACY_BLOCK    (8U << 20)

struct lz4 {
    const uint8_t *in, *end;
    uint8_t *out;                   /* NULL: measure only */
    size_t pos, cap;
    const char *why;
};

static int fail(struct lz4 *s, const char *why, int rc)
{
    s->why = why;
    return rc;
}

/* A length nibble of 15 continues in bytes until one is not 255. */
static int more_len(const uint8_t **p, const uint8_t *end, size_t *len)
{
    uint8_t b;

    do {
        if ( *p >= end )
            return -EINVAL;
        b = *(*p)++;
        *len += b;
        if ( *len > (1UL << 40) )
            return -EINVAL;
    } while ( b == 255 );
    return 0;
}

/*
 * Decode one block of n bytes at p. Matches may reach back to base (the
 * start of the output they may refer to); the block may write up to
 * limit bytes.
 */
static int lz4_block(struct lz4 *s, const uint8_t *p, size_t n, size_t base,
                     size_t limit)
{
    const uint8_t *end = p + n;
    size_t stop = s->pos + min(limit, s->cap - s->pos);

    while ( p < end )
    {
        unsigned int token = *p++;
        size_t lit = token >> 4, mlen = (token & 15) + 4, dist;

        if ( lit == 15 && more_len(&p, end, &lit) )
            return fail(s, "lz4: truncated literal length", -EINVAL);
        if ( (size_t)(end - p) < lit )
            return fail(s, "lz4: literals past end of block", -EINVAL);
        if ( stop - s->pos < lit )
            return fail(s, "lz4: output larger than buffer", -ENOSPC);
        if ( s->out )
            memcpy(s->out + s->pos, p, lit);
        p += lit;
        s->pos += lit;
        if ( p == end )
            return 0;               /* the last sequence has no match */
        if ( end - p < 2 )
            return fail(s, "lz4: truncated offset", -EINVAL);
        dist = dc_le16(p);
        p += 2;
        if ( (token & 15) == 15 && more_len(&p, end, &mlen) )
            return fail(s, "lz4: truncated match length", -EINVAL);
        if ( !dist || dist > s->pos - base )
            return fail(s, "lz4: bad match offset", -EINVAL);
        if ( stop - s->pos < mlen )
            return fail(s, "lz4: output larger than buffer", -ENOSPC);
        if ( s->out )
            dc_copy_match(s->out + s->pos, dist, mlen);
        s->pos += mlen;
    }
    return fail(s, "lz4: empty block", -EINVAL);
}

/* Legacy frame after its magic: size-prefixed blocks to end or magic. */
static int lz4_legacy(struct lz4 *s)
{
    while ( s->end - s->in >= 4 )
    {
        uint32_t n = dc_le32(s->in);
        int rc;

        if ( n == LZ4_LEGACY_MAGIC )
            return 0;               /* a further legacy stream follows */
        s->in += 4;
        if ( (size_t)(s->end - s->in) < n || !n )
            return fail(s, "lz4: bad legacy block size", -EINVAL);
        rc = lz4_block(s, s->in, n, s->pos, LZ4_LEGACY_BLOCK);
        if ( rc )
            return rc;
        s->in += n;
    }
    if ( s->in != s->end )
        return fail(s, "lz4: trailing bytes", -EINVAL);
    return 0;
}

/* Standard frame header after the magic: returns flags, or -EINVAL. */
static int frame_header(struct lz4 *s, size_t *block_max)
{
    const uint8_t *h = s->in;
    unsigned int flg, bd;
    size_t n = 3;

    if ( s->end - h < 3 )
        return fail(s, "lz4: truncated frame header", -EINVAL);
    flg = h[0];
    bd = h[1];
    if ( (flg >> 6) != 1 || (flg & 0x02) || (bd & 0x8f) || (bd >> 4) < 4 )
        return fail(s, "lz4: bad frame descriptor", -EINVAL);
    if ( flg & 0x01 )
        return fail(s, "lz4: dictionaries not supported", -EOPNOTSUPP);
    if ( flg & 0x08 )
        n += 8;                     /* content size: not needed */
    if ( (size_t)(s->end - h) < n )
        return fail(s, "lz4: truncated frame header", -EINVAL);
    if ( ((dc_xxh32(h, n - 1, 0) >> 8) & 0xff) != h[n - 1] )
        return fail(s, "lz4: frame header checksum", -EINVAL);
    *block_max = 1UL << (8 + 2 * (bd >> 4));
    s->in += n;
    return (int)flg;
}

static int lz4_frame(struct lz4 *s)
{
    size_t block_max, start = s->pos;
    int flg = frame_header(s, &block_max), rc;
    unsigned int csum;

    if ( flg < 0 )
        return flg;
    csum = flg & 0x10 ? 4 : 0;
    for ( ;; )
    {
        uint32_t n;

        if ( s->end - s->in < 4 )
            return fail(s, "lz4: truncated block header", -EINVAL);
        n = dc_le32(s->in) & 0x7fffffffU;
        if ( !dc_le32(s->in) )
            break;
        if ( n > block_max || (size_t)(s->end - s->in) - 4 < n + csum )
            return fail(s, "lz4: bad block size", -EINVAL);
        if ( csum && dc_le32(s->in + 4 + n) != dc_xxh32(s->in + 4, n, 0) )
            return fail(s, "lz4: block checksum", -EINVAL);
        if ( dc_le32(s->in) >> 31 )
        {
            if ( s->cap - s->pos < n )
                return fail(s, "lz4: output larger than buffer", -ENOSPC);
            if ( s->out )
                memcpy(s->out + s->pos, s->in + 4, n);
            s->pos += n;
        }
        else if ( (rc = lz4_block(s, s->in + 4, n,
                                  flg & 0x20 ? s->pos : start, block_max)) )
            return rc;
        s->in += 4 + n + csum;
    }
    s->in += 4;
    if ( flg & 0x04 )
    {
        if ( s->end - s->in < 4 )
            return fail(s, "lz4: truncated content checksum", -EINVAL);
        if ( s->out && dc_le32(s->in) !=
             dc_xxh32(s->out + start, s->pos - start, 0) )
            return fail(s, "lz4: content checksum", -EINVAL);
        s->in += 4;
    }
    return 0;
}

static int lz4_run(struct lz4 *s)
{
    int rc = 0;

    if ( s->end - s->in < 4 )
        return fail(s, "lz4: truncated magic", -EINVAL);
    while ( !rc && s->end - s->in >= 4 )
    {
        uint32_t magic = dc_le32(s->in);

        s->in += 4;
        if ( magic == LZ4_LEGACY_MAGIC )
            rc = lz4_legacy(s);
        else if ( magic == LZ4_FRAME_MAGIC )
            rc = lz4_frame(s);
        else if ( (magic & ~0xfU) == LZ4_SKIP_MAGIC )
        {
            if ( s->end - s->in < 4 ||
                 (size_t)(s->end - s->in) - 4 < dc_le32(s->in) )
                return fail(s, "lz4: truncated skippable frame", -EINVAL);
            s->in += 4 + dc_le32(s->in);
        }
        else
            return fail(s, "lz4: bad magic", -EINVAL);
    }
    if ( !rc && s->in != s->end )
        rc = fail(s, "lz4: trailing bytes", -EINVAL);
    return rc;
}

int dc_unlz4(const void *in, size_t in_len, void *out, size_t out_cap,
             size_t *out_len, const char **why)
{
    struct lz4 s = { .in = in, .end = (const uint8_t *)in + in_len,
                     .out = out, .cap = out_cap };
    int rc = lz4_run(&s);

    *out_len = s.pos;
    *why = s.why;
    return rc;
}

/* Decompressed size of an lz4 stream, by a dry run without output. */
int dc_lz4_size(const void *in, size_t in_len, size_t *size,
                const char **why)
{
    struct lz4 s = { .in = in, .end = (const uint8_t *)in + in_len,
                     .cap = (size_t)-1 };
    int rc = lz4_run(&s);

    *size = s.pos;
    *why = s.why;
    return rc;
}
