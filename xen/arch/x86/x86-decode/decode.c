/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86 instruction decoder: prefixes, REX, VEX/XOP/EVEX, opcode maps,
 * ModRM/SIB/displacement and immediates, giving the length and operands of
 * one instruction. Entry points x86_decode() and x86_insn_length(); the
 * opcode attributes are in decode-tables.c, MMIO helpers in mmio.c.
 * Never reads beyond min(avail, 15) bytes of the buffer. No locking.
 */
#include <xen/errno.h>
#include "decode.h"

struct dctx {
    const uint8_t *buf;
    size_t avail;
    unsigned int pos;
    struct x86_insn *insn;
};

static int peek(const struct dctx *c, uint8_t *b)
{
    if ( c->pos >= X86_MAX_INSN_LEN )
        return -E2BIG;
    if ( c->pos >= c->avail )
        return -EAGAIN;
    *b = c->buf[c->pos];
    return 0;
}

static int fetch(struct dctx *c, uint8_t *b)
{
    int rc = peek(c, b);

    if ( !rc )
        c->pos++;
    return rc;
}

/* Little-endian immediate or displacement of n bytes, zero-extended. */
static int fetch_n(struct dctx *c, unsigned int n, uint64_t *val)
{
    unsigned int i;
    uint8_t b;
    int rc;

    *val = 0;
    for ( i = 0; i < n; i++ )
    {
        rc = fetch(c, &b);
        if ( rc )
            return rc;
        *val |= (uint64_t)b << (8 * i);
    }
    return 0;
}

static int64_t sext(uint64_t v, unsigned int bytes)
{
    unsigned int shift = 64 - 8 * bytes;

    return bytes >= 8 ? (int64_t)v : (int64_t)(v << shift) >> shift;
}

/* Legacy prefixes and REX; returns the first opcode byte in *op. */
static int decode_prefixes(struct dctx *c, uint8_t *op)
{
    struct x86_insn *insn = c->insn;
    uint8_t b, rep = 0;
    int rc;

    for ( ;; )
    {
        rc = fetch(c, &b);
        if ( rc )
            return rc;
        switch ( b )
        {
        case 0x26: case 0x2e: case 0x36: case 0x3e:
            insn->prefixes |= X86_PFX_SEG;
            insn->seg = (b >> 3) & 3;
            break;
        case 0x64: case 0x65:
            insn->prefixes |= X86_PFX_SEG;
            insn->seg = X86_SEG_FS + (b & 1);
            break;
        case 0x66: insn->prefixes |= X86_PFX_OPSIZE; break;
        case 0x67: insn->prefixes |= X86_PFX_ADDRSIZE; break;
        case 0xf0: insn->prefixes |= X86_PFX_LOCK; break;
        case 0xf2: insn->prefixes |= X86_PFX_REPNE; rep = b; break;
        case 0xf3: insn->prefixes |= X86_PFX_REP; rep = b; break;
        default:
            if ( insn->mode == 64 && (b & 0xf0) == 0x40 )
            {
                insn->rex = b;      /* only the last REX before the opcode */
                continue;
            }
            *op = b;
            insn->simd_pfx = rep ? rep :
                (insn->prefixes & X86_PFX_OPSIZE) ? 0x66 : 0;
            if ( insn->rex )
            {
                insn->prefixes |= X86_PFX_REX;
                insn->rex_w = insn->rex & 8;
                insn->rex_r = insn->rex & 4;
                insn->rex_x = insn->rex & 2;
                insn->rex_b = insn->rex & 1;
            }
            return 0;
        }
        insn->rex = 0;              /* a REX followed by a prefix is void */
    }
}

/* Operand size in bytes of a non-VEX instruction with attributes a. */
static uint8_t op_size(const struct x86_insn *insn, unsigned int a)
{
    bool o16 = insn->prefixes & X86_PFX_OPSIZE;

    if ( a & X86D_BYTE )
        return 1;
    if ( insn->mode == 64 )
    {
        if ( insn->rex_w || (a & X86D_CRDR) )
            return 8;
        /* 66 on near branches: rel16 on AMD and in objdump (not Intel). */
        if ( a & (X86D_D64 | X86D_REL) )
            return o16 ? 2 : 8;
        return o16 ? 2 : 4;
    }
    if ( a & X86D_CRDR )
        return 4;
    return ((insn->mode == 16) != o16) ? 2 : 4;
}

