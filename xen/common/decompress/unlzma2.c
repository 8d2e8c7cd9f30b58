/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The LZMA2 decoder inside .xz blocks: LZMA2 chunks (uncompressed, or LZMA
 * with state/property/dictionary resets) and the LZMA range decoder. The
 * dictionary is the output buffer itself, so the only working memory is
 * the probability model (~28 KiB, xmalloc). Entry point: dc_lzma2().
 */
#include <xen/decompress.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/xmalloc.h>
#include "private.h"

#define NR_STATES       12
#define NR_POS_MAX      16              /* 1 << pb, pb <= 4 */
#define PROB_INIT       1024            /* probabilities are 11-bit */
#define NR_LIT_MAX      (0x300 << 4)    /* lc + lp <= 4 in LZMA2 */

struct lzma_len {
    uint16_t choice, choice2;
    uint16_t low[NR_POS_MAX][8], mid[NR_POS_MAX][8], high[256];
};

/* Adaptive bit models; each tree keeps its own nodes (index 1 = root). */
struct lzma_probs {
    uint16_t is_match[NR_STATES][NR_POS_MAX];
    uint16_t is_rep[NR_STATES], is_rep0[NR_STATES];
    uint16_t is_rep1[NR_STATES], is_rep2[NR_STATES];
    uint16_t is_rep0_long[NR_STATES][NR_POS_MAX];
    uint16_t pos_slot[4][64];
    uint16_t pos_special[115];          /* distance slots 4-13 */
    uint16_t align[16];                 /* low 4 bits, slots >= 14 */
    struct lzma_len match_len, rep_len;
    uint16_t literal[NR_LIT_MAX];
};

/* Range decoder over the current chunk's packed bytes. */
struct rc {
    const uint8_t *in, *end;
    uint32_t range, code;
    bool over;                          /* read past the chunk */
};

/*
 * The hot path works on a local copy of struct rc so that the compiler
 * keeps it in registers: with -fno-strict-aliasing every probability
 * store would otherwise force range and code back to memory.
 */
#define HOT static inline __attribute__((__always_inline__))

struct lzma2 {
    struct rc rc;
    /* Output; dict_start is where the last dictionary reset happened. */
    uint8_t *out;
    size_t pos, cap, dict_start, limit;
    /* LZMA state. */
    unsigned int state, lc, lp, pb;
    uint32_t rep[4];
    const char *why;
    struct lzma_probs p;
};

HOT void rc_normalize(struct rc *r)
{
    if ( r->range < (1U << 24) )
    {
        r->range <<= 8;
        if ( r->in < r->end )
            r->code = (r->code << 8) | *r->in++;
        else
        {
            r->code <<= 8;
            r->over = true;
        }
    }
}

HOT unsigned int rc_bit(struct rc *r, uint16_t *prob)
{
    uint32_t bound, p = *prob;

    rc_normalize(r);
    bound = (r->range >> 11) * p;
    if ( r->code < bound )
    {
        r->range = bound;
        *prob = (uint16_t)(p + ((2048 - p) >> 5));
        return 0;
    }
    r->range -= bound;
    r->code -= bound;
    *prob = (uint16_t)(p - (p >> 5));
    return 1;
}

HOT unsigned int rc_tree(struct rc *r, uint16_t *probs, unsigned int nbits)
{
    unsigned int m = 1, i;

    for ( i = 0; i < nbits; i++ )
        m = (m << 1) | rc_bit(r, &probs[m]);
    return m - (1U << nbits);
}

HOT unsigned int rc_tree_rev(struct rc *r, uint16_t *probs,
                             unsigned int nbits)
{
    unsigned int m = 1, sym = 0, i, bit;

    for ( i = 0; i < nbits; i++ )
    {
        bit = rc_bit(r, &probs[m]);
        m = (m << 1) | bit;
        sym |= bit << i;
    }
    return sym;
}

/* Bits with probability one half, most significant first. */
HOT uint32_t rc_direct(struct rc *r, unsigned int nbits)
{
    uint32_t v = 0;

    while ( nbits-- )
    {
        rc_normalize(r);
        r->range >>= 1;
        if ( r->code >= r->range )
        {
            r->code -= r->range;
            v = (v << 1) | 1;
        }
        else
            v <<= 1;
    }
    return v;
}

static void lzma_reset_state(struct lzma2 *s)
{
    uint16_t *p = (uint16_t *)&s->p;
    size_t i, n = offsetof(struct lzma_probs, literal) / 2 +
                  (0x300U << (s->lc + s->lp));

    for ( i = 0; i < n; i++ )
        p[i] = PROB_INIT;
    s->state = 0;
    s->rep[0] = s->rep[1] = s->rep[2] = s->rep[3] = 0;
}

