/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Deflate (RFC 1951) and the gzip wrapper (RFC 1952), whole buffer in,
 * whole buffer out. The output buffer is the 32 KiB window, so the only
 * working memory is the two Huffman tables (~3 KiB, xmalloc). Entry
 * points: dc_inflate(), dc_gunzip().
 */
#include <xen/decompress.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/xmalloc.h>
#include "private.h"

#define FAST_BITS   10              /* codes up to this long: one lookup */
#define MAX_BITS    15
#define NR_LITLEN   288
#define NR_DIST     32

/*
 * A canonical Huffman code. fast[] is indexed by the next FAST_BITS input
 * bits and holds (symbol << 4 | length), 0 for longer codes, which are
 * found by walking count[]/sym[] one bit at a time.
 */
struct huff {
    uint16_t fast[1 << FAST_BITS];
    uint16_t count[MAX_BITS + 1];
    uint16_t sym[NR_LITLEN];
};

struct inflate {
    const uint8_t *in, *in_end;
    uint64_t bitbuf;
    unsigned int bitcnt;
    bool overrun;                   /* bits were taken past the input */
    uint8_t *out;
    size_t pos, cap;
    const char *why;
    struct huff lit, dist;
};

static const uint16_t len_base[29] = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
    35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const uint8_t len_extra[29] = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
    3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const uint16_t dist_base[30] = {
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
    257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289,
    16385, 24577 };