static const int8_t base16[8] = {
    X86_RBX, X86_RBX, X86_RBP, X86_RBP, X86_RSI, X86_RDI, X86_RBP, X86_RBX,
};
static const int8_t index16[8] = {
    X86_RSI, X86_RDI, X86_RSI, X86_RDI,
    X86_REG_NONE, X86_REG_NONE, X86_REG_NONE, X86_REG_NONE,
};

/* 16-bit addressing forms (SDM Vol2 Table 2-1). Returns the disp size. */
static unsigned int modrm16(struct x86_insn *insn)
{
    struct x86_mem *m = &insn->mem;

    if ( insn->mod == 0 && insn->rm_field == 6 )
        return 2;
    m->base = base16[insn->rm_field];
    m->index = index16[insn->rm_field];
    return insn->mod == 1 ? 1 : insn->mod == 2 ? 2 : 0;
}

/* 32/64-bit addressing with optional SIB. Returns the disp size or < 0. */
static int modrm32(struct dctx *c, struct x86_insn *insn)
{
    struct x86_mem *m = &insn->mem;
    unsigned int dsize = insn->mod == 1 ? 1 : insn->mod == 2 ? 4 : 0;
    uint8_t base = insn->rm_field, index;
    int rc;

    if ( insn->rm_field == 4 )
    {
        rc = fetch(c, &insn->sib);
        if ( rc )
            return rc;
        insn->has_sib = true;
        insn->sib_scale = insn->sib >> 6;
        insn->sib_index = (insn->sib >> 3) & 7;
        insn->sib_base = base = insn->sib & 7;
        index = insn->sib_index | (insn->rex_x << 3);
        if ( index != X86_RSP )
            m->index = index;
        m->scale = 1u << insn->sib_scale;
        if ( base == 5 && insn->mod == 0 )
            return 4;                   /* disp32, no base */
    }
    else if ( base == 5 && insn->mod == 0 )
    {
        m->rip_rel = insn->mode == 64;  /* disp32 alone outside long mode */
        return 4;
    }
    m->base = base | (insn->rex_b << 3);
    return dsize;
}

static int decode_modrm(struct dctx *c, struct x86_insn *insn, bool crdr)
{
    struct x86_mem *m = &insn->mem;
    uint64_t disp;
    int rc, dsize;

    rc = fetch(c, &insn->modrm);
    if ( rc )
        return rc;
    insn->has_modrm = true;
    insn->mod = insn->modrm >> 6;
    insn->reg_field = (insn->modrm >> 3) & 7;
    insn->rm_field = insn->modrm & 7;
    insn->reg = insn->reg_field | (insn->rex_r << 3);
    if ( crdr || insn->mod == 3 )
    {
        insn->rm = insn->rm_field | (insn->rex_b << 3);
        return 0;
    }

    m->present = true;
    dsize = insn->addr_size == 2 ? (int)modrm16(insn) : modrm32(c, insn);
    if ( dsize < 0 )
        return dsize;
    rc = fetch_n(c, dsize, &disp);
    if ( rc )
        return rc;
    insn->disp_size = dsize;
    insn->disp = m->disp = dsize ? sext(disp, dsize) : 0;
    if ( insn->prefixes & X86_PFX_SEG )
        m->seg = insn->seg;
    else
        m->seg = (m->base == X86_RSP || m->base == X86_RBP) ?
                 X86_SEG_SS : X86_SEG_DS;
    return 0;
}