HOT void lzma_literal(struct lzma2 *s, struct rc *r)
{
    unsigned int prev = s->pos > s->dict_start ? s->out[s->pos - 1] : 0;
    unsigned int ctx = (((unsigned int)(s->pos - s->dict_start) &
                         ((1U << s->lp) - 1))
                        << s->lc) + (prev >> (8 - s->lc));
    uint16_t *probs = &s->p.literal[0x300 * ctx];
    unsigned int sym = 1;

    if ( s->state >= 7 )
    {
        /* After a match: the byte at rep0 steers the first bits. */
        unsigned int match = s->out[s->pos - s->rep[0] - 1], mbit, bit;

        do {
            mbit = (match >> 7) & 1;
            match <<= 1;
            bit = rc_bit(r, &probs[0x100 + (mbit << 8) + sym]);
            sym = (sym << 1) | bit;
        } while ( sym < 0x100 && bit == mbit );
    }
    while ( sym < 0x100 )
        sym = (sym << 1) | rc_bit(r, &probs[sym]);
    s->out[s->pos++] = (uint8_t)sym;
    s->state = s->state < 4 ? 0 : s->state < 10 ? s->state - 3
                                                 : s->state - 6;
}

HOT unsigned int lzma_len(struct rc *r, struct lzma_len *l,
                          unsigned int pos_state)
{
    if ( !rc_bit(r, &l->choice) )
        return 2 + rc_tree(r, l->low[pos_state], 3);
    if ( !rc_bit(r, &l->choice2) )
        return 10 + rc_tree(r, l->mid[pos_state], 3);
    return 18 + rc_tree(r, l->high, 8);
}

/* Distance (minus one) of a new match of length len. */
HOT uint32_t lzma_dist(struct lzma2 *s, struct rc *r, unsigned int len)
{
    unsigned int slot = rc_tree(r, s->p.pos_slot[min(len - 2, 3U)], 6);
    unsigned int nbits;
    uint32_t dist;

    if ( slot < 4 )
        return slot;
    nbits = (slot >> 1) - 1;
    dist = (2 | (slot & 1)) << nbits;
    if ( slot < 14 )
        return dist + rc_tree_rev(r, &s->p.pos_special[dist - slot], nbits);
    dist += rc_direct(r, nbits - 4) << 4;
    return dist + rc_tree_rev(r, s->p.align, 4);
}

/* One match or rep; returns its length, or 0 with s->why set. */
HOT unsigned int lzma_match(struct lzma2 *s, struct rc *r,
                            unsigned int pos_state)
{
    unsigned int st = s->state, len;
    uint32_t d;

    if ( !rc_bit(r, &s->p.is_rep[st]) )
    {
        len = lzma_len(r, &s->p.match_len, pos_state);
        d = lzma_dist(s, r, len);
        s->rep[3] = s->rep[2];
        s->rep[2] = s->rep[1];
        s->rep[1] = s->rep[0];
        s->rep[0] = d;
        s->state = st < 7 ? 7 : 10;
        return len;
    }
    if ( !rc_bit(r, &s->p.is_rep0[st]) )
    {
        if ( !rc_bit(r, &s->p.is_rep0_long[st][pos_state]) )
        {
            s->state = st < 7 ? 9 : 11;     /* short rep: one byte */
            return 1;
        }
    }
    else
    {
        if ( !rc_bit(r, &s->p.is_rep1[st]) )
            d = s->rep[1];
        else
        {
            if ( !rc_bit(r, &s->p.is_rep2[st]) )
                d = s->rep[2];
            else
            {
                d = s->rep[3];
                s->rep[3] = s->rep[2];
            }
            s->rep[2] = s->rep[1];
        }
        s->rep[1] = s->rep[0];
        s->rep[0] = d;
    }
    s->state = st < 7 ? 8 : 11;
    return lzma_len(r, &s->p.rep_len, pos_state);
}

/* Decode LZMA symbols until s->limit bytes of output. */
static int lzma_run(struct lzma2 *s)
{
    unsigned int pos_mask = (1U << s->pb) - 1;
    struct rc rc = s->rc;
    int ret = 0;

    while ( s->pos < s->limit )
    {
        unsigned int ps = (unsigned int)(s->pos - s->dict_start) & pos_mask;
        unsigned int len;

        if ( rc.over )
            break;
        if ( !rc_bit(&rc, &s->p.is_match[s->state][ps]) )
        {
            if ( s->state >= 7 && s->rep[0] >= s->pos - s->dict_start )
                break;
            lzma_literal(s, &rc);
            continue;
        }
        if ( s->pos == s->dict_start )
            break;                          /* nothing to match against */
        len = lzma_match(s, &rc, ps);
        if ( s->rep[0] >= s->pos - s->dict_start )
        {
            s->why = s->rep[0] == 0xffffffffU ? "xz: LZMA end marker in LZMA2"
                                              : "xz: match distance too far";
            ret = -EINVAL;
            break;
        }
        if ( s->limit - s->pos < len )
        {
            s->why = "xz: match crosses chunk end";
            ret = -EINVAL;
            break;
        }
        dc_copy_match(s->out + s->pos, s->rep[0] + 1, len);
        s->pos += len;
    }
    /* Leave the decoder normalized: the chunk's last byte is read here. */
    rc_normalize(&rc);
    s->rc = rc;
    if ( !ret && (rc.over || s->pos != s->limit) )
    {
        s->why = "xz: corrupt LZMA data";
        ret = -EINVAL;
    }
    return ret;
}

