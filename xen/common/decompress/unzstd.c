/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * zstd frames (RFC 8878): frame header, raw/RLE/compressed blocks, the
 * literals section, sequences with repeat offsets, the optional XXH64
 * content checksum, and skippable frames. The output buffer is the
 * window; working memory (~140 KiB, xmalloc) is the literal buffer and
 * the entropy tables. Dictionaries are not supported. Entry points:
 * dc_unzstd(), dc_zstd_size().
 */
#include <xen/decompress.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/xmalloc.h>
#include "zstd.h"

#define ZSTD_MAGIC          0xfd2fb528U
#define ZSTD_SKIP_MAGIC     0x184d2a50U     /* low 4 bits: any */
#define ZSTD_BLOCK_MAX      (128U << 10)

struct zstd {
    const uint8_t *in, *end;
    uint8_t *out;
    size_t pos, cap, frame_start;
    const uint8_t *lit;                 /* literals of the current block */
    size_t lit_len;
    uint32_t rep[3];
    bool huf_ok, seq_ok[3];             /* tables usable for "repeat" */
    const char *why;
    struct huf_table huf;
    struct fse_table seq[3];            /* literal length, offset, match */
    struct fse_table scratch;
    uint8_t lit_buf[ZSTD_BLOCK_MAX];
};

enum { LL, OF, ML };

/* Default distributions (RFC 8878 3.1.1.3.2.2). */
static const int16_t ll_default[36] = {
    4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 3, 2, 1, 1, 1, 1, 1, -1, -1, -1, -1 };
static const int16_t of_default[29] = {
    1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    -1, -1, -1, -1, -1 };
static const int16_t ml_default[53] = {
    1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1,
    -1, -1, -1, -1, -1 };

/* Literal length codes 16-35 and match length codes 32-52. */
static const uint32_t ll_base[36] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096,
    8192, 16384, 32768, 65536 };
static const uint8_t ll_bits[36] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
static const uint32_t ml_base[53] = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
    19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
    35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051,
    4099, 8195, 16387, 32771, 65539 };
static const uint8_t ml_bits[53] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11,
    12, 13, 14, 15, 16 };

static int fail(struct zstd *z, const char *why)
{
    z->why = why;
    return -EINVAL;
}

/* Huffman-coded literals: one stream, or four with a jump table. */
static int lit_huffman(struct zstd *z, const uint8_t *p, size_t csize,
                       size_t regen, bool four)
{
    size_t sz[4], seg, off = 6, i;

    if ( !four )
        return huf_decode_stream(&z->huf, p, csize, z->lit_buf, regen);
    if ( csize < 6 )
        return -EINVAL;
    sz[0] = dc_le16(p);
    sz[1] = dc_le16(p + 2);
    sz[2] = dc_le16(p + 4);
    if ( sz[0] + sz[1] + sz[2] > csize - 6 )
        return -EINVAL;
    sz[3] = csize - 6 - sz[0] - sz[1] - sz[2];
    seg = (regen + 3) / 4;
    if ( 3 * seg > regen )
        return -EINVAL;
    for ( i = 0; i < 4; i++ )
    {
        size_t n = i < 3 ? seg : regen - 3 * seg;

        if ( huf_decode_stream(&z->huf, p + off, sz[i],
                               z->lit_buf + i * seg, n) )
            return -EINVAL;
        off += sz[i];
    }
    return 0;
}

/* Literals section at p[0, len): sets z->lit/lit_len and *used. */
static int literals(struct zstd *z, const uint8_t *p, size_t len,
                    size_t *used)
{
    unsigned int type = p[0] & 3, sf = (p[0] >> 2) & 3, hlen;
    size_t regen, csize, tlen = 0;
    unsigned int bits;
    uint64_t h = 0;

    if ( type < 2 )
    {
        /* Size format x0: 1 header byte, 01: 2, 11: 3. */
        hlen = !(sf & 1) ? 1 : sf == 1 ? 2 : 3;
        if ( len < hlen )
            return fail(z, "zstd: truncated literals header");
        regen = p[0] >> 3;
        if ( hlen > 1 )
            regen = (p[0] >> 4) + ((size_t)p[1] << 4) +
                    (hlen == 3 ? (size_t)p[2] << 12 : 0);
        csize = type == 0 ? regen : 1;
        if ( len - hlen < csize || regen > ZSTD_BLOCK_MAX )
            return fail(z, "zstd: bad literals size");
        if ( type == 0 )
            z->lit = p + hlen;
        else
        {
            memset(z->lit_buf, p[hlen], regen);
            z->lit = z->lit_buf;
        }
        z->lit_len = regen;
        *used = hlen + csize;
        return 0;
    }
    hlen = sf < 2 ? 3 : sf + 2;
    if ( len < hlen )
        return fail(z, "zstd: truncated literals header");
    memcpy(&h, p, hlen);                        /* little-endian host */
    h = dc_le64((const uint8_t *)&h);
    bits = sf < 2 ? 10 : 4 * sf + 6;            /* 10, 10, 14 or 18 */
    regen = (h >> 4) & ((1U << bits) - 1);
    csize = (h >> (4 + bits)) & ((1U << bits) - 1);
    if ( len - hlen < csize || regen > ZSTD_BLOCK_MAX || !csize )
        return fail(z, "zstd: bad literals size");
    p += hlen;
    if ( type == 2 )
    {
        if ( huf_read_table(&z->huf, p, csize, &tlen, &z->scratch) )
        {
            z->huf_ok = false;
            return fail(z, "zstd: bad Huffman table");
        }
        z->huf_ok = true;
    }
    else if ( !z->huf_ok )
        return fail(z, "zstd: treeless literals without a table");
    if ( lit_huffman(z, p + tlen, csize - tlen, regen, sf != 0) )
        return fail(z, "zstd: corrupt Huffman literals");
    z->lit = z->lit_buf;
    z->lit_len = regen;
    *used = hlen + csize;
    return 0;
}