/* Immediates (and moffs) described by attributes a. */
static int decode_imm(struct dctx *c, struct x86_insn *insn, unsigned int a)
{
    unsigned int n = 0, n2 = 0;
    uint64_t v;
    int rc;

    if ( a & X86D_IMM16 )
        n = 2;
    else if ( a & X86D_IMMZ )
        n = insn->op_size == 2 ? 2 : 4;
    else if ( a & X86D_IMMV )
        n = insn->op_size;
    else if ( a & X86D_FAR )
    {
        n = insn->op_size == 2 ? 2 : 4;
        n2 = 2;
    }
    else if ( (a & X86D_GRP3) && insn->reg_field < 2 )
        n = insn->op_size == 1 ? 1 : insn->op_size == 2 ? 2 : 4;
    if ( a & X86D_IMM8 )
    {
        if ( n )
            n2 = 1;
        else
            n = 1;
    }

    if ( a & X86D_MOFFS )
    {
        rc = fetch_n(c, insn->addr_size, &v);
        if ( rc )
            return rc;
        insn->mem.present = true;
        insn->mem.disp = v;
        insn->mem.seg = insn->prefixes & X86_PFX_SEG ? insn->seg : X86_SEG_DS;
        insn->disp = v;
        insn->disp_size = insn->addr_size;
    }
    rc = fetch_n(c, n, &insn->imm);
    if ( !rc )
        rc = fetch_n(c, n2, &insn->imm2);
    insn->imm_size = n + n2;
    return rc;
}

/* VEX (C4/C5), XOP (8F) and EVEX (62) prefixes. */
static int decode_vex(struct dctx *c, struct x86_insn *insn, uint8_t esc)
{
    static const uint8_t pp_pfx[4] = { 0, 0x66, 0xf3, 0xf2 };
    uint8_t p[3] = { 0, 0, 0 }, mm;
    unsigned int i, n = esc == 0xc5 ? 1 : esc == 0x62 ? 3 : 2;
    int rc;

    if ( insn->rex || (insn->prefixes & (X86_PFX_OPSIZE | X86_PFX_REP |
                                         X86_PFX_REPNE | X86_PFX_LOCK)) )
        return -EINVAL;                 /* #UD (SDM Vol2 2.3.2) */
    for ( i = 0; i < n; i++ )
        if ( (rc = fetch(c, &p[i])) != 0 )
            return rc;
    if ( esc == 0xc5 )
    {
        /* Two-byte form: R vvvv L pp; as C4 with X = B = 1, map 0F, W0. */
        p[1] = p[0] & 0x7f;
        p[0] = (p[0] & 0x80) | 0x61;
    }

    mm = p[0] & (esc == 0x62 ? 0x07 : 0x1f);
    if ( esc == 0x62 )
    {
        if ( !(p[1] & 4) || mm == 0 || mm == 4 || mm == 7 )
            return -EINVAL;
        insn->prefixes |= X86_PFX_EVEX;
        insn->map = mm <= 3 ? mm : X86_MAP_EVEX5 + (mm - 5);
        insn->vex_l = (p[2] >> 5) & 3;
    }
    else if ( esc == 0x8f )
    {
        if ( mm > 10 )
            return -EINVAL;
        insn->prefixes |= X86_PFX_XOP;
        insn->map = X86_MAP_XOP8 + (mm - 8);
        insn->vex_l = (p[1] >> 2) & 1;
    }
    else
    {
        if ( mm < 1 || mm > 3 )
            return -EINVAL;
        insn->prefixes |= X86_PFX_VEX;
        insn->map = mm;
        insn->vex_l = (p[1] >> 2) & 1;
    }
    insn->simd_pfx = pp_pfx[p[1] & 3];
    insn->vex_v = (~p[1] >> 3) & 15;
    insn->rex_w = p[1] & 0x80;
    if ( insn->mode == 64 )
    {
        insn->rex_r = !(p[0] & 0x80);
        insn->rex_x = !(p[0] & 0x40);
        insn->rex_b = !(p[0] & 0x20);
    }
    return 0;
}

/* Attributes of the opcode that follows a VEX/XOP/EVEX prefix. */
static unsigned int vex_attrs(const struct x86_insn *insn)
{
    unsigned int a;

    switch ( insn->map )
    {
    case X86_MAP_0F:
        if ( insn->opcode == 0x77 )
            return 0;                           /* VZEROUPPER/VZEROALL */
        a = x86d_twobyte[insn->opcode];
        return X86D_MODRM | (a & X86D_IMM8) | (a & X86D_INV);
    case X86_MAP_0F3A:
    case X86_MAP_XOP8:
        return X86D_MODRM | X86D_IMM8;
    case X86_MAP_XOPA:
        return X86D_MODRM | X86D_IMMZ;          /* imm32 */
    default:
        return X86D_MODRM;
    }
}

/*
 * The opcode (after prefixes): escapes into the 0F maps and the VEX/EVEX/
 * XOP forms. Returns the attributes in *attrs.
 */