static const uint8_t dist_extra[30] = {
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
    7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

/* Make at least n (<= 57) bits available; past the end they are zeros. */
static inline void need(struct inflate *s, unsigned int n)
{
    if ( s->bitcnt >= n )
        return;
    if ( s->in_end - s->in >= 8 )
    {
        uint64_t v = dc_le64(s->in);

        s->bitbuf |= v << s->bitcnt;
        s->in += (63 - s->bitcnt) >> 3;
        s->bitcnt |= 56;
        return;
    }
    while ( s->bitcnt < n )
    {
        if ( s->in < s->in_end )
            s->bitbuf |= (uint64_t)*s->in++ << s->bitcnt;
        else
            s->overrun = true;
        s->bitcnt += 8;
    }
}

static inline uint32_t getbits(struct inflate *s, unsigned int n)
{
    uint32_t v;

    need(s, n);
    v = (uint32_t)(s->bitbuf & ((1ULL << n) - 1));
    s->bitbuf >>= n;
    s->bitcnt -= n;
    return v;
}

/* Build h from code lengths; an over-subscribed set is corrupt. */
static int huff_build(struct huff *h, const uint8_t *lens, unsigned int n)
{
    uint16_t offs[MAX_BITS + 2], next[MAX_BITS + 1];
    unsigned int i, len, code = 0;
    int left = 1;

    memset(h->count, 0, sizeof(h->count));
    memset(h->fast, 0, sizeof(h->fast));
    for ( i = 0; i < n; i++ )
        h->count[lens[i]]++;
    h->count[0] = 0;
    offs[1] = 0;
    for ( len = 1; len <= MAX_BITS; len++ )
    {
        left = (left << 1) - h->count[len];
        if ( left < 0 )
            return -EINVAL;
        offs[len + 1] = offs[len] + h->count[len];
        code = (code + (len > 1 ? h->count[len - 1] : 0)) << 1;
        next[len] = (uint16_t)code;
    }
    for ( i = 0; i < n; i++ )
    {
        unsigned int l = lens[i], c, rev = 0, j;

        if ( !l )
            continue;
        h->sym[offs[l]++] = (uint16_t)i;
        c = next[l]++;
        for ( j = 0; j < l; j++ )
            rev |= ((c >> j) & 1) << (l - 1 - j);
        if ( l <= FAST_BITS )
            for ( j = rev; j < (1U << FAST_BITS); j += 1U << l )
                h->fast[j] = (uint16_t)((i << 4) | l);
    }
    return 0;
}

/* Next symbol of h, or -1 if the bits match no code. */
static int huff_decode(struct inflate *s, const struct huff *h)
{
    unsigned int e, len, code = 0, first = 0, index = 0;
    uint64_t bits;

    need(s, MAX_BITS);
    e = h->fast[s->bitbuf & ((1U << FAST_BITS) - 1)];
    if ( e )
    {
        s->bitbuf >>= e & 15;
        s->bitcnt -= e & 15;
        return (int)(e >> 4);
    }
    bits = s->bitbuf;
    for ( len = 1; len <= MAX_BITS; len++ )
    {
        code |= bits & 1;
        bits >>= 1;
        if ( code - first < h->count[len] )
        {
            s->bitbuf >>= len;
            s->bitcnt -= len;
            return h->sym[index + code - first];
        }
        index += h->count[len];
        first = (first + h->count[len]) << 1;
        code <<= 1;
    }
    return -1;
}

static int fail(struct inflate *s, const char *why, int rc)
{
    s->why = why;
    return rc;
}

static int stored_block(struct inflate *s)
{
    unsigned int len;

    if ( s->overrun )
        return fail(s, "truncated data", -EINVAL);
    /* Drop to a byte boundary and give back whole bytes still buffered. */
    s->bitbuf >>= s->bitcnt & 7;
    s->bitcnt &= ~7U;
    s->in -= s->bitcnt >> 3;
    s->bitbuf = 0;
    s->bitcnt = 0;
    if ( s->in_end - s->in < 4 )
        return fail(s, "truncated stored block", -EINVAL);
    len = dc_le16(s->in);
    if ( (len ^ 0xffff) != dc_le16(s->in + 2) )
        return fail(s, "stored block length check", -EINVAL);
    s->in += 4;
    if ( (size_t)(s->in_end - s->in) < len )
        return fail(s, "truncated stored block", -EINVAL);
    if ( s->cap - s->pos < len )
        return fail(s, "output larger than buffer", -ENOSPC);
    memcpy(s->out + s->pos, s->in, len);
    s->in += len;
    s->pos += len;
    return 0;
}

/* Literal/length and distance symbols until end of block. */
static int codes(struct inflate *s)
{
    for ( ;; )
    {
        int sym = huff_decode(s, &s->lit);
        unsigned int len, dist;

        if ( sym < 0 || s->overrun )
            return fail(s, sym < 0 ? "bad literal/length code"
                                   : "truncated data", -EINVAL);
        if ( sym < 256 )
        {
            if ( s->pos >= s->cap )
                return fail(s, "output larger than buffer", -ENOSPC);
            s->out[s->pos++] = (uint8_t)sym;
            continue;
        }
        if ( sym == 256 )
            return 0;
        sym -= 257;
        if ( sym >= 29 )
            return fail(s, "bad length symbol", -EINVAL);
        len = len_base[sym] + getbits(s, len_extra[sym]);
        sym = huff_decode(s, &s->dist);
        if ( sym < 0 || sym >= 30 )
            return fail(s, "bad distance code", -EINVAL);
        dist = dist_base[sym] + getbits(s, dist_extra[sym]);
        if ( dist > s->pos )
            return fail(s, "distance before start of output", -EINVAL);
        if ( s->cap - s->pos < len )
            return fail(s, "output larger than buffer", -ENOSPC);
        dc_copy_match(s->out + s->pos, dist, len);
        s->pos += len;
    }
}

static int fixed_block(struct inflate *s)
{
    uint8_t lens[NR_LITLEN];
    unsigned int i;

    for ( i = 0; i < NR_LITLEN; i++ )
        lens[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
    huff_build(&s->lit, lens, NR_LITLEN);
    memset(lens, 5, NR_DIST);
    huff_build(&s->dist, lens, NR_DIST);
    return codes(s);
}

/* Read the code-length code, then the two codes of a dynamic block. */
static int dynamic_block(struct inflate *s)
{
    static const uint8_t order[19] = {
        16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };
    uint8_t lens[NR_LITLEN + NR_DIST];
    unsigned int nlit, ndist, ncode, i, n, rep;

    nlit = getbits(s, 5) + 257;
    ndist = getbits(s, 5) + 1;
    ncode = getbits(s, 4) + 4;
    if ( nlit > 286 || ndist > 30 )
        return fail(s, "bad code counts", -EINVAL);
    memset(lens, 0, sizeof(lens));
    for ( i = 0; i < ncode; i++ )
        lens[order[i]] = (uint8_t)getbits(s, 3);
    if ( huff_build(&s->lit, lens, 19) )
        return fail(s, "bad code-length code", -EINVAL);
    for ( n = 0; n < nlit + ndist; )
    {
        int sym = huff_decode(s, &s->lit);
        uint8_t val = 0;

        if ( sym < 0 || s->overrun )
            return fail(s, "bad code lengths", -EINVAL);
        if ( sym < 16 )
        {
            lens[n++] = (uint8_t)sym;
            continue;
        }
        if ( sym == 16 )
        {
            if ( !n )
                return fail(s, "repeat with no previous length", -EINVAL);
            val = lens[n - 1];
            rep = 3 + getbits(s, 2);
        }
        else
            rep = sym == 17 ? 3 + getbits(s, 3) : 11 + getbits(s, 7);
        if ( n + rep > nlit + ndist )
            return fail(s, "code lengths overrun", -EINVAL);
        while ( rep-- )
            lens[n++] = val;
    }
    if ( !lens[256] )
        return fail(s, "no end-of-block code", -EINVAL);
    if ( huff_build(&s->lit, lens, nlit) ||
         huff_build(&s->dist, lens + nlit, ndist) )
        return fail(s, "over-subscribed code", -EINVAL);
    return codes(s);
}

int dc_inflate(const void *in, size_t in_len, void *out, size_t out_cap,
               size_t *out_len, size_t *in_used, const char **why)
{
    struct inflate *s = xzalloc(struct inflate);
    unsigned int last, type;
    int rc = 0;

    *out_len = 0;
    if ( !s )
    {
        *why = "out of memory";
        return -ENOMEM;
    }
    s->in = in;
    s->in_end = s->in + in_len;
    s->out = out;
    s->cap = out_cap;
    do {
        last = getbits(s, 1);
        type = getbits(s, 2);
        if ( s->overrun )
            rc = fail(s, "truncated data", -EINVAL);
        else if ( type == 0 )
            rc = stored_block(s);
        else if ( type == 1 )
            rc = fixed_block(s);
        else if ( type == 2 )
            rc = dynamic_block(s);
        else
            rc = fail(s, "bad block type", -EINVAL);
    } while ( !rc && !last );

    if ( !rc && s->overrun )
        rc = fail(s, "truncated data", -EINVAL);
    *out_len = s->pos;
    if ( in_used )
        /* Whole bytes still in the bit buffer were not used. */
        *in_used = (size_t)(s->in - (const uint8_t *)in) - (s->bitcnt >> 3);
    *why = s->why;
    xfree(s);
    return rc;
}

#define GZ_FHCRC    0x02
#define GZ_FEXTRA   0x04
#define GZ_FNAME    0x08
#define GZ_FCOMMENT 0x10

/* Length of the gzip member header at p, or 0 if it is malformed. */
static size_t gzip_header(const uint8_t *p, size_t len)
{
    size_t n = 10;
    unsigned int flags;

    if ( len < 10 || p[0] != 0x1f || p[1] != 0x8b || p[2] != 8 )
        return 0;
    flags = p[3];
    if ( flags & 0xe0 )
        return 0;
    if ( flags & GZ_FEXTRA )
    {
        if ( len - n < 2 || len - n - 2 < dc_le16(p + n) )
            return 0;
        n += 2 + dc_le16(p + n);
    }
    if ( flags & GZ_FNAME )
    {
        const uint8_t *z = memchr(p + n, 0, len - n);

        if ( !z )
            return 0;
        n = (size_t)(z - p) + 1;
    }
    if ( flags & GZ_FCOMMENT )
    {
        const uint8_t *z = memchr(p + n, 0, len - n);

        if ( !z )
            return 0;
        n = (size_t)(z - p) + 1;
    }
    if ( flags & GZ_FHCRC )
    {
        if ( len - n < 2 ||
             (dc_crc32(0, p, n) & 0xffff) != dc_le16(p + n) )
            return 0;
        n += 2;
    }
    return n;
}

int dc_gunzip(const void *in, size_t in_len, void *out, size_t out_cap,
              size_t *out_len, const char **why)
{
    const uint8_t *p = in;
    size_t hdr = gzip_header(p, in_len), used;
    int rc;

    *out_len = 0;
    if ( !hdr )
    {
        *why = "bad or truncated gzip header";
        return -EINVAL;
    }
    rc = dc_inflate(p + hdr, in_len - hdr, out, out_cap, out_len, &used, why);
    if ( rc )
        return rc;
    p += hdr + used;
    if ( in_len - hdr - used < 8 )
    {
        *why = "truncated gzip trailer";
        return -EINVAL;
    }
    if ( dc_le32(p + 4) != (uint32_t)*out_len )
    {
        *why = "gzip size mismatch";
        return -EINVAL;
    }
    if ( dc_le32(p) != dc_crc32(0, out, *out_len) )
    {
        *why = "gzip CRC32 mismatch";
        return -EINVAL;
    }
    return 0;
}
