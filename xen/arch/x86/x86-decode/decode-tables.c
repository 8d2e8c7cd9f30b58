/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Opcode attribute tables for the x86 decoder: for each one-byte and 0F
 * opcode, whether a ModRM byte follows, which immediates follow, and the
 * operand-size and validity rules that affect the length. Facts from the
 * Intel SDM Vol2 Appendix A opcode maps and AMD APM Vol3 Appendix A.
 */
#include "decode.h"

#define M       X86D_MODRM
#define I8      X86D_IMM8
#define I16     X86D_IMM16
#define IZ      X86D_IMMZ
#define IV      X86D_IMMV
#define MO      X86D_MOFFS
#define FAR     X86D_FAR
#define N64     X86D_INV64
#define INV     X86D_INV
#define B       X86D_BYTE
#define D64     X86D_D64
#define REL     X86D_REL
#define G3      X86D_GRP3
#define PFX     X86D_PREFIX
#define CR      X86D_CRDR

/* ADD/OR/ADC/SBB/AND/SUB/XOR/CMP: r/m8,r8 r/m,r r8,r/m8 r,r/m AL,ib eAX,iz */
#define ALU_ROW(b) \
    [(b) + 0] = M | B, [(b) + 1] = M, [(b) + 2] = M | B, [(b) + 3] = M, \
    [(b) + 4] = I8 | B, [(b) + 5] = IZ

const uint16_t x86d_onebyte[256] = {
    ALU_ROW(0x00), ALU_ROW(0x08), ALU_ROW(0x10), ALU_ROW(0x18),
    ALU_ROW(0x20), ALU_ROW(0x28), ALU_ROW(0x30), ALU_ROW(0x38),
    [0x06] = N64, [0x07] = N64, [0x0e] = N64,
    [0x16] = N64, [0x17] = N64, [0x1e] = N64, [0x1f] = N64,
    [0x26] = PFX, [0x2e] = PFX, [0x36] = PFX, [0x3e] = PFX,
    [0x27] = N64, [0x2f] = N64, [0x37] = N64, [0x3f] = N64,
    [0x50 ... 0x5f] = D64,
    [0x60] = N64, [0x61] = N64, [0x62] = M | N64, [0x63] = M,
    [0x64 ... 0x67] = PFX,
    [0x68] = IZ | D64, [0x69] = M | IZ, [0x6a] = I8 | D64, [0x6b] = M | I8,
    [0x6c] = B, [0x6e] = B,
    [0x70 ... 0x7f] = I8 | D64,
    [0x80] = M | I8 | B, [0x81] = M | IZ, [0x82] = M | I8 | B | N64,
    [0x83] = M | I8,
    [0x84] = M | B, [0x85] = M, [0x86] = M | B, [0x87] = M,
    [0x88] = M | B, [0x89] = M, [0x8a] = M | B, [0x8b] = M,
    [0x8c] = M, [0x8d] = M, [0x8e] = M, [0x8f] = M | D64,
    [0x9a] = FAR | N64, [0x9c] = D64, [0x9d] = D64,
    [0xa0] = MO | B, [0xa1] = MO, [0xa2] = MO | B, [0xa3] = MO,
    [0xa4] = B, [0xa6] = B, [0xa8] = I8 | B, [0xa9] = IZ,
    [0xaa] = B, [0xac] = B, [0xae] = B,
    [0xb0 ... 0xb7] = I8 | B, [0xb8 ... 0xbf] = IV,
    [0xc0] = M | I8 | B, [0xc1] = M | I8, [0xc2] = I16 | D64, [0xc3] = D64,
    [0xc4] = M | N64, [0xc5] = M | N64,
    [0xc6] = M | I8 | B, [0xc7] = M | IZ,
    [0xc8] = I16 | I8 | D64, [0xc9] = D64, [0xca] = I16,
    [0xcd] = I8, [0xce] = N64,
    [0xd0] = M | B, [0xd1] = M, [0xd2] = M | B, [0xd3] = M,
    [0xd4] = I8 | N64, [0xd5] = I8 | N64, [0xd6] = N64,
    [0xd8 ... 0xdf] = M,
    [0xe0 ... 0xe3] = I8 | D64,
    [0xe4] = I8 | B, [0xe5] = I8, [0xe6] = I8 | B, [0xe7] = I8,
    [0xe8] = IZ | REL, [0xe9] = IZ | REL, [0xea] = FAR | N64,
    [0xeb] = I8 | D64, [0xec] = B, [0xee] = B,
    [0xf0] = PFX, [0xf2] = PFX, [0xf3] = PFX,
    [0xf6] = M | G3 | B, [0xf7] = M | G3, [0xfe] = M | B, [0xff] = M,
};

const uint16_t x86d_twobyte[256] = {
    [0x00 ... 0x03] = M, [0x04] = INV, [0x0a] = INV, [0x0c] = INV,
    [0x0d] = M, [0x0f] = M | I8,            /* 3DNow!: suffix as imm8 */
    [0x10 ... 0x1f] = M,
    [0x20 ... 0x23] = M | CR, [0x24 ... 0x27] = INV,
    [0x28 ... 0x2f] = M,
    [0x36] = INV, [0x39] = INV,             /* 38, 3A: escapes */
    [0x3b ... 0x3f] = INV,
    [0x40 ... 0x6f] = M,
    [0x70 ... 0x73] = M | I8, [0x74 ... 0x76] = M,
    [0x78] = M, [0x79] = M, [0x7a] = INV, [0x7b] = INV, [0x7c ... 0x7f] = M,
    [0x80 ... 0x8f] = IZ | REL,
    [0x90 ... 0x9f] = M | B,
    [0xa0] = D64, [0xa1] = D64, [0xa3] = M, [0xa4] = M | I8, [0xa5] = M,
    [0xa6] = INV, [0xa7] = INV, [0xa8] = D64, [0xa9] = D64,
    [0xab] = M, [0xac] = M | I8, [0xad] = M, [0xae] = M, [0xaf] = M,
    [0xb0] = M | B, [0xb1 ... 0xb9] = M, [0xba] = M | I8, [0xbb ... 0xbf] = M,
    [0xc0] = M | B, [0xc1] = M, [0xc2] = M | I8, [0xc3] = M,
    [0xc4 ... 0xc6] = M | I8, [0xc7] = M,
    [0xd0 ... 0xff] = M,
};