static int decode_opcode(struct dctx *c, struct x86_insn *insn, uint8_t op,
                         unsigned int *attrs)
{
    bool vex = false;
    uint8_t nb;
    int rc;

    if ( op == 0xc4 || op == 0xc5 || op == 0x62 || op == 0x8f )
    {
        rc = peek(c, &nb);
        if ( rc )
            return rc;
        if ( op == 0x8f )
            vex = (nb & 0x1f) >= 8;
        else
            vex = insn->mode == 64 || (nb & 0xc0) == 0xc0;
    }
    if ( vex )
    {
        if ( (rc = decode_vex(c, insn, op)) != 0 ||
             (rc = fetch(c, &insn->opcode)) != 0 )
            return rc;
        *attrs = vex_attrs(insn);
        if ( insn->map == X86_MAP_XOPA )
            insn->op_size = 4;              /* imm32 regardless of 66 */
        return 0;
    }

    insn->opcode = op;
    if ( op != 0x0f )
    {
        *attrs = x86d_onebyte[op];
        return 0;
    }
    if ( (rc = fetch(c, &insn->opcode)) != 0 )
        return rc;
    insn->map = X86_MAP_0F;
    *attrs = x86d_twobyte[insn->opcode];
    if ( insn->opcode == 0x38 || insn->opcode == 0x3a )
    {
        insn->map = insn->opcode == 0x38 ? X86_MAP_0F38 : X86_MAP_0F3A;
        *attrs = X86D_MODRM | (insn->opcode == 0x3a ? X86D_IMM8 : 0);
        return fetch(c, &insn->opcode);
    }
    /* SSE4a EXTRQ/INSERTQ xmm, imm8, imm8. */
    if ( insn->opcode == 0x78 && (insn->simd_pfx == 0x66 ||
                                  insn->simd_pfx == 0xf2) )
        *attrs |= X86D_IMM16;
    return 0;
}

static int decode(struct dctx *c, struct x86_insn *insn)
{
    unsigned int a;
    bool vex;
    uint8_t op;
    int rc;

    if ( (rc = decode_prefixes(c, &op)) != 0 )
        return rc;
    if ( insn->mode == 64 )
        insn->addr_size = insn->prefixes & X86_PFX_ADDRSIZE ? 4 : 8;
    else
        insn->addr_size = ((insn->mode == 16) !=
                           !!(insn->prefixes & X86_PFX_ADDRSIZE)) ? 2 : 4;

    if ( (rc = decode_opcode(c, insn, op, &a)) != 0 )
        return rc;
    vex = insn->prefixes & (X86_PFX_VEX | X86_PFX_EVEX | X86_PFX_XOP);
    if ( (a & X86D_INV) || ((a & X86D_INV64) && insn->mode == 64) )
        return -EINVAL;
    if ( vex )
        insn->op_size = insn->op_size ?: (insn->rex_w ? 8 : 4);
    else
        insn->op_size = op_size(insn, a);
    if ( (a & X86D_MODRM) &&
         (rc = decode_modrm(c, insn, a & X86D_CRDR)) != 0 )
        return rc;
    if ( !(a & X86D_MODRM) && insn->map == X86_MAP_1B &&
         (insn->opcode & 0xf0) == 0xb0 )
        insn->reg = (insn->opcode & 7) | (insn->rex_b << 3);  /* B0-BF +r */
    return decode_imm(c, insn, a);
}

int x86_decode(const uint8_t *buf, size_t avail, unsigned int mode,
               struct x86_insn *insn)
{
    struct dctx c = { .buf = buf, .avail = avail, .insn = insn };
    int rc;

    *insn = (struct x86_insn){
        .mode = mode, .reg = X86_REG_NONE, .rm = X86_REG_NONE,
        .mem = { .base = X86_REG_NONE, .index = X86_REG_NONE, .scale = 1 },
    };
    if ( mode != 16 && mode != 32 && mode != 64 )
        return -EINVAL;

    rc = decode(&c, insn);
    if ( rc )
        return rc;
    insn->len = c.pos;
    x86d_classify(insn);
    return 0;
}

int x86_insn_length(const uint8_t *buf, size_t avail, unsigned int mode)
{
    struct x86_insn insn;
    int rc = x86_decode(buf, avail, mode, &insn);

    return rc ? rc : insn.len;
}