/* One of the three code tables, per its compression mode (0-3). */
static int seq_table(struct zstd *z, unsigned int which, unsigned int mode,
                     const uint8_t *p, size_t len, size_t *used)
{
    static const unsigned int max_sym[3] = { 35, 31, 52 };
    static const unsigned int max_log[3] = { 9, 8, 9 };
    struct fse_table *t = &z->seq[which];
    int rc = 0;

    *used = 0;
    switch ( mode )
    {
    case 0:                                     /* predefined */
        rc = which == LL ? fse_build(t, ll_default, 36, 6)
             : which == OF ? fse_build(t, of_default, 29, 5)
                           : fse_build(t, ml_default, 53, 6);
        break;
    case 1:                                     /* RLE: one symbol */
        if ( !len || p[0] > max_sym[which] )
            return -EINVAL;
        t->log = 0;
        t->e[0].sym = p[0];
        t->e[0].nbits = 0;
        t->e[0].base = 0;
        *used = 1;
        break;
    case 2:
        rc = fse_read_table(t, p, len, max_sym[which], max_log[which], used);
        break;
    default:                                    /* repeat the last one */
        return z->seq_ok[which] ? 0 : -EINVAL;
    }
    z->seq_ok[which] = !rc;
    return rc;
}

/* Offset value (1-3: repeat codes) to offset, updating the history. */
static uint32_t seq_offset(struct zstd *z, uint32_t ofv, size_t ll)
{
    uint32_t off;
    unsigned int idx;

    if ( ofv > 3 )
    {
        z->rep[2] = z->rep[1];
        z->rep[1] = z->rep[0];
        return z->rep[0] = ofv - 3;
    }
    idx = ofv - 1 + (ll == 0);
    if ( !idx )
        return z->rep[0];
    off = idx == 3 ? z->rep[0] - 1 : z->rep[idx];
    if ( idx > 1 )
        z->rep[2] = z->rep[1];
    z->rep[1] = z->rep[0];
    return z->rep[0] = off;
}

/* Copy ll literals, then a match of ml bytes at off back. */
static int seq_exec(struct zstd *z, size_t *lit_pos, size_t ll, size_t ml,
                    uint32_t off)
{
    if ( z->lit_len - *lit_pos < ll )
        return fail(z, "zstd: sequence past the literals");
    if ( z->cap - z->pos < ll || z->cap - z->pos - ll < ml )
    {
        z->why = "zstd: output larger than buffer";
        return -ENOSPC;
    }
    memcpy(z->out + z->pos, z->lit + *lit_pos, ll);
    *lit_pos += ll;
    z->pos += ll;
    if ( !ml )
        return 0;
    if ( !off || off > z->pos - z->frame_start )
        return fail(z, "zstd: bad match offset");
    dc_copy_match(z->out + z->pos, off, ml);
    z->pos += ml;
    return 0;
}

