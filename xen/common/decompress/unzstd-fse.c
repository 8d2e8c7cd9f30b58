/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * zstd entropy coding (RFC 8878 4.1 and 4.2): the backward bit stream,
 * FSE table descriptions and decoding tables, and Huffman trees for
 * literals (weights sent directly or FSE-compressed) with the stream
 * decoder. All tables live in the caller's working memory.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include "zstd.h"

static inline unsigned int highbit(uint32_t x)
{
    return 31 - (unsigned int)__builtin_clz(x);
}

int zbits_init(struct zbits *b, const uint8_t *p, size_t len)
{
    if ( !len || !p[len - 1] )
        return -EINVAL;
    b->buf = p;
    b->len = len;
    b->pos = (long)((len - 1) * 8 + highbit(p[len - 1]));
    return 0;
}

/* Up to 24 bits at bit offset pos of p[0, len), zeros past the end. */
static uint32_t fwd_peek(const uint8_t *p, size_t len, size_t pos)
{
    uint32_t v = 0;
    size_t i, byte = pos >> 3;

    for ( i = 0; i < 4 && byte + i < len; i++ )
        v |= (uint32_t)p[byte + i] << (8 * i);
    return v >> (pos & 7);
}

int fse_build(struct fse_table *t, const int16_t *norm, unsigned int nsym,
              unsigned int log)
{
    uint32_t size = 1U << log, high = size - 1, step, pos = 0, u;
    uint16_t next[64];
    unsigned int s;
    int i;

    if ( nsym > 64 || log > ZSTD_FSE_LOG_MAX )
        return -EINVAL;
    t->log = log;
    /* "Less than one" symbols take the last states, one each. */
    for ( s = 0; s < nsym; s++ )
    {
        if ( norm[s] == -1 )
        {
            t->e[high--].sym = (uint8_t)s;
            next[s] = 1;
        }
        else
            next[s] = (uint16_t)norm[s];
    }
    step = (size >> 1) + (size >> 3) + 3;
    for ( s = 0; s < nsym; s++ )
        for ( i = 0; i < norm[s]; i++ )
        {
            t->e[pos].sym = (uint8_t)s;
            do
                pos = (pos + step) & (size - 1);
            while ( pos > high );
        }
    if ( pos )
        return -EINVAL;             /* counts did not add up */
    for ( u = 0; u < size; u++ )
    {
        uint32_t x = next[t->e[u].sym]++;
        unsigned int nb = log - highbit(x);

        t->e[u].nbits = (uint8_t)nb;
        t->e[u].base = (uint16_t)((x << nb) - size);
    }
    return 0;
}

int fse_read_table(struct fse_table *t, const uint8_t *p, size_t len,
                   unsigned int max_sym, unsigned int max_log, size_t *used)
{
    int16_t norm[64];
    size_t pos = 4;
    unsigned int log, sym = 0, nbits;
    int remaining, threshold;

    if ( !len )
        return -EINVAL;
    log = (p[0] & 15) + 5;
    if ( log > max_log || max_sym >= 64 )
        return -EINVAL;
    remaining = (1 << log) + 1;
    threshold = 1 << log;
    nbits = log + 1;
    while ( remaining > 1 )
    {
        uint32_t v = fwd_peek(p, len, pos);
        int max = 2 * threshold - 1 - remaining, count;

        if ( sym > max_sym )
            return -EINVAL;
        if ( (int)(v & (threshold - 1)) < max )
        {
            count = (int)(v & (threshold - 1));
            pos += nbits - 1;
        }
        else
        {
            count = (int)(v & (2 * threshold - 1));
            if ( count >= threshold )
                count -= max;
            pos += nbits;
        }
        count--;
        remaining -= count < 0 ? -count : count;
        norm[sym++] = (int16_t)count;
        /* After a zero: 2-bit counts of further zeros, 3 = keep going. */
        while ( !count )
        {
            unsigned int r = fwd_peek(p, len, pos) & 3;

            pos += 2;
            if ( sym + r > max_sym + 1 )
                return -EINVAL;
            while ( r-- )
                norm[sym++] = 0;
            if ( (fwd_peek(p, len, pos - 2) & 3) != 3 )
                break;
        }
        while ( remaining < threshold )
        {
            nbits--;
            threshold >>= 1;
        }
    }
    if ( remaining != 1 || pos > len * 8 )
        return -EINVAL;
    *used = (pos + 7) / 8;
    return fse_build(t, norm, sym, log);
}

