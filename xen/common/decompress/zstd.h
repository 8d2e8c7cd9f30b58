/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals shared by unzstd.c (frames, blocks, sequences) and
 * unzstd-fse.c (entropy tables): the backward bit reader of RFC 8878
 * 4.1, FSE decoding tables and the Huffman literal table.
 */
#ifndef __DECOMPRESS_ZSTD_H__
#define __DECOMPRESS_ZSTD_H__

#include <xen/types.h>
#include "private.h"

#define ZSTD_FSE_LOG_MAX    9       /* literal/match lengths; offsets: 8 */
#define ZSTD_HUF_BITS_MAX   11

/*
 * A backward bit stream: read from the last bit towards the first. pos is
 * the number of bits still unread; it goes negative when a read runs past
 * the start (those bits read as zero), which callers treat as corrupt.
 */
struct zbits {
    const uint8_t *buf;
    size_t len;
    long pos;
};

/* Point b at p[0, len): finds the end marker. -EINVAL if there is none. */
int zbits_init(struct zbits *b, const uint8_t *p, size_t len);

/* The next n (<= 56) bits, not consumed. */
static inline uint64_t zbits_peek(const struct zbits *b, unsigned int n)
{
    uint64_t v = 0;
    size_t start, byte, i;
    unsigned int have = n;

    if ( !n || b->pos <= 0 )
        return 0;
    if ( b->pos < (long)n )
        have = (unsigned int)b->pos;
    start = (size_t)b->pos - have;
    byte = start >> 3;
    if ( byte + 8 <= b->len )
        v = dc_le64(b->buf + byte);
    else
        for ( i = 0; byte + i < b->len; i++ )
            v |= (uint64_t)b->buf[byte + i] << (8 * i);
    v = (v >> (start & 7)) & ((1ULL << have) - 1);
    return v << (n - have);
}

static inline uint64_t zbits_read(struct zbits *b, unsigned int n)
{
    uint64_t v = zbits_peek(b, n);

    b->pos -= n;
    return v;
}

/* One state of an FSE table: symbol, bits to read, base of next state. */
struct fse_entry {
    uint8_t sym;
    uint8_t nbits;
    uint16_t base;
};

struct fse_table {
    unsigned int log;
    struct fse_entry e[1 << ZSTD_FSE_LOG_MAX];
};

/*
 * Read an FSE table description (normalized counts) at p[0, len) for
 * symbols 0..max_sym with accuracy log <= max_log and build t from it.
 * *used gets the bytes taken. Returns 0 or -EINVAL.
 */
int fse_read_table(struct fse_table *t, const uint8_t *p, size_t len,
                   unsigned int max_sym, unsigned int max_log, size_t *used);
/* Build t from counts norm[0..nsym) (-1: "less than one") at log. */
int fse_build(struct fse_table *t, const int16_t *norm, unsigned int nsym,
              unsigned int log);

/* Huffman decoding table: index by the next maxbits bits. */
struct huf_table {
    unsigned int maxbits;
    uint16_t e[1 << ZSTD_HUF_BITS_MAX];     /* nbits << 8 | symbol */
};

/*
 * Read a Huffman tree description at p[0, len) into t; *used gets its
 * size. scratch holds the FSE table of compressed weights.
 */
int huf_read_table(struct huf_table *t, const uint8_t *p, size_t len,
                   size_t *used, struct fse_table *scratch);
/* Decode exactly n literals from one stream; it must be used up exactly. */
int huf_decode_stream(const struct huf_table *t, const uint8_t *p,
                      size_t len, uint8_t *out, size_t n);

#endif /* __DECOMPRESS_ZSTD_H__ */
