/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Offsets of struct guest_regs (asm/domain.h) for the world-switch
 * stubs. hvm/hvm.c checks each against offsetof() at build time.
 */
#ifndef __ASM_ASM_OFFSETS_H__
#define __ASM_ASM_OFFSETS_H__

#define GR_rax      0
#define GR_rbx      8
#define GR_rcx      16
#define GR_rdx      24
#define GR_rsi      32
#define GR_rdi      40
#define GR_rbp      48
#define GR_rsp      56
#define GR_r8       64
#define GR_r9       72
#define GR_r10      80
#define GR_r11      88
#define GR_r12      96
#define GR_r13      104
#define GR_r14      112
#define GR_r15      120
#define GR_rip      128
#define GR_rflags   136

#endif /* __ASM_ASM_OFFSETS_H__ */
