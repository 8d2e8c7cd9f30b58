/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Private to xen/arch/x86/x86-decode/: the opcode attribute bits and the
 * tables decode.c and mmio.c share.
 */
#ifndef __X86_DECODE_PRIV_H__
#define __X86_DECODE_PRIV_H__

#include <asm/x86-decode.h>

#define X86D_MODRM      (1u << 0)   /* a ModRM byte follows */
#define X86D_IMM8       (1u << 1)   /* imm8 (second immediate with IMM16) */
#define X86D_IMM16      (1u << 2)   /* imm16 */
#define X86D_IMMZ       (1u << 3)   /* imm16 or imm32 by operand size */
#define X86D_IMMV       (1u << 4)   /* imm16, imm32 or imm64 by op size */
#define X86D_MOFFS      (1u << 5)   /* offset of the address size */
#define X86D_FAR        (1u << 6)   /* ptr16:16 or ptr16:32 */
#define X86D_INV64      (1u << 7)   /* invalid in 64-bit mode */
#define X86D_INV        (1u << 8)   /* undefined opcode */
#define X86D_BYTE       (1u << 9)   /* byte operand */
#define X86D_D64        (1u << 10)  /* 64-bit op size by default (long mode) */
#define X86D_REL        (1u << 11)  /* near branch: like D64 */
#define X86D_GRP3       (1u << 12)  /* F6/F7: immediate only for /0 and /1 */
#define X86D_PREFIX     (1u << 13)  /* legacy prefix byte */
#define X86D_CRDR       (1u << 14)  /* MOV CR/DR: ModRM.mod read as 11b */

extern const uint16_t x86d_onebyte[256];
extern const uint16_t x86d_twobyte[256];

/* Set insn->kind from the decoded opcode (classify.c). */
void x86d_classify(struct x86_insn *insn);

#endif /* __X86_DECODE_PRIV_H__ */