/* Weights sent as an FSE stream with two interleaved states. */
static int huf_fse_weights(const uint8_t *p, size_t len, uint8_t *w,
                           unsigned int *n, struct fse_table *ft)
{
    struct zbits b;
    size_t u;
    uint32_t s1, s2;

    if ( fse_read_table(ft, p, len, 15, 6, &u) ||
         zbits_init(&b, p + u, len - u) )
        return -EINVAL;
    s1 = (uint32_t)zbits_read(&b, ft->log);
    s2 = (uint32_t)zbits_read(&b, ft->log);
    if ( b.pos < 0 )
        return -EINVAL;
    for ( *n = 0; *n < 254; )
    {
        const struct fse_entry *e1 = &ft->e[s1], *e2;

        w[(*n)++] = e1->sym;
        s1 = e1->base + (uint32_t)zbits_read(&b, e1->nbits);
        e2 = &ft->e[s2];
        if ( b.pos < 0 )
        {
            w[(*n)++] = e2->sym;
            return 0;
        }
        w[(*n)++] = e2->sym;
        s2 = e2->base + (uint32_t)zbits_read(&b, e2->nbits);
        if ( b.pos < 0 )
        {
            w[(*n)++] = ft->e[s1].sym;
            return 0;
        }
    }
    return -EINVAL;
}

int huf_read_table(struct huf_table *t, const uint8_t *p, size_t len,
                   size_t *used, struct fse_table *scratch)
{
    uint8_t w[256];
    uint32_t total = 0, left, start[ZSTD_HUF_BITS_MAX + 2] = { 0 };
    unsigned int n, i, hb, maxbits;

    if ( !len )
        return -EINVAL;
    hb = p[0];
    if ( hb >= 128 )
    {
        n = hb - 127;
        if ( len - 1 < (n + 1) / 2 )
            return -EINVAL;
        for ( i = 0; i < n; i++ )
            w[i] = i & 1 ? p[1 + i / 2] & 15 : p[1 + i / 2] >> 4;
        *used = 1 + (n + 1) / 2;
    }
    else
    {
        if ( !hb || len - 1 < hb || huf_fse_weights(p + 1, hb, w, &n, scratch) )
            return -EINVAL;
        *used = 1 + hb;
    }
    for ( i = 0; i < n; i++ )
    {
        if ( w[i] > ZSTD_HUF_BITS_MAX )
            return -EINVAL;
        total += w[i] ? 1U << (w[i] - 1) : 0;
    }
    if ( !total )
        return -EINVAL;
    maxbits = highbit(total) + 1;
    left = (1U << maxbits) - total;
    if ( maxbits > ZSTD_HUF_BITS_MAX || (left & (left - 1)) )
        return -EINVAL;
    w[n++] = (uint8_t)(highbit(left) + 1);      /* the implied last weight */
    /* Lowest weight (longest code) first, then by symbol value. */
    for ( i = 0; i < n; i++ )
        if ( w[i] )
            start[w[i] + 1] += 1U << (w[i] - 1);
    for ( i = 1; i <= maxbits + 1; i++ )
        start[i] += start[i - 1];
    for ( i = 0; i < n; i++ )
    {
        uint32_t j, cnt = w[i] ? 1U << (w[i] - 1) : 0;
        uint16_t e = (uint16_t)(((maxbits + 1 - w[i]) << 8) | i);

        for ( j = 0; j < cnt; j++ )
            t->e[start[w[i]]++] = e;
    }
    t->maxbits = maxbits;
    return 0;
}

int huf_decode_stream(const struct huf_table *t, const uint8_t *p,
                      size_t len, uint8_t *out, size_t n)
{
    struct zbits b;
    size_t i;

    if ( zbits_init(&b, p, len) )
        return -EINVAL;
    for ( i = 0; i < n; i++ )
    {
        uint16_t e = t->e[zbits_peek(&b, t->maxbits)];

        out[i] = (uint8_t)e;
        b.pos -= e >> 8;
    }
    return b.pos ? -EINVAL : 0;
}