static int seq_run(struct zstd *z, struct zbits *b, unsigned int nr)
{
    const struct fse_table *tl = &z->seq[LL], *to = &z->seq[OF];
    const struct fse_table *tm = &z->seq[ML];
    uint32_t sl = (uint32_t)zbits_read(b, tl->log);
    uint32_t so = (uint32_t)zbits_read(b, to->log);
    uint32_t sm = (uint32_t)zbits_read(b, tm->log);
    size_t lit_pos = 0;
    int rc;

    while ( nr-- )
    {
        const struct fse_entry *el = &tl->e[sl], *eo = &to->e[so];
        const struct fse_entry *em = &tm->e[sm];
        uint32_t ofv, off;
        size_t ll, ml;

        if ( eo->sym > 31 )
            return fail(z, "zstd: bad offset code");
        ofv = (1U << eo->sym) + (uint32_t)zbits_read(b, eo->sym);
        ml = ml_base[em->sym] + zbits_read(b, ml_bits[em->sym]);
        ll = ll_base[el->sym] + zbits_read(b, ll_bits[el->sym]);
        if ( b->pos < 0 )
            return fail(z, "zstd: truncated sequences");
        off = seq_offset(z, ofv, ll);
        if ( nr )
        {
            sl = el->base + (uint32_t)zbits_read(b, el->nbits);
            sm = em->base + (uint32_t)zbits_read(b, em->nbits);
            so = eo->base + (uint32_t)zbits_read(b, eo->nbits);
        }
        rc = seq_exec(z, &lit_pos, ll, ml, off);
        if ( rc )
            return rc;
    }
    if ( b->pos )
        return fail(z, "zstd: sequence bits left over");
    return seq_exec(z, &lit_pos, z->lit_len - lit_pos, 0, 1);
}

/* Sequences section at p[0, len) (the rest of the block). */
static int sequences(struct zstd *z, const uint8_t *p, size_t len)
{
    size_t i = 1, used;
    unsigned int nr, modes, t;
    struct zbits b;

    if ( !len )
        return fail(z, "zstd: truncated sequences header");
    nr = p[0];
    if ( nr >= 128 )
    {
        if ( len < (nr == 255 ? 3U : 2U) )
            return fail(z, "zstd: truncated sequences header");
        nr = nr == 255 ? p[1] + (p[2] << 8U) + 0x7f00U
                       : ((nr - 128) << 8) + p[1];
        i = p[0] == 255 ? 3 : 2;
    }
    if ( !nr )
    {
        if ( i != len )
            return fail(z, "zstd: bytes after an empty sequences section");
        return seq_exec(z, &(size_t){ 0 }, z->lit_len, 0, 1);
    }
    if ( i >= len || (p[i] & 3) )
        return fail(z, "zstd: bad sequence modes");
    modes = p[i++];
    for ( t = 0; t < 3; t++ )
    {
        if ( seq_table(z, t, (modes >> (6 - 2 * t)) & 3, p + i, len - i,
                       &used) )
            return fail(z, "zstd: bad sequence table");
        i += used;
    }
    if ( zbits_init(&b, p + i, len - i) )
        return fail(z, "zstd: bad sequence bit stream");
    return seq_run(z, &b, nr);
}

static int block(struct zstd *z, unsigned int type, const uint8_t *p,
                 size_t size)
{
    size_t used;
    int rc;

    if ( type == 3 )
        return fail(z, "zstd: reserved block type");
    if ( type < 2 )
    {
        /* Raw: size bytes; RLE: one byte repeated size times. */
        if ( z->cap - z->pos < size )
        {
            z->why = "zstd: output larger than buffer";
            return -ENOSPC;
        }
        if ( type == 0 )
            memcpy(z->out + z->pos, p, size);
        else
            memset(z->out + z->pos, p[0], size);
        z->pos += size;
        return 0;
    }
    rc = literals(z, p, size, &used);
    return rc ? rc : sequences(z, p + used, size - used);
}

/*
 * Frame header after the magic at *pin (advanced past it); sets *fcs
 * (~0: absent) and *csum.
 */
static int frame_header(const uint8_t **pin, const uint8_t *end,
                        uint64_t *fcs, bool *csum, const char **why)
{
    static const uint8_t did_len[4] = { 0, 1, 2, 4 };
    const uint8_t *in = *pin;
    unsigned int fhd, fcs_len, n, i;
    uint64_t did = 0;

    *why = "zstd: truncated frame header";
    if ( in >= end )
        return -EINVAL;
    fhd = in[0];
    fcs_len = (fhd >> 6) ? 1U << (fhd >> 6) : (fhd & 0x20) ? 1 : 0;
    n = 1 + !(fhd & 0x20) + did_len[fhd & 3] + fcs_len;
    if ( (size_t)(end - in) < n )
        return -EINVAL;
    *why = "zstd: reserved frame header bit";
    if ( fhd & 0x08 )
        return -EINVAL;
    for ( i = 0; i < did_len[fhd & 3]; i++ )
        did |= (uint64_t)in[1 + !(fhd & 0x20) + i] << (8 * i);
    *why = "zstd: dictionaries not supported";
    if ( did )
        return -EOPNOTSUPP;
    *fcs = fcs_len ? 0 : ~0ULL;
    for ( i = 0; i < fcs_len; i++ )
        *fcs |= (uint64_t)in[n - fcs_len + i] << (8 * i);
    if ( fcs_len == 2 )
        *fcs += 256;
    *csum = fhd & 0x04;
    *pin = in + n;
    *why = NULL;
    return 0;
}