static int fail(struct lzma2 *s, const char *why)
{
    s->why = why;
    return -EINVAL;
}

/* lc/lp/pb from a properties byte (pb * 5 + lp) * 9 + lc. */
static int lzma_props(struct lzma2 *s, unsigned int b)
{
    if ( b >= 9 * 5 * 5 )
        return fail(s, "xz: bad LZMA properties");
    s->lc = b % 9;
    s->lp = (b / 9) % 5;
    s->pb = b / 45;
    if ( s->lc + s->lp > 4 )
        return fail(s, "xz: lc + lp > 4");
    return 0;
}

/* An LZMA chunk: header at p (control byte first), then packed data. */
static int lzma_chunk(struct lzma2 *s, const uint8_t *p, size_t avail,
                      size_t *used, bool *need_props)
{
    unsigned int ctl = p[0], reset = (ctl >> 5) & 3, hdr = reset >= 2 ? 6 : 5;
    size_t unpacked, packed;
    int rc;

    if ( avail < hdr )
        return fail(s, "xz: truncated LZMA2 chunk header");
    unpacked = ((size_t)(ctl & 0x1f) << 16) + dc_be16(p + 1) + 1;
    packed = dc_be16(p + 3) + 1;
    if ( reset >= 2 && (rc = lzma_props(s, p[5])) )
        return rc;
    if ( *need_props && reset < 2 )
        return fail(s, "xz: LZMA2 chunk without properties");
    *need_props = false;
    if ( avail - hdr < packed )
        return fail(s, "xz: truncated LZMA2 chunk");
    if ( s->cap - s->pos < unpacked )
    {
        s->why = "xz: output larger than buffer";
        return -ENOSPC;
    }
    if ( reset )
        lzma_reset_state(s);
    s->rc.in = p + hdr;
    s->rc.end = s->rc.in + packed;
    s->rc.over = false;
    s->rc.range = 0xffffffffU;
    if ( packed < 5 || s->rc.in[0] != 0 )
        return fail(s, "xz: bad range coder start");
    s->rc.code = ((uint32_t)s->rc.in[1] << 24) | (s->rc.in[2] << 16) |
                 (s->rc.in[3] << 8) | s->rc.in[4];
    s->rc.in += 5;
    s->limit = s->pos + unpacked;
    rc = lzma_run(s);
    if ( rc )
        return rc;
    if ( s->rc.in != s->rc.end || s->rc.code )
        return fail(s, "xz: LZMA chunk size mismatch");
    *used = hdr + packed;
    return 0;
}

/* Walk the chunks of one LZMA2 stream up to its 0x00 end byte. */
static int lzma2_run(struct lzma2 *s, const uint8_t *in, size_t len,
                     size_t *in_used)
{
    bool need_dict = true, need_props = true;
    size_t i = 0, n;
    int rc;

    for ( ;; )
    {
        unsigned int ctl;

        if ( i >= len )
            return fail(s, "xz: truncated LZMA2 stream");
        ctl = in[i];
        if ( ctl == 0 )
            break;
        if ( ctl >= 0xe0 || ctl == 1 )
        {
            need_dict = false;
            s->dict_start = s->pos;
        }
        else if ( need_dict )
            return fail(s, "xz: LZMA2 does not start with a dictionary reset");
        if ( ctl >= 0x80 )
        {
            rc = lzma_chunk(s, in + i, len - i, &n, &need_props);
            if ( rc )
                return rc;
            i += n;
            continue;
        }
        if ( ctl > 2 )
            return fail(s, "xz: bad LZMA2 control byte");
        if ( len - i < 3 || len - i - 3 < dc_be16(in + i + 1) + 1U )
            return fail(s, "xz: truncated uncompressed chunk");
        n = dc_be16(in + i + 1) + 1U;
        if ( s->cap - s->pos < n )
        {
            s->why = "xz: output larger than buffer";
            return -ENOSPC;
        }
        memcpy(s->out + s->pos, in + i + 3, n);
        s->pos += n;
        i += 3 + n;
    }
    *in_used = i + 1;
    return 0;
}

int dc_lzma2(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_cap,
             size_t *out_len, size_t *in_used, const char **why)
{
    struct lzma2 *s = xmalloc(struct lzma2);
    int rc;

    *out_len = 0;
    if ( !s )
    {
        *why = "out of memory";
        return -ENOMEM;
    }
    s->out = out;
    s->cap = out_cap;
    s->pos = s->dict_start = 0;
    s->why = NULL;
    rc = lzma2_run(s, in, in_len, in_used);
    *out_len = s->pos;
    *why = s->why;
    xfree(s);
    return rc;
}