static int frame(struct zstd *z)
{
    uint64_t fcs;
    bool csum, last = false;
    int rc = frame_header(&z->in, z->end, &fcs, &csum, &z->why);

    z->frame_start = z->pos;
    z->rep[0] = 1;
    z->rep[1] = 4;
    z->rep[2] = 8;
    z->huf_ok = z->seq_ok[0] = z->seq_ok[1] = z->seq_ok[2] = false;
    while ( !rc && !last )
    {
        uint32_t h, size, type;

        if ( z->end - z->in < 3 )
            return fail(z, "zstd: truncated block header");
        h = z->in[0] | (z->in[1] << 8) | ((uint32_t)z->in[2] << 16);
        z->in += 3;
        last = h & 1;
        type = (h >> 1) & 3;
        size = h >> 3;
        if ( size > ZSTD_BLOCK_MAX ||
             (size_t)(z->end - z->in) < (type == 1 ? 1 : size) )
            return fail(z, "zstd: bad block size");
        rc = block(z, type, z->in, size);
        z->in += type == 1 ? 1 : size;
    }
    if ( rc )
        return rc;
    if ( fcs != ~0ULL && fcs != z->pos - z->frame_start )
        return fail(z, "zstd: frame content size mismatch");
    if ( csum )
    {
        if ( z->end - z->in < 4 )
            return fail(z, "zstd: truncated checksum");
        if ( dc_le32(z->in) != (uint32_t)dc_xxh64(z->out + z->frame_start,
                                                  z->pos - z->frame_start, 0) )
            return fail(z, "zstd: content checksum mismatch");
        z->in += 4;
    }
    return 0;
}

/* Frames and skippable frames until the input ends. */
static int frames(struct zstd *z)
{
    int rc = 0;

    if ( z->end - z->in < 4 )
        return fail(z, "zstd: truncated magic");
    while ( !rc && z->in < z->end )
    {
        uint32_t magic;

        if ( z->end - z->in < 4 )
            return fail(z, "zstd: trailing bytes");
        magic = dc_le32(z->in);
        z->in += 4;
        if ( magic == ZSTD_MAGIC )
            rc = frame(z);
        else if ( (magic & ~0xfU) == ZSTD_SKIP_MAGIC )
        {
            if ( z->end - z->in < 4 ||
                 (size_t)(z->end - z->in) - 4 < dc_le32(z->in) )
                return fail(z, "zstd: truncated skippable frame");
            z->in += 4 + dc_le32(z->in);
        }
        else
            return fail(z, "zstd: bad magic");
    }
    return rc;
}

int dc_unzstd(const void *in, size_t in_len, void *out, size_t out_cap,
              size_t *out_len, const char **why)
{
    struct zstd *z = xmalloc(struct zstd);
    int rc;

    *out_len = 0;
    if ( !z )
    {
        *why = "out of memory";
        return -ENOMEM;
    }
    z->in = in;
    z->end = z->in + in_len;
    z->out = out;
    z->cap = out_cap;
    z->pos = 0;
    z->why = NULL;
    rc = frames(z);
    *out_len = z->pos;
    *why = z->why;
    xfree(z);
    return rc;
}

/*
 * Sum of the content sizes the frame headers declare, walking blocks
 * without decoding them. -ENODATA if a frame does not say.
 */
int dc_zstd_size(const void *in, size_t in_len, size_t *size,
                 const char **why)
{
    const uint8_t *p = in, *end = p + in_len;
    uint64_t sum = 0, fcs;
    bool csum, last;
    int rc = 0;

    while ( !rc && end - p >= 4 )
    {
        uint32_t magic = dc_le32(p);

        p += 4;
        if ( (magic & ~0xfU) == ZSTD_SKIP_MAGIC && end - p >= 4 &&
             (size_t)(end - p) - 4 >= dc_le32(p) )
        {
            p += 4 + dc_le32(p);
            continue;
        }
        if ( magic != ZSTD_MAGIC ||
             (rc = frame_header(&p, end, &fcs, &csum, why)) )
            break;
        if ( fcs == ~0ULL )
        {
            *why = "zstd: frame without content size";
            return -ENODATA;
        }
        sum += fcs;
        for ( last = false; !last; )
        {
            uint32_t h;

            if ( end - p < 3 )
                goto bad;
            h = p[0] | (p[1] << 8) | ((uint32_t)p[2] << 16);
            last = h & 1;
            h = ((h >> 1) & 3) == 1 ? 1 : h >> 3;
            if ( (size_t)(end - p) - 3 < h )
                goto bad;
            p += 3 + h;
        }
        if ( csum )
            p += 4;
    }
    if ( rc == -EOPNOTSUPP )
        return rc;
    if ( rc || p != end || sum > (size_t)-1 )
        goto bad;
    *size = (size_t)sum;
    return 0;

 bad:
    *why = "zstd: bad frame";
    return -EINVAL;
}
